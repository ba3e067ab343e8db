// vosia.hpp's reads in batches (C++17, -Wall -Wextra -Werror -pedantic): the batches of a
// file are its rows in order; a function returning false stops with VOSIA_E_CANCELLED and
// what one throws comes out; with VOSIA_TEST_DACHS, a live query in batches gives the access
// URLs of its whole execute. Prints "N passed, N failed".
#include "vosia.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "check.hpp"

#ifndef VOSIA_TEST_DATA_DIR
#define VOSIA_TEST_DATA_DIR "tests/data"
#endif

static std::vector<std::string> access_urls(const vosia::results_view &r) {
    std::vector<std::string> urls;
    for (std::int64_t i = 0; i < r.row_count(); i++)
        urls.emplace_back(r.std_str(i, vosia::field::access_url).value_or(""));
    return urls;
}

int main() {
    const char *dir = std::getenv("VOSIA_TEST_DATA");
    std::string three = std::string(dir ? dir : VOSIA_TEST_DATA_DIR) + "/sia1_three.xml";
    auto whole = vosia::results::parse_file(three, VOSIA_SIA1);

    std::vector<std::string> seen;
    std::vector<std::int64_t> firsts;
    auto rest = vosia::results::parse_file_in_batches(
        three, VOSIA_SIA1, 2, [&](vosia::results_view batch, std::int64_t first_row) {
            firsts.push_back(first_row);
            for (auto &u : access_urls(batch)) seen.push_back(u);
        });
    CHECK(seen == access_urls(whole));
    CHECK((firsts == std::vector<std::int64_t>{0, 2}));
    CHECK(rest.row_count() == 0 && rest.column_count() == whole.column_count());

    int calls = 0;
    try {
        vosia::results::parse_file_in_batches(three, VOSIA_SIA1, 1,
                                               [&](vosia::results_view, std::int64_t) {
                                                   return ++calls < 2;
                                               });
        CHECK(false);
    } catch (const vosia::error &e) {
        CHECK(e.status() == VOSIA_E_CANCELLED);
    }
    CHECK(calls == 2);
    try {
        vosia::results::parse_file_in_batches(three, VOSIA_SIA1, 1,
                                               [](vosia::results_view, std::int64_t) {
                                                   throw std::runtime_error("from on_rows");
                                               });
        CHECK(false);
    } catch (const std::runtime_error &e) {
        CHECK(std::string(e.what()) == "from on_rows");
    }

    const char *live = std::getenv("VOSIA_TEST_DACHS");
    if (live != nullptr && live[0] != '\0') {
        vosia::service svc(std::string(live) + "/siatest/q/i/siap.xml?", VOSIA_SIA1);
        vosia::query q(svc);
        q.set_pos(10.68, 41.27).set_size(3.0, 3.0);
        auto all = q.execute();
        std::vector<std::string> batched;
        int batches = 0;
        auto tail = q.execute_in_batches(5, [&](vosia::results_view batch, std::int64_t) {
            batches++;
            for (auto &u : access_urls(batch)) batched.push_back(u);
            return true;
        });
        CHECK(all.row_count() > 5);
        CHECK(batched == access_urls(all));
        CHECK(batches == (all.row_count() + 4) / 5);
        CHECK(tail.row_count() == 0);
    } else {
        std::printf("note: VOSIA_TEST_DACHS not set; skipping the live part\n");
    }
    return check_done("test_in_batches");
}

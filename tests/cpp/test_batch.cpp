// vosia.hpp's execute_all (C++17, -Wall -Wextra -Werror -pedantic): a refused batch gives one
// failed item per query, in order; an argument error throws; a progress function can cancel
// and what it throws comes out of execute_all; with VOSIA_TEST_DACHS, 5 live positions give
// the row counts of serial runs, read through the lent results, and what a service's progress
// function throws on the batch's threads comes out of execute_all. Prints "N passed, N failed".
#include "vosia.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "check.hpp"

static std::vector<vosia::query> positions(const vosia::service &svc, int n) {
    std::vector<vosia::query> qs;
    for (int i = 0; i < n; i++) {
        qs.emplace_back(svc);
        qs.back().set_pos(10.6 + 0.03 * i, 41.2 + 0.02 * i).set_size(0.2, 0.2);
    }
    return qs;
}

static void refused() {
    vosia::service svc("http://127.0.0.1:9/sia?", vosia::sia1);
    svc.set_connect_timeout(2.0);
    std::vector<vosia::query> qs = positions(svc, 4);
    vosia::batch b = vosia::execute_all(qs, {2, 2, 0.0, {}});
    CHECK(b.size() == 4);
    CHECK(!b.all_ok());
    for (const vosia::batch_item &it : b) {
        CHECK(it.status == VOSIA_E_CONNECT);
        CHECK(!it.results.has_value());
        CHECK(it.error.find("127.0.0.1:9") != std::string::npos);
    }
    try {
        vosia::execute_all(qs, {65, 0, 0.0, {}});
        CHECK(false);
    } catch (const vosia::error &e) {
        CHECK(e.status() == VOSIA_E_INVALID_ARG);
    }
    CHECK(vosia::execute_all(std::vector<vosia::query>{}).size() == 0);
}

static void live(const std::string &base) {
    vosia::service svc(base + "/siatest/q/i/siap.xml?", vosia::sia1);
    std::vector<vosia::query> qs = positions(svc, 5);
    vosia::batch b = vosia::execute_all(qs);
    CHECK(b.all_ok());
    std::int64_t total = 0;
    for (std::size_t i = 0; i < b.size(); i++) {
        CHECK(b[i].results.has_value());
        if (!b[i].results) continue;
        std::int64_t rows = b[i].results->row_count();
        CHECK(rows == qs[i].execute().row_count());
        total += rows;
    }
    CHECK(total > 5);

    std::vector<vosia::query> many = positions(svc, 20);
    std::vector<std::int64_t> seen;
    vosia::batch cut = vosia::execute_all(many, {2, 2, 0.0, [&](std::int64_t done, std::int64_t) {
        seen.push_back(done);
        return done < 3;
    }});
    CHECK((seen == std::vector<std::int64_t>{1, 2, 3}));
    int cancelled = 0;
    for (const vosia::batch_item &it : cut) cancelled += it.status == VOSIA_E_CANCELLED;
    CHECK(cancelled >= 14);
    try {
        vosia::execute_all(many, {2, 2, 0.0, [](std::int64_t, std::int64_t) -> bool {
            throw std::runtime_error("stop here");
        }});
        CHECK(false);
    } catch (const std::runtime_error &e) {
        CHECK(std::string(e.what()) == "stop here");
    }

    // A service's own progress function runs on the batch's threads: what it throws comes
    // out of execute_all too, once, and not out of a later call.
    svc.set_progress([](std::int64_t, std::int64_t) -> bool {
        throw std::runtime_error("service stop");
    });
    std::vector<vosia::query> watched = positions(svc, 3);
    try {
        vosia::execute_all(watched, {2, 2, 0.0, {}});
        CHECK(false);
    } catch (const std::runtime_error &e) {
        CHECK(std::string(e.what()) == "service stop");
    }
    svc.set_progress({});
    CHECK(vosia::execute_all(watched).all_ok());
}

static void circles() {
    const std::string doc =
        "<VOTABLE><RESOURCE type=\"results\"><TABLE>"
        "<FIELD name=\"s_ra\" datatype=\"double\"/><FIELD name=\"s_dec\" datatype=\"double\"/>"
        "<FIELD name=\"s_region\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>"
        "<TR><TD>10</TD><TD>41</TD>"
        "<TD>POLYGON ICRS 9.8674 40.9 10.1326 40.9 10.1326 41.1 9.8674 41.1</TD></TR>"
        "<TR><TD/><TD/><TD/></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
    vosia::results r = vosia::results::parse(doc, vosia::sia2);
    const std::vector<std::array<double, 3>> cs = {{10.0, 41.15, 0.06}, {10.0, 41.15, 0.04}};
    auto met = r.circles_met(0, cs);
    CHECK(met.has_value() && *met == (std::vector<bool>{true, false}));
    CHECK(!r.circles_met(1, cs).has_value());
}

int main() {
    refused();
    circles();
    const char *dachs = std::getenv("VOSIA_TEST_DACHS");
    if (dachs != nullptr && *dachs != '\0')
        live(dachs);
    else
        std::printf("note: VOSIA_TEST_DACHS not set; skipping the live part\n");
    return check_done("test_batch");
}

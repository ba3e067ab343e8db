// vosia.hpp's tap_query, registry_search and samp_client (C++17, -Wall -Wextra -Werror
// -pedantic): bad constraints and a missing hub throw vosia::error with the right status;
// with VOSIA_TEST_DACHS, ADQL on the harness's TAP service and the SIA services of its RegTAP
// tables for several constraints, and a hit's service searched. Prints "N passed, N failed".
#include "vosia.hpp"

#include <cstdlib>
#include <set>
#include <string>

#include "check.hpp"

static std::set<std::string> ivoids(const std::vector<vosia::registry_hit> &hits) {
    std::set<std::string> out;
    for (const vosia::registry_hit &h : hits) out.insert(h.ivoid);
    return out;
}

template <class F>
static vosia_status status_of(F &&f) {
    try {
        f();
    } catch (const vosia::error &e) {
        return e.status();
    }
    return VOSIA_OK;
}

static void offline() {
    vosia::service nowhere("http://127.0.0.1:9/tap", vosia::sia2);
    vosia::registry_constraints bad;
    bad.wavebands = {"visible"};
    CHECK(status_of([&] { vosia::registry_search(nowhere, bad); }) == VOSIA_E_INVALID_ARG);
    CHECK(status_of([&] { vosia::tap_query(nowhere, "SELECT 1 FROM x"); }) == VOSIA_E_CONNECT);
    setenv("SAMP_HUB", "std-lockurl:file:///nonexistent/vosia-cpp-samp", 1);
    CHECK(status_of([] { vosia::samp_client c("vosia cpp"); }) == VOSIA_E_CONNECT);
    unsetenv("SAMP_HUB");
}

static void live(const std::string &server) {
    vosia::service reg(server + "/tap", vosia::sia2);
    vosia::results r = vosia::tap_query(reg, "SELECT ivoid FROM rr.resource", 2);
    CHECK(r.row_count() == 2 && r.overflow());

    const std::string sia1 = "ivo://siatest.local/siatest/q/i";
    const std::string sia2 = "ivo://siatest.local/siatest/q/sia2";
    const std::string sia2dl = "ivo://siatest.local/siatest/q/sia2dl";
    const std::string site = "ivo://siatest.local/__system__/siap2/sitewide";
    vosia::registry_constraints c;
    CHECK((ivoids(vosia::registry_search(reg, c)) == std::set<std::string>{sia1, sia2, sia2dl, site}));
    c.service_types = {"sia2"};
    CHECK((ivoids(vosia::registry_search(reg, c)) == std::set<std::string>{sia2, sia2dl, site}));
    c.keywords = {"DataLink"};
    CHECK((ivoids(vosia::registry_search(reg, c)) == std::set<std::string>{sia2dl}));
    c = {};
    c.wavebands = {"optical"};
    CHECK((ivoids(vosia::registry_search(reg, c)) == std::set<std::string>{sia1, sia2, sia2dl}));
    c = {};
    c.ivoids = {sia1};
    std::vector<vosia::registry_hit> hits = vosia::registry_search(reg, c);
    CHECK(hits.size() == 1 && hits[0].sia_version == vosia::sia1);
    CHECK(hits.size() == 1 && hits[0].short_name == "siatest sia1");
    if (!hits.empty()) {
        vosia::service found = hits[0].make_service();
        vosia::query q(found);
        q.set_pos(10.68, 41.27).set_size(1.0, 1.0);
        CHECK(q.execute().row_count() > 0);
    }
    c.position = std::array<double, 3>{10.68, 41.27, 0.0};
    CHECK(status_of([&] { vosia::registry_search(reg, c); }) == VOSIA_E_SERVICE);
}

int main() {
    offline();
    const char *server = std::getenv("VOSIA_TEST_DACHS");
    if (server != nullptr && *server != '\0') live(server);
    return check_done("test_registry (C++)");
}

/* TAP, registry search and SAMP through the C API: the argument contract offline, and (with
 * VOSIA_TEST_DACHS) ADQL on the harness's TAP service and SIA services found in its RegTAP
 * tables, each constraint against the services the harness publishes (the comparison with
 * pyvo for the same constraints is tests/python/test_registry.py, which also sends through a
 * real SAMP hub with examples/c/samp_send.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "check.h"

#define SIA1_Q "ivo://siatest.local/siatest/q/i"
#define SIA2_Q "ivo://siatest.local/siatest/q/sia2"
#define SIA2_DL "ivo://siatest.local/siatest/q/sia2dl"
#define SIA2_SITE "ivo://siatest.local/__system__/siap2/sitewide"

static void test_constraints_are_checked(void) {
    vosia_registry_query *q = NULL;
    CHECK_STATUS(vosia_registry_query_new(&q), VOSIA_OK);
    CHECK_STATUS(vosia_registry_query_add(q, 99, "x"), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_query_add(q, VOSIA_REGISTRY_SERVICE_TYPE, "ssa"),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_query_add(q, VOSIA_REGISTRY_WAVEBAND, "visible"),
                 VOSIA_E_INVALID_ARG);
    CHECK(strstr(vosia_last_error(), "optical") != NULL);
    CHECK_STATUS(vosia_registry_query_add(q, VOSIA_REGISTRY_KEYWORD, "  "), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_query_add(q, VOSIA_REGISTRY_IVOID, "http://x"),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_query_add(q, VOSIA_REGISTRY_KEYWORD, NULL), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_registry_query_set_position(q, 10.0, 91.0, 0.0), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_query_set_position(q, 10.0, 41.0, -1.0), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_query_set_position(q, 10.0, 41.0, 0.5), VOSIA_OK);
    vosia_registry_query_free(q);
    vosia_registry_query_free(NULL);
    vosia_registry_hits_free(NULL);
    CHECK(vosia_registry_hits_count(NULL) == -1);
    CHECK(vosia_last_status() == VOSIA_E_NULL_ARG);

    vosia_service *tap = NULL;
    CHECK_STATUS(vosia_service_new("http://127.0.0.1:9/tap", VOSIA_SIA2, &tap), VOSIA_OK);
    vosia_results *res = NULL;
    CHECK_STATUS(vosia_tap_query(tap, "", -1, &res), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_tap_query(tap, "SELECT 1 FROM x", -1, &res), VOSIA_E_CONNECT);
    CHECK(res == NULL);
    vosia_service_free(tap);
}

static void test_samp_without_a_hub(void) {
    vosia_samp *samp = NULL;
    setenv("SAMP_HUB", "std-lockurl:file:///nonexistent/vosia-test-samp", 1);
    CHECK_STATUS(vosia_samp_connect("vosia-test", &samp), VOSIA_E_CONNECT);
    CHECK(strstr(vosia_last_error(), "start a hub") != NULL);
    setenv("SAMP_HUB", "somewhere-else", 1);
    CHECK_STATUS(vosia_samp_connect("vosia-test", &samp), VOSIA_E_INVALID_ARG);
    CHECK(samp == NULL);
    unsetenv("SAMP_HUB");
    CHECK_STATUS(vosia_samp_send(NULL, VOSIA_SAMP_IMAGE, "x.fits", NULL, NULL, NULL),
                 VOSIA_E_NULL_ARG);
    vosia_samp_free(NULL);
}

/* The ivoids of the hits of one constraint, joined by spaces in hit order. */
static const char *ivoids_of(const vosia_service *reg, int constraint, const char *value) {
    static char joined[1024];
    joined[0] = '\0';
    vosia_registry_query *q = NULL;
    vosia_registry_hits *hits = NULL;
    CHECK_STATUS(vosia_registry_query_new(&q), VOSIA_OK);
    if (constraint != 0) CHECK_STATUS(vosia_registry_query_add(q, constraint, value), VOSIA_OK);
    CHECK_STATUS(vosia_registry_search(reg, q, &hits), VOSIA_OK);
    for (int64_t i = 0; i < vosia_registry_hits_count(hits); i++) {
        const char *id = NULL;
        CHECK_STATUS(vosia_registry_hits_get_attr(hits, i, VOSIA_ATTR_IVOID, &id), VOSIA_OK);
        if (id == NULL) continue;
        if (joined[0] != '\0') strncat(joined, " ", sizeof joined - strlen(joined) - 1);
        strncat(joined, id, sizeof joined - strlen(joined) - 1);
    }
    vosia_registry_hits_free(hits);
    vosia_registry_query_free(q);
    return joined;
}

static void test_live(const char *server) {
    char root[512];
    snprintf(root, sizeof root, "%s/tap", server);
    vosia_service *reg = NULL;
    CHECK_STATUS(vosia_service_new(root, VOSIA_SIA2, &reg), VOSIA_OK);

    /* ADQL through TAP: MAXREC cuts and says so. */
    vosia_results *res = NULL;
    CHECK_STATUS(vosia_tap_query(reg, "SELECT ivoid FROM rr.resource ORDER BY ivoid", 3, &res),
                 VOSIA_OK);
    CHECK(vosia_results_row_count(res) == 3);
    CHECK(vosia_results_overflow(res) == 1);
    vosia_results_free(res);
    res = NULL;
    CHECK_STATUS(vosia_tap_query(reg, "SELECT nosuch FROM rr.resource", -1, &res),
                 VOSIA_E_SERVICE);
    CHECK(strstr(vosia_last_error(), "nosuch") != NULL);

    /* Five constraints, and none. */
    CHECK_STR(ivoids_of(reg, 0, NULL), SIA2_SITE " " SIA1_Q " " SIA2_Q " " SIA2_DL);
    CHECK_STR(ivoids_of(reg, VOSIA_REGISTRY_SERVICE_TYPE, "sia"), SIA1_Q);
    CHECK_STR(ivoids_of(reg, VOSIA_REGISTRY_SERVICE_TYPE, "sia2"), SIA2_SITE " " SIA2_Q " " SIA2_DL);
    CHECK_STR(ivoids_of(reg, VOSIA_REGISTRY_KEYWORD, "DataLink"), SIA2_DL);
    CHECK_STR(ivoids_of(reg, VOSIA_REGISTRY_WAVEBAND, "optical"), SIA1_Q " " SIA2_Q " " SIA2_DL);
    CHECK_STR(ivoids_of(reg, VOSIA_REGISTRY_IVOID, SIA2_Q), SIA2_Q);
    CHECK_STR(ivoids_of(reg, VOSIA_REGISTRY_WAVEBAND, "radio"), "");

    /* A hit's attributes, version and service. */
    vosia_registry_query *q = NULL;
    vosia_registry_hits *hits = NULL;
    CHECK_STATUS(vosia_registry_query_new(&q), VOSIA_OK);
    CHECK_STATUS(vosia_registry_query_add(q, VOSIA_REGISTRY_IVOID, SIA1_Q), VOSIA_OK);
    CHECK_STATUS(vosia_registry_search(reg, q, &hits), VOSIA_OK);
    CHECK(vosia_registry_hits_count(hits) == 1);
    const char *text = NULL;
    CHECK_STATUS(vosia_registry_hits_get_attr(hits, 0, VOSIA_ATTR_SHORT_NAME, &text), VOSIA_OK);
    CHECK_STR(text, "siatest sia1");
    CHECK_STATUS(vosia_registry_hits_get_attr(hits, 0, VOSIA_ATTR_STANDARD_ID, &text), VOSIA_OK);
    CHECK_STR(text, "ivo://ivoa.net/std/sia");
    CHECK_STATUS(vosia_registry_hits_get_attr(hits, 0, VOSIA_ATTR_TITLE, &text), VOSIA_OK);
    CHECK_STR(text, "SIA test images (SIAP 1.0)");
    CHECK_STATUS(vosia_registry_hits_get_attr(hits, 0, VOSIA_ATTR_WAVEBAND, &text), VOSIA_OK);
    CHECK_STR(text, "optical");
    CHECK_STATUS(vosia_registry_hits_get_attr(hits, 0, VOSIA_ATTR_UCD, &text), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_registry_hits_get_attr(hits, 1, VOSIA_ATTR_URL, &text), VOSIA_E_RANGE);
    size_t len = 0;
    CHECK_STATUS(vosia_registry_hits_copy_attr(hits, 0, VOSIA_ATTR_URL, NULL, 0, &len),
                 VOSIA_E_BUFFER_SIZE);
    char url[256];
    CHECK_STATUS(vosia_registry_hits_copy_attr(hits, 0, VOSIA_ATTR_URL, url, sizeof url, &len),
                 VOSIA_OK);
    CHECK(len == strlen(url) && strstr(url, "/siatest/q/i/siap.xml?") != NULL);
    int32_t version = 0;
    CHECK_STATUS(vosia_registry_hits_version(hits, 0, &version), VOSIA_OK);
    CHECK(version == VOSIA_SIA1);

    vosia_service *found = NULL;
    CHECK_STATUS(vosia_registry_hits_service(hits, 0, &found), VOSIA_OK);
    CHECK_STATUS(vosia_service_get_version(found, &version), VOSIA_OK);
    CHECK(version == VOSIA_SIA1);
    vosia_query *query = NULL;
    CHECK_STATUS(vosia_query_new(found, &query), VOSIA_OK);
    CHECK_STATUS(vosia_query_set_pos(query, 10.68, 41.27), VOSIA_OK);
    CHECK_STATUS(vosia_query_set_size(query, 1.0, 1.0), VOSIA_OK);
    CHECK_STATUS(vosia_query_execute(query, &res), VOSIA_OK);
    CHECK(vosia_results_row_count(res) > 0);
    vosia_results_free(res);
    vosia_query_free(query);
    vosia_service_free(found);
    vosia_registry_hits_free(hits);

    /* A position needs coverage this registry lacks: the error says what to do. */
    CHECK_STATUS(vosia_registry_query_set_position(q, 10.68, 41.27, 0.0), VOSIA_OK);
    hits = NULL;
    CHECK_STATUS(vosia_registry_search(reg, q, &hits), VOSIA_E_SERVICE);
    CHECK(strstr(vosia_last_error(), "without a position") != NULL);
    CHECK(hits == NULL);
    vosia_registry_query_free(q);
    vosia_service_free(reg);
}

int main(void) {
    test_constraints_are_checked();
    test_samp_without_a_hub();
    const char *live = getenv("VOSIA_TEST_DACHS");
    if (live != NULL && live[0] != '\0') {
        test_live(live);
    } else {
        printf("note: VOSIA_TEST_DACHS is not set; live registry checks skipped\n");
    }
    return check_done("test_registry");
}

/* Reads in batches through the C API: the batches of a file are, value for value, the rows
 * of its whole read; the rest of the document keeps the columns and the overflow flag; a
 * non-zero return of the rows function is VOSIA_E_CANCELLED; the argument contract; and
 * (with VOSIA_TEST_DACHS) a live SIA 1.0 query in batches gives the access URLs, in order,
 * of its whole execute. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>

#include "check.h"

#ifndef VOSIA_TEST_DATA_DIR
#define VOSIA_TEST_DATA_DIR "tests/data"
#endif

static char path_buf[4096];

static const char *data_path(const char *name) {
    snprintf(path_buf, sizeof path_buf, "%s/%s",
             test_dir("VOSIA_TEST_DATA", VOSIA_TEST_DATA_DIR), name);
    return path_buf;
}

/* What a rows function saw: every RA and access URL in order, the batches and their sizes. */
struct seen {
    double ra[4096];
    char *url[4096];
    int64_t rows, calls, largest, stop_at_call;
    int order_ok;
};

static int32_t on_rows(const vosia_results *batch, int64_t first_row, void *user) {
    struct seen *s = user;
    int64_t n = vosia_results_row_count(batch);
    s->calls++;
    if (first_row != s->rows || n < 1 || s->rows + n > 4096) s->order_ok = 0;
    if (n > s->largest) s->largest = n;
    if (s->order_ok) {
        int32_t nulls[4096];
        const char *urls[4096];
        if (vosia_results_get_std_double_column(batch, VOSIA_FIELD_RA, 0, n, s->ra + s->rows,
                                                nulls) != VOSIA_OK ||
            vosia_results_get_std_text_column(batch, VOSIA_FIELD_ACCESS_URL, 0, n, urls) !=
                VOSIA_OK)
            s->order_ok = 0;
        else
            for (int64_t i = 0; i < n; i++) s->url[s->rows + i] = strdup(urls[i] ? urls[i] : "");
        s->rows += n;
    }
    return s->stop_at_call == s->calls;
}

static void forget(struct seen *s) {
    for (int64_t i = 0; i < s->rows; i++) free(s->url[i]);
    memset(s, 0, sizeof *s);
    s->order_ok = 1;
}

/* The batches of `r_whole`'s rows seen in `s` are its rows. */
static void check_same_rows(const vosia_results *whole, const struct seen *s) {
    int64_t n = vosia_results_row_count(whole);
    CHECK(s->order_ok);
    CHECK_INT(s->rows, n);
    for (int64_t i = 0; i < n && i < s->rows; i++) {
        double ra = NAN;
        const char *url = NULL;
        CHECK_STATUS(vosia_results_get_std_double(whole, i, VOSIA_FIELD_RA, &ra), VOSIA_OK);
        CHECK_STATUS(vosia_results_get_std_str(whole, i, VOSIA_FIELD_ACCESS_URL, &url), VOSIA_OK);
        CHECK(ra == s->ra[i]);
        CHECK_STR(s->url[i], url ? url : "");
    }
}

static void test_files(void) {
    static struct seen s;
    vosia_results *whole = NULL, *rest = NULL;
    CHECK_STATUS(vosia_results_parse_file(data_path("sia1_three.xml"), VOSIA_SIA1, &whole),
                 VOSIA_OK);
    forget(&s);
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     2, on_rows, &s, &rest),
                 VOSIA_OK);
    CHECK_INT(s.calls, 2); /* 2 rows, then 1 */
    CHECK_INT(s.largest, 2);
    check_same_rows(whole, &s);
    CHECK_INT(vosia_results_row_count(rest), 0);
    CHECK_INT(vosia_results_column_count(rest), vosia_results_column_count(whole));
    const char *name = NULL;
    CHECK_STATUS(vosia_results_get_column_attr(rest, 0, VOSIA_ATTR_NAME, &name), VOSIA_OK);
    vosia_results_free(rest);
    vosia_results_free(whole);

    /* The overflow flag of a QUERY_STATUS is in the rest. */
    forget(&s);
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_overflow.xml"), VOSIA_SIA1,
                                                     0, 1000, on_rows, &s, &rest),
                 VOSIA_OK);
    CHECK_INT(vosia_results_overflow(rest), 1);
    CHECK(s.calls >= 1);
    vosia_results_free(rest);

    /* A service error: no batch, VOSIA_E_SERVICE, nothing written. */
    forget(&s);
    rest = NULL;
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_error.xml"), VOSIA_SIA1, 0,
                                                     10, on_rows, &s, &rest),
                 VOSIA_E_SERVICE);
    CHECK_INT(s.calls, 0);
    CHECK(rest == NULL);

    /* Non-zero from the rows function: stopped at once. */
    forget(&s);
    s.stop_at_call = 1;
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     1, on_rows, &s, &rest),
                 VOSIA_E_CANCELLED);
    CHECK_INT(s.calls, 1);
    CHECK(rest == NULL);
    CHECK(strstr(vosia_last_error(), "rows function") != NULL);
    forget(&s);

    /* The argument contract. */
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     0, on_rows, &s, &rest),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     10, NULL, &s, &rest),
                 VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("sia1_three.xml"), 3, 0, 10,
                                                     on_rows, &s, &rest),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_parse_file_in_batches(data_path("no-such-file.xml"), VOSIA_SIA1,
                                                     0, 10, on_rows, &s, &rest),
                 VOSIA_E_IO);
    CHECK_STATUS(vosia_query_execute_in_batches(NULL, 10, on_rows, &s, &rest), VOSIA_E_NULL_ARG);
    CHECK_INT(s.calls, 0);
}

static void test_live(const char *base) {
    static struct seen s;
    char url[512];
    snprintf(url, sizeof url, "%s/siatest/q/i/siap.xml?", base);
    vosia_service *svc = NULL;
    vosia_query *q = NULL;
    vosia_results *whole = NULL, *rest = NULL;
    CHECK_STATUS(vosia_service_new(url, VOSIA_SIA1, &svc), VOSIA_OK);
    CHECK_STATUS(vosia_query_new(svc, &q), VOSIA_OK);
    CHECK_STATUS(vosia_query_set_pos(q, 10.68, 41.27), VOSIA_OK);
    CHECK_STATUS(vosia_query_set_size(q, 3.0, 3.0), VOSIA_OK);
    CHECK_STATUS(vosia_query_execute(q, &whole), VOSIA_OK);
    forget(&s);
    CHECK_STATUS(vosia_query_execute_in_batches(q, 7, on_rows, &s, &rest), VOSIA_OK);
    if (whole != NULL) {
        CHECK(vosia_results_row_count(whole) > 7); /* more than one batch */
        CHECK_INT(s.calls, (vosia_results_row_count(whole) + 6) / 7);
        check_same_rows(whole, &s);
    }
    CHECK_INT(vosia_results_row_count(rest), 0);
    CHECK_INT(vosia_results_overflow(rest), vosia_results_overflow(whole));
    vosia_results_free(rest);
    forget(&s);

    /* Stopped by the rows function: the query's own error says so. */
    s.stop_at_call = 2;
    CHECK_STATUS(vosia_query_execute_in_batches(q, 2, on_rows, &s, &rest), VOSIA_E_CANCELLED);
    CHECK_INT(s.calls, 2);
    const char *why = NULL;
    CHECK_STATUS(vosia_query_error(q, &why), VOSIA_OK);
    CHECK(why != NULL && strstr(why, "rows function") != NULL);
    forget(&s);

    vosia_results_free(whole);
    vosia_query_free(q);
    vosia_service_free(svc);
}

int main(void) {
    test_files();
    const char *live = getenv("VOSIA_TEST_DACHS");
    if (live != NULL && live[0] != '\0')
        test_live(live);
    else
        printf("note: VOSIA_TEST_DACHS not set; skipping the live DaCHS part\n");
    return check_done("test_in_batches");
}

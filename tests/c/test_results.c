/* The results, version and error API from C, on small fixtures of our own (tests/data):
 * every vosia_results_* function of API.md, its statuses, and its NULL and wrong-handle cases. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>

#include "check.h"

#ifndef VOSIA_TEST_DATA_DIR
#define VOSIA_TEST_DATA_DIR "tests/data"
#endif

enum { C_TITLE, C_RA, C_DEC, C_INSTR, C_MJD, C_NAXES, C_NAXIS, C_SCALE, C_FORMAT, C_ACREF,
       C_FILESIZE, C_EXPTIME, N_COLS };

static char path_buf[4096];

static const char *data_path(const char *name) {
    snprintf(path_buf, sizeof path_buf, "%s/%s",
             test_dir("VOSIA_TEST_DATA", VOSIA_TEST_DATA_DIR), name);
    return path_buf;
}

static void check_metadata(const vosia_results *r) {
    CHECK_INT(vosia_results_row_count(r), 3);
    CHECK_INT(vosia_results_column_count(r), N_COLS);

    CHECK_STR(column_attr(r, C_ACREF, VOSIA_ATTR_NAME), "acref");
    CHECK_STR(column_attr(r, C_ACREF, VOSIA_ATTR_ID), "AccessRef");
    CHECK_STR(column_attr(r, C_ACREF, VOSIA_ATTR_UCD), "VOX:Image_AccessReference");
    CHECK_STR(column_attr(r, C_ACREF, VOSIA_ATTR_UTYPE), "Access.Reference");
    CHECK_STR(column_attr(r, C_RA, VOSIA_ATTR_UNIT), "deg");
    CHECK_STR(column_attr(r, C_EXPTIME, VOSIA_ATTR_XTYPE), "duration");
    {
        const char *s = "untouched";
        int32_t t = -7;
        /* An attribute the FIELD does not set is null, not "". */
        CHECK_STATUS(vosia_results_get_column_attr(r, C_TITLE, VOSIA_ATTR_UNIT, &s),
                     VOSIA_NULL_VALUE);
        CHECK_STATUS(vosia_results_get_column_attr(r, N_COLS, VOSIA_ATTR_NAME, &s), VOSIA_E_RANGE);
        CHECK_STATUS(vosia_results_get_column_attr(r, -1, VOSIA_ATTR_NAME, &s), VOSIA_E_RANGE);
        CHECK_STATUS(vosia_results_get_column_attr(r, 0, VOSIA_ATTR_MAX, &s), VOSIA_E_INVALID_ARG);
        CHECK_STR(s, "untouched");
        CHECK_STATUS(vosia_results_column_datatype(r, N_COLS, &t), VOSIA_E_RANGE);
        CHECK_INT(t, -7);
    }
    CHECK_STR(column_attr(r, C_NAXIS, VOSIA_ATTR_ARRAYSIZE), "*");

    CHECK_INT(col_type(r, C_TITLE), VOSIA_TYPE_CHAR);
    CHECK_INT(col_type(r, C_RA), VOSIA_TYPE_DOUBLE);
    CHECK_INT(col_type(r, C_NAXES), VOSIA_TYPE_INT);
    CHECK_INT(col_type(r, C_NAXIS), VOSIA_TYPE_INT);
    CHECK_INT(col_type(r, C_FILESIZE), VOSIA_TYPE_LONG);
    CHECK_INT(col_type(r, C_EXPTIME), VOSIA_TYPE_FLOAT);

    /* Lookups: by name or ID, case-insensitively; by any atom of a UCD. */
    CHECK_INT(col_index(r, "acref"), C_ACREF);
    CHECK_INT(col_index(r, "ACREF"), C_ACREF);
    CHECK_INT(col_index(r, "AccessRef"), C_ACREF);
    CHECK_INT(col_index(r, "accessref"), C_ACREF);
    CHECK_INT(col_index(r, "no_such_column"), -1);
    CHECK_INT(col_by_ucd(r, "VOX:Image_AccessReference"), C_ACREF);
    CHECK_INT(col_by_ucd(r, "vox:image_accessreference"), C_ACREF);
    CHECK_INT(col_by_ucd(r, "obs.exposure"), C_EXPTIME);
    CHECK_INT(col_by_ucd(r, "time.duration"), C_EXPTIME);
    CHECK_INT(col_by_ucd(r, "phot.mag"), -1);

    CHECK_INT(std_col(r, VOSIA_FIELD_ACCESS_URL), C_ACREF);
    CHECK_INT(std_col(r, VOSIA_FIELD_TITLE), C_TITLE);
    CHECK_INT(std_col(r, VOSIA_FIELD_RA), C_RA);
    CHECK_INT(std_col(r, VOSIA_FIELD_DEC), C_DEC);
    CHECK_INT(std_col(r, VOSIA_FIELD_INSTRUMENT), C_INSTR);
    CHECK_INT(std_col(r, VOSIA_FIELD_MJD_OBS), C_MJD);
    CHECK_INT(std_col(r, VOSIA_FIELD_NAXIS), C_NAXIS);
    CHECK_INT(std_col(r, VOSIA_FIELD_FORMAT), C_FORMAT);
    CHECK_INT(std_col(r, VOSIA_FIELD_FILESIZE), C_FILESIZE);
    CHECK_INT(std_col(r, VOSIA_FIELD_PIXFLAGS), -1); /* not in this table */
}

static void check_cells(const vosia_results *r) {
    double d = -7.0;
    int64_t i = -7;
    const char *s = NULL;

    /* Typed getters. */
    CHECK_STATUS(vosia_results_get_double(r, 0, C_RA, &d), VOSIA_OK);
    CHECK_DBL(d, 10.6847083);
    CHECK_STATUS(vosia_results_get_double(r, 1, C_DEC, &d), VOSIA_OK);
    CHECK_DBL(d, -47.1952);
    CHECK_STATUS(vosia_results_get_int64(r, 1, C_FILESIZE, &i), VOSIA_OK);
    CHECK_INT(i, 2097152);
    CHECK_STATUS(vosia_results_get_int64(r, 0, C_NAXES, &i), VOSIA_OK);
    CHECK_INT(i, 2);
    CHECK_STATUS(vosia_results_get_double(r, 0, C_NAXES, &d), VOSIA_OK); /* int widens */
    CHECK_DBL(d, 2.0);
    CHECK_STATUS(vosia_results_get_double(r, 0, C_EXPTIME, &d), VOSIA_OK);
    CHECK_DBL(d, 300.5);
    CHECK_STATUS(vosia_results_get_str(r, 0, C_TITLE, &s), VOSIA_OK);
    CHECK_STR(s, "M31 & M32, V band");
    CHECK_STATUS(vosia_results_get_str(r, 0, C_ACREF, &s), VOSIA_OK);
    CHECK_STR(s, "http://example.org/data/img1.fits?band=V&size=full");

    /* No silent conversions. */
    CHECK_STATUS(vosia_results_get_double(r, 0, C_TITLE, &d), VOSIA_E_TYPE);
    CHECK_STATUS(vosia_results_get_int64(r, 0, C_RA, &i), VOSIA_E_TYPE);
    CHECK_STATUS(vosia_results_get_str(r, 0, C_RA, &s), VOSIA_E_TYPE);

    /* Nulls: an empty cell, a VALUES null sentinel, NaN; nothing written. */
    d = -7.0;
    CHECK_STATUS(vosia_results_get_double(r, 2, C_MJD, &d), VOSIA_NULL_VALUE);
    CHECK_DBL(d, -7.0);
    i = -7;
    CHECK_STATUS(vosia_results_get_int64(r, 2, C_FILESIZE, &i), VOSIA_NULL_VALUE);
    CHECK_INT(i, -7);
    CHECK_STATUS(vosia_results_get_double(r, 1, C_EXPTIME, &d), VOSIA_NULL_VALUE);
    CHECK_DBL(d, -7.0);
    s = "untouched";
    CHECK_STATUS(vosia_results_get_str(r, 2, C_INSTR, &s), VOSIA_NULL_VALUE);
    CHECK_STR(s, "untouched");
    CHECK_INT(vosia_results_is_null(r, 2, C_MJD), 1);
    CHECK_INT(vosia_results_is_null(r, 2, C_FILESIZE), 1);
    CHECK_INT(vosia_results_is_null(r, 1, C_EXPTIME), 1);
    CHECK_INT(vosia_results_is_null(r, 0, C_MJD), 0);
    CHECK_INT(vosia_results_is_null(r, 0, C_TITLE), 0);

    /* Out of range. */
    CHECK_STATUS(vosia_results_get_double(r, 3, C_RA, &d), VOSIA_E_RANGE);
    CHECK_STATUS(vosia_results_get_double(r, -1, C_RA, &d), VOSIA_E_RANGE);
    CHECK_STATUS(vosia_results_get_double(r, 0, N_COLS, &d), VOSIA_E_RANGE);
    CHECK_STATUS(vosia_results_get_str(r, 0, -1, &s), VOSIA_E_RANGE);

    /* get_text renders any cell: numbers in shortest round-trip form, arrays space-separated. */
    CHECK_STATUS(vosia_results_get_text(r, 0, C_RA, &s), VOSIA_OK);
    CHECK_STR(s, "10.6847083");
    CHECK_STATUS(vosia_results_get_text(r, 0, C_FILESIZE, &s), VOSIA_OK);
    CHECK_STR(s, "153280");
    CHECK_STATUS(vosia_results_get_text(r, 0, C_NAXIS, &s), VOSIA_OK);
    CHECK_STR(s, "2048 4096");
    CHECK_STATUS(vosia_results_get_text(r, 0, C_SCALE, &s), VOSIA_OK);
    CHECK_STR(s, "0.0001 0.00025");
    CHECK_STATUS(vosia_results_get_text(r, 0, C_EXPTIME, &s), VOSIA_OK);
    CHECK_STR(s, "300.5");
    CHECK_STATUS(vosia_results_get_text(r, 0, C_TITLE, &s), VOSIA_OK);
    CHECK_STR(s, "M31 & M32, V band");
    CHECK_STATUS(vosia_results_get_text(r, 2, C_MJD, &s), VOSIA_NULL_VALUE);

    /* Arrays. */
    {
        double buf[4] = {0, 0, 0, 0};
        size_t n = 99;
        CHECK_STATUS(vosia_results_get_double_array(r, 0, C_NAXIS, buf, 4, &n), VOSIA_OK);
        CHECK_INT(n, 2);
        CHECK_DBL(buf[0], 2048.0);
        CHECK_DBL(buf[1], 4096.0);
        CHECK_STATUS(vosia_results_get_double_array(r, 1, C_SCALE, buf, 4, &n), VOSIA_OK);
        CHECK_INT(n, 2);
        CHECK_DBL(buf[0], 0.0005);
        /* Too small: what fits is written, *n is the full count. */
        buf[0] = buf[1] = -1.0;
        CHECK_STATUS(vosia_results_get_double_array(r, 0, C_NAXIS, buf, 1, &n),
                     VOSIA_E_BUFFER_SIZE);
        CHECK_INT(n, 2);
        CHECK_DBL(buf[1], -1.0);
        /* A scalar numeric cell reads as an array of one. */
        CHECK_STATUS(vosia_results_get_double_array(r, 0, C_RA, buf, 4, &n), VOSIA_OK);
        CHECK_INT(n, 1);
        CHECK_DBL(buf[0], 10.6847083);
        CHECK_STATUS(vosia_results_get_double_array(r, 0, C_TITLE, buf, 4, &n), VOSIA_E_TYPE);
        CHECK_STATUS(vosia_results_get_double_array(r, 0, C_NAXIS, NULL, 4, &n),
                     VOSIA_E_NULL_ARG);
    }
}

static void check_copy_twins(const vosia_results *r) {
    const char *url = "http://example.org/data/img1.fits?band=V&size=full";
    char buf[128];
    char small[5];
    size_t len = 0;

    CHECK_INT(strlen(url), 50);
    CHECK_STATUS(vosia_results_copy_str(r, 0, C_ACREF, buf, sizeof buf, &len), VOSIA_OK);
    CHECK_STR(buf, url);
    CHECK_INT(len, strlen(url));
    /* Truncation: cap-1 bytes plus NUL, *len the full length. */
    memset(small, 'x', sizeof small);
    CHECK_STATUS(vosia_results_copy_str(r, 0, C_ACREF, small, sizeof small, &len),
                 VOSIA_E_BUFFER_SIZE);
    CHECK_STR(small, "http");
    CHECK_INT(len, strlen(url));
    /* Exactly enough room. */
    {
        char exact[51];
        CHECK_INT(sizeof exact, strlen(url) + 1);
        CHECK_STATUS(vosia_results_copy_str(r, 0, C_ACREF, exact, sizeof exact, &len),
                     VOSIA_OK);
        CHECK_STR(exact, url);
    }
    /* Size query: no buffer. */
    len = 0;
    CHECK_STATUS(vosia_results_copy_str(r, 0, C_ACREF, NULL, 0, &len), VOSIA_E_BUFFER_SIZE);
    CHECK_INT(len, strlen(url));
    CHECK_STATUS(vosia_results_copy_str(r, 2, C_INSTR, buf, sizeof buf, &len),
                 VOSIA_NULL_VALUE);

    CHECK_STATUS(vosia_results_copy_text(r, 0, C_NAXIS, buf, sizeof buf, &len), VOSIA_OK);
    CHECK_STR(buf, "2048 4096");
    CHECK_INT(len, 9);
    CHECK_STATUS(vosia_results_copy_text(r, 0, C_NAXIS, small, sizeof small, &len),
                 VOSIA_E_BUFFER_SIZE);
    CHECK_STR(small, "2048");
    CHECK_STATUS(vosia_results_copy_std_str(r, 0, VOSIA_FIELD_FORMAT, buf, sizeof buf, &len),
                 VOSIA_OK);
    CHECK_STR(buf, "image/fits");
    CHECK_STATUS(vosia_results_copy_column_attr(r, C_FILESIZE, VOSIA_ATTR_NAME, buf, sizeof buf, &len),
                 VOSIA_OK);
    CHECK_STR(buf, "filesize");
    CHECK_STATUS(vosia_results_copy_column_attr(r, C_RA, VOSIA_ATTR_UCD, buf, sizeof buf, &len), VOSIA_OK);
    CHECK_STR(buf, "POS_EQ_RA_MAIN");
    CHECK_STATUS(vosia_results_copy_info(r, "SERVICE_PROTOCOL", buf, sizeof buf, &len),
                 VOSIA_OK);
    CHECK_STR(buf, "1.0");
}

static void check_std_fields(const vosia_results *r) {
    double d = -7.0;
    const char *s = NULL;

    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_ACCESS_URL, &s), VOSIA_OK);
    CHECK_STR(s, "http://example.org/data/img1.fits?band=V&size=full");
    CHECK_STATUS(vosia_results_get_std_str(r, 1, VOSIA_FIELD_TITLE, &s), VOSIA_OK);
    CHECK_STR(s, "M51, R band");
    CHECK_STATUS(vosia_results_get_std_str(r, 2, VOSIA_FIELD_FORMAT, &s), VOSIA_OK);
    CHECK_STR(s, "image/jpeg");
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_INSTRUMENT, &s), VOSIA_OK);
    CHECK_STR(s, "WFC");
    CHECK_STATUS(vosia_results_get_std_double(r, 0, VOSIA_FIELD_RA, &d), VOSIA_OK);
    CHECK_DBL(d, 10.6847083);
    CHECK_STATUS(vosia_results_get_std_double(r, 2, VOSIA_FIELD_DEC, &d), VOSIA_OK);
    CHECK_DBL(d, 54.349);
    CHECK_STATUS(vosia_results_get_std_double(r, 1, VOSIA_FIELD_MJD_OBS, &d), VOSIA_OK);
    CHECK_DBL(d, 58001.25);
    CHECK_STATUS(vosia_results_get_std_double(r, 0, VOSIA_FIELD_FILESIZE, &d), VOSIA_OK);
    CHECK_DBL(d, 153280.0); /* SIA 1.0 file sizes are in bytes already */
    d = -7.0;
    CHECK_STATUS(vosia_results_get_std_double(r, 2, VOSIA_FIELD_MJD_OBS, &d), VOSIA_NULL_VALUE);
    CHECK_STATUS(vosia_results_get_std_double(r, 2, VOSIA_FIELD_FILESIZE, &d),
                 VOSIA_NULL_VALUE);
    CHECK_DBL(d, -7.0);
    {
        double buf[3];
        size_t n = 0;
        CHECK_STATUS(vosia_results_get_std_double_array(r, 1, VOSIA_FIELD_NAXIS, buf, 3, &n),
                     VOSIA_OK);
        CHECK_INT(n, 2);
        CHECK_DBL(buf[0], 1024.0);
        CHECK_DBL(buf[1], 1024.0);
        CHECK_STATUS(vosia_results_get_std_double_array(r, 0, VOSIA_FIELD_SCALE, buf, 3, &n),
                     VOSIA_OK);
        CHECK_DBL(buf[1], 0.00025);
    }
    /* A field this table lacks is not a null: there is no such column. */
    CHECK(vosia_results_get_std_double(r, 0, VOSIA_FIELD_PIXFLAGS, &d) != VOSIA_OK);
    CHECK(vosia_results_get_std_str(r, 0, VOSIA_FIELD_PIXFLAGS, &s) != VOSIA_OK);
    /* A title is not a number, even to the tolerant getters. */
    CHECK(vosia_results_get_std_double(r, 0, VOSIA_FIELD_TITLE, &d) != VOSIA_OK);
}

static void check_whole_result(const vosia_results *r) {
    CHECK_INT(vosia_results_overflow(r), 0);
    CHECK_STR(info_value(r, "QUERY_STATUS"), "OK");
    CHECK_STR(info_value(r, "SERVICE_PROTOCOL"), "1.0");
    CHECK(info_value(r, "NO_SUCH_INFO") == NULL);
}

/* Strings stay valid until the results is freed, and repeated calls give the same text. */
static void check_lifetimes(const vosia_results *r) {
    const char *a = NULL, *b = NULL;
    CHECK_STATUS(vosia_results_get_str(r, 1, C_ACREF, &a), VOSIA_OK);
    CHECK_STATUS(vosia_results_get_text(r, 1, C_RA, &b), VOSIA_OK);
    for (int k = 0; k < 100; k++) {
        const char *t;
        (void)vosia_results_get_text(r, k % 3, k % N_COLS, &t);
    }
    CHECK_STR(a, "http://example.org/data/img2.fits");
    CHECK_STR(b, "202.4696");
}

static void check_errors(const vosia_results *r) {
    vosia_results *out = NULL;
    double d;
    const char *s;
    size_t len;
    char buf[16];
    static const char garbage[] = "this is not a VOTable";

    /* strerror: static, never NULL, also for unknown codes. */
    CHECK(vosia_strerror(VOSIA_OK) != NULL);
    CHECK(vosia_strerror(VOSIA_E_SERVICE) != NULL && vosia_strerror(VOSIA_E_SERVICE)[0]);
    CHECK(vosia_strerror(12345) != NULL);
    CHECK(vosia_strerror(-1) != NULL);
    CHECK(vosia_last_error() != NULL);

    /* NULL arguments. */
    CHECK_STATUS(vosia_results_parse(NULL, 10, VOSIA_SIA1, &out), VOSIA_E_NULL_ARG);
    CHECK(strlen(vosia_last_error()) > 0);
    CHECK_STATUS(vosia_results_parse(garbage, sizeof garbage - 1, VOSIA_SIA1, NULL),
                 VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_parse_file(NULL, VOSIA_SIA1, &out), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_get_double(NULL, 0, 0, &d), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_get_double(r, 0, C_RA, NULL), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_get_str(r, 0, C_ACREF, NULL), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_get_std_str(NULL, 0, VOSIA_FIELD_TITLE, &s), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_copy_str(NULL, 0, C_ACREF, buf, sizeof buf, &len),
                 VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_info(NULL, "QUERY_STATUS", &s), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_info(r, NULL, &s), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_get_column_attr(NULL, 0, VOSIA_ATTR_NAME, &s), VOSIA_E_NULL_ARG);
    {
        int32_t col = -7;
        CHECK_STATUS(vosia_results_column_index(r, NULL, &col), VOSIA_E_NULL_ARG);
        CHECK_STATUS(vosia_results_column_index(r, "acref", NULL), VOSIA_E_NULL_ARG);
        CHECK_INT(col, -7);
    }
    CHECK(vosia_results_row_count(NULL) < 0);
    CHECK_INT(vosia_last_status(), VOSIA_E_NULL_ARG);
    CHECK(vosia_results_column_count(NULL) < 0);

    /* A pointer that is not a results handle. */
    {
        uint64_t not_a_handle[8] = {0x1234, 0, 0, 0, 0, 0, 0, 0};
        const vosia_results *fake = (const vosia_results *)(void *)not_a_handle;
        CHECK_STATUS(vosia_results_get_double(fake, 0, 0, &d), VOSIA_E_BAD_HANDLE);
        CHECK(vosia_results_row_count(fake) < 0);
        vosia_results_free((vosia_results *)(void *)not_a_handle); /* ignored */
        CHECK_INT(not_a_handle[0], 0x1234);
    }

    /* A live handle of another kind. */
    {
        vosia_service *svc = NULL;
        CHECK_STATUS(vosia_service_new("http://example.org/sia", VOSIA_SIA1, &svc), VOSIA_OK);
        if (svc != NULL) {
            const vosia_results *wrong = (const vosia_results *)(void *)svc;
            CHECK_STATUS(vosia_results_get_double(wrong, 0, 0, &d), VOSIA_E_BAD_HANDLE);
            CHECK_STATUS(vosia_results_get_str(wrong, 0, 0, &s), VOSIA_E_BAD_HANDLE);
            CHECK_STATUS(vosia_results_get_column_attr(wrong, 0, VOSIA_ATTR_NAME, &s),
                         VOSIA_E_BAD_HANDLE);
            vosia_results_free((vosia_results *)(void *)svc); /* ignored: not a results */
            CHECK_STATUS(vosia_service_get_attr(svc, VOSIA_ATTR_URL, &s), VOSIA_OK);
            CHECK_STR(s, "http://example.org/sia");
            vosia_service_free(svc);
        }
    }

    /* Bad input. */
    CHECK_STATUS(vosia_results_parse(garbage, sizeof garbage - 1, VOSIA_SIA1, &out),
                 VOSIA_E_FORMAT);
    CHECK(out == NULL); /* not written on failure */
    CHECK_STATUS(vosia_results_parse(garbage, sizeof garbage - 1, 3, &out),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_parse_file(data_path("no-such-file.xml"), VOSIA_SIA1, &out),
                 VOSIA_E_IO);
    CHECK(strstr(vosia_last_error(), "no-such-file.xml") != NULL);

    vosia_results_free(NULL); /* a no-op */
}

static void check_service_error(void) {
    vosia_results *out = NULL;
    CHECK_STATUS(vosia_results_parse_file(data_path("sia1_error.xml"), VOSIA_SIA1, &out),
                 VOSIA_E_SERVICE);
    CHECK(out == NULL);
    CHECK(strstr(vosia_last_error(), "Illegal POS value: 'abc,12' is not a pair of numbers")
          != NULL);
}

static void check_overflow(void) {
    vosia_results *r = NULL;
    CHECK_STATUS(vosia_results_parse_file(data_path("sia1_overflow.xml"), VOSIA_SIA1, &r),
                 VOSIA_OK);
    if (r == NULL) return;
    CHECK_INT(vosia_results_overflow(r), 1);
    CHECK_INT(vosia_results_row_count(r), 1);
    CHECK_STR(info_value(r, "QUERY_STATUS"), "OVERFLOW");
    vosia_results_free(r);
}

static void check_version(void) {
    CHECK_STR(vosia_version(), VOSIA_VERSION_STRING);
    CHECK_INT(vosia_version_number(), VOSIA_VERSION_NUMBER);
    CHECK_INT(VOSIA_VERSION_NUMBER,
              (VOSIA_VERSION_MAJOR << 16) | (VOSIA_VERSION_MINOR << 8) | VOSIA_VERSION_PATCH);
#ifdef VOSIA_EXPECTED_VERSION
    CHECK_STR(VOSIA_VERSION_STRING, VOSIA_EXPECTED_VERSION); /* CMake read it from Cargo.toml */
    {
        unsigned maj = 0, min = 0, pat = 0;
        CHECK(sscanf(VOSIA_EXPECTED_VERSION, "%u.%u.%u", &maj, &min, &pat) == 3);
        CHECK_INT(vosia_version_number(), (long long)((maj << 16) | (min << 8) | pat));
    }
#endif
    CHECK(VOSIA_AT_LEAST_VERSION(0, 1, 0));
    CHECK(VOSIA_AT_LEAST_VERSION(VOSIA_VERSION_MAJOR, VOSIA_VERSION_MINOR, VOSIA_VERSION_PATCH));
    CHECK(!VOSIA_AT_LEAST_VERSION(VOSIA_VERSION_MAJOR, VOSIA_VERSION_MINOR,
                                  VOSIA_VERSION_PATCH + 1));
    CHECK(!VOSIA_AT_LEAST_VERSION(VOSIA_VERSION_MAJOR, VOSIA_VERSION_MINOR + 1, 0));
    CHECK(!VOSIA_AT_LEAST_VERSION(VOSIA_VERSION_MAJOR + 1, 0, 0));
    CHECK_INT(VOSIA_SIA1, 1);
    CHECK_INT(VOSIA_SIA2, 2);
    CHECK_INT(VOSIA_OK, 0);
    CHECK_INT(VOSIA_NULL_VALUE, 1);
    CHECK_INT(VOSIA_E_NULL_ARG, 10);
    CHECK_INT(VOSIA_E_BUFFER_SIZE, 16);
    CHECK_INT(VOSIA_E_SERVICE, 50);
    CHECK_INT(VOSIA_E_PANIC, 90);
}

/* Rows of no cells under many FIELDs: each empty <TR/> (5 bytes) is a null in every column.
 * Under a memory budget the parse stops with VOSIA_E_TOO_LARGE before the memory is taken. */
static void check_memory_budget(void) {
    enum { FIELDS = 2000, ROWS = 20000 };
    size_t cap = (size_t)FIELDS * 40 + (size_t)ROWS * 5 + 256, n = 0;
    char *doc = malloc(cap);
    vosia_results *r = NULL;
    CHECK(doc != NULL);
    if (doc == NULL) return;
    n += (size_t)snprintf(doc + n, cap - n, "<VOTABLE><RESOURCE><TABLE>");
    for (int i = 0; i < FIELDS; i++)
        n += (size_t)snprintf(doc + n, cap - n, "<FIELD name=\"c%d\" datatype=\"double\"/>", i);
    n += (size_t)snprintf(doc + n, cap - n, "<DATA><TABLEDATA>");
    for (int i = 0; i < ROWS; i++) n += (size_t)snprintf(doc + n, cap - n, "<TR/>");
    n += (size_t)snprintf(doc + n, cap - n, "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");

    /* 320 MB of nulls from 170 KB: refused at a 16 MiB budget, saying what to do. */
    CHECK_STATUS(vosia_results_parse_within(doc, n, VOSIA_SIA1, 16 << 20, &r), VOSIA_E_TOO_LARGE);
    CHECK(r == NULL);
    CHECK(strstr(vosia_last_error(), "memory budget") != NULL);
    CHECK_STATUS(vosia_results_parse_within(doc, n, VOSIA_SIA1, -1, &r), VOSIA_E_INVALID_ARG);
    /* The first 100 rows fit in 4 MiB. */
    {
        size_t head = strstr(doc, "<TR/>") - doc + 100 * 5;
        char tail[] = "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        memcpy(doc + head, tail, sizeof tail);
        CHECK_STATUS(vosia_results_parse_within(doc, head + sizeof tail - 1, VOSIA_SIA1,
                                                4 << 20, &r),
                     VOSIA_OK);
        CHECK_INT(vosia_results_row_count(r), 100);
        vosia_results_free(r);
        r = NULL;
    }
    free(doc);

    /* From a file, and 0 for no limit. */
    CHECK_STATUS(vosia_results_parse_file_within(data_path("sia1_three.xml"), VOSIA_SIA1, 1000,
                                                 &r),
                 VOSIA_E_TOO_LARGE);
    CHECK_STATUS(vosia_results_parse_file_within(data_path("sia1_three.xml"), VOSIA_SIA1, 0, &r),
                 VOSIA_OK);
    CHECK_INT(vosia_results_row_count(r), 3);
    vosia_results_free(r);
}

/* Which circles of a many-circle search each row's footprint meets. */
static void check_circles_met(void) {
    static const char doc[] =
        "<VOTABLE><RESOURCE type=\"results\"><TABLE>"
        "<FIELD name=\"s_ra\" datatype=\"double\"/><FIELD name=\"s_dec\" datatype=\"double\"/>"
        "<FIELD name=\"s_region\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>"
        "<TR><TD>10</TD><TD>41</TD>"
        "<TD>POLYGON ICRS 9.8674 40.9 10.1326 40.9 10.1326 41.1 9.8674 41.1</TD></TR>"
        "<TR><TD/><TD/><TD/></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
    vosia_results *r = NULL;
    CHECK_STATUS(vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA2, &r), VOSIA_OK);
    const double circles[] = {10.0, 41.15, 0.06, 10.0, 41.15, 0.04, 10.0, 41.0, 0.001};
    int32_t met[3] = {-1, -1, -1};
    CHECK_STATUS(vosia_results_circles_met(r, 0, circles, 3, met), VOSIA_OK);
    CHECK_INT(met[0], 1);
    CHECK_INT(met[1], 0);
    CHECK_INT(met[2], 1);
    CHECK_STATUS(vosia_results_circles_met(r, 1, circles, 3, met), VOSIA_NULL_VALUE);
    CHECK_INT(met[0] + met[1] + met[2], 0);
    CHECK_STATUS(vosia_results_circles_met(r, 2, circles, 3, met), VOSIA_E_RANGE);
    const double bad[] = {10.0, 41.0, -1.0};
    CHECK_STATUS(vosia_results_circles_met(r, 0, bad, 1, met), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_circles_met(r, 0, NULL, 3, met), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_results_circles_met(r, 0, circles, -1, met), VOSIA_E_INVALID_ARG);
    vosia_results_free(r);
}

/* Parsing on threads: the same rows; the thread count is checked (0..256). */
static void check_threads(void) {
    vosia_results *one = NULL, *two = NULL;
    CHECK_STATUS(vosia_results_parse_file(data_path("sia1_three.xml"), VOSIA_SIA1, &one),
                 VOSIA_OK);
    CHECK_STATUS(vosia_results_parse_file_on_threads(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     2, &two),
                 VOSIA_OK);
    CHECK_INT(vosia_results_row_count(two), vosia_results_row_count(one));
    for (int64_t i = 0; two != NULL && i < vosia_results_row_count(one); i++) {
        const char *a = NULL, *b = NULL;
        CHECK_STATUS(vosia_results_get_std_str(one, i, VOSIA_FIELD_ACCESS_URL, &a), VOSIA_OK);
        CHECK_STATUS(vosia_results_get_std_str(two, i, VOSIA_FIELD_ACCESS_URL, &b), VOSIA_OK);
        CHECK_STR(b, a ? a : "");
    }
    vosia_results *none = NULL;
    CHECK_STATUS(vosia_results_parse_file_on_threads(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     257, &none),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_parse_file_on_threads(data_path("sia1_three.xml"), VOSIA_SIA1, 0,
                                                     -1, &none),
                 VOSIA_E_INVALID_ARG);
    CHECK(none == NULL);
    vosia_service *svc = NULL;
    CHECK_STATUS(vosia_service_new("http://127.0.0.1:9/sia?", VOSIA_SIA1, &svc), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_reader_threads(svc, 0), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_reader_threads(svc, 4), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_reader_threads(svc, 300), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_service_set_reader_threads(NULL, 1), VOSIA_E_NULL_ARG);
    vosia_service_free(svc);
    vosia_results_free(two);
    vosia_results_free(one);
}

int main(void) {
    vosia_results *from_file = NULL, *from_buffer = NULL;
    size_t len = 0;
    char *data;

    check_version();
    check_circles_met();
    check_threads();

    CHECK_STATUS(vosia_results_parse_file(data_path("sia1_three.xml"), VOSIA_SIA1, &from_file),
                 VOSIA_OK);
    data = read_whole_file(data_path("sia1_three.xml"), &len);
    CHECK(data != NULL);
    if (data != NULL) {
        /* Not NUL-terminated as far as vosia knows: it reads exactly len bytes. */
        CHECK_STATUS(vosia_results_parse(data, len, VOSIA_SIA1, &from_buffer), VOSIA_OK);
        free(data); /* the results keep nothing of the caller's buffer */
    }
    if (from_file == NULL || from_buffer == NULL) {
        fprintf(stderr, "cannot parse the fixture: %s\n", vosia_last_error());
        check_done("test_results");
        return 1;
    }
    {
        const vosia_results *both[2];
        both[0] = from_file;
        both[1] = from_buffer;
        for (int k = 0; k < 2; k++) {
            check_metadata(both[k]);
            check_cells(both[k]);
            check_copy_twins(both[k]);
            check_std_fields(both[k]);
            check_whole_result(both[k]);
            check_lifetimes(both[k]);
        }
    }
    check_errors(from_file);
    check_service_error();
    check_overflow();
    check_memory_budget();

    /* Handles may be freed in any order. */
    vosia_results_free(from_file);
    vosia_results_free(from_buffer);
    return check_done("test_results");
}

/* Small assertion helpers shared by vosia's C tests (header-only, no framework).
 * Each failed check prints where and why and counts; a test ends with `return check_done("name");`,
 * which prints "N passed, N failed" and returns 0 only when nothing failed. */
#ifndef VOSIA_TEST_CHECK_H
#define VOSIA_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

static int check_passed;
static int check_failed;

#define CHECK(cond)                                                                         \
    do {                                                                                    \
        if (cond) {                                                                         \
            check_passed++;                                                                 \
        } else {                                                                            \
            check_failed++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);        \
        }                                                                                   \
    } while (0)

/* Checks that `expr` returns status `want`; on failure prints both names and the last error. */
#define CHECK_STATUS(expr, want)                                                            \
    do {                                                                                    \
        vosia_status check_got_ = (expr);                                                   \
        if (check_got_ == (want)) {                                                         \
            check_passed++;                                                                 \
        } else {                                                                            \
            check_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d (%s); last error: %s\n", \
                    __FILE__, __LINE__, #expr, (int)check_got_, vosia_strerror(check_got_),  \
                    (int)(want), vosia_strerror(want), vosia_last_error());                  \
        }                                                                                   \
    } while (0)

#define CHECK_STR(got, want)                                                                \
    do {                                                                                    \
        const char *check_g_ = (got);                                                       \
        const char *check_w_ = (want);                                                      \
        if (check_g_ != NULL && strcmp(check_g_, check_w_) == 0) {                          \
            check_passed++;                                                                 \
        } else {                                                                            \
            check_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__,   \
                    #got, check_g_ ? check_g_ : "(NULL)", check_w_);                        \
        }                                                                                   \
    } while (0)

#define CHECK_DBL(got, want)                                                                \
    do {                                                                                    \
        double check_g_ = (got);                                                            \
        double check_w_ = (want);                                                           \
        if (check_g_ == check_w_) {                                                         \
            check_passed++;                                                                 \
        } else {                                                                            \
            check_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s is %.17g, expected %.17g\n", __FILE__, __LINE__,     \
                    #got, check_g_, check_w_);                                              \
        }                                                                                   \
    } while (0)

#define CHECK_INT(got, want)                                                                \
    do {                                                                                    \
        long long check_g_ = (long long)(got);                                              \
        long long check_w_ = (long long)(want);                                             \
        if (check_g_ == check_w_) {                                                         \
            check_passed++;                                                                 \
        } else {                                                                            \
            check_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got, \
                    check_g_, check_w_);                                                    \
        }                                                                                   \
    } while (0)

static inline int check_done(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

/* A directory from the environment (override) or the compile-time default. */
static inline const char *test_dir(const char *env_name, const char *fallback) {
    const char *v = getenv(env_name);
    return (v != NULL && v[0] != '\0') ? v : fallback;
}

/* Reads a whole file into a malloc'ed buffer; NULL on failure. */
static inline char *read_whole_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else if (buf != NULL) {
            buf[n] = '\0';
            *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

/* The 0.2 lookups return a status with an out-parameter; these give the value, or -1 /
 * NULL when the lookup found nothing (VOSIA_NULL_VALUE) -- a failure is counted. */
static inline int32_t lookup_result(vosia_status st, int32_t col) {
    if (st == VOSIA_NULL_VALUE) return -1;
    CHECK_STATUS(st, VOSIA_OK);
    return st == VOSIA_OK ? col : -1;
}
static inline int32_t std_col(const vosia_results *r, int32_t field) {
    int32_t col = -1;
    vosia_status st = vosia_results_std_column(r, field, &col); /* before col is read */
    return lookup_result(st, col);
}
static inline int32_t col_index(const vosia_results *r, const char *name) {
    int32_t col = -1;
    vosia_status st = vosia_results_column_index(r, name, &col); /* before col is read */
    return lookup_result(st, col);
}
static inline int32_t col_by_ucd(const vosia_results *r, const char *ucd) {
    int32_t col = -1;
    vosia_status st = vosia_results_column_by_ucd(r, ucd, &col); /* before col is read */
    return lookup_result(st, col);
}
static inline const char *info_value(const vosia_results *r, const char *name) {
    const char *s = NULL;
    vosia_status st = vosia_results_info(r, name, &s);
    if (st != VOSIA_NULL_VALUE) CHECK_STATUS(st, VOSIA_OK);
    return st == VOSIA_OK ? s : NULL;
}
static inline const char *column_attr(const vosia_results *r, int32_t col, int32_t attr) {
    const char *s = NULL;
    vosia_status st = vosia_results_get_column_attr(r, col, attr, &s);
    if (st != VOSIA_NULL_VALUE) CHECK_STATUS(st, VOSIA_OK);
    return st == VOSIA_OK ? s : NULL;
}
static inline int32_t col_type(const vosia_results *r, int32_t col) {
    int32_t t = -1;
    vosia_status st = vosia_results_column_datatype(r, col, &t);
    return st == VOSIA_OK ? t : -1;
}
static inline const char *query_url(vosia_query *q) {
    const char *s = NULL;
    CHECK_STATUS(vosia_query_url(q, &s), VOSIA_OK);
    return s;
}
static inline const char *query_error(const vosia_query *q) {
    const char *s = NULL;
    CHECK_STATUS(vosia_query_error(q, &s), VOSIA_OK);
    return s;
}

#endif

/* vosia_idl.c: CALL_EXTERNAL glue between IDL (or GNU Data Language) and libvosia.
 *
 * IDL's portable CALL_EXTERNAL convention, the only one GDL implements, calls
 *     int f(int argc, void *argv[])
 * with argv[i] the address of argument i (everything is passed by reference here). Each
 * function below unpacks argv and calls the vosia function of the same name, so the IDL
 * code in vosia_search.pro needs no /AUTO_GLUE (which GDL lacks) and no /VALUE.
 *
 * Argument types, as IDL passes them by reference:
 *   handle   LONG64 (a vosia_service/query/results pointer; 0 is none)
 *   string   BYTE array, NUL-terminated (vosia_cstr(s) in vosia_search.pro)
 *   buffer   BYTE array of `cap` bytes, filled by a copy_* function; `len` gets the full length
 *   cap, len, row, maxrec: LONG64; col, field, version, status: LONG; numbers: DOUBLE
 * Every function returns a vosia_status as an IDL LONG (the default RETURN_TYPE);
 * VOSIA_E_INVALID_ARG when called with the wrong number of arguments.
 *
 * Build: cc -shared -fPIC vosia_idl.c -o libvosia_idl.so $(pkg-config --cflags --libs vosia)
 * (CMake builds it as the vosia_idl module next to libvosia).
 */
#include <stdint.h>

#include "vosia.h"

#if defined(_WIN32)
#define VOSIA_IDL_EXPORT __declspec(dllexport)
#else
#define VOSIA_IDL_EXPORT __attribute__((visibility("default")))
#endif

#define ARGS(n)                                          \
    do {                                                 \
        if (argc != (n) || argv == NULL) return VOSIA_E_INVALID_ARG; \
    } while (0)
#define HANDLE(T, i) ((T *)(intptr_t)(*(int64_t *)argv[i]))
#define SETHANDLE(i, p) (*(int64_t *)argv[i] = (int64_t)(intptr_t)(p))
#define I32(i) (*(int32_t *)argv[i])
#define I64(i) (*(int64_t *)argv[i])
#define DBL(i) (*(double *)argv[i])
#define STR(i) ((const char *)argv[i])
#define BUF(i) ((char *)argv[i])

/* copy_* twins take size_t cap/len; IDL has LONG64. */
#define COPY_CALL(call_with_buf)                                          \
    do {                                                                  \
        size_t len_ = 0;                                                  \
        vosia_status st_ = (call_with_buf);                               \
        I64(argc - 1) = (int64_t)len_;                                    \
        return st_;                                                       \
    } while (0)
#define CAP(i) ((size_t)(I64(i) > 0 ? I64(i) : 0))

/* ------------------------------------------------------------------ errors, version */

/* (buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_version(int argc, void *argv[]) {
    ARGS(3);
    COPY_CALL(vosia_copy_version(BUF(0), CAP(1), &len_));
}

/* (status, buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_strerror(int argc, void *argv[]) {
    ARGS(4);
    COPY_CALL(vosia_copy_strerror(I32(0), BUF(1), CAP(2), &len_));
}

/* (buf, cap, len): vosia_last_error of this thread. */
VOSIA_IDL_EXPORT int vosia_idl_last_error(int argc, void *argv[]) {
    ARGS(3);
    COPY_CALL(vosia_copy_last_error(BUF(0), CAP(1), &len_));
}

/* ---------------------------------------------------------------------------- service */

/* (url, version, out handle) */
VOSIA_IDL_EXPORT int vosia_idl_service_new(int argc, void *argv[]) {
    ARGS(3);
    vosia_service *s = NULL;
    vosia_status st = vosia_service_new(STR(0), I32(1), &s);
    if (st == VOSIA_OK) SETHANDLE(2, s);
    return st;
}

/* (service, seconds) */
VOSIA_IDL_EXPORT int vosia_idl_service_set_timeout(int argc, void *argv[]) {
    ARGS(2);
    return vosia_service_set_timeout(HANDLE(vosia_service, 0), DBL(1));
}

/* (service): frees it and sets the handle to 0. */
VOSIA_IDL_EXPORT int vosia_idl_service_free(int argc, void *argv[]) {
    ARGS(1);
    vosia_service_free(HANDLE(vosia_service, 0));
    SETHANDLE(0, NULL);
    return VOSIA_OK;
}

/* ------------------------------------------------------------------------------ query */

/* (service, out handle) */
VOSIA_IDL_EXPORT int vosia_idl_query_new(int argc, void *argv[]) {
    ARGS(2);
    vosia_query *q = NULL;
    vosia_status st = vosia_query_new(HANDLE(vosia_service, 0), &q);
    if (st == VOSIA_OK) SETHANDLE(1, q);
    return st;
}

/* (query) */
VOSIA_IDL_EXPORT int vosia_idl_query_free(int argc, void *argv[]) {
    ARGS(1);
    vosia_query_free(HANDLE(vosia_query, 0));
    SETHANDLE(0, NULL);
    return VOSIA_OK;
}

/* (query, ra, dec) */
VOSIA_IDL_EXPORT int vosia_idl_query_set_pos(int argc, void *argv[]) {
    ARGS(3);
    return vosia_query_set_pos(HANDLE(vosia_query, 0), DBL(1), DBL(2));
}

/* (query, ra size, dec size) */
VOSIA_IDL_EXPORT int vosia_idl_query_set_size(int argc, void *argv[]) {
    ARGS(3);
    return vosia_query_set_size(HANDLE(vosia_query, 0), DBL(1), DBL(2));
}

/* (query, ra, dec, radius) */
VOSIA_IDL_EXPORT int vosia_idl_query_add_circle(int argc, void *argv[]) {
    ARGS(4);
    return vosia_query_add_circle(HANDLE(vosia_query, 0), DBL(1), DBL(2), DBL(3));
}

/* (query, maxrec) */
VOSIA_IDL_EXPORT int vosia_idl_query_set_maxrec(int argc, void *argv[]) {
    ARGS(2);
    return vosia_query_set_maxrec(HANDLE(vosia_query, 0), I64(1));
}

/* (query, name, value) */
VOSIA_IDL_EXPORT int vosia_idl_query_set_param(int argc, void *argv[]) {
    ARGS(3);
    return vosia_query_set_param(HANDLE(vosia_query, 0), STR(1), STR(2));
}

/* (query, name, value) */
VOSIA_IDL_EXPORT int vosia_idl_query_add_param(int argc, void *argv[]) {
    ARGS(3);
    return vosia_query_add_param(HANDLE(vosia_query, 0), STR(1), STR(2));
}

/* (query, buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_query_copy_url(int argc, void *argv[]) {
    ARGS(4);
    COPY_CALL(vosia_query_copy_url(HANDLE(vosia_query, 0), BUF(1), CAP(2), &len_));
}

/* (query, out results handle) */
VOSIA_IDL_EXPORT int vosia_idl_query_execute(int argc, void *argv[]) {
    ARGS(2);
    vosia_results *r = NULL;
    vosia_status st = vosia_query_execute(HANDLE(vosia_query, 0), &r);
    if (st == VOSIA_OK) SETHANDLE(1, r);
    return st;
}

/* (query, buf, cap, len): the last execute error. */
VOSIA_IDL_EXPORT int vosia_idl_query_copy_error(int argc, void *argv[]) {
    ARGS(4);
    COPY_CALL(vosia_query_copy_error(HANDLE(vosia_query, 0), BUF(1), CAP(2), &len_));
}

/* ---------------------------------------------------------------------------- results */

/* (path, version, out handle) */
VOSIA_IDL_EXPORT int vosia_idl_results_parse_file(int argc, void *argv[]) {
    ARGS(3);
    vosia_results *r = NULL;
    vosia_status st = vosia_results_parse_file(STR(0), I32(1), &r);
    if (st == VOSIA_OK) SETHANDLE(2, r);
    return st;
}

/* (results) */
VOSIA_IDL_EXPORT int vosia_idl_results_free(int argc, void *argv[]) {
    ARGS(1);
    vosia_results_free(HANDLE(vosia_results, 0));
    SETHANDLE(0, NULL);
    return VOSIA_OK;
}

/* (results, out rows LONG64, out columns LONG, out overflow LONG) */
VOSIA_IDL_EXPORT int vosia_idl_results_shape(int argc, void *argv[]) {
    ARGS(4);
    const vosia_results *r = HANDLE(vosia_results, 0);
    int64_t rows = vosia_results_row_count(r);
    if (rows < 0) return VOSIA_E_BAD_HANDLE;
    I64(1) = rows;
    I32(2) = vosia_results_column_count(r);
    I32(3) = vosia_results_overflow(r);
    return VOSIA_OK;
}

/* (results, col, buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_results_copy_column_name(int argc, void *argv[]) {
    ARGS(5);
    COPY_CALL(vosia_results_copy_column_name(HANDLE(vosia_results, 0), I32(1), BUF(2), CAP(3),
                                             &len_));
}

/* (results, row, col, buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_results_copy_text(int argc, void *argv[]) {
    ARGS(6);
    COPY_CALL(vosia_results_copy_text(HANDLE(vosia_results, 0), I64(1), I32(2), BUF(3), CAP(4),
                                      &len_));
}

/* (results, row, field, buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_results_copy_std_str(int argc, void *argv[]) {
    ARGS(6);
    COPY_CALL(vosia_results_copy_std_str(HANDLE(vosia_results, 0), I64(1), I32(2), BUF(3),
                                         CAP(4), &len_));
}

/* (results, row, field, out value) */
VOSIA_IDL_EXPORT int vosia_idl_results_get_std_double(int argc, void *argv[]) {
    ARGS(4);
    return vosia_results_get_std_double(HANDLE(vosia_results, 0), I64(1), I32(2), &DBL(3));
}

/* (results, row, field, DOUBLE array buf, cap, out n) */
VOSIA_IDL_EXPORT int vosia_idl_results_get_std_double_array(int argc, void *argv[]) {
    ARGS(6);
    size_t n = 0;
    vosia_status st = vosia_results_get_std_double_array(
        HANDLE(vosia_results, 0), I64(1), I32(2), (double *)argv[3], CAP(4), &n);
    I64(5) = (int64_t)n;
    return st;
}

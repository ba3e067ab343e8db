/* vosia_idl.c: CALL_EXTERNAL glue between IDL (or GNU Data Language) and libvosia.
 *
 * IDL's portable CALL_EXTERNAL convention, the only one GDL implements, calls
 *     int f(int argc, void *argv[])
 * with argv[i] the address of argument i (everything is passed by reference here). Each
 * function below unpacks argv and calls the vosia function it is named after, so the IDL
 * code (vosia_*.pro) needs no /AUTO_GLUE (which GDL lacks) and no /VALUE.
 *
 * Argument types, as IDL passes them by reference:
 *   handle   LONG64 (a vosia_service/query/results/downloads pointer; 0 is none)
 *   string   BYTE array, NUL-terminated (vosia_cstr(s))
 *   buffer   BYTE array of `cap` bytes, filled by a copy_* function; `len` gets the full length
 *   cap, len, first_row, n_rows, maxrec, width, offsets, counts, maxcount: LONG64
 *   col, field, attr, kind, type, version, status, nulls: LONG
 *   numbers, values: DOUBLE (LONG64 for get_int64_column, FLOAT into float_decimal)
 * Every function returns a vosia_status as an IDL LONG (the default RETURN_TYPE), and
 * VOSIA_E_INVALID_ARG when called with the wrong number of arguments. The glue cannot see the
 * size of an IDL array: the caller allocates every array with the size the function names
 * (the vosia_*.pro routines do).
 *
 * Whole columns. vosia_idl_results_get_{double,int64,std_double}_column copy a range of rows
 * of one column (or of one standard field, in its fixed unit) into the caller's array in one
 * call. Text columns are copied into one BYTE buffer, back to back without NULs, with an
 * offsets array (IDL splits it with one vectorised STRMID). Array columns (NAXIS, SCALE, any
 * `arraysize` column) go into a DOUBLE [width, n_rows] array, NaN-padded. Where vosia has no
 * whole-column function the loop over the rows is here, in C.
 *
 * Downloads. vosia_idl_service_download_rows and _url make the vosia_service a download needs
 * (for its transport settings; a results handle keeps no service), download, and hand back
 * the vosia_downloads handle; vosia_idl_downloads_entries copies every entry's status, size,
 * way and path or error out of it in one call (the texts by the text column convention), and
 * vosia_idl_downloads_free frees it: three calls per download, whatever the number of rows.
 * vosia_idl_service_cutout_rows is the same for SODA cutouts, with every parameter's name
 * and value in one BYTE buffer and the numbers of CIRCLE and POLYGON formatted here, in the
 * shortest round-trip form vosia writes numbers in.
 *
 * Build: cc -shared -fPIC vosia_idl.c -o libvosia_idl.so $(pkg-config --cflags --libs vosia)
 * (CMake builds it as the vosia_idl module next to libvosia).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

#if defined(_WIN32)
#define VOSIA_IDL_EXPORT __declspec(dllexport)
#else
#define VOSIA_IDL_EXPORT __attribute__((visibility("default")))
#endif

#define ARGS(n) ARGS_RANGE(n, n)
#define ARGS_RANGE(lo, hi)                                                      \
    do {                                                                        \
        if (argc < (lo) || argc > (hi) || argv == NULL) return VOSIA_E_INVALID_ARG; \
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

/* A static string into buf by the copy_* convention. */
static vosia_status copy_static(const char *s, char *buf, size_t cap, size_t *len) {
    size_t n = strlen(s);
    *len = n;
    if (cap == 0 || buf == NULL) return VOSIA_E_BUFFER_SIZE;
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
    return k == n ? VOSIA_OK : VOSIA_E_BUFFER_SIZE;
}

/* ------------------------------------------------------------------ errors, version */

/* (buf, cap, len): vosia_version() of the library loaded. */
VOSIA_IDL_EXPORT int vosia_idl_version(int argc, void *argv[]) {
    ARGS(3);
    COPY_CALL(copy_static(vosia_version(), BUF(0), CAP(1), &len_));
}

/* (status, buf, cap, len): vosia_strerror(status). */
VOSIA_IDL_EXPORT int vosia_idl_strerror(int argc, void *argv[]) {
    ARGS(4);
    COPY_CALL(copy_static(vosia_strerror(I32(0)), BUF(1), CAP(2), &len_));
}

/* (buf, cap, len): vosia_last_error of this thread. */
VOSIA_IDL_EXPORT int vosia_idl_last_error(int argc, void *argv[]) {
    ARGS(3);
    COPY_CALL(vosia_copy_last_error(BUF(0), CAP(1), &len_));
}

/* ---------------------------------------------------------------------- numbers in */

/* The double nearest the shortest decimal that reads back as `f` at float precision, so that
 * an IDL FLOAT 10.68 goes on the wire as 10.68 (vosia prints doubles in shortest round-trip
 * form), not as 10.680000305175781, the exact value of the float. */
static double float_decimal(float f) {
    char text[32];
    if (!isfinite(f)) return (double)f;
    for (int digits = 1; digits <= 9; digits++) { /* 9 significant digits always round-trip */
        snprintf(text, sizeof text, "%.*g", digits, (double)f);
        if (strtof(text, NULL) == f) break;
    }
    return strtod(text, NULL);
}

/* (FLOAT array in, DOUBLE array out, n): out[i] = float_decimal(in[i]). */
VOSIA_IDL_EXPORT int vosia_idl_float_decimal(int argc, void *argv[]) {
    ARGS(3);
    const float *in = (const float *)argv[0];
    double *out = (double *)argv[1];
    for (int64_t i = 0; i < I64(2); i++) out[i] = float_decimal(in[i]);
    return VOSIA_OK;
}

/* ------------------------------------------------------------------- standard fields */

/* (name, out field LONG) */
VOSIA_IDL_EXPORT int vosia_idl_field_by_name(int argc, void *argv[]) {
    ARGS(2);
    return vosia_field_by_name(STR(0), &I32(1));
}

/* (field, out kind LONG) */
VOSIA_IDL_EXPORT int vosia_idl_field_kind(int argc, void *argv[]) {
    ARGS(2);
    return vosia_field_kind(I32(0), &I32(1));
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

/* (query): frees it and sets the handle to 0. */
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

/* (results): frees it and sets the handle to 0. */
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
    if (rows < 0) return vosia_last_status();
    I64(1) = rows;
    I32(2) = vosia_results_column_count(r);
    I32(3) = vosia_results_overflow(r);
    return VOSIA_OK;
}

/* (results, col, attr, buf, cap, len) */
VOSIA_IDL_EXPORT int vosia_idl_results_copy_column_attr(int argc, void *argv[]) {
    ARGS(6);
    COPY_CALL(vosia_results_copy_column_attr(HANDLE(vosia_results, 0), I32(1), I32(2), BUF(3),
                                             CAP(4), &len_));
}

/* (results, name or ID, out col LONG) */
VOSIA_IDL_EXPORT int vosia_idl_results_column_index(int argc, void *argv[]) {
    ARGS(3);
    return vosia_results_column_index(HANDLE(vosia_results, 0), STR(1), &I32(2));
}

/* (results, col, out VOSIA_TYPE_* LONG) */
VOSIA_IDL_EXPORT int vosia_idl_results_column_datatype(int argc, void *argv[]) {
    ARGS(3);
    return vosia_results_column_datatype(HANDLE(vosia_results, 0), I32(1), &I32(2));
}

/* ----------------------------------------------------------------------- whole columns */

/* (results, col, first_row, n_rows, DOUBLE values[n_rows] [, LONG nulls[n_rows]]):
 * vosia_results_get_double_column; a null cell is NaN (and 1 in nulls). */
VOSIA_IDL_EXPORT int vosia_idl_results_get_double_column(int argc, void *argv[]) {
    ARGS_RANGE(5, 6);
    return vosia_results_get_double_column(HANDLE(vosia_results, 0), I32(1), I64(2), I64(3),
                                           (double *)argv[4],
                                           argc == 6 ? (int32_t *)argv[5] : NULL);
}

/* (results, col, first_row, n_rows, LONG64 values[n_rows] [, LONG nulls[n_rows]]):
 * vosia_results_get_int64_column; a null cell is 0 (and 1 in nulls). */
VOSIA_IDL_EXPORT int vosia_idl_results_get_int64_column(int argc, void *argv[]) {
    ARGS_RANGE(5, 6);
    return vosia_results_get_int64_column(HANDLE(vosia_results, 0), I32(1), I64(2), I64(3),
                                          (int64_t *)argv[4],
                                          argc == 6 ? (int32_t *)argv[5] : NULL);
}

/* (results, field, first_row, n_rows, DOUBLE values[n_rows] [, LONG nulls[n_rows]]):
 * vosia_results_get_std_double_column, in the field's fixed unit; NaN (and 1 in nulls) where
 * the value is null. Where vosia_results_get_std_double_column gives up on the whole column
 * for one cell that is text but not a number, the rows are read one by one (in C) and that
 * cell is null, as a per-row reader would keep it. VOSIA_NULL_VALUE: the result has no such
 * field (nothing written). */
VOSIA_IDL_EXPORT int vosia_idl_results_get_std_double_column(int argc, void *argv[]) {
    ARGS_RANGE(5, 6);
    const vosia_results *r = HANDLE(vosia_results, 0);
    int32_t field = I32(1);
    int64_t first = I64(2), n = I64(3);
    double *values = (double *)argv[4];
    int32_t *nulls = argc == 6 ? (int32_t *)argv[5] : NULL;
    vosia_status st = vosia_results_get_std_double_column(r, field, first, n, values, nulls);
    int32_t kind = 0;
    if (st != VOSIA_E_TYPE || vosia_field_kind(field, &kind) != VOSIA_OK ||
        kind != VOSIA_KIND_NUMBER)
        return st;
    for (int64_t i = 0; i < n; i++) {
        double v = 0;
        vosia_status s = vosia_results_get_std_double(r, first + i, field, &v);
        if (s != VOSIA_OK && s != VOSIA_NULL_VALUE && s != VOSIA_E_TYPE) return s;
        values[i] = s == VOSIA_OK ? v : NAN;
        if (nulls != NULL) nulls[i] = s != VOSIA_OK;
    }
    return VOSIA_OK;
}

typedef vosia_status (*text_column_fn)(const vosia_results *, int32_t, int64_t, int64_t,
                                       const char **);

/* The text column convention: rows first_row .. first_row + n_rows of column (or field)
 * `which` go into buf back to back, without NULs; string i is buf[offsets[i] ..
 * offsets[i+1]-1], offsets[0] = 0; nulls[i] is 1 for a null cell (an empty string in buf).
 * When cap < offsets[n_rows] (the bytes needed), VOSIA_E_BUFFER_SIZE: offsets and nulls are
 * written, buf is not; call again with a buffer that size. */
static vosia_status text_column(text_column_fn fn, int argc, void *argv[]) {
    const vosia_results *r = HANDLE(vosia_results, 0);
    int64_t n = I64(3);
    char *buf = BUF(4);
    size_t cap = CAP(5);
    int64_t *offsets = (int64_t *)argv[6];
    int32_t *nulls = (int32_t *)argv[7];
    (void)argc;
    if (n <= 0) {
        const char *none[1];
        vosia_status st = fn(r, I32(1), I64(2), n, none); /* vosia checks the arguments */
        if (st == VOSIA_OK) offsets[0] = 0;
        return st;
    }
    if ((uint64_t)n > SIZE_MAX / sizeof(const char *)) return VOSIA_E_RANGE;
    const char **cells = malloc((size_t)n * sizeof *cells);
    if (cells == NULL) return VOSIA_E_INTERNAL;
    vosia_status st = fn(r, I32(1), I64(2), n, cells);
    if (st == VOSIA_OK) {
        int64_t total = 0;
        offsets[0] = 0;
        for (int64_t i = 0; i < n; i++) {
            nulls[i] = cells[i] == NULL;
            total += cells[i] == NULL ? 0 : (int64_t)strlen(cells[i]);
            offsets[i + 1] = total;
        }
        if ((uint64_t)total > cap) {
            st = VOSIA_E_BUFFER_SIZE;
        } else {
            for (int64_t i = 0; i < n; i++)
                if (cells[i] != NULL)
                    memcpy(buf + offsets[i], cells[i], (size_t)(offsets[i + 1] - offsets[i]));
        }
    }
    free(cells);
    return st;
}

/* (results, col, first_row, n_rows, BYTE buf[cap], cap, LONG64 offsets[n_rows+1],
 *  LONG nulls[n_rows]): any column as text (vosia_results_get_text_column: numbers in
 * shortest round-trip form, arrays space-separated), by the text column convention above. */
VOSIA_IDL_EXPORT int vosia_idl_results_get_text_column(int argc, void *argv[]) {
    ARGS(8);
    return text_column(vosia_results_get_text_column, argc, argv);
}

/* (results, field, first_row, n_rows, BYTE buf[cap], cap, LONG64 offsets[n_rows+1],
 *  LONG nulls[n_rows]): standard field `field` as text (vosia_results_get_std_text_column),
 * by the text column convention above. VOSIA_NULL_VALUE: the result has no such field. */
VOSIA_IDL_EXPORT int vosia_idl_results_get_std_text_column(int argc, void *argv[]) {
    ARGS(8);
    return text_column(vosia_results_get_std_text_column, argc, argv);
}

typedef vosia_status (*array_cell_fn)(const vosia_results *, int64_t, int32_t, double *,
                                      size_t, size_t *);

/* The array column convention: the numbers of each cell of rows first_row .. first_row +
 * n_rows go into column i of values[width, n_rows] (IDL order: values[k, i]), NaN after the
 * cell's last element and for null elements; counts[i] receives the number of elements of
 * the cell (0 when it is null), which may exceed width (the rest is left out); maxcount the
 * largest of counts. width 0 is a size probe: values is not touched (pass any DOUBLE). With
 * `tolerant`, a cell that cannot be read as numbers (VOSIA_E_TYPE) counts as null. */
static vosia_status array_column(array_cell_fn fn, int tolerant, void *argv[]) {
    const vosia_results *r = HANDLE(vosia_results, 0);
    int32_t which = I32(1);
    int64_t first = I64(2), n = I64(3), width = I64(4);
    double *values = (double *)argv[5];
    int64_t *counts = (int64_t *)argv[6];
    int64_t maxcount = 0;
    if (n < 0 || first < 0 || width < 0) return VOSIA_E_RANGE;
    for (int64_t i = 0; i < n; i++) {
        double *cell = width > 0 ? values + i * width : NULL;
        size_t k = 0;
        vosia_status s = fn(r, first + i, which, cell, (size_t)width, &k);
        if (s == VOSIA_NULL_VALUE || (tolerant && s == VOSIA_E_TYPE)) {
            k = 0;
        } else if (s != VOSIA_OK && s != VOSIA_E_BUFFER_SIZE) {
            return s;
        }
        for (int64_t j = (int64_t)k; j < width; j++) cell[j] = NAN;
        counts[i] = (int64_t)k;
        if ((int64_t)k > maxcount) maxcount = (int64_t)k;
    }
    I64(7) = maxcount;
    return VOSIA_OK;
}

/* (results, col, first_row, n_rows, width, DOUBLE values[width, n_rows],
 *  LONG64 counts[n_rows], out maxcount LONG64): an array column (or any numeric column) by
 * the array column convention above, one vosia_results_get_double_array per row. */
VOSIA_IDL_EXPORT int vosia_idl_results_get_array_column(int argc, void *argv[]) {
    ARGS(8);
    return array_column(vosia_results_get_double_array, 0, argv);
}

/* (results, field, first_row, n_rows, width, DOUBLE values[width, n_rows],
 *  LONG64 counts[n_rows], out maxcount LONG64): a standard array field (NAXIS, SCALE,
 * REF_PIXEL, REF_VALUE, CD_MATRIX) in its fixed unit by the array column convention above,
 * one vosia_results_get_std_double_array per row; a cell that is not numbers is null. */
VOSIA_IDL_EXPORT int vosia_idl_results_get_std_array_column(int argc, void *argv[]) {
    ARGS(8);
    return array_column(vosia_results_get_std_double_array, 1, argv);
}

/* -------------------------------------------------------------------------- downloads */

/* The base URL of the service a download is made with. A download needs a vosia_service for
 * its transport settings only (timeouts, limits, proxies, TLS, jobs); the service's own URL
 * is never requested, so this placeholder serves a result from vosia_read (which has no
 * service) as well as one from vosia_search. */
#define DOWNLOAD_SERVICE_URL "http://localhost/"

/* Bits of `set`: which of jobs, max_bytes and timeout the caller gave (the others keep
 * vosia's defaults: 4 jobs, no size limit, 3600 s). */
#define DOWNLOAD_SET_JOBS 1
#define DOWNLOAD_SET_MAX_BYTES 2
#define DOWNLOAD_SET_TIMEOUT 4

/* A service for one download call, with the settings of `set`; NULL and a status on error. */
static vosia_status download_service(int32_t set, int32_t jobs, int64_t max_bytes,
                                     double timeout, vosia_service **out) {
    vosia_service *s = NULL;
    vosia_status st = vosia_service_new(DOWNLOAD_SERVICE_URL, VOSIA_SIA1, &s);
    if (st == VOSIA_OK && (set & DOWNLOAD_SET_JOBS))
        st = vosia_service_set_download_jobs(s, jobs);
    if (st == VOSIA_OK && (set & DOWNLOAD_SET_MAX_BYTES))
        st = vosia_service_set_max_download_bytes(s, max_bytes);
    if (st == VOSIA_OK && (set & DOWNLOAD_SET_TIMEOUT))
        st = vosia_service_set_download_timeout(s, timeout);
    if (st != VOSIA_OK) {
        vosia_service_free(s);
        s = NULL;
    }
    *out = s;
    return st;
}

/* The handle and its count into argv[i] and argv[i + 1] (0 and 0 when none was written). */
static void set_downloads(void *argv[], int i, vosia_downloads *d) {
    int64_t n = d != NULL ? vosia_downloads_count(d) : 0;
    SETHANDLE(i, d);
    I64(i + 1) = n > 0 ? n : 0;
}

/* (results, first_row, n_rows, dir, flags, set, jobs, max_bytes LONG64, timeout DOUBLE,
 *  out downloads handle, out count LONG64): vosia_service_download_rows with a service made
 * here (DOWNLOAD_SERVICE_URL) with the settings whose DOWNLOAD_SET_* bit is in `set`. The
 * handle (and its number of entries) is written whenever vosia wrote it, also when the call
 * returns an entry's failure; else it is 0. Read it with vosia_idl_downloads_entries, free it
 * with vosia_idl_downloads_free. */
VOSIA_IDL_EXPORT int vosia_idl_service_download_rows(int argc, void *argv[]) {
    ARGS(11);
    vosia_service *s = NULL;
    vosia_downloads *d = NULL;
    vosia_status st = download_service(I32(5), I32(6), I64(7), DBL(8), &s);
    if (st == VOSIA_OK)
        st = vosia_service_download_rows(s, HANDLE(vosia_results, 0), I64(1), I64(2), STR(3),
                                         I32(4), &d);
    vosia_service_free(s);
    set_downloads(argv, 9, d);
    return st;
}

/* (url, dir, name, flags, set, max_bytes LONG64, timeout DOUBLE, out downloads handle,
 *  out count LONG64): vosia_service_download_url as vosia_idl_service_download_rows; an
 * empty name is NULL (the name comes from the URL). */
VOSIA_IDL_EXPORT int vosia_idl_service_download_url(int argc, void *argv[]) {
    ARGS(9);
    vosia_service *s = NULL;
    vosia_downloads *d = NULL;
    vosia_status st = download_service(I32(4) & ~DOWNLOAD_SET_JOBS, 0, I64(5), DBL(6), &s);
    if (st == VOSIA_OK)
        st = vosia_service_download_url(s, STR(0), STR(1), STR(2)[0] != '\0' ? STR(2) : NULL,
                                        I32(3), &d);
    vosia_service_free(s);
    set_downloads(argv, 7, d);
    return st;
}

/* A double in vosia's shortest round-trip form (as vosia writes the numbers of a query):
 * the fewest significant digits that read back as x; plain decimals for 1e-5 <= |x| < 1e16
 * and 0 (10.878948, 2, 0.005), else exponent form (5e-7, 1.5e20); NaN, +Inf, -Inf. */
static void format_double(double x, char out[48]) {
    char e[40];
    if (isnan(x)) {
        strcpy(out, "NaN");
        return;
    }
    if (isinf(x)) {
        strcpy(out, x > 0 ? "+Inf" : "-Inf");
        return;
    }
    for (int prec = 0; prec <= 16; prec++) { /* 17 significant digits always round-trip */
        snprintf(e, sizeof e, "%.*e", prec, x);
        if (strtod(e, NULL) == x) break;
    }
    /* e is [-]d[.ddd]e(+|-)XX: its digits without the point, and the decimal exponent */
    const char *p = e;
    char *o = out;
    if (*p == '-') *o++ = *p++;
    char digits[24];
    int nd = 0;
    for (; *p != 'e'; p++)
        if (*p != '.') digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0') nd--; /* 0 and %.0e of a round number */
    int exp = atoi(p + 1);
    double ax = fabs(x);
    if (ax == 0 || (ax >= 1e-5 && ax < 1e16)) {
        if (exp < 0) { /* 0.000ddd */
            *o++ = '0';
            *o++ = '.';
            for (int k = 0; k < -exp - 1; k++) *o++ = '0';
            for (int k = 0; k < nd; k++) *o++ = digits[k];
        } else { /* ddd[000][.ddd] */
            for (int k = 0; k <= exp || k < nd; k++) {
                if (k == exp + 1) *o++ = '.';
                *o++ = k < nd ? digits[k] : '0';
            }
        }
    } else { /* d[.ddd]eX */
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            for (int k = 1; k < nd; k++) *o++ = digits[k];
        }
        o += sprintf(o, "e%d", exp);
    }
    *o = '\0';
}

/* (results, first_row, n_rows, BYTE params[], n_params LONG64, DOUBLE numbers[],
 *  LONG64 counts[n_params], dir, flags, set, jobs, max_bytes LONG64, timeout DOUBLE,
 *  out downloads handle, out count LONG64): vosia_service_cutout_rows with the n_params
 * parameters of `params`, NAME NUL value NUL each, one after the other; where counts[i] > 0
 * parameter i's value is instead the next counts[i] elements of `numbers` (in order over
 * the parameters), in shortest round-trip form, separated by blanks (CIRCLE "ra dec r").
 * The service, the settings and the handle as vosia_idl_service_download_rows: read the
 * entries with vosia_idl_downloads_entries, free them with vosia_idl_downloads_free. */
VOSIA_IDL_EXPORT int vosia_idl_service_cutout_rows(int argc, void *argv[]) {
    ARGS(15);
    int64_t n_params = I64(4);
    const double *numbers = (const double *)argv[5];
    const int64_t *counts = (const int64_t *)argv[6];
    if (n_params < 0 || (uint64_t)n_params > SIZE_MAX / (2 * sizeof(char *)))
        return VOSIA_E_INVALID_ARG;
    size_t np = (size_t)n_params, ntext = 0;
    for (size_t i = 0; i < np; i++) {
        if (counts[i] < 0 || counts[i] > INT32_MAX / 48) return VOSIA_E_INVALID_ARG;
        ntext += (size_t)counts[i] * 48;
    }
    const char **names = malloc((np > 0 ? np : 1) * 2 * sizeof *names);
    char *text = malloc(ntext > 0 ? ntext : 1);
    vosia_status st = names != NULL && text != NULL ? VOSIA_OK : VOSIA_E_INTERNAL;
    const char **values = names + np;
    const char *p = STR(3);
    char *t = text;
    for (size_t i = 0; st == VOSIA_OK && i < np; i++) {
        names[i] = p;
        p += strlen(p) + 1;
        values[i] = p;
        p += strlen(p) + 1;
        if (counts[i] > 0) {
            values[i] = t;
            for (int64_t k = 0; k < counts[i]; k++) {
                if (k > 0) *t++ = ' ';
                format_double(*numbers++, t);
                t += strlen(t);
            }
            *t++ = '\0';
        }
    }
    vosia_service *s = NULL;
    vosia_downloads *d = NULL;
    if (st == VOSIA_OK) st = download_service(I32(9), I32(10), I64(11), DBL(12), &s);
    if (st == VOSIA_OK)
        st = vosia_service_cutout_rows(s, HANDLE(vosia_results, 0), I64(1), I64(2),
                                       np > 0 ? names : NULL, np > 0 ? values : NULL, np,
                                       STR(7), I32(8), &d);
    vosia_service_free(s);
    free(names);
    free(text);
    set_downloads(argv, 13, d);
    return st;
}

/* (downloads, n, LONG statuses[n], LONG64 bytes[n], LONG how[n], BYTE buf[cap], cap,
 *  LONG64 offsets[n+1]): entries 0 .. n-1 of a downloads handle in one call. statuses[i] is
 * the entry's status, bytes[i] and how[i] its file's size and VOSIA_DOWNLOAD_FETCHED,
 * _RESUMED or _CACHED (0 and 0 for a failed entry); the texts, by the text column
 * convention (back to back in buf, offsets), are each entry's path when it succeeded, its
 * error message when it failed. When cap is too small: VOSIA_E_BUFFER_SIZE, everything but
 * buf written (offsets[n] is the size needed). */
VOSIA_IDL_EXPORT int vosia_idl_downloads_entries(int argc, void *argv[]) {
    ARGS(8);
    const vosia_downloads *d = HANDLE(vosia_downloads, 0);
    int64_t n = I64(1);
    int32_t *statuses = (int32_t *)argv[2];
    int64_t *bytes = (int64_t *)argv[3];
    int32_t *how = (int32_t *)argv[4];
    char *buf = BUF(5);
    size_t cap = CAP(6);
    int64_t *offsets = (int64_t *)argv[7];
    int64_t count = vosia_downloads_count(d);
    if (count < 0) return vosia_last_status();
    if (n < 0 || n > count) return VOSIA_E_RANGE;
    offsets[0] = 0;
    /* first pass: statuses, sizes and offsets; second, when they fit: the texts */
    for (int pass = 0; pass < 2; pass++) {
        for (int64_t i = 0; i < n; i++) {
            const char *text = NULL;
            vosia_status st = vosia_downloads_status(d, i, &statuses[i]);
            if (st != VOSIA_OK) return st;
            if (statuses[i] == VOSIA_OK) {
                st = vosia_downloads_get_path(d, i, &text);
                if (st == VOSIA_OK) st = vosia_downloads_file(d, i, &bytes[i], &how[i]);
            } else {
                bytes[i] = 0;
                how[i] = 0;
                st = vosia_downloads_get_error(d, i, &text);
            }
            if (st != VOSIA_OK && st != VOSIA_NULL_VALUE) return st;
            size_t len = st == VOSIA_OK && text != NULL ? strlen(text) : 0;
            if (pass == 0)
                offsets[i + 1] = offsets[i] + (int64_t)len;
            else if (len > 0)
                memcpy(buf + offsets[i], text, len);
        }
        if (pass == 0 && (uint64_t)offsets[n] > cap) return VOSIA_E_BUFFER_SIZE;
    }
    return VOSIA_OK;
}

/* (downloads): frees it (the files stay) and sets the handle to 0. */
VOSIA_IDL_EXPORT int vosia_idl_downloads_free(int argc, void *argv[]) {
    ARGS(1);
    vosia_downloads_free(HANDLE(vosia_downloads, 0));
    SETHANDLE(0, NULL);
    return VOSIA_OK;
}

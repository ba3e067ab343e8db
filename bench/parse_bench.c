/* parse_bench: the parser benchmark's vosia side (run by bench/run.sh).
 *
 *     parse_bench RESPONSE.xml [THREADS]
 *
 * Parses an SIA 1.0 response file through the C ABI (on THREADS threads, default 1: see
 * vosia_results_parse_file_on_threads) and reads the access URL, RA, Dec, title
 * and NAXIS of every row through the standard-field getters, then prints a checksum that
 * bench/astropy_parse.py computes the same way, so both are seen to read the same values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

int main(int argc, char **argv) {
    vosia_results *res = NULL;
    unsigned long long text_bytes = 0, naxis_sum = 0;
    double radec_sum = 0.0;
    long long nulls = 0;
    int64_t rows;

    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s RESPONSE.xml [THREADS]\n", argv[0]);
        return 2;
    }
    int32_t threads = argc == 3 ? atoi(argv[2]) : 1;
    if (vosia_results_parse_file_on_threads(argv[1], VOSIA_SIA1, 0, threads, &res) != VOSIA_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], vosia_last_error());
        return 1;
    }
    rows = vosia_results_row_count(res);
    for (int64_t i = 0; i < rows; i++) {
        const char *url, *title;
        double ra, dec, naxis[8];
        size_t n = 0;
        if (vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, &url) == VOSIA_OK)
            text_bytes += strlen(url);
        else
            nulls++;
        if (vosia_results_get_std_str(res, i, VOSIA_FIELD_TITLE, &title) == VOSIA_OK)
            text_bytes += strlen(title);
        else
            nulls++;
        if (vosia_results_get_std_double(res, i, VOSIA_FIELD_RA, &ra) == VOSIA_OK)
            radec_sum += ra;
        else
            nulls++;
        if (vosia_results_get_std_double(res, i, VOSIA_FIELD_DEC, &dec) == VOSIA_OK)
            radec_sum += dec;
        else
            nulls++;
        if (vosia_results_get_std_double_array(res, i, VOSIA_FIELD_NAXIS, naxis, 8, &n) ==
            VOSIA_OK) {
            for (size_t k = 0; k < n && k < 8; k++) naxis_sum += (unsigned long long)naxis[k];
        } else {
            nulls++;
        }
    }
    printf("rows=%lld text_bytes=%llu radec_sum=%.6f naxis_sum=%llu nulls=%lld\n",
           (long long)rows, text_bytes, radec_sum, naxis_sum, nulls);
    vosia_results_free(res);
    return 0;
}

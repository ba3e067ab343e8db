/* summarize: read an SIA response of any size in batches, keeping no row, and print what it
 * holds: the number of images, the RA/Dec box they span and the bytes they would download.
 *
 *     summarize RESPONSE.xml [1|2] [BATCH_ROWS]
 *     generator | summarize /dev/stdin
 *
 * The response is handed over BATCH_ROWS rows at a time (default 10000) as it is parsed, and
 * each batch is read a whole column at a time, so memory stays a few MB whether the response
 * has a thousand rows or millions. On error it prints vosia's message on stderr and exits 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "vosia.h"

/* What the batches add up to. */
struct summary {
    int64_t images, batches, bytes;
    double ra_min, ra_max, dec_min, dec_max;
    double *values; /* one column of a batch */
    int32_t *nulls;
    int64_t capacity;
};

/* Reads standard field `field` of the batch into s->values; returns the rows read. */
static int64_t column(struct summary *s, const vosia_results *batch, int32_t field) {
    int64_t n = vosia_results_row_count(batch);
    if (n > s->capacity) {
        s->values = realloc(s->values, (size_t)n * sizeof *s->values);
        s->nulls = realloc(s->nulls, (size_t)n * sizeof *s->nulls);
        s->capacity = s->values && s->nulls ? n : 0;
    }
    if (n > s->capacity ||
        vosia_results_get_std_double_column(batch, field, 0, n, s->values, s->nulls) != VOSIA_OK)
        return 0;
    return n;
}

/* The rows function: called with each batch; returning non-zero would stop the read. */
static int32_t add_batch(const vosia_results *batch, int64_t first_row, void *user) {
    struct summary *s = user;
    (void)first_row;
    s->batches++;
    s->images += vosia_results_row_count(batch);
    int64_t n = column(s, batch, VOSIA_FIELD_RA);
    for (int64_t i = 0; i < n; i++) {
        if (s->nulls[i]) continue;
        if (s->values[i] < s->ra_min) s->ra_min = s->values[i];
        if (s->values[i] > s->ra_max) s->ra_max = s->values[i];
    }
    n = column(s, batch, VOSIA_FIELD_DEC);
    for (int64_t i = 0; i < n; i++) {
        if (s->nulls[i]) continue;
        if (s->values[i] < s->dec_min) s->dec_min = s->values[i];
        if (s->values[i] > s->dec_max) s->dec_max = s->values[i];
    }
    n = column(s, batch, VOSIA_FIELD_FILESIZE);
    for (int64_t i = 0; i < n; i++)
        if (!s->nulls[i]) s->bytes += (int64_t)s->values[i];
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s RESPONSE.xml [1|2] [BATCH_ROWS]\n", argv[0]);
        return 2;
    }
    int32_t version = argc > 2 ? atoi(argv[2]) : VOSIA_SIA1;
    int64_t batch_rows = argc > 3 ? atoll(argv[3]) : 10000;
    struct summary s = {0, 0, 0, INFINITY, -INFINITY, INFINITY, -INFINITY, NULL, NULL, 0};
    vosia_results *rest = NULL;
    vosia_status st = vosia_results_parse_file_in_batches(argv[1], version, 0, batch_rows,
                                                          add_batch, &s, &rest);
    free(s.values);
    free(s.nulls);
    if (st != VOSIA_OK) {
        fprintf(stderr, "summarize: %s: %s\n", vosia_strerror(st), vosia_last_error());
        return 1;
    }
    printf("images %lld in %lld batches%s\n", (long long)s.images, (long long)s.batches,
           vosia_results_overflow(rest) == 1 ? " (the service had more: overflow)" : "");
    if (s.images > 0)
        printf("ra %.6f .. %.6f deg, dec %.6f .. %.6f deg\n", s.ra_min, s.ra_max, s.dec_min,
               s.dec_max);
    printf("bytes %lld\n", (long long)s.bytes);
    vosia_results_free(rest);
    return 0;
}

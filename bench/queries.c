/* queries: N SIA 1.0 searches through vosia's C API, one service, each parsed into a results
 * handle. Used by bench/queries.sh against the local DaCHS archive, side by side with curl
 * fetching the same URLs.
 *
 *     queries BASE_URL N              run N queries with the defaults (for http: a new
 *                                     connection per request), print the total row count
 *     queries BASE_URL N --keepalive  the same over one kept-alive connection
 *     queries BASE_URL N --urls       only print the N request URLs (for curl)
 *
 * The positions walk over the five fields of the DaCHS test collection with SIZE=0.2, so the
 * answers range from 0 to a few images, like an interactive client's searches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

static const double FIELDS[5][2] = {
    {10.6847, 41.2690}, {83.8221, -5.3911}, {0.0, 1.0}, {6.0236, -72.0813}, {45.0, 88.5}};

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: queries BASE_URL N [--urls|--keepalive]\n");
        return 2;
    }
    int n = atoi(argv[2]);
    int urls_only = argc > 3 && strcmp(argv[3], "--urls") == 0;
    int keepalive = argc > 3 && strcmp(argv[3], "--keepalive") == 0;
    vosia_service *svc = NULL;
    vosia_query *q = NULL;
    if (vosia_service_new(argv[1], VOSIA_SIA1, &svc) != VOSIA_OK ||
        vosia_query_new(svc, &q) != VOSIA_OK) {
        fprintf(stderr, "queries: %s\n", vosia_last_error());
        return 1;
    }
    if (keepalive && vosia_service_set_keepalive(svc, 1) != VOSIA_OK) return 1;
    long long rows = 0;
    for (int i = 0; i < n; i++) {
        const double *f = FIELDS[i % 5];
        double ra = f[0] + 0.01 * (i / 5), dec = f[1] + (f[1] > 88.0 ? -0.005 : 0.005) * (i / 5);
        if (ra >= 360.0) ra -= 360.0;
        vosia_query_set_pos(q, ra, dec);
        vosia_query_set_size(q, 0.2, 0.2);
        if (urls_only) {
            const char *url = NULL;
            vosia_query_url(q, &url);
            printf("%s\n", url);
            continue;
        }
        vosia_results *res = NULL;
        vosia_status st = vosia_query_execute(q, &res);
        if (st != VOSIA_OK) {
            const char *why = NULL;
            vosia_query_error(q, &why);
            fprintf(stderr, "queries: %s\n", why);
            return 1;
        }
        rows += vosia_results_row_count(res);
        vosia_results_free(res);
    }
    if (!urls_only) printf("%d queries, %lld rows\n", n, rows);
    vosia_query_free(q);
    vosia_service_free(svc);
    return 0;
}

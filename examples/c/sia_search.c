/* sia_search: search an SIA 1.0 or 2.0 service by position and size, print the images found.
 *
 *     sia_search [-2] [-t SECONDS] URL RA DEC SIZE [PARAM=value ...]
 *
 * URL is the service's query endpoint (e.g. http://127.0.0.1:8080/siatest/q/i/siap.xml? for
 * the local DaCHS archive of ../shared/dachs/setup.sh). RA, DEC and SIZE are ICRS degrees:
 * SIA 1.0 sends POS=RA,DEC and SIZE=SIZE; with -2 (SIA 2.0) it sends POS=CIRCLE RA DEC SIZE/2.
 * Any PARAM=value arguments are added as they are (e.g. FORMAT=image/fits, MAXREC=10,
 * INSTRUMENT=FAKECAM-A); repeating one sends it repeatedly. -t sets the whole-request timeout.
 *
 * The table shows title, RA, Dec, instrument, observation date (MJD), format, size and URL,
 * read through vosia's standard fields, so the same code serves both SIA versions. A null
 * cell prints "-". The exact URL sent is printed first, on stderr (stdout holds only the
 * table). On error the program prints vosia's message on stderr and exits with status 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

static void print_str(const vosia_results *res, int64_t row, int32_t field, int width) {
    const char *s = NULL;
    if (vosia_results_get_std_str(res, row, field, &s) != VOSIA_OK) s = "-";
    if (width > 0 && (int)strlen(s) > width)
        printf("%.*s~ ", width - 1, s);
    else
        printf("%-*s ", width, s);
}

static void print_num(const vosia_results *res, int64_t row, int32_t field, const char *fmt,
                      int width) {
    double v;
    if (vosia_results_get_std_double(res, row, field, &v) == VOSIA_OK)
        printf(fmt, width, v);
    else
        printf("%*s", width, "-");
    putchar(' ');
}

static int usage(void) {
    fprintf(stderr, "usage: sia_search [-2] [-t SECONDS] URL RA DEC SIZE [PARAM=value ...]\n");
    return 2;
}

static int fail(const char *what, vosia_status st, const char *detail) {
    fprintf(stderr, "sia_search: %s: %s (%s)\n", what, detail ? detail : vosia_last_error(),
            vosia_strerror(st));
    return 1;
}

int main(int argc, char **argv) {
    int32_t version = VOSIA_SIA1;
    double timeout = 0.0;
    int i = 1;
    while (i < argc && argv[i][0] == '-') { /* options come before URL */
        if (strcmp(argv[i], "-2") == 0) {
            version = VOSIA_SIA2;
        } else if (strcmp(argv[i], "-1") == 0) {
            version = VOSIA_SIA1;
        } else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
            timeout = atof(argv[++i]);
        } else {
            return usage();
        }
        i++;
    }
    if (argc - i < 4) return usage();
    const char *url = argv[i];
    char *end;
    double ra = strtod(argv[i + 1], &end);
    if (*end != '\0') return usage();
    double dec = strtod(argv[i + 2], &end);
    if (*end != '\0') return usage();
    double size = strtod(argv[i + 3], &end);
    if (*end != '\0') return usage();

    vosia_service *svc = NULL;
    vosia_query *q = NULL;
    vosia_results *res = NULL;
    vosia_status st = vosia_service_new(url, version, &svc);
    if (st != VOSIA_OK) return fail("service", st, NULL);
    if (timeout > 0.0 && (st = vosia_service_set_timeout(svc, timeout)) != VOSIA_OK)
        return fail("timeout", st, NULL);
    if ((st = vosia_query_new(svc, &q)) != VOSIA_OK) return fail("query", st, NULL);
    vosia_service_free(svc); /* the query keeps the service alive */

    if (version == VOSIA_SIA1) {
        st = vosia_query_set_pos(q, ra, dec);
        if (st == VOSIA_OK) st = vosia_query_set_size(q, size, size);
    } else {
        st = vosia_query_add_circle(q, ra, dec, size / 2.0);
    }
    if (st != VOSIA_OK) return fail("position", st, NULL);
    for (int k = i + 4; k < argc; k++) {
        char name[256];
        const char *eq = strchr(argv[k], '=');
        size_t n = eq ? (size_t)(eq - argv[k]) : 0;
        if (eq == NULL || n == 0 || n >= sizeof name) {
            fprintf(stderr, "sia_search: expected PARAM=value, got \"%s\"\n", argv[k]);
            return 2;
        }
        memcpy(name, argv[k], n);
        name[n] = '\0';
        if ((st = vosia_query_add_param(q, name, eq + 1)) != VOSIA_OK)
            return fail(argv[k], st, NULL);
    }

    const char *get = NULL;
    vosia_query_url(q, &get);
    fprintf(stderr, "GET %s\n", get); /* on stderr: stdout holds only the table */
    st = vosia_query_execute(q, &res);
    if (st != VOSIA_OK) {
        const char *why = NULL;
        vosia_query_error(q, &why);
        int rc = fail("search", st, why);
        vosia_query_free(q);
        return rc;
    }

    int64_t rows = vosia_results_row_count(res);
    printf("%lld image(s)%s\n\n", (long long)rows,
           vosia_results_overflow(res) ? " (truncated by the service: raise MAXREC)" : "");
    printf("%-36s %10s %10s %-10s %11s %-11s %9s %s\n", "title", "ra", "dec", "instrument",
           "mjd_obs", "format", "bytes", "url");
    for (int64_t r = 0; r < rows; r++) {
        print_str(res, r, VOSIA_FIELD_TITLE, 36);
        print_num(res, r, VOSIA_FIELD_RA, "%*.5f", 10);
        print_num(res, r, VOSIA_FIELD_DEC, "%*.5f", 10);
        print_str(res, r, VOSIA_FIELD_INSTRUMENT, 10);
        print_num(res, r, VOSIA_FIELD_MJD_OBS, "%*.4f", 11);
        print_str(res, r, VOSIA_FIELD_FORMAT, 11);
        print_num(res, r, VOSIA_FIELD_FILESIZE, "%*.0f", 9);
        print_str(res, r, VOSIA_FIELD_ACCESS_URL, 0);
        putchar('\n');
    }
    vosia_results_free(res);
    vosia_query_free(q);
    return 0;
}

/* Downloads every image of a saved SIA response with one vosia_service_download_rows call
 * (default concurrency), for bench/downloads.sh.
 *
 *     downloads RESPONSE.xml SIA_VERSION DIR      save the files into DIR (which must exist)
 *     downloads RESPONSE.xml SIA_VERSION --urls   print the access URLs, one per line
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: downloads RESPONSE.xml 1|2 DIR|--urls\n");
        return 2;
    }
    vosia_results *res = NULL;
    vosia_service *svc = NULL;
    vosia_downloads *d = NULL;
    if (vosia_results_parse_file(argv[1], atoi(argv[2]), &res) != VOSIA_OK) {
        fprintf(stderr, "downloads: %s\n", vosia_last_error());
        return 1;
    }
    int64_t n = vosia_results_row_count(res);
    if (strcmp(argv[3], "--urls") == 0) {
        for (int64_t i = 0; i < n; i++) {
            const char *url;
            if (vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, &url) == VOSIA_OK)
                puts(url);
        }
        vosia_results_free(res);
        return 0;
    }
    /* Downloads need only a transport; its base URL is never asked. */
    int rc = 0;
    if (vosia_service_new("http://127.0.0.1/", VOSIA_SIA2, &svc) != VOSIA_OK ||
        vosia_service_download_rows(svc, res, 0, n, argv[3], 0, &d) != VOSIA_OK) {
        fprintf(stderr, "downloads: %s\n", vosia_last_error());
        rc = 1;
    }
    vosia_downloads_free(d);
    vosia_service_free(svc);
    vosia_results_free(res);
    return rc;
}

/* download: search an SIA service around a position and save every image it finds into a
 * folder, in parallel, with vosia's guarantees (complete files only, resumed when cut short,
 * nothing fetched twice, DataLink access URLs followed to the dataset).
 *
 *     download [-2] URL RA DEC SIZE DIR
 *     download -2 http://127.0.0.1:8080/siatest/q/sia2dl/siap2.xml? 10.68 41.27 0.2 images
 *
 * SIA 1.0 sends POS=RA,DEC&SIZE=SIZE; with -2 (SIA 2.0) POS=CIRCLE RA DEC SIZE/2. Prints one
 * line per image (the file, or why it failed) on stdout; exits 0 when every image was saved,
 * 1 when one failed, 2 for a usage error. The folder is created if it is missing. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vosia.h"

int main(int argc, char **argv) {
    int i = 1;
    int32_t version = VOSIA_SIA1;
    if (i < argc && strcmp(argv[i], "-2") == 0) {
        version = VOSIA_SIA2;
        i++;
    }
    if (argc - i != 5) {
        fprintf(stderr, "usage: download [-2] URL RA DEC SIZE DIR\n");
        return 2;
    }
    const char *url = argv[i], *dir = argv[i + 4];
    double ra = atof(argv[i + 1]), dec = atof(argv[i + 2]), size = atof(argv[i + 3]);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "download: cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    vosia_service *svc = NULL;
    vosia_query *q = NULL;
    vosia_results *res = NULL;
    vosia_downloads *d = NULL;
    int rc = 1;
    if (vosia_service_new(url, version, &svc) != VOSIA_OK || vosia_query_new(svc, &q) != VOSIA_OK)
        goto fail;
    vosia_status st = version == VOSIA_SIA1 ? vosia_query_set_pos(q, ra, dec)
                                            : vosia_query_add_circle(q, ra, dec, size / 2);
    if (st == VOSIA_OK && version == VOSIA_SIA1) st = vosia_query_set_size(q, size, size);
    if (st != VOSIA_OK || vosia_query_execute(q, &res) != VOSIA_OK) goto fail;
    int64_t n = vosia_results_row_count(res);
    /* One call for all images; *d is written even when some failed, to say which. */
    st = vosia_service_download_rows(svc, res, 0, n, dir, 0, &d);
    if (d == NULL) goto fail;
    for (int64_t k = 0; k < vosia_downloads_count(d); k++) {
        const char *text;
        int32_t how = 0;
        if (vosia_downloads_get_path(d, k, &text) == VOSIA_OK) {
            vosia_downloads_file(d, k, NULL, &how);
            printf("%s%s\n", text, how == VOSIA_DOWNLOAD_CACHED ? " (already there)" : "");
        } else if (vosia_downloads_get_error(d, k, &text) == VOSIA_OK) {
            printf("row %lld failed: %s\n", (long long)k, text);
        }
    }
    rc = st == VOSIA_OK ? 0 : 1;
    if (rc != 0) fprintf(stderr, "download: %s\n", vosia_last_error());
    goto done;
fail:
    fprintf(stderr, "download: %s\n", vosia_last_error());
done:
    vosia_downloads_free(d);
    vosia_results_free(res);
    vosia_query_free(q);
    vosia_service_free(svc);
    return rc;
}

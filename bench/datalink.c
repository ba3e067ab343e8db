/* The DataLink links of every row of a saved SIA 2.0 response, in one
 * vosia_service_datalink_rows call; prints how many #this links came back
 * (bench/datalink.sh).
 *
 *     datalink RESPONSE.xml           the links: prints the number of #this links
 *     datalink RESPONSE.xml --form    prints the IDs as the form body of one POST (for curl)
 */
#include <stdio.h>
#include <string.h>

#include "vosia.h"

int main(int argc, char **argv) {
    if (argc != 2 && !(argc == 3 && strcmp(argv[2], "--form") == 0)) {
        fprintf(stderr, "usage: datalink RESPONSE.xml [--form]\n");
        return 2;
    }
    if (argc == 3) {
        vosia_results *r = NULL;
        if (vosia_results_parse_file(argv[1], VOSIA_SIA2, &r) != VOSIA_OK) return 1;
        for (int64_t i = 0; i < vosia_results_row_count(r); i++) {
            const char *id;
            if (vosia_results_get_std_str(r, i, VOSIA_FIELD_PUBLISHER_DID, &id) != VOSIA_OK)
                continue;
            printf("%sID=", i ? "&" : "");
            for (const unsigned char *c = (const unsigned char *)id; *c; c++)
                printf((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
                               (*c >= 'a' && *c <= 'z')
                           ? "%c"
                           : "%%%02X",
                       *c);
        }
        vosia_results_free(r);
        return 0;
    }
    vosia_results *res = NULL, *links = NULL;
    vosia_service *svc = NULL;
    int32_t sem = -1;
    if (vosia_results_parse_file(argv[1], VOSIA_SIA2, &res) != VOSIA_OK ||
        vosia_service_new("http://127.0.0.1/", VOSIA_SIA2, &svc) != VOSIA_OK ||
        vosia_service_datalink_rows(svc, res, 0, vosia_results_row_count(res), &links) !=
            VOSIA_OK ||
        vosia_results_column_index(links, "semantics", &sem) != VOSIA_OK) {
        fprintf(stderr, "datalink: %s\n", vosia_last_error());
        return 1;
    }
    long n = 0;
    for (int64_t i = 0; i < vosia_results_row_count(links); i++) {
        const char *s;
        if (vosia_results_get_str(links, i, sem, &s) == VOSIA_OK && strcmp(s, "#this") == 0) n++;
    }
    printf("%ld\n", n);
    vosia_results_free(links);
    vosia_results_free(res);
    vosia_service_free(svc);
    return 0;
}

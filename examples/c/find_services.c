/* find_services: find SIA services in a VO registry (RegTAP), one line per SIA interface.
 *
 *     find_services REGISTRY [sia|sia2] [keyword=WORD] [waveband=TERM] [ivoid=IVOID]
 *                   [pos=RA,DEC[,RADIUS]] ...
 *
 * REGISTRY is the root URL of a RegTAP service's TAP endpoint: the local harness's
 * http://127.0.0.1:8080/tap (../shared/dachs/setup.sh), or a public one such as GAVO's
 * http://reg.g-vo.org/tap. Every constraint must hold: every keyword (title, description or
 * subject), any of the wavebands, any of the ivoids, the service types given (both when none
 * is). Prints IVOID, SIA version, short name and access URL, tab-separated; the access URL
 * and version are what vosia_service_new takes. On error prints vosia's message on stderr
 * and exits with status 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

static int fail(const char *what) {
    fprintf(stderr, "find_services: %s: %s\n", what, vosia_last_error());
    return 1;
}

static vosia_status add(vosia_registry_query *q, const char *arg) {
    static const struct {
        const char *prefix;
        int constraint;
    } keyed[] = {{"keyword=", VOSIA_REGISTRY_KEYWORD},
                 {"waveband=", VOSIA_REGISTRY_WAVEBAND},
                 {"ivoid=", VOSIA_REGISTRY_IVOID}};
    if (strcmp(arg, "sia") == 0 || strcmp(arg, "sia2") == 0)
        return vosia_registry_query_add(q, VOSIA_REGISTRY_SERVICE_TYPE, arg);
    for (size_t i = 0; i < sizeof keyed / sizeof keyed[0]; i++) {
        size_t n = strlen(keyed[i].prefix);
        if (strncmp(arg, keyed[i].prefix, n) == 0)
            return vosia_registry_query_add(q, keyed[i].constraint, arg + n);
    }
    double ra = 0, dec = 0, radius = 0;
    if (strncmp(arg, "pos=", 4) == 0 && sscanf(arg + 4, "%lf,%lf,%lf", &ra, &dec, &radius) >= 2)
        return vosia_registry_query_set_position(q, ra, dec, radius);
    fprintf(stderr, "find_services: cannot read the constraint %s\n", arg);
    return VOSIA_E_INVALID_ARG;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: find_services REGISTRY [sia|sia2] [keyword=WORD] "
                        "[waveband=TERM] [ivoid=IVOID] [pos=RA,DEC[,RADIUS]] ...\n");
        return 2;
    }
    vosia_service *registry = NULL;
    if (vosia_service_new(argv[1], VOSIA_SIA2, &registry) != VOSIA_OK) return fail(argv[1]);
    vosia_registry_query *q = NULL;
    if (vosia_registry_query_new(&q) != VOSIA_OK) return fail("constraints");
    for (int i = 2; i < argc; i++) {
        if (add(q, argv[i]) != VOSIA_OK) return fail(argv[i]);
    }
    vosia_registry_hits *hits = NULL;
    int status = 0;
    if (vosia_registry_search(registry, q, &hits) != VOSIA_OK) {
        status = fail("search");
    } else {
        for (int64_t i = 0; i < vosia_registry_hits_count(hits); i++) {
            const char *ivoid = "", *name = "", *url = "";
            int32_t version = 0;
            vosia_registry_hits_get_attr(hits, i, VOSIA_ATTR_IVOID, &ivoid);
            vosia_registry_hits_get_attr(hits, i, VOSIA_ATTR_SHORT_NAME, &name);
            vosia_registry_hits_get_attr(hits, i, VOSIA_ATTR_URL, &url);
            vosia_registry_hits_version(hits, i, &version);
            printf("%s\t%d\t%s\t%s\n", ivoid, (int)version, name, url);
        }
    }
    vosia_registry_hits_free(hits);
    vosia_registry_query_free(q);
    vosia_service_free(registry);
    return status;
}

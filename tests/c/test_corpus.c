/* Real responses from ../shared/corpus read through the C API: pyvo's own SIA assertions on
 * sia1-dataset.xml and sia2-dataset.xml, the service's text of an error response, and the row
 * count of every file with a table against MANIFEST.tsv. Exits 77 (skip) without the corpus. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>

#include "check.h"

#ifndef VOSIA_CORPUS_DIR
#define VOSIA_CORPUS_DIR "../shared/corpus"
#endif

static const char *corpus;

static const char *corpus_path(const char *name) {
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", corpus, name);
    return buf;
}

/* pyvo test_sia.py on its SIA 1.0 fixture. */
static void check_sia1_dataset(void) {
    vosia_results *r = NULL;
    const char *s = NULL;
    double d = -7.0;
    int32_t acc;

    CHECK_STATUS(vosia_results_parse_file(corpus_path("pyvo/sia1-dataset.xml"), VOSIA_SIA1, &r),
                 VOSIA_OK);
    if (r == NULL) return;
    CHECK_INT(vosia_results_row_count(r), 2);
    CHECK_INT(vosia_results_column_count(r), 12);

    /* The access URL is the VOX:Image_AccessReference column, not the decoy first column
     * (UCD meta.ref.url, utype obscore:access.reference). */
    acc = std_col(r, VOSIA_FIELD_ACCESS_URL);
    CHECK_INT(acc, 1);
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_ACCESS_URL, &s), VOSIA_OK);
    CHECK_STR(s, "http://example.com/querydata/image.fits");
    CHECK_STATUS(vosia_results_get_std_str(r, 1, VOSIA_FIELD_ACCESS_URL, &s), VOSIA_OK);
    CHECK_STR(s, "http://example.com/querydata/image.fits");

    /* filesize: long with VALUES null="-1". */
    CHECK_STATUS(vosia_results_get_std_double(r, 0, VOSIA_FIELD_FILESIZE, &d), VOSIA_OK);
    CHECK_DBL(d, 153280.0);
    {
        int64_t n = 0;
        int32_t col = std_col(r, VOSIA_FIELD_FILESIZE);
        CHECK_INT(col, 3);
        CHECK_STATUS(vosia_results_get_int64(r, 0, col, &n), VOSIA_OK);
        CHECK_INT(n, 153280);
    }

    /* Row 1's MJD is an empty <TD/> followed by a comment: null, not 0, not an error. */
    CHECK_STATUS(vosia_results_get_std_double(r, 0, VOSIA_FIELD_MJD_OBS, &d), VOSIA_OK);
    CHECK_DBL(d, 18885.9416782409);
    d = -7.0;
    CHECK_STATUS(vosia_results_get_std_double(r, 1, VOSIA_FIELD_MJD_OBS, &d), VOSIA_NULL_VALUE);
    CHECK_DBL(d, -7.0);
    CHECK_INT(vosia_results_is_null(r, 1, std_col(r, VOSIA_FIELD_MJD_OBS)), 1);

    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_TITLE, &s), VOSIA_OK);
    CHECK_STR(s, "Test Observation");
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_FORMAT, &s), VOSIA_OK);
    CHECK_STR(s, "image/fits");
    CHECK_STATUS(vosia_results_get_std_double(r, 0, VOSIA_FIELD_RA, &d), VOSIA_OK);
    CHECK_DBL(d, 288.95078924817);
    CHECK_STATUS(vosia_results_get_std_double(r, 0, VOSIA_FIELD_DEC, &d), VOSIA_OK);
    CHECK_DBL(d, 15.0322239971381);
    {
        double scale[4];
        size_t n = 0;
        CHECK_STATUS(vosia_results_get_std_double_array(r, 0, VOSIA_FIELD_SCALE, scale, 4, &n),
                     VOSIA_OK);
        CHECK_INT(n, 2);
        /* a float column: the value as written (within float precision) */
        CHECK(fabs(scale[0] - 0.000403806) < 1e-7 * 0.000403806);
        CHECK(fabs(scale[1] - 0.000406123) < 1e-7 * 0.000406123);
    }
    CHECK_STR(info_value(r, "QUERY_STATUS"), "OK");
    CHECK_INT(vosia_results_overflow(r), 0);
    vosia_results_free(r);
}

/* pyvo test_sia2.py: record 0 read by ObsCore column name. */
static void check_sia2_dataset(void) {
    vosia_results *r = NULL;
    const char *s = NULL;
    static const char *const by_name[][2] = {
        {"obs_collection", "TEST"},
        {"obs_id", "TEST-DATASET"},
        {"instrument_name", "TEST-INSTR"},
        {"facility_name", "TEST-1.6m"},
    };

    CHECK_STATUS(vosia_results_parse_file(corpus_path("pyvo/sia2-dataset.xml"), VOSIA_SIA2, &r),
                 VOSIA_OK);
    if (r == NULL) return;
    CHECK_INT(vosia_results_row_count(r), 1);
    for (size_t k = 0; k < sizeof by_name / sizeof by_name[0]; k++) {
        int32_t col = col_index(r, by_name[k][0]);
        CHECK(col >= 0);
        CHECK_STATUS(vosia_results_get_str(r, 0, col, &s), VOSIA_OK);
        CHECK_STR(s, by_name[k][1]);
    }
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_COLLECTION, &s), VOSIA_OK);
    CHECK_STR(s, "TEST");
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_OBS_ID, &s), VOSIA_OK);
    CHECK_STR(s, "TEST-DATASET");
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_INSTRUMENT, &s), VOSIA_OK);
    CHECK_STR(s, "TEST-INSTR");
    CHECK_STATUS(vosia_results_get_std_str(r, 0, VOSIA_FIELD_FACILITY, &s), VOSIA_OK);
    CHECK_STR(s, "TEST-1.6m");
    vosia_results_free(r);
}

/* A real CADC SIA error: QUERY_STATUS=ERROR, the message as the INFO's text. */
static void check_service_error(void) {
    vosia_results *r = NULL;
    CHECK_STATUS(vosia_results_parse_file(corpus_path("pyvo-history/error2-sia.xml"), VOSIA_SIA1,
                                          &r),
                 VOSIA_E_SERVICE);
    CHECK(r == NULL);
    CHECK(strstr(vosia_last_error(), "SiaUsageException: failed to parse POS: as3f,13.0") != NULL);
    if (r != NULL) vosia_results_free(r);
}

/* Every file of MANIFEST.tsv: tables parse with the listed row count, OVERFLOW is flagged,
 * error responses fail (QUERY_STATUS=ERROR ones with VOSIA_E_SERVICE). */
static void check_manifest(void) {
    char *text;
    size_t len = 0;
    char *line, *save = NULL;
    int files = 0;

    text = read_whole_file(corpus_path("MANIFEST.tsv"), &len);
    CHECK(text != NULL);
    if (text == NULL) return;
    line = strtok_r(text, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *fields[10];
        char *cur = line;
        int nf = 0;
        while (nf < 10) {
            char *tab = strchr(cur, '\t');
            fields[nf++] = cur;
            if (tab == NULL) break;
            *tab = '\0';
            cur = tab + 1;
        }
        if (nf < 10) continue;
        {
            const char *path = fields[0], *protocol = fields[5], *kind = fields[6];
            long rows = strtol(fields[8], NULL, 10);
            int32_t version = strcmp(protocol, "sia2") == 0 ? VOSIA_SIA2 : VOSIA_SIA1;
            vosia_results *r = NULL;
            vosia_status st = vosia_results_parse_file(corpus_path(path), version, &r);
            files++;
            if (strcmp(kind, "error") == 0) {
                if (st == VOSIA_OK) {
                    check_failed++;
                    fprintf(stderr, "%s: an error response parsed as results\n", path);
                } else if (strstr(fields[9], "QUERY_STATUS=ERROR") != NULL &&
                           st != VOSIA_E_SERVICE) {
                    check_failed++;
                    fprintf(stderr, "%s: status %d, expected VOSIA_E_SERVICE: %s\n", path, st,
                            vosia_last_error());
                } else {
                    check_passed++;
                }
            } else if (st != VOSIA_OK) {
                check_failed++;
                fprintf(stderr, "%s: status %d (%s): %s\n", path, st, vosia_strerror(st),
                        vosia_last_error());
            } else {
                if (vosia_results_row_count(r) != rows) {
                    check_failed++;
                    fprintf(stderr, "%s: %lld rows, MANIFEST says %ld\n", path,
                            (long long)vosia_results_row_count(r), rows);
                } else {
                    check_passed++;
                }
                if (strstr(fields[9], "QUERY_STATUS=OVERFLOW") != NULL)
                    CHECK_INT(vosia_results_overflow(r), 1);
            }
            vosia_results_free(r);
        }
    }
    free(text);
    CHECK(files >= 40);
}

int main(void) {
    FILE *probe;
    corpus = test_dir("VOSIA_CORPUS", VOSIA_CORPUS_DIR);
    probe = fopen(corpus_path("MANIFEST.tsv"), "r");
    if (probe == NULL) {
        printf("test_corpus: SKIPPED: no corpus at %s (set VOSIA_CORPUS)\n", corpus);
        return 77;
    }
    fclose(probe);
    check_sia1_dataset();
    check_sia2_dataset();
    check_service_error();
    check_manifest();
    return check_done("test_corpus");
}

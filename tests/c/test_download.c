/* Downloads through the C API: the outcome handle and its getters, the argument contract, a
 * refused connection, and (with VOSIA_TEST_DACHS) the end-to-end case: a search of the
 * SIA 2.0 service whose access URLs are DataLink documents, then one download call, leaving
 * the FITS files (not the XML) under pyvo's names, byte-identical to what DaCHS serves
 * (VOSIA_TEST_DATA_FILES, default /var/gavo/inputs/siatest/data); a rerun fetches nothing;
 * a download killed halfway resumes. */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* A fresh empty folder under /tmp for `name`. */
static const char *folder(const char *name) {
    static char path[256];
    snprintf(path, sizeof path, "/tmp/vosia-c-dl-%ld-%s", (long)getpid(), name);
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", path, path);
    if (system(cmd) != 0) fprintf(stderr, "could not make %s\n", path);
    return path;
}

static int same_file(const char *a, const char *b) {
    size_t la = 0, lb = 0;
    char *x = read_whole_file(a, &la), *y = read_whole_file(b, &lb);
    int same = x != NULL && y != NULL && la == lb && memcmp(x, y, la) == 0;
    if (!same) fprintf(stderr, "%s (%zu bytes) differs from %s (%zu bytes)\n", a, la, b, lb);
    free(x);
    free(y);
    return same;
}

/* Service descriptors: what a response says about its DataLink and SODA services. */
static void test_descriptors(void) {
    static const char doc[] =
        "<VOTABLE><RESOURCE type=\"results\"><TABLE><FIELD name=\"obs_publisher_did\" "
        "ID=\"obs_publisher_did\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA><TR>"
        "<TD>ivo://x/a</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE>"
        "<RESOURCE ID=\"soda\" name=\"cutouts\" type=\"meta\" utype=\"adhoc:service\">"
        "<PARAM name=\"standardID\" datatype=\"char\" arraysize=\"*\" "
        "value=\"ivo://ivoa.net/std/SODA#sync-1.0\"/>"
        "<PARAM name=\"accessURL\" datatype=\"char\" arraysize=\"*\" value=\"http://h/dl/dlget\"/>"
        "<GROUP name=\"inputParams\"><PARAM name=\"ID\" datatype=\"char\" arraysize=\"*\" "
        "ref=\"obs_publisher_did\" value=\"\"/><PARAM name=\"POL\" datatype=\"char\" "
        "arraysize=\"*\" value=\"\"><DESCRIPTION>polarization</DESCRIPTION><VALUES>"
        "<OPTION value=\"I\"/><OPTION value=\"Q\"/></VALUES></PARAM></GROUP></RESOURCE></VOTABLE>";
    vosia_results *res = NULL;
    CHECK_STATUS(vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA2, &res), VOSIA_OK);
    int32_t n = -1;
    const char *text = NULL;
    char buf[64];
    size_t len = 0;
    CHECK_STATUS(vosia_results_descriptor_count(res, &n), VOSIA_OK);
    CHECK_INT(n, 1);
    CHECK_STATUS(vosia_results_get_descriptor_attr(res, 0, VOSIA_ATTR_ID, &text), VOSIA_OK);
    CHECK_STR(text, "soda");
    CHECK_STATUS(vosia_results_get_descriptor_attr(res, 0, VOSIA_ATTR_NAME, &text), VOSIA_OK);
    CHECK_STR(text, "cutouts");
    CHECK_STATUS(vosia_results_get_descriptor_attr(res, 0, VOSIA_ATTR_URL, &text), VOSIA_OK);
    CHECK_STR(text, "http://h/dl/dlget");
    CHECK_STATUS(vosia_results_copy_descriptor_attr(res, 0, VOSIA_ATTR_STANDARD_ID, buf,
                                                    sizeof buf, &len),
                 VOSIA_OK);
    CHECK_STR(buf, "ivo://ivoa.net/std/SODA#sync-1.0");
    CHECK_STATUS(vosia_results_get_descriptor_attr(res, 0, VOSIA_ATTR_UCD, &text),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_ID, &text), VOSIA_E_RANGE);
    CHECK_STATUS(vosia_results_descriptor_input_count(res, 0, &n), VOSIA_OK);
    CHECK_INT(n, 2);
    CHECK_STATUS(vosia_results_get_descriptor_input_attr(res, 0, 0, VOSIA_ATTR_REF, &text),
                 VOSIA_OK);
    CHECK_STR(text, "obs_publisher_did");
    /* value="" is no value. */
    CHECK_STATUS(vosia_results_get_descriptor_input_attr(res, 0, 0, VOSIA_ATTR_VALUE, &text),
                 VOSIA_NULL_VALUE);
    CHECK_STATUS(vosia_results_copy_descriptor_input_attr(res, 0, 1, VOSIA_ATTR_DESCRIPTION,
                                                          buf, sizeof buf, &len),
                 VOSIA_OK);
    CHECK_STR(buf, "polarization");
    CHECK_STATUS(vosia_results_get_descriptor_input_attr(res, 0, 1, VOSIA_ATTR_URL, &text),
                 VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_results_get_descriptor_input_attr(res, 0, 2, VOSIA_ATTR_NAME, &text),
                 VOSIA_E_RANGE);
    CHECK_STATUS(vosia_results_descriptor_input_option_count(res, 0, 1, &n), VOSIA_OK);
    CHECK_INT(n, 2);
    CHECK_STATUS(vosia_results_get_descriptor_input_option(res, 0, 1, 1, &text), VOSIA_OK);
    CHECK_STR(text, "Q");
    CHECK_STATUS(vosia_results_copy_descriptor_input_option(res, 0, 1, 0, buf, sizeof buf, &len),
                 VOSIA_OK);
    CHECK_STR(buf, "I");
    CHECK_STATUS(vosia_results_get_descriptor_input_option(res, 0, 1, 2, &text), VOSIA_E_RANGE);
    vosia_results_free(res);
}

static void test_contract_and_refused(void) {
    vosia_service *svc = NULL;
    CHECK_STATUS(vosia_service_new("http://127.0.0.1:9/sia?", VOSIA_SIA1, &svc), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_download_jobs(svc, 0), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_service_set_download_jobs(svc, 65), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_service_set_download_jobs(svc, 2), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_max_download_bytes(svc, -1), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_service_set_max_download_bytes(svc, 0), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_download_timeout(svc, 0.0), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_service_set_download_timeout(svc, 60.0), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_retries(svc, 0, 0), VOSIA_OK);

    const char *dir = folder("refused");
    vosia_downloads *d = (vosia_downloads *)1;
    /* Argument errors write nothing. */
    CHECK_STATUS(vosia_service_download_url(svc, "http://127.0.0.1:9/x.fits", dir, NULL, 99, &d),
                 VOSIA_E_INVALID_ARG);
    CHECK(d == (vosia_downloads *)1);
    CHECK_STATUS(vosia_service_download_url(svc, NULL, dir, NULL, 0, &d), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_service_download_url(svc, "http://127.0.0.1:9/x", dir, NULL, 0, NULL),
                 VOSIA_E_NULL_ARG);
    /* A failed download still hands back its entry, saying why. */
    d = NULL;
    CHECK_STATUS(vosia_service_download_url(svc, "http://127.0.0.1:9/x.fits", dir, NULL, 0, &d),
                 VOSIA_E_CONNECT);
    CHECK(strstr(vosia_last_error(), "1 of 1 downloads failed") != NULL);
    CHECK(d != NULL);
    CHECK(vosia_downloads_count(d) == 1);
    vosia_status st = VOSIA_OK;
    CHECK_STATUS(vosia_downloads_status(d, 0, &st), VOSIA_OK);
    CHECK_INT(st, VOSIA_E_CONNECT);
    const char *text = NULL;
    CHECK_STATUS(vosia_downloads_get_path(d, 0, &text), VOSIA_NULL_VALUE);
    CHECK_STATUS(vosia_downloads_get_error(d, 0, &text), VOSIA_OK);
    CHECK(text != NULL && strstr(text, "127.0.0.1:9") != NULL);
    char buf[8];
    size_t len = 0;
    CHECK_STATUS(vosia_downloads_copy_error(d, 0, buf, sizeof buf, &len), VOSIA_E_BUFFER_SIZE);
    CHECK(len == strlen(text) && strlen(buf) == sizeof buf - 1);
    CHECK_STATUS(vosia_downloads_copy_path(d, 0, buf, sizeof buf, &len), VOSIA_NULL_VALUE);
    int64_t bytes = -7;
    CHECK_STATUS(vosia_downloads_file(d, 0, &bytes, NULL), VOSIA_NULL_VALUE);
    CHECK(bytes == -7);
    CHECK_STATUS(vosia_downloads_status(d, 1, &st), VOSIA_E_RANGE);
    CHECK_STATUS(vosia_downloads_status(d, -1, &st), VOSIA_E_RANGE);
    vosia_downloads_free(d);
    vosia_downloads_free(NULL);
    /* A folder that is not there is an I/O failure that says what to do. */
    d = NULL;
    CHECK_STATUS(vosia_service_download_url(svc, "http://127.0.0.1:9/x", "/nonexistent/vosia",
                                            NULL, 0, &d),
                 VOSIA_E_IO);
    CHECK(strstr(vosia_last_error(), "create it first") != NULL);
    vosia_downloads_free(d);
    CHECK(vosia_downloads_count(NULL) == -1);
    CHECK_INT(vosia_last_status(), VOSIA_E_NULL_ARG);
    vosia_service_free(svc);
}

/* What a file progress function saw; it asks to stop at call `stop_at` (0: never). */
struct files_seen {
    int64_t calls, last_done, total, stop_at;
    int in_order;
};

static int32_t on_file(int64_t done, int64_t total, void *user) {
    struct files_seen *s = user;
    s->calls++;
    if (done != s->last_done + 1) s->in_order = 0;
    s->last_done = done;
    s->total = total;
    return s->calls == s->stop_at;
}

static void test_live(const char *base) {
    const char *files = test_dir("VOSIA_TEST_DATA_FILES", "/var/gavo/inputs/siatest/data");
    char url[512];
    snprintf(url, sizeof url, "%s/siatest/q/sia2dl/siap2.xml?", base);
    vosia_service *svc = NULL;
    vosia_query *q = NULL;
    vosia_results *res = NULL;
    CHECK_STATUS(vosia_service_new(url, VOSIA_SIA2, &svc), VOSIA_OK);
    CHECK_STATUS(vosia_query_new(svc, &q), VOSIA_OK);
    CHECK_STATUS(vosia_query_add_circle(q, 10.6847, 41.269, 0.2), VOSIA_OK);
    CHECK_STATUS(vosia_query_execute(q, &res), VOSIA_OK);
    int64_t n = vosia_results_row_count(res);
    CHECK(n >= 4);

    const char *dir = folder("sia2dl");
    vosia_downloads *d = NULL;
    struct files_seen seen = {0, 0, 0, 0, 1};
    CHECK_STATUS(vosia_service_set_file_progress(svc, on_file, &seen), VOSIA_OK);
    CHECK_STATUS(vosia_service_download_rows(svc, res, 0, n, dir, 0, &d), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_file_progress(svc, NULL, NULL), VOSIA_OK);
    /* One report per file as it ends: 1, 2, ... n of n. */
    CHECK_INT(seen.calls, n);
    CHECK_INT(seen.last_done, n);
    CHECK_INT(seen.total, n);
    CHECK(seen.in_order);
    CHECK(vosia_downloads_count(d) == n);
    for (int64_t i = 0; i < n; i++) {
        const char *path = NULL, *access = NULL, *title = NULL;
        vosia_status st = -1;
        CHECK_STATUS(vosia_downloads_status(d, i, &st), VOSIA_OK);
        CHECK_INT(st, VOSIA_OK);
        CHECK_STATUS(vosia_downloads_get_path(d, i, &path), VOSIA_OK);
        CHECK_STATUS(vosia_results_get_std_str(res, i, VOSIA_FIELD_TITLE, &title), VOSIA_OK);
        /* pyvo's name (the title, whitespace as "_"), with the dataset's extension. */
        char want[600];
        size_t k = 0;
        for (const char *c = title; *c && k < 500; c++) want[k++] = (*c == ' ') ? '_' : *c;
        want[k] = '\0';
        strcat(want, ".fits");
        const char *slash = strrchr(path, '/');
        CHECK_STR(slash ? slash + 1 : path, want);
        /* The FITS file itself, as DaCHS has it: its name is in the DataLink ID. */
        CHECK_STATUS(vosia_results_get_std_str(res, i, VOSIA_FIELD_PUBLISHER_DID, &access),
                     VOSIA_OK);
        const char *file = strstr(access, "siatest_");
        char served[700];
        snprintf(served, sizeof served, "%s/%s", files, file ? file : "?");
        CHECK(same_file(path, served));
        int64_t bytes = 0;
        int32_t how = 0;
        CHECK_STATUS(vosia_downloads_file(d, i, &bytes, &how), VOSIA_OK);
        CHECK_INT(how, VOSIA_DOWNLOAD_FETCHED);
        struct stat sb;
        CHECK(stat(path, &sb) == 0 && (int64_t)sb.st_size == bytes);
        char copy[600];
        size_t len = 0;
        CHECK_STATUS(vosia_downloads_copy_path(d, i, copy, sizeof copy, &len), VOSIA_OK);
        CHECK_STR(copy, path);
        const char *err = NULL;
        CHECK_STATUS(vosia_downloads_get_error(d, i, &err), VOSIA_NULL_VALUE);
    }
    vosia_downloads_free(d);

    /* A rerun fetches nothing: every file is found complete. */
    d = NULL;
    CHECK_STATUS(vosia_service_download_rows(svc, res, 0, n, dir, 0, &d), VOSIA_OK);
    for (int64_t i = 0; i < n; i++) {
        int32_t how = 0;
        CHECK_STATUS(vosia_downloads_file(d, i, NULL, &how), VOSIA_OK);
        CHECK_INT(how, VOSIA_DOWNLOAD_CACHED);
    }
    vosia_downloads_free(d);

    /* A file progress function that says stop after the first file: one file at a time,
     * so the first is complete and the others are cancelled, with no file left for them. */
    {
        const char *stop_dir = folder("sia2dl-stopped");
        struct files_seen stop = {0, 0, 0, 1, 1};
        CHECK_STATUS(vosia_service_set_download_jobs(svc, 1), VOSIA_OK);
        CHECK_STATUS(vosia_service_set_file_progress(svc, on_file, &stop), VOSIA_OK);
        d = NULL;
        CHECK_STATUS(vosia_service_download_rows(svc, res, 0, n, stop_dir, 0, &d),
                     VOSIA_E_CANCELLED);
        CHECK_STATUS(vosia_service_set_file_progress(svc, NULL, NULL), VOSIA_OK);
        CHECK_STATUS(vosia_service_set_download_jobs(svc, 4), VOSIA_OK);
        int ok = 0, cancelled = 0;
        for (int64_t i = 0; d != NULL && i < n; i++) {
            vosia_status st = VOSIA_OK;
            CHECK_STATUS(vosia_downloads_status(d, i, &st), VOSIA_OK);
            ok += st == VOSIA_OK;
            cancelled += st == VOSIA_E_CANCELLED;
        }
        CHECK_INT(ok, 1);
        CHECK_INT(cancelled, n - 1);
        vosia_downloads_free(d);
    }

    /* The DataLink links of every row, in one request. */
    vosia_results *links = NULL;
    CHECK_STATUS(vosia_service_datalink_rows(svc, res, 0, n, &links), VOSIA_OK);
    int32_t sem = col_index(links, "semantics");
    int this_rows = 0;
    for (int64_t k = 0; links != NULL && k < vosia_results_row_count(links); k++) {
        const char *s = NULL;
        if (vosia_results_get_str(links, k, sem, &s) == VOSIA_OK && strcmp(s, "#this") == 0)
            this_rows++;
    }
    CHECK_INT(this_rows, n);
    int32_t nd = 0;
    CHECK_STATUS(vosia_results_descriptor_count(links, &nd), VOSIA_OK);
    CHECK(nd >= 1);
    vosia_results_free(links);
    links = NULL;
    CHECK_STATUS(vosia_service_datalink_rows(svc, res, 0, n + 1, &links), VOSIA_E_RANGE);
    CHECK(links == NULL);

    /* Rows outside the result: nothing is attempted. */
    d = NULL;
    CHECK_STATUS(vosia_service_download_rows(svc, res, n, 1, dir, 0, &d), VOSIA_E_RANGE);
    CHECK(d == NULL);

    /* A download killed halfway resumes from its part file. */
    char served[700], part[700];
    snprintf(served, sizeof served, "%s/siatest_001_M31_V.fits", files);
    size_t whole = 0;
    char *bytes = read_whole_file(served, &whole);
    const char *rdir = folder("resume");
    snprintf(part, sizeof part, "%s/m31.fits.part", rdir);
    FILE *f = fopen(part, "wb");
    CHECK(f != NULL && bytes != NULL);
    if (f != NULL && bytes != NULL) fwrite(bytes, 1, whole / 2, f);
    if (f != NULL) fclose(f);
    free(bytes);
    snprintf(url, sizeof url, "%s/getproduct/siatest/data/siatest_001_M31_V.fits", base);
    d = NULL;
    CHECK_STATUS(vosia_service_download_url(svc, url, rdir, "m31.fits", 0, &d), VOSIA_OK);
    int32_t how = 0;
    const char *path = NULL;
    CHECK_STATUS(vosia_downloads_file(d, 0, NULL, &how), VOSIA_OK);
    CHECK_INT(how, VOSIA_DOWNLOAD_RESUMED);
    CHECK_STATUS(vosia_downloads_get_path(d, 0, &path), VOSIA_OK);
    CHECK(same_file(path, served));
    CHECK(access(part, F_OK) != 0);
    vosia_downloads_free(d);

    /* The DataLink document itself, when asked to keep it; and the server's own name. */
    d = NULL;
    CHECK_STATUS(vosia_service_download_rows(svc, res, 0, 1, folder("keep"),
                                             VOSIA_DOWNLOAD_KEEP_DATALINK, &d),
                 VOSIA_OK);
    CHECK_STATUS(vosia_downloads_get_path(d, 0, &path), VOSIA_OK);
    size_t len = 0;
    char *doc = read_whole_file(path, &len);
    CHECK(doc != NULL && strstr(doc, "#this") != NULL);
    free(doc);
    vosia_downloads_free(d);
    d = NULL;
    CHECK_STATUS(vosia_service_download_url(svc, url, folder("server"), NULL,
                                            VOSIA_DOWNLOAD_SERVER_NAME | VOSIA_DOWNLOAD_REFRESH,
                                            &d),
                 VOSIA_OK);
    CHECK_STATUS(vosia_downloads_get_path(d, 0, &path), VOSIA_OK);
    CHECK(strstr(path, "/siatest_001_M31_V.fits") != NULL);
    vosia_downloads_free(d);

    vosia_results_free(res);
    vosia_query_free(q);
    vosia_service_free(svc);
}

/* SODA: the same circle cut out of every row of a sia2dl search around siatest_001. */
static void test_cutouts(const char *base) {
    const char *files = test_dir("VOSIA_TEST_DATA_FILES", "/var/gavo/inputs/siatest/data");
    char url[512];
    snprintf(url, sizeof url, "%s/siatest/q/sia2dl/siap2.xml?", base);
    vosia_service *svc = NULL;
    vosia_query *q = NULL;
    vosia_results *res = NULL;
    CHECK_STATUS(vosia_service_new(url, VOSIA_SIA2, &svc), VOSIA_OK);
    CHECK_STATUS(vosia_query_new(svc, &q), VOSIA_OK);
    CHECK_STATUS(vosia_query_add_circle(q, 10.878948, 41.309434, 0.2), VOSIA_OK);
    CHECK_STATUS(vosia_query_execute(q, &res), VOSIA_OK);
    int64_t n = vosia_results_row_count(res);
    const char *names[] = {"CIRCLE"};
    const char *values[] = {"10.878948 41.309434 0.005"};
    const char *empty[] = {" "};
    vosia_downloads *d = NULL;
    const char *dir = folder("soda");
    CHECK_STATUS(vosia_service_cutout_rows(svc, res, 0, n, empty, values, 1, dir, 0, &d),
                 VOSIA_E_INVALID_ARG);
    CHECK(d == NULL);
    CHECK_STATUS(vosia_service_cutout_rows(svc, res, 0, n, NULL, NULL, 1, dir, 0, &d),
                 VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_service_cutout_rows(svc, res, 0, n, names, values, 1, dir,
                                           VOSIA_DOWNLOAD_KEEP_DATALINK, &d),
                 VOSIA_E_INVALID_ARG);
    CHECK(d == NULL);
    vosia_status st = vosia_service_cutout_rows(svc, res, 0, n, names, values, 1, dir, 0, &d);
    CHECK(d != NULL && vosia_downloads_count(d) == n);
    int cut = 0;
    for (int64_t i = 0; d != NULL && i < n; i++) {
        vosia_status entry = -1;
        const char *path = NULL, *err = NULL, *did = NULL;
        CHECK_STATUS(vosia_downloads_status(d, i, &entry), VOSIA_OK);
        if (entry == VOSIA_OK) {
            cut++;
            CHECK_STATUS(vosia_downloads_get_path(d, i, &path), VOSIA_OK);
            CHECK(strstr(path, "_cutout_") != NULL);
            int64_t bytes = 0;
            CHECK_STATUS(vosia_downloads_file(d, i, &bytes, NULL), VOSIA_OK);
            CHECK_STATUS(vosia_results_get_std_str(res, i, VOSIA_FIELD_PUBLISHER_DID, &did),
                         VOSIA_OK);
            char served[700];
            snprintf(served, sizeof served, "%s/%s", files, strstr(did, "siatest_"));
            struct stat sb;
            CHECK(stat(served, &sb) == 0 && bytes > 0 && bytes < (int64_t)sb.st_size);
            size_t len = 0;
            char *fits = read_whole_file(path, &len);
            CHECK(fits != NULL && len > 80 && memcmp(fits, "SIMPLE  =", 9) == 0);
            free(fits);
        } else {
            CHECK_INT(entry, VOSIA_E_HTTP);
            CHECK_STATUS(vosia_downloads_get_error(d, i, &err), VOSIA_OK);
            CHECK(strstr(err, "does not overlap") != NULL);
        }
    }
    CHECK(cut >= 1);
    CHECK(st == VOSIA_OK || st == VOSIA_E_HTTP);
    vosia_downloads_free(d);
    vosia_results_free(res);
    vosia_query_free(q);
    vosia_service_free(svc);
}

int main(void) {
    test_descriptors();
    test_contract_and_refused();
    const char *live = getenv("VOSIA_TEST_DACHS");
    if (live != NULL && live[0] != '\0') {
        test_live(live);
        test_cutouts(live);
    }
    else
        printf("note: VOSIA_TEST_DACHS not set; skipping the live DaCHS part\n");
    return check_done("test_download");
}

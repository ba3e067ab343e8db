/* One vosia_results read by 8 threads at once: every cell, through every kind of getter, must
 * give what a single thread read before, and each thread must see its own vosia_last_error. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>

#include "check.h"

#define N_THREADS 8
#define N_ROWS 2000
#define N_PASSES 3

enum { C_TITLE, C_RA, C_DEC, C_NAXIS, C_MJD, C_ACREF, C_SIZE, N_COLS };

static vosia_results *shared_results;
static char *reference_text[N_ROWS][N_COLS]; /* NULL: the cell is null */
static double reference_ra[N_ROWS];
static pthread_barrier_t start_line;

/* A synthetic SIA 1.0 response: N_ROWS rows, with a null MJD every 7th row. */
static char *make_votable(size_t *len) {
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    if (buf == NULL) return NULL;
    n += (size_t)snprintf(buf + n, cap - n,
        "<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.3\" "
        "xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">"
        "<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>"
        "<FIELD name=\"title\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_Title\"/>"
        "<FIELD name=\"ra\" datatype=\"double\" ucd=\"POS_EQ_RA_MAIN\"/>"
        "<FIELD name=\"dec\" datatype=\"double\" ucd=\"POS_EQ_DEC_MAIN\"/>"
        "<FIELD name=\"naxis\" datatype=\"int\" arraysize=\"2\" ucd=\"VOX:Image_Naxis\"/>"
        "<FIELD name=\"mjd\" datatype=\"double\" ucd=\"VOX:Image_MJDateObs\"/>"
        "<FIELD name=\"acref\" datatype=\"char\" arraysize=\"*\" "
        "ucd=\"VOX:Image_AccessReference\"/>"
        "<FIELD name=\"size\" datatype=\"long\" ucd=\"VOX:Image_FileSize\"/>"
        "<DATA><TABLEDATA>\n");
    for (int i = 0; i < N_ROWS; i++) {
        if (cap - n < 1024) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        n += (size_t)snprintf(buf + n, cap - n,
            "<TR><TD>field %d &amp; more</TD><TD>%.15g</TD><TD>%.15g</TD><TD>%d %d</TD>"
            "<TD>%s</TD><TD>http://example.org/img/%d.fits?x=%d&amp;y=1</TD><TD>%d</TD></TR>\n",
            i, 0.001 + i * 0.17, -80.0 + i * 0.08, 100 + i, 200 + 2 * i,
            i % 7 == 0 ? "" : "58000.25", i, i * 3, 1000 * i);
    }
    n += (size_t)snprintf(buf + n, cap - n, "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n");
    *len = n;
    return buf;
}

typedef struct {
    int id;
    int failures;
} worker;

static void *read_everything(void *arg) {
    worker *w = arg;
    char expected_error[64];
    pthread_barrier_wait(&start_line);
    for (int pass = 0; pass < N_PASSES; pass++) {
        /* Each thread walks the table from its own starting row. */
        for (int k = 0; k < N_ROWS; k++) {
            int64_t row = (k + w->id * (N_ROWS / N_THREADS)) % N_ROWS;
            for (int32_t col = 0; col < N_COLS; col++) {
                const char *text = NULL;
                vosia_status st = vosia_results_get_text(shared_results, row, col, &text);
                const char *want = reference_text[row][col];
                if (want == NULL ? st != VOSIA_NULL_VALUE
                                 : (st != VOSIA_OK || strcmp(text, want) != 0))
                    w->failures++;
            }
            {
                double ra = 0, naxis[2] = {0, 0};
                size_t n = 0;
                const char *url = NULL;
                char buf[96];
                size_t len = 0;
                if (vosia_results_get_std_double(shared_results, row, VOSIA_FIELD_RA, &ra) !=
                        VOSIA_OK || ra != reference_ra[row])
                    w->failures++;
                if (vosia_results_get_double_array(shared_results, row, C_NAXIS, naxis, 2, &n) !=
                        VOSIA_OK || n != 2 || naxis[0] != 100.0 + (double)row)
                    w->failures++;
                if (vosia_results_get_std_str(shared_results, row, VOSIA_FIELD_ACCESS_URL,
                                              &url) != VOSIA_OK ||
                    strcmp(url, reference_text[row][C_ACREF]) != 0)
                    w->failures++;
                if (vosia_results_copy_str(shared_results, row, C_TITLE, buf, sizeof buf,
                                           &len) != VOSIA_OK ||
                    strcmp(buf, reference_text[row][C_TITLE]) != 0)
                    w->failures++;
            }
        }
        /* Error detail is per thread: provoke an error naming this thread's own row. */
        {
            double d;
            int64_t bad_row = 1000000 + w->id;
            snprintf(expected_error, sizeof expected_error, "%lld", (long long)bad_row);
            if (vosia_results_get_double(shared_results, bad_row, C_RA, &d) != VOSIA_E_RANGE)
                w->failures++;
            for (int spin = 0; spin < 1000; spin++) {
                const char *t;
                (void)vosia_results_get_text(shared_results, spin % N_ROWS, C_TITLE, &t);
            }
            if (strstr(vosia_last_error(), expected_error) == NULL) {
                fprintf(stderr, "thread %d: last error \"%s\" does not name row %s\n", w->id,
                        vosia_last_error(), expected_error);
                w->failures++;
            }
        }
    }
    return NULL;
}

int main(void) {
    size_t len = 0;
    char *xml = make_votable(&len);
    pthread_t threads[N_THREADS];
    worker workers[N_THREADS];

    CHECK(xml != NULL);
    if (xml == NULL) return 1;
    CHECK_STATUS(vosia_results_parse(xml, len, VOSIA_SIA1, &shared_results), VOSIA_OK);
    free(xml);
    if (shared_results == NULL) return check_done("test_threads");
    CHECK_INT(vosia_results_row_count(shared_results), N_ROWS);

    /* The single-threaded reference. */
    for (int64_t row = 0; row < N_ROWS; row++) {
        for (int32_t col = 0; col < N_COLS; col++) {
            const char *text = NULL;
            vosia_status st = vosia_results_get_text(shared_results, row, col, &text);
            CHECK(st == VOSIA_OK || st == VOSIA_NULL_VALUE);
            reference_text[row][col] = st == VOSIA_OK ? strdup(text) : NULL;
        }
        CHECK_STATUS(vosia_results_get_double(shared_results, row, C_RA, &reference_ra[row]),
                     VOSIA_OK);
    }
    CHECK(reference_text[0][C_MJD] == NULL);
    CHECK(reference_text[1][C_MJD] != NULL);
    CHECK_STR(reference_text[5][C_TITLE], "field 5 & more");
    CHECK_STR(reference_text[5][C_ACREF], "http://example.org/img/5.fits?x=15&y=1");
    CHECK_STR(reference_text[5][C_NAXIS], "105 210");

    pthread_barrier_init(&start_line, NULL, N_THREADS);
    for (int t = 0; t < N_THREADS; t++) {
        workers[t].id = t;
        workers[t].failures = 0;
        CHECK(pthread_create(&threads[t], NULL, read_everything, &workers[t]) == 0);
    }
    for (int t = 0; t < N_THREADS; t++) {
        pthread_join(threads[t], NULL);
        if (workers[t].failures != 0)
            fprintf(stderr, "thread %d: %d mismatches\n", t, workers[t].failures);
        CHECK_INT(workers[t].failures, 0);
    }
    pthread_barrier_destroy(&start_line);

    vosia_results_free(shared_results);
    for (int64_t row = 0; row < N_ROWS; row++)
        for (int32_t col = 0; col < N_COLS; col++) free(reference_text[row][col]);
    return check_done("test_threads");
}

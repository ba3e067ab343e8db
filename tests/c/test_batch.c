/* The batch call through the C API: the argument contract, failures kept per item, cancel
 * from the progress function, no thread left behind, and (with VOSIA_TEST_DACHS) 40 SIA 1.0
 * positions run at once give, item by item, the access URLs that a serial run gives. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <time.h>

#include "check.h"

/* Threads of this process, from /proc/self/task. */
static int thread_count(void) {
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    if (d == NULL) return -1;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

/* The thread count once threads that have been joined have also left /proc (the kernel
 * removes a thread's entry just after waking its joiner): polled for up to a second. */
static int threads_settled(int want) {
    int n = thread_count();
    for (int i = 0; i < 100 && n != want; i++) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
        n = thread_count();
    }
    return n;
}

struct seen {
    int64_t calls, last_done, total;
    int64_t cancel_after;
};

static int32_t on_progress(int64_t done, int64_t total, void *user) {
    struct seen *s = user;
    s->calls++;
    s->last_done = done;
    s->total = total;
    return s->cancel_after > 0 && done >= s->cancel_after;
}

static vosia_query *position(vosia_service *svc, double ra, double dec) {
    vosia_query *q = NULL;
    CHECK_STATUS(vosia_query_new(svc, &q), VOSIA_OK);
    CHECK_STATUS(vosia_query_set_pos(q, ra, dec), VOSIA_OK);
    CHECK_STATUS(vosia_query_set_size(q, 0.2, 0.2), VOSIA_OK);
    return q;
}

static void test_contract_and_failures(void) {
    vosia_service *svc = NULL;
    CHECK_STATUS(vosia_service_new("http://127.0.0.1:9/sia?", VOSIA_SIA1, &svc), VOSIA_OK);
    CHECK_STATUS(vosia_service_set_connect_timeout(svc, 2.0), VOSIA_OK);
    const vosia_query *qs[6];
    for (int i = 0; i < 6; i++) qs[i] = position(svc, 10.0 + i, 41.0);
    vosia_batch *b = NULL;

    /* Arguments. */
    CHECK_STATUS(vosia_batch_execute(qs, 6, 0, 0, 0.0, NULL, NULL, NULL), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_batch_execute(NULL, 6, 0, 0, 0.0, NULL, NULL, &b), VOSIA_E_NULL_ARG);
    CHECK_STATUS(vosia_batch_execute(qs, -1, 0, 0, 0.0, NULL, NULL, &b), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_batch_execute(qs, 6, 65, 0, 0.0, NULL, NULL, &b), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_batch_execute(qs, 6, -2, 0, 0.0, NULL, NULL, &b), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_batch_execute(qs, 6, 0, 0, -1.0, NULL, NULL, &b), VOSIA_E_INVALID_ARG);
    CHECK_STATUS(vosia_batch_execute(qs, 6, 0, 0, NAN, NULL, NULL, &b), VOSIA_E_INVALID_ARG);
    const vosia_query *bad[2] = {qs[0], (const vosia_query *)svc};
    CHECK_STATUS(vosia_batch_execute(bad, 2, 0, 0, 0.0, NULL, NULL, &b), VOSIA_E_BAD_HANDLE);
    CHECK(strstr(vosia_last_error(), "queries[1]") != NULL);
    CHECK(b == NULL);

    /* Nothing listens on port 9: every item fails, each with its own message. */
    struct seen seen = {0, 0, 0, 0};
    int before = thread_count();
    CHECK_STATUS(vosia_batch_execute(qs, 6, 3, 2, 0.0, on_progress, &seen, &b), VOSIA_E_CONNECT);
    CHECK(strstr(vosia_last_error(), "6 of 6 queries failed") != NULL);
    CHECK_INT(threads_settled(before), before);
    CHECK(b != NULL);
    CHECK_INT(vosia_batch_count(b), 6);
    CHECK_INT(seen.calls, 6);
    CHECK_INT(seen.last_done, 6);
    CHECK_INT(seen.total, 6);
    vosia_status st = VOSIA_OK;
    const char *text = NULL;
    const vosia_results *r = NULL;
    char buf[8];
    size_t len = 0;
    CHECK_STATUS(vosia_batch_status(b, 5, &st), VOSIA_OK);
    CHECK_INT(st, VOSIA_E_CONNECT);
    CHECK_STATUS(vosia_batch_get_error(b, 5, &text), VOSIA_OK);
    CHECK(strstr(text, "127.0.0.1:9") != NULL);
    CHECK_STATUS(vosia_batch_copy_error(b, 5, buf, sizeof buf, &len), VOSIA_E_BUFFER_SIZE);
    CHECK(len == strlen(text));
    CHECK_STATUS(vosia_batch_get_results(b, 5, &r), VOSIA_NULL_VALUE);
    CHECK_STATUS(vosia_batch_status(b, 6, &st), VOSIA_E_RANGE);
    CHECK_STATUS(vosia_batch_status(b, 0, NULL), VOSIA_E_NULL_ARG);
    CHECK_INT(vosia_batch_count(NULL), -1);
    vosia_batch_free(b);
    vosia_batch_free(NULL);

    /* An empty batch is an empty handle. */
    CHECK_STATUS(vosia_batch_execute(NULL, 0, 0, 0, 0.0, NULL, NULL, &b), VOSIA_OK);
    CHECK_INT(vosia_batch_count(b), 0);
    vosia_batch_free(b);

    for (int i = 0; i < 6; i++) vosia_query_free((vosia_query *)qs[i]);
    vosia_service_free(svc);
}

/* The access URLs of `r`, one string ("url\n" each). */
static char *access_urls(const vosia_results *r) {
    size_t cap = 1 << 16, used = 0;
    char *all = calloc(cap, 1);
    for (int64_t i = 0; i < vosia_results_row_count(r); i++) {
        const char *url = NULL;
        if (vosia_results_get_std_str(r, i, VOSIA_FIELD_ACCESS_URL, &url) != VOSIA_OK) continue;
        used += (size_t)snprintf(all + used, cap - used, "%s\n", url);
    }
    return all;
}

static void test_live(const char *base) {
    char url[512];
    snprintf(url, sizeof url, "%s/siatest/q/i/siap.xml?", base);
    vosia_service *svc = NULL;
    CHECK_STATUS(vosia_service_new(url, VOSIA_SIA1, &svc), VOSIA_OK);
    enum { N = 40 };
    const vosia_query *qs[N];
    for (int i = 0; i < N; i++) qs[i] = position(svc, 10.5 + 0.01 * i, 41.2 + 0.005 * i);
    vosia_batch *b = NULL;
    int before = thread_count();
    CHECK_STATUS(vosia_batch_execute(qs, N, 8, 4, 0.0, NULL, NULL, &b), VOSIA_OK);
    CHECK_INT(threads_settled(before), before);
    int64_t rows = 0;
    for (int i = 0; i < N; i++) {
        const vosia_results *got = NULL;
        vosia_results *serial = NULL;
        CHECK_STATUS(vosia_batch_get_results(b, i, &got), VOSIA_OK);
        CHECK_STATUS(vosia_query_execute((vosia_query *)qs[i], &serial), VOSIA_OK);
        if (got == NULL || serial == NULL) continue;
        char *a = access_urls(got), *s = access_urls(serial);
        CHECK_STR(a, s);
        rows += vosia_results_row_count(got);
        free(a);
        free(s);
        vosia_results_free(serial);
    }
    CHECK(rows > N); /* the positions are on M31: images were found */
    vosia_batch_free(b);

    /* Cancel after 5: the rest are VOSIA_E_CANCELLED. */
    struct seen seen = {0, 0, 0, 5};
    CHECK_STATUS(vosia_batch_execute(qs, N, 2, 2, 0.0, on_progress, &seen, &b),
                 VOSIA_E_CANCELLED);
    int ok = 0, cancelled = 0;
    for (int i = 0; i < N; i++) {
        vosia_status st = VOSIA_OK;
        CHECK_STATUS(vosia_batch_status(b, i, &st), VOSIA_OK);
        ok += st == VOSIA_OK;
        cancelled += st == VOSIA_E_CANCELLED;
    }
    CHECK(ok >= 5 && ok <= 7);
    CHECK_INT(ok + cancelled, N);
    CHECK_INT(seen.calls, 5);
    vosia_batch_free(b);
    for (int i = 0; i < N; i++) vosia_query_free((vosia_query *)qs[i]);
    vosia_service_free(svc);
}

int main(void) {
    test_contract_and_failures();
    const char *live = getenv("VOSIA_TEST_DACHS");
    if (live != NULL && live[0] != '\0')
        test_live(live);
    else
        printf("note: VOSIA_TEST_DACHS not set; skipping the live DaCHS part\n");
    return check_done("test_batch");
}

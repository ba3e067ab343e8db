/* Fork safety: while another thread of the parent keeps vosia busy (parsing and failing
 * requests, so its locks are taken and released all the time), the parent forks children;
 * each child creates its own service, parses a document, runs a query and a batch, and exits.
 * A child that deadlocks on a lock held at the fork is killed by alarm() and fails the test.
 * With VOSIA_TEST_DACHS the children's queries go to the live DaCHS, else to a refused port. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define N_CHILDREN 12

static const char doc[] =
    "<VOTABLE><RESOURCE type=\"results\"><TABLE><FIELD name=\"acref\" datatype=\"char\" "
    "arraysize=\"*\" ucd=\"VOX:Image_AccessReference\"/><DATA><TABLEDATA>"
    "<TR><TD>http://127.0.0.1:9/a.fits</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE>"
    "</VOTABLE>";

static volatile int stop_busy;
static char url[512];
static int live;

/* The parent's other thread: vosia in use at every moment a fork can happen. */
static void *busy(void *arg) {
    (void)arg;
    vosia_service *svc = NULL;
    if (vosia_service_new("http://127.0.0.1:9/sia?", VOSIA_SIA1, &svc) != VOSIA_OK) return NULL;
    vosia_service_set_connect_timeout(svc, 1.0);
    while (!stop_busy) {
        vosia_results *r = NULL;
        if (vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA1, &r) == VOSIA_OK)
            vosia_results_free(r);
        vosia_query *q = NULL;
        if (vosia_query_new(svc, &q) == VOSIA_OK) {
            vosia_query_set_pos(q, 1.0, 2.0);
            if (vosia_query_execute(q, &r) == VOSIA_OK) vosia_results_free(r);
            vosia_query_free(q);
        }
    }
    vosia_service_free(svc);
    return NULL;
}

/* What a child does; its exit status says which step failed (0: all well). */
static int child(void) {
    alarm(20); /* a deadlock ends here, as SIGALRM */
    vosia_results *r = NULL;
    if (vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA1, &r) != VOSIA_OK) return 10;
    if (vosia_results_row_count(r) != 1) return 11;
    vosia_results_free(r);
    vosia_service *svc = NULL;
    if (vosia_service_new(url, VOSIA_SIA1, &svc) != VOSIA_OK) return 12;
    vosia_service_set_connect_timeout(svc, 2.0);
    vosia_query *q = NULL;
    if (vosia_query_new(svc, &q) != VOSIA_OK) return 13;
    vosia_query_set_pos(q, 10.68, 41.27);
    vosia_query_set_size(q, 0.2, 0.2);
    vosia_status st = vosia_query_execute(q, &r);
    if (live ? st != VOSIA_OK : st != VOSIA_E_CONNECT) return 14;
    if (st == VOSIA_OK) vosia_results_free(r);
    const vosia_query *qs[3] = {q, q, q};
    vosia_batch *b = NULL;
    st = vosia_batch_execute(qs, 3, 3, 3, 0.0, NULL, NULL, &b);
    if (live ? st != VOSIA_OK : st != VOSIA_E_CONNECT) return 15;
    if (vosia_batch_count(b) != 3) return 16;
    vosia_batch_free(b);
    vosia_query_free(q);
    vosia_service_free(svc);
    return 0;
}

int main(void) {
    const char *dachs = getenv("VOSIA_TEST_DACHS");
    live = dachs != NULL && dachs[0] != '\0';
    snprintf(url, sizeof url, "%s/siatest/q/i/siap.xml?", live ? dachs : "http://127.0.0.1:9");
    if (!live) printf("note: VOSIA_TEST_DACHS not set; the children's queries are refused\n");

    pthread_t other;
    CHECK(pthread_create(&other, NULL, busy, NULL) == 0);
    for (int i = 0; i < N_CHILDREN; i++) {
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) _exit(child());
        CHECK(pid > 0);
        int status = 0;
        CHECK(waitpid(pid, &status, 0) == pid);
        if (WIFSIGNALED(status))
            fprintf(stderr, "child %d: killed by signal %d%s\n", i, WTERMSIG(status),
                    WTERMSIG(status) == SIGALRM ? " (deadlocked after fork?)" : "");
        else if (WEXITSTATUS(status) != 0)
            fprintf(stderr, "child %d: failed at step %d\n", i, WEXITSTATUS(status));
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    stop_busy = 1;
    pthread_join(other, NULL);
    return check_done("test_fork");
}

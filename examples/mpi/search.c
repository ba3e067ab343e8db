/* A survey's position list searched on MPI ranks: each rank takes every size-th position
 * (rank, rank + size, ...), runs its share as one vosia batch, and rank 0 gathers every
 * position's image list and prints it in input order, one "POSITION<TAB>ACCESS_URL" line per
 * image. Run alone (or with -np 1) it is the serial run the parallel one must equal.
 *
 *     mpirun -np 2 mpi_search URL [N_POSITIONS]
 *     mpi_search http://127.0.0.1:8080/siatest/q/i/siap.xml? 200
 *
 * Each rank is its own process with its own vosia service; vosia keeps no global state. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

/* Appends "i\turl\n" for every image of `r` to the growing buffer *out (of *len bytes). */
static void append_images(int64_t i, const vosia_results *r, char **out, size_t *len) {
    for (int64_t row = 0; row < vosia_results_row_count(r); row++) {
        const char *url = NULL;
        if (vosia_results_get_std_str(r, row, VOSIA_FIELD_ACCESS_URL, &url) != VOSIA_OK)
            continue;
        size_t need = strlen(url) + 32;
        char *grown = realloc(*out, *len + need);
        if (grown == NULL) continue;
        *out = grown;
        *len += (size_t)snprintf(*out + *len, need, "%lld\t%s\n", (long long)i, url);
    }
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (argc < 2) {
        if (rank == 0) fprintf(stderr, "usage: mpi_search URL [N_POSITIONS]\n");
        MPI_Finalize();
        return 2;
    }
    const int n = argc > 2 ? atoi(argv[2]) : 200;

    /* This rank's share: positions rank, rank + size, ... on a grid around M31. */
    vosia_service *svc = NULL;
    int failed = vosia_service_new(argv[1], VOSIA_SIA1, &svc) != VOSIA_OK;
    int mine = 0;
    const vosia_query **qs = calloc((size_t)n / (size_t)size + 1, sizeof *qs);
    int64_t *index = calloc((size_t)n / (size_t)size + 1, sizeof *index);
    for (int i = rank; !failed && i < n; i += size) {
        vosia_query *q = NULL;
        failed |= vosia_query_new(svc, &q) != VOSIA_OK;
        if (failed) break;
        vosia_query_set_pos(q, 10.5 + 0.02 * (i % 20), 41.1 + 0.02 * (i / 20));
        vosia_query_set_size(q, 0.2, 0.2);
        qs[mine] = q;
        index[mine++] = i;
    }
    char *text = malloc(1);
    size_t len = 0;
    vosia_batch *b = NULL;
    if (!failed && vosia_batch_execute(qs, mine, 0, 0, 0.0, NULL, NULL, &b) != VOSIA_OK) {
        fprintf(stderr, "rank %d: %s\n", rank, vosia_last_error());
        failed = 1;
    }
    for (int k = 0; !failed && k < mine; k++) {
        const vosia_results *r = NULL;
        if (vosia_batch_get_results(b, k, &r) == VOSIA_OK) append_images(index[k], r, &text, &len);
    }

    /* Rank 0 gathers every rank's lines, then prints them ordered by position. */
    int my_len = (int)len, any_failed = 0;
    MPI_Allreduce(&failed, &any_failed, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    int *lens = rank == 0 ? calloc((size_t)size, sizeof *lens) : NULL;
    int *offsets = rank == 0 ? calloc((size_t)size, sizeof *offsets) : NULL;
    MPI_Gather(&my_len, 1, MPI_INT, lens, 1, MPI_INT, 0, MPI_COMM_WORLD);
    char *all = NULL;
    int total = 0;
    if (rank == 0) {
        for (int r = 0; r < size; r++) {
            offsets[r] = total;
            total += lens[r];
        }
        all = malloc((size_t)total + 1);
    }
    MPI_Gatherv(text, my_len, MPI_CHAR, all, lens, offsets, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (rank == 0 && !any_failed) {
        all[total] = '\0';
        /* Lines of position i come from rank i % size, in order: print position by position. */
        for (int i = 0; i < n; i++) {
            const char *p = all + offsets[i % size];
            const char *end = all + offsets[i % size] + lens[i % size];
            while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                if (atoll(p) == i) fwrite(p, 1, (size_t)(nl - p) + 1, stdout);
                p = nl + 1;
            }
        }
    }
    vosia_batch_free(b);
    for (int k = 0; k < mine; k++) vosia_query_free((vosia_query *)qs[k]);
    vosia_service_free(svc);
    free(qs);
    free(index);
    free(text);
    free(all);
    free(lens);
    free(offsets);
    MPI_Finalize();
    return any_failed ? 1 : 0;
}

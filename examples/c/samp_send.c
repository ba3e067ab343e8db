/* samp_send: hand a FITS image or a VOTable to desktop tools (Aladin, DS9, TOPCAT) through
 * the SAMP hub of this session.
 *
 *     samp_send [-t] FILE-OR-URL [NAME [RECIPIENT]]
 *
 * Sends image.load.fits (or, with -t, table.load.votable) of FILE-OR-URL, a local file (sent
 * as its file:// URL) or a URL, to every subscribed client, or to the one whose SAMP name or
 * id is RECIPIENT. NAME is what they show for it. The hub is found from SAMP_HUB, else
 * ~/.samp. Prints how many clients it reached; on error prints vosia's message on stderr and
 * exits with status 1. */
#include <stdio.h>
#include <string.h>

#include "vosia.h"

int main(int argc, char **argv) {
    int first = 1;
    int what = VOSIA_SAMP_IMAGE;
    if (argc > 1 && strcmp(argv[1], "-t") == 0) {
        what = VOSIA_SAMP_TABLE;
        first = 2;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: samp_send [-t] FILE-OR-URL [NAME [RECIPIENT]]\n");
        return 2;
    }
    const char *name = argc > first + 1 ? argv[first + 1] : NULL;
    const char *recipient = argc > first + 2 ? argv[first + 2] : NULL;
    vosia_samp *samp = NULL;
    if (vosia_samp_connect("vosia samp_send", &samp) != VOSIA_OK) {
        fprintf(stderr, "samp_send: %s\n", vosia_last_error());
        return 1;
    }
    size_t reached = 0;
    int status = 0;
    if (vosia_samp_send(samp, what, argv[first], name, recipient, &reached) != VOSIA_OK) {
        fprintf(stderr, "samp_send: %s\n", vosia_last_error());
        status = 1;
    } else {
        printf("sent to %zu client%s\n", reached, reached == 1 ? "" : "s");
    }
    vosia_samp_free(samp);
    return status;
}

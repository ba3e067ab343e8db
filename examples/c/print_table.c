/* print_table: print the images of a saved SIA response as a table.
 *
 *     print_table RESPONSE.xml [1|2]
 *
 * RESPONSE.xml is an SIA query response saved to a file (e.g. with curl); the optional second
 * argument is the SIA version that wrote it (default 1). Every column comes from vosia's
 * standard fields, so the same code reads SIA 1.0 UCDs and SIA 2.0 ObsCore columns, with
 * RA/Dec in degrees, the observation time as MJD and sizes in bytes. A null cell prints "-".
 * On error the program prints vosia's message on stderr and exits with status 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

/* Prints a string field padded or cut to `width` characters (0: as it is, no padding). */
static void print_str(const vosia_results *res, int64_t row, int32_t field, int width) {
    const char *s = NULL;
    if (vosia_results_get_std_str(res, row, field, &s) != VOSIA_OK) s = "-";
    if (width == 0)
        fputs(s, stdout);
    else if ((int)strlen(s) > width)
        printf("%.*s~ ", width - 1, s);
    else
        printf("%-*s ", width, s);
}

/* Prints a numeric field with a printf format, or "-" in the same width. */
static void print_num(const vosia_results *res, int64_t row, int32_t field, const char *fmt,
                      int width) {
    double v;
    if (vosia_results_get_std_double(res, row, field, &v) == VOSIA_OK)
        printf(fmt, width, v);
    else
        printf("%*s", width, "-");
    putchar(' ');
}

int main(int argc, char **argv) {
    vosia_results *res = NULL;
    int32_t version = VOSIA_SIA1;
    int64_t rows;

    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "1") != 0 &&
                                 strcmp(argv[2], "2") != 0)) {
        fprintf(stderr, "usage: %s RESPONSE.xml [1|2]   (SIA version, default 1)\n", argv[0]);
        return 2;
    }
    if (argc == 3) version = argv[2][0] == '2' ? VOSIA_SIA2 : VOSIA_SIA1;

    if (vosia_results_parse_file(argv[1], version, &res) != VOSIA_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], vosia_last_error());
        return 1;
    }

    rows = vosia_results_row_count(res);
    printf("%-28s %11s %11s %-12s %11s %-12s %12s %s\n", "title", "ra", "dec", "instrument",
           "mjd", "format", "bytes", "url");
    for (int64_t i = 0; i < rows; i++) {
        print_str(res, i, VOSIA_FIELD_TITLE, 28);
        print_num(res, i, VOSIA_FIELD_RA, "%*.6f", 11);
        print_num(res, i, VOSIA_FIELD_DEC, "%*.6f", 11);
        print_str(res, i, VOSIA_FIELD_INSTRUMENT, 12);
        print_num(res, i, VOSIA_FIELD_MJD_OBS, "%*.5f", 11);
        print_str(res, i, VOSIA_FIELD_FORMAT, 12);
        print_num(res, i, VOSIA_FIELD_FILESIZE, "%*.0f", 12);
        print_str(res, i, VOSIA_FIELD_ACCESS_URL, 0);
        putchar('\n');
    }
    printf("%lld image%s%s\n", (long long)rows, rows == 1 ? "" : "s",
           vosia_results_overflow(res) ? " (the service truncated the result: OVERFLOW)" : "");
    vosia_results_free(res);
    return 0;
}

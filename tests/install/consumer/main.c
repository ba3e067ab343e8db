/* A downstream program: parses a tiny SIA response and prints its access URL and the
 * library version, checking that the header and the library it was linked with agree. */
#include <stdio.h>
#include <string.h>

#include <vosia.h>

int main(void) {
    static const char doc[] =
        "<VOTABLE version=\"1.3\"><RESOURCE type=\"results\"><TABLE>"
        "<FIELD name=\"acref\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_AccessReference\"/>"
        "<DATA><TABLEDATA><TR><TD>http://example.org/a.fits</TD></TR></TABLEDATA></DATA>"
        "</TABLE></RESOURCE></VOTABLE>";
    vosia_results *r;
    const char *url;
    if (vosia_version_number() != VOSIA_VERSION_NUMBER) {
        fprintf(stderr, "header %s, library %s\n", VOSIA_VERSION_STRING, vosia_version());
        return 1;
    }
    if (vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA1, &r) != VOSIA_OK) {
        fprintf(stderr, "%s\n", vosia_last_error());
        return 1;
    }
    if (vosia_results_get_std_str(r, 0, VOSIA_FIELD_ACCESS_URL, &url) != VOSIA_OK ||
        strcmp(url, "http://example.org/a.fits") != 0) {
        fprintf(stderr, "wrong access URL\n");
        return 1;
    }
    printf("vosia %s: %s\n", vosia_version(), url);
    vosia_results_free(r);
    return 0;
}

// vosia.h must compile as C++ (C++11, -Wall -Wextra -Werror -pedantic) and link: its
// extern "C" guards, its macros and its types used from C++ without casts or warnings.
#include "vosia.h"

#include <cstdio>
#include <cstring>

static_assert(VOSIA_VERSION_NUMBER ==
                  ((VOSIA_VERSION_MAJOR << 16) | (VOSIA_VERSION_MINOR << 8) | VOSIA_VERSION_PATCH),
              "VOSIA_VERSION_NUMBER is (MAJOR << 16) | (MINOR << 8) | PATCH");
static_assert(VOSIA_AT_LEAST_VERSION(0, 1, 0), "this header is 0.1.0 or newer");
static_assert(VOSIA_OK == 0, "VOSIA_OK is 0");

int main() {
    // Function pointers of the right C types: a signature change breaks this file.
    vosia_status (*parse)(const char *, size_t, int32_t, vosia_results **) = vosia_results_parse;
    void (*release)(vosia_results *) = vosia_results_free;
    (void)parse;

    vosia_results *r = nullptr;
    static const char doc[] =
        "<VOTABLE version=\"1.3\"><RESOURCE type=\"results\"><TABLE>"
        "<FIELD name=\"acref\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_AccessReference\"/>"
        "<DATA><TABLEDATA><TR><TD>http://example.org/a.fits</TD></TR></TABLEDATA></DATA>"
        "</TABLE></RESOURCE></VOTABLE>";
    if (vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA1, &r) != VOSIA_OK) {
        std::fprintf(stderr, "parse failed: %s\n", vosia_last_error());
        return 1;
    }
    const char *url = nullptr;
    vosia_status st = vosia_results_get_std_str(r, 0, VOSIA_FIELD_ACCESS_URL, &url);
    int ok = st == VOSIA_OK && std::strcmp(url, "http://example.org/a.fits") == 0 &&
             std::strcmp(vosia_version(), VOSIA_VERSION_STRING) == 0;
    release(r);
    std::printf("cpp_header_compiles: %d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
    return ok ? 0 : 1;
}

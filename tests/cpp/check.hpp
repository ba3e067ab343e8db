// The assertion helper of vosia's C++ tests (header-only, no framework): each failed CHECK
// prints where and what and counts; a test ends with `return check_done("name");`, which
// prints "N passed, N failed" and returns 0 only when nothing failed.
#ifndef VOSIA_TEST_CHECK_HPP
#define VOSIA_TEST_CHECK_HPP

#include <cstdio>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (cond) {                                                                      \
            passed++;                                                                    \
        } else {                                                                         \
            failed++;                                                                    \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                \
    } while (0)

static inline int check_done(const char *name) {
    std::printf("%s: %d passed, %d failed\n", name, passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif

/* libvosia.so has no C code of its own: CMake links it from cargo's libvosia.a with
 * --whole-archive and the version script vosia.map (see cmake/VosiaCargo.cmake). This file
 * exists because a CMake library target needs a source. */
typedef int vosia_shared_no_code_of_its_own;

# ctest for vosia: `cargo test`, the C tests (each built with warnings as errors, then again
# under AddressSanitizer, and one linked statically), the C++ header check, the examples.
#
# C tests find their inputs through two variables, passed both as compile definitions
# (defaults) and in the environment (overrides):
#   VOSIA_TEST_DATA  tests/data, the small fixtures in this repository
#   VOSIA_CORPUS     ../shared/corpus, the real responses; tests that need it exit 77 (skip)
#                    when it is absent.

find_package(Threads REQUIRED)

get_filename_component(_vosia_corpus_default "${PROJECT_SOURCE_DIR}/../shared/corpus" ABSOLUTE)
set(VOSIA_CORPUS_DIR "${_vosia_corpus_default}" CACHE PATH
    "The shared corpus of real SIA responses (tests skip when it is absent)")
set(VOSIA_TEST_DATA_DIR "${PROJECT_SOURCE_DIR}/tests/data")
set(_vosia_test_env "VOSIA_CORPUS=${VOSIA_CORPUS_DIR}" "VOSIA_TEST_DATA=${VOSIA_TEST_DATA_DIR}")

# -------------------------------------------------------------------------- cargo test
if(VOSIA_CARGO_TEST)
  set(_vosia_cargo_test
    "${CMAKE_COMMAND}" -E env "CARGO_TARGET_DIR=${VOSIA_CARGO_TARGET_DIR}"
    "${VOSIA_CARGO}" test --release --workspace --manifest-path "${PROJECT_SOURCE_DIR}/Cargo.toml")
  # Compile the Rust tests while building (release, like the library, so the dependencies are
  # compiled once), so that ctest's clock measures tests rather than the compiler.
  add_custom_target(vosia_cargo_test_build ALL
    COMMAND ${_vosia_cargo_test} --no-run
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    USES_TERMINAL
    COMMENT "cargo test --release --no-run"
    VERBATIM)
  add_dependencies(vosia_cargo_test_build vosia_cargo_build vosia_cli_build)
  add_test(NAME cargo_test COMMAND ${_vosia_cargo_test}
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
  set_tests_properties(cargo_test PROPERTIES TIMEOUT 3600 ENVIRONMENT "${_vosia_test_env}")
endif()

# ----------------------------------------------------------------------------- C tests
set(VOSIA_C_WARNINGS -Wall -Wextra -Werror -Wpedantic)

include(CheckCSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=address")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=address")
check_c_source_compiles("int main(void) { return 0; }" VOSIA_HAVE_ASAN)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=address,undefined")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=address,undefined")
check_c_source_compiles("int main(void) { return 0; }" VOSIA_HAVE_UBSAN)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)

# vosia_add_c_test(<test name> <source> <library target> [asan])
function(vosia_add_c_test name src lib)
  add_executable(${name} "${src}")
  target_link_libraries(${name} PRIVATE ${lib} Threads::Threads)
  set_target_properties(${name} PROPERTIES
    C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/c")
  target_compile_definitions(${name} PRIVATE
    "VOSIA_TEST_DATA_DIR=\"${VOSIA_TEST_DATA_DIR}\""
    "VOSIA_CORPUS_DIR=\"${VOSIA_CORPUS_DIR}\""
    "VOSIA_EXPECTED_VERSION=\"${PROJECT_VERSION}\"")
  target_compile_options(${name} PRIVATE ${VOSIA_C_WARNINGS})
  set(env ${_vosia_test_env})
  if("asan" IN_LIST ARGN)
    # AddressSanitizer, plus UndefinedBehaviorSanitizer where the compiler has it (for the C
    # side; the Rust library is checked by Rust's own rules).
    set(_san address)
    if(VOSIA_HAVE_UBSAN)
      set(_san address,undefined)
      target_compile_options(${name} PRIVATE -fno-sanitize-recover=undefined)
    endif()
    target_compile_options(${name} PRIVATE -fsanitize=${_san} -fno-omit-frame-pointer -g)
    target_link_options(${name} PRIVATE -fsanitize=${_san})
    # Leak checking stays on: the library frees everything it allocates for a handle when the
    # handle is freed, and its only one-time allocations (the quiet panic hook, per-thread
    # error text) are still reachable at exit, which LeakSanitizer does not report.
    list(APPEND env "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1")
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 300 ENVIRONMENT "${env}")
endfunction()

file(GLOB VOSIA_C_TEST_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/c/*.c")
# test_fork runs only plain: its children inherit the allocator's locks as the parent's other
# thread held them at the fork. glibc's malloc re-arms them in the child (that is what the test
# checks); GCC 12's ASan allocator does not (a child hung in __asan::Allocator, seen here), and
# under valgrind a child reports the other thread's in-flight memory as lost.
foreach(_src IN LISTS VOSIA_C_TEST_SOURCES)
  get_filename_component(_name "${_src}" NAME_WE)
  vosia_add_c_test(c_${_name} "${_src}" vosia::vosia)
  if(_name STREQUAL "test_fork")
    continue()
  endif()
  list(APPEND _vosia_c_test_names ${_name})
  if(VOSIA_HAVE_ASAN)
    vosia_add_c_test(asan_${_name} "${_src}" vosia::vosia asan)
  endif()
endforeach()
if(NOT VOSIA_HAVE_ASAN)
  message(WARNING "the C compiler cannot build with -fsanitize=address: no ASan tests")
endif()

# The NULL and bad-handle contract of every function vosia.h declares, generated from the
# header (tests/c/gen_contract.py), so that no entry point can be left out; plain and ASan.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(_vosia_contract_c "${CMAKE_CURRENT_BINARY_DIR}/test_contract_generated.c")
add_custom_command(OUTPUT "${_vosia_contract_c}"
  COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/tests/c/gen_contract.py"
          "${PROJECT_SOURCE_DIR}/include/vosia.h" "${_vosia_contract_c}"
  DEPENDS "${PROJECT_SOURCE_DIR}/tests/c/gen_contract.py" "${PROJECT_SOURCE_DIR}/include/vosia.h"
  COMMENT "generating the contract test from vosia.h"
  VERBATIM)
vosia_add_c_test(c_contract "${_vosia_contract_c}" vosia::vosia)
if(VOSIA_HAVE_ASAN)
  vosia_add_c_test(asan_contract "${_vosia_contract_c}" vosia::vosia asan)
endif()

# Every C test once more under valgrind's memcheck, when valgrind is installed: 0 errors and
# no definite leak (`--errors-for-leak-kinds=definite`; what stays reachable at exit, the
# panic hook and per-thread error text, is not a leak). Slower, so only the plain builds.
find_program(VOSIA_VALGRIND valgrind)
if(VOSIA_VALGRIND)
  foreach(_name IN LISTS _vosia_c_test_names ITEMS contract)
    add_test(NAME valgrind_${_name}
      COMMAND "${VOSIA_VALGRIND}" --tool=memcheck --error-exitcode=99 --leak-check=full
              --errors-for-leak-kinds=definite --show-leak-kinds=definite --quiet
              $<TARGET_FILE:c_${_name}>)
    set_tests_properties(valgrind_${_name} PROPERTIES
      SKIP_RETURN_CODE 77 TIMEOUT 900 ENVIRONMENT "${_vosia_test_env}")
  endforeach()
  if(VOSIA_BUILD_EXAMPLES AND TARGET print_table AND TARGET cpp_search)
    add_test(NAME valgrind_examples
      COMMAND bash "${PROJECT_SOURCE_DIR}/tests/c/valgrind_examples.sh" "${VOSIA_VALGRIND}"
              "${VOSIA_TEST_DATA_DIR}" "${CMAKE_CURRENT_BINARY_DIR}"
              $<TARGET_FILE:print_table> $<TARGET_FILE:sia_search> $<TARGET_FILE:download>
              $<TARGET_FILE:cpp_search> $<TARGET_FILE:cpp_download>)
    set_tests_properties(valgrind_examples PROPERTIES TIMEOUT 900)
  endif()
else()
  message(STATUS "valgrind not found: no memcheck runs of the C tests and examples")
endif()

# The same results test once more against libvosia.a, which proves the static target's list
# of system libraries (VOSIA_STATIC_SYSTEM_LIBS) is complete.
if(EXISTS "${PROJECT_SOURCE_DIR}/tests/c/test_results.c")
  vosia_add_c_test(c_static_test_results "${PROJECT_SOURCE_DIR}/tests/c/test_results.c"
    vosia::vosia_static)
endif()

# ------------------------------------------------------------------- C++ header check
add_executable(cpp_header_compiles "${PROJECT_SOURCE_DIR}/tests/cpp/header_compiles.cpp")
target_link_libraries(cpp_header_compiles PRIVATE vosia::vosia)
# The oldest C++ a pipeline is likely to use; C++17 is covered by the vosia.hpp tests.
set_target_properties(cpp_header_compiles PROPERTIES
  CXX_STANDARD 11 CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
target_compile_options(cpp_header_compiles PRIVATE -Wall -Wextra -Werror -pedantic)
add_test(NAME cpp_header_compiles COMMAND cpp_header_compiles)

# The other C++ tests (vosia.hpp is C++17), with the same inputs as the C tests.
file(GLOB VOSIA_CXX_TEST_SOURCES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/cpp/*.cpp")
list(FILTER VOSIA_CXX_TEST_SOURCES EXCLUDE REGEX "/header_compiles\\.cpp$")
foreach(_src IN LISTS VOSIA_CXX_TEST_SOURCES)
  get_filename_component(_name "${_src}" NAME_WE)
  set(_t cpp_${_name})
  if(TARGET ${_t})
    continue()
  endif()
  add_executable(${_t} "${_src}")
  target_link_libraries(${_t} PRIVATE vosia::vosia Threads::Threads)
  set_target_properties(${_t} PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON
                                         CXX_EXTENSIONS OFF)
  target_compile_options(${_t} PRIVATE -Wall -Wextra -Werror -pedantic)
  target_compile_definitions(${_t} PRIVATE
    "VOSIA_TEST_DATA_DIR=\"${VOSIA_TEST_DATA_DIR}\""
    "VOSIA_CORPUS_DIR=\"${VOSIA_CORPUS_DIR}\"")
  add_test(NAME ${_t} COMMAND ${_t})
  set_tests_properties(${_t} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300
                                        ENVIRONMENT "${_vosia_test_env}")
endforeach()

# ----------------------------------------------------------------------------- examples
if(VOSIA_BUILD_EXAMPLES AND TARGET print_table)
  add_test(NAME example_print_table
    COMMAND print_table "${VOSIA_TEST_DATA_DIR}/sia1_three.xml")
  set_tests_properties(example_print_table PROPERTIES
    PASS_REGULAR_EXPRESSION "http://example\\.org/data/img2\\.fits")
  add_test(NAME example_print_table_error
    COMMAND print_table "${VOSIA_TEST_DATA_DIR}/sia1_error.xml")
  set_tests_properties(example_print_table_error PROPERTIES WILL_FAIL TRUE)
  if(EXISTS "${VOSIA_CORPUS_DIR}/pyvo/sia1-dataset.xml")
    add_test(NAME example_print_table_corpus
      COMMAND print_table "${VOSIA_CORPUS_DIR}/pyvo/sia1-dataset.xml" 1)
    set_tests_properties(example_print_table_corpus PROPERTIES
      PASS_REGULAR_EXPRESSION "http://example\\.com/querydata/image\\.fits")
  endif()
endif()
# Reading in batches keeps memory flat: 2 000 000 rows generated into a pipe and summarized
# (examples/c/summarize.c) with a peak RSS under 40 MB (tests/c/stream_memory.sh).
if(VOSIA_BUILD_EXAMPLES AND TARGET summarize)
  add_test(NAME example_summarize
    COMMAND summarize "${VOSIA_TEST_DATA_DIR}/sia1_three.xml" 1 2)
  set_tests_properties(example_summarize PROPERTIES
    PASS_REGULAR_EXPRESSION "images 3 in 2 batches")
  add_test(NAME stream_memory
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/c/stream_memory.sh" "$<TARGET_FILE:summarize>")
  set_tests_properties(stream_memory PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()
# The download example against the live DaCHS (tests/c/example_download.sh; skipped, 77,
# without VOSIA_TEST_DACHS).
if(VOSIA_BUILD_EXAMPLES AND TARGET download)
  add_test(NAME example_c_download
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/c/example_download.sh" "$<TARGET_FILE:download>"
            "${CMAKE_CURRENT_BINARY_DIR}")
  set_tests_properties(example_c_download PROPERTIES SKIP_RETURN_CODE 77)
endif()

# ---------------------------------------------------------------- install and consume
# Installs this build into a scratch prefix and builds a downstream program against it with
# find_package (shared and static) and with pkg-config (shared and static).
find_program(VOSIA_PKG_CONFIG pkg-config)
find_program(VOSIA_READELF readelf)
if(VOSIA_PKG_CONFIG AND VOSIA_READELF)
  add_test(NAME install_consumer
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/install/run.sh" "${CMAKE_BINARY_DIR}")
  set_tests_properties(install_consumer PROPERTIES TIMEOUT 600
    ENVIRONMENT "CC=${CMAKE_C_COMPILER}")
else()
  message(WARNING "pkg-config or readelf not found: no install_consumer test")
endif()
find_program(VOSIA_NM nm)
if(VOSIA_NM AND VOSIA_READELF AND VOSIA_LINK_SHARED_HERE)
  add_test(NAME exported_symbols
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/install/symbols.sh"
            "$<TARGET_FILE:vosia_shared>" "${PROJECT_SOURCE_DIR}/include/vosia.h"
            "${VOSIA_SYMBOL_VERSION}")
endif()

# ----------------------------------------------------------------------------- vosia command
# cli_live: every subcommand against the local DaCHS, outputs read back by astropy (and STILTS
# where installed); skipped without VOSIA_TEST_DACHS. cli_install: the installed binary, man
# pages and completions. The exit statuses are cargo tests (cli/tests/exit_codes.rs).
if(VOSIA_BUILD_EXAMPLES)
  add_test(NAME cli_live
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/cli/live.sh" "${VOSIA_CLI}" "$<TARGET_FILE:sia_search>")
  set_tests_properties(cli_live PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
add_test(NAME cli_install COMMAND bash "${PROJECT_SOURCE_DIR}/tests/cli/install.sh" "${CMAKE_BINARY_DIR}")
set_tests_properties(cli_install PROPERTIES TIMEOUT 300)

# Builds the vosia crate with plain `cargo build --release` and exposes the result as
#   vosia::vosia         the shared library (libvosia.so.<version>, soname libvosia.so.0.MINOR)
#   vosia::vosia_static  the static library plus the system libraries Rust's std needs
# Neither cargo-c nor cbindgen is needed: the header include/vosia.h is committed.
#
# Inputs: PROJECT_VERSION, VOSIA_SOVERSION. Outputs: VOSIA_CARGO, VOSIA_CARGO_TARGET_DIR,
# VOSIA_LIB_DIR, VOSIA_STATIC_SYSTEM_LIBS, target vosia_cargo_build.

find_program(VOSIA_CARGO cargo
  HINTS "$ENV{CARGO_HOME}/bin" "$ENV{HOME}/.cargo/bin"
  DOC "cargo, to build the vosia crate")
if(NOT VOSIA_CARGO)
  message(FATAL_ERROR "cargo not found: install Rust (https://rustup.rs) or set VOSIA_CARGO")
endif()

# Respect CARGO_TARGET_DIR; otherwise keep cargo's output inside this build tree, so that
# removing the build directory removes everything and the `cargo test` run by ctest reuses the
# dependencies compiled here.
if(DEFINED ENV{CARGO_TARGET_DIR} AND NOT "$ENV{CARGO_TARGET_DIR}" STREQUAL "")
  set(_vosia_default_target_dir "$ENV{CARGO_TARGET_DIR}")
else()
  set(_vosia_default_target_dir "${CMAKE_BINARY_DIR}/cargo")
endif()
set(VOSIA_CARGO_TARGET_DIR "${_vosia_default_target_dir}" CACHE PATH "cargo's target directory")

set(_vosia_cargo_out "${VOSIA_CARGO_TARGET_DIR}/release")
set(VOSIA_LIB_DIR "${CMAKE_BINARY_DIR}/lib")
set(VOSIA_SHARED_REAL "libvosia.so.${PROJECT_VERSION}")
set(VOSIA_SHARED_SONAME "libvosia.so.${VOSIA_SOVERSION}")

# The native libraries a Rust staticlib needs on Linux (glibc), as printed by
#   cargo rustc --release --lib --crate-type staticlib -- --print native-static-libs
# for this crate: "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc". They go into the static
# target's link interface and into vosia.pc's Libs.private. ctest's c_static_* tests link
# this set, so a change in Rust's needs shows up as a link failure there.
set(VOSIA_STATIC_SYSTEM_LIBS gcc_s util rt pthread m dl c)

file(MAKE_DIRECTORY "${VOSIA_LIB_DIR}")
add_custom_target(vosia_cargo_build ALL
  COMMAND "${CMAKE_COMMAND}" -E env "CARGO_TARGET_DIR=${VOSIA_CARGO_TARGET_DIR}"
          "${VOSIA_CARGO}" build --release --lib --manifest-path "${PROJECT_SOURCE_DIR}/Cargo.toml"
  COMMAND "${CMAKE_COMMAND}" -E copy_if_different
          "${_vosia_cargo_out}/libvosia.so" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
  COMMAND "${CMAKE_COMMAND}" -E create_symlink
          "${VOSIA_SHARED_REAL}" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_SONAME}"
  COMMAND "${CMAKE_COMMAND}" -E create_symlink
          "${VOSIA_SHARED_SONAME}" "${VOSIA_LIB_DIR}/libvosia.so"
  COMMAND "${CMAKE_COMMAND}" -E copy_if_different
          "${_vosia_cargo_out}/libvosia.a" "${VOSIA_LIB_DIR}/libvosia.a"
  BYPRODUCTS
    "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
    "${VOSIA_LIB_DIR}/${VOSIA_SHARED_SONAME}"
    "${VOSIA_LIB_DIR}/libvosia.so"
    "${VOSIA_LIB_DIR}/libvosia.a"
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  USES_TERMINAL
  COMMENT "cargo build --release (libvosia.so, libvosia.a)"
  VERBATIM)

add_library(vosia_shared SHARED IMPORTED GLOBAL)
set_target_properties(vosia_shared PROPERTIES
  IMPORTED_LOCATION "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
  IMPORTED_SONAME "${VOSIA_SHARED_SONAME}"
  INTERFACE_INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/include")
add_dependencies(vosia_shared vosia_cargo_build)
add_library(vosia::vosia ALIAS vosia_shared)

add_library(vosia_static STATIC IMPORTED GLOBAL)
set_target_properties(vosia_static PROPERTIES
  IMPORTED_LOCATION "${VOSIA_LIB_DIR}/libvosia.a"
  IMPORTED_LINK_INTERFACE_LANGUAGES C
  INTERFACE_INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/include"
  INTERFACE_LINK_LIBRARIES "${VOSIA_STATIC_SYSTEM_LIBS}")
add_dependencies(vosia_static vosia_cargo_build)
add_library(vosia::vosia_static ALIAS vosia_static)

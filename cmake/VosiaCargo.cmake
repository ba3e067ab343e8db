# Builds the vosia crate with plain `cargo build --release` and exposes the result as
#   vosia::vosia         the shared library (libvosia.so.<version>, soname libvosia.so.0.MINOR,
#                        every export versioned VOSIA_0.MINOR)
#   vosia::vosia_static  the static library plus the system libraries Rust's std needs
# Neither cargo-c nor cbindgen is needed: the header include/vosia.h is committed.
#
# Inputs: PROJECT_VERSION, VOSIA_SOVERSION. Outputs: VOSIA_CARGO, VOSIA_CARGO_TARGET_DIR,
# VOSIA_LIB_DIR, VOSIA_STATIC_SYSTEM_LIBS, VOSIA_SHARED_REAL/_SONAME/_LINK, VOSIA_IMPORT_LIB,
# VOSIA_STATIC_NAME, VOSIA_SYMBOL_VERSION, VOSIA_LINK_SHARED_HERE, target vosia_cargo_build.

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
file(MAKE_DIRECTORY "${VOSIA_LIB_DIR}")

# File names and system libraries per platform. Only Linux (ELF, glibc) is built and tested;
# the macOS and Windows names and flags follow cargo's and the platforms' conventions on
# paper (README, "Installing and packaging").
#   VOSIA_SHARED_REAL    the shared library as installed (real file)
#   VOSIA_SHARED_SONAME  the name programs record (ELF soname, Mach-O install name's file)
#   VOSIA_SHARED_LINK    the unversioned name the linker finds (-lvosia)
#   VOSIA_IMPORT_LIB     Windows: the import library programs link (empty elsewhere)
#   VOSIA_STATIC_NAME    the static library
# VOSIA_STATIC_SYSTEM_LIBS: the native libraries a Rust staticlib needs, as printed by
#   cargo rustc --release --lib --crate-type staticlib -- --print native-static-libs
# They go into the static target's link interface and into vosia.pc's Libs.private. On Linux
# ctest's c_static_* tests link this set, so a change in Rust's needs shows up there; the
# macOS and Windows sets are that command's output for the same dependencies, untested.
set(VOSIA_IMPORT_LIB "")
if(WIN32)
  set(VOSIA_SHARED_REAL "vosia.dll")
  set(VOSIA_SHARED_SONAME "vosia.dll")
  set(VOSIA_SHARED_LINK "")
  if(MSVC)
    set(_vosia_cargo_implib "vosia.dll.lib")
    set(_vosia_cargo_static "vosia.lib")
    set(VOSIA_IMPORT_LIB "vosia.lib")
    set(VOSIA_STATIC_NAME "vosia_static.lib")
  else()
    set(_vosia_cargo_implib "libvosia.dll.a")
    set(_vosia_cargo_static "libvosia.a")
    set(VOSIA_IMPORT_LIB "libvosia.dll.a")
    set(VOSIA_STATIC_NAME "libvosia.a")
  endif()
  set(VOSIA_STATIC_SYSTEM_LIBS advapi32 bcrypt crypt32 kernel32 ncrypt ntdll secur32 userenv ws2_32)
elseif(APPLE)
  set(VOSIA_SHARED_REAL "libvosia.${PROJECT_VERSION}.dylib")
  set(VOSIA_SHARED_SONAME "libvosia.${VOSIA_SOVERSION}.dylib")
  set(VOSIA_SHARED_LINK "libvosia.dylib")
  set(_vosia_cargo_static "libvosia.a")
  set(VOSIA_STATIC_NAME "libvosia.a")
  set(VOSIA_STATIC_SYSTEM_LIBS "-framework CoreFoundation" "-framework Security" iconv System c m)
else()
  set(VOSIA_SHARED_REAL "libvosia.so.${PROJECT_VERSION}")
  set(VOSIA_SHARED_SONAME "libvosia.so.${VOSIA_SOVERSION}")
  set(VOSIA_SHARED_LINK "libvosia.so")
  set(_vosia_cargo_static "libvosia.a")
  set(VOSIA_STATIC_NAME "libvosia.a")
  set(VOSIA_STATIC_SYSTEM_LIBS gcc_s util rt pthread m dl c)
endif()

# Symbol versions: every exported function carries VOSIA_0.MINOR (from 1.0 on VOSIA_MAJOR),
# the version the soname names, and nothing else is exported.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(VOSIA_SYMBOL_VERSION "VOSIA_0.${PROJECT_VERSION_MINOR}")
else()
  set(VOSIA_SYMBOL_VERSION "VOSIA_${PROJECT_VERSION_MAJOR}")
endif()

# On ELF platforms libvosia.so is linked here, by the C compiler, from cargo's libvosia.a and
# a version script: rustc gives a cdylib its own anonymous version script listing every
# export by name, which wins over any script of ours (GNU ld refuses the pair; lld keeps
# rustc's), so cargo's libvosia.so can carry no symbol versions. Elsewhere cargo's cdylib is
# used as it is (macOS: build.rs is where its install name would be set; Windows: cargo writes
# the import library next to the DLL).
set(VOSIA_LINK_SHARED_HERE OFF)
if(CMAKE_EXECUTABLE_FORMAT STREQUAL "ELF")
  set(VOSIA_LINK_SHARED_HERE ON)
endif()

set(_vosia_copy_shared "")
set(_vosia_shared_byproducts "")
if(NOT VOSIA_LINK_SHARED_HERE)
  if(WIN32)
    set(_vosia_copy_shared
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different
              "${_vosia_cargo_out}/vosia.dll" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different
              "${_vosia_cargo_out}/${_vosia_cargo_implib}" "${VOSIA_LIB_DIR}/${VOSIA_IMPORT_LIB}")
    list(APPEND _vosia_shared_byproducts "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
                                         "${VOSIA_LIB_DIR}/${VOSIA_IMPORT_LIB}")
  else()
    set(_vosia_copy_shared
      COMMAND "${CMAKE_COMMAND}" -E copy_if_different
              "${_vosia_cargo_out}/libvosia.dylib" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
      COMMAND "${CMAKE_COMMAND}" -E create_symlink
              "${VOSIA_SHARED_REAL}" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_SONAME}"
      COMMAND "${CMAKE_COMMAND}" -E create_symlink
              "${VOSIA_SHARED_SONAME}" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_LINK}")
    list(APPEND _vosia_shared_byproducts "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
      "${VOSIA_LIB_DIR}/${VOSIA_SHARED_SONAME}" "${VOSIA_LIB_DIR}/${VOSIA_SHARED_LINK}")
  endif()
endif()

add_custom_target(vosia_cargo_build ALL
  COMMAND "${CMAKE_COMMAND}" -E env "CARGO_TARGET_DIR=${VOSIA_CARGO_TARGET_DIR}"
          "${VOSIA_CARGO}" build --release --lib --manifest-path "${PROJECT_SOURCE_DIR}/Cargo.toml"
  ${_vosia_copy_shared}
  COMMAND "${CMAKE_COMMAND}" -E copy_if_different
          "${_vosia_cargo_out}/${_vosia_cargo_static}" "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}"
  BYPRODUCTS ${_vosia_shared_byproducts} "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}"
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  USES_TERMINAL
  COMMENT "cargo build --release (libvosia.a, and the cdylib)"
  VERBATIM)

if(VOSIA_LINK_SHARED_HERE)
  set(VOSIA_VERSION_SCRIPT "${CMAKE_BINARY_DIR}/vosia.map")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/vosia.map.in" "${VOSIA_VERSION_SCRIPT}" @ONLY)
  # The whole archive goes in; --gc-sections drops what no export reaches, -z defs proves the
  # system libraries complete.
  add_library(vosia_shared SHARED "${PROJECT_SOURCE_DIR}/cmake/vosia_shared.c")
  set_target_properties(vosia_shared PROPERTIES
    OUTPUT_NAME vosia
    VERSION "${PROJECT_VERSION}"
    SOVERSION "${VOSIA_SOVERSION}"
    LIBRARY_OUTPUT_DIRECTORY "${VOSIA_LIB_DIR}"
    LINKER_LANGUAGE C
    LINK_DEPENDS "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME};${VOSIA_VERSION_SCRIPT}")
  target_link_libraries(vosia_shared PRIVATE
    "-Wl,--whole-archive" "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}" "-Wl,--no-whole-archive"
    "-Wl,--version-script=${VOSIA_VERSION_SCRIPT}" "-Wl,--gc-sections" "-Wl,-z,defs"
    ${VOSIA_STATIC_SYSTEM_LIBS})
  target_include_directories(vosia_shared INTERFACE "${PROJECT_SOURCE_DIR}/include")
else()
  add_library(vosia_shared SHARED IMPORTED GLOBAL)
  set_target_properties(vosia_shared PROPERTIES
    IMPORTED_LOCATION "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}"
    INTERFACE_INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/include")
  if(WIN32)
    set_target_properties(vosia_shared PROPERTIES IMPORTED_IMPLIB "${VOSIA_LIB_DIR}/${VOSIA_IMPORT_LIB}")
  else()
    set_target_properties(vosia_shared PROPERTIES IMPORTED_SONAME "@rpath/${VOSIA_SHARED_SONAME}")
  endif()
endif()
add_dependencies(vosia_shared vosia_cargo_build)
add_library(vosia::vosia ALIAS vosia_shared)

add_library(vosia_static STATIC IMPORTED GLOBAL)
set_target_properties(vosia_static PROPERTIES
  IMPORTED_LOCATION "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}"
  IMPORTED_LINK_INTERFACE_LANGUAGES C
  INTERFACE_INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/include"
  INTERFACE_LINK_LIBRARIES "${VOSIA_STATIC_SYSTEM_LIBS}")
add_dependencies(vosia_static vosia_cargo_build)
add_library(vosia::vosia_static ALIAS vosia_static)

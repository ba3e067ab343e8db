# Lean installed binaries. cargo's release profile keeps debug info (Cargo.toml, debug = 1);
# the build tree keeps it, and what is installed is split the way Debian's dh_strip does:
#   libvosia.so.X.Y.Z  objcopy --strip-unneeded, plus a .gnu_debuglink to its debug file
#   bin/vosia          objcopy --strip-all, plus a .gnu_debuglink to its debug file
#   libvosia.a         objcopy --strip-debug (symbols kept for linking; no debug file, as
#                      distributions ship none for static libraries)
# The debug files (objcopy --only-keep-debug) install into <prefix>/lib/debug/<the binary's
# absolute directory>/NAME.debug (install component `debug`), where gdb finds them through
# the debuglink when its debug-file-directory is <prefix>/lib/debug (for /usr, the default).
# -DVOSIA_KEEP_DEBUG=ON installs the binaries as built instead. Only ELF platforms are
# stripped here; elsewhere the binaries install as built (on macOS, dsymutil and strip -S
# would be the equivalent; untested).
#
# Inputs: VOSIA_LIB_DIR, VOSIA_SHARED_REAL, VOSIA_STATIC_NAME, VOSIA_CLI, VOSIA_LINK_SHARED_HERE.
# Outputs: VOSIA_INSTALL_SHARED, VOSIA_INSTALL_STATIC, VOSIA_INSTALL_CLI (the files to install)
# and VOSIA_DEBUG_FILES (shared and command debug files), target vosia_strip.

option(VOSIA_KEEP_DEBUG "Install libvosia and the vosia command with their debug info" OFF)

set(VOSIA_INSTALL_SHARED "${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}")
set(VOSIA_INSTALL_STATIC "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}")
set(VOSIA_INSTALL_CLI "${VOSIA_CLI}")
set(VOSIA_DEBUG_SHARED "")
set(VOSIA_DEBUG_CLI "")

if(NOT VOSIA_KEEP_DEBUG AND VOSIA_LINK_SHARED_HERE AND CMAKE_OBJCOPY)
  set(_dir "${CMAKE_BINARY_DIR}/stripped")
  file(MAKE_DIRECTORY "${_dir}/debug")
  get_filename_component(_cli_name "${VOSIA_CLI}" NAME)
  set(VOSIA_INSTALL_SHARED "${_dir}/${VOSIA_SHARED_REAL}")
  set(VOSIA_INSTALL_STATIC "${_dir}/${VOSIA_STATIC_NAME}")
  set(VOSIA_INSTALL_CLI "${_dir}/${_cli_name}")
  set(VOSIA_DEBUG_SHARED "${_dir}/debug/${VOSIA_SHARED_REAL}.debug")
  set(VOSIA_DEBUG_CLI "${_dir}/debug/${_cli_name}.debug")
  # The debuglink names the debug file by its base name (and a CRC of it); objcopy runs in
  # the debug directory so that it finds the file under that name.
  add_custom_command(OUTPUT "${VOSIA_INSTALL_SHARED}" "${VOSIA_DEBUG_SHARED}"
    COMMAND "${CMAKE_OBJCOPY}" --only-keep-debug "$<TARGET_FILE:vosia_shared>" "${VOSIA_DEBUG_SHARED}"
    COMMAND "${CMAKE_OBJCOPY}" --strip-unneeded --remove-section=.comment
            "--add-gnu-debuglink=${VOSIA_SHARED_REAL}.debug"
            "$<TARGET_FILE:vosia_shared>" "${VOSIA_INSTALL_SHARED}"
    DEPENDS vosia_shared "$<TARGET_FILE:vosia_shared>"
    WORKING_DIRECTORY "${_dir}/debug"
    COMMENT "splitting the debug info off libvosia.so"
    VERBATIM)
  add_custom_command(OUTPUT "${VOSIA_INSTALL_STATIC}"
    COMMAND "${CMAKE_OBJCOPY}" --strip-debug "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}" "${VOSIA_INSTALL_STATIC}"
    DEPENDS "${VOSIA_LIB_DIR}/${VOSIA_STATIC_NAME}"
    COMMENT "stripping the debug info off libvosia.a"
    VERBATIM)
  add_custom_command(OUTPUT "${VOSIA_INSTALL_CLI}" "${VOSIA_DEBUG_CLI}"
    COMMAND "${CMAKE_OBJCOPY}" --only-keep-debug "${VOSIA_CLI}" "${VOSIA_DEBUG_CLI}"
    COMMAND "${CMAKE_OBJCOPY}" --strip-all --remove-section=.comment
            "--add-gnu-debuglink=${_cli_name}.debug" "${VOSIA_CLI}" "${VOSIA_INSTALL_CLI}"
    DEPENDS "${VOSIA_CLI}"
    WORKING_DIRECTORY "${_dir}/debug"
    COMMENT "splitting the debug info off the vosia command"
    VERBATIM)
  add_custom_target(vosia_strip ALL
    DEPENDS "${VOSIA_INSTALL_SHARED}" "${VOSIA_INSTALL_STATIC}" "${VOSIA_INSTALL_CLI}")
  add_dependencies(vosia_strip vosia_shared vosia_cargo_build vosia_cli_build)
endif()

# vosia_install_debug(<debug file> <directory relative to the prefix>): installs the debug
# file under <prefix>/lib/debug/<prefix>/<directory>, the prefix being the one given at
# install time (cmake --install --prefix, CPack's staging prefix).
function(vosia_install_debug file reldir)
  if(file STREQUAL "")
    return()
  endif()
  if(IS_ABSOLUTE "${reldir}")
    set(_to "\${CMAKE_INSTALL_PREFIX}/lib/debug${reldir}")
  else()
    set(_to "\${CMAKE_INSTALL_PREFIX}/lib/debug\${CMAKE_INSTALL_PREFIX}/${reldir}")
  endif()
  install(CODE "file(INSTALL DESTINATION \"${_to}\" TYPE FILE FILES \"${file}\")"
    COMPONENT debug)
endfunction()

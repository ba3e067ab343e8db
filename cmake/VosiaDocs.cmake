# The reference manual: Doxygen over include/vosia.h and docs/vosia.dox (docs/Doxyfile.in),
# HTML and section-3 man pages from the same comments. Built when Doxygen is found
# (-DVOSIA_DOCS=OFF to skip); installed (component dev):
#   share/man/man3/vosia.3            the overview: handles, status codes, strings, threads,
#                                     a complete program (man 3 vosia)
#   share/man/man3/vosia.h.3, NAME.3  the reference, a page per function, constant and type
#   share/doc/vosia/html/             the same as HTML
# -DVOSIA_DOCS_WERROR=ON makes every Doxygen warning (an undocumented parameter or return
# value, a broken reference) fail the build; .ci/run builds the docs so.
# Output: target vosia_docs.

find_package(Doxygen QUIET)
option(VOSIA_DOCS "Build and install the reference manual (needs Doxygen)" ${DOXYGEN_FOUND})
option(VOSIA_DOCS_WERROR "Fail the docs build on any Doxygen warning" OFF)

if(VOSIA_DOCS)
  if(NOT DOXYGEN_FOUND)
    message(FATAL_ERROR "VOSIA_DOCS is ON but Doxygen was not found (apt-get install doxygen)")
  endif()
  set(VOSIA_DOCS_DIR "${CMAKE_BINARY_DIR}/docs")
  if(VOSIA_DOCS_WERROR)
    set(VOSIA_DOXYGEN_WARN_AS_ERROR FAIL_ON_WARNINGS)
  else()
    set(VOSIA_DOXYGEN_WARN_AS_ERROR NO)
  endif()
  configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${VOSIA_DOCS_DIR}/Doxyfile" @ONLY)
  set(_stamp "${VOSIA_DOCS_DIR}/doxygen.stamp")
  add_custom_command(OUTPUT "${_stamp}"
    COMMAND "${CMAKE_COMMAND}" -E rm -rf "${VOSIA_DOCS_DIR}/html" "${VOSIA_DOCS_DIR}/man"
    COMMAND Doxygen::doxygen "${VOSIA_DOCS_DIR}/Doxyfile"
    COMMAND "${CMAKE_COMMAND}" -E touch "${_stamp}"
    DEPENDS "${PROJECT_SOURCE_DIR}/include/vosia.h" "${PROJECT_SOURCE_DIR}/docs/vosia.dox"
            "${PROJECT_SOURCE_DIR}/examples/c/sia_search.c" "${VOSIA_DOCS_DIR}/Doxyfile"
    WORKING_DIRECTORY "${VOSIA_DOCS_DIR}"
    COMMENT "doxygen: the reference manual (HTML, man 3)"
    VERBATIM)
  add_custom_target(vosia_docs ALL DEPENDS "${_stamp}")
  install(DIRECTORY "${VOSIA_DOCS_DIR}/man/man3/" DESTINATION "${CMAKE_INSTALL_MANDIR}/man3"
    COMPONENT dev)
  install(DIRECTORY "${VOSIA_DOCS_DIR}/html/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/html"
    COMPONENT dev)
endif()

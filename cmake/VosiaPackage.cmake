# Debian packages with CPack, one per install component (CMakeLists.txt):
#   libvosia0.2   component lib: the shared library (libvosia.so.0.2.0 and its soname link)
#   libvosia-dev  component dev: headers, libvosia.a, libvosia.so, pkg-config and CMake files,
#                 the Fortran module (libvosia_fortran.a, vosia.mod, vosia.f90), the IDL glue,
#                 the section-3 man pages and the HTML reference
#   vosia         component cli: the command, its man pages and shell completions
# The package name of the library follows the soname (Debian policy 8.1), so a 0.3 package
# can be installed beside it. The debug component is not packaged.
#
#   cmake -S . -B build/deb -DCMAKE_INSTALL_PREFIX=/usr && cmake --build build/deb
#   (cd build/deb && cpack -G DEB)          # tests/deb/run.sh does this, then installs them

set(CPACK_PACKAGE_NAME vosia)
set(CPACK_PACKAGE_VENDOR "vosia")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# The synopsis line of all three packages (CPack 3.25 has no per-component one); each
# package's extended description below says what it holds.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "IVOA Simple Image Access client: library and command")
set(CPACK_PACKAGE_CONTACT "vosia maintainers <vosia-maintainers@example.org>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_COMPONENTS_ALL lib dev cli)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Run-time dependencies from the binaries themselves (dpkg-shlibdeps), and a shlibs file for
# the library, so that packages built against it depend on libvosia0.2 (>= this version).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(_vosia_deb_lib "libvosia${VOSIA_SOVERSION}")
set(_vosia_deb_version "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
set(CPACK_DEBIAN_LIB_PACKAGE_NAME "${_vosia_deb_lib}")
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libvosia-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${_vosia_deb_lib} (= ${_vosia_deb_version})")
set(CPACK_DEBIAN_CLI_PACKAGE_NAME vosia)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION science)
# libvosia_idl.so (in libvosia-dev) needs libvosia.so.0.2 from the library package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${VOSIA_LIB_DIR}")

# Debian extended descriptions (CPack indents them, after the synopsis above).
set(CPACK_DEBIAN_LIB_DESCRIPTION "vosia sends IVOA Simple Image Access (SIA 1.0 and 2.0) queries, reads the
VOTable responses into typed columns, maps both versions onto one set of
standard fields and downloads the images, through a C ABI.
This package has the shared library.")
set(CPACK_DEBIAN_DEV_DESCRIPTION "vosia sends IVOA Simple Image Access (SIA 1.0 and 2.0) queries and reads the
VOTable responses through a C ABI. This package has the C and C++ headers,
the static library, the pkg-config and CMake files, the Fortran module, the
IDL glue and the reference manual (man 3 vosia): the development files.")
set(CPACK_DEBIAN_CLI_DESCRIPTION "The vosia command searches SIA 1.0 and 2.0 services, describes them,
downloads the images (DataLink followed, SODA cutouts) and writes tables as
text, CSV, TSV, JSON or VOTable. It carries the library inside.")

# Strip what CMake built and installs as a target (the IDL glue); libvosia and the command
# are installed stripped already (cmake/VosiaStrip.cmake).
set(CPACK_STRIP_FILES ON)
# The dynamic loader's cache is refreshed by dpkg's ldconfig trigger.
file(WRITE "${CMAKE_BINARY_DIR}/deb/triggers" "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA "${CMAKE_BINARY_DIR}/deb/triggers")

# What Debian wants in a package beyond the install tree: the copyright file and
# changelog.Debian.gz of each package and compressed man pages. Only with -DVOSIA_DEBIAN=ON (tests/deb/run.sh sets it), so that a
# plain cmake --install stays as it was.
option(VOSIA_DEBIAN "Install the files Debian packages need (copyright, changelog, gzipped man pages)" OFF)
if(VOSIA_DEBIAN)
  foreach(_comp IN ITEMS lib dev cli)
    string(TOUPPER "${_comp}" _up)
    install(FILES "${PROJECT_SOURCE_DIR}/LICENSE"
      DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_${_up}_PACKAGE_NAME}"
      RENAME copyright COMPONENT ${_comp})
  endforeach()
  # changelog.Debian.gz: the one entry of this package version (the project's own changes
  # are in CHANGELOG.md); dated SOURCE_DATE_EPOCH when set, so the packages can be reproducible.
  string(TIMESTAMP _vosia_deb_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
  file(WRITE "${CMAKE_BINARY_DIR}/deb/changelog.Debian" "\
${CPACK_PACKAGE_NAME} (${_vosia_deb_version}) unstable; urgency=medium

  * vosia ${PROJECT_VERSION}, packaged with CPack (cmake/VosiaPackage.cmake).

 -- ${CPACK_PACKAGE_CONTACT}  ${_vosia_deb_date}
")
  execute_process(COMMAND gzip -9nc "${CMAKE_BINARY_DIR}/deb/changelog.Debian"
    OUTPUT_FILE "${CMAKE_BINARY_DIR}/deb/changelog.Debian.gz" COMMAND_ERROR_IS_FATAL ANY)
  foreach(_comp IN ITEMS lib dev cli)
    string(TOUPPER "${_comp}" _up)
    install(FILES "${CMAKE_BINARY_DIR}/deb/changelog.Debian.gz"
      DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_${_up}_PACKAGE_NAME}"
      COMPONENT ${_comp})
  endforeach()
  # After the man pages of each component are installed (VosiaCli.cmake, VosiaDocs.cmake
  # are included before this file): gzip -9n, as dh_compress does.
  foreach(_comp IN ITEMS dev cli)
    install(CODE "
      file(GLOB _vosia_man \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man*/*.[0-9]\")
      if(_vosia_man)
        execute_process(COMMAND gzip -9nf \${_vosia_man} COMMAND_ERROR_IS_FATAL ANY)
      endif()" COMPONENT ${_comp})
  endforeach()
endif()

include(CPack)

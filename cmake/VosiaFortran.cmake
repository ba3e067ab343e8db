# The Fortran module `vosia` (include/vosia.f90), built when a Fortran compiler is found:
#   vosia_fortran (vosia::vosia_fortran)  libvosia_fortran.a, the module's object code, linked
#                                         to vosia::vosia; its users see the .mod directory
#   vosia::vosia_fortran_static           the same archive linked to vosia::vosia_static
# Installed: libvosia_fortran.a into the library directory, vosia.mod (compiler-specific) and
# vosia.f90 (to build the module with another compiler) into the include directory.
# Included by CMakeLists.txt; VOSIA_FORTRAN=OFF skips it.

include(CheckLanguage)
check_language(Fortran)
if(CMAKE_Fortran_COMPILER)
  set(_vosia_fortran_default ON)
else()
  set(_vosia_fortran_default OFF)
endif()
option(VOSIA_FORTRAN "Build and install the Fortran module vosia" ${_vosia_fortran_default})

if(VOSIA_FORTRAN)
  enable_language(Fortran)
  set(VOSIA_FORTRAN_MODULE_DIR "${CMAKE_BINARY_DIR}/fortran")
  add_library(vosia_fortran STATIC "${PROJECT_SOURCE_DIR}/include/vosia.f90")
  set_target_properties(vosia_fortran PROPERTIES
    Fortran_MODULE_DIRECTORY "${VOSIA_FORTRAN_MODULE_DIR}"
    POSITION_INDEPENDENT_CODE ON)
  target_include_directories(vosia_fortran INTERFACE "${VOSIA_FORTRAN_MODULE_DIR}")
  target_link_libraries(vosia_fortran PUBLIC vosia::vosia)
  if(CMAKE_Fortran_COMPILER_ID STREQUAL "GNU")
    target_compile_options(vosia_fortran PRIVATE -std=f2008 -Wall -Wextra -Werror -pedantic)
  endif()
  add_library(vosia::vosia_fortran ALIAS vosia_fortran)
  # vosia::vosia_fortran_static: the same module code on vosia::vosia_static, so a Fortran
  # program needs no libvosia.so (the installed package has the same target).
  add_library(vosia_fortran_static INTERFACE)
  target_link_libraries(vosia_fortran_static INTERFACE "$<TARGET_FILE:vosia_fortran>" vosia::vosia_static)
  target_include_directories(vosia_fortran_static INTERFACE "${VOSIA_FORTRAN_MODULE_DIR}")
  add_dependencies(vosia_fortran_static vosia_fortran)
  add_library(vosia::vosia_fortran_static ALIAS vosia_fortran_static)

  install(TARGETS vosia_fortran ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT dev)
  install(FILES "${VOSIA_FORTRAN_MODULE_DIR}/vosia.mod" "${PROJECT_SOURCE_DIR}/include/vosia.f90"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)
  # cmake/VosiaBindings.cmake installs vosiaFortranTargets.cmake beside vosiaConfig.cmake,
  # which defines vosia::vosia_fortran for find_package(vosia).
endif()

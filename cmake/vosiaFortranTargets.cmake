# vosia::vosia_fortran for find_package(vosia): the Fortran module's library
# (libvosia_fortran.a) and include directory (vosia.mod), linked to vosia::vosia; and
# vosia::vosia_fortran_static, the same linked to vosia::vosia_static (no libvosia.so needed).
# Included by vosiaConfig.cmake, after it has set vosia_INCLUDE_DIR and _vosia_libdir.
#
#   find_package(vosia 0.2 REQUIRED)
#   target_link_libraries(app PRIVATE vosia::vosia_fortran)          # then: use vosia
#   target_link_libraries(app PRIVATE vosia::vosia_fortran_static)   # the same, static
# The archive's name on this platform: libvosia_fortran.a, or vosia_fortran.lib with MSVC.
set(_vosia_fortran_lib "${CMAKE_STATIC_LIBRARY_PREFIX}vosia_fortran${CMAKE_STATIC_LIBRARY_SUFFIX}")
if(NOT TARGET vosia::vosia_fortran AND EXISTS "${_vosia_libdir}/${_vosia_fortran_lib}")
  add_library(vosia::vosia_fortran STATIC IMPORTED)
  set_target_properties(vosia::vosia_fortran PROPERTIES
    IMPORTED_LOCATION "${_vosia_libdir}/${_vosia_fortran_lib}"
    IMPORTED_LINK_INTERFACE_LANGUAGES Fortran
    INTERFACE_INCLUDE_DIRECTORIES "${vosia_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES vosia::vosia)
endif()
if(NOT TARGET vosia::vosia_fortran_static AND TARGET vosia::vosia_static
   AND EXISTS "${_vosia_libdir}/${_vosia_fortran_lib}")
  add_library(vosia::vosia_fortran_static STATIC IMPORTED)
  set_target_properties(vosia::vosia_fortran_static PROPERTIES
    IMPORTED_LOCATION "${_vosia_libdir}/${_vosia_fortran_lib}"
    IMPORTED_LINK_INTERFACE_LANGUAGES Fortran
    INTERFACE_INCLUDE_DIRECTORIES "${vosia_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES vosia::vosia_static)
endif()
unset(_vosia_fortran_lib)

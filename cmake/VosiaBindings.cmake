# The bindings (C++, Fortran, IDL/GDL, Python, Julia): examples, tests, the IDL glue
# library and the extra install files. Included at the end of CMakeLists.txt; the Fortran
# module itself is built by cmake/VosiaFortran.cmake.
#
# ctest names:
#   cpp_test_hpp            tests/cpp/test_hpp.cpp (C++17, -Wall -Wextra -Werror -pedantic)
#   example_cpp_search      examples/cpp/search.cpp on tests/data/sia1_three.xml
#   fortran_constants       the module's constants and C bindings against vosia.h
#                           (tests/fortran/constants.sh)
#   fortran_module          tests/fortran/test_fortran.f90
#   example_fortran_search  examples/fortran/search.f90 on tests/data/sia1_three.xml
#   example_fortran_search_static  the same linked with vosia::vosia_fortran_static
#   idl_gdl                 tests/idl/test_vosia.pro under GNU Data Language (when gdl is found)
#   idl_constants           vosia_constants.pro against vosia.h (tests/idl/constants.sh)
#   python_vs_pyvo          tests/python (test_vs_pyvo.py, test_package.py) with pytest, on the
#                           package in python/ over build/lib (skips without pyvo/pytest)
#   example_python_search   examples/python/search.py on tests/data/sia1_three.xml
#   python_pip_install      tests/python/pip_install.sh: pip install ./python in a fresh venv,
#                           then tests/python against the installed package
#   julia_names             examples/julia/Vosia.jl's ccalls and constants against vosia.h
#                           (tests/julia/check_names.py; no Julia runtime is installed)
#   install_bindings        the installed C++ header and Fortran module used from a downstream
#                           CMake project and from plain compiler lines
# Live parts run when VOSIA_TEST_DACHS is set in ctest's environment.

set(_vosia_bindings_env "VOSIA_CORPUS=${VOSIA_CORPUS_DIR}" "VOSIA_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data")

# ---------------------------------------------------------------- IDL / GDL glue library
# libvosia_idl.so: CALL_EXTERNAL entry points (int f(int argc, void *argv[])) over libvosia.
# In the build tree it sits in <build>/idl next to copies of the .pro files, where
# vosia_lib.pro finds it without VOSIA_IDL_LIB. Installed as <libdir>/vosia/libvosia_idl.so
# (its RPATH finds libvosia one level up) with the .pro files in <datadir>/vosia/idl;
# vosia_lib.pro is configured with the relative path from the one to the other.
set(_vosia_idl_dir "${CMAKE_BINARY_DIR}/idl")
# The glue finds libvosia one directory up: $ORIGIN on ELF, @loader_path on macOS (untested).
if(APPLE)
  set(_vosia_idl_rpath "@loader_path/..")
else()
  set(_vosia_idl_rpath "$ORIGIN/..")
endif()
add_library(vosia_idl MODULE "${PROJECT_SOURCE_DIR}/examples/idl/vosia_idl.c")
target_link_libraries(vosia_idl PRIVATE vosia::vosia)
set_target_properties(vosia_idl PROPERTIES
  OUTPUT_NAME vosia_idl PREFIX "lib" C_STANDARD 11 C_EXTENSIONS OFF
  C_VISIBILITY_PRESET hidden
  LIBRARY_OUTPUT_DIRECTORY "${_vosia_idl_dir}"
  INSTALL_RPATH "${_vosia_idl_rpath}")
target_compile_options(vosia_idl PRIVATE -Wall -Wextra -Werror -Wpedantic)
install(TARGETS vosia_idl LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/vosia" COMPONENT dev)
file(RELATIVE_PATH VOSIA_IDL_GLUE_FROM_PRO
  "${CMAKE_INSTALL_FULL_DATADIR}/vosia/idl" "${CMAKE_INSTALL_FULL_LIBDIR}/vosia")
if(VOSIA_IDL_GLUE_FROM_PRO STREQUAL "")
  set(VOSIA_IDL_GLUE_FROM_PRO ".")
endif()
file(GLOB _vosia_idl_pro CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/examples/idl/*.pro")
set(_vosia_idl_pro_built "")
foreach(_pro IN LISTS _vosia_idl_pro)
  get_filename_component(_name "${_pro}" NAME)
  if(_name STREQUAL "vosia_lib.pro")
    configure_file("${_pro}" "${_vosia_idl_dir}/${_name}" @ONLY)
  else()
    configure_file("${_pro}" "${_vosia_idl_dir}/${_name}" COPYONLY)
  endif()
  list(APPEND _vosia_idl_pro_built "${_vosia_idl_dir}/${_name}")
endforeach()
install(FILES ${_vosia_idl_pro_built} DESTINATION "${CMAKE_INSTALL_DATADIR}/vosia/idl" COMPONENT dev)

# ------------------------------------------------------------ Fortran package file
if(VOSIA_FORTRAN)
  install(FILES "${PROJECT_SOURCE_DIR}/cmake/vosiaFortranTargets.cmake"
    DESTINATION "${VOSIA_INSTALL_CMAKEDIR}" COMPONENT dev)
endif()

# ------------------------------------------------------------------------------ C++
# The C++ example and test (examples/cpp, tests/cpp) are built by CMakeLists.txt and
# VosiaTests.cmake, which build every file there.
# The Fortran programs are held to the module's own flags (gfortran: -std=f2008 -Wall -Wextra
# -Werror), which is what a user of the module with strict flags gets.
set(_vosia_fortran_strict "")
if(VOSIA_FORTRAN AND CMAKE_Fortran_COMPILER_ID STREQUAL "GNU")
  set(_vosia_fortran_strict -std=f2008 -Wall -Wextra -Werror)
endif()
if(VOSIA_BUILD_EXAMPLES AND VOSIA_FORTRAN)
  add_executable(fortran_search "${PROJECT_SOURCE_DIR}/examples/fortran/search.f90")
  target_link_libraries(fortran_search PRIVATE vosia::vosia_fortran)
  target_compile_options(fortran_search PRIVATE ${_vosia_fortran_strict})
  add_executable(fortran_search_static "${PROJECT_SOURCE_DIR}/examples/fortran/search.f90")
  target_link_libraries(fortran_search_static PRIVATE vosia::vosia_fortran_static)
  target_compile_options(fortran_search_static PRIVATE ${_vosia_fortran_strict})
endif()

if(NOT VOSIA_BUILD_TESTS)
  return()
endif()

# Julia: no runtime on the build machines, so the binding is checked statically: every ccall
# names a function of vosia.h with the same number and kinds of arguments, every constant
# has the header's value.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME julia_names
  COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/tests/julia/check_names.py"
          "${PROJECT_SOURCE_DIR}/examples/julia/Vosia.jl"
          --header "${PROJECT_SOURCE_DIR}/include/vosia.h")

if(TARGET cpp_search AND NOT TEST example_cpp_search)
  add_test(NAME example_cpp_search
    COMMAND cpp_search -f "${PROJECT_SOURCE_DIR}/tests/data/sia1_three.xml")
  set_tests_properties(example_cpp_search PROPERTIES
    PASS_REGULAR_EXPRESSION "3 images.*http://example\\.org/data/img3\\.jpg")
endif()


# --------------------------------------------------------------------------- Fortran
if(VOSIA_FORTRAN)
  # The constants against vosia.h, and the C functions the module binds against vosia.h's.
  add_executable(fortran_constants "${PROJECT_SOURCE_DIR}/tests/fortran/constants.f90")
  target_link_libraries(fortran_constants PRIVATE vosia::vosia_fortran)
  target_compile_options(fortran_constants PRIVATE ${_vosia_fortran_strict})
  add_test(NAME fortran_constants
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/fortran/constants.sh"
            "$<TARGET_FILE:fortran_constants>" "${PROJECT_SOURCE_DIR}/include/vosia.h"
            "${CMAKE_C_COMPILER}" "${PROJECT_SOURCE_DIR}/include/vosia.f90")

  add_executable(fortran_test_module "${PROJECT_SOURCE_DIR}/tests/fortran/test_fortran.f90")
  target_link_libraries(fortran_test_module PRIVATE vosia::vosia_fortran)
  target_compile_options(fortran_test_module PRIVATE ${_vosia_fortran_strict})
  add_test(NAME fortran_module COMMAND fortran_test_module)
  set_tests_properties(fortran_module PROPERTIES TIMEOUT 300
    ENVIRONMENT "${_vosia_bindings_env}")

  if(TARGET fortran_search)
    add_test(NAME example_fortran_search
      COMMAND fortran_search -f "${PROJECT_SOURCE_DIR}/tests/data/sia1_three.xml")
    set_tests_properties(example_fortran_search PROPERTIES
      PASS_REGULAR_EXPRESSION "3 images.*http://example\\.org/data/img3\\.jpg")
  endif()
  if(TARGET fortran_search_static)
    add_test(NAME example_fortran_search_static
      COMMAND fortran_search_static -f "${PROJECT_SOURCE_DIR}/tests/data/sia1_three.xml")
    set_tests_properties(example_fortran_search_static PROPERTIES
      PASS_REGULAR_EXPRESSION "3 images.*http://example\\.org/data/img3\\.jpg")
  endif()
endif()

# --------------------------------------------------------------------------- IDL / GDL
# idl_gdl runs the .pro copies in <build>/idl without VOSIA_IDL_LIB, so it also proves the
# glue is found next to them; idl_constants compares vosia_constants.pro with vosia.h.
# The test SPAWNs gdl, which GDL runs through $SHELL: CI machines may not set it.
find_program(VOSIA_GDL gdl DOC "GNU Data Language, to test the IDL binding")
if(VOSIA_GDL)
  add_test(NAME idl_gdl
    COMMAND "${VOSIA_GDL}" -quiet -e
            "!PATH='${_vosia_idl_dir}:${PROJECT_SOURCE_DIR}/tests/idl:'+!PATH & test_vosia")
  set_tests_properties(idl_gdl PROPERTIES TIMEOUT 300
    ENVIRONMENT "${_vosia_bindings_env};VOSIA_GDL=${VOSIA_GDL};VOSIA_IDL_LIB=;SHELL=/bin/sh"
    PASS_REGULAR_EXPRESSION "test_vosia: [0-9]+ passed, 0 failed"
    FAIL_REGULAR_EXPRESSION "CHECK failed|% Execution halted|Error opening shared object")
  add_test(NAME idl_constants
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/idl/constants.sh" "${VOSIA_GDL}"
            "${PROJECT_SOURCE_DIR}/include/vosia.h" "${CMAKE_C_COMPILER}" "${_vosia_idl_dir}")
else()
  message(STATUS "gdl (GNU Data Language) not found: no idl_gdl or idl_constants test")
endif()

# ---------------------------------------------------------------------------- Python
# The python with pyvo: VOSIA_PYTHON (test.sh and .ci/run set it to their venv), else the
# venv in this build tree, else python3.
if(DEFINED ENV{VOSIA_PYTHON} AND NOT "$ENV{VOSIA_PYTHON}" STREQUAL "")
  set(_vosia_python_default "$ENV{VOSIA_PYTHON}")
elseif(EXISTS "${CMAKE_BINARY_DIR}/venv/bin/python")
  set(_vosia_python_default "${CMAKE_BINARY_DIR}/venv/bin/python")
else()
  find_program(_vosia_python_default NAMES python3 python)
endif()
set(VOSIA_PYVO_PYTHON "${_vosia_python_default}" CACHE FILEPATH
    "A python with pyvo and pytest for the python_vs_pyvo test")
if(DEFINED ENV{VOSIA_PYTHON} AND NOT "$ENV{VOSIA_PYTHON}" STREQUAL "")
  # An explicit VOSIA_PYTHON wins over a value cached by an earlier configure (run.sh may
  # configure before test.sh has made its venv).
  set(VOSIA_PYVO_PYTHON "$ENV{VOSIA_PYTHON}" CACHE FILEPATH
      "A python with pyvo and pytest for the python_vs_pyvo test" FORCE)
endif()
if(VOSIA_PYVO_PYTHON)
  # The package from the source tree (python/vosia) over the library of this build tree;
  # tests/python/pip_install.sh tests it as pip installs it, with the library in its wheel.
  set(_vosia_python_env "${_vosia_bindings_env}"
      "PYTHONPATH=${PROJECT_SOURCE_DIR}/python" "VOSIA_LIB=${VOSIA_LIB_DIR}/${VOSIA_SHARED_REAL}")
  # The C examples test_registry.py and test_samp.py hold to pyvo's and the hub's answers.
  if(VOSIA_BUILD_EXAMPLES)
    list(APPEND _vosia_python_env "VOSIA_C_EXAMPLES=$<TARGET_FILE_DIR:find_services>")
  endif()
  add_test(NAME python_vs_pyvo
    COMMAND bash -c "if ! \"$0\" -c 'import pytest, pyvo' 2>/dev/null; then echo \"python_vs_pyvo: $0 lacks pytest or pyvo (pip install pyvo pytest): skipped\"; exit 77; fi; exec \"$0\" -m pytest -q -rs -p no:cacheprovider \"$1\""
            "${VOSIA_PYVO_PYTHON}" "${PROJECT_SOURCE_DIR}/tests/python")
  set_tests_properties(python_vs_pyvo PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77
    ENVIRONMENT "${_vosia_python_env}")
  add_test(NAME example_python_search
    COMMAND "${VOSIA_PYVO_PYTHON}" "${PROJECT_SOURCE_DIR}/examples/python/search.py"
            -f "${PROJECT_SOURCE_DIR}/tests/data/sia1_three.xml")
  set_tests_properties(example_python_search PROPERTIES
    ENVIRONMENT "${_vosia_python_env}"
    PASS_REGULAR_EXPRESSION "3 images.*http://example\\.org/data/img3\\.jpg")
endif()

# The package as pip installs it: a fresh venv, `pip install ./python` (the wheel carries its
# own libvosia, built by setuptools-rust in a cargo target directory of its own), then
# tests/python against it with VOSIA_LIB unset. Needs the Python package index.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME python_pip_install
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/python/pip_install.sh" "${CMAKE_BINARY_DIR}/pip-install")
  set_tests_properties(python_pip_install PROPERTIES TIMEOUT 1800
    ENVIRONMENT "${_vosia_bindings_env};VOSIA_PIP_PYTHON=${Python3_EXECUTABLE}")
endif()

# ------------------------------------------------------------- installed bindings
# Needs what install_consumer needs (VosiaTests.cmake found them).
if(VOSIA_PKG_CONFIG AND VOSIA_READELF)
  add_test(NAME install_bindings
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/install/bindings.sh" "${CMAKE_BINARY_DIR}"
            "$<BOOL:${VOSIA_FORTRAN}>")
  set_tests_properties(install_bindings PROPERTIES TIMEOUT 600
    ENVIRONMENT "CXX=${CMAKE_CXX_COMPILER};FC=${CMAKE_Fortran_COMPILER};VOSIA_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data")
else()
  message(WARNING "pkg-config or readelf not found: no install_bindings test")
endif()

# ------------------------------------------------------------------------------------ MPI
# The MPI examples (examples/mpi, C and Fortran), when an MPI is installed (Debian:
# openmpi-bin libopenmpi-dev): mpi_search_c and mpi_search_fortran run each on 2 ranks and
# on 1 and need the same output (tests/mpi/run.sh; skipped, 77, without VOSIA_TEST_DACHS).
set(_vosia_mpi_languages C)
if(VOSIA_FORTRAN)
  list(APPEND _vosia_mpi_languages Fortran)
endif()
find_package(MPI QUIET COMPONENTS ${_vosia_mpi_languages})
if(MPI_C_FOUND)
  add_executable(mpi_search "${PROJECT_SOURCE_DIR}/examples/mpi/search.c")
  target_link_libraries(mpi_search PRIVATE vosia::vosia MPI::MPI_C)
  target_compile_options(mpi_search PRIVATE -Wall -Wextra -Werror)
  add_test(NAME mpi_search_c
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/mpi/run.sh" "${MPIEXEC_EXECUTABLE}"
            "$<TARGET_FILE:mpi_search>")
  set_tests_properties(mpi_search_c PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
else()
  message(STATUS "no MPI for C: the MPI examples are not built")
endif()
if(VOSIA_FORTRAN AND MPI_Fortran_FOUND)
  add_executable(mpi_search_fortran "${PROJECT_SOURCE_DIR}/examples/mpi/search.f90")
  target_link_libraries(mpi_search_fortran PRIVATE vosia::vosia_fortran MPI::MPI_Fortran)
  add_test(NAME mpi_search_fortran
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/mpi/run.sh" "${MPIEXEC_EXECUTABLE}"
            "$<TARGET_FILE:mpi_search_fortran>")
  set_tests_properties(mpi_search_fortran PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()

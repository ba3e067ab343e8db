#!/usr/bin/env bash
# Installs vosia from a build tree into a fresh prefix, then uses the installed bindings the
# way a downstream project does: the C++ example (vosia.hpp) and the Fortran example (module
# vosia, libvosia_fortran.a, vosia.mod) built with CMake (find_package(vosia 0.2):
# vosia::vosia, vosia::vosia_static, vosia::vosia_fortran) and with plain compiler lines
# (pkg-config for C++; -I/-L for gfortran), each run on a saved response. Also checks that the
# IDL glue and procedures were installed.
#
#   bash tests/install/bindings.sh BUILD_DIR WITH_FORTRAN(0|1)    (ctest: install_bindings)
set -euo pipefail

build=$(cd "$1" && pwd)
with_fortran=${2:-1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
data=${VOSIA_TEST_DATA:-$src/tests/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { local what=$1; shift; if "$@" >"$work/out" 2>&1; then ok "$what"; else cat "$work/out" >&2; bad "$what"; fi; }
lists_three() { "$@" | grep -q 'http://example.org/data/img3.jpg'; }

cmake --install "$build" --prefix "$prefix" >/dev/null
lib=$prefix/lib
check "vosia.hpp installed" test -f "$prefix/include/vosia.hpp"
check "IDL glue installed" test -f "$lib/vosia/libvosia_idl.so"
check "IDL procedures installed" test -f "$prefix/share/vosia/idl/vosia_search.pro"
if [ "$with_fortran" = 1 ]; then
    check "vosia.mod installed" test -f "$prefix/include/vosia.mod"
    check "vosia.f90 installed" test -f "$prefix/include/vosia.f90"
    check "libvosia_fortran.a installed" test -f "$lib/libvosia_fortran.a"
    check "vosiaFortranTargets.cmake installed" test -f "$lib/cmake/vosia/vosiaFortranTargets.cmake"
    fortran=ON
else
    fortran=OFF
fi

# CMake: find_package(vosia 0.2).
if cmake -S "$here/bindings" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
        -DVOSIA_SOURCE_DIR="$src" -DWITH_FORTRAN=$fortran >"$work/cmake.log" 2>&1 &&
   cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1; then
    check "C++ (vosia::vosia) runs" lists_three "$work/cmake/cpp_search" -f "$data/sia1_three.xml"
    check "C++ (vosia::vosia_static) runs" lists_three "$work/cmake/cpp_search_static" -f "$data/sia1_three.xml"
    check "C++ static needs no libvosia.so" bash -c "! readelf -d '$work/cmake/cpp_search_static' | grep -q 'NEEDED.*libvosia'"
    if [ "$fortran" = ON ]; then
        check "Fortran (vosia::vosia_fortran) runs" lists_three "$work/cmake/fortran_search" -f "$data/sia1_three.xml"
        check "Fortran (vosia::vosia_fortran_static) runs" lists_three "$work/cmake/fortran_search_static" -f "$data/sia1_three.xml"
        check "Fortran static needs no libvosia.so" bash -c "! readelf -d '$work/cmake/fortran_search_static' | grep -q 'NEEDED.*libvosia'"
    fi
else
    cat "$work/cmake.log" >&2
    bad "CMake bindings consumer build"
fi

# Plain compiler lines.
export PKG_CONFIG_PATH=$lib/pkgconfig
cxx=${CXX:-c++}
if $cxx -std=c++17 -Wall -Wextra -Werror -pedantic "$src/examples/cpp/search.cpp" -o "$work/pc_cpp" \
        $(pkg-config --cflags --libs vosia) -Wl,-rpath,"$lib" 2>"$work/pc.log"; then
    check "C++ with pkg-config runs" lists_three "$work/pc_cpp" -f "$data/sia1_three.xml"
else
    cat "$work/pc.log" >&2
    bad "C++ pkg-config build"
fi
if [ "$fortran" = ON ]; then
    fc=${FC:-gfortran}
    if $fc "$src/examples/fortran/search.f90" -o "$work/f_plain" -I"$prefix/include" \
            -L"$lib" -lvosia_fortran -lvosia -Wl,-rpath,"$lib" 2>"$work/f.log"; then
        check "gfortran -I -lvosia_fortran -lvosia runs" lists_three "$work/f_plain" -f "$data/sia1_three.xml"
    else
        cat "$work/f.log" >&2
        bad "plain Fortran build"
    fi
fi

echo "install_bindings: $passed passed, $failed failed"
[ "$failed" = 0 ]

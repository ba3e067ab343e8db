#!/usr/bin/env bash
# The Debian packages, end to end: configures a build for /usr, builds it (the reference
# manual with Doxygen warnings as errors), makes the three packages with CPack
# (cmake/VosiaPackage.cmake: libvosia0.2, libvosia-dev, vosia), runs lintian on them
# (its findings are printed, and kept in BUILD_DIR/lintian.txt, but do not fail), installs
# them with dpkg -i, builds the downstream consumers of tests/install against /usr (CMake's
# find_package and pkg-config, shared and static, C, C++ and Fortran) and runs them, reads
# man 3 vosia and man vosia, runs the command, and removes and purges the packages again.
# Needs root (dpkg -i), cmake, cpack, dpkg-dev (dpkg-shlibdeps), doxygen, man-db, lintian.
#
#   bash tests/deb/run.sh [BUILD_DIR]        (default build/deb; .ci/run runs it as root)
#
# cargo's output goes to $CARGO_TARGET_DIR if set, else build/cargo, where test.sh's build
# finds it again.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build/deb}
mkdir -p "$build"
build=$(cd "$build" && pwd)
: "${CARGO_TARGET_DIR:=$src/build/cargo}"
export CARGO_TARGET_DIR
packages=(vosia libvosia-dev libvosia0.2)
work=$(mktemp -d)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { local what=$1; shift; if "$@" >"$work/out" 2>&1; then ok "$what"; else cat "$work/out" >&2; bad "$what"; fi; }
lists_three() { "$@" | grep -q 'http://example.org/data/img3.jpg'; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
purge() { dpkg --purge "${packages[@]}" >/dev/null 2>&1 || true; }

if [ "$(id -u)" != 0 ]; then
    echo "tests/deb/run.sh: needs root (dpkg -i)" >&2
    exit 1
fi
for p in "${packages[@]}"; do
    if installed "$p"; then
        echo "tests/deb/run.sh: $p is installed already; remove it first" >&2
        exit 1
    fi
done
trap 'purge; rm -rf "$work"' EXIT

echo "== configure and build for /usr in $build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DVOSIA_BUILD_TESTS=OFF -DVOSIA_BUILD_EXAMPLES=OFF -DVOSIA_DOCS=ON -DVOSIA_DOCS_WERROR=ON \
    -DVOSIA_DEBIAN=ON \
    >"$build/configure.log"
cmake --build "$build"

echo "== cpack -G DEB"
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB >"$build/cpack.log") || { cat "$build/cpack.log" >&2; exit 1; }
debs=("$build"/*.deb)
for deb in "${debs[@]}"; do
    echo "$(basename "$deb"): $(stat -c %s "$deb") bytes"
    dpkg-deb --field "$deb" Package Version Depends | sed 's/^/    /'
done
for p in "${packages[@]}"; do
    check "package $p built" bash -c "ls '$build'/${p}_*.deb"
done

echo "== lintian (reported, not failing)"
lintian --tag-display-limit 0 "${debs[@]}" >"$build/lintian.txt" 2>&1 || true
cat "$build/lintian.txt"
echo "lintian: $(grep -c '^E: ' "$build/lintian.txt" || true) errors," \
     "$(grep -c '^W: ' "$build/lintian.txt" || true) warnings"

echo "== dpkg -i"
dpkg -i "${debs[@]}"
for p in "${packages[@]}"; do
    check "$p installed" installed "$p"
done
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
libdir=/usr/lib/$multiarch
check "libvosia.so.0.2 known to the dynamic loader" bash -c "ldconfig -p | grep -q 'libvosia.so.0.2 '"
check "the installed .so has no debug sections" bash -c "! readelf -S '$libdir/libvosia.so.0.2.0' | grep -q ' \\.debug_'"
check "every export versioned" bash "$src/tests/install/symbols.sh" "$libdir/libvosia.so.0.2.0" \
    /usr/include/vosia.h "VOSIA_0.2"

echo "== the downstream consumers against /usr"
if cmake -S "$src/tests/install/consumer" -B "$work/consumer" >"$work/consumer.log" 2>&1 &&
   cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1; then
    check "find_package + vosia::vosia runs" "$work/consumer/consumer_shared"
    check "find_package + vosia::vosia_static runs" "$work/consumer/consumer_static"
    check "vosia::vosia_static needs no libvosia.so" bash -c "! readelf -d '$work/consumer/consumer_static' | grep -q 'NEEDED.*libvosia'"
else
    cat "$work/consumer.log" >&2
    bad "CMake consumer build against /usr"
fi
cc=${CC:-cc}
if $cc "$src/tests/install/consumer/main.c" -o "$work/pc_shared" $(pkg-config --cflags --libs vosia) 2>"$work/pc.log" &&
   $cc "$src/tests/install/consumer/main.c" -o "$work/pc_static" $(pkg-config --cflags --libs vosia-static) 2>>"$work/pc.log"; then
    check "pkg-config vosia: runs" "$work/pc_shared"
    check "pkg-config vosia-static: runs" "$work/pc_static"
    check "pkg-config vosia-static needs no libvosia.so" bash -c "! readelf -d '$work/pc_static' | grep -q 'NEEDED.*libvosia'"
else
    cat "$work/pc.log" >&2
    bad "pkg-config consumer build against /usr"
fi
with_fortran=OFF
command -v gfortran >/dev/null && [ -f /usr/include/vosia.mod ] && with_fortran=ON
if cmake -S "$src/tests/install/bindings" -B "$work/bindings" -DVOSIA_SOURCE_DIR="$src" \
        -DWITH_FORTRAN=$with_fortran >"$work/bindings.log" 2>&1 &&
   cmake --build "$work/bindings" >>"$work/bindings.log" 2>&1; then
    check "C++ (vosia::vosia) runs" lists_three "$work/bindings/cpp_search" -f "$src/tests/data/sia1_three.xml"
    check "C++ (vosia::vosia_static) runs" lists_three "$work/bindings/cpp_search_static" -f "$src/tests/data/sia1_three.xml"
    if [ "$with_fortran" = ON ]; then
        check "Fortran (vosia::vosia_fortran) runs" lists_three "$work/bindings/fortran_search" -f "$src/tests/data/sia1_three.xml"
        check "Fortran (vosia::vosia_fortran_static) runs" lists_three "$work/bindings/fortran_search_static" -f "$src/tests/data/sia1_three.xml"
    fi
else
    cat "$work/bindings.log" >&2
    bad "bindings consumer build against /usr"
fi

echo "== man pages and the command"
check "man 3 vosia: the overview" bash -c "MANWIDTH=100 man -P cat 3 vosia | grep -q 'Status codes'"
check "man 3 vosia_query_execute: the reference" bash -c "MANWIDTH=100 man -P cat 3 vosia_query_execute | grep -q 'vosia_query_execute'"
check "man vosia: the command" bash -c "MANWIDTH=100 man -P cat vosia | grep -q 'vosia-search'"
check "vosia --version" bash -c "vosia --version | grep -qx 'vosia [0-9.]*'"
check "the command needs no libvosia.so" bash -c "! readelf -d /usr/bin/vosia | grep -q 'NEEDED.*libvosia'"

echo "== dpkg -r, dpkg --purge"
dpkg -r "${packages[@]}" >/dev/null
dpkg --purge "${packages[@]}" >/dev/null
for p in "${packages[@]}"; do
    check "$p removed" bash -c "! dpkg-query -W -f='\${Status}' '$p' 2>/dev/null | grep -q installed"
done
check "no libvosia left in $libdir" bash -c "! ls '$libdir'/libvosia* 2>/dev/null | grep -q ."
check "no vosia.h left" test ! -e /usr/include/vosia.h

echo "deb: $passed passed, $failed failed"
[ "$failed" = 0 ]

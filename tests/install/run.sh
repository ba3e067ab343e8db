#!/usr/bin/env bash
# Installs vosia from a build tree into a fresh prefix, then builds a downstream program
# against the install both ways, with CMake (find_package: vosia::vosia and
# vosia::vosia_static) and with pkg-config (shared, and static through Libs.private), and
# runs each. Checks the soname, the symlinks, that the static builds need no libvosia.so, and
# that the installed binaries are lean: no debug sections, the .so under 6 MB, its debug info
# split into lib/debug/<prefix>/lib/NAME.debug and found through the debuglink.
#
#   bash tests/install/run.sh BUILD_DIR        (run by ctest as install_consumer)
set -euo pipefail

build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

cmake --install "$build" --prefix "$prefix" >/dev/null
lib=$prefix/lib
so_real=$(cd "$lib" && ls libvosia.so.*.*.*)
check "installed $so_real with symlinks" test -L "$lib/libvosia.so" -a -L "$lib/${so_real%.*}"
check "soname is ${so_real%.*}" bash -c "readelf -d '$lib/$so_real' | grep -q 'SONAME.*\[${so_real%.*}\]'"
check "libvosia.a installed" test -f "$lib/libvosia.a"
check "header installed" test -f "$prefix/include/vosia.h"

# Lean binaries (unless the build tree was configured with VOSIA_KEEP_DEBUG=ON).
has_debug() { readelf -S "$1" | grep -q ' \.debug_'; }
if grep -q '^VOSIA_KEEP_DEBUG:BOOL=ON' "$build/CMakeCache.txt"; then
    echo "VOSIA_KEEP_DEBUG=ON: the binaries are installed with their debug info"
else
    check "$so_real has no debug sections" bash -c "! readelf -S '$lib/$so_real' | grep -q ' \.debug_'"
    so_bytes=$(stat -c %s "$lib/$so_real")
    echo "installed $so_real: $so_bytes bytes"
    check "$so_real is under 6 MB" test "$so_bytes" -lt 6000000
    check "libvosia.a has no debug sections" bash -c "! readelf -S '$lib/libvosia.a' | grep -q ' \.debug_'"
    debug=$prefix/lib/debug$prefix/lib/$so_real.debug
    check "debug info split into lib/debug$prefix/lib/$so_real.debug" has_debug "$debug"
    check "the debuglink names it" bash -c "readelf -p .gnu_debuglink '$lib/$so_real' | grep -q '$so_real.debug'"
    if command -v gdb >/dev/null; then
        check "gdb finds the debug info through the debuglink" bash -c \
            "gdb -nx -batch -iex 'set debug-file-directory $prefix/lib/debug' -ex 'info line vosia_version' '$lib/$so_real' 2>&1 | grep -q 'Line [0-9]* of'"
    fi
fi

# The reference manual (when the build tree made it: VOSIA_DOCS, Doxygen found).
if grep -q '^VOSIA_DOCS:BOOL=ON' "$build/CMakeCache.txt"; then
    check "share/man/man3/vosia.3 installed" test -f "$prefix/share/man/man3/vosia.3"
    check "HTML reference installed" test -f "$prefix/share/doc/vosia/html/index.html"
    if command -v man >/dev/null; then
        check "man 3 vosia shows the overview" bash -c \
            "MANPATH='$prefix/share/man' MANWIDTH=100 man -P cat 3 vosia 2>/dev/null | grep -q 'Status codes'"
        check "man 3 vosia_service_new shows its reference" bash -c \
            "MANPATH='$prefix/share/man' MANWIDTH=100 man -P cat 3 vosia_service_new 2>/dev/null | grep -q 'base_url'"
    fi
else
    echo "VOSIA_DOCS is off: no man 3 pages to check"
fi

needs_libvosia() { readelf -d "$1" | grep -q 'NEEDED.*libvosia'; }

# CMake, both targets.
if cmake -S "$here/consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >"$work/cmake.log" 2>&1 &&
   cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1; then
    check "find_package + vosia::vosia runs" "$work/cmake/consumer_shared"
    check "vosia::vosia needs libvosia.so.0.x" needs_libvosia "$work/cmake/consumer_shared"
    check "find_package + vosia::vosia_static runs" "$work/cmake/consumer_static"
    check "vosia::vosia_static needs no libvosia.so" bash -c "! readelf -d '$work/cmake/consumer_static' | grep -q 'NEEDED.*libvosia'"
else
    cat "$work/cmake.log" >&2
    bad "CMake consumer build"
fi
# Another minor version must not be accepted while 0.x (SameMinorVersion).
refused() { ! cmake -S "$here/consumer" -B "$work/want-$1" -DCMAKE_PREFIX_PATH="$prefix" -DVOSIA_WANT="$1" >/dev/null 2>&1; }
check "find_package(vosia 0.1) is refused" refused 0.1
check "find_package(vosia 0.3) is refused" refused 0.3
check "find_package(vosia 1.0) is refused" refused 1.0

# pkg-config, shared and static.
export PKG_CONFIG_PATH=$lib/pkgconfig
cc=${CC:-cc}
if $cc "$here/consumer/main.c" -o "$work/pc_shared" $(pkg-config --cflags --libs vosia) \
        -Wl,-rpath,"$lib" 2>"$work/pc.log"; then
    check "pkg-config --cflags --libs vosia: runs" "$work/pc_shared"
else
    cat "$work/pc.log" >&2
    bad "pkg-config shared build"
fi
if $cc "$here/consumer/main.c" -o "$work/pc_static" $(pkg-config --cflags vosia) \
        "$(pkg-config --variable=libdir vosia)/libvosia.a" $(pkg-config --variable=static_libs vosia) \
        2>"$work/pc.log"; then
    check "pkg-config static (libvosia.a + static_libs): runs" "$work/pc_static"
    check "pkg-config static needs no libvosia.so" bash -c "! readelf -d '$work/pc_static' | grep -q 'NEEDED.*libvosia'"
else
    cat "$work/pc.log" >&2
    bad "pkg-config static build"
fi
check "Libs.private lists the system libraries" bash -c "pkg-config --static --libs vosia | grep -q -- '-ldl'"
# vosia-static.pc: the usual static line, with libvosia.so installed beside the archive.
if $cc "$here/consumer/main.c" -o "$work/pcs_static" $(pkg-config --cflags --libs vosia-static) \
        2>"$work/pc.log"; then
    check "pkg-config --libs vosia-static: runs" "$work/pcs_static"
    check "pkg-config --libs vosia-static needs no libvosia.so" bash -c "! readelf -d '$work/pcs_static' | grep -q 'NEEDED.*libvosia'"
else
    cat "$work/pc.log" >&2
    bad "pkg-config vosia-static build"
fi
if $cc "$here/consumer/main.c" -o "$work/pcs_static2" $(pkg-config --static --cflags --libs vosia-static) \
        2>"$work/pc.log"; then
    check "pkg-config --static --libs vosia-static needs no libvosia.so" bash -c "! readelf -d '$work/pcs_static2' | grep -q 'NEEDED.*libvosia'"
else
    cat "$work/pc.log" >&2
    bad "pkg-config --static vosia-static build"
fi
# A program linked against the library records the symbol version.
check "the shared consumer binds vosia_* at a VOSIA_ version" bash -c \
    "readelf --dyn-syms --wide '$work/pc_shared' | grep -q 'vosia_version@VOSIA_0\.'"

echo "install_consumer: $passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# Runs vosia's whole test suite: configures and builds with CMake (which builds the crate with
# cargo), then ctest runs `cargo test`, the C tests (plain, AddressSanitizer, static), the C++
# header check and the examples.
#
#   bash test.sh
#
# On a fresh Debian machine, as root, it first installs what is missing (cmake, g++, gfortran,
# pkg-config, python3-venv; GDL for the IDL binding's test) and makes a venv with astropy (the
# comparison test), pyvo and pytest (the Python binding's test).
# Environment:
#   VOSIA_BUILD_DIR   build directory (default: build)
#   VOSIA_PYTHON      a python with astropy (default: a venv in the build directory)
#   VOSIA_TEST_DACHS  base URL of a local DaCHS (bash ../shared/dachs/setup.sh) for the live
#                     tests, e.g. http://127.0.0.1:8080; they skip without it
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${VOSIA_BUILD_DIR:-$repo/build}
export PATH="$HOME/.cargo/bin:$PATH"

# --- what a fresh machine lacks (GDL is optional: without it the IDL test is left out)
missing=()
for tool in cmake:cmake g++:g++ gfortran:gfortran pkg-config:pkg-config; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
optional=()
command -v gdl >/dev/null || optional+=(gnudatalanguage)
if [ $(( ${#missing[@]} + ${#optional[@]} )) -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "test.sh: installing ${missing[*]} ${optional[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" "${optional[@]}" >/dev/null
    elif [ ${#missing[@]} -gt 0 ]; then
        echo "test.sh: please install: ${missing[*]}" >&2
        exit 1
    fi
fi
command -v cargo >/dev/null || { echo "test.sh: cargo not found; install Rust (rustup)" >&2; exit 1; }

# --- astropy for the comparison test (never allowed to download data at run time), pyvo and
# pytest for the Python binding's test
if [ -z "${VOSIA_PYTHON:-}" ]; then
    if ! "$build/venv/bin/python" -c 'import astropy, pyvo, pytest' 2>/dev/null; then
        echo "test.sh: making $build/venv with astropy, pyvo, pytest"
        python3 -m venv "$build/venv"
        "$build/venv/bin/pip" install --quiet --disable-pip-version-check astropy pyvo pytest
    fi
    export VOSIA_PYTHON=$build/venv/bin/python
fi

# --- configure, build, test
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

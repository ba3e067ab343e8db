#!/usr/bin/env bash
# vosia's main job, with the `vosia` command: search an SIA 1.0 or 2.0 service and print the
# images found (title, RA, Dec, instrument, date, format, size, URL), then download some.
#
#   bash run.sh                      search the local DaCHS archive around M31, download images
#   bash run.sh COMMAND [ARGS...]    run `vosia COMMAND ARGS...`, e.g.
#                                    bash run.sh search URL --pos 10.68,41.27 --size 0.2 -f csv
#   bash run.sh --file RESPONSE.xml [1|2]   print a saved response (the C example print_table)
#
# Without arguments it searches the local GAVO DaCHS archive of ../shared/dachs (SIA 1.0 at
# http://127.0.0.1:8080/siatest/q/i/siap.xml?) and downloads the four images of its SIA 2.0
# DataLink service around M31 into build/run-downloads (a second run finds them in place),
# starting the archive first when it is not answering and we are root
# (../shared/dachs/setup.sh, about a minute on a fresh machine; log in build/dachs-setup.log).
# Builds the library and the command first (cmake and cargo), in VOSIA_BUILD_DIR or build/.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${VOSIA_BUILD_DIR:-$repo/build}
export PATH="$HOME/.cargo/bin:$PATH"
# On a fresh Debian machine, as root, install what the build needs (cmake, gcc, g++).
missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v cc >/dev/null || missing+=(gcc)
command -v c++ >/dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null
fi
for tool in cmake cargo cc; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (bash test.sh installs what a Debian machine lacks)" >&2; exit 1; }
done

mkdir -p "$build"
{
    [ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release
    cmake --build "$build" --target vosia_cli_build print_table
} >"$build/run-build.log" 2>&1 || { cat "$build/run-build.log" >&2; exit 1; }

if [ "${1:-}" = "--file" ]; then
    [ -n "${2:-}" ] || { echo "usage: bash run.sh --file RESPONSE.xml [1|2]" >&2; exit 2; }
    exec "$build/print_table" "$2" "${3:-1}"
fi
vosia=$build/cli/bin/vosia
if [ $# -gt 0 ]; then
    exec "$vosia" "$@"
fi

sia1=http://127.0.0.1:8080/siatest/q/i/siap.xml?
answering() { (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; }
if ! answering; then
    setup=$repo/../shared/dachs/setup.sh
    if [ -f "$setup" ] && [ "$(id -u)" = 0 ]; then
        echo "run.sh: starting the local DaCHS archive ($setup; log in $build/dachs-setup.log)" >&2
        bash "$setup" >"$build/dachs-setup.log" 2>&1 || { tail -20 "$build/dachs-setup.log" >&2; exit 1; }
    else
        echo "run.sh: nothing answers on 127.0.0.1:8080; start the local archive with" >&2
        echo "        bash ../shared/dachs/setup.sh   (as root), or give a service URL:" >&2
        echo "        bash run.sh search URL --pos RA,DEC --size DEG" >&2
        exit 1
    fi
fi
echo "\$ vosia search $sia1 --pos 10.68,41.27 --size 0.2 --format table"
"$vosia" search "$sia1" --pos 10.68,41.27 --size 0.2 --format table
sia2dl=http://127.0.0.1:8080/siatest/q/sia2dl/siap2.xml?
echo
echo "\$ vosia download $sia2dl --circle 10.68,41.27,0.1 --dir $build/run-downloads"
exec "$vosia" download "$sia2dl" --circle 10.68,41.27,0.1 --dir "$build/run-downloads"

#!/usr/bin/env bash
# vosia's main job, for now: read a saved SIA response and print a table of its images
# (title, RA, Dec, instrument, MJD, format, size, URL) with the C example print_table.
#
#   bash run.sh [RESPONSE.xml [1|2]]
#
# RESPONSE.xml defaults to a real DaCHS SIA 1.0 response from ../shared/corpus (or the small
# fixture tests/data/sia1_three.xml without it); 1 or 2 is the SIA version (default 1).
# Builds the library and the example first (cmake and cargo), in VOSIA_BUILD_DIR or build/.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${VOSIA_BUILD_DIR:-$repo/build}
export PATH="$HOME/.cargo/bin:$PATH"
for tool in cmake cargo cc; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (bash test.sh installs what a Debian machine lacks)" >&2; exit 1; }
done

response=${1:-$repo/../shared/corpus/pyvo-history/gavo-rosat-siap1.xml}
[ -n "${1:-}" ] || [ -f "$response" ] || response=$repo/tests/data/sia1_three.xml

mkdir -p "$build"
{
    [ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release
    cmake --build "$build" --target print_table
} >"$build/run-build.log" 2>&1 || { cat "$build/run-build.log" >&2; exit 1; }
exec "$build/print_table" "$response" "${2:-1}"

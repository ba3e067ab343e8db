#!/usr/bin/env bash
# ctest example_c_download: examples/c/download.c against the live DaCHS's sia2dl service
# (DataLink access URLs), twice: the first run saves only FITS files, the second finds every
# one in place. Skipped (77) without VOSIA_TEST_DACHS.
#
#   bash tests/c/example_download.sh DOWNLOAD_EXE WORK_DIR
set -euo pipefail
[ -n "${VOSIA_TEST_DACHS:-}" ] || { echo "VOSIA_TEST_DACHS not set: skipped"; exit 77; }
exe=$1
dir=$2/example-download
url="${VOSIA_TEST_DACHS%/}/siatest/q/sia2dl/siap2.xml?"
rm -rf "$dir"
first=$("$exe" -2 "$url" 10.68 41.27 0.2 "$dir")
n=$(printf '%s\n' "$first" | grep -c '\.fits$')
[ "$n" -gt 0 ] || { echo "no image saved: $first" >&2; exit 1; }
if ls "$dir" | grep -qv '\.fits$'; then
    echo "something other than FITS files in $dir: $(ls "$dir")" >&2
    exit 1
fi
second=$("$exe" -2 "$url" 10.68 41.27 0.2 "$dir")
cached=$(printf '%s\n' "$second" | grep -c '(already there)$')
[ "$cached" -eq "$n" ] || { echo "the rerun fetched again: $second" >&2; exit 1; }
echo "example_c_download: $n FITS files, all found in place on the rerun"

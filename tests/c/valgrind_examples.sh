#!/usr/bin/env bash
# ctest valgrind_examples: every C and C++ example once under valgrind's memcheck, 0 errors and
# no definite leak (as the valgrind_* runs of the C tests): on a saved file, and, with
# VOSIA_TEST_DACHS set, the searches and downloads against the live DaCHS (else those skip).
#
#   bash tests/c/valgrind_examples.sh VALGRIND DATA_DIR WORK_DIR PRINT_TABLE SIA_SEARCH \
#        DOWNLOAD CPP_SEARCH CPP_DOWNLOAD
set -euo pipefail
valgrind=$1 data=$2 work=$3/valgrind-examples
print_table=$4 sia_search=$5 download=$6 cpp_search=$7 cpp_download=$8

# memcheck [-s STATUS] PROGRAM ARGS...: fails unless the program exits 0 (or STATUS) and
# memcheck found nothing (its own status is 99).
memcheck() {
    local also=0 status=0
    if [ "$1" = -s ]; then also=$2; shift 2; fi
    "$valgrind" --tool=memcheck --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite --show-leak-kinds=definite --quiet "$@" >/dev/null ||
        status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne "$also" ]; then
        echo "valgrind_examples: $* failed (status $status; 99 is a memcheck error)" >&2
        exit 1
    fi
    echo "valgrind_examples: clean: $(basename "$1") ${*:2}"
}

memcheck "$print_table" "$data/sia1_three.xml"
memcheck "$cpp_search" -f "$data/sia1_three.xml"
if [ -z "${VOSIA_TEST_DACHS:-}" ]; then
    echo "valgrind_examples: VOSIA_TEST_DACHS not set: the live runs are skipped"
    exit 0
fi
base=${VOSIA_TEST_DACHS%/}/siatest/q
rm -rf "$work" && mkdir -p "$work"
memcheck "$sia_search" -t 60 "$base/i/siap.xml?" 10.68 41.27 0.5
memcheck "$sia_search" -2 -t 60 "$base/sia2/siap2.xml?" 10.68 41.27 0.2
memcheck "$cpp_search" -2 "$base/sia2/siap2.xml?" 10.68 41.27 0.2
memcheck "$download" -2 "$base/sia2dl/siap2.xml?" 10.68 41.27 0.2 "$work/c"
# Some images lie outside the cutout circle (HTTP 204: status 1); the others are cut.
memcheck -s 1 "$cpp_download" -2 "$base/sia2dl/siap2.xml?" 10.68 41.27 0.2 "$work/cpp" 0.005
rm -rf "$work"

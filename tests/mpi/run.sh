#!/usr/bin/env bash
# ctest mpi_search_c / mpi_search_fortran: the MPI example run on 2 ranks gives exactly the
# output of a run on 1 rank (the serial run), and finds images. Skipped (77) without
# VOSIA_TEST_DACHS.
#
#   bash tests/mpi/run.sh MPIEXEC PROGRAM [N_POSITIONS]
set -euo pipefail
[ -n "${VOSIA_TEST_DACHS:-}" ] || { echo "VOSIA_TEST_DACHS not set: skipped"; exit 77; }
mpiexec=$1 program=$2 n=${3:-120}
url="${VOSIA_TEST_DACHS%/}/siatest/q/i/siap.xml?"
# As root (CI), Open MPI wants --allow-run-as-root; --oversubscribe lets 2 ranks share a core;
# the "isolated" launcher starts the ranks on this machine without looking for ssh or rsh.
flags=(--oversubscribe --mca plm isolated)
[ "$(id -u)" -ne 0 ] || flags+=(--allow-run-as-root)
serial=$("$mpiexec" "${flags[@]}" -np 1 "$program" "$url" "$n")
parallel=$("$mpiexec" "${flags[@]}" -np 2 "$program" "$url" "$n")
[ -n "$serial" ] || { echo "the serial run printed nothing" >&2; exit 1; }
if [ "$serial" != "$parallel" ]; then
    diff <(printf '%s\n' "$serial") <(printf '%s\n' "$parallel") | head -20 >&2
    echo "2 ranks differ from 1" >&2
    exit 1
fi
echo "$(basename "$program"): 2 ranks = 1 rank, $(printf '%s\n' "$serial" | wc -l) lines"

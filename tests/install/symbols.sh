#!/usr/bin/env bash
# The shared library exports exactly the functions include/vosia.h declares: nothing outside
# vosia_ (C has one flat namespace), nothing undeclared, nothing declared but missing.
#
#   bash tests/install/symbols.sh LIBVOSIA.so HEADER        (run by ctest as exported_symbols)
set -euo pipefail
lib=$1
header=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sed 's/@.*//' | sort -u >"$work/exported"
# Prototypes: a line that starts a declaration (not a comment, not a macro) and names vosia_x(.
grep -E '^[A-Za-z_].*\bvosia_[A-Za-z0-9_]+\(' "$header" | grep -v '^#' |
    sed -E 's/^.*\b(vosia_[A-Za-z0-9_]+)\(.*$/\1/' | sort -u >"$work/declared"

status=0
if grep -v '^vosia_' "$work/exported" >"$work/foreign"; then
    echo "FAILED: exported outside vosia_:" >&2; cat "$work/foreign" >&2; status=1
fi
if ! diff -u --label declared-in-header "$work/declared" --label exported-by-library "$work/exported" >"$work/diff"; then
    echo "FAILED: header and library disagree:" >&2; cat "$work/diff" >&2; status=1
fi
echo "exported_symbols: $(wc -l <"$work/exported") exported, $(wc -l <"$work/declared") declared"
echo "exported_symbols: $((1 - status)) passed, $status failed"
exit $status

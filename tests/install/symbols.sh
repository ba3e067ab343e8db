#!/usr/bin/env bash
# The shared library exports exactly the functions include/vosia.h declares: nothing outside
# vosia_ (C has one flat namespace), nothing undeclared, nothing declared but missing; and
# every export carries the symbol version VERSION as its default (`vosia_x@@VOSIA_0.2`, from
# the linker version script cmake/vosia.map.in).
#
#   bash tests/install/symbols.sh LIBVOSIA.so HEADER VERSION   (ctest: exported_symbols)
set -euo pipefail
lib=$1
header=$2
version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sed 's/@.*//' | sort -u >"$work/exported"
# Prototypes: a line that starts a declaration (not a comment, not a macro) and names vosia_x(.
grep -E '^[A-Za-z_].*\bvosia_[A-Za-z0-9_]+\(' "$header" | grep -v '^#' |
    sed -E 's/^.*\b(vosia_[A-Za-z0-9_]+)\(.*$/\1/' | sort -u >"$work/declared"

status=0
# Versions: readelf --dyn-syms --wide names each defined symbol NAME@@VERSION (default) or
# NAME@VERSION (hidden); unversioned (Base) exports show no @ at all. The version definition
# itself is an ABS symbol of that name, left out.
readelf --dyn-syms --wide "$lib" | awk '$7 != "UND" && $7 != "ABS" && ($5 == "GLOBAL" || $5 == "WEAK") && $4 != "SECTION" && $4 != "FILE" {print $8}' |
    sort -u >"$work/versioned"
if grep -v -- "@@$version\$" "$work/versioned" >"$work/unversioned"; then
    echo "FAILED: exported without the default version $version:" >&2; cat "$work/unversioned" >&2; status=1
fi
if ! readelf -V "$lib" | grep -q "Name: $version\$"; then
    echo "FAILED: no version definition $version" >&2; status=1
fi
if grep -v '^vosia_' "$work/exported" >"$work/foreign"; then
    echo "FAILED: exported outside vosia_:" >&2; cat "$work/foreign" >&2; status=1
fi
if ! diff -u --label declared-in-header "$work/declared" --label exported-by-library "$work/exported" >"$work/diff"; then
    echo "FAILED: header and library disagree:" >&2; cat "$work/diff" >&2; status=1
fi
echo "exported_symbols: $(wc -l <"$work/exported") exported, $(wc -l <"$work/declared") declared," \
    "$(grep -c -- "@@$version\$" "$work/versioned") versioned $version"
echo "exported_symbols: $((1 - status)) passed, $status failed"
exit $status

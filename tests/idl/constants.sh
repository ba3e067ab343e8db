#!/usr/bin/env bash
# The IDL routines' constants equal the C header's: every integer macro VOSIA_* of vosia.h
# (and VOSIA_VERSION_STRING) is printed by a C program generated from the header's own list of
# names, compiled with the C compiler, and every tag of vosia_constants() (examples/idl) by
# GDL as VOSIA_<tag>; the two lists must be identical, so a constant missing from
# vosia_constants.pro, an extra one or a wrong value fails.
#
#   bash tests/idl/constants.sh GDL HEADER CC PRO_DIR      (ctest: idl_constants)
set -euo pipefail
gdl=$1
header=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cc=${3:-cc}
prodir=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Object-like macros with a value (not the function-like VOSIA_AT_LEAST_VERSION, not the
# include guard).
grep -E '^#define VOSIA_[A-Z0-9_]+ ' "$header" | awk '{print $2}' | grep -v '^VOSIA_H$' |
    grep -v '(' | sort -u >"$work/names"
{
    echo '#include <stdio.h>'
    echo "#include \"$header\""
    echo 'int main(void) {'
    while read -r name; do
        if [ "$name" = VOSIA_VERSION_STRING ]; then
            echo "    printf(\"%s %s\\n\", \"$name\", $name);"
        else
            echo "    printf(\"%s %ld\\n\", \"$name\", (long)($name));"
        fi
    done <"$work/names"
    echo '    return 0;'
    echo '}'
} >"$work/c_constants.c"
"$cc" -std=c11 -Wall -Werror -o "$work/c_constants" "$work/c_constants.c"
"$work/c_constants" | sort >"$work/c.txt"

# GDL prints start-up notes and "% Compiled module" lines too: keep the VOSIA_ lines.
"$gdl" -quiet -e "!PATH='$prodir:'+!PATH & c = vosia_constants() & t = tag_names(c) & for i = 0, n_tags(c) - 1 do print, 'VOSIA_' + t[i] + ' ' + strtrim(c.(i), 2)" \
    >"$work/gdl.out" 2>&1 || { cat "$work/gdl.out" >&2; echo "FAILED: gdl did not run" >&2; exit 1; }
grep '^VOSIA_' "$work/gdl.out" | sed 's/[[:space:]]*$//' | sort >"$work/idl.txt"

if diff -u --label "vosia.h (C)" "$work/c.txt" --label "vosia_constants() (IDL)" "$work/idl.txt"; then
    echo "idl_constants: $(wc -l <"$work/c.txt") constants agree"
else
    echo "FAILED: vosia_constants.pro differs from vosia.h" >&2
    exit 1
fi

#!/usr/bin/env bash
# The Fortran module's constants equal the C header's: every integer macro VOSIA_* of vosia.h
# (and VOSIA_VERSION_STRING) is printed by a C program generated from the header's own list of
# names, compiled with the C compiler, and by the Fortran program `constants`; the two lists
# must be identical, so a constant missing from the module, an extra one or a wrong value fails.
#
#   bash tests/fortran/constants.sh FORTRAN_CONSTANTS_EXE HEADER CC     (ctest: fortran_constants)
set -euo pipefail
fexe=$1
header=$2
cc=${3:-cc}
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
"$fexe" | sed 's/[[:space:]]*$//' | sort >"$work/f.txt"

if diff -u --label "vosia.h (C)" "$work/c.txt" --label "module vosia (Fortran)" "$work/f.txt"; then
    echo "fortran_constants: $(wc -l <"$work/c.txt") constants agree"
else
    echo "FAILED: the Fortran module's constants differ from vosia.h" >&2
    exit 1
fi

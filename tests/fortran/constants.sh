#!/usr/bin/env bash
# The Fortran module agrees with the C header (ctest: fortran_constants):
#  1. constants: every object-like macro VOSIA_* of vosia.h (VOSIA_ATTR_*, VOSIA_KIND_*,
#     VOSIA_PARAM_*, VOSIA_TYPE_*, VOSIA_FIELD_*, the statuses, the SIA and header versions)
#     is printed by a C program generated from the header's own list of names and compiled
#     with the C compiler, and by the Fortran program `constants`; the two lists must be
#     identical, so a constant missing from the module, an extra one or a wrong value fails;
#  2. with MODULE_SOURCE: `constants` prints every constant the module declares (so a
#     constant added to vosia.f90 but not to constants.f90 cannot escape step 1);
#  3. with MODULE_SOURCE: every C function the module binds (bind(c, name='vosia_...')) is
#     declared in vosia.h, and every function of vosia.h is bound except the copy_* twins
#     (the module copies borrowed strings itself).
#
#   bash tests/fortran/constants.sh FORTRAN_CONSTANTS_EXE HEADER [CC [MODULE_SOURCE]]
set -euo pipefail
fexe=$1
header=$2
cc=${3:-cc}
module=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# 1. Object-like macros with a value (not the function-like VOSIA_AT_LEAST_VERSION or
#    VOSIA_DEPRECATED, not the include guard).
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
    failed=1
fi

if [ -n "$module" ]; then
    # 2. The constants the module declares are the ones `constants` printed.
    grep -oE 'parameter, public :: VOSIA_[A-Z0-9_]+' "$module" | awk '{print $4}' |
        sort -u >"$work/declared"
    awk '{print $1}' "$work/f.txt" | sort -u >"$work/printed"
    if diff -u --label "declared in $(basename "$module")" "$work/declared" \
            --label "printed by constants.f90" "$work/printed"; then
        echo "fortran_constants: constants.f90 prints all $(wc -l <"$work/declared") module constants"
    else
        echo "FAILED: tests/fortran/constants.f90 does not print every constant of the module" >&2
        failed=1
    fi

    # 3. The C functions bound: all of vosia.h but the copy_* twins, and none it lacks.
    grep -oE '^(const )?[a-z_0-9]+ \*?vosia_[a-z0-9_]+\(' "$header" |
        grep -oE 'vosia_[a-z0-9_]+\($' | tr -d '(' | grep -vE '(^|_)copy_' |
        sort -u >"$work/c_functions"
    grep -oiE "bind\(c, *name='vosia_[a-z0-9_]+'\)" "$module" | grep -oE 'vosia_[a-z0-9_]+' |
        sort -u >"$work/bound"
    if diff -u --label "vosia.h functions (without copy_*)" "$work/c_functions" \
            --label "bound by $(basename "$module")" "$work/bound"; then
        echo "fortran_constants: the module binds all $(wc -l <"$work/bound") C functions but the copy_* twins"
    else
        echo "FAILED: the C functions bound by the module differ from vosia.h's" >&2
        failed=1
    fi
fi
exit $failed

#!/usr/bin/env bash
# `cmake --install` puts the vosia command, its man pages and completions in the prefix:
# the installed binary runs from there, `man vosia` finds the page, bash loads the completion.
#
#   bash tests/cli/install.sh BUILD_DIR        (ctest: cli_install)
set -euo pipefail

build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

cmake --install "$build" --prefix "$prefix" >/dev/null
check "bin/vosia runs from the prefix" bash -c "'$prefix/bin/vosia' --version | grep -qx 'vosia [0-9.]*'"
check "it needs no libvosia.so (the library is linked in)" bash -c "! readelf -d '$prefix/bin/vosia' | grep -q 'NEEDED.*libvosia'"
for page in vosia vosia-search vosia-describe vosia-download vosia-datalink vosia-cutout vosia-registry vosia-send; do
    check "share/man/man1/$page.1 installed" test -f "$prefix/share/man/man1/$page.1"
done
check "no page for the hidden generate command" test ! -e "$prefix/share/man/man1/vosia-generate.1"
if command -v man >/dev/null; then
    MANPATH=$prefix/share/man MANWIDTH=100 man -P cat vosia >"$work/man.txt" 2>/dev/null || true
    check "man vosia shows the page with the exit statuses" bash -c \
        "grep -q 'vosia-search(1)' '$work/man.txt' && grep -q '130  interrupted' '$work/man.txt'"
    MANPATH=$prefix/share/man MANWIDTH=100 man -P cat vosia-search >"$work/search.txt" 2>/dev/null || true
    check "man vosia-search documents --pos and --format" bash -c \
        "grep -q -- '--pos' '$work/search.txt' && grep -q -- '--format' '$work/search.txt'"
else
    echo "man is not installed: the pages are checked as files only"
fi
completion=$prefix/share/bash-completion/completions/vosia
check "the bash completion loads and completes subcommands" bash -c \
    "source '$completion' && complete -p vosia >/dev/null && COMP_WORDS=(vosia se); COMP_CWORD=1; _vosia vosia se vosia && printf '%s\n' \"\${COMPREPLY[@]}\" | grep -qx search"
check "zsh and fish completions installed" test -f "$prefix/share/zsh/site-functions/_vosia" -a -f "$prefix/share/fish/vendor_completions.d/vosia.fish"

echo "cli_install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

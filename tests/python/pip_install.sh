#!/usr/bin/env bash
# Tests the Python package as a user gets it: makes a fresh venv, `pip install`s python/ from
# this repository (pip builds the wheel: setuptools-rust compiles libvosia from Cargo.toml
# into it), then runs tests/python against the installed package with VOSIA_LIB and
# PYTHONPATH unset, so the package must find the library it carries. Exits non-zero on any
# failure; the last line printed is pytest's summary.
#
#   bash tests/python/pip_install.sh [WORKDIR]
#
# WORKDIR holds the copy of the sources pip builds from, the venv and cargo's target
# directory (kept, so a second run reuses the compiled dependencies); without it a
# temporary directory is used and removed at the end.
# Environment:
#   VOSIA_PIP_PYTHON   the python to make the venv with (default: python3)
#   CARGO_TARGET_DIR   cargo's target directory (default: WORKDIR/cargo)
#   CARGO_BUILD_JOBS   passed to cargo as usual
#   VOSIA_TEST_DACHS, VOSIA_CORPUS, VOSIA_TEST_DATA   as for the tests themselves
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
export PIP_DISABLE_PIP_VERSION_CHECK=1
python=${VOSIA_PIP_PYTHON:-python3}
say() { printf 'pip_install: %s\n' "$*"; }

if [ $# -gt 1 ]; then
    echo "usage: bash tests/python/pip_install.sh [WORKDIR]" >&2
    exit 2
fi
if [ $# -eq 1 ]; then
    mkdir -p "$1"
    work=$(cd "$1" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/vosia-pip.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
command -v cargo >/dev/null || { echo "pip_install: cargo not found (rustup)" >&2; exit 1; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$work/cargo}

# Build from a copy of the working tree (tracked and new files, nothing ignored), so
# setuptools' build/ and egg-info stay out of the repository and no stale build output of
# an earlier run can slip into the wheel.
say "copying the sources to $work/src"
rm -rf "$work/src"
mkdir -p "$work/src"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$repo" && git ls-files -co --exclude-standard -z |
        while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
        tar --null -T - -cf -) | tar -C "$work/src" -xf -
else
    tar -C "$repo" --exclude=./build --exclude=./target --exclude='./build-*' -cf - . |
        tar -C "$work/src" -xf -
fi

say "fresh venv in $work/venv ($("$python" --version 2>&1))"
"$python" -m venv --clear "$work/venv"
venv_python=$work/venv/bin/python

say "pip install python/[test] from the copy (builds the wheel; cargo into $CARGO_TARGET_DIR)"
t0=$(date +%s)
"$venv_python" -m pip install --quiet "$work/src/python[test]"
say "installed in $(( $(date +%s) - t0 )) s"

# Everything below runs outside the sources, without VOSIA_LIB or PYTHONPATH.
cd "$work"
clean_env=(env -u VOSIA_LIB -u PYTHONPATH)
"${clean_env[@]}" "$venv_python" - "$work/venv" <<'EOF'
import os, sys
import vosia
venv = os.path.realpath(sys.argv[1])
package = os.path.dirname(os.path.realpath(vosia.__file__))
library = os.path.realpath(vosia.capi.library_path)
assert package.startswith(venv + os.sep), f"vosia imported from {package}, not the venv"
assert os.path.dirname(library) == package, f"libvosia loaded from {library}, not the package"
print(f"pip_install: vosia {vosia.__version__} from {package}")
print(f"pip_install: libvosia {vosia.library_version()} from {os.path.basename(library)}")
EOF

say "examples/python/search.py with the installed package"
out=$("${clean_env[@]}" "$venv_python" "$repo/examples/python/search.py" -f "$repo/tests/data/sia1_three.xml")
printf '%s\n' "$out"
grep -q '^3 images' <<<"$out" && grep -q 'http://example\.org/data/img3\.jpg' <<<"$out" ||
    { echo "pip_install: the example printed something else" >&2; exit 1; }

say "pytest tests/python against the installed package"
export VOSIA_TEST_DATA=${VOSIA_TEST_DATA:-$repo/tests/data}
export VOSIA_CORPUS=${VOSIA_CORPUS:-$repo/../shared/corpus}
"${clean_env[@]}" "$venv_python" -m pytest -q -rs -p no:cacheprovider "$repo/tests/python"

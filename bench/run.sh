#!/usr/bin/env bash
# The parser benchmark: vosia (through the C ABI) against astropy's parse() on the same
# 100 000-row SIA 1.0 response, measured side by side in one run.
#
#   bash bench/run.sh [ROWS]        (default 100000; needs ../shared beside the repository)
#
# Wall time: hyperfine medians. Peak memory: /usr/bin/time -v (maximum resident set size).
# Fails unless vosia is at least 30 times faster than astropy and peaks under 120 MB.
# Environment: VOSIA_BUILD_DIR (default build/), VOSIA_PYTHON (a python with astropy; default
# a venv made in the build directory), VOSIA_SHARED (default ../shared), BENCH_RUNS (default 3).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${VOSIA_SHARED:-$repo/../shared}
build=${VOSIA_BUILD_DIR:-$repo/build}
rows=${1:-100000}
runs=${BENCH_RUNS:-3}
min_speedup=30
max_rss_mb=120

for tool in cmake hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (see .ci/run for the packages)" >&2; exit 1; }
done
[ -f "$shared/bench/gen_sia1.py" ] || { echo "bench: $shared/bench/gen_sia1.py not found (set VOSIA_SHARED)" >&2; exit 1; }

# The library and parse_bench, optimised (cargo --release; parse_bench -O2).
mkdir -p "$build"
{
    [ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release
    cmake --build "$build" --target parse_bench
} >"$build/bench-build.log" 2>&1 || { cat "$build/bench-build.log" >&2; exit 1; }

# astropy in a venv of its own, never allowed to download at run time.
python=${VOSIA_PYTHON:-$build/venv/bin/python}
if ! "$python" -c 'import astropy' 2>/dev/null; then
    echo "bench: installing astropy into $build/venv"
    python3 -m venv "$build/venv"
    "$build/venv/bin/pip" install --quiet astropy
    python=$build/venv/bin/python
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file=$tmp/sia1-$rows.xml
python3 "$shared/bench/gen_sia1.py" "$rows" "$file"
vosia_cmd=("$build/parse_bench" "$file")
astropy_cmd=("$python" "$repo/bench/astropy_parse.py" "$file")
echo "bench: $rows rows, $(( $(stat -c %s "$file") / 1000000 )) MB; $("$python" -c 'import astropy; print("astropy", astropy.__version__)')"

# Both read the same values, or the comparison means nothing.
vosia_sum=$("${vosia_cmd[@]}")
astropy_sum=$("${astropy_cmd[@]}")
echo "vosia:   $vosia_sum"
echo "astropy: $astropy_sum"
if [ "$vosia_sum" != "$astropy_sum" ]; then
    echo "bench: FAILED: the checksums differ" >&2
    exit 1
fi

hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$tmp/times.json" \
    -n vosia "$(printf '%q ' "${vosia_cmd[@]}")" \
    -n astropy "$(printf '%q ' "${astropy_cmd[@]}")"

peak_kb() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
}
vosia_kb=$(peak_kb "${vosia_cmd[@]}")
astropy_kb=$(peak_kb "${astropy_cmd[@]}")

python3 - "$tmp/times.json" "$vosia_kb" "$astropy_kb" "$min_speedup" "$max_rss_mb" <<'PY'
import json, statistics, sys
times = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
vosia_kb, astropy_kb = int(sys.argv[2]), int(sys.argv[3])
min_speedup, max_rss_mb = float(sys.argv[4]), float(sys.argv[5])
speedup = times["astropy"] / times["vosia"]
vosia_mb, astropy_mb = vosia_kb * 1024 / 1e6, astropy_kb * 1024 / 1e6
print(f"{'':8} {'median wall':>12} {'peak RSS':>10}")
print(f"{'vosia':8} {times['vosia']:>11.3f}s {vosia_mb:>8.0f}MB")
print(f"{'astropy':8} {times['astropy']:>11.3f}s {astropy_mb:>8.0f}MB")
print(f"vosia is {speedup:.1f}x faster than astropy (target >= {min_speedup:g}x) "
      f"and peaks at {vosia_mb:.0f} MB (target <= {max_rss_mb:g} MB)")
ok = speedup >= min_speedup and vosia_mb <= max_rss_mb
print("bench: " + ("1 passed, 0 failed" if ok else "0 passed, 1 failed"))
sys.exit(0 if ok else 1)
PY

#!/usr/bin/env bash
# N SIA 1.0 positions (default 1000, around M31, size 0.2) against the local DaCHS three ways
# side by side in one hyperfine run (medians): vosia's batch call from Python
# (vosia.execute_all, its defaults: 8 at once, 4 per host), pyvo's sequential loop, and pyvo
# driven by a 4-thread ThreadPoolExecutor (bench/batch_queries.py). Targets: vosia at least 4
# times faster than pyvo's loop and faster than pyvo's threads; every position's image list
# identical in all three.
#
#     bash bench/batch.sh [BASE_URL] [N]
#
# BASE_URL defaults to $VOSIA_TEST_DACHS or http://127.0.0.1:8080 (../shared/dachs/setup.sh).
# Needs hyperfine and a python with pyvo ($VOSIA_PYTHON, default build/venv/bin/python).
# Only 127.0.0.1 is ever contacted.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:-${VOSIA_TEST_DACHS:-http://127.0.0.1:8080}}"
n="${2:-1000}"
python="${VOSIA_PYTHON:-build/venv/bin/python}"
url="${server%/}/siatest/q/i/siap.xml"
out="${TMPDIR:-/tmp}/vosia-bench-batch"
rm -rf "$out" && mkdir -p "$out"

. bench/lib.sh
bench_need_hyperfine
bench_build "$out" bench/queries.c # the library copy under $out; queries.c itself is not run
export VOSIA_LIB=$out/libvosia.so PYTHONPATH=$PWD/python${PYTHONPATH:+:$PYTHONPATH}

run() { echo "$python bench/batch_queries.py $1 $n $url $out/$1.json"; }
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-json "$out/times.json" \
    -n vosia "$(run vosia)" -n pyvo "$(run pyvo)" -n "pyvo 4 threads" "$(run pyvo-threads)"

"$python" - "$out" "$n" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
t = {r["command"]: r["median"] for r in json.load(open(f"{out}/times.json"))["results"]}
lists = {m: json.load(open(f"{out}/{m}.json")) for m in ("vosia", "pyvo", "pyvo-threads")}
same = lists["vosia"] == lists["pyvo"] == lists["pyvo-threads"]
images = sum(len(x) for x in lists["vosia"])
print(f"batch.sh: {n} positions, {images} images in all, lists identical: {same}")
v, p, pt = t["vosia"], t["pyvo"], t["pyvo 4 threads"]
print(f"  median vosia {v:.2f} s, pyvo loop {p:.2f} s ({p / v:.1f}x), "
      f"pyvo 4 threads {pt:.2f} s ({pt / v:.1f}x)")
ok = same and p / v >= 4 and pt > v
print("  targets (>= 4x the loop, faster than the threads, identical):", "met" if ok else "MISSED")
sys.exit(0 if ok else 1)
PY

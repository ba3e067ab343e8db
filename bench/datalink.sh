#!/usr/bin/env bash
# The DataLink links of all 120 rows of one DaCHS sia2dl search, from the same saved
# response, two ways side by side in one hyperfine run (medians): vosia's
# vosia_service_datalink_rows (bench/datalink.c: one request) and pyvo's iter_datalinks()
# (bench/pyvo_datalink.py), whole processes, and curl POSTing the same IDs once (the floor:
# the server's own time); then pyvo's time inside iter_datalinks alone, without Python's
# start-up and imports. Both must find one #this link per row. Target: vosia at least 10
# times faster than pyvo (reported; against DaCHS the server's own time bounds it).
#
#     bash bench/datalink.sh [BASE_URL]
#
# BASE_URL defaults to $VOSIA_TEST_DACHS or http://127.0.0.1:8080; needs a C compiler,
# curl, hyperfine and a python with pyvo ($VOSIA_PYTHON, default build/venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:-${VOSIA_TEST_DACHS:-http://127.0.0.1:8080}}"
python="${VOSIA_PYTHON:-build/venv/bin/python}"
out="${TMPDIR:-/tmp}/vosia-bench-datalink"
rm -rf "$out" && mkdir -p "$out"
. bench/lib.sh
bench_need_hyperfine
bench_build "$out" bench/datalink.c

curl -s -m 60 -o "$out/response.xml" \
    "${server%/}/siatest/q/sia2dl/siap2.xml?POS=RANGE%200%20360%20-90%2090&MAXREC=1000"
v=$("$out/datalink" "$out/response.xml")
p=$("$python" bench/pyvo_datalink.py "$out/response.xml")
echo "datalink.sh: #this links: vosia $v, pyvo $p"
[ "$v" = "$p" ] && [ "$v" -gt 0 ] || { echo "datalink.sh: the two disagree" >&2; exit 1; }

"$out/datalink" "$out/response.xml" --form >"$out/ids.form"
hyperfine --warmup 1 --runs 7 --export-json "$out/times.json" \
    -n vosia "$out/datalink $out/response.xml" \
    -n pyvo "$python bench/pyvo_datalink.py $out/response.xml" \
    -n curl "curl -s -o /dev/null --data @$out/ids.form ${server%/}/siatest/q/dl/dlmeta"
inside=$(for _ in 1 2 3 4 5; do "$python" bench/pyvo_datalink.py "$out/response.xml" --time; done |
    sort -n | sed -n 3p)

"$python" - "$out/times.json" "$inside" <<'PY'
import json, sys
t = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
v, p, c, inside = t["vosia"], t["pyvo"], t["curl"], float(sys.argv[2])
print(f"medians: vosia {v:.3f} s, pyvo {p:.3f} s (iter_datalinks alone, median of 5: "
      f"{inside:.3f} s), curl's one POST {c:.3f} s")
print(f"pyvo / vosia = {p / v:.1f} (target >= 10); iter_datalinks alone / vosia = "
      f"{inside / v:.1f}; vosia / curl = {v / c:.2f}")
sys.exit(0 if p / v >= 10 else 1)
PY

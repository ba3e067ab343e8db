#!/usr/bin/env bash
# The batch benchmark with the server 50 ms away (a round trip of RTT_MS, default 50):
# N positions (default 200) side by side in one hyperfine run (medians of 3): vosia's batch
# with its defaults (a new connection per request, as for plain http), the same with
# keep-alive, pyvo's loop and pyvo with 4 threads, through bench/latency_proxy.py (user-space
# delay: this kernel has no netem). Target: vosia at least 8 times faster than pyvo's loop;
# the image lists identical.
#
#     bash bench/batch_far.sh [BASE_URL] [N] [RTT_MS]
#
# BASE_URL defaults to $VOSIA_TEST_DACHS or http://127.0.0.1:8080. Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:-${VOSIA_TEST_DACHS:-http://127.0.0.1:8080}}"
n="${2:-200}"
rtt="${3:-50}"
python="${VOSIA_PYTHON:-build/venv/bin/python}"
out="${TMPDIR:-/tmp}/vosia-bench-far"
rm -rf "$out" && mkdir -p "$out"

. bench/lib.sh
bench_need_hyperfine
bench_build "$out" bench/queries.c # the library copy under $out
export VOSIA_LIB=$out/libvosia.so PYTHONPATH=$PWD/python${PYTHONPATH:+:$PYTHONPATH}

hostport=${server#*://}
hostport=${hostport%%/*}
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" bench/latency_proxy.py "$port" "${hostport%:*}" "${hostport##*:}" "$rtt" >"$out/proxy.log" 2>&1 &
proxy=$!
trap 'kill $proxy 2>/dev/null' EXIT
sleep 1
url="http://127.0.0.1:$port/siatest/q/i/siap.xml"

run() { echo "$python bench/batch_queries.py $1 $n $url $out/$1.json"; }
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-json "$out/times.json" \
    -n vosia "$(run vosia)" -n "vosia keep-alive" "$(run vosia-keepalive)" \
    -n pyvo "$(run pyvo)" -n "pyvo 4 threads" "$(run pyvo-threads)"

"$python" - "$out" "$n" "$rtt" <<'PY'
import json, sys
out, n, rtt = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t = {r["command"]: r["median"] for r in json.load(open(f"{out}/times.json"))["results"]}
modes = ("vosia", "vosia-keepalive", "pyvo", "pyvo-threads")
lists = [json.load(open(f"{out}/{m}.json")) for m in modes]
same = all(x == lists[0] for x in lists)
print(f"batch_far.sh: {n} positions {rtt} ms away, {sum(map(len, lists[0]))} images, "
      f"lists identical: {same}")
v, vk, p, pt = t["vosia"], t["vosia keep-alive"], t["pyvo"], t["pyvo 4 threads"]
print(f"  median vosia {v:.2f} s, vosia keep-alive {vk:.2f} s, pyvo loop {p:.2f} s "
      f"({p / v:.1f}x vosia, {p / vk:.1f}x keep-alive), pyvo 4 threads {pt:.2f} s "
      f"({pt / v:.1f}x vosia)")
ok = same and p / min(v, vk) >= 8
print("  target (>= 8x pyvo's loop, identical):", "met" if ok else "MISSED")
sys.exit(0 if ok else 1)
PY

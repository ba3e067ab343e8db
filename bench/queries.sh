#!/usr/bin/env bash
# 50 SIA 1.0 queries through vosia's C API against the local DaCHS, side by side with curl
# fetching the same 50 URLs in one process, in two pairs: a new connection per request (vosia's
# default for http, and the fastest way here) and one kept-alive connection.
# Target: vosia's median at most 1.15 times curl's in each pair.
#
#     bash bench/queries.sh [BASE_URL] [N]
#
# BASE_URL defaults to $VOSIA_TEST_DACHS or http://127.0.0.1:8080; start the server with
# ../shared/dachs/setup.sh. Needs a C compiler, curl and hyperfine (apt-get install hyperfine).
# Only 127.0.0.1 is ever contacted.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:-${VOSIA_TEST_DACHS:-http://127.0.0.1:8080}}"
n="${2:-50}"
url="${server%/}/siatest/q/i/siap.xml?"
out="${TMPDIR:-/tmp}/vosia-bench-queries"
mkdir -p "$out"

. bench/lib.sh
bench_need_hyperfine
bench_build "$out" bench/queries.c

"$out/queries" "$url" "$n" --urls >"$out/urls.txt"
# One curl process, every URL written to /dev/null, connection kept alive between them.
# A curl config file avoids any shell quoting of the URLs (they hold & and ,).
while read -r u; do printf 'url = "%s"\noutput = "/dev/null"\n' "$u"; done \
    <"$out/urls.txt" >"$out/curl.cfg"
"$out/queries" "$url" "$n" # check that it works before timing it

# Two pairs: a new connection per request (vosia's default for http; curl -H "Connection:
# close"), and connections kept alive (vosia_service_set_keepalive(s, 1); curl's default within
# one process). Against DaCHS the first is ~3x faster for both: DaCHS writes headers and body
# separately with Nagle on, and on a kept-alive connection the client's delayed ACK holds the
# body ~40 ms.
hyperfine --warmup 3 --runs "${RUNS:-30}" --export-json "$out/result.json" \
    -n "vosia keep-alive" "$out/queries '$url' $n --keepalive" \
    -n "curl keep-alive" "curl -s -g --fail -K $out/curl.cfg" \
    -n "vosia new connection each" "$out/queries '$url' $n" \
    -n "curl new connection each" "curl -s -g --fail -H 'Connection: close' -K $out/curl.cfg"

python3 - "$out/result.json" "$n" <<'EOF'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
worst = 0.0
for mode in ("keep-alive", "new connection each"):
    v, c = r[f"vosia {mode}"], r[f"curl {mode}"]
    worst = max(worst, v / c)
    print(f"{mode:>20}: {sys.argv[2]} queries, median vosia {v*1000:7.1f} ms, "
          f"curl {c*1000:7.1f} ms, ratio {v/c:.3f}")
print(f"worst ratio {worst:.3f} (target <= 1.15)")
sys.exit(0 if worst <= 1.15 else 1)
EOF

#!/usr/bin/env bash
# Downloading all 80 images of one DaCHS SIA 1.0 search (POS=8,-15, SIZE=120), from the same
# saved response, three ways side by side in one hyperfine run (medians): vosia's
# vosia_service_download_rows with its default concurrency (bench/downloads.c), pyvo's
# cachedataset() loop (bench/pyvo_downloads.py), and one `curl --parallel` process with the
# same URLs. Every run starts from an empty folder. Targets: vosia at least 3 times faster
# than pyvo, and at most 1.2 times curl's time. The files of all three are checked equal.
#
#     bash bench/downloads.sh [BASE_URL]
#
# BASE_URL defaults to $VOSIA_TEST_DACHS or http://127.0.0.1:8080 (../shared/dachs/setup.sh).
# Needs a C compiler, curl, hyperfine and a python with pyvo ($VOSIA_PYTHON, default
# build/venv/bin/python). Only 127.0.0.1 is ever contacted.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:-${VOSIA_TEST_DACHS:-http://127.0.0.1:8080}}"
python="${VOSIA_PYTHON:-build/venv/bin/python}"
out="${TMPDIR:-/tmp}/vosia-bench-downloads"
rm -rf "$out" && mkdir -p "$out"

. bench/lib.sh
bench_need_hyperfine
bench_build "$out" bench/downloads.c

curl -s -m 60 -o "$out/response.xml" "${server%/}/siatest/q/i/siap.xml?POS=8,-15&SIZE=120"
"$out/downloads" "$out/response.xml" 1 --urls >"$out/urls.txt"
n=$(wc -l <"$out/urls.txt")
echo "downloads.sh: $n images"
i=0
while read -r u; do
    i=$((i + 1))
    printf 'url = "%s"\noutput = "%s/curl/%d.fits"\n' "$u" "$out" "$i"
done <"$out/urls.txt" >"$out/curl.cfg"

fresh() { echo "rm -rf $out/$1 && mkdir -p $out/$1"; }
hyperfine --warmup 1 --runs 7 --export-json "$out/times.json" \
    --prepare "$(fresh vosia)" -n vosia "$out/downloads $out/response.xml 1 $out/vosia" \
    --prepare "$(fresh pyvo)" -n pyvo "$python bench/pyvo_downloads.py $out/response.xml $out/pyvo" \
    --prepare "$(fresh curl)" -n curl "curl --parallel --parallel-max 4 -s -K $out/curl.cfg"

# The same bytes: every file vosia saved is one curl saved (sums, names aside), and vosia's
# names are pyvo's.
[ "$(ls "$out/vosia")" = "$(ls "$out/pyvo")" ] || { echo "downloads.sh: vosia's names differ from pyvo's" >&2; exit 1; }
sums() { (cd "$out/$1" && find . -type f -exec md5sum {} + | awk '{print $1}' | sort); }
[ "$(sums vosia)" = "$(sums curl)" ] || { echo "downloads.sh: vosia's files differ from curl's" >&2; exit 1; }
[ "$(sums vosia)" = "$(sums pyvo)" ] || { echo "downloads.sh: vosia's files differ from pyvo's" >&2; exit 1; }

"$python" - "$out/times.json" <<'PY'
import json, sys
t = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
v, p, c = t["vosia"], t["pyvo"], t["curl"]
print(f"medians: vosia {v:.3f} s, pyvo {p:.3f} s, curl --parallel-max 4 {c:.3f} s")
print(f"pyvo / vosia = {p / v:.1f} (target >= 3); vosia / curl = {v / c:.2f} (target <= 1.2)")
sys.exit(0 if p / v >= 3 and v / c <= 1.2 else 1)
PY

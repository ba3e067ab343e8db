#!/usr/bin/env bash
# A 2 000 000-row SIA 1.0 response (about 1 GB, ../shared/bench/gen_sia1.py), generated into a
# pipe and read through vosia_results_parse_file_in_batches (examples/c/summarize.c) as it is
# written: every row arrives, and the reader's peak resident memory stays under 40 MB (issue
# 11). Skips (77) without the generator or GNU time.
#
#     stream_memory.sh SUMMARIZE [ROWS] [LIMIT_KB]
set -euo pipefail
summarize=$1
rows=${2:-2000000}
limit_kb=${3:-40960}
gen="$(dirname "$0")/../../../shared/bench/gen_sia1.py"
[ -f "$gen" ] || { echo "skipped: $gen is not there"; exit 77; }
[ -x /usr/bin/time ] || { echo "skipped: no /usr/bin/time (Debian package time)"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$gen" "$rows" /dev/stdout |
    /usr/bin/time -f '%M' -o "$out/rss" "$summarize" /dev/stdin 1 10000 >"$out/summary"
cat "$out/summary"
rss=$(tail -1 "$out/rss")
echo "stream_memory: $rows rows, peak RSS ${rss} KB (limit ${limit_kb} KB)"
grep -q "^images $rows in $(( (rows + 9999) / 10000 )) batches" "$out/summary" ||
    { echo "stream_memory: not every row arrived" >&2; exit 1; }
[ "$rss" -lt "$limit_kb" ] || { echo "stream_memory: peak RSS over the limit" >&2; exit 1; }

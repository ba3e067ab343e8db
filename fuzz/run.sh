#!/usr/bin/env bash
# Coverage-guided fuzzing of vosia (cargo-fuzz, libFuzzer, AddressSanitizer, nightly Rust).
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Builds every target (or those named), seeds the reader corpora from ../shared/corpus (copied
# under fuzz/corpus/, which is not committed: the corpus is other projects' data), runs each
# target for SECONDS_PER_TARGET (default 60; .ci/run uses 60, the long campaign e.g. 1800) with
# a 2 GiB RSS limit (the memory budget of the targets is 64 MiB, so a breach is far below it),
# and prints the executions of each. FUZZ_SANITIZER (default address; "none" runs several
# times faster, for the long campaign) and FUZZ_MAX_LEN (default 65536 bytes) are passed on. Exits non-zero on the first crash, panic, leak, timeout or
# out-of-memory; libFuzzer leaves the input under fuzz/artifacts/TARGET/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=${VOSIA_SHARED:-$here/../../shared}
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(reader reader_chunked small_documents datalink params)

command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is missing (cargo install cargo-fuzz)" >&2; exit 1; }
cd "$here"
sanitizer=${FUZZ_SANITIZER:-address}
max_len=${FUZZ_MAX_LEN:-65536}
cargo +nightly fuzz build -O -s "$sanitizer" >"$here/build.log" 2>&1 || { tail -40 "$here/build.log" >&2; exit 1; }

total=0
for target in "${targets[@]}"; do
    corpus=$here/corpus/$target
    mkdir -p "$corpus" "$here/artifacts/$target"
    case $target in
        reader | small_documents | datalink)
            find "$shared/corpus" -name '*.xml' -size -2M -exec cp -n {} "$corpus/" \; ;;
        reader_chunked)
            # The seed's first 8 bytes choose the chunk sizes.
            for f in "$shared"/corpus/*/*.xml; do
                [ "$(stat -c %s "$f")" -lt 2000000 ] || continue
                { printf 'vosia-01'; cat "$f"; } >"$corpus/$(basename "$f")"
            done ;;
    esac
    log=$here/artifacts/$target.log
    if ! cargo +nightly fuzz run -O -s "$sanitizer" "$target" "$corpus" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
        -print_final_stats=1 -artifact_prefix="$here/artifacts/$target/" >"$log" 2>&1; then
        grep -a -m 20 -E 'panicked|left:|right:|ERROR|SUMMARY|Test unit written' "$log" | cut -c1-300 >&2
        echo "fuzz: $target failed (log: fuzz/artifacts/$target.log); the input is in" \
            "fuzz/artifacts/$target/; replay: cargo +nightly fuzz run -O $target FILE" >&2
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    echo "fuzz: $target: ${runs:-?} executions in $seconds s, peak RSS ${rss:-?} MB, no crash"
    total=$((total + ${runs:-0}))
done
echo "fuzz: $total executions in all"

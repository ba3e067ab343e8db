# Shared by the benchmark scripts (source it from the repository root).
#
#   bench_build OUT PROGRAM.c   builds the library (cargo, release), copies it into OUT under
#                               its soname (so a rebuild during the run cannot change what is
#                               measured) and builds OUT/PROGRAM against that copy.
#   bench_need_hyperfine        fails with a message when hyperfine is missing.

bench_need_hyperfine() {
    command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install hyperfine" >&2; exit 1; }
}

bench_build() {
    local out=$1 src=$2 so soname
    cargo build --release --quiet
    so=$(ls target/release/libvosia.so)
    soname=$(objdump -p "$so" 2>/dev/null | awk '/SONAME/ {print $2}')
    cp "$so" "$out/${soname:-libvosia.so}"
    ln -sf "${soname:-libvosia.so}" "$out/libvosia.so"
    ${CC:-cc} -O2 -Wall -Wextra -Werror -Iinclude "$src" -L"$out" -lvosia \
        -Wl,-rpath,"$out" -o "$out/$(basename "$src" .c)"
}

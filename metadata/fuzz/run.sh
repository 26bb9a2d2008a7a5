#!/bin/sh
# Build the meta-DSO reader fuzz target and run it.
#
#   metadata/fuzz/run.sh [--build-only] [OUTDIR [SECONDS]]
#
# OUTDIR (default build-fuzz/ at the top of the source tree) receives the
# fuzzer binary, seeds/ (hand-made blobs plus every *.meta.so found under
# $FUZZ_SEED_DIRS, default $ALLOCS_META_DIR) and corpus/ (grows across runs:
# keep it to resume).  SECONDS defaults to 600.  Crashes are written to
# OUTDIR/crash-*.  Env: CLANG (default clang-14), CC (for the seed writer).
set -eu

build_only=0
if [ "${1:-}" = "--build-only" ]; then build_only=1; shift; fi
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build-fuzz}
seconds=${2:-600}
clang=${CLANG:-clang-14}
cc=${CC:-cc}
mkdir -p "$out/seeds" "$out/corpus"

if ! command -v "$clang" >/dev/null 2>&1; then
	echo "run.sh: $clang not found (apt-get install clang-14 libclang-rt-14-dev)" >&2
	exit 1
fi

"$clang" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I"$src/include" -I"$src/metadata" \
	"$src/metadata/fuzz/fuzz-metadso.c" "$src/metadata/metadso-read.c" \
	"$src/metadata/meta-paths.c" "$src/metadata/dump-print.c" \
	"$src/metadata/dump-load.c" \
	-o "$out/fuzz-metadso"
echo "run.sh: built $out/fuzz-metadso"
[ $build_only = 1 ] && exit 0

# Seeds: the unit test's hand-made blob (bare and in an ELF file), and real
# meta-DSOs when the generator has written some.
"$cc" -I"$src/include" "$src/test/lit/metadata/metadso-read-unit.c" \
	"$src/metadata/metadso-read.c" "$src/metadata/meta-paths.c" -o "$out/seed-writer"
"$out/seed-writer" "$out/seeds" >/dev/null
for d in ${FUZZ_SEED_DIRS:-${ALLOCS_META_DIR:-}}; do
	[ -d "$d" ] || continue
	find "$d" -name '*.meta.so' -size -1000k | while read -r f; do
		cp "$f" "$out/seeds/$(basename "$f")"
	done
done

cd "$out"
nice -n 10 ./fuzz-metadso -max_total_time="$seconds" -max_len=65536 \
	-print_final_stats=1 corpus seeds

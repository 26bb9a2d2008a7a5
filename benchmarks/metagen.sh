#!/bin/bash
# metagen.sh -- how long allocscheck-meta takes to write a program's meta-DSO,
# next to how long the program's own link step takes.
#
#   benchmarks/metagen.sh [--build-dir DIR] [--programs a,b] [--runs N] [--output FILE]
#
# Uses the builds that benchmarks/run.sh left in the cache directory
# (${ALLOCSCHECK_BENCH_CACHE:-$HOME/.cache/allocscheck/bench}/build/PROG/VARIANT):
# the link step's time is the one recorded by lib/cc-timed while the program's
# own build system linked it.  For the plain build that is the bare link; for
# an allocscheck build the link already includes writing the meta-DSO
# (allocscheck-ld runs the generator), so it is shown as well.  The generator
# is timed (median of N runs, default 3) on the plain -O2 -g binary, writing
# into a scratch directory.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cache=${ALLOCSCHECK_BENCH_CACHE:-$HOME/.cache/allocscheck/bench}
build_dir=$repo/build
programs="bzip2 lua sqlite jq cmark"
runs=3
output=$cache/metagen.md

while [ $# -gt 0 ]; do
	case "$1" in
	--build-dir) build_dir=$2; shift 2 ;;
	--programs) programs=${2//,/ }; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--output) output=$2; shift 2 ;;
	-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "metagen.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
done

meta=$build_dir/bin/allocscheck-meta
if [ ! -x "$meta" ]; then
	meta=$(command -v allocscheck-meta || true)
fi
if [ -z "$meta" ] || [ ! -x "$meta" ]; then
	echo "metagen.sh: no allocscheck-meta (looked in $build_dir/bin and PATH); build the product first" >&2
	exit 1
fi

# link_secs BUILD_DIR BINARY_RELPATH: the recorded time of the last link
# whose output is that binary ("" when not recorded).
link_secs() {
	local log=$1/.cc-log want
	want=$(basename "$2")
	[ -f "$log" ] || return 0
	awk -v want="$want" -v dir="$(dirname "$1/$2")" '
		$1 == "link" {
			out = $3; n = split(out, parts, "/"); base = parts[n]
			if (base == want) { secs = $2 }
		}
		END { if (secs != "") print secs }' "$log"
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

printf '%s\n' "# allocscheck-meta time against the link step" "" \
	"- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); generator: $meta" \
	"- Median of $runs generator runs, under nice -n 15 on a shared machine" "" \
	"| program | binary (plain) | .debug_info | link step, plain | link step, allocscheck build (includes metadata) | allocscheck-meta on plain binary | meta / plain link | meta-DSO size |" \
	"|---|---|---|---|---|---|---|---|" > "$scratch/out.md"

for prog in $programs; do
	recipe=$here/programs/$prog.sh
	[ -f "$recipe" ] || { echo "metagen.sh: unknown program '$prog'" >&2; continue; }
	bin=$(bash "$here/lib/recipe.sh" "$prog" bin)
	plain=$cache/build/$prog/plain
	if [ ! -x "$plain/$bin" ]; then
		echo "| $prog | not built (run benchmarks/run.sh first) | | | | | | |" >> "$scratch/out.md"
		continue
	fi
	size=$(stat -c %s "$plain/$bin")
	dinfo=$(readelf -SW "$plain/$bin" |
		sed -n 's/.*\.debug_info *PROGBITS *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\).*/\1/p')
	dinfo=$(( 16#${dinfo:-0} ))
	lp=$(link_secs "$plain" "$bin")
	la=""
	for v in ac-types ac-types-bounds; do
		[ -x "$cache/build/$prog/$v/$bin" ] && { la=$(link_secs "$cache/build/$prog/$v" "$bin"); break; }
	done
	times=() ok=1 msz=""
	for _ in $(seq "$runs"); do
		rm -rf "$scratch/meta"; mkdir -p "$scratch/meta"
		s=$(date +%s%N)
		if ! ALLOCS_META_DIR=$scratch/meta nice -n 15 "$meta" "$plain/$bin" > "$scratch/meta.log" 2>&1; then
			ok=0; break
		fi
		e=$(date +%s%N)
		times+=("$(( (e - s) / 1000000 ))")
	done
	if [ "$ok" = 1 ]; then
		med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] / 1000 }')
		msz=$(find "$scratch/meta" -type f -name '*.meta.so' -printf '%s\n' | head -n1)
		ratio=""
		[ -n "$lp" ] && ratio=$(awk -v m="$med" -v l="$lp" 'BEGIN { if (l > 0) printf "%.1fx", m / l }')
		gen="${med}s"
	else
		gen="failed: $(tail -n1 "$scratch/meta.log" | tr '|' '/')"
		ratio=""
	fi
	printf '| %s | %s KiB | %s KiB | %s | %s | %s | %s | %s |\n' "$prog" "$((size / 1024))" \
		"$(( ${dinfo:-0} / 1024 ))" "${lp:+${lp%???????}s}" "${la:+${la%???????}s}" "$gen" "$ratio" \
		"${msz:+$((msz / 1024)) KiB}" >> "$scratch/out.md"
done
mkdir -p "$(dirname "$output")"
cp "$scratch/out.md" "$output"
cat "$output"
echo "(written to $output)" >&2

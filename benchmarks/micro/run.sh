#!/bin/bash
# run.sh -- the runtime's heap micro-benchmarks, plain glibc vs. the runtime,
# in one run, with ratios.
#
#   benchmarks/micro/run.sh [BUILD_DIR]     (default: <repo>/build)
#
# Builds benchmarks/micro/heap-bench.c twice (plain; linked with
# BUILD_DIR/lib/liballocs.so), runs each workload REPEAT times (default 3,
# env REPEAT) and reports the best (lowest) time of each, the throughput
# ratio plain/runtime (1.00 = no slowdown; higher is better), peak RSS of
# a 2M-chunk heap, and allocs_lookup latencies.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
repeat=${REPEAT:-3}
lib="$build/lib"
[ -e "$lib/liballocs.so" ] || { echo "run.sh: $lib/liballocs.so not found: build first" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cc=${CC:-gcc}
$cc -O2 -g -o "$out/plain" "$here/heap-bench.c" -pthread
$cc -O2 -g -DWITH_ALLOCS -I"$repo/include" -o "$out/allocs" "$here/heap-bench.c" -pthread \
	-L"$lib" -Wl,--no-as-needed -lallocs -Wl,-rpath,"$lib"

# Plain and runtime runs alternate (so load from elsewhere on the machine
# hits both alike); each figure is the best (lowest) of $repeat runs.
# minimum per name over a file of "name value unit" lines, in first-seen order
best_of() {
	awk '{ if (!($1 in v) || $2 < v[$1]) { v[$1] = $2; u[$1] = $3 }; if (!($1 in o)) o[$1] = n++ }
	     END { for (k in o) print o[k], k, v[k], u[k] }' "$1" | sort -n | cut -d' ' -f2-
}
run_pair() {
	local mode=$1
	: > "$out/p.$mode"; : > "$out/a.$mode"
	for ((i = 0; i < repeat; i++)); do
		"$out/plain" "$mode" >> "$out/p.$mode"
		"$out/allocs" "$mode" >> "$out/a.$mode"
	done
}

echo "heap micro-benchmarks ($(date -u +%Y-%m-%d), $(nproc) CPUs, best of $repeat)"
printf '%-24s %12s %12s %10s\n' "workload" "plain" "runtime" "ratio"
for mode in churn bulk threads; do
	run_pair $mode
	paste -d' ' <(best_of "$out/p.$mode") <(best_of "$out/a.$mode") |
		awk '{ printf "%-24s %9.2f %s %9.2f %s %9.2f\n", $1, $2, "ns", $5, "ns", $2 / $5 }'
done
echo "(ratio = plain time / runtime time = runtime throughput relative to plain glibc)"
echo
printf '%-24s %12s %12s %10s\n' "memory" "plain" "runtime" "ratio"
run_pair rss
paste -d' ' <(best_of "$out/p.rss") <(best_of "$out/a.rss") |
	awk '{ printf "%-24s %8.1f MiB %8.1f MiB %9.2f\n", $1, $2, $5, $5 / $2 }'
echo "(ratio = runtime / plain)"
echo
echo "allocs_lookup latency"
run_pair lookup
best_of "$out/a.lookup" | awk '{ printf "%-24s %9.2f ns\n", $1, $2 }'

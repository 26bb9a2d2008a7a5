#!/bin/bash
# recipe.sh PROGRAM ACTION -- run one step of a program's recipe
# (benchmarks/programs/PROGRAM.sh).  harness.py calls this for every step
# that touches a program's own build system or workload, with:
#   BENCH_CACHE   cache root (sources, builds, inputs)
#   BUILD_DIR     this build's tree (a copy of the pristine source)   [build, test]
#   CC CFLAGS LDFLAGS JOBS                                            [build, test]
#   INPUT_DIR     the program's generated inputs                      [input, run]
#   BENCH_BIN     absolute path of the built program (the recipe's
#                 workload sees it as $BIN)                          [run]
# Actions: fetch (prints the pristine tree), build, test (exit 77: none),
# input, run (the timed workload; its stdout is compared across builds).
set -euo pipefail
prog=$1
action=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
recipe=$here/programs/$prog.sh
DATA=$here/programs/data
[ -f "$recipe" ] || { echo "no recipe for '$prog' ($recipe)" >&2; exit 2; }

# Defaults a recipe may override.
prepare_src() { :; }
selftest() { return 77; }
# shellcheck source=/dev/null
. "$recipe"

fetch() {
	local dest=$BENCH_CACHE/src/$prog
	# The stamp holds prepare_src's text: a changed recipe re-fetches.
	local stamp
	stamp=$(declare -f prepare_src | sha1sum)
	if [ -d "$dest/tree" ] && [ "$(cat "$dest/.ready" 2>/dev/null)" = "$stamp" ]; then
		echo "$dest/tree"; return 0
	fi
	rm -rf "$dest"; mkdir -p "$dest/dl"
	cd "$dest/dl"
	# The newest version first; a security-suite version can be listed
	# before its files reach the mirror, so fall back to the others.
	local ok=0 v
	if apt-get source -q "$PKG" > ../fetch.log 2>&1; then ok=1; else
		for v in $(apt-cache showsrc "$PKG" | awk '/^Version:/ {print $2}' | sort -rV -u); do
			find . -mindepth 1 -delete
			if apt-get source -q "$PKG=$v" >> ../fetch.log 2>&1; then ok=1; break; fi
		done
	fi
	if [ "$ok" != 1 ]; then
		echo "apt-get source $PKG failed (is there a deb-src entry?); see $dest/fetch.log" >&2
		tail -3 ../fetch.log >&2
		exit 1
	fi
	local tree
	tree=$(find . -mindepth 1 -maxdepth 1 -type d | head -n1)
	mv "$tree" ../tree
	cd ../tree
	prepare_src > ../prepare.log 2>&1 || { echo "prepare_src failed; see $dest/prepare.log" >&2; exit 1; }
	echo "$stamp" > ../.ready
	echo "$dest/tree"
}

case "$action" in
fetch) fetch ;;
build) cd "$BUILD_DIR"; build; [ -x "$BUILD_DIR/$BIN" ] || { echo "build produced no $BIN" >&2; exit 1; } ;;
bin) echo "$BIN" ;;
deps) echo "${DEPS:-}" ;;
test) cd "$BUILD_DIR"; selftest ;;
input) mkdir -p "$INPUT_DIR"; cd "$INPUT_DIR"; gen_input ;;
run) BIN=$BENCH_BIN; [ -x "$BIN" ] || { echo "no program $BIN" >&2; exit 127; }; workload ;;
*) echo "unknown action '$action'" >&2; exit 2 ;;
esac

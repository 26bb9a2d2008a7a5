#!/bin/sh
# Build a small program with allocscheck and run it: the sanitizer reports
# the type confusion in demo/confused.c.  Run from the repository root after
# building (cmake -S . -B build && cmake --build build), or name the build
# directory: ALLOCSCHECK_BUILD=DIR demo/run.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${ALLOCSCHECK_BUILD:-$here/../build}
config="$build/bin/allocscheck-config"
out=$(mktemp -d "${TMPDIR:-/tmp}/allocscheck-demo.XXXXXX")
trap 'rm -rf "$out"' EXIT
export ALLOCS_META_DIR="$out/meta"

echo "\$ gcc -o confused demo/confused.c \$(allocscheck-config --cflags --ldflags)"
gcc -o "$out/confused" "$here/confused.c" $("$config" --cflags --ldflags)

echo
echo "# the link also wrote the program's metadata (a meta-DSO, by build-id):"
echo "\$ allocscheck-dump --types confused    # (struct timer and struct packet)"
"$build/bin/allocscheck-dump" --types "$out/confused" |
	awk '/^type struct (timer|packet) size/ { p = 1; print; next } /^  / { if (p) print; next } { p = 0 }'


echo
echo "\$ ALLOCS_CHECK=warn ./confused"
ALLOCS_CHECK=warn "$out/confused" 2>&1

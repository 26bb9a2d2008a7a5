#!/bin/sh
# meta-path.sh BINARY [ROOT]: where BINARY's meta-DSO lives under ROOT
# (default $ALLOCS_META_DIR): ROOT/<first 2 hex digits of the GNU
# build-id>/<the rest>.meta.so.  Reads the build-id with readelf, so that
# the tests check the path convention independently of our own code.
id=$(readelf -n "$1" | sed -n 's/^ *Build ID: *//p' | head -n 1)
if [ -z "$id" ]; then
	echo "meta-path.sh: $1 has no GNU build-id" >&2
	exit 1
fi
root=${2:-$ALLOCS_META_DIR}
printf '%s/%s/%s.meta.so\n' "$root" "$(printf %s "$id" | cut -c1-2)" "$(printf %s "$id" | cut -c3-)"

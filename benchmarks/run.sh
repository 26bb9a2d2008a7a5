#!/bin/bash
# run.sh -- build real C programs from their Debian source packages four ways
# (plain, ASan, allocscheck types, allocscheck types+bounds), check that they
# behave alike, time them, and write benchmarks/RESULTS.md plus a plot.
#
#   benchmarks/run.sh [--quick] [--programs a,b] [--runs N] [--build-dir DIR] ...
#
# `benchmarks/run.sh --help` lists every option; benchmarks/README.md explains
# what is measured.  Downloads and builds live in the cache directory
# ${ALLOCSCHECK_BENCH_CACHE:-$HOME/.cache/allocscheck/bench}, never in the
# repository.  Needs root (or sudo) only when it must add a deb-src entry or
# install a missing build dependency.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for a in "$@"; do
	case "$a" in -h|--help) exec /usr/bin/python3 "$here/lib/harness.py" --help ;; esac
done

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo > /dev/null; then sudo "$@"
	else echo "run.sh: need root for: $*" >&2; return 1
	fi
}

# Source packages need deb-src entries.  If none is configured, add our own
# file mirroring the Debian deb entries (deb822 .sources and one-line .list
# formats both), then refresh the package lists.
ensure_deb_src() {
	local f=/etc/apt/sources.list.d/allocscheck-bench-src.sources
	if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/ \
		&& apt-cache showsrc bzip2 2>/dev/null | grep -q '^Package:'; then
		return 0
	fi
	if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		echo "run.sh: adding deb-src entries in $f" >&2
		local tmp
		tmp=$(mktemp)
		# deb822 stanzas: copy each Debian "Types: deb" stanza as deb-src.
		for s in /etc/apt/sources.list.d/*.sources; do
			[ -f "$s" ] && [ "$s" != "$f" ] || continue
			awk 'BEGIN { RS = ""; ORS = "\n\n" }
			     /URIs:[^\n]*debian/ && /Types:[^\n]*deb/ {
			         sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$s" >> "$tmp"
		done
		# One-line format: deb URI suite comps -> deb-src ...
		for s in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$s" ] || continue
			awk '$1 == "deb" && $0 ~ /debian/ { $1 = "deb-src"; print }' "$s" >> "$tmp"
		done
		if [ ! -s "$tmp" ]; then
			echo "run.sh: no Debian deb entries to mirror; add deb-src lines by hand" >&2
			rm -f "$tmp"; return 1
		fi
		if grep -q '^Types:' "$tmp"; then
			as_root install -m 644 "$tmp" "$f"
		else
			as_root install -m 644 "$tmp" "${f%.sources}.list"
		fi
		rm -f "$tmp"
	fi
	as_root nice -n 15 apt-get update -q > /dev/null
}

# Build dependencies named by the recipes (DEPS=...), plus what the harness
# itself uses: GNU make, tclsh for SQLite, matplotlib for the plot.
ensure_packages() {
	local want="make cmake python3-matplotlib patch" missing=() p
	for r in "$here"/programs/*.sh; do
		want+=" $(bash -c 'prepare_src(){ :; }; . "$1"; echo "${DEPS:-}"' x "$r")"
	done
	for p in $want; do
		dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "run.sh: installing ${missing[*]}" >&2
		as_root nice -n 15 apt-get install -y -q "${missing[@]}" > /dev/null \
			|| { as_root apt-get update -q > /dev/null &&
			     as_root nice -n 15 apt-get install -y -q "${missing[@]}" > /dev/null; }
	fi
}

ensure_deb_src
ensure_packages
exec nice -n 15 /usr/bin/python3 "$here/lib/harness.py" "$@"

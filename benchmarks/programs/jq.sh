# jq 1.6: a JSON processor with its own bytecode interpreter; every value is
# a small tagged struct (jv) pointing at refcounted, variably sized payloads.
PKG=jq
BIN=jq
DESC="JSON processor: tagged jv values, refcounted variable-size payloads, parser"
DEPS="autoconf automake libtool libonig-dev"

# The Debian source has no generated configure script.
prepare_src() {
	autoreconf -fi
}

build() {
	./configure --disable-docs --disable-maintainer-mode --disable-shared \
		--enable-static --with-oniguruma=yes CC="$CC" CFLAGS="$CFLAGS" \
		LDFLAGS="$LDFLAGS" > configure.out
	# `all`, not just `jq`: the generated sources (src/builtin.inc,
	# src/version.h) are BUILT_SOURCES, made only for all/check/install.
	make -j"$JOBS"
}

# jq's own suite (tests/*test: the language tests, regexes, shell tests).
# Without NO_VALGRIND the suite runs jq under valgrind whenever valgrind is
# installed, which is slow and breaks sanitizer runtimes.
selftest() {
	# On make's command line: the Makefile sets NO_VALGRIND (empty), which
	# an environment variable would not override, and the tests then run
	# under valgrind (slow, and a second checker over the runtime's own).
	make -j"$JOBS" check NO_VALGRIND=1
}

gen_input() {
	[ -f data.json ] || /usr/bin/python3 "$DATA/gen.py" json 3000000 > data.json
}

workload() {
	local d=$INPUT_DIR/data.json
	"$BIN" -c 'group_by(.group) | map({g: .[0].group, n: length,
		s: (map(.score) | add | floor), t: (map(.tags[]) | unique | length)})' "$d"
	"$BIN" '[.[] | select(.active and (.tags | index("heap"))) | .pos.x * .pos.y] | add' "$d"
	"$BIN" -S . "$d" | cksum
	"$BIN" -r '.[] | "\(.id)\t\(.name | ascii_upcase)\t\(.note | split(" ") | length)"' "$d" | cksum
}

# bzip2: block-sorting compressor.  Large arrays walked through pointers and
# computed indices (the BWT sort, Huffman tables): a bounds-check workload
# with few allocations.
PKG=bzip2
BIN=bzip2
DESC="compressor (BWT block sorting): array- and index-heavy, few allocations"

# Debian's Makefile links bzip2 against the shared libbz2, which at run time
# resolves to the system's (uninstrumented) copy; link the static library
# built here instead, so that the measured code is the code compiled here.
build() {
	make -j"$JOBS" CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" \
		LDFLAGS="$LDFLAGS" libbz2.a bzip2.o
	$CC $CFLAGS $LDFLAGS -o bzip2 bzip2.o libbz2.a
}

# The upstream `make test`: compresses and decompresses the sample files at
# levels 1, 2 and 3 and compares them with the reference outputs (-o bzip2:
# with the bzip2 linked above, not a relinked one).
selftest() {
	make -o bzip2 CC="$CC" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" LDFLAGS="$LDFLAGS" test
}

gen_input() {
	[ -f text.txt ] || /usr/bin/python3 "$DATA/gen.py" text 9000000 > text.txt
}

workload() {
	"$BIN" -9 -c < "$INPUT_DIR/text.txt" > t.bz2
	"$BIN" -d -c < t.bz2 > t.out
	cksum < t.bz2
	cmp t.out "$INPUT_DIR/text.txt" && echo roundtrip-ok
	rm -f t.bz2 t.out
}

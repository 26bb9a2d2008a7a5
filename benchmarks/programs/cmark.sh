# cmark: the CommonMark reference parser and renderer.  A tree of nodes linked
# by pointers, an arena-style string buffer, inline parsing with delimiter
# stacks: parser/formatter workload.
PKG=cmark
BIN=build/src/cmark
DESC="Markdown parser/renderer: pointer-linked node tree, string buffers"

build() {
	mkdir -p build
	cd build
	cmake .. -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER="$CC" \
		-DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" \
		-DCMAKE_SHARED_LINKER_FLAGS="$LDFLAGS" \
		-DPYTHON_EXECUTABLE=/usr/bin/python3 > cmake.out
	make -j"$JOBS" cmark_exe api_test   # cmark_exe: the program (cmark = the library)
}

# cmark's own ctest suite, less the *_library tests: those load libcmark.so
# into python through ctypes, which a sanitizer runtime that must come first
# in the process cannot support.
selftest() {
	cd build
	ctest --output-on-failure -E _library
}

gen_input() {
	[ -f doc.md ] || /usr/bin/python3 "$DATA/gen.py" markdown 6000000 > doc.md
}

workload() {
	local d=$INPUT_DIR/doc.md
	"$BIN" "$d" | cksum
	"$BIN" --smart -t xml "$d" | cksum
	"$BIN" -t commonmark --width 72 "$d" | cksum
	"$BIN" -t man "$d" | cksum
}

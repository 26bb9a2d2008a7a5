# SQLite 3: the amalgamation (one 8 MB C file, generated from the Debian
# source by SQLite's own build) plus its shell.  B-trees, a pager, a
# bytecode VM and its own allocator wrappers: a large, pointer-dense program.
PKG=sqlite3
BIN=sqlite3
DESC="embedded SQL database (amalgamation + shell): B-trees, VM, pager"
DEPS="tcl"   # tclsh generates the amalgamation

build() {
	./configure --disable-tcl --disable-readline --disable-editline \
		--disable-shared --enable-static CC="$CC" CFLAGS="$CFLAGS" \
		LDFLAGS="$LDFLAGS" > configure.out
	make -j"$JOBS" sqlite3
}

gen_input() {
	[ -f work.sql ] || /usr/bin/python3 "$DATA/gen.py" sql 300000 > work.sql
}

workload() {
	"$BIN" :memory: < "$INPUT_DIR/work.sql"
}

# Lua 5.4: a bytecode interpreter whose values are tagged unions (TValue),
# whose objects are cast between a common GC header and concrete types, and
# whose GC and tables allocate constantly: a type-check workload.
PKG=lua5.4
BIN=src/lua
DESC="interpreter: tagged-union values, GC header casts, constant allocation"

# Debian replaces Lua's Makefiles with a libtool build that also compiles
# every file a second time as C++; undo only that patch to get upstream's
# own build (the other Debian patches, including security fixes, stay).
# Debian's module-path patch also expects the header debian/rules writes.
prepare_src() {
	patch -R -p1 < debian/patches/0001-build-system.patch
	printf '#define DEB_HOST_MULTIARCH "%s"\n' \
		"$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)" \
		> src/lua5.4-deb-multiarch.h
}

build() {
	make -C src -j"$JOBS" CC="$CC -std=gnu99" MYCFLAGS="$CFLAGS" \
		MYLDFLAGS="$LDFLAGS" linux-noreadline
}

gen_input() { :; }

workload() {
	"$BIN" "$DATA/bench.lua" 1
}

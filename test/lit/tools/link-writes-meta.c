// REQUIRES: meta
// One gcc command compiles, links and writes the meta-DSO, named by the
// output's build-id under ALLOCS_META_DIR; the link prints nothing extra.
// RUN: rm -rf %t.meta && mkdir %t.meta
// RUN: env ALLOCS_META_DIR=%t.meta %cc -o %t %s $(%config --cflags --ldflags) 2> %t.err
// RUN: count 0 < %t.err
// RUN: test -f "$(%meta-path %t %t.meta)"
// RUN: readelf -S "$(%meta-path %t %t.meta)" | FileCheck --check-prefix=SECTION %s
// SECTION: .allocs_meta
// RUN: %t | FileCheck --check-prefix=OUT %s
// RUN: find %t.meta -type f | count 1
//
// The flags may also come first, and a later relink (new build-id) adds a
// second meta-DSO beside the first.
// RUN: env ALLOCS_META_DIR=%t.meta %cc $(%config --cflags --ldflags) -DVARIANT -o %t %s
// RUN: test -f "$(%meta-path %t %t.meta)"
// RUN: find %t.meta -type f | count 2
//
// Without ALLOCS_META_DIR, the default root (here under XDG_CACHE_HOME).
// RUN: rm -rf %t.xdg
// RUN: env -u ALLOCS_META_DIR XDG_CACHE_HOME=%t.xdg %cc -o %t %s $(%config --cflags --ldflags)
// RUN: test -f "$(%meta-path %t %t.xdg/allocscheck/meta)"

#include <stdio.h>

struct point { int x, y; };
struct point origin;

int main(void)
{
#ifdef VARIANT
	origin.y = 1;
#endif
	printf("hello %d\n", origin.x + origin.y);
	return 0;
}
// OUT: {{^hello 0$}}

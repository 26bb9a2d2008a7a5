// Types across shared objects: a struct defined, allocated and typed in a
// library is checked by casts in the executable.  The right type passes
// (one interned type for both objects' descriptors); a wrong one is
// reported with the library's allocation site.  An incomplete type (the
// executable only declares `struct handle;`) is matched by name.
// REQUIRES: plugin, runtime
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %allocscheck-cc -O0 -DLIB -shared -fPIC %s -o %t.d/libwidget.so %allocscheck-ldflags
// RUN: %allocscheck-cc -O0 %s -o %t.d/prog0 -L%t.d -lwidget -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t.d/prog0 > %t.d/out0 2>&1
// RUN: FileCheck %s < %t.d/out0
// RUN: %allocscheck-cc -O2 -DLIB -shared -fPIC %s -o %t.d/libwidget.so %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t.d/prog2 -L%t.d -lwidget -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t.d/prog2 > %t.d/out2 2>&1
// RUN: FileCheck %s < %t.d/out2
#include <stdio.h>
#include <stdlib.h>

struct widget { int id; double weight; char label[16]; };
struct gadget { double weight; int id; };

#ifdef LIB
struct handle { long fd; int mode; };

void *widget_new(int id)
{
	struct widget *w = malloc(sizeof *w);     /* line 27: the allocation site */
	w->id = id;
	w->weight = 1.5;
	return w;
}

struct handle *handle_open(void)
{
	struct handle *h = malloc(sizeof *h);
	h->fd = 3;
	h->mode = 1;
	return h;
}

void *handle_as_void(struct handle *h) { return h; }
#else
struct handle;
void *widget_new(int id);
struct handle *handle_open(void);
void *handle_as_void(struct handle *h);

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct widget *w = (struct widget *)widget_new(7);
	printf("widget %d\n", w->id);
	// CHECK: widget 7
	struct gadget *g = (struct gadget *)widget_new(8);
	// CHECK-NEXT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct gadget *`
	// CHECK-NEXT: at {{.*}}cross-library.c:[[@LINE-2]]:{{[0-9]+}} in main
	// CHECK: memory: heap allocation {{.*}} of 32 bytes, type `struct widget`, allocated at {{.*}}cross-library.c:27{{.*}} in widget_new
	struct handle *h = (struct handle *)handle_as_void(handle_open());
	struct handle *not_h = (struct handle *)(void *)w;
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct handle *`
	// CHECK-NEXT: at {{.*}}cross-library.c:[[@LINE-2]]
	// CHECK-NEXT: no `struct handle` starts there (matched by name: the type is incomplete at the cast)
	printf("%d %d %d\n", g != NULL, h != NULL, not_h != NULL);
	// CHECK: 1 1 1
	return 0;
	// CHECK: allocscheck: summary: 4 checks, 2 passed, 2 failed, 0 unknown
}
#endif

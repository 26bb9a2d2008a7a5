/*
 * dlclose-hook.c -- forget the objects a dlclose unloads.
 *
 * The program's dlclose binds to this definition (the runtime is linked
 * before libc); it calls glibc's and then re-reads the object list, so the
 * static index stops attributing addresses to an unmapped library (whose
 * range a later mapping may reuse).  The library's meta-DSO stays mapped and
 * its types stay interned: other objects may still point at them.
 *
 * dlopen is deliberately not wrapped (see metadata-load.c): new objects are
 * found the first time a lookup lands in one.
 */
#define _GNU_SOURCE
#include "metadata-load.h"
#include "heap-index.h"

#include <dlfcn.h>
#include <stdatomic.h>

typedef int dlclose_fn(void *);
static _Atomic(dlclose_fn *) real_dlclose;

/* Exported: the runtime is built with hidden visibility. */
__attribute__((visibility("default")))
int dlclose(void *handle)
{
	dlclose_fn *f = atomic_load_explicit(&real_dlclose, memory_order_acquire);
	if (!f) {
		f = (dlclose_fn *)dlsym(RTLD_NEXT, "dlclose");
		if (!f)
			return -1;
		atomic_store_explicit(&real_dlclose, f, memory_order_release);
	}
	int r = f(handle);
	allocs_meta_rescan();
	allocs_nonheap_changed();     /* cached static answers are stale */
	return r;
}

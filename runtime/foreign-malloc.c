/*
 * foreign-malloc.c -- a malloc that is not ours.
 *
 * If the executable (or a library searched before the runtime) defines
 * malloc, the dynamic linker binds every call -- the program's, libc's,
 * ours through the PLT -- to that definition, and the hooks in
 * malloc-hooks.c never run.  Detected at start-up by asking the dynamic
 * linker what `malloc` resolves to.
 */
#define _GNU_SOURCE
#include "runtime-init.h"
#include "runtime-log.h"

#include <dlfcn.h>
#include <stddef.h>

extern void *heap_own_malloc(size_t n);

void allocs_foreign_malloc_init(void)
{
	void *m = dlsym(RTLD_DEFAULT, "malloc");
	if (!m || m == (void *)heap_own_malloc)
		return;
	Dl_info info;
	const char *where = dladdr(m, &info) && info.dli_fname && *info.dli_fname ? info.dli_fname : "the executable";
	allocs_log("malloc is defined by %s, not the runtime: its chunks are not indexed\n", where);
}

/*
 * symbolize-libs.c -- open libunwind and libdw on demand
 * (symbolize-libs.h).  Called with the report lock held, so one thread at
 * a time; the outcome is kept, success or not.
 */
#include <dlfcn.h>
#include <stddef.h>

#include "symbolize-libs.h"
#include "../runtime/runtime-log.h"

struct symbolize_libs symlib;

/* The sonames of the libraries whose headers we were built against. */
#define UNWIND_SONAME "libunwind.so.8"
#define LIBDW_SONAME "libdw.so.1"

#define NAME_OF(f) NAME_OF_(f)
#define NAME_OF_(f) #f

struct sym_slot {
	const char *name;
	void **slot;   /* POSIX dlsym: function pointers stored as void * */
};

#define SYM_SLOT(f) { NAME_OF(f), (void **)&symlib.f },
static const struct sym_slot unwind_slots[] = { SYMBOLIZE_UNWIND_FNS(SYM_SLOT) };
static const struct sym_slot libdw_slots[] = { SYMBOLIZE_LIBDW_FNS(SYM_SLOT) };

/* state: 0 not tried, 1 open, -1 failed (logged once). */
static int open_lib(const char *soname, const char *what, const struct sym_slot *slots,
		    size_t n, int *state)
{
	if (*state)
		return *state > 0 ? 0 : -1;
	*state = -1;
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		allocs_log("%s unavailable: %s\n", what, dlerror());
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!(*slots[i].slot = dlsym(h, slots[i].name))) {
			allocs_log("%s unavailable: %s has no %s\n", what, soname, slots[i].name);
			return -1;
		}
	*state = 1;
	return 0;
}

int symbolize_unwind_open(void)
{
	static int state;
	return open_lib(UNWIND_SONAME, "backtraces", unwind_slots,
			sizeof unwind_slots / sizeof unwind_slots[0], &state);
}

int symbolize_libdw_open(void)
{
	static int state;
	return open_lib(LIBDW_SONAME, "file:line symbolization", libdw_slots,
			sizeof libdw_slots / sizeof libdw_slots[0], &state);
}

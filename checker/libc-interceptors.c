/*
 * libc-interceptors.c -- memcpy & co. called from code the plugin did not
 * instrument (libraries built without it, calls through function
 * pointers): checked against the bounds of the heap chunk they write.
 *
 * Calls from instrumented code are checked at the call site, with
 * sub-object bounds (gcc-plugin/instrument-libc-calls.cc); what reaches
 * these definitions is everything that goes through the PLT to liballocs,
 * which precedes libc in the program's lookup order.  glibc's own internal
 * calls do not use the PLT and are not seen.
 *
 * Only heap chunks are looked up here: their lookup is a short lock-free
 * bit scan, while a stack lookup unwinds (far too dear for every memcpy of
 * every library) -- stack and static destinations are checked only in
 * instrumented code.
 *
 * They do bounds work, so they work only in a process that asked for bounds
 * checks: every object the plugin built with checks=bounds runs a
 * constructor calling __allocs_bounds_enable() (gcc-plugin/instrument-libc-
 * calls.cc); a program built with checks=types only never calls it, and
 * its memcpys cost one load and a predicted branch more than glibc's.
 *
 * The real functions are reached through glibc's fortified entry points
 * (__memcpy_chk with an unlimited destination size, ...): they are
 * exported, call glibc's internal implementation directly (no PLT, so no
 * recursion into us), and need no dlsym, which may allocate and is unsafe
 * this early.  They are declared under other C names (asm labels) so that
 * GCC does not recognise them as builtins and fold them back into calls
 * of memcpy, which would recurse.
 */
#include "bounds.h"
#include "../runtime/heap-index.h"

#include <string.h>

#define LIBC_EXPORT __attribute__((visibility("default")))

void *real_memcpy_chk(void *, const void *, size_t, size_t) __asm__("__memcpy_chk");
void *real_memmove_chk(void *, const void *, size_t, size_t) __asm__("__memmove_chk");
void *real_memset_chk(void *, int, size_t, size_t) __asm__("__memset_chk");
char *real_strcpy_chk(char *, const char *, size_t) __asm__("__strcpy_chk");
char *real_strcat_chk(char *, const char *, size_t) __asm__("__strcat_chk");
char *real_strncpy_chk(char *, const char *, size_t, size_t) __asm__("__strncpy_chk");
void *real_rawmemchr(const void *, int) __asm__("__rawmemchr");

/* Set (never cleared) by the first object built with bounds checks.  A
 * plain int read relaxed: it changes once, at start-up, before the
 * program's own code runs. */
static int bounds_wanted;

CHECKER_EXPORT void __allocs_bounds_enable(void)
{
	__atomic_store_n(&bounds_wanted, 1, __ATOMIC_RELAXED);
}

/* Does [p, p + len) fit the heap chunk holding p (if any)?  Reports when
 * it does not.  Runs before the call, like the instrumented checks. */
static void check_heap_range(const void *p, size_t len, uint32_t flags, const char *fn)
{
	if (!len || !__atomic_load_n(&bounds_wanted, __ATOMIC_RELAXED) ||
	    checker_mode() == ALLOCS_CHECK_OFF)
		return;
	struct allocs_info in;
	if (heap_lookup(p, &in) != 0)
		return;
	uint64_t base = (uintptr_t)in.base, off = (uintptr_t)p - base;
	if (off <= in.size && len <= in.size - off)
		return;
	struct bounds_report br = {
		.kind = BR_LIBC, .addr = (uintptr_t)p, .len = len, .flags = flags, .base = base,
		.size = in.size, .have_bounds = 1, .fn = fn,
	};
	/* one report per function name: there is no call-site record */
	if (bounds_fail_policy(NULL)) {
		report_bounds(&br);
		bounds_after_report();
	}
}

static size_t str_size(const char *s)
{
	return (size_t)((const char *)real_rawmemchr(s, 0) - s) + 1;
}

LIBC_EXPORT void *memcpy(void *d, const void *s, size_t n)
{
	check_heap_range(d, n, ALLOCS_ACCESS_WRITE, "memcpy");
	check_heap_range(s, n, ALLOCS_ACCESS_READ, "memcpy");
	return real_memcpy_chk(d, s, n, (size_t)-1);
}

LIBC_EXPORT void *memmove(void *d, const void *s, size_t n)
{
	check_heap_range(d, n, ALLOCS_ACCESS_WRITE, "memmove");
	check_heap_range(s, n, ALLOCS_ACCESS_READ, "memmove");
	return real_memmove_chk(d, s, n, (size_t)-1);
}

LIBC_EXPORT void *memset(void *d, int c, size_t n)
{
	check_heap_range(d, n, ALLOCS_ACCESS_WRITE, "memset");
	return real_memset_chk(d, c, n, (size_t)-1);
}

LIBC_EXPORT char *strcpy(char *d, const char *s)
{
	check_heap_range(d, str_size(s), ALLOCS_ACCESS_WRITE, "strcpy");
	return real_strcpy_chk(d, s, (size_t)-1);
}

LIBC_EXPORT char *strcat(char *d, const char *s)
{
	check_heap_range(d, str_size(d) - 1 + str_size(s), ALLOCS_ACCESS_WRITE, "strcat");
	return real_strcat_chk(d, s, (size_t)-1);
}

LIBC_EXPORT char *strncpy(char *d, const char *s, size_t n)
{
	check_heap_range(d, n, ALLOCS_ACCESS_WRITE, "strncpy");
	return real_strncpy_chk(d, s, n, (size_t)-1);
}

/*
 * bounds-libc.c -- the checks instrumented code makes at accesses it sees
 * directly: array indexing (a[i] with the index outside the array) and
 * calls of library functions that read or write through their pointer
 * arguments (memcpy, strcpy, memset, sprintf...: the plugin computes the
 * byte count and passes the bounds it knows for the pointer, which may be
 * a sub-object's: `memcpy(&s->name, ...)` is checked against `name`).
 * Library code is not instrumented, so these are checked before the call.
 */
#include "bounds.h"
#include "suppressions.h"

int bounds_fail_policy(const struct allocs_srcloc *site)
{
	checker_count(CTR_BOUNDS_FAILED);
	enum allocs_check_mode m = checker_mode();
	if (m == ALLOCS_CHECK_COUNT || m == ALLOCS_CHECK_OFF)
		return 0;
	if (m == ALLOCS_CHECK_WARN && site && !checker_first_at_site(site))
		return 0;
	return 1;
}

void bounds_after_report(void)
{
	/* A report ALLOCS_SUPPRESS silenced does not abort (report.c). */
	if (checker_mode() == ALLOCS_CHECK_ABORT && !supp_last_suppressed)
		checker_abort();
}

CHECKER_EXPORT unsigned __allocs_index_fail(const void *elem, const void *array, uint64_t array_size,
					int64_t index, uint64_t nelems, uint64_t elem_size,
					uint32_t flags, const struct allocs_srcloc *loc)
{
	if (checker_mode() == ALLOCS_CHECK_OFF)
		return 0;
	struct bounds_report br = {
		.kind = BR_INDEX, .addr = ALLOCS_DETRAP((uintptr_t)elem), .len = elem_size,
		.flags = flags, .base = ALLOCS_DETRAP((uintptr_t)array), .size = array_size,
		.have_bounds = 1, .loc = loc, .index = index, .nelems = nelems,
	};
	if (bounds_fail_policy(loc)) {
		report_bounds(&br);
		bounds_after_report();
	}
	return 0;
}

CHECKER_EXPORT void *__allocs_check_access(const void *p, uint64_t len, uint64_t base,
					   uint64_t size, uint32_t flags, const char *fn,
					   const struct allocs_srcloc *loc)
{
	uint64_t v = (uintptr_t)p;
	uint64_t a = ALLOCS_DETRAP(v);
	if (len == 0 || checker_mode() == ALLOCS_CHECK_OFF)
		return (void *)(uintptr_t)a;
	/* Bounds the caller had (static or fetched); a trapped pointer keeps
	 * the ones it left. */
	if (ALLOCS_IS_TRAPPED(v)) {
		struct trapped_entry e;
		if ((v >> ALLOCS_TRAP_SHIFT) == ALLOCS_TRAP_ONE_PAST && a - base < size) {
			/* one past a sub-object, inside the bounds the caller has
			 * for the call (mem*: the allocation): `memcpy ((char *)
			 * &hdr[1], ...)` writes the chunk's trailing data */
		} else if (trapped_find(v, &e) == 0) {
			base = e.base;
			size = e.size;
		} else if (a - base < size) {
			size = 0;               /* trapped but seemingly inside: it is not */
			base = a;
		}
	}
	if (a - base <= size && len <= size - (a - base))
		return (void *)(uintptr_t)a;
	struct bounds_report br = {
		.kind = BR_LIBC, .addr = a, .len = len, .flags = flags, .base = base,
		.size = size, .have_bounds = 1, .loc = loc, .fn = fn,
	};
	if (bounds_fail_policy(loc)) {
		report_bounds(&br);
		bounds_after_report();
	}
	return (void *)(uintptr_t)a;
}

CHECKER_EXPORT void *__allocs_libc_arg(const void *p, const char *fn,
				       const struct allocs_srcloc *loc)
{
	uint64_t v = (uintptr_t)p;
	if (!ALLOCS_IS_TRAPPED(v))
		return (void *)p;
	uint64_t a = ALLOCS_DETRAP(v);
	if ((v >> ALLOCS_TRAP_SHIFT) == ALLOCS_TRAP_ONE_PAST || checker_mode() == ALLOCS_CHECK_OFF)
		return (void *)(uintptr_t)a;
	struct trapped_entry e;
	struct bounds_report br = {
		.kind = BR_LIBC_ARG, .addr = a, .loc = loc, .fn = fn,
	};
	if (trapped_find(v, &e) == 0) {
		br.base = e.base;
		br.size = e.size;
		br.have_bounds = 1;
		br.derived_at = e.loc;
	}
	if (bounds_fail_policy(loc)) {
		report_bounds(&br);
		bounds_after_report();
	}
	return (void *)(uintptr_t)a;
}

CHECKER_EXPORT uint64_t __allocs_checked_strsize(const void *p, uint64_t base, uint64_t size,
						 const char *fn, const struct allocs_srcloc *loc)
{
	uint64_t v = (uintptr_t)p;
	uint64_t a = ALLOCS_DETRAP(v);
	if (!a)
		return 0;
	if (ALLOCS_IS_TRAPPED(v)) {
		struct trapped_entry e;
		if (trapped_find(v, &e) == 0) {
			base = e.base;
			size = e.size;
		} else {
			base = a;
			size = 0;
		}
	}
	const char *s = (const char *)(uintptr_t)a;
	if (a - base >= size) {
		/* outside its bounds already: reading it at all is the error */
		struct bounds_report br = {
			.kind = BR_LIBC, .addr = a, .len = 1, .flags = ALLOCS_ACCESS_READ,
			.base = base, .size = size, .have_bounds = 1, .loc = loc, .fn = fn,
		};
		if (bounds_fail_policy(loc)) {
			report_bounds(&br);
			bounds_after_report();
		}
		uint64_t n = 0;
		while (s[n])
			n++;
		return n + 1;
	}
	uint64_t room = size - (a - base);
	for (uint64_t n = 0; n < room; n++)
		if (s[n] == 0)
			return n + 1;
	/* no terminator inside the bounds: the library would read past them */
	struct bounds_report br = {
		.kind = BR_LIBC, .addr = a, .len = room + 1, .flags = ALLOCS_ACCESS_READ,
		.base = base, .size = size, .have_bounds = 1, .loc = loc, .fn = fn,
	};
	if (bounds_fail_policy(loc)) {
		report_bounds(&br);
		bounds_after_report();
	}
	uint64_t n = room;
	while (s[n])
		n++;
	return n + 1;
}

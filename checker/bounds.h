/*
 * bounds.h -- internal interfaces of the bounds checker's files.
 *
 * bounds-fetch.c   __allocs_fetch_bounds: the bounds a derivation from p
 *                  must stay within (allocation lookup + type walk)
 * trapped-ptr.c    __allocs_derive_slow; trapping and the per-thread
 *                  table of recently trapped pointers and their bounds
 * fault-handler.c  SIGSEGV/SIGBUS: a dereference of a trapped pointer
 * bounds-libc.c    checks of library calls made by instrumented code
 * report.c         report_bounds (shares the bad-cast report's helpers)
 *
 * The ABI instrumented code calls is include/allocs-check.h, section
 * "Bounds checks".
 */
#ifndef ALLOCSCHECK_BOUNDS_H
#define ALLOCSCHECK_BOUNDS_H

#include "checker.h"

#pragma GCC visibility push(hidden)

#define BOUNDS_UNBOUNDED_SIZE UINT64_MAX

static inline allocs_bounds_t bounds_make(uint64_t base, uint64_t size)
{
	return ((allocs_bounds_t)size << 64) | base;
}


/* ---- trapped-ptr.c ---- */
struct trapped_entry {
	uint64_t trapped;                 /* the trapped value handed out */
	uint64_t base, size;              /* the bounds it left */
	const struct allocs_srcloc *loc;  /* where it was derived */
};
/* The newest entry of this thread's table holding exactly `trapped`
 * (copied to *out): 0, else -1. */
int trapped_find(uint64_t trapped, struct trapped_entry *out);
/* Traps a (un-trapped, outside [base, base+size)) and records it. */
uint64_t trapped_make(uint64_t a, uint64_t base, uint64_t size,
		      const struct allocs_srcloc *loc);

/* ---- report.c ---- */
enum bounds_report_kind {
	BR_DEREF,        /* a trapped pointer was dereferenced (fault) */
	BR_INDEX,        /* a[i] with i outside the array, before the access */
	BR_LIBC,         /* a library call would access outside the bounds */
	BR_LIBC_ARG,     /* an out-of-bounds pointer passed to a library call */
};
struct bounds_report {
	enum bounds_report_kind kind;
	uint64_t addr;                    /* first byte accessed (un-trapped) */
	uint64_t len;                     /* bytes accessed, 0 when unknown */
	uint32_t flags;                   /* ALLOCS_ACCESS_* */
	uint64_t base, size;              /* bounds the access had to stay in */
	int have_bounds;
	const struct allocs_srcloc *loc;  /* the access (index, libc) */
	const struct allocs_srcloc *derived_at; /* the derivation (deref) */
	const char *fn;                   /* library function, BR_LIBC* */
	int64_t index;                    /* BR_INDEX */
	uint64_t nelems;                  /* BR_INDEX */
	uintptr_t fault_pc;               /* BR_DEREF */
};
void report_bounds(const struct bounds_report *br);

/* Counts a bounds failure and applies the policy: 1 if it must be
 * reported now (the caller reports, then calls bounds_after_report). */
int bounds_fail_policy(const struct allocs_srcloc *site);
void bounds_after_report(void);

#pragma GCC visibility pop

#endif

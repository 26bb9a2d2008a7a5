/*
 * checker.h -- internal interfaces between the checker's files.
 *
 * check-cast.c   the entry point, its per-thread cache, the slow path
 * note-alloc.c   typing chunks at allocation; lazy typing; specialisation
 * typedesc.c     plugin type descriptors -> uniqtypes, resolved once
 * policy.c       ALLOCS_CHECK, strict mode, once-per-site reporting
 * counters.c     per-thread counters and the exit summary
 * report.c       bad-cast reports
 * symbolize.c    backtraces and code/data addresses -> file:line, names
 */
#ifndef ALLOCSCHECK_CHECKER_H
#define ALLOCSCHECK_CHECKER_H

#include <stddef.h>
#include <stdint.h>
#include "allocs.h"
#include "allocs-check.h"
#include "is-a.h"
#include "../runtime/options.h"

/* The entry points instrumented code calls (the library hides the rest). */
#define CHECKER_EXPORT __attribute__((visibility("default")))

/* Runtime functions the checker calls.  Weak, so that the checker degrades
 * to "unknown" rather than failing to link if a part is left out of a build. */
const struct uniqtype *allocs_uniqtype_by_identity(uint64_t id) __attribute__((weak));
int allocs_lookup(const void *p, struct allocs_info *out) __attribute__((weak));
int allocs_heap_set_type(const void *base, const struct uniqtype *t) __attribute__((weak));
int heap_index_contains_start(const void *base) __attribute__((weak));
const struct uniqtype *allocs_uniqtype_complete_by_name(const char *name) __attribute__((weak));

#pragma GCC visibility push(hidden)

/* uniqtype.flags bit used by the checker only: a heap chunk's type that a
 * cast guessed (lazy typing) for a chunk bigger than the type, which may be
 * a buffer reused for several types (note-alloc.c). */
#define CHECKER_F_SOFT 0x8000u

/* ---- note-alloc.c ---- */
struct heap_stamp;
/* st: the chunk's stamp from the lookup that found it (NULL if none) */
int lazy_type_chunk(const struct allocs_info *info, const struct heap_stamp *st,
		    struct allocs_typedesc *td);
/* The same for a chunk found at its start by heap_start_type (untyped):
 * 1 typed, 0 not (the full check decides). */
struct heap_start;
int lazy_type_start(const struct heap_start *hs, struct allocs_typedesc *td);
int specialise_chunk(const struct allocs_info *info, uint64_t offset, const struct isa_target *t);
int demote_soft_chunk(const struct allocs_info *info);

/* ---- typedesc.c ---- */
/* The interned uniqtype of td, or NULL (incomplete, function, or not in any
 * loaded metadata).  Resolved once per descriptor; lock-free afterwards. */
const struct uniqtype *td_resolve(struct allocs_typedesc *td);
void td_target(struct allocs_typedesc *td, struct isa_target *out);
/* For an incomplete target: is its tag complete anywhere in the loaded
 * metadata?  0 for an opaque handle type that nothing defines. */
int td_tag_defined(struct allocs_typedesc *td);

/* ---- policy.c ---- */
enum allocs_check_mode checker_mode(void);     /* enum from runtime/options.h */
unsigned checker_isa_mode(void);               /* ISA_STRICT or 0 */
/* 1 the first time a failure at loc is seen (report it), 0 afterwards. */
int checker_first_at_site(const struct allocs_srcloc *loc);
/* After a report in abort mode: summary, then abort(). */
void checker_abort(void) __attribute__((noreturn));

/* ---- counters.c ---- */
enum checker_counter {
	CTR_CHECKS, CTR_FAILED, CTR_UNKNOWN,      /* passed = checks - failed - unknown */
	CTR_CACHE_HITS, CTR_LAZY_TYPED, CTR_SPECIALISED, CTR_NOTES,
	CTR_AT_START,           /* passes read off the chunk starting at p */
	/* bounds (bounds.h): */
	CTR_BOUNDS_FETCHED,     /* __allocs_fetch_bounds calls */
	CTR_INDEX_QUERIES,      /* allocation index lookups made for bounds */
	CTR_BOUNDS_UNKNOWN,     /* fetches answered "unbounded" (unindexed memory) */
	CTR_DERIVE_SLOW,        /* derivations that left the inline fast path */
	CTR_ONE_PAST,           /* one-past-the-end pointers made */
	CTR_OOB_CREATED,        /* other out-of-bounds pointers made */
	CTR_BACK_IN,            /* trapped pointers that came back in bounds */
	CTR_BOUNDS_FAILED,      /* out-of-bounds accesses found */
	CTR_N
};
struct ctr_block {
	uint64_t c[CTR_N];
} __attribute__((aligned(64)));
/* This thread's block (NULL until its first count). */
extern __thread struct ctr_block *checker_ctr
	__attribute__((tls_model("initial-exec")));
extern struct ctr_block checker_shared_ctr;    /* overflow block: atomic adds */
struct ctr_block *checker_ctr_acquire(void);

/* This thread's counter block. */
static inline struct ctr_block *checker_counters(void)
{
	struct ctr_block *b = checker_ctr;
	if (__builtin_expect(!b, 0))
		b = checker_ctr = checker_ctr_acquire();
	return b;
}

/* Plain increments of the thread's own block: no atomic read-modify-write
 * on the check path (the shared overflow block needs one). */
static inline void checker_inc(struct ctr_block *b, enum checker_counter c)
{
	if (__builtin_expect(b == &checker_shared_ctr, 0))
		__atomic_fetch_add(&b->c[c], 1, __ATOMIC_RELAXED);
	else
		__atomic_store_n(&b->c[c], __atomic_load_n(&b->c[c], __ATOMIC_RELAXED) + 1,
				 __ATOMIC_RELAXED);
}

static inline void checker_count(enum checker_counter c)
{
	checker_inc(checker_counters(), c);
}
void checker_print_summary(void);              /* once per process */

/* ---- report.c ---- */
struct bad_cast {
	const void *p;
	const struct allocs_typedesc *target;
	const struct allocs_srcloc *loc;
	const struct allocs_info *info;                /* what the memory is */
	const char *why;                               /* NULL: type mismatch */
};
/* 1 when reported, 0 when ALLOCS_SUPPRESS silenced it (then no abort). */
int report_bad_cast(const struct bad_cast *bc);

/* ---- symbolize.c ---- */
/* Return addresses of the current stack, innermost first, skipping `skip`
 * frames of the checker itself.  Returns the count. */
int sym_backtrace(void **pcs, int max, int skip);
/* Function name and "file:line:col" (or "(module+0xoff)") of a code
 * address; pc is taken as a return address (the call is the instruction
 * before it) when is_return is set.  0 on success. */
int sym_code(uintptr_t pc, int is_return, char *fn_buf, size_t fn_size,
	     char *loc_buf, size_t loc_size);
/* The source-level frames at one code address, innermost first: the
 * function containing it, then (at -O2) each function it was inlined into,
 * with the call's location.  Returns the count (>= 1 when max >= 1). */
struct sym_frame {
	char fn[128];
	char loc[384];
};
int sym_code_frames(uintptr_t pc, int is_return, struct sym_frame *out, int max);
/* Name of the symbol holding a data address, e.g. a static variable. */
int sym_data(uintptr_t addr, char *buf, size_t size);

#pragma GCC visibility pop

#endif

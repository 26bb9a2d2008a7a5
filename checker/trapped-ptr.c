/*
 * trapped-ptr.c -- derivations that leave their bounds.
 *
 * An out-of-bounds pointer is legal C practice until it is used, so a
 * derivation never reports: it returns the pointer *trapped* (tag bits in
 * 48..62: a non-canonical x86-64 address, so a dereference faults and
 * fault-handler.c reports it).  Arithmetic on a trapped pointer keeps the
 * tag, and the next derivation's inline check fails on it, so we come back
 * here and un-trap it if it is in bounds again.
 *
 * Each thread remembers its recently trapped pointers with the bounds
 * they left and where they were derived: the fault handler and
 * __allocs_fetch_bounds look them up by value.  A direct-mapped table
 * keyed by the trapped value (a lookup is one probe: __allocs_fetch_bounds
 * asks for every trapped pointer reloaded from memory, and most of those
 * asks miss; a scan of a 64-entry ring cost ~400 instructions each, 22% of
 * jq's).  A newer pointer hashing to the same entry replaces the older,
 * which only costs report detail (and bounds of a trapped pointer stored
 * away long ago: it then stays trapped).
 */
#include "bounds.h"

#define TRAPPED_N 256u                  /* power of two */

static __thread struct trapped_entry ttab[TRAPPED_N] __attribute__((tls_model("initial-exec")));

static inline struct trapped_entry *trapped_slot(uint64_t t)
{
	return &ttab[((t >> 3) ^ (t >> 11) ^ (t >> 19)) & (TRAPPED_N - 1)];
}

/* Signals: the fault handler reads this thread's table in the middle of
 * anything; trapped_make clears the key first and sets it last, and the
 * reader re-checks the key after copying. */
int trapped_find(uint64_t trapped, struct trapped_entry *out)
{
	const struct trapped_entry *e = trapped_slot(trapped);
	if (!trapped || e->trapped != trapped)
		return -1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	*out = *e;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return e->trapped == trapped ? 0 : -1;
}

uint64_t trapped_make(uint64_t a, uint64_t base, uint64_t size,
		      const struct allocs_srcloc *loc)
{
	uint64_t tag = a == base + size ? ALLOCS_TRAP_ONE_PAST : ALLOCS_TRAP_OOB;
	uint64_t t = a | (tag << ALLOCS_TRAP_SHIFT);
	/* the same pointer trapped again (each pass of a loop): one entry,
	 * describing the latest derivation */
	struct trapped_entry *e = trapped_slot(t);
	e->trapped = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	e->base = base;
	e->size = size;
	e->loc = loc;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	e->trapped = t;
	return t;
}

CHECKER_EXPORT void *__allocs_derive_slow(void *q, uint64_t base, uint64_t size,
					  const struct allocs_srcloc *loc)
{
	uint64_t v = (uintptr_t)q;
	int was = ALLOCS_IS_TRAPPED(v);
	uint64_t a = ALLOCS_DETRAP(v);
	struct ctr_block *b = checker_counters();
	checker_inc(b, CTR_DERIVE_SLOW);
	if (a - base < size) {
		if (was)
			checker_inc(b, CTR_BACK_IN);
		return (void *)(uintptr_t)a;
	}
	if (__builtin_expect(checker_mode() == ALLOCS_CHECK_OFF, 0))
		return (void *)(uintptr_t)a;
	/* Only user-space addresses can carry a tag (a pointer that wrapped
	 * below 0 or above 2^47 is left alone: it faults on its own). */
	if (a >> 47)
		return (void *)(uintptr_t)a;
	checker_inc(b, a == base + size ? CTR_ONE_PAST : CTR_OOB_CREATED);
	return (void *)(uintptr_t)trapped_make(a, base, size, loc);
}

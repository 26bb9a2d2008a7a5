/*
 * typedesc.c -- plugin type descriptors -> interned uniqtypes.
 *
 * Each descriptor's cache word is set once, by compare-and-swap, to the
 * uniqtype or to TD_UNRESOLVED.  Later calls cost one load.  A type that no
 * loaded meta-DSO describes stays unresolved: checks then compare by
 * identity (the allocation's uniqtype carries it), only lazy typing and
 * allocation typing need the descriptor itself.
 */
#include "checker.h"
#include "allocs-check.h"

#define TD_UNRESOLVED ((void *)1)

const struct uniqtype *td_resolve(struct allocs_typedesc *td)
{
	void *c = __atomic_load_n(&td->cache, __ATOMIC_ACQUIRE);
	if (c == TD_UNRESOLVED)
		return NULL;
	if (c)
		return c;
	const struct uniqtype *u = NULL;
	if (!(td->flags & (ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION)) && allocs_uniqtype_by_identity)
		u = allocs_uniqtype_by_identity(td->identity);
	void *expected = NULL;
	void *want = u ? (void *)u : TD_UNRESOLVED;
	if (!__atomic_compare_exchange_n(&td->cache, &expected, want, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return expected == TD_UNRESOLVED ? NULL : expected;
	return u;
}

void td_target(struct allocs_typedesc *td, struct isa_target *out)
{
	out->type = td_resolve(td);
	out->identity = td->identity;
	out->name = td->name;
	out->size = td->size;
	out->flags = td->flags;
	out->degree = td->degree;
}

/*
 * typedesc.c -- plugin type descriptors -> interned uniqtypes.
 *
 * Each descriptor's cache word holds the uniqtype once resolved (one load
 * per later call), or, while unresolved, an odd number: (misses << 1) | 1.
 * A type that no loaded meta-DSO describes yet (it may be in a library
 * dlopen'ed later) is looked up again on the 1st, 2nd, 4th, 8th... miss:
 * rare retries, so an unresolvable type costs almost nothing on the
 * allocation path, yet a late-loaded description is found.  Checks do not
 * need the descriptor (they compare identities, which the allocation's
 * uniqtype carries); allocation typing and lazy typing do.
 */
#include "checker.h"
#include "allocs-check.h"

#define TD_MAX_RETRY_MISSES (1u << 24)   /* then stop retrying */

static const struct uniqtype *lookup(const struct allocs_typedesc *td)
{
	if ((td->flags & (ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION)) || !allocs_uniqtype_by_identity)
		return NULL;
	return allocs_uniqtype_by_identity(td->identity);
}

const struct uniqtype *td_resolve(struct allocs_typedesc *td)
{
	if (td->flags & (ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION))
		return NULL;    /* nothing to resolve; the cache word is td_tag_defined's */
	void *c = __atomic_load_n(&td->cache, __ATOMIC_ACQUIRE);
	if (c && !((uintptr_t)c & 1))
		return c;
	uintptr_t misses = (uintptr_t)c >> 1;
	if (misses >= TD_MAX_RETRY_MISSES || (c && (misses & (misses - 1)))) {
		/* not a retry point: count the miss (racy increments are fine) */
		if (misses < TD_MAX_RETRY_MISSES)
			__atomic_compare_exchange_n(&td->cache, &c, (void *)(((misses + 1) << 1) | 1), 0,
						    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
		return NULL;
	}
	const struct uniqtype *u = lookup(td);
	void *want = u ? (void *)u : (void *)(((misses + 1) << 1) | 1);
	if (!__atomic_compare_exchange_n(&td->cache, &c, want, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return c && !((uintptr_t)c & 1) ? c : u;
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

/* Opaque handles: a public header declares `struct sqlite3_stmt` and never
 * defines it; the library converts its own `Vdbe *` to it and back.  No
 * object can be accessed through a type defined nowhere, so such a cast
 * cannot be wrong, and matching by name would always fail.  The answer is
 * kept in the descriptor's cache word (unused for incomplete types):
 * TAG_DEFINED or TAG_UNDEFINED.  A definition in a library loaded after the
 * first check is not seen (those checks stay unknown). */
#define TAG_DEFINED   ((void *)2)
#define TAG_UNDEFINED ((void *)4)

int td_tag_defined(struct allocs_typedesc *td)
{
	void *c = __atomic_load_n(&td->cache, __ATOMIC_ACQUIRE);
	if (c == TAG_DEFINED || c == TAG_UNDEFINED)
		return c == TAG_DEFINED;
	if (!allocs_uniqtype_complete_by_name)
		return 1;       /* cannot tell: match by name as before */
	int defined = allocs_uniqtype_complete_by_name(td->name) != NULL;
	__atomic_store_n(&td->cache, defined ? TAG_DEFINED : TAG_UNDEFINED, __ATOMIC_RELEASE);
	return defined;
}

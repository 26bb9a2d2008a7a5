/*
 * note-alloc.c -- giving heap chunks their types.
 *
 * Three ways, all ending in one allocs_heap_set_type(base, T):
 *  - at allocation: the plugin saw the result converted to T * and calls
 *    __allocs_note_alloc.  One resolved-once descriptor load and one store
 *    into the chunk's metadata: cheap enough for every malloc.  Results of
 *    allocation wrappers the plugin inferred retype the chunk with lazy
 *    typing's strength (retype_recycled).
 *  - lazy typing: a chunk nobody typed (allocated as void * or char *,
 *    by uninstrumented code, or through an unknown wrapper) takes the type
 *    of the first checked cast to T * that points at its start.
 *  - specialisation: a chunk typed as generic pointers (void *, from
 *    `void **v = malloc(n * sizeof(void *))`) takes the first concrete
 *    pointer type a cast names (int ** gives it type int *).
 * A chunk is always typed T, never T[n]: the walk reads a chunk bigger than
 * its type as an array of it (is-a.h), so no array types are invented and
 * realloc growth needs no retyping.
 */
#include "checker.h"
#include "../runtime/internal-alloc.h"
#include "../runtime/heap-chunk.h"
#include "../runtime/heap-index.h"
#include "../runtime/heap-ids.h"

static int typeable(const struct allocs_typedesc *td)
{
	return !(td->flags & (ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION));
}

static const struct uniqtype *soft_version(const struct uniqtype *t);

/* The result of an allocation wrapper the plugin inferred (alloc-sites.cc:
 * a free-list or pool allocator, xmalloc...) converted to T *: the storage
 * is new, whatever the chunk held before, so it is retyped, with the
 * strength lazy typing would give it: hard when the chunk holds exactly
 * one T, soft when bigger, because such wrappers hand out chunks that
 * their callers carve (dtoa's rv_alloc: an int header, then a string, in
 * a recycled Bigint).  A pointer that is not a chunk's start (a pool slot
 * inside a bigger chunk) leaves the chunk as it was. */
static void retype_recycled(void *p, const struct uniqtype *t)
{
	struct allocs_info in;
	if (heap_lookup(p, &in) != 0 || in.base != p || in.size < t->size)
		return;
	int exact = in.size == t->size || (t->flags & UNIQTYPE_F_HAS_FLEXIBLE);
	allocs_heap_set_type(p, exact ? t : soft_version(t));
}

CHECKER_EXPORT void *__allocs_note_alloc(void *p, struct allocs_typedesc *type, uint32_t flags)
{
	if (!p || !type || !typeable(type) || !allocs_heap_set_type)
		return p;
	checker_count(CTR_NOTES);
	const struct uniqtype *t = td_resolve(type);
	if (!t || t->size == UNIQTYPE_SIZE_UNKNOWN || t->size == 0 || uniqtype_is_char(t))
		return p;
	if (flags & ALLOCS_NOTE_INFERRED)
		retype_recycled(p, t);
	else if ((flags & ALLOCS_NOTE_CARVED) && !(t->flags & UNIQTYPE_F_HAS_FLEXIBLE))
		allocs_heap_set_type(p, soft_version(t));   /* a header and more: alloc-sites.cc */
	else
		allocs_heap_set_type(p, t);   /* -1: not a chunk start (an arena): stays untyped */
	return p;
}

CHECKER_EXPORT int __allocs_note_alloc_out(int ret, void **pp, struct allocs_typedesc *type, uint32_t flags)
{
	if (ret == 0 && pp)
		__allocs_note_alloc(*pp, type, flags);
	return ret;
}

/* Lazy types come in two strengths.  A chunk holding exactly one T (or a
 * T with its flexible tail) is typed T for good: later casts to anything
 * else are reported.  A bigger chunk may be a buffer or an arena that a
 * program carves into objects of several types, so it gets a *soft* T: a
 * copy of T's descriptor marked CHECKER_F_SOFT (same identity, so it walks
 * and matches exactly like T).  The first cast that contradicts a soft
 * type turns the chunk into untyped storage instead of failing. */
#define SOFT_SLOTS 1024
static struct {
	const struct uniqtype *orig;
	const struct uniqtype *soft;
} soft_table[SOFT_SLOTS];

static const struct uniqtype *soft_version(const struct uniqtype *t)
{
	uintptr_t h = ((uintptr_t)t >> 4) * 0x9e3779b97f4a7c15ull;
	for (unsigned i = 0; i < 64; i++) {
		unsigned k = (unsigned)((h >> 32) + i) & (SOFT_SLOTS - 1);
		const struct uniqtype *o = __atomic_load_n(&soft_table[k].orig, __ATOMIC_ACQUIRE);
		if (o == t) {
			const struct uniqtype *s;
			while (!(s = __atomic_load_n(&soft_table[k].soft, __ATOMIC_ACQUIRE)))
				;       /* another thread is publishing it */
			return s;
		}
		if (o)
			continue;
		const struct uniqtype *expected = NULL;
		if (!__atomic_compare_exchange_n(&soft_table[k].orig, &expected, t, 0,
						 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			if (expected != t)
				continue;
			i--;            /* same type claimed it: read it again */
			continue;
		}
		struct uniqtype *copy = allocs_internal_malloc(sizeof *copy);
		if (copy) {
			*copy = *t;
			copy->flags |= CHECKER_F_SOFT;
		}
		/* out of memory: the hard type will do */
		__atomic_store_n(&soft_table[k].soft, copy ? copy : t, __ATOMIC_RELEASE);
		return copy ? copy : t;
	}
	return t;
}

/* Untyped storage: what a soft-typed chunk becomes once contradicted. */
static const struct uniqtype storage_byte = {
	.identity = 0, .size = 1, .kind = UNIQTYPE_BASE, .name = "unsigned char",
	.u.base.encoding = UNIQTYPE_ENC_UNSIGNED_CHAR,
};
static const struct uniqtype storage_type = {
	.identity = 0, .size = UNIQTYPE_SIZE_UNKNOWN, .kind = UNIQTYPE_ARRAY,
	.flags = UNIQTYPE_F_FLEXIBLE, .name = "unsigned char[] (storage used for several types)",
	.u.array.elem = &storage_byte,
};

/* Lazy typing: the chunk at info->base (untyped) is cast to T * at its
 * start.  Typed when T is a complete object type that fits; a chunk
 * smaller than T stays untyped: that is a size problem, not a type one,
 * and bounds checks see it.  A cast from a byte pointer
 * (ALLOCS_TD_FROM_BYTES) types softly whatever the size: the program holds
 * the chunk as bytes, so it is carving it, and one carved part may happen
 * to be as big as the chunk's first object (SQLite's exprDup). */
static const struct uniqtype *lazy_type_for(struct allocs_typedesc *td, uint64_t chunk_size)
{
	if (!typeable(td) || !allocs_heap_set_type)
		return NULL;
	const struct uniqtype *t = td_resolve(td);
	if (!t || t->size == UNIQTYPE_SIZE_UNKNOWN || t->size == 0 || t->kind == UNIQTYPE_VOID)
		return NULL;
	if (chunk_size < t->size)
		return NULL;
	int exact = !(td->flags & ALLOCS_TD_FROM_BYTES) &&
		    (chunk_size == t->size || (t->flags & UNIQTYPE_F_HAS_FLEXIBLE));
	return exact ? t : soft_version(t);
}

int lazy_type_chunk(const struct allocs_info *info, const struct heap_stamp *st,
		    struct allocs_typedesc *td)
{
	const struct uniqtype *as = lazy_type_for(td, info->size);
	if (!as)
		return 0;
	return (st ? heap_set_type_stamped(info->base, st, as) : allocs_heap_set_type(info->base, as)) == 0;
}

int lazy_type_start(const struct heap_start *hs, struct allocs_typedesc *td)
{
	/* untyped, or typed by its site once resolved (the full check then) */
	if (heap_site_type(HEAP_WORD_SITE(hs->value)))
		return 0;
	const struct uniqtype *as = lazy_type_for(td, hs->size);
	return as && heap_start_set_type(hs, as) == 0;
}

/* A cast contradicted the chunk's soft type: from now on it is storage. */
int demote_soft_chunk(const struct allocs_info *info)
{
	if (!info->type || !(info->type->flags & CHECKER_F_SOFT) || !allocs_heap_set_type)
		return 0;
	return allocs_heap_set_type(info->base, &storage_type) == 0;
}

/* Specialisation: a failed check on a chunk whose type is a generic pointer
 * (void *, void **, or an array of them) and a target that is a pointer of
 * at least the same degree, at a slot boundary: the chunk's pointers were
 * never really void *; from now on they are the target's. */
int specialise_chunk(const struct allocs_info *info, uint64_t offset, const struct isa_target *t)
{
	const struct uniqtype *have = info->type, *want = t->type;
	while (have && have->kind == UNIQTYPE_ARRAY)
		have = have->u.array.elem;
	if (!have || !want || !uniqtype_is_generic_pointer(have) || want->kind != UNIQTYPE_POINTER ||
	    uniqtype_is_generic_pointer(want))
		return 0;
	if (t->flags & (ALLOCS_TD_GENERIC | ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION))
		return 0;
	if (want->size != have->size || offset % have->size != 0)
		return 0;
	if (uniqtype_pointer_degree(want) < uniqtype_pointer_degree(have))
		return 0;
	return allocs_heap_set_type(info->base, want) == 0;
}

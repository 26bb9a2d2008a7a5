/*
 * note-alloc.c -- giving heap chunks their types.
 *
 * Three ways, all ending in one allocs_heap_set_type(base, T):
 *  - at allocation: the plugin saw the result converted to T * and calls
 *    __allocs_note_alloc.  One resolved-once descriptor load and one store
 *    into the chunk's metadata: cheap enough for every malloc.
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

static int typeable(const struct allocs_typedesc *td)
{
	return !(td->flags & (ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION));
}

CHECKER_EXPORT void *__allocs_note_alloc(void *p, struct allocs_typedesc *type, uint32_t flags)
{
	(void)flags;
	if (!p || !type || !typeable(type) || !allocs_heap_set_type)
		return p;
	checker_count(CTR_NOTES);
	const struct uniqtype *t = td_resolve(type);
	if (t && t->size != UNIQTYPE_SIZE_UNKNOWN && t->size > 0 && !uniqtype_is_char(t))
		allocs_heap_set_type(p, t);   /* -1: not a chunk start (an arena): stays untyped */
	return p;
}

CHECKER_EXPORT int __allocs_note_alloc_out(int ret, void **pp, struct allocs_typedesc *type, uint32_t flags)
{
	if (ret == 0 && pp)
		__allocs_note_alloc(*pp, type, flags);
	return ret;
}

/* Lazy typing: the chunk at info->base (untyped) is cast to T * at its
 * start.  Typed when T is a complete object type that fits: the chunk
 * holds one T, several (an array), or a T followed by more bytes (a
 * header and its data, a flexible tail).  A chunk smaller than T stays
 * untyped: that is a size problem, not a type, and bounds checks see it. */
int lazy_type_chunk(const struct allocs_info *info, struct allocs_typedesc *td)
{
	if (!typeable(td) || !allocs_heap_set_type)
		return 0;
	const struct uniqtype *t = td_resolve(td);
	if (!t || t->size == UNIQTYPE_SIZE_UNKNOWN || t->size == 0 || t->kind == UNIQTYPE_VOID)
		return 0;
	if (info->size < t->size)
		return 0;
	return allocs_heap_set_type(info->base, t) == 0;
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
	if (!have || !want || !uniqtype_is_generic_pointer(have) || want->kind != UNIQTYPE_POINTER)
		return 0;
	if (t->flags & (ALLOCS_TD_GENERIC | ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION))
		return 0;
	if (want->size != have->size || offset % have->size != 0)
		return 0;
	if (uniqtype_pointer_degree(want) < uniqtype_pointer_degree(have))
		return 0;
	return allocs_heap_set_type(info->base, want) == 0;
}

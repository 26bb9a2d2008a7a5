/*
 * subobject.c -- describe the sub-object an offset lands in (for reports).
 *
 * Descends like is-a.c but along one path: the member spanning the offset
 * (the first union arm that spans it), the element holding it.  Stops in
 * struct padding, at a scalar, or past the depth limit.
 */
#include "subobject.h"

static int sized(const struct uniqtype *u)
{
	return u && u->size != UNIQTYPE_SIZE_UNKNOWN;
}

void subobject_path(const struct uniqtype *alloc, uint64_t alloc_size, uint64_t offset,
		    struct subobj_path *out)
{
	out->n = 0;
	out->leaf = NULL;
	out->leaf_base = 0;
	out->implicit_array = 0;
	out->in_tail = 0;
	if (!alloc)
		return;

	const struct uniqtype *u = alloc;
	uint64_t base = 0, limit = alloc_size;
	if (sized(alloc) && alloc->size > 0 && alloc_size > alloc->size &&
	    alloc->kind != UNIQTYPE_ARRAY && !(alloc->flags & UNIQTYPE_F_HAS_FLEXIBLE)) {
		/* a chunk holding several objects of its type */
		uint64_t n = alloc_size / alloc->size;
		out->implicit_array = 1;
		if (offset >= n * alloc->size) {
			out->in_tail = 1;
			return;
		}
		struct subobj_level *l = &out->lv[out->n++];
		l->type = alloc;
		l->base = 0;
		l->index = (int64_t)(offset / alloc->size);
		l->prev = -1;
		base = (uint64_t)l->index * alloc->size;
		limit = alloc->size;
	}

	while (out->n < SUBOBJ_MAX_DEPTH) {
		uint64_t rel = offset - base;
		struct subobj_level *l = &out->lv[out->n];
		l->type = u;
		l->base = base;
		l->prev = -1;
		if (u->kind == UNIQTYPE_ARRAY) {
			const struct uniqtype *e = u->u.array.elem;
			if (!sized(e) || e->size == 0)
				break;
			l->index = (int64_t)(rel / e->size);
			out->n++;
			base += (uint64_t)l->index * e->size;
			limit = e->size;
			u = e;
			continue;
		}
		if (u->kind == UNIQTYPE_STRUCT || u->kind == UNIQTYPE_UNION) {
			const struct uniqtype_member *ms = u->u.agg.members;
			int64_t found = -1;
			for (uint32_t i = 0; ms && i < u->n; i++) {
				const struct uniqtype_member *m = &ms[i];
				if (!m->type || m->bit_size)
					continue;
				uint64_t ext = sized(m->type) ? m->type->size
					: (limit > m->offset ? limit - m->offset : 0);
				/* a struct-hack tail extends to the allocation's end (is-a.c) */
				if ((u->flags & UNIQTYPE_F_HAS_FLEXIBLE) && i == u->n - 1 &&
				    m->type->kind == UNIQTYPE_ARRAY && limit > m->offset + ext)
					ext = limit - m->offset;
				if (m->offset <= rel && rel - m->offset < ext) {
					found = i;
					break;
				}
				if (m->offset <= rel)
					l->prev = i;
			}
			l->index = found;
			out->n++;
			if (found < 0)
				return;         /* padding */
			const struct uniqtype_member *m = &ms[found];
			int tail = (u->flags & UNIQTYPE_F_HAS_FLEXIBLE) && found == (int64_t)u->n - 1 &&
				   m->type->kind == UNIQTYPE_ARRAY;
			limit = sized(m->type) && !tail ? m->type->size : limit - m->offset;
			base += m->offset;
			u = m->type;
			continue;
		}
		out->leaf = u;
		out->leaf_base = base;
		return;
	}
}

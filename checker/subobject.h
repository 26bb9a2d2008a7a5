/*
 * subobject.h -- where inside an allocation does an offset land?  Used by
 * reports only (the check itself is is-a.c): the chain of enclosing
 * aggregates and array elements down to the innermost sub-object.
 * Pure, like is-a.c.
 */
#ifndef ALLOCSCHECK_SUBOBJECT_H
#define ALLOCSCHECK_SUBOBJECT_H

#include <stdint.h>
#include "uniqtype.h"

#define SUBOBJ_MAX_DEPTH 16

struct subobj_level {
	const struct uniqtype *type;   /* aggregate or array at this level */
	uint64_t base;                 /* its offset in the allocation */
	int64_t index;                 /* member index (struct/union) or element
					  index (array); -1 in struct padding */
	int64_t prev;                  /* padding: the member before the gap, or -1 */
};

struct subobj_path {
	unsigned n;                          /* levels filled */
	struct subobj_level lv[SUBOBJ_MAX_DEPTH];
	const struct uniqtype *leaf;         /* innermost non-aggregate, or NULL */
	uint64_t leaf_base;                  /* its offset in the allocation */
	int implicit_array;                  /* lv[0] is a chunk holding several of its type */
	int in_tail;                         /* offset lies in a chunk's untyped tail */
};

void subobject_path(const struct uniqtype *alloc, uint64_t alloc_size, uint64_t offset,
		    struct subobj_path *out);

#endif

/*
 * index-static.h -- static allocations (globals and function statics of
 * every loaded object).
 *
 * Implemented by the static index (index-static.c).  Fills *out with kind
 * ALLOCS_STATIC when p lies in a static variable: returns 0 when found,
 * -1 when not.  Must be thread-safe, async-signal-safe, and must not
 * allocate from the indexed heap.
 */
#ifndef ALLOCSCHECK_INDEX_STATIC_H
#define ALLOCSCHECK_INDEX_STATIC_H

#include "allocs.h"

int allocs_static_lookup(const void *p, struct allocs_info *out);

/* For the bounds checker: the loaded segment (PT_LOAD) of an object that
 * holds p, as kind ALLOCS_STATIC with no type: the bytes a pointer into
 * the object's image but into no known variable (a string literal, other
 * .rodata, data of an object without metadata) may range over.  0 when
 * found, -1 when p is in no object's segment.  Same guarantees as above. */
int allocs_static_segment(const void *p, struct allocs_info *out);

#endif

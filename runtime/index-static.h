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

#endif

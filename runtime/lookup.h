/*
 * lookup.h -- allocs_lookup in two halves, for callers that ask the heap
 * index themselves (checker/bounds-fetch.c asks it for the chunk's stamp
 * too, heap_lookup_stamped) and only then need the other indexes.
 */
#ifndef ALLOCSCHECK_LOOKUP_H
#define ALLOCSCHECK_LOOKUP_H

#include "allocs.h"

#pragma GCC visibility push(hidden)

/* allocs_lookup without the heap index: statics, stacks, mapped regions,
 * in that order.  0 and *out, else -1 and *out cleared. */
int allocs_lookup_nonheap(const void *p, struct allocs_info *out);

#pragma GCC visibility pop

#endif

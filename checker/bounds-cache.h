/*
 * bounds-cache.h -- per-thread cache of __allocs_fetch_bounds answers.
 *
 * Real programs fetch the bounds of the same pointer over and over (a
 * pointer reloaded from a struct in every pass of a loop, a parameter of a
 * function called millions of times), and each uncached answer is an
 * index lookup plus a type walk.  The cache maps (pointer, element size)
 * to the answer and says how to tell it is still true:
 *  - heap answers carry the chunk's stamp (heap-index.h): still true while
 *    the chunk at that base has the same header, size, site and type;
 *  - static answers carry the non-heap generation (bumped by dlclose);
 *  - stack, mapped and unbounded answers are not cached: frames die
 *    without any call the runtime sees, mappings and the memory no index
 *    knows change under it.
 * Per thread, so no locks and no sharing; safe against a signal handler
 * that fetches while the thread is updating an entry (bounds-cache.c).
 */
#ifndef ALLOCSCHECK_BOUNDS_CACHE_H
#define ALLOCSCHECK_BOUNDS_CACHE_H

#include "checker.h"

#pragma GCC visibility push(hidden)

/* The cached answer for (a, esz) if it is still true: 1 and *out, else 0. */
int bounds_cache_get(uint64_t a, uint64_t esz, allocs_bounds_t *out);
/* Remember the answer `b` found for (a, esz) in the allocation `info`
 * (kind ALLOCS_HEAP or ALLOCS_STATIC; other kinds are ignored).  gen is
 * allocs_nonheap_generation() read before the lookup. */
void bounds_cache_put(uint64_t a, uint64_t esz, allocs_bounds_t b,
		      const struct allocs_info *info, unsigned long gen);

#pragma GCC visibility pop

#endif

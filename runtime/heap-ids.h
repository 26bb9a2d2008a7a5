/*
 * heap-ids.h -- small integer ids for allocation sites and uniqtypes.
 *
 * A heap chunk's metadata is one 64-bit word (see heap-chunk.h), too small
 * for a site address and a type pointer, so both are interned into
 * process-wide tables and the word holds their 22-bit ids.  Id 0 means
 * "none" (and is also what a full table hands out: degraded, never wrong).
 *
 * Tables are insert-only, lock-free open addressing (an id is a slot index)
 * in lazily reserved MAP_NORESERVE memory, so interning is safe from malloc
 * hooks, concurrently, before initialisation, and reading is signal-safe.
 */
#ifndef ALLOCSCHECK_HEAP_IDS_H
#define ALLOCSCHECK_HEAP_IDS_H

#include <stdint.h>
#include "uniqtype.h"

#define HEAP_ID_BITS 22u
#define HEAP_ID_MAX ((1u << HEAP_ID_BITS) - 1)

uint32_t heap_site_id(const void *site);            /* intern; 0 if NULL or table full */
const void *heap_site_of(uint32_t id);               /* NULL for 0 / unknown ids */
uint32_t heap_type_id(const struct uniqtype *t);     /* intern; 0 if NULL or table full */
const struct uniqtype *heap_type_of(uint32_t id);

/* The type allocated at this site, resolved through allocs_site_type()
 * (index-sites.h) on first use and cached per site; NULL when unknown. */
const struct uniqtype *heap_site_type(uint32_t site_id);
/* Only what an earlier heap_site_type resolved (no resolution, no
 * negative-cache bookkeeping): for fast paths that fall back to a lookup. */
const struct uniqtype *heap_site_type_cached(uint32_t site_id);

#endif

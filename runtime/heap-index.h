/*
 * heap-index.h -- which heap chunk holds an address?
 *
 * The index records where chunks start; each chunk's size, site and type
 * live with the chunk (heap-chunk.h).  Small chunks (requested size <=
 * HEAP_SMALL_MAX) mark a byte in a start map; large chunks are entered in
 * per-4-KiB-granule cover slots.  Updates are single atomic stores,
 * lookups take no lock and are async-signal-safe.  Nothing here allocates
 * from the indexed heap; the structures are statically zero or mapped
 * lazily, so the index works before any initialisation.
 */
#ifndef ALLOCSCHECK_HEAP_INDEX_H
#define ALLOCSCHECK_HEAP_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include "allocs.h"

/* Enter/remove a chunk whose metadata is already written.  `large` says
 * which structure (requested size > HEAP_SMALL_MAX).  add returns -1 when
 * the address cannot be indexed (beyond 47 bits, or no memory for the
 * index); the chunk then simply stays unknown. */
int heap_index_add(const void *base, size_t size, int large);
/* Enter a chunk of a foreign allocator (FOREIGN format, heap-chunk.h):
 * base must be 8-aligned.  -1 when it cannot be indexed. */
int heap_index_add_foreign(const void *base, size_t size, uint32_t site_id, uint32_t type_id);

/* Forget the chunk starting at base, if indexed (for large chunks the size
 * is read from the chunk's metadata, so call this before freeing it). */
void heap_index_remove(const void *base);

/* Is base the start of an indexed chunk? */
int heap_index_contains_start(const void *base);

/* Fill *out (kind ALLOCS_HEAP) if p lies in an indexed chunk: 0, else -1.
 * A pointer equal to the base of a zero-sized chunk is in that chunk. */
int heap_lookup(const void *p, struct allocs_info *out);

/* Lazy typing: give the chunk starting at base the type t (replacing any
 * type it had).  0 on success, -1 if base is not an indexed chunk's start. */
int allocs_heap_set_type(const void *base, const struct uniqtype *t);

#endif

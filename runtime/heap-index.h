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
#include "heap-chunk.h"

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

/* The base of the large chunk (> HEAP_SMALL_MAX bytes) that may hold p,
 * from two loads of the index, or 0.  Only a candidate: p may lie beyond
 * its end; callers that know the chunk's extent check it. */
uintptr_t heap_large_candidate(const void *p);

/* Fill *out (kind ALLOCS_HEAP) if p lies in an indexed chunk: 0, else -1.
 * A pointer equal to the base of a zero-sized chunk is in that chunk. */
int heap_lookup(const void *p, struct allocs_info *out);

/* Is p the start of a glibc chunk, and of what type?  TYPED: out->type
 * and the rest are set.  UNTYPED: a chunk starts at p but has no type of
 * its own and its site's type is not known yet (it may have none); out's
 * other fields are set.  NONE: no glibc chunk starts at p.  A handful of
 * loads and no call: the fast path of a type check on a pointer to a
 * whole heap object (checker/check-cast.c), which takes the full lookup
 * for anything else. */
enum heap_start_kind { HEAP_START_NONE, HEAP_START_TYPED, HEAP_START_UNTYPED };
struct heap_start {
	const struct uniqtype *type;
	uint64_t size;                  /* requested size */
	uint64_t *word;                 /* the chunk's metadata word ... */
	uint64_t value;                 /* ... and its value when read */
};
enum heap_start_kind heap_start_type(const void *p, struct heap_start *out);

/* Lazy typing of a chunk heap_start_type found: one compare-and-swap of
 * its metadata word, which fails (-1) if the word changed since. */
int heap_start_set_type(const struct heap_start *hs, const struct uniqtype *t);

/* Lazy typing: give the chunk starting at base the type t (replacing any
 * type it had).  0 on success, -1 if base is not an indexed chunk's start. */
int allocs_heap_set_type(const void *base, const struct uniqtype *t);

/* Enough of a chunk's state to tell later, without a lookup, whether the
 * chunk at the same base is still the same allocation (same size, site
 * and type): for caches of answers derived from a lookup.  For glibc
 * chunks (hdr != 0) the check needs no call (heap_stamp_valid_inline):
 * `live` is the index cell that says a chunk starts at base (the start
 * map byte, whose value is then 1, or the large-chunk slot, whose value is
 * then base; index memory is never unmapped), `end` is where the header
 * says the chunk's usable bytes end (its trailer is just below). */
struct heap_stamp {
	uint64_t hdr;        /* glibc chunk header without PREV_INUSE; 0 if foreign */
	uint64_t word;       /* metadata word (heap-chunk.h) */
	uint64_t size;       /* 64-bit size slot of LARGE formats, else 0 */
	const void *live;    /* glibc: start map byte or large-chunk slot */
};
/* heap_lookup that also gives the stamp of the chunk found, from the
 * same reads (the lookup has just read the index cell, the header and
 * the trailer that the stamp records): 0 found and stamped, 1 found but
 * not stampable (the answer must not be cached), -1 not found. */
int heap_lookup_stamped(const void *p, struct allocs_info *out, struct heap_stamp *st);

/* allocs_heap_set_type for a chunk just looked up with heap_lookup_stamped:
 * the stamp says where the metadata word is, so a glibc chunk is retyped
 * with one compare-and-swap, which also fails if the chunk changed since. */
int heap_set_type_stamped(const void *base, const struct heap_stamp *st, const struct uniqtype *t);

/* Is base still the start of an indexed chunk whose stamp equals *st?
 * (the general path, for foreign chunks) */
int heap_chunk_stamp_valid(const void *base, const struct heap_stamp *st);

/* The check for glibc chunks, inline, from a stamp's fields (also as
 * stored compactly, checker/bounds-cache.h): the index cell, then the
 * header (a freed chunk is no longer a start, and only a live chunk's
 * memory is read: a freed large chunk may be unmapped), then the trailer,
 * found from the header (glibc's usable size: the chunk size less 8, or
 * 16 when mmapped); size64 is the large-chunk size (0 for SMALL). */
static inline __attribute__((always_inline)) int heap_glibc_still(uintptr_t base, uint64_t hdr, uint64_t word, const void *live,
				   uint64_t size64)
{
	if (__builtin_expect(HEAP_WORD_TAG(word) == HEAP_TAG_SMALL, 1)) {
		if (__atomic_load_n((const uint8_t *)live, __ATOMIC_ACQUIRE) != 1)
			return 0;
	} else if (__atomic_load_n((const uintptr_t *)live, __ATOMIC_ACQUIRE) != base) {
		return 0;
	}
	if ((__atomic_load_n((const uint64_t *)base - 1, __ATOMIC_RELAXED) & ~(uint64_t)1) != hdr)
		return 0;
	const uint64_t *end = (const uint64_t *)(base + (hdr & ~(uint64_t)7) - 8 - ((hdr & 2) << 2));
	if (__atomic_load_n(end - 1, __ATOMIC_RELAXED) != word)
		return 0;
	return HEAP_WORD_TAG(word) != HEAP_TAG_LARGE ||
	       __atomic_load_n(end - 2, __ATOMIC_RELAXED) == size64;
}

/* Is the chunk at base still the one stamped *st?  Glibc chunks inline
 * (heap_glibc_still), foreign ones through heap_chunk_stamp_valid. */
static inline int heap_stamp_valid_inline(uintptr_t base, const struct heap_stamp *st)
{
	if (__builtin_expect(!st->hdr, 0))
		return heap_chunk_stamp_valid((const void *)base, st);
	return heap_glibc_still(base, st->hdr, st->word, st->live, st->size);
}

/* Bumped whenever static or mapped memory may stop being what the index
 * said it was (dlclose): answers about non-heap memory cached under an
 * older value are stale. */
extern unsigned long heap_nonheap_generation;
static inline unsigned long allocs_nonheap_generation(void)
{
	return __atomic_load_n(&heap_nonheap_generation, __ATOMIC_ACQUIRE);
}
void allocs_nonheap_changed(void);

#endif

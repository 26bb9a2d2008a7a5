/*
 * heap-chunk.h -- where a heap chunk keeps its metadata, and its layout.
 *
 * Every indexed chunk carries one 64-bit metadata word:
 *
 *   bits  0..15  requested size (small chunks; 0 in the other formats)
 *   bits 16..37  allocation site id  (heap-ids.h)
 *   bits 38..59  type id, 0 = "ask the site" (set by allocs_heap_set_type)
 *   bits 60..63  format tag (below), also a sanity check against garbage
 *
 * Three places for the word, told apart by the tag:
 *
 *  SMALL (glibc chunk, requested size <= HEAP_SMALL_MAX): the word is an
 *    8-byte trailer in the last 8 usable bytes of the chunk.  The hooks ask
 *    glibc for size+8.  The trailer (not a header) keeps the pointer the
 *    program sees equal to glibc's, so every other glibc entry point
 *    (malloc_trim, malloc_info, mcheck...) keeps working unwrapped.
 *  LARGE (glibc chunk, bigger): a 16-byte trailer, [size64][word].
 *  FOREIGN (chunks of a malloc that is not glibc's, see foreign-malloc.c):
 *    out of line, in a shadow array of one word per 16-byte granule of the
 *    address space (mapped only where foreign chunks are); for a large
 *    chunk the next granule's shadow word holds the 64-bit size (no other
 *    chunk can start there).  The program's pointer is left unchanged, so
 *    a foreign free that the compiler inlined (and we never see) cannot
 *    corrupt the heap: at worst the index keeps a stale entry.
 *
 * The usable size of a glibc chunk comes from glibc's chunk header, the
 * size word just below the user pointer (low 3 bits are flags; bit 1 means
 * mmapped, whose overhead is 16 bytes instead of 8).  That layout has been
 * stable in glibc for decades and is what malloc_usable_size() reads.
 * Reading it directly saves a call and works even though the runtime
 * interposes malloc_usable_size itself.
 */
#ifndef ALLOCSCHECK_HEAP_CHUNK_H
#define ALLOCSCHECK_HEAP_CHUNK_H

#include <stddef.h>
#include <stdint.h>

#define HEAP_SMALL_MAX 4095u            /* largest small chunk (bounds the start-map scan) */
#define HEAP_SMALL_TRAILER 8u
#define HEAP_LARGE_TRAILER 16u

#define HEAP_TAG_SMALL  0xAull
#define HEAP_TAG_LARGE  0xBull
#define HEAP_TAG_FOREIGN_SMALL 0xCull   /* size in the size16 field */
#define HEAP_TAG_FOREIGN_LARGE 0xDull   /* size in the next granule's shadow word */

#define HEAP_WORD(size16, site_id, type_id, tag) \
	((uint64_t)(size16) | ((uint64_t)(site_id) << 16) | ((uint64_t)(type_id) << 38) | ((uint64_t)(tag) << 60))
#define HEAP_WORD_SIZE16(w)  ((uint32_t)((w) & 0xffffu))
#define HEAP_WORD_SITE(w)    ((uint32_t)(((w) >> 16) & 0x3fffffu))
#define HEAP_WORD_TYPE(w)    ((uint32_t)(((w) >> 38) & 0x3fffffu))
#define HEAP_WORD_TAG(w)     ((w) >> 60)
#define HEAP_WORD_WITH_TYPE(w, type_id) \
	(((w) & ~((uint64_t)0x3fffff << 38)) | ((uint64_t)(type_id) << 38))

/* glibc's usable size of the chunk at user pointer `base`. */
static inline size_t heap_glibc_usable(const void *base)
{
	uint64_t h = __atomic_load_n((const uint64_t *)base - 1, __ATOMIC_RELAXED);
	uint64_t sz = h & ~(uint64_t)7;
	uint64_t overhead = (h & 2) ? 16 : 8;
	return sz > overhead ? (size_t)(sz - overhead) : 0;
}

/* Where a chunk's metadata word lives, and the 64-bit size slot for the
 * LARGE and FOREIGN_LARGE formats (NULL otherwise).  Returns the tag
 * found, or 0 when `base` does not look like an indexed chunk.  Only reads
 * the index, the chunk's memory and its glibc header.  (heap-index.c) */
unsigned heap_chunk_locate(const void *base, uint64_t **word, uint64_t **size64);

/* Requested size and metadata word of an indexed chunk; 0 on success. */
int heap_chunk_read(const void *base, size_t *size, uint64_t *word_out);

/* The glibc trailer of the chunk at base (SMALL or LARGE), else 0. */
static inline unsigned heap_glibc_trailer(const void *base, uint64_t **word, uint64_t **size64)
{
	size_t usable = heap_glibc_usable(base);
	if (usable < HEAP_SMALL_TRAILER || usable > ((size_t)1 << 47))
		return 0;
	uint64_t *end = (uint64_t *)((char *)base + usable);
	uint64_t w = __atomic_load_n(end - 1, __ATOMIC_RELAXED);
	if (HEAP_WORD_TAG(w) == HEAP_TAG_SMALL && HEAP_WORD_SIZE16(w) + HEAP_SMALL_TRAILER <= usable) {
		*word = end - 1;
		*size64 = NULL;
		return HEAP_TAG_SMALL;
	}
	if (HEAP_WORD_TAG(w) == HEAP_TAG_LARGE && usable >= HEAP_LARGE_TRAILER) {
		*word = end - 1;
		*size64 = end - 2;
		return HEAP_TAG_LARGE;
	}
	return 0;
}

#endif

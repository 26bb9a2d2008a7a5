/*
 * heap-index.c -- start bitmap + large-chunk cover slots over the address space.
 *
 * Why this design (measurements in benchmarks/micro, see docs/design.md):
 *  - glibc keeps allocating (program memory behaviour unchanged); we only
 *    add an 8-byte trailer to small chunks.  A side table with a word per
 *    16-byte granule would cost 50% of a small-chunk heap in RSS; the
 *    trailer costs 8 bytes on half the size classes.
 *  - Start bitmap, 1 bit per 16 bytes (glibc's alignment): marking and
 *    unmarking a chunk is one atomic OR/AND; an interior pointer finds its
 *    base by scanning backwards, at most 4 KiB (= 5 words) since small
 *    chunks are at most HEAP_SMALL_MAX bytes, and usually within one word.
 *  - Larger chunks would make that scan long, so they are not in the
 *    bitmap: each 4 KiB granule has two slots, "the large chunk covering
 *    the granule's first byte" and "the large chunk starting inside the
 *    granule".  Because large chunks are >= 4 KiB, no granule meets more
 *    than these two, so an interior pointer of any large chunk is found
 *    with two loads; registering costs one store per 4 KiB of chunk
 *    (noise next to the page faults of first touching that memory).
 *    The 4 KiB split point came from benchmarks/micro: with 64 KiB the
 *    scan inside a 60 KiB chunk cost ~110 ns; with 4 KiB every lookup is a
 *    handful of loads.
 *  - Two-level layout: a static table of 2^17 pointers (one per GiB of the
 *    47-bit address space, zero-filled .bss) to lazily mapped leaves
 *    (8 MiB bitmap + 4 MiB slots, MAP_NORESERVE so only touched pages
 *    cost memory).  Unlike one flat 1 TiB reservation, this also works
 *    under strict overcommit or an address-space ulimit.
 *
 * Concurrency: a chunk's metadata is written before its start is published
 * (release), lookups read the start (acquire) then the metadata.  Free
 * unpublishes first.  A lookup racing with the free of the same chunk is a
 * race in the program; it may see either answer, never crash on index
 * memory (chunk memory of small chunks stays mapped in glibc arenas).
 */
#include "heap-index.h"
#include "heap-chunk.h"
#include "heap-ids.h"
#include "internal-alloc.h"

#include <stdint.h>

#define ADDR_BITS 47
#define LEAF_SHIFT 30                                   /* 1 GiB per leaf */
#define NLEAVES (1u << (ADDR_BITS - LEAF_SHIFT))
#define GRAN_SHIFT 4                                    /* 16-byte granules */
#define WORD_SHIFT (GRAN_SHIFT + 6)                     /* 1 KiB per bitmap word */
#define WORDS_PER_LEAF (1u << (LEAF_SHIFT - WORD_SHIFT))
#define COVER_SHIFT 12                                  /* 4 KiB cover granules */
#define COVERS_PER_LEAF (1u << (LEAF_SHIFT - COVER_SHIFT))
#define SMALL_SCAN_WORDS ((HEAP_SMALL_MAX >> WORD_SHIFT) + 2)   /* words spanned by the biggest small chunk */

struct cover {
	uintptr_t covering_start;   /* large chunk containing the granule's first byte */
	uintptr_t starting_within;  /* large chunk whose base is inside the granule */
};

struct leaf {
	uint64_t bits[WORDS_PER_LEAF];
	struct cover covers[COVERS_PER_LEAF];
};

static struct leaf *leaves[NLEAVES];

static struct leaf *leaf_for(uintptr_t a, int create)
{
	if (a >> ADDR_BITS)
		return NULL;
	struct leaf **slot = &leaves[a >> LEAF_SHIFT];
	struct leaf *l = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (l || !create)
		return l;
	struct leaf *fresh = allocs_internal_reserve(sizeof(struct leaf));
	if (!fresh)
		return NULL;
	struct leaf *expected = NULL;
	if (__atomic_compare_exchange_n(slot, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return fresh;
	allocs_internal_unreserve(fresh, sizeof(struct leaf));
	return expected;
}

static inline uint64_t *word_for(struct leaf *l, uintptr_t a)
{
	return &l->bits[(a >> WORD_SHIFT) & (WORDS_PER_LEAF - 1)];
}

static inline uint64_t bit_for(uintptr_t a)
{
	return (uint64_t)1 << ((a >> GRAN_SHIFT) & 63);
}

static inline struct cover *cover_for(struct leaf *l, uintptr_t a)
{
	return &l->covers[(a >> COVER_SHIFT) & (COVERS_PER_LEAF - 1)];
}

/* ---- large chunks ---- */

static int cover_update(uintptr_t b, size_t size, uintptr_t from, uintptr_t to)
{
	uintptr_t last = b + size - 1;
	if (last < b || (last >> ADDR_BITS))
		return -1;
	/* make sure every leaf exists first, so a failure leaves nothing half-done */
	if (to)
		for (uintptr_t a = b & ~(((uintptr_t)1 << LEAF_SHIFT) - 1); a <= last; a += (uintptr_t)1 << LEAF_SHIFT)
			if (!leaf_for(a, 1))
				return -1;
	struct leaf *l = leaf_for(b, 0);
	uintptr_t exp = from;
	__atomic_compare_exchange_n(&cover_for(l, b)->starting_within, &exp, to, 0,
				    __ATOMIC_RELEASE, __ATOMIC_RELAXED);
	for (uintptr_t g = (b >> COVER_SHIFT) + 1; g <= (last >> COVER_SHIFT); g++) {
		uintptr_t a = g << COVER_SHIFT;
		l = leaf_for(a, 0);
		if (!l)
			continue;
		exp = from;
		__atomic_compare_exchange_n(&cover_for(l, a)->covering_start, &exp, to, 0,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED);
	}
	return 0;
}

static uintptr_t large_candidate(uintptr_t p)
{
	struct leaf *l = leaf_for(p, 0);
	if (!l)
		return 0;
	struct cover *c = cover_for(l, p);
	uintptr_t s = __atomic_load_n(&c->starting_within, __ATOMIC_ACQUIRE);
	if (s && s <= p)
		return s;
	return __atomic_load_n(&c->covering_start, __ATOMIC_ACQUIRE);
}

/* ---- small chunks ---- */

/* Nearest small-chunk start at or below p, no further than HEAP_SMALL_MAX. */
static uintptr_t small_candidate(uintptr_t p)
{
	struct leaf *l = leaf_for(p, 0);
	if (!l)
		return 0;
	uintptr_t a = p;
	/* bits at or below p's granule in p's word */
	uint64_t mask = bit_for(p);
	mask |= mask - 1;
	uint64_t w = __atomic_load_n(word_for(l, a), __ATOMIC_ACQUIRE) & mask;
	for (unsigned n = 1; !w; n++) {
		if (n >= SMALL_SCAN_WORDS || a < ((uintptr_t)1 << WORD_SHIFT))
			return 0;
		a -= (uintptr_t)1 << WORD_SHIFT;
		if (((a + ((uintptr_t)1 << WORD_SHIFT)) >> LEAF_SHIFT) != (a >> LEAF_SHIFT)) {
			l = leaf_for(a, 0);
			if (!l)
				return 0;
		}
		w = __atomic_load_n(word_for(l, a), __ATOMIC_ACQUIRE);
	}
	uintptr_t word_base = a & ~(((uintptr_t)1 << WORD_SHIFT) - 1);
	return word_base + ((uintptr_t)(63 - __builtin_clzll(w)) << GRAN_SHIFT);
}

int heap_index_add(const void *base, size_t size, int large)
{
	uintptr_t b = (uintptr_t)base;
	if (large)
		return cover_update(b, size, 0, b);
	struct leaf *l = leaf_for(b, 1);
	if (!l)
		return -1;
	__atomic_fetch_or(word_for(l, b), bit_for(b), __ATOMIC_RELEASE);
	return 0;
}

int heap_index_contains_start(const void *base)
{
	uintptr_t b = (uintptr_t)base;
	struct leaf *l = leaf_for(b, 0);
	if (!l)
		return 0;
	if (__atomic_load_n(word_for(l, b), __ATOMIC_ACQUIRE) & bit_for(b))
		return 1;
	return __atomic_load_n(&cover_for(l, b)->starting_within, __ATOMIC_ACQUIRE) == b;
}

int heap_index_remove(const void *base)
{
	uintptr_t b = (uintptr_t)base;
	struct leaf *l = leaf_for(b, 0);
	if (!l)
		return 0;
	uint64_t bit = bit_for(b);
	if (__atomic_load_n(word_for(l, b), __ATOMIC_RELAXED) & bit) {
		uint64_t old = __atomic_fetch_and(word_for(l, b), ~bit, __ATOMIC_ACQ_REL);
		return (old & bit) != 0;
	}
	if (__atomic_load_n(&cover_for(l, b)->starting_within, __ATOMIC_ACQUIRE) != b)
		return 0;
	size_t size;
	uint64_t word;
	if (heap_chunk_read(base, &size, &word) != 0 || size == 0)
		return 0;
	cover_update(b, size, b, 0);
	return 1;
}

static int fill(uintptr_t base, uintptr_t p, struct allocs_info *out)
{
	size_t size;
	uint64_t word;
	if (heap_chunk_read((const void *)base, &size, &word) != 0)
		return -1;
	if (p - base >= size && p != base)
		return -1;
	out->kind = ALLOCS_HEAP;
	out->base = (const void *)base;
	out->size = size;
	out->site = heap_site_of(HEAP_WORD_SITE(word));
	uint32_t tid = HEAP_WORD_TYPE(word);
	out->type = tid ? heap_type_of(tid) : heap_site_type(HEAP_WORD_SITE(word));
	return 0;
}

int heap_lookup(const void *ptr, struct allocs_info *out)
{
	uintptr_t p = (uintptr_t)ptr;
	uintptr_t s = small_candidate(p);
	if (s && fill(s, p, out) == 0)
		return 0;
	uintptr_t b = large_candidate(p);
	if (b && fill(b, p, out) == 0)
		return 0;
	return -1;
}

int allocs_heap_set_type(const void *base, const struct uniqtype *t)
{
	if (!heap_index_contains_start(base))
		return -1;
	uint64_t *word, *size64;
	if (!heap_chunk_locate(base, &word, &size64))
		return -1;
	uint32_t tid = t ? heap_type_id(t) : 0;
	if (t && !tid)
		return -1;
	uint64_t old = __atomic_load_n(word, __ATOMIC_RELAXED);
	/* CAS so a concurrent set_type on the same chunk cannot tear the word */
	while (!__atomic_compare_exchange_n(word, &old, HEAP_WORD_WITH_TYPE(old, tid), 0,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		;
	return 0;
}

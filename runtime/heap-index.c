/*
 * heap-index.c -- start map + large-chunk cover slots over the address space.
 *
 * Why this design (measurements in benchmarks/micro, see docs/design.md):
 *  - glibc keeps allocating (program memory behaviour unchanged); we only
 *    add an 8-byte trailer to small chunks (16 bytes to large ones).  A side table with a word per
 *    16-byte granule would cost 50% of a small-chunk heap in RSS; the
 *    trailer costs 8 bytes on half the size classes.
 *  - Start map, 1 byte per 16 bytes (glibc's alignment): marking and
 *    unmarking a chunk is one plain byte store.  A bitmap (1 bit per 16
 *    bytes) would be 8x smaller but needs an atomic read-modify-write
 *    (lock or/and) per malloc and free, since neighbouring chunks of
 *    different threads share a word; measured in benchmarks/micro, those
 *    locked operations, which stall on the cache miss instead of retiring
 *    into the store buffer, cost: churn benchmark, same build otherwise,
 *    CPU time per malloc+free: glibc 33 ns, byte map 43 ns, bitmap
 *    46.5 ns.  The byte map costs 1/16 of the touched heap pages in RSS.  An interior pointer finds its base by scanning
 *    backwards 8 bytes at a time, at most 4 KiB of heap (= 256 map bytes)
 *    since small chunks are at most HEAP_SMALL_MAX bytes; usually the first
 *    8-byte load finds it.
 *  - Larger chunks would make that scan long, so they are not in the
 *    start map: each 4 KiB granule has two slots, "the large chunk covering
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
 *    (64 MiB start map + 4 MiB slots, MAP_NORESERVE so only touched pages
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
#define MAP_PER_LEAF (1u << (LEAF_SHIFT - GRAN_SHIFT))  /* map bytes per leaf */
#define WORD_SHIFT (GRAN_SHIFT + 3)                     /* 128 bytes of heap per 8 map bytes */
#define COVER_SHIFT 12                                  /* 4 KiB cover granules */
#define COVERS_PER_LEAF (1u << (LEAF_SHIFT - COVER_SHIFT))
#define SMALL_SCAN_WORDS ((HEAP_SMALL_MAX >> WORD_SHIFT) + 2)   /* map words spanned by the biggest small chunk */

struct cover {
	uintptr_t covering_start;   /* large chunk containing the granule's first byte */
	uintptr_t starting_within;  /* large chunk whose base is inside the granule */
};

/* Start map byte values.  A glibc chunk starts at its granule's first
 * byte; a foreign chunk may start 8 bytes in (8-aligned allocators). */
#define MAP_GLIBC 1u
#define MAP_FOREIGN 0x80u     /* | offset of the start inside the granule */

struct leaf {
	uint64_t *foreign;              /* FOREIGN metadata words, one per granule
					   (+1 spare), reserved on first use */
	uint8_t starts[MAP_PER_LEAF];   /* MAP_* where a small chunk starts */
	struct cover covers[COVERS_PER_LEAF];
};

static struct leaf *leaves[NLEAVES];
/* set once a foreign allocator is hooked: only then are shadow words consulted */
static int foreign_active;

static __attribute__((noinline)) struct leaf *leaf_create(struct leaf **slot)
{
	struct leaf *fresh = allocs_internal_reserve(sizeof(struct leaf));
	if (!fresh)
		return NULL;
	struct leaf *expected = NULL;
	if (__atomic_compare_exchange_n(slot, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return fresh;
	allocs_internal_unreserve(fresh, sizeof(struct leaf));
	return expected;
}

static inline struct leaf *leaf_for(uintptr_t a, int create)
{
	if (__builtin_expect(a >> ADDR_BITS, 0))
		return NULL;
	struct leaf **slot = &leaves[a >> LEAF_SHIFT];
	struct leaf *l = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (__builtin_expect(l || !create, 1))
		return l;
	return leaf_create(slot);
}

static inline uint8_t *start_for(struct leaf *l, uintptr_t a)
{
	return &l->starts[(a >> GRAN_SHIFT) & (MAP_PER_LEAF - 1)];
}

/* the aligned 8 map bytes containing a's entry */
static inline const uint64_t *word_for(struct leaf *l, uintptr_t a)
{
	return (const uint64_t *)&l->starts[(a >> GRAN_SHIFT) & (MAP_PER_LEAF - 1) & ~(uintptr_t)7];
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

uintptr_t heap_large_candidate(const void *p)
{
	return large_candidate((uintptr_t)p);
}

/* ---- small chunks ---- */

/* Nearest small-chunk start at or below p, no further than HEAP_SMALL_MAX.
 * With first_only, look only in the 8 map bytes holding p's (128 bytes of
 * heap): returns 1 as a "not in this group" answer. */
static uintptr_t small_candidate(uintptr_t p, int first_only)
{
	struct leaf *l = leaf_for(p, 0);
	if (!l)
		return 0;
	uintptr_t a = p;
	/* map bytes at or below p's in its 8-byte group (little-endian: byte k is bits 8k..8k+7) */
	unsigned k = (unsigned)(p >> GRAN_SHIFT) & 7;
	uint64_t mask = k == 7 ? ~(uint64_t)0 : (((uint64_t)1 << (8 * (k + 1))) - 1);
	uint64_t w = __atomic_load_n(word_for(l, a), __ATOMIC_ACQUIRE) & mask;
	if (!w && first_only)
		return 1;
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
	uintptr_t group_base = a & ~(((uintptr_t)1 << WORD_SHIFT) - 1);
	unsigned top = (unsigned)(63 - __builtin_clzll(w)) >> 3;
	unsigned v = (unsigned)(w >> (8 * top)) & 0xff;
	uintptr_t base = group_base + ((uintptr_t)top << GRAN_SHIFT);
	if (v & MAP_FOREIGN) {
		base += v & 15;
		if (base > p)
			/* a foreign chunk starting later in p's own granule: p can
			 * only be in an earlier chunk (rare: 8-aligned allocators) */
			return first_only ? 1 : small_candidate((base & ~(uintptr_t)15) - 1, 0);
	}
	return base;
}

int heap_index_add(const void *base, size_t size, int large)
{
	uintptr_t b = (uintptr_t)base;
	if (large)
		return cover_update(b, size, 0, b);
	struct leaf *l = leaf_for(b, 1);
	if (!l)
		return -1;
	if (__builtin_expect(__atomic_load_n(&foreign_active, __ATOMIC_RELAXED), 0) && l->foreign)
		__atomic_store_n(&l->foreign[(b >> GRAN_SHIFT) & (MAP_PER_LEAF - 1)], 0, __ATOMIC_RELAXED);
	__atomic_store_n(start_for(l, b), MAP_GLIBC, __ATOMIC_RELEASE);
	return 0;
}

static uint64_t *foreign_words(struct leaf *l)
{
	uint64_t *f = __atomic_load_n(&l->foreign, __ATOMIC_ACQUIRE);
	if (f)
		return f;
	size_t bytes = ((size_t)MAP_PER_LEAF + 1) * sizeof(uint64_t);
	uint64_t *fresh = allocs_internal_reserve(bytes);
	if (!fresh)
		return NULL;
	uint64_t *expected = NULL;
	if (__atomic_compare_exchange_n(&l->foreign, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return fresh;
	allocs_internal_unreserve(fresh, bytes);
	return expected;
}

int heap_index_add_foreign(const void *base, size_t size, uint32_t site_id, uint32_t type_id)
{
	uintptr_t b = (uintptr_t)base;
	if (b & 7)
		return -1;
	__atomic_store_n(&foreign_active, 1, __ATOMIC_RELAXED);
	int large = size > HEAP_SMALL_MAX;
	struct leaf *l = leaf_for(b, 1);
	uint64_t *f = l ? foreign_words(l) : NULL;
	if (!f)
		return -1;
	size_t g = (b >> GRAN_SHIFT) & (MAP_PER_LEAF - 1);
	if (large) {
		__atomic_store_n(&f[g + 1], (uint64_t)size, __ATOMIC_RELAXED);
		__atomic_store_n(&f[g], HEAP_WORD(0, site_id, type_id, HEAP_TAG_FOREIGN_LARGE), __ATOMIC_RELEASE);
		return cover_update(b, size, 0, b);
	}
	__atomic_store_n(&f[g], HEAP_WORD(size, site_id, type_id, HEAP_TAG_FOREIGN_SMALL), __ATOMIC_RELEASE);
	__atomic_store_n(start_for(l, b), (uint8_t)(MAP_FOREIGN | (b & 15)), __ATOMIC_RELEASE);
	return 0;
}

unsigned heap_chunk_locate(const void *base, uint64_t **word, uint64_t **size64)
{
	uintptr_t b = (uintptr_t)base;
	if (__atomic_load_n(&foreign_active, __ATOMIC_RELAXED)) {
		struct leaf *l = leaf_for(b, 0);
		uint64_t *f = l ? __atomic_load_n(&l->foreign, __ATOMIC_ACQUIRE) : NULL;
		if (f) {
			size_t g = (b >> GRAN_SHIFT) & (MAP_PER_LEAF - 1);
			uint64_t w = __atomic_load_n(&f[g], __ATOMIC_ACQUIRE);
			if (HEAP_WORD_TAG(w) == HEAP_TAG_FOREIGN_SMALL || HEAP_WORD_TAG(w) == HEAP_TAG_FOREIGN_LARGE) {
				*word = &f[g];
				*size64 = HEAP_WORD_TAG(w) == HEAP_TAG_FOREIGN_LARGE ? &f[g + 1] : NULL;
				return (unsigned)HEAP_WORD_TAG(w);
			}
		}
	}
	return heap_glibc_trailer(base, word, size64);
}

int heap_chunk_read(const void *base, size_t *size, uint64_t *word_out)
{
	uint64_t *word, *size64;
	unsigned tag = heap_chunk_locate(base, &word, &size64);
	if (!tag)
		return -1;
	uint64_t w = __atomic_load_n(word, __ATOMIC_RELAXED);
	*word_out = w;
	*size = size64 ? (size_t)__atomic_load_n(size64, __ATOMIC_RELAXED) : HEAP_WORD_SIZE16(w);
	return 0;
}

int heap_index_contains_start(const void *base)
{
	uintptr_t b = (uintptr_t)base;
	struct leaf *l = leaf_for(b, 0);
	if (!l)
		return 0;
	if (__atomic_load_n(start_for(l, b), __ATOMIC_ACQUIRE))
		return 1;
	return __atomic_load_n(&cover_for(l, b)->starting_within, __ATOMIC_ACQUIRE) == b;
}

void heap_index_remove(const void *base)
{
	uintptr_t b = (uintptr_t)base;
	struct leaf *l = leaf_for(b, 0);
	if (!l)
		return;
	/* Unconditional store: the byte is only ever changed by the owner of
	 * the chunk starting there (its malloc and its free), so no
	 * read-modify-write is needed, and not reading it first keeps a cache
	 * miss off the free path (the store retires into the store buffer). */
	__atomic_store_n(start_for(l, b), 0, __ATOMIC_RELEASE);
	if (__builtin_expect(__atomic_load_n(&foreign_active, __ATOMIC_RELAXED), 0) && l->foreign) {
		uint64_t *f = &l->foreign[(b >> GRAN_SHIFT) & (MAP_PER_LEAF - 1)];
		uint64_t w = __atomic_load_n(f, __ATOMIC_ACQUIRE);
		if (HEAP_WORD_TAG(w) == HEAP_TAG_FOREIGN_SMALL) {
			__atomic_store_n(f, 0, __ATOMIC_RELEASE);
			return;
		}
		if (HEAP_WORD_TAG(w) == HEAP_TAG_FOREIGN_LARGE) {
			if (__atomic_load_n(&cover_for(l, b)->starting_within, __ATOMIC_ACQUIRE) == b)
				cover_update(b, (size_t)__atomic_load_n(f + 1, __ATOMIC_RELAXED), b, 0);
			__atomic_store_n(f, 0, __ATOMIC_RELEASE);
			return;
		}
	}
	/* Only a chunk with room for more than a small one can be large; the
	 * glibc header read is one glibc's free is about to make anyway. */
	if (heap_glibc_usable(base) <= HEAP_SMALL_MAX + HEAP_SMALL_TRAILER)
		return;
	if (__atomic_load_n(&cover_for(l, b)->starting_within, __ATOMIC_ACQUIRE) != b)
		return;
	size_t size;
	uint64_t word;
	if (heap_chunk_read(base, &size, &word) != 0 || size == 0)
		return;
	cover_update(b, size, b, 0);
}

/* The stamp of the glibc or foreign chunk at base whose metadata word w
 * the caller has just read (heap_lookup_stamped, stamp_read).  st->word = 0
 * (no chunk has that word) when the index cell saying the chunk starts
 * there is not the expected one: such a chunk is not stamped. */
static void stamp_found(uintptr_t base, unsigned tag, uint64_t w, uint64_t size64,
			struct heap_stamp *st)
{
	st->word = w;
	st->size = size64;
	st->hdr = 0;
	st->live = NULL;
	if (tag != HEAP_TAG_SMALL && tag != HEAP_TAG_LARGE)
		return;                      /* foreign: validated through stamp_read */
	struct leaf *l = leaf_for(base, 0);
	st->hdr = __atomic_load_n((const uint64_t *)base - 1, __ATOMIC_RELAXED) & ~(uint64_t)1;
	if (tag == HEAP_TAG_SMALL && __atomic_load_n(start_for(l, base), __ATOMIC_ACQUIRE) == MAP_GLIBC)
		st->live = start_for(l, base);
	else if (tag == HEAP_TAG_LARGE && __atomic_load_n(&cover_for(l, base)->starting_within,
							  __ATOMIC_ACQUIRE) == base)
		st->live = &cover_for(l, base)->starting_within;
	else
		st->word = 0;
}

static int fill(uintptr_t base, uintptr_t p, struct allocs_info *out, struct heap_stamp *st)
{
	uint64_t *wp, *size64;
	unsigned tag = heap_chunk_locate((const void *)base, &wp, &size64);
	if (!tag)
		return -1;
	uint64_t word = __atomic_load_n(wp, __ATOMIC_RELAXED);
	uint64_t s64 = size64 ? __atomic_load_n(size64, __ATOMIC_RELAXED) : 0;
	size_t size = size64 ? (size_t)s64 : HEAP_WORD_SIZE16(word);
	if (p - base >= size && p != base)
		return -1;
	out->kind = ALLOCS_HEAP;
	out->base = (const void *)base;
	out->size = size;
	out->site = heap_site_of(HEAP_WORD_SITE(word));
	uint32_t tid = HEAP_WORD_TYPE(word);
	out->type = tid ? heap_type_of(tid) : heap_site_type(HEAP_WORD_SITE(word));
	if (st)
		stamp_found(base, tag, word, s64, st);
	return 0;
}

/* Order: p's own map group (small chunks near their start: the common
 * case, one load), then the large-chunk slots (two loads), then the rest
 * of the small-chunk scan.  st (may be NULL): the found chunk's stamp. */
static inline int lookup(const void *ptr, struct allocs_info *out, struct heap_stamp *st)
{
	uintptr_t p = (uintptr_t)ptr;
	uintptr_t s = small_candidate(p, 1);
	if (!s)
		return -1;      /* no index here at all */
	if (s != 1 && fill(s, p, out, st) == 0)
		return 0;
	uintptr_t b = large_candidate(p);
	if (b && fill(b, p, out, st) == 0)
		return 0;
	if (s != 1)
		return -1;      /* the nearest small start is in p's group and does not hold p */
	s = small_candidate(p, 0);
	if (s && fill(s, p, out, st) == 0)
		return 0;
	return -1;
}

int heap_lookup(const void *ptr, struct allocs_info *out)
{
	return lookup(ptr, out, NULL);
}

int heap_lookup_stamped(const void *ptr, struct allocs_info *out, struct heap_stamp *st)
{
	if (lookup(ptr, out, st) != 0)
		return -1;
	return st->word ? 0 : 1;
}

enum heap_start_kind heap_start_type(const void *p, struct heap_start *out)
{
	uintptr_t b = (uintptr_t)p;
	struct leaf *l = (b & 15) ? NULL : leaf_for(b, 0);
	if (!l)
		return HEAP_START_NONE;
	uint64_t *wp, *size64;
	if (__atomic_load_n(start_for(l, b), __ATOMIC_ACQUIRE) == MAP_GLIBC) {
		if (heap_glibc_trailer(p, &wp, &size64) != HEAP_TAG_SMALL)
			return HEAP_START_NONE;
	} else if (__atomic_load_n(&cover_for(l, b)->starting_within, __ATOMIC_ACQUIRE) == b) {
		/* a large chunk: glibc's, unless a foreign allocator made it */
		if (heap_chunk_locate(p, &wp, &size64) != HEAP_TAG_LARGE)
			return HEAP_START_NONE;
	} else {
		return HEAP_START_NONE;
	}
	uint64_t w = __atomic_load_n(wp, __ATOMIC_RELAXED);
	out->word = wp;
	out->value = w;
	out->size = size64 ? __atomic_load_n(size64, __ATOMIC_RELAXED) : HEAP_WORD_SIZE16(w);
	uint32_t tid = HEAP_WORD_TYPE(w);
	out->type = tid ? heap_type_of(tid) : heap_site_type_cached(HEAP_WORD_SITE(w));
	return out->type ? HEAP_START_TYPED : HEAP_START_UNTYPED;
}

/* The metadata word *word, read as `expect`, with its type id replaced by
 * t's: one compare-and-swap.  0 on success, -1 if the word changed
 * meanwhile (*expect then holds its new value) or t cannot be interned. */
static int retype_word(uint64_t *word, uint64_t *expect, const struct uniqtype *t)
{
	uint32_t tid = t ? heap_type_id(t) : 0;
	if (t && !tid)
		return -1;
	return __atomic_compare_exchange_n(word, expect, HEAP_WORD_WITH_TYPE(*expect, tid), 0,
					   __ATOMIC_RELEASE, __ATOMIC_RELAXED) ? 0 : -1;
}

int heap_start_set_type(const struct heap_start *hs, const struct uniqtype *t)
{
	uint64_t expect = hs->value;
	return retype_word(hs->word, &expect, t);
}

int allocs_heap_set_type(const void *base, const struct uniqtype *t)
{
	if (!heap_index_contains_start(base))
		return -1;
	uint64_t *word, *size64;
	if (!heap_chunk_locate(base, &word, &size64))
		return -1;
	if (t && !heap_type_id(t))
		return -1;
	/* CAS so a concurrent set_type on the same chunk cannot tear the word */
	uint64_t old = __atomic_load_n(word, __ATOMIC_RELAXED);
	while (retype_word(word, &old, t) != 0)
		;
	return 0;
}

int heap_set_type_stamped(const void *base, const struct heap_stamp *st, const struct uniqtype *t)
{
	if (!st->hdr || !st->word)
		return allocs_heap_set_type(base, t);
	/* the trailer, where the stamp's header says it is (heap_glibc_still) */
	uintptr_t b = (uintptr_t)base;
	uint64_t *end = (uint64_t *)(b + (st->hdr & ~(uint64_t)7) - 8 - ((st->hdr & 2) << 2));
	uint64_t expect = st->word;
	if (retype_word(end - 1, &expect, t) == 0)
		return 0;
	return allocs_heap_set_type(base, t);   /* changed meanwhile: the general path */
}

/* ---- stamps (bounds answer cache, checker/bounds-cache.c) ----
 * A free leaves glibc's header and our trailer in place (tcache chunks
 * look allocated to their header), so the start map is asked first: a
 * freed chunk is no longer a start.  Asking it first also means the
 * chunk's own memory is read only while it is live (a freed large chunk
 * may be unmapped).  A chunk freed and reallocated at the same base with
 * the same header, size and metadata word (site and type) has the same
 * bounds, so the stamp need not tell the two apart. */
static inline int stamp_read(const void *base, struct heap_stamp *st)
{
	if (!heap_index_contains_start(base))
		return -1;
	uint64_t *wp, *size64;
	unsigned tag = heap_chunk_locate(base, &wp, &size64);
	if (!tag)
		return -1;
	stamp_found((uintptr_t)base, tag, __atomic_load_n(wp, __ATOMIC_RELAXED),
		    size64 ? __atomic_load_n(size64, __ATOMIC_RELAXED) : 0, st);
	/* a glibc chunk without the expected index cell: do not cache */
	return st->hdr && !st->word ? -1 : 0;
}

/* The general path (foreign chunks; heap_stamp_valid_inline for glibc's). */
int heap_chunk_stamp_valid(const void *base, const struct heap_stamp *st)
{
	struct heap_stamp now;
	return stamp_read(base, &now) == 0 && now.word == st->word && now.hdr == st->hdr &&
	       now.size == st->size;
}

/* Starts at 1: a cache entry never written (all zero) must not look like
 * a current static answer (checker/bounds-cache.h). */
unsigned long heap_nonheap_generation = 1;

void allocs_nonheap_changed(void)
{
	__atomic_fetch_add(&heap_nonheap_generation, 1, __ATOMIC_ACQ_REL);
}

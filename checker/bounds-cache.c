/*
 * bounds-cache.c -- per-thread cache of bounds answers (bounds-cache.h).
 *
 * Direct-mapped, 1024 entries of one cache line (64 KiB) in static TLS: no
 * allocation, no lock, nothing to set up.  (Lua's index queries: 4.76 M
 * with 128 entries, 4.64 M with 256, 3.87 M with 1024.  SQLite's
 * pointers reloaded inside its B-tree loops conflict at 256: 1024 cut
 * its reduced workload's instructions by 2.4%, most of its per-pointer
 * misses being answered by the per-chunk level before.)  An entry is keyed by the exact
 * pointer (not its chunk): finding the chunk is what costs, and the
 * pointers fetched again and again are the same values.  A hit costs a
 * hash, a compare and the validation, inline: for heap answers the
 * index cell saying the chunk starts there, the glibc header and the
 * chunk's trailer; for static answers one load of the generation.
 *
 * The per-chunk level (bc_tls.chunks, 64 entries: 4 KiB) is asked on a
 * miss: a new pointer into a chunk whose answer is the same for all its
 * pointers of that element size (bounds-fetch.c, uniform_extent) gets
 * the answer without an index lookup or a type walk, validated by the
 * same stamp.  (Lua's reduced workload: index queries 4.2 M -> 1.0 M.)
 * A large chunk's entry sits in the slot of its base's page, found from
 * the index's large-chunk slots in two loads: one entry then serves every
 * pointer into the chunk, where keying by the pointer's page made one
 * miss per page and filled the level with one chunk (SQLite's 48 KB
 * lookaside and page-cache buffers: 8.1 M of its 9.2 M index queries).
 *
 * Signals: a handler may fetch bounds (and so fill an entry) between any
 * two instructions of the thread it interrupts.  The writer counts the
 * write (bc_writes), clears the key, writes the fields and sets the key
 * last; the reader notes the count before reading the entry and takes what
 * it read only if the count is unchanged afterwards.  A handler runs to
 * completion, so the interrupted thread either sees no write at all during
 * its read or knows one happened (even one that rewrote the same key).  A
 * handler interrupting a write finds the key 0, which no probe matches.
 */
#include "bounds-cache.h"

/* The writer's half of the protocol above: count the write and clear the
 * entry's key (no probe matches 0) before the fields change ... */
static inline void write_begin(uint64_t *key)
{
	__atomic_store_n(&bc_tls.writes, bc_tls.writes + 1, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	*key = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/* ... and set the key once they are all written. */
static inline void write_end(uint64_t *key, uint64_t value)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	*key = value;
}

__thread struct bc_tls bc_tls __attribute__((tls_model("initial-exec")));

int bc_foreign_still(const struct bc_entry *e)
{
	struct heap_stamp st = { 0, e->word, e->eszx >> BC_ESZ_BITS, NULL };
	return heap_chunk_stamp_valid((const void *)(uintptr_t)e->base, &st);
}

static void put(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t base, uint64_t hdr,
		uint64_t word, const void *live, uint64_t size64)
{
	struct bc_entry *e = bc_slot(a, esz);
	write_begin(&e->key);
	e->eszx = esz | size64 << BC_ESZ_BITS;
	e->b = b;
	e->base = base;
	e->hdr = hdr;
	e->word = word;
	e->live = live;
	write_end(&e->key, a);
}

void bounds_cache_put_local(uint64_t a, uint64_t esz, allocs_bounds_t b, const struct stack_local_id *id)
{
	if (a && !(esz >> BC_ESZ_BITS) && !(id->size >> (64 - BC_ESZ_BITS)))
		put(a, esz, b, 0, (uint64_t)id->index << 1 | 1, id->base, id->type, id->size);
}

void bounds_cache_put(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t base,
		      const struct heap_stamp *st, unsigned long gen)
{
	if (!a || esz >> BC_ESZ_BITS)
		return;
	uint64_t size64 = 0, hdr = 0, word = gen;
	const void *live = NULL;
	if (st) {
		if (!base || st->size >> (64 - BC_ESZ_BITS))
			return;
		size64 = st->size;
		hdr = st->hdr;
		word = st->word;
		live = st->live;
	} else {
		base = 0;
	}
	put(a, esz, b, base, hdr, word, live, size64);
}

/* ---- per chunk ---- */

static inline struct bc_chunk *chunk_slot(uint64_t a, uint64_t esz)
{
	uint64_t h = (a >> 12) ^ (a >> 18) ^ (esz * 0x9e3779b1u);
	return &bc_tls.chunks[h & (BC_CHUNK_ENTRIES - 1)];
}

/* Does chunk entry c answer (a, esz)?  Same protocol as the per-pointer
 * entries, with base as the key.  An odd hdr marks a registered local's
 * entry (glibc headers are stored without their low bit): its index << 1
 * | 1, validated by the registry (bounds_cache_put_chunk_local). */
static int chunk_answers(const struct bc_chunk *c, uint64_t a, uint64_t esz, allocs_bounds_t *out)
{
	unsigned long w0 = __atomic_load_n(&bc_tls.writes, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	uint64_t base = c->base, eszx = c->eszx, hdr = c->hdr, word = c->word;
	const void *live = c->live;
	if (!base || a - base >= c->hi - base || (eszx & ((1u << BC_ESZ_BITS) - 1)) != esz)
		return 0;
	if (hdr & 1) {
		if (!stack_local_still((unsigned)(hdr >> 1), base, eszx >> BC_ESZ_BITS, live))
			return 0;
	} else if (hdr) {
		if (!heap_glibc_still(base, hdr, word, live, eszx >> BC_ESZ_BITS))
			return 0;
	} else {
		struct heap_stamp st = { 0, word, eszx >> BC_ESZ_BITS, NULL };
		if (!heap_chunk_stamp_valid((const void *)(uintptr_t)base, &st))
			return 0;
	}
	allocs_bounds_t b = c->b;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&bc_tls.writes, __ATOMIC_RELAXED) != w0)
		return 0;
	if (hdr & 1) {
		put(a, esz, b, 0, hdr, base, live, eszx >> BC_ESZ_BITS);
	} else {
		struct heap_stamp st = { hdr, word, eszx >> BC_ESZ_BITS, live };
		bounds_cache_put(a, esz, b, base, &st, 0);
	}
	*out = b;
	return 1;
}

int bounds_cache_get_chunk(uint64_t a, uint64_t esz, allocs_bounds_t *out)
{
	/* a large chunk's slot first (two loads to find its base), so that a
	 * pointer into one probes a single entry */
	uint64_t large = heap_large_candidate((const void *)(uintptr_t)a);
	if (large && chunk_answers(chunk_slot(large, esz), a, esz, out))
		return 1;
	return chunk_answers(chunk_slot(a, esz), a, esz, out);
}

void bounds_cache_put_chunk(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t base, uint64_t hi,
			    const struct heap_stamp *st)
{
	if (!base || a - base >= hi - base || hi - base < BC_CHUNK_MIN || esz >> BC_ESZ_BITS ||
	    st->size >> (64 - BC_ESZ_BITS))
		return;
	/* large chunks by their base (see the top of this file) */
	struct bc_chunk *c = chunk_slot(hi - base > HEAP_SMALL_MAX ? base : a, esz);
	write_begin(&c->base);    /* a chunk entry's key is its base */
	c->hi = hi;
	c->eszx = esz | st->size << BC_ESZ_BITS;
	c->b = b;
	c->hdr = st->hdr;
	c->word = st->word;
	c->live = st->live;
	write_end(&c->base, base);
}

void bounds_cache_put_chunk_local(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t hi,
				  const struct stack_local_id *id)
{
	uint64_t base = id->base;
	if (!base || a - base >= hi - base || hi - base < BC_CHUNK_MIN || esz >> BC_ESZ_BITS ||
	    id->size >> (64 - BC_ESZ_BITS))
		return;
	struct bc_chunk *c = chunk_slot(a, esz);
	write_begin(&c->base);
	c->hi = hi;
	c->eszx = esz | (uint64_t)id->size << BC_ESZ_BITS;
	c->b = b;
	c->hdr = (uint64_t)id->index << 1 | 1;
	c->word = 0;
	c->live = id->type;
	write_end(&c->base, base);
}

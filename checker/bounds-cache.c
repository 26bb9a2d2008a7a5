/*
 * bounds-cache.c -- per-thread cache of bounds answers (bounds-cache.h).
 *
 * Direct-mapped, 256 entries of 96 bytes (24 KiB) in static TLS: no
 * allocation, no lock, nothing to set up.  (Lua's index queries: 4.76 M
 * with 128 entries, 4.64 M with 256, 3.87 M with 1024: its misses are
 * mostly new pointers, not conflicts.)  An entry is keyed by the exact
 * pointer (not its chunk): finding the chunk is what costs, and the
 * pointers fetched again and again are the same values.  A hit costs a
 * hash, a compare and the validation, inline: for heap answers the
 * index cell saying the chunk starts there, the glibc header and the
 * chunk's trailer (four or five loads, against 200-400 instructions for a
 * lookup and type walk); for static answers one load of the generation.
 *
 * Signals: a handler may fetch bounds (and so fill an entry) between any
 * two instructions of the thread it interrupts.  The writer clears the key
 * before changing an entry and sets it last; the reader reads the key,
 * then the fields, then the key again, and takes the entry only if both
 * reads agree.  A handler runs to completion, so the interrupted thread
 * sees either the old entry whole or a key change.
 */
#include "bounds-cache.h"
#include "../runtime/heap-index.h"

#define BC_ENTRIES 256u         /* power of two */

struct bc_entry {
	uint64_t key;                 /* the pointer; 0 = empty */
	uint64_t esz;
	allocs_bounds_t b;
	uint64_t base;                /* heap chunk base; 0 = static answer */
	struct heap_stamp st;         /* heap: the chunk's stamp; static: st.word = generation */
} __attribute__((aligned(32)));

static __thread struct bc_entry bc_table[BC_ENTRIES]
	__attribute__((tls_model("initial-exec")));

static inline struct bc_entry *slot_for(uint64_t a, uint64_t esz)
{
	/* low bits of the address above the alignment, mixed with the page
	 * bits so that same-offset pointers into different chunks spread */
	uint64_t h = (a >> 3) ^ (a >> 12) ^ (esz * 0x9e3779b1u);
	return &bc_table[h & (BC_ENTRIES - 1)];
}

int bounds_cache_get(uint64_t a, uint64_t esz, allocs_bounds_t *out)
{
	struct bc_entry *e = slot_for(a, esz);
	uint64_t k = e->key;
	if (k != a)
		return 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	uint64_t cesz = e->esz, base = e->base;
	allocs_bounds_t b = e->b;
	struct heap_stamp st = e->st;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (e->key != k || cesz != esz)
		return 0;
	if (base) {
		if (!heap_stamp_valid_inline(base, &st))
			return 0;
	} else if (st.word != allocs_nonheap_generation()) {
		return 0;
	}
	*out = b;
	return 1;
}

void bounds_cache_put(uint64_t a, uint64_t esz, allocs_bounds_t b,
		      const struct allocs_info *info, unsigned long gen)
{
	struct heap_stamp st = { 0, gen, 0, NULL, NULL };
	uint64_t base = 0;
	if (info->kind == ALLOCS_HEAP) {
		base = (uintptr_t)info->base;
		if (!base || heap_chunk_stamp(info->base, &st) != 0)
			return;
	} else if (info->kind != ALLOCS_STATIC) {
		return;
	}
	struct bc_entry *e = slot_for(a, esz);
	e->key = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	e->esz = esz;
	e->b = b;
	e->base = base;
	e->st = st;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	e->key = a;
}

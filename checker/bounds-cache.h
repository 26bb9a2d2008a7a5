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
 *  - answers about registered locals name the registry entry they came
 *    from (runtime/stack-locals.h): still true while the registry has the
 *    same local there, whatever was pushed and popped meanwhile (a loop
 *    that passes &c to a callee on every pass);
 *  - other stack, mapped and unbounded answers are not cached: frames die
 *    without any call the runtime sees, mappings and the memory no index
 *    knows change under it.
 * Per thread, so no locks and no sharing; safe against a signal handler
 * that fetches while the thread is updating an entry (bounds-cache.c).
 *
 * The probe is inline (bounds_cache_get): __allocs_fetch_bounds answers a
 * hit without a call or a stack frame; everything else is out of line.
 */
#ifndef ALLOCSCHECK_BOUNDS_CACHE_H
#define ALLOCSCHECK_BOUNDS_CACHE_H

#include "checker.h"
#include "../runtime/heap-index.h"
#include "../runtime/stack-locals.h"

#pragma GCC visibility push(hidden)

#define BC_ENTRIES 1024u           /* power of two */
#define BC_ESZ_BITS 16             /* element sizes cached: below 64 KiB */

/* One cache line.  The stamp is stored compactly: the glibc chunk's end
 * is recomputed from its header, and a large chunk's 64-bit size shares a
 * word with the element size (chunk sizes are below 2^47). */
struct bc_entry {
	uint64_t key;                 /* the pointer; 0 = empty */
	uint64_t eszx;                /* esz | large or foreign chunk's 64-bit size << BC_ESZ_BITS
					 (a registered local's size) */
	allocs_bounds_t b;
	uint64_t base;                /* heap chunk base; 0 = static or registered-local answer */
	uint64_t hdr;                 /* heap: glibc header without PREV_INUSE; 0 = foreign chunk;
					 non-heap: registered local's index << 1 | 1, else 0 */
	uint64_t word;                /* heap: metadata word; static: the non-heap generation;
					 local: its base */
	const void *live;             /* glibc chunk: the index cell saying it starts at base;
					 local: its type descriptor */
} __attribute__((aligned(64)));

/* Second level, per chunk: answers that hold for every pointer into a
 * range of one heap chunk (the whole chunk for untyped chunks and byte
 * pointers, the array of elements for a chunk of esz-byte objects), so
 * that a pointer never fetched before but into a chunk seen before (a
 * cursor moving through an array, an interpreter's stack slots) skips the
 * index lookup and the type walk.  Slot chosen by the pointer's 4 KiB
 * page; the entry says which range it covers. */
#define BC_CHUNK_ENTRIES 64u      /* power of two */
#define BC_CHUNK_MIN 64u          /* smaller chunks: rarely new pointers into them */

struct bc_chunk {
	uint64_t hi;                  /* the answer holds for pointers in [base, hi) */
	uint64_t eszx;                /* as in bc_entry */
	allocs_bounds_t b;
	uint64_t base;                /* chunk (or registered local) base; 0 = empty */
	uint64_t hdr, word;           /* as in bc_entry; a local: index << 1 | 1, 0 */
	const void *live;             /* as in bc_entry; a local: its type descriptor */
} __attribute__((aligned(64)));

/* This thread's cache: one TLS block, so that the hit path computes one
 * address for all it reads. */
struct bc_tls {
	/* Entries this thread has written (including its signal handlers): a
	 * probe that sees it change took fields of two different entries. */
	unsigned long writes;
	/* This thread's "bounds fetched" counter (its counter block's; NULL
	 * until the first miss sets it): the hit path counts with one add. */
	uint64_t *fetched;
	struct bc_entry table[BC_ENTRIES];
	struct bc_chunk chunks[BC_CHUNK_ENTRIES];
};
extern __thread struct bc_tls bc_tls __attribute__((tls_model("initial-exec")));

static inline struct bc_entry *bc_slot(uint64_t a, uint64_t esz)
{
	/* low bits of the address above the alignment, mixed with the page
	 * bits so that same-offset pointers into different chunks spread */
	uint64_t h = (a >> 3) ^ (a >> 12) ^ (esz * 0x9e3779b1u);
	return &bc_tls.table[h & (BC_ENTRIES - 1)];
}

/* Stamp check of a foreign chunk's entry (out of line: rare). */
int bc_foreign_still(const struct bc_entry *e);

/* The cached answer for (a, esz) if it is still true: 1 and *out, else 0.
 * A hit reads the entry (one line), then for a glibc chunk the index
 * cell, the chunk header and its trailer; for a static answer the
 * generation; for a registered local its registry entry.  a = 0 never hits (an entry being written has key 0).
 * Entries about foreign chunks need a call to check: with foreign = 0
 * such an entry answers BC_FOREIGN (so that the caller's hit path makes
 * no call, and its miss path knows whether probing again can hit). */
#define BC_FOREIGN 2
static inline __attribute__((always_inline)) int bounds_cache_get(uint64_t a, uint64_t esz,
								 allocs_bounds_t *out, int foreign)
{
	const struct bc_entry *e = bc_slot(a, esz);
	unsigned long w0 = __atomic_load_n(&bc_tls.writes, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (e->key != a || !a || (e->eszx & ((1u << BC_ESZ_BITS) - 1)) != esz)
		return 0;
	uint64_t base = e->base, word = e->word;
	if (base) {
		if (__builtin_expect(!e->hdr, 0)) {
			if (!foreign)
				return BC_FOREIGN;
			if (!bc_foreign_still(e))
				return 0;
		} else if (!heap_glibc_still(base, e->hdr, word, e->live, e->eszx >> BC_ESZ_BITS)) {
			return 0;
		}
	} else if (e->hdr) {
		if (!stack_local_still((unsigned)(e->hdr >> 1), word, e->eszx >> BC_ESZ_BITS, e->live))
			return 0;
	} else if (word != allocs_nonheap_generation()) {
		return 0;
	}
	allocs_bounds_t b = e->b;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&bc_tls.writes, __ATOMIC_RELAXED) != w0)
		return 0;
	*out = b;
	return 1;
}

/* Remember the answer b for (a, esz): about the heap chunk at base with
 * stamp *st (heap_lookup_stamped), or (st NULL) static memory, gen being
 * allocs_nonheap_generation() read before the lookup. */
void bounds_cache_put(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t base,
		      const struct heap_stamp *st, unsigned long gen);

/* Remember the answer b for (a, esz) about the registered local id. */
void bounds_cache_put_local(uint64_t a, uint64_t esz, allocs_bounds_t b, const struct stack_local_id *id);

/* The per-chunk answer for (a, esz) if there is one and it is still
 * true: 1 and *out (also entered in the per-pointer cache), else 0. */
int bounds_cache_get_chunk(uint64_t a, uint64_t esz, allocs_bounds_t *out);
/* Remember that b, found for the pointer a into the heap chunk at base
 * with stamp *st, is the answer for every pointer in [base, hi) with
 * element size esz. */
void bounds_cache_put_chunk(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t base, uint64_t hi,
			    const struct heap_stamp *st);
/* The same for the registered local id, whose answer b holds for every
 * pointer in [id->base, hi) (an array of scalars: a local buffer walked
 * by pointer). */
void bounds_cache_put_chunk_local(uint64_t a, uint64_t esz, allocs_bounds_t b, uint64_t hi,
				  const struct stack_local_id *id);

#pragma GCC visibility pop

#endif

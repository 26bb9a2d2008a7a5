/*
 * alloca-blocks.c -- per-thread ring of alloca/VLA blocks announced by
 * instrumented code (include/allocs-alloca.h).
 *
 * Stack discipline makes this cheap: a block is live only while it is above
 * the stack pointer, so stale blocks are recognised by address alone and
 * pruned whenever the ring is touched.  The ring is small; when it is full
 * the oldest (outermost) block is forgotten, which only loses precision.
 * Not reentrant against a signal handler registering blocks on the same
 * thread mid-update (the worst outcome is a forgotten block).
 */
#include "alloca-blocks.h"
#include "allocs-alloca.h"

#include <string.h>

#define RING 16

struct alloca_ring {
	uintptr_t base[RING];
	size_t size[RING];
	const void *site[RING];
	unsigned n;                       /* blocks [0, n), oldest first */
};

static __thread struct alloca_ring ring __attribute__((tls_model("initial-exec")));

/* Drop blocks that start below `sp`: their frames are gone. */
static void prune(uintptr_t sp)
{
	unsigned k = 0;
	for (unsigned i = 0; i < ring.n; i++)
		if (ring.base[i] >= sp) {
			ring.base[k] = ring.base[i];
			ring.size[k] = ring.size[i];
			ring.site[k] = ring.site[i];
			k++;
		}
	ring.n = k;
}

__attribute__((visibility("default")))
void __allocs_alloca_register(void *base, size_t size)
{
	/* Our CFA is the caller's stack pointer at the call: nothing of the
	 * caller's lives below it. */
	prune((uintptr_t)__builtin_dwarf_cfa());
	if (ring.n == RING) {
		memmove(&ring.base[0], &ring.base[1], (RING - 1) * sizeof ring.base[0]);
		memmove(&ring.size[0], &ring.size[1], (RING - 1) * sizeof ring.size[0]);
		memmove(&ring.site[0], &ring.site[1], (RING - 1) * sizeof ring.site[0]);
		ring.n--;
	}
	ring.base[ring.n] = (uintptr_t)base;
	ring.size[ring.n] = size;
	ring.site[ring.n] = __builtin_return_address(0);
	ring.n++;
}

__attribute__((visibility("default")))
void __allocs_alloca_restore(void *sp)
{
	prune((uintptr_t)sp);
}

int alloca_block_find(uintptr_t a, uintptr_t sp, uintptr_t *base, size_t *size,
		      const void **site)
{
	prune(sp);
	for (unsigned i = ring.n; i-- > 0;)
		if (a >= ring.base[i] && a - ring.base[i] < ring.size[i]) {
			*base = ring.base[i];
			*size = ring.size[i];
			*site = ring.site[i];
			return 0;
		}
	return -1;
}

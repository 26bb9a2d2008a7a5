/*
 * mapped-index.c -- sorted region array with lock-free readers.
 *
 * Mapping calls are rare next to lookups, and a process has at most tens of
 * thousands of mappings (vm.max_map_count), so a sorted array (binary
 * search to read, memmove to update) is small and fast enough.
 *
 * Reader protocol: read seq (must be even), search, copy the entry, read
 * seq again; equal means the copy is consistent.  Entries are read with
 * relaxed atomics so a concurrent memmove is merely a stale read.
 */
#include "mapped-index.h"
#include "spin-lock.h"
#include "internal-alloc.h"
#include "runtime-log.h"

#include <sched.h>
#include <stdint.h>
#include <string.h>

#define MAX_REGIONS (1u << 20)
#define READ_SPINS 200
#define READ_YIELDS 100

struct region {
	uintptr_t base, end;
	uintptr_t site;
	uintptr_t flags;
};

static struct region *regions;       /* MAX_REGIONS, reserved on first add */
static size_t nregions;
static unsigned long seq;
static int lock_word;
static int warned_full;


static void write_begin(void)
{
	spin_lock(&lock_word);
	__atomic_store_n(&seq, seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void write_end(void)
{
	__atomic_store_n(&seq, seq + 1, __ATOMIC_RELEASE);
	spin_unlock(&lock_word);
}

/* first index whose end > a (writers only: plain reads are fine under the lock) */
static size_t first_ending_after(uintptr_t a)
{
	size_t lo = 0, hi = nregions;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (regions[mid].end > a)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int insert_at(size_t i, struct region r)
{
	if (nregions >= MAX_REGIONS)
		return -1;
	memmove(&regions[i + 1], &regions[i], (nregions - i) * sizeof *regions);
	regions[i] = r;
	__atomic_store_n(&nregions, nregions + 1, __ATOMIC_RELAXED);
	return 0;
}

static void delete_at(size_t i)
{
	memmove(&regions[i], &regions[i + 1], (nregions - i - 1) * sizeof *regions);
	__atomic_store_n(&nregions, nregions - 1, __ATOMIC_RELAXED);
}

/* remove [lo, hi) from every region (caller holds the write side) */
static void cut(uintptr_t lo, uintptr_t hi)
{
	size_t i = first_ending_after(lo);
	while (i < nregions && regions[i].base < hi) {
		struct region *r = &regions[i];
		if (r->base < lo && r->end > hi) {            /* split */
			struct region tail = *r;
			tail.base = hi;
			r->end = lo;
			if (insert_at(i + 1, tail) != 0)
				r->end = lo;   /* table full: drop the tail */
			return;
		}
		if (r->base < lo) {                           /* keep the head */
			r->end = lo;
			i++;
		} else if (r->end > hi) {                     /* keep the tail */
			r->base = hi;
			return;
		} else {
			delete_at(i);                         /* wholly inside */
		}
	}
}

static uintptr_t page_up(uintptr_t a)
{
	return (a + 4095) & ~(uintptr_t)4095;
}

void mapped_index_add(const void *base, size_t len, const void *site, unsigned flags)
{
	uintptr_t lo = (uintptr_t)base, hi = page_up(lo + len);
	if (!len || hi <= lo)
		return;
	if (!__atomic_load_n(&regions, __ATOMIC_ACQUIRE)) {
		struct region *fresh = allocs_internal_reserve(MAX_REGIONS * sizeof *regions);
		struct region *expected = NULL;
		if (!fresh)
			return;
		if (!__atomic_compare_exchange_n(&regions, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			allocs_internal_unreserve(fresh, MAX_REGIONS * sizeof *regions);
	}
	write_begin();
	cut(lo, hi);   /* MAP_FIXED over old mappings replaces them */
	size_t i = first_ending_after(lo);
	int merged = 0;
	if ((flags & MAPPED_BRK) && i > 0 && regions[i - 1].end == lo && (regions[i - 1].flags & MAPPED_BRK)) {
		regions[i - 1].end = hi;
		merged = 1;
	}
	int full = !merged && insert_at(i, (struct region){ lo, hi, (uintptr_t)site, flags }) != 0;
	write_end();
	if (full && !__atomic_exchange_n(&warned_full, 1, __ATOMIC_RELAXED))
		allocs_log("mapped-region table full; further mappings are not indexed\n");
}

void mapped_index_remove(const void *base, size_t len)
{
	uintptr_t lo = (uintptr_t)base, hi = page_up(lo + len);
	if (!len || hi <= lo || !__atomic_load_n(&regions, __ATOMIC_ACQUIRE))
		return;
	write_begin();
	cut(lo, hi);
	write_end();
}

/* Lock-free read; returns 0 and the region containing p, or -1. */
static int find(uintptr_t p, struct region *out)
{
	struct region *arr = __atomic_load_n(&regions, __ATOMIC_ACQUIRE);
	if (!arr)
		return -1;
	for (unsigned tries = 0; tries < READ_SPINS + READ_YIELDS; tries++) {
		unsigned long s1 = __atomic_load_n(&seq, __ATOMIC_ACQUIRE);
		if (s1 & 1) {
			if (tries < READ_SPINS)
				__builtin_ia32_pause();
			else
				sched_yield();
			continue;
		}
		size_t n = __atomic_load_n(&nregions, __ATOMIC_RELAXED);
		if (n > MAX_REGIONS)
			n = MAX_REGIONS;
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (__atomic_load_n(&arr[mid].end, __ATOMIC_RELAXED) > p)
				hi = mid;
			else
				lo = mid + 1;
		}
		struct region r = { 0, 0, 0, 0 };
		if (lo < n) {
			r.base = __atomic_load_n(&arr[lo].base, __ATOMIC_RELAXED);
			r.end = __atomic_load_n(&arr[lo].end, __ATOMIC_RELAXED);
			r.site = __atomic_load_n(&arr[lo].site, __ATOMIC_RELAXED);
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&seq, __ATOMIC_RELAXED) != s1)
			continue;
		if (lo < n && r.base <= p && p < r.end) {
			*out = r;
			return 0;
		}
		return -1;
	}
	return -1;   /* an update never finished under us (we may have interrupted it) */
}

const void *mapped_index_site(const void *p)
{
	struct region r;
	return find((uintptr_t)p, &r) == 0 ? (const void *)r.site : NULL;
}

int mapped_lookup(const void *p, struct allocs_info *out)
{
	struct region r;
	if (find((uintptr_t)p, &r) != 0)
		return -1;
	out->kind = ALLOCS_MAPPED;
	out->base = (const void *)r.base;
	out->size = r.end - r.base;
	out->type = NULL;
	out->site = (const void *)r.site;
	return 0;
}

void mapped_index_atfork_prepare(void) { spin_lock(&lock_word); }
void mapped_index_atfork_parent(void) { spin_unlock(&lock_word); }
void mapped_index_atfork_child(void) { spin_unlock(&lock_word); }

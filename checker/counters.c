/*
 * counters.c -- check counters, per thread, and the summary at exit.
 *
 * Each thread counts into a block of its own (plain increments: only its
 * owner writes it), so counting costs no atomic read-modify-write and no
 * shared cache line.  Blocks come from a static pool and are never freed:
 * when a thread exits, its block is marked free and the next new thread
 * keeps adding to it, so nothing counted is lost.  If the pool runs out,
 * further threads share one block updated atomically.  The summary sums
 * every block.
 */
#include "checker.h"
#include "suppressions.h"
#include "../runtime/runtime-log.h"

#include <pthread.h>

#define NBLOCKS 512
static struct ctr_block blocks[NBLOCKS];
static unsigned char block_used[NBLOCKS];
struct ctr_block checker_shared_ctr;
static int pool_lock;

__thread struct ctr_block *checker_ctr __attribute__((tls_model("initial-exec")));

/* fork: the child must not inherit pool_lock held by a thread it lacks. */
static void pool_atfork_child(void)
{
	pool_lock = 0;
}

__attribute__((constructor)) static void pool_atfork(void)
{
	pthread_atfork(NULL, NULL, pool_atfork_child);
}

static pthread_key_t exit_key;
static int exit_key_state;                      /* 0 none, 1 creating, 2 ready */

static void release_block(void *b)
{
	size_t i = (struct ctr_block *)b - blocks;
	if (i < NBLOCKS)
		__atomic_store_n(&block_used[i], 0, __ATOMIC_RELEASE);
}

struct ctr_block *checker_ctr_acquire(void)
{
	int expected = 0;
	if (__atomic_compare_exchange_n(&exit_key_state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		int ok = pthread_key_create(&exit_key, release_block) == 0;
		__atomic_store_n(&exit_key_state, ok ? 2 : 3, __ATOMIC_RELEASE);
	}
	while (__atomic_exchange_n(&pool_lock, 1, __ATOMIC_ACQUIRE))
		;
	struct ctr_block *b = &checker_shared_ctr;
	/* Blocks can be recycled only if thread exit can give them back. */
	if (__atomic_load_n(&exit_key_state, __ATOMIC_ACQUIRE) == 2) {
		for (size_t i = 0; i < NBLOCKS; i++)
			if (!block_used[i]) {
				block_used[i] = 1;
				b = &blocks[i];
				break;
			}
	}
	__atomic_store_n(&pool_lock, 0, __ATOMIC_RELEASE);
	if (b != &checker_shared_ctr)
		pthread_setspecific(exit_key, b);
	return b;
}

static void sum(uint64_t out[CTR_N])
{
	for (int k = 0; k < CTR_N; k++)
		out[k] = __atomic_load_n(&checker_shared_ctr.c[k], __ATOMIC_RELAXED);
	for (size_t i = 0; i < NBLOCKS; i++)
		for (int k = 0; k < CTR_N; k++)
			out[k] += __atomic_load_n(&blocks[i].c[k], __ATOMIC_RELAXED);
}

void checker_print_summary(void)
{
	static int printed;
	if (checker_mode() == ALLOCS_CHECK_OFF)
		return;
	uint64_t t[CTR_N];
	sum(t);
	/* A program that never reached instrumented code says nothing. */
	if (t[CTR_CHECKS] == 0 && t[CTR_NOTES] == 0 && t[CTR_BOUNDS_FETCHED] == 0 &&
	    t[CTR_DERIVE_SLOW] == 0 && t[CTR_BOUNDS_FAILED] == 0)
		return;
	/* Tools run during builds (Tcl's exec, configure probes) treat any
	 * stderr output as failure: ALLOCS_SUMMARY=0 keeps clean runs silent. */
	if (!allocs_options()->summary && checker_mode() != ALLOCS_CHECK_COUNT &&
	    t[CTR_FAILED] == 0 && t[CTR_BOUNDS_FAILED] == 0)
		return;
	if (__atomic_exchange_n(&printed, 1, __ATOMIC_ACQ_REL))
		return;
	/* Counts from threads still running may move while we sum: never let
	 * the derived pass count wrap. */
	uint64_t bad = t[CTR_FAILED] + t[CTR_UNKNOWN];
	uint64_t passed = t[CTR_CHECKS] > bad ? t[CTR_CHECKS] - bad : 0;
	allocs_log("summary: %llu checks, %llu passed, %llu failed, %llu unknown\n",
		   (unsigned long long)t[CTR_CHECKS], (unsigned long long)passed,
		   (unsigned long long)t[CTR_FAILED], (unsigned long long)t[CTR_UNKNOWN]);
	if (supp_count())
		allocs_log("summary: %llu reports suppressed (ALLOCS_SUPPRESS)\n",
			   (unsigned long long)supp_count());
	if (t[CTR_BOUNDS_FETCHED] || t[CTR_DERIVE_SLOW] || t[CTR_BOUNDS_FAILED])
		allocs_log("summary: bounds: %llu bounds fetched, %llu index queries, %llu unbounded, "
		   "%llu slow-path derivations, %llu one-past, %llu out-of-bounds created, "
		   "%llu back in bounds, %llu out-of-bounds accesses\n",
		   (unsigned long long)t[CTR_BOUNDS_FETCHED], (unsigned long long)t[CTR_INDEX_QUERIES],
		   (unsigned long long)t[CTR_BOUNDS_UNKNOWN], (unsigned long long)t[CTR_DERIVE_SLOW],
		   (unsigned long long)t[CTR_ONE_PAST], (unsigned long long)t[CTR_OOB_CREATED],
		   (unsigned long long)t[CTR_BACK_IN], (unsigned long long)t[CTR_BOUNDS_FAILED]);
	if (allocs_options()->verbose >= 1)
		allocs_log("summary: %llu cache hits, %llu chunks typed by a cast, %llu specialised, "
			   "%llu allocations typed, %llu answered at a chunk's start\n",
			   (unsigned long long)t[CTR_CACHE_HITS], (unsigned long long)t[CTR_LAZY_TYPED],
			   (unsigned long long)t[CTR_SPECIALISED], (unsigned long long)t[CTR_NOTES],
			   (unsigned long long)t[CTR_AT_START]);
}

/* Destructors of a library run after those of the objects that depend on
 * it, so checks made by the program's own destructors are counted too. */
__attribute__((destructor)) static void summary_at_exit(void)
{
	checker_print_summary();
}

/*
 * runtime-init.c -- the runtime's start-up, once, from a constructor.
 */
#include "runtime-init.h"
#include "internal-alloc.h"
#include "mapped-index.h"
#include "options.h"
#include "runtime-log.h"

#include <pthread.h>

/* 0 not started, 1 running, 2 done */
static int init_state;

static void atfork_prepare(void)
{
	mapped_index_atfork_prepare();
	allocs_internal_alloc_atfork_prepare();
}

static void atfork_parent(void)
{
	allocs_internal_alloc_atfork_parent();
	mapped_index_atfork_parent();
}

static void atfork_child(void)
{
	allocs_internal_alloc_atfork_child();
	mapped_index_atfork_child();
}

void allocs_runtime_init(void)
{
	int expected = 0;
	if (!__atomic_compare_exchange_n(&init_state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;   /* done, or in progress on another thread (or re-entered) */
	const struct allocs_options *o = allocs_options();
	if (o->help)
		allocs_options_print_help();
	/* The only locks writers of our indexes hold are these; taking them
	 * around fork keeps the child's copies consistent. */
	pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
	allocs_foreign_malloc_init();
	if (allocs_metadata_init)
		allocs_metadata_init();
	allocs_debug(2, "runtime initialised\n");
	__atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
}

int allocs_runtime_ready(void)
{
	return __atomic_load_n(&init_state, __ATOMIC_ACQUIRE) == 2;
}

/* 101 is the first priority available to programs; the runtime should be
 * up before other constructors in the same library. */
__attribute__((constructor(101))) static void runtime_constructor(void)
{
	allocs_runtime_init();
}

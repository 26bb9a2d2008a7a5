/*
 * lookup.c -- allocs_lookup: ask each index in turn.
 *
 * Order: heap first (the commonest answer and the cheapest), then statics
 * (binary search), then stacks (may need to inspect frames), then mapped
 * regions last, because a region the program mapped may itself hold a
 * stack or the chunks of an allocator: the more specific answer wins.
 * An address in the calling thread's own stack (a range kept per thread)
 * goes to the stack index first: the static search would look for it in
 * every loaded object's image in vain, and such addresses are what bounds
 * fetches of address-taken locals ask about (`put_buf(&c, 1)`).
 *
 * The stack and static indexes live in their own files; until they are
 * linked in, their weak references are NULL and those kinds are skipped.
 */
#include "allocs.h"
#include "heap-index.h"
#include "index-stack.h"
#include "index-static.h"
#include "lookup.h"
#include "mapped-index.h"
#include "thread-stacks.h"

#pragma weak allocs_stack_lookup
#pragma weak allocs_static_lookup

static void clear(struct allocs_info *out)
{
	out->kind = ALLOCS_UNKNOWN;
	out->base = NULL;
	out->size = 0;
	out->type = NULL;
	out->site = NULL;
}

static int in_own_stack(const void *p)
{
	struct stack_range st = thread_stack_self();
	return (uintptr_t)p - st.lo < st.hi - st.lo;
}

int allocs_lookup_nonheap(const void *p, struct allocs_info *out)
{
	int own = allocs_stack_lookup && in_own_stack(p);
	if (own && allocs_stack_lookup(p, out) == 0)
		return 0;
	/* (a thread's stack may itself be a static array: asked next) */
	if (allocs_static_lookup && allocs_static_lookup(p, out) == 0)
		return 0;
	if (!own && allocs_stack_lookup && allocs_stack_lookup(p, out) == 0)
		return 0;
	if (mapped_lookup(p, out) == 0)
		return 0;
	clear(out);
	return -1;
}

int allocs_lookup(const void *p, struct allocs_info *out)
{
	struct allocs_info dummy;
	if (!out)
		out = &dummy;
	if (!p) {
		clear(out);
		return -1;
	}
	if (heap_lookup(p, out) == 0)
		return 0;
	return allocs_lookup_nonheap(p, out);
}

const char *allocs_kind_name(enum allocs_kind kind)
{
	switch (kind) {
	case ALLOCS_HEAP: return "heap";
	case ALLOCS_STACK: return "stack";
	case ALLOCS_STATIC: return "static";
	case ALLOCS_MAPPED: return "mapped";
	case ALLOCS_UNKNOWN: break;
	}
	return "unknown";
}

/*
 * stub-checker.c -- a stand-in for the checker's entry points
 * (include/allocs-check.h), compiled without the plugin, so that plugin
 * tests can run instrumented code and see exactly what it passes: each
 * call prints one line and returns its argument unchanged.
 */
#include <stdio.h>
#include <stdint.h>
#include "allocs-check.h"

static void describe(const char *what, const struct allocs_typedesc *td)
{
	printf("%s %s id %016llx size %llu kind %u flags %u degree %u cache %s desc %p\n",
	       what, td->name, (unsigned long long)td->identity,
	       (unsigned long long)td->size, td->kind, td->flags, td->degree,
	       td->cache ? "set" : "null", (const void *)td);
}

void *__allocs_check_cast(const void *p, struct allocs_typedesc *target,
			  const struct allocs_srcloc *loc)
{
	describe("cast", target);
	printf("  at %s:%u:%u in %s\n", loc->file, loc->line, loc->column, loc->function);
	target->cache = target;          /* the runtime may cache in the descriptor */
	return (void *)p;
}

void *__allocs_note_alloc(void *p, struct allocs_typedesc *type, uint32_t flags)
{
	describe("alloc", type);
	printf("  flags %u %s\n", flags, p ? "non-null" : "null");
	return p;
}

int __allocs_note_alloc_out(int ret, void **pp, struct allocs_typedesc *type,
			    uint32_t flags)
{
	describe("alloc-out", type);
	printf("  ret %d %s\n", ret, ret == 0 && *pp ? "non-null" : "null");
	return ret;
}

// Locals of several threads: each thread finds its own locals exactly; a
// pointer into another thread's stack is reported as that thread's whole
// stack, untyped (its frames cannot be walked from outside).
// REQUIRES: runtime, meta
// RUN: %cc -O1 -pthread -I%S/../../../include -o %t %s %allocscheck-ldflags
// RUN: %t | FileCheck %s

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include "allocs.h"

#define NTHREADS 4

struct sample { long id; double vals[4]; };

static pthread_barrier_t ready, done;
static struct sample *published[NTHREADS];
static void *stack_lo[NTHREADS];
static size_t stack_size[NTHREADS];
static int own_ok[NTHREADS];

__attribute__((noinline)) void escape(const void *p) { __asm__ volatile("" :: "r"(p) : "memory"); }

static void *worker(void *arg)
{
	long id = (long)arg;
	struct sample s = { id, { 1, 2, 3, 4 } };
	escape(&s);
	pthread_attr_t attr;
	pthread_getattr_np(pthread_self(), &attr);
	pthread_attr_getstack(&attr, &stack_lo[id], &stack_size[id]);
	pthread_attr_destroy(&attr);

	struct allocs_info i;
	own_ok[id] = allocs_lookup(&s.vals[2], &i) == 0 && i.kind == ALLOCS_STACK &&
		     i.base == &s && i.size == sizeof s && i.type &&
		     __builtin_strcmp(allocs_type_name(i.type), "struct sample") == 0;
	published[id] = &s;
	pthread_barrier_wait(&ready);   /* main looks at our stack now */
	pthread_barrier_wait(&done);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	pthread_barrier_init(&ready, NULL, NTHREADS + 1);
	pthread_barrier_init(&done, NULL, NTHREADS + 1);
	for (long k = 0; k < NTHREADS; k++)
		pthread_create(&t[k], NULL, worker, (void *)k);
	pthread_barrier_wait(&ready);
	for (int k = 0; k < NTHREADS; k++) {
		struct allocs_info i;
		int r = allocs_lookup(published[k], &i);
		printf("thread %d: own=%s other: r=%d kind=%s base=%s size=%s type=%s\n", k,
		       own_ok[k] ? "ok" : "WRONG", r, allocs_kind_name(i.kind),
		       i.base == stack_lo[k] ? "stack-lo" : "WRONG",
		       i.size == stack_size[k] ? "stack-size" : "WRONG", allocs_type_name(i.type));
	}
	pthread_barrier_wait(&done);
	for (int k = 0; k < NTHREADS; k++)
		pthread_join(t[k], NULL);

	/* The main thread's own locals still resolve exactly. */
	struct sample mine = { 9, { 0 } };
	escape(&mine);
	struct allocs_info i;
	int r = allocs_lookup(&mine.id, &i);
	printf("main: r=%d kind=%s base=%s size=%s type=%s\n", r, allocs_kind_name(i.kind),
	       i.base == &mine ? "ok" : "WRONG", i.size == sizeof mine ? "ok" : "WRONG",
	       allocs_type_name(i.type));
	return 0;
}
// CHECK: thread 0: own=ok other: r=0 kind=stack base=stack-lo size=stack-size type=(unknown type)
// CHECK: thread 1: own=ok other: r=0 kind=stack base=stack-lo size=stack-size type=(unknown type)
// CHECK: thread 2: own=ok other: r=0 kind=stack base=stack-lo size=stack-size type=(unknown type)
// CHECK: thread 3: own=ok other: r=0 kind=stack base=stack-lo size=stack-size type=(unknown type)
// CHECK: main: r=0 kind=stack base=ok size=ok type=struct sample

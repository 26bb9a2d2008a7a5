// Lookups from several threads (and from signal handlers interrupting
// them) while the main thread dlopens and dlcloses a library over and
// over: every answer is either right or "unknown", never wrong, and
// nothing deadlocks or crashes.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libcycle.so %s %allocscheck-ldflags
// RUN: %cc -O1 -pthread -I%S/../../../include -o %t %s -ldl %allocscheck-ldflags
// RUN: %t %t.d/libcycle.so | FileCheck %s
// CHECK: lookups done: wrong=0 stack-wrong=0 signal-wrong=0
// CHECK-NEXT: signal lookups: {{[1-9][0-9]*}}

#include <stddef.h>

struct item { long key; char name[24]; };

#ifdef LIB
struct item items[8];
#else
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include "allocs.h"

#define NTHREADS 4

static _Atomic(struct item *) current;       /* items of the open library, or NULL */
static atomic_int stop, wrong, stack_wrong, signal_wrong, signal_lookups;

__attribute__((noinline)) void escape(const void *p) { __asm__ volatile("" :: "r"(p) : "memory"); }

static void on_signal(int sig)
{
	(void)sig;
	struct item local = { 1, "sig" };
	escape(&local);
	struct allocs_info i;
	if (allocs_lookup(&local.name[5], &i) == 0 && i.kind == ALLOCS_STACK) {
		/* Inside the handler's frame: exact, or the frame itself while
		 * this thread was already inside the loader. */
		if (i.type && (i.base != &local || i.size != sizeof local))
			signal_wrong++;
	}
	signal_lookups++;
}

static void *worker(void *arg)
{
	(void)arg;
	struct item mine = { 2, "mine" };
	escape(&mine);
	while (!stop) {
		struct allocs_info i;
		struct item *it = current;
		if (it && allocs_lookup(&it[3].name[2], &i) == 0 && i.kind == ALLOCS_STATIC &&
		    (i.size != 8 * sizeof(struct item) || !i.type ||
		     strcmp(allocs_type_name(i.type), "struct item[8]") != 0))
			wrong++;
		if (allocs_lookup(&mine.key, &i) != 0 || i.base != &mine || i.size != sizeof mine ||
		    !i.type || strcmp(allocs_type_name(i.type), "struct item") != 0)
			stack_wrong++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	(void)argc;
	signal(SIGUSR1, on_signal);
	pthread_t t[NTHREADS];
	for (int k = 0; k < NTHREADS; k++)
		pthread_create(&t[k], NULL, worker, NULL);
	for (int round = 0; round < 150; round++) {
		void *h = dlopen(argv[1], RTLD_NOW);
		if (!h) {
			printf("dlopen: %s\n", dlerror());
			return 1;
		}
		current = dlsym(h, "items");
		for (int k = 0; k < NTHREADS; k++)
			pthread_kill(t[k], SIGUSR1);
		for (volatile int spin = 0; spin < 20000; spin++)
			;
		current = NULL;
		dlclose(h);
	}
	stop = 1;
	for (int k = 0; k < NTHREADS; k++)
		pthread_join(t[k], NULL);
	printf("lookups done: wrong=%d stack-wrong=%d signal-wrong=%d\n", (int)wrong,
	       (int)stack_wrong, (int)signal_wrong);
	printf("signal lookups: %d\n", (int)signal_lookups);
	return 0;
}
#endif

// allocs_lookup from a signal handler that interrupts malloc, free,
// realloc and mmap at arbitrary points: never deadlocks or crashes, and a
// chunk the handler knows to be live is found exactly.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/time.h>

static char *stable;          /* live for the whole run */
static volatile sig_atomic_t handled, bad;

static void on_alarm(int sig)
{
	(void)sig;
	struct allocs_info info;
	if (allocs_lookup(stable + 10, &info) != 0 || info.base != stable || info.size != 300)
		bad++;
	allocs_lookup(&info, &info);   /* a stack address: whatever it says, it must return */
	handled++;
}

int main(void)
{
	stable = malloc(300);
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	sigaction(SIGPROF, &sa, NULL);
	struct itimerval it = { { 0, 200 }, { 0, 200 } };
	setitimer(ITIMER_PROF, &it, NULL);
	void *keep[64] = { 0 };
	for (long i = 0; handled < 300 && i < 50000000; i++) {
		int k = (int)(i % 64);
		if (i % 7 == 0)
			keep[k] = realloc(keep[k], (size_t)(i % 5000) + 1);
		else {
			free(keep[k]);
			keep[k] = malloc((size_t)(i % 700) + 1);
		}
		if (i % 1000 == 0) {
			void *m = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			munmap(m, 8192);
		}
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_PROF, &off, NULL);
	if (handled < 10)
		printf("FAIL only %d signals handled\n", (int)handled), failures++;
	if (bad)
		printf("FAIL %d lookups in the handler were wrong\n", (int)bad), failures++;
	for (int k = 0; k < 64; k++)
		free(keep[k]);
	expect_whole("stable", stable, ALLOCS_HEAP, 300);
	return report();
}

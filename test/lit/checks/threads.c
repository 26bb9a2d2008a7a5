// Checks from many threads: per-thread counters are summed at exit (also
// those of threads that have exited, and of more threads than the counter
// pool holds), per-thread caches stay consistent, reports are not torn.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 -pthread %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 2>&1 | FileCheck %s
// RUN: %allocscheck-cc -O2 -pthread %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 2>&1 | FileCheck %s
// CHECK: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct other *`
// CHECK-NOT: ERROR
// CHECK: joined 600
// CHECK: allocscheck: summary: 120600 checks, 120000 passed, 600 failed, 0 unknown
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct rec { long k; double v; };
struct other { double v; long k; };

__attribute__((noinline)) static void *launder(void *p) { return p; }

static void *work(void *arg)
{
	(void)arg;
	struct rec *rs = malloc(10 * sizeof *rs);
	long sum = 0;
	for (int i = 0; i < 200; i++) {
		struct rec *r = (struct rec *)launder(&rs[i % 10]);
		r->k = i;
		sum += r->k;
	}
	struct other *o = (struct other *)launder(rs);
	free(rs);
	return (void *)(sum + (o != NULL));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int joined = 0;
	/* 600 threads, 8 at a time: more than the counter pool's blocks over
	 * the run, so blocks are recycled */
	for (int round = 0; round < 75; round++) {
		pthread_t t[8];
		for (int i = 0; i < 8; i++)
			pthread_create(&t[i], NULL, work, NULL);
		for (int i = 0; i < 8; i++) {
			void *r;
			pthread_join(t[i], &r);
			joined += (long)r == 19901;
		}
	}
	printf("joined %d\n", joined);
	return 0;
}

// Threads deriving pointers concurrently (each its own trapped-pointer
// table and counters): loops ending on one-past pointers are clean, and
// an out-of-bounds dereference in one thread is reported with the bounds
// and derivation site that thread recorded.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags -lpthread
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags -lpthread
// RUN: env ALLOCS_CHECK=warn %t0 2>&1 | FileCheck %s
// RUN: env ALLOCS_CHECK=warn %t2 2>&1 | FileCheck %s
// CHECK: ERROR: allocscheck: out-of-bounds-deref: dereference of out-of-bounds pointer
// CHECK-NEXT: at pc
// CHECK-NEXT: the pointer was derived at {{.*}}threads.c:31:{{[0-9]+}} in worker
// CHECK-NEXT: bounds: [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) (4000 bytes)
// CHECK-NEXT: the pointer is 0 bytes past the end of those bounds
// CHECK-NOT: ERROR
// CHECK: total 7992000 bad 1
// CHECK: summary: bounds: {{.*}} 1 out-of-bounds accesses
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job { int *a; long n; long sum; int bad; };

static void *worker(void *arg)
{
	struct job *j = arg;
	for (int round = 0; round < 4; round++)
		for (int *p = j->a; p < j->a + j->n; p++)
			j->sum += *p;
	if (j->bad) {
		volatile int *q = j->a + j->n;
		j->sum += *q * 0;
	}
	return NULL;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pthread_t t[8];
	struct job jobs[8];
	for (int i = 0; i < 8; i++) {
		jobs[i].n = 1000;
		jobs[i].a = malloc(jobs[i].n * sizeof(int));
		for (long k = 0; k < jobs[i].n; k++)
			jobs[i].a[k] = (int)k;
		jobs[i].sum = 0;
		jobs[i].bad = i == 5;
		pthread_create(&t[i], NULL, worker, &jobs[i]);
	}
	long total = 0;
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		total += jobs[i].sum;
	}
	printf("total %ld bad %d\n", total / 2, jobs[5].bad);
	for (int i = 0; i < 8; i++)
		free(jobs[i].a);
	return 0;
}

// Many threads allocate, look up and free at once (neighbouring chunks of
// different threads share bitmap words): every lookup of a live chunk of
// the thread's own must be exact; a thread also looks up other threads'
// published chunks.  Then fork: the child allocates and looks up.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t -pthread %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: child OK
// CHECK: OK
#include "Inputs/lookup-expect.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { NTHREADS = 8, ROUNDS = 20000, LIVE = 64 };
static char *shared[NTHREADS][LIVE];
static size_t shared_size[NTHREADS][LIVE];
static int thread_failures[NTHREADS];

static void *work(void *arg)
{
	int id = (int)(intptr_t)arg;
	unsigned seed = (unsigned)id * 7919u + 1;
	char *live[LIVE] = { 0 };
	size_t size[LIVE] = { 0 };
	for (int r = 0; r < ROUNDS; r++) {
		int k = (int)(rand_r(&seed) % LIVE);
		if (live[k]) {
			struct allocs_info info;
			char *p = live[k];
			size_t off = size[k] ? (size_t)rand_r(&seed) % size[k] : 0;
			if (allocs_lookup(p + off, &info) != 0 || info.base != p || info.size != size[k]
			    || info.kind != ALLOCS_HEAP)
				thread_failures[id]++;
			__atomic_store_n(&shared[id][k], NULL, __ATOMIC_RELEASE);
			free(p);
		}
		size[k] = (size_t)(rand_r(&seed) % 512);
		if (r % 1000 == 0)
			size[k] = 100000 + (size_t)r;   // now and then a large chunk
		live[k] = r % 3 ? malloc(size[k]) : calloc(1, size[k]);
		shared_size[id][k] = size[k];
		__atomic_store_n(&shared[id][k], live[k], __ATOMIC_RELEASE);
		// peek at another thread's chunk: must never crash (it may be freed meanwhile)
		char *other = __atomic_load_n(&shared[(id + 1) % NTHREADS][k], __ATOMIC_ACQUIRE);
		struct allocs_info info;
		allocs_lookup(other, &info);
	}
	for (int k = 0; k < LIVE; k++) {
		__atomic_store_n(&shared[id][k], NULL, __ATOMIC_RELEASE);
		free(live[k]);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, work, (void *)(intptr_t)i);
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], NULL);
		if (thread_failures[i])
			printf("FAIL thread %d: %d wrong lookups\n", i, thread_failures[i]), failures++;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char *c = malloc(77);
		expect_whole("child", c, ALLOCS_HEAP, 77);
		free(c);
		printf("child %s\n", failures ? "FAIL" : "OK");
		fflush(stdout);
		_exit(failures != 0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("FAIL child status %d\n", status), failures++;
	return report();
}

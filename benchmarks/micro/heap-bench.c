/*
 * heap-bench.c -- micro-benchmarks of the runtime's heap index.
 *
 * Built twice by run.sh: plain (glibc malloc only) and with -DWITH_ALLOCS
 * linked against liballocs (interposed malloc family + index).  Each mode
 * prints "name value unit" lines; run.sh puts the two builds side by side.
 *
 *   heap-bench churn      random malloc/free over a pool of live chunks
 *   heap-bench bulk       allocate many small chunks, then free them all
 *   heap-bench threads    churn on 2 threads at once
 *   heap-bench rss        peak RSS of a heap of 2M small chunks
 *   heap-bench lookup     allocs_lookup latency (WITH_ALLOCS only)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#ifdef WITH_ALLOCS
#include <allocs.h>
#endif

/* CPU time of the process, not wall time: the figures should not depend on
 * what else the machine is running. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state = 88172645463325252ull;
static inline uint64_t rng(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13; x ^= x >> 7; x ^= x << 17;
	return *s = x;
}

/* typical C programs: mostly small chunks, some medium, few bigger */
static inline size_t pick_size(uint64_t *s)
{
	uint64_t r = rng(s);
	unsigned k = (unsigned)(r % 100);
	if (k < 70) return 8 + (r >> 8) % 57;
	if (k < 95) return 65 + (r >> 8) % 448;
	return 513 + (r >> 8) % 3584;
}

static volatile uintptr_t sink;

static double churn(uint64_t seed, long ops)
{
	enum { POOL = 4096 };
	void **pool = calloc(POOL, sizeof *pool);
	uint64_t s = seed;
	double t0 = now();
	for (long i = 0; i < ops; i++) {
		unsigned k = (unsigned)(rng(&s) % POOL);
		free(pool[k]);
		pool[k] = malloc(pick_size(&s));
		*(char *)pool[k] = 1;
	}
	double t = now() - t0;
	for (unsigned k = 0; k < POOL; k++)
		free(pool[k]);
	free(pool);
	return t / (double)ops * 1e9;
}

static void *churn_thread(void *arg)
{
	double *out = arg;
	*out = churn((uint64_t)(uintptr_t)arg * 2654435761u + 1, 5000000);
	return NULL;
}

static void bulk(void)
{
	enum { N = 2000000 };
	void **v = malloc(N * sizeof *v);
	double t0 = now();
	for (int i = 0; i < N; i++)
		v[i] = malloc(32);
	double t1 = now();
	for (int i = 0; i < N; i++)
		free(v[i]);
	double t2 = now();
	free(v);
	printf("bulk_malloc_ns %.2f ns/op\n", (t1 - t0) / N * 1e9);
	printf("bulk_free_ns %.2f ns/op\n", (t2 - t1) / N * 1e9);
}

static long peak_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void rss(void)
{
	enum { N = 2000000 };
	void **v = malloc(N * sizeof *v);
	uint64_t s = 12345;
	size_t total = 0;
	for (int i = 0; i < N; i++) {
		size_t n = 16 + rng(&s) % 113;   /* 16..128 */
		v[i] = malloc(n);
		memset(v[i], 1, n);
		total += n;
	}
	printf("rss_requested_mib %.1f MiB\n", (double)total / (1 << 20));
	printf("rss_peak_mib %.1f MiB\n", (double)peak_rss_kib() / 1024);
	for (int i = 0; i < N; i++)
		free(v[i]);
	free(v);
}

#ifdef WITH_ALLOCS
static double time_lookups(const char *name, char **ptrs, size_t n, long reps)
{
	struct allocs_info info;
	uintptr_t acc = 0;
	double t0 = now();
	for (long r = 0; r < reps; r++)
		for (size_t i = 0; i < n; i++) {
			allocs_lookup(ptrs[i], &info);
			acc += (uintptr_t)info.base;
		}
	double ns = (now() - t0) / ((double)n * (double)reps) * 1e9;
	sink = acc;
	printf("%s %.2f ns/lookup\n", name, ns);
	return ns;
}

static void lookup(void)
{
	enum { N = 1000000 };
	char **chunks = malloc(N * sizeof *chunks);
	size_t *sizes = malloc(N * sizeof *sizes);
	char **ptrs = malloc(N * sizeof *ptrs);
	uint64_t s = 99;
	for (int i = 0; i < N; i++) {
		sizes[i] = 16 + rng(&s) % 241;
		chunks[i] = malloc(sizes[i]);
	}
	/* interior pointers of random chunks: cache-cold, like a big heap */
	for (int i = 0; i < N; i++) {
		int k = (int)(rng(&s) % N);
		ptrs[i] = chunks[k] + rng(&s) % sizes[k];
	}
	/* check correctness once */
	for (int i = 0; i < N; i++) {
		struct allocs_info info;
		if (allocs_lookup(ptrs[i], &info) != 0 || info.kind != ALLOCS_HEAP) {
			printf("lookup error at %p\n", (void *)ptrs[i]);
			exit(1);
		}
	}
	time_lookups("lookup_heap_small_cold", ptrs, N, 3);
	/* a hot working set of 256 interior pointers */
	time_lookups("lookup_heap_small_hot", ptrs, 256, 20000);
	/* interior pointers of 16 large chunks (1 MiB) */
	char *large[16];
	char *lptrs[4096];
	for (int i = 0; i < 16; i++)
		large[i] = malloc(1 << 20);
	for (int i = 0; i < 4096; i++)
		lptrs[i] = large[i % 16] + rng(&s) % (1 << 20);
	time_lookups("lookup_heap_large", lptrs, 4096, 500);
	/* interior of a chunk of 60 KiB (longest bitmap scan) */
	char *mid = malloc(60000);
	char *mptrs[4096];
	for (int i = 0; i < 4096; i++)
		mptrs[i] = mid + rng(&s) % 60000;
	time_lookups("lookup_heap_60k", mptrs, 4096, 500);
	/* mapped region */
	char *m = mmap(NULL, 1 << 22, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *mp[4096];
	for (int i = 0; i < 4096; i++)
		mp[i] = m + rng(&s) % (1 << 22);
	time_lookups("lookup_mapped", mp, 4096, 500);
	/* misses: addresses in no allocation */
	char *wild[4096];
	for (int i = 0; i < 4096; i++)
		wild[i] = (char *)(uintptr_t)(0x100000 + (rng(&s) % 0x10000000));
	time_lookups("lookup_miss", wild, 4096, 500);
}
#endif

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "churn";
	(void)rng_state;
	if (!strcmp(mode, "churn")) {
		churn(1, 2000000);   /* warm up */
		printf("churn_ns %.2f ns/op\n", churn(7, 20000000));
	} else if (!strcmp(mode, "bulk")) {
		bulk();
	} else if (!strcmp(mode, "threads")) {
		pthread_t t[2];
		double r[2];
		double t0 = now();
		for (int i = 0; i < 2; i++)
			pthread_create(&t[i], NULL, churn_thread, &r[i]);
		for (int i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
		printf("threads_cpu_ns %.2f ns/op\n", (now() - t0) / 10000000 * 1e9);
	} else if (!strcmp(mode, "rss")) {
		rss();
	} else if (!strcmp(mode, "lookup")) {
#ifdef WITH_ALLOCS
		lookup();
#endif
	} else {
		fprintf(stderr, "usage: heap-bench churn|bulk|threads|rss|lookup\n");
		return 2;
	}
	return 0;
}

// Lazy typing: a chunk allocated as void * (not typed at allocation) takes
// the type of the first cast to its start; a chunk of exactly one struct
// keeps it, so a later cast to another struct is reported.  A chunk of
// n * sizeof(void *) allocated as void ** is specialised by its first
// typed use; a later cast to another pointer type is reported.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t0 > %t0.out 2>&1
// RUN: FileCheck %s < %t0.out
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=1 %t2 > %t2.out 2>&1
// RUN: FileCheck %s < %t2.out
#include <stdio.h>
#include <stdlib.h>

struct sensor { int id; float reading; };
struct valve { double pressure; };

__attribute__((noipa)) static void *launder(void *p) { return p; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	void *raw = malloc(sizeof(struct sensor));
	struct sensor *s = (struct sensor *)launder(raw);        /* types the chunk */
	s->id = 1;
	struct sensor *again = (struct sensor *)launder(raw);    /* agrees */
	struct valve *v = (struct valve *)launder(raw);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct valve *`
	// CHECK-NEXT: at {{.*}}lazy-typing.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} of 8 bytes, type `struct sensor`

	void **slots = malloc(4 * sizeof(void *));
	int **ints = (int **)launder(slots);                      /* specialises to int * */
	int **more = (int **)launder(&slots[2]);
	double **dbl = (double **)launder(&slots[1]);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `double **`
	// CHECK-NEXT: at {{.*}}lazy-typing.c:[[@LINE-2]]
	// CHECK: memory: heap allocation {{.*}} of 32 bytes, type `int *`
	printf("%d %d %d %d %d\n", again->id, v != NULL, ints != NULL, more != NULL, dbl != NULL);
	// CHECK: 1 1 1 1 1
	free(slots);
	free(raw);
	return 0;
	// CHECK: allocscheck: summary: 6 checks, 4 passed, 2 failed, 0 unknown
	// CHECK: allocscheck: summary: {{[0-9]+}} cache hits, 1 chunks typed by a cast, 1 specialised
}

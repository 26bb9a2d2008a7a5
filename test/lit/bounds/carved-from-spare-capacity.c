// Clean run: objects carved out of the unused tail of a chunk whose type
// is only a guess (SQLite's VDBE keeps its registers and cursor array in
// the spare capacity of its opcode array).  Past the first struct of a
// soft-typed chunk, a pointer of another element size gets the whole
// chunk, not the 8-byte member of a guessed element it lands on
// (docs/bounds.md); an overflow past the chunk is still reported.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: env ALLOCS_CHECK=warn %t2 over 2>&1 | FileCheck %s --check-prefix=OVER
// CHECK: sum 45
// OVER: ERROR: allocscheck: out-of-bounds
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct op { unsigned char opcode; int p1, p2; union { int i; void *p; } p4; };

/* not an allocation wrapper: returns its argument */
__attribute__((noinline)) static void *grow(void *old) { return old; }

struct machine { struct op *ops; void **slots; };

__attribute__((noinline)) static void carve(struct machine *m, int nops, int nslots)
{
	char *space = (char *)&m->ops[nops].p4;       /* in the spare capacity */
	m->slots = (void **)(void *)space;
	for (int i = 0; i < nslots; i++)
		m->slots[i] = NULL;
}

__attribute__((noinline)) static long use(struct machine *m, int n)
{
	long sum = 0;
	for (int i = 0; i < n; i++)
		m->slots[i] = (void *)(long)i;
	for (int i = 0; i < n; i++)
		sum += (long)m->slots[i];
	return sum;
}

int main(int argc, char **argv)
{
	int over = argc > 1 && strcmp(argv[1], "over") == 0;
	struct machine m;
	m.ops = (struct op *)grow(malloc(42 * sizeof(struct op)));
	m.ops[0].opcode = 1;
	carve(&m, 30, 10);                             /* 12 ops = 288 bytes = 36 slots */
	printf("sum %ld\n", use(&m, over ? 40 : 10));
	free(m.ops);
	return 0;
}

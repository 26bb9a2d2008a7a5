// A pointer merged from different origins in a loop -- an interpreter's
// pc, advanced on every step and reloaded from memory now and then --
// takes its bounds from its origins (merged through the PHI), not from a
// runtime fetch on every pass.  Also through the abnormal edges of a
// computed-goto dispatch.  The fetch count is the same for 10 and 100000
// steps; a pc that runs off its code is still caught.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O2 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t 10 2>&1 | FileCheck %s --check-prefix=SMALL
// RUN: env ALLOCS_CHECK=abort %t 100000 2>&1 | FileCheck %s --check-prefix=LARGE
// RUN: env ALLOCS_CHECK=abort not --crash %t 100 switch-overrun 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: env ALLOCS_CHECK=abort not --crash %t 100 goto-overrun 2>&1 | FileCheck %s --check-prefix=OVER
// SMALL: switch 15 goto 1
// SMALL: summary: bounds: 6 bounds fetched
// LARGE: switch 150000 goto 0
// LARGE: summary: bounds: 6 bounds fetched
// OVER: out-of-bounds-deref
// OVER: the pointer was derived at {{.*}}phi-merged-bounds.c:[[#]]:{{[0-9]+}} in run_
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vm {
	const int *code;
	long *regs;
};

/* switch dispatch: pc = PHI <v->code, pc + 1, v->code (reloaded)> */
__attribute__((noinline)) static long run_switch(struct vm *v, long steps)
{
	const int *pc = v->code;
	long s = 0;
	for (long k = 0; k < steps; k++) {
		int op = *pc++;
		s += op;
		if (op == 0)
			pc = v->code;
	}
	return s;
}

/* computed-goto dispatch: pc and r cross the dispatch's abnormal edges */
__attribute__((noinline)) static long run_goto(struct vm *v, long steps)
{
	static void *const ops[] = { &&op_reset, &&op_add, &&op_sub };
	const int *pc = v->code;
	long *r = v->regs, s = 0;
#define NEXT() do { if (--steps <= 0) goto done; goto *ops[*pc++]; } while (0)
	NEXT();
op_reset:
	pc = v->code;
	r = v->regs;
	NEXT();
op_add:
	s += r[*pc++ & 3];
	NEXT();
op_sub:
	s -= r[*pc++ & 3];
	NEXT();
done:
	return s;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	long n = atol(argv[1]);
	const char *over = argc > 2 ? argv[2] : "";
	int *scode = malloc(4 * sizeof(int));
	int sprog[4] = { 1, 2, 3, strcmp(over, "switch-overrun") == 0 ? 4 : 0 };
	memcpy(scode, sprog, sizeof sprog);
	int *gcode = malloc(8 * sizeof(int));
	int gprog[8] = { 1, 0, 1, 1, 2, 2, strcmp(over, "goto-overrun") == 0 ? 1 : 0, 0 };
	memcpy(gcode, gprog, sizeof gprog);
	long *regs = malloc(4 * sizeof(long));
	for (int i = 0; i < 4; i++)
		regs[i] = i + 1;
	struct vm sv = { scode, regs }, gv = { gcode, regs };
	long a = run_switch(&sv, n);
	long b = run_goto(&gv, n);
	printf("switch %ld goto %ld\n", a, b);
	free(regs);
	free(gcode);
	free(scode);
	return 0;
}

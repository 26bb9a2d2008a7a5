// Locals and parameters whose address escapes are registered by the
// plugin on entry (include/allocs-alloca.h, "Registered locals"), and the
// stack index answers them from the registry without unwinding: same
// base, size and type as the frame layouts give.  A pointer into a frame
// that has returned is not answered as the old variable, and a longjmp
// out of registering frames leaves the registry as it was at the setjmp.
// ALLOCSCHECK_REGISTER_LOCALS=1 forces registration (the default only with
// bounds checks), =0 turns it off.
// REQUIRES: plugin, runtime
// RUN: env ALLOCSCHECK_REGISTER_LOCALS=1 %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCSCHECK_REGISTER_LOCALS=1 %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCSCHECK_REGISTER_LOCALS=0 %allocscheck-cc -O2 %s -o %tn %allocscheck-ldflags
// RUN: %t0 2>&1 | FileCheck %s --check-prefixes=CHECK,REG
// RUN: %t2 2>&1 | FileCheck %s --check-prefixes=CHECK,REG,REG2
// RUN: %tn 2>&1 | FileCheck %s --check-prefixes=CHECK,UNREG
#include <allocs.h>
#include <allocs-alloca.h>
#include <setjmp.h>
#include <stdio.h>

struct buf {
	char *b;
	unsigned long n;
	char init[64];
};

static jmp_buf env;
static struct stack_local_counts before;

static void counts_start(void) { allocs_stack_local_counts(&before); }

static void counts_print(const char *what)
{
	struct stack_local_counts c;
	allocs_stack_local_counts(&c);
	printf("%s: %llu from the registry, %llu unwound\n", what, c.hits - before.hits,
	       c.unwinds - before.unwinds);
}

__attribute__((noinline)) static void show(const char *what, const void *p)
{
	struct allocs_info i;
	if (allocs_lookup(p, &i) != 0) {
		printf("%s: not found\n", what);
		return;
	}
	printf("%s: %s, %zu bytes, type `%s`, offset %ld\n", what, allocs_kind_name(i.kind),
	       i.size, allocs_type_name(i.type), (long)((const char *)p - (const char *)i.base));
}

/* The callee sees only pointers loaded out of the struct. */
__attribute__((noinline)) static void fill(struct buf *B)
{
	show("B->b + 5", B->b + 5);
}

__attribute__((noinline)) static void with_buffer(void)
{
	struct buf b;
	b.b = b.init;
	b.n = 0;
	counts_start();
	fill(&b);
	counts_print("buffer");
}
// CHECK: B->b + 5: stack, 80 bytes, type `struct buf`, offset 21
// REG: buffer: {{[1-9][0-9]*}} from the registry, 0 unwound
// UNREG: buffer: 0 from the registry, {{[1-9][0-9]*}} unwound

/* A parameter whose address is taken: at -O2 its DWARF location ends
 * with the register that held it, the registry still knows its copy. */
__attribute__((noinline)) static void param(double x, int k)
{
	show("&x", &x);
	if (k > 0)
		param(x + 1, k - 1);
}
// REG: &x: stack, 8 bytes, type `double`, offset 0
// REG-NEXT: &x: stack, 8 bytes, type `double`, offset 0

/* Returns the address of its own local (laundered through a global). */
static const void *volatile escaped;
__attribute__((noinline)) static void leak(void)
{
	struct buf gone;
	gone.n = 1;
	escaped = &gone;
	show("gone live", &gone);
}
__attribute__((noinline)) static void reuse(void)
{
	volatile char other[96];
	other[0] = 1;
	show("gone after return", (const char *)escaped + 8);
}
// CHECK: gone live: stack, 80 bytes, type `struct buf`
// CHECK-NOT: gone after return: {{.*}}struct buf
// CHECK: gone after return:

__attribute__((noinline)) static void thrower(int depth)
{
	struct buf deep;
	deep.b = deep.init;
	show("deep", deep.b);
	if (depth == 0)
		longjmp(env, 1);
	thrower(depth - 1);
}
// CHECK: deep: stack, 80 bytes, type `struct buf`, offset 16

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	with_buffer();
	param(1.5, 1);
	leak();
	reuse();
	unsigned d0 = __allocs_local_depth();
	if (setjmp(env) == 0)
		thrower(3);
	unsigned d1 = __allocs_local_depth();
	printf("depth after longjmp: %s\n", d0 == d1 ? "as before" : "changed");
	// REG: depth after longjmp: as before
	with_buffer();
	// REG2: buffer: {{[1-9][0-9]*}} from the registry, 0 unwound
	return 0;
}

// The gdb command `allocs whatis EXPR`: in a process stopped at a
// breakpoint it asks the process's runtime what is at an address and prints
// kind, bounds, type, allocation site or variable, the sub-object and the
// layout: for a heap struct (interior pointer), a stack local of a caller
// frame, and a static.
// REQUIRES: plugin, runtime, gdb
// RUN: %allocscheck-cc -O0 %s -o %t %allocscheck-ldflags
// RUN: printf '%%s\n' 'set pagination off' 'set confirm off' 'source %S/../../../tools/gdb/allocscheck-gdb.py' \
// RUN:   'break stop_here' 'run' 'up' 'print sizeof(struct account)' 'print &acct->balance' \
// RUN:   'allocs whatis &acct->balance' 'print &local.pos.y' 'allocs whatis &local.pos.y' \
// RUN:   'print &registry' 'allocs whatis registry[1].name' 'allocs whatis local' 'allocs whatis (char *)0 + 16' \
// RUN:   'kill' > %t.gdb
// RUN: gdb -nx -batch -x %t.gdb --args %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// Asked before the program runs, or of a program without the runtime: a message.
// RUN: %cc -O0 -DPLAIN %s -o %t.plain
// RUN: gdb -nx -batch -ex 'source %S/../../../tools/gdb/allocscheck-gdb.py' -ex 'allocs whatis 0x10' --args %t > %t.norun 2>&1 || true
// RUN: FileCheck --check-prefix=NOT-STARTED %s < %t.norun
// NOT-STARTED: allocs whatis: the program is not running
// RUN: gdb -nx -batch -ex 'source %S/../../../tools/gdb/allocscheck-gdb.py' -ex 'break main' -ex 'run' -ex 'allocs whatis 0x10' -ex 'kill' --args %t.plain > %t.noruntime 2>&1 || true
// RUN: FileCheck --check-prefix=WITHOUT-RUNTIME %s < %t.noruntime
// WITHOUT-RUNTIME: allocs whatis: this process has no allocscheck runtime (allocs_debug_describe not found
// CHECK: $1 = 24
// CHECK: $2 = (double *) [[BAL:0x[0-9a-f]+]]
// CHECK-NEXT: [[BAL]]: heap allocation [[[ACCT:0x[0-9a-f]+]], 0x{{[0-9a-f]+}}) of 24 bytes, type `struct account`
// CHECK-NEXT: allocated at {{.*}}allocs-whatis.c:64{{.*}} in main
// CHECK-NEXT: at offset 8: 0 bytes into member `balance` (double) of struct account
// CHECK-NEXT: layout of struct account (24 bytes), around offset 8:
// CHECK-NEXT: +0 long id (8 bytes)
// CHECK-NEXT: => +8 double balance (8 bytes) <- the pointer is here
// CHECK-NEXT: +16 int flags (4 bytes)
// CHECK: $3 = (int *) [[Y:0x[0-9a-f]+]]
// CHECK-NEXT: [[Y]]: stack allocation [0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}) of 16 bytes, type `struct sprite`
// CHECK-NEXT: the local variable `local` of main
// CHECK-NEXT: at offset 8: 0 bytes into member `y` (int) of struct point
// CHECK-NEXT: layout of struct point (8 bytes), around offset 4:
// CHECK-NEXT: +0 int x (4 bytes)
// CHECK-NEXT: => +4 int y (4 bytes) <- the pointer is here
// CHECK: $4 = (struct named (*)[3]) [[REG:0x[0-9a-f]+]]
// CHECK-NEXT: 0x{{[0-9a-f]+}}: static allocation [[[REG]], 0x{{[0-9a-f]+}}) of 48 bytes, type `struct named[3]`
// CHECK-NEXT: the variable `registry`
// CHECK-NEXT: at offset 20: 0 bytes into member `name` (char[12]) of struct named, element [0]
// CHECK: stack allocation {{.*}} of 16 bytes, type `struct sprite`
// CHECK-NEXT: the local variable `local` of main
// CHECK-NEXT: at offset 0: 0 bytes into member `kind` (int) of struct sprite
// CHECK: 0x10: not in any allocation allocscheck indexes
#include <stdio.h>
#include <stdlib.h>

struct account { long id; double balance; int flags; };
struct point { int x, y; };
struct sprite { int kind; struct point pos; int z; };
struct named { int tag; char name[12]; };

struct named registry[3];

__attribute__((noinline)) void stop_here(void *a, void *b)
{
	__asm__ volatile("" : : "r"(a), "r"(b) : "memory");
}

int main(void)
{
	struct account *acct = malloc(sizeof *acct);   /* the allocation site */
	struct sprite local = { 1, { 2, 3 }, 4 };
	acct->balance = 1.5;
	registry[1].tag = 7;
	stop_here(acct, &local);
	printf("%d %g\n", local.pos.y, acct->balance);
	free(acct);
	return 0;
}

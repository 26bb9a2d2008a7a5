// REQUIRES: meta, dump
// allocscheck-dump of a linked program's meta-DSO: the numbers it prints are
// the ones the compiler uses (the program prints sizeof/offsetof/addresses
// first; FileCheck variables carry them into the dump's lines).
// RUN: %cc -o %t %s
// RUN: %meta %t -o %t.meta.so
// RUN: %t > %t.out
// RUN: %dump %t.meta.so >> %t.out
// RUN: FileCheck %s < %t.out
//
// Selectors print only their part, and a binary finds its meta-DSO by
// build-id under the search roots (here ALLOCS_META_PATH).
// RUN: rm -rf %t.root && mkdir -p "$(dirname "$(%meta-path %t %t.root)")"
// RUN: cp %t.meta.so "$(%meta-path %t %t.root)"
// RUN: env ALLOCS_META_PATH=/nonexistent:%t.root %dump --statics %t | FileCheck --check-prefix=STATICS %s
// RUN: env ALLOCS_META_PATH=%t.root %dump --types %t | FileCheck --check-prefix=TYPES-ONLY %s
//
// The bare blob (as objcopy extracts it) dumps the same.
// RUN: objcopy -O binary --only-section=.allocs_meta %t.meta.so %t.blob
// RUN: %dump --statics %t.blob | FileCheck --check-prefix=STATICS %s

#include <stddef.h>
#include <stdio.h>

struct point { int x, y; unsigned flags : 3, more : 5; };
enum colour { RED, GREEN = 5, BLUE = -3 };

int counter = 3;
struct point origin;
double table[4];
enum colour paint = GREEN;
extern char __ehdr_start;   /* the load base: link-time vaddr = &x - base */

static unsigned long vaddr(const void *p)
{
	return (unsigned long)((const char *)p - &__ehdr_start);
}

int main(void)
{
	printf("sizeof point %zu\n", sizeof(struct point));
	printf("offsetof y %zu\n", offsetof(struct point, y));
	printf("sizeof colour %zu\n", sizeof(enum colour));
	printf("static counter %lx\n", vaddr(&counter));
	printf("static origin %lx\n", vaddr(&origin));
	printf("static table %lx\n", vaddr(&table));
	return origin.x;
}

// CHECK: sizeof point [[PS:[0-9]+]]
// CHECK: offsetof y [[YO:[0-9]+]]
// CHECK: sizeof colour [[CS:[0-9]+]]
// CHECK: static counter [[CA:[0-9a-f]+]]
// CHECK: static origin [[OA:[0-9a-f]+]]
// CHECK: static table [[TA:[0-9a-f]+]]
// CHECK: meta-dso version 1 build-id {{[0-9a-f]+}} binary {{.*}} pic vaddr [0x0,0x{{[0-9a-f]+}})
// CHECK-NEXT: tables types {{[0-9]+}} members 4 enumerators 3
// Types are sorted by name.
// CHECK: type double[4] size 32 id {{[0-9a-f]+}} array of double count 4
// CHECK: type enum colour size [[CS]] id {{[0-9a-f]+}} enum of {{.*}} 3 enumerators
// CHECK-NEXT:   enumerator RED = 0
// CHECK-NEXT:   enumerator GREEN = 5
// CHECK-NEXT:   enumerator BLUE = -3
// CHECK: type int size 4 id {{[0-9a-f]+}} base signed
// CHECK: type struct point size [[PS]] id {{[0-9a-f]+}} struct 4 members (has-bitfields)
// CHECK-NEXT:   member x offset 0 size 4 type int
// CHECK-NEXT:   member y offset [[YO]] size 4 type int
// CHECK-NEXT:   member flags offset 8 bits 0:3 size 4 type unsigned int
// CHECK-NEXT:   member more offset 8 bits 3:5 size 4 type unsigned int
// CHECK: static 0x[[CA]] size 4 type int name counter
// CHECK: static 0x[[OA]] size [[PS]] type struct point name origin
// CHECK: static 0x[[TA]] size 32 type double[4] name table
// Frames in address order: vaddr() comes first in the text.
// CHECK: frame vaddr [0x{{[0-9a-f]+}},0x{{[0-9a-f]+}})
// CHECK-NEXT:   param p cfa-offset {{-[0-9]+}} size 8 type void *
// CHECK: frame main [0x{{[0-9a-f]+}},0x{{[0-9a-f]+}})

// STATICS-NOT: type
// STATICS: static 0x{{[0-9a-f]+}} size 4 type int name counter
// STATICS-NOT: frame

// TYPES-ONLY-NOT: meta-dso
// TYPES-ONLY: type int size 4
// TYPES-ONLY-NOT: static

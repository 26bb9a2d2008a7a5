// Overflows inside library calls, checked at the call against the bounds
// the caller's pointer has -- sub-object bounds included (strcpy into a
// struct's char[8] member), which allocation-level checks miss -- and an
// out-of-bounds pointer passed to a library function.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 strcpy 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCPY
// RUN: env ALLOCS_CHECK=warn %t2 strcpy 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCPY
// RUN: env ALLOCS_CHECK=warn %t0 memcpy 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMCPY
// RUN: env ALLOCS_CHECK=warn %t2 memcpy 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMCPY
// RUN: env ALLOCS_CHECK=warn %t0 memset 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMSET
// RUN: env ALLOCS_CHECK=warn %t2 memset 2>&1 | FileCheck %s --check-prefixes=CHECK,MEMSET
// RUN: env ALLOCS_CHECK=warn %t0 strcat 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCAT
// RUN: env ALLOCS_CHECK=warn %t2 strcat 2>&1 | FileCheck %s --check-prefixes=CHECK,STRCAT
// RUN: env ALLOCS_CHECK=warn %t0 sprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,SPRINTF
// RUN: env ALLOCS_CHECK=warn %t2 sprintf 2>&1 | FileCheck %s --check-prefixes=CHECK,SPRINTF
// RUN: env ALLOCS_CHECK=warn %t0 arg 2>&1 | FileCheck %s --check-prefixes=CHECK,ARG
// RUN: env ALLOCS_CHECK=warn %t2 arg 2>&1 | FileCheck %s --check-prefixes=CHECK,ARG
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int id; char name[8]; int after; };

__attribute__((noinline)) static const char *id(const char *s) { return s; }
__attribute__((noinline)) static size_t num(size_t n) { return n; }

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const char *mode = argv[1];
	struct rec *r = calloc(1, sizeof *r);
	char *buf = malloc(16);
	char small[8];
	printf("name %p buf %p small %p\n", (void *)r->name, (void *)buf, (void *)small);
	// CHECK: name [[N:0x[0-9a-f]+]] buf [[BUF:0x[0-9a-f]+]] small [[S:0x[0-9a-f]+]]
	if (!strcmp(mode, "strcpy"))
		strcpy(r->name, id("0123456789"));                 /* 11 bytes into 8 */
	else if (!strcmp(mode, "memcpy"))
		memcpy(buf, id("0123456789abcdefXYZ"), num(20));
	else if (!strcmp(mode, "memset"))
		memset(buf, 0, num(17));
	else if (!strcmp(mode, "strcat")) {
		strcpy(buf, "0123456789");
		strcat(buf, id("abcdefgh"));                       /* 19 bytes */
	} else if (!strcmp(mode, "sprintf"))
		sprintf(small, "%d-%s", (int)num(12345), id("abc")); /* 10 bytes */
	else
		puts(buf + num(20));
	// STRCPY: ERROR: allocscheck: out-of-bounds-libc: `{{strcpy|memcpy}}` would write 11 bytes at [[N]]
	// STRCPY-NEXT: at {{.*}}libc-overflow.c:39:{{[0-9]+}} in main
	// STRCPY-NEXT: bounds: [[[N]], {{0x[0-9a-f]+}}) (8 bytes)
	// STRCPY-NEXT: the access starts 0 bytes into those bounds and ends 3 bytes past their end
	// STRCPY: it points 0 bytes into member `name` (char[8]) of struct rec at offset 4 into the allocation
	// STRCPY-NEXT: memory: heap allocation [{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}) of 16 bytes, type `struct rec`
	// MEMCPY: ERROR: allocscheck: out-of-bounds-libc: `memcpy` would write 20 bytes at [[BUF]]
	// MEMCPY-NEXT: at {{.*}}libc-overflow.c:41:{{[0-9]+}} in main
	// MEMCPY-NEXT: bounds: [[[BUF]], {{0x[0-9a-f]+}}) (16 bytes)
	// MEMCPY-NEXT: the access starts 0 bytes into those bounds and ends 4 bytes past their end
	// MEMSET: ERROR: allocscheck: out-of-bounds-libc: `memset` would write 17 bytes at [[BUF]]
	// MEMSET: ends 1 bytes past their end
	// STRCAT: ERROR: allocscheck: out-of-bounds-libc: `{{strcat|memcpy}}` would write {{19|9}} bytes at
	// STRCAT-NEXT: at {{.*}}libc-overflow.c:46:{{[0-9]+}} in main
	// STRCAT-NEXT: bounds: [[[BUF]], {{0x[0-9a-f]+}}) (16 bytes)
	// STRCAT-NEXT: ends 3 bytes past their end
	// SPRINTF: ERROR: allocscheck: out-of-bounds-libc: `sprintf` would write 10 bytes at [[S]]
	// SPRINTF-NEXT: at {{.*}}libc-overflow.c:48:{{[0-9]+}} in main
	// SPRINTF-NEXT: bounds: [[[S]], {{0x[0-9a-f]+}}) (8 bytes)
	// SPRINTF: memory: stack allocation [[[S]], {{0x[0-9a-f]+}}) of 8 bytes, type `char[8]`
	// ARG: ERROR: allocscheck: out-of-bounds-libc: out-of-bounds pointer {{0x[0-9a-f]+}} passed to `puts`
	// ARG-NEXT: at {{.*}}libc-overflow.c:50:{{[0-9]+}} in main
	// ARG-NEXT: the pointer was derived at {{.*}}libc-overflow.c:50:{{[0-9]+}} in main
	// ARG-NEXT: bounds: [[[BUF]], {{0x[0-9a-f]+}}) (16 bytes)
	// ARG-NEXT: the pointer is 4 bytes past the end of those bounds
	printf("continued\n");
	// CHECK: continued
	return 0;
}

// memcpy & co. called from code built without the plugin (here a helper
// object compiled by plain gcc) are interposed by the runtime and checked
// against the heap chunk they write; in-bounds calls are untouched.
// REQUIRES: plugin, runtime
// RUN: %cc -O2 -DHELPER -c %s -o %t.helper.o
// RUN: %allocscheck-cc -O0 %s %t.helper.o -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t0 2>&1 | FileCheck %s
// RUN: %allocscheck-cc -O2 %s %t.helper.o -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t2 2>&1 | FileCheck %s
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HELPER
void helper_copy(char *d, const char *s, size_t n) { memcpy(d, s, n); }
void helper_fill(char *d, size_t n) { memset(d, 'x', n); }
void helper_strcpy(char *d, const char *s) { strcpy(d, s); }
#else
void helper_copy(char *d, const char *s, size_t n);
void helper_fill(char *d, size_t n);
void helper_strcpy(char *d, const char *s);

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	char *buf = malloc(16);
	printf("buf %p\n", (void *)buf);
	// CHECK: buf [[BUF:0x[0-9a-f]+]]
	helper_copy(buf, "0123456789abcdef", 16);
	helper_fill(buf, 8);
	printf("in bounds ok\n");
	// CHECK-NEXT: in bounds ok
	helper_copy(buf, "0123456789abcdefXYZ", 20);
	// CHECK-NEXT: ERROR: allocscheck: out-of-bounds-libc: `memcpy` would write 20 bytes at [[BUF]]
	// CHECK-NEXT: bounds: [[[BUF]], {{0x[0-9a-f]+}}) (16 bytes)
	// CHECK-NEXT: the access starts 0 bytes into those bounds and ends 4 bytes past their end
	// CHECK: memory: heap allocation [[[BUF]], {{0x[0-9a-f]+}}) of 16 bytes
	// CHECK: #0 {{.*}} in {{helper_copy|main}} {{.*}}libc-uninstrumented.c:{{15|33}}
	char *buf2 = malloc(16);   /* the overflow above may have hit buf's chunk metadata */
	printf("buf2 %p\n", (void *)buf2);
	// CHECK: buf2 [[BUF2:0x[0-9a-f]+]]
	helper_strcpy(buf2, "a string that is too long");
	// CHECK: ERROR: allocscheck: out-of-bounds-libc: `strcpy` would write 26 bytes at [[BUF2]]
	printf("continued\n");
	// CHECK: continued
	return 0;
}
#endif

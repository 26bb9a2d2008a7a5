// The runtime's memcpy/memset/strcpy interceptors do bounds work only in a
// process some of whose code was built with bounds checks (each such object
// runs a constructor enabling them): a checks=types program gets none, even
// for an overflow the interceptor would see.  Same program built both ways.
// REQUIRES: plugin, runtime
// RUN: %cc -O2 -DHELPER -c %s -o %t.helper.o
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-checks=types %s %t.helper.o -o %t.types %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t.types 2>&1 | FileCheck %s --check-prefix=TYPES --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-checks=types,bounds %s %t.helper.o -o %t.bounds %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t.bounds 2>&1 | FileCheck %s --check-prefix=BOUNDS
// RUN: %allocscheck-cc -O2 -fplugin-arg-allocscheck-checks=bounds %s %t.helper.o -o %t.bonly %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t.bonly 2>&1 | FileCheck %s --check-prefix=BOUNDS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HELPER
void helper_copy(char *d, const char *s, size_t n) { memcpy(d, s, n); }
#else
void helper_copy(char *d, const char *s, size_t n);

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	char *buf = malloc(32);
	char *small = malloc(16);
	helper_copy(buf, "0123456789abcdef0123456789abcdef", 32);
	helper_copy(small, buf, 20);   /* 4 bytes into the chunk's slack */
	// BOUNDS: ERROR: allocscheck: out-of-bounds-libc: `memcpy` would write 20 bytes
	printf("copied\n");
	// TYPES: copied
	// BOUNDS: copied
	return 0;
}
#endif

// Allocations before the runtime's own constructor has run are indexed:
// a shared library (not depending on the runtime) allocating in its
// constructor, and the executable's .preinit_array, which runs before any
// library constructor.
// REQUIRES: runtime
// RUN: %cc -shared -fPIC -DCTOR_LIB %s -o %t-lib.so
// RUN: %cc -I%S/../../../include %s -o %t %t-lib.so %allocscheck-ldflags
// RUN: env ALLOCS_VERBOSE=2 %t 2>&1 | FileCheck %s
// CHECK: preinit: malloc
// CHECK: allocscheck: runtime initialised
// CHECK-NOT: FAIL
// CHECK: OK
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef CTOR_LIB
char *lib_early_chunk;
char *lib_early_dup;
__attribute__((constructor(101))) static void lib_ctor(void)
{
	lib_early_chunk = malloc(123);
	lib_early_dup = strdup("made in a constructor");
}
#else
#include "Inputs/lookup-expect.h"
extern char *lib_early_chunk, *lib_early_dup;
static char *pre_chunk;
static char *pre_big;

static void early(void)
{
	static const char msg[] = "preinit: malloc\n";
	write(2, msg, sizeof msg - 1);
	pre_chunk = malloc(40);
	pre_big = calloc(1, 300000);
	// lookups work before initialisation too
	struct allocs_info info;
	if (allocs_lookup(pre_chunk + 39, &info) != 0 || info.base != pre_chunk || info.size != 40) {
		static const char fail[] = "FAIL early lookup\n";
		write(1, fail, sizeof fail - 1);
	}
}
__attribute__((section(".preinit_array"), used)) static void (*preinit)(void) = early;

int main(void)
{
	expect_whole("preinit malloc", pre_chunk, ALLOCS_HEAP, 40);
	expect_whole("preinit calloc", pre_big, ALLOCS_HEAP, 300000);
	expect_whole("library constructor malloc", lib_early_chunk, ALLOCS_HEAP, 123);
	expect_whole("library constructor strdup", lib_early_dup, ALLOCS_HEAP, strlen(lib_early_dup) + 1);
	free(pre_chunk); free(pre_big); free(lib_early_chunk); free(lib_early_dup);
	fflush(stdout);
	return report();
}
#endif

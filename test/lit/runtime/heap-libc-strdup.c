// Chunks allocated inside libc (strdup, strndup, getline, asprintf,
// open_memstream, scandir...) go through the interposed malloc: glibc calls
// malloc through the PLT.  Each is a heap chunk with the size libc asked for.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags && %t | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: OK
#define _GNU_SOURCE
#include "Inputs/lookup-expect.h"
#include <stdlib.h>
#include <string.h>

int main(void)
{
	const char *text = "hello, allocation index";
	char *d = strdup(text);
	expect_whole("strdup", d, ALLOCS_HEAP, strlen(text) + 1);
	char *nd = strndup(text, 5);
	expect_whole("strndup", nd, ALLOCS_HEAP, 6);
	char *as = NULL;
	int n = asprintf(&as, "%s %d", text, 42);
	struct allocs_info info;
	if (n < 0 || allocs_lookup(as, &info) != 0 || info.kind != ALLOCS_HEAP || info.base != as
	    || info.size < (size_t)n + 1)
		printf("FAIL asprintf chunk\n"), failures++;
	// getline: the buffer is a heap chunk holding at least the line
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got = getline(&line, &cap, f);
	if (got <= 0 || allocs_lookup(line + got - 1, &info) != 0 || info.kind != ALLOCS_HEAP
	    || info.base != line || info.size != cap)
		printf("FAIL getline chunk: got=%zd cap=%zu size=%zu\n", got, cap, info.size), failures++;
	fclose(f);
	// the site of a libc-made chunk is inside libc, never NULL
	allocs_lookup(d, &info);
	if (!info.site)
		printf("FAIL strdup chunk has no site\n"), failures++;
	free(d); free(nd); free(as); free(line);
	expect_not_in("freed strdup", d, d);
	return report();
}

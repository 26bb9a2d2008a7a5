// ALLOCS_SUPPRESS end to end: reports matched by a rule are not printed,
// are counted as suppressed in the summary, and do not abort; the others
// are reported as usual, each ending with the line that would suppress it.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t %allocscheck-ldflags
//
// No file: both casts reported (warn), each with its suppression hint.
// RUN: env ALLOCS_CHECK=warn %t > %t.none 2>&1
// RUN: FileCheck --check-prefix=NONE %s < %t.none
// NONE: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct beta *`
// NONE: SUMMARY: allocscheck: bad-cast {{.*}}suppress-bad-cast.c:54:{{[0-9]+}} in legacy_view
// NONE-NEXT: to suppress: add `bad-cast:fun:legacy_view` to the file named by ALLOCS_SUPPRESS
// NONE: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct gamma *`
// NONE: to suppress: add `bad-cast:fun:main` to the file named by ALLOCS_SUPPRESS
// NONE: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 2 failed, 0 unknown
// NONE-NOT: suppressed
//
// By function (glob): only main's cast is reported.
// RUN: printf '# legacy code, fixed next release\nbad-cast:fun:legacy_*\n' > %t.fun
// RUN: env ALLOCS_CHECK=warn ALLOCS_SUPPRESS=%t.fun %t > %t.out.fun 2>&1
// RUN: FileCheck --check-prefix=FUN %s --implicit-check-not='`struct beta *`' < %t.out.fun
// FUN: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct gamma *`
// FUN: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 2 failed, 0 unknown
// FUN-NEXT: summary: 1 reports suppressed (ALLOCS_SUPPRESS)
//
// Everything suppressed, by source file and by type: abort mode runs to the end.
// RUN: printf 'bad-cast:src:*suppress-bad-cast.c\n' > %t.src
// RUN: env ALLOCS_CHECK=abort ALLOCS_SUPPRESS=%t.src %t > %t.out.src 2>&1
// RUN: FileCheck --check-prefix=ALL %s --implicit-check-not=ERROR < %t.out.src
// RUN: printf 'bad-cast:type:struct beta\n*:type:struct gam?a\n' > %t.type
// RUN: env ALLOCS_CHECK=abort ALLOCS_SUPPRESS=%t.type %t > %t.out.type 2>&1
// RUN: FileCheck --check-prefix=ALL %s --implicit-check-not=ERROR < %t.out.type
// ALL: done
// ALL: summary: {{[0-9]+}} checks, {{[0-9]+}} passed, 2 failed, 0 unknown
// ALL-NEXT: summary: 2 reports suppressed (ALLOCS_SUPPRESS)
//
// A rule for another check kind suppresses nothing here; a bad line is
// named and skipped, and the good line after it still applies.
// RUN: printf 'out-of-bounds:fun:*\nbad-cast fun main\nbad-cast:fun:main\n' > %t.mixed
// RUN: env ALLOCS_CHECK=abort ALLOCS_SUPPRESS=%t.mixed not --crash %t > %t.out.mixed 2>&1
// RUN: FileCheck --check-prefix=MIXED %s < %t.out.mixed
// MIXED: ALLOCS_SUPPRESS {{.*}}.mixed:2: missing `:` in `bad-cast fun main`; line ignored
// MIXED: ERROR: allocscheck: bad-cast: pointer {{.*}} cast to `struct beta *`
// MIXED: aborting on the first failed check
#include <stdio.h>
#include <stdlib.h>

struct alpha { int a; int b; };
struct beta { double x; };
struct gamma { char tag[3]; long v; };

__attribute__((noinline)) static struct beta *legacy_view(void *p)
{
	return (struct beta *)p;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct alpha *a = malloc(sizeof *a);
	struct alpha *same = (struct alpha *)(void *)a;
	struct beta *b = legacy_view(a);
	struct gamma *g = (struct gamma *)(void *)a;
	printf("done %d\n", (b != NULL) + (g != NULL) + (same != NULL));
	free(a);
	return 0;
}

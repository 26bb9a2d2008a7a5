// Unit test of ALLOCS_SUPPRESS rules (checker/suppressions.c): the glob
// patterns, each field, check-kind families, comments, and lines that do
// not parse (a message naming the line, then the rest still applies).
// Self-contained: compiles the sources it tests with the runtime's
// logging and settings.
//
// RUN: %cc -Wall -Wextra -I%S/../../../include %s %S/../../../checker/suppressions.c %S/../../../runtime/runtime-log.c %S/../../../runtime/options.c -o %t
// RUN: printf '%%s\n' '# a comment line' '' '   ' 'bad-cast:fun:legacy_*' 'bad-cast:src:*/vendor/*.c' 'bad-cast:src:gen_??.c' \
// RUN:   'out-of-bounds:type:struct foo' '  *:fun:any_kind  ' 'out-of-bounds-libc : fun : str*' \
// RUN:   'this line has no colons' 'bad-cast:function:main' 'no-such-check:fun:main' 'bad-cast:type:' \
// RUN:   'bad-cast:type:struct with:colon' > %t.supp
// RUN: env ALLOCS_SUPPRESS=%t.supp %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK: ALLOCS_SUPPRESS {{.*}}.supp:10: missing `:` in `this line has no colons`; line ignored (expected KIND:FIELD:PATTERN
// CHECK-NEXT: ALLOCS_SUPPRESS {{.*}}.supp:11: unknown field in `bad-cast:function:main`; line ignored
// CHECK-SAME: FIELD one of fun, src, type
// CHECK-NEXT: ALLOCS_SUPPRESS {{.*}}.supp:12: unknown check kind in `no-such-check:fun:main`; line ignored
// CHECK-SAME: KIND one of bad-cast, out-of-bounds, out-of-bounds-deref, out-of-bounds-libc or a glob
// CHECK-NEXT: ALLOCS_SUPPRESS {{.*}}.supp:13: empty pattern in `bad-cast:type:`; line ignored
// CHECK-NOT: FAIL
// CHECK: suppress-unit: all 22 cases passed, 10 suppressed
// CHECK-NEXT: hint: to suppress: add `bad-cast:fun:main` to the file named by ALLOCS_SUPPRESS
// CHECK-NEXT: hint: to suppress: add `out-of-bounds-deref:src:x.c` to the file named by ALLOCS_SUPPRESS
// CHECK-NEXT: hint: to suppress: add `out-of-bounds-libc:type:struct bar` to the file named by ALLOCS_SUPPRESS
//
// A missing file: one message, nothing suppressed, no crash.
// RUN: env ALLOCS_SUPPRESS=%t.none %t --missing 2>&1 | FileCheck --check-prefix=MISSING %s
// MISSING: ALLOCS_SUPPRESS: cannot open {{.*}}.none (errno 2); no reports are suppressed
// MISSING: missing: 0 suppressed
#include <stdio.h>
#include <string.h>
#include "../../../checker/suppressions.h"

static int failures, cases;

static void expect(int want, const char *kind, const char *fun, const char *src,
		   const char *t0, const char *t1)
{
	struct supp_query q = { kind, fun, src, { t0, t1, NULL } };
	int got = supp_match(&q);
	cases++;
	if (got != want) {
		failures++;
		printf("FAIL: %s fun=%s src=%s types=%s,%s: got %d, want %d\n", kind,
		       fun ? fun : "-", src ? src : "-", t0 ? t0 : "-", t1 ? t1 : "-", got, want);
	}
}

static void hint(const char *kind, const char *fun, const char *src, const char *t0)
{
	struct supp_query q = { kind, fun, src, { t0, NULL, NULL } };
	char buf[256];
	supp_hint(&q, buf, sizeof buf);
	printf("hint: %s", buf);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--missing") == 0) {
		expect(0, "bad-cast", "main", "a.c", NULL, NULL);
		printf("missing: %llu suppressed\n", (unsigned long long)supp_count());
		return 0;
	}
	/* fun: glob over the check site's function */
	expect(1, "bad-cast", "legacy_parse", "/src/a.c", NULL, NULL);
	expect(1, "bad-cast", "legacy_", "/src/a.c", NULL, NULL);
	expect(0, "bad-cast", "my_legacy_parse", "/src/a.c", NULL, NULL);
	expect(0, "out-of-bounds-deref", "legacy_parse", "/src/a.c", NULL, NULL);  /* kind differs */
	expect(0, "bad-cast", NULL, NULL, NULL, NULL);
	/* src: full path with '/', base name without */
	expect(1, "bad-cast", "f", "/home/u/proj/vendor/zlib.c", NULL, NULL);
	expect(0, "bad-cast", "f", "/home/u/proj/vendor/zlib.h", NULL, NULL);
	expect(1, "bad-cast", "f", "/tmp/build/gen_01.c", NULL, NULL);
	expect(0, "bad-cast", "f", "/tmp/build/gen_1.c", NULL, NULL);      /* ? is exactly one */
	/* type: any type the report names; out-of-bounds is the family */
	expect(1, "out-of-bounds-deref", "f", "a.c", "struct foo", NULL);
	expect(1, "out-of-bounds-libc", "f", "a.c", NULL, "struct foo");
	expect(0, "bad-cast", "f", "a.c", "struct foo", NULL);
	expect(0, "out-of-bounds-deref", "f", "a.c", "struct foobar", NULL);
	/* '*' kind, pattern trimmed */
	expect(1, "bad-cast", "any_kind", "a.c", NULL, NULL);
	expect(1, "out-of-bounds-deref", "any_kind", "a.c", NULL, NULL);
	expect(0, "bad-cast", "any_kind2", "a.c", NULL, NULL);
	/* an exact sub-kind */
	expect(1, "out-of-bounds-libc", "strcpy", "a.c", NULL, NULL);
	expect(0, "out-of-bounds-deref", "strcpy", "a.c", NULL, NULL);
	/* a colon inside the pattern is part of it */
	expect(1, "bad-cast", "f", "a.c", "struct with:colon", NULL);
	/* the rejected lines added nothing */
	expect(0, "bad-cast", "main", "a.c", NULL, NULL);
	expect(0, "bad-cast", "this line has no colons", "a.c", NULL, NULL);
	expect(0, "no-such-check", "main", "a.c", NULL, NULL);
	printf("suppress-unit: %s %d cases passed, %llu suppressed\n", failures ? "NOT all" : "all",
	       cases - failures, (unsigned long long)supp_count());
	hint("bad-cast", "main", "/src/a.c", "struct t");
	hint("out-of-bounds-deref", NULL, "/src/x.c", NULL);
	hint("out-of-bounds-libc", "<unknown>", NULL, "struct bar");
	return failures != 0;
}

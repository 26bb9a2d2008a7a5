/*
 * suppressions.h -- ALLOCS_SUPPRESS: a file of rules that silence reports,
 * the way sanitizer suppression files do (docs/usage.md, "Suppressions").
 *
 *   # comment
 *   bad-cast:fun:parse_*          check kind : field : glob pattern
 *   bad-cast:src:*legacy*.c
 *   out-of-bounds:type:struct foo
 *   *:fun:vendor_?_init
 *
 * Kinds: bad-cast, out-of-bounds (every out-of-bounds-* kind),
 * out-of-bounds-deref, out-of-bounds-libc, or a glob over them.  Fields:
 * fun (the function of the check site), src (its source file: the full
 * path, or the base name when the pattern has no '/'), type (a type the
 * report names: a cast's target, the allocation's type).  Patterns are
 * globs: * any run of characters, ? one character.
 *
 * The file is read once (at start-up, or at the first report if that comes
 * earlier) with open/read into static storage and parsed there: no stdio,
 * no malloc, so matching is safe in the report path, signal handlers
 * included.  A line that does not parse gets a message naming it and is
 * skipped; the rest of the file still applies.
 */
#ifndef ALLOCSCHECK_SUPPRESSIONS_H
#define ALLOCSCHECK_SUPPRESSIONS_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

#define SUPP_MAX_TYPES 3

/* What a report is about, as the rules see it.  NULL: not known. */
struct supp_query {
	const char *kind;                     /* "bad-cast", "out-of-bounds-deref", ... */
	const char *fun;                      /* function of the check site */
	const char *src;                      /* its source file */
	const char *types[SUPP_MAX_TYPES];    /* type names the report is about */
};

/* Read ALLOCS_SUPPRESS if not done yet.  Idempotent, thread-safe. */
void supp_init(void);

/* 1 when a rule silences the report q (the suppressed count goes up). */
int supp_match(const struct supp_query *q);

/* Reports suppressed so far (for the exit summary). */
uint64_t supp_count(void);

/* The report's last line: how to suppress it ("to suppress: add
 * `bad-cast:fun:main` to the file named by ALLOCS_SUPPRESS"), with '\n'. */
void supp_hint(const struct supp_query *q, char *buf, size_t size);

/* Whether this thread's last bounds report was suppressed: the bounds
 * checks apply the abort policy after the report (bounds_after_report). */
extern __thread int supp_last_suppressed __attribute__((tls_model("initial-exec")));

#pragma GCC visibility pop

#endif

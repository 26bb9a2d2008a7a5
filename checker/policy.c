/*
 * policy.c -- what a failed check does, and which rules apply.
 *
 * ALLOCS_CHECK (abort | warn | count | off; default warn) is parsed by the
 * runtime's option table (runtime/options.c), which also says when a
 * value is not valid; this file caches it and reads the checker's own
 * setting ALLOCS_CHECK_STRICT (0 or 1).
 * Reports are made once per check site: a lock-free set of the srcloc
 * records that already failed.
 */
#include "checker.h"
#include "../runtime/options.h"
#include "../runtime/runtime-log.h"

#include <stdlib.h>
#include <string.h>

extern char **__environ;

static int mode_cached = -1;       /* enum allocs_check_mode once known */
static unsigned isa_mode;

static const char *env_raw(const char *name)
{
	char **env = __environ;
	size_t n = strlen(name);
	for (; env && *env; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

static void decide(void)
{
	/* An invalid ALLOCS_CHECK is reported, with the valid values, by the
	 * runtime's option table (runtime/options.c). */
	const struct allocs_options *o = allocs_options();
	const char *strict = env_raw("ALLOCS_CHECK_STRICT");
	if (strict && strcmp(strict, "0") && strcmp(strict, "1") && strcmp(strict, ""))
		allocs_log("ALLOCS_CHECK_STRICT=%s is not valid: use 0 or 1; running with the "
			   "default (0)\n", strict);
	else if (strict && strcmp(strict, "1") == 0)
		isa_mode = ISA_STRICT;
	__atomic_store_n(&mode_cached, (int)o->check, __ATOMIC_RELEASE);
}

enum allocs_check_mode checker_mode(void)
{
	int m = __atomic_load_n(&mode_cached, __ATOMIC_ACQUIRE);
	if (__builtin_expect(m >= 0, 1))
		return (enum allocs_check_mode)m;
	if (!__environ)
		return ALLOCS_CHECK_WARN;    /* too early to know: check, decide later */
	static int deciding;
	if (__atomic_exchange_n(&deciding, 1, __ATOMIC_ACQ_REL) == 0)
		decide();
	m = __atomic_load_n(&mode_cached, __ATOMIC_ACQUIRE);
	return m >= 0 ? (enum allocs_check_mode)m : ALLOCS_CHECK_WARN;
}

unsigned checker_isa_mode(void)
{
	return isa_mode;
}

/* Open addressing on the srcloc address; full table: report every time
 * (never silently drop a new site). */
#define SITE_SLOTS 8192
static const void *reported[SITE_SLOTS];

int checker_first_at_site(const struct allocs_srcloc *loc)
{
	if (!loc)
		return 1;
	uintptr_t h = (uintptr_t)loc;
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	for (unsigned i = 0; i < 64; i++) {
		const void **slot = &reported[(h + i) & (SITE_SLOTS - 1)];
		const void *cur = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
		if (cur == loc)
			return 0;
		if (!cur) {
			const void *expected = NULL;
			if (__atomic_compare_exchange_n(slot, &expected, (const void *)loc, 0,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return 1;
			if (expected == loc)
				return 0;
		}
	}
	return 1;
}

void checker_abort(void)
{
	checker_print_summary();
	allocs_log("aborting on the first failed check (ALLOCS_CHECK=abort)\n");
	abort();
}

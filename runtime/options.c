/*
 * options.c -- one table of settings; parse once from the environment.
 */
#include "options.h"
#include "runtime-log.h"

#include <stddef.h>
#include <string.h>

extern char **__environ;

enum opt_kind { OPT_INT, OPT_STR, OPT_CHECK };

struct opt_desc {
	const char *name;
	enum opt_kind kind;
	size_t offset;          /* into struct allocs_options */
	const char *deflt;      /* as it would be spelled in the environment */
	const char *help;
};

static const struct opt_desc opt_table[] = {
	{ "ALLOCS_CHECK", OPT_CHECK, offsetof(struct allocs_options, check), "warn",
	  "what a failed check does: abort | warn | count | off" },
	{ "ALLOCS_VERBOSE", OPT_INT, offsetof(struct allocs_options, verbose), "0",
	  "0 quiet, 1 notes (e.g. missing metadata), 2+ debugging detail" },
	{ "ALLOCS_HELP", OPT_INT, offsetof(struct allocs_options, help), "0",
	  "1: print this table at start-up" },
	{ "ALLOCS_LOG", OPT_STR, offsetof(struct allocs_options, log_path), "",
	  "file to append messages to (default: stderr)" },
	{ "ALLOCS_META_PATH", OPT_STR, offsetof(struct allocs_options, meta_path), "",
	  "colon-separated extra roots searched for meta-DSOs" },
	{ "ALLOCS_META_DIR", OPT_STR, offsetof(struct allocs_options, meta_dir), "",
	  "where links write meta-DSOs (default ${XDG_CACHE_HOME:-$HOME/.cache}/allocscheck/meta)" },
	{ "ALLOCS_SUMMARY", OPT_INT, offsetof(struct allocs_options, summary), "1",
	  "1: print the summary at exit; 0: only when a check failed or with ALLOCS_CHECK=count" },
	{ "ALLOCS_SUPPRESS", OPT_STR, offsetof(struct allocs_options, suppress), "",
	  "file of rules silencing reports (KIND:fun|src|type:GLOB per line)" },
};
#define N_OPTS (sizeof opt_table / sizeof opt_table[0])

static const char *check_names[] = { "abort", "warn", "count", "off" };

static struct allocs_options opts;
static char str_store[N_OPTS][ALLOCS_OPTION_STR_MAX];
static const char *bad_value[N_OPTS];   /* raw text we could not parse, for one warning */

/* 0 not parsed, 1 parsing (another thread), 2 done */
static int state;

static const char *env_lookup(const char *name)
{
	char **env = __environ;
	if (!env)
		return NULL;
	size_t n = strlen(name);
	for (; *env; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

static int parse_int(const char *s, int *out)
{
	int v = 0, neg = 0;
	if (*s == '-') { neg = 1; s++; }
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

static void apply(size_t i, const char *text)
{
	const struct opt_desc *d = &opt_table[i];
	char *field = (char *)&opts + d->offset;
	switch (d->kind) {
	case OPT_INT: {
		int v;
		if (parse_int(text, &v) == 0)
			memcpy(field, &v, sizeof v);
		else
			bad_value[i] = text;
		break;
	}
	case OPT_STR: {
		size_t n = strlen(text);
		if (n >= ALLOCS_OPTION_STR_MAX) {
			bad_value[i] = text;
			break;
		}
		memcpy(str_store[i], text, n + 1);
		const char *p = n ? str_store[i] : NULL;
		memcpy(field, &p, sizeof p);
		break;
	}
	case OPT_CHECK: {
		for (unsigned k = 0; k < sizeof check_names / sizeof check_names[0]; k++)
			if (strcmp(text, check_names[k]) == 0) {
				enum allocs_check_mode m = (enum allocs_check_mode)k;
				memcpy(field, &m, sizeof m);
				return;
			}
		bad_value[i] = text;
		break;
	}
	}
}

static void parse_all(void)
{
	for (size_t i = 0; i < N_OPTS; i++)
		apply(i, opt_table[i].deflt);
	for (size_t i = 0; i < N_OPTS; i++) {
		const char *v = env_lookup(opt_table[i].name);
		if (v)
			apply(i, v);
	}
}

/* A typo must not silently leave a setting at its default: say what the
 * valid values are. */
static void warn_bad_values(void)
{
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct opt_desc *d = &opt_table[i];
		if (!bad_value[i])
			continue;
		switch (d->kind) {
		case OPT_CHECK:
			allocs_log("%s=%s is not valid: use one of abort, warn, count, off; "
				   "running with the default (%s)\n", d->name, bad_value[i], d->deflt);
			break;
		case OPT_INT:
			allocs_log("%s=%s is not valid: use an integer (%s); running with the default (%s)\n",
				   d->name, bad_value[i], d->help, d->deflt);
			break;
		case OPT_STR:
			allocs_log("%s is not valid: longer than %d bytes; ignored\n", d->name,
				   ALLOCS_OPTION_STR_MAX - 1);
			break;
		}
	}
}

/* ALLOCS_* settings read outside this table, which are not typos. */
static const char *const other_settings[] = {
	"ALLOCS_CHECK_STRICT",   /* checker/policy.c */
	"ALLOCS_META_CC",        /* allocscheck-meta: the compiler linking meta-DSOs */
};

static int known_name(const char *name, size_t n)
{
	for (size_t i = 0; i < N_OPTS; i++)
		if (strlen(opt_table[i].name) == n && strncmp(opt_table[i].name, name, n) == 0)
			return 1;
	for (size_t i = 0; i < sizeof other_settings / sizeof other_settings[0]; i++)
		if (strlen(other_settings[i]) == n && strncmp(other_settings[i], name, n) == 0)
			return 1;
	return 0;
}

/* An ALLOCS_ variable we do not know is most likely a misspelt setting. */
static void warn_unknown_names(void)
{
	for (char **env = __environ; env && *env; env++) {
		const char *e = *env;
		if (strncmp(e, "ALLOCS_", 7) != 0)
			continue;
		size_t n = strcspn(e, "=");
		if (known_name(e, n))
			continue;
		char name[64], valid[512];
		allocs_format(name, sizeof name, "%s", e);
		if (n < sizeof name)
			name[n] = '\0';
		size_t len = 0;
		for (size_t i = 0; i < N_OPTS; i++)
			len += allocs_format(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
					     opt_table[i].name);
		for (size_t i = 0; i < sizeof other_settings / sizeof other_settings[0]; i++)
			len += allocs_format(valid + len, sizeof valid - len, ", %s", other_settings[i]);
		allocs_log("ignoring unknown setting %s (known: %s)\n", name, valid);
	}
}

const struct allocs_options *allocs_options(void)
{
	if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) == 2)
		return &opts;
	static struct allocs_options defaults = { .check = ALLOCS_CHECK_WARN };
	if (!__environ)
		return &defaults;     /* too early: try again later */
	int expected = 0;
	if (!__atomic_compare_exchange_n(&state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return expected == 2 ? &opts : &defaults;   /* being parsed elsewhere */
	parse_all();
	__atomic_store_n(&state, 2, __ATOMIC_RELEASE);
	warn_bad_values();
	warn_unknown_names();
	return &opts;
}

void allocs_options_print_help(void)
{
	const struct allocs_options *o = allocs_options();
	allocs_log("settings (environment variables):\n");
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct opt_desc *d = &opt_table[i];
		const char *field = (const char *)o + d->offset;
		char cur[64];
		switch (d->kind) {
		case OPT_INT: {
			int v;
			memcpy(&v, field, sizeof v);
			allocs_format(cur, sizeof cur, "%d", v);
			break;
		}
		case OPT_CHECK: {
			enum allocs_check_mode m;
			memcpy(&m, field, sizeof m);
			allocs_format(cur, sizeof cur, "%s", check_names[m]);
			break;
		}
		case OPT_STR: {
			const char *s;
			memcpy(&s, field, sizeof s);
			allocs_format(cur, sizeof cur, "%s", s ? s : "(unset)");
			break;
		}
		}
		allocs_log("  %-18s = %-10s  %s\n", d->name, cur, d->help);
	}
}

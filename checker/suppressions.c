/*
 * suppressions.c -- ALLOCS_SUPPRESS rules: reading, parsing, matching
 * (the format is described in suppressions.h and docs/usage.md).
 *
 * The whole file is read into a static buffer and the rules point into it
 * (each field NUL-terminated in place), so nothing is allocated and the
 * rules never move once published.  Readers see them only after the
 * release store of `state`.
 */
#include "suppressions.h"
#include "../runtime/options.h"
#include "../runtime/runtime-log.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define SUPP_FILE_MAX (256 * 1024)
#define SUPP_RULES_MAX 4096

enum supp_field { F_FUN, F_SRC, F_TYPE };

struct rule {
	const char *kind;        /* glob over check kinds */
	enum supp_field field;
	const char *pattern;
};

static char text[SUPP_FILE_MAX + 1];
static struct rule rules[SUPP_RULES_MAX];
static unsigned nrules;
static int state;                  /* 0 unread, 1 reading, 2 ready */
static uint64_t suppressed;

__thread int supp_last_suppressed __attribute__((tls_model("initial-exec")));

static const char *const kinds[] = {
	"bad-cast", "out-of-bounds", "out-of-bounds-deref", "out-of-bounds-libc",
};
static const char *const fields[] = { "fun", "src", "type" };

/* Glob match: '*' any run (also empty, also '/'), '?' one character.
 * Iterative with one backtrack point: linear in practice, never recursive. */
static int glob(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;
	while (*s) {
		if (*pat == '*') {
			star = pat++;
			resume = s;
		} else if (*pat == '?' || *pat == *s) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

static int has_glob(const char *s)
{
	return strchr(s, '*') || strchr(s, '?');
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void bad_line(const char *path, unsigned lineno, const char *line, const char *why)
{
	allocs_log("ALLOCS_SUPPRESS %s:%u: %s in `%s`; line ignored "
		   "(expected KIND:FIELD:PATTERN, KIND one of bad-cast, out-of-bounds, "
		   "out-of-bounds-deref, out-of-bounds-libc or a glob, FIELD one of fun, src, type)\n",
		   path, lineno, why, line);
}

/* One line, NUL-terminated in place. */
static void parse_line(const char *path, unsigned lineno, char *line)
{
	line = trim(line);
	if (!*line || *line == '#')
		return;
	char *c1 = strchr(line, ':');
	char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c2) {
		bad_line(path, lineno, line, "missing `:`");
		return;
	}
	/* Keep the line intact for messages until it is accepted. */
	char kind[64], field[16];
	size_t kl = (size_t)(c1 - line), fl = (size_t)(c2 - c1 - 1);
	if (kl == 0 || kl >= sizeof kind || fl >= sizeof field) {
		bad_line(path, lineno, line, kl == 0 ? "empty check kind" : "field too long");
		return;
	}
	memcpy(kind, line, kl);
	kind[kl] = '\0';
	memcpy(field, c1 + 1, fl);
	field[fl] = '\0';
	char *k = trim(kind), *fd = trim(field);    /* "bad-cast : fun : x" is fine */
	char *pattern = trim(c2 + 1);
	int known = *k && has_glob(k);
	for (unsigned i = 0; !known && i < sizeof kinds / sizeof kinds[0]; i++)
		known = strcmp(k, kinds[i]) == 0;
	if (!known) {
		bad_line(path, lineno, line, "unknown check kind");
		return;
	}
	int f = -1;
	for (unsigned i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(fd, fields[i]) == 0)
			f = (int)i;
	if (f < 0) {
		bad_line(path, lineno, line, "unknown field");
		return;
	}
	if (!*pattern) {
		bad_line(path, lineno, line, "empty pattern");
		return;
	}
	if (nrules == SUPP_RULES_MAX) {
		allocs_log("ALLOCS_SUPPRESS %s:%u: more than %u rules; the rest are ignored\n",
			   path, lineno, SUPP_RULES_MAX);
		return;
	}
	*c1 = '\0';
	*c2 = '\0';
	rules[nrules].kind = trim(line);      /* the same text as k, in place */
	rules[nrules].field = (enum supp_field)f;
	rules[nrules].pattern = pattern;
	nrules++;
}

static void load(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		allocs_log("ALLOCS_SUPPRESS: cannot open %s (errno %d); no reports are suppressed\n",
			   path, errno);
		return;
	}
	size_t len = 0;
	for (;;) {
		ssize_t n = read(fd, text + len, SUPP_FILE_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == SUPP_FILE_MAX) {
			char extra;
			if (read(fd, &extra, 1) > 0)
				allocs_log("ALLOCS_SUPPRESS: %s is larger than %u bytes; the rest is ignored\n",
					   path, SUPP_FILE_MAX);
			break;
		}
	}
	close(fd);
	text[len] = '\0';
	unsigned lineno = 1;
	for (char *line = text; line && *line; lineno++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		parse_line(path, lineno, line);
		line = nl ? nl + 1 : NULL;
	}
	allocs_debug(1, "ALLOCS_SUPPRESS: %u rules from %s\n", nrules, path);
}

void supp_init(void)
{
	if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) == 2)
		return;
	int expected = 0;
	if (!__atomic_compare_exchange_n(&state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&state, __ATOMIC_ACQUIRE) != 2)
			;                  /* another thread is reading: a few system calls */
		return;
	}
	const char *path = allocs_options()->suppress;
	if (path)
		load(path);
	__atomic_store_n(&state, 2, __ATOMIC_RELEASE);
}

/* After the runtime (101) and the fault handler (150), before the
 * program's constructors: a bad file is reported at start, not at the
 * first failure. */
__attribute__((constructor(160))) static void supp_at_start(void)
{
	supp_init();
}

static int kind_matches(const char *pat, const char *kind)
{
	if (glob(pat, kind))
		return 1;
	/* "out-of-bounds" names the family: out-of-bounds-deref, -libc. */
	size_t n = strlen(pat);
	return !has_glob(pat) && strncmp(pat, kind, n) == 0 && kind[n] == '-';
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static int rule_matches(const struct rule *r, const struct supp_query *q)
{
	if (!kind_matches(r->kind, q->kind))
		return 0;
	switch (r->field) {
	case F_FUN:
		return q->fun && glob(r->pattern, q->fun);
	case F_SRC:
		if (!q->src)
			return 0;
		return glob(r->pattern, q->src) ||
		       (!strchr(r->pattern, '/') && glob(r->pattern, base_name(q->src)));
	case F_TYPE:
		for (int i = 0; i < SUPP_MAX_TYPES; i++)
			if (q->types[i] && glob(r->pattern, q->types[i]))
				return 1;
		return 0;
	}
	return 0;
}

int supp_match(const struct supp_query *q)
{
	supp_init();
	for (unsigned i = 0; i < nrules; i++)
		if (rule_matches(&rules[i], q)) {
			__atomic_fetch_add(&suppressed, 1, __ATOMIC_RELAXED);
			return 1;
		}
	return 0;
}

uint64_t supp_count(void)
{
	return __atomic_load_n(&suppressed, __ATOMIC_RELAXED);
}

void supp_hint(const struct supp_query *q, char *buf, size_t size)
{
	const char *field = "fun", *value = q->fun;
	if (!value || !*value || value[0] == '<' || value[0] == '?') {
		field = "src";
		value = q->src ? base_name(q->src) : NULL;
	}
	if (!value || !*value || value[0] == '<') {
		field = "type";
		value = q->types[0];
	}
	if (!value || !*value) {
		field = "fun";
		value = "*";
	}
	allocs_format(buf, size, "to suppress: add `%s:%s:%s` to the file named by ALLOCS_SUPPRESS\n",
		      q->kind, field, value);
}

/*
 * plugin-options.cc -- -fplugin-arg-allocscheck-KEY[=VALUE].
 *
 * Every key is declared once in the table below, from which parsing,
 * validation, the error for unknown keys and the plugin's help text all
 * come.  Unknown keys and missing/unexpected values are errors, so that a
 * misspelt option never silently leaves code uninstrumented.
 */
#include "plugin.h"

struct allocs_plugin_options allocs_opts = {
	false, true, true, NULL, vNULL,
};

enum value_kind { NO_VALUE, NEEDS_VALUE };

struct option_desc {
	const char *key;
	enum value_kind value;
	const char *help;
};

static const struct option_desc option_table[] = {
	{ "disable", NO_VALUE, "load but do nothing" },
	{ "no-cast-checks", NO_VALUE, "do not check pointer casts" },
	{ "no-alloc-types", NO_VALUE,
	  "do not tell the runtime the types of allocations" },
	{ "alloc-fns", NEEDS_VALUE,
	  "comma-separated extra allocation functions returning the new object" },
	{ "checks", NEEDS_VALUE,
	  "which checks to insert: types, bounds or types,bounds (default types,bounds)" },
	{ "no-cast-elision", NO_VALUE,
	  "check casts that are safe by the source's static type too" },
	{ "verbose", NO_VALUE,
	  "note each cast left unchecked by static elision, and the unit's totals" },
	{ "dump-typeids", NEEDS_VALUE,
	  "write the identity of every type named in the unit to FILE" },
};

static const struct option_desc *find_option(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(option_table); i++)
		if (strcmp(option_table[i].key, key) == 0)
			return &option_table[i];
	return NULL;
}

static std::string valid_keys(void)
{
	std::string s;
	for (size_t i = 0; i < ARRAY_SIZE(option_table); i++) {
		if (i)
			s += ", ";
		s += option_table[i].key;
		if (option_table[i].value == NEEDS_VALUE)
			s += "=...";
	}
	return s;
}

const char *allocs_plugin_help(void)
{
	static std::string help;
	if (help.empty()) {
		help = "allocscheck: type and bounds checking for C. Options "
		       "(-fplugin-arg-allocscheck-KEY[=VALUE]):";
		for (size_t i = 0; i < ARRAY_SIZE(option_table); i++) {
			help += "\n  ";
			help += option_table[i].key;
			if (option_table[i].value == NEEDS_VALUE)
				help += "=VALUE";
			help += ": ";
			help += option_table[i].help;
		}
	}
	return help.c_str();
}

static void add_alloc_fns(const char *list)
{
	char *copy = xstrdup(list);
	for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		if (*name)
			allocs_opts.alloc_fns.safe_push(xstrdup(name));
	free(copy);
}

/* checks=types|bounds|types,bounds: cast checks and bounds checks
 * (allocation typing stays on: bounds need the allocations' types). */
extern bool allocs_bounds_checks;
extern bool allocs_cast_elision, allocs_cast_verbose;  /* instrument-casts.cc */
static bool parse_checks(const char *plugin_name, const char *list)
{
	bool types = false, bounds = false, ok = true;
	char *copy = xstrdup(list);
	for (char *save = NULL, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (strcmp(w, "types") == 0)
			types = true;
		else if (strcmp(w, "bounds") == 0)
			bounds = true;
		else {
			error("option %<-fplugin-arg-%s-checks%>: unknown check %qs; "
			      "valid: types, bounds", plugin_name, w);
			ok = false;
		}
	}
	free(copy);
	if (ok) {
		allocs_opts.cast_checks = types;
		allocs_bounds_checks = bounds;
	}
	return ok;
}

bool allocs_parse_options(const char *plugin_name, int argc,
			  struct plugin_argument *argv)
{
	bool ok = true;
	for (int i = 0; i < argc; i++) {
		const char *key = argv[i].key, *value = argv[i].value;
		const struct option_desc *opt = find_option(key);
		if (!opt) {
			error("unknown option %<-fplugin-arg-%s-%s%>; valid keys: %s",
			      plugin_name, key, valid_keys().c_str());
			ok = false;
			continue;
		}
		if (opt->value == NEEDS_VALUE && (!value || !*value)) {
			error("option %<-fplugin-arg-%s-%s%> needs a value (%<=...%>)",
			      plugin_name, key);
			ok = false;
			continue;
		}
		if (opt->value == NO_VALUE && value) {
			error("option %<-fplugin-arg-%s-%s%> takes no value",
			      plugin_name, key);
			ok = false;
			continue;
		}
		if (strcmp(key, "disable") == 0)
			allocs_opts.disable = true;
		else if (strcmp(key, "no-cast-checks") == 0)
			allocs_opts.cast_checks = false;
		else if (strcmp(key, "no-alloc-types") == 0)
			allocs_opts.alloc_types = false;
		else if (strcmp(key, "alloc-fns") == 0)
			add_alloc_fns(value);
		else if (strcmp(key, "checks") == 0)
			ok &= parse_checks(plugin_name, value);
		else if (strcmp(key, "no-cast-elision") == 0)
			allocs_cast_elision = false;
		else if (strcmp(key, "verbose") == 0)
			allocs_cast_verbose = true;
		else if (strcmp(key, "dump-typeids") == 0)
			allocs_opts.dump_typeids = value;
	}
	return ok;
}

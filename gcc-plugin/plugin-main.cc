/*
 * plugin-main.cc -- allocscheck.so's entry point.
 *
 * Gates, in order: the plugin must have been built against this very GCC
 * (plugin ABI is not stable across builds), the options must parse, the
 * language must be C (the instrumentation understands C trees only), and
 * `disable` turns everything off.  Then we hook:
 *   PLUGIN_FINISH_TYPE / PLUGIN_FINISH_DECL  (identity dump only)
 *   PLUGIN_PRE_GENERICIZE                    (instrument each function body)
 *   PLUGIN_FINISH_UNIT                       (write the identity dump; with bounds
 *                                            checks, the libc interceptors' marker)
 */
#include "plugin.h"
#include "bounds-plugin.h"

__attribute__((visibility("default"))) int plugin_is_GPL_compatible;

#define ALLOCSCHECK_PLUGIN_VERSION "0.1.0"

static struct plugin_info allocs_plugin_info = {
	ALLOCSCHECK_PLUGIN_VERSION,
	NULL, /* help: filled from the option table */
};

/* passes of register-locals.cc and elide-cast-checks.cc */
void allocs_register_locals_pass(const char *plugin_name);
void allocs_register_elide_pass(const char *plugin_name);

static bool is_c_front_end(void)
{
	const char *lang = lang_hooks.name;   /* "GNU C17", "GNU C++17", ... */
	return strncmp(lang, "GNU C", 5) == 0 &&
	       (lang[5] == '\0' || ISDIGIT(lang[5]));
}

static void on_pre_genericize(void *gcc_data, void *user_data)
{
	tree fndecl = (tree)gcc_data;
	if (seen_error())
		return;
	allocs_instrument_function(fndecl);
}

static void on_finish_type(void *gcc_data, void *user_data)
{
	allocs_dump_note_type((tree)gcc_data);
}

static void on_finish_decl(void *gcc_data, void *user_data)
{
	allocs_dump_note_decl((tree)gcc_data);
}

static void on_finish_unit(void *gcc_data, void *user_data)
{
	allocs_dump_write();
}

static void on_finish_unit_bounds(void *gcc_data, void *user_data)
{
	allocs_emit_bounds_marker();
}

/* Trees we keep in our own tables, chained so the collector sees them. */
static GTY(()) tree kept_trees;

static const struct ggc_root_tab allocs_gc_roots[] = {
	{ &kept_trees, 1, sizeof(kept_trees), &gt_ggc_mx_tree_node,
	  &gt_pch_nx_tree_node },
	LAST_GGC_ROOT_TAB
};

void allocs_gc_keep(tree t)
{
	kept_trees = tree_cons(NULL_TREE, t, kept_trees);
}

__attribute__((visibility("default"))) int
plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	const char *name = info->base_name;

	if (!plugin_default_version_check(version, &gcc_version)) {
		error("%s: built for GCC %s (%s), but loaded into GCC %s (%s); "
		      "rebuild the plugin with the g++ and plugin headers of this compiler",
		      info->full_name, gcc_version.basever, gcc_version.datestamp,
		      version->basever, version->datestamp);
		return 1;
	}

	allocs_plugin_info.help = allocs_plugin_help();
	register_callback(name, PLUGIN_INFO, NULL, &allocs_plugin_info);

	if (!allocs_parse_options(name, info->argc, info->argv))
		return 1;
	if (allocs_opts.disable)
		return 0;
	if (!is_c_front_end()) {
		inform(UNKNOWN_LOCATION,
		       "%s: only C is instrumented; nothing done for %s",
		       name, lang_hooks.name);
		return 0;
	}

	register_callback(name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)allocs_gc_roots);
	register_callback(name, PLUGIN_PRE_GENERICIZE, on_pre_genericize, NULL);
	/* bounds checks: a GIMPLE pass after "ssa" (instrument-derivations.cc) */
	if (allocs_bounds_checks) {
		allocs_register_derivation_pass(name);
		register_callback(name, PLUGIN_FINISH_UNIT, on_finish_unit_bounds, NULL);
	}
	/* address-taken locals to the runtime's stack registry; after the
	 * bounds pass's registration, so it runs before it (register-locals.cc) */
	allocs_register_locals_pass(name);
	/* cast checks made redundant by inlining (elide-cast-checks.cc) */
	allocs_register_elide_pass(name);
	if (allocs_opts.dump_typeids) {
		register_callback(name, PLUGIN_FINISH_TYPE, on_finish_type, NULL);
		register_callback(name, PLUGIN_FINISH_DECL, on_finish_decl, NULL);
		register_callback(name, PLUGIN_FINISH_UNIT, on_finish_unit, NULL);
	}
	return 0;
}

/*
 * plugin.h -- state and entry points shared by the allocscheck plugin's
 * parts.  Each part is one file:
 *   plugin-main.cc       plugin_init: version/language gates, callbacks
 *   plugin-options.cc    -fplugin-arg-allocscheck-KEY[=VALUE] parsing
 *   tree-typeid.cc       canonical type identity of a GCC type tree
 *   type-spelling.cc     C spelling of a type ("struct node *", "int[4]")
 *   typeid-dump.cc       dump-typeids=FILE: identities of the TU's types
 *   runtime-decls.cc     declarations of the runtime entry points we call
 *   typedesc.cc          per-type descriptors and source locations we emit
 *   instrument-casts.cc  pointer-cast checks at PLUGIN_PRE_GENERICIZE
 *   alloc-sites.cc       allocation typing (calls to the malloc family and to
 *                        allocation wrappers)
 *   infer-alloc-wrappers.cc  which functions of the unit are allocation wrappers
 */
#ifndef ALLOCSCHECK_PLUGIN_H
#define ALLOCSCHECK_PLUGIN_H

#include "gcc-includes.h"
#include "type-identity.h"

/* ---- options (plugin-options.cc) ---- */
struct allocs_plugin_options {
	bool disable;              /* disable: load but do nothing */
	bool cast_checks;          /* no-cast-checks clears it */
	bool alloc_types;          /* no-alloc-types clears it */
	const char *dump_typeids;  /* dump-typeids=FILE, or NULL */
	vec<const char *> alloc_fns; /* names of allocation functions */
};
extern struct allocs_plugin_options allocs_opts;

/* Parses argv into allocs_opts; reports errors with error() and returns
 * false when an argument is invalid. */
bool allocs_parse_options(const char *plugin_name, int argc,
			  struct plugin_argument *argv);
/* Help text listing every key. */
const char *allocs_plugin_help(void);

/* ---- type identity (tree-typeid.cc) ---- */
/* Canonical identity (include/type-identity.h) of any C type tree. */
ac_typeid allocs_type_identity(tree type);
/* The uniqtype kind (enum uniqtype_kind) the identity describes. */
unsigned allocs_type_kind(tree type);
/* Tag of a struct/union/enum main variant, "" if anonymous. */
const char *allocs_type_tag(tree type);

/* ---- spelling (type-spelling.cc) ---- */
std::string allocs_type_spelling(tree type);

/* ---- dump (typeid-dump.cc) ---- */
void allocs_dump_note_type(tree type);   /* PLUGIN_FINISH_TYPE */
void allocs_dump_note_decl(tree decl);   /* PLUGIN_FINISH_DECL */
void allocs_dump_write(void);            /* PLUGIN_FINISH_UNIT */

/* ---- runtime entry points (runtime-decls.cc) ---- */
/* Declare the runtime function `name` (extern, default visibility, leaf,
 * nothrow), plus `const` and/or `cold` per flags, and GCC's internal
 * "fn spec" string (attr-fnspec.h) unless NULL.  Kept as a GC root. */
static const unsigned ALLOCS_RT_CONST = 1, ALLOCS_RT_COLD = 2;
tree allocs_declare_runtime_fn(const char *name, tree fntype, unsigned flags,
			       const char *fnspec);
tree allocs_check_cast_decl(void);
tree allocs_note_alloc_decl(void);
tree allocs_note_alloc_out_decl(void);

/* ---- descriptors (typedesc.cc) ---- */
/* Address (a `struct allocs_typedesc *` constant) of the descriptor for
 * pointee type `pointee`, created on first use in this TU.  extra_flags:
 * ALLOCS_TD_* bits that depend on the use (e.g. ALLOCS_TD_GENERIC). */
tree allocs_typedesc_addr(tree pointee, unsigned extra_flags,
			  unsigned degree);
/* Address of a fresh static source-location record for `loc`. */
tree allocs_srcloc_addr(location_t loc, tree fndecl);
tree allocs_typedesc_ptr_type(void);
tree allocs_srcloc_ptr_type(void);

/* ---- allocation functions (alloc-sites.cc, infer-alloc-wrappers.cc) ---- */
/* Name of the function a CALL_EXPR calls directly, or NULL. */
const char *allocs_callee_name(tree call);
/* Is `call` a call to an allocation function returning the new object
 * (malloc family, alloc-fns=, inferred wrapper)?  Sets *flags
 * (ALLOCS_NOTE_*). */
bool allocs_is_allocation_call(tree call, unsigned *flags);
/* Is fn a function of this unit that hands out storage (infer-alloc-wrappers.cc)? */
bool allocs_is_inferred_wrapper(tree fn);

/* ---- instrumentation (instrument-casts.cc, alloc-sites.cc) ---- */
void allocs_instrument_function(tree fndecl);
/* If `conv` (a pointer conversion) converts the result of an allocation
 * call, returns the replacement expression (the call wrapped so that the
 * runtime learns the allocated type); else NULL_TREE. */
tree allocs_wrap_allocation(tree conv, location_t loc);
/* Is `call` a CALL_EXPR to posix_memalign-like out-parameter allocator?
 * Returns the replacement, or NULL_TREE. */
tree allocs_wrap_out_param_allocation(tree call, location_t loc);

/* ---- GC roots ---- */
/* Keeps `t` alive for the rest of the compilation (types and decls we hold
 * in our own tables across functions, where GCC may collect). */
void allocs_gc_keep(tree t);

#endif

/*
 * bounds-plugin.h -- what the bounds-check files of the plugin share:
 *   instrument-derivations.cc  the GIMPLE pass (derivations, indexing,
 *                              un-trapping) and pointer bounds
 *   instrument-libc-calls.cc   checks of library calls (memcpy, strcpy...)
 * The GIMPLE headers are included here, not in gcc-includes.h, so the
 * GENERIC-only files do not pay for them.
 */
#ifndef ALLOCSCHECK_BOUNDS_PLUGIN_H
#define ALLOCSCHECK_BOUNDS_PLUGIN_H

#include "plugin.h"
#include "backend.h"
#include "gimple.h"
#include "tree-pass.h"
#include "context.h"
#include "ssa.h"
#include "gimple-iterator.h"
#include "tree-cfg.h"
#include "cfgloop.h"
#include "tree-into-ssa.h"
#include "tree-eh.h"
#include "gimplify.h"
#include "asan.h"

/* -fplugin-arg-allocscheck-checks=... : bounds checks on/off. */
extern bool allocs_bounds_checks;

/* Emits the constructor that turns on the runtime's libc interceptors
 * (PLUGIN_FINISH_UNIT, only when bounds checks are on). */
void allocs_emit_bounds_marker(void);

/* Adds the pass (after "ssa"). */
void allocs_register_derivation_pass(const char *plugin_name);

/* Does the bounds pass (and the registration of locals, which serves it)
 * instrument this function?  Not system headers, the runtime's own
 * __allocs_* code, nor no_sanitize(_address) functions. */
bool allocs_should_instrument_fn(tree fndecl);

/* Is g a call of __allocs_check_cast (p, td, loc), the type check of a
 * cast, which returns p? */
static inline bool allocs_is_check_cast_call(const gimple *g)
{
	if (!is_gimple_call(g) || gimple_call_num_args(g) != 3)
		return false;
	tree fn = gimple_call_fndecl(g);
	return fn && DECL_NAME(fn) &&
	       strcmp(IDENTIFIER_POINTER(DECL_NAME(fn)), "__allocs_check_cast") == 0;
}

/* Bounds (u64 base and size, as GIMPLE values) that pointer value `ptr`
 * may access, for element size esz, computed before *gsi; valid only
 * while the pass runs on the current function.  False: unknown. */
bool allocs_pointer_bounds(gimple_stmt_iterator *gsi, tree ptr, uint64_t esz,
			   tree *base, tree *size);
/* The un-trapped value of ptr, computed before *gsi. */
tree allocs_emit_detrap(gimple_stmt_iterator *gsi, tree ptr);

/* Checks a call of a library function (instrument-libc-calls.cc); true if
 * code was inserted. */
bool allocs_instrument_libc_call(gimple *call, tree fndecl);

#endif

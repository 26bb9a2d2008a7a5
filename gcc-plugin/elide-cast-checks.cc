/*
 * elide-cast-checks.cc -- removing cast checks that cannot fail or that
 * repeat an earlier one, on optimised GIMPLE (after inlining).
 *
 * instrument-casts.cc inserts every check at GENERIC, where a function
 * sees only its own code: `(const jv *) pa` in a comparison function is a
 * real check there.  Once the function is inlined into a caller that
 * passes `&a` (a local jv), the same check names a declared object of the
 * target type: it cannot fail.  And a pointer checked twice against the
 * same type, with nothing in between that can free or retype memory,
 * gets the same verdict twice.  The rules (docs/checks.md, "Checks
 * removed after inlining"):
 *
 *  1. Declared objects.  check (&D, T), where D is a variable or
 *     parameter of type S (the address of D itself, or of its first byte
 *     through member or zero-offset references), and a conversion from
 *     `S *` to `T *` is one instrument-casts.cc elides statically
 *     (allocs_cast_statically_safe), or S and T have the same identity.
 *     The runtime would find D (stack frame or static data) and walk S at
 *     offset 0: the same walk the static rule mirrors.
 *
 *  2. Repeated checks.  check (p, T) at B is removed when a check
 *     (p', T) at A dominates B, p and p' are the same value (the same SSA
 *     name after looking through copies, conversions and check results,
 *     which return their argument; or the same invariant address), and no
 *     statement on any path from A to B may free, reallocate or retype
 *     memory (a "barrier": see is_barrier).  The memory p points to is
 *     then the same allocation with the same type at B as at A, so B's
 *     verdict is A's; if A failed, it was reported there.
 *
 * The removed check becomes a copy of its argument (the check returns it).
 */
#include "bounds-plugin.h"
#include "gimple-fold.h"
#include "tree-dfa.h"
#include "allocs-check.h"

#include <vector>

void allocs_register_elide_pass(const char *plugin_name);
bool allocs_cast_statically_safe(tree src_pointee, tree pointee, const char **rule);
tree allocs_typedesc_pointee(tree td_decl);
extern bool allocs_cast_elision, allocs_cast_verbose;

namespace {

const pass_data elide_pass_data = {
	GIMPLE_PASS,
	"allocs_elide",           /* -fdump-tree-allocs_elide */
	OPTGROUP_NONE,
	TV_NONE,
	PROP_cfg | PROP_ssa,
	0, 0, 0,
	0,
};

unsigned n_decl_elided, n_repeat_elided;

/* The td decl a check names, or NULL (not the constant address of one). */
tree check_td(const gimple *g)
{
	tree td = gimple_call_arg(g, 1);
	if (TREE_CODE(td) != ADDR_EXPR || TREE_CODE(TREE_OPERAND(td, 0)) != VAR_DECL)
		return NULL_TREE;
	return TREE_OPERAND(td, 0);
}

/* The descriptor's flags, from its initializer (typedesc.cc). */
unsigned td_flags(tree td)
{
	tree init = DECL_INITIAL(td);
	if (!init || TREE_CODE(init) != CONSTRUCTOR)
		return ~0u;
	unsigned i;
	tree f, v;
	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(init), i, f, v)
		if (f && DECL_NAME(f) && strcmp(IDENTIFIER_POINTER(DECL_NAME(f)), "flags") == 0)
			return TREE_CODE(v) == INTEGER_CST ? (unsigned)tree_to_uhwi(v) : ~0u;
	return ~0u;
}

/* The value a pointer operand stands for: through SSA copies, pointer
 * conversions and results of checks (which return their first argument). */
tree canonical(tree v)
{
	for (unsigned depth = 0; depth < 32 && TREE_CODE(v) == SSA_NAME; depth++) {
		gimple *def = SSA_NAME_DEF_STMT(v);
		if (is_gimple_assign(def) &&
		    (gimple_assign_rhs_code(def) == SSA_NAME ||
		     CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(def))) &&
		    POINTER_TYPE_P(TREE_TYPE(gimple_assign_rhs1(def))))
			v = gimple_assign_rhs1(def);
		else if (allocs_is_check_cast_call(def))
			v = gimple_call_arg(def, 0);
		else
			break;
	}
	return v;
}

/* Rule 1: is v the address of (the start of) a declared object whose
 * declared type makes the check a pass? */
bool declared_object_passes(tree v, tree td, const char **rule)
{
	if (TREE_CODE(v) != ADDR_EXPR)
		return false;
	poly_int64 off;
	tree base = get_addr_base_and_unit_offset(TREE_OPERAND(v, 0), &off);
	if (!base || !known_eq(off, 0))
		return false;
	if (TREE_CODE(base) != VAR_DECL && TREE_CODE(base) != PARM_DECL &&
	    TREE_CODE(base) != RESULT_DECL)
		return false;
	unsigned flags = td_flags(td);
	if (flags & (ALLOCS_TD_GENERIC | ALLOCS_TD_INCOMPLETE | ALLOCS_TD_FUNCTION))
		return false;
	tree pointee = allocs_typedesc_pointee(td);
	if (!pointee)
		return false;
	tree s = TYPE_MAIN_VARIANT(TREE_TYPE(base));
	if (!COMPLETE_TYPE_P(s) || TREE_CODE(TYPE_SIZE_UNIT(s)) != INTEGER_CST)
		return false;           /* VLAs, incomplete extern arrays */
	if (allocs_type_identity(s) == allocs_type_identity(TYPE_MAIN_VARIANT(pointee))) {
		*rule = "same type";
		return true;
	}
	return allocs_cast_statically_safe(s, pointee, rule);
}

/* Can g free, reallocate or retype memory?  Calls can, except those that
 * provably do not: const and pure functions, internal functions, the
 * memory and string builtins (allocscheck does not type memory by what
 * is stored in it), and cast checks.  A check types only an untyped
 * chunk (lazy typing, specialisation) or relaxes a soft type (demotion):
 * docs/checks.md says why that does not invalidate an earlier verdict
 * for the purpose of this rule. */
bool is_barrier(const gimple *g)
{
	if (!is_gimple_call(g))
		return gimple_code(g) == GIMPLE_ASM;
	if (gimple_call_internal_p(g) || allocs_is_check_cast_call(g))
		return false;
	if (gimple_call_flags(g) & (ECF_CONST | ECF_PURE))
		return false;
	if (gimple_call_builtin_p(g, BUILT_IN_NORMAL)) {
		switch (DECL_FUNCTION_CODE(gimple_call_fndecl(g))) {
		case BUILT_IN_MEMCPY: case BUILT_IN_MEMMOVE: case BUILT_IN_MEMSET:
		case BUILT_IN_MEMCMP: case BUILT_IN_STRLEN: case BUILT_IN_STRCMP:
		case BUILT_IN_STRNCMP: case BUILT_IN_STRCPY: case BUILT_IN_STRNCPY:
		case BUILT_IN_EXPECT: case BUILT_IN_PREFETCH:
			return false;
		default:
			return true;
		}
	}
	return true;
}

/* Barrier-free from (after) `from` to the end of its block; from NULL:
 * the whole block. */
bool tail_clear(basic_block bb, gimple *from)
{
	gimple_stmt_iterator i = from ? gsi_for_stmt(from) : gsi_start_bb(bb);
	if (from)
		gsi_next(&i);
	for (; !gsi_end_p(i); gsi_next(&i))
		if (is_barrier(gsi_stmt(i)))
			return false;
	return true;
}

/* Barrier-free from the start of bb to (before) `to`. */
bool head_clear(basic_block bb, gimple *to)
{
	for (gimple_stmt_iterator i = gsi_start_bb(bb); !gsi_end_p(i); gsi_next(&i)) {
		if (gsi_stmt(i) == to)
			return true;
		if (is_barrier(gsi_stmt(i)))
			return false;
	}
	return true;
}

/* Is every path from A (a check in block da) to B (in block db, which da
 * dominates, da != db) free of barriers?  Walks back from B's block to
 * da: each block met on the way is whole on some such path (B's own
 * block too, if a loop leads back into it), and da from after A. */
bool paths_clear(gimple *a, gimple *b)
{
	basic_block da = gimple_bb(a), db = gimple_bb(b);
	if (!head_clear(db, b) || !tail_clear(da, a))
		return false;
	auto_bitmap seen;
	std::vector<basic_block> work;
	edge e;
	edge_iterator ei;
	FOR_EACH_EDGE(e, ei, db->preds)
		work.push_back(e->src);
	unsigned budget = 256;
	while (!work.empty()) {
		basic_block bb = work.back();
		work.pop_back();
		if (bb == da || !bitmap_set_bit(seen, bb->index))
			continue;
		if (!--budget || bb == ENTRY_BLOCK_PTR_FOR_FN(cfun) || !tail_clear(bb, NULL))
			return false;
		FOR_EACH_EDGE(e, ei, bb->preds)
			work.push_back(e->src);
	}
	return true;
}

/* Does the check a cover the check b (rule 2)? */
bool covers(gimple *a, gimple *b)
{
	basic_block da = gimple_bb(a), db = gimple_bb(b);
	if (da == db) {
		/* a before b, with no barrier between */
		gimple_stmt_iterator i = gsi_for_stmt(a);
		for (gsi_next(&i); !gsi_end_p(i); gsi_next(&i)) {
			if (gsi_stmt(i) == b)
				return true;
			if (is_barrier(gsi_stmt(i)))
				return false;
		}
		return false;
	}
	return dominated_by_p(CDI_DOMINATORS, db, da) && paths_clear(a, b);
}

bool same_value(tree x, tree y)
{
	if (x == y)
		return true;
	return TREE_CODE(x) != SSA_NAME && TREE_CODE(y) != SSA_NAME &&
	       is_gimple_min_invariant(x) && operand_equal_p(x, y, 0);
}

void remove_check(gimple *g)
{
	gimple_stmt_iterator gsi = gsi_for_stmt(g);
	tree arg = gimple_call_arg(g, 0);
	if (gimple_call_lhs(g))
		replace_call_with_value(&gsi, arg);
	else {
		unlink_stmt_vdef(g);
		gsi_remove(&gsi, true);
	}
}

unsigned elide(function *fun)
{
	struct check { gimple *g; tree value, td; };
	std::vector<check> checks;
	basic_block bb;
	FOR_EACH_BB_FN(bb, fun)
		for (gimple_stmt_iterator i = gsi_start_bb(bb); !gsi_end_p(i); gsi_next(&i))
			if (allocs_is_check_cast_call(gsi_stmt(i)) && check_td(gsi_stmt(i)))
				checks.push_back({ gsi_stmt(i), canonical(gimple_call_arg(gsi_stmt(i), 0)),
						   check_td(gsi_stmt(i)) });
	if (checks.empty())
		return 0;
	calculate_dominance_info(CDI_DOMINATORS);
	/* Decide on the unmodified function (barriers do not depend on which
	 * checks go), then remove. */
	std::vector<gimple *> doomed;
	/* the repeat search is quadratic: very large functions keep repeats */
	size_t repeat_limit = checks.size() <= 512 ? checks.size() : 0;
	for (size_t j = 0; j < checks.size(); j++) {
		const check &b = checks[j];
		const char *rule = NULL;
		if (declared_object_passes(b.value, b.td, &rule)) {
			n_decl_elided++;
			if (allocs_cast_verbose)
				inform(gimple_location(b.g),
				       "allocscheck: check not kept after inlining: "
				       "declared object, %s", rule);
			doomed.push_back(b.g);
			continue;
		}
		for (size_t k = 0; k < repeat_limit; k++) {
			const check &a = checks[k];
			if (k == j || a.td != b.td || !same_value(a.value, b.value))
				continue;
			if (!covers(a.g, b.g))
				continue;
			n_repeat_elided++;
			if (allocs_cast_verbose)
				inform(gimple_location(b.g),
				       "allocscheck: check not kept after inlining: "
				       "repeats the check at line %d",
				       LOCATION_LINE(gimple_location(a.g)));
			doomed.push_back(b.g);
			break;
		}
	}
	if (doomed.empty())
		return 0;
	for (gimple *g : doomed)
		remove_check(g);
	cgraph_edge::rebuild_edges();
	return TODO_update_ssa_only_virtuals;
}

/* -verbose: the unit's totals (cf. instrument-casts.cc's). */
void __attribute__((destructor)) report_totals(void)
{
	if (allocs_cast_verbose && (n_decl_elided || n_repeat_elided))
		fprintf(stderr, "allocscheck: %u checks removed after inlining "
			"(%u of declared objects, %u repeated)\n",
			n_decl_elided + n_repeat_elided, n_decl_elided, n_repeat_elided);
}

class elide_pass : public gimple_opt_pass {
public:
	elide_pass(gcc::context *ctx) : gimple_opt_pass(elide_pass_data, ctx) {}
	opt_pass *clone() final override { return new elide_pass(m_ctxt); }
	bool gate(function *) final override
	{
		return allocs_opts.cast_checks && allocs_cast_elision && !seen_error();
	}
	unsigned int execute(function *fun) final override { return elide(fun); }
};

} /* namespace */

/* After every "fre": value numbering has just made equal pointers the
 * same SSA name and propagated addresses into the checks' arguments; the
 * later instances run after inlining. */
void allocs_register_elide_pass(const char *plugin_name)
{
	static struct register_pass_info info;
	info.pass = new elide_pass(g);
	info.reference_pass_name = "fre";
	info.ref_pass_instance_number = 0;
	info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(plugin_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

/*
 * register-locals.cc -- announce address-taken locals to the runtime's
 * stack registry (include/allocs-alloca.h, "Registered locals"), so that
 * lookups of pointers into them need no stack unwinding.
 *
 * Which: every automatic variable or parameter of the function whose
 * address is taken other than as the base of a direct memory reference
 * (walk_stmt_load_store_addr_ops' "address" operands, and &x in PHIs),
 * with a constant, nonzero size.  A parameter's address is its stack
 * copy's, which at -O2 DWARF does not locate once no register holds the
 * parameter.  Variables of inner scopes are registered too (their slot is
 * fixed for the whole function); where slots of disjoint scopes are shared
 * the runtime sees two claims and unwinds instead.
 *
 * What is inserted (a GIMPLE pass right after "ssa", before the bounds
 * pass and before inlining, at every -O level):
 *   on the entry edge:   mark = __allocs_local_push (&v1, size1, &td1);
 *                        __allocs_local_push (&v2, size2, &td2); ...
 *   before each return:  __allocs_local_pop (mark);
 * and in functions that call setjmp (returns-twice calls):
 *   on the entry edge:   depth = __allocs_local_depth ();   (the mark)
 *   after each setjmp:   __allocs_local_pop (depth + npushed);
 * so that a longjmp back here forgets the frames it skipped.  An inlined
 * copy keeps its push/pop pair around the inlined body.  Function calls
 * rather than inline TLS stores: the runtime's TLS block is not ours to
 * address from the program's code.
 *
 * When: by default only with bounds checks, whose fetches are what asks
 * about stack pointers (Lua's luaL_Buffer, TValue temporaries); types-only
 * builds pay the pushes on every call for the rare cast of a stack
 * pointer.  ALLOCSCHECK_REGISTER_LOCALS=1 / =0 in the compiler's environment
 * forces it on / off.
 */
#include "bounds-plugin.h"
#include "gimple-walk.h"

#include <algorithm>

void allocs_register_locals_pass(const char *plugin_name);

namespace {

const pass_data locals_pass_data = {
	GIMPLE_PASS,
	"allocs_locals",          /* -fdump-tree-allocs_locals */
	OPTGROUP_NONE,
	TV_NONE,
	PROP_cfg | PROP_ssa,
	0, 0, 0,
	TODO_update_ssa,
};

tree push_fn, pop_fn, depth_fn;

void declare_runtime(void)
{
	if (push_fn)
		return;
	/* push: the address is only recorded, never dereferenced, and does
	 * not escape to anything the program can read back ("R"). */
	push_fn = allocs_declare_runtime_fn("__allocs_local_push",
		build_function_type_list(unsigned_type_node, ptr_type_node, size_type_node,
					 allocs_typedesc_ptr_type(), NULL_TREE),
		0, ". R . . ");
	pop_fn = allocs_declare_runtime_fn("__allocs_local_pop",
		build_function_type_list(void_type_node, unsigned_type_node, NULL_TREE), 0, NULL);
	depth_fn = allocs_declare_runtime_fn("__allocs_local_depth",
		build_function_type_list(unsigned_type_node, NULL_TREE), 0, NULL);
}

bool enabled(void)
{
	const char *e = getenv("ALLOCSCHECK_REGISTER_LOCALS");
	if (e && *e)
		return strcmp(e, "0") != 0;
	return allocs_bounds_checks;
}

struct scan {
	tree fndecl;
	hash_set<tree> *vars;
};

/* An automatic variable or parameter of this function we can register. */
bool registrable(tree fndecl, tree base)
{
	if (!base || (!VAR_P(base) && TREE_CODE(base) != PARM_DECL))
		return false;
	if (VAR_P(base) && (TREE_STATIC(base) || DECL_EXTERNAL(base) || DECL_HARD_REGISTER(base)))
		return false;
	if (DECL_CONTEXT(base) != fndecl || DECL_HAS_VALUE_EXPR_P(base))
		return false;
	/* nested functions' frame and chain objects: DWARF describes their
	 * members as the variables, so do not claim the whole record */
	if (DECL_NAME(base)) {
		const char *n = IDENTIFIER_POINTER(DECL_NAME(base));
		if (strncmp(n, "FRAME.", 6) == 0 || strncmp(n, "CHAIN.", 6) == 0)
			return false;
	}
	tree size = DECL_SIZE_UNIT(base);
	if (!size || !tree_fits_uhwi_p(size) || tree_to_uhwi(size) == 0)
		return false;
	return !variably_modified_type_p(TREE_TYPE(base), NULL_TREE);
}

/* `op` is what an address is taken of: a variable, or a reference into
 * one (`&a[i]`, `&s.f`: walk_stmt_load_store_addr_ops passes the
 * ADDR_EXPR's operand, not its base). */
bool visit_addr(gimple *, tree op, tree, void *data)
{
	struct scan *s = (struct scan *)data;
	tree base = op ? get_base_address(op) : NULL_TREE;
	if (registrable(s->fndecl, base))
		s->vars->add(base);
	return false;
}

bool is_setjmp_call(gimple *stmt)
{
	if (!is_gimple_call(stmt) || !(gimple_call_flags(stmt) & ECF_RETURNS_TWICE))
		return false;
	tree fn = gimple_call_fndecl(stmt);
	const char *name = fn && DECL_NAME(fn) ? IDENTIFIER_POINTER(DECL_NAME(fn)) : "";
	return !strstr(name, "vfork");    /* the child shares our TLS */
}

gcall *build_pop(tree mark)
{
	return gimple_build_call(pop_fn, 1, mark);
}

/* Insert g right after the setjmp call `stmt`: on its normal successor
 * edge when the call ends its block. */
void insert_after_call(gimple *stmt, gimple *g)
{
	basic_block bb = gimple_bb(stmt);
	if (!stmt_ends_bb_p(stmt)) {
		gimple_stmt_iterator gsi = gsi_for_stmt(stmt);
		gsi_insert_after(&gsi, g, GSI_NEW_STMT);
		return;
	}
	edge e;
	edge_iterator ei;
	FOR_EACH_EDGE(e, ei, bb->succs)
		if (!(e->flags & (EDGE_ABNORMAL | EDGE_EH))) {
			gsi_insert_on_edge_immediate(e, g);
			return;
		}
}

unsigned int instrument(function *fun)
{
	tree fndecl = fun->decl;
	hash_set<tree> vars;
	struct scan s = { fndecl, &vars };
	auto_vec<gimple *> setjmps;
	basic_block bb;
	FOR_EACH_BB_FN(bb, fun) {
		for (gphi_iterator pi = gsi_start_phis(bb); !gsi_end_p(pi); gsi_next(&pi)) {
			gphi *phi = pi.phi();
			for (unsigned i = 0; i < gimple_phi_num_args(phi); i++) {
				tree a = gimple_phi_arg_def(phi, i);
				if (TREE_CODE(a) == ADDR_EXPR)
					visit_addr(phi, TREE_OPERAND(a, 0), a, &s);
			}
		}
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);
			if (is_gimple_debug(stmt))
				continue;
			walk_stmt_load_store_addr_ops(stmt, &s, NULL, NULL, visit_addr);
			if (is_setjmp_call(stmt))
				setjmps.safe_push(stmt);
		}
	}
	if (vars.is_empty() && setjmps.is_empty())
		return 0;
	declare_runtime();

	/* deterministic order: by declaration */
	auto_vec<tree> order;
	for (hash_set<tree>::iterator it = vars.begin(); it != vars.end(); ++it)
		order.safe_push(*it);
	std::sort(order.address(), order.address() + order.length(),
		  [](tree a, tree b) { return DECL_UID(a) < DECL_UID(b); });

	gimple_seq seq = NULL;
	tree mark = NULL_TREE;
	if (!setjmps.is_empty()) {
		mark = make_ssa_name(unsigned_type_node);
		gcall *d = gimple_build_call(depth_fn, 0);
		gimple_call_set_lhs(d, mark);
		gimple_seq_add_stmt(&seq, d);
	}
	for (unsigned i = 0; i < order.length(); i++) {
		tree v = order[i];
		gcall *c = gimple_build_call(push_fn, 3,
			build_fold_addr_expr_with_type(v, ptr_type_node),
			build_int_cst(size_type_node, tree_to_uhwi(DECL_SIZE_UNIT(v))),
			allocs_typedesc_addr(TREE_TYPE(v), 0, 0));
		if (!mark) {
			mark = make_ssa_name(unsigned_type_node);
			gimple_call_set_lhs(c, mark);
		}
		gimple_seq_add_stmt(&seq, c);
	}
	tree after_setjmp = mark;
	if (!setjmps.is_empty() && !order.is_empty()) {
		after_setjmp = make_ssa_name(unsigned_type_node);
		gimple_seq_add_stmt(&seq, gimple_build_assign(after_setjmp, PLUS_EXPR, mark,
			build_int_cst(unsigned_type_node, order.length())));
	}
	gsi_insert_seq_on_edge_immediate(single_succ_edge(ENTRY_BLOCK_PTR_FOR_FN(fun)), seq);

	if (!order.is_empty())
		FOR_EACH_BB_FN(bb, fun) {
			gimple_stmt_iterator gsi = gsi_last_bb(bb);
			if (!gsi_end_p(gsi) && gimple_code(gsi_stmt(gsi)) == GIMPLE_RETURN)
				gsi_insert_before(&gsi, build_pop(mark), GSI_SAME_STMT);
		}
	for (unsigned i = 0; i < setjmps.length(); i++)
		insert_after_call(setjmps[i], build_pop(after_setjmp));

	mark_virtual_operands_for_renaming(fun);
	cgraph_edge::rebuild_edges();
	return TODO_update_ssa;
}

class locals_pass : public gimple_opt_pass {
public:
	locals_pass(gcc::context *ctx) : gimple_opt_pass(locals_pass_data, ctx) {}
	opt_pass *clone() final override { return new locals_pass(m_ctxt); }
	bool gate(function *fun) final override
	{
		return enabled() && !seen_error() && allocs_should_instrument_fn(fun->decl);
	}
	unsigned int execute(function *fun) final override { return instrument(fun); }
};

} /* namespace */

void allocs_register_locals_pass(const char *plugin_name)
{
	static struct register_pass_info info;
	info.pass = new locals_pass(g);
	info.reference_pass_name = "ssa";
	info.ref_pass_instance_number = 1;
	/* Registered after the bounds pass, so it runs before it (each pass
	 * inserted after "ssa" goes right after it): the address uses we
	 * count are the program's own, not the bounds checks'. */
	info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(plugin_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

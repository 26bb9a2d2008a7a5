/*
 * instrument-derivations.cc -- bounds checks: every pointer derivation
 * stays inside its object or sub-object (include/allocs-check.h, section
 * "Bounds checks", is the contract with the runtime).
 *
 * Where: a GIMPLE pass right after "ssa", before inlining and the early
 * optimisations, at every -O level.  Why not GENERIC like the cast checks:
 *   - each derivation is one statement here (POINTER_PLUS_EXPR, ADDR_EXPR
 *     of an ARRAY_REF), with array indexing already lowered, and accesses
 *     that fold the derivation into the reference (t->s.a[i] = x) are one
 *     load or store whose ARRAY_REFs we can see;
 *   - SSA def-use chains give every pointer's *origin* (the value it was
 *     derived from by arithmetic, through copies and loop PHIs), so the
 *     bounds are computed once per origin, at its definition -- outside
 *     any loop that walks it -- and every derivation from it costs one
 *     inline subtract-and-compare, at -O0 too;
 *   - the conversions we care about (pointer -> integer, comparisons,
 *     pointer differences) are explicit statements.
 * What casts we lose to the gimplifier does not matter for bounds: the
 * element size comes from the derived pointer's type, which GIMPLE keeps
 * on the POINTER_PLUS_EXPR's result.
 *
 * What is inserted:
 *   q = p + off      ->  q' = p + off;
 *                        if ((uintptr_t)q' - base >= size)       (cold)
 *                          q'' = __allocs_derive_slow (q', base, size, &loc);
 *                        q = PHI <q', q''>
 *     (base, size) are static when the tree says them (&local, &p->f.a[i],
 *     string literals), else from __allocs_fetch_bounds (origin, esz), a
 *     `const` call placed right after the origin's definition.
 *     ... unless q and everything derived from it stay in this function's
 *     SSA names (dereferenced, compared, merged; never stored, passed or
 *     returned): then q = p + off is left alone and each dereference of it
 *     is checked instead (see "derivations checked where they are
 *     dereferenced" below):
 *                        if ((uintptr_t)q - base >= size)        (cold)
 *                          __allocs_deref_fail (q, base, size, ...)
 *                        ... = *q;
 *   x = a[i] / a[i] = x with a variable (or constant out-of-range) index
 *     into an array of known size: if ((size_t)(i - low) > high - low)
 *     __allocs_index_fail (...) before the access.
 *   (long) p, p - q, p == q, p < q, ...: operands un-trapped inline.
 *   calls of library functions: see instrument-libc-calls.cc.
 */
#include "bounds-plugin.h"
#include <set>
#include "allocs-check.h"

bool allocs_bounds_checks = true;
/* ALLOCS_BOUNDS_TRAP_ALL set in the compiler's environment: trap every
 * derivation (no checks at dereferences), to measure what they buy. */
static bool allocs_bounds_trap_all = getenv("ALLOCS_BOUNDS_TRAP_ALL") != NULL;

namespace {

const pass_data derivations_pass_data = {
	GIMPLE_PASS,
	"allocs_bounds",          /* -fdump-tree-allocs_bounds */
	OPTGROUP_NONE,
	TV_NONE,
	PROP_cfg | PROP_ssa,
	0, 0, 0,
	TODO_update_ssa,
};

static tree fetch_fn, derive_slow_fn, index_fail_fn, deref_fail_fn, retype_fn;

tree declare_rt(const char *name, tree fntype, bool is_const, bool is_cold = false)
{
	return allocs_declare_runtime_fn(name, fntype,
		(is_const ? ALLOCS_RT_CONST : 0u) | (is_cold ? ALLOCS_RT_COLD : 0u), NULL);
}

void declare_runtime(void)
{
	if (fetch_fn)
		return;
	tree u64 = long_long_unsigned_type_node;
	/* `const`: bounds of an object do not change while a pointer into it
	 * lives, and a trapped result is a function of the arguments; lets
	 * GCC reuse and hoist them. */
	/* The report functions are not `cold`: GCC would move their calls
	 * into a separate main.cold part, which reports then name. */
	fetch_fn = declare_rt("__allocs_fetch_bounds",
		build_function_type_list(uint128_type_node, const_ptr_type_node, u64, NULL_TREE),
		true);
	derive_slow_fn = declare_rt("__allocs_derive_slow",
		build_function_type_list(ptr_type_node, ptr_type_node, u64, u64,
					 allocs_srcloc_ptr_type(), NULL_TREE),
		true, true);
	index_fail_fn = declare_rt("__allocs_index_fail",
		build_function_type_list(unsigned_type_node, const_ptr_type_node, const_ptr_type_node,
					 u64, long_long_integer_type_node, u64, u64,
					 unsigned_type_node, allocs_srcloc_ptr_type(), NULL_TREE),
		true);
	deref_fail_fn = declare_rt("__allocs_deref_fail",
		build_function_type_list(unsigned_type_node, const_ptr_type_node, u64, u64,
					 unsigned_type_node, allocs_srcloc_ptr_type(), NULL_TREE),
		true);
	/* not `const`: its answer depends on the trapped-pointer table */
	retype_fn = declare_rt("__allocs_retype",
		build_function_type_list(ptr_type_node, const_ptr_type_node, NULL_TREE), false);
}

/* ---- small GIMPLE builders: insert before *gsi ---- */

tree emit(gimple_stmt_iterator *gsi, tree type, enum tree_code code, tree a, tree b = NULL_TREE)
{
	tree lhs = make_ssa_name(type);
	gassign *g = b ? gimple_build_assign(lhs, code, a, b) : gimple_build_assign(lhs, code, a);
	gsi_insert_before(gsi, g, GSI_SAME_STMT);
	return lhs;
}

tree u64_type(void)
{
	return long_long_unsigned_type_node;
}

tree u64_cst(unsigned HOST_WIDE_INT v)
{
	return build_int_cstu(u64_type(), v);
}

/* A value usable as a call argument or operand: gimple vals as they are,
 * anything else (ADDR_EXPR with variable parts) through a temporary. */
tree as_val(gimple_stmt_iterator *gsi, tree t)
{
	if (is_gimple_val(t))
		return t;
	return emit(gsi, TREE_TYPE(t), TREE_CODE(t) == ADDR_EXPR ? ADDR_EXPR : TREE_CODE(t), t);
}

tree to_u64(gimple_stmt_iterator *gsi, tree v)
{
	v = as_val(gsi, v);
	return emit(gsi, u64_type(), NOP_EXPR, v);
}

/* The tag bits of a trapped pointer's value u (u64), 0 when u is not
 * trapped: ALLOCS_DETRAP inline and branch-free. */
tree emit_trap_bits(gimple_stmt_iterator *gsi, tree u)
{
	tree s = emit(gsi, u64_type(), RSHIFT_EXPR, u, build_int_cst(integer_type_node, 62));
	tree c = emit(gsi, boolean_type_node, EQ_EXPR, s, u64_cst(1));
	tree m = emit(gsi, u64_type(), NOP_EXPR, c);
	tree mask = emit(gsi, u64_type(), MULT_EXPR, m, u64_cst(ALLOCS_TRAP_MASK));
	return emit(gsi, u64_type(), BIT_AND_EXPR, u, mask);
}

/* The un-trapped value of pointer v. */
tree emit_detrap(gimple_stmt_iterator *gsi, tree v)
{
	tree u = to_u64(gsi, v);
	tree r = emit(gsi, u64_type(), BIT_XOR_EXPR, u, emit_trap_bits(gsi, u));
	if (POINTER_TYPE_P(TREE_TYPE(v)))
		return emit(gsi, TREE_TYPE(v), NOP_EXPR, r);
	return r;
}

/* The same as the pointer arithmetic `v - its tag bits`, so that the
 * result is seen as derived from v (get_origin) and shares v's bounds
 * instead of being a new origin fetched afresh. */
tree emit_detrap_derived(gimple_stmt_iterator *gsi, tree v)
{
	tree tag = emit_trap_bits(gsi, to_u64(gsi, v));
	tree neg = emit(gsi, u64_type(), NEGATE_EXPR, tag);
	return emit(gsi, TREE_TYPE(v), POINTER_PLUS_EXPR, v, emit(gsi, sizetype, NOP_EXPR, neg));
}

/* Could v hold a trapped pointer?  Constants and addresses of variables
 * cannot. */
bool maybe_trapped(tree v)
{
	if (TREE_CODE(v) == INTEGER_CST)
		return false;
	if (TREE_CODE(v) == ADDR_EXPR && is_gimple_min_invariant(v))
		return false;
	return POINTER_TYPE_P(TREE_TYPE(v));
}

/* The failure call of a check, in then_bb (which falls through to the
 * access).  The report functions are declared `const` and return 0: a
 * call with side effects, even on a cold path, would stop GCC from
 * hoisting the loop's loads and invariant calls (a loop may not run to
 * the end past it).  Their result guards a __builtin_trap, which keeps
 * the call alive and is never reached; the trap's block leaves the loop,
 * so the loop body is unchanged. */
void emit_fail_call(basic_block then_bb, gimple_seq seq, gcall *call)
{
	tree r = make_ssa_name(unsigned_type_node);
	gimple_call_set_lhs(call, r);
	gimple_seq_add_stmt(&seq, call);
	gcond *c = gimple_build_cond(NE_EXPR, r, build_zero_cst(unsigned_type_node),
				     NULL_TREE, NULL_TREE);
	gimple_set_location(c, gimple_location(call));
	gimple_seq_add_stmt(&seq, c);
	gimple_stmt_iterator tg = gsi_start_bb(then_bb);
	gsi_insert_seq_after(&tg, seq, GSI_CONTINUE_LINKING);

	edge fall = single_succ_edge(then_bb);
	fall->flags &= ~EDGE_FALLTHRU;
	fall->flags |= EDGE_FALSE_VALUE;
	fall->probability = profile_probability::always();
	basic_block trap_bb = create_empty_bb(then_bb);
	trap_bb->count = profile_count::zero();
	if (current_loops)
		add_bb_to_loop(trap_bb, current_loops->tree_root);
	edge te = make_edge(then_bb, trap_bb, EDGE_TRUE_VALUE);
	te->probability = profile_probability::never();
	gimple_stmt_iterator tt = gsi_start_bb(trap_bb);
	gcall *trap = gimple_build_call(builtin_decl_implicit(BUILT_IN_TRAP), 0);
	gimple_set_location(trap, gimple_location(call));
	gsi_insert_after(&tt, trap, GSI_NEW_STMT);
}

/* ---- element sizes ---- */

/* Bytes per element for pointers of type ptype; 0: do not check (function
 * pointers, incomplete or variable-size pointees).  void * arithmetic
 * (GNU C) steps by 1. */
uint64_t elem_size(tree ptype)
{
	if (!POINTER_TYPE_P(ptype))
		return 0;
	tree t = TREE_TYPE(ptype);
	if (VOID_TYPE_P(t))
		return 1;
	if (TREE_CODE(t) == FUNCTION_TYPE || !COMPLETE_TYPE_P(t))
		return 0;
	tree s = TYPE_SIZE_UNIT(t);
	if (!s || !tree_fits_uhwi_p(s) || tree_to_uhwi(s) == 0)
		return 0;
	return tree_to_uhwi(s);
}

uint64_t const_size_of(tree type)
{
	tree s = type ? TYPE_SIZE_UNIT(type) : NULL_TREE;
	if (!s || TREE_CODE(s) != INTEGER_CST || !tree_fits_uhwi_p(s))
		return 0;
	return tree_to_uhwi(s);
}

tree decl_base(tree ref);

/* Is array reference base `a` (the array operand of an ARRAY_REF) a
 * flexible array member or a trailing [0]/[1] (the struct hack), or of
 * no fixed size?  Such arrays end where the allocation ends. */
bool flexible_array(tree a)
{
	tree type = TREE_TYPE(a);
	if (TREE_CODE(type) != ARRAY_TYPE)
		return true;
	tree dom = TYPE_DOMAIN(type);
	if (!dom || !TYPE_MAX_VALUE(dom) || TREE_CODE(TYPE_MAX_VALUE(dom)) != INTEGER_CST ||
	    !TYPE_SIZE_UNIT(type) || TREE_CODE(TYPE_SIZE_UNIT(type)) != INTEGER_CST)
		return true;
	if (TREE_CODE(a) != COMPONENT_REF)
		return false;
	tree field = TREE_OPERAND(a, 1);
	for (tree f = DECL_CHAIN(field); f; f = DECL_CHAIN(f))
		if (TREE_CODE(f) == FIELD_DECL)
			return false;           /* not the last member */
	/* The last member of an object reached through a pointer: the
	 * allocation may extend past the struct, and then the array runs on
	 * to its end, whatever its declared length (GCC's own reading with
	 * -fstrict-flex-arrays=0; the runtime decides, docs/bounds.md). */
	if (!decl_base(a))
		return true;
	/* of a declared variable: [0] and [1] are the struct hack */
	tree lo = TYPE_MIN_VALUE(dom) ? TYPE_MIN_VALUE(dom) : size_zero_node;
	return tree_int_cst_lt(TYPE_MAX_VALUE(dom), lo) ||
	       tree_int_cst_equal(TYPE_MAX_VALUE(dom), lo);
}

/* Base declaration of a reference (`s.a[2].b` -> s), or NULL when it
 * goes through a pointer. */
tree decl_base(tree ref)
{
	while (handled_component_p(ref))
		ref = TREE_OPERAND(ref, 0);
	if (VAR_P(ref) || TREE_CODE(ref) == PARM_DECL || TREE_CODE(ref) == RESULT_DECL ||
	    TREE_CODE(ref) == STRING_CST)
		return ref;
	return NULL_TREE;
}

/* Bounds the tree itself gives for pointers of element size esz derived
 * from `addr` (an ADDR_EXPR): the reference whose bytes are the bounds,
 * and their size.  False when the runtime must be asked. */
bool static_bounds(tree addr, uint64_t esz, tree *ref_out, uint64_t *size_out)
{
	if (TREE_CODE(addr) != ADDR_EXPR)
		return false;
	tree r = TREE_OPERAND(addr, 0);
	if (esz == 1) {
		/* byte pointers (container_of, byte-wise walks): the whole
		 * variable, or the runtime's whole allocation */
		tree d = decl_base(r);
		uint64_t dn = d ? const_size_of(TREE_TYPE(d)) : 0;
		if (!d || !dn)
			return false;
		*ref_out = d;
		*size_out = dn;
		return true;
	}
	if (TREE_CODE(r) == ARRAY_REF) {
		tree a = TREE_OPERAND(r, 0);
		if (elem_size(build_pointer_type(TREE_TYPE(r))) != esz)
			return false;
		/* arrays of arrays: a flat walk spans the outermost */
		while (TREE_CODE(a) == ARRAY_REF &&
		       TREE_CODE(TREE_TYPE(TREE_OPERAND(a, 0))) == ARRAY_TYPE)
			a = TREE_OPERAND(a, 0);
		if (flexible_array(a) || (TREE_CODE(a) == MEM_REF && !decl_base(a)))
			return false;
		uint64_t n = const_size_of(TREE_TYPE(a));
		if (!n)
			return false;
		*ref_out = a;
		*size_out = n;
		return true;
	}
	if (TREE_CODE(r) == MEM_REF || TREE_CODE(r) == TARGET_MEM_REF)
		return false;                   /* *p: p's own bounds, from the runtime */
	uint64_t n = const_size_of(TREE_TYPE(r));
	if (n && n == esz && (decl_base(r) || TREE_CODE(r) == COMPONENT_REF)) {
		if (TREE_CODE(r) == COMPONENT_REF && TREE_CODE(TREE_TYPE(r)) == ARRAY_TYPE &&
		    flexible_array(r))
			return false;
		*ref_out = r;
		*size_out = n;
		return true;
	}
	if (TREE_CODE(TREE_TYPE(r)) == ARRAY_TYPE && !flexible_array(r) &&
	    elem_size(build_pointer_type(TREE_TYPE(TREE_TYPE(r)))) == esz && n) {
		*ref_out = r;
		*size_out = n;
		return true;
	}
	return false;
}

/* ---- origins ---- */

enum origin_kind { O_NONE, O_FETCH, O_STATIC, O_BUSY };
struct origin {
	enum origin_kind kind;
	tree expr;         /* O_FETCH: SSA name; O_STATIC: ADDR_EXPR */
	tree ssa;          /* O_STATIC: the SSA name holding expr, if any */
};

struct pass_state {
	function *fun;
	tree fndecl;
	hash_map<tree, origin> *memo;
	hash_map<tree, int> *busy;         /* PHIs being resolved: their depth */
	/* (origin expr, esz) -> fetched bounds */
	std::map<std::pair<tree, uint64_t>, std::pair<tree, tree> > *fetched;
	/* (PHI origin, esz) -> may its bounds be the PHI of its arguments'? */
	std::map<std::pair<tree, uint64_t>, bool> *mergeable;
	/* ((last statement of a block, pointer variable), esz) -> bounds copied
	 * before an abnormal edge */
	std::map<std::pair<std::pair<void *, tree>, uint64_t>, std::pair<tree, tree> > *abnormal_copies;
	bool changed;
	bool need_vops;
};

bool same_origin(const origin &a, const origin &b)
{
	if (a.kind != b.kind)
		return false;
	if (a.kind == O_FETCH)
		return a.expr == b.expr;
	if (a.kind == O_STATIC)
		return operand_equal_p(a.expr, b.expr, 0);
	return false;
}

bool passes_arg_through(gimple *g)
{
	if (allocs_is_check_cast_call(g))
		return true;
	tree fn = gimple_call_fndecl(g);
	/* not __allocs_note_alloc: bounds must be fetched once the chunk is
	 * typed; __allocs_derive_slow: our own checks keep the origin */
	return fn && DECL_NAME(fn) && gimple_call_num_args(g) >= 1 &&
	       strcmp(IDENTIFIER_POINTER(DECL_NAME(fn)), "__allocs_derive_slow") == 0;
}

/* Is v loaded from the result of glibc's __ctype_b_loc (),
 * __ctype_toupper_loc () or __ctype_tolower_loc (): the table behind
 * isspace (c), toupper (c)...?  Those tables are libc's own memory, which
 * no index knows (their bounds would be "unbounded"), and every ctype
 * macro in a loop would otherwise ask for them once per pass. */
bool ctype_table(tree v)
{
	gimple *def = SSA_NAME_DEF_STMT(v);
	if (!is_gimple_assign(def) || !gimple_assign_load_p(def))
		return false;
	tree r = gimple_assign_rhs1(def);
	if (TREE_CODE(r) != MEM_REF || TREE_CODE(TREE_OPERAND(r, 0)) != SSA_NAME ||
	    !integer_zerop(TREE_OPERAND(r, 1)))
		return false;
	gimple *call = SSA_NAME_DEF_STMT(TREE_OPERAND(r, 0));
	tree fn = is_gimple_call(call) ? gimple_call_fndecl(call) : NULL_TREE;
	if (!fn || !DECL_NAME(fn))
		return false;
	const char *n = IDENTIFIER_POINTER(DECL_NAME(fn));
	return strcmp(n, "__ctype_b_loc") == 0 || strcmp(n, "__ctype_toupper_loc") == 0 ||
	       strcmp(n, "__ctype_tolower_loc") == 0;
}

/* Is def a conversion to a pointer of another element size (neither
 * pointee void)?  Its result is a new bounds origin: its bounds are
 * fetched afresh for the new element size (a header and its trailing
 * data in one chunk: `(char *)&hdr[1]`, docs/bounds.md). */
bool retyping_types(tree to, tree from)
{
	if (!POINTER_TYPE_P(to) || !POINTER_TYPE_P(from) || VOID_TYPE_P(TREE_TYPE(to)) ||
	    VOID_TYPE_P(TREE_TYPE(from)))
		return false;
	uint64_t et = elem_size(to);
	return et && et != elem_size(from);
}

bool retypes(gimple *def)
{
	if (!is_gimple_assign(def) || !CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(def)))
		return false;
	return retyping_types(TREE_TYPE(gimple_assign_lhs(def)),
			      TREE_TYPE(gimple_assign_rhs1(def)));
}

/* The type check of a cast (`__allocs_check_cast (p, T)`, returning p
 * as a T *) is the conversion itself in a types+bounds build. */
bool retyping_call(gimple *g)
{
	tree lhs = gimple_call_lhs(g);
	if (!lhs || !allocs_is_check_cast_call(g))
		return false;
	return retyping_types(TREE_TYPE(lhs), TREE_TYPE(gimple_call_arg(g, 0)));
}

/* A store of a pointer into memory of another pointer type: GIMPLE drops
 * the conversion of `s->name = (char *)&hdr[3]` (pointer conversions are
 * useless to it), and the stored value is what a later load fetches
 * bounds for. */
bool retyping_store(gimple *g)
{
	if (!gimple_assign_single_p(g) || !gimple_store_p(g))
		return false;
	tree v = gimple_assign_rhs1(g);
	return TREE_CODE(v) == SSA_NAME && retyping_types(TREE_TYPE(gimple_assign_lhs(g)), TREE_TYPE(v));
}

/* Origin of pointer value v.  *low receives the smallest depth of a busy
 * PHI that the answer ignored (cycles); answers that ignored a PHI still
 * being resolved further up are not memoised. */
origin get_origin(pass_state *st, tree v, int depth, int *low)
{
	origin o = { O_NONE, NULL_TREE, NULL_TREE };
	if (depth > 64)
		return o;
	if (TREE_CODE(v) == ADDR_EXPR) {
		o.kind = O_STATIC;
		o.expr = v;
		return o;
	}
	if (TREE_CODE(v) != SSA_NAME || !POINTER_TYPE_P(TREE_TYPE(v)))
		return o;
	if (origin *m = st->memo->get(v))
		return *m;
	if (int *d = st->busy->get(v)) {
		if (*d < *low)
			*low = *d;
		o.kind = O_BUSY;
		return o;
	}
	o.kind = O_FETCH;
	o.expr = v;
	if (SSA_NAME_IS_DEFAULT_DEF(v) || SSA_NAME_OCCURS_IN_ABNORMAL_PHI(v)) {
		st->memo->put(v, o);
		return o;
	}
	if (ctype_table(v)) {
		o.kind = O_NONE;               /* not checked: see ctype_table */
		st->memo->put(v, o);
		return o;
	}
	gimple *def = SSA_NAME_DEF_STMT(v);
	int mylow = INT_MAX;
	origin r = o;
	if (is_gimple_assign(def)) {
		enum tree_code code = gimple_assign_rhs_code(def);
		tree rhs1 = gimple_assign_rhs1(def);
		if (retypes(def))
			;                            /* a new origin: v itself */
		else if (code == POINTER_PLUS_EXPR ||
		    ((code == SSA_NAME || CONVERT_EXPR_CODE_P(code)) && POINTER_TYPE_P(TREE_TYPE(rhs1))))
			r = get_origin(st, rhs1, depth + 1, &mylow);
		else if (code == ADDR_EXPR) {
			r.kind = O_STATIC;
			r.expr = rhs1;
			r.ssa = v;
		}
		if (r.kind == O_NONE)
			r = o;
	} else if (is_gimple_call(def) && passes_arg_through(def) && !retyping_call(def)) {
		r = get_origin(st, gimple_call_arg(def, 0), depth + 1, &mylow);
		if (r.kind == O_NONE)
			r = o;
	} else if (gimple_code(def) == GIMPLE_PHI) {
		st->busy->put(v, depth);
		bool have = false;
		for (unsigned i = 0; i < gimple_phi_num_args(def); i++) {
			origin a = get_origin(st, gimple_phi_arg_def(def, i), depth + 1, &mylow);
			if (a.kind == O_BUSY)
				continue;
			if (!have) {
				r = a;
				have = true;
			} else if (!same_origin(r, a)) {
				r = o;
				break;
			}
		}
		st->busy->remove(v);
		if (!have || r.kind == O_NONE)
			r = o;
		if (mylow >= depth)
			mylow = INT_MAX;             /* only cycles through v itself */
	}
	if (mylow < *low)
		*low = mylow;
	if (mylow == INT_MAX && r.kind != O_BUSY)
		st->memo->put(v, r);
	return r;
}

tree srcloc(pass_state *st, location_t loc)
{
	return allocs_srcloc_addr(loc, st->fndecl);
}

/* Where the bounds of an O_FETCH origin are computed: right after its
 * definition, so that every derivation it dominates reuses them.  Returns
 * false when that is not possible (the definition ends its block). */
bool fetch_point(pass_state *st, tree ssa, gimple_stmt_iterator *gsi_out, bool *after)
{
	if (SSA_NAME_IS_DEFAULT_DEF(ssa)) {
		basic_block bb = single_succ(ENTRY_BLOCK_PTR_FOR_FN(st->fun));
		*gsi_out = gsi_after_labels(bb);
		*after = false;
		return true;
	}
	gimple *def = SSA_NAME_DEF_STMT(ssa);
	if (gimple_code(def) == GIMPLE_PHI) {
		*gsi_out = gsi_after_labels(gimple_bb(def));
		*after = false;
		return true;
	}
	if (stmt_ends_bb_p(def))
		return false;
	*gsi_out = gsi_for_stmt(def);
	*after = true;
	return true;
}

/* Fetched bounds (base, size: u64 values) of pointer value `val` for
 * element size esz, computed at gsi (before it) or after it. */
std::pair<tree, tree> emit_fetch(gimple_stmt_iterator *gsi, bool after, tree val, uint64_t esz,
				 location_t loc)
{
	gimple_seq seq = NULL;
	tree r = make_ssa_name(uint128_type_node);
	gcall *call = gimple_build_call(fetch_fn, 2, val, u64_cst(esz));
	gimple_call_set_lhs(call, r);
	gimple_set_location(call, loc);
	gimple_seq_add_stmt(&seq, call);
	tree base = make_ssa_name(u64_type());
	gimple_seq_add_stmt(&seq, gimple_build_assign(base, NOP_EXPR, r));
	tree sh = make_ssa_name(uint128_type_node);
	gimple_seq_add_stmt(&seq, gimple_build_assign(sh, RSHIFT_EXPR, r,
						      build_int_cst(integer_type_node, 64)));
	tree size = make_ssa_name(u64_type());
	gimple_seq_add_stmt(&seq, gimple_build_assign(size, NOP_EXPR, sh));
	if (after)
		gsi_insert_seq_after(gsi, seq, GSI_SAME_STMT);
	else
		gsi_insert_seq_before(gsi, seq, GSI_SAME_STMT);
	return std::make_pair(base, size);
}

/* ---- bounds merged through PHIs ----
 *
 * A PHI merging pointers of different origins is an origin of its own:
 * an interpreter's `pc`, advanced by the back edge and reloaded from
 * memory after a call, or a list cursor reset to the head.  Fetching its
 * bounds at the PHI would cost a runtime call on every pass of the loop;
 * instead its bounds are the PHI of its arguments' bounds, each fetched
 * where that argument's own origin is defined (once per reload), and a
 * back edge carrying the PHI's own derivations carries its bounds
 * unchanged.  This is what a derivation straight from each argument
 * would have been checked against.  Not done (the PHI is fetched as
 * before) when an argument's bounds cannot be placed: no origin, a
 * definition ending its block, an abnormal PHI, a static address whose
 * bounds the tree does not say. */

bool phi_origin(tree x)
{
	return TREE_CODE(x) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(x) &&
	       gimple_code(SSA_NAME_DEF_STMT(x)) == GIMPLE_PHI;
}

/* Abnormal edges (computed gotos: an interpreter's dispatch; setjmp
 * receivers) take no statements, and the names a PHI receives over them
 * must coalesce into one variable.  So the bounds crossing such an edge
 * are copied at the end of its source block, one copy per source block
 * and pointer variable, and the copies and the PHIs they feed are marked
 * abnormal like the pointer's own names.  Can bounds be copied there?
 * Not when the block's last statement defines the pointer itself. */
bool abnormal_copy_point(basic_block src, tree a, gimple_stmt_iterator *gsi_out)
{
	gimple_stmt_iterator g = gsi_last_nondebug_bb(src);
	if (gsi_end_p(g) || !stmt_ends_bb_p(gsi_stmt(g))) {
		*gsi_out = gsi_last_bb(src);
		return true;                       /* after the last statement */
	}
	gimple *last = gsi_stmt(g);
	if (gimple_get_lhs(last) && gimple_get_lhs(last) == a)
		return false;
	*gsi_out = g;
	return true;
}

bool fetch_point(pass_state *st, tree ssa, gimple_stmt_iterator *gsi_out, bool *after);

bool can_merge(pass_state *st, tree phi_ssa, uint64_t esz, std::set<tree> *seen)
{
	if (!seen->insert(phi_ssa).second)
		return true;                       /* a cycle: its bounds flow round it */
	gphi *phi = as_a<gphi *>(SSA_NAME_DEF_STMT(phi_ssa));
	basic_block entry_succ = single_succ(ENTRY_BLOCK_PTR_FOR_FN(st->fun));
	for (unsigned i = 0; i < gimple_phi_num_args(phi); i++) {
		tree a = gimple_phi_arg_def(phi, i);
		edge e = gimple_phi_arg_edge(phi, i);
		gimple_stmt_iterator cp;
		if ((e->flags & EDGE_ABNORMAL) &&
		    (TREE_CODE(a) != SSA_NAME || !abnormal_copy_point(e->src, a, &cp)))
			return false;
		int low = INT_MAX;
		origin o = get_origin(st, a, 0, &low);
		if (o.kind == O_STATIC) {
			if (e->flags & EDGE_ABNORMAL)
				return false;
			tree ref;
			uint64_t n;
			if (!is_gimple_min_invariant(o.expr) || !static_bounds(o.expr, esz, &ref, &n))
				return false;
			continue;
		}
		if (o.kind != O_FETCH)
			return false;
		if (phi_origin(o.expr)) {
			if (!can_merge(st, o.expr, esz, seen))
				return false;
			continue;
		}
		/* a parameter's bounds are fetched at the head of the first
		 * block: not before the edge into it */
		if (SSA_NAME_IS_DEFAULT_DEF(o.expr) && gimple_bb(phi) == entry_succ)
			return false;
		gimple_stmt_iterator at;
		bool after;
		if (!fetch_point(st, o.expr, &at, &after))
			return false;
	}
	return true;
}

std::pair<tree, tree> origin_bounds(pass_state *st, tree x, uint64_t esz, location_t loc,
				    bool *placed);

/* The copies of bounds ab (of pointer a, a version of var) at the end of
 * src, made once per (src, var, esz). */
std::pair<tree, tree> abnormal_copies(pass_state *st, basic_block src, tree var, uint64_t esz,
				      tree a, std::pair<tree, tree> ab)
{
	/* keyed by the statement ending src, which a later split of src
	 * (checks inserted above it) keeps at the end */
	gimple_stmt_iterator lg = gsi_last_nondebug_bb(src);
	void *where = gsi_end_p(lg) ? (void *)src : (void *)gsi_stmt(lg);
	auto key = std::make_pair(std::make_pair(where, var), esz);
	auto it = st->abnormal_copies->find(key);
	if (it != st->abnormal_copies->end())
		return it->second;
	gimple_stmt_iterator g;
	bool ok = abnormal_copy_point(src, a, &g);
	gcc_assert(ok);
	bool after = gsi_end_p(g) || !stmt_ends_bb_p(gsi_stmt(g));
	std::pair<tree, tree> c(make_ssa_name(u64_type()), make_ssa_name(u64_type()));
	SSA_NAME_OCCURS_IN_ABNORMAL_PHI(c.first) = SSA_NAME_OCCURS_IN_ABNORMAL_PHI(c.second) = 1;
	gimple_seq seq = NULL;
	gimple_seq_add_stmt(&seq, gimple_build_assign(c.first, ab.first));
	gimple_seq_add_stmt(&seq, gimple_build_assign(c.second, ab.second));
	if (after && gsi_end_p(g)) {
		g = gsi_after_labels(src);
		gsi_insert_seq_before(&g, seq, GSI_SAME_STMT);
	} else if (after) {
		gsi_insert_seq_after(&g, seq, GSI_SAME_STMT);
	} else {
		gsi_insert_seq_before(&g, seq, GSI_SAME_STMT);
	}
	(*st->abnormal_copies)[key] = c;
	return c;
}

/* The PHIs of the bounds of phi_ssa's arguments (can_merge said yes). */
std::pair<tree, tree> merge_bounds(pass_state *st, tree phi_ssa, uint64_t esz, location_t loc)
{
	gphi *phi = as_a<gphi *>(SSA_NAME_DEF_STMT(phi_ssa));
	basic_block bb = gimple_bb(phi);
	tree base = make_ssa_name(u64_type()), size = make_ssa_name(u64_type());
	gphi *pb = create_phi_node(base, bb), *ps = create_phi_node(size, bb);
	std::pair<tree, tree> r(base, size);
	(*st->fetched)[std::make_pair(phi_ssa, esz)] = r;
	bool abnormal = false;
	for (unsigned i = 0; i < gimple_phi_num_args(phi); i++)
		abnormal |= (gimple_phi_arg_edge(phi, i)->flags & EDGE_ABNORMAL) != 0;
	if (abnormal)
		SSA_NAME_OCCURS_IN_ABNORMAL_PHI(base) = SSA_NAME_OCCURS_IN_ABNORMAL_PHI(size) = 1;
	/* what a copy at the end of an abnormal edge's source is for: one
	 * per pointer variable, so that each variable's bounds coalesce
	 * apart from every other's */
	tree var = SSA_NAME_VAR(phi_ssa) ? SSA_NAME_VAR(phi_ssa) : phi_ssa;
	for (unsigned i = 0; i < gimple_phi_num_args(phi); i++) {
		edge e = gimple_phi_arg_edge(phi, i);
		int low = INT_MAX;
		origin o = get_origin(st, gimple_phi_arg_def(phi, i), 0, &low);
		std::pair<tree, tree> ab;
		if (o.kind == O_STATIC) {
			tree ref;
			uint64_t n;
			static_bounds(o.expr, esz, &ref, &n);
			gimple_seq seq = NULL;
			ab.first = make_ssa_name(u64_type());
			gimple_seq_add_stmt(&seq, gimple_build_assign(ab.first, NOP_EXPR,
				build_fold_addr_expr(unshare_expr(ref))));
			ab.second = u64_cst(n);
			gsi_insert_seq_on_edge(e, seq);   /* committed at the end of instrument */
		} else {
			bool placed;
			ab = origin_bounds(st, o.expr, esz, loc, &placed);
			gcc_assert(placed);
		}
		if (e->flags & EDGE_ABNORMAL)
			ab = abnormal_copies(st, e->src, var, esz, gimple_phi_arg_def(phi, i), ab);
		add_phi_arg(pb, ab.first, e, UNKNOWN_LOCATION);
		add_phi_arg(ps, ab.second, e, UNKNOWN_LOCATION);
	}
	return r;
}

/* Bounds of O_FETCH origin x for element size esz, computed once where x
 * is defined (merged through x's arguments if x is a PHI that allows
 * it).  *placed false: nowhere to put them (nothing emitted). */
std::pair<tree, tree> origin_bounds(pass_state *st, tree x, uint64_t esz, location_t loc,
				    bool *placed)
{
	std::pair<tree, uint64_t> key(x, esz);
	auto it = st->fetched->find(key);
	*placed = true;
	if (it != st->fetched->end())
		return it->second;
	if (phi_origin(x)) {
		auto m = st->mergeable->find(key);
		if (m == st->mergeable->end()) {
			std::set<tree> seen;
			m = st->mergeable->emplace(key, can_merge(st, x, esz, &seen)).first;
		}
		if (m->second)
			return merge_bounds(st, x, esz, loc);
	}
	gimple_stmt_iterator at;
	bool after;
	if (!fetch_point(st, x, &at, &after)) {
		*placed = false;
		return std::pair<tree, tree>(NULL_TREE, NULL_TREE);
	}
	std::pair<tree, tree> b = emit_fetch(&at, after, x, esz, loc);
	(*st->fetched)[key] = b;
	return b;
}

/* Bounds (base, size) for a derivation at *gsi (inserting before it) from
 * origin o with element size esz.  False: leave unchecked. */
bool bounds_for(pass_state *st, gimple_stmt_iterator *gsi, const origin &o, uint64_t esz,
		location_t loc, tree *base, tree *size)
{
	if (o.kind == O_STATIC) {
		tree ref;
		uint64_t n;
		if (static_bounds(o.expr, esz, &ref, &n)) {
			tree a = build_fold_addr_expr(unshare_expr(ref));
			*base = to_u64(gsi, a);
			*size = u64_cst(n);
			return true;
		}
		/* ask the runtime about the address the tree computes */
		tree v = o.ssa ? o.ssa : as_val(gsi, unshare_expr(o.expr));
		std::pair<tree, tree> b = emit_fetch(gsi, false, v, esz, loc);
		*base = b.first;
		*size = b.second;
		return true;
	}
	if (o.kind != O_FETCH)
		return false;
	bool placed;
	std::pair<tree, tree> b = origin_bounds(st, o.expr, esz, loc, &placed);
	if (!placed)
		b = emit_fetch(gsi, false, o.expr, esz, loc);
	*base = b.first;
	*size = b.second;
	return true;
}

/* At cond_gsi (the condition block create_cond_insert_point made): the
 * unsigned range test `if ((u64) v - lo CMP limit)`, true going to the
 * slow block.  One subtraction and one compare cover both ends. */
static gcond *emit_range_test(gimple_stmt_iterator *cond_gsi, tree v, tree lo,
			      enum tree_code cmp, tree limit, location_t loc)
{
	gimple_seq seq = NULL;
	tree u = make_ssa_name(u64_type());
	gimple_seq_add_stmt(&seq, gimple_build_assign(u, NOP_EXPR, v));
	tree d = make_ssa_name(u64_type());
	gimple_seq_add_stmt(&seq, gimple_build_assign(d, MINUS_EXPR, u, lo));
	gcond *c = gimple_build_cond(cmp, d, limit, NULL_TREE, NULL_TREE);
	gimple_set_location(c, loc);
	gimple_seq_add_stmt(&seq, c);
	gsi_insert_seq_after(cond_gsi, seq, GSI_CONTINUE_LINKING);
	return c;
}

/* After *at: `if ((u64) v - base >= size)` leading to a new block
 * (*out_bb, which falls through to *join_bb).  Returns the edge taken
 * when v is in bounds. */
static edge split_on_range(gimple_stmt_iterator *at, tree v, tree base, tree size,
			   location_t loc, basic_block *out_bb, basic_block *join_bb)
{
	gimple_stmt_iterator cond_gsi = create_cond_insert_point(at, false, false, true,
								 out_bb, join_bb);
	gcond *c = emit_range_test(&cond_gsi, v, base, GE_EXPR, size, loc);
	return find_edge(gimple_bb(c), *join_bb);
}

/* result = PHI <in_val (in_edge), out_val (from out_bb)> in join_bb. */
static void join_values(tree result, basic_block join_bb, tree in_val, edge in_edge,
			tree out_val, basic_block out_bb, location_t loc)
{
	gphi *phi = create_phi_node(result, join_bb);
	add_phi_arg(phi, in_val, in_edge, loc);
	add_phi_arg(phi, out_val, single_succ_edge(out_bb), loc);
}

/* stmt defines pointer q (its LHS).  Check q against (base, size) after
 * stmt: q becomes the PHI of the fast and cold results.  On the cold
 * path, a trapped pointer back in bounds (an address computed downwards
 * from a stored one-past `end`) is un-trapped inline; only what is still
 * out of bounds calls the runtime, which traps it. */
void emit_derive_check(pass_state *st, gimple *stmt, tree base, tree size)
{
	tree q = gimple_get_lhs(stmt);
	location_t loc = gimple_location(stmt);
	tree raw = make_ssa_name(TREE_TYPE(q));
	gimple_set_lhs(stmt, raw);
	update_stmt(stmt);

	gimple_stmt_iterator it = gsi_for_stmt(stmt);
	basic_block cold_bb, join_bb;
	edge fast = split_on_range(&it, raw, base, size, loc, &cold_bb, &join_bb);

	gimple_stmt_iterator cg = gsi_start_bb(cold_bb);
	tree detrapped = emit_detrap_derived(&cg, raw);
	gimple_stmt_iterator last = gsi_last_bb(cold_bb);
	basic_block slow_bb, back_bb;
	edge back = split_on_range(&last, detrapped, base, size, loc, &slow_bb, &back_bb);

	gimple_stmt_iterator sg = gsi_start_bb(slow_bb);
	tree slow = make_ssa_name(TREE_TYPE(q));
	gcall *call = gimple_build_call(derive_slow_fn, 4, raw, base, size, srcloc(st, loc));
	gimple_call_set_lhs(call, slow);
	gimple_set_location(call, loc);
	gsi_insert_after(&sg, call, GSI_NEW_STMT);

	tree cold = make_ssa_name(TREE_TYPE(q));
	join_values(cold, back_bb, detrapped, back, slow, slow_bb, loc);
	join_values(q, join_bb, raw, fast, cold, back_bb, loc);
	st->changed = true;
}

bool pointer_operands(tree a, tree b)
{
	return a && b && POINTER_TYPE_P(TREE_TYPE(a)) && POINTER_TYPE_P(TREE_TYPE(b));
}

/* A use that only observes the pointer's value (and un-traps it first):
 * a comparison, a difference, a conversion to an integer. */
bool value_only_use(gimple *u, tree q)
{
	if (is_gimple_debug(u))
		return true;
	if (gimple_code(u) == GIMPLE_COND)
		return pointer_operands(gimple_cond_lhs(u), gimple_cond_rhs(u));
	if (!is_gimple_assign(u))
		return false;
	enum tree_code code = gimple_assign_rhs_code(u);
	tree lhs = gimple_assign_lhs(u), rhs1 = gimple_assign_rhs1(u);
	if (code == POINTER_DIFF_EXPR)
		return true;
	if (TREE_CODE_CLASS(code) == tcc_comparison)
		return pointer_operands(rhs1, gimple_assign_rhs2(u));
	if (CONVERT_EXPR_CODE_P(code) && INTEGRAL_TYPE_P(TREE_TYPE(lhs)) && rhs1 == q)
		return true;
	return false;
}

/* `end = a + n` only ever compared: it is never dereferenced, so it needs
 * no check (and no trap, which would cost a slow call per loop test). */
bool only_value_uses(tree q)
{
	imm_use_iterator it;
	gimple *u;
	FOR_EACH_IMM_USE_STMT(u, it, q)
		if (!value_only_use(u, q))
			return false;
	return true;
}

void instrument_derivation(pass_state *st, gimple *stmt)
{
	tree q = gimple_assign_lhs(stmt);
	if (only_value_uses(q))
		return;
	uint64_t esz = elem_size(TREE_TYPE(q));
	if (!esz || SSA_NAME_OCCURS_IN_ABNORMAL_PHI(q))
		return;
	origin o;
	if (gimple_assign_rhs_code(stmt) == POINTER_PLUS_EXPR) {
		int low = INT_MAX;
		o = get_origin(st, gimple_assign_rhs1(stmt), 0, &low);
	} else {
		/* q = &A[i]: bounds are A's */
		o.kind = O_STATIC;
		o.expr = gimple_assign_rhs1(stmt);
		o.ssa = NULL_TREE;
		tree ref;
		uint64_t n;
		if (!static_bounds(o.expr, esz, &ref, &n)) {
			/* the runtime, asked about the array's start */
			tree a = TREE_OPERAND(TREE_OPERAND(o.expr, 0), 0);
			o.expr = build_fold_addr_expr(unshare_expr(a));
		}
	}
	if (o.kind != O_FETCH && o.kind != O_STATIC)
		return;
	gimple_stmt_iterator gsi = gsi_for_stmt(stmt);
	tree base, size;
	if (!bounds_for(st, &gsi, o, esz, gimple_location(stmt), &base, &size))
		return;
	emit_derive_check(st, stmt, base, size);
}

/* Is q = &A[i] a derivation worth checking (variable index, or a constant
 * one that is not inside the array)? */
bool addr_is_derivation(tree rhs)
{
	if (TREE_CODE(rhs) != ADDR_EXPR)
		return false;
	tree r = TREE_OPERAND(rhs, 0);
	if (TREE_CODE(r) != ARRAY_REF)
		return false;
	tree idx = TREE_OPERAND(r, 1);
	if (TREE_CODE(idx) != INTEGER_CST)
		return true;
	tree lo = array_ref_low_bound(r), hi = array_ref_up_bound(r);
	if (!hi || TREE_CODE(hi) != INTEGER_CST || TREE_CODE(lo) != INTEGER_CST)
		return false;
	return tree_int_cst_lt(idx, lo) || tree_int_cst_lt(hi, idx);
}

/* ---- index checks on accesses ---- */

void emit_index_check(pass_state *st, gimple *stmt, tree aref, bool is_write)
{
	tree idx = TREE_OPERAND(aref, 1);
	tree lo = array_ref_low_bound(aref), hi = array_ref_up_bound(aref);
	tree arr = TREE_OPERAND(aref, 0);
	location_t loc = gimple_location(stmt);
	uint64_t esz = const_size_of(TREE_TYPE(aref)), asz = const_size_of(TREE_TYPE(arr));
	if (!hi || TREE_CODE(hi) != INTEGER_CST || TREE_CODE(lo) != INTEGER_CST || !esz || !asz)
		return;
	if (flexible_array(arr))
		return;
	if (TREE_CODE(idx) == INTEGER_CST && !tree_int_cst_lt(idx, lo) && !tree_int_cst_lt(hi, idx))
		return;
	if (TREE_CODE(idx) != INTEGER_CST && TREE_CODE(idx) != SSA_NAME)
		return;
	unsigned HOST_WIDE_INT span = tree_to_uhwi(fold_build2(MINUS_EXPR, sizetype,
		fold_convert(sizetype, hi), fold_convert(sizetype, lo)));

	gimple_stmt_iterator it = gsi_for_stmt(stmt);
	basic_block then_bb, join_bb;
	gimple_stmt_iterator cond_gsi = create_cond_insert_point(&it, true, false, true,
								 &then_bb, &join_bb);
	emit_range_test(&cond_gsi, idx, fold_convert(u64_type(), lo), GT_EXPR, u64_cst(span), loc);

	gimple_seq tseq = NULL;
	tree elem = make_ssa_name(build_pointer_type(TREE_TYPE(aref)));
	gimple_seq_add_stmt(&tseq, gimple_build_assign(elem, build_fold_addr_expr(unshare_expr(aref))));
	tree abase = make_ssa_name(build_pointer_type(TREE_TYPE(arr)));
	gimple_seq_add_stmt(&tseq, gimple_build_assign(abase, build_fold_addr_expr(unshare_expr(arr))));
	tree sidx = make_ssa_name(long_long_integer_type_node);
	gimple_seq_add_stmt(&tseq, gimple_build_assign(sidx, NOP_EXPR, idx));
	gcall *call = gimple_build_call(index_fail_fn, 8, elem, abase, u64_cst(asz), sidx,
		u64_cst(span + 1), u64_cst(esz),
		build_int_cst(unsigned_type_node, is_write ? ALLOCS_ACCESS_WRITE : ALLOCS_ACCESS_READ),
		srcloc(st, loc));
	gimple_set_location(call, loc);
	emit_fail_call(then_bb, tseq, call);
	st->changed = true;
	st->need_vops = true;
}

void collect_array_refs(tree ref, vec<tree> *out)
{
	for (tree t = ref; handled_component_p(t); t = TREE_OPERAND(t, 0))
		if (TREE_CODE(t) == ARRAY_REF)
			out->safe_push(t);
}

/* ---- un-trapping where a pointer's value is observed ---- */

void detrap_operand(gimple *stmt, unsigned opno)
{
	tree v = gimple_op(stmt, opno);
	if (!v || !maybe_trapped(v))
		return;
	gimple_stmt_iterator gsi = gsi_for_stmt(stmt);
	gimple_set_op(stmt, opno, emit_detrap(&gsi, v));
	update_stmt(stmt);
}

/* A retyping conversion (retypes) of a value that may be trapped: a
 * pointer that left the bounds of its old element type but is still
 * inside the allocation (one past a header, at its trailing data) is
 * un-trapped by __allocs_retype, so that its new bounds are fetched for
 * the address; one outside the allocation stays trapped with the bounds
 * it left. */
void emit_retype(gimple *stmt)
{
	bool call = is_gimple_call(stmt);
	tree v = call ? gimple_call_arg(stmt, 0) : gimple_assign_rhs1(stmt);
	gimple_stmt_iterator gsi = gsi_for_stmt(stmt);
	tree r = make_ssa_name(TREE_TYPE(v));
	gcall *c = gimple_build_call(retype_fn, 1, v);
	gimple_call_set_lhs(c, r);
	gimple_set_location(c, gimple_location(stmt));
	gsi_insert_before(&gsi, c, GSI_SAME_STMT);
	if (call)
		gimple_call_set_arg(stmt, 0, r);
	else
		gimple_assign_set_rhs1(stmt, r);
	update_stmt(stmt);
}

/* GIMPLE folds `q = (struct g *)&p[1]` into `q = p + 88` with q of the
 * new pointer type.  Split it back into the derivation in p's own type
 * and a retyping conversion, so that the derivation is checked against
 * p's bounds and q is a new origin (retypes). */
void split_retyping_derivations(function *fun)
{
	basic_block bb;
	FOR_EACH_BB_FN(bb, fun) {
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *g = gsi_stmt(gsi);
			if (!is_gimple_assign(g) || gimple_assign_rhs_code(g) != POINTER_PLUS_EXPR)
				continue;
			tree lhs = gimple_assign_lhs(g), p = gimple_assign_rhs1(g);
			if (TREE_CODE(lhs) != SSA_NAME || SSA_NAME_OCCURS_IN_ABNORMAL_PHI(lhs) ||
			    !retyping_types(TREE_TYPE(lhs), TREE_TYPE(p)) || !elem_size(TREE_TYPE(p)))
				continue;
			tree t = make_ssa_name(TREE_TYPE(p));
			gassign *d = gimple_build_assign(t, POINTER_PLUS_EXPR, p, gimple_assign_rhs2(g));
			gimple_set_location(d, gimple_location(g));
			gsi_insert_before(&gsi, d, GSI_SAME_STMT);
			gimple_assign_set_rhs_with_ops(&gsi, NOP_EXPR, t);
			update_stmt(gsi_stmt(gsi));
		}
	}
}

/* ---- derivations checked where they are dereferenced ----
 *
 * Trapping exists for pointers whose bounds we lose sight of: stored to
 * memory, passed to or returned from a function.  A derived pointer that
 * stays in SSA names of this function -- dereferenced, compared, further
 * derived, merged in PHIs -- never needs it: checking each dereference
 * against the origin's bounds says exactly what trapping would have said
 * (the dereference of a value outside them is the error; values outside
 * that come back in bounds are fine, as are comparisons of them).  And it
 * is cheaper: no PHI of a fast and a slow result, so GCC still sees
 * q = p + 4 * i as an induction variable and folds it into the access.
 *
 * A *group* is a set of SSA names connected by derivation (q = n + i),
 * copies, pointer conversions and PHIs, all of one origin and one element
 * size.  If no member escapes (every use is a dereference, a comparison,
 * a difference, an integer conversion, or another member), its
 * derivations are not checked; each dereference of a member is, against
 * the origin's bounds (once per member on a dominator path).  Values
 * entering the group from outside (its origin, a pointer another check
 * trapped) are un-trapped once, where they are defined, so members are
 * never trapped: `s->end - 1` of a stored one-past `end` is in bounds.
 * Otherwise the group's derivations trap as before.
 */

struct deref_use {
	gimple *stmt;
	tree ptr;
	unsigned flags;           /* ALLOCS_ACCESS_* */
	bool at_def;              /* check right after stmt, ptr's definition */
};
struct input_use {
	gimple *stmt;             /* a member's definition (assign or PHI) */
	unsigned idx;             /* rhs1 (assign) or PHI argument index */
};
struct group {
	int parent;               /* union-find */
	origin o;
	uint64_t esz;
	bool escapes;
	location_t loc;           /* first derivation: where reports say it was derived */
	std::vector<deref_use> derefs;
	std::vector<input_use> inputs;
};

struct occ_count {
	tree n;
	int all, base;
};

tree count_occ(tree *tp, int *, void *data)
{
	occ_count *o = (occ_count *)data;
	if (*tp == o->n)
		o->all++;
	else if ((TREE_CODE(*tp) == MEM_REF || TREE_CODE(*tp) == TARGET_MEM_REF) &&
		 TREE_OPERAND(*tp, 0) == o->n)
		o->base++;
	return NULL_TREE;
}

/* If u uses n only as the address of a load or store (n->f, *n, n[0]
 * = x), the access kinds (ALLOCS_ACCESS_*), else 0. */
unsigned deref_flags(gimple *u, tree n)
{
	if (!is_gimple_assign(u) || !gimple_assign_single_p(u) ||
	    gimple_assign_rhs_code(u) == ADDR_EXPR)
		return 0;
	tree lhs = gimple_assign_lhs(u), rhs = gimple_assign_rhs1(u);
	occ_count l = { n, 0, 0 }, r = { n, 0, 0 };
	walk_tree(&lhs, count_occ, &l, NULL);
	walk_tree(&rhs, count_occ, &r, NULL);
	if (l.all != l.base || r.all != r.base)
		return 0;
	if ((l.base && !gimple_store_p(u)) || (r.base && !gimple_assign_load_p(u)))
		return 0;
	return (l.base ? ALLOCS_ACCESS_WRITE : 0) | (r.base ? ALLOCS_ACCESS_READ : 0);
}

struct group_state {
	std::vector<group> groups;
	std::map<tree, int> member;        /* SSA name -> group */
};

int find_group(group_state *gs, int g)
{
	while (gs->groups[g].parent != g)
		g = gs->groups[g].parent = gs->groups[gs->groups[g].parent].parent;
	return g;
}

void merge_groups(group_state *gs, int a, int b)
{
	a = find_group(gs, a);
	b = find_group(gs, b);
	if (a == b)
		return;
	group &ga = gs->groups[a], &gb = gs->groups[b];
	gb.parent = a;
	ga.escapes |= gb.escapes || ga.esz != gb.esz || !same_origin(ga.o, gb.o);
	ga.derefs.insert(ga.derefs.end(), gb.derefs.begin(), gb.derefs.end());
	ga.inputs.insert(ga.inputs.end(), gb.inputs.begin(), gb.inputs.end());
}

/* Can the value v entering a group be un-trapped right after its
 * definition? */
bool detrap_placeable(tree v)
{
	if (TREE_CODE(v) != SSA_NAME)
		return true;
	if (SSA_NAME_IS_DEFAULT_DEF(v))
		return true;
	if (SSA_NAME_OCCURS_IN_ABNORMAL_PHI(v))
		return false;
	gimple *def = SSA_NAME_DEF_STMT(v);
	return gimple_code(def) == GIMPLE_PHI || !stmt_ends_bb_p(def);
}

/* Adds name n (defined by a derivation, copy or PHI reached from group g)
 * and everything downstream of it to g. */
void grow_group(pass_state *st, group_state *gs, int g, tree n)
{
	std::vector<tree> work;
	work.push_back(n);
	gs->member[n] = g;
	while (!work.empty()) {
		tree m = work.back();
		work.pop_back();
		g = find_group(gs, gs->member[m]);
		/* what flows into m from outside the group */
		gimple *def = SSA_NAME_DEF_STMT(m);
		if (gimple_code(def) == GIMPLE_PHI) {
			for (unsigned i = 0; i < gimple_phi_num_args(def); i++) {
				tree a = gimple_phi_arg_def(def, i);
				if (gs->member.count(a))
					continue;
				if (!detrap_placeable(a))
					gs->groups[g].escapes = true;
				if (maybe_trapped(a))
					gs->groups[g].inputs.push_back({ def, i });
			}
		} else if (is_gimple_assign(def)) {
			tree a = gimple_assign_rhs1(def);
			if (!gs->member.count(a)) {
				if (!detrap_placeable(a))
					gs->groups[g].escapes = true;
				if (maybe_trapped(a))
					gs->groups[g].inputs.push_back({ def, 1 });
			}
		} else {
			gs->groups[g].escapes = true;
		}
		/* where m goes */
		std::vector<gimple *> uses;
		imm_use_iterator it;
		use_operand_p up;
		FOR_EACH_IMM_USE_FAST(up, it, m)
			uses.push_back(USE_STMT(up));
		for (gimple *u : uses) {
			g = find_group(gs, g);
			group &gr = gs->groups[g];
			if (is_gimple_debug(u) || gimple_clobber_p(u) || value_only_use(u, m))
				continue;
			if (unsigned f = deref_flags(u, m)) {
				/* A check in a loop's header (`while (*s)`, before the
				 * exit test) keeps GCC from copying the header, so the
				 * loop is not rotated and nothing is hoisted out of it:
				 * trapping costs less there. */
				basic_block ub = gimple_bb(u);
				if (ub->loop_father && ub->loop_father->header == ub &&
				    loop_outer(ub->loop_father))
					gr.escapes = true;
				gr.derefs.push_back({ u, m, f, false });
				continue;
			}
			tree r = NULL_TREE;
			if (gimple_code(u) == GIMPLE_PHI) {
				r = gimple_phi_result(u);
			} else if (is_gimple_assign(u)) {
				enum tree_code code = gimple_assign_rhs_code(u);
				if ((code == POINTER_PLUS_EXPR && gimple_assign_rhs1(u) == m &&
				     gimple_assign_rhs2(u) != m) ||
				    ((code == SSA_NAME || CONVERT_EXPR_CODE_P(code)) &&
				     gimple_assign_rhs1(u) == m))
					r = gimple_assign_lhs(u);
			}
			if (!r || TREE_CODE(r) != SSA_NAME || !POINTER_TYPE_P(TREE_TYPE(r)) ||
			    elem_size(TREE_TYPE(r)) != gr.esz || SSA_NAME_OCCURS_IN_ABNORMAL_PHI(r) ||
			    stmt_could_throw_p(st->fun, u)) {
				gr.escapes = true;
				continue;
			}
			auto f = gs->member.find(r);
			if (f != gs->member.end()) {
				merge_groups(gs, g, f->second);
				continue;
			}
			int low = INT_MAX;
			origin ro = get_origin(st, r, 0, &low);
			if (!same_origin(ro, gr.o))
				gr.escapes = true;
			gs->member[r] = g;
			work.push_back(r);
		}
	}
}

/* Starts a group at derivation stmt (q = p + i), unless q already
 * belongs to one. */
void group_derivation(pass_state *st, group_state *gs, gimple *stmt)
{
	tree q = gimple_assign_lhs(stmt);
	if (gs->member.count(q))
		return;
	uint64_t esz = elem_size(TREE_TYPE(q));
	int low = INT_MAX;
	origin o = get_origin(st, gimple_assign_rhs1(stmt), 0, &low);
	int g = gs->groups.size();
	group gr;
	gr.parent = g;
	gr.o = o;
	gr.esz = esz;
	gr.escapes = !esz || SSA_NAME_OCCURS_IN_ABNORMAL_PHI(q) ||
		(o.kind != O_FETCH && o.kind != O_STATIC) || stmt_could_throw_p(st->fun, stmt);
	gr.loc = gimple_location(stmt);
	gs->groups.push_back(gr);
	grow_group(st, gs, g, q);
}

/* The un-trapped value of v, computed once, right after v's definition. */
tree detrapped_input(pass_state *st, std::map<tree, tree> *done, tree v)
{
	auto it = done->find(v);
	if (it != done->end())
		return it->second;
	gimple_stmt_iterator gsi;
	if (SSA_NAME_IS_DEFAULT_DEF(v)) {
		gsi = gsi_after_labels(single_succ(ENTRY_BLOCK_PTR_FOR_FN(st->fun)));
	} else {
		gimple *def = SSA_NAME_DEF_STMT(v);
		if (gimple_code(def) == GIMPLE_PHI) {
			gsi = gsi_after_labels(gimple_bb(def));
		} else {
			gsi = gsi_for_stmt(def);
			gsi_next(&gsi);
		}
	}
	tree r = emit_detrap(&gsi, v);
	(*done)[v] = r;
	return r;
}

/* if ((u64) n - base >= size) __allocs_deref_fail (n, base, size, ...)
 * before the access d.stmt. */
void emit_deref_check(pass_state *st, const deref_use &d, tree base, tree size,
		      location_t derived)
{
	location_t loc = gimple_location(d.stmt);
	gimple_stmt_iterator it = gsi_for_stmt(d.stmt);
	basic_block then_bb, join_bb;
	gimple_stmt_iterator cond_gsi = create_cond_insert_point(&it, !d.at_def, false, true,
								 &then_bb, &join_bb);
	emit_range_test(&cond_gsi, d.ptr, base, GE_EXPR, size, loc);

	gcall *call = gimple_build_call(deref_fail_fn, 5, d.ptr, base, size,
		build_int_cst(unsigned_type_node, d.flags), srcloc(st, derived));
	gimple_set_location(call, loc);
	emit_fail_call(then_bb, NULL, call);
	st->changed = true;
	st->need_vops = true;
}

/* Is the check of access a made redundant by the check of b (same
 * pointer, b runs first on every path to a)? */
bool check_dominates(const deref_use &b, const deref_use &a)
{
	basic_block ba = gimple_bb(b.stmt), aa = gimple_bb(a.stmt);
	if (ba == aa)
		return gimple_uid(b.stmt) < gimple_uid(a.stmt);
	return dominated_by_p(CDI_DOMINATORS, aa, ba);
}

/* Which dereferences of group gr need a check: not those an earlier check
 * of the same value covers on every path (needs dominators and statement
 * uids of the unmodified function). */
void plan_group_checks(group &gr)
{
	/* A value dereferenced on every path from its definition (a
	 * dereference post-dominates it): one check right after the
	 * definition covers all its dereferences -- once per derivation, as
	 * trapping would, rather than once per access in an inner loop. */
	std::vector<deref_use> keep;
	std::set<tree> at_def;
	for (const deref_use &a : gr.derefs) {
		if (at_def.count(a.ptr))
			continue;
		gimple *def = SSA_NAME_DEF_STMT(a.ptr);
		if (!is_gimple_assign(def) || stmt_ends_bb_p(def))
			continue;
		basic_block db = gimple_bb(def), ab = gimple_bb(a.stmt);
		if (ab == db ? gimple_uid(a.stmt) > gimple_uid(def)
			     : dominated_by_p(CDI_POST_DOMINATORS, db, ab)) {
			unsigned flags = 0;
			for (const deref_use &b : gr.derefs)
				if (b.ptr == a.ptr)
					flags |= b.flags;
			keep.push_back({ def, a.ptr, flags, true });
			at_def.insert(a.ptr);
		}
	}
	for (size_t i = 0; i < gr.derefs.size(); i++) {
		const deref_use &a = gr.derefs[i];
		bool redundant = at_def.count(a.ptr) != 0;
		for (size_t j = 0; j < gr.derefs.size() && !redundant && gr.derefs.size() <= 256; j++)
			if (j != i && gr.derefs[j].ptr == a.ptr && gr.derefs[j].stmt != a.stmt &&
			    check_dominates(gr.derefs[j], a))
				redundant = true;
		/* the same statement twice (*n = *n): once */
		for (const deref_use &k : keep)
			if (k.stmt == a.stmt && k.ptr == a.ptr)
				redundant = true;
		if (!redundant)
			keep.push_back(a);
	}
	gr.derefs.swap(keep);
}

void instrument_group(pass_state *st, group_state *gs, int g, std::map<tree, tree> *detrapped)
{
	group &gr = gs->groups[g];
	/* un-trap what enters the group (a member is never trapped: a PHI
	 * argument seen before it joined needs nothing) */
	for (const input_use &in : gr.inputs) {
		bool phi = gimple_code(in.stmt) == GIMPLE_PHI;
		tree v = phi ? gimple_phi_arg_def(in.stmt, in.idx) : gimple_assign_rhs1(in.stmt);
		if (!maybe_trapped(v) || TREE_CODE(v) != SSA_NAME)
			continue;
		auto m = gs->member.find(v);
		if (m != gs->member.end() && find_group(gs, m->second) == g)
			continue;
		gimple *vdef = SSA_NAME_DEF_STMT(v);
		if (is_gimple_assign(vdef) && gimple_assign_rhs_code(vdef) == ADDR_EXPR &&
		    is_gimple_min_invariant(gimple_assign_rhs1(vdef)))
			continue;                /* &var: never trapped */
		tree r = detrapped_input(st, detrapped, v);
		if (phi) {
			SET_USE(gimple_phi_arg_imm_use_ptr(in.stmt, in.idx), r);
		} else {
			gimple_assign_set_rhs1(in.stmt, r);
			update_stmt(in.stmt);
		}
		st->changed = true;
	}
	for (const deref_use &d : gr.derefs) {
		gimple_stmt_iterator gsi = gsi_for_stmt(d.stmt);
		tree base, size;
		if (!bounds_for(st, &gsi, gr.o, gr.esz, gimple_location(d.stmt), &base, &size))
			continue;
		gimple *def = SSA_NAME_DEF_STMT(d.ptr);
		location_t derived = is_gimple_assign(def) && gimple_location(def) != UNKNOWN_LOCATION
			? gimple_location(def) : gr.loc;
		emit_deref_check(st, d, base, size, derived);
	}
}

enum work_kind { W_DERIVE, W_INDEX_LOAD, W_INDEX_STORE, W_DETRAP_CONV, W_RETYPE, W_DETRAP_BIN,
		 W_DETRAP_COND, W_CALL };
struct work {
	enum work_kind kind;
	gimple *stmt;
	tree ref;
};

pass_state *cur_state;

unsigned int instrument(function *fun)
{
	declare_runtime();
	hash_map<tree, origin> memo;
	hash_map<tree, int> busy;
	std::map<std::pair<tree, uint64_t>, std::pair<tree, tree> > fetched;
	std::map<std::pair<tree, uint64_t>, bool> mergeable;
	std::map<std::pair<std::pair<void *, tree>, uint64_t>, std::pair<tree, tree> > abnormal_copies;
	pass_state st = { fun, fun->decl, &memo, &busy, &fetched, &mergeable, &abnormal_copies,
			  false, false };
	cur_state = &st;

	auto_vec<work> todo;
	basic_block bb;
	split_retyping_derivations(fun);
	FOR_EACH_BB_FN(bb, fun) {
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *g = gsi_stmt(gsi);
			if (is_gimple_debug(g))
				continue;
			if (gimple_code(g) == GIMPLE_COND) {
				if (pointer_operands(gimple_cond_lhs(g), gimple_cond_rhs(g)))
					todo.safe_push({ W_DETRAP_COND, g, NULL_TREE });
				continue;
			}
			if (is_gimple_call(g)) {
				if (retyping_call(g) && maybe_trapped(gimple_call_arg(g, 0)))
					todo.safe_push({ W_RETYPE, g, NULL_TREE });
				todo.safe_push({ W_CALL, g, NULL_TREE });
				continue;
			}
			if (!is_gimple_assign(g))
				continue;
			enum tree_code code = gimple_assign_rhs_code(g);
			tree lhs = gimple_assign_lhs(g), rhs1 = gimple_assign_rhs1(g);
			if (TREE_CODE(lhs) == SSA_NAME && POINTER_TYPE_P(TREE_TYPE(lhs)) &&
			    (code == POINTER_PLUS_EXPR || (code == ADDR_EXPR && addr_is_derivation(rhs1))))
				todo.safe_push({ W_DERIVE, g, NULL_TREE });
			else if (CONVERT_EXPR_CODE_P(code) && INTEGRAL_TYPE_P(TREE_TYPE(lhs)) &&
				 POINTER_TYPE_P(TREE_TYPE(rhs1)))
				todo.safe_push({ W_DETRAP_CONV, g, NULL_TREE });
			else if (((TREE_CODE(lhs) == SSA_NAME && retypes(g)) || retyping_store(g)) &&
				 maybe_trapped(rhs1))
				todo.safe_push({ W_RETYPE, g, NULL_TREE });
			else if (code == POINTER_DIFF_EXPR ||
				 (TREE_CODE_CLASS(code) == tcc_comparison &&
				  pointer_operands(rhs1, gimple_assign_rhs2(g))))
				todo.safe_push({ W_DETRAP_BIN, g, NULL_TREE });
			if (gimple_store_p(g) || gimple_assign_load_p(g)) {
				auto_vec<tree> refs;
				if (gimple_store_p(g)) {
					collect_array_refs(lhs, &refs);
					for (tree r : refs)
						todo.safe_push({ W_INDEX_STORE, g, r });
				}
				refs.truncate(0);
				if (gimple_assign_load_p(g) && code != ADDR_EXPR) {
					collect_array_refs(rhs1, &refs);
					for (tree r : refs)
						todo.safe_push({ W_INDEX_LOAD, g, r });
				}
			}
		}
	}

	/* Derivations whose values stay in this function's SSA names are
	 * checked at their dereferences instead (see "groups" above). */
	group_state gs;
	unsigned uid = 0;
	FOR_EACH_BB_FN(bb, fun)
		for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
			gimple_set_uid(gsi_stmt(gsi), uid++);
	if (!allocs_bounds_trap_all) {
		for (const work &w : todo)
			if (w.kind == W_DERIVE && gimple_assign_rhs_code(w.stmt) == POINTER_PLUS_EXPR)
				group_derivation(&st, &gs, w.stmt);
		calculate_dominance_info(CDI_DOMINATORS);
		calculate_dominance_info(CDI_POST_DOMINATORS);
		for (size_t g = 0; g < gs.groups.size(); g++)
			if (find_group(&gs, g) == (int)g && !gs.groups[g].escapes)
				plan_group_checks(gs.groups[g]);
		free_dominance_info(CDI_DOMINATORS);
		free_dominance_info(CDI_POST_DOMINATORS);
	}
	auto checked_at_deref = [&gs](tree q) {
		auto m = gs.member.find(q);
		return m != gs.member.end() && !gs.groups[find_group(&gs, m->second)].escapes;
	};

	for (const work &w : todo) {
		if (stmt_could_throw_p(fun, w.stmt))
			continue;
		switch (w.kind) {
		case W_DERIVE:
			if (!checked_at_deref(gimple_assign_lhs(w.stmt)))
				instrument_derivation(&st, w.stmt);
			break;
		case W_INDEX_LOAD:
		case W_INDEX_STORE:
			emit_index_check(&st, w.stmt, w.ref, w.kind == W_INDEX_STORE);
			break;
		case W_DETRAP_CONV:
			detrap_operand(w.stmt, 1);
			st.changed = true;
			break;
		case W_RETYPE:
			emit_retype(w.stmt);
			st.changed = st.need_vops = true;
			break;
		case W_DETRAP_BIN:
			detrap_operand(w.stmt, 1);
			detrap_operand(w.stmt, 2);
			st.changed = true;
			break;
		case W_DETRAP_COND:
			detrap_operand(w.stmt, 0);
			detrap_operand(w.stmt, 1);
			st.changed = true;
			break;
		case W_CALL:
			if (allocs_instrument_libc_call(w.stmt, fun->decl))
				st.changed = st.need_vops = true;
			break;
		}
	}
	std::map<tree, tree> detrapped;
	for (size_t g = 0; g < gs.groups.size(); g++)
		if (find_group(&gs, g) == (int)g && !gs.groups[g].escapes && !gs.groups[g].derefs.empty())
			instrument_group(&st, &gs, g, &detrapped);
	cur_state = NULL;
	gsi_commit_edge_inserts();        /* merge_bounds' static bounds on edges */
	if (!st.changed)
		return 0;
	free_dominance_info(CDI_DOMINATORS);
	free_dominance_info(CDI_POST_DOMINATORS);
	if (st.need_vops)
		mark_virtual_operands_for_renaming(fun);
	cgraph_edge::rebuild_edges();
	return TODO_update_ssa | TODO_cleanup_cfg;
}

class derivations_pass : public gimple_opt_pass {
public:
	derivations_pass(gcc::context *ctx) : gimple_opt_pass(derivations_pass_data, ctx) {}
	opt_pass *clone() final override { return new derivations_pass(m_ctxt); }
	bool gate(function *fun) final override
	{
		return allocs_bounds_checks && !seen_error() && allocs_should_instrument_fn(fun->decl);
	}
	unsigned int execute(function *fun) final override { return instrument(fun); }
};

} /* namespace */

bool allocs_should_instrument_fn(tree fndecl)
{
	if (DECL_IN_SYSTEM_HEADER(fndecl) || in_system_header_at(DECL_SOURCE_LOCATION(fndecl)))
		return false;
	if (DECL_NAME(fndecl) &&
	    strncmp(IDENTIFIER_POINTER(DECL_NAME(fndecl)), "__allocs_", 9) == 0)
		return false;
	if (lookup_attribute("no_sanitize_address", DECL_ATTRIBUTES(fndecl)) ||
	    lookup_attribute("no_sanitize", DECL_ATTRIBUTES(fndecl)))
		return false;
	return true;
}

bool allocs_pointer_bounds(gimple_stmt_iterator *gsi, tree ptr, uint64_t esz,
			   tree *base, tree *size)
{
	if (!cur_state || !esz)
		return false;
	int low = INT_MAX;
	origin o = get_origin(cur_state, ptr, 0, &low);
	if (o.kind == O_STATIC && esz == 1) {
		/* a library call on &obj.member: the member's bytes when it is
		 * an array (its type says how long it is), else the object */
		tree r = TREE_OPERAND(o.expr, 0), ref;
		uint64_t n = const_size_of(TREE_TYPE(r));
		if (TREE_CODE(TREE_TYPE(r)) == ARRAY_TYPE && n && !flexible_array(r)) {
			*base = to_u64(gsi, build_fold_addr_expr(unshare_expr(r)));
			*size = u64_cst(n);
			return true;
		}
		if (TREE_CODE(TREE_TYPE(r)) == ARRAY_TYPE && n > 1 && TREE_CODE(r) == COMPONENT_REF &&
		    !decl_base(r) && flexible_array(r) && const_size_of(TREE_TYPE(TREE_TYPE(r))) < n) {
			/* a struct's last member array of declared length n,
			 * reached through a pointer: n bytes, unless the
			 * allocation runs on past the struct (the runtime's
			 * answer for objects of n bytes holding it says which) */
			tree a = as_val(gsi, build_fold_addr_expr(unshare_expr(r)));
			std::pair<tree, tree> b = emit_fetch(gsi, false, a, n,
							     gimple_location(gsi_stmt(*gsi)));
			*base = b.first;
			*size = b.second;
			return true;
		}
		if (TREE_CODE(r) == ARRAY_REF && static_bounds(o.expr, 1, &ref, &n)) {
			*base = to_u64(gsi, build_fold_addr_expr(unshare_expr(ref)));
			*size = u64_cst(n);
			return true;
		}
	}
	return bounds_for(cur_state, gsi, o, esz, gimple_location(gsi_stmt(*gsi)), base, size);
}

tree allocs_emit_detrap(gimple_stmt_iterator *gsi, tree ptr)
{
	return maybe_trapped(ptr) ? emit_detrap(gsi, ptr) : ptr;
}

void allocs_register_derivation_pass(const char *plugin_name)
{
	static struct register_pass_info info;
	info.pass = new derivations_pass(g);
	info.reference_pass_name = "ssa";
	info.ref_pass_instance_number = 1;
	info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(plugin_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

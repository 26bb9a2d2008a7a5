/*
 * instrument-libc-calls.cc -- bounds checks of library calls made by
 * instrumented code (part of the pass in instrument-derivations.cc).
 *
 * Library code is not instrumented, so an overflow inside memcpy or
 * strcpy has to be caught at the call.  We check here, in the caller,
 * rather than only by interposing the functions in the runtime, because:
 *   - here we know the pointer's bounds as the caller's code derived them,
 *     sub-object bounds included (`strcpy(e->name, s)` is checked against
 *     `char name[8]`, not against the whole allocation);
 *   - GCC expands many of these calls inline at -O2 (a memcpy of a
 *     constant size becomes moves): only a check inserted before
 *     expansion sees them.
 * For each known function we compute the byte count it will touch
 * (arguments, strlen of a source bounded by the source's bounds, the
 * length sprintf will produce) and call __allocs_check_access(p, len,
 * bounds...), which reports an overflow and returns p un-trapped for the
 * call.  Every other pointer argument of a library function goes through
 * __allocs_libc_arg: one-past-the-end pointers are un-trapped silently,
 * other out-of-bounds ones are reported (the library will use them).
 *
 * mem* functions get the bounds of the whole allocation (as
 * _FORTIFY_SOURCE's __builtin_object_size (p, 0) does: clearing several
 * members with one memset from &s->a is common C), except when the
 * pointer's type is an array's (`&s->name`, `buf`): its length is in the
 * type.
 */
#include "bounds-plugin.h"
#include "allocs-check.h"

namespace {

enum len_kind {
	L_ARG,         /* len = arg[la] (* arg[lb] when lb >= 0) */
	L_ARG_WIDE,    /* len = arg[la] * sizeof (wchar_t) */
	L_STRSIZE,     /* len = strlen(arg[la]) + 1, read-checked */
	L_STRCAT,      /* len = strlen(dst) + strlen(arg[la]) + 1 */
	L_STRNCAT,     /* len = strlen(dst) + strnlen(arg[la], arg[lb]) + 1 */
	L_SPRINTF,     /* len = snprintf(NULL, 0, fmt, ...) + 1 */
};

struct libc_fn {
	const char *name;
	int ptr;             /* pointer argument checked */
	unsigned flags;      /* ALLOCS_ACCESS_* */
	enum len_kind len;
	int la, lb;
};

const struct libc_fn table[] = {
	{ "memcpy", 0, ALLOCS_ACCESS_WRITE, L_ARG, 2, -1 },
	{ "memcpy", 1, ALLOCS_ACCESS_READ, L_ARG, 2, -1 },
	{ "memmove", 0, ALLOCS_ACCESS_WRITE, L_ARG, 2, -1 },
	{ "memmove", 1, ALLOCS_ACCESS_READ, L_ARG, 2, -1 },
	{ "mempcpy", 0, ALLOCS_ACCESS_WRITE, L_ARG, 2, -1 },
	{ "mempcpy", 1, ALLOCS_ACCESS_READ, L_ARG, 2, -1 },
	{ "memset", 0, ALLOCS_ACCESS_WRITE, L_ARG, 2, -1 },
	{ "memcmp", 0, ALLOCS_ACCESS_READ, L_ARG, 2, -1 },
	{ "memcmp", 1, ALLOCS_ACCESS_READ, L_ARG, 2, -1 },
	{ "strlen", 0, ALLOCS_ACCESS_READ, L_STRSIZE, 0, -1 },
	{ "strcpy", 0, ALLOCS_ACCESS_WRITE, L_STRSIZE, 1, -1 },
	{ "stpcpy", 0, ALLOCS_ACCESS_WRITE, L_STRSIZE, 1, -1 },
	{ "strncpy", 0, ALLOCS_ACCESS_WRITE, L_ARG, 2, -1 },
	{ "strcat", 0, ALLOCS_ACCESS_WRITE, L_STRCAT, 1, -1 },
	{ "strncat", 0, ALLOCS_ACCESS_WRITE, L_STRNCAT, 1, 2 },
	{ "sprintf", 0, ALLOCS_ACCESS_WRITE, L_SPRINTF, 1, -1 },
	{ "snprintf", 0, ALLOCS_ACCESS_WRITE, L_ARG, 1, -1 },
	{ "vsnprintf", 0, ALLOCS_ACCESS_WRITE, L_ARG, 1, -1 },
	{ "fgets", 0, ALLOCS_ACCESS_WRITE, L_ARG, 1, -1 },
	{ "read", 1, ALLOCS_ACCESS_WRITE, L_ARG, 2, -1 },
	{ "write", 1, ALLOCS_ACCESS_READ, L_ARG, 2, -1 },
	{ "fread", 0, ALLOCS_ACCESS_WRITE, L_ARG, 1, 2 },
	{ "fwrite", 0, ALLOCS_ACCESS_READ, L_ARG, 1, 2 },
	{ "wmemcpy", 0, ALLOCS_ACCESS_WRITE, L_ARG_WIDE, 2, -1 },
	{ "wmemcpy", 1, ALLOCS_ACCESS_READ, L_ARG_WIDE, 2, -1 },
	{ "wmemmove", 0, ALLOCS_ACCESS_WRITE, L_ARG_WIDE, 2, -1 },
	{ "wmemmove", 1, ALLOCS_ACCESS_READ, L_ARG_WIDE, 2, -1 },
	{ "wmemset", 0, ALLOCS_ACCESS_WRITE, L_ARG_WIDE, 2, -1 },
};

tree check_access_fn, libc_arg_fn, strsize_fn;

tree declare(const char *name, tree fntype, const char *fnspec)
{
	return allocs_declare_runtime_fn(name, fntype, 0, fnspec);
}

void declare_runtime(void)
{
	if (check_access_fn)
		return;
	tree u64 = long_long_unsigned_type_node;
	tree cstr = build_pointer_type(build_qualified_type(char_type_node, TYPE_QUAL_CONST));
	/* Not "1 ..." (returns its first argument): the result is the
	 * argument *un-trapped*, a different value, and GCC would otherwise
	 * pass the trapped argument on in its place. */
	check_access_fn = declare("__allocs_check_access",
		build_function_type_list(ptr_type_node, const_ptr_type_node, u64, u64, u64,
					 unsigned_type_node, cstr, allocs_srcloc_ptr_type(),
					 NULL_TREE),
		". R . . . . . . ");
	libc_arg_fn = declare("__allocs_libc_arg",
		build_function_type_list(ptr_type_node, const_ptr_type_node, cstr,
					 allocs_srcloc_ptr_type(), NULL_TREE),
		". R . . ");
	strsize_fn = declare("__allocs_checked_strsize",
		build_function_type_list(u64, const_ptr_type_node, u64, u64, cstr,
					 allocs_srcloc_ptr_type(), NULL_TREE),
		NULL);
	DECL_PURE_P(strsize_fn) = 0;
}

tree cstring(const char *s)
{
	return build_string_literal(strlen(s) + 1, s);
}

tree emit(gimple_stmt_iterator *gsi, tree type, enum tree_code code, tree a, tree b = NULL_TREE)
{
	tree lhs = make_ssa_name(type);
	gassign *g = b ? gimple_build_assign(lhs, code, a, b) : gimple_build_assign(lhs, code, a);
	gsi_insert_before(gsi, g, GSI_SAME_STMT);
	return lhs;
}

tree emit_call(gimple_stmt_iterator *gsi, tree type, tree fn, auto_vec<tree> &args, location_t loc)
{
	gcall *c = gimple_build_call_vec(fn, args.to_vec_legacy());
	tree lhs = type ? make_ssa_name(type) : NULL_TREE;
	if (lhs)
		gimple_call_set_lhs(c, lhs);
	gimple_set_location(c, loc);
	gsi_insert_before(gsi, c, GSI_SAME_STMT);
	return lhs;
}

tree to_u64(gimple_stmt_iterator *gsi, tree v)
{
	return emit(gsi, long_long_unsigned_type_node, NOP_EXPR, v);
}

/* Bounds of ptr for a library call: allocation-wide, or the array its
 * type names.  Unknown bounds: unbounded. */
void lib_bounds(gimple_stmt_iterator *gsi, tree ptr, tree *base, tree *size)
{
	if (!allocs_pointer_bounds(gsi, ptr, 1, base, size)) {
		*base = build_int_cst(long_long_unsigned_type_node, 0);
		*size = build_int_cst(long_long_unsigned_type_node, -1);
	}
}

tree strsize(gimple_stmt_iterator *gsi, tree p, const char *fn, tree loc_addr, location_t loc)
{
	tree base, size;
	lib_bounds(gsi, p, &base, &size);
	auto_vec<tree> args;
	args.safe_push(p);
	args.safe_push(base);
	args.safe_push(size);
	args.safe_push(cstring(fn));
	args.safe_push(loc_addr);
	return emit_call(gsi, long_long_unsigned_type_node, strsize_fn, args, loc);
}

/* Byte count the call will touch through its checked pointer. */
tree access_len(gimple_stmt_iterator *gsi, gcall *call, const struct libc_fn *f,
		 tree loc_addr, location_t loc)
{
	tree u64 = long_long_unsigned_type_node;
	switch (f->len) {
	case L_ARG: {
		tree n = to_u64(gsi, gimple_call_arg(call, f->la));
		if (f->lb >= 0)
			n = emit(gsi, u64, MULT_EXPR, n, to_u64(gsi, gimple_call_arg(call, f->lb)));
		return n;
	}
	case L_ARG_WIDE:
		return emit(gsi, u64, MULT_EXPR, to_u64(gsi, gimple_call_arg(call, f->la)),
			    build_int_cst(u64, TREE_INT_CST_LOW(TYPE_SIZE_UNIT(wchar_type_node))));
	case L_STRSIZE:
		return strsize(gsi, gimple_call_arg(call, f->la), f->name, loc_addr, loc);
	case L_STRCAT: {
		tree d = strsize(gsi, gimple_call_arg(call, f->ptr), f->name, loc_addr, loc);
		tree s = strsize(gsi, gimple_call_arg(call, f->la), f->name, loc_addr, loc);
		tree t = emit(gsi, u64, PLUS_EXPR, d, s);
		return emit(gsi, u64, MINUS_EXPR, t, build_int_cst(u64, 1));
	}
	case L_STRNCAT: {
		tree d = strsize(gsi, gimple_call_arg(call, f->ptr), f->name, loc_addr, loc);
		tree fn = builtin_decl_explicit(BUILT_IN_STRNLEN);
		if (!fn)
			return NULL_TREE;
		auto_vec<tree> args;
		args.safe_push(allocs_emit_detrap(gsi, gimple_call_arg(call, f->la)));
		args.safe_push(gimple_call_arg(call, f->lb));
		tree n = emit_call(gsi, size_type_node, fn, args, loc);
		return emit(gsi, u64, PLUS_EXPR, d, to_u64(gsi, n));
	}
	case L_SPRINTF: {
		tree fn = builtin_decl_explicit(BUILT_IN_SNPRINTF);
		if (!fn)
			return NULL_TREE;
		auto_vec<tree> args;
		args.safe_push(null_pointer_node);
		args.safe_push(size_zero_node);
		for (unsigned i = f->la; i < gimple_call_num_args(call); i++)
			args.safe_push(allocs_emit_detrap(gsi, gimple_call_arg(call, i)));
		tree n = emit_call(gsi, integer_type_node, fn, args, loc);
		return emit(gsi, u64, PLUS_EXPR, to_u64(gsi, n), build_int_cst(u64, 1));
	}
	}
	return NULL_TREE;
}

const char *callee_name(tree fndecl)
{
	if (!fndecl || !DECL_NAME(fndecl))
		return NULL;
	const char *n = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	if (strncmp(n, "__builtin_", 10) == 0)
		n += 10;
	return n;
}

/* A library function: declared in a system header, or a GCC builtin of
 * a library function. */
bool library_function(tree fndecl)
{
	if (!fndecl || !DECL_EXTERNAL(fndecl))
		return false;
	if (fndecl_built_in_p(fndecl, BUILT_IN_NORMAL))
		return true;   /* the table decides; others pass untouched below */
	return DECL_IN_SYSTEM_HEADER(fndecl) ||
	       in_system_header_at(DECL_SOURCE_LOCATION(fndecl));
}

bool maybe_trapped_arg(tree v)
{
	if (!POINTER_TYPE_P(TREE_TYPE(v)) || TREE_CODE(v) == INTEGER_CST)
		return false;
	return !(TREE_CODE(v) == ADDR_EXPR && is_gimple_min_invariant(v));
}

} /* namespace */

bool allocs_instrument_libc_call(gimple *stmt, tree caller)
{
	gcall *call = as_a<gcall *>(stmt);
	tree fndecl = gimple_call_fndecl(call);
	if (!library_function(fndecl) || gimple_call_internal_p(call))
		return false;
	const char *name = callee_name(fndecl);
	if (!name || strncmp(name, "__allocs_", 9) == 0)
		return false;
	declare_runtime();
	location_t loc = gimple_location(call);
	gimple_stmt_iterator gsi = gsi_for_stmt(call);
	unsigned nargs = gimple_call_num_args(call);
	bool known = false, changed = false;
	tree loc_addr = NULL_TREE;
	bool checked[8] = { false };

	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		const struct libc_fn *f = &table[i];
		if (strcmp(f->name, name) != 0)
			continue;
		known = true;
		if ((unsigned)f->ptr >= nargs || (unsigned)f->la >= nargs ||
		    (f->lb >= 0 && (unsigned)f->lb >= nargs))
			continue;
		tree p = gimple_call_arg(call, f->ptr);
		if (!POINTER_TYPE_P(TREE_TYPE(p)))
			continue;
		if (!loc_addr)
			loc_addr = allocs_srcloc_addr(loc, caller);
		tree len = access_len(&gsi, call, f, loc_addr, loc);
		if (!len)
			continue;
		tree base, size;
		lib_bounds(&gsi, p, &base, &size);
		auto_vec<tree> args;
		args.safe_push(p);
		args.safe_push(len);
		args.safe_push(base);
		args.safe_push(size);
		args.safe_push(build_int_cst(unsigned_type_node, f->flags));
		args.safe_push(cstring(name));
		args.safe_push(loc_addr);
		tree np = emit_call(&gsi, TREE_TYPE(p), check_access_fn, args, loc);
		gimple_call_set_arg(call, f->ptr, np);
		if (f->ptr < 8)
			checked[f->ptr] = true;
		changed = true;
	}
	if (!known && fndecl_built_in_p(fndecl, BUILT_IN_NORMAL) &&
	    !DECL_IN_SYSTEM_HEADER(fndecl))
		return changed;                 /* __builtin_expect & co. */
	/* the remaining pointer arguments */
	for (unsigned i = 0; i < nargs; i++) {
		tree a = gimple_call_arg(call, i);
		if ((i < 8 && checked[i]) || !maybe_trapped_arg(a))
			continue;
		if (!loc_addr)
			loc_addr = allocs_srcloc_addr(loc, caller);
		auto_vec<tree> args;
		args.safe_push(a);
		args.safe_push(cstring(name));
		args.safe_push(loc_addr);
		gimple_call_set_arg(call, i, emit_call(&gsi, TREE_TYPE(a), libc_arg_fn, args, loc));
		changed = true;
	}
	if (changed)
		update_stmt(call);
	return changed;
}

/* The runtime's memcpy/memset/str* interceptors (checker/libc-
 * interceptors.c) do bounds work for code the plugin never saw; a process
 * whose code was built with checks=types only asked for none.  So each
 * translation unit built with bounds checks gets a constructor calling
 * __allocs_bounds_enable(): one call per object at start-up, nothing on
 * any check path.  Priority 99 (reserved range, as ASan's constructors) so
 * that it runs before the program's own constructors call memcpy. */
void allocs_emit_bounds_marker(void)
{
	if (!allocs_bounds_checks || seen_error())
		return;
	tree fn = allocs_declare_runtime_fn("__allocs_bounds_enable",
		build_function_type_list(void_type_node, NULL_TREE), 0, NULL);
	cgraph_build_static_cdtor('I', build_call_expr(fn, 0), MAX_RESERVED_INIT_PRIORITY - 1);
}

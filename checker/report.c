/*
 * report.c -- the bad-cast report.
 *
 * Layout (docs/checks.md shows a full example):
 *   ==PID==ERROR: allocscheck: bad-cast: pointer P cast to `T *`
 *       at FILE:LINE:COL in FUNCTION
 *     <what P points to, in words>
 *     memory: <kind> ..., type `A`, allocated at FILE:LINE
 *     layout of `S` (N bytes), around offset K:
 *       ... members, the one holding P marked "=>" ...
 *     backtrace:
 *       #0 PC in FUNCTION FILE:LINE:COL
 *   SUMMARY: allocscheck: bad-cast FILE:LINE:COL in FUNCTION
 *
 * The heap may be in any state when a report is due, so everything up to
 * the backtrace is formatted into a stack buffer with the runtime's own
 * formatter and written with one write(2).  Symbolizing the backtrace and
 * the allocation site needs libdw, which allocates: that comes after, so a
 * report always gets out even if symbolization cannot.
 */
#include "checker.h"
#include "subobject.h"
#include "layout-excerpt.h"
#include "suppressions.h"
#include "../runtime/runtime-log.h"

#include <stdarg.h>
#include <pthread.h>
#include <unistd.h>

struct rbuf {
	char buf[8192];
	size_t len;
};

static void put(struct rbuf *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct rbuf *r, const char *fmt, ...)
{
	if (r->len >= sizeof r->buf - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	r->len += allocs_vformat(r->buf + r->len, sizeof r->buf - r->len, fmt, ap);
	va_end(ap);
}

static void flush(struct rbuf *r)
{
	allocs_log_write(r->buf, r->len);
	r->len = 0;
}

static const char *tname(const struct uniqtype *t)
{
	if (!t)
		return "(unknown type)";
	return t->name && t->name[0] ? t->name : "(unnamed type)";
}

static const char *kind_name(enum allocs_kind k)
{
	switch (k) {
	case ALLOCS_HEAP: return "heap";
	case ALLOCS_STACK: return "stack";
	case ALLOCS_STATIC: return "static";
	case ALLOCS_MAPPED: return "mapped";
	default: return "unknown";
	}
}

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

static void describe_place(struct rbuf *r, const struct bad_cast *bc, const struct subobj_path *sp,
			   uint64_t off)
{
	const struct allocs_info *in = bc->info;
	if (sp->in_tail) {
		put(r, "  it points %llu bytes into the allocation, in the bytes after its last whole `%s`\n",
		    ull(off), tname(in->type));
		return;
	}
	int a = subobject_deepest_aggregate(sp);
	if (a >= 0) {
		const struct subobj_level *l = &sp->lv[a];
		const struct uniqtype_member *ms = l->type->u.agg.members;
		if (l->index >= 0) {
			const struct uniqtype_member *m = &ms[l->index];
			put(r, "  it points %llu bytes into member `%s` (%s) of %s at offset %llu into the allocation\n",
			    ull(off - l->base - m->offset), m->name && m->name[0] ? m->name : "(anonymous)",
			    tname(m->type), tname(l->type), ull(l->base + m->offset));
		} else {
			put(r, "  it points into padding of %s, %llu bytes into it, at offset %llu into the allocation\n",
			    tname(l->type), ull(off - l->base), ull(off));
		}
		return;
	}
	if (sp->n > 0) {
		const struct subobj_level *l = &sp->lv[sp->n - 1];
		const struct uniqtype *e = l->type->kind == UNIQTYPE_ARRAY ? l->type->u.array.elem : l->type;
		uint64_t es = e && e->size != UNIQTYPE_SIZE_UNKNOWN ? e->size : 0;
		put(r, "  it points %llu bytes into element [%lld] (%s) of %s at offset %llu into the allocation\n",
		    ull(es ? (off - l->base) % es : 0), (long long)l->index, tname(e),
		    sp->implicit_array && sp->n == 1 ? "the chunk" : tname(l->type), ull(off));
		return;
	}
	put(r, "  it points %llu bytes into %s `%s`\n", ull(off),
	    off ? "the allocation, a" : "the start of the allocation, a", tname(in->type));
}

/* Members shown on each side of the one holding the pointer. */
#define REPORT_LAYOUT_RADIUS 3

static void describe_layout(struct rbuf *r, const struct subobj_path *sp, uint64_t off)
{
	int a = subobject_deepest_aggregate(sp);
	if (a >= 0)
		r->len = layout_excerpt(r->buf, sizeof r->buf, r->len, &sp->lv[a], off,
					REPORT_LAYOUT_RADIUS);
}

/* "int" + " *", but "char *" + "*": spell pointer types the way C does. */
static const char *star_sep(const char *name)
{
	size_t n = 0;
	while (name[n])
		n++;
	return n && name[n - 1] == '*' ? "" : " ";
}

static int report_lock;

/* A child forked while another thread was reporting must not inherit a
 * held lock: that thread does not exist in the child. */
static void report_atfork_child(void)
{
	report_lock = 0;
}

__attribute__((constructor)) static void report_atfork(void)
{
	pthread_atfork(NULL, NULL, report_atfork_child);
}

int report_bad_cast(const struct bad_cast *bc)
{
	const struct allocs_srcloc *loc = bc->loc;
	const struct allocs_info *in = bc->info;
	const char *file = loc && loc->file ? loc->file : "<unknown>";
	const char *fn = loc && loc->function && loc->function[0] ? loc->function : "<unknown>";
	unsigned line = loc ? loc->line : 0, col = loc ? loc->column : 0;
	const char *tn = bc->target->name ? bc->target->name : "(unnamed type)";
	struct supp_query sq = { "bad-cast", loc ? loc->function : NULL, loc ? loc->file : NULL,
				 { tn, in->type ? in->type->name : NULL, NULL } };
	if (supp_match(&sq))
		return 0;
	while (__atomic_exchange_n(&report_lock, 1, __ATOMIC_ACQUIRE))
		;
	static struct rbuf r;    /* under report_lock; too big for small thread stacks */
	uint64_t off = (uintptr_t)bc->p - (uintptr_t)in->base;

	r.len = 0;
	put(&r, "==%d==ERROR: allocscheck: bad-cast: pointer %p cast to ", (int)getpid(), bc->p);
	if (bc->target->flags & ALLOCS_TD_FUNCTION)
		put(&r, "a pointer to function `%s`\n", tn);
	else if (bc->target->flags & ALLOCS_TD_GENERIC)
		put(&r, "`%s%s*` (needs a pointer of degree >= %u there)\n", tn, star_sep(tn),
		    bc->target->degree);
	else
		put(&r, "`%s%s*`\n", tn, star_sep(tn));
	put(&r, "    at %s:%u:%u in %s\n", file, line, col, fn);
	if (bc->why)
		put(&r, "  the pointer %s\n", bc->why);
	else if (bc->target->flags & ALLOCS_TD_GENERIC)
		put(&r, "  no pointer (of degree >= %u) starts there: a `%s%s*` must point to one\n",
		    bc->target->degree, tn, star_sep(tn));
	else
		put(&r, "  no `%s` starts there%s\n", tn,
		    bc->target->flags & ALLOCS_TD_INCOMPLETE ? " (matched by name: the type is incomplete at the cast)" : "");

	struct subobj_path sp;
	subobject_path(in->type, in->size, off, &sp);
	describe_place(&r, bc, &sp, off);
	put(&r, "  memory: %s allocation [%p, %p) of %llu bytes, type `%s`", kind_name(in->kind),
	    in->base, (const void *)((const char *)in->base + in->size), ull(in->size), tname(in->type));
	flush(&r);

	/* From here on libdw may allocate. */
	char where[512], func[256];
	if (in->kind == ALLOCS_HEAP && in->site &&
	    sym_code((uintptr_t)in->site, 1, func, sizeof func, where, sizeof where) == 0)
		put(&r, ", allocated at %s in %s", where, func);
	else if (in->kind == ALLOCS_STATIC && sym_data((uintptr_t)in->base, where, sizeof where) == 0)
		put(&r, ", the variable `%s`", where);
	put(&r, "\n");
	describe_layout(&r, &sp, off);
	put(&r, "  backtrace:\n");
	void *pcs[32];
	int n = sym_backtrace(pcs, 32, 0);   /* starts at the instrumented code */
	for (int i = 0, k = 0; i < n; i++) {
		/* each machine frame, then the functions inlined there, innermost first */
		static struct sym_frame fr[8];    /* under report_lock */
		int nf = sym_code_frames((uintptr_t)pcs[i], 1, fr, 8);
		for (int j = 0; j < nf; j++)
			put(&r, "    #%d %p in %s %s\n", k++, pcs[i], fr[j].fn, fr[j].loc);
	}
	put(&r, "SUMMARY: allocscheck: bad-cast %s:%u:%u in %s\n", file, line, col, fn);
	supp_hint(&sq, where, sizeof where);
	put(&r, "%s", where);
	flush(&r);
	__atomic_store_n(&report_lock, 0, __ATOMIC_RELEASE);
	return 1;
}

/* ---- bounds reports (bounds.h) ----
 *   ==PID==ERROR: allocscheck: out-of-bounds-deref: write of 4 bytes at P
 *       at FILE:LINE:COL in FUNCTION          (index and libc checks)
 *       at pc PC in FUNCTION FILE:LINE        (a trapped pointer's fault)
 *     the pointer was derived at FILE:LINE:COL in FUNCTION
 *     bounds: [B, E) (N bytes): <the sub-object they are, in words>
 *     the access is K bytes past the end of those bounds
 *     memory: <the allocation holding the bounds, as for bad casts>
 *     layout ...; backtrace ...
 *   SUMMARY: allocscheck: out-of-bounds-deref FILE:LINE:COL in FUNCTION
 */
#include "bounds.h"

static void put_loc(struct rbuf *r, const char *what, const struct allocs_srcloc *l)
{
	put(r, "%s %s:%u:%u in %s\n", what, l->file ? l->file : "<unknown>", l->line, l->column,
	    l->function && l->function[0] ? l->function : "<unknown>");
}

/* What ALLOCS_SUPPRESS rules see of a bounds report: the check site (or
 * the faulting function), and the type of the object the bounds are in. */
static struct supp_query bounds_query(const struct bounds_report *br, const char *kind,
				      char *func, size_t fsize)
{
	const struct allocs_srcloc *sl = br->loc ? br->loc : br->derived_at;
	struct supp_query q = { kind, sl ? sl->function : NULL, sl ? sl->file : NULL,
				{ NULL, NULL, NULL } };
	char where[512];
	if (!sl && br->kind == BR_DEREF &&
	    sym_code(br->fault_pc, 0, func, fsize, where, sizeof where) == 0)
		q.fun = func;
	struct allocs_info in;
	if (br->have_bounds && allocs_lookup &&
	    allocs_lookup((const void *)(uintptr_t)br->base, &in) == 0 && in.type)
		q.types[0] = in.type->name;
	return q;
}

void report_bounds(const struct bounds_report *br)
{
	const char *kind = br->kind == BR_LIBC || br->kind == BR_LIBC_ARG
		? "out-of-bounds-libc" : "out-of-bounds-deref";
	while (__atomic_exchange_n(&report_lock, 1, __ATOMIC_ACQUIRE))
		;
	/* Under the lock: the query may symbolize, and libdw is not ours to
	 * use from two threads at once. */
	static char qfunc[256];
	struct supp_query sq = bounds_query(br, kind, qfunc, sizeof qfunc);
	supp_last_suppressed = supp_match(&sq);
	if (supp_last_suppressed) {
		__atomic_store_n(&report_lock, 0, __ATOMIC_RELEASE);
		return;
	}
	static struct rbuf r;
	const char *rw = br->flags & ALLOCS_ACCESS_WRITE ? "write"
		: br->flags & ALLOCS_ACCESS_READ ? "read" : "access";
	char where[512], func[256];

	r.len = 0;
	put(&r, "==%d==ERROR: allocscheck: %s: ", (int)getpid(), kind);
	switch (br->kind) {
	case BR_DEREF:
		put(&r, "dereference of out-of-bounds pointer %p\n", (void *)(uintptr_t)br->addr);
		break;
	case BR_INDEX:
		put(&r, "%s of %llu bytes at %p: index %lld outside [0, %llu)\n", rw, ull(br->len),
		    (void *)(uintptr_t)br->addr, (long long)br->index, ull(br->nelems));
		break;
	case BR_LIBC:
		put(&r, "`%s` would %s %llu bytes at %p\n", br->fn ? br->fn : "?", rw, ull(br->len),
		    (void *)(uintptr_t)br->addr);
		break;
	case BR_LIBC_ARG:
		put(&r, "out-of-bounds pointer %p passed to `%s`\n", (void *)(uintptr_t)br->addr,
		    br->fn ? br->fn : "?");
		break;
	}
	if (br->loc)
		put_loc(&r, "    at", br->loc);
	if (br->kind == BR_DEREF)
		put(&r, "    at pc %p\n", (void *)br->fault_pc);
	if (br->derived_at)
		put_loc(&r, "  the pointer was derived at", br->derived_at);

	struct allocs_info in = { ALLOCS_UNKNOWN, NULL, 0, NULL, NULL };
	int have_alloc = 0;
	if (br->have_bounds) {
		uint64_t end = br->base + br->size;
		put(&r, "  bounds: [%p, %p) (%llu bytes)\n", (void *)(uintptr_t)br->base,
		    (void *)(uintptr_t)end, ull(br->size));
		uint64_t last = br->addr + (br->len ? br->len : 1);
		const char *what = br->kind == BR_DEREF || br->kind == BR_LIBC_ARG
			? "the pointer is" : "the access starts";
		if (br->addr >= end)
			put(&r, "  %s %llu bytes past the end of those bounds\n", what,
			    ull(br->addr - end));
		else if (br->addr < br->base)
			put(&r, "  %s %llu bytes before those bounds\n", what,
			    ull(br->base - br->addr));
		else if (last > end)
			put(&r, "  the access starts %llu bytes into those bounds and ends %llu bytes "
			    "past their end\n", ull(br->addr - br->base), ull(last - end));
		have_alloc = allocs_lookup && allocs_lookup((const void *)(uintptr_t)br->base, &in) == 0;
	} else {
		put(&r, "  the bounds it left are no longer known (trapped long ago or in another thread)\n");
	}
	struct subobj_path sp;
	sp.n = 0;
	if (have_alloc) {
		uint64_t off = br->base - (uintptr_t)in.base;
		struct bad_cast bc = { (const void *)(uintptr_t)br->base, NULL, br->loc, &in, NULL };
		subobject_path(in.type, in.size, off, &sp);
		put(&r, "  the bounds start in the object the pointer was derived from:\n  ");
		describe_place(&r, &bc, &sp, off);
		put(&r, "  memory: %s allocation [%p, %p) of %llu bytes, type `%s`", kind_name(in.kind),
		    in.base, (const void *)((const char *)in.base + in.size), ull(in.size),
		    tname(in.type));
	}
	flush(&r);

	/* From here on libdw may allocate. */
	if (have_alloc) {
		if (in.kind == ALLOCS_HEAP && in.site &&
		    sym_code((uintptr_t)in.site, 1, func, sizeof func, where, sizeof where) == 0)
			put(&r, ", allocated at %s in %s", where, func);
		else if (in.kind == ALLOCS_STATIC && sym_data((uintptr_t)in.base, where, sizeof where) == 0)
			put(&r, ", the variable `%s`", where);
		put(&r, "\n");
		uint64_t aoff = br->addr - (uintptr_t)in.base;
		if (br->addr >= (uintptr_t)in.base && aoff < in.size) {
			struct subobj_path ap;
			subobject_path(in.type, in.size, aoff, &ap);
			describe_layout(&r, &ap, aoff);
		} else {
			describe_layout(&r, &sp, br->base - (uintptr_t)in.base);
			struct allocs_info other;
			if (allocs_lookup((const void *)(uintptr_t)br->addr, &other) == 0)
				put(&r, "  the address lies %llu bytes into another %s allocation [%p, %p), "
				    "type `%s`\n", ull(br->addr - (uintptr_t)other.base),
				    kind_name(other.kind), other.base,
				    (const void *)((const char *)other.base + other.size), tname(other.type));
		}
	}
	put(&r, "  backtrace:\n");
	void *pcs[32];
	int n = sym_backtrace(pcs, 32, 0), i0 = 0, k = 0;
	if (br->kind == BR_DEREF) {
		/* the frames up to the signal trampoline are the handler's */
		for (int i = 0; i < n; i++)
			if ((uintptr_t)pcs[i] == br->fault_pc) {
				i0 = i + 1;
				break;
			}
		sym_code(br->fault_pc, 0, func, sizeof func, where, sizeof where);
		put(&r, "    #%d %p in %s %s\n", k++, (void *)br->fault_pc, func, where);
	}
	for (int i = i0; i < n; i++, k++) {
		sym_code((uintptr_t)pcs[i], 1, func, sizeof func, where, sizeof where);
		put(&r, "    #%d %p in %s %s\n", k, pcs[i], func, where);
	}
	const struct allocs_srcloc *sl = br->loc ? br->loc : br->derived_at;
	if (sl)
		put(&r, "SUMMARY: allocscheck: %s %s:%u:%u in %s\n", kind, sl->file ? sl->file : "<unknown>",
		    sl->line, sl->column, sl->function && sl->function[0] ? sl->function : "<unknown>");
	else if (br->kind == BR_DEREF &&
		 sym_code(br->fault_pc, 0, func, sizeof func, where, sizeof where) == 0)
		put(&r, "SUMMARY: allocscheck: %s %s in %s\n", kind, where, func);
	else
		put(&r, "SUMMARY: allocscheck: %s\n", kind);
	supp_hint(&sq, where, sizeof where);
	put(&r, "%s", where);
	flush(&r);
	__atomic_store_n(&report_lock, 0, __ATOMIC_RELEASE);
}

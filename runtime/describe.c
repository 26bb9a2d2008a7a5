/*
 * describe.c -- allocs_describe and allocs_debug_describe: what is at an
 * address, in words (include/allocs-describe.h).
 *
 *   0x5555555592a0: heap allocation [0x5555555592a0, 0x5555555592b8) of 24 bytes, type `struct account`
 *     allocated at prog.c:26 in main
 *     at offset 8: member `balance` (double) of struct account
 *     layout of struct account (24 bytes), around offset 8:
 *          +0     long                     id  (8 bytes)
 *       => +8     double                   balance  (8 bytes)   <- the pointer is here
 *          +16    int                      flags  (4 bytes)
 *
 * The facts come from allocs_lookup; names, lines and the sub-object walk
 * from the checker's symbolizer and subobject_path, which live in the same
 * library.  They are weak references so that a runtime built without the
 * checker still describes (without file:line or the sub-object).
 */
#include "allocs-describe.h"
#include "index-stack.h"
#include "runtime-log.h"
#include "../checker/subobject.h"

#include <stdarg.h>
#include <string.h>

/* The checker's (checker/checker.h, symbolize.c, subobject.c). */
int sym_code(uintptr_t pc, int is_return, char *fn_buf, size_t fn_size,
	     char *loc_buf, size_t loc_size) __attribute__((weak));
int sym_data(uintptr_t addr, char *buf, size_t size) __attribute__((weak));
void subobject_path(const struct uniqtype *alloc, uint64_t alloc_size, uint64_t offset,
		    struct subobj_path *out) __attribute__((weak));
size_t layout_excerpt(char *buf, size_t cap, size_t len, const struct subobj_level *l,
		      uint64_t off, int radius) __attribute__((weak));

struct dbuf {
	char *buf;
	size_t cap, len;      /* len counts what did not fit too */
};

/* Append n bytes of text, keeping what does not fit counted. */
static void append(struct dbuf *d, const char *text, size_t n)
{
	if (d->len < d->cap) {
		size_t room = d->cap - d->len - 1;
		memcpy(d->buf + d->len, text, n < room ? n : room);
		d->buf[d->len + (n < room ? n : room)] = '\0';
	}
	d->len += n;
}

static void put(struct dbuf *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct dbuf *d, const char *fmt, ...)
{
	char line[ALLOCS_LOG_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = allocs_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	append(d, line, n);
}

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

/* Members shown on each side of the one holding the address. */
#define DESCRIBE_LAYOUT_RADIUS 8

static void layout(struct dbuf *d, const struct subobj_level *l, uint64_t off)
{
	if (!layout_excerpt)
		return;
	/* Formatted apart and appended, so that a cut description still
	 * counts its full length. */
	char text[(2 * DESCRIBE_LAYOUT_RADIUS + 4) * 128];
	append(d, text, layout_excerpt(text, sizeof text, 0, l, off, DESCRIBE_LAYOUT_RADIUS));
}

static void subobject(struct dbuf *d, const struct allocs_info *in, uint64_t off)
{
	if (!subobject_path || !in->type)
		return;
	struct subobj_path sp;
	subobject_path(in->type, in->size, off, &sp);
	if (sp.in_tail) {
		put(d, "  at offset %llu: in the bytes after the last whole `%s`\n", ull(off),
		    allocs_type_name(in->type));
		return;
	}
	int a = -1;
	for (int i = (int)sp.n - 1; i >= 0; i--)
		if (uniqtype_is_aggregate(sp.lv[i].type)) {
			a = i;
			break;
		}
	if (a >= 0) {
		const struct subobj_level *l = &sp.lv[a];
		if (l->index >= 0) {
			const struct uniqtype_member *m = &l->type->u.agg.members[l->index];
			uint64_t in_m = off - l->base - m->offset;
			const struct uniqtype *e = m->type && m->type->kind == UNIQTYPE_ARRAY
				? m->type->u.array.elem : NULL;
			char elem[64] = "";
			if (e && e->size && e->size != UNIQTYPE_SIZE_UNKNOWN)
				allocs_format(elem, sizeof elem, ", element [%llu]", ull(in_m / e->size));
			put(d, "  at offset %llu: %llu bytes into member `%s` (%s) of %s%s\n", ull(off),
			    ull(in_m), m->name && m->name[0] ? m->name : "(anonymous)",
			    allocs_type_name(m->type), allocs_type_name(l->type), elem);
		} else {
			put(d, "  at offset %llu: padding of %s\n", ull(off), allocs_type_name(l->type));
		}
		layout(d, l, off);
		return;
	}
	if (sp.n > 0) {
		const struct subobj_level *l = &sp.lv[sp.n - 1];
		const struct uniqtype *e = l->type->kind == UNIQTYPE_ARRAY ? l->type->u.array.elem : l->type;
		put(d, "  at offset %llu: element [%lld] (%s)\n", ull(off), (long long)l->index,
		    allocs_type_name(e));
		return;
	}
	put(d, "  at offset %llu of `%s`\n", ull(off), allocs_type_name(in->type));
}

static void describe(struct dbuf *d, const void *p, uintptr_t pc, uintptr_t cfa)
{
	struct allocs_info in = { ALLOCS_UNKNOWN, NULL, 0, NULL, NULL };
	const char *var = NULL;
	int found = allocs_lookup(p, &in) == 0;
	/* A debugger's frame hint wins over a stack answer: over an untyped
	 * one (the runtime could not unwind past the debugger's call), and
	 * over one from the registered locals, which know no names. */
	if (pc && cfa && (!found || in.kind == ALLOCS_STACK)) {
		struct allocs_info fin;
		if (stack_frame_variable((uintptr_t)p, pc, cfa, &fin, &var) == 0) {
			in = fin;
			found = 1;
		}
	}
	if (!found) {
		put(d, "%p: not in any allocation allocscheck indexes (code, libc's own data, "
		    "unmapped or freed memory)\n", p);
		return;
	}
	uint64_t off = (uintptr_t)p - (uintptr_t)in.base;
	put(d, "%p: %s allocation [%p, %p) of %llu bytes, type `%s`\n", p, allocs_kind_name(in.kind),
	    in.base, (const void *)((const char *)in.base + in.size), ull(in.size),
	    allocs_type_name(in.type));

	char where[512], func[256];
	switch (in.kind) {
	case ALLOCS_HEAP:
		if (in.site && sym_code &&
		    sym_code((uintptr_t)in.site, 1, func, sizeof func, where, sizeof where) == 0)
			put(d, "  allocated at %s in %s\n", where, func);
		else if (in.site)
			put(d, "  allocated at pc %p\n", in.site);
		break;
	case ALLOCS_STACK:
		if (in.site && sym_code)
			sym_code((uintptr_t)in.site, 0, func, sizeof func, where, sizeof where);
		else
			allocs_format(func, sizeof func, "%s", "?");
		if (var)
			put(d, "  the local variable `%s` of %s\n", var, func);
		else if (in.type)
			put(d, "  a local variable of %s\n", func);
		else if (in.site)
			put(d, "  in a frame of %s (no variable known there)\n", func);
		break;
	case ALLOCS_STATIC:
		if (sym_data && sym_data((uintptr_t)in.base, where, sizeof where) == 0)
			put(d, "  the variable `%s`\n", where);
		break;
	default:
		break;
	}
	subobject(d, &in, off);
}

int allocs_describe(const void *p, char *buf, size_t len)
{
	char scratch[1];
	struct dbuf d = { len ? buf : scratch, len ? len : 1, 0 };
	d.buf[0] = '\0';
	describe(&d, p, 0, 0);
	return (int)d.len;
}

const char *allocs_debug_describe(const void *p, uintptr_t pc, uintptr_t cfa)
{
	static char out[16384];
	struct dbuf d = { out, sizeof out, 0 };
	out[0] = '\0';
	describe(&d, p, pc, cfa);
	return out;
}

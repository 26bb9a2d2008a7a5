/*
 * layout-excerpt.c -- the layout lines around an offset (layout-excerpt.h).
 * One printer for reports and for `allocs whatis`, so that both show a
 * struct the same way.
 */
#include "layout-excerpt.h"
#include "../runtime/runtime-log.h"

#include <stdarg.h>

static size_t put(char *buf, size_t cap, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static size_t put(char *buf, size_t cap, size_t len, const char *fmt, ...)
{
	if (len + 1 >= cap)
		return len;
	va_list ap;
	va_start(ap, fmt);
	len += allocs_vformat(buf + len, cap - len, fmt, ap);
	va_end(ap);
	return len;
}

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

static const char *tname(const struct uniqtype *t)
{
	if (!t)
		return "(unknown type)";
	return t->name && t->name[0] ? t->name : "(unnamed type)";
}

int subobject_deepest_aggregate(const struct subobj_path *sp)
{
	for (int i = (int)sp->n - 1; i >= 0; i--)
		if (uniqtype_is_aggregate(sp->lv[i].type))
			return i;
	return -1;
}

static size_t member_line(char *buf, size_t cap, size_t len, const struct uniqtype_member *m,
			  int mark)
{
	uint64_t sz = m->type && m->type->size != UNIQTYPE_SIZE_UNKNOWN ? m->type->size : 0;
	char bits[48] = "";
	if (m->bit_size)
		allocs_format(bits, sizeof bits, " : %u (bit %u)", m->bit_size, m->bit_offset);
	return put(buf, cap, len, "    %s +%-5llu %-24s %s%s  (%llu bytes)%s\n", mark ? "=>" : "  ",
		   ull(m->offset), tname(m->type), m->name && m->name[0] ? m->name : "(anonymous)",
		   bits, ull(sz), mark ? "   <- the pointer is here" : "");
}

size_t layout_excerpt(char *buf, size_t cap, size_t len, const struct subobj_level *l,
		      uint64_t off, int radius)
{
	const struct uniqtype *t = l->type;
	const struct uniqtype_member *ms = t->u.agg.members;
	if (!ms || t->n == 0)
		return len;
	int64_t n = (int64_t)t->n;
	/* In padding, centre on the member before the gap (none before the first). */
	int64_t at = l->index >= 0 ? l->index : l->prev;
	int64_t from = at - radius < 0 ? 0 : at - radius;
	int64_t to = (at < 0 ? 0 : at) + radius;
	if (to > n - 1)
		to = n - 1;
	uint64_t rel = off - l->base;
	len = put(buf, cap, len, "  layout of %s (%llu bytes), around offset %llu:\n", tname(t),
		  ull(t->size == UNIQTYPE_SIZE_UNKNOWN ? 0 : t->size), ull(rel));
	if (l->index < 0 && at < 0)
		len = put(buf, cap, len, "    => +%-5llu (padding)%-16s   <- the pointer is here\n",
			  ull(rel), "");
	if (from > 0)
		len = put(buf, cap, len, "       ...\n");
	for (int64_t i = from; i <= to; i++) {
		len = member_line(buf, cap, len, &ms[i], i == l->index);
		if (l->index < 0 && i == at)
			len = put(buf, cap, len, "    => +%-5llu (padding)%-16s   <- the pointer is here\n",
				  ull(rel), "");
	}
	if (to < n - 1)
		len = put(buf, cap, len, "       ...\n");
	return len;
}

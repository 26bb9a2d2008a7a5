/*
 * dump-print.c -- print a validated metadata blob, one fact per line.
 *
 * The format is documented at the top of allocscheck-dump.c; tests match it
 * with FileCheck, so change it only together with them.  The blob has been
 * validated (acmeta_open), so indices are in range; type references that
 * may be ACMETA_NONE go through acmeta_type_name(), which prints "?".
 */
#include "dump.h"
#include "uniqtype.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *encoding_name(uint32_t enc)
{
	static const char *const names[] = {
		"none", "signed", "unsigned", "signed-char", "unsigned-char",
		"bool", "float", "complex-float",
	};
	return enc < sizeof names / sizeof names[0] ? names[enc] : "?";
}

static const char *tag_name(uint32_t kind)
{
	switch (kind) {
	case UNIQTYPE_STRUCT: return "struct";
	case UNIQTYPE_UNION: return "union";
	case UNIQTYPE_ENUM: return "enum";
	default: return "?";
	}
}

static const char *name_or(const char *s, const char *dflt)
{
	return *s ? s : dflt;
}

static void print_size(FILE *out, uint64_t size)
{
	if (size == UNIQTYPE_SIZE_UNKNOWN)
		fputs("?", out);
	else
		fprintf(out, "%" PRIu64, size);
}

static void print_type_flags(FILE *out, uint16_t flags)
{
	static const struct { uint16_t bit; const char *name; } names[] = {
		{ UNIQTYPE_F_FLEXIBLE, "flexible" },
		{ UNIQTYPE_F_VARIADIC, "variadic" },
		{ UNIQTYPE_F_UNPROTOTYPED, "unprototyped" },
		{ UNIQTYPE_F_HAS_FLEXIBLE, "has-flexible" },
		{ UNIQTYPE_F_HAS_BITFIELDS, "has-bitfields" },
		{ UNIQTYPE_F_ANONYMOUS, "anonymous" },
	};
	const char *sep = " (";

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (flags & names[i].bit) {
			fprintf(out, "%s%s", sep, names[i].name);
			sep = ",";
			flags &= ~names[i].bit;
		}
	if (flags) {
		fprintf(out, "%s0x%x", sep, (unsigned)flags);
		sep = ",";
	}
	if (sep[0] == ',')
		fputs(")", out);
}

/* Size of a member's type, "?" when unknown. */
static void print_type_size(FILE *out, const struct acmeta_view *v, uint32_t type)
{
	if (type >= v->count[ACMETA_T_TYPES])
		fputs("?", out);
	else
		print_size(out, acmeta_type(v, type)->size);
}

static void print_type(FILE *out, const struct acmeta_view *v, uint32_t i)
{
	const struct acmeta_type *t = acmeta_type(v, i);

	fprintf(out, "type %s size ", name_or(acmeta_string(v, t->name), "(unnamed)"));
	print_size(out, t->size);
	fprintf(out, " id %016" PRIx64 " ", t->identity);
	switch (t->kind) {
	case UNIQTYPE_VOID:
		fputs("void", out);
		break;
	case UNIQTYPE_BASE:
		fprintf(out, "base %s", encoding_name(t->aux));
		break;
	case UNIQTYPE_ENUM:
		fprintf(out, "enum of %s %" PRIu32 " enumerators",
			acmeta_type_name(v, t->aux), t->n);
		break;
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION:
		fprintf(out, "%s %" PRIu32 " members", tag_name(t->kind), t->n);
		break;
	case UNIQTYPE_ARRAY:
		fprintf(out, "array of %s count ", acmeta_type_name(v, t->aux));
		if (t->n == 0 && (t->flags & UNIQTYPE_F_FLEXIBLE))
			fputs("?", out);
		else
			fprintf(out, "%" PRIu32, t->n);
		break;
	case UNIQTYPE_POINTER:
		fprintf(out, "pointer to %s", acmeta_type_name(v, t->aux));
		break;
	case UNIQTYPE_FUNCTION:
		fprintf(out, "function returning %s %" PRIu32 " params",
			acmeta_type_name(v, t->aux), t->n);
		break;
	case UNIQTYPE_OPAQUE:
		fprintf(out, "opaque %s", tag_name(t->aux));
		break;
	}
	print_type_flags(out, t->flags);
	fputc('\n', out);

	switch (t->kind) {
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION:
		for (uint32_t k = 0; k < t->n; k++) {
			const struct acmeta_member *m = acmeta_member(v, t->first + k);
			fprintf(out, "  member %s offset %" PRIu64,
				name_or(acmeta_string(v, m->name), "(anonymous)"), m->offset);
			if (m->bit_size)
				fprintf(out, " bits %" PRIu32 ":%" PRIu32, m->bit_offset, m->bit_size);
			fputs(" size ", out);
			print_type_size(out, v, m->type);
			fprintf(out, " type %s\n", acmeta_type_name(v, m->type));
		}
		break;
	case UNIQTYPE_ENUM:
		for (uint32_t k = 0; k < t->n; k++) {
			const struct acmeta_enumerator *e = acmeta_enumerator(v, t->first + k);
			fprintf(out, "  enumerator %s = %" PRId64 "\n",
				acmeta_string(v, e->name), e->value);
		}
		break;
	case UNIQTYPE_FUNCTION:
		for (uint32_t k = 0; k < t->n; k++)
			fprintf(out, "  param %s\n",
				acmeta_type_name(v, acmeta_param(v, t->first + k)));
		break;
	}
}

/* Stable order for types: name, then identity, then table index. */
static const struct acmeta_view *sort_view;

static int cmp_types(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	const struct acmeta_type *ti = acmeta_type(sort_view, i);
	const struct acmeta_type *tj = acmeta_type(sort_view, j);
	int c = strcmp(acmeta_string(sort_view, ti->name), acmeta_string(sort_view, tj->name));

	if (c)
		return c;
	if (ti->identity != tj->identity)
		return ti->identity < tj->identity ? -1 : 1;
	return i < j ? -1 : i > j;
}

static int print_types(FILE *out, const struct acmeta_view *v)
{
	uint32_t n = v->count[ACMETA_T_TYPES];
	uint32_t *order = malloc((n ? n : 1) * sizeof *order);

	if (!order)
		return -1;
	for (uint32_t i = 0; i < n; i++)
		order[i] = i;
	sort_view = v;
	qsort(order, n, sizeof *order, cmp_types);
	for (uint32_t i = 0; i < n; i++)
		print_type(out, v, order[i]);
	free(order);
	return 0;
}

static void print_header(FILE *out, const struct acmeta_view *v)
{
	const struct acmeta_header *h = v->hdr;
	static const char *const tnames[ACMETA_NTABLES] = {
		"types", "members", "enumerators", "params", "statics",
		"frames", "locals", "sites", "strings",
	};

	fprintf(out, "meta-dso version %" PRIu32 " build-id ", h->version);
	for (uint32_t i = 0; i < h->build_id_len; i++)
		fprintf(out, "%02x", h->build_id[i]);
	if (!h->build_id_len)
		fputs("none", out);
	fprintf(out, " binary %s %s vaddr [0x%" PRIx64 ",0x%" PRIx64 ")\n",
		name_or(acmeta_string(v, h->binary_name), "?"),
		(h->flags & ACMETA_F_PIC) ? "pic" : "fixed", h->vaddr_lo, h->vaddr_hi);
	fputs("tables", out);
	for (int t = 0; t < ACMETA_NTABLES; t++)
		fprintf(out, " %s %" PRIu32, tnames[t], v->count[t]);
	fputc('\n', out);
}

static void print_statics(FILE *out, const struct acmeta_view *v)
{
	for (uint32_t i = 0; i < v->count[ACMETA_T_STATICS]; i++) {
		const struct acmeta_static *s = acmeta_static(v, i);
		fprintf(out, "static 0x%" PRIx64 " size %" PRIu64 " type %s name %s\n",
			s->vaddr, s->size, acmeta_type_name(v, s->type),
			name_or(acmeta_string(v, s->name), "?"));
	}
}

static void print_frames(FILE *out, const struct acmeta_view *v)
{
	for (uint32_t i = 0; i < v->count[ACMETA_T_FRAMES]; i++) {
		const struct acmeta_frame *f = acmeta_frame(v, i);
		fprintf(out, "frame %s [0x%" PRIx64 ",0x%" PRIx64 ")\n",
			name_or(acmeta_string(v, f->name), "?"), f->lowpc, f->highpc);
		for (uint32_t k = 0; k < f->nlocals; k++) {
			const struct acmeta_local *l = acmeta_local(v, f->first_local + k);
			fprintf(out, "  %s %s cfa-offset %" PRId64 " size %" PRIu64 " type %s",
				(l->flags & ACMETA_LOCAL_PARAM) ? "param" : "local",
				name_or(acmeta_string(v, l->name), "?"), l->cfa_offset,
				l->size, acmeta_type_name(v, l->type));
			if (l->lowpc || l->highpc)
				fprintf(out, " pc [0x%" PRIx64 ",0x%" PRIx64 ")", l->lowpc, l->highpc);
			fputc('\n', out);
		}
	}
}

static void print_sites(FILE *out, const struct acmeta_view *v)
{
	for (uint32_t i = 0; i < v->count[ACMETA_T_SITES]; i++) {
		const struct acmeta_allocsite *s = acmeta_site(v, i);
		const char *sep = " (";
		fprintf(out, "site 0x%" PRIx64 " type %s", s->vaddr, acmeta_type_name(v, s->type));
		if (s->flags & ACMETA_SITE_ARRAY) { fprintf(out, "%sarray", sep); sep = ","; }
		if (s->flags & ACMETA_SITE_TRAILING) { fprintf(out, "%strailing", sep); sep = ","; }
		if (s->flags & ACMETA_SITE_UNTYPED) { fprintf(out, "%suntyped", sep); sep = ","; }
		if (s->flags & ~(ACMETA_SITE_ARRAY | ACMETA_SITE_TRAILING | ACMETA_SITE_UNTYPED)) {
			fprintf(out, "%s0x%" PRIx32, sep, s->flags);
			sep = ",";
		}
		fputs(sep[0] == ',' ? ")\n" : "\n", out);
	}
}

int dump_print(FILE *out, const struct acmeta_view *v, unsigned what)
{
	if (what & DUMP_HEADER)
		print_header(out, v);
	if ((what & DUMP_TYPES) && print_types(out, v) < 0)
		return -1;
	if (what & DUMP_STATICS)
		print_statics(out, v);
	if (what & DUMP_FRAMES)
		print_frames(out, v);
	if (what & DUMP_SITES)
		print_sites(out, v);
	return 0;
}

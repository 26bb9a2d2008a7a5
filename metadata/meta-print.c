/*
 * meta-print.c -- `allocscheck-meta --print`: the generated blob in a
 * readable form, straight from the serialized bytes (so it shows what the
 * meta-DSO will hold).  A debugging aid for the generator; allocscheck-dump
 * is the tool for existing meta-DSOs.  Out-of-range references print as
 * "?" rather than being trusted.
 */
#include "generate.h"
#include "metadso-format.h"
#include "type-identity.h"
#include "uniqtype.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct pv {
	const char *base;
	size_t size;
	const struct acmeta_header *h;
};

static const void *entry(const struct pv *v, int tab, uint32_t i)
{
	const struct acmeta_table *t = &v->h->tables[tab];
	if (i >= t->count)
		return NULL;
	uint64_t off = t->offset + (uint64_t)i * t->entsize;
	if (off + t->entsize > v->size)
		return NULL;
	return v->base + off;
}

static const char *str(const struct pv *v, uint32_t off)
{
	const struct acmeta_table *t = &v->h->tables[ACMETA_T_STRINGS];
	if (off >= t->count || t->offset + t->count > v->size)
		return "?";
	return v->base + t->offset + off;
}

static const char *tname(const struct pv *v, uint32_t i)
{
	if (i == ACMETA_NONE)
		return "<none>";
	const struct acmeta_type *t = entry(v, ACMETA_T_TYPES, i);
	return t ? str(v, t->name) : "?";
}

static const char *kind_name(unsigned k)
{
	static const char *const names[] = { "void", "base", "enum", "struct", "union",
					     "array", "pointer", "function", "opaque" };
	return k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static void print_size(FILE *out, uint64_t s)
{
	if (s == UNIQTYPE_SIZE_UNKNOWN)
		fputs("size=?", out);
	else
		fprintf(out, "size=%" PRIu64, s);
}

static void print_type(const struct pv *v, uint32_t i, FILE *out)
{
	const struct acmeta_type *t = entry(v, ACMETA_T_TYPES, i);
	if (!t)
		return;
	char id[17];
	ac_typeid_format(t->identity, id);
	fprintf(out, "  [%u] %s \"%s\" ", i, kind_name(t->kind), str(v, t->name));
	print_size(out, t->size);
	fprintf(out, " id=%s", id);
	static const char *const fl[] = { "flexible", "variadic", "unprototyped",
					   "has-flexible", "has-bitfields", "anonymous" };
	for (unsigned b = 0; b < 6; b++)
		if (t->flags & (1u << b))
			fprintf(out, " %s", fl[b]);
	switch (t->kind) {
	case UNIQTYPE_BASE:
		fprintf(out, " encoding=%u\n", t->aux);
		break;
	case UNIQTYPE_ARRAY:
		fprintf(out, " count=%u elem=[%u]\n", t->n, t->aux);
		break;
	case UNIQTYPE_POINTER:
		fprintf(out, " pointee=[%u] %s\n", t->aux, tname(v, t->aux));
		break;
	case UNIQTYPE_OPAQUE:
		fprintf(out, " tag-kind=%s\n", kind_name(t->aux));
		break;
	case UNIQTYPE_FUNCTION:
		fprintf(out, " ret=[%u] params=", t->aux);
		for (uint32_t p = 0; p < t->n; p++) {
			const uint32_t *pi = entry(v, ACMETA_T_PARAMS, t->first + p);
			fprintf(out, "%s[%u]", p ? "," : "", pi ? *pi : ACMETA_NONE);
		}
		fputc('\n', out);
		break;
	case UNIQTYPE_ENUM:
		fprintf(out, " underlying=[%u] %s\n", t->aux, tname(v, t->aux));
		for (uint32_t k = 0; k < t->n; k++) {
			const struct acmeta_enumerator *e = entry(v, ACMETA_T_ENUMERATORS, t->first + k);
			if (e)
				fprintf(out, "      %s = %" PRId64 "\n", str(v, e->name), e->value);
		}
		break;
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION:
		fputc('\n', out);
		for (uint32_t k = 0; k < t->n; k++) {
			const struct acmeta_member *m = entry(v, ACMETA_T_MEMBERS, t->first + k);
			if (!m)
				continue;
			fprintf(out, "      +%" PRIu64, m->offset);
			if (m->bit_size)
				fprintf(out, " bits %u+%u", m->bit_offset, m->bit_size);
			fprintf(out, " %s: [%u] %s\n", *str(v, m->name) ? str(v, m->name) : "<anon>",
				m->type, tname(v, m->type));
		}
		break;
	default:
		fputc('\n', out);
		break;
	}
}

void acm_print_blob(const struct acm_blob *blob, FILE *out)
{
	struct pv v = { blob->data, blob->size, blob->data };
	if (!blob->data || blob->size < sizeof(struct acmeta_header)) {
		fputs("(empty blob)\n", out);
		return;
	}
	const struct acmeta_header *h = v.h;
	fprintf(out, "blob: version %u, %" PRIu64 " bytes, binary \"%s\", %s, vaddr [0x%" PRIx64
		", 0x%" PRIx64 ")\nbuild-id: ", h->version, h->total_size, str(&v, h->binary_name),
		h->flags & ACMETA_F_PIC ? "pic" : "absolute", h->vaddr_lo, h->vaddr_hi);
	for (uint32_t i = 0; i < h->build_id_len && i < ACMETA_BUILD_ID_MAX; i++)
		fprintf(out, "%02x", h->build_id[i]);
	fprintf(out, "%s\n", h->build_id_len ? "" : "(none)");

	fprintf(out, "types (%u):\n", h->tables[ACMETA_T_TYPES].count);
	for (uint32_t i = 0; i < h->tables[ACMETA_T_TYPES].count; i++)
		print_type(&v, i, out);

	fprintf(out, "statics (%u):\n", h->tables[ACMETA_T_STATICS].count);
	for (uint32_t i = 0; i < h->tables[ACMETA_T_STATICS].count; i++) {
		const struct acmeta_static *s = entry(&v, ACMETA_T_STATICS, i);
		if (s)
			fprintf(out, "  0x%" PRIx64 " size=%" PRIu64 " %s: [%u] %s\n", s->vaddr, s->size,
				str(&v, s->name), s->type, tname(&v, s->type));
	}

	fprintf(out, "frames (%u):\n", h->tables[ACMETA_T_FRAMES].count);
	for (uint32_t i = 0; i < h->tables[ACMETA_T_FRAMES].count; i++) {
		const struct acmeta_frame *f = entry(&v, ACMETA_T_FRAMES, i);
		if (!f)
			continue;
		fprintf(out, "  [0x%" PRIx64 ", 0x%" PRIx64 ") %s\n", f->lowpc, f->highpc, str(&v, f->name));
		for (uint32_t k = 0; k < f->nlocals; k++) {
			const struct acmeta_local *l = entry(&v, ACMETA_T_LOCALS, f->first_local + k);
			if (!l)
				continue;
			fprintf(out, "      cfa%+" PRId64 " size=%" PRIu64 " %s%s: [%u] %s", l->cfa_offset,
				l->size, str(&v, l->name), l->flags & ACMETA_LOCAL_PARAM ? " (param)" : "",
				l->type, tname(&v, l->type));
			if (l->lowpc || l->highpc)
				fprintf(out, " pc [0x%" PRIx64 ", 0x%" PRIx64 ")", l->lowpc, l->highpc);
			fputc('\n', out);
		}
	}

	fprintf(out, "sites (%u):\n", h->tables[ACMETA_T_SITES].count);
	for (uint32_t i = 0; i < h->tables[ACMETA_T_SITES].count; i++) {
		const struct acmeta_allocsite *s = entry(&v, ACMETA_T_SITES, i);
		if (s)
			fprintf(out, "  0x%" PRIx64 " [%u] %s flags=%#x\n", s->vaddr, s->type,
				tname(&v, s->type), s->flags);
	}
}

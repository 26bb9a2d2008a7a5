/*
 * metadso-read.c -- locate and validate the metadata blob of a meta-DSO.
 *
 * Linked into the runtime and called early, so: no malloc, no stdio, no
 * libelf.  ELF structures are copied out with memcpy because the image may
 * be any buffer (a fuzzer's, a read() of a file); the blob itself must be
 * aligned because the accessors read it in place.
 *
 * Every check is written so that no arithmetic can overflow: sizes are
 * compared by subtraction from a bound already known to be in range.
 */
#include "metadso-read.h"
#include "uniqtype.h"

#include <elf.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* ---- one-line messages without stdio ---------------------------------- */

struct msgbuf {
	char *p;
	size_t len, cap;
};

static void mb_putc(struct msgbuf *m, char c)
{
	if (m->len + 1 < m->cap)
		m->p[m->len++] = c;
	m->p[m->len] = '\0';
}

static void mb_puts(struct msgbuf *m, const char *s)
{
	while (*s)
		mb_putc(m, *s++);
}

static void mb_putu(struct msgbuf *m, uint64_t v, unsigned base)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (base == 16)
		mb_puts(m, "0x");
	while (n)
		mb_putc(m, tmp[--n]);
}

/* Record an error.  fmt knows %s (const char *), %u (unsigned),
 * %U (uint64_t) and %X (uint64_t, printed 0x...). */
static int fail(struct acmeta_status *st, int err, const char *fmt, ...)
{
	struct msgbuf m = { st->msg, 0, sizeof st->msg };
	va_list ap;

	st->err = err;
	st->msg[0] = '\0';
	if (err >= ACMETA_E_HEADER)   /* say what kind of problem it is */
		mb_puts(&m, "corrupt metadata: ");
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			mb_putc(&m, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 's': mb_puts(&m, va_arg(ap, const char *)); break;
		case 'u': mb_putu(&m, va_arg(ap, unsigned), 10); break;
		case 'U': mb_putu(&m, va_arg(ap, uint64_t), 10); break;
		case 'X': mb_putu(&m, va_arg(ap, uint64_t), 16); break;
		default: mb_putc(&m, *fmt); break;
		}
	}
	va_end(ap);
	return err;
}

static int ok(struct acmeta_status *st)
{
	st->err = ACMETA_OK;
	st->msg[0] = '\0';
	return ACMETA_OK;
}

const char *acmeta_strerror(int err)
{
	static const char *const text[ACMETA_NERR] = {
		[ACMETA_OK] = "success",
		[ACMETA_E_NOT_ELF] = "not an ELF file",
		[ACMETA_E_ELF_UNSUPPORTED] = "not a 64-bit little-endian ELF file",
		[ACMETA_E_ELF_CORRUPT] = "corrupt ELF file",
		[ACMETA_E_NO_SECTION] = "no " ACMETA_SECTION " section: not a meta-DSO",
		[ACMETA_E_TRUNCATED] = "truncated meta-DSO",
		[ACMETA_E_MAGIC] = "not a meta-DSO metadata blob",
		[ACMETA_E_VERSION] = "unsupported meta-DSO format version",
		[ACMETA_E_HEADER] = "corrupt meta-DSO: bad header",
		[ACMETA_E_ALIGN] = "corrupt meta-DSO: misaligned data",
		[ACMETA_E_TABLE] = "corrupt meta-DSO: table out of bounds",
		[ACMETA_E_STRING] = "corrupt meta-DSO: bad string",
		[ACMETA_E_INDEX] = "corrupt meta-DSO: index out of range",
		[ACMETA_E_KIND] = "corrupt meta-DSO: bad type kind",
		[ACMETA_E_ORDER] = "corrupt meta-DSO: table not sorted",
	};
	if (err < 0 || err >= ACMETA_NERR)
		return "unknown error";
	return text[err];
}

/* ---- the section in an ELF image --------------------------------------- */

static int read_shdr(const uint8_t *img, uint64_t shoff, unsigned shentsize,
		     uint64_t i, Elf64_Shdr *out)
{
	memcpy(out, img + shoff + i * shentsize, sizeof *out);
	return 0;
}

int acmeta_find_section(const void *image, size_t size,
			const void **blob, size_t *blob_size,
			struct acmeta_status *st)
{
	static const char want[] = ACMETA_SECTION;   /* compared with its NUL */
	const uint8_t *img = image;
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strsh;
	uint64_t shnum, shstrndx, i;

	*blob = NULL;
	*blob_size = 0;
	if (size < SELFMAG || memcmp(img, ELFMAG, SELFMAG) != 0)
		return fail(st, ACMETA_E_NOT_ELF, "not an ELF file");
	if (size < sizeof eh)
		return fail(st, ACMETA_E_NOT_ELF, "truncated ELF header (%U bytes)",
			    (uint64_t)size);
	if (img[EI_CLASS] != ELFCLASS64)
		return fail(st, ACMETA_E_ELF_UNSUPPORTED, "not a 64-bit ELF file");
	if (img[EI_DATA] != ELFDATA2LSB)
		return fail(st, ACMETA_E_ELF_UNSUPPORTED, "not a little-endian ELF file");
	memcpy(&eh, img, sizeof eh);

	if (eh.e_shoff == 0)
		return fail(st, ACMETA_E_NO_SECTION,
			    "no section headers: not a meta-DSO");
	if (eh.e_shentsize < sizeof(Elf64_Shdr))
		return fail(st, ACMETA_E_ELF_CORRUPT,
			    "section header size %u too small", (unsigned)eh.e_shentsize);
	if (eh.e_shoff > size || size - eh.e_shoff < eh.e_shentsize)
		return fail(st, ACMETA_E_ELF_CORRUPT,
			    "section headers at %X beyond end of file (truncated?)",
			    (uint64_t)eh.e_shoff);

	/* Many sections: the real count and name index live in section 0. */
	read_shdr(img, eh.e_shoff, eh.e_shentsize, 0, &sh);
	shnum = eh.e_shnum ? eh.e_shnum : sh.sh_size;
	shstrndx = eh.e_shstrndx == SHN_XINDEX ? sh.sh_link : eh.e_shstrndx;
	if (shnum > (size - eh.e_shoff) / eh.e_shentsize)
		return fail(st, ACMETA_E_ELF_CORRUPT,
			    "%U section headers extend beyond end of file (truncated?)",
			    shnum);
	if (shstrndx == SHN_UNDEF || shstrndx >= shnum)
		return fail(st, ACMETA_E_ELF_CORRUPT,
			    "section name table index %U out of range", shstrndx);
	read_shdr(img, eh.e_shoff, eh.e_shentsize, shstrndx, &strsh);
	if (strsh.sh_type == SHT_NOBITS || strsh.sh_offset > size ||
	    size - strsh.sh_offset < strsh.sh_size)
		return fail(st, ACMETA_E_ELF_CORRUPT,
			    "section name table out of file bounds (truncated?)");

	for (i = 1; i < shnum; i++) {
		read_shdr(img, eh.e_shoff, eh.e_shentsize, i, &sh);
		if (sh.sh_name >= strsh.sh_size ||
		    strsh.sh_size - sh.sh_name < sizeof want ||
		    memcmp(img + strsh.sh_offset + sh.sh_name, want, sizeof want) != 0)
			continue;
		if (sh.sh_type == SHT_NOBITS || sh.sh_size == 0)
			return fail(st, ACMETA_E_NO_SECTION,
				    "section " ACMETA_SECTION " is empty");
		if (sh.sh_offset > size || size - sh.sh_offset < sh.sh_size)
			return fail(st, ACMETA_E_TRUNCATED,
				    "section " ACMETA_SECTION " extends beyond end of file (truncated?)");
		*blob = img + sh.sh_offset;
		*blob_size = sh.sh_size;
		return ok(st);
	}
	return fail(st, ACMETA_E_NO_SECTION,
		    "no " ACMETA_SECTION " section: not a meta-DSO");
}

/* ---- blob validation ---------------------------------------------------- */

static const struct {
	const char *name;
	uint32_t min_entsize;
	uint32_t align;
} tabspec[ACMETA_NTABLES] = {
	[ACMETA_T_TYPES]       = { "types", sizeof(struct acmeta_type), 8 },
	[ACMETA_T_MEMBERS]     = { "members", sizeof(struct acmeta_member), 8 },
	[ACMETA_T_ENUMERATORS] = { "enumerators", sizeof(struct acmeta_enumerator), 8 },
	[ACMETA_T_PARAMS]      = { "params", sizeof(uint32_t), 4 },
	[ACMETA_T_STATICS]     = { "statics", sizeof(struct acmeta_static), 8 },
	[ACMETA_T_FRAMES]      = { "frames", sizeof(struct acmeta_frame), 8 },
	[ACMETA_T_LOCALS]      = { "locals", sizeof(struct acmeta_local), 8 },
	[ACMETA_T_SITES]       = { "sites", sizeof(struct acmeta_allocsite), 8 },
	[ACMETA_T_STRINGS]     = { "strings", 1, 1 },
};

static int check_header(struct acmeta_view *v, const uint8_t *b, size_t size,
			struct acmeta_status *st)
{
	const struct acmeta_header *h = (const void *)b;

	/* magic + version first, so another version is reported as such even
	 * if its header is shorter or longer than ours */
	if (size < ACMETA_MAGIC_LEN || memcmp(h->magic, ACMETA_MAGIC, ACMETA_MAGIC_LEN) != 0)
		return fail(st, ACMETA_E_MAGIC, "bad magic: not a meta-DSO metadata blob");
	if (size < offsetof(struct acmeta_header, header_size))
		return fail(st, ACMETA_E_TRUNCATED, "blob truncated (%U bytes)", (uint64_t)size);
	if (h->version != ACMETA_VERSION)
		return fail(st, ACMETA_E_VERSION, "meta-DSO format version %u, expected %u",
			    (unsigned)h->version, (unsigned)ACMETA_VERSION);
	if (size < sizeof *h)
		return fail(st, ACMETA_E_TRUNCATED,
			    "blob truncated: %U bytes, header needs %U",
			    (uint64_t)size, (uint64_t)sizeof *h);
	if (h->header_size < sizeof *h)
		return fail(st, ACMETA_E_HEADER, "header_size %u smaller than %u",
			    (unsigned)h->header_size, (unsigned)sizeof *h);
	if (h->total_size > size)
		return fail(st, ACMETA_E_TRUNCATED,
			    "blob total_size %U exceeds its section (%U bytes)",
			    h->total_size, (uint64_t)size);
	if (h->header_size > h->total_size)
		return fail(st, ACMETA_E_HEADER, "header_size %u exceeds total_size %U",
			    (unsigned)h->header_size, h->total_size);
	if (h->build_id_len > ACMETA_BUILD_ID_MAX)
		return fail(st, ACMETA_E_HEADER, "build_id_len %u exceeds %u",
			    (unsigned)h->build_id_len, (unsigned)ACMETA_BUILD_ID_MAX);
	if (h->vaddr_lo > h->vaddr_hi)
		return fail(st, ACMETA_E_HEADER, "vaddr span [%X,%X) reversed",
			    h->vaddr_lo, h->vaddr_hi);
	v->hdr = h;
	v->size = h->total_size;
	return ACMETA_OK;
}

static int check_tables(struct acmeta_view *v, struct acmeta_status *st)
{
	const struct acmeta_header *h = v->hdr;

	for (int t = 0; t < ACMETA_NTABLES; t++) {
		const struct acmeta_table *tb = &h->tables[t];
		uint64_t bytes = (uint64_t)tb->count * tb->entsize;  /* < 2^64 */

		v->count[t] = tb->count;
		v->entsize[t] = tb->entsize;
		v->tab[t] = NULL;
		if (tb->count == 0)
			continue;
		if (tb->entsize < tabspec[t].min_entsize ||
		    (t == ACMETA_T_STRINGS && tb->entsize != 1))
			return fail(st, ACMETA_E_TABLE, "%s table entsize %u, need %u",
				    tabspec[t].name, (unsigned)tb->entsize,
				    (unsigned)tabspec[t].min_entsize);
		if (tb->offset % tabspec[t].align || tb->entsize % tabspec[t].align)
			return fail(st, ACMETA_E_ALIGN,
				    "%s table at %U (entsize %u) not %u-byte aligned",
				    tabspec[t].name, tb->offset, (unsigned)tb->entsize,
				    (unsigned)tabspec[t].align);
		if (tb->offset < h->header_size || tb->offset > v->size ||
		    v->size - tb->offset < bytes)
			return fail(st, ACMETA_E_TABLE,
				    "%s table [%U,+%U) outside blob of %U bytes",
				    tabspec[t].name, tb->offset, bytes, v->size);
		v->tab[t] = v->base + tb->offset;
	}

	/* Strings: starts with "" (offset 0) and ends with a NUL, so every
	 * offset below the count names a string terminated in bounds. */
	if (v->count[ACMETA_T_STRINGS] == 0)
		return fail(st, ACMETA_E_STRING, "empty string table");
	v->strings = (const char *)v->tab[ACMETA_T_STRINGS];
	v->strings_size = v->count[ACMETA_T_STRINGS];
	if (v->strings[0] != '\0' || v->strings[v->strings_size - 1] != '\0')
		return fail(st, ACMETA_E_STRING,
			    "string table does not start and end with NUL");
	return ACMETA_OK;
}

#define CHECK_STR(off, what, idx)                                              \
	do {                                                                   \
		if ((off) >= v->strings_size)                                  \
			return fail(st, ACMETA_E_STRING,                       \
				    "%s %u: string offset %u beyond string table (%u bytes)", \
				    what, (unsigned)(idx), (unsigned)(off),    \
				    (unsigned)v->strings_size);                \
	} while (0)

/* first/n range inside a table of `count` entries. */
static int range_ok(uint32_t first, uint32_t n, uint32_t count)
{
	return first <= count && n <= count - first;
}

static int check_type(const struct acmeta_view *v, uint32_t i,
		      struct acmeta_status *st)
{
	const struct acmeta_type *t = acmeta_type(v, i);
	uint32_t ntypes = v->count[ACMETA_T_TYPES];

	CHECK_STR(t->name, "type", i);
	switch (t->kind) {
	case UNIQTYPE_VOID:
		break;
	case UNIQTYPE_BASE:
		if (t->aux > UNIQTYPE_ENC_COMPLEX_FLOAT)
			return fail(st, ACMETA_E_KIND, "type %u: base encoding %u unknown",
				    (unsigned)i, (unsigned)t->aux);
		break;
	case UNIQTYPE_ENUM:
		if (!range_ok(t->first, t->n, v->count[ACMETA_T_ENUMERATORS]))
			return fail(st, ACMETA_E_INDEX,
				    "type %u: enumerators %u+%u exceed the %u enumerators",
				    (unsigned)i, (unsigned)t->first, (unsigned)t->n,
				    (unsigned)v->count[ACMETA_T_ENUMERATORS]);
		if (t->aux != ACMETA_NONE && t->aux >= ntypes)
			goto bad_aux;
		break;
	case UNIQTYPE_STRUCT:
	case UNIQTYPE_UNION:
		if (!range_ok(t->first, t->n, v->count[ACMETA_T_MEMBERS]))
			return fail(st, ACMETA_E_INDEX,
				    "type %u: members %u+%u exceed the %u members",
				    (unsigned)i, (unsigned)t->first, (unsigned)t->n,
				    (unsigned)v->count[ACMETA_T_MEMBERS]);
		/* walks may binary-search struct members: they must be sorted */
		if (t->kind == UNIQTYPE_STRUCT)
			for (uint32_t m = 1; m < t->n; m++) {
				const struct acmeta_member *a = acmeta_member(v, t->first + m - 1);
				const struct acmeta_member *b = acmeta_member(v, t->first + m);
				if (a->offset > b->offset ||
				    (a->offset == b->offset && a->bit_offset > b->bit_offset))
					return fail(st, ACMETA_E_ORDER,
						    "type %u: member %u not sorted by offset",
						    (unsigned)i, (unsigned)m);
			}
		break;
	case UNIQTYPE_ARRAY:
	case UNIQTYPE_POINTER:
		if (t->aux >= ntypes)
			goto bad_aux;
		break;
	case UNIQTYPE_FUNCTION:
		if (t->aux >= ntypes)
			goto bad_aux;
		if (!range_ok(t->first, t->n, v->count[ACMETA_T_PARAMS]))
			return fail(st, ACMETA_E_INDEX,
				    "type %u: params %u+%u exceed the %u params",
				    (unsigned)i, (unsigned)t->first, (unsigned)t->n,
				    (unsigned)v->count[ACMETA_T_PARAMS]);
		break;
	case UNIQTYPE_OPAQUE:
		if (t->aux != UNIQTYPE_STRUCT && t->aux != UNIQTYPE_UNION &&
		    t->aux != UNIQTYPE_ENUM)
			return fail(st, ACMETA_E_KIND, "type %u: opaque tag kind %u invalid",
				    (unsigned)i, (unsigned)t->aux);
		break;
	default:
		return fail(st, ACMETA_E_KIND, "type %u: kind %u invalid",
			    (unsigned)i, (unsigned)t->kind);
	}
	return ACMETA_OK;
bad_aux:
	return fail(st, ACMETA_E_INDEX, "type %u: referenced type %u out of range (%u types)",
		    (unsigned)i, (unsigned)t->aux, (unsigned)ntypes);
}

static int check_entries(const struct acmeta_view *v, struct acmeta_status *st)
{
	uint32_t ntypes = v->count[ACMETA_T_TYPES];
	int err;

	CHECK_STR(v->hdr->binary_name, "header binary_name", 0);
	for (uint32_t i = 0; i < ntypes; i++)
		if ((err = check_type(v, i, st)))
			return err;

	for (uint32_t i = 0; i < v->count[ACMETA_T_MEMBERS]; i++) {
		const struct acmeta_member *m = acmeta_member(v, i);
		CHECK_STR(m->name, "member", i);
		if (m->type >= ntypes)
			return fail(st, ACMETA_E_INDEX, "member %u: type %u out of range (%u types)",
				    (unsigned)i, (unsigned)m->type, (unsigned)ntypes);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_ENUMERATORS]; i++)
		CHECK_STR(acmeta_enumerator(v, i)->name, "enumerator", i);
	for (uint32_t i = 0; i < v->count[ACMETA_T_PARAMS]; i++)
		if (acmeta_param(v, i) >= ntypes)
			return fail(st, ACMETA_E_INDEX, "param %u: type %u out of range (%u types)",
				    (unsigned)i, (unsigned)acmeta_param(v, i), (unsigned)ntypes);

	for (uint32_t i = 0; i < v->count[ACMETA_T_STATICS]; i++) {
		const struct acmeta_static *s = acmeta_static(v, i);
		CHECK_STR(s->name, "static", i);
		if (s->type != ACMETA_NONE && s->type >= ntypes)
			return fail(st, ACMETA_E_INDEX, "static %u: type %u out of range (%u types)",
				    (unsigned)i, (unsigned)s->type, (unsigned)ntypes);
		if (i && acmeta_static(v, i - 1)->vaddr > s->vaddr)
			return fail(st, ACMETA_E_ORDER, "static %u: not sorted by vaddr",
				    (unsigned)i);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_FRAMES]; i++) {
		const struct acmeta_frame *f = acmeta_frame(v, i);
		CHECK_STR(f->name, "frame", i);
		if (!range_ok(f->first_local, f->nlocals, v->count[ACMETA_T_LOCALS]))
			return fail(st, ACMETA_E_INDEX,
				    "frame %u: locals %u+%u exceed the %u locals",
				    (unsigned)i, (unsigned)f->first_local,
				    (unsigned)f->nlocals, (unsigned)v->count[ACMETA_T_LOCALS]);
		if (f->lowpc > f->highpc)
			return fail(st, ACMETA_E_HEADER, "frame %u: pc range [%X,%X) reversed",
				    (unsigned)i, f->lowpc, f->highpc);
		if (i && acmeta_frame(v, i - 1)->lowpc > f->lowpc)
			return fail(st, ACMETA_E_ORDER, "frame %u: not sorted by lowpc",
				    (unsigned)i);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_LOCALS]; i++) {
		const struct acmeta_local *l = acmeta_local(v, i);
		CHECK_STR(l->name, "local", i);
		if (l->type != ACMETA_NONE && l->type >= ntypes)
			return fail(st, ACMETA_E_INDEX, "local %u: type %u out of range (%u types)",
				    (unsigned)i, (unsigned)l->type, (unsigned)ntypes);
		if (l->lowpc > l->highpc)
			return fail(st, ACMETA_E_HEADER, "local %u: pc range [%X,%X) reversed",
				    (unsigned)i, l->lowpc, l->highpc);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_SITES]; i++) {
		const struct acmeta_allocsite *s = acmeta_site(v, i);
		if (s->type != ACMETA_NONE && s->type >= ntypes)
			return fail(st, ACMETA_E_INDEX, "site %u: type %u out of range (%u types)",
				    (unsigned)i, (unsigned)s->type, (unsigned)ntypes);
		if (i && acmeta_site(v, i - 1)->vaddr > s->vaddr)
			return fail(st, ACMETA_E_ORDER, "site %u: not sorted by vaddr",
				    (unsigned)i);
	}
	return ACMETA_OK;
}

int acmeta_open(struct acmeta_view *v, const void *blob, size_t size,
		struct acmeta_status *st)
{
	int err;

	memset(v, 0, sizeof *v);
	if ((uintptr_t)blob % 8)
		return fail(st, ACMETA_E_ALIGN, "blob not 8-byte aligned in memory");
	v->base = blob;
	if ((err = check_header(v, blob, size, st)) ||
	    (err = check_tables(v, st)) ||
	    (err = check_entries(v, st))) {
		memset(v, 0, sizeof *v);
		return err;
	}
	return ok(st);
}

int acmeta_validate(const void *blob, size_t size, struct acmeta_status *st)
{
	struct acmeta_view v;
	return acmeta_open(&v, blob, size, st);
}

/* ---- accessors ----------------------------------------------------------- */

const char *acmeta_type_name(const struct acmeta_view *v, uint32_t type)
{
	if (type >= v->count[ACMETA_T_TYPES])
		return "?";
	return acmeta_string(v, acmeta_type(v, type)->name);
}

/* The sorted tables all start their entries with their uint64 sort key. */
_Static_assert(offsetof(struct acmeta_static, vaddr) == 0, "statics keyed at offset 0");
_Static_assert(offsetof(struct acmeta_frame, lowpc) == 0, "frames keyed at offset 0");
_Static_assert(offsetof(struct acmeta_allocsite, vaddr) == 0, "sites keyed at offset 0");

/* How many leading entries of sorted table t have a key below `key` (or
 * equal to it too, with or_equal): a binary search. */
static uint32_t count_keys_below(const struct acmeta_view *v, int t, uint64_t key, int or_equal)
{
	uint32_t lo = 0, hi = v->count[t];

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint64_t k;
		memcpy(&k, v->tab[t] + (size_t)mid * v->entsize[t], sizeof k);
		if (k < key || (or_equal && k == key))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

uint32_t acmeta_find_static(const struct acmeta_view *v, uint64_t addr)
{
	uint32_t n = count_keys_below(v, ACMETA_T_STATICS, addr, 1);   /* vaddr <= addr */
	if (n == 0)
		return ACMETA_NONE;
	const struct acmeta_static *s = acmeta_static(v, n - 1);
	uint64_t off = addr - s->vaddr;
	return off < s->size || off == 0 ? n - 1 : ACMETA_NONE;
}

uint32_t acmeta_find_frame(const struct acmeta_view *v, uint64_t pc)
{
	uint32_t n = count_keys_below(v, ACMETA_T_FRAMES, pc, 1);      /* lowpc <= pc */
	if (n == 0 || pc >= acmeta_frame(v, n - 1)->highpc)
		return ACMETA_NONE;
	return n - 1;
}

uint32_t acmeta_find_site(const struct acmeta_view *v, uint64_t addr)
{
	uint32_t n = count_keys_below(v, ACMETA_T_SITES, addr, 0);     /* vaddr < addr */
	if (n < v->count[ACMETA_T_SITES] && acmeta_site(v, n)->vaddr == addr)
		return n;
	return ACMETA_NONE;
}

/*
 * meta-paths.c -- meta-DSO file names, search roots and build-id notes.
 *
 * No malloc, no stdio, no snprintf (the runtime calls this before it is
 * safe to): strings are assembled by hand into caller buffers, and every
 * append checks the remaining room.
 */
#include "meta-paths.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#ifndef ALLOCS_SYSTEM_META_ROOT
#define ALLOCS_SYSTEM_META_ROOT "/usr/local/lib/allocscheck/meta"
#endif

/* A bounded string being built: fails sticky once out of room. */
struct sbuf {
	char *p;
	size_t len, cap;
	int overflow;
};

static void sb_init(struct sbuf *b, char *out, size_t cap)
{
	b->p = out;
	b->len = 0;
	b->cap = cap;
	b->overflow = cap == 0;
	if (cap)
		out[0] = '\0';
}

static void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	if (b->overflow || n >= b->cap - b->len) {
		b->overflow = 1;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void sb_hex(struct sbuf *b, const uint8_t *id, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	/* Stops at the first failed append: after one, id may not even be
	 * len bytes long (acmeta_meta_path with a too-short id). */
	for (size_t i = 0; i < len && !b->overflow; i++) {
		char two[2] = { digits[id[i] >> 4], digits[id[i] & 15] };
		sb_putn(b, two, 2);
	}
}

static int sb_done(struct sbuf *b)
{
	if (b->overflow) {
		if (b->cap)
			b->p[0] = '\0';
		return -1;
	}
	return (int)b->len;
}

int acmeta_build_id_hex(const uint8_t *id, size_t len, char *out, size_t outlen)
{
	struct sbuf b;
	sb_init(&b, out, outlen);
	sb_hex(&b, id, len);
	return sb_done(&b);
}

/* "<root>/<hh>": the directory part shared by the two names below. */
static void sb_meta_dir(struct sbuf *b, const char *root, const uint8_t *id, size_t len)
{
	if (len < 2) {
		b->overflow = 1;
		return;
	}
	sb_puts(b, root);
	sb_puts(b, "/");
	sb_hex(b, id, 1);
}

int acmeta_meta_dir(const char *root, const uint8_t *id, size_t len,
		    char *out, size_t outlen)
{
	struct sbuf b;
	sb_init(&b, out, outlen);
	sb_meta_dir(&b, root, id, len);
	return sb_done(&b);
}

int acmeta_meta_path(const char *root, const uint8_t *id, size_t len,
		     char *out, size_t outlen)
{
	struct sbuf b;
	sb_init(&b, out, outlen);
	sb_meta_dir(&b, root, id, len);
	sb_puts(&b, "/");
	sb_hex(&b, id + 1, len - 1);
	sb_puts(&b, ".meta.so");
	return sb_done(&b);
}

static const char *nonempty_env(const char *name)
{
	const char *s = getenv(name);
	return s && *s ? s : NULL;
}

int acmeta_write_root(char *out, size_t outlen)
{
	struct sbuf b;
	const char *s;

	sb_init(&b, out, outlen);
	if ((s = nonempty_env("ALLOCS_META_DIR"))) {
		sb_puts(&b, s);
	} else if ((s = nonempty_env("XDG_CACHE_HOME"))) {
		sb_puts(&b, s);
		sb_puts(&b, "/allocscheck/meta");
	} else if ((s = nonempty_env("HOME"))) {
		sb_puts(&b, s);
		sb_puts(&b, "/.cache/allocscheck/meta");
	} else {
		sb_puts(&b, "/tmp/allocscheck-meta");
	}
	return sb_done(&b);
}

const char *acmeta_system_root(void)
{
	return ALLOCS_SYSTEM_META_ROOT;
}

void acmeta_roots_begin(struct acmeta_root_iter *it)
{
	it->path_env = nonempty_env("ALLOCS_META_PATH");
	it->stage = 0;
	it->buf[0] = '\0';
	if (acmeta_write_root(it->write_root, sizeof it->write_root) < 0)
		it->write_root[0] = '\0';
}

const char *acmeta_roots_next(struct acmeta_root_iter *it)
{
	while (it->stage == 0 && it->path_env) {
		const char *s = it->path_env, *colon = strchr(s, ':');
		size_t n = colon ? (size_t)(colon - s) : strlen(s);

		it->path_env = colon ? colon + 1 : NULL;
		if (n == 0 || n >= sizeof it->buf)
			continue;
		memcpy(it->buf, s, n);
		it->buf[n] = '\0';
		return it->buf;
	}
	if (it->stage == 0) {
		it->stage = 1;
		if (it->write_root[0])
			return it->write_root;
	}
	if (it->stage == 1) {
		it->stage = 2;
		if (strcmp(acmeta_system_root(), it->write_root) != 0)
			return acmeta_system_root();
	}
	it->stage = 3;
	return NULL;
}

/* ---- build-id notes ------------------------------------------------------- */

int acmeta_build_id_from_notes(const void *notes, size_t size, size_t align,
			       const uint8_t **id, size_t *len)
{
	const uint8_t *p = notes;
	uint64_t off = 0, a = align == 8 ? 8 : 4;

	while (off <= size && size - off >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr nh;
		uint64_t name_off, desc_off, desc_end;

		memcpy(&nh, p + off, sizeof nh);
		/* Padding is to `a` from the start of the notes (gABI; glibc's
		 * ELF_NOTE_DESC_OFFSET): with 8-byte notes the 12-byte header
		 * and the name are padded together. */
		name_off = off + sizeof nh;
		desc_off = (name_off + nh.n_namesz + a - 1) & ~(a - 1);
		desc_end = desc_off + nh.n_descsz;      /* all < 2^35: no overflow */
		if (desc_off > size || desc_end > size)
			return -1;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp(p + name_off, "GNU", 4) == 0 && nh.n_descsz > 0) {
			*id = p + desc_off;
			*len = nh.n_descsz;
			return 0;
		}
		off = (desc_end + a - 1) & ~(a - 1);
		if (off > size)
			break;
	}
	return -1;
}

int acmeta_build_id_from_image(const void *image, size_t size,
			       const uint8_t **id, size_t *len)
{
	const uint8_t *img = image;
	Elf64_Ehdr eh;

	if (size < sizeof eh || memcmp(img, ELFMAG, SELFMAG) != 0 ||
	    img[EI_CLASS] != ELFCLASS64 || img[EI_DATA] != ELFDATA2LSB)
		return -1;
	memcpy(&eh, img, sizeof eh);

	/* Segments first: that is what the runtime sees in memory. */
	if (eh.e_phoff && eh.e_phentsize >= sizeof(Elf64_Phdr) &&
	    eh.e_phoff <= size && eh.e_phnum != PN_XNUM &&
	    eh.e_phnum <= (size - eh.e_phoff) / eh.e_phentsize) {
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			memcpy(&ph, img + eh.e_phoff + (uint64_t)i * eh.e_phentsize, sizeof ph);
			if (ph.p_type != PT_NOTE || ph.p_offset > size ||
			    size - ph.p_offset < ph.p_filesz)
				continue;
			if (acmeta_build_id_from_notes(img + ph.p_offset, ph.p_filesz,
						       ph.p_align, id, len) == 0)
				return 0;
		}
	}
	/* Relocatable objects and odd links: note sections. */
	if (eh.e_shoff && eh.e_shentsize >= sizeof(Elf64_Shdr) &&
	    eh.e_shoff <= size &&
	    eh.e_shnum <= (size - eh.e_shoff) / eh.e_shentsize) {
		for (unsigned i = 0; i < eh.e_shnum; i++) {
			Elf64_Shdr sh;
			memcpy(&sh, img + eh.e_shoff + (uint64_t)i * eh.e_shentsize, sizeof sh);
			if (sh.sh_type != SHT_NOTE || sh.sh_offset > size ||
			    size - sh.sh_offset < sh.sh_size)
				continue;
			if (acmeta_build_id_from_notes(img + sh.sh_offset, sh.sh_size,
						       sh.sh_addralign, id, len) == 0)
				return 0;
		}
	}
	return -1;
}

/* ---- file extent ---------------------------------------------------------- */

static void sb_dec(struct sbuf *b, uint64_t v)
{
	char d[20];
	size_t n = 0;
	do {
		d[sizeof d - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_putn(b, d + sizeof d - n, n);
}

/* "truncated ELF file (WHAT[ INDEX]: COUNT UNIT at offset OFF, file is SIZE
 * bytes)"; always -1. */
static int say_truncated(char *why, size_t whylen, const char *what, int64_t index,
			 uint64_t count, const char *unit, uint64_t off, uint64_t size)
{
	struct sbuf b;
	sb_init(&b, why, whylen);
	sb_puts(&b, "truncated ELF file (");
	sb_puts(&b, what);
	if (index >= 0) {
		sb_puts(&b, " ");
		sb_dec(&b, (uint64_t)index);
	}
	sb_puts(&b, ": ");
	sb_dec(&b, count);
	sb_puts(&b, unit);
	sb_puts(&b, " at offset ");
	sb_dec(&b, off);
	sb_puts(&b, ", file is ");
	sb_dec(&b, size);
	sb_puts(&b, " bytes)");
	return -1;
}

/* [off, off + len) within size bytes (no overflow for any inputs). */
static int fits(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

int acmeta_elf_check_extent(const void *image, size_t size, char *why, size_t whylen)
{
	const uint8_t *img = image;
	Elf64_Ehdr eh;
	Elf64_Shdr sh0 = { 0 };
	uint64_t shnum = 0, phnum;

	if (size < SELFMAG || memcmp(img, ELFMAG, SELFMAG) != 0 ||
	    (size > EI_CLASS && img[EI_CLASS] != ELFCLASS64) ||
	    (size > EI_DATA && img[EI_DATA] != ELFDATA2LSB))
		return 0;   /* not ELF64: not a truncation */
	if (size < sizeof eh)
		return say_truncated(why, whylen, "ELF header", -1, sizeof eh, " bytes", 0, size);
	memcpy(&eh, img, sizeof eh);

	/* The tables first: without them nothing else can be checked (or
	 * found -- a cut-off file otherwise looks like one with no notes). */
	if (eh.e_shoff) {
		/* Section 0 holds the real count when there are many. */
		if (eh.e_shentsize < sizeof sh0 || !fits(eh.e_shoff, eh.e_shentsize, size))
			return say_truncated(why, whylen, "section headers", -1,
					     eh.e_shnum ? eh.e_shnum : 1, " entries", eh.e_shoff, size);
		memcpy(&sh0, img + eh.e_shoff, sizeof sh0);
		shnum = eh.e_shnum ? eh.e_shnum : sh0.sh_size;
		if (shnum > (size - eh.e_shoff) / eh.e_shentsize)
			return say_truncated(why, whylen, "section headers", -1, shnum, " entries",
					     eh.e_shoff, size);
	}
	phnum = eh.e_phnum == PN_XNUM ? sh0.sh_info : eh.e_phnum;
	if (phnum && (eh.e_phentsize < sizeof(Elf64_Phdr) ||
		      phnum > (eh.e_phoff <= size ? (size - eh.e_phoff) / eh.e_phentsize : 0)))
		return say_truncated(why, whylen, "program headers", -1, phnum, " entries",
				     eh.e_phoff, size);

	/* Then what the tables point at. */
	for (uint64_t i = 0; i < phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, img + eh.e_phoff + i * eh.e_phentsize, sizeof ph);
		if (!fits(ph.p_offset, ph.p_filesz, size))
			return say_truncated(why, whylen, "segment", (int64_t)i, ph.p_filesz,
					     " bytes", ph.p_offset, size);
	}
	for (uint64_t i = 1; i < shnum; i++) {
		Elf64_Shdr sh;
		memcpy(&sh, img + eh.e_shoff + i * eh.e_shentsize, sizeof sh);
		if (sh.sh_type != SHT_NOBITS && !fits(sh.sh_offset, sh.sh_size, size))
			return say_truncated(why, whylen, "section", (int64_t)i, sh.sh_size,
					     " bytes", sh.sh_offset, size);
	}
	return 0;
}

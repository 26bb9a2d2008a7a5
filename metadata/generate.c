/*
 * generate.c -- acm_generate(): check the input file, open its DWARF with
 * libdwfl (which applies the relocations of ET_REL objects), walk every
 * unit once, and serialize the tables.
 *
 * The walk visits every DIE: type DIEs become uniqtypes (so every type
 * the binary's DWARF describes is present, used or not), DW_TAG_variable
 * DIEs may be statics, DW_TAG_subprogram DIEs may be frames.  Everything
 * is appended in DIE order, so output is deterministic.
 *
 * Inputs refused (one line in errbuf, nothing written): unreadable or
 * missing file, not ELF, truncated ELF (the header, a header table, a
 * section or a segment beyond the end of the file: checked before anything
 * is looked for in it), an executable or shared library without NT_GNU_BUILD_ID,
 * no DWARF, corrupt DWARF.
 */
#include "generate.h"
#include "meta-paths.h"
#include "dwarf-gen.h"
#include "type-identity.h"
#include "uniqtype.h"

#include <dwarf.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DIE_DEPTH 512

int gen_fail(struct gen *g, const char *fmt, ...)
{
	if (g->failed)
		return -1;
	g->failed = 1;
	if (g->err && g->errlen) {
		int n = snprintf(g->err, g->errlen, "%s: ", g->name);
		if (n < 0 || (size_t)n >= g->errlen)
			return -1;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(g->err + n, g->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The header, both header tables and every section and segment must lie
 * inside the file; checked on the raw image before libelf is asked anything
 * (libelf quietly ignores tables past the end of a file, and a cut-off
 * binary would then be refused for lacking a build-id or DWARF). */
static int check_elf_layout(struct gen *g)
{
	size_t size = 0, shnum, phnum;
	const char *image = elf_rawfile(g->elf, &size);
	char why[256];
	if (!image)
		return gen_fail(g, "truncated or corrupt ELF file (%s)", elf_errmsg(-1));
	if (acmeta_elf_check_extent(image, size, why, sizeof why) < 0)
		return gen_fail(g, "%s", why);
	if (elf_getshdrnum(g->elf, &shnum) != 0 || elf_getphdrnum(g->elf, &phnum) != 0)
		return gen_fail(g, "truncated or corrupt ELF file (%s)", elf_errmsg(-1));
	return 0;
}

/* NT_GNU_BUILD_ID from a note section or PT_NOTE segment. */
static size_t scan_notes(Elf_Data *d, uint8_t *out)
{
	size_t off = 0, name_off, desc_off;
	GElf_Nhdr nh;
	while (d && off < d->d_size && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp((const char *)d->d_buf + name_off, "GNU", 4) == 0 &&
		    nh.n_descsz > 0 && nh.n_descsz <= ACMETA_BUILD_ID_MAX) {
			memcpy(out, (const char *)d->d_buf + desc_off, nh.n_descsz);
			return nh.n_descsz;
		}
	}
	return 0;
}

static size_t find_build_id(struct gen *g, uint8_t *out)
{
	for (Elf_Scn *s = elf_nextscn(g->elf, NULL); s; s = elf_nextscn(g->elf, s)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		size_t n = scan_notes(elf_getdata(s, NULL), out);
		if (n)
			return n;
	}
	size_t phnum;
	if (elf_getphdrnum(g->elf, &phnum) != 0)
		return 0;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(g->elf, (int)i, &ph) || ph.p_type != PT_NOTE)
			continue;
		size_t n = scan_notes(elf_getdata_rawchunk(g->elf, (int64_t)ph.p_offset,
							   ph.p_filesz, ELF_T_NHDR), out);
		if (n)
			return n;
	}
	return 0;
}

static void load_span(struct gen *g, uint64_t *lo, uint64_t *hi)
{
	size_t phnum;
	*lo = *hi = 0;
	if (elf_getphdrnum(g->elf, &phnum) != 0)
		return;
	int any = 0;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(g->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		uint64_t end = ph.p_vaddr + ph.p_memsz;
		if (!any || ph.p_vaddr < *lo)
			*lo = ph.p_vaddr;
		if (!any || end > *hi)
			*hi = end;
		any = 1;
	}
}

/* Visit `die` and its subtree.  `fn` is the innermost enclosing subprogram. */
static int walk(struct gen *g, Dwarf_Die *die, Dwarf_Die *fn, int depth)
{
	if (depth > MAX_DIE_DEPTH)
		return gen_fail(g, "corrupt DWARF: DIEs nested too deeply");
	int tag = dwarf_tag(die);
	if (tag < 0)
		return gen_fail(g, "corrupt DWARF: %s", dwarf_errmsg(-1));
	if (gt_is_type_tag(tag)) {
		if (gt_type(g, die, 0) == ACMETA_NONE)
			return -1;
	} else if (tag == DW_TAG_variable) {
		if (gs_variable(g, die, fn) < 0 || gc_variable(g, die) < 0)
			return -1;
	} else if (tag == DW_TAG_subprogram) {
		if (gf_subprogram(g, die) < 0)
			return -1;
		fn = die;
	}
	if (!dwarf_haschildren(die))
		return 0;
	Dwarf_Die child;
	int r = dwarf_child(die, &child);
	for (; r == 0; r = dwarf_siblingof(&child, &child))
		if (walk(g, &child, fn, depth + 1) < 0)
			return -1;
	if (r < 0)
		return gen_fail(g, "corrupt DWARF: %s", dwarf_errmsg(-1));
	return 0;
}

static int walk_units(struct gen *g, size_t *nunits)
{
	Dwarf_CU *cu = NULL;
	Dwarf_Half version;
	uint8_t unit_type;
	Dwarf_Die cudie, subdie;
	int r;
	*nunits = 0;
	while ((r = dwarf_get_units(g->dw, cu, &cu, &version, &unit_type, &cudie, &subdie)) == 0) {
		if (dwarf_tag(&cudie) < 0)
			return gen_fail(g, "corrupt DWARF: %s", dwarf_errmsg(-1));
		(*nunits)++;
		if (walk(g, &cudie, NULL, 0) < 0)
			return -1;
		/* split units (.dwo) are read by libdw through their skeleton */
		if (unit_type == DW_UT_skeleton && dwarf_tag(&subdie) >= 0 && subdie.addr &&
		    walk(g, &subdie, NULL, 0) < 0)
			return -1;
	}
	if (r < 0)
		return gen_fail(g, "corrupt DWARF: %s", dwarf_errmsg(-1));
	return 0;
}

static const Dwfl_Callbacks offline_callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static int open_dwarf(struct gen *g, const char *path, int fd)
{
	g->dwfl = dwfl_begin(&offline_callbacks);
	if (!g->dwfl)
		return gen_fail(g, "cannot start libdwfl: %s", dwfl_errmsg(-1));
	dwfl_report_begin(g->dwfl);
	int dfd = dup(fd);
	if (dfd < 0)
		return gen_fail(g, "%s", strerror(errno));
	g->mod = dwfl_report_offline(g->dwfl, g->name, path, dfd);
	if (!g->mod)
		return gen_fail(g, "cannot read ELF: %s", dwfl_errmsg(-1));
	if (dwfl_report_end(g->dwfl, NULL, NULL) != 0)
		return gen_fail(g, "cannot read ELF: %s", dwfl_errmsg(-1));
	Dwarf_Addr bias;
	g->dw = dwfl_module_getdwarf(g->mod, &bias);
	if (!g->dw) {
		int e = dwfl_errno();
		if (e == 0 || strstr(dwfl_errmsg(e), "No DWARF") || strstr(dwfl_errmsg(e), "no DWARF"))
			return gen_fail(g, "no DWARF debug information (compile with -g)");
		return gen_fail(g, "cannot read DWARF: %s", dwfl_errmsg(e));
	}
	return 0;
}

int acm_generate(const char *path, struct acm_blob *out, char *errbuf, size_t errlen)
{
	struct gen g;
	memset(&g, 0, sizeof g);
	mb_init(&g.mb);
	g.pending.entsize = sizeof(struct gen_pending_ptr);
	g.name = path ? path : "(null)";
	g.err = errbuf;
	g.errlen = errlen;
	if (errbuf && errlen)
		errbuf[0] = 0;
	memset(out, 0, sizeof *out);
	int fd = -1;
	uint8_t build_id[ACMETA_BUILD_ID_MAX];
	size_t build_id_len = 0;
	struct stat st;

	if (!path) {
		gen_fail(&g, "no input file");
		goto done;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		gen_fail(&g, "%s", strerror(errno));
		goto done;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		gen_fail(&g, "not a regular file");
		goto done;
	}
	elf_version(EV_CURRENT);
	g.elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!g.elf || elf_kind(g.elf) != ELF_K_ELF) {
		char head[sizeof(Elf64_Ehdr)], why[256];
		ssize_t n = pread(fd, head, sizeof head, 0);
		if (n < SELFMAG || memcmp(head, ELFMAG, SELFMAG) != 0)
			gen_fail(&g, "not an ELF file");
		else if (n == st.st_size &&   /* all of the file: its extent can be judged */
			 acmeta_elf_check_extent(head, (size_t)n, why, sizeof why) < 0)
			gen_fail(&g, "%s", why);
		else
			gen_fail(&g, "truncated or corrupt ELF file");
		goto done;
	}
	if (check_elf_layout(&g) < 0)
		goto done;
	if (!gelf_getehdr(g.elf, &g.ehdr)) {
		gen_fail(&g, "truncated or corrupt ELF header (%s)", elf_errmsg(-1));
		goto done;
	}
	if (g.ehdr.e_type != ET_EXEC && g.ehdr.e_type != ET_DYN && g.ehdr.e_type != ET_REL) {
		gen_fail(&g, "unsupported ELF type %u (need an executable, shared library "
			 "or object file)", g.ehdr.e_type);
		goto done;
	}
	out->elf_type = g.ehdr.e_type;
	build_id_len = find_build_id(&g, build_id);
	if (!build_id_len && g.ehdr.e_type != ET_REL) {
		gen_fail(&g, "no GNU build-id (link with -Wl,--build-id)");
		goto done;
	}
	if (open_dwarf(&g, path, fd) < 0)
		goto done;
	if (gt_init(&g) < 0 || gc_read_copy_relocs(&g) < 0)
		goto done;

	size_t nunits;
	if (walk_units(&g, &nunits) < 0)
		goto done;
	if (nunits == 0) {
		gen_fail(&g, "no DWARF debug information (compile with -g)");
		goto done;
	}
	if (gt_resolve_pointers(&g) < 0 || ga_sites(&g) < 0 || gc_add_statics(&g) < 0)
		goto done;
	mb_finish_names(&g.mb);
	mb_sort_tables(&g.mb);

	struct mb_header_info h = { 0 };
	h.flags = g.ehdr.e_type == ET_DYN ? ACMETA_F_PIC : 0;
	h.build_id = build_id;
	h.build_id_len = build_id_len;
	h.binary_name = base_name(path);
	load_span(&g, &h.vaddr_lo, &h.vaddr_hi);
	if (mb_serialize(&g.mb, &h, out) < 0)
		gen_fail(&g, "out of memory");

done:
	if (g.dwfl)
		dwfl_end(g.dwfl);
	if (g.elf)
		elf_end(g.elf);
	if (fd >= 0)
		close(fd);
	free(g.pending.data);
	free(g.copies.data);
	mb_map_free(&g.die_types);
	mb_map_free(&g.complete_by_tag);
	mb_free(&g.mb);
	if (g.failed) {
		acm_blob_free(out);
		return -1;
	}
	return 0;
}

void acm_blob_free(struct acm_blob *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->size = 0;
}

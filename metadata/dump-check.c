/*
 * dump-check.c -- `allocscheck-dump --check BINARY [META]`: is META really
 * the metadata of BINARY?
 *
 * Checks: same GNU build-id; ACMETA_F_PIC agrees with the binary's ELF type;
 * the header's vaddr span is the span of the binary's PT_LOAD segments; every
 * static, frame and allocation site lies inside a PT_LOAD segment.  The
 * binary is read with libelf (an independent reading of the ELF file from
 * the runtime's own).
 */
#include "dump.h"
#include "meta-paths.h"

#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LOADS 64
#define MAX_REPORTS 20

struct loads {
	uint64_t lo[MAX_LOADS], hi[MAX_LOADS];
	int n;
	int is_dyn;
	uint64_t span_lo, span_hi;
};

static int read_loads(const char *path, struct loads *L, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;
	GElf_Ehdr eh;
	size_t nph;
	int rc = -1;

	memset(L, 0, sizeof *L);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open");
		return -1;
	}
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh) ||
	    elf_getphdrnum(e, &nph) != 0) {
		snprintf(err, errlen, "cannot read ELF: %s", elf_errmsg(-1));
		goto out;
	}
	L->is_dyn = eh.e_type == ET_DYN;
	L->span_lo = UINT64_MAX;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (L->n == MAX_LOADS) {
			snprintf(err, errlen, "more than %d PT_LOAD segments", MAX_LOADS);
			goto out;
		}
		L->lo[L->n] = ph.p_vaddr;
		L->hi[L->n] = ph.p_vaddr + ph.p_memsz;
		if (L->lo[L->n] < L->span_lo)
			L->span_lo = L->lo[L->n];
		if (L->hi[L->n] > L->span_hi)
			L->span_hi = L->hi[L->n];
		L->n++;
	}
	if (L->n == 0) {
		snprintf(err, errlen, "no PT_LOAD segments (not a linked binary)");
		goto out;
	}
	rc = 0;
out:
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

/* [a, a+size) inside one PT_LOAD segment (size 0: a inside or at its end). */
static int in_loads(const struct loads *L, uint64_t a, uint64_t size)
{
	for (int i = 0; i < L->n; i++)
		if (a >= L->lo[i] && a <= L->hi[i] && size <= L->hi[i] - a)
			return 1;
	return 0;
}

static void hex_id(const uint8_t *id, size_t len, char out[2 * ACMETA_BUILD_ID_MAX + 1])
{
	if (acmeta_build_id_hex(id, len, out, 2 * ACMETA_BUILD_ID_MAX + 1) < 0)
		strcpy(out, "?");
}

int dump_check(const char *binary, const char *meta)
{
	struct dump_file bin, mf;
	struct dump_meta m;
	struct loads L;
	char err[4096];
	const uint8_t *id;
	size_t idlen;
	int bad = 0;

	if (dump_read_file(binary, &bin, err, sizeof err) < 0) {
		fprintf(stderr, "allocscheck-dump: %s: %s\n", binary, err);
		return 1;
	}
	if (acmeta_elf_check_extent(bin.data, bin.size, err, sizeof err) < 0) {
		fprintf(stderr, "allocscheck-dump: %s: %s\n", binary, err);
		dump_free_file(&bin);
		return 1;
	}
	if (acmeta_build_id_from_image(bin.data, bin.size, &id, &idlen) < 0) {
		fprintf(stderr, "allocscheck-dump: %s: no GNU build-id note "
			"(not ELF64, or linked without --build-id)\n", binary);
		dump_free_file(&bin);
		return 1;
	}
	if (meta) {
		if (dump_read_file(meta, &mf, err, sizeof err) < 0 ||
		    dump_meta_from_image(&mf, &m, err, sizeof err) < 0) {
			fprintf(stderr, "allocscheck-dump: %s: %s\n", meta, err);
			dump_free_file(&mf);
			dump_free_file(&bin);
			return 1;
		}
		dump_free_file(&mf);
		snprintf(m.path, sizeof m.path, "%s", meta);
	} else if (dump_meta_for_build_id(id, idlen, &m, err, sizeof err) < 0) {
		fprintf(stderr, "allocscheck-dump: %s: %s\n", binary, err);
		dump_free_file(&bin);
		return 1;
	}

	const struct acmeta_view *v = &m.view;
	const struct acmeta_header *h = v->hdr;
	if (h->build_id_len != idlen || memcmp(h->build_id, id, idlen) != 0) {
		char a[2 * ACMETA_BUILD_ID_MAX + 1], b[2 * ACMETA_BUILD_ID_MAX + 1];
		hex_id(id, idlen, a);
		hex_id(h->build_id, h->build_id_len, b);
		fprintf(stderr, "allocscheck-dump: %s: build-id mismatch: binary %s, "
			"meta-DSO %s has %s (stale or foreign)\n", binary, a, m.path, b);
		bad = 1;
		goto out;
	}
	if (read_loads(binary, &L, err, sizeof err) < 0) {
		fprintf(stderr, "allocscheck-dump: %s: %s\n", binary, err);
		bad = 1;
		goto out;
	}
	if (!!(h->flags & ACMETA_F_PIC) != L.is_dyn) {
		fprintf(stderr, "allocscheck-dump: %s: meta-DSO says %s but the binary is %s\n",
			binary, (h->flags & ACMETA_F_PIC) ? "PIC" : "fixed-address",
			L.is_dyn ? "ET_DYN" : "ET_EXEC");
		bad = 1;
	}
	if (h->vaddr_lo != L.span_lo || h->vaddr_hi != L.span_hi) {
		fprintf(stderr, "allocscheck-dump: %s: meta-DSO vaddr span [0x%" PRIx64
			",0x%" PRIx64 ") differs from PT_LOAD span [0x%" PRIx64 ",0x%" PRIx64 ")\n",
			binary, h->vaddr_lo, h->vaddr_hi, L.span_lo, L.span_hi);
		bad = 1;
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_STATICS]; i++) {
		const struct acmeta_static *s = acmeta_static(v, i);
		if (!in_loads(&L, s->vaddr, s->size) && bad++ < MAX_REPORTS)
			fprintf(stderr, "allocscheck-dump: %s: static %s [0x%" PRIx64 ",+%" PRIu64
				") outside every PT_LOAD segment\n", binary,
				acmeta_string(v, s->name), s->vaddr, s->size);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_FRAMES]; i++) {
		const struct acmeta_frame *f = acmeta_frame(v, i);
		if (!in_loads(&L, f->lowpc, f->highpc - f->lowpc) && bad++ < MAX_REPORTS)
			fprintf(stderr, "allocscheck-dump: %s: frame %s [0x%" PRIx64 ",0x%" PRIx64
				") outside every PT_LOAD segment\n", binary,
				acmeta_string(v, f->name), f->lowpc, f->highpc);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_SITES]; i++) {
		const struct acmeta_allocsite *s = acmeta_site(v, i);
		if (!in_loads(&L, s->vaddr, 0) && bad++ < MAX_REPORTS)
			fprintf(stderr, "allocscheck-dump: %s: allocation site 0x%" PRIx64
				" outside every PT_LOAD segment\n", binary, s->vaddr);
	}
	if (!bad)
		printf("allocscheck-dump: %s: ok: %s matches (build-id, %" PRIu32 " statics, %"
		       PRIu32 " frames, %" PRIu32 " sites inside PT_LOAD segments)\n",
		       binary, m.path, v->count[ACMETA_T_STATICS],
		       v->count[ACMETA_T_FRAMES], v->count[ACMETA_T_SITES]);
out:
	dump_meta_free(&m);
	dump_free_file(&bin);
	return bad ? 1 : 0;
}

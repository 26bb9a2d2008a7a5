/*
 * fuzz-metadso.c -- libFuzzer target for everything that reads untrusted
 * meta-DSO bytes: the ELF section finder, the blob validator, the address
 * lookups, the build-id note readers and allocscheck-dump's printer.
 *
 * Each input is tried both as a whole ELF file (the way the runtime and the
 * dump tool see a meta-DSO) and as a bare blob (so the fuzzer can explore
 * the blob format without having to keep an ELF wrapper intact).
 * Build and run: metadata/fuzz/run.sh (see README.md there).
 */
#include "dump.h"
#include "meta-paths.h"

#include <stdlib.h>
#include <string.h>

static FILE *sink;

static void exercise(const struct acmeta_view *v)
{
	/* Lookups at every entry's own address and just around it. */
	for (uint32_t i = 0; i < v->count[ACMETA_T_STATICS] && i < 64; i++) {
		uint64_t a = acmeta_static(v, i)->vaddr;
		(void)acmeta_find_static(v, a);
		(void)acmeta_find_static(v, a - 1);
		(void)acmeta_find_static(v, a + acmeta_static(v, i)->size);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_FRAMES] && i < 64; i++) {
		(void)acmeta_find_frame(v, acmeta_frame(v, i)->lowpc);
		(void)acmeta_find_frame(v, acmeta_frame(v, i)->highpc - 1);
	}
	for (uint32_t i = 0; i < v->count[ACMETA_T_SITES] && i < 64; i++)
		(void)acmeta_find_site(v, acmeta_site(v, i)->vaddr);
	(void)acmeta_find_static(v, 0);
	(void)acmeta_find_frame(v, UINT64_MAX);
	(void)acmeta_find_site(v, 0);
	dump_print(sink, v, DUMP_ALL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dump_file f = { (uint8_t *)data, size };
	struct dump_meta m;
	struct acmeta_status st;
	struct acmeta_view v;
	char err[512];
	const uint8_t *id;
	size_t idlen;

	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();

	/* As a meta-DSO file, through the dump tool's loading path. */
	if (dump_meta_from_image(&f, &m, err, sizeof err) == 0) {
		exercise(&m.view);
		dump_meta_free(&m);
	} else if (strlen(err) == 0) {
		abort();                     /* every failure must say why */
	}

	/* As a bare blob (in an aligned copy, as the runtime would need). */
	void *copy = aligned_alloc(8, (size + 8) & ~(size_t)7);   /* >= 8, multiple of 8 */
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (acmeta_open(&v, copy, size, &st) == 0)
		exercise(&v);
	else if (st.msg[0] == '\0' || st.err == ACMETA_OK)
		abort();
	free(copy);

	/* Build-id readers. */
	if (acmeta_build_id_from_image(data, size, &id, &idlen) == 0 &&
	    (id < data || id + idlen > data + size))
		abort();
	if (acmeta_build_id_from_notes(data, size, 4, &id, &idlen) == 0 &&
	    (id < data || id + idlen > data + size))
		abort();
	(void)acmeta_build_id_from_notes(data, size, 8, &id, &idlen);
	return 0;
}

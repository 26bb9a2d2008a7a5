/*
 * allocscheck-dump -- print the metadata of a meta-DSO, human-readably.
 *
 *   allocscheck-dump [--header|--types|--statics|--frames|--sites|--all] FILE
 *   allocscheck-dump --check BINARY [META]
 *
 * FILE is a meta-DSO (any ELF with an .allocs_meta section, or the bare
 * blob extracted from one); or a linked
 * binary, whose meta-DSO is then found as the runtime finds it (GNU build-id,
 * search roots ALLOCS_META_PATH, write root, system root; the blob's
 * build-id must match); or a relocatable object (.o), whose metadata is then
 * generated in memory from its DWARF.  Selectors combine; the default is
 * --all.  --check verifies that META (default: the one found as above)
 * belongs to BINARY and that its addresses lie in BINARY's PT_LOAD segments.
 *
 * Output format (stable: tests match it; one fact per line; numbers are
 * decimal except addresses, which are 0x-hex; "?" is unknown):
 *
 *   meta-dso version 1 build-id <hex> binary <name> pic|fixed vaddr [0xLO,0xHI)
 *   tables types N members N enumerators N params N statics N frames N locals N sites N strings N
 *   type <name> size <bytes|?> id <16 hex digits> <kind>[ (<flags>)]
 *     where <kind> is one of
 *       void | base <encoding> | struct N members | union N members |
 *       enum of <underlying> N enumerators | array of <elem> count <n|?> |
 *       pointer to <pointee> | function returning <ret> N params |
 *       opaque struct|union|enum
 *     and <flags> a comma list of flexible, variadic, unprototyped,
 *     has-flexible, has-bitfields, anonymous; then, per kind:
 *     member <name> offset <bytes>[ bits <bitpos>:<width>] size <bytes|?> type <type>
 *     enumerator <name> = <value>
 *     param <type>
 *   static 0x<vaddr> size <bytes> type <type> name <name>
 *   frame <function> [0x<lowpc>,0x<highpc>)
 *     local|param <name> cfa-offset <signed> size <bytes> type <type>[ pc [0xLO,0xHI)]
 *   site 0x<vaddr> type <type>[ (array,trailing,untyped)]
 *
 * Types are sorted by name, then identity; statics, frames and sites are in
 * address order; members by offset.  Anonymous members print as
 * "(anonymous)", unnamed types as "(unnamed)".  The header lines are printed
 * by --all and --header only.
 *
 * Errors: one line "allocscheck-dump: FILE: reason" on stderr, exit 1.
 * Usage errors exit 2.
 */
#include "dump.h"
#include "meta-paths.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#if ACM_HAVE_GENERATOR
#include "generate.h"
#endif

static void usage(FILE *out)
{
	fputs("usage: allocscheck-dump [--header|--types|--statics|--frames|--sites|--all] FILE\n"
	      "       allocscheck-dump --check BINARY [META]\n"
	      "FILE: a meta-DSO, a linked binary (its meta-DSO is looked up by build-id)\n"
	      "      or a relocatable object (metadata generated from its DWARF)\n", out);
}

static int die(const char *file, const char *msg)
{
	fprintf(stderr, "allocscheck-dump: %s: %s\n", file, msg);
	return 1;
}

static int print_view(const char *file, const struct acmeta_view *v, unsigned what)
{
	if (dump_print(stdout, v, what) < 0)
		return die(file, "out of memory");
	if (fflush(stdout) != 0 || ferror(stdout))
		return die(file, "error writing output");
	return 0;
}

/* A relocatable object: no meta-DSO exists for it; generate in memory. */
static int dump_relocatable(const char *file, unsigned what)
{
#if ACM_HAVE_GENERATOR
	struct acm_blob blob = { 0 };
	struct acmeta_view v;
	struct acmeta_status st;
	char err[512];
	void *mem;
	int rc;

	err[0] = '\0';
	if (acm_generate(file, &blob, err, sizeof err) != 0) {
		/* the generator's reason may already start with "FILE: " */
		size_t n = strlen(file);
		const char *why = err;
		if (!strncmp(why, file, n) && !strncmp(why + n, ": ", 2))
			why += n + 2;
		return die(file, why[0] ? why : "cannot generate metadata");
	}
	/* acm_generate's blob is malloc'd, hence aligned; validate it all the
	 * same: the printer relies on it. */
	mem = blob.data;
	if (acmeta_open(&v, mem, blob.size, &st)) {
		char msg[ACMETA_MSG_MAX + 64];
		snprintf(msg, sizeof msg, "generated metadata invalid: %s", st.msg);
		acm_blob_free(&blob);
		return die(file, msg);
	}
	rc = print_view(file, &v, what);
	acm_blob_free(&blob);
	return rc;
#else
	(void)what;
	return die(file, "relocatable object: this allocscheck-dump was built without the metadata generator");
#endif
}

static int dump_file(const char *file, unsigned what)
{
	struct dump_file f;
	struct dump_meta m;
	struct acmeta_status st;
	const void *blob;
	size_t size;
	char err[4096];
	int rc;

	if (dump_read_file(file, &f, err, sizeof err) < 0)
		return die(file, err);

	/* A bare blob (as extracted with objcopy -O binary --only-section). */
	if (f.size >= ACMETA_MAGIC_LEN && !memcmp(f.data, ACMETA_MAGIC, ACMETA_MAGIC_LEN)) {
		struct acmeta_view v;
		/* malloc'd, hence aligned */
		if (acmeta_open(&v, f.data, f.size, &st)) {
			dump_free_file(&f);
			return die(file, st.msg);
		}
		rc = print_view(file, &v, what);
		dump_free_file(&f);
		return rc;
	}
	/* Anything with the section is a meta-DSO; otherwise decide by type. */
	if (acmeta_find_section(f.data, f.size, &blob, &size, &st) != ACMETA_E_NO_SECTION) {
		if (st.err) {
			dump_free_file(&f);
			return die(file, st.msg);
		}
		rc = dump_meta_from_image(&f, &m, err, sizeof err);
		dump_free_file(&f);
		if (rc < 0)
			return die(file, err);
	} else {
		Elf64_Ehdr eh;
		const uint8_t *id;
		size_t idlen;

		memcpy(&eh, f.data, sizeof eh);   /* find_section checked the size */
		if (eh.e_type == ET_REL) {
			dump_free_file(&f);
			return dump_relocatable(file, what);
		}
		if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
			dump_free_file(&f);
			return die(file, "not a meta-DSO, binary or relocatable object");
		}
		if (acmeta_build_id_from_image(f.data, f.size, &id, &idlen) < 0) {
			dump_free_file(&f);
			return die(file, "no " ACMETA_SECTION " section and no GNU build-id "
				   "to find its meta-DSO by (link with -Wl,--build-id)");
		}
		rc = dump_meta_for_build_id(id, idlen, &m, err, sizeof err);
		dump_free_file(&f);
		if (rc < 0)
			return die(file, err);
	}
	rc = print_view(file, &m.view, what);
	dump_meta_free(&m);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned what = 0;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--check")) {
			if (argc - i - 1 < 1 || argc - i - 1 > 2) {
				usage(stderr);
				return 2;
			}
			return dump_check(argv[i + 1], argc - i - 1 == 2 ? argv[i + 2] : NULL);
		} else if (!strcmp(a, "--all")) {
			what |= DUMP_ALL;
		} else if (!strcmp(a, "--header")) {
			what |= DUMP_HEADER;
		} else if (!strcmp(a, "--types")) {
			what |= DUMP_TYPES;
		} else if (!strcmp(a, "--statics")) {
			what |= DUMP_STATICS;
		} else if (!strcmp(a, "--frames")) {
			what |= DUMP_FRAMES;
		} else if (!strcmp(a, "--sites")) {
			what |= DUMP_SITES;
		} else {
			fprintf(stderr, "allocscheck-dump: unknown option %s\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (argc - i != 1) {
		usage(stderr);
		return 2;
	}
	return dump_file(argv[i], what ? what : DUMP_ALL);
}

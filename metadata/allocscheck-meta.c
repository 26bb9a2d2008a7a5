/*
 * allocscheck-meta -- generate the meta-DSO of an executable or shared
 * library from its DWARF.
 *
 *   allocscheck-meta BINARY [-o OUT] [--print]
 *
 * Without -o the meta-DSO goes to <write root>/<hh>/<rest>.meta.so
 * (meta-paths.h: ALLOCS_META_DIR, else the per-user cache), directories
 * created as needed.  --print shows the generated tables on stdout and, when
 * no -o is given, writes nothing.  Every failure is one line on stderr and
 * exit status 1.
 */
#include "generate.h"
#include "meta-paths.h"
#include "metadso-read.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROG "allocscheck-meta"

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " BINARY [-o OUT] [--print]\n"
		   "Generate the allocscheck meta-DSO (types, statics, frame layouts,\n"
		   "allocation sites) of BINARY, an executable or shared library built with -g.\n"
		   "  -o OUT    write the meta-DSO to OUT (default: under $ALLOCS_META_DIR,\n"
		   "            else ~/.cache/allocscheck/meta, named by build-id)\n"
		   "  --print   print the generated tables; without -o, write nothing\n");
}

/* mkdir -p */
static int make_dirs(const char *path)
{
	char buf[ACMETA_PATH_MAX];
	size_t n = strlen(path);
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static int default_output(const struct acm_blob *blob, char *out, size_t outlen)
{
	const struct acmeta_header *h = blob->data;
	char root[ACMETA_PATH_MAX], dir[ACMETA_PATH_MAX];
	if (acmeta_write_root(root, sizeof root) < 0 ||
	    acmeta_meta_dir(root, h->build_id, h->build_id_len, dir, sizeof dir) < 0 ||
	    acmeta_meta_path(root, h->build_id, h->build_id_len, out, outlen) < 0) {
		fprintf(stderr, PROG ": cannot form the meta-DSO path (write root too long?)\n");
		return -1;
	}
	if (make_dirs(dir) != 0) {
		fprintf(stderr, PROG ": cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *input = NULL, *output = NULL;
	int print = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0) {
			if (++i == argc) {
				fprintf(stderr, PROG ": -o needs a file name\n");
				return 1;
			}
			output = argv[i];
		} else if (strcmp(argv[i], "--print") == 0) {
			print = 1;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, PROG ": unknown option %s (try --help)\n", argv[i]);
			return 1;
		} else if (input) {
			fprintf(stderr, PROG ": one input file at a time (%s, %s)\n", input, argv[i]);
			return 1;
		} else {
			input = argv[i];
		}
	}
	if (!input) {
		usage(stderr);
		return 1;
	}

	char err[512];
	struct acm_blob blob;
	if (acm_generate(input, &blob, err, sizeof err) != 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 1;
	}
	int write = output || !print;
	if (write && blob.elf_type == ET_REL) {
		fprintf(stderr, PROG ": %s: relocatable object; meta-DSOs describe linked "
			"executables and shared libraries\n", input);
		acm_blob_free(&blob);
		return 1;
	}
	/* Never write what our own reader would refuse. */
	struct acmeta_view view;
	struct acmeta_status st;
	if (acmeta_open(&view, blob.data, blob.size, &st) != 0) {
		fprintf(stderr, PROG ": %s: internal error: generated metadata is invalid: %s\n",
			input, st.msg);
		acm_blob_free(&blob);
		return 1;
	}
	if (print)
		acm_print_blob(&blob, stdout);
	int ret = 0;
	if (write) {
		char path[ACMETA_PATH_MAX];
		if (!output) {
			if (default_output(&blob, path, sizeof path) < 0) {
				acm_blob_free(&blob);
				return 1;
			}
			output = path;
		}
		if (acm_write_metadso(&blob, output, err, sizeof err) != 0) {
			fprintf(stderr, PROG ": %s\n", err);
			ret = 1;
		}
	}
	acm_blob_free(&blob);
	return ret;
}

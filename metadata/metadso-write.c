/*
 * metadso-write.c -- wrap a metadata blob into a meta-DSO.
 *
 * The blob goes into section ACMETA_SECTION of a tiny shared object,
 * starting at the global symbol ACMETA_SYMBOL: we write the blob and a
 * three-line assembler file that .incbin's it into a scratch directory,
 * and let the C compiler assemble and link it (-shared -nostdlib).  Using
 * the compiler keeps us out of the business of writing ELF by hand and
 * gives a well-formed DSO for any tool that inspects it.
 *
 * The compiler is ALLOCS_META_CC (split on blanks, so "ccache gcc" works),
 * else the C compiler allocscheck was built with (ACM_DEFAULT_CC).
 *
 * The meta-DSO appears atomically: it is linked to a temporary name in the
 * destination directory and renamed over `out_path`, so a concurrent reader
 * sees the old file or the new one, never a partial one.
 */
#define _GNU_SOURCE
#include "generate.h"
#include "metadso-format.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef ACM_DEFAULT_CC
#define ACM_DEFAULT_CC "cc"
#endif

extern char **environ;

#define MAX_CC_WORDS 32

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
{
	if (errbuf && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int write_all(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (size) {
		ssize_t n = write(fd, p, size);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += n;
		size -= (size_t)n;
	}
	return close(fd);
}

/* The assembler source: the blob in its own section, 16-byte aligned. */
static int write_asm(const char *path, const char *blob_path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "\t.section %s,\"a\",@progbits\n"
		   "\t.balign 16\n"
		   "\t.globl %s\n"
		   "\t.type %s, @object\n"
		   "%s:\n"
		   "\t.incbin \"",
		ACMETA_SECTION, ACMETA_SYMBOL, ACMETA_SYMBOL, ACMETA_SYMBOL);
	for (const char *c = blob_path; *c; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', f);
		fputc(*c, f);
	}
	fprintf(f, "\"\n"
		   "\t.size %s, .-%s\n"
		   "\t.section .note.GNU-stack,\"\",@progbits\n",
		ACMETA_SYMBOL, ACMETA_SYMBOL);
	return fclose(f);
}

/* First line of the compiler's output, for the error message. */
static void first_line(const char *path, char *buf, size_t len)
{
	buf[0] = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

static int run_cc(const char *asm_path, const char *out, const char *log_path,
		  char *errbuf, size_t errlen)
{
	const char *cc_env = getenv("ALLOCS_META_CC");
	char *cc = strdup(cc_env && *cc_env ? cc_env : ACM_DEFAULT_CC);
	if (!cc)
		return fail(errbuf, errlen, "out of memory");
	char *argv[MAX_CC_WORDS + 8];
	int argc = 0;
	for (char *save = NULL, *w = strtok_r(cc, " \t", &save); w && argc < MAX_CC_WORDS;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	if (argc == 0) {
		free(cc);
		return fail(errbuf, errlen, "ALLOCS_META_CC is empty");
	}
	argv[argc++] = "-shared";
	argv[argc++] = "-nostdlib";
	argv[argc++] = "-o";
	argv[argc++] = (char *)out;
	argv[argc++] = (char *)asm_path;
	argv[argc] = NULL;

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		fail(errbuf, errlen, "cannot run the compiler '%s': %s", argv[0], strerror(e));
		free(cc);
		return -1;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fail(errbuf, errlen, "waiting for the compiler: %s", strerror(errno));
			free(cc);
			return -1;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char line[256];
		first_line(log_path, line, sizeof line);
		fail(errbuf, errlen, "the compiler '%s' failed to build the meta-DSO%s%s",
		     argv[0], line[0] ? ": " : "", line);
		free(cc);
		return -1;
	}
	free(cc);
	return 0;
}

int acm_write_metadso(const struct acm_blob *blob, const char *out_path,
		      char *errbuf, size_t errlen)
{
	if (!blob || !blob->data || !out_path || !*out_path)
		return fail(errbuf, errlen, "nothing to write");
	/* The destination directory must exist: say so plainly rather than
	 * through the linker's complaint. */
	char *dir = strdup(out_path);
	if (!dir)
		return fail(errbuf, errlen, "out of memory");
	char *slash = strrchr(dir, '/');
	const char *d = slash ? (slash == dir ? "/" : (*slash = 0, dir)) : ".";
	struct stat st;
	if (stat(d, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fail(errbuf, errlen, "cannot write %s: directory %s does not exist", out_path, d);
		free(dir);
		return -1;
	}
	free(dir);
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	char *scratch = NULL, *blob_path = NULL, *asm_path = NULL, *log_path = NULL, *tmp_out = NULL;
	int ret = -1;
	if (asprintf(&scratch, "%s/allocscheck-meta.XXXXXX", tmpdir) < 0) {
		scratch = NULL;
		return fail(errbuf, errlen, "out of memory");
	}
	if (!mkdtemp(scratch)) {
		fail(errbuf, errlen, "cannot create a scratch directory in %s: %s", tmpdir, strerror(errno));
		free(scratch);
		return -1;
	}
	if (asprintf(&blob_path, "%s/blob.bin", scratch) < 0 ||
	    asprintf(&asm_path, "%s/meta.S", scratch) < 0 ||
	    asprintf(&log_path, "%s/cc.log", scratch) < 0 ||
	    asprintf(&tmp_out, "%s.tmp.%ld", out_path, (long)getpid()) < 0) {
		fail(errbuf, errlen, "out of memory");
		goto out;
	}
	if (write_all(blob_path, blob->data, blob->size) != 0 || write_asm(asm_path, blob_path) != 0) {
		fail(errbuf, errlen, "cannot write in %s: %s", scratch, strerror(errno));
		goto out;
	}
	if (run_cc(asm_path, tmp_out, log_path, errbuf, errlen) != 0) {
		unlink(tmp_out);
		goto out;
	}
	if (rename(tmp_out, out_path) != 0) {
		fail(errbuf, errlen, "cannot create %s: %s", out_path, strerror(errno));
		unlink(tmp_out);
		goto out;
	}
	ret = 0;
out:
	if (blob_path)
		unlink(blob_path);
	if (asm_path)
		unlink(asm_path);
	if (log_path)
		unlink(log_path);
	rmdir(scratch);
	free(scratch);
	free(blob_path);
	free(asm_path);
	free(log_path);
	free(tmp_out);
	return ret;
}

/*
 * dump-load.c -- read files and find a binary's meta-DSO for allocscheck-dump,
 * the same way the runtime does: build-id -> <root>/<hh>/<rest>.meta.so over
 * the search roots, and only a candidate whose blob carries the same
 * build-id counts.
 */
#include "dump.h"
#include "meta-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dump_read_file(const char *path, struct dump_file *f, char *err, size_t errlen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	f->data = NULL;
	f->size = 0;
	if (fd < 0 || fstat(fd, &st) < 0) {
		int e = errno;      /* callers tell "not found" by errno */
		snprintf(err, errlen, "%s", strerror(e));
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		close(fd);
		return -1;
	}
	f->data = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!f->data) {
		snprintf(err, errlen, "out of memory reading %lld bytes", (long long)st.st_size);
		close(fd);
		return -1;
	}
	while (f->size < (size_t)st.st_size) {
		ssize_t n = read(fd, f->data + f->size, (size_t)st.st_size - f->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "read: %s", strerror(errno));
			close(fd);
			dump_free_file(f);
			return -1;
		}
		if (n == 0)
			break;          /* shrank while we read: use what we got */
		f->size += (size_t)n;
	}
	close(fd);
	return 0;
}

void dump_free_file(struct dump_file *f)
{
	free(f->data);
	f->data = NULL;
	f->size = 0;
}

int dump_meta_from_image(const struct dump_file *f, struct dump_meta *m,
			 char *err, size_t errlen)
{
	const void *blob;
	size_t size;
	struct acmeta_status st;

	m->mem = NULL;
	if (acmeta_find_section(f->data, f->size, &blob, &size, &st)) {
		snprintf(err, errlen, "%s", st.msg);
		return -1;
	}
	/* The section may sit at any file offset: copy it to aligned memory. */
	m->mem = aligned_alloc(8, (size + 7) & ~(size_t)7);
	if (!m->mem) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(m->mem, blob, size);
	if (acmeta_open(&m->view, m->mem, size, &st)) {
		snprintf(err, errlen, "%s", st.msg);
		dump_meta_free(m);
		return -1;
	}
	return 0;
}

void dump_meta_free(struct dump_meta *m)
{
	free(m->mem);
	m->mem = NULL;
}

/* Append to a one-line "where we looked" list (silently truncated). */
static void append(char *buf, size_t cap, const char *s)
{
	size_t n = strlen(buf), k = strlen(s);
	if (n + 1 >= cap)
		return;
	if (k > cap - n - 1)
		k = cap - n - 1;
	memcpy(buf + n, s, k);
	buf[n + k] = '\0';
}

static void note(char *buf, size_t cap, const char *path, const char *why)
{
	if (buf[0])
		append(buf, cap, "; ");
	append(buf, cap, path);
	append(buf, cap, " (");
	append(buf, cap, why);
	append(buf, cap, ")");
}

int dump_meta_for_build_id(const uint8_t *id, size_t len, struct dump_meta *m,
			   char *err, size_t errlen)
{
	struct acmeta_root_iter it;
	const char *root;
	char looked[3072] = "";
	char hex[2 * ACMETA_BUILD_ID_MAX + 1];

	acmeta_roots_begin(&it);
	while ((root = acmeta_roots_next(&it))) {
		struct dump_file f;
		char why[256];
		const struct acmeta_header *h;

		if (acmeta_meta_path(root, id, len, m->path, sizeof m->path) < 0) {
			note(looked, sizeof looked, root, "path too long");
			continue;
		}
		if (dump_read_file(m->path, &f, why, sizeof why) < 0) {
			note(looked, sizeof looked, m->path, errno == ENOENT ? "not found" : why);
			continue;
		}
		if (dump_meta_from_image(&f, m, why, sizeof why) < 0) {
			note(looked, sizeof looked, m->path, why);
			dump_free_file(&f);
			continue;
		}
		dump_free_file(&f);
		h = m->view.hdr;
		if (h->build_id_len != len || memcmp(h->build_id, id, len) != 0) {
			note(looked, sizeof looked, m->path, "build-id differs: stale or foreign");
			dump_meta_free(m);
			continue;
		}
		return 0;
	}
	if (acmeta_build_id_hex(id, len, hex, sizeof hex) < 0)
		hex[0] = '\0';
	snprintf(err, errlen, "no meta-DSO for build-id %s (looked in: %s)", hex,
		 looked[0] ? looked : "no search roots");
	return -1;
}

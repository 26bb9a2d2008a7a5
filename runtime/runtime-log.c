/*
 * runtime-log.c -- message formatting and output with write(2) only.
 *
 * Why not stdio: messages can come from inside malloc/free hooks, from
 * signal handlers and from constructors that run before libc's stdio is
 * usable; printf may allocate or take locks held by the interrupted code.
 */
#include "runtime-log.h"
#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill-- > 0)
			put_char(o, pad);
	for (size_t i = 0; i < n; i++)
		put_char(o, s[i]);
	if (left)
		while (fill-- > 0)
			put_char(o, ' ');
}

static size_t utoa(char *tmp, unsigned long long v, unsigned base)
{
	static const char digits[] = "0123456789abcdef";
	size_t n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	/* reverse in place */
	for (size_t i = 0; i < n / 2; i++) {
		char t = tmp[i];
		tmp[i] = tmp[n - 1 - i];
		tmp[n - 1 - i] = t;
	}
	return n;
}

size_t allocs_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put_char(&o, *f);
			continue;
		}
		f++;
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		if (*f == '-') { left = 1; f++; }
		if (*f == '0') { pad = '0'; f++; }
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (*f++ - '0');
		while (*f == 'l') { lng++; f++; }
		if (*f == 'z') { lng = 2; f++; }
		char tmp[32];
		size_t n;
		switch (*f) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_padded(&o, s, strlen(s), width, left, ' ');
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case 'd': case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long) : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
			unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			size_t k = 0;
			if (v < 0)
				tmp[k++] = '-';
			n = k + utoa(tmp + k, u, 10);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		}
		case 'u': case 'x': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
				: lng == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			n = utoa(tmp, v, *f == 'x' ? 16 : 10);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			tmp[0] = '0'; tmp[1] = 'x';
			n = 2 + utoa(tmp + 2, v, 16);
			put_padded(&o, tmp, n, width, left, ' ');
			break;
		}
		case '%':
			put_char(&o, '%');
			break;
		case '\0':
			f--;
			break;
		default:
			put_char(&o, '%');
			put_char(&o, *f);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len < size ? o.len : (size ? size - 1 : 0);
}

size_t allocs_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = allocs_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* -1: not decided yet.  Opening is idempotent enough: two threads racing
 * both open the file (O_APPEND), one descriptor leaks; harmless. */
static int log_fd = -1;

int allocs_log_fd(void)
{
	int fd = __atomic_load_n(&log_fd, __ATOMIC_ACQUIRE);
	if (fd >= 0)
		return fd;
	fd = 2;
	const char *path = allocs_options()->log_path;
	if (path && *path) {
		int saved = errno;
		int f = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		errno = saved;
		if (f >= 0)
			fd = f;
	}
	__atomic_store_n(&log_fd, fd, __ATOMIC_RELEASE);
	return fd;
}

void allocs_log_write(const char *s, size_t n)
{
	int saved = errno;
	int fd = allocs_log_fd();
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		s += w;
		n -= (size_t)w;
	}
	errno = saved;
}

void allocs_vlog(const char *fmt, va_list ap)
{
	char buf[ALLOCS_LOG_LINE_MAX];
	static const char prefix[] = "allocscheck: ";
	memcpy(buf, prefix, sizeof prefix - 1);
	size_t n = sizeof prefix - 1;
	n += allocs_vformat(buf + n, sizeof buf - n, fmt, ap);
	allocs_log_write(buf, n);
}

void allocs_log(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	allocs_vlog(fmt, ap);
	va_end(ap);
}

void allocs_debug(int level, const char *fmt, ...)
{
	if (allocs_options()->verbose < level)
		return;
	va_list ap;
	va_start(ap, fmt);
	allocs_vlog(fmt, ap);
	va_end(ap);
}

/*
 * meta-msg.c -- fixed-buffer message formatting for the metadata loader.
 */
#include "meta-msg.h"
#include "runtime-log.h"

#include <string.h>

static void put(struct meta_msg *m, const char *s, size_t n)
{
	size_t room = sizeof m->buf - 1 - m->len;
	if (n > room)
		n = room;
	memcpy(m->buf + m->len, s, n);
	m->len += n;
	m->buf[m->len] = '\0';
}

void mm_str(struct meta_msg *m, const char *s)
{
	put(m, s ? s : "(null)", strlen(s ? s : "(null)"));
}

void mm_dec(struct meta_msg *m, uint64_t v)
{
	char tmp[24];
	int i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(m, tmp + i, sizeof tmp - (size_t)i);
}

void mm_hex(struct meta_msg *m, uint64_t v)
{
	char tmp[18];
	int i = sizeof tmp;
	do {
		tmp[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	put(m, tmp + i, sizeof tmp - (size_t)i);
}

void mm_bytes_hex(struct meta_msg *m, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char two[2] = { "0123456789abcdef"[b[i] >> 4], "0123456789abcdef"[b[i] & 15] };
		put(m, two, 2);
	}
}

void mm_emit(struct meta_msg *m)
{
	m->buf[m->len] = '\0';
	allocs_log("%s\n", m->buf);
}

/*
 * meta-msg.h -- building one-line messages without stdio or malloc (the
 * metadata loader runs before main and next to the malloc hooks).
 */
#ifndef ALLOCS_META_MSG_H
#define ALLOCS_META_MSG_H

#include <stddef.h>
#include <stdint.h>

struct meta_msg {
	char buf[512];
	size_t len;
};

void mm_str(struct meta_msg *m, const char *s);
void mm_dec(struct meta_msg *m, uint64_t v);
void mm_hex(struct meta_msg *m, uint64_t v);           /* 0x... */
void mm_bytes_hex(struct meta_msg *m, const uint8_t *b, size_t n); /* build-ids */
/* Print the line through the runtime's log (prefix and newline added there). */
void mm_emit(struct meta_msg *m);

#endif

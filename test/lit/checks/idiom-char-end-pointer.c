// Clean run: the end pointer of an array of words carved out of char
// storage at the end of an allocation.  MurmurHash3, as jq hashes its
// strings: `blocks = (const uint32_t *)(data + nblocks * 4)`, then
// blocks[-nblocks] .. blocks[-1]; when the length is not a multiple of 4,
// blocks points 1-3 bytes before the end of the allocation, where no whole
// uint32_t fits.  Running past the end of an allocation is a question for
// bounds checks, not a type conflict: the cast is to untyped storage.  (A
// target that would overlap a typed member after a char array is still
// reported: is-a-unit.c.)
// ALLOCS_CHECK=abort: any report fails.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: hash 10 [[H10:[0-9]+]] hash 11 {{[0-9]+}} hash 12 {{[0-9]+}} again [[H10]]
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[0-9]+}} passed, 0 failed
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct str { uint32_t hash; uint32_t len; char data[]; };

__attribute__((noinline)) static uint32_t hash(const struct str *s)
{
	const uint8_t *data = (const uint8_t *)s->data;
	int nblocks = (int)s->len / 4;
	uint32_t h = 0x9747b28c;
	const uint32_t *blocks = (const uint32_t *)(data + nblocks * 4);
	for (int i = -nblocks; i; i++) {
		uint32_t k;
		memcpy(&k, &blocks[i], sizeof k);   /* the read itself is aligned here anyway */
		h = (h ^ (k * 0xcc9e2d51u)) * 5 + 0xe6546b64u;
	}
	const uint8_t *tail = data + nblocks * 4;
	for (uint32_t i = 0; i < (s->len & 3); i++)
		h = (h ^ tail[i]) * 0x1b873593u;
	return h;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const char *text = "abcdefghijkl";
	uint32_t first = 0;
	for (uint32_t len = 10; len <= 12; len++) {
		/* exactly the bytes needed: no slack after data[len - 1] */
		struct str *s = malloc(sizeof *s + len);
		s->len = len;
		memcpy(s->data, text, len);
		s->hash = hash(s);
		if (len == 10)
			first = s->hash;
		printf("hash %u %u ", len, s->hash);
		free(s);
	}
	struct str *again = malloc(sizeof *again + 10);
	again->len = 10;
	memcpy(again->data, text, 10);
	printf("again %u\n", hash(again) == first ? first : 0);
	free(again);
	return 0;
}

// Clean run: at -O2 GCC puts variables whose lifetimes do not overlap in
// one stack slot.  SQLite's sqlite3WalFrames has `u8 aWalHdr[32]` in a
// block and a function-level `WalWriter w` used only after it: both live
// at the same address, and the checksum code casts aWalHdr to `u32 *`.
// The variable of the innermost scope valid at the pc is the live one.
// (At -O0 the two have slots of their own; the program must pass there too.)
// ALLOCS_CHECK=abort: any report fails.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: sum 1 [[S:[0-9]+]] sum 2 [[S]] writer 7 3
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[0-9]+}} passed, 0 failed
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct writer { void *wal; void *fd; long long sync_point; int flags; };

__attribute__((noinline)) static uint32_t checksum(const uint8_t *a, int n)
{
	const uint32_t *data = (const uint32_t *)a;
	const uint32_t *end = (const uint32_t *)&a[n];
	uint32_t s = 0;
	while (data < end)
		s = s * 31 + *data++;
	return s;
}

__attribute__((noinline)) static void use_writer(struct writer *w, int *out)
{
	*out = w->flags + (int)w->sync_point;
}

__attribute__((noinline)) static int frames(int first, uint32_t *sum)
{
	int r = 0;
	if (first) {
		_Alignas(8) uint8_t hdr[32];         /* may share w's slot */
		for (int i = 0; i < 32; i++)
			hdr[i] = (uint8_t)(i * 7);
		*sum = checksum(hdr, 32);
	}
	struct writer w;
	memset(&w, 0, sizeof w);
	w.flags = 4;
	w.sync_point = 3;
	use_writer(&w, &r);
	return r;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	uint32_t s1 = 0, s2 = 0;
	int r1 = frames(1, &s1);
	int r2 = frames(1, &s2);
	printf("sum 1 %u sum 2 %u writer %d %d\n", s1, s2, r1, r2 - 4);
	return 0;
}

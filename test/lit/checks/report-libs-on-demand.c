// The report libraries (libunwind for frames, libdw for file:line) are not
// in a checked program until its first report, and that report is still
// fully symbolized.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O1 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=warn %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct circle { double r; };
struct square { long side; char name[8]; };

/* Is a library whose file name starts with `name` mapped? */
static int mapped(const char *name)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int found = 0;
	while (f && fgets(line, sizeof line, f)) {
		const char *slash = strrchr(line, '/');
		if (slash && strncmp(slash + 1, name, strlen(name)) == 0)
			found = 1;
	}
	if (f)
		fclose(f);
	return found;
}

__attribute__((noinline)) static void *launder(void *p)
{
	__asm__ volatile("" : "+r"(p));
	return p;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);  /* interleave with the report on stderr */
	printf("before: libdw %d libunwind %d\n", mapped("libdw"), mapped("libunwind"));
	// CHECK: before: libdw 0 libunwind 0
	struct circle *c = malloc(sizeof *c);
	struct square *s = (struct square *)launder(c);
	// CHECK: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct square *`
	// CHECK: backtrace:
	// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main {{.*}}report-libs-on-demand.c:[[@LINE-3]]
	printf("after: libdw %d libunwind %d\n", mapped("libdw"), mapped("libunwind"));
	// CHECK: after: libdw 1 libunwind 1
	free(s);
	return 0;
}

// Memory the runtime cannot type passes and is counted as unknown, never
// reported: libc's own data, mmap'd buffers, a pointer one past the end
// of an array, and objects of a library built without metadata.
// REQUIRES: plugin, runtime
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -O2 -DLIB -shared -fPIC %s -o %t.d/libplain.so
// RUN: %allocscheck-cc -O0 %s -o %t.d/prog0 -L%t.d -lplain -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t.d/prog0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t.d/prog2 -L%t.d -lplain -Wl,-rpath,%t.d %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t.d/prog2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// CHECK: ok 1 1 1 1
// CHECK: allocscheck: summary: 4 checks, 0 passed, 0 failed, 4 unknown
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

struct blob { long a, b; };

#ifdef LIB
static long plain_data[4];
void *plain_object(void) { return plain_data; }
#else
void *plain_object(void);

__attribute__((noinline)) static void *launder(void *p) { return p; }

static struct blob blobs[3];

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	time_t t = 0;
	struct tm *tm = (struct tm *)launder(gmtime(&t));          /* libc's static */
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct blob *in_map = (struct blob *)launder(m);            /* mapped, untyped */
	struct blob *end = (struct blob *)launder(blobs + 3);       /* one past the end */
	struct blob *lib = (struct blob *)plain_object();          /* no metadata */
	printf("ok %d %d %d %d\n", tm != NULL, in_map != NULL, end != NULL, lib != NULL);
	return 0;
}
#endif

// A meta-DSO that does not belong to the binary (stale: another build-id
// inside), is truncated, or has another format version is refused with
// exactly one message naming the reason, and the program runs untyped.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.meta && mkdir %t.meta
// RUN: env ALLOCS_META_DIR=%t.meta %cc -I%S/../../../include -o %t %s %allocscheck-ldflags
// RUN: env ALLOCS_META_DIR=%t.meta %cc -DOTHER -I%S/../../../include -o %t.other %s %allocscheck-ldflags
// RUN: cp "$(%meta-path %t %t.meta)" %t.good
//
// Sanity: the right meta-DSO is used silently.
// RUN: env ALLOCS_META_DIR=%t.meta %t 2>&1 | FileCheck --check-prefix=GOOD %s
// GOOD-NOT: allocscheck:
// GOOD: lookups: r=0 type=struct record[4]{{$}}
//
// Stale: the other program's meta-DSO under this program's name.
// RUN: cp "$(%meta-path %t.other %t.meta)" "$(%meta-path %t %t.meta)"
// RUN: env ALLOCS_META_DIR=%t.meta %t 2>&1 | FileCheck --check-prefix=STALE %s
// STALE: allocscheck: ignoring meta-DSO {{.*}}.meta.so for {{.*}}meta-refused.c.tmp (build-id {{[0-9a-f]+}}): stale: it describes build-id {{[0-9a-f]+}}, not the loaded binary's; it runs untyped
// STALE-NOT: allocscheck:
// STALE: lookups: r=-1 type=(unknown type)
// STALE-NOT: allocscheck:
//
// Truncated.
// RUN: head -c 700 %t.good > "$(%meta-path %t %t.meta)"
// RUN: env ALLOCS_META_DIR=%t.meta %t 2>&1 | FileCheck --check-prefix=TRUNC %s
// TRUNC: allocscheck: ignoring meta-DSO {{.*}}.meta.so for {{.*}}meta-refused.c.tmp (build-id {{[0-9a-f]+}}): {{.+}}; it runs untyped
// TRUNC-NOT: allocscheck:
// TRUNC: lookups: r=-1 type=(unknown type)
// TRUNC-NOT: allocscheck:
//
// Another format version (the header's version field, after the 8-byte magic).
// RUN: cp %t.good "$(%meta-path %t %t.meta)"
// RUN: off=$(readelf -S -W %t.good | sed -n 's/.*\.allocs_meta *[A-Z]* *[0-9a-f]* \([0-9a-f]*\) .*/\1/p') && \
// RUN:   printf '\143' | dd of="$(%meta-path %t %t.meta)" bs=1 seek=$((0x$off + 8)) conv=notrunc 2>/dev/null
// RUN: env ALLOCS_META_DIR=%t.meta %t 2>&1 | FileCheck --check-prefix=VERSION %s
// VERSION: allocscheck: ignoring meta-DSO {{.*}}: {{.*}}version 99{{.*}}; it runs untyped
// VERSION-NOT: allocscheck:
// VERSION: lookups: r=-1 type=(unknown type)

#include <stdio.h>
#include "allocs.h"

struct record { long key; char tag[12]; };
struct record records[4];
#ifdef OTHER
int other_only = 1;
#endif

int main(void)
{
	struct allocs_info i;
	int r = 0;
	/* Several lookups touching the object: the refusal is said once. */
	for (int k = 0; k < 4; k++)
		r |= allocs_lookup(&records[k].tag[3], &i);
	fflush(stdout);
	printf("lookups: r=%d type=%s\n", r, allocs_type_name(r == 0 ? i.type : NULL));
	return 0;
}

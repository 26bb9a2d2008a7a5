// A dlopen'ed library's statics become known (found on first lookup, with
// its meta-DSO), are dropped at dlclose, and come back when it is opened
// again.
// REQUIRES: runtime, meta
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %cc -DLIB -shared -fPIC -o %t.d/libplug.so %s %allocscheck-ldflags
// RUN: %cc -I%S/../../../include -o %t %s -ldl %allocscheck-ldflags
// RUN: %t %t.d/libplug.so | FileCheck %s

#include <stddef.h>
#include <stdio.h>

struct config { char name[16]; int level; };

#ifdef LIB
struct config plugin_config = { "plug", 3 };
#else
#include <dlfcn.h>
#include "allocs.h"

static int show(const char *what, const void *p, const void *base, size_t size)
{
	struct allocs_info i;
	int r = allocs_lookup(p, &i);
	printf("%s: r=%d kind=%s base=%s size=%s type=%s\n", what, r, allocs_kind_name(i.kind),
	       i.base == base ? "ok" : "WRONG", i.size == size ? "ok" : "WRONG",
	       allocs_type_name(i.type));
	return r;
}

int main(int argc, char **argv)
{
	(void)argc;
	void *h = dlopen(argv[1], RTLD_NOW);
	if (!h) {
		printf("dlopen failed: %s\n", dlerror());
		return 1;
	}
	struct config *c = dlsym(h, "plugin_config");
	show("opened", &c->level, c, sizeof *c);
	// CHECK: opened: r=0 kind=static base=ok size=ok type=struct config
	const void *old = c;
	dlclose(h);
	struct allocs_info i;
	printf("closed: kind=%s\n", allocs_lookup(old, &i) == 0 ? allocs_kind_name(i.kind) : "none");
	// CHECK: closed: kind={{none|mapped}}

	h = dlopen(argv[1], RTLD_NOW);
	c = dlsym(h, "plugin_config");
	show("reopened", c->name + 15, c, sizeof *c);
	// CHECK: reopened: r=0 kind=static base=ok size=ok type=struct config
	dlclose(h);
	return 0;
}
#endif

#include <stdio.h>
#include <allocs.h>
#include "shapes.h"

int main(void)
{
	struct circle *c = circle_new(2.0);
	void *h = shape_handle(c);
#ifdef BAD_CAST
	struct square *s = (struct square *)h;   /* line 10: the bad cast */
	printf("square %d\n", s->id);
#else
	struct circle *back = (struct circle *)h;
	struct allocs_info in;
	int found = allocs_lookup(back, &in);
	printf("circle %g, lookup %d, type %s, size %zu\n", back->r, found,
	       allocs_type_name(in.type), in.size);
#endif
	return 0;
}

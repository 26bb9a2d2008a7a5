/* A library whose objects come typed from its own allocation sites. */
#include <stdlib.h>
#include "shapes.h"

struct circle *circle_new(double r)
{
	struct circle *c = malloc(sizeof *c);   /* line 7: allocation site */
	c->r = r;
	c->id = 1;
	return c;
}

void *shape_handle(struct circle *c)
{
	return c;
}

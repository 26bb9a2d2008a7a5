#include <stdio.h>
#include <string.h>
#include "counter.h"

int main(int argc, char **argv)
{
	struct counter *c = counter_new("requests");
	void *o = counter_opaque(c);
	if (argc > 1 && strcmp(argv[1], "bad") == 0) {
		struct timer *t = (struct timer *)o;   /* line 10: the bad cast */
		printf("timer %g\n", t->start);
	} else {
		struct counter *back = (struct counter *)o;
		printf("counter %s %ld\n", back->name, back->hits);
	}
	return 0;
}

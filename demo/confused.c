/*
 * A type-confusion bug: an event queue stores different structs behind
 * `void *`, and one consumer takes a `struct packet` for a `struct timer`.
 * The program "works" (no crash, no out-of-bounds access), so neither the
 * compiler nor AddressSanitizer says anything; allocscheck reports the cast.
 */
#include <stdio.h>
#include <stdlib.h>

struct timer { long deadline; void (*fire)(void); };
struct packet { int len; char bytes[12]; };

struct event { int kind; void *payload; };   /* kind 0: timer, 1: packet */

static void ring(void) { puts("ring"); }

static long next_deadline(const struct event *e)
{
	/* BUG: does not look at e->kind. */
	struct timer *t = (struct timer *)e->payload;
	return t->deadline;
}

int main(void)
{
	struct timer *t = malloc(sizeof *t);
	struct packet *p = malloc(sizeof *p);
	t->deadline = 100;
	t->fire = ring;
	p->len = 5;
	struct event queue[2] = { { 0, t }, { 1, p } };
	long sum = 0;
	for (int i = 0; i < 2; i++)
		sum += next_deadline(&queue[i]);
	printf("sum of deadlines: %ld\n", sum);
	free(t);
	free(p);
	return 0;
}

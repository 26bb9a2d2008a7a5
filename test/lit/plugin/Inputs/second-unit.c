/* A second instrumented unit casting to the same type as the first. */
struct point { int x, y; };

int second_unit_get(void *v)
{
	return ((struct point *)v)->y;
}

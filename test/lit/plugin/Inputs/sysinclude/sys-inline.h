/* A system header (found through -isystem) with inline code that casts. */
struct sys_thing { int a; };
static inline int sys_get(void *v)
{
	return ((struct sys_thing *)v)->a;
}

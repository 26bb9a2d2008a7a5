struct counter { long hits; char name[12]; };
struct timer { double start; double stop; };
struct counter *counter_new(const char *name);
void *counter_opaque(struct counter *c);

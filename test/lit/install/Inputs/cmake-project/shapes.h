struct circle { double r; int id; };
struct square { int id; double side; };
struct circle *circle_new(double r);
void *shape_handle(struct circle *c);

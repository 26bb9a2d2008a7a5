// Static elision in the instrumented code: conversions from `S *` that
// every S satisfies (a member at offset 0, an array element, a union with
// S as an arm) get no __allocs_check_cast; downcasts, conversions from a
// union to one of its arms, and unions whose arm merely begins with S keep
// theirs.  no-cast-elision checks them all.
//
// REQUIRES: plugin
// RUN: %allocscheck-cc -c %s -o %t.o -fdump-tree-gimple=%t.gimple
// RUN: FileCheck %s --check-prefix=ELIDE --input-file %t.gimple
// RUN: %allocscheck-cc -c %s -o %t-all.o -fdump-tree-gimple=%t-all.gimple -fplugin-arg-allocscheck-no-cast-elision
// RUN: FileCheck %s --check-prefix=ALL --input-file %t-all.gimple

struct hdr { struct hdr *next; unsigned char tt; };
struct table { struct hdr *next; unsigned char tt; int n; };
union obj { struct hdr gc; struct table h; };
struct node { int key; struct node *next; };
struct wrap { struct node n; double d; };
struct boxed { struct wrap w[2]; };
union starts_with_node { struct wrap w; long l; };

// ELIDE-LABEL: safe (
// ELIDE-NOT: __allocs_check_cast
// ELIDE: return
// ALL-LABEL: safe (
// ALL-COUNT-6: __allocs_check_cast
// ALL: return
long safe(struct hdr *o, struct table *t, struct wrap *w, struct boxed *b)
{
	union obj *u1 = (union obj *)o;          /* S is an arm */
	union obj *u2 = (union obj *)t;
	struct node *n = (struct node *)w;       /* first member */
	int *k = (int *)w;                       /* first member's first member */
	struct node *bn = (struct node *)b;      /* through an array */
	struct wrap (*ba)[2] = (struct wrap (*)[2])b;
	return u1->gc.tt + u2->h.n + n->key + *k + bn->key + (long)ba;
}

// ELIDE-LABEL: checked (
// ELIDE-COUNT-4: __allocs_check_cast
// ELIDE: return
long checked(union obj *u, struct node *n, struct hdr *o, struct node *m)
{
	struct table *t = (struct table *)u;     /* union to one arm */
	struct wrap *w = (struct wrap *)n;       /* downcast */
	struct table *t2 = (struct table *)o;    /* downcast */
	union starts_with_node *s = (union starts_with_node *)m; /* arm only begins with S */
	return t->n + (long)w->d + t2->n + s->l;
}

#!/usr/bin/env python3
"""Deterministic workload inputs for the benchmark programs.

    gen.py KIND SIZE > file

KIND is text, json, markdown or sql; SIZE is a rough target in bytes (for sql,
a row count).  The same arguments always give the same bytes (a fixed seed and
only the parts of `random` whose output is stable across Python 3 releases),
so every build of a program sees identical input and outputs can be compared.
"""
import random
import sys

WORDS = ("alloc bound check type cast pointer struct union member array index "
         "heap stack global frame object region offset size align field base "
         "limit shadow trap report site caller callee quick brown fox jumps over "
         "the lazy dog lorem ipsum dolor sit amet consectetur adipiscing elit "
         "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua").split()


def word(r):
    return WORDS[r.randrange(len(WORDS))]


def sentence(r, n=None):
    n = n or 4 + r.randrange(12)
    return " ".join(word(r) for _ in range(n))


def text(r, size, out):
    written = 0
    line = 0
    while written < size:
        line += 1
        if line % 7 == 0:
            s = "%08d %s %d\n" % (line, word(r).upper(), r.randrange(1 << 30))
        else:
            s = sentence(r).capitalize() + ".\n"
        out.write(s)
        written += len(s)


def json_doc(r, size, out):
    out.write("[\n")
    written = 0
    i = 0
    while written < size:
        if i:
            out.write(",\n")
        tags = ",".join('"%s"' % word(r) for _ in range(r.randrange(5)))
        s = ('{"id":%d,"name":"%s","group":"%s","score":%d.%02d,"active":%s,'
             '"tags":[%s],"pos":{"x":%d,"y":%d},"note":"%s"}' % (
                 i, word(r) + str(r.randrange(1000)), word(r), r.randrange(1000),
                 r.randrange(100), "true" if r.randrange(2) else "false", tags,
                 r.randrange(-500, 500), r.randrange(-500, 500), sentence(r)))
        out.write(s)
        written += len(s)
        i += 1
    out.write("\n]\n")


def markdown(r, size, out):
    written = 0
    sec = 0
    while written < size:
        sec += 1
        parts = ["%s Section %d: %s\n\n" % ("#" * (1 + sec % 3), sec, sentence(r, 3))]
        for _ in range(1 + r.randrange(3)):
            parts.append("%s *%s* and **%s** with `%s` and a [link](http://example.com/%d \"%s\").\n%s\n\n" % (
                sentence(r).capitalize(), word(r), sentence(r, 2), word(r),
                r.randrange(10000), word(r), sentence(r)))
        parts.append("".join("- %s\n  - %s\n" % (sentence(r, 5), word(r))
                             for _ in range(1 + r.randrange(4))) + "\n")
        parts.append("1. %s\n2. %s\n\n> %s\n> %s\n\n" % (
            sentence(r, 4), sentence(r, 4), sentence(r), sentence(r)))
        if sec % 4 == 0:
            parts.append("```c\nstruct %s { int %s[%d]; };\n```\n\n" % (
                word(r), word(r), r.randrange(64)))
        if sec % 5 == 0:
            parts.append("<div class=\"%s\">%s</div>\n\n" % (word(r), sentence(r)))
        s = "".join(parts)
        out.write(s)
        written += len(s)


def sql(r, rows, out):
    out.write("PRAGMA cache_size=-65536;\n")
    out.write("CREATE TABLE grp(id INTEGER PRIMARY KEY, name TEXT, weight REAL);\n")
    out.write("CREATE TABLE item(id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, "
              "score INTEGER, body TEXT);\n")
    out.write("BEGIN;\n")
    for g in range(200):
        out.write("INSERT INTO grp VALUES(%d,'%s%d',%d.%d);\n" % (
            g, word(r), g, r.randrange(100), r.randrange(10)))
    out.write("COMMIT;\n")
    # Bulk rows come from a recursive CTE so that the work is in the engine,
    # not in parsing a huge script.
    out.write("INSERT INTO item SELECT x, (x*7919)%%200, 'n'||((x*104729)%%%d), "
              "(x*31337)%%100000, printf('%%s-%%d-%%s', hex(x*2654435761), x, "
              "substr('abcdefghijklmnopqrstuvwxyz', 1+x%%26, 1+(x*13)%%26)) "
              "FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c "
              "WHERE x<%d) SELECT x FROM c);\n" % (rows // 3, rows))
    out.write("CREATE INDEX item_grp ON item(grp, score);\n")
    out.write("CREATE INDEX item_name ON item(name);\n")
    out.write("SELECT count(*), sum(score), max(length(body)) FROM item;\n")
    out.write("SELECT g.name, count(*), avg(i.score), min(i.body) FROM item i JOIN grp g "
              "ON g.id=i.grp GROUP BY g.id ORDER BY 2 DESC, 1 LIMIT 12;\n")
    out.write("SELECT name, count(*) c FROM item GROUP BY name HAVING c>3 ORDER BY c DESC, name LIMIT 10;\n")
    out.write("UPDATE item SET score=score+1, body=upper(body) WHERE grp%7=3;\n")
    out.write("DELETE FROM item WHERE score%13=0;\n")
    out.write("SELECT count(*), total(score) FROM item WHERE body LIKE '%A-1%';\n")
    out.write("SELECT a.id, b.id FROM item a JOIN item b ON a.name=b.name AND a.id<b.id "
              "ORDER BY a.id DESC LIMIT 5;\n")
    out.write("CREATE TABLE summary AS SELECT grp, group_concat(id) ids FROM "
              "(SELECT grp, id FROM item WHERE score<500 ORDER BY id) GROUP BY grp;\n")
    out.write("SELECT grp, length(ids), substr(ids,1,40) FROM summary ORDER BY grp LIMIT 8;\n")
    out.write("PRAGMA integrity_check;\n")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, size = sys.argv[1], int(sys.argv[2])
    r = random.Random(20251122)
    gen = {"text": text, "json": json_doc, "markdown": markdown, "sql": sql}.get(kind)
    if gen is None:
        sys.exit("unknown kind %r" % kind)
    gen(r, size, sys.stdout)


if __name__ == "__main__":
    main()

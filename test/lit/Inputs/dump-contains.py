#!/usr/bin/env python3
"""Check that an allocscheck-dump output contains every expected block.

usage: dump-contains.py [--subset] EXPECTED DUMP

Both files are read as blocks: a line that does not start with a space (a
"type ...", "static ...", "frame ..." line) and the indented lines under it
(members, enumerators, params, locals).  Type identities (" id <hex>") are
dropped from the dump, since the test programs that write EXPECTED cannot
compute them.

For each expected block, some dump block must have the same first line and:
  - by default, exactly the expected indented lines, in order;
  - with --subset, at least the expected indented lines, in any order.
An expected line (first or indented) that ends in "..." matches any line
that starts with the part before it.  The order of blocks does not matter.
Prints every block that is missing or different, with the dump's nearest
candidates, and exits 1 if there is one.
"""
import re
import sys

ID = re.compile(r' id [0-9a-f]{16}\b')


def blocks(path, strip_ids):
    out = []
    with open(path) as f:
        for raw in f:
            line = raw.rstrip('\n')
            if not line.strip():
                continue
            if strip_ids:
                line = ID.sub('', line, count=1)
            if line.startswith(' '):
                if not out:
                    sys.exit('%s: indented line before any block: %r' % (path, line))
                out[-1][1].append(line)
            else:
                out.append((line, []))
    return out


def line_matches(expected, actual):
    if expected.endswith('...'):
        return actual.startswith(expected[:-3])
    return expected == actual


def main(argv):
    subset = False
    if argv and argv[0] == '--subset':
        subset = True
        argv = argv[1:]
    if len(argv) != 2:
        sys.exit(__doc__)
    expected = blocks(argv[0], False)
    dump = blocks(argv[1], True)
    if not expected:
        sys.exit('dump-contains: %s: no expected blocks' % argv[0])

    failures = 0
    for head, body in expected:
        if head.endswith('...'):
            cands = [b for b in dump if b[0].startswith(head[:-3])]
        else:
            cands = [b for b in dump if b[0] == head]
        if subset:
            ok = any(all(any(line_matches(e, d) for d in c[1]) for e in body) for c in cands)
        else:
            ok = any(len(body) == len(c[1]) and all(map(line_matches, body, c[1]))
                     for c in cands)
        if ok:
            continue
        failures += 1
        print('error: no dump block matches:')
        print('\n'.join(['  expected: ' + head] + ['  expected: ' + l for l in body]))
        if not cands:
            # Nearest: same first three words (e.g. "type struct foo").
            key = ' '.join(head.split()[:3])
            cands = [b for b in dump if b[0].startswith(key)]
        for c in cands[:3]:
            print('\n'.join(['  dump has: ' + c[0]] + ['  dump has: ' + l for l in c[1]]))
        if not cands:
            print('  (nothing similar in the dump)')
    if failures:
        print('dump-contains: %d of %d expected blocks not found' % (failures, len(expected)))
        return 1
    print('dump-contains: all %d expected blocks found' % len(expected))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

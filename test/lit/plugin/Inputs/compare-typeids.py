#!/usr/bin/env python3
"""Compare the plugin's type identities with a meta-DSO's.

usage: compare-typeids.py [--allow-absent] PLUGIN_IDS TYPES_DUMP STATICS_DUMP

PLUGIN_IDS: written by -fplugin-arg-allocscheck-dump-typeids=FILE, lines
  "struct TAG [(incomplete)] HEX", "union ...", "enum ...",
  "typedef NAME HEX", "var NAME HEX".
TYPES_DUMP: `allocscheck-dump --types`, lines "type SPELLING size N id HEX ...".
STATICS_DUMP: `allocscheck-dump --statics`, lines
  "static ADDR size N type SPELLING name NAME".

Every plugin identity must be one the meta-DSO gives the same type:
  var NAME      -> the identity of the static NAME's type (by its spelling)
  struct TAG    -> the identity of a type spelled "struct TAG"
  typedef NAME  -> some identity of the meta-DSO (typedef names are gone)
Indented lines of PLUGIN_IDS (an aggregate's members) are not compared.
Prints one line per disagreement and "typeids agree: N checked" on success.
With --allow-absent, plugin types the meta-DSO does not describe at all
(DWARF omits unused types, optimised-out statics) are counted as ABSENT,
not as disagreements: for checking real programs rather than a corpus.
"""
import re
import sys


def read_types(path):
    by_spelling = {}
    ids = set()
    pat = re.compile(r'^type (.*) size \S+ id ([0-9a-f]{16})\b')
    with open(path) as f:
        for line in f:
            m = pat.match(line)
            if m:
                by_spelling.setdefault(m.group(1), set()).add(m.group(2))
                ids.add(m.group(2))
    return by_spelling, ids


def read_statics(path):
    statics = {}
    pat = re.compile(r'^static \S+ size \S+ type (.*) name (\S+)$')
    with open(path) as f:
        for line in f:
            m = pat.match(line.rstrip('\n'))
            if m:
                statics[m.group(2)] = m.group(1)
    return statics


def main():
    args = sys.argv[1:]
    allow_absent = bool(args) and args[0] == '--allow-absent'
    if allow_absent:
        args = args[1:]
    if len(args) != 3:
        sys.exit(__doc__)
    by_spelling, all_ids = read_types(args[1])
    statics = read_statics(args[2])
    bad = 0
    absent = 0
    checked = 0
    with open(args[0]) as f:
        for line in f:
            if line[:1].isspace():
                continue
            words = line.split()
            if len(words) < 3:
                continue
            kind, hexid = words[0], words[-1]
            name = ' '.join(words[1:-1])
            checked += 1
            if kind == 'var':
                spelling = statics.get(name)
                if spelling is None and allow_absent:
                    absent += 1
                elif spelling is None:
                    print('MISSING static %s in the meta-DSO' % name)
                    bad += 1
                elif hexid not in by_spelling.get(spelling, ()):
                    print('MISMATCH var %s: plugin %s, meta-DSO %s for %s'
                          % (name, hexid, ' '.join(sorted(by_spelling.get(spelling, ()))) or 'nothing',
                             spelling))
                    bad += 1
            elif kind in ('struct', 'union', 'enum'):
                tag = name.replace(' (incomplete)', '')
                spelling = '%s %s' % (kind, tag)
                if allow_absent and spelling not in by_spelling:
                    absent += 1
                elif hexid not in by_spelling.get(spelling, ()):
                    print('MISMATCH %s: plugin %s, meta-DSO %s'
                          % (spelling, hexid, ' '.join(sorted(by_spelling.get(spelling, ()))) or 'nothing'))
                    bad += 1
            elif kind == 'typedef':
                if allow_absent and hexid not in all_ids:
                    absent += 1
                elif hexid not in all_ids:
                    print('MISMATCH typedef %s: plugin %s is no type of the meta-DSO' % (name, hexid))
                    bad += 1
            else:
                print('UNKNOWN line: %s' % line.rstrip())
                bad += 1
    if checked == 0:
        print('no identities to compare')
        return 1
    if bad:
        print('typeids disagree: %d of %d' % (bad, checked))
        return 1
    if absent:
        print('absent from the meta-DSO: %d' % absent)
    print('typeids agree: %d checked' % checked)
    return 0


if __name__ == '__main__':
    sys.exit(main())

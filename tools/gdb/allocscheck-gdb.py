# allocscheck-gdb.py -- gdb commands that ask a running allocscheck'd
# process what lives at an address.
#
#   (gdb) source PREFIX/share/allocscheck/gdb/allocscheck-gdb.py
#   (gdb) allocs whatis p            # a pointer: what it points to
#   (gdb) allocs whatis &s.name[2]   # any address
#   (gdb) allocs whatis 0x5555555592a8
#   (gdb) allocs whatis local        # a non-pointer object: the object itself
#
# The answer comes from the process's own runtime (liballocs.so), by
# calling allocs_debug_describe (include/allocs-describe.h) in the
# inferior: allocation kind, bounds, type, allocation site file:line, the
# sub-object at the address and the layout around it.  A function called by
# the debugger runs on a frame the runtime cannot unwind past, so for stack
# addresses this script finds the frame holding the address with gdb's own
# unwinder and passes that frame's pc and CFA along.
#
# To load it automatically, add the `source` line to ~/.gdbinit.

import re

import gdb

_DESCRIBE = "allocs_debug_describe"


def _address_of(arg):
    """The address an expression names: a pointer's value, an array's
    start, another object's own address, or an integer taken as an
    address."""
    v = gdb.parse_and_eval(arg)
    t = v.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR:
        return int(v.cast(gdb.lookup_type("unsigned long")))
    if t.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM, gdb.TYPE_CODE_CHAR, gdb.TYPE_CODE_BOOL) \
            and v.address is None:
        return int(v) & 0xFFFFFFFFFFFFFFFF
    if v.address is not None:
        return int(v.address.cast(gdb.lookup_type("unsigned long")))
    if t.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM):
        return int(v) & 0xFFFFFFFFFFFFFFFF
    raise gdb.GdbError("allocs whatis: `%s' is neither a pointer nor an object in memory" % arg)


def _frame_cfa(frame):
    """The frame's CFA, which gdb calls the address the frame is "at".
    Read from `info frame` because it is there even for the outermost frame
    gdb shows (no caller to read the stack pointer from: backtraces stop at
    main)."""
    selected = gdb.selected_frame()
    try:
        frame.select()
        text = gdb.execute("info frame", to_string=True)
    finally:
        selected.select()
    m = re.search(r"frame at (0x[0-9a-fA-F]+)", text)
    return int(m.group(1), 16) if m else 0


def _frame_hint(addr):
    """(pc, cfa) of the frame whose stack area holds addr, or (0, 0).  A
    frame spans [its SP, its CFA)."""
    try:
        f = gdb.newest_frame()
    except gdb.error:
        return 0, 0
    newest = True
    while f is not None:
        try:
            sp = int(f.read_register("sp")) & 0xFFFFFFFFFFFFFFFF
            cfa = _frame_cfa(f)
        except (gdb.error, ValueError):
            return 0, 0
        if sp <= addr < cfa:
            pc = f.pc()
            # A caller's pc is a return address: the call is before it.
            if not newest and f.type() == gdb.NORMAL_FRAME:
                pc -= 1
            return pc, cfa
        f = f.older()
        newest = False
    return 0, 0


def _describe(addr):
    if gdb.selected_inferior().pid == 0:
        raise gdb.GdbError("allocs whatis: the program is not running")
    if gdb.lookup_global_symbol(_DESCRIBE) is None and \
            gdb.lookup_static_symbol(_DESCRIBE) is None:
        try:
            gdb.parse_and_eval("(long)&" + _DESCRIBE)
        except gdb.error:
            raise gdb.GdbError("allocs whatis: this process has no allocscheck runtime "
                               "(%s not found; was it linked with allocscheck-config --ldflags?)"
                               % _DESCRIBE)
    pc, cfa = _frame_hint(addr)
    fn = "((const char *(*)(const void *, unsigned long, unsigned long))%s)" % _DESCRIBE
    res = gdb.parse_and_eval("%s((const void *)%d, %dUL, %dUL)" % (fn, addr, pc, cfa))
    return res.string()


class AllocsPrefix(gdb.Command):
    """allocscheck commands.

allocs whatis EXPR -- what allocation holds the address EXPR gives"""

    def __init__(self):
        super(AllocsPrefix, self).__init__("allocs", gdb.COMMAND_DATA, gdb.COMPLETE_NONE, True)


class AllocsWhatis(gdb.Command):
    """Describe the allocation holding an address, as allocscheck's runtime sees it.

Usage: allocs whatis EXPR
EXPR is a pointer (its target is described), an integer address, or an
object in memory (the object itself).  Prints the allocation's kind (heap,
stack, static, mapped), bounds, size and type, where it was allocated or
which variable it is, the sub-object at the address and the layout of the
struct or union around it."""

    def __init__(self):
        super(AllocsWhatis, self).__init__("allocs whatis", gdb.COMMAND_DATA,
                                           gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: allocs whatis EXPR")
        addr = _address_of(arg)
        gdb.write(_describe(addr))


AllocsPrefix()
AllocsWhatis()

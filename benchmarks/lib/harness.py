#!/usr/bin/python3
"""Real-program benchmark harness for allocscheck (driven by benchmarks/run.sh).

For each program (a recipe in benchmarks/programs/NAME.sh): fetch its Debian
source, build it four ways through its own build system, run its test suite
(correctness, untimed), check each build's output against the plain build's,
then time the workload N times per build, interleaving the builds round-robin
so that machine drift falls on all of them alike.  Writes RESULTS.md, a PNG
plot of the ratios, and the raw figures as JSON in the cache directory.
"""
import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)
RECIPE = os.path.join(HERE, "recipe.sh")
CC_WRAPPER = os.path.join(HERE, "cc-timed")

ALL_PROGRAMS = ["bzip2", "lua", "sqlite", "jq", "cmark"]
QUICK_PROGRAMS = ["bzip2", "lua"]
VARIANTS = ["plain", "asan", "ac-types", "ac-types-bounds"]
BASE_CFLAGS = "-O2 -g"
RUNTIME_ONLY = "runtime only (plugin not yet available)"

# ASan's leak check runs at exit and turns leaks into a non-zero exit; it is
# not something allocscheck does, so it is off for a like-for-like timing.
ASAN_ENV = {"ASAN_OPTIONS": "detect_leaks=0"}


# Process groups of the builds, tests and runs under way: killed if the
# harness itself is interrupted, so that nothing is left running.
LIVE = set()


def kill_live():
    for pgid in list(LIVE):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True,
                          text=True, **kw)


# ---------------------------------------------------------------- allocscheck

def find_config(args):
    cands = []
    if args.config:
        cands.append(args.config)
    if os.environ.get("ALLOCSCHECK_CONFIG"):
        cands.append(os.environ["ALLOCSCHECK_CONFIG"])
    if args.build_dir:
        cands.append(os.path.join(args.build_dir, "bin", "allocscheck-config"))
    cands.append(os.path.join(REPO, "build", "bin", "allocscheck-config"))
    which = shutil.which("allocscheck-config")
    if which:
        cands.append(which)
    for c in cands:
        if os.access(c, os.X_OK):
            return c
    return None


def probe_compile(cflags, ldflags, need_runtime=False):
    """Can a trivial program be compiled and linked with these flags (and,
    with need_runtime, does it then load the allocscheck runtime)?"""
    d = tempfile.mkdtemp(prefix="ac-probe-")
    try:
        src = os.path.join(d, "p.c")
        with open(src, "w") as f:
            f.write(PROBE_SRC)
        r = sh("gcc %s %s -o %s/p %s" % (cflags, src, d, ldflags),
               env=dict(os.environ, ALLOCS_META_DIR=os.path.join(d, "meta")))
        if r.returncode != 0:
            return False, (r.stderr.strip().splitlines() or ["?"])[-1]
        r = sh(os.path.join(d, "p"), env=dict(os.environ, ALLOCS_CHECK="abort",
                                                 ALLOCS_META_DIR=os.path.join(d, "meta")))
        if r.returncode != 0:
            return False, "probe program exited %d: %s" % (
                r.returncode, (r.stderr.strip().splitlines() or ["?"])[-1])
        if need_runtime:
            dyn = sh(["readelf", "-d", os.path.join(d, "p")]).stdout
            if "liballocs" not in dyn:
                return False, "the link flags do not link the runtime (liballocs) yet"
        return True, ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


PROBE_SRC = r"""
#include <stdlib.h>
struct s { int a[4]; };
struct t { struct s s; double d; };
int main(int argc, char **argv) {
	void *v = malloc(sizeof(struct t));
	struct t *t = (struct t *)v;
	struct s *p = &t->s;
	p->a[argc % 4] = 1;
	int r = ((struct s *)(void *)t)->a[argc % 4] - 1;
	free(v);
	(void)argv;
	return r;
}
"""


def undefined_symbols(cflags):
    """The undefined symbols of the probe compiled with cflags (None: failed)."""
    d = tempfile.mkdtemp(prefix="ac-probe-")
    try:
        src = os.path.join(d, "p.c")
        with open(src, "w") as f:
            f.write(PROBE_SRC)
        r = sh("gcc -O2 %s -c %s -o %s/p.o" % (cflags, src, d))
        if r.returncode != 0:
            return None, (r.stderr.strip().splitlines() or ["?"])[-1]
        nm = sh(["nm", "-u", os.path.join(d, "p.o")]).stdout.split()
        return set(x for x in nm if x != "U"), ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def allocscheck_setup(args):
    """Decide how the two allocscheck variants are built.

    Returns ({variant: (label, cflags, ldflags)} for the allocscheck
    variants, empty when unavailable; a one-line description of the mode)."""
    cfg = find_config(args)
    if not cfg:
        return {}, "allocscheck-config not found (looked in --config, --build-dir, build/bin, PATH)"
    rc = sh([cfg, "--cflags"])
    rl = sh([cfg, "--ldflags"])
    if rc.returncode or rl.returncode:
        return {}, "%s --cflags/--ldflags failed: %s" % (cfg, (rc.stderr + rl.stderr).strip())
    cflags, ldflags = rc.stdout.strip(), rl.stdout.strip()
    ok, why = probe_compile("", ldflags, need_runtime=True)
    if not ok:
        return {}, "allocscheck link flags unusable: %s (%s)" % (why, cfg)
    runtime_only = ({"ac-types": ("allocscheck types: " + RUNTIME_ONLY, "", ldflags),
                     "ac-types-bounds": ("allocscheck types+bounds: " + RUNTIME_ONLY, "", ldflags)})
    if not any(t.startswith("-fplugin") for t in shlex.split(cflags)):
        return runtime_only, "%s: --cflags loads no plugin (%s)" % (RUNTIME_ONLY, cfg)
    # The plugin counts as available once it inserts calls into the code:
    # the probe compiled with it references symbols the plain one does not.
    base, _ = undefined_symbols("")
    inst, why = undefined_symbols(cflags)
    if inst is None:
        return runtime_only, "%s: the plugin fails on a probe: %s (%s)" % (RUNTIME_ONLY, why, cfg)
    if not (inst - (base or set())):
        return runtime_only, "%s: the plugin loads but inserts no checks yet (%s)" % (RUNTIME_ONLY, cfg)
    full = {v: "%s -fplugin-arg-allocscheck-checks=%s" % (cflags, chk)
            for v, chk in (("ac-types", "types"), ("ac-types-bounds", "types,bounds"))}
    ok, why = probe_compile(full["ac-types-bounds"], ldflags, need_runtime=True)
    if ok:
        return ({"ac-types": ("allocscheck types", full["ac-types"], ldflags),
                 "ac-types-bounds": ("allocscheck types+bounds", full["ac-types-bounds"], ldflags)},
                "plugin + runtime (%s)" % cfg)
    ok, why2 = probe_compile(cflags, ldflags, need_runtime=True)
    if not ok:
        return runtime_only, "%s: a probe built with the plugin fails: %s (%s)" % (
            RUNTIME_ONLY, why2, cfg)
    note = " (plugin has no checks= argument yet: built with its default checks)"
    return ({"ac-types": ("allocscheck types" + note, cflags, ldflags),
             "ac-types-bounds": ("allocscheck types+bounds" + note, cflags, ldflags)},
            "plugin + runtime; -fplugin-arg-allocscheck-checks= rejected (%s), so both "
            "allocscheck builds use the plugin's default checks (%s)" % (why, cfg))


def flag_files_stamp(flags):
    """mtimes of the files the flags name (plugin, specs, runtime), so that
    a rebuilt product triggers rebuilt benchmarks."""
    out = []
    for tok in shlex.split(flags):
        path = tok.split("=", 1)[1] if "=" in tok else tok
        if path.startswith("-L"):
            path = path[2:]
        if os.path.isfile(path):
            out.append("%s@%d" % (path, os.stat(path).st_mtime_ns))
            if path.endswith(".specs"):
                with open(path) as f:
                    out.append(hashlib.sha1(f.read().encode()).hexdigest())
    return out


# ------------------------------------------------------------------- recipes

class Ctx:
    def __init__(self, args):
        self.args = args
        self.cache = args.cache
        self.meta_dir = os.path.join(self.cache, "meta")
        self.logs = os.path.join(self.cache, "logs")
        os.makedirs(self.logs, exist_ok=True)
        os.makedirs(self.meta_dir, exist_ok=True)

    def env(self, **extra):
        e = dict(os.environ)
        e["BENCH_CACHE"] = self.cache
        e["ALLOCS_META_DIR"] = self.meta_dir
        e.pop("ALLOCS_CHECK", None)
        # Builds run tools they just compiled (SQLite's lemon, ...): with
        # ASan, LeakSanitizer would fail the build over their leaks.
        e["ASAN_OPTIONS"] = ASAN_ENV["ASAN_OPTIONS"]
        # ...and a clean run of an instrumented tool must print nothing
        # (Tcl's exec fails on any stderr output).
        e["ALLOCS_SUMMARY"] = "0"
        e.update(extra)
        return e

    def recipe(self, prog, action, logname=None, timeout=None, **env):
        cmd = ["nice", "-n", str(self.args.nice), RECIPE, prog, action]
        if logname:
            with open(os.path.join(self.logs, logname), "w") as f:
                p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT,
                                     env=self.env(**env), start_new_session=True)
                LIVE.add(p.pid)
                try:
                    rc = p.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)  # the whole build or test
                    p.wait()
                    f.write("\n[bench] killed after %ss\n" % timeout)
                    rc = 124
                # Not in a `finally`: if the harness is interrupted, the
                # group must still be listed for kill_live().
                LIVE.discard(p.pid)
                return rc, ""
        r = subprocess.run(cmd, capture_output=True, text=True, env=self.env(**env))
        return r.returncode, r.stdout.strip() + r.stderr.strip()


def variant_flags(variant, ac):
    if variant == "plain":
        return "plain (-O2 -g)", BASE_CFLAGS, ""
    if variant == "asan":
        return "-fsanitize=address (-O2 -g)", BASE_CFLAGS + " -fsanitize=address", "-fsanitize=address"
    if variant in ac:
        label, cflags, ldflags = ac[variant]
        return label, (BASE_CFLAGS + " " + cflags).strip(), ldflags
    return None


def build_one(ctx, prog, tree, variant, ac, built):
    """Build one variant; returns (status, binary or None, build secs, build dir)."""
    vf = variant_flags(variant, ac)
    if vf is None:
        return "not available", None, None, None
    label, cflags, ldflags = vf
    # Only what shapes the build: editing a recipe's workload or tests
    # does not throw its builds away.
    recipe_hash = hashlib.sha1(sh(["bash", "-c", '. "$1"; declare -f prepare_src build; '
                                   'echo "$PKG $BIN"', "x",
                                   os.path.join(BENCH, "programs", prog + ".sh")]
                                  ).stdout.encode()).hexdigest()
    gccv = sh(["gcc", "--version"]).stdout.splitlines()[0]
    key = json.dumps([cflags, ldflags, recipe_hash, gccv,
                      flag_files_stamp(cflags + " " + ldflags)])
    # Variants with identical flags (the two allocscheck ones before the
    # plugin exists) share one build.
    for other, (okey, res) in built.items():
        if okey == key:
            st, binary, secs, bdir = res
            if binary:
                st = "ok (same build as %s)" % other
            return (st, binary, secs, bdir)
    bdir = os.path.join(ctx.cache, "build", prog, variant)
    stamp = os.path.join(bdir, ".bench-stamp")
    binrel = ctx.recipe(prog, "bin")[1]
    binary = os.path.join(bdir, binrel)
    if (not ctx.args.rebuild and os.path.exists(stamp) and open(stamp).read() == key
            and os.access(binary, os.X_OK)):
        secs = float(open(stamp + ".secs").read()) if os.path.exists(stamp + ".secs") else None
        res = ("ok (cached)", binary, secs, bdir)
        built[variant] = (key, res)
        return res
    log("build %s [%s]: CFLAGS=%s LDFLAGS=%s" % (prog, variant, cflags, ldflags))
    shutil.rmtree(bdir, ignore_errors=True)
    os.makedirs(os.path.dirname(bdir), exist_ok=True)
    r = subprocess.run(["cp", "-a", tree, bdir])
    if r.returncode:
        return "build failed (copy)", None, None, None
    cclog = os.path.join(bdir, ".cc-log")
    t0 = time.time()
    rc, _ = ctx.recipe(prog, "build", logname="%s-%s-build.log" % (prog, variant),
                       BUILD_DIR=bdir, CC=CC_WRAPPER, CFLAGS=cflags, LDFLAGS=ldflags,
                       JOBS=str(ctx.args.jobs), BENCH_CC_LOG=cclog)
    secs = time.time() - t0
    if rc != 0:
        log("  build FAILED (log: %s)" % os.path.join(ctx.logs, "%s-%s-build.log" % (prog, variant)))
        res = ("build failed", None, secs, None)
    else:
        with open(stamp, "w") as f:
            f.write(key)
        with open(stamp + ".secs", "w") as f:
            f.write("%.1f" % secs)
        log("  built in %.0fs" % secs)
        res = ("ok", binary, secs, bdir)
    built[variant] = (key, res)
    return res


def run_env(ctx, variant, check_mode):
    if variant == "asan":
        return ASAN_ENV
    if variant.startswith("ac-"):
        return {"ALLOCS_CHECK": check_mode}
    return {}


# Every timed run, whatever the build, gets the same environment variables
# (values of equal length) and runs its binary through a path of the same
# length.  A program can depend on the size of both: Lua's garbage collector
# paces itself by the bytes it has allocated, argv[0] among them, and its
# peak RSS on our workload moves by half when argv[0] is 5 bytes longer
# (same binary, copied under another name: 11.5 MiB against 17 MiB).
def timed_env(check_mode):
    return dict(ASAN_ENV, ALLOCS_CHECK=check_mode)


def same_length_path(ctx, variant, binary):
    d = os.path.join(ctx.cache, "run", str(VARIANTS.index(variant)))
    os.makedirs(d, exist_ok=True)
    link = os.path.join(d, os.path.basename(binary))
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(binary, link)
    return link


def timed_run(ctx, prog, binary, variant, check_mode):
    """One workload run: (seconds, peak RSS KiB, exit status, stdout sha1,
    stderr, user+sys CPU seconds)."""
    scratch = tempfile.mkdtemp(prefix="bench-%s-" % prog, dir=os.path.join(ctx.cache, "tmp"))
    env = ctx.env(BENCH_BIN=same_length_path(ctx, variant, binary),
                  INPUT_DIR=os.path.join(ctx.cache, "inputs", prog), **timed_env(check_mode))
    out = os.path.join(scratch, ".stdout")
    err = os.path.join(scratch, ".stderr")
    rssf = os.path.join(scratch, ".rss")
    try:
        with open(out, "wb") as fo, open(err, "wb") as fe:
            # Peak RSS comes from GNU time, not from our own wait4: a child
            # forked from this Python process starts with Python's resident
            # set as its high-water mark, which would hide small programs.
            cmd = ["/usr/bin/time", "-f", "%M %U %S", "-o", rssf,
                   "nice", "-n", str(ctx.args.nice), RECIPE, prog, "run"]
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=fo, stderr=fe, env=env, cwd=scratch,
                                 start_new_session=True)
            LIVE.add(p.pid)
            try:
                status = p.wait(timeout=ctx.args.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                status = None
            LIVE.discard(p.pid)
            secs = time.perf_counter() - t0
        try:
            with open(rssf) as f:
                last = f.read().strip().splitlines()[-1].split()
            rss, cpu = int(last[0]), float(last[1]) + float(last[2])
        except (OSError, ValueError, IndexError):
            rss, cpu = 0, None
        code = "timeout" if status is None else status
        with open(out, "rb") as f:
            digest = hashlib.sha1(f.read()).hexdigest()
        with open(err, "r", errors="replace") as f:
            stderr = f.read()
        if ctx.args.keep_output:
            shutil.copy(out, os.path.join(ctx.logs, "%s-%s.stdout" % (prog, variant)))
        # GNU time reports the maximum over the workload shell and its children.
        return secs, rss, code, digest, stderr, cpu
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


SUMMARY_LINE = re.compile(r"^allocscheck: summary: (?:[a-z]+: )?(.*)$")
COUNTER = re.compile(r"^\s*(\d+)\s+(.+?)\s*$")


def parse_summary(stderr):
    """Sum the counters of every allocscheck exit summary in stderr.

    The runtime prints, per process that ran instrumented code, lines like
    `allocscheck: summary: 120 checks, 118 passed, 0 failed, 2 unknown` and
    `allocscheck: summary: bounds: 5 bounds fetched, 3 index queries, ...`
    (checker/counters.c); a workload may run several processes."""
    counters = {}
    for line in stderr.splitlines():
        m = SUMMARY_LINE.match(line)
        if not m:
            continue
        for part in m.group(1).split(","):
            c = COUNTER.match(part)
            if c:
                name = c.group(2).replace(" ", "_")
                counters[name] = counters.get(name, 0) + int(c.group(1))
    return counters


def has_error_report(stderr):
    return any("ERROR:" in line for line in stderr.splitlines())


# ------------------------------------------------------------------ analysis

def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def geomeans(results, key):
    """Geometric mean of each build's ratios, over the programs where every
    build has one (so that the columns compare like with like); falls back
    to each build's own programs when no program has them all."""
    ratios = [r.get(key, {}) for r in results.values()]
    common = [rr for rr in ratios if all(rr.get(v) for v in VARIANTS[1:])]
    out = {}
    for v in VARIANTS[1:]:
        pool = common if common else [rr for rr in ratios if rr.get(v)]
        out[v] = (geomean([rr.get(v) for rr in pool]), len(pool))
    return out, bool(common)


def geomean_row(results, key):
    gms, common = geomeans(results, key)
    n = max([k for _, k in gms.values()] or [0])
    label = "**geomean** (%d programs with every build)" % n if common else \
        "**geomean** (each build over its own programs)"
    return "| " + " | ".join([label, ""] + [fmt_ratio(g) for g, _ in gms.values()]) + " |"


def fmt_ratio(x):
    return "%.2fx" % x if x else ""


def machine_desc():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = ", %.0f GiB RAM" % (kb / 1048576)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d cores%s, %s %s" % (
        cpu, os.cpu_count() or 0, mem, platform.system(), platform.release())


def commit_desc():
    r = sh(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    c = r.stdout.strip() or "unknown"
    d = sh(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"])
    u = sh(["git", "-C", REPO, "status", "--porcelain"])
    if d.stdout.strip() or u.stdout.strip():
        c += " (plus uncommitted changes in the work tree)"
    return c


SHORT = {"asan": "ASan", "ac-types": "allocscheck types",
         "ac-types-bounds": "allocscheck types+bounds"}


def write_plot(results, labels, path, mode, meta):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib not available (apt-get install python3-matplotlib); no plot")
        return False
    progs = [p for p in results if results[p].get("time")]
    others = [v for v in VARIANTS if v != "plain"]
    fig, axes = plt.subplots(1, 3, figsize=(16, 4.8))
    for ax, key, title in ((axes[0], "time", "Wall time / plain"),
                           (axes[1], "cpu", "CPU time (user+sys) / plain"),
                           (axes[2], "rss", "Peak RSS / plain")):
        width = 0.8 / len(others)
        names = progs + ["geomean"]
        for k, v in enumerate(others):
            vals = []
            for p in progs:
                vals.append(results[p].get(key + "_ratio", {}).get(v) or 0)
            vals.append(geomeans(results, key + "_ratio")[0][v][0] or 0)
            xs = [i + (k - (len(others) - 1) / 2) * width for i in range(len(names))]
            bars = ax.bar(xs, vals, width, label=SHORT.get(v, v))
            ax.bar_label(bars, labels=["%.2f" % x if x else "" for x in vals],
                         fontsize=6, rotation=90, padding=2)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.margins(y=0.15)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=20)
        ax.set_title(title)
        ax.set_ylabel("ratio (lower is better)")
    axes[0].legend(fontsize=7, loc="upper left")
    import textwrap
    fig.suptitle("\n".join(textwrap.wrap("allocscheck builds: %s.  %s, median of %s runs" % (
        mode, meta["date"], meta["runs"]), 150)), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def cell(r, v, key, show):
    """One table cell: the build's median `key` (shown by `show`) and its
    ratio against plain, or why there is none."""
    st = r["status"].get(v, "")
    if not st.startswith("ok"):
        return st or "not run"
    x = r.get(key, {}).get(v)
    if x is None:
        return "no run"
    ratio = r.get(key + "_ratio", {}).get(v)
    return show(x) + (" (%s)" % fmt_ratio(ratio) if ratio and v != "plain" else "")


def cell_time(r, v):
    return cell(r, v, "time", lambda t: "%.3fs" % t)


def cell_cpu(r, v):
    return cell(r, v, "cpu", lambda t: "%.3fs" % t)


def cell_rss(r, v):
    return cell(r, v, "rss", lambda m: "%.1f MiB" % (m / 1024.0))


def write_markdown(ctx, results, labels, mode, meta, path, plot_name):
    a = ctx.args
    L = []
    L.append("# allocscheck real-program benchmarks")
    L.append("")
    if a.quick:
        L.append("**Quick smoke run (1 run per build, 2 programs): not a measurement.**")
        L.append("")
    L.append("- Date: %s" % meta["date"])
    L.append("- Machine: %s" % meta["machine"])
    L.append("- Commit: %s" % meta["commit"])
    L.append("- Compiler: %s" % meta["gcc"])
    L.append("- allocscheck builds: %s" % mode)
    L.append("- Runs: median of %d per build, builds interleaved round-robin; "
             "allocscheck builds timed with ALLOCS_CHECK=%s, ASan with ASAN_OPTIONS=detect_leaks=0; "
             "everything under `nice -n %d` on a shared machine." % (a.runs, a.check_mode, a.nice))
    L.append("- Command: `%s`" % meta["command"])
    L.append("")
    L.append("Builds: " + "; ".join("**%s** = %s" % (v, labels.get(v, "not available"))
                                    for v in VARIANTS))
    L.append("")
    L.append("## Wall time (median; ratio against plain)")
    L.append("")
    L.append("| program | " + " | ".join(VARIANTS) + " |")
    L.append("|---|" + "---|" * len(VARIANTS))
    for p, r in results.items():
        L.append("| %s | %s |" % (p, " | ".join(cell_time(r, v) for v in VARIANTS)))
    L.append(geomean_row(results, "time_ratio"))
    L.append("")
    L.append("## CPU time, user+sys (median; ratio against plain)")
    L.append("")
    L.append("On a shared machine CPU time is the steadier figure: wall time also "
             "counts the time the workload waited for a core.")
    L.append("")
    L.append("| program | " + " | ".join(VARIANTS) + " |")
    L.append("|---|" + "---|" * len(VARIANTS))
    for p, r in results.items():
        L.append("| %s | %s |" % (p, " | ".join(cell_cpu(r, v) for v in VARIANTS)))
    L.append(geomean_row(results, "cpu_ratio"))
    L.append("")
    L.append("## Peak RSS (median; ratio against plain)")
    L.append("")
    L.append("| program | " + " | ".join(VARIANTS) + " |")
    L.append("|---|" + "---|" * len(VARIANTS))
    for p, r in results.items():
        L.append("| %s | %s |" % (p, " | ".join(cell_rss(r, v) for v in VARIANTS)))
    L.append(geomean_row(results, "rss_ratio"))
    L.append("")
    if plot_name:
        L.append("![ratios against plain](%s)" % plot_name)
        L.append("")
    L.append("## Correctness")
    L.append("")
    L.append("`output`: the workload run once more per build (allocscheck builds with "
             "ALLOCS_CHECK=abort): `same` = byte-identical stdout to plain, exit 0 and no "
             "`ERROR:` line on stderr. `tests`: the program's own test suite against that "
             "build (untimed; allocscheck builds with ALLOCS_CHECK=abort).")
    L.append("")
    L.append("| program | " + " | ".join("%s output | %s tests" % (v, v) for v in VARIANTS) + " |")
    L.append("|---|" + "---|---|" * len(VARIANTS))
    for p, r in results.items():
        cells = []
        for v in VARIANTS:
            cells.append(r.get("correct", {}).get(v, "") or "")
            cells.append(r.get("tests", {}).get(v, "") or "")
        L.append("| %s | %s |" % (p, " | ".join(cells)))
    L.append("")
    L.append("## allocscheck counters (exit summary of the last timed run, summed over processes)")
    L.append("")
    L.append("| program | build | counters |")
    L.append("|---|---|---|")
    for p, r in results.items():
        for v in ("ac-types", "ac-types-bounds"):
            c = r.get("counters", {}).get(v)
            L.append("| %s | %s | %s |" % (p, v, ", ".join("%s=%d" % kv for kv in c.items()) if c else ""))
    L.append("")
    L.append("## Build times (whole build through the program's build system, seconds)")
    L.append("")
    L.append("| program | " + " | ".join(VARIANTS) + " |")
    L.append("|---|" + "---|" * len(VARIANTS))
    for p, r in results.items():
        L.append("| %s | %s |" % (p, " | ".join(
            ("%.0f" % r["build_secs"][v]) if r.get("build_secs", {}).get(v) else ""
            for v in VARIANTS)))
    L.append("")
    L.append("Programs: " + "; ".join("**%s** (Debian source `%s`%s): %s" % (
        p, r.get("pkg", "?"), " " + r["version"] if r.get("version") else "", r.get("desc", ""))
        for p, r in results.items()))
    L.append("")
    with open(path, "w") as f:
        f.write("\n".join(L))


# ---------------------------------------------------------------------- main

def recipe_var(prog, name):
    r = sh(["bash", "-c", 'prepare_src(){ :; }; . "$1"; printf %%s "${%s:-}"' % name,
            "x", os.path.join(BENCH, "programs", prog + ".sh")])
    return r.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="1 run, 2 programs (smoke test)")
    ap.add_argument("--programs", help="comma-separated subset of: " + ",".join(ALL_PROGRAMS))
    ap.add_argument("--variants", help="comma-separated subset of: " + ",".join(VARIANTS))
    ap.add_argument("--build-dir", help="allocscheck build directory (holding bin/allocscheck-config)")
    ap.add_argument("--config", help="path of allocscheck-config")
    ap.add_argument("--cache", default=os.environ.get("ALLOCSCHECK_BENCH_CACHE") or
                    os.path.join(os.path.expanduser("~"), ".cache", "allocscheck", "bench"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--nice", type=int, default=15)
    ap.add_argument("--check-mode", default="count", help="ALLOCS_CHECK for timed runs")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per workload run")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-tests", action="store_true", help="skip the programs' test suites")
    ap.add_argument("--keep-output", action="store_true", help="keep workload stdout in logs/")
    ap.add_argument("--output", help="results markdown (default benchmarks/RESULTS.md; "
                    "quick runs default to CACHE/RESULTS-quick.md)")
    args = ap.parse_args()
    if args.quick:
        args.runs = 1
    programs = (args.programs.split(",") if args.programs
                else QUICK_PROGRAMS if args.quick else ALL_PROGRAMS)
    for p in programs:
        if not os.path.exists(os.path.join(BENCH, "programs", p + ".sh")):
            sys.exit("unknown program '%s' (have: %s)" % (p, ", ".join(ALL_PROGRAMS)))
    variants = args.variants.split(",") if args.variants else VARIANTS
    if args.output:
        out_md = args.output
    elif args.quick:
        out_md = os.path.join(args.cache, "RESULTS-quick.md")
    else:
        out_md = os.path.join(BENCH, "RESULTS.md")
    out_png = os.path.splitext(out_md)[0] + ".png"
    os.makedirs(os.path.join(args.cache, "tmp"), exist_ok=True)
    ctx = Ctx(args)
    load_start = os.getloadavg()[0]

    ac, mode = allocscheck_setup(args)
    log("allocscheck: " + mode)
    labels = {}
    for v in VARIANTS:
        vf = variant_flags(v, ac)
        if vf:
            labels[v] = vf[0]

    results = {}
    for prog in programs:
        r = results[prog] = {"status": {}, "build_secs": {}, "tests": {}, "correct": {},
                             "pkg": recipe_var(prog, "PKG"), "desc": recipe_var(prog, "DESC")}
        rc, out = ctx.recipe(prog, "fetch")
        if rc != 0:
            log("%s: fetch failed: %s" % (prog, out))
            for v in VARIANTS:
                r["status"][v] = "fetch failed"
            continue
        tree = out.splitlines()[-1]
        dsc = [f for f in os.listdir(os.path.join(os.path.dirname(tree), "dl")) if f.endswith(".dsc")]
        if dsc:
            r["version"] = dsc[0][:-4].split("_", 1)[-1]
        rc, _ = ctx.recipe(prog, "input", logname="%s-input.log" % prog,
                           INPUT_DIR=os.path.join(args.cache, "inputs", prog))
        binaries = {}
        bdirs = {}
        built = {}
        for v in VARIANTS:
            if v not in variants:
                r["status"][v] = "not selected"
                continue
            st, binary, secs, bdir = build_one(ctx, prog, tree, v, ac, built)
            r["status"][v] = st
            r["build_secs"][v] = secs
            if binary:
                binaries[v] = binary
                bdirs[v] = bdir
        if rc != 0:
            log("%s: input generation failed" % prog)
            for v in binaries:
                r["status"][v] = "input generation failed"
            continue

        # Correctness: the program's own tests, then the workload's output.
        for v, binary in binaries.items():
            if args.no_tests:
                r["tests"][v] = "skipped"
                continue
            bdir = bdirs[v]
            _, cflags, ldflags = variant_flags(v, ac)
            rc, _ = ctx.recipe(prog, "test", logname="%s-%s-test.log" % (prog, v),
                               timeout=1800, BUILD_DIR=bdir, CC=CC_WRAPPER, CFLAGS=cflags,
                               LDFLAGS=ldflags, JOBS=str(args.jobs),
                               **run_env(ctx, v, "abort"))
            r["tests"][v] = {0: "pass", 77: "none"}.get(rc, "FAIL (exit %d)" % rc)
            log("%s [%s] test suite: %s" % (prog, v, r["tests"][v]))
        ref = None
        for v in [x for x in VARIANTS if x in binaries]:
            secs, rss, code, digest, stderr, _ = timed_run(ctx, prog, binaries[v], v, "abort")
            if v == "plain":
                ref = digest if code == 0 else None
            problems = []
            if code != 0:
                problems.append("exit %s" % code)
            if has_error_report(stderr):
                first = next(l for l in stderr.splitlines() if "ERROR:" in l)
                problems.append("ERROR report: `%s`" % first.strip()[:100].replace(
                    "|", "/").replace("`", "'"))
                with open(os.path.join(ctx.logs, "%s-%s-abort.stderr" % (prog, v)), "w") as f:
                    f.write(stderr)
            if ref is None:
                problems.append("no reference (plain failed)")
            elif digest != ref:
                problems.append("**OUTPUT DIFFERS**")
            r["correct"][v] = "same" if not problems else "**MISMATCH**: " + "; ".join(problems)
            log("%s [%s] output check: %s" % (prog, v, r["correct"][v]))

        # Timing: round-robin over the builds, rotated each round.
        order = [x for x in VARIANTS if x in binaries]
        samples = {v: [] for v in order}
        for i in range(args.runs):
            rot = order[i % len(order):] + order[:i % len(order)] if order else []
            for v in rot:
                secs, rss, code, digest, stderr, cpu = timed_run(ctx, prog, binaries[v], v,
                                                                 args.check_mode)
                samples[v].append({"secs": secs, "rss": rss, "cpu": cpu, "code": code,
                                   "digest": digest})
                if v.startswith("ac-"):
                    r.setdefault("counters", {})[v] = parse_summary(stderr)
                log("%s [%s] run %d/%d: %.3fs wall, %.3fs cpu, %d KiB%s" % (
                    prog, v, i + 1, args.runs, secs, cpu or 0, rss,
                    "" if code == 0 else " exit %s" % code))
        r["samples"] = samples
        r["time"], r["rss"], r["cpu"] = {}, {}, {}
        for v, ss in samples.items():
            good = [s for s in ss if s["code"] == 0]
            if not good:
                r["status"][v] = "runs failed (exit %s)" % ss[0]["code"] if ss else "no run"
                continue
            r["time"][v] = statistics.median(s["secs"] for s in good)
            r["rss"][v] = statistics.median(s["rss"] for s in good)
            if all(s["cpu"] is not None for s in good):
                r["cpu"][v] = statistics.median(s["cpu"] for s in good)
        base_t, base_m, base_c = (r["time"].get("plain"), r["rss"].get("plain"),
                                  r["cpu"].get("plain"))
        r["cpu_ratio"] = {v: c / base_c for v, c in r["cpu"].items() if base_c}
        r["time_ratio"] = {v: t / base_t for v, t in r["time"].items() if base_t}
        r["rss_ratio"] = {v: m / base_m for v, m in r["rss"].items() if base_m}

    gccv = sh(["gcc", "--version"]).stdout.splitlines()[0]
    meta = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": "%s; load average %.2f at start, %.2f at end" % (
                machine_desc(), load_start, os.getloadavg()[0]), "commit": commit_desc(), "gcc": gccv,
            "command": "benchmarks/run.sh " + " ".join(shlex.quote(a) for a in sys.argv[1:])}
    with open(os.path.join(args.cache, "results.json"), "w") as f:
        json.dump({"meta": meta, "mode": mode, "labels": labels, "results": results}, f, indent=1)
    meta["runs"] = args.runs
    plot_ok = write_plot(results, labels, out_png, mode, meta)
    write_markdown(ctx, results, labels, mode, meta, out_md,
                   os.path.basename(out_png) if plot_ok else None)
    log("wrote %s%s (raw figures: %s)" % (out_md, " and " + out_png if plot_ok else "",
                                          os.path.join(args.cache, "results.json")))


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        kill_live()

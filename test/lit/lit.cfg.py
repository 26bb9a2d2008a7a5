# -*- Python -*-
# lit configuration for allocscheck's test suite.
#
# Run from the repository root after building:
#   python3 /usr/lib/llvm-14/build/utils/lit/lit.py -sv test/lit
# The build directory is <repo>/build unless ALLOCSCHECK_BUILD (environment)
# or --param build=DIR names another.  Test outputs go to
# <build>/test/lit, never into the source tree.  A test that runs longer
# than ALLOCSCHECK_LIT_TIMEOUT (or --param timeout=) seconds, default 300,
# is killed and fails.

import os
import re
import shutil
import subprocess
import sys

import lit.formats

config.name = 'allocscheck'

# A hung test must not hang the suite, and lit's own --timeout needs psutil,
# which Debian's python3 lacks.  So each test script re-runs itself under
# coreutils' timeout, which kills the whole process group of the test.
timeout_s = int(lit_config.params.get('timeout') or
                os.environ.get('ALLOCSCHECK_LIT_TIMEOUT') or 300)
watchdog = ('if [ -z "${ALLOCSCHECK_LIT_WATCHDOG:-}" ]; then '
            'ALLOCSCHECK_LIT_WATCHDOG=1 timeout -k 10 %d bash "$0"; s=$?; '
            'if [ $s = 124 ] || [ $s = 137 ]; then '
            'echo "error: test timed out after %d s (ALLOCSCHECK_LIT_TIMEOUT)" >&2; fi; '
            'exit $s; fi' % (timeout_s, timeout_s))
config.test_format = lit.formats.ShTest(execute_external=True, preamble_commands=[watchdog])
config.suffixes = ['.c', '.test']
config.excludes = ['Inputs']

config.test_source_root = os.path.dirname(os.path.abspath(__file__))
repo_root = os.path.dirname(os.path.dirname(config.test_source_root))

build_dir = lit_config.params.get('build') or os.environ.get('ALLOCSCHECK_BUILD') \
    or os.path.join(repo_root, 'build')
build_dir = os.path.abspath(build_dir)
bin_dir = os.path.join(build_dir, 'bin')
lib_dir = os.path.join(build_dir, 'lib')
config_tool = os.path.join(bin_dir, 'allocscheck-config')
if not os.access(config_tool, os.X_OK):
    lit_config.fatal('%s not found: build first (cmake -S %s -B %s && cmake --build %s), '
                     'or name the build directory with ALLOCSCHECK_BUILD=DIR'
                     % (config_tool, repo_root, build_dir, build_dir))

config.test_exec_root = os.path.join(build_dir, 'test', 'lit')


def cmake_cache(key, default):
    """A value from the build's CMakeCache.txt (e.g. the C compiler)."""
    try:
        with open(os.path.join(build_dir, 'CMakeCache.txt')) as f:
            for line in f:
                m = re.match(r'%s:[A-Z]+=(.*)$' % re.escape(key), line.rstrip('\n'))
                if m and m.group(1):
                    return m.group(1)
    except OSError:
        pass
    return default


def allocscheck_config(*opts):
    return subprocess.check_output([config_tool] + list(opts), text=True).strip()


cc = cmake_cache('CMAKE_C_COMPILER', 'gcc')
cflags = allocscheck_config('--cflags')
ldflags = allocscheck_config('--ldflags')

# FileCheck and not come from LLVM 14's tools; the build's bin/ lets RUN
# lines call allocscheck-config and friends by name too.
llvm_bin = '/usr/lib/llvm-14/bin'
for tool in ('FileCheck', 'not'):
    if not os.access(os.path.join(llvm_bin, tool), os.X_OK):
        lit_config.fatal('%s/%s not found: apt-get install llvm-14-tools' % (llvm_bin, tool))
config.environment['PATH'] = os.pathsep.join(
    [bin_dir, llvm_bin, config.environment.get('PATH', '')])

# lit applies substitutions in order: a key that is a prefix of another
# (%meta of %meta-path, %dump of %dump-contains) must come after it.
config.substitutions += [
    ('%allocscheck-cflags', cflags),
    ('%allocscheck-ldflags', ldflags),
    ('%allocscheck-cc', '%s -g %s' % (cc, cflags)),
    ('%allocscheck-lib', lib_dir),
    ('%allocscheck-build', build_dir),
    ('%cc', '%s -g' % cc),
    # %meta-path BINARY [ROOT]: the path BINARY's meta-DSO must have (before
    # %meta, which is a prefix of it).
    ('%meta-path', 'sh ' + os.path.join(config.test_source_root, 'Inputs', 'meta-path.sh')),
    ('%meta', os.path.join(bin_dir, 'allocscheck-meta')),
    ('%config', config_tool),
    # %dump-contains [--subset] EXPECTED DUMP: see Inputs/dump-contains.py.
    ('%dump-contains', '%s %s' % (sys.executable,
                                  os.path.join(config.test_source_root, 'Inputs', 'dump-contains.py'))),
    ('%dump', os.path.join(bin_dir, 'allocscheck-dump')),
    ('%python', sys.executable),
]

# Every run starts with an empty metadata root; tests that need a private
# one set ALLOCS_META_DIR=%t.meta themselves.
meta_dir = os.path.join(config.test_exec_root, 'meta')
shutil.rmtree(meta_dir, ignore_errors=True)
os.makedirs(meta_dir)
config.environment['ALLOCS_META_DIR'] = meta_dir
# The product's own variables never leak in from the caller's environment.
for var in ('ALLOCS_CHECK', 'ALLOCS_LOG', 'ALLOCS_VERBOSE', 'ALLOCS_META_PATH'):
    config.environment.pop(var, None)

# Features let tests of parts still being built say what they need.
def have(path):
    return os.path.exists(os.path.join(build_dir, path))

if have('lib/allocscheck.so') and '-fplugin=' in cflags:
    config.available_features.add('plugin')
if have('lib/liballocs.so'):
    config.available_features.add('runtime')
if have('bin/allocscheck-meta'):
    config.available_features.add('meta')
if have('bin/allocscheck-dump'):
    config.available_features.add('dump')

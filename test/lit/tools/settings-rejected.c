// Bad settings never pass silently: an invalid value of any setting, and
// an ALLOCS_* variable that is no setting at all (a typo), each get one
// message listing what is valid, and the program runs with the default.
// An unknown plugin argument is an error listing the valid keys.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=sometimes %t 2>&1 | FileCheck --check-prefix=CHECKMODE %s
// CHECKMODE: allocscheck: ALLOCS_CHECK=sometimes is not valid: use one of abort, warn, count, off; running with the default (warn)
// CHECKMODE-NOT: is not valid
// CHECKMODE: ran
// RUN: env ALLOCS_VERBOSE=lots %t 2>&1 | FileCheck --check-prefix=VERBOSE %s
// VERBOSE: allocscheck: ALLOCS_VERBOSE=lots is not valid: use an integer (0 quiet, 1 notes {{.*}}); running with the default (0)
// RUN: env ALLOCS_CHECK_STRICT=maybe %t 2>&1 | FileCheck --check-prefix=STRICT %s
// STRICT: allocscheck: ALLOCS_CHECK_STRICT=maybe is not valid: use 0 or 1; running with the default (0)
// RUN: env ALLOCS_CHEK=abort %t 2>&1 | FileCheck --check-prefix=TYPO %s
// TYPO: allocscheck: ignoring unknown setting ALLOCS_CHEK (known: ALLOCS_CHECK, ALLOCS_VERBOSE, ALLOCS_HELP, ALLOCS_LOG, ALLOCS_META_PATH, ALLOCS_META_DIR, ALLOCS_SUMMARY, ALLOCS_SUPPRESS, ALLOCS_CHECK_STRICT, ALLOCS_META_CC)
// TYPO: ran
// RUN: env ALLOCS_CHECK=warn ALLOCS_VERBOSE=0 ALLOCS_CHECK_STRICT=1 %t 2>&1 | FileCheck --check-prefix=GOOD --implicit-check-not=allocscheck: %s
// GOOD: ran
// RUN: env ALLOCS_HELP=1 %t 2>&1 | FileCheck --check-prefix=HELP %s
// HELP: ALLOCS_SUPPRESS = (unset) file of rules silencing reports
//
// RUN: not %allocscheck-cc -fplugin-arg-allocscheck-no-such-thing -c %s -o %t.o 2>&1 | FileCheck --check-prefix=PLUGIN %s
// PLUGIN: error: unknown option {{.}}-fplugin-arg-allocscheck-no-such-thing{{.}}; valid keys: disable, no-cast-checks, {{.*}}dump-typeids=...
#include <stdio.h>

int main(void)
{
	printf("ran\n");
	return 0;
}

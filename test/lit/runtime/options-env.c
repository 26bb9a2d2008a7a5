// The runtime's settings come from one table: ALLOCS_HELP=1 prints it with
// current values; a bad value is reported once and the default kept.
// REQUIRES: runtime
// RUN: %cc -I%S/../../../include %s -o %t %allocscheck-ldflags
// RUN: env ALLOCS_HELP=1 ALLOCS_VERBOSE=2 ALLOCS_CHECK=count %t 2>&1 | FileCheck %s --check-prefix=HELP
// RUN: env ALLOCS_VERBOSE=loud ALLOCS_CHECK=explode %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env ALLOCS_LOG=%t.log ALLOCS_VERBOSE=2 %t && FileCheck %s --check-prefix=LOG --input-file %t.log
// HELP: allocscheck: settings (environment variables):
// HELP: ALLOCS_CHECK       = count
// HELP: ALLOCS_VERBOSE     = 2
// HELP: ALLOCS_LOG         = (unset)
// HELP: done
// BAD-DAG: allocscheck: ALLOCS_VERBOSE=loud is not valid
// BAD-DAG: allocscheck: ALLOCS_CHECK=explode is not valid
// BAD: done
// LOG: allocscheck: runtime initialised
#include <allocs.h>
#include <stdio.h>

int main(void)
{
	fprintf(stderr, "done\n");
	return 0;
}

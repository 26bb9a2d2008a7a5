// Clean run: the sockaddr family.  sockaddr_in and sockaddr_in6 used as
// struct sockaddr and back, sockaddr_storage as either, on the heap, in
// statics and on the stack, through the real libc declarations.
// REQUIRES: plugin, runtime
// RUN: %allocscheck-cc -O0 %s -o %t0 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t0 2>&1 | FileCheck %s --implicit-check-not=ERROR
// RUN: %allocscheck-cc -O2 %s -o %t2 %allocscheck-ldflags
// RUN: env ALLOCS_CHECK=abort %t2 2>&1 | FileCheck %s --implicit-check-not=ERROR
// Strict mode turns physical subtyping off: the first cast is reported.
// RUN: env ALLOCS_CHECK=warn ALLOCS_CHECK_STRICT=1 %t0 2>&1 | FileCheck %s --check-prefix=STRICT
// CHECK: families 2 10 2 port 80
// CHECK: allocscheck: summary: {{[1-9][0-9]*}} checks, {{[1-9][0-9]*}} passed, 0 failed
// STRICT: ERROR: allocscheck: bad-cast: pointer 0x{{[0-9a-f]+}} cast to `struct sockaddr *`
// STRICT: allocscheck: summary: {{.*}} {{[1-9][0-9]*}} failed
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static struct sockaddr_storage stored;

__attribute__((noinline)) static int family_of(const struct sockaddr *sa) { return sa->sa_family; }

__attribute__((noinline)) static int port_of(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)sa)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sockaddr_in *in = malloc(sizeof *in);
	memset(in, 0, sizeof *in);
	in->sin_family = AF_INET;
	in->sin_port = htons(80);

	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&stored;
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(443);

	struct sockaddr_in local;
	memset(&local, 0, sizeof local);
	local.sin_family = AF_INET;

	printf("families %d %d %d port %d\n", family_of((struct sockaddr *)in),
	       family_of((struct sockaddr *)&stored), family_of((struct sockaddr *)&local),
	       port_of((struct sockaddr *)in));
	struct sockaddr_in *as4 = (struct sockaddr_in *)&stored;
	(void)as4;
	free(in);
	return port_of((struct sockaddr *)in6) == 443 ? 0 : 1;
}

/*
 * runtime-log.h -- the runtime's own messages.
 *
 * Formatting and output use only write(2) and a stack buffer: no stdio, no
 * malloc, so these are safe inside malloc hooks, signal handlers and before
 * libc is fully initialised.  Supported conversions: %s %c %d %i %u %x %p %%,
 * with the length modifiers l, ll and z (e.g. %zu, %lx), and a field width
 * (e.g. %8lx, %-6s).  Messages longer than ALLOCS_LOG_LINE_MAX are cut.
 */
#ifndef ALLOCSCHECK_RUNTIME_LOG_H
#define ALLOCSCHECK_RUNTIME_LOG_H

#include <stdarg.h>
#include <stddef.h>

#define ALLOCS_LOG_LINE_MAX 1024

/* Format into buf (always NUL-terminated when size > 0); returns the length written. */
size_t allocs_vformat(char *buf, size_t size, const char *fmt, va_list ap);
size_t allocs_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "allocscheck: <message>" to the log (ALLOCS_LOG path, else stderr).
 * The caller supplies the trailing newline. */
void allocs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void allocs_vlog(const char *fmt, va_list ap);

/* Same, but only when ALLOCS_VERBOSE >= level. */
void allocs_debug(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Raw bytes to the log, no prefix. */
void allocs_log_write(const char *s, size_t n);

/* The file descriptor messages go to (opens ALLOCS_LOG on first use). */
int allocs_log_fd(void);

#endif

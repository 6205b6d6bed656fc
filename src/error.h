/*
 * error.h - error messages as values: a library function that fails writes
 * one line saying what was wrong and what is accepted into a caller's
 * buffer and returns a code; only the CLI prints it.
 */
#ifndef BENCH_ERROR_H
#define BENCH_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Format the message into err[0..errsz-1] (truncated to fit; err may be
 * NULL when errsz is 0) and return rc, so a failure reads
 * `return error_set(err, errsz, BENCH_EPARSE, "'%s': ...", path);`. */
int error_set(char *err, size_t errsz, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int error_vset(char *err, size_t errsz, int rc, const char *fmt, va_list ap);

/* src with every control byte written as an escape (\n, \r, \t, \xHH),
 * so that text from the user or a file stays on one line and cannot move
 * the terminal's cursor; truncated to fit dst. Returns dst. */
char *error_escape(char *dst, size_t size, const char *src);

#endif

/*
 * snippet.h - bench timeit's code as a loaded shared object: the source
 * generated from the user's parts (each under its own #line name), the
 * compiler run by fork and execvp in a private directory, its messages
 * mapped back to the user's lines, the object loaded with dlopen, and
 * the directory removed on every path (timeit.c's opening comment gives
 * the design). Process-wide state: one build at a time.
 */
#ifndef BENCH_SNIPPET_H
#define BENCH_SNIPPET_H

#include <stddef.h>

#include "ccode.h"

/* The code the command line gave. Arrays of pointers into argv. */
typedef struct snippet_code {
    ccode_text setup, teardown, global; /* each -s, -t, -g joined by newlines */
    const char **headers, **incdirs, **libs, **stmts;
    size_t nheaders, nincdirs, nlibs, nstmts;
    ccode_text cflags;         /* --cflags, joined by blanks */
    const char *items, *bytes; /* --items, --bytes: expressions in N */
} snippet_code;

/* The name messages start with ("bench timeit"), set by the command. */
extern char snippet_me[128];
/* "snippet_me: error: MSG" on stderr, control bytes escaped; returns 2. */
int snippet_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Generate the source of code (SETUP's top-level variables vars), compile
 * it, load it into *handle. The directory is gone when this returns,
 * except after a success with keep (bench timeit --profile, which needs
 * the object's symbol table): then snippet_keep_end removes it. While
 * the compiler runs, SIGINT, SIGTERM, SIGHUP and SIGQUIT stop it, remove
 * the directory and are raised again. verbose: the compiler's command
 * and time on stderr. Returns 0, 1 (interrupted) or 2 (said why). */
int snippet_build(const snippet_code *code, const ccode_names *vars, int verbose, void **handle,
                  int keep);
/* After a build with keep: remove the directory, put the signals back;
 * one caught meanwhile is raised again (returns nonzero then). */
int snippet_keep_end(void);
/* Set when one of those signals came while the object was kept: the stop
 * flag of bench_profile_options. */
const volatile int *snippet_stop(void);
/* dlsym into a function pointer of size bytes (ISO C has no cast between
 * the two). 0, or 2 after saying the object lacks it. */
int snippet_symbol(void *handle, const char *name, void *fnptr, size_t size);

#endif

/*
 * cli_run.h - the run as the command line does it (cli_run.c), for bench_main
 * and for subcommands that build their own cases (bench timeit) and then
 * run them like registered ones.
 */
#ifndef BENCH_CLI_RUN_H
#define BENCH_CLI_RUN_H

#include "cli_args.h"

/* Load the baseline (o->compare), measure sel[0..nsel-1] and write every
 * output o asks for, as `bench` does; argv0 names the executable in the
 * JSON context. Returns the exit status: 0, 1 (a case failed or
 * regressed, or the run was interrupted) or 2. */
int cli_run(const cli_opts *o, const bench_case *const *sel, size_t nsel, const char *argv0);

/* The CLI's one way to fail: "PROG: error: MESSAGE" on one line of stderr,
 * what the message echoes (arguments, paths, names read from a file) with
 * its control bytes escaped; returns 2, the exit status of a usage or
 * input error. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The program name cli_fail's messages start with (argv[0]'s base name,
 * set by bench_main); "bench" until set. */
void cli_set_prog(const char *name);

#endif

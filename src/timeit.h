/*
 * timeit.h - `bench timeit`: C code given on the command line, compiled
 * into a shared object, loaded, and measured as registered cases are (the
 * `python -m timeit` of C). timeit.c's opening comment gives the design.
 */
#ifndef BENCH_TIMEIT_H
#define BENCH_TIMEIT_H

#include <stddef.h>

/* The subcommand (command.h): argv[0] is "timeit", prog the program's
 * name. Returns the exit status: 0, 1 (a statement failed, crashed, hung
 * or the run was interrupted) or 2 (a usage error, or the code did not
 * compile or load). */
int timeit_main(int argc, char **argv, const char *prog);

/* The objects a piece of C code declares, in order, separated by single
 * spaces, into buf (truncated to size): at the top level of the code only
 * (nested == 0; what SETUP shares with STMT), or in any block and for
 * loop as well (nested != 0; what a STMT could hide). Types, typedefs,
 * functions and register variables are not objects STMT can be given.
 * Returns how many were found. For the tests of the scanner. */
size_t timeit_declared(const char *code, int nested, char *buf, size_t size);

#endif

/*
 * cmd_profile.h - `bench profile [OPTIONS] PATTERN...`: where the time of a
 * registered case goes, function by function (bench_profile), shown like
 * pstats (self and cumulative shares, the Amdahl bound of the top
 * entries), as folded stacks for flame graphs, or as JSON (docs/profile.md).
 */
#ifndef BENCH_CMD_PROFILE_H
#define BENCH_CMD_PROFILE_H

#include <stdio.h>

#include "bench.h"

/* The subcommand's entry (command.h): argv[0] is "profile". Returns 0, 1
 * when a case's setup failed (the others are profiled), 2 on a usage or
 * input error. */
int cmd_profile_main(int argc, char **argv, const char *prog);
/* Its --help text. */
void cmd_profile_usage(FILE *f, const char *prog);

/* The writers, for the tests: one profile of case `name` at size n, with
 * hz asked for, sorted by self samples (by_self) or cumulative ones, the
 * top `top` functions. Return 0, or -1 when writing failed. */
typedef struct cmd_profile_view {
    const char *name; /* the case */
    size_t n;
    double hz;
    int by_self;
    size_t top;
    const bench_profile_result *r;
} cmd_profile_view;
int cmd_profile_table(FILE *f, const cmd_profile_view *v);
/* Folded stacks, one line per distinct stack, root first: "main;...;f 42".
 * prefix: put the case's name as the root frame (several cases in one
 * file). */
int cmd_profile_folded(FILE *f, const cmd_profile_view *v, int prefix);
/* {"profiles": [...]} over views v[0..nv-1]. */
int cmd_profile_json(FILE *f, const cmd_profile_view *v, size_t nv);

#endif

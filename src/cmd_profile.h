/*
 * cmd_profile.h - `bench profile [OPTIONS] PATTERN...`: where the time of a
 * registered case goes, function by function (bench_profile), shown like
 * pstats (self and cumulative shares, the Amdahl bound of the top
 * entries), as folded stacks for flame graphs, as JSON, or as an HTML page
 * with a flame graph (docs/profile.md).
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

/* What the options asked for (cmd_profile_parse). */
typedef struct cmd_profile_format cmd_profile_format;
typedef struct cmd_profile_args {
    bench_profile_options po;
    int by_self;
    size_t top;
    size_t size; /* 0: each case's largest default size */
    const cmd_profile_format *format;
    const char *output; /* -o, or NULL */
    char **patterns;    /* owned array of pointers into argv */
    size_t npatterns;
    int help;
    const char *who;                /* what messages start with: "profile", "timeit --profile" */
    const char *help_of;            /* the subcommand whose --help the messages point to */
    int (*report)(const char *msg); /* says a usage error, returns 2; NULL: cli_fail
                                       with who first */
} cmd_profile_args;

/* Parse bench profile's options in argv[1..argc-1] into *a (free it with
 * cmd_profile_args_free, whatever this returns). take_patterns: the
 * other arguments are PATTERNs, at least one (bench profile); else none
 * is accepted (bench timeit --profile, which has its own cases). Usage
 * errors go to report (NULL: cli_fail, "profile: ..."). Returns 0, or 2
 * after a one-line message. */
int cmd_profile_parse(int argc, char **argv, const char *prog, const char *who, const char *help_of,
                      int (*report)(const char *msg), int take_patterns, cmd_profile_args *a);
void cmd_profile_args_free(cmd_profile_args *a);
/* Profile the cases in turn, each set up at its size and torn down, and
 * write what a asked for. Returns 0, 1 when a case's setup failed (the
 * others are profiled) or a->po.stop ended the profile (then nothing is
 * written), 2 after a one-line message. */
int cmd_profile_cases(const cmd_profile_args *a, const bench_case *const *sel, size_t nsel,
                      const char *prog);

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
/* One self-contained HTML page: per view, its flame graph (flame.h) as
 * inline SVG and its table as the terminal shows it. No script, no
 * fetch; well-formed XML. */
int cmd_profile_html(FILE *f, const cmd_profile_view *v, size_t nv);

/* A format: --format name, or -o FILE ending in ext; its writer renders
 * every view. */
struct cmd_profile_format {
    const char *name;
    const char *ext; /* or NULL */
    int (*write)(FILE *f, const cmd_profile_view *v, size_t nv);
};
/* The format of that name, or NULL. */
const cmd_profile_format *cmd_profile_format_named(const char *name);
/* The format path's extension picks; the table for another or NULL. */
const cmd_profile_format *cmd_profile_format_for_path(const char *path);

#endif

/*
 * command.h - the subcommands of bench_main (`bench timeit ...`,
 * `bench report ...`): a table of {name, entry point}. Adding one is a row
 * in command.c and a module with its entry point.
 */
#ifndef BENCH_COMMAND_H
#define BENCH_COMMAND_H

/* A subcommand's entry: argv[0] is the subcommand's name, prog the
 * program's (for messages: "bench timeit: error: ..."). Returns the exit
 * status: 0, 1 (a case failed or regressed) or 2 (usage or input error). */
typedef int (*command_main)(int argc, char **argv, const char *prog);

typedef struct command {
    const char *name;
    command_main main;
    const char *summary; /* one line for --help */
} command;

/* The subcommand of that name, or NULL. */
const command *command_named(const char *name);
/* The i-th subcommand, or NULL past the last. */
const command *command_at(unsigned i);

#endif

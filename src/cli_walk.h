/*
 * cli_walk.h - the walk over a subcommand's arguments that bench profile,
 * bench report and bench timeit share: each word is an operand or an
 * option; "--name=value" is split at its '='; "--" makes every later word
 * an operand, and so is "-" alone (standard input, by convention). What
 * the options mean stays with each command; how the words are read is
 * written once here.
 */
#ifndef BENCH_CLI_WALK_H
#define BENCH_CLI_WALK_H

enum { CLI_WALK_OPERAND, CLI_WALK_OPTION };

typedef struct cli_walk {
    int argc;
    char **argv;
    int i;             /* the word just read */
    int only_operands; /* after "--" */
} cli_walk;

/* One word as the walk read it. */
typedef struct cli_walk_word {
    int kind;          /* CLI_WALK_OPERAND or CLI_WALK_OPTION */
    char *arg;         /* the word as given (argv's own) */
    char name[64];     /* an option's name: "--hz" of "--hz=5", "-o", "-qv"
                          (a short word whole: its command splits a cluster);
                          cut to 63 bytes */
    const char *value; /* the value after '=' of a long option, else NULL */
} cli_walk_word;

/* Walk argv[1..argc-1] (argv[0] is the subcommand's name). */
void cli_walk_init(cli_walk *w, int argc, char **argv);
/* The next word into *out; 0 when there is none left. */
int cli_walk_next(cli_walk *w, cli_walk_word *out);
/* The value of the option just read: its "=value", else the next word,
 * which the walk then skips; NULL when there is none. An empty value is
 * returned as it is, for the command to refuse. */
const char *cli_walk_value(cli_walk *w, const cli_walk_word *word);
/* The next word, taken as a value whatever it looks like (the "SETUP" of
 * "-s SETUP"); NULL at the end. */
char *cli_walk_take(cli_walk *w);

#endif

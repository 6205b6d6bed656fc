/*
 * cli_walk.c - the words of a subcommand's arguments (cli_walk.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli_walk.h"

void cli_walk_init(cli_walk *w, int argc, char **argv)
{
    w->argc = argc;
    w->argv = argv;
    w->i = 0;
    w->only_operands = 0;
}

int cli_walk_next(cli_walk *w, cli_walk_word *out)
{
    char *arg;
    const char *eq = NULL;
    size_t len;

    memset(out, 0, sizeof *out);
    for (;;) {
        if (w->i + 1 >= w->argc)
            return 0;
        arg = w->argv[++w->i];
        if (!w->only_operands && strcmp(arg, "--") == 0) {
            w->only_operands = 1;
            continue;
        }
        break;
    }
    out->arg = arg;
    if (w->only_operands || arg[0] != '-' || arg[1] == '\0') {
        out->kind = CLI_WALK_OPERAND;
        return 1;
    }
    out->kind = CLI_WALK_OPTION;
    len = strlen(arg);
    if (arg[1] == '-' && (eq = strchr(arg, '=')) != NULL) {
        len = (size_t)(eq - arg);
        out->value = eq + 1;
    }
    snprintf(out->name, sizeof out->name, "%.*s", (int)(len < 63 ? len : 63), arg);
    return 1;
}

const char *cli_walk_value(cli_walk *w, const cli_walk_word *word)
{
    if (word->value)
        return word->value;
    return cli_walk_take(w);
}

char *cli_walk_take(cli_walk *w)
{
    return w->i + 1 < w->argc ? w->argv[++w->i] : NULL;
}

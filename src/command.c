/*
 * command.c - the table of subcommands (command.h).
 */
#include <stddef.h>
#include <string.h>

#include "cmd_profile.h"
#include "cmd_report.h"
#include "command.h"
#include "timeit.h"

static const command commands[] = {
    {"profile", cmd_profile_main, "where the time goes inside a case"},
    {"report", cmd_report_main, "render saved JSON results as HTML"},
    {"timeit", timeit_main, "time C code given on the command line"},
    {NULL, NULL, NULL}, /* the end */
};

const command *command_named(const char *name)
{
    const command *c;
    for (c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const command *command_at(unsigned i)
{
    const command *c;
    for (c = commands; c->name && i > 0; c++)
        i--;
    return c->name ? c : NULL;
}

/*
 * cli.c - bench_main: the `bench` command over whatever is registered: a
 * subcommand (command.c) when argv[1] names one; else the options parsed
 * (cli_args.c), the registry checked, the cases selected (select.c) and run
 * as the command line runs them (cli_run.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "cli_args.h"
#include "command.h"
#include "counted.h"
#include "registry.h"
#include "select.h"

static int dispatch(const cli_opts *o, int argc, char **argv)
{
    select_filter filter;
    const bench_case **sel = NULL;
    size_t nsel = 0;
    char err[512];
    int rc;

    if (o->help) {
        const command *cmd;
        unsigned i;
        cli_usage(stdout, o->prog);
        fputs("\nCommands:\n", stdout);
        for (i = 0; (cmd = command_at(i)) != NULL; i++)
            printf("  %-8s %s\n", cmd->name, cmd->summary);
        return 0;
    }
    if (o->version) {
        printf("bench (libbench) %s\n", BENCH_VERSION);
        return 0;
    }
    if (registry_refused(err, sizeof err) != BENCH_OK ||
        registry_check(err, sizeof err) != BENCH_OK)
        return cli_fail("%s", err);
    filter.include = o->patterns;
    filter.ninclude = o->npatterns;
    filter.exclude = o->excludes;
    filter.nexclude = o->nexcludes;
    if (select_cases(&filter, o->prog, &sel, &nsel, err, sizeof err) != 0)
        rc = cli_fail("%s", err);
    else if (nsel == 0 && o->nexcludes > 0)
        rc = cli_fail("--exclude leaves no case: it removes every case %s (exclude fewer)",
                      o->npatterns > 0 ? "the patterns select" : "there is");
    else if (o->list)
        select_list(stdout, sel, nsel), rc = 0;
    else if (nsel == 0)
        rc = cli_fail("no cases are registered (add some with BENCH_CASE or bench_register)");
    else
        rc = cli_run(o, sel, nsel, argc > 0 ? argv[0] : "bench");
    free(sel);
    return rc;
}

/* A subcommand (command.h) when argv[1] names one, else the run.
 *
 * The numbers bench reads and writes never depend on the locale a host
 * program chose (setlocale(LC_ALL, "") under de_DE would make "0.5" an
 * error and print "1,5 µs"): the calling thread uses the C locale until
 * bench_main returns, and forked children inherit it. */
int bench_main(int argc, char **argv)
{
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0), old = (locale_t)0;
    const command *cmd = argc > 1 ? command_named(argv[1]) : NULL;
    cli_opts o;
    char err[512];
    int rc;

    if (c_locale)
        old = uselocale(c_locale);
    cli_set_prog(cli_prog_name(argc > 0 ? argv[0] : NULL));
    if (argc > 1 && strcmp(argv[1], COUNTED_CHILD_ARG) == 0) {
        rc = counted_child_main(argc - 1, argv + 1); /* under valgrind (counted.h) */
    } else if (cmd) {
        rc = cmd->main(argc - 1, argv + 1, cli_prog_name(argc > 0 ? argv[0] : NULL));
    } else {
        if (cli_parse(argc, argv, &o, err, sizeof err) != 0)
            rc = cli_fail("%s", err);
        else
            rc = dispatch(&o, argc, argv);
        cli_opts_free(&o);
    }
    if (c_locale) {
        uselocale(old);
        freelocale(c_locale);
    }
    return rc;
}

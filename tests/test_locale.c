/*
 * test_locale.c - numbers do not depend on the host program's locale: a
 * program that calls setlocale(LC_ALL, "") under a decimal-comma locale
 * still parses "0.5", "2.5k" and a baseline's 0.9, and writes '.'.
 * The locale is compiled into a private directory with localedef (LOCPATH),
 * so the test needs no locale installed on the machine.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testhelp.h"
#include "util.h"

#define LOCALIZED prog_path("tests/progs/localized")

/* de_DE.UTF-8 compiled into dir; 0 (and a skip) when localedef cannot. */
static int make_locale(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    if (system(cmd) != 0) {
        th_skip("localedef cannot compile de_DE.UTF-8 here (Debian: apt-get install locales)");
        return 0;
    }
    return 1;
}

static void run_localized(cmd_result *r, const char *dir, const char *args)
{
    char envargs[1024];
    snprintf(envargs, sizeof envargs, "LOCPATH=%s LC_ALL=de_DE.UTF-8 %s %s", dir, LOCALIZED, args);
    run_prog(r, "/usr/bin/env", envargs);
}

TEST(test_locale_decimal_comma_does_not_change_numbers)
{
    char dir[64], path[128], args[512], *csv;
    cmd_result r;
    FILE *f;
    int i;

    if (!make_temp_dir(dir, sizeof dir) || !make_locale(dir)) {
        remove_dir(dir);
        return;
    }
    /* The locale took: the program itself sees a decimal comma. */
    run_localized(&r, dir, "--version");
    if (!CHECK_STR_CONTAINS(r.err, "decimal point: ','")) {
        cmd_free(&r);
        remove_dir(dir);
        return;
    }
    cmd_free(&r);

    /* A baseline whose times have fractions: 0.9 us is 900 ns, not 0. */
    snprintf(path, sizeof path, "%s/base.json", dir);
    if (CHECK((f = fopen(path, "w")) != NULL)) {
        fputs("{\"benchmarks\": [", f);
        for (i = 0; i < 10; i++)
            fprintf(f,
                    "%s{\"name\": \"loc/work/2500\", \"run_type\": \"iteration\", "
                    "\"real_time\": 0.9, \"time_unit\": \"us\"}",
                    i ? ", " : "");
        fputs("]}\n", f);
        fclose(f);
    }
    snprintf(args, sizeof args,
             "--min-time 0.05 --sizes 2.5k -r 10 -q --threshold 1000 --compare %s "
             "--format csv -o %s/out.csv",
             path, dir);
    run_localized(&r, dir, args);
    if (!CHECK_EQ_INT(r.status, 0))
        printf("  stderr: %s\n", r.err);
    CHECK_STR_CONTAINS(r.out, "N=2500");
    CHECK_STR_CONTAINS(r.out, "900 ns"); /* the baseline's median, read as 0.9 us */
    CHECK_STR_NOT_CONTAINS(r.out, "0,00");
    csv = slurp_in(dir, "out.csv");
    CHECK_STR_CONTAINS(csv, "loc/work/2500,loc,work,2500,ok,10,");
    CHECK_STR_CONTAINS(csv, ",900,"); /* baseline_median_ns */
    free(csv);
    cmd_free(&r);
    remove_dir(dir);
}

/*
 * test_blame.c - a case that crashes or hangs while it is being timed (on
 * its 200th call, interleaved with healthy cases of its group) costs its
 * own result only: tests/progs/blame, run in isolated children as bench
 * runs by default. Nothing asserts a time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "testhelp.h"
#include "util.h"

#define BLAME prog_path("tests/progs/blame")

static void show(const cmd_result *r)
{
    printf("  (exit %d)\n  stdout: %.2000s\n  stderr: %.2000s\n", r->status, r->out, r->err);
}

/* The CSV row of name at N=10: "ok" (measured) or the failure. */
static void check_row(const char *csv, const char *name, const char *status)
{
    char want[128];
    snprintf(want, sizeof want, "\n%s/10,", name);
    if (!CHECK_STR_CONTAINS(csv, want))
        return;
    snprintf(want, sizeof want, "%s", strstr(csv, want) + 1);
    want[strcspn(want, "\n")] = 0;
    CHECK_STR_CONTAINS(want, status);
}

/* args: the group, then how it is sampled. The two healthy cases must be
 * measured, with a speedup, and only the bad one reported failed. */
static void check_blame(const char *args, const char *bad, const char *why)
{
    cmd_result r;
    char table_args[512], csv_args[600], line[128];
    const char *group = strcmp(bad, "blame/crash") == 0 ? "blame" : "stall";

    /* The hang is stopped when the sampling step, 0.5 s a slot, runs out;
     * the crash needs no limit but the default. */
    snprintf(table_args, sizeof table_args, "%s --sizes 10 -q %s%s", group, args,
             strcmp(group, "stall") == 0 ? " --timeout 0.5" : "");
    run_prog(&r, BLAME, table_args);
    if (!CHECK_EQ_INT(r.status, 1))
        show(&r);
    snprintf(line, sizeof line, "%s failed at N=10: %s", bad, why);
    if (!CHECK_STR_CONTAINS(r.out, line))
        show(&r);
    snprintf(line, sizeof line, "%s/base failed", group);
    CHECK_STR_NOT_CONTAINS(r.out, line);
    snprintf(line, sizeof line, "%s/other failed", group);
    CHECK_STR_NOT_CONTAINS(r.out, line);
    if (!CHECK_STR_CONTAINS(r.out, "other is "))
        show(&r);
    cmd_free(&r);

    snprintf(csv_args, sizeof csv_args, "%s --format csv", table_args);
    run_prog(&r, BLAME, csv_args);
    CHECK_EQ_INT(r.status, 1);
    snprintf(line, sizeof line, "%s/base", group);
    check_row(r.out, line, ",ok,");
    snprintf(line, sizeof line, "%s/other", group);
    check_row(r.out, line, ",ok,");
    check_row(r.out, bad, why);
    cmd_free(&r);
}

/* -n 10 -r 30 in one process: the 200th call falls in the 19th round of
 * samples (each worker process counts its calls afresh, and four workers
 * of 8 rounds would never reach it). */
TEST(test_blame_crash_while_sampling_fails_that_case_alone)
{
    check_blame("-n 10 -r 30 --processes 1", "blame/crash", "crashed (SIGSEGV)");
}

/* Auto-ranged (1, 2, 5, ... calls): the 200th call falls in the warm-up
 * that chooses the call count, which is sampling code too. */
TEST(test_blame_crash_while_warming_up_fails_that_case_alone)
{
    check_blame("--min-time 0.02", "blame/crash", "crashed (SIGSEGV)");
}

/* A hang in the 19th round is stopped when the sampling step (three
 * slots, 0.5 s each) runs out, and blamed on the case being timed. */
TEST(test_blame_hang_while_sampling_times_out_that_case_alone)
{
    check_blame("-n 10 -r 30 --processes 1", "stall/hang", "timed out after");
}

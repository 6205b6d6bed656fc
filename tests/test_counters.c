/*
 * test_counters.c - --counters: the software counters read per call (page
 * faults of a case that touches fresh pages each call), the note where the
 * kernel refuses the hardware ones, and the columns and keys the writers
 * give them.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "counters.h"
#include "golden.h"
#include "report.h"
#include "testhelp.h"
#include "util.h"

#define PAGES 64

/* Each call maps PAGES fresh pages, touches each once and unmaps them: a
 * page fault per page, per call. */
static void touch_run(void *s)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t len = (size_t)page * PAGES, i;
    volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    (void)s;
    if (p == MAP_FAILED)
        return;
    for (i = 0; i < len; i += (size_t)page)
        p[i] = 1;
    munmap((void *)p, len);
}

static void crash_run(void *s)
{
    (void)s;
    abort();
}

static const bench_case touch_case = {.name = "pf/touch", .run = touch_run};
static const bench_case crash_case = {.name = "pf/crash", .run = crash_run};

static void one_group(results *r, const bench_case *a, const bench_case *b)
{
    memset(r, 0, sizeof *r);
    r->ctx.num_cpus = 2;
    r->ncases = 2;
    r->ngroups = 1;
    r->cases = calloc(2, sizeof *r->cases);
    r->groups = calloc(1, sizeof *r->groups);
    if (!r->cases || !r->groups)
        abort();
    r->groups[0].name = strdup("pf");
    r->groups[0].end = 2;
    r->cases[0].name = a->name;
    r->cases[0].def = a;
    r->cases[1].name = b->name;
    r->cases[1].def = b;
    r->cases[0].base = r->cases[1].base = -1;
    r->cases[0].npoints = r->cases[1].npoints = 1;
    golden_point(&r->cases[0].pts[0], 1, 20, 8, 1000, 0.01, 1, 0);
    golden_point(&r->cases[1].pts[0], 1, 20, 8, 1000, 0.01, 1, 0);
}

/* Here (this VM) the hardware counters are refused and the software ones
 * open: each call of touch_run faults in its PAGES pages, so the page
 * faults per call are about PAGES; a case that crashes leaves its point
 * without counters and its time as it was. */
TEST(test_counters_software_counters_per_call)
{
    results r;
    int hw;
    unsigned have = counters_available(&hw);
    const result_point *p;

    if (!(have & (1u << RESULT_PAGE_FAULTS))) {
        th_skip("perf_event_open refuses even the software counters here");
        return;
    }
    CHECK(((have & RESULT_PERF_HW) == RESULT_PERF_HW) == (hw == 0));
    one_group(&r, &touch_case, &crash_case);
    counters_group(&r, 0, 10);
    p = &r.cases[0].pts[0];
    CHECK(p->perf_read & (1u << RESULT_PAGE_FAULTS));
    CHECK(p->perf_read & (1u << RESULT_TASK_CLOCK));
    CHECK_EQ_INT(p->perf_calls, 20);
    CHECK(p->perf[RESULT_PAGE_FAULTS] >= PAGES * 0.9);
    CHECK(p->perf[RESULT_PAGE_FAULTS] <= PAGES * 2.0);
    CHECK(p->perf[RESULT_TASK_CLOCK] > 0);
    CHECK_EQ_INT(r.cases[1].pts[0].perf_read, 0);
    CHECK_EQ_INT(r.cases[1].pts[0].status, BENCH_OK);
    result_free(&r);
}

/* The writers: the refusal in one note, the counters under the row, as
 * keys of the _median entry and as CSV columns. */
TEST(test_counters_writers_and_the_refusal_note)
{
    results r;
    report_opts o;
    char *out;
    result_point *p;

    one_group(&r, &touch_case, &crash_case);
    r.perf_asked = 1;
    r.perf_hw_errno = ENOENT;
    p = &r.cases[0].pts[0];
    p->perf_read =
        (1u << RESULT_TASK_CLOCK) | (1u << RESULT_PAGE_FAULTS) | (1u << RESULT_CONTEXT_SWITCHES);
    p->perf_calls = 20;
    p->perf[RESULT_TASK_CLOCK] = 1234.5;
    p->perf[RESULT_PAGE_FAULTS] = 64.05;
    p->perf[RESULT_CONTEXT_SWITCHES] = 0;
    memset(&o, 0, sizeof o);
    out = golden_render(report_table, &r, &o);
    CHECK_STR_CONTAINS(out, "note: --counters: the kernel refused the hardware counters "
                            "(perf_event_open: No such file or\n");
    CHECK_STR_CONTAINS(out, "      N=1 per call: 1.23 \xc2\xb5s task-clock, 64 page faults, "
                            "0 context switches\n");
    free(out);
    out = golden_render(report_json, &r, &o);
    CHECK_STR_CONTAINS(out, "\"task_clock_ns\": 1234.5,");
    CHECK_STR_CONTAINS(out, "\"page_faults\": 64.05,");
    CHECK_STR_NOT_CONTAINS(out, "\"hw_cycles\"");
    CHECK_STR_CONTAINS(out, "the kernel refused the hardware counters");
    free(out);
    out = golden_render(report_csv, &r, &o);
    CHECK_STR_CONTAINS(out, ",r2,hw_instructions,hw_cycles,hw_branch_misses,task_clock_ns,"
                            "page_faults,context_switches\n");
    CHECK_STR_CONTAINS(out, ",,,,1234.5,64.05,0\n");
    free(out);
    /* where the kernel gives them, no note */
    r.perf_hw_errno = 0;
    out = golden_render(report_table, &r, &o);
    CHECK_STR_NOT_CONTAINS(out, "refused");
    free(out);
    result_free(&r);
}

/* The command line: --counters beside the time, and not with
 * --instructions. */
TEST(test_counters_cli)
{
    cmd_result c;
    int hw;
    unsigned have = counters_available(&hw);

    run_prog(&c, prog_path("bench"), "--counters --instructions concat");
    CHECK_EQ_INT(c.status, 2);
    CHECK_STR_CONTAINS(c.err, "expected one of them");
    cmd_free(&c);
    if (!(have & (1u << RESULT_TASK_CLOCK))) {
        th_skip("perf_event_open refuses even the software counters here");
        return;
    }
    run_prog(&c, prog_path("bench"), "--counters -q --min-time 0.05 concat/builder --sizes 1000");
    CHECK_EQ_INT(c.status, 0);
    CHECK_STR_CONTAINS(c.out, "      N=1000 per call: ");
    CHECK_STR_CONTAINS(c.out, " task-clock, ");
    if (hw)
        CHECK_STR_CONTAINS(c.out, "the kernel refused the hardware counters");
    else
        CHECK_STR_CONTAINS(c.out, " instructions, ");
    cmd_free(&c);
}

/*
 * cli.c - bench_main: the `bench` command over whatever is registered.
 * Parses (cli_args.c), selects (select.c), measures (run.c), writes the
 * chosen format (report.c) and the comparison (compare.c). The only layer
 * that prints or talks to the user.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cli_args.h"
#include "compare.h"
#include "error.h"
#include "outfile.h"
#include "registry.h"
#include "run.h"
#include "select.h"

/* Set by SIGINT/SIGTERM: measurement ends after the current sample and
 * what was measured is reported. SA_RESETHAND makes a second ^C fatal. */
static volatile int stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* The CLI's one way to fail: one line on stderr, exit status 2. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    error_vset(msg, sizeof msg, 2, fmt, ap);
    va_end(ap);
    fprintf(stderr, "bench: error: %s\n", msg);
    return 2;
}

static void progress(void *ctx, const char *group, size_t done, size_t total)
{
    (void)ctx;
    fprintf(stderr, "\r\033[K[%zu/%zu] %s ...", done, total, group);
    fflush(stderr);
}

/* The format of the -o file: --format, else the file's extension, else
 * the table. */
static const report_format *format_for(const cli_opts *o)
{
    const report_format *f = o->format;
    if (!f && o->output)
        f = report_format_for_path(o->output);
    return f ? f : report_format_default();
}

static void configure(run_config *cfg, const cli_opts *o)
{
    bench_options *m = &cfg->slots.measure;

    memset(cfg, 0, sizeof *cfg);
    bench_options_init(m);
    m->number = o->number;
    m->repeat = o->repeat;
    if (o->min_time > 0)
        m->min_time = o->min_time;
    if (o->precision > 0)
        m->rel_ci = o->precision / 100;
    m->stop = &stop_requested;
    if (o->nsizes) {
        cfg->sizes = o->sizes;
        cfg->nsizes = o->nsizes;
    }
    if (!o->quiet && isatty(STDERR_FILENO))
        cfg->progress = progress;
    cfg->slots.isolate = !o->no_isolate;
    cfg->slots.timeout = o->timeout > 0 ? o->timeout : 60;
    cfg->slots.stop = &stop_requested;
}

/* The machine, the timer and the loop's cost at start-up, then every
 * selected case. */
static int measure(run_config *cfg, const bench_case *const *sel, size_t nsel, const char *argv0,
                   results *r)
{
    result_context ctx;
    int rc;

    context_collect(&ctx, argv0);
    if ((rc = bench_clock_info(NULL, &ctx.clock_resolution_ns, &ctx.clock_read_ns)) != BENCH_OK ||
        (rc = bench_overhead(NULL, &ctx.overhead_ns, &ctx.fixed_ns)) != BENCH_OK)
        return fail("timer: %s", bench_strerror(rc));
    cfg->slots.measure.fixed_ns = ctx.fixed_ns; /* the loop's b is measured per group */
    rc = run_cases(cfg, sel, nsel, r);
    if (cfg->progress)
        fputs("\r\033[K", stderr);
    if (rc != BENCH_OK)
        return fail("%s", bench_strerror(rc));
    r->ctx = ctx;
    return 0;
}

/* The -o file in the chosen format and the table on stdout, or the chosen
 * format on stdout. Returns 0 or 2. */
static int write_results(const cli_opts *o, outfile *of, const results *r, const report_opts *ro)
{
    const report_format *fmt = format_for(o);
    char err[512];
    int rc = 0;

    if (!o->output) {
        fmt->write(stdout, r, ro);
        return 0;
    }
    if (outfile_commit(of, fmt->write(of->f, r, ro), err, sizeof err) != 0)
        rc = fail("%s", err);
    report_table(stdout, r, ro);
    return rc;
}

/* The comparison with the baseline: 1 when something regressed. */
static int compare_with(const cli_opts *o, baseline *base, const results *r)
{
    compare_result cmp;
    int status;

    if (compare_run(base, r, o->threshold, &cmp) != BENCH_OK)
        return fail("--compare: out of memory");
    report_compare(stdout, &cmp, o->compare, o->threshold);
    status = cmp.counts[V_REGRESSED] > 0;
    compare_result_free(&cmp);
    return status;
}

/* 1 when the run was interrupted or a case failed. */
static int run_status(const results *r)
{
    size_t i;
    int status = r->incomplete;
    for (i = 0; i < r->ncases; i++)
        status |= r->cases[i].failed;
    return status;
}

static int run(const cli_opts *o, const bench_case *const *sel, size_t nsel, const char *argv0,
               baseline *base)
{
    run_config cfg;
    results r;
    report_opts ro;
    outfile of = {0};
    char err[512];
    const char *nc = getenv("NO_COLOR");
    int rc, status;

    configure(&cfg, o);
    ro.verbose = o->verbose;
    ro.color = !o->no_color && !(nc && *nc) && isatty(STDOUT_FILENO);
    if (o->output && outfile_open(&of, o->output, err, sizeof err) != 0)
        return fail("%s", err);
    if ((rc = measure(&cfg, sel, nsel, argv0, &r)) != 0) {
        outfile_abort(&of);
        return rc;
    }
    status = run_status(&r);
    if ((rc = write_results(o, &of, &r, &ro)) != 0)
        status = rc;
    if (base && (rc = compare_with(o, base, &r)) != 0 && status != 2)
        status = rc;
    if (fflush(stdout) != 0 && status == 0)
        status = fail("cannot write the report to stdout: %s", strerror(errno));
    result_free(&r);
    return status;
}

/* A bad baseline fails before anything is measured; SIGINT and SIGTERM
 * stop the measurement, not the program, while it runs. */
static int load_and_run(const cli_opts *o, const bench_case *const *sel, size_t nsel,
                        const char *argv0)
{
    baseline *base = NULL;
    char err[512];
    int rc;
    struct sigaction sa, old_int, old_term;

    if (o->compare && baseline_load(o->compare, &base, err, sizeof err) != BENCH_OK)
        return fail("--compare: %s", err);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    stop_requested = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    rc = run(o, sel, nsel, argv0, base);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    baseline_free(base);
    return rc;
}

static int dispatch(const cli_opts *o, int argc, char **argv)
{
    const bench_case **sel = NULL;
    size_t nsel = 0;
    char err[512];
    int rc;

    if (o->help) {
        cli_usage(stdout);
        return 0;
    }
    if (o->version) {
        printf("bench (libbench) %s\n", BENCH_VERSION);
        return 0;
    }
    if (registry_check(err, sizeof err) != BENCH_OK)
        return fail("%s", err);
    if (select_cases(o->patterns, o->npatterns, &sel, &nsel, err, sizeof err) != 0)
        rc = fail("%s", err);
    else if (o->list)
        select_list(stdout, sel, nsel), rc = 0;
    else if (nsel == 0)
        rc = fail("no cases are registered (add some with BENCH_CASE or bench_register)");
    else
        rc = load_and_run(o, sel, nsel, argc > 0 ? argv[0] : "bench");
    free(sel);
    return rc;
}

int bench_main(int argc, char **argv)
{
    cli_opts o;
    char err[512];
    int rc;

    if (cli_parse(argc, argv, &o, err, sizeof err) != 0)
        rc = fail("%s", err);
    else
        rc = dispatch(&o, argc, argv);
    cli_opts_free(&o);
    return rc;
}

/*
 * cli_run.c - the run as the command line does it (cli_run.h): the baseline
 * loaded first, the cases measured (run.c) with progress, log lines and
 * the table group by group, then the chosen format (report.c), the plot
 * and the comparison (compare.c). bench_main (cli.c) and the subcommands
 * that build their own cases (bench timeit) both end here. With cli.c,
 * the only layer that prints or talks to the user.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "baseline.h"
#include "cli_run.h"
#include "cli_args.h"
#include "clock.h"
#include "fmt.h"
#include "present.h"
#include "registry.h"
#include "compare.h"
#include "counted.h"
#include "counters.h"
#include "error.h"
#include "outfile.h"
#include "run.h"
#include "select.h"
#include "signals.h"

/* The name messages start with: the program's own (argv[0]'s base name),
 * so a user's benchmark program does not call itself "bench". */
static const char *prog = "bench";

void cli_set_prog(const char *name)
{
    prog = name && *name ? name : "bench";
}

int cli_fail(const char *fmt, ...)
{
    char msg[1024], line[4096];
    va_list ap;
    va_start(ap, fmt);
    error_vset(msg, sizeof msg, 2, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: error: %s\n", prog, error_escape(line, sizeof line, msg));
    return 2;
}

/* What the user sees while the run goes on: each group's block of the
 * table as soon as the group is measured, a progress line on a terminal,
 * and in a log (stderr not a terminal) a line per case and size. */
typedef struct live {
    const report_opts *ro;
    const bench_case *const *sel; /* the selected cases, to name the one running */
    size_t nsel;
    int in_process;     /* --no-isolate: guard against exit() and crashes */
    int stream;         /* the table goes to stdout: print it by group */
    int tty;            /* a progress line on stderr */
    int log;            /* a line per finished case and size on stderr */
    const char *group;  /* the group being measured */
    double start;       /* clock_now_s() at the start of the run */
    size_t done, total; /* cases times sizes */
    int counters;       /* --counters: read them after each group */
    int hw_errno;       /* why the hardware counters are refused, 0 */
    double timeout;
} live;

/* Under --no-isolate, what signals.h says if a case of this group calls
 * exit() or crashes: the case, when the group has one selected, else the
 * group (which of its cases runs is not known here). */
static void guard_group(const live *lv, const char *group)
{
    char prefix[1024], name[512];
    const char *one = NULL;
    size_t i, len = strlen(group), n = 0;

    for (i = 0; i < lv->nsel; i++)
        if (registry_group_len(lv->sel[i]->name) == len &&
            strncmp(lv->sel[i]->name, group, len) == 0)
            one = lv->sel[i]->name, n++;
    if (n == 1)
        snprintf(prefix, sizeof prefix, "%s: error: case '%s' ", prog,
                 error_escape(name, sizeof name, one));
    else
        snprintf(prefix, sizeof prefix, "%s: error: a case of group '%s' ", prog,
                 error_escape(name, sizeof name, group));
    signals_guard(prefix);
}

/* "[4/16] concat N=10000, process 2/4 ... 3.2 s": the cases of a group
 * at one size are sampled in the same rounds, so the size is what moves. */
static void progress(void *ctx, const run_progress *at)
{
    live *lv = ctx;
    char line[256];
    int len;

    if (lv->in_process && at->group != lv->group)
        guard_group(lv, at->group);
    lv->group = at->group;
    lv->done = at->done;
    lv->total = at->total;
    if (!lv->tty)
        return;
    len = snprintf(line, sizeof line, "[%zu/%zu] %s", at->done, at->total, at->group);
    if (at->n && len < (int)sizeof line)
        len += snprintf(line + len, sizeof line - (size_t)len, " N=%zu", at->n);
    if (at->workers > 1 && len < (int)sizeof line)
        snprintf(line + len, sizeof line - (size_t)len, ", process %u/%u", at->worker, at->workers);
    fprintf(stderr, "\r\033[K%s ... %.1f s", line, clock_now_s() - lv->start);
    fflush(stderr);
}

/* "concat/naive N=1000: 41.3 µs ±0.4%", or why it has no figure. */
static void log_point(const results *r, const result_case *c, const result_point *p, size_t i,
                      size_t total)
{
    char t[32], ci[32];
    if (present_status_of(p) == PRESENT_OK && r->counted)
        fprintf(stderr, "[%zu/%zu] %s N=%zu: %s instructions%s\n", i, total, c->name, p->n,
                fmt_count(t, sizeof t, p->counts.per_call[RESULT_IR]),
                result_counts_exact(p) ? "" : " (not deterministic: mean)");
    else if (present_status_of(p) == PRESENT_OK)
        fprintf(stderr, "[%zu/%zu] %s N=%zu: %s %s\n", i, total, c->name, p->n,
                fmt_time(t, sizeof t, p->m.wall.median, 1), present_ci(ci, sizeof ci, &p->m.wall));
    else
        fprintf(stderr, "[%zu/%zu] %s N=%zu: %s%s\n", i, total, c->name, p->n,
                present_status_of(p) == PRESENT_FAILED ? "failed: " : "", present_why(p));
}

/* --counters: each measured point's counters, read before the group is
 * shown. */
static void after_group(void *ctx, results *r, size_t g)
{
    live *lv = ctx;
    r->perf_asked = 1;
    r->perf_hw_errno = lv->hw_errno;
    counters_group(r, g, lv->timeout);
}

static void group_done(void *ctx, const results *r, size_t g)
{
    live *lv = ctx;
    const result_group *grp = &r->groups[g];
    size_t i, s, k = lv->done;

    if (lv->tty)
        fputs("\r\033[K", stderr);
    if (lv->log)
        for (i = grp->first; i < grp->end; i++)
            for (s = 0; s < r->cases[i].npoints; s++)
                log_point(r, &r->cases[i], &r->cases[i].pts[s], ++k, lv->total);
    if (lv->stream) {
        if (g == 0)
            report_table_begin(stdout, r, lv->ro);
        report_table_group(stdout, r, g, lv->ro);
        fflush(stdout);
    }
}

/* The columns of the terminal stdout is, 0 when it is not one: a file or
 * a log keeps every row whole. */
static int terminal_width(void)
{
    struct winsize ws;
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
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

/* Worker processes per group unless --processes says otherwise
 * (docs/measurement.md, "Worker processes", for the measurement). */
#define CLI_DEFAULT_PROCESSES 4

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
    m->stop = signals_stop_flag();
    if (o->nsizes) {
        cfg->sizes = o->sizes;
        cfg->nsizes = o->nsizes;
    }
    cfg->slots.isolate = !o->no_isolate;
    cfg->slots.latency = o->latency;
    cfg->slots.processes = o->processes ? o->processes : CLI_DEFAULT_PROCESSES;
    cfg->slots.timeout = o->timeout > 0 ? o->timeout : 60;
    cfg->slots.stop = signals_stop_flag();
}

/* How often the progress line on a terminal is redrawn while a group is
 * measured. The parent wakes for it, but it does nothing else while a
 * child measures, and it only wakes when stderr is a terminal. */
#define CLI_PROGRESS_PERIOD_S 0.25

/* Progress, log lines and the table by group, as the options ask; file:
 * the chosen format goes to a file (-o, but not -o - or /dev/stdout). */
static void go_live(run_config *cfg, live *lv, const cli_opts *o, const report_opts *ro, int file,
                    const bench_case *const *sel, size_t nsel)
{
    memset(lv, 0, sizeof *lv);
    lv->ro = ro;
    lv->sel = sel;
    lv->nsel = nsel;
    lv->in_process = o->no_isolate;
    lv->stream = file || format_for(o) == report_format_default();
    lv->tty = !o->quiet && isatty(STDERR_FILENO);
    lv->log = !o->quiet && !lv->tty;
    lv->start = clock_now_s();
    cfg->progress = progress;
    cfg->progress_period = lv->tty ? CLI_PROGRESS_PERIOD_S : 0;
    cfg->group_done = group_done;
    cfg->progress_ctx = lv;
    if (o->counters) {
        lv->counters = 1;
        lv->timeout = cfg->slots.timeout;
        counters_available(&lv->hw_errno);
        cfg->after_group = after_group;
    }
}

/* The machine, the timer and the loop's cost at start-up, then every
 * selected case. */
static int measure(run_config *cfg, const bench_case *const *sel, size_t nsel, const char *argv0,
                   results *r)
{
    live *lv = cfg->progress_ctx;
    result_context ctx;
    int rc;

    context_collect(&ctx, argv0);
    if ((rc = bench_clock_info(NULL, &ctx.clock_resolution_ns, &ctx.clock_read_ns)) != BENCH_OK ||
        (rc = bench_overhead(NULL, &ctx.overhead_ns, &ctx.fixed_ns)) != BENCH_OK)
        return cli_fail("timer: %s", bench_strerror(rc));
    cfg->slots.measure.fixed_ns = ctx.fixed_ns; /* the loop's b is measured per group */
    /* --latency's batch: what a pair of readings costs at the least */
    cfg->slots.clock_ns = ctx.fixed_ns > ctx.clock_read_ns ? ctx.fixed_ns : ctx.clock_read_ns;
    rc = run_cases(cfg, sel, nsel, &ctx, r);
    signals_unguard(); /* no case runs in this process any more */
    if (lv && lv->tty)
        fputs("\r\033[K", stderr);
    if (rc != BENCH_OK)
        return cli_fail("%s", bench_strerror(rc));
    return 0;
}

/* The program to re-execute under valgrind: this one. */
static void self_path(char *buf, size_t size, const char *argv0)
{
    ssize_t len = readlink("/proc/self/exe", buf, size - 1);
    if (len > 0) {
        buf[len] = 0;
        return;
    }
    snprintf(buf, size, "%s", argv0);
}

/* valgrind processes at once with --instructions: one per CPU, up to
 * this many, unless --processes says otherwise. */
#define CLI_COUNT_JOBS 4

/* --instructions: every selected case counted under valgrind (counted.h)
 * instead of timed. */
static int count(const cli_opts *o, const char *valgrind, const bench_case *const *sel, size_t nsel,
                 const char *argv0, results *r, live *lv)
{
    counted_config cc;
    result_context ctx;
    char exe[4096], err[512];
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int rc;

    memset(&cc, 0, sizeof cc);
    context_collect(&ctx, argv0);
    self_path(exe, sizeof exe, argv0);
    cc.valgrind = valgrind;
    cc.exe = exe;
    cc.calls = o->number ? (unsigned)o->number : COUNTED_DEFAULT_CALLS;
    cc.cache_sim = o->cache_sim;
    cc.jobs = o->processes ? o->processes
                           : (unsigned)(cpus < 1                ? 1
                                        : cpus > CLI_COUNT_JOBS ? CLI_COUNT_JOBS
                                                                : cpus);
    cc.timeout = o->timeout > 0 ? o->timeout : 60;
    cc.stop = signals_stop_flag();
    if (o->nsizes) {
        cc.sizes = o->sizes;
        cc.nsizes = o->nsizes;
    }
    cc.progress = progress;
    cc.group_done = group_done;
    cc.progress_ctx = lv;
    rc = counted_run(&cc, sel, nsel, &ctx, r, err, sizeof err);
    if (lv->tty)
        fputs("\r\033[K", stderr);
    if (rc == BENCH_EIO)
        return cli_fail("--instructions: %s", err);
    if (rc != BENCH_OK)
        return cli_fail("%s", bench_strerror(rc));
    return 0;
}

/* The -o file in the chosen format and the table on stdout, or the chosen
 * format on stdout (no -o, -o -, -o /dev/stdout); the comparison, when
 * there is one, goes with each. Returns 0 or 2. */
static int write_results(const cli_opts *o, outfile *of, const results *r, const report_opts *ro)
{
    const report_format *fmt = format_for(o);
    char err[512];
    int rc = 0, file = o->output && of->how != OUTFILE_STDOUT;

    if (!file && fmt == report_format_default()) {
        report_table_end(stdout, r, ro); /* the groups were printed as measured */
        return 0;
    }
    if (!file) {
        fmt->write(stdout, r, ro);
        if (ro->compare && fmt != report_format_default()) {
            /* stdout carries data: the verdict goes to the log as well */
            const compare_result *c = ro->compare;
            fprintf(stderr,
                    "%s: comparison with %s: %zu regressed, %zu improved, %zu unchanged, "
                    "%zu new, %zu missing\n",
                    prog, o->compare, c->counts[V_REGRESSED], c->counts[V_IMPROVED],
                    c->counts[V_UNCHANGED], c->counts[V_NEW], c->counts[V_MISSING]);
        }
        return 0;
    }
    if (outfile_commit(of, fmt->write(of->f, r, ro), err, sizeof err) != 0)
        rc = cli_fail("%s", err);
    report_table_end(stdout, r, ro);
    return rc;
}

/* --plot FILE: the growth plots alone, as SVG, written like -o (atomically,
 * one file at a time, so a signal's clean-up knows the one temporary file).
 * With r NULL, only check before measuring that FILE can be written. */
static int write_plot(const char *path, const results *r, const report_opts *ro)
{
    outfile pf = {0};
    char err[512];

    if (outfile_open(&pf, "--plot", path, err, sizeof err) == 0) {
        if (!r) {
            outfile_abort(&pf);
            return 0;
        }
        if (outfile_commit(&pf, report_plot_svg(pf.f, r, ro), err, sizeof err) == 0)
            return 0;
    }
    return cli_fail("%s", err);
}

/* Did the comparison match no case and size of the run? A gate that
 * compares nothing must not pass. */
static int matched_nothing(const compare_result *c)
{
    return c->counts[V_UNCHANGED] + c->counts[V_IMPROVED] + c->counts[V_REGRESSED] == 0;
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
               const baseline *base, const char *valgrind)
{
    run_config cfg;
    live lv;
    results r;
    report_opts ro;
    compare_result cmp;
    select_filter asked;
    outfile of = {0};
    char err[512];
    const char *nc = getenv("NO_COLOR");
    int rc, status, compared = 0;

    configure(&cfg, o);
    if (o->instructions && (o->plot || format_for(o) == report_format_named("html") ||
                            format_for(o) == report_format_named("timeit")))
        return cli_fail("--instructions: %s shows times, and a counted run has none (expected "
                        "--format table, json, csv or markdown, without --plot)",
                        o->plot ? "--plot" : format_for(o)->name);
    memset(&ro, 0, sizeof ro);
    ro.verbose = o->verbose;
    ro.color = !o->no_color && !(nc && *nc) && isatty(STDOUT_FILENO);
    ro.width = terminal_width();
    if (o->plot && (rc = write_plot(o->plot, NULL, &ro)) != 0)
        return rc;
    if (o->output && outfile_open(&of, "--output", o->output, err, sizeof err) != 0)
        return cli_fail("%s", err);
    go_live(&cfg, &lv, o, &ro, o->output && of.how != OUTFILE_STDOUT, sel, nsel);
    if (o->instructions)
        lv.in_process = 0; /* the cases run under valgrind */
    if ((rc = o->instructions ? count(o, valgrind, sel, nsel, argv0, &r, &lv)
                              : measure(&cfg, sel, nsel, argv0, &r)) != 0) {
        outfile_abort(&of);
        return rc;
    }
    status = run_status(&r);
    asked.include = o->patterns;
    asked.ninclude = o->npatterns;
    asked.exclude = o->excludes;
    asked.nexclude = o->nexcludes;
    r.asked = o->npatterns > 0 || o->nexcludes > 0 ? &asked : NULL;
    if (base && compare_run(base, &r, o->threshold, &cmp) != BENCH_OK) {
        status = cli_fail("--compare: out of memory");
    } else if (base) {
        compared = 1;
        status |= cmp.counts[V_REGRESSED] > 0;
    }
    if (compared) {
        ro.compare = &cmp;
        ro.baseline = o->compare;
        ro.threshold = o->threshold;
    }
    if ((rc = write_results(o, &of, &r, &ro)) != 0)
        status = rc;
    if (o->plot && (rc = write_plot(o->plot, &r, &ro)) != 0)
        status = rc;
    if (compared && matched_nothing(&cmp))
        status =
            cli_fail("--compare: no case and size of this run is in '%s' (%zu new, %zu missing; "
                     "expected a baseline saved from the same cases and sizes)",
                     o->compare, cmp.counts[V_NEW], cmp.counts[V_MISSING]);
    if (fflush(stdout) != 0 && status == 0)
        status = cli_fail("cannot write the report to stdout: %s", strerror(errno));
    if (compared)
        compare_result_free(&cmp);
    result_free(&r);
    return status;
}

/* A bad baseline fails before anything is measured; while the run goes
 * on, the first SIGINT, SIGTERM or SIGHUP stops the measurement, not the
 * program, and a second one or SIGQUIT ends it without leaving the -o
 * temporary file or a child behind (signals.h). */
int cli_run(const cli_opts *o, const bench_case *const *sel, size_t nsel, const char *argv0)
{
    baseline *base = NULL;
    char err[512], valgrind[4096] = "";
    int rc;

    if (o->instructions && counted_find_valgrind(valgrind, sizeof valgrind, err, sizeof err) != 0)
        return cli_fail("%s", err);
    if (o->compare && baseline_load(o->compare, &base, err, sizeof err) != BENCH_OK)
        return cli_fail("--compare: %s", err);
    if (base && baseline_counted(base) != o->instructions) {
        baseline_free(base);
        return cli_fail(o->instructions
                            ? "--compare: '%s' holds times, and this run counts instructions "
                              "(expected a baseline saved with --instructions --format json)"
                            : "--compare: '%s' holds instruction counts, and this run measures "
                              "time (add --instructions, or compare with a timed baseline)",
                        o->compare);
    }
    signals_install();
    rc = run(o, sel, nsel, argv0, base, valgrind);
    signals_restore();
    baseline_free(base);
    return rc;
}

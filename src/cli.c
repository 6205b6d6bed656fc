/*
 * cli.c - bench_main: the `bench` command over whatever is registered.
 * The only layer that prints or talks to the user.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Set by SIGINT/SIGTERM: measurement ends after the current sample and
 * what was measured is reported. SA_RESETHAND makes a second ^C fatal. */
static volatile int stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static const char usage[] =
    "usage: bench [OPTIONS] [PATTERN...]\n"
    "Time the registered benchmark cases and report the per-call cost, its 95%\n"
    "confidence interval, the growth exponent and speedups against baselines.\n"
    "\n"
    "  PATTERN            a group (concat), a case (concat/naive) or a glob\n"
    "                     ('member/*', '*simd*'); none means every case\n"
    "  -l, --list         list cases: name, default sizes, description\n"
    "      --sizes LIST   comma-separated sizes >= 1, e.g. 1000,1e4,10k,1M\n"
    "  -n, --number N     calls per sample (default: auto-ranged)\n"
    "  -r, --repeat R     samples per case and size (default: adaptive, until the\n"
    "                     median is known to 1% or the time budget is spent)\n"
    "      --min-time SEC time budget per case and size (default 0.5)\n"
    "      --precision PCT adaptive sampling stops once the 95% CI of the median\n"
    "                     is within +-PCT of it (default 1)\n"
    "      --format FMT   table (default), json, csv or markdown\n"
    "  -o, --output FILE  write the result to FILE (format from --format or the\n"
    "                     extension .json/.csv/.md); the table still goes to stdout\n"
    "      --compare FILE compare with a result saved by --format json\n"
    "      --threshold PCT slowdown that counts as a regression (default 5)\n"
    "      --timeout SEC  a case still running after SEC at one size is stopped\n"
    "                     and reported failed (default 60)\n"
    "      --no-isolate   run cases in this process, not in a child (debuggers)\n"
    "  -q, --quiet        no progress line\n"
    "      --no-color     no color (also when NO_COLOR is set)\n"
    "  -v, --verbose      timer resolution and overhead, samples, outliers\n"
    "  -h, --help         this help\n"
    "  -V, --version      the version\n"
    "\n"
    "Exit status: 0 success, 1 a case failed or regressed, 2 usage or input error.\n";

/* The CLI's one way to fail: one line on stderr, exit status 2. */
static int error(const char *fmt, ...)
{
    va_list ap;
    fputs("bench: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

static int matches(const char *pattern, const bench_case *c)
{
    size_t glen = group_len(c->name);
    if (strcmp(pattern, c->name) == 0)
        return 1;
    if (strlen(pattern) == glen && strncmp(pattern, c->name, glen) == 0)
        return 1;
    return fnmatch(pattern, c->name, 0) == 0;
}

/* Levenshtein distance, capped to keep it cheap on long input. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, row[65];
    if (la > 64 || lb > 64)
        return 64;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

/* "did you mean" list: up to three registered names (groups and cases)
 * nearest to the pattern, among those within a third of its length. */
static void closest_names(const char *pattern, char *out, size_t size)
{
    const char *best[3] = {NULL, NULL, NULL};
    size_t bestd[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX}, i, k;
    char groups[64][64];
    size_t ngroups = 0;

    out[0] = 0;
    for (i = 0; i < bench_count() * 2; i++) {
        const bench_case *c = bench_get(i / 2);
        const char *name = c->name;
        size_t d;
        if (i % 2 == 0) { /* the group name of this case, once */
            size_t len = group_len(c->name), g;
            if (len >= 64 || ngroups == 64)
                continue;
            for (g = 0; g < ngroups; g++)
                if (strlen(groups[g]) == len && strncmp(groups[g], c->name, len) == 0)
                    break;
            if (g < ngroups || !c->name[len])
                continue; /* seen already, or the name is the group itself */
            memcpy(groups[ngroups], c->name, len);
            groups[ngroups][len] = 0;
            name = groups[ngroups++];
        }
        d = strncmp(name, pattern, strlen(pattern)) == 0 ? 1 : distance(pattern, name);
        if (d > 1 + strlen(pattern) / 3)
            continue;
        for (k = 0; k < 3; k++) {
            if (d < bestd[k]) {
                memmove(&best[k + 1], &best[k], (2 - k) * sizeof best[0]);
                memmove(&bestd[k + 1], &bestd[k], (2 - k) * sizeof bestd[0]);
                best[k] = name;
                bestd[k] = d;
                break;
            }
        }
    }
    for (k = 0; k < 3 && best[k]; k++) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s", k ? ", " : "", best[k]);
    }
}

/* Select the cases the patterns name, in registration order. */
static int select_cases(const cli_opts *o, const bench_case ***sel, size_t *nsel)
{
    size_t n = bench_count(), i, p;
    char *chosen = calloc(n ? n : 1, 1);

    *sel = calloc(n ? n : 1, sizeof **sel);
    *nsel = 0;
    if (!chosen || !*sel) {
        free(chosen);
        return error("out of memory");
    }
    for (p = 0; p < o->npatterns; p++) {
        int any = 0;
        for (i = 0; i < n; i++)
            if (matches(o->patterns[p], bench_get(i)))
                chosen[i] = 1, any = 1;
        if (!any) {
            char near[256];
            closest_names(o->patterns[p], near, sizeof near);
            free(chosen);
            if (!near[0])
                return error("unknown pattern '%s' (no similar names; see bench --list)", o->patterns[p]);
            return error("unknown pattern '%s' (closest names: %s; see bench --list)",
                         o->patterns[p], near);
        }
    }
    for (i = 0; i < n; i++)
        if (chosen[i] || o->npatterns == 0)
            (*sel)[(*nsel)++] = bench_get(i);
    free(chosen);
    return 0;
}

static void list_cases(const bench_case *const *sel, size_t nsel)
{
    size_t i, j;
    int wname = 4, wsizes = 5;
    char sizes[BENCH_MAX_SIZES * 21];

    for (i = 0; i < nsel; i++) {
        int w = (int)strlen(sel[i]->name);
        size_t len = 0;
        if (w > wname)
            wname = w;
        for (j = 0; j < BENCH_MAX_SIZES && sel[i]->sizes[j]; j++)
            len += (size_t)snprintf(NULL, 0, "%zu,", sel[i]->sizes[j]);
        if ((int)len > wsizes)
            wsizes = (int)len;
    }
    for (i = 0; i < nsel; i++) {
        size_t len = 0;
        sizes[0] = 0;
        for (j = 0; j < BENCH_MAX_SIZES && sel[i]->sizes[j]; j++)
            len += (size_t)snprintf(sizes + len, sizeof sizes - len, "%s%zu", j ? "," : "",
                                    sel[i]->sizes[j]);
        printf("%-*s  %-*s  %s\n", wname, sel[i]->name, wsizes, sizes[0] ? sizes : "1",
               sel[i]->desc ? sel[i]->desc : "");
    }
}

static void progress(void *ctx, const char *group, size_t done, size_t total)
{
    (void)ctx;
    fprintf(stderr, "\r\033[K[%zu/%zu] %s ...", done, total, group);
    fflush(stderr);
}

static out_format format_for(const cli_opts *o)
{
    const char *dot;
    if (o->format_set || !o->output)
        return o->format;
    dot = strrchr(o->output, '.');
    if (dot && strcmp(dot, ".json") == 0)
        return FMT_JSON;
    if (dot && strcmp(dot, ".csv") == 0)
        return FMT_CSV;
    if (dot && strcmp(dot, ".md") == 0)
        return FMT_MARKDOWN;
    return FMT_TABLE;
}

static int write_format(FILE *f, out_format fmt, const run_result *r, const report_opts *ro)
{
    switch (fmt) {
    case FMT_JSON: return report_json(f, r);
    case FMT_CSV: return report_csv(f, r);
    case FMT_MARKDOWN: return report_markdown(f, r);
    case FMT_TABLE: break;
    }
    return report_table(f, r, ro);
}

/* The output file is written to a temporary file beside it and renamed
 * into place, so a reader never sees half a result. The temporary file is
 * created before measuring: an unwritable path fails in a second, not after
 * the whole run. */
typedef struct out_file {
    char tmp[4096];
    FILE *f;
} out_file;

static int out_open(out_file *o, const char *path)
{
    struct stat st;
    int fd;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return error("--output: '%s' is a directory (expected a file path)", path);
    if (snprintf(o->tmp, sizeof o->tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof o->tmp)
        return error("--output: path too long: '%s'", path);
    fd = mkstemp(o->tmp);
    if (fd < 0)
        return error("--output: cannot write '%s': %s", path, strerror(errno));
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        unlink(o->tmp);
        return error("--output: cannot write '%s': %s", path, strerror(errno));
    }
    return 0;
}

static int out_commit(out_file *o, const char *path, int write_rc)
{
    int failed = write_rc != BENCH_OK || fflush(o->f) != 0 || ferror(o->f);
    failed |= fsync(fileno(o->f)) != 0 && errno != EINVAL;
    failed |= fclose(o->f) != 0;
    o->f = NULL;
    if (failed || rename(o->tmp, path) != 0) {
        int e = errno;
        unlink(o->tmp);
        return error("--output: cannot write '%s': %s", path, strerror(e ? e : EIO));
    }
    return 0;
}

static void out_abort(out_file *o)
{
    if (o->f) {
        fclose(o->f);
        unlink(o->tmp);
        o->f = NULL;
    }
}

static int run(const cli_opts *o, const bench_case *const *sel, size_t nsel,
               const char *argv0, baseline *base)
{
    run_config cfg;
    run_result r;
    report_opts ro;
    out_file of;
    out_format fmt = format_for(o);
    int rc, status = 0;
    size_t i;
    const char *nc = getenv("NO_COLOR");

    memset(&cfg, 0, sizeof cfg);
    memset(&of, 0, sizeof of);
    bench_options_init(&cfg.measure);
    cfg.measure.number = o->number;
    cfg.measure.repeat = o->repeat;
    if (o->min_time > 0)
        cfg.measure.min_time = o->min_time;
    if (o->precision > 0)
        cfg.measure.rel_ci = o->precision / 100;
    if (o->nsizes) {
        cfg.sizes = o->sizes;
        cfg.nsizes = o->nsizes;
    }
    if (!o->quiet && isatty(STDERR_FILENO))
        cfg.progress = progress;
    cfg.isolate = !o->no_isolate;
    cfg.timeout = o->timeout > 0 ? o->timeout : 60;
    cfg.stop = &stop_requested;
    cfg.measure.stop = &stop_requested;
    ro.verbose = o->verbose;
    ro.color = !o->no_color && !(nc && *nc) && isatty(STDOUT_FILENO);

    if (o->output && (rc = out_open(&of, o->output)) != 0)
        return rc;

    memset(&r, 0, sizeof r);
    context_collect(&r.ctx, argv0);
    if ((rc = bench_clock_info(NULL, &r.ctx.clock_resolution_ns, &r.ctx.clock_read_ns)) != BENCH_OK ||
        (rc = bench_overhead(NULL, &r.ctx.overhead_ns, &r.ctx.fixed_ns)) != BENCH_OK) {
        out_abort(&of);
        return error("timer: %s", bench_strerror(rc));
    }
    cfg.measure.fixed_ns = r.ctx.fixed_ns; /* the loop's b is measured per group */
    {
        run_result tmp;
        rc = run_cases(&cfg, sel, nsel, &tmp);
        tmp.ctx = r.ctx;
        r = tmp;
    }
    if (cfg.progress)
        fputs("\r\033[K", stderr);
    if (rc != BENCH_OK) {
        out_abort(&of);
        return error("%s", bench_strerror(rc));
    }
    status = r.incomplete; /* an interrupted run is not a success */
    for (i = 0; i < r.ncases; i++)
        if (r.cases[i].failed)
            status = 1;

    if (o->output) {
        rc = out_commit(&of, o->output, write_format(of.f, fmt, &r, &ro));
        if (rc)
            status = rc;
        report_table(stdout, &r, &ro);
    } else {
        write_format(stdout, fmt, &r, &ro);
    }
    if (base) {
        compare_result cmp;
        if (compare_run(base, &r, o->threshold, &cmp) != BENCH_OK) {
            status = error("--compare: out of memory");
        } else {
            report_compare(stdout, &cmp, o->compare, o->threshold);
            if (cmp.counts[V_REGRESSED] && status == 0)
                status = 1;
            compare_result_free(&cmp);
        }
    }
    if (fflush(stdout) != 0 && status == 0)
        status = error("cannot write the report to stdout: %s", strerror(errno));
    run_result_free(&r);
    return status;
}

/* A bad baseline fails before anything is measured. */
static int load_and_run(const cli_opts *o, const bench_case *const *sel, size_t nsel,
                        const char *argv0)
{
    baseline *base = NULL;
    char err[512];
    int rc;
    struct sigaction sa, old_int, old_term;

    if (o->compare && baseline_load(o->compare, &base, err, sizeof err) != BENCH_OK)
        return error("--compare: %s", err);
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

int bench_main(int argc, char **argv)
{
    cli_opts o;
    char err[512];
    const bench_case **sel = NULL;
    size_t nsel = 0;
    int rc;

    if (cli_parse(argc, argv, &o, err, sizeof err) != 0) {
        cli_opts_free(&o);
        return error("%s", err);
    }
    if (o.help) {
        fputs(usage, stdout);
        cli_opts_free(&o);
        return 0;
    }
    if (o.version) {
        printf("bench (libbench) %s\n", BENCH_VERSION);
        cli_opts_free(&o);
        return 0;
    }
    rc = select_cases(&o, &sel, &nsel);
    if (rc == 0) {
        if (o.list)
            list_cases(sel, nsel);
        else if (nsel == 0)
            rc = error("no cases are registered (add some with BENCH_CASE or bench_register)");
        else
            rc = load_and_run(&o, sel, nsel, argc > 0 ? argv[0] : "bench");
    }
    free(sel);
    cli_opts_free(&o);
    return rc;
}

/*
 * cmd_profile.c - `bench profile` (cmd_profile.h): select the cases like
 * bench does (select.c), set each up at one size, profile its run calls
 * (bench_profile, profile.c), tear it down, then write the table, the
 * folded stacks or the JSON, to stdout or atomically to -o (outfile.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "cli_args.h"
#include "cmd_profile.h"
#include "fmt.h"
#include "outfile.h"
#include "profile.h"
#include "select.h"

enum { FORMAT_TABLE, FORMAT_JSON, FORMAT_FOLDED };

typedef struct profile_args {
    bench_profile_options po;
    int by_self;
    size_t top;
    size_t size; /* 0: each case's largest default size */
    int format;  /* -1: from -o's extension, else the table */
    const char *output;
    char **patterns; /* owned array of pointers into argv */
    size_t npatterns;
    int help;
} profile_args;

void cmd_profile_usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s profile [OPTIONS] PATTERN...\n"
            "  PATTERN            a case (rolling/naive), a group or a glob: each case in turn\n"
            "      --hz HZ        samples per CPU second asked for (default 1000; the kernel "
            "gives at most its tick rate)\n"
            "      --min-time SEC CPU time of run calls to sample per case (default 1)\n"
            "      --sizes N      the size to set the case up at (default: its largest default "
            "size)\n"
            "      --sort KEY     cumulative (default) or self\n"
            "      --top K        functions in the table (default 15)\n"
            "      --format FMT   table (default), folded (flamegraph.pl, speedscope) or json\n"
            "  -o, --output FILE  write to FILE atomically (.json and .folded pick the format); "
            "the table still goes to stdout\n"
            "  -h, --help\n"
            "Only the case's run calls are sampled, not its setup or teardown; inlined "
            "functions count as their caller (docs/profile.md).\n",
            prog);
}

static const char *value(int argc, char **argv, int *i, const char *eq)
{
    if (eq)
        return eq + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

/* A number in [lo, hi], the whole string. */
static int parse_number(const char *v, double lo, double hi, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= lo && x <= hi))
        return -1;
    *out = x;
    return 0;
}

static int parse_format(const char *v, int *format)
{
    if (strcmp(v, "table") == 0)
        *format = FORMAT_TABLE;
    else if (strcmp(v, "json") == 0)
        *format = FORMAT_JSON;
    else if (strcmp(v, "folded") == 0)
        *format = FORMAT_FOLDED;
    else
        return -1;
    return 0;
}

/* One option with its value; 0, or 2 after saying what was wrong. */
static int apply(profile_args *a, const char *opt, const char *v, const char *prog)
{
    double x;
    char err[512];

    if (strcmp(opt, "--hz") == 0) {
        if (parse_number(v, 1, 100000, &x) != 0)
            return cli_fail("profile: --hz: '%s' is not a rate (expected a number of samples "
                            "per CPU second in [1, 100000], like 1000)",
                            v);
        a->po.hz = x;
    } else if (strcmp(opt, "--min-time") == 0) {
        if (parse_number(v, 0, 3600, &x) != 0 || x <= 0)
            return cli_fail("profile: --min-time: '%s' is not a time (expected seconds in "
                            "(0, 3600], like 1 or 0.5)",
                            v);
        a->po.min_time = x;
    } else if (strcmp(opt, "--top") == 0) {
        if (parse_number(v, 1, 1e6, &x) != 0 || x != floor(x))
            return cli_fail("profile: --top: '%s' is not a count (expected a whole number of "
                            "functions >= 1, like 15)",
                            v);
        a->top = (size_t)x;
    } else if (strcmp(opt, "--sort") == 0) {
        if (strcmp(v, "self") == 0)
            a->by_self = 1;
        else if (strcmp(v, "cumulative") == 0)
            a->by_self = 0;
        else
            return cli_fail("profile: --sort: '%s' is not a key (expected cumulative or self)", v);
    } else if (strcmp(opt, "--sizes") == 0) {
        size_t sizes[BENCH_MAX_SIZES], n;
        if (cli_parse_sizes(v, sizes, BENCH_MAX_SIZES, &n, err, sizeof err) != 0)
            return cli_fail("profile: %s", err);
        if (n != 1)
            return cli_fail("profile: --sizes: '%s' is %zu sizes; bench profile takes one (like "
                            "--sizes 10000)",
                            v, n);
        a->size = sizes[0];
    } else if (strcmp(opt, "--format") == 0) {
        if (parse_format(v, &a->format) != 0)
            return cli_fail("profile: --format: '%s' is not a format of bench profile (expected "
                            "table, folded or json)",
                            v);
    } else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0) {
        a->output = v;
    } else {
        return cli_fail("profile: unknown option '%s' (see %s profile --help)", opt, prog);
    }
    return 0;
}

static int is_option(const char *opt)
{
    static const char *const known[] = {"--hz",     "--min-time", "--top",    "--sort", "--sizes",
                                        "--format", "-o",         "--output", NULL};
    size_t i;
    for (i = 0; known[i]; i++)
        if (strcmp(opt, known[i]) == 0)
            return 1;
    return 0;
}

/* Returns 0, or 2 after saying what was wrong. */
static int parse(int argc, char **argv, const char *prog, profile_args *a)
{
    int i, only_patterns = 0, rc;

    memset(a, 0, sizeof *a);
    bench_profile_options_init(&a->po);
    a->top = 15;
    a->format = -1;
    a->patterns = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a->patterns);
    if (!a->patterns)
        return cli_fail("profile: out of memory");
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i], *eq = NULL, *v;
        char opt[64];
        size_t len = strlen(arg);

        if (only_patterns || arg[0] != '-' || arg[1] == 0) {
            a->patterns[a->npatterns++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_patterns = 1;
            continue;
        }
        if (strncmp(arg, "--", 2) == 0 && (eq = strchr(arg, '=')))
            len = (size_t)(eq - arg);
        snprintf(opt, sizeof opt, "%.*s", (int)(len < 63 ? len : 63), arg);
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            a->help = 1;
            return 0;
        }
        if (!is_option(opt))
            return cli_fail("profile: unknown option '%s' (see %s profile --help)", arg, prog);
        if (!(v = value(argc, argv, &i, eq)) || !*v)
            return cli_fail("profile: %s needs a value (see %s profile --help)", opt, prog);
        if ((rc = apply(a, opt, v, prog)) != 0)
            return rc;
    }
    if (a->npatterns == 0)
        return cli_fail("profile: which case? (expected a pattern, like %s profile "
                        "rolling/naive; see %s --list)",
                        prog, prog);
    if (a->format < 0) {
        const char *dot = a->output ? strrchr(a->output, '.') : NULL;
        a->format = dot && strcmp(dot, ".json") == 0     ? FORMAT_JSON
                    : dot && strcmp(dot, ".folded") == 0 ? FORMAT_FOLDED
                                                         : FORMAT_TABLE;
    }
    return 0;
}

/* ---- the writers ---- */

static double pct(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

int cmd_profile_table(FILE *f, const cmd_profile_view *v)
{
    const bench_profile_result *r = v->r;
    size_t *idx = malloc((r->nfuncs + 1) * sizeof *idx), n, i, shown, amdahl = 0;
    char t1[32], t2[32];

    if (!idx)
        return -1;
    n = profile_order(r, v->by_self, idx);
    fprintf(f,
            "%s N=%zu: %zu samples in %s of CPU (%.0f Hz, %.0f asked), %s per call (CPU, %llu "
            "calls)\n",
            v->name, v->n, r->samples, fmt_time(t1, sizeof t1, r->cpu_ns, 1), r->rate_hz, v->hz,
            fmt_time(t2, sizeof t2, r->per_call_ns, 1), (unsigned long long)r->calls);
    if (r->samples == 0) {
        fprintf(f,
                "  no samples: the calls ran for %s of CPU, too short for one at %.0f Hz; "
                "raise --min-time\n",
                fmt_time(t1, sizeof t1, r->cpu_ns, 1), r->rate_hz > 0 ? r->rate_hz : v->hz);
    } else {
        fprintf(f, "  sorted by %s; a share is known to +-%.1f points (95%%)\n",
                v->by_self ? "self" : "cumulative", profile_margin(r->samples));
        fprintf(f, "     self   self%%    cum%%  function\n");
        shown = n < v->top ? n : v->top;
        for (i = 0; i < shown; i++) {
            const bench_profile_func *fn = &r->funcs[idx[i]];
            fprintf(f, "  %7zu  %5.1f%%  %5.1f%%  %s\n", fn->self, pct(fn->self, r->samples),
                    pct(fn->cumulative, r->samples), fn->name);
        }
        if (shown < n)
            fprintf(f, "  (%zu more functions; --top %zu shows them all)\n", n - shown, n);
        /* Amdahl: what the case would gain, at most, if a function cost
         * nothing. A function in every sample (the case's run) bounds
         * nothing. */
        for (i = 0; i < shown && amdahl < 3; i++) {
            const bench_profile_func *fn = &r->funcs[idx[i]];
            double p = (double)fn->cumulative / (double)r->samples;
            if (fn->cumulative == 0 || fn->cumulative >= r->samples)
                continue;
            fprintf(f,
                    "  if %s took no time, the case would be at most %.1fx faster (cumulative "
                    "%.1f%%)\n",
                    fn->name, 1 / (1 - p), 100 * p);
            amdahl++;
        }
    }
    if (r->samples > 0 && r->samples < PROFILE_FEW_SAMPLES)
        fprintf(f,
                "  note: too few samples (%zu) for shares better than +-%.0f points; raise "
                "--min-time\n",
                r->samples, profile_margin(r->samples));
    if (r->rate_hz > 0 && r->rate_hz < v->hz * 0.7 && r->samples > 0)
        fprintf(f,
                "  note: %.0f Hz asked, %.0f Hz given: the kernel checks CPU timers once "
                "per tick; --min-time buys samples\n",
                v->hz, r->rate_hz);
    if (r->in_loop)
        fprintf(f,
                "  note: %zu samples fell in the loop between calls and count for no "
                "function\n",
                r->in_loop);
    if (r->unrooted)
        fprintf(f,
                "  note: %zu stacks did not unwind to the loop (code without unwind "
                "information?) and count by the frames that did\n",
                r->unrooted);
    if (r->dropped)
        fprintf(f, "  note: %zu samples were lost (the buffer was full)\n", r->dropped);
    if (r->note) {
        const char *p = r->note;
        while (*p) {
            const char *nl = strchr(p, '\n');
            int len = nl ? (int)(nl - p) : (int)strlen(p);
            fprintf(f, "  note: no names from %.*s; its functions are shown as addresses\n", len,
                    p);
            p += len + (nl != NULL);
        }
    }
    free(idx);
    return ferror(f) ? -1 : 0;
}

/* A frame's name as the folded format allows: no ';', no blanks. */
static void put_frame(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == ';' || (unsigned char)*s <= ' ' ? '_' : *s, f);
}

int cmd_profile_folded(FILE *f, const cmd_profile_view *v, int prefix)
{
    const bench_profile_result *r = v->r;
    size_t i, j;
    for (i = 0; i < r->nstacks; i++) {
        const bench_profile_stack *s = &r->stacks[i];
        if (prefix) {
            put_frame(f, v->name);
            fputc(';', f);
        }
        for (j = 0; j < s->depth; j++) {
            if (j)
                fputc(';', f);
            put_frame(f, r->funcs[s->frames[j]].name);
        }
        fprintf(f, " %zu\n", s->samples);
    }
    return ferror(f) ? -1 : 0;
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void json_num(FILE *f, double x)
{
    char buf[64];
    if (isfinite(x))
        fputs(fmt_double(buf, sizeof buf, x), f);
    else
        fputs("null", f);
}

static int json_one(FILE *f, const cmd_profile_view *v)
{
    const bench_profile_result *r = v->r;
    size_t *idx = malloc((r->nfuncs + 1) * sizeof *idx), n, i, j;

    if (!idx)
        return -1;
    n = profile_order(r, v->by_self, idx);
    fputs("    {\n      \"case\": ", f);
    json_str(f, v->name);
    fprintf(f,
            ",\n      \"n\": %zu,\n      \"samples\": %zu,\n      \"in_loop\": %zu,\n"
            "      \"unrooted\": %zu,\n      \"dropped\": %zu,\n      \"calls\": %llu,\n",
            v->n, r->samples, r->in_loop, r->unrooted, r->dropped, (unsigned long long)r->calls);
    fputs("      \"hz_asked\": ", f);
    json_num(f, v->hz);
    fputs(",\n      \"rate_hz\": ", f);
    json_num(f, r->rate_hz);
    fputs(",\n      \"cpu_ns\": ", f);
    json_num(f, r->cpu_ns);
    fputs(",\n      \"wall_ns\": ", f);
    json_num(f, r->wall_ns);
    fputs(",\n      \"per_call_ns\": ", f);
    json_num(f, r->per_call_ns);
    fputs(",\n      \"functions\": [", f);
    for (i = 0; i < n; i++) {
        const bench_profile_func *fn = &r->funcs[idx[i]];
        fputs(i ? ",\n        {\"name\": " : "\n        {\"name\": ", f);
        json_str(f, fn->name);
        fputs(", \"object\": ", f);
        json_str(f, fn->object);
        fprintf(f, ", \"self\": %zu, \"cumulative\": %zu, \"self_pct\": ", fn->self,
                fn->cumulative);
        json_num(f, pct(fn->self, r->samples));
        fputs(", \"cumulative_pct\": ", f);
        json_num(f, pct(fn->cumulative, r->samples));
        fputc('}', f);
    }
    fputs(n ? "\n      ],\n      \"stacks\": [" : "],\n      \"stacks\": [", f);
    for (i = 0; i < r->nstacks; i++) {
        const bench_profile_stack *s = &r->stacks[i];
        fputs(i ? ",\n        {\"frames\": [" : "\n        {\"frames\": [", f);
        for (j = 0; j < s->depth; j++) {
            if (j)
                fputs(", ", f);
            json_str(f, r->funcs[s->frames[j]].name);
        }
        fprintf(f, "], \"attributed_from\": %zu, \"samples\": %zu}", s->first, s->samples);
    }
    fputs(r->nstacks ? "\n      ],\n      \"notes\": [" : "],\n      \"notes\": [", f);
    if (r->note) {
        const char *p = r->note;
        char line[1024];
        for (i = 0; *p; i++) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            snprintf(line, sizeof line, "%.*s", (int)len, p);
            fputs(i ? ", " : "", f);
            json_str(f, line);
            p += len + (nl != NULL);
        }
    }
    fputs("]\n    }", f);
    free(idx);
    return ferror(f) ? -1 : 0;
}

int cmd_profile_json(FILE *f, const cmd_profile_view *v, size_t nv)
{
    size_t i;
    fputs("{\n  \"profiles\": [\n", f);
    for (i = 0; i < nv; i++) {
        if (json_one(f, &v[i]) != 0)
            return -1;
        fputs(i + 1 < nv ? ",\n" : "\n", f);
    }
    fputs("  ]\n}\n", f);
    return ferror(f) ? -1 : 0;
}

/* ---- the command ---- */

static int write_all(FILE *f, int format, const cmd_profile_view *v, size_t nv)
{
    size_t i;
    int rc = 0;
    if (format == FORMAT_JSON)
        return cmd_profile_json(f, v, nv);
    for (i = 0; i < nv && rc == 0; i++) {
        if (format == FORMAT_FOLDED) {
            rc = cmd_profile_folded(f, &v[i], nv > 1);
        } else {
            if (i)
                fputc('\n', f);
            rc = cmd_profile_table(f, &v[i]);
        }
    }
    return rc;
}

/* The size a case is profiled at: --sizes, else its largest default. */
static size_t size_of(const bench_case *c, size_t asked)
{
    size_t i, n = 1;
    if (asked)
        return asked;
    for (i = 0; i < BENCH_MAX_SIZES && c->sizes[i]; i++)
        n = c->sizes[i];
    return n;
}

int cmd_profile_main(int argc, char **argv, const char *prog)
{
    profile_args a;
    select_filter filter;
    const bench_case **sel = NULL;
    size_t nsel = 0, i, nv = 0;
    bench_profile_result *res = NULL;
    cmd_profile_view *views = NULL;
    outfile of;
    char err[512];
    int rc, status = 0;

    memset(&of, 0, sizeof of);
    if ((rc = parse(argc, argv, prog, &a)) != 0 || a.help) {
        if (a.help)
            cmd_profile_usage(stdout, prog);
        free(a.patterns);
        return rc;
    }
    memset(&filter, 0, sizeof filter);
    filter.include = a.patterns;
    filter.ninclude = a.npatterns;
    if (select_cases(&filter, prog, &sel, &nsel, err, sizeof err) != 0) {
        free(sel); /* what it allocated before it failed */
        free(a.patterns);
        return cli_fail("%s", err);
    }
    res = calloc(nsel + 1, sizeof *res);
    views = calloc(nsel + 1, sizeof *views);
    if (!res || !views) {
        rc = cli_fail("profile: out of memory");
        goto out;
    }
    if (a.output && outfile_open(&of, a.output, err, sizeof err) != 0) {
        rc = cli_fail("profile: %s", err);
        goto out;
    }
    for (i = 0; i < nsel; i++) {
        const bench_case *c = sel[i];
        size_t n = size_of(c, a.size);
        void *state = c->setup ? c->setup(n) : NULL;
        int prc;

        if (c->setup && !state) {
            fprintf(stderr, "%s profile: %s N=%zu: setup failed (returned NULL); not profiled\n",
                    prog, c->name, n);
            status = 1;
            continue;
        }
        prc = bench_profile(&a.po, c->run, state, &res[nv]);
        if (c->teardown)
            c->teardown(state);
        if (prc != BENCH_OK) {
            outfile_abort(&of);
            rc = cli_fail("profile: %s: %s", c->name, bench_strerror(prc));
            goto out;
        }
        views[nv].name = c->name;
        views[nv].n = n;
        views[nv].hz = a.po.hz;
        views[nv].by_self = a.by_self;
        views[nv].top = a.top;
        views[nv].r = &res[nv];
        nv++;
    }
    if (a.output) {
        if (outfile_commit(&of, write_all(of.f, a.format, views, nv), err, sizeof err) != 0) {
            rc = cli_fail("profile: %s", err);
            goto out;
        }
        if (of.how != OUTFILE_STDOUT && write_all(stdout, FORMAT_TABLE, views, nv) != 0)
            status = cli_fail("profile: cannot write to standard output");
    } else if (write_all(stdout, a.format, views, nv) != 0 || fflush(stdout) != 0) {
        status = cli_fail("profile: cannot write to standard output");
    }
    rc = status;
out:
    for (i = 0; i < nv; i++)
        bench_profile_free(&res[i]);
    free(res);
    free(views);
    free(sel);
    free(a.patterns);
    return rc;
}

/*
 * cmd_profile.c - `bench profile` (cmd_profile.h): select the cases like
 * bench does (select.c), set each up at one size, profile its run calls
 * (bench_profile, profile.c), tear it down, then write the table, the
 * folded stacks, the JSON or the HTML page with its flame graph (flame.c),
 * to stdout or atomically to -o (outfile.c). bench timeit --profile comes
 * here too, with its own cases (cmd_profile_parse, cmd_profile_cases).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "cli_args.h"
#include "cli_walk.h"
#include "cmd_profile.h"
#include "flame.h"
#include "fmt.h"
#include "outfile.h"
#include "profile.h"
#include "select.h"
#include "svg.h"

static int write_tables(FILE *f, const cmd_profile_view *v, size_t nv);
static int write_folded(FILE *f, const cmd_profile_view *v, size_t nv);

/* The formats of bench profile: --format NAME, or -o FILE by its
 * extension; the first is the default. */
static const cmd_profile_format formats[] = {
    {"table", NULL, write_tables},
    {"folded", ".folded", write_folded},
    {"json", ".json", cmd_profile_json},
    {"html", ".html", cmd_profile_html},
};
#define NFORMATS (sizeof formats / sizeof formats[0])

/* "table, folded, json or html" */
static const char *format_names(char *buf, size_t size)
{
    size_t i, len = 0;
    buf[0] = '\0';
    for (i = 0; i < NFORMATS && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                i == 0              ? ""
                                : i + 1 == NFORMATS ? " or "
                                                    : ", ",
                                formats[i].name);
    return buf;
}

const cmd_profile_format *cmd_profile_format_named(const char *name)
{
    size_t i;
    for (i = 0; i < NFORMATS; i++)
        if (strcmp(name, formats[i].name) == 0)
            return &formats[i];
    return NULL;
}

const cmd_profile_format *cmd_profile_format_for_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    size_t i;
    for (i = 0; dot && i < NFORMATS; i++)
        if (formats[i].ext && strcmp(dot, formats[i].ext) == 0)
            return &formats[i];
    return &formats[0];
}

/* cli_fail with the command's name first: "profile: ...",
 * "timeit --profile: ...". Returns 2. */
static int perr(const cmd_profile_args *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int perr(const cmd_profile_args *a, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (a->report)
        return a->report(msg);
    return cli_fail("%s: %s", a->who, msg);
}

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
            "      --format FMT   table (default), folded (flamegraph.pl, speedscope), json, or "
            "html (a page with a flame graph)\n"
            "  -o, --output FILE  write to FILE atomically (.json, .folded and .html pick the "
            "format); the table still goes to stdout\n"
            "  -h, --help\n"
            "Only the case's run calls are sampled, not its setup or teardown; inlined "
            "functions count as their caller (docs/profile.md).\n"
            "A SEC is seconds, bare or with a unit: 0.5, 2s, 300ms.\n",
            prog);
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

/* One option with its value; 0, or 2 after saying what was wrong. */
static int apply(cmd_profile_args *a, const char *opt, const char *v, const char *prog)
{
    double x;
    char err[512];

    if (strcmp(opt, "--hz") == 0) {
        if (parse_number(v, 1, 100000, &x) != 0)
            return perr(a,
                        "--hz: '%s' is not a rate (expected a number of samples "
                        "per CPU second in [1, 100000], like 1000)",
                        v);
        a->po.hz = x;
    } else if (strcmp(opt, "--min-time") == 0) {
        /* bench's parser, units and all: one --min-time for every command */
        if (cli_parse_seconds(opt, v, &a->po.min_time, err, sizeof err) != 0)
            return perr(a, "%s", err);
    } else if (strcmp(opt, "--top") == 0) {
        if (parse_number(v, 1, 1e6, &x) != 0 || x != floor(x))
            return perr(a,
                        "--top: '%s' is not a count (expected a whole number of "
                        "functions >= 1, like 15)",
                        v);
        a->top = (size_t)x;
    } else if (strcmp(opt, "--sort") == 0) {
        if (strcmp(v, "self") == 0)
            a->by_self = 1;
        else if (strcmp(v, "cumulative") == 0)
            a->by_self = 0;
        else
            return perr(a, "--sort: '%s' is not a key (expected cumulative or self)", v);
    } else if (strcmp(opt, "--sizes") == 0) {
        size_t sizes[BENCH_MAX_SIZES], n;
        if (cli_parse_sizes(v, sizes, BENCH_MAX_SIZES, &n, err, sizeof err) != 0)
            return perr(a, "%s", err);
        if (n != 1)
            return perr(a,
                        "--sizes: '%s' is %zu sizes; %s %s takes one (like "
                        "--sizes 10000)",
                        v, n, prog, a->who);
        a->size = sizes[0];
    } else if (strcmp(opt, "--format") == 0) {
        char names[128];
        if (!(a->format = cmd_profile_format_named(v)))
            return perr(a, "--format: '%s' is not a format of %s %s (expected %s)", v, prog, a->who,
                        format_names(names, sizeof names));
    } else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0) {
        a->output = v;
    } else {
        return perr(a, "unknown option '%s' (see %s %s --help)", opt, prog, a->help_of);
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

int cmd_profile_parse(int argc, char **argv, const char *prog, const char *who, const char *help_of,
                      int (*report)(const char *msg), int take_patterns, cmd_profile_args *a)
{
    cli_walk w;
    cli_walk_word word;
    int rc;

    memset(a, 0, sizeof *a);
    a->report = report;
    bench_profile_options_init(&a->po);
    a->top = 15;
    a->who = who;
    a->help_of = help_of;
    a->patterns = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a->patterns);
    if (!a->patterns)
        return perr(a, "out of memory");
    cli_walk_init(&w, argc, argv);
    while (cli_walk_next(&w, &word)) {
        const char *v;
        if (word.kind == CLI_WALK_OPERAND) {
            if (!take_patterns)
                return perr(a, "'%s' is not an option (see %s %s --help)", word.arg, prog, help_of);
            a->patterns[a->npatterns++] = word.arg;
            continue;
        }
        if (strcmp(word.name, "-h") == 0 || strcmp(word.name, "--help") == 0) {
            a->help = 1;
            return 0;
        }
        if (!is_option(word.name))
            return perr(a, "unknown option '%s' (see %s %s --help)", word.arg, prog, help_of);
        if (!(v = cli_walk_value(&w, &word)) || !*v)
            return perr(a, "%s needs a value (see %s %s --help)", word.name, prog, help_of);
        if ((rc = apply(a, word.name, v, prog)) != 0)
            return rc;
    }
    if (take_patterns && a->npatterns == 0)
        return perr(a,
                    "which case? (expected a pattern, like %s profile rolling/naive; see %s "
                    "--list)",
                    prog, prog);
    if (!a->format)
        a->format = cmd_profile_format_for_path(a->output);
    return 0;
}

void cmd_profile_args_free(cmd_profile_args *a)
{
    free(a->patterns);
    a->patterns = NULL;
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
            fprintf(f, "  (%zu more function%s; --top %zu shows them all)\n", n - shown,
                    n - shown == 1 ? "" : "s", n);
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
                "  note: %zu sample%s fell in the loop between calls and count%s for no "
                "function\n",
                r->in_loop, r->in_loop == 1 ? "" : "s", r->in_loop == 1 ? "s" : "");
    if (r->unrooted)
        fprintf(f,
                "  note: %zu stack%s did not unwind to the loop (code without unwind "
                "information?) and count%s by the frames that did\n",
                r->unrooted, r->unrooted == 1 ? "" : "s", r->unrooted == 1 ? "s" : "");
    if (r->dropped)
        fprintf(f, "  note: %zu sample%s lost (the buffer was full)\n", r->dropped,
                r->dropped == 1 ? " was" : "s were");
    if (r->note) {
        const char *p = r->note;
        while (*p) {
            const char *nl = strchr(p, '\n');
            int len = nl ? (int)(nl - p) : (int)strlen(p);
            const char *colon = memchr(p, ':', (size_t)len);
            int olen = colon ? (int)(colon - p) : len; /* "libfoo.so: why" */
            fprintf(f, "  note: no names from %.*s; its code counts as one row, [%.*s]\n", len, p,
                    olen, p);
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

/* The page's CSS: no '<', '>' or '&', so it is XML text as it is. */
static const char page_css[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;"
    "background:#fff;margin:0 auto;max-width:960px;padding:16px 20px}\n"
    "h1{font-size:22px;margin:0 0 8px}\n"
    "h2{font-size:18px;margin:26px 0 8px;border-bottom:1px solid #bbb;padding-bottom:3px}\n"
    "figure{margin:10px 0 14px}\n"
    "figure svg{max-width:100%;height:auto;display:block}\n"
    "figcaption{font-size:12.5px;color:#444;margin-top:2px}\n"
    "pre{font-size:12.5px;background:#f6f6f6;padding:8px;overflow-x:auto}\n"
    "footer{margin-top:24px;font-size:12px;color:#666}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}figure{break-inside:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

int cmd_profile_html(FILE *f, const cmd_profile_view *v, size_t nv)
{
    size_t i;

    fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
          "<meta name=\"generator\" content=\"libbench " BENCH_VERSION "\"/>\n"
          "<title>Profile</title>\n<style>\n",
          f);
    fputs(page_css, f);
    svg_style(f);
    flame_style(f);
    fputs("</style>\n</head>\n<body>\n<h1>Where the time goes</h1>\n", f);
    for (i = 0; i < nv; i++) {
        char *table = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&table, &len);

        fputs("<h2>", f);
        svg_text(f, v[i].name);
        fprintf(f, " N=%zu</h2>\n<figure class=\"plot\" data-plot=\"flame\" data-group=\"%zu\">\n",
                v[i].n, i);
        if (flame_svg(f, v[i].r, v[i].name, NULL) != 0) {
            if (mem)
                fclose(mem);
            free(table);
            return -1;
        }
        fputs("<figcaption>Each frame is a function, as wide as its share of the samples, "
              "above the function that called it; the case's run is at the bottom. Point at a "
              "frame for its name and samples.</figcaption>\n</figure>\n",
              f);
        if (!mem || cmd_profile_table(mem, &v[i]) != 0 || fclose(mem) != 0) {
            free(table);
            return -1;
        }
        fputs("<pre>", f);
        for (char *line = table; *line;) { /* line by line: svg_text shows a '\n' as \x0a */
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            svg_text(f, line);
            fputc('\n', f);
            line = nl ? nl + 1 : line + strlen(line);
        }
        fputs("</pre>\n", f);
        free(table);
    }
    fputs("<footer>libbench " BENCH_VERSION " bench profile</footer>\n</body>\n</html>\n", f);
    return ferror(f) ? -1 : 0;
}

/* ---- the command ---- */

static int write_tables(FILE *f, const cmd_profile_view *v, size_t nv)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < nv && rc == 0; i++) {
        if (i)
            fputc('\n', f);
        rc = cmd_profile_table(f, &v[i]);
    }
    return rc;
}

static int write_folded(FILE *f, const cmd_profile_view *v, size_t nv)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < nv && rc == 0; i++)
        rc = cmd_profile_folded(f, &v[i], nv > 1);
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

int cmd_profile_cases(const cmd_profile_args *a, const bench_case *const *sel, size_t nsel,
                      const char *prog)
{
    size_t i, nv = 0;
    bench_profile_result *res = calloc(nsel + 1, sizeof *res);
    cmd_profile_view *views = calloc(nsel + 1, sizeof *views);
    outfile of;
    char err[512];
    int rc, status = 0;

    memset(&of, 0, sizeof of);
    if (!res || !views) {
        rc = perr(a, "out of memory");
        goto out;
    }
    /* -o is checked now and written after: the cases run in this process,
     * so one that crashes or is killed must find no temporary file to
     * leave behind. A device or a FIFO stays open (opening it again could
     * meet another reader, or none). */
    if (a->output && outfile_open(&of, "--output", a->output, err, sizeof err) != 0) {
        rc = perr(a, "%s", err);
        goto out;
    }
    if (a->output && of.how == OUTFILE_REPLACE)
        outfile_abort(&of);
    for (i = 0; i < nsel; i++) {
        const bench_case *c = sel[i];
        size_t n = size_of(c, a->size);
        void *state = c->setup ? c->setup(n) : NULL;
        int prc;

        if (c->setup && !state) {
            fprintf(stderr, "%s %s: %s N=%zu: setup failed (returned NULL); not profiled\n", prog,
                    a->who, c->name, n);
            status = 1;
            continue;
        }
        prc = bench_profile(&a->po, c->run, state, &res[nv]);
        if (c->teardown)
            c->teardown(state);
        if (prc != BENCH_OK) {
            outfile_abort(&of);
            if (prc == BENCH_EINTR) {
                fprintf(stderr, "%s %s: interrupted while profiling %s; nothing written\n", prog,
                        a->who, c->name);
                rc = 1;
            } else {
                rc = perr(a, "%s: %s", c->name, bench_strerror(prc));
            }
            goto out;
        }
        views[nv].name = c->name;
        views[nv].n = n;
        views[nv].hz = a->po.hz;
        views[nv].by_self = a->by_self;
        views[nv].top = a->top;
        views[nv].r = &res[nv];
        nv++;
    }
    if (a->output) {
        if (of.how == OUTFILE_REPLACE &&
            outfile_open(&of, "--output", a->output, err, sizeof err) != 0) {
            rc = perr(a, "%s", err);
            goto out;
        }
        if (outfile_commit(&of, a->format->write(of.f, views, nv), err, sizeof err) != 0) {
            rc = perr(a, "%s", err);
            goto out;
        }
        if (of.how != OUTFILE_STDOUT && write_tables(stdout, views, nv) != 0)
            status = perr(a, "cannot write to standard output");
    } else if (a->format->write(stdout, views, nv) != 0 || fflush(stdout) != 0) {
        status = perr(a, "cannot write to standard output");
    }
    rc = status;
out:
    for (i = 0; i < nv; i++)
        bench_profile_free(&res[i]);
    free(res);
    free(views);
    return rc;
}

int cmd_profile_main(int argc, char **argv, const char *prog)
{
    cmd_profile_args a;
    select_filter filter;
    const bench_case **sel = NULL;
    size_t nsel = 0;
    char err[512];
    int rc;

    if ((rc = cmd_profile_parse(argc, argv, prog, "profile", "profile", NULL, 1, &a)) != 0 ||
        a.help) {
        if (a.help)
            cmd_profile_usage(stdout, prog);
        cmd_profile_args_free(&a);
        return rc;
    }
    memset(&filter, 0, sizeof filter);
    filter.include = a.patterns;
    filter.ninclude = a.npatterns;
    if (select_cases(&filter, prog, &sel, &nsel, err, sizeof err) != 0) {
        free(sel); /* what it allocated before it failed */
        cmd_profile_args_free(&a);
        return cli_fail("%s", err);
    }
    rc = cmd_profile_cases(&a, sel, nsel, prog);
    free(sel);
    cmd_profile_args_free(&a);
    return rc;
}

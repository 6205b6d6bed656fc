/*
 * report_html.c - the run as one self-contained HTML page (--format html,
 * -o report.html, bench report), and its growth plots as one SVG
 * (report_plot_svg, for --plot). docs/report.md describes the page.
 *
 * The page needs nothing beyond itself: its CSS is inline, its plots are
 * inline SVG (plot.c) whose text is real text, it runs no script (tooltips
 * are SVG <title> elements) and fetches nothing. It is also well-formed
 * XML, so a validator checks every escape: each string from the model,
 * which a loaded file can fill with anything, goes through svg_text.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "plot.h"
#include "present.h"
#include "report.h"
#include "svg.h"

/* The page's CSS: no '<', '>' or '&', so it is XML text as it is. */
static const char page_css[] =
    /* clang-format off */
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;"
    "background:#fff;margin:0 auto;max-width:960px;padding:16px 20px}\n"
    "h1{font-size:22px;margin:0 0 2px}\n"
    "h2{font-size:18px;margin:30px 0 8px;border-bottom:1px solid #bbb;padding-bottom:3px}\n"
    "h2 .desc{font-weight:normal;color:#555}\n"
    "h3{font-size:15px;margin:18px 0 4px}\n"
    ".sub{color:#555;margin:0 0 10px}\n"
    "dl.context{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:8px 0}\n"
    "dl.context dt{font-weight:bold}\n"
    "dl.context dd{margin:0}\n"
    ".warn{color:#8a4b00}\n"
    "nav ul{margin:4px 0;padding-left:20px}\n"
    "table{border-collapse:collapse;margin:6px 0 10px;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:2px 10px;border-bottom:1px solid #e2e2e2;text-align:right;vertical-align:top}\n"
    "th{background:#f3f3f3;font-weight:600}\n"
    "th.l,td.l{text-align:left}\n"
    "td{white-space:nowrap}\n"
    "td.l,td.failed{white-space:normal}\n"
    "td.failed{color:#8a1c1c;text-align:left}\n"
    "figure{margin:12px 0 18px}\n"
    "figure svg{max-width:100%;height:auto;display:block}\n"
    "figcaption{font-size:12.5px;color:#444;max-width:640px;margin-top:2px}\n"
    "ul.notes{padding-left:20px}\n"
    "ul.notes li{color:#6b4200}\n"
    "td.regressed{background:#f6d5d8;color:#7a0c17;font-weight:bold}\n"
    "td.improved{background:#d5efdc;color:#0e5a26;font-weight:bold}\n"
    "td.unchanged,td.new,td.missing{color:#444}\n"
    "footer{margin-top:30px;font-size:12px;color:#666;border-top:1px solid #ddd;padding-top:6px}\n"
    "@media print{\n"
    "@page{margin:14mm}\n"
    "body{max-width:none;padding:0;font-size:10pt}\n"
    "nav{display:none}\n"
    "figure,tr{break-inside:avoid}\n"
    "h2,h3{break-after:avoid}\n"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "}\n";
/* clang-format on */

static void esc(FILE *f, const char *s)
{
    svg_text(f, s);
}

/* <tag class="cls">text</tag>, the text escaped. */
static void cell(FILE *f, const char *tag, const char *cls, const char *text)
{
    fprintf(f, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    esc(f, text);
    fprintf(f, "</%s>", tag);
}

static void head(FILE *f, const results *r)
{
    fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
          "<meta name=\"generator\" content=\"libbench " BENCH_VERSION "\"/>\n<title>",
          f);
    fputs("Benchmark report", f);
    if (r->ctx.date[0]) {
        fputs(", ", f);
        esc(f, r->ctx.date);
    }
    fputs("</title>\n<style>\n", f);
    fputs(page_css, f);
    svg_style(f);
    fputs("</style>\n</head>\n<body>\n", f);
}

/* Does the context carry libbench's timer figures? Every run of bench
 * does; a Google Benchmark file read by bench report (load.h) has none,
 * and its times are as GB measured them, no loop cost subtracted. */
static int has_timer(const result_context *c)
{
    return c->clock_resolution_ns > 0 || c->clock_read_ns > 0;
}

/* The machine and the timer, at the top: what a reader needs before
 * trusting a number. A file without libbench's figures leaves some out. */
static void context(FILE *f, const results *r)
{
    const result_context *c = &r->ctx;
    char a[32], b[32], d[32], e[32], buf[512];

    fputs("<dl class=\"context\">\n", f);
    if (c->date[0] || c->host[0]) {
        snprintf(buf, sizeof buf, "%s%s%s", c->date, c->date[0] && c->host[0] ? " on " : "",
                 c->host);
        cell(f, "dt", NULL, "Run");
        cell(f, "dd", NULL, buf);
        fputc('\n', f);
    }
    if (c->executable[0]) {
        cell(f, "dt", NULL, "Executable");
        cell(f, "dd", NULL, c->executable);
        fputc('\n', f);
    }
    if (c->num_cpus > 0) {
        if (c->mhz_per_cpu > 0)
            snprintf(buf, sizeof buf, "%d CPUs at %.0f MHz; frequency scaling %s", c->num_cpus,
                     c->mhz_per_cpu, c->cpu_scaling_enabled ? "on" : "off");
        else
            snprintf(buf, sizeof buf, "%d CPUs, clock rate unknown; frequency scaling %s",
                     c->num_cpus, c->cpu_scaling_enabled ? "on" : "off");
        cell(f, "dt", NULL, "CPU");
        cell(f, "dd", NULL, buf);
        fputc('\n', f);
        snprintf(buf, sizeof buf, "%.2f, %.2f, %.2f (1, 5 and 15 minutes)", c->load_avg[0],
                 c->load_avg[1], c->load_avg[2]);
        cell(f, "dt", NULL, "Load average");
        cell(f, "dd", c->load_avg[0] > PRESENT_LOAD_NOTE * c->num_cpus ? "warn" : NULL, buf);
        fputc('\n', f);
    }
    if (has_timer(c)) {
        snprintf(buf, sizeof buf,
                 "CLOCK_MONOTONIC, resolution %s, %s a reading; the timing loop's %s a call "
                 "and %s a sample are subtracted",
                 fmt_time(a, sizeof a, c->clock_resolution_ns, 1),
                 fmt_time(b, sizeof b, c->clock_read_ns, 1),
                 fmt_time(d, sizeof d, c->overhead_ns, 1), fmt_time(e, sizeof e, c->fixed_ns, 1));
        cell(f, "dt", NULL, "Timer");
        cell(f, "dd", NULL, buf);
        fputc('\n', f);
    }
    fputs("</dl>\n", f);
}

static void notes_list(FILE *f, const present_note *notes, size_t n)
{
    size_t i;
    if (n == 0)
        return;
    fputs("<ul class=\"notes\">\n", f);
    for (i = 0; i < n; i++) {
        cell(f, "li", NULL, notes[i].text);
        fputc('\n', f);
    }
    fputs("</ul>\n", f);
}

static void top(FILE *f, const results *r, const report_opts *o)
{
    present_note note;
    size_t g;

    fputs("<header>\n<h1>Benchmark report</h1>\n<p class=\"sub\">libbench " BENCH_VERSION, f);
    fputs(has_timer(&r->ctx)
              ? ": times are per call with the timing loop's own cost subtracted; every "
                "interval is a 95% confidence interval.</p>\n"
              : ": times are per iteration as Google Benchmark measured them, with nothing "
                "subtracted; every interval is a 95% confidence interval.</p>\n",
          f);
    context(f, r);
    notes_list(f, &note, present_run_notes(r, &note, 1));
    if (r->incomplete)
        fputs("<p class=\"warn\"><strong>Incomplete:</strong> the run was interrupted before "
              "every case was measured.</p>\n",
              f);
    if (r->ngroups > 1 || (o && o->compare)) {
        fputs("<nav><ul>\n", f);
        for (g = 0; g < r->ngroups; g++) {
            fprintf(f, "<li><a href=\"#g%zu\">", g);
            esc(f, r->groups[g].name);
            fputs("</a></li>\n", f);
        }
        if (o && o->compare)
            fputs("<li><a href=\"#comparison\">comparison</a></li>\n", f);
        fputs("</ul></nav>\n", f);
    }
    fputs("</header>\n", f);
}

/* ---- a group ---- */

static void summary_row(FILE *f, const results *r, size_t ci, size_t pi)
{
    const result_case *c = &r->cases[ci];
    const result_point *p = &c->pts[pi];
    char a[64], b[64], x[64], buf[256];

    fputs("<tr>", f);
    cell(f, "td", "l", pi == 0 ? present_short_name(c->name) : "");
    snprintf(buf, sizeof buf, "%zu", p->n);
    cell(f, "td", NULL, buf);
    if (present_status_of(p) != PRESENT_OK) {
        snprintf(buf, sizeof buf, "%s%s", present_status_of(p) == PRESENT_FAILED ? "failed: " : "",
                 present_why(p));
        fputs("<td class=\"failed\" colspan=\"5\">", f);
        esc(f, buf);
        fputs("</td>", f);
    } else {
        cell(f, "td", NULL, fmt_time(a, sizeof a, p->m.wall.median, 1));
        cell(f, "td", NULL, present_ci(a, sizeof a, &p->m.wall));
        snprintf(buf, sizeof buf, "%zu", p->m.wall.n);
        cell(f, "td", NULL, buf);
        snprintf(buf, sizeof buf, "%u", p->m.disturbed);
        cell(f, "td", NULL, buf);
        buf[0] = 0;
        if (p->has_ratio && result_baseline_name(r, c))
            snprintf(
                buf, sizeof buf, "%s (%s\xe2\x80\x93%s)", fmt_ratio(a, sizeof a, p->ratio.median),
                fmt_ratio(b, sizeof b, p->ratio.ci_lo), fmt_ratio(x, sizeof x, p->ratio.ci_hi));
        else if (result_is_baseline(r, ci))
            snprintf(buf, sizeof buf, "baseline");
        cell(f, "td", NULL, buf);
    }
    buf[0] = 0;
    if (pi == 0 && c->has_fit)
        snprintf(buf, sizeof buf, "%s %s", present_exponent(a, sizeof a, &c->fit),
                 bench_bigo_name(c->fit.bigo));
    cell(f, "td", "l", buf);
    fputs("</tr>\n", f);
}

static void summary(FILE *f, const results *r, const result_group *grp)
{
    size_t i, j;
    fputs("<table class=\"summary\">\n<thead><tr><th class=\"l\">case</th><th>N</th>"
          "<th>median</th><th>\xc2\xb1"
          "95% CI</th><th>samples</th><th>disturbed</th>"
          "<th>times faster than baseline</th><th class=\"l\">exponent</th></tr></thead>\n"
          "<tbody>\n",
          f);
    for (i = grp->first; i < grp->end; i++) {
        const result_case *c = &r->cases[i];
        for (j = 0; j < c->npoints; j++)
            summary_row(f, r, i, j);
        if (c->npoints == 0 && c->failed) { /* failed before any size */
            fputs("<tr>", f);
            cell(f, "td", "l", present_short_name(c->name));
            fputs("<td></td><td class=\"failed\" colspan=\"6\">failed: ", f);
            esc(f, c->why);
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</tbody>\n</table>\n", f);
}

/* A figure: the plot, drawn by draw, and its caption. */
static void figure_open(FILE *f, const char *kind, size_t g)
{
    fprintf(f, "<figure class=\"plot\" data-plot=\"%s\" data-group=\"%zu\">\n", kind, g);
}

static void caption(FILE *f, const char *text)
{
    fputs("<figcaption>", f);
    esc(f, text);
    fputs("</figcaption>\n</figure>\n", f);
}

/* The sizes the strip plot leaves out for want of samples (a file that
 * saved only medians). */
static void samples_caption(FILE *f, const results *r, const result_group *grp)
{
    char buf[1024] = "";
    size_t i, j, used = 0, missing = 0;

    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            const result_point *p = &r->cases[i].pts[j];
            if (p->status == BENCH_OK && (!p->m.samples || p->m.nsamples == 0)) {
                missing++;
                if (used < sizeof buf) {
                    int w = snprintf(buf + used, sizeof buf - used, "%s%s N=%zu", used ? ", " : "",
                                     present_short_name(r->cases[i].name), p->n);
                    used += w > 0 ? (size_t)w : 0;
                }
            }
        }
    fputs("<figcaption>Every sample, a row per case and size, each row on its own linear scale "
          "from its fastest to its slowest sample (the ends are labelled). Shaded: the 95% "
          "confidence interval of the median; dark bar: the median; hollow dots: outliers "
          "beyond Tukey's fences (1.5 IQR). Disturbed samples (an involuntary context switch or "
          "a major page fault during them) are counted on each row; which samples they were is "
          "not recorded, so none is marked.",
          f);
    if (missing) {
        fputs(" Not shown, for want of saved samples: ", f);
        esc(f, buf);
        fputc('.', f);
    }
    fputs("</figcaption>\n</figure>\n", f);
}

static void group_section(FILE *f, const results *r, size_t g)
{
    const result_group *grp = &r->groups[g];
    present_note notes[BENCH_MAX_SIZES * 4 + 32];
    char id[32];

    fprintf(f, "<section class=\"group\" id=\"g%zu\">\n<h2>", g);
    esc(f, grp->name);
    if (grp->desc) {
        fputs(" <span class=\"desc\">", f);
        esc(f, grp->desc);
        fputs("</span>", f);
    }
    fputs("</h2>\n", f);
    summary(f, r, grp);
    notes_list(f, notes, present_group_notes(r, g, notes, sizeof notes / sizeof notes[0]));

    figure_open(f, "growth", g);
    snprintf(id, sizeof id, "g%zu-growth", g);
    plot_growth(f, r, g, id, -1, 0);
    caption(f, "Median time per call against N, both on log scales, where a power law "
               "t = c\xc2\xb7N^k is a straight line of slope k. Bars: the 95% confidence interval "
               "of the median. Lines: each case's fitted power law over the sizes it was "
               "measured at; the legend gives its exponent k with the half-width of its 95% "
               "interval, and the closest complexity class.");

    if (plot_sample_rows(r, g, NULL) > 0) {
        figure_open(f, "samples", g);
        snprintf(id, sizeof id, "g%zu-samples", g);
        plot_samples(f, r, g, id);
        samples_caption(f, r, grp);
    }
    if (plot_latency_rows(r, g) > 0) {
        figure_open(f, "latency", g);
        snprintf(id, sizeof id, "g%zu-latency", g);
        plot_latency(f, r, g, id);
        caption(f, "--latency: the time of single calls (or of the smallest batch the clock "
                   "allows, over its calls), each case and size a row on one log time scale. "
                   "Bars: the histogram, a bar per eighth of a power of two, its height the "
                   "log of the count, so that a tail of one call shows. Marks: p50, p90, p99, "
                   "p99.9 (filled) and the maximum (hollow).");
    }
    if (plot_speedup_rows(r, g) > 0) {
        figure_open(f, "speedup", g);
        snprintf(id, sizeof id, "g%zu-speedup", g);
        plot_speedups(f, r, g, id);
        caption(f, "How many times faster each case is than its baseline: the median of the "
                   "ratios baseline time / case time over samples paired by round, with its 95% "
                   "confidence interval, on a log scale; the dashed line is 1x, as fast as the "
                   "baseline.");
    }
    fputs("</section>\n", f);
}

static void groups(FILE *f, const results *r, const report_opts *o)
{
    size_t g;
    (void)o;
    for (g = 0; g < r->ngroups; g++)
        group_section(f, r, g);
    if (r->ngroups == 0)
        fputs("<p>No case was measured.</p>\n", f);
}

/* ---- a comparison ---- */

static const char *const verdict_marks[] = {"= ", "\xe2\x96\xbc ", "\xe2\x96\xb2 ", "", ""};

static void comparison_row(FILE *f, const compare_row *row)
{
    static const char *const cls[] = {"unchanged", "improved", "regressed", "new", "missing"};
    int known = row->v != V_NEW && row->v != V_MISSING;
    char a[32], b[32], buf[128];

    fputs("<tr>", f);
    cell(f, "td", "l", row->name);
    cell(f, "td", NULL, row->v == V_NEW ? "" : fmt_time(a, sizeof a, row->old_median, 1));
    cell(f, "td", NULL, row->v == V_MISSING ? "" : fmt_time(b, sizeof b, row->new_median, 1));
    buf[0] = 0;
    if (known)
        snprintf(buf, sizeof buf, "%+.1f%% (%+.1f%% to %+.1f%%)", 100 * row->change,
                 100 * row->change_lo, 100 * row->change_hi);
    cell(f, "td", NULL, buf);
    buf[0] = 0;
    if (known)
        snprintf(buf, sizeof buf, "%.3f", row->p_value);
    cell(f, "td", NULL, buf);
    snprintf(buf, sizeof buf, "%s%s", verdict_marks[row->v % 5], report_verdict_name(row->v));
    cell(f, "td", cls[row->v % 5], buf);
    fputs("</tr>\n", f);
}

/* Was some row's interval widened by the spread between processes? */
static int any_between(const compare_result *c)
{
    size_t i;
    for (i = 0; i < c->nrows; i++)
        if (c->rows[i].between)
            return 1;
    return 0;
}

static void comparison(FILE *f, const results *r, const report_opts *o)
{
    const compare_result *c = o ? o->compare : NULL;
    char buf[512];
    size_t i;

    (void)r;
    if (!c)
        return;
    fputs("<section class=\"comparison\" id=\"comparison\">\n<h2>Comparison with ", f);
    esc(f, o->baseline ? o->baseline : "the baseline");
    fputs("</h2>\n", f);
    snprintf(buf, sizeof buf,
             "%zu regressed, %zu improved, %zu unchanged, %zu new, %zu missing. A regression is "
             "a slowdown above %g%% that is significant (Mann-Whitney U, p < %g) with a 95%% "
             "interval above 0; the change is the median of all new/old sample ratios "
             "(Hodges-Lehmann) with that interval%s.",
             c->counts[V_REGRESSED], c->counts[V_IMPROVED], c->counts[V_UNCHANGED],
             c->counts[V_NEW], c->counts[V_MISSING], o->threshold, COMPARE_ALPHA,
             any_between(c) ? ", which carries the spread between worker processes" : "");
    cell(f, "p", c->counts[V_REGRESSED] ? "warn" : NULL, buf);
    fputc('\n', f);
    if (c->nrows > 0) {
        fputs("<figure class=\"plot\" data-plot=\"compare\" data-group=\"-\">\n", f);
        plot_compare(f, c, "comparison-plot");
        caption(f, "The old (hollow circle) and new median of each case and size on a log "
                   "scale, joined by a line coloured by the verdict: red, a triangle pointing "
                   "up, regressed; green, a triangle pointing down, improved; grey, unchanged.");
    }
    fputs("<table class=\"compare\">\n<thead><tr><th class=\"l\">case and size</th>"
          "<th>old median</th><th>new median</th><th>change (95% CI)</th><th>p</th>"
          "<th>verdict</th></tr></thead>\n<tbody>\n",
          f);
    for (i = 0; i < c->nrows; i++)
        comparison_row(f, &c->rows[i]);
    fputs("</tbody>\n</table>\n</section>\n", f);
}

/* The sections of the page after its header, in order. A later one (the
 * flame graph of bench profile, the latency histogram of --latency) is a
 * row here, with a writer that draws nothing when the model does not carry
 * its data. */
typedef void (*section_writer)(FILE *f, const results *r, const report_opts *o);
static const section_writer sections[] = {groups, comparison};

int report_html(FILE *f, const results *r, const report_opts *o)
{
    size_t i;

    if (!f || !r)
        return BENCH_EINVAL;
    head(f, r);
    top(f, r, o);
    fputs("<main>\n", f);
    for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
        sections[i](f, r, o);
    fputs("</main>\n<footer>Written by libbench " BENCH_VERSION
          ". One file: no script, nothing fetched; hover a mark for its figures.</footer>\n"
          "</body>\n</html>\n",
          f);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}

int report_plot_svg(FILE *f, const results *r, const report_opts *o)
{
    double h = 0, y = 0;
    size_t g;

    (void)o;
    if (!f || !r)
        return BENCH_EINVAL;
    for (g = 0; g < r->ngroups; g++)
        h += plot_growth_height(r, g, 1);
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"%d\" height=\"",
            PLOT_WIDTH);
    svg_num(f, h > 0 ? h : 40);
    fprintf(f, "\" viewBox=\"0 0 %d ", PLOT_WIDTH);
    svg_num(f, h > 0 ? h : 40);
    fputs("\" role=\"img\" aria-label=\"time per call against N, log-log, by group\">\n<style>\n",
          f);
    svg_style(f);
    fputs("</style>\n", f);
    if (r->ngroups == 0)
        fputs("<text x=\"8\" y=\"24\">No case was measured.</text>\n", f);
    for (g = 0; g < r->ngroups; g++) {
        char id[32];
        snprintf(id, sizeof id, "growth-%zu", g);
        y += plot_growth(f, r, g, id, y, 1);
    }
    fputs("</svg>\n", f);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}

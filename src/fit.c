/*
 * fit.c - how cost grows with size: the exponent k of t ~ n^k, its
 * interval, and the nearest complexity class.
 */
#include <math.h>

#include "fit.h"

static const char *const bigo_names[BENCH_BIGO_COUNT] = {
    "O(1)", "O(log N)", "O(N)", "O(N log N)", "O(N^2)", "O(N^3)",
};

const char *bench_bigo_name(bench_bigo c)
{
    return (unsigned)c < BENCH_BIGO_COUNT ? bigo_names[c] : "?";
}

double bench_exponent(double n1, double t1, double n2, double t2)
{
    if (!(n1 > 0 && n2 > 0 && t1 > 0 && t2 > 0) || n1 == n2)
        return NAN;
    return log(t2 / t1) / log(n2 / n1);
}

/* ln g(n) for each class; -INFINITY where g(n) is not positive (log of 1). */
static double log_g(bench_bigo c, double n)
{
    switch (c) {
    case BENCH_O1: return 0.0;
    case BENCH_OLOGN: return n > 1 ? log(log2(n)) : -INFINITY;
    case BENCH_ON: return log(n);
    case BENCH_ONLOGN: return n > 1 ? log(n) + log(log2(n)) : -INFINITY;
    case BENCH_ON2: return 2 * log(n);
    case BENCH_ON3: return 3 * log(n);
    default: return -INFINITY;
    }
}

/* Two-sided 97.5% quantile of Student's t with dof degrees of freedom. */
static double t975(size_t dof)
{
    static const double t[] = {
        0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    };
    if (dof < sizeof t / sizeof t[0])
        return t[dof];
    return 1.96 + 2.5 / (double)dof; /* within 0.01 of the true value */
}

/* Slope of ln g(n) on ln n over the sizes measured: what exponent the
 * class itself shows there (1 + ~0.12 for N log N at 1e3..1e4). */
static double class_slope(bench_bigo c, const double *n, size_t k, double mx, double sxx)
{
    double sxy = 0, my = 0;
    size_t i;
    for (i = 0; i < k; i++)
        my += log_g(c, n[i]);
    if (!isfinite(my))
        return NAN;
    my /= (double)k;
    for (i = 0; i < k; i++)
        sxy += (log(n[i]) - mx) * (log_g(c, n[i]) - my);
    return sxy / sxx;
}

/* Residual sum of squares of ln t = ln coef + ln g(n), coef fitted. */
static double class_rss(bench_bigo c, const double *n, const double *t, size_t k, double *coef)
{
    double m = 0, rss = 0;
    size_t i;
    for (i = 0; i < k; i++)
        m += log(t[i]) - log_g(c, n[i]);
    if (!isfinite(m))
        return INFINITY;
    m /= (double)k;
    for (i = 0; i < k; i++) {
        double r = log(t[i]) - log_g(c, n[i]) - m;
        rss += r * r;
    }
    if (coef)
        *coef = exp(m);
    return rss;
}

/* Relative RMS error of t ~ coef * g(n). */
static double class_rel_rms(bench_bigo c, const double *n, const double *t, size_t k, double coef)
{
    double rel = 0;
    size_t i;
    for (i = 0; i < k; i++) {
        double e = (t[i] - coef * exp(log_g(c, n[i]))) / t[i];
        rel += e * e;
    }
    return sqrt(rel / (double)k);
}

/* The sums of a least-squares fit of ln t on ln n. */
typedef struct sums {
    double mx, sxx, sse;
} sums;

/* Slope, intercept and R^2 of ln t on ln n. BENCH_EINVAL when the sizes
 * are all equal. */
static int least_squares(const double *n, const double *t, size_t k, bench_fit_result *out,
                         sums *sm)
{
    double my = 0, sxy = 0, syy = 0;
    size_t i;

    sm->mx = sm->sxx = sm->sse = 0;
    for (i = 0; i < k; i++) {
        sm->mx += log(n[i]);
        my += log(t[i]);
    }
    sm->mx /= (double)k;
    my /= (double)k;
    for (i = 0; i < k; i++) {
        double dx = log(n[i]) - sm->mx, dy = log(t[i]) - my;
        sm->sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if (sm->sxx <= 0)
        return BENCH_EINVAL; /* all sizes equal */
    out->k = k;
    out->slope = sxy / sm->sxx;
    out->intercept = my - out->slope * sm->mx;
    for (i = 0; i < k; i++) {
        double r = log(t[i]) - (out->intercept + out->slope * log(n[i]));
        sm->sse += r * r;
    }
    out->r2 = syy > 0 ? 1.0 - sm->sse / syy : 1.0;
    if (out->r2 < 0)
        out->r2 = 0;
    return BENCH_OK;
}

/* The part of the slope's interval that the uncertainty of each time
 * brings, propagated through the slope's weights (x_i - mean x) / Sxx: a
 * 95% interval [lo, hi] of t_i is taken as +-1.96 sigma in ln t, and the
 * times as independent. */
static double propagated(const double *n, const double *lo, const double *hi, size_t k,
                         const sums *sm)
{
    double var_prop = 0;
    size_t i;

    if (!lo || !hi)
        return 0;
    for (i = 0; i < k; i++) {
        double w = (log(n[i]) - sm->mx) / sm->sxx, s = 0;
        if (lo[i] > 0 && hi[i] >= lo[i])
            s = (log(hi[i]) - log(lo[i])) / (2 * 1.96);
        var_prop += w * w * s * s;
    }
    return 1.96 * sqrt(var_prop);
}

/* The interval: below and above the slope, the given parts (the times'
 * uncertainty) combined with the scatter about the line (Student t, k-2
 * dof; none with two points). */
static void slope_interval(size_t k, const sums *sm, double below, double above,
                           bench_fit_result *out)
{
    double h = 0;
    if (k > 2)
        h = t975(k - 2) * sqrt(sm->sse / (double)(k - 2) / sm->sxx);
    out->slope_lo = out->slope - sqrt(below * below + h * h);
    out->slope_hi = out->slope + sqrt(above * above + h * h);
}

/* Class: least squares of ln t = ln c + ln g(n) with c free. The residual
 * is the spread of ln t - ln g(n) about its mean, so a class wins by
 * matching the *shape* of growth over the sizes measured, and N log N
 * (local slope 1 + 1/ln n) is told from N by that shape. Occam's razor
 * first, though: the slowest-growing class whose own slope over these
 * sizes lies inside the exponent's interval is taken, so growth measured
 * as 1.09 +- 0.08 stays O(N). When no class is consistent with the
 * interval, the best fit decides. */
static void choose_class(const double *n, const double *t, size_t k, const sums *sm,
                         bench_fit_result *out)
{
    double best_rss = INFINITY;
    int c, chosen = -1;

    for (c = 0; c < BENCH_BIGO_COUNT && chosen < 0; c++) {
        double gs = class_slope((bench_bigo)c, n, k, sm->mx, sm->sxx);
        if (isfinite(gs) && gs >= out->slope_lo - 1e-9 && gs <= out->slope_hi + 1e-9)
            chosen = c;
    }
    for (c = 0; c < BENCH_BIGO_COUNT && chosen < 0; c++) {
        double rss = class_rss((bench_bigo)c, n, t, k, NULL);
        if (rss < best_rss - 1e-12) { /* ties go to the slower-growing class */
            best_rss = rss;
            out->bigo = (bench_bigo)c;
        }
    }
    if (chosen >= 0)
        out->bigo = (bench_bigo)chosen;
    class_rss(out->bigo, n, t, k, &out->coef);
    out->rms = class_rel_rms(out->bigo, n, t, k, out->coef);
}

/* part, when not NULL: the slope, and its interval's reach below and
 * above it, from elsewhere (fit_paired). */
static int fit(const double *n, const double *t, size_t k, const double *lo, const double *hi,
               const double *part, bench_fit_result *out)
{
    sums sm;
    size_t i;
    int rc;

    if (!n || !t || !out || k < 2)
        return BENCH_EINVAL;
    for (i = 0; i < k; i++)
        if (!(n[i] > 0) || !(t[i] > 0) || !isfinite(t[i]) || !isfinite(n[i]))
            return BENCH_EINVAL;
    if ((rc = least_squares(n, t, k, out, &sm)) != BENCH_OK)
        return rc;
    if (part) {
        /* the line through the same centre, at the slope given */
        out->intercept += (out->slope - part[0]) * sm.mx;
        out->slope = part[0];
        slope_interval(k, &sm, part[1], part[2], out);
    } else {
        double h = propagated(n, lo, hi, k, &sm);
        slope_interval(k, &sm, h, h, out);
    }
    choose_class(n, t, k, &sm, out);
    return BENCH_OK;
}

int bench_fit(const double *n, const double *t, const double *lo, const double *hi, size_t k,
              bench_fit_result *out)
{
    return fit(n, t, k, lo, hi, NULL, out);
}

int fit_paired(const double *n, const double *t, size_t k, double slope, double below,
               double above, bench_fit_result *out)
{
    double part[3];
    if (!isfinite(slope) || !(below >= 0) || !(above >= 0) || !isfinite(below) ||
        !isfinite(above))
        return BENCH_EINVAL;
    part[0] = slope;
    part[1] = below;
    part[2] = above;
    return fit(n, t, k, NULL, NULL, part, out);
}

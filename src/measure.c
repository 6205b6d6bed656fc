/*
 * measure.c - the timing loop, auto-ranging and adaptive sampling.
 *
 * Nothing here prints, and nothing is allocated between the two clock
 * readings of a sample: sample arrays are sized before a round starts.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "array.h"
#include "clock.h"
#include "loop.h"
#include "measure.h"

#define AUTORANGE_MAX 1000000000u

static const bench_clock *clock_or_real(const bench_clock *c)
{
    return c ? c : &clock_real;
}

void bench_options_init(bench_options *o)
{
    memset(o, 0, sizeof *o);
    o->min_time = 0.25;
    o->rel_ci = 0.01;
    o->min_samples = 8;
    o->max_samples = 1000;
    o->overhead_ns = -1;
    o->fixed_ns = -1;
}

int bench_timeit(const bench_clock *clock, bench_fn fn, void *arg, uint64_t number,
                 bench_timing *out)
{
    uint64_t t0, t1, c0 = 0, c1 = 0;
    timed_loop loop;

    if (!fn || !out || number == 0)
        return BENCH_EINVAL;
    clock = clock_or_real(clock);
    if (!clock->now)
        return BENCH_EINVAL;
    loop = loop_for(fn);
    /* CPU time is read outside the wall-clock window: its reading is a
     * system call and would otherwise add to every sample. */
    if (clock->cpu_now)
        c0 = clock->cpu_now(clock->ctx);
    t0 = clock->now(clock->ctx);
    loop(fn, arg, number);
    t1 = clock->now(clock->ctx);
    if (clock->cpu_now)
        c1 = clock->cpu_now(clock->ctx);
    if (t0 == 0 || t1 == 0 || t1 < t0)
        return BENCH_ECLOCK;
    out->number = number;
    out->total_ns = (double)(t1 - t0);
    out->per_call_ns = out->total_ns / (double)number;
    out->cpu_total_ns = c1 > c0 ? (double)(c1 - c0) : 0.0;
    return BENCH_OK;
}

/* timeit.autorange: 1, 2, 5, 10, 20, 50, ... calls until a sample is long
 * enough. The samples it takes double as warm-up. */
int bench_autorange(const bench_clock *clock, bench_fn fn, void *arg, double min_seconds,
                    bench_timing *out)
{
    static const unsigned steps[] = {1, 2, 5};
    uint64_t scale = 1;
    int rc;

    if (!(min_seconds > 0) || !isfinite(min_seconds))
        return BENCH_EINVAL;
    for (;;) {
        size_t s;
        for (s = 0; s < 3; s++) {
            uint64_t number = steps[s] * scale;
            rc = bench_timeit(clock, fn, arg, number, out);
            if (rc != BENCH_OK)
                return rc;
            if (out->total_ns >= min_seconds * 1e9 || number >= AUTORANGE_MAX)
                return BENCH_OK;
        }
        scale *= 10;
    }
}

/* The empty function whose calls measure the loop's own cost. Aligned to a
 * cache line so its placement, which moves the cost of a call by up to a
 * nanosecond on some cores, does not change from one build to the next. */
__attribute__((aligned(64), noinline)) static void empty_fn(void *arg)
{
    (void)arg;
}

/* A latency-bound chain (each step needs the last): its time tracks the
 * core clock, not the memory system. ~50 us on a 3 GHz core. */
static void reference_chain(void *arg)
{
    uint64_t x = 88172645463325252u;
    unsigned i;
    for (i = 0; i < 50000; i++)
        x = x * 6364136223846793005u + 1442695040888963407u;
    bench_keep(x);
    (void)arg;
}

double measure_reference_ns(const bench_clock *clock)
{
    double best = 0;
    int i;
    for (i = 0; i < 5; i++) {
        bench_timing t;
        if (bench_timeit(clock, reference_chain, NULL, 1, &t) != BENCH_OK)
            return 0;
        if (i == 0 || t.total_ns < best)
            best = t.total_ns;
    }
    return best;
}

/* t = a + b * calls on an empty function. The slope b (the loop and the
 * indirect call) comes from pairs of long samples of N and 2N calls:
 * b = (t(2N) - t(N)) / N, whose noise is divided by N. The intercept a
 * (the clock readings, paid once per sample) would drown in that noise, so
 * it comes from many short samples of SHORT calls instead: a = t - SHORT b.
 * Medians throughout; both clamped at 0. */
int bench_overhead(const bench_clock *clock, double *per_call_ns, double *fixed_ns)
{
    enum { PAIRS = 7, SHORTS = 201, SHORT = 16 };
    double b[PAIRS], a[SHORTS];
    bench_timing t;
    bench_stats st;
    int i, rc;

    if (!per_call_ns)
        return BENCH_EINVAL;
    rc = bench_autorange(clock, empty_fn, NULL, 0.002, &t);
    if (rc != BENCH_OK)
        return rc;
    for (i = 0; i < PAIRS; i++) {
        bench_timing t1, t2;
        if ((rc = bench_timeit(clock, empty_fn, NULL, t.number, &t1)) != BENCH_OK ||
            (rc = bench_timeit(clock, empty_fn, NULL, 2 * t.number, &t2)) != BENCH_OK)
            return rc;
        b[i] = (t2.total_ns - t1.total_ns) / (double)t.number;
    }
    if ((rc = bench_stats_compute(b, PAIRS, &st)) != BENCH_OK)
        return rc;
    *per_call_ns = st.median > 0 ? st.median : 0;
    if (!fixed_ns)
        return BENCH_OK;
    for (i = 0; i < SHORTS; i++) {
        bench_timing ts;
        if ((rc = bench_timeit(clock, empty_fn, NULL, SHORT, &ts)) != BENCH_OK)
            return rc;
        a[i] = ts.total_ns - SHORT * *per_call_ns;
    }
    if ((rc = bench_stats_compute(a, SHORTS, &st)) != BENCH_OK)
        return rc;
    *fixed_ns = st.median > 0 ? st.median : 0;
    return BENCH_OK;
}

void bench_measurement_free(bench_measurement *m)
{
    if (!m)
        return;
    free(m->samples);
    free(m->cpu_samples);
    memset(m, 0, sizeof *m);
}

/* The fewest samples whose interval of the median is a true 95% one: with
 * fewer, it is [min, max] and covers less (stats.c). */
#define PRECISE_MIN_SAMPLES 6

/* Has every measurement's median reached the requested precision? Never
 * before PRECISE_MIN_SAMPLES: two samples that happen to agree are no
 * 95% interval, and a worker process, whose share of min_samples can be 1
 * or 2, would stop on them. */
static int precise_enough(const bench_measurement *out, size_t k, double rel)
{
    size_t i;
    for (i = 0; i < k; i++) {
        bench_stats st;
        double half;
        if (out[i].nsamples < PRECISE_MIN_SAMPLES ||
            bench_stats_compute(out[i].samples, out[i].nsamples, &st) != BENCH_OK)
            return 0;
        half = fmax(st.median - st.ci_lo, st.ci_hi - st.median);
        if (!(half <= rel * fabs(st.median)))
            return 0;
    }
    return 1;
}

static long disturbances(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return ru.ru_nivcsw + ru.ru_majflt;
}

/* Room for `need` samples in every measurement, whose arrays hold *cap;
 * sized before a round starts, never inside it. */
static int grow(bench_measurement *out, size_t k, size_t *cap, size_t need)
{
    size_t i, ncap = *cap;
    for (i = 0; i < k; i++) {
        size_t c1 = *cap, c2 = *cap; /* the same growth for every array */
        double *s = array_grow(out[i].samples, &c1, need, sizeof *s);
        if (!s)
            return BENCH_ENOMEM;
        out[i].samples = s;
        s = array_grow(out[i].cpu_samples, &c2, need, sizeof *s);
        if (!s)
            return BENCH_ENOMEM;
        out[i].cpu_samples = s;
        ncap = c1;
    }
    *cap = ncap;
    return BENCH_OK;
}

/* Who runs: *w->at is set to the id of fns[i] (w->ids[i], or i without
 * ids; -1 for i >= w->named, the loop's own empty function) before any
 * call of it, and back to -1 after. A store to a volatile int, outside the
 * clock readings. */
typedef struct watch {
    volatile int *at; /* NULL: nobody asked */
    const int *ids;
    size_t named;
    const uint64_t *hints; /* call counts to try first, or NULL */
} watch;

static void running(const watch *w, size_t i)
{
    if (w->at)
        *w->at = i >= w->named ? -1 : w->ids ? w->ids[i] : (int)i;
}

static void done_running(const watch *w)
{
    if (w->at)
        *w->at = -1;
}

/* One sample of every function, in the order given. */
static int sample_round(const bench_clock *clock, size_t k, const size_t *order,
                        const bench_fn *fns, void *const *args, bench_measurement *out,
                        const watch *w)
{
    size_t j;
    for (j = 0; j < k; j++) {
        size_t i = order[j];
        bench_measurement *m = &out[i];
        bench_timing t;
        long d0 = disturbances();
        int rc;
        running(w, i);
        rc = bench_timeit(clock, fns[i], args ? args[i] : NULL, m->number, &t);
        done_running(w);
        if (rc != BENCH_OK)
            return rc;
        if (disturbances() != d0)
            m->disturbed++;
        m->samples[m->nsamples] = (t.total_ns - m->fixed_ns) / (double)t.number - m->overhead_ns;
        m->cpu_samples[m->nsamples] =
            t.cpu_total_ns > 0 ? t.cpu_total_ns / (double)t.number - m->overhead_ns : 0;
        m->nsamples++;
    }
    return BENCH_OK;
}

/* A fresh order for every round (Fisher-Yates with xorshift64): a fixed
 * A B A B rhythm can fall into step with the scheduler's time slices on a
 * busy machine and stretch the same function's samples every time. */
static void shuffle(size_t *order, size_t k, uint64_t *rng)
{
    size_t i;
    for (i = k; i > 1; i--) {
        size_t j, t;
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        j = (size_t)(*rng % i);
        t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* One function's calls per sample, timed once (the warm-up): o->number
 * when fixed; else hint, an earlier worker process's count (0: none), when
 * a sample at it still lasts half the sample time; else auto-ranged. */
static int number_for(const bench_options *o, const bench_clock *clock, bench_fn fn, void *arg,
                      uint64_t hint, double sample_time, bench_timing *t)
{
    if (o->number)
        return bench_timeit(clock, fn, arg, o->number, t);
    if (hint > 0 && bench_timeit(clock, fn, arg, hint, t) == BENCH_OK &&
        t->total_ns >= 0.5 * sample_time * 1e9)
        return BENCH_OK;
    return bench_autorange(clock, fn, arg, sample_time, t);
}

double measure_sample_time(const bench_options *o)
{
    return o->sample_time > 0 ? o->sample_time : fmin(0.010, fmax(0.001, o->min_time / 20));
}

/* Choose each function's call count; the auto-range samples (or one
 * explicit sample at a fixed count) are the discarded warm-up. */
static int choose_numbers(const bench_options *o, const bench_clock *clock, size_t k,
                          const bench_fn *fns, void *const *args, bench_measurement *out,
                          const watch *w)
{
    double sample_time = measure_sample_time(o);
    size_t i;

    for (i = 0; i < k; i++) {
        bench_timing t;
        uint64_t hint = i < w->named && w->hints ? w->hints[i] : 0;
        int rc;
        running(w, i);
        rc = number_for(o, clock, fns[i], args ? args[i] : NULL, hint, sample_time, &t);
        done_running(w);
        if (rc != BENCH_OK)
            return rc;
        out[i].number = t.number;
    }
    return BENCH_OK;
}

/* Is the sampling done after n rounds that began at `start`? The budget
 * is min_time for each of the kprec functions measured for their own
 * sake: the loop's empty function, when it rides along, takes its
 * samples inside theirs. */
static int done(const bench_options *o, const bench_clock *clock, uint64_t start, size_t n,
                size_t kprec, const bench_measurement *out)
{
    size_t limit = o->repeat ? o->repeat : o->max_samples;
    double elapsed;

    if ((o->stop && *o->stop) || n >= limit)
        return 1; /* a stop keeps what was measured: the caller reports it */
    if (o->repeat)
        return 0;
    /* Neither the budget nor the precision stops short of min_samples:
     * with fewer than 6 the interval of the median is [min, max] and
     * covers less than 95%. An explicit repeat (above) still rules. */
    if (n < o->min_samples)
        return 0;
    elapsed = (double)(clock->now(clock->ctx) - start) / 1e9;
    if (elapsed >= o->min_time * (double)kprec)
        return 1;
    return precise_enough(out, kprec, o->rel_ci);
}

/* Rounds of one sample of every function, in a fresh order each time,
 * until done(); then the statistics. */
static int sample_rounds(const bench_options *o, const bench_clock *clock, size_t k, size_t kprec,
                         const bench_fn *fns, void *const *args, bench_measurement *out,
                         const watch *w)
{
    uint64_t start = clock->now(clock->ctx), rng = 0x9E3779B97F4A7C15u;
    size_t *order = malloc(k * sizeof *order), i, cap = 0;
    int rc = order ? BENCH_OK : BENCH_ENOMEM;

    for (i = 0; order && i < k; i++)
        order[i] = i;
    while (rc == BENCH_OK) {
        size_t n = out[0].nsamples;
        if (n == cap && (rc = grow(out, k, &cap, n + 1)) != BENCH_OK)
            break;
        shuffle(order, k, &rng);
        if ((rc = sample_round(clock, k, order, fns, args, out, w)) != BENCH_OK ||
            done(o, clock, start, n + 1, kprec, out))
            break;
    }
    free(order);
    for (i = 0; i < k && rc == BENCH_OK; i++)
        if ((rc = bench_stats_compute(out[i].samples, out[i].nsamples, &out[i].wall)) == BENCH_OK)
            rc = bench_stats_compute(out[i].cpu_samples, out[i].nsamples, &out[i].cpu);
    return rc;
}

static int measure_many(const bench_options *o, size_t k, size_t kprec, const bench_fn *fns,
                        void *const *args, bench_measurement *out, const watch *w)
{
    const bench_clock *clock = clock_or_real(o->clock);
    double fixed = o->fixed_ns;
    size_t i;
    int rc;

    if (fixed < 0 && (rc = bench_overhead(clock, &(double){0}, &fixed)) != BENCH_OK)
        return rc;
    for (i = 0; i < k; i++) {
        out[i].overhead_ns = o->overhead_ns;
        out[i].fixed_ns = fixed;
    }
    if ((rc = choose_numbers(o, clock, k, fns, args, out, w)) != BENCH_OK)
        return rc;
    return sample_rounds(o, clock, k, kprec, fns, args, out, w);
}

/* Take the loop's per-call cost out of every sample (CPU time too, when
 * it was recorded) and recompute the statistics. */
static int subtract_loop(bench_measurement *m, double loop)
{
    size_t i;
    int rc;
    for (i = 0; i < m->nsamples; i++) {
        m->samples[i] -= loop;
        if (m->cpu_samples[i] != 0)
            m->cpu_samples[i] -= loop;
    }
    m->overhead_ns = loop;
    if ((rc = bench_stats_compute(m->samples, m->nsamples, &m->wall)) != BENCH_OK)
        return rc;
    return bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu);
}

/* A start-up fixed cost (the clock readings, o->fixed_ns) checked beside
 * the group. The empty function's samples in the rounds give, per call,
 * L = b + a / N (its median with the fixed cost added back, N its calls
 * per sample); short samples of it, taken now, give S = a + SHORT b. So
 * a = (S - SHORT L) / (1 - SHORT / N). When that disagrees with the
 * start-up figure by more than FIXED_SLACK_NS and a quarter (a busy moment
 * at start-up once gave 0 instead of 14 ns), the start-up figure is
 * rejected: every sample is corrected with the new one, which is recorded
 * as each measurement's fixed_ns. */
#define FIXED_SLACK_NS 2.0
static int check_fixed(const bench_clock *clock, double fixed, size_t k, bench_measurement *m)
{
    enum { WARM = 50, SHORTS = 201, SHORT = 16 };
    double t[SHORTS], L, now, N = (double)m[k - 1].number;
    bench_stats st;
    size_t i, s;
    int rc;

    if (N < 4 * SHORT)
        return BENCH_OK; /* too few calls a sample to tell a from b */
    if ((rc = bench_stats_compute(m[k - 1].samples, m[k - 1].nsamples, &st)) != BENCH_OK)
        return rc;
    L = st.median + fixed / N;
    for (i = 0; i < WARM + SHORTS; i++) { /* the first WARM warm up, discarded */
        bench_timing bt;
        if ((rc = bench_timeit(clock, empty_fn, NULL, SHORT, &bt)) != BENCH_OK)
            return rc;
        if (i >= WARM)
            t[i - WARM] = bt.total_ns;
    }
    if ((rc = bench_stats_compute(t, SHORTS, &st)) != BENCH_OK)
        return rc;
    now = (st.median - SHORT * L) / (1 - SHORT / N);
    if (!(now > 0))
        now = 0;
    if (fabs(now - fixed) <= fmax(FIXED_SLACK_NS, 0.25 * now))
        return BENCH_OK;
    for (i = 0; i < k; i++) {
        double d = (fixed - now) / (double)m[i].number;
        for (s = 0; s < m[i].nsamples; s++) {
            m[i].samples[s] += d;
            if (m[i].cpu_samples[s] != 0)
                m[i].cpu_samples[s] += d;
        }
        m[i].fixed_ns = now;
        if ((rc = bench_stats_compute(m[i].samples, m[i].nsamples, &m[i].wall)) != BENCH_OK ||
            (rc = bench_stats_compute(m[i].cpu_samples, m[i].nsamples, &m[i].cpu)) != BENCH_OK)
            return rc;
    }
    return BENCH_OK;
}

/* The loop's cost, when it is to be measured, is measured beside the
 * functions: the empty function joins the rounds as one more member (it
 * rides along; the precision stop waits only for the others), and the
 * median of its samples is subtracted. The same loop was seen to cost
 * about 0.8 ns more in the middle of a group than alone at start-up. */
static int measure_with_loop(const bench_options *o, size_t k, const bench_fn *fns,
                             void *const *args, bench_measurement *out, const watch *w)
{
    bench_fn *f = malloc((k + 1) * sizeof *f);
    void **a = malloc((k + 1) * sizeof *a);
    bench_measurement *m = calloc(k + 1, sizeof *m);
    bench_options ro = *o;
    size_t i;
    int rc = BENCH_ENOMEM;

    if (f && a && m) {
        for (i = 0; i < k; i++) {
            f[i] = fns[i];
            a[i] = args ? args[i] : NULL;
        }
        f[k] = empty_fn;
        a[k] = NULL;
        ro.overhead_ns = 0;
        rc = measure_many(&ro, k + 1, k, f, a, m, w); /* f[k] is w->named: -1 */
        if (rc == BENCH_OK && o->fixed_ns >= 0)
            rc = check_fixed(clock_or_real(o->clock), o->fixed_ns, k + 1, m);
        for (i = 0; i < k && rc == BENCH_OK; i++)
            rc = subtract_loop(&m[i], m[k].wall.median > 0 ? m[k].wall.median : 0);
        bench_measurement_free(&m[k]);
        if (rc == BENCH_OK)
            memcpy(out, m, k * sizeof *out);
        else
            for (i = 0; i < k; i++)
                bench_measurement_free(&m[i]);
    }
    free(f);
    free(a);
    free(m);
    return rc;
}

int measure_many_watched(const bench_options *o, size_t k, const bench_fn *fns, void *const *args,
                         bench_measurement *out, volatile int *at, const int *ids,
                         const uint64_t *hints)
{
    bench_options def;
    watch w;
    size_t i;
    int rc;

    w.at = at;
    w.ids = ids;
    w.named = k;
    w.hints = hints;
    if (at)
        *at = -1;
    if (!fns || !out || k == 0)
        return BENCH_EINVAL;
    for (i = 0; i < k; i++)
        if (!fns[i])
            return BENCH_EINVAL;
    if (!o) {
        bench_options_init(&def);
        o = &def;
    }
    /* Every documented range, NaN outside all of them; rel_ci only
     * matters to adaptive sampling. */
    if (!(o->min_time > 0) || !isfinite(o->min_time) || (o->repeat == 0 && !(o->rel_ci > 0)) ||
        o->max_samples == 0 || !(o->sample_time >= 0) || !isfinite(o->sample_time) ||
        !(o->overhead_ns < INFINITY) || !(o->fixed_ns < INFINITY) || (o->clock && !o->clock->now))
        return BENCH_EINVAL;
    memset(out, 0, k * sizeof *out);
    if (o->overhead_ns < 0)
        rc = measure_with_loop(o, k, fns, args, out, &w);
    else
        rc = measure_many(o, k, k, fns, args, out, &w);
    if (rc != BENCH_OK)
        for (i = 0; i < k; i++)
            bench_measurement_free(&out[i]);
    return rc;
}

int bench_measure_many(const bench_options *o, size_t k, const bench_fn *fns, void *const *args,
                       bench_measurement *out)
{
    return measure_many_watched(o, k, fns, args, out, NULL, NULL, NULL);
}

int bench_measure(const bench_options *o, bench_fn fn, void *arg, bench_measurement *out)
{
    void *args[1];
    args[0] = arg;
    return bench_measure_many(o, 1, &fn, args, out);
}

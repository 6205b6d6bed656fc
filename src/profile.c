/*
 * profile.c - bench_profile (bench.h): call fn over and over under a
 * CPU-time timer signal, record each sample's stack in the signal handler,
 * then name the frames and count them per function and per stack.
 *
 * The handler is async-signal-safe: it allocates nothing and prints
 * nothing; it copies backtrace(3)'s addresses into a buffer allocated
 * before the timer is armed. backtrace is called once before arming, so
 * that glibc loads libgcc's unwinder (dlopen, malloc) outside the handler.
 * Each record in the buffer is [n][pc][frame 0] ... [frame n-1]: pc is
 * the interrupted instruction, read from the signal's context, which
 * tells where the handler's own frames (the handler, the kernel's return
 * trampoline) end.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

#include "array.h"
#include "demangle.h"
#include "elfsym.h"
#include "profile.h"

/* The state the handler shares with bench_profile. */
static struct {
    void **buf; /* the records */
    size_t cap; /* slots in buf */
    size_t used;
    size_t dropped;
    volatile sig_atomic_t in_calls; /* 1 while the loop of calls runs */
} g;
static atomic_flag g_busy = ATOMIC_FLAG_INIT;     /* a profile is running */
static atomic_flag g_handling = ATOMIC_FLAG_INIT; /* a handler is writing */

void bench_profile_options_init(bench_profile_options *o)
{
    o->hz = 1000;
    o->min_time = 1;
    o->max_wall = 0;
    o->stop = NULL;
}

/* The instruction the signal interrupted, or 0 where the context's layout
 * is not known here. */
static uintptr_t interrupted_pc(const void *ucv)
{
    const ucontext_t *uc = ucv;
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__i386__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_EIP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.pc;
#else
    (void)uc;
    return 0;
#endif
}

static void on_sigprof(int sig, siginfo_t *si, void *uc)
{
    int saved = errno;
    (void)sig;
    (void)si;
    if (!g.in_calls) {
        errno = saved;
        return; /* between batches: not a call of fn */
    }
    /* Another thread's handler is writing: this sample is lost. */
    if (atomic_flag_test_and_set(&g_handling)) {
        g.dropped++;
        errno = saved;
        return;
    }
    if (g.cap - g.used < 2 + PROFILE_MAX_DEPTH) {
        g.dropped++;
    } else {
        void **rec = g.buf + g.used;
        int n = backtrace(rec + 2, PROFILE_MAX_DEPTH);
        rec[0] = (void *)(uintptr_t)(n > 0 ? n : 0);
        rec[1] = (void *)interrupted_pc(uc);
        g.used += 2 + (size_t)(n > 0 ? n : 0);
    }
    atomic_flag_clear(&g_handling);
    errno = saved;
}

/* The loop of calls: every sample in fn's calls has this function on its
 * stack, just above fn, which is how the attributed part is found. Called
 * through a volatile pointer, so it is never inlined or cloned. The flag
 * is raised and lowered here, inside the loop's own code, so a sample
 * taken while it is up is in fn or in this loop, never in the code around
 * the call (which would count as a sample of fn's calls without fn). */
__attribute__((noinline)) static void profile_calls(bench_fn fn, void *arg, uint64_t n)
{
    uint64_t i;
    g.in_calls = 1;
    atomic_signal_fence(memory_order_seq_cst);
    for (i = 0; i < n; i++)
        fn(arg);
    atomic_signal_fence(memory_order_seq_cst);
    g.in_calls = 0;
    __asm__ __volatile__("" : : : "memory"); /* no tail call to fn */
}
static void (*volatile calls_fn)(bench_fn, void *, uint64_t) = profile_calls;

static double cpu_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return -1;
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double wall_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return -1;
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ---- sampling ---- */

typedef struct sampled {
    uint64_t calls;
    double cpu, wall;
} sampled;

/* Calls per batch: enough for about 2 ms of CPU time, so reading the
 * clock between batches costs nothing worth counting; no more than about
 * 2 ms of wall time either, so that calls which sleep or wait (little CPU,
 * much wall) keep to the wall-time cap between batches. */
static int calibrate(bench_fn fn, void *arg, uint64_t *batch)
{
    uint64_t n = 1;
    for (;;) {
        double t0 = cpu_ns(), w0 = wall_ns(), dt, dw;
        calls_fn(fn, arg, n);
        dt = cpu_ns() - t0;
        dw = wall_ns() - w0;
        if (t0 < 0 || w0 < 0 || dt < -1 || dw < 0)
            return BENCH_ECLOCK;
        if (dt >= 2e6 || dw >= 2e6 || n >= ((uint64_t)1 << 32))
            break;
        n = dt <= 2e4 ? n * 10 : (uint64_t)ceil((double)n * 2.4e6 / dt);
    }
    *batch = n;
    return BENCH_OK;
}

static int sample(const bench_profile_options *o, bench_fn fn, void *arg, sampled *s)
{
    struct sigaction sa, old_sa;
    struct itimerval it, old_it, zero;
    sigset_t prof, old_mask;
    struct timespec now = {0, 0};
    uint64_t batch;
    double c0, w0, c, w, max_wall = o->max_wall > 0 ? o->max_wall : 10 * o->min_time + 1;
    long usec = (long)(1e6 / o->hz);
    void *probe[4];
    uint64_t rng = 0x9E3779B97F4A7C15u ^ (uint64_t)wall_ns();
    int rc;

    /* Outside the handler: glibc loads the unwinder on the first call. */
    (void)backtrace(probe, 4);
    if ((rc = calibrate(fn, arg, &batch)) != BENCH_OK)
        return rc;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigprof;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGPROF, &sa, &old_sa) != 0)
        return BENCH_ECLOCK;
    memset(&zero, 0, sizeof zero);
    it.it_interval.tv_sec = usec / 1000000;
    it.it_interval.tv_usec = usec % 1000000 > 0 || usec >= 1000000 ? usec % 1000000 : 1;
    it.it_value = it.it_interval;
    sigemptyset(&prof);
    sigaddset(&prof, SIGPROF);
    if (setitimer(ITIMER_PROF, &it, &old_it) != 0) {
        sigaction(SIGPROF, &old_sa, NULL);
        return BENCH_ECLOCK;
    }

    w0 = wall_ns();
    for (;;) {
        double spin;
        c0 = cpu_ns();
        calls_fn(fn, arg, batch);
        c = cpu_ns(), w = wall_ns();
        s->calls += batch;
        s->cpu += c - c0;
        if (c0 < 0 || c < 0 || w0 < 0 || w < 0 || s->cpu >= o->min_time * 1e9 ||
            w - w0 >= max_wall * 1e9 || (o->stop && *o->stop))
            break;
        /* Dither: wait a random part of one call (at most 1 ms) before
         * the next batch, so the timer's ticks fall at a fresh phase of
         * the calls each time. Without it, calls whose length divides the
         * tick would be sampled at the same few points of their code. */
        spin = s->cpu / (double)s->calls;
        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
        spin = (double)(rng >> 11) / 9007199254740992.0 * (spin < 1e6 ? spin : 1e6);
        while (wall_ns() - w < spin)
            ;
    }

    /* Disarm, let no SIGPROF still pending reach the old action (whose
     * default ends the process), then put back what was there. */
    setitimer(ITIMER_PROF, &zero, NULL);
    sigprocmask(SIG_BLOCK, &prof, &old_mask);
    while (sigtimedwait(&prof, NULL, &now) == SIGPROF)
        ;
    sigaction(SIGPROF, &old_sa, NULL);
    if (old_it.it_value.tv_sec || old_it.it_value.tv_usec)
        setitimer(ITIMER_PROF, &old_it, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    if (c0 < 0 || w0 < 0 || c < 0 || w < 0)
        return BENCH_ECLOCK;
    s->wall = w - w0;
    return o->stop && *o->stop ? BENCH_EINTR : BENCH_OK;
}

/* ---- naming and counting ---- */

typedef struct fn_info {
    size_t name;   /* offset in the text arena */
    size_t object; /* likewise */
    int obj;       /* elfsym's object index, -1 for none */
    uintptr_t addr;
    size_t self, cum, mark;
    int named;
} fn_info;

typedef struct pc_slot {
    uintptr_t pc; /* 0: empty */
    size_t fn;
} pc_slot;

typedef struct stack_rec {
    size_t off; /* in the sequence arena */
    const size_t *seq;
    size_t len, first, count;
} stack_rec;

typedef struct builder {
    elfsym *es;
    fn_info *fns;
    size_t nfns, fcap;
    char *text;
    size_t tlen, tcap;
    pc_slot *cache;
    size_t cache_cap, cache_used; /* cap: a power of two */
    size_t *seq;
    size_t nseq, scap;
    stack_rec *recs;
    size_t nrecs, rcap;
    uintptr_t loop_start;
    int loop_obj, loop_named;
    uintptr_t handler_start;
    int nomem;
} builder;

static size_t add_text(builder *b, const char *s)
{
    size_t n = strlen(s) + 1, at = b->tlen;
    char *t = array_grow(b->text, &b->tcap, b->tlen + n, 1);
    if (!t) {
        b->nomem = 1;
        return 0;
    }
    b->text = t;
    memcpy(b->text + at, s, n);
    b->tlen += n;
    return at;
}

/* The function (index into b->fns) that names pc. */
static size_t fn_of_hit(builder *b, uintptr_t pc, const elfsym_hit *h)
{
    size_t i;
    char buf[64], plain[1024];
    const char *name = h->name;
    fn_info *grown;

    /* A C++ name as the reader wrote it; one not understood stays
     * mangled. */
    if (h->name && demangle(h->name, plain, sizeof plain))
        name = plain;
    for (i = 0; i < b->nfns; i++) {
        const fn_info *f = &b->fns[i];
        if (f->obj != h->obj || f->named != (name != NULL))
            continue;
        /* Unnamed code counts per object (per address outside any). */
        if (name ? strcmp(b->text + f->name, name) == 0 : h->object || f->addr == pc)
            return i;
    }
    if (!(grown = array_grow(b->fns, &b->fcap, b->nfns + 1, sizeof *b->fns))) {
        b->nomem = 1;
        return 0;
    }
    b->fns = grown;
    memset(&b->fns[b->nfns], 0, sizeof *b->fns);
    b->fns[b->nfns].obj = h->obj;
    b->fns[b->nfns].named = name != NULL;
    b->fns[b->nfns].addr = name ? h->start : pc - h->offset;
    if (name)
        b->fns[b->nfns].name = add_text(b, name);
    else if (h->object) {
        char what[512];
        snprintf(what, sizeof what, "[%s]", h->object);
        b->fns[b->nfns].name = add_text(b, what);
    } else {
        snprintf(buf, sizeof buf, "0x%lx", (unsigned long)pc);
        b->fns[b->nfns].name = add_text(b, buf);
    }
    b->fns[b->nfns].object = add_text(b, h->object ? h->object : "?");
    return b->nfns++;
}

static size_t fn_of(builder *b, uintptr_t pc)
{
    size_t h, i;
    elfsym_hit hit;

    if (b->cache_used * 2 >= b->cache_cap) { /* grow the cache, rehash */
        size_t cap = b->cache_cap ? b->cache_cap * 2 : 1024;
        pc_slot *c = calloc(cap, sizeof *c);
        if (!c) {
            b->nomem = 1;
            return 0;
        }
        for (i = 0; i < b->cache_cap; i++)
            if (b->cache[i].pc) {
                h = (b->cache[i].pc * 0x9E3779B97F4A7C15u) & (cap - 1);
                while (c[h].pc)
                    h = (h + 1) & (cap - 1);
                c[h] = b->cache[i];
            }
        free(b->cache);
        b->cache = c;
        b->cache_cap = cap;
    }
    h = (pc * 0x9E3779B97F4A7C15u) & (b->cache_cap - 1);
    while (b->cache[h].pc && b->cache[h].pc != pc)
        h = (h + 1) & (b->cache_cap - 1);
    if (b->cache[h].pc == pc)
        return b->cache[h].fn;
    elfsym_lookup(b->es, pc, &hit);
    b->cache[h].pc = pc;
    b->cache[h].fn = fn_of_hit(b, pc, &hit);
    b->cache_used++;
    return b->cache[h].fn;
}

/* Whether pc lies in the function that starts at start (named), or, when
 * the symbol tables did not name it, within 256 bytes after start. */
static int in_fn(builder *b, uintptr_t pc, uintptr_t start, int named)
{
    elfsym_hit hit;
    if (!named)
        return pc >= start && pc - start < 256;
    elfsym_lookup(b->es, pc, &hit);
    return hit.name && hit.start == start;
}

/* One record: its stack, root first, into the sequence arena. */
static void add_sample(builder *b, void *const *frames, size_t n, uintptr_t pc,
                       bench_profile_result *r)
{
    size_t k = 0, i, loop = n, len, first, *grown;
    stack_rec *rec;

    /* Where the handler's frames end: at the interrupted instruction. */
    if (pc) {
        while (k < n && (uintptr_t)frames[k] != pc)
            k++;
    }
    if (!pc || k == n) { /* else: after the handler and the trampoline */
        for (k = 0; k < n && !in_fn(b, (uintptr_t)frames[k], b->handler_start, 1); k++)
            ;
        k = k + 2 <= n ? k + 2 : 0;
    }
    len = n - k;
    if (len == 0)
        return;
    /* Frame i (leaf first) is frames[k + i]; a caller's is a return
     * address, so its call instruction is the byte before. */
    for (i = 0; i < len; i++) {
        uintptr_t a = (uintptr_t)frames[k + i] - (i > 0);
        if (in_fn(b, a, b->loop_start, b->loop_named)) {
            loop = i;
            break;
        }
    }
    if (!(grown = array_grow(b->seq, &b->scap, b->nseq + len, sizeof *b->seq))) {
        b->nomem = 1;
        return;
    }
    b->seq = grown;
    for (i = 0; i < len; i++) /* root first */
        b->seq[b->nseq + len - 1 - i] = fn_of(b, (uintptr_t)frames[k + i] - (i > 0));
    if (loop == n) { /* never reached the loop: attribute what unwound */
        first = 0;
        r->unrooted++;
    } else {
        first = len - loop; /* the loop's own frame is a caller */
    }
    if (first == len) {
        r->in_loop++;
    } else {
        r->samples++;
        b->fns[b->seq[b->nseq + len - 1]].self++;
        for (i = first; i < len; i++) {
            fn_info *f = &b->fns[b->seq[b->nseq + i]];
            if (f->mark != r->samples) { /* once per sample */
                f->mark = r->samples;
                f->cum++;
            }
        }
    }
    if (!(rec = array_grow(b->recs, &b->rcap, b->nrecs + 1, sizeof *b->recs))) {
        b->nomem = 1;
        return;
    }
    b->recs = rec;
    b->recs[b->nrecs].off = b->nseq;
    b->recs[b->nrecs].len = len;
    b->recs[b->nrecs].first = first;
    b->recs[b->nrecs].count = 1;
    b->nrecs++;
    b->nseq += len;
}

static const fn_info *g_sort_fns; /* for the comparators (bench_profile is not reentrant) */
static const char *g_sort_text;

static int fn_cmp(const void *x, const void *y)
{
    const fn_info *a = &g_sort_fns[*(const size_t *)x], *b = &g_sort_fns[*(const size_t *)y];
    if (a->cum != b->cum)
        return a->cum > b->cum ? -1 : 1;
    if (a->self != b->self)
        return a->self > b->self ? -1 : 1;
    return strcmp(g_sort_text + a->name, g_sort_text + b->name);
}

static int seq_cmp(const void *x, const void *y)
{
    const stack_rec *a = x, *b = y;
    size_t i;
    for (i = 0; i < a->len && i < b->len; i++)
        if (a->seq[i] != b->seq[i])
            return a->seq[i] < b->seq[i] ? -1 : 1;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

static int count_cmp(const void *x, const void *y)
{
    const stack_rec *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return seq_cmp(x, y);
}

/* The notes: objects whose symbol tables could not be read. */
static int make_note(builder *b, bench_profile_result *r)
{
    size_t i, j, len = 0;
    char *note = NULL;
    for (i = 0; i < b->nfns; i++) {
        const char *why = elfsym_note(b->es, b->fns[i].obj), *obj = b->text + b->fns[i].object;
        char line[512];
        size_t n;
        if (!why)
            continue;
        for (j = 0; j < i; j++) /* one line per object */
            if (b->fns[j].obj == b->fns[i].obj)
                break;
        if (j < i)
            continue;
        n = (size_t)snprintf(line, sizeof line, "%s: %s", obj, why);
        if (n >= sizeof line)
            n = sizeof line - 1;
        char *grown = realloc(note, len + n + 2);
        if (!grown) {
            free(note);
            return BENCH_ENOMEM;
        }
        note = grown;
        if (len)
            note[len++] = '\n';
        memcpy(note + len, line, n);
        len += n;
        note[len] = '\0';
    }
    r->note = note;
    return BENCH_OK;
}

/* Counts per function and per distinct stack, into r. */
static int analyse(bench_profile_result *r)
{
    builder b;
    size_t at = 0, i, j, *order = NULL, *rank = NULL, *seq_out = NULL;
    elfsym_hit hit;
    int rc = BENCH_ENOMEM;

    memset(&b, 0, sizeof b);
    if (!(b.es = elfsym_new()) || elfsym_add_loaded(b.es) != BENCH_OK)
        goto out;
    elfsym_lookup(b.es, (uintptr_t)profile_calls, &hit);
    b.loop_named = hit.name != NULL;
    b.loop_start = hit.name ? hit.start : (uintptr_t)profile_calls;
    elfsym_lookup(b.es, (uintptr_t)on_sigprof, &hit);
    b.handler_start = hit.name ? hit.start : (uintptr_t)on_sigprof;

    while (at + 2 <= g.used && !b.nomem) {
        size_t n = (size_t)(uintptr_t)g.buf[at];
        add_sample(&b, g.buf + at + 2, n, (uintptr_t)g.buf[at + 1], r);
        at += 2 + n;
    }
    if (b.nomem)
        goto out;
    for (i = 0; i < b.nrecs; i++)
        b.recs[i].seq = b.seq + b.recs[i].off;

    /* The functions in their final order; the stacks renumbered. */
    order = malloc((b.nfns + 1) * sizeof *order);
    rank = malloc((b.nfns + 1) * sizeof *rank);
    seq_out = malloc((b.nseq + 1) * sizeof *seq_out);
    r->funcs = calloc(b.nfns + 1, sizeof *r->funcs);
    if (!order || !rank || !seq_out || !r->funcs)
        goto out;
    for (i = 0; i < b.nfns; i++)
        order[i] = i;
    g_sort_fns = b.fns, g_sort_text = b.text;
    qsort(order, b.nfns, sizeof *order, fn_cmp);
    for (i = 0; i < b.nfns; i++)
        rank[order[i]] = i;
    for (i = 0; i < b.nseq; i++)
        seq_out[i] = rank[b.seq[i]];
    for (i = 0; i < b.nrecs; i++)
        b.recs[i].seq = seq_out + b.recs[i].off;

    /* Names live in one block after the functions. */
    {
        char *text;
        bench_profile_func *f = realloc(r->funcs, (b.nfns + 1) * sizeof *f + b.tlen + 1);
        if (!f)
            goto out;
        r->funcs = f;
        text = (char *)(f + b.nfns + 1);
        if (b.tlen)
            memcpy(text, b.text, b.tlen);
        for (i = 0; i < b.nfns; i++) {
            const fn_info *src = &b.fns[order[i]];
            f[i].name = text + src->name;
            f[i].object = text + src->object;
            f[i].addr = src->addr;
            f[i].self = src->self;
            f[i].cumulative = src->cum;
        }
        r->nfuncs = b.nfns;
    }

    /* Identical stacks merged, the most frequent first (none: no sample
     * at all, and no array to sort). */
    if (b.nrecs)
        qsort(b.recs, b.nrecs, sizeof *b.recs, seq_cmp);
    for (i = 0, j = 0; i < b.nrecs; i++) {
        if (j > 0 && seq_cmp(&b.recs[j - 1], &b.recs[i]) == 0) {
            b.recs[j - 1].count++;
            continue;
        }
        b.recs[j++] = b.recs[i];
    }
    if (j)
        qsort(b.recs, j, sizeof *b.recs, count_cmp);
    /* The frames live in one block after the stacks. */
    r->stacks = calloc(1, (j + 1) * sizeof *r->stacks + (b.nseq + 1) * sizeof(size_t));
    if (!r->stacks)
        goto out;
    if (b.nseq)
        memcpy(r->stacks + j + 1, seq_out, b.nseq * sizeof(size_t));
    for (i = 0; i < j; i++) {
        r->stacks[i].frames = (const size_t *)(r->stacks + j + 1) + b.recs[i].off;
        r->stacks[i].depth = b.recs[i].len;
        r->stacks[i].first = b.recs[i].first;
        r->stacks[i].samples = b.recs[i].count;
    }
    r->nstacks = j;
    rc = make_note(&b, r);
out:
    free(order);
    free(rank);
    free(seq_out);
    free(b.fns);
    free(b.text);
    free(b.cache);
    free(b.seq);
    free(b.recs);
    elfsym_free(b.es);
    return rc;
}

int bench_profile(const bench_profile_options *o, bench_fn fn, void *arg, bench_profile_result *out)
{
    bench_profile_options def;
    sampled s = {0, 0, 0};
    double expect;
    int rc;

    if (!o) {
        bench_profile_options_init(&def);
        o = &def;
    }
    if (!fn || !out || !(o->hz >= 1 && o->hz <= 100000) ||
        !(o->min_time > 0 && o->min_time <= 3600) || !(o->max_wall >= 0))
        return BENCH_EINVAL;
    if (atomic_flag_test_and_set(&g_busy))
        return BENCH_EINVAL;
    memset(out, 0, sizeof *out);
    /* Room for every sample at the rate asked for, with a margin, at an
     * average depth of 46 frames; at most 128 MiB. */
    expect = (o->hz * o->min_time * 1.5 + 256) * 48 + 2 + PROFILE_MAX_DEPTH;
    if (expect > (128.0 * 1024 * 1024) / sizeof(void *))
        expect = (128.0 * 1024 * 1024) / sizeof(void *);
    memset(&g, 0, sizeof g);
    g.cap = (size_t)expect;
    if (!(g.buf = malloc(g.cap * sizeof *g.buf))) {
        atomic_flag_clear(&g_busy);
        return BENCH_ENOMEM;
    }
    rc = sample(o, fn, arg, &s);
    if (rc == BENCH_OK) {
        out->calls = s.calls;
        out->cpu_ns = s.cpu;
        out->wall_ns = s.wall;
        out->per_call_ns = s.calls ? s.cpu / (double)s.calls : 0;
        out->dropped = g.dropped;
        rc = analyse(out);
        out->rate_hz = s.cpu > 0 ? (double)(out->samples + out->in_loop) / (s.cpu / 1e9) : 0;
    }
    free(g.buf);
    memset(&g, 0, sizeof g);
    if (rc != BENCH_OK)
        bench_profile_free(out);
    atomic_flag_clear(&g_busy);
    return rc;
}

void bench_profile_free(bench_profile_result *r)
{
    if (!r)
        return;
    free(r->funcs);
    free(r->stacks);
    free(r->note);
    memset(r, 0, sizeof *r);
}

/* ---- what the outputs share ---- */

static const bench_profile_func *g_order_funcs;
static int g_order_self;

static int order_cmp(const void *x, const void *y)
{
    const bench_profile_func *a = &g_order_funcs[*(const size_t *)x];
    const bench_profile_func *b = &g_order_funcs[*(const size_t *)y];
    size_t a1 = g_order_self ? a->self : a->cumulative, b1 = g_order_self ? b->self : b->cumulative;
    size_t a2 = g_order_self ? a->cumulative : a->self, b2 = g_order_self ? b->cumulative : b->self;
    if (a1 != b1)
        return a1 > b1 ? -1 : 1;
    if (a2 != b2)
        return a2 > b2 ? -1 : 1;
    return strcmp(a->name, b->name);
}

size_t profile_order(const bench_profile_result *r, int by_self, size_t *idx)
{
    size_t i, n = 0;
    for (i = 0; i < r->nfuncs; i++)
        if (r->funcs[i].cumulative > 0)
            idx[n++] = i;
    g_order_funcs = r->funcs;
    g_order_self = by_self;
    qsort(idx, n, sizeof *idx, order_cmp);
    return n;
}

double profile_margin(size_t n)
{
    return n ? 1.96 * sqrt(0.25 / (double)n) * 100 : 100;
}

/*
 * rolling.c - the lesson the profiler keeps teaching: recomputing a window
 * sum for every record costs O(W*N); carrying the sum along, adding the
 * record that enters and subtracting the one that leaves, costs O(N).
 * Both are linear in N with W fixed: the gap is the constant factor W.
 */
#include "bench.h"
#include "alloc.h"
#include "digest.h"

#include <stdint.h>
#include <stdlib.h>

#define W 64 /* window length, in records */

typedef struct rolling_state {
    size_t n;
    int32_t *in;  /* the records */
    int64_t *out; /* out[i] = sum of in[max(0, i-W+1) .. i] */
} rolling_state;

static void rolling_teardown(void *p)
{
    rolling_state *s = p;
    if (!s)
        return;
    free(s->in);
    free(s->out);
    free(s);
}

static void *rolling_setup(size_t n)
{
    size_t m = n ? n : 1;
    if (m > SIZE_MAX / sizeof(int64_t))
        return NULL;
    rolling_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->in = alloc_lines(m, sizeof *s->in);
    s->out = alloc_lines(m, sizeof *s->out);
    if (!s->in || !s->out) {
        rolling_teardown(s);
        return NULL;
    }
    uint64_t x = 0x2011; /* xorshift64 */
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s->in[i] = (int32_t)(x % 2001) - 1000; /* signed: no sum is trivial */
    }
    return s;
}

/* The sum of in[from..to], from scratch: the Python lesson's sum(window).
 * noinline keeps it a function of its own, so `bench profile rolling/naive`
 * names it as the hotspot; inlined, its samples would be rolling_naive's. */
__attribute__((noinline)) static int64_t sum_window(const int32_t *in, size_t from, size_t to)
{
    int64_t sum = 0;
    for (size_t j = from; j <= to; j++)
        sum += in[j];
    return sum;
}

static void rolling_naive(void *p)
{
    rolling_state *s = p;
    for (size_t i = 0; i < s->n; i++) {
        size_t from = i >= W - 1 ? i - (W - 1) : 0;
        s->out[i] = sum_window(s->in, from, i);
    }
    bench_clobber();
}

static void rolling_incremental(void *p)
{
    rolling_state *s = p;
    int64_t sum = 0;
    for (size_t i = 0; i < s->n; i++) {
        sum += s->in[i];
        if (i >= W)
            sum -= s->in[i - W];
        s->out[i] = sum;
    }
    bench_clobber();
}

/* FNV-1a over the output values, so one wrong window changes the digest. */
static uint64_t rolling_digest(void *p)
{
    const rolling_state *s = p;
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < s->n; i++)
        h = fnv_value(h, (uint64_t)s->out[i], 8);
    return h;
}

BENCH_GROUP(rolling, "rolling", "rolling-window sum over N records")

BENCH_CASE(rolling_naive, .name = "rolling/naive",
           .desc = "re-sum the last W=64 per record: O(W*N)", .setup = rolling_setup,
           .run = rolling_naive, .teardown = rolling_teardown, .digest = rolling_digest,
           .baseline = NULL, .sizes = {1000, 10000})

BENCH_CASE(rolling_incremental, .name = "rolling/incremental",
           .desc = "add the new, drop the old: O(N)", .setup = rolling_setup,
           .run = rolling_incremental, .teardown = rolling_teardown, .digest = rolling_digest,
           .baseline = "rolling/naive", .sizes = {1000, 10000})

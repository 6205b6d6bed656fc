/*
 * tail.c - the mean hides the tail: one call appends one item to an array
 * of up to N. Grown by doubling, the array copies itself log2(N) times
 * per N appends: amortised O(1), but the append that copies pays O(N),
 * once in a long while, which only the top percentiles and the maximum
 * show (bench tail --latency); the median looks like preallocated's.
 * Grown by a fixed step, it copies every STEP appends: O(N) amortised, and
 * the copies show everywhere. Preallocated, it never copies. When the
 * array holds N items it starts again from empty (the grown ones from no
 * block at all), so the growth repeats for as long as the calls go on.
 */
#include "bench.h"
#include "digest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STEP 256 /* items added per growth by tail/step */

typedef struct tail_state {
    size_t n;        /* items per fill */
    uint64_t *items; /* len of cap in use */
    size_t len, cap;
    uint64_t next; /* the value the next append writes */
    int prealloc;  /* items holds n from setup and is kept */
    long failed;   /* growths that could not allocate */
} tail_state;

static void tail_teardown(void *p)
{
    tail_state *s = p;
    if (!s)
        return;
    free(s->items);
    free(s);
}

static tail_state *make(size_t n, int prealloc)
{
    tail_state *s;
    if (n == 0 || n > SIZE_MAX / sizeof(uint64_t) / 2)
        return NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->prealloc = prealloc;
    if (prealloc) {
        s->items = malloc(n * sizeof *s->items);
        if (!s->items) {
            free(s);
            return NULL;
        }
        memset(s->items, 0, n * sizeof *s->items); /* no page faults later */
        s->cap = n;
    }
    return s;
}

static void *setup_grown(size_t n)
{
    return make(n, 0);
}

static void *setup_prealloc(size_t n)
{
    return make(n, 1);
}

/* A new block of cap items and a copy of the len in use: what a vector
 * does when it outgrows its block (realloc may move pages instead of
 * copying them, which would hide the lesson). */
static int grow(tail_state *s, size_t cap)
{
    uint64_t *b = malloc(cap * sizeof *b);
    if (!b) {
        s->failed++;
        return -1;
    }
    if (s->len)
        memcpy(b, s->items, s->len * sizeof *b);
    free(s->items);
    s->items = b;
    s->cap = cap;
    return 0;
}

/* A full array starts again: the grown ones from nothing. */
static void restart(tail_state *s)
{
    s->len = 0;
    if (!s->prealloc) {
        free(s->items);
        s->items = NULL;
        s->cap = 0;
    }
}

static void put(tail_state *s)
{
    s->items[s->len++] = s->next;
    s->next = s->next * 6364136223846793005u + 1442695040888963407u;
}

static void tail_doubling(void *p)
{
    tail_state *s = p;
    if (s->len == s->n)
        restart(s);
    if (s->len == s->cap && grow(s, s->cap ? 2 * s->cap : 1) != 0)
        return;
    put(s);
}

static void tail_step(void *p)
{
    tail_state *s = p;
    if (s->len == s->n)
        restart(s);
    if (s->len == s->cap && grow(s, s->cap + STEP) != 0)
        return;
    put(s);
}

static void tail_prealloc(void *p)
{
    tail_state *s = p;
    if (s->len == s->n)
        restart(s);
    put(s);
}

/* FNV-1a of the items the array holds (after a failed growth, made to
 * differ from every other case's, so the check fails it). */
static uint64_t tail_digest(void *p)
{
    tail_state *s = p;
    uint64_t h = fnv_value(FNV_BASIS, s->len, 8);
    for (size_t i = 0; i < s->len; i++)
        h = fnv_value(h, s->items[i], 8);
    return s->failed ? h ^ (uint64_t)(uintptr_t)s : h;
}

static double one_item(size_t n)
{
    (void)n;
    return 1;
}

BENCH_GROUP(tail, "tail", "append one item to an array of up to N (try --latency)")

BENCH_CASE(tail_prealloc, .name = "tail/prealloc", .desc = "room for N from the start: no copy",
           .setup = setup_prealloc, .run = tail_prealloc, .teardown = tail_teardown,
           .digest = tail_digest, .baseline = NULL, .sizes = {10000, 100000},
           .items_per_call = one_item)

BENCH_CASE(tail_doubling, .name = "tail/doubling",
           .desc = "grown by doubling: a copy of all, log2(N) times", .setup = setup_grown,
           .run = tail_doubling, .teardown = tail_teardown, .digest = tail_digest,
           .baseline = "tail/prealloc", .sizes = {10000, 100000}, .items_per_call = one_item)

BENCH_CASE(tail_step, .name = "tail/step", .desc = "grown by 256 items: a copy of all, N/256 times",
           .setup = setup_grown, .run = tail_step, .teardown = tail_teardown, .digest = tail_digest,
           .baseline = "tail/prealloc", .sizes = {10000, 100000}, .items_per_call = one_item)

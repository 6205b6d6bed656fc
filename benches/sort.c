/*
 * sort.c - the complexity lesson the exponent column exists for: the same
 * N integers sorted by insertion, O(N^2), and by the C library's qsort,
 * O(N log N). Two sizes tell them apart, and tell N log N from N: between
 * N and 3N its exponent is 1 + log(ln 3N / ln N) / log 3, 1.13 at 1000 and
 * 3000, not 1. Both sizes keep the arrays inside a 32 KB L1 cache; at
 * 10000 qsort's outgrow it and its exponent reads 1.37. Every call sorts a
 * fresh copy of the same unsorted input; the copy, O(N), is part of each
 * variant's time.
 */
#include "bench.h"
#include "alloc.h"
#include "digest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sort_state {
    size_t n;
    uint32_t *in;  /* the unsorted input */
    uint32_t *out; /* sorted by each call */
} sort_state;

static void sort_teardown(void *p)
{
    sort_state *s = p;
    if (!s)
        return;
    free(s->in);
    free(s->out);
    free(s);
}

static void *sort_setup(size_t n)
{
    sort_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->in = alloc_lines(n, sizeof *s->in);
    s->out = alloc_lines(n, sizeof *s->out);
    if (!s->in || !s->out) {
        sort_teardown(s);
        return NULL;
    }
    uint64_t x = 0x50F7; /* xorshift64: full 32-bit keys, duplicates rare */
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s->in[i] = (uint32_t)(x >> 32);
    }
    return s;
}

static void sort_insertion(void *p)
{
    sort_state *s = p;
    uint32_t *a = s->out;
    memcpy(a, s->in, s->n * sizeof *a);
    for (size_t i = 1; i < s->n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
    bench_clobber();
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static void sort_qsort(void *p)
{
    sort_state *s = p;
    memcpy(s->out, s->in, s->n * sizeof *s->out);
    qsort(s->out, s->n, sizeof *s->out, cmp_u32);
    bench_clobber();
}

/* FNV-1a over the sorted keys. */
static uint64_t sort_digest(void *p)
{
    const sort_state *s = p;
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < s->n; i++)
        h = fnv_value(h, s->out[i], 4);
    return h;
}

BENCH_GROUP(sort, "sort", "sort N random 32-bit integers")

BENCH_CASE(sort_insertion, .name = "sort/insertion", .desc = "insertion sort: O(N^2)",
           .setup = sort_setup, .run = sort_insertion, .teardown = sort_teardown,
           .digest = sort_digest, .baseline = NULL, .sizes = {1000, 3000})

BENCH_CASE(sort_qsort, .name = "sort/qsort", .desc = "the C library's qsort: O(N log N)",
           .setup = sort_setup, .run = sort_qsort, .teardown = sort_teardown, .digest = sort_digest,
           .baseline = "sort/insertion", .sizes = {1000, 3000})

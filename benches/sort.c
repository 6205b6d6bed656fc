/*
 * sort.c - the complexity lesson the exponent column exists for: the same
 * N integers sorted three ways, O(N^2) (insertion sort), O(N log N)
 * (qsort) and O(N) (an LSD radix sort, four passes of 8 bits). Two sizes
 * tell the three apart: the exponent of N log N between N and 10N is
 * 1 + log10(log 10N / log N), about 1.12 at 1000 and 10000, not 1.
 * Every call sorts a fresh copy of the same unsorted input; the copy, O(N),
 * is part of each variant's time.
 */
#include "bench.h"
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sort_state {
    size_t n;
    uint32_t *in;   /* the unsorted input */
    uint32_t *out;  /* sorted by each call */
    uint32_t *tmp;  /* radix: the other buffer */
    size_t count[257]; /* radix: the counts of one pass. In the state, not
                          on the stack: the stack's place moves from run to
                          run, and where it fell against the arrays (4 KiB
                          aliasing) moved radix/3000 between 15.8 and 19.5 us */
} sort_state;

static void sort_teardown(void *p)
{
    sort_state *s = p;
    if (!s)
        return;
    free(s->in);
    free(s->out);
    free(s->tmp);
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
    s->tmp = alloc_lines(n, sizeof *s->tmp);
    if (!s->in || !s->out || !s->tmp) {
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

/* Least significant byte first: each pass is a stable counting sort on one
 * byte, so after four the keys are in order. Four passes, an even number,
 * end in s->out. */
static void sort_radix(void *p)
{
    sort_state *s = p;
    uint32_t *src = s->out, *dst = s->tmp;
    memcpy(src, s->in, s->n * sizeof *src);
    size_t *count = s->count;
    for (unsigned shift = 0; shift < 32; shift += 8) {
        memset(count, 0, sizeof s->count);
        for (size_t i = 0; i < s->n; i++)
            count[((src[i] >> shift) & 0xFF) + 1]++;
        for (size_t b = 1; b < 257; b++)
            count[b] += count[b - 1];
        for (size_t i = 0; i < s->n; i++)
            dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    bench_clobber();
}

/* FNV-1a over the sorted keys. */
static uint64_t sort_digest(void *p)
{
    const sort_state *s = p;
    uint64_t h = 0xCBF29CE484222325u;
    for (size_t i = 0; i < s->n; i++)
        for (int b = 0; b < 32; b += 8)
            h = (h ^ ((s->out[i] >> b) & 0xFF)) * 0x100000001B3u;
    return h;
}

BENCH_GROUP(sort, "sort", "sort N random 32-bit integers")

BENCH_CASE(sort_insertion, .name = "sort/insertion",
           .desc = "insertion sort: O(N^2)",
           .setup = sort_setup, .run = sort_insertion, .teardown = sort_teardown,
           .digest = sort_digest, .baseline = NULL, .sizes = {1000, 3000})

BENCH_CASE(sort_qsort, .name = "sort/qsort",
           .desc = "the C library's qsort: O(N log N)",
           .setup = sort_setup, .run = sort_qsort, .teardown = sort_teardown,
           .digest = sort_digest, .baseline = "sort/insertion", .sizes = {1000, 3000})

BENCH_CASE(sort_radix, .name = "sort/radix",
           .desc = "LSD radix sort, 4 passes of 8 bits: O(N)",
           .setup = sort_setup, .run = sort_radix, .teardown = sort_teardown,
           .digest = sort_digest, .baseline = "sort/insertion", .sizes = {1000, 3000})

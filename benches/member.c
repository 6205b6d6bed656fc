/*
 * member.c - the lesson: "is x in the collection?" costs O(N) in an
 * unsorted array, O(log N) in a sorted one, and O(1) in a hash set.
 */
#include "bench.h"
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NQUERIES 1024 /* a power of two: the cursor wraps with a mask */

typedef struct member_state {
    size_t n;
    uint64_t *keys;  /* linear: as generated; bsearch: sorted */
    uint64_t *table; /* hash: open addressing, 0 marks an empty slot */
    size_t mask;     /* table capacity - 1 */
    int has_zero;    /* 0 cannot be stored in the table, so it is a flag */
    uint64_t queries[NQUERIES];
    size_t cursor;
    uint64_t hits; /* written by run so the lookups are not dead code */
} member_state;

/* Key i is the splitmix64 output for counter i: a bijection of i, so keys
 * are distinct, and even counters (present) never equal odd ones (absent). */
static uint64_t key(uint64_t i)
{
    uint64_t z = 0x5EED + (i + 1) * 0x9E3779B97F4A7C15u;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* MurmurHash3's fmix64: every input bit affects every slot bit, so the low
 * bits used as the index are well spread whatever the keys look like. */
static size_t slot(uint64_t x, size_t mask)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDu;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53u;
    x ^= x >> 33;
    return (size_t)x & mask;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int find_linear(const member_state *s, uint64_t x)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->keys[i] == x)
            return 1;
    return 0;
}

static int find_bsearch(const member_state *s, uint64_t x)
{
    size_t lo = 0, hi = s->n; /* x, if present, is in keys[lo..hi) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->keys[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->keys[lo] == x;
}

static int find_hash(const member_state *s, uint64_t x)
{
    if (x == 0)
        return s->has_zero;
    for (size_t i = slot(x, s->mask);; i = (i + 1) & s->mask) {
        if (s->table[i] == x)
            return 1;
        if (s->table[i] == 0)
            return 0; /* load <= 1/2 guarantees an empty slot ends the probe */
    }
}

static void member_teardown(void *p)
{
    member_state *s = p;
    if (!s)
        return;
    free(s->keys);
    free(s->table);
    free(s);
}

/* Keys and queries are identical for every variant, so their hit counts
 * must agree; `kind` only decides how the keys are arranged. */
static member_state *make(size_t n, char kind)
{
    if (n > SIZE_MAX / 4 / sizeof(uint64_t))
        return NULL;
    member_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->keys = alloc_lines(n, sizeof *s->keys);
    if (!s->keys)
        goto fail;
    for (size_t i = 0; i < n; i++)
        s->keys[i] = key(2 * (uint64_t)i);
    uint64_t rng = 0xDECAF;
    for (size_t q = 0; q < NQUERIES; q++) {
        uint64_t r = key(rng++);
        uint64_t i = n ? (r >> 1) % n : 0;
        s->queries[q] = key(2 * i + (n ? (r & 1) : 1));
    }
    if (kind == 's')
        qsort(s->keys, n, sizeof *s->keys, cmp_u64);
    if (kind == 'h') {
        size_t cap = 16;
        while (cap < 2 * n)
            cap *= 2;
        s->mask = cap - 1;
        s->table = alloc_lines(cap, sizeof *s->table);
        if (!s->table)
            goto fail;
        memset(s->table, 0, cap * sizeof *s->table);
        for (size_t i = 0; i < n; i++) {
            uint64_t k = s->keys[i];
            if (k == 0) {
                s->has_zero = 1;
                continue;
            }
            size_t j = slot(k, s->mask);
            while (s->table[j] != 0)
                j = (j + 1) & s->mask;
            s->table[j] = k;
        }
        free(s->keys); /* the hash variant must not keep an array to scan */
        s->keys = NULL;
    }
    return s;
fail:
    member_teardown(s);
    return NULL;
}

static void *setup_linear(size_t n)
{
    return make(n, 'l');
}
static void *setup_bsearch(size_t n)
{
    return make(n, 's');
}
static void *setup_hash(size_t n)
{
    return make(n, 'h');
}

/* One run is one lookup; cycling through the queries keeps the branch
 * predictor and the cache from learning a single answer. */
#define MEMBER_RUN(name, find)                               \
    static void run_##name(void *p)                          \
    {                                                        \
        member_state *s = p;                                 \
        s->hits += (uint64_t)find(s, s->queries[s->cursor]); \
        s->cursor = (s->cursor + 1) & (NQUERIES - 1);        \
    }                                                        \
    static uint64_t digest_##name(void *p)                   \
    {                                                        \
        const member_state *s = p;                           \
        uint64_t hits = 0;                                   \
        for (size_t q = 0; q < NQUERIES; q++)                \
            hits += (uint64_t)find(s, s->queries[q]);        \
        return hits;                                         \
    }

MEMBER_RUN(linear, find_linear)
MEMBER_RUN(bsearch, find_bsearch)
MEMBER_RUN(hash, find_hash)

BENCH_GROUP(member, "member", "is x in the set? N elements")

BENCH_CASE(member_linear, .name = "member/linear", .desc = "scan an unsorted array: O(N)",
           .setup = setup_linear, .run = run_linear, .teardown = member_teardown,
           .digest = digest_linear, .baseline = NULL, .sizes = {1000, 10000})

BENCH_CASE(member_bsearch, .name = "member/bsearch",
           .desc = "binary search, sorted array: O(log N)", .setup = setup_bsearch,
           .run = run_bsearch, .teardown = member_teardown, .digest = digest_bsearch,
           .baseline = "member/linear", .sizes = {1000, 10000})

BENCH_CASE(member_hash, .name = "member/hash", .desc = "open-addressing hash set: O(1)",
           .setup = setup_hash, .run = run_hash, .teardown = member_teardown, .digest = digest_hash,
           .baseline = "member/linear", .sizes = {1000, 10000})

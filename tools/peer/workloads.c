/*
 * workloads.c - functions of known cost for the peer comparison. See
 * workloads.h. Every result is stored into the state, which the caller owns
 * and the compiler cannot see past (this is a separate object), so no work
 * can be optimised away. The chains are dependent, and each call starts from
 * the last call's result (s->h): otherwise the CPU would overlap the start
 * of one call with the end of the previous one, which makes small sizes
 * look cheaper per element (linear measured 1.03 instead of 1.00).
 */
#include "workloads.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FNV_PRIME 1099511628211u

/* Each timed function (and qsort's comparison) starts on a 64-byte
 * boundary. Otherwise the linker places it at a different offset in each
 * harness, and the same object code runs at a different speed: sum1us's
 * one-cycle loop straddled a 64-byte line in lb_peer and measured 550 ns
 * there against 285 ns in gb_peer. */
#define HOT __attribute__((aligned(64)))

typedef struct state {
    size_t n;
    volatile uint64_t x; /* add2ns: its chain goes through memory */
    uint64_t h;          /* the other results */
    int *work;           /* sort10us: the array sorted in place */
    unsigned char *dst;  /* memcpy100us */
    int a[];             /* n pseudo-random ints (or n bytes for memcpy) */
} state;

/* One block: header, n ints, then `extra` bytes after them. */
static state *make(size_t n, size_t extra)
{
    state *s;
    uint32_t r = 2463534242u;
    size_t i;

    if (n > SIZE_MAX / 4 / sizeof(int) || extra > SIZE_MAX / 4)
        return NULL; /* too large to allocate; the harness reports it */
    s = malloc(sizeof *s + n * sizeof(int) + extra);
    if (!s)
        return NULL;
    s->n = n;
    s->x = 1;
    s->h = 14695981039346656037u; /* FNV offset basis */
    s->work = NULL;
    s->dst = NULL;
    for (i = 0; i < n; i++) { /* xorshift32: same data in both harnesses */
        r ^= r << 13, r ^= r >> 17, r ^= r << 5;
        s->a[i] = (int)(r >> 1);
    }
    return s;
}

void peer_free(void *p)
{
    free(p);
}

void *peer_empty_setup(size_t n)
{
    return make(n, 0);
}

HOT void peer_empty(void *p)
{
    (void)p;
}

void *peer_add2ns_setup(size_t n)
{
    return make(n, 0);
}

/* Load, a multiply and three ALU ops, store: the next call's load waits
 * for this store, so the calls form one chain of about 6 cycles each. */
HOT void peer_add2ns(void *p)
{
    state *s = p;
    uint64_t x = s->x;
    s->x = (x ^ (x >> 7)) * 0x9e3779b97f4a7c15u + 3;
}

void *peer_hash20ns_setup(size_t n)
{
    return make(n, 0);
}

/* 16 rounds of xorshift-multiply (the splitmix64 finaliser's step): each
 * round waits for the previous multiply, about 4 cycles a round. */
HOT void peer_hash20ns(void *p)
{
    state *s = p;
    uint64_t h = s->h + 0x9e3779b97f4a7c15u;
    int i;
    for (i = 0; i < 16; i++)
        h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9u;
    s->h = h;
}

void *peer_sum1us_setup(size_t n)
{
    return make(n, 0);
}

/* The empty asm makes each add wait for the previous one: the compiler can
 * neither vectorise nor split the sum, at any optimisation level. */
HOT void peer_sum1us(void *p)
{
    state *s = p;
    uint64_t sum = s->h;
    size_t i;
    for (i = 0; i < s->n; i++) {
        sum += (uint64_t)s->a[i];
        __asm__("" : "+r"(sum));
    }
    s->h = sum;
}

void *peer_sort10us_setup(size_t n)
{
    state *s = n > SIZE_MAX / 4 / sizeof(int) ? NULL : make(n, n * sizeof(int));
    if (s)
        s->work = s->a + n;
    return s;
}

HOT static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The copy restores the unsorted input, so every call sorts the same data. */
HOT void peer_sort10us(void *p)
{
    state *s = p;
    memcpy(s->work, s->a, s->n * sizeof(int));
    qsort(s->work, s->n, sizeof(int), cmp_int);
    s->h = (uint64_t)s->work[s->n / 2];
}

/* n bytes: the source is the bytes of the ints, the destination follows. */
void *peer_memcpy100us_setup(size_t n)
{
    size_t ints = n / sizeof(int) + 1;
    state *s = make(ints, n);
    if (s) {
        s->dst = (unsigned char *)(s->a + ints);
        s->n = n;
    }
    return s;
}

HOT void peer_memcpy100us(void *p)
{
    state *s = p;
    memcpy(s->dst, s->a, s->n);
    s->h += s->dst[s->n / 2];
}

void *peer_linear_setup(size_t n)
{
    return make(n, 0);
}

/* FNV-1a: a multiply per element, each waiting for the last: cost ~ N. */
HOT void peer_linear(void *p)
{
    state *s = p;
    uint64_t h = s->h;
    size_t i;
    for (i = 0; i < s->n; i++)
        h = (h ^ (uint32_t)s->a[i]) * FNV_PRIME;
    s->h = h;
}

void *peer_quadratic_setup(size_t n)
{
    return make(n, 0);
}

/* The same chain over every ordered pair: cost exactly ~ N^2 (the O(N)
 * outer-loop part is a fraction of a percent at N = 256). */
HOT void peer_quadratic(void *p)
{
    state *s = p;
    uint64_t h = s->h;
    size_t i, j;
    for (i = 0; i < s->n; i++)
        for (j = 0; j < s->n; j++)
            h = (h ^ ((uint32_t)s->a[i] + (uint32_t)s->a[j])) * FNV_PRIME;
    s->h = h;
}

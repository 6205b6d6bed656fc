/*
 * simd.c - the lesson: a naive loop over doubles runs at the speed of one
 * dependent add per element; explicit SIMD with several accumulators does
 * many lanes at once and hides the add latency.
 *
 * The values are small integers, so every partial sum is exact and any
 * summation order gives the bit-identical result the digests compare.
 */
#include "bench.h"
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__aarch64__)
#include <arm_neon.h>
#endif

typedef double (*kernel)(const double *a, const double *b, size_t n);

typedef struct simd_state {
    size_t n;
    double *a, *b;
    kernel fn; /* chosen once in setup, so run pays no dispatch test */
    double result;
} simd_state;

/* The baseline must stay the naive loop whatever flags the suite is built
 * with: under -ffast-math or -fassociative-math the compiler would
 * vectorise the reduction itself and erase the lesson. */
#if defined(__clang__)
#define SCALAR_LOOP _Pragma("clang loop vectorize(disable) interleave(disable)")
#else
#define SCALAR_LOOP
#endif

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("no-tree-vectorize")
#endif
static double sum_scalar(const double *a, const double *b, size_t n)
{
    double s = 0;
    (void)b;
    SCALAR_LOOP
    for (size_t i = 0; i < n; i++)
        s += a[i];
    return s;
}

static double dot_scalar(const double *a, const double *b, size_t n)
{
    double s = 0;
    SCALAR_LOOP
    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

#if defined(__x86_64__)
/* Four independent accumulators of four lanes: 16 adds in flight cover the
 * latency of vaddpd. Compiled for AVX2 only here; run only if the CPU has it. */
__attribute__((target("avx2"))) static double avx2_kernel(const double *a, const double *b,
                                                          size_t n, int dot)
{
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256d x0 = _mm256_loadu_pd(a + i), x1 = _mm256_loadu_pd(a + i + 4);
        __m256d x2 = _mm256_loadu_pd(a + i + 8), x3 = _mm256_loadu_pd(a + i + 12);
        if (dot) {
            x0 = _mm256_mul_pd(x0, _mm256_loadu_pd(b + i));
            x1 = _mm256_mul_pd(x1, _mm256_loadu_pd(b + i + 4));
            x2 = _mm256_mul_pd(x2, _mm256_loadu_pd(b + i + 8));
            x3 = _mm256_mul_pd(x3, _mm256_loadu_pd(b + i + 12));
        }
        s0 = _mm256_add_pd(s0, x0);
        s1 = _mm256_add_pd(s1, x1);
        s2 = _mm256_add_pd(s2, x2);
        s3 = _mm256_add_pd(s3, x3);
    }
    double lanes[4], s = 0;
    _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)));
    for (; i < n; i++)
        s += dot ? a[i] * b[i] : a[i];
    return s + lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

/* SSE2 is part of x86-64, so this needs no check. */
static double sse2_kernel(const double *a, const double *b, size_t n, int dot)
{
    __m128d s0 = _mm_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128d x0 = _mm_loadu_pd(a + i), x1 = _mm_loadu_pd(a + i + 2);
        __m128d x2 = _mm_loadu_pd(a + i + 4), x3 = _mm_loadu_pd(a + i + 6);
        if (dot) {
            x0 = _mm_mul_pd(x0, _mm_loadu_pd(b + i));
            x1 = _mm_mul_pd(x1, _mm_loadu_pd(b + i + 2));
            x2 = _mm_mul_pd(x2, _mm_loadu_pd(b + i + 4));
            x3 = _mm_mul_pd(x3, _mm_loadu_pd(b + i + 6));
        }
        s0 = _mm_add_pd(s0, x0);
        s1 = _mm_add_pd(s1, x1);
        s2 = _mm_add_pd(s2, x2);
        s3 = _mm_add_pd(s3, x3);
    }
    double lanes[2], s = 0;
    _mm_storeu_pd(lanes, _mm_add_pd(_mm_add_pd(s0, s1), _mm_add_pd(s2, s3)));
    for (; i < n; i++)
        s += dot ? a[i] * b[i] : a[i];
    return s + lanes[0] + lanes[1];
}

static double sum_avx2(const double *a, const double *b, size_t n)
{
    return avx2_kernel(a, b, n, 0);
}
static double dot_avx2(const double *a, const double *b, size_t n)
{
    return avx2_kernel(a, b, n, 1);
}
static double sum_sse2(const double *a, const double *b, size_t n)
{
    return sse2_kernel(a, b, n, 0);
}
static double dot_sse2(const double *a, const double *b, size_t n)
{
    return sse2_kernel(a, b, n, 1);
}

static kernel pick(int dot)
{
    if (__builtin_cpu_supports("avx2"))
        return dot ? dot_avx2 : sum_avx2;
    return dot ? dot_sse2 : sum_sse2;
}

#elif defined(__aarch64__)
/* NEON (always present on AArch64): four accumulators of two lanes. */
static double neon_kernel(const double *a, const double *b, size_t n, int dot)
{
    float64x2_t s0 = vdupq_n_f64(0), s1 = s0, s2 = s0, s3 = s0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        float64x2_t x0 = vld1q_f64(a + i), x1 = vld1q_f64(a + i + 2);
        float64x2_t x2 = vld1q_f64(a + i + 4), x3 = vld1q_f64(a + i + 6);
        if (dot) {
            x0 = vmulq_f64(x0, vld1q_f64(b + i));
            x1 = vmulq_f64(x1, vld1q_f64(b + i + 2));
            x2 = vmulq_f64(x2, vld1q_f64(b + i + 4));
            x3 = vmulq_f64(x3, vld1q_f64(b + i + 6));
        }
        s0 = vaddq_f64(s0, x0);
        s1 = vaddq_f64(s1, x1);
        s2 = vaddq_f64(s2, x2);
        s3 = vaddq_f64(s3, x3);
    }
    double s = vaddvq_f64(vaddq_f64(vaddq_f64(s0, s1), vaddq_f64(s2, s3)));
    for (; i < n; i++)
        s += dot ? a[i] * b[i] : a[i];
    return s;
}

static double sum_neon(const double *a, const double *b, size_t n)
{
    return neon_kernel(a, b, n, 0);
}
static double dot_neon(const double *a, const double *b, size_t n)
{
    return neon_kernel(a, b, n, 1);
}
static kernel pick(int dot)
{
    return dot ? dot_neon : sum_neon;
}

#else
/* No known vector unit: four independent chains still beat one. */
static double portable_kernel(const double *a, const double *b, size_t n, int dot)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += dot ? a[i] * b[i] : a[i];
        s1 += dot ? a[i + 1] * b[i + 1] : a[i + 1];
        s2 += dot ? a[i + 2] * b[i + 2] : a[i + 2];
        s3 += dot ? a[i + 3] * b[i + 3] : a[i + 3];
    }
    for (; i < n; i++)
        s0 += dot ? a[i] * b[i] : a[i];
    return (s0 + s1) + (s2 + s3);
}

static double sum_portable(const double *a, const double *b, size_t n)
{
    return portable_kernel(a, b, n, 0);
}
static double dot_portable(const double *a, const double *b, size_t n)
{
    return portable_kernel(a, b, n, 1);
}
static kernel pick(int dot)
{
    return dot ? dot_portable : sum_portable;
}
#endif

static void simd_teardown(void *p)
{
    simd_state *s = p;
    if (!s)
        return;
    free(s->a);
    free(s->b);
    free(s);
}

static simd_state *make(size_t n, kernel fn)
{
    size_t m = n ? n : 1;
    if (m > SIZE_MAX / sizeof(double))
        return NULL;
    simd_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->fn = fn;
    s->a = alloc_lines(m, sizeof(double));
    s->b = alloc_lines(m, sizeof(double));
    if (!s->a || !s->b) {
        simd_teardown(s);
        return NULL;
    }
    uint64_t x = 0x51DD; /* xorshift64 */
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s->a[i] = (double)(x & 15);
        s->b[i] = (double)((x >> 8) & 15);
    }
    return s;
}

static void *setup_sum_scalar(size_t n)
{
    return make(n, sum_scalar);
}
static void *setup_dot_scalar(size_t n)
{
    return make(n, dot_scalar);
}
static void *setup_sum_simd(size_t n)
{
    return make(n, pick(0));
}
static void *setup_dot_simd(size_t n)
{
    return make(n, pick(1));
}

/* Each call starts from the previous call's result (times zero, which
 * the compiler may not fold for doubles), so one call cannot begin while
 * the last one's add chain is still draining: without it the core overlaps
 * the tail of one call with the head of the next, small sizes come out
 * cheaper per element than large ones, and the exponent drifts above 1. */
static void simd_run(void *p)
{
    simd_state *s = p;
    size_t skip = (size_t)(s->result * 0.0);
    s->result = s->fn(s->a + skip, s->b + skip, s->n - skip);
    bench_keep(s->result);
}

/* Exact integer-valued result (< 2^53 for any n that fits in memory). */
static uint64_t simd_digest(void *p)
{
    const simd_state *s = p;
    uint64_t bits;
    memcpy(&bits, &s->result, sizeof bits);
    return bits;
}

BENCH_GROUP(simd, "simd", "sum and dot product of N doubles")

/* Default sizes keep both arrays of dot (2 x 8 x 1600 = 25.6 KB) inside a
 * 32 KB L1 data cache: the lesson is the instruction stream, and past L1
 * the SIMD loop waits on the memory system instead, bending its exponent
 * (try --sizes 1000,100000 to see it). */
/* The bytes a call reads: one array of N doubles for sum, two for dot. */
static double sum_bytes(size_t n)
{
    return (double)n * sizeof(double);
}
static double dot_bytes(size_t n)
{
    return 2.0 * (double)n * sizeof(double);
}

#define SIMD_CASE(id, descr, base, bytes)                                          \
    BENCH_CASE(simd_##id, .name = "simd/" #id, .desc = descr, .setup = setup_##id, \
               .run = simd_run, .teardown = simd_teardown, .digest = simd_digest,  \
               .baseline = base, .sizes = {400, 1600}, .bytes_per_call = bytes)

SIMD_CASE(sum_scalar, "scalar loop, one accumulator", NULL, sum_bytes)
SIMD_CASE(sum_simd, "explicit SIMD (AVX2/SSE2/NEON)", "simd/sum_scalar", sum_bytes)
SIMD_CASE(dot_scalar, "scalar loop, one accumulator", NULL, dot_bytes)
SIMD_CASE(dot_simd, "explicit SIMD (AVX2/SSE2/NEON)", "simd/dot_scalar", dot_bytes)

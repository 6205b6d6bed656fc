/*
 * sort_bench.c - a project benchmarking its own functions with libbench:
 * insertion sort against the C library's qsort, at two sizes. Build it
 * against an installed libbench with the Makefile beside this file.
 */
#include <stdlib.h>
#include <string.h>

#include <bench.h>

typedef struct sort_state {
    size_t n;
    int *input, *work;
} sort_state;

static void *sort_setup(size_t n)
{
    sort_state *s = calloc(1, sizeof *s);
    unsigned x = 12345;
    size_t i;
    if (!s || n > SIZE_MAX / sizeof(int))
        return free(s), NULL;
    s->n = n;
    s->input = malloc(n * sizeof(int));
    s->work = malloc(n * sizeof(int));
    if (!s->input || !s->work) {
        free(s->input), free(s->work), free(s);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        s->input[i] = (int)(x >> 8);
    }
    return s;
}

static void sort_teardown(void *p)
{
    sort_state *s = p;
    free(s->input), free(s->work), free(s);
}

/* A checksum that depends on the order, so an unsorted result differs. */
static uint64_t sort_digest(void *p)
{
    sort_state *s = p;
    uint64_t h = 1469598103934665603u;
    size_t i;
    for (i = 0; i < s->n; i++)
        h = (h ^ (uint32_t)s->work[i]) * 1099511628211u;
    return h;
}

static void insertion_sort(void *p)
{
    sort_state *s = p;
    size_t i, j;
    memcpy(s->work, s->input, s->n * sizeof(int));
    for (i = 1; i < s->n; i++) {
        int v = s->work[i];
        for (j = i; j > 0 && s->work[j - 1] > v; j--)
            s->work[j] = s->work[j - 1];
        s->work[j] = v;
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void library_qsort(void *p)
{
    sort_state *s = p;
    memcpy(s->work, s->input, s->n * sizeof(int));
    qsort(s->work, s->n, sizeof(int), cmp_int);
}

BENCH_GROUP(sort, "sort", "sort N random ints")
BENCH_CASE(sort_insertion, .name = "sort/insertion", .desc = "insertion sort", .setup = sort_setup,
           .run = insertion_sort, .teardown = sort_teardown, .digest = sort_digest,
           .sizes = {500, 5000})
BENCH_CASE(sort_qsort, .name = "sort/qsort", .desc = "qsort from libc", .setup = sort_setup,
           .run = library_qsort, .teardown = sort_teardown, .digest = sort_digest,
           .baseline = "sort/insertion", .sizes = {500, 5000})

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}

/*
 * badreg.c - a program one of whose BENCH_CASEs is refused (its sizes
 * repeat): bench_main must say so and run nothing, not run without it.
 */
#include "bench.h"

static void work(void *s)
{
    (void)s;
}

BENCH_CASE(good, .name = "reg/good", .desc = "fine", .run = work, .sizes = {10, 100})
BENCH_CASE(bad, .name = "reg/bad", .desc = "sizes repeat", .run = work, .sizes = {10, 10})

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}

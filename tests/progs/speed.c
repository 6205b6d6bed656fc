/*
 * speed.c - a program whose one case gets slower on request, for the tests
 * of --compare: SPEED_FACTOR=k makes each call do k times the work, as a
 * regression in a pull request would.
 */
#include <stdlib.h>

#include "bench.h"

static unsigned factor = 1;

static void work(void *s)
{
    unsigned i, x = 1;
    (void)s;
    for (i = 0; i < 2000 * factor; i++)
        x = x * 1664525u + 1013904223u;
    bench_keep(x);
}

BENCH_CASE(speed_work, .name = "speed/work", .desc = "2000 dependent multiply-adds", .run = work,
           .sizes = {1})

int main(int argc, char **argv)
{
    const char *f = getenv("SPEED_FACTOR");
    if (f && atoi(f) > 0)
        factor = (unsigned)atoi(f);
    return bench_main(argc, argv);
}

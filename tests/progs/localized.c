/*
 * localized.c - a host program that adopts the user's locale, as many do
 * (setlocale(LC_ALL, "")), before calling bench_main: under a locale with
 * a decimal comma, bench must still read "0.5" and "2.5k" and write '.'.
 * It says on stderr which decimal point the locale gave it.
 */
#include <locale.h>
#include <stdio.h>

#include "bench.h"

static void work(void *s)
{
    unsigned i, x = 1;
    (void)s;
    for (i = 0; i < 200; i++)
        x = x * 1664525u + 1013904223u;
    bench_keep(x);
}

BENCH_CASE(loc_work, .name = "loc/work", .desc = "200 dependent multiply-adds", .run = work,
           .sizes = {1})

int main(int argc, char **argv)
{
    if (setlocale(LC_ALL, ""))
        fprintf(stderr, "decimal point: '%s'\n", localeconv()->decimal_point);
    return bench_main(argc, argv);
}

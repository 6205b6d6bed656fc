/*
 * freedreg.c - a program that registers a case by hand with a name it
 * allocated, is told the case was refused (a space in its name), and frees
 * the name: bench_main must still name the case it refused, from its own
 * copy, not from the freed memory.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static void work(void *s)
{
    (void)s;
}

BENCH_CASE(good, .name = "freed/good", .desc = "fine", .run = work, .sizes = {10})

int main(int argc, char **argv)
{
    char *name = malloc(sizeof "freed/bad name"), *other;
    bench_case c = {.desc = "a space in its name", .run = work};
    if (!name)
        return 3;
    memcpy(name, "freed/bad name", sizeof "freed/bad name");
    c.name = name;
    if (bench_register(&c) != BENCH_EINVAL)
        return 3;
    free(name);
    other = malloc(15); /* likely the freed block again, overwritten */
    if (other)
        memset(other, 'x', 14), other[14] = '\0';
    argc = bench_main(argc, argv);
    free(other);
    return argc;
}

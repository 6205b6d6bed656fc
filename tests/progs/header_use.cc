// header_use.cc - bench.h from C++: the declarations compile, link (extern
// "C") and work; registration without designated initializers.
#include <bench.h>

#include <cstdio>
#include <cstring>

static unsigned counter;

static void tick(void *) { bench_keep(++counter); }

int main()
{
    bench_timing t;
    if (bench_timeit(nullptr, tick, nullptr, 1000, &t) != BENCH_OK || t.number != 1000)
        return 1;
    bench_case c;
    std::memset(&c, 0, sizeof c);
    c.name = "cxx/tick";
    c.desc = "registered from C++";
    c.run = tick;
    c.sizes[0] = 1;
    if (bench_register(&c) != BENCH_OK || bench_count() != 1)
        return 1;
    double k = bench_exponent(1000, 1.0, 10000, 100.0);
    std::printf("%s %.2f %s\n", bench_find("cxx/tick")->name, k, bench_strerror(BENCH_EINVAL));
    return 0;
}

// cxx_hot.cc - a case registered from C++ whose time goes to ns::hot(int),
// for tests/test_cxx.c: bench profile must name it as C++ spells it, not
// by its mangled symbol (_ZN2ns3hotEi).
#include <bench.h>

namespace ns
{
__attribute__((noinline)) unsigned hot(int n)
{
    unsigned x = 1;
    for (int i = 0; i < n; i++)
        x = x * 2654435761u + static_cast<unsigned>(i);
    return x;
}
} // namespace ns

namespace
{
volatile unsigned sink;

void run(void *)
{
    sink = ns::hot(20000);
}
} // namespace

BENCH_GROUP(cxxhot, "cxxhot", "a C++ function to profile")
BENCH_CASE_CXX(cxx_hot, bench_case_builder("cxxhot/run", "calls ns::hot(int)").run(run))

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}

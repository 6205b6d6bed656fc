// cxx_cases.cc - cases registered from C++ the documented way
// (BENCH_CASE_CXX with a bench_case_builder), for tests/test_cxx.c, which
// compiles it as C++11, C++17 and C++20 with -Wall -Wextra -Wpedantic
// -Werror and runs it.
#include <bench.h>

#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

namespace
{

struct input {
    std::vector<int> in, work;
};

void *make_input(size_t n)
{
    input *s = new input;
    for (size_t i = 0; i < n; i++)
        s->in.push_back(static_cast<int>((i * 2654435761u) % 1000003u));
    s->work = s->in;
    return s;
}

void free_input(void *p)
{
    delete static_cast<input *>(p);
}

int cmp(const void *a, const void *b)
{
    int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);
    return (x > y) - (x < y);
}

void by_qsort(void *p)
{
    input *s = static_cast<input *>(p);
    s->work = s->in;
    std::qsort(s->work.data(), s->work.size(), sizeof(int), cmp);
}

void by_insertion(void *p)
{
    input *s = static_cast<input *>(p);
    s->work = s->in;
    for (size_t i = 1; i < s->work.size(); i++)
        for (size_t j = i; j > 0 && s->work[j - 1] > s->work[j]; j--)
            std::swap(s->work[j - 1], s->work[j]);
}

uint64_t sum_sorted(void *p)
{
    const input *s = static_cast<const input *>(p);
    uint64_t h = 0;
    for (int v : s->work)
        h = h * 31 + static_cast<uint64_t>(v);
    return h;
}

} // namespace

BENCH_GROUP(cxxsort, "cxxsort", "sort N ints, registered from C++")
BENCH_CASE_CXX(cxx_insertion, bench_case_builder("cxxsort/insertion", "insertion sort")
                                  .setup(make_input)
                                  .run(by_insertion)
                                  .teardown(free_input)
                                  .digest(sum_sorted)
                                  .sizes(100, 300))
// Any order, the baseline named before it is registered, a lambda.
BENCH_CASE_CXX(cxx_qsort, bench_case_builder("cxxsort/qsort", "the C library's qsort")
                              .sizes(100, 300)
                              .baseline("cxxsort/insertion")
                              .digest(sum_sorted)
                              .teardown([](void *p) { free_input(p); })
                              .run(by_qsort)
                              .items_per_call([](size_t n) { return static_cast<double>(n); })
                              .setup(make_input))
// Only the fields a case needs: no setup, no sizes.
BENCH_CASE_CXX(cxx_empty, bench_case_builder("cxxempty", "nothing at all").run([](void *) {}))

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}

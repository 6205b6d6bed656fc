// gb_suite.cc - libbench's built-in suite (benches/*.c) timed by Google
// Benchmark: every registered case at its default sizes, under the same
// names as libbench's JSON ("concat/naive/1000"), at GB's defaults. It
// links the very objects build/bench is made of, and reads the cases from
// libbench's registry, so the two time the same compiled functions.
// tools/peer/compare runs it beside `bench` to time the whole default suite
// in both (SPEC section 7).
#include <benchmark/benchmark.h>

#include <bench.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace {

// One instantiation per case, as each of GB's BENCHMARK functions is a
// function of its own: every case gets its own loop and so its own
// indirect call site (see gb_peer.cc). Past kLoops cases, the later ones
// share the last loop.
constexpr std::size_t kLoops = 64;

template <std::size_t I>
void run_case(benchmark::State &st, const bench_case *c)
{
    void *s = c->setup ? c->setup(static_cast<std::size_t>(st.range(0))) : nullptr;
    if (c->setup && !s) {
        st.SkipWithError("setup failed");
        return;
    }
    void (*fn)(void *) = c->run;
    benchmark::DoNotOptimize(fn);
    for (auto _ : st)
        fn(s);
    if (c->teardown)
        c->teardown(s);
}

template <std::size_t... I>
void register_cases(std::index_sequence<I...>)
{
    using Loop = void (*)(benchmark::State &, const bench_case *);
    static const Loop loops[] = {run_case<I>...};
    for (std::size_t i = 0; i < bench_count(); i++) {
        const bench_case *c = bench_get(i);
        Loop loop = loops[i < kLoops ? i : kLoops - 1];
        auto *b = benchmark::RegisterBenchmark(
            c->name, [loop, c](benchmark::State &st) { loop(st, c); });
        if (c->sizes[0] == 0)
            b->Arg(1); // a case without sizes runs at N=1, as in libbench
        for (std::size_t k = 0; k < BENCH_MAX_SIZES && c->sizes[k]; k++)
            b->Arg(static_cast<std::int64_t>(c->sizes[k]));
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (bench_count() > kLoops)
        std::fprintf(stderr, "gb_suite: %zu cases, only %zu loops: the last ones share one\n",
                     bench_count(), kLoops);
    register_cases(std::make_index_sequence<kLoops>{});
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

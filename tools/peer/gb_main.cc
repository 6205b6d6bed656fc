// gb_main.cc - the cases registered with libbench, timed by Google
// Benchmark: every case at its default sizes, under the same names as
// libbench's JSON ("concat/naive/1000"), at GB's defaults, with GB's
// complexity fit for a case of two or more sizes. Linked with the objects
// of a libbench program, it times the very functions that program does:
// with benches/*.o it is build/peer/gb_suite (the built-in suite, beside
// build/bench), with peer_cases.o it is build/peer/gb_peer (the peer
// workloads, beside build/peer/lb_peer). tools/peer/compare runs both.
#include <benchmark/benchmark.h>

#include <bench.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace {

// One instantiation per case, as each of GB's BENCHMARK functions is a
// function of its own: every case gets its own loop and so its own
// indirect call site, as libbench gives each function its own copy of its
// loop (src/loop.c). One loop shared by all cases was slower for every case
// after the first on this CPU (a call site that has seen several targets is;
// docs/measurement.md): GB read peer/add2ns at 2.19 ns instead of 1.64 ns.
// Past kLoops cases, the later ones share the last loop.
constexpr std::size_t kLoops = 64;

// The instantiations do not differ, so GCC would merge them into one
// (-fipa-icf), and the call sites with them; noipa keeps them apart, as in
// src/loop.c. Clang does not merge functions unless asked to.
#if defined(__has_attribute)
#if __has_attribute(noipa)
#define OWN_LOOP __attribute__((noipa))
#endif
#endif
#ifndef OWN_LOOP
#define OWN_LOOP
#endif

template <std::size_t I>
OWN_LOOP void run_case(benchmark::State &st, const bench_case *c)
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
    st.SetComplexityN(st.range(0));
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
        if (c->sizes[0] && c->sizes[1])
            b->Complexity(); // GB's own class, for the exponent table
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (bench_count() > kLoops)
        std::fprintf(stderr, "%s: %zu cases, only %zu loops: the last ones share one\n", argv[0],
                     bench_count(), kLoops);
    register_cases(std::make_index_sequence<kLoops>{});
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

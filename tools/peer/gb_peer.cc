// gb_peer.cc - the Google Benchmark side of the peer comparison: the same
// workloads (workloads.h), under the same names ("peer/<id>/<n>"), called
// through a function pointer like libbench calls them. Run at GB's defaults.
#include <benchmark/benchmark.h>

#include <cstddef>

#include "workloads.h"

namespace {

// One instantiation per workload, as GB's own BENCHMARK functions are one
// function each: every workload gets a timing loop, and so an indirect call
// site, of its own. A single loop shared by all workloads would be slower
// for every workload after the first (the call site has then seen several
// targets; docs/measurement.md), which is this tool's doing, not GB's.
// setup and free stay outside the timed loop, as in libbench.
template <void *(*Setup)(size_t), void (*Fn)(void *)>
void run_workload(benchmark::State &st)
{
    void *s = Setup(static_cast<size_t>(st.range(0)));
    if (!s) {
        st.SkipWithError("setup failed");
        return;
    }
    // Hide where fn points, so the call stays indirect like libbench's
    // instead of being inlined or made direct.
    void (*fn)(void *) = Fn;
    benchmark::DoNotOptimize(fn);
    for (auto _ : st)
        fn(s);
    st.SetComplexityN(st.range(0));
    peer_free(s);
}

// One registration per workload: an Arg per size, and a complexity fit
// (GB's auto class) where the workload has a known exponent.
#define PEER_GB(id, desc, truth, ...)                                                 \
    {                                                                                 \
        auto *b = benchmark::RegisterBenchmark(                                       \
            "peer/" #id, run_workload<peer_##id##_setup, peer_##id>);                 \
        for (long n : {__VA_ARGS__})                                                  \
            b->Arg(n);                                                                \
        if ((truth) > 0)                                                              \
            b->Complexity();                                                          \
    }

int register_all()
{
    PEER_WORKLOADS(PEER_GB)
    return 0;
}

const int registered = register_all();

} // namespace

BENCHMARK_MAIN();

/*
 * peer_cases.c - every workload of workloads.h registered with libbench as
 * a case "peer/<id>", at the sizes listed there. Linked with src/main.c it
 * is build/peer/lb_peer, the whole bench CLI (the driver runs it with
 * --format json -q); linked with gb_main.cc it is build/peer/gb_peer, the
 * same cases under Google Benchmark.
 */
#include <bench.h>

#include "workloads.h"

/* sizes is a brace list, so __VA_ARGS__ carries it whole. */
#define PEER_CASE(id, desc_, truth, ...)                                           \
    BENCH_CASE(id, .name = "peer/" #id, .desc = desc_, .setup = peer_##id##_setup, \
               .run = peer_##id, .teardown = peer_free, .sizes = {__VA_ARGS__})
PEER_WORKLOADS(PEER_CASE)

BENCH_GROUP(peer, "peer", "the workloads timed by both libbench and Google Benchmark")

/*
 * lb_peer.c - the libbench side of the peer comparison: every workload of
 * workloads.h as a case "peer/<id>", at the sizes listed there, and the
 * whole bench CLI (the driver runs it with --format json -q).
 */
#include <bench.h>

#include "workloads.h"

/* sizes is a brace list, so __VA_ARGS__ carries it whole. */
#define PEER_CASE(id, desc_, truth, ...)                                     \
    BENCH_CASE(id, .name = "peer/" #id, .desc = desc_,                       \
               .setup = peer_##id##_setup, .run = peer_##id,                 \
               .teardown = peer_free, .sizes = {__VA_ARGS__})
PEER_WORKLOADS(PEER_CASE)

BENCH_GROUP(peer, "peer", "the workloads timed by both libbench and Google Benchmark")

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}

/*
 * workloads.h - the functions both harnesses time in the peer comparison
 * (libbench vs Google Benchmark, tools/peer/compare).
 *
 * workloads.c is compiled once, into one object linked into both lb_peer and
 * gb_peer, so the two measure the very same machine code through a function
 * pointer. Each workload is setup(n) -> state, run(state), peer_free(state).
 *
 * PEER_WORKLOADS(X) is the one list both harnesses register from:
 *   X(id, description, true exponent (0: not a complexity check), sizes...)
 * The names are "peer/<id>" in both; the costs in the ids are rough targets
 * on a ~3 GHz x86-64, the harnesses say what they really are.
 */
#ifndef PEER_WORKLOADS_H
#define PEER_WORKLOADS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PEER_WORKLOADS(X)                                                          \
    X(empty, "does nothing: the harness's floor", 0, 1)                            \
    X(add2ns, "a multiply and 3 ops, chained through memory", 0, 1)                \
    X(hash20ns, "16 dependent multiply-xorshift rounds", 0, 1)                     \
    X(sum1us, "sum of a 1000-int array, one add per element", 0, 1000)            \
    X(sort10us, "copy and qsort 384 ints", 0, 384)                                 \
    X(memcpy100us, "memcpy of 4 MiB (memory bound)", 0, 4194304)                   \
    X(linear, "FNV-1a over N ints, latency bound: O(N)", 1, 256, 1024, 4096)       \
    X(quadratic, "FNV-1a over all N*N pairs, latency bound: O(N^2)", 2, 256, 1024, 4096)

#define PEER_DECLARE(id, desc, truth, ...)                                         \
    void *peer_##id##_setup(size_t n);                                             \
    void peer_##id(void *state);
PEER_WORKLOADS(PEER_DECLARE)
#undef PEER_DECLARE

/* Free a state made by any peer_*_setup. NULL is a no-op. */
void peer_free(void *state);

#ifdef __cplusplus
}
#endif

#endif

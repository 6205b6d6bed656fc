/*
 * digest.h - FNV-1a, the suite's one checksum: each group's digest hashes
 * its answer with it, so a variant that computes something else is caught
 * when its digest is compared with the baseline's.
 */
#ifndef BENCHES_DIGEST_H
#define BENCHES_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define FNV_BASIS 0xCBF29CE484222325u

/* h extended by the n bytes at p. */
static inline uint64_t fnv_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 0x100000001B3u;
    return h;
}

/* h extended by the low `bytes` bytes of v, least significant first, so
 * the digest of a number does not depend on the machine's byte order. */
static inline uint64_t fnv_value(uint64_t h, uint64_t v, int bytes)
{
    for (int b = 0; b < 8 * bytes; b += 8)
        h = (h ^ ((v >> b) & 0xFF)) * 0x100000001B3u;
    return h;
}

#endif

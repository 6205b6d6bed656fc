/*
 * alloc.h - the suite's one allocator for data a case reads in its timed
 * loop: 64-byte (cache-line) aligned, so a run's speed does not depend on
 * where malloc happened to put an array (an unaligned SIMD load that splits
 * a cache line costs twice, and 16-byte alignment is all malloc promises).
 */
#ifndef BENCHES_ALLOC_H
#define BENCHES_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* count * size bytes (at least one), cache-line aligned; NULL when that
 * exceeds the largest possible object (PTRDIFF_MAX) or on failure. Free
 * with free(). */
static inline void *alloc_lines(size_t count, size_t size)
{
    size_t bytes;
    if (size && count > (PTRDIFF_MAX - 64) / size)
        return NULL;
    bytes = count * size;
    bytes = bytes ? (bytes + 63) / 64 * 64 : 64;
    return aligned_alloc(64, bytes);
}

#endif

/*
 * array.h - the one growable array of libbench: capacity doubling for any
 * element type, with the overflow checks written once.
 */
#ifndef BENCH_ARRAY_H
#define BENCH_ARRAY_H

#include <stddef.h>

/* Make room for `need` elements of `elem` bytes in items, whose capacity is
 * *cap elements: the capacity doubles (from 16) until it holds them.
 * Returns the array, moved or not, with *cap updated; or NULL when memory
 * ran out or the size overflows, and then items is still valid and *cap is
 * unchanged. items may be NULL with *cap 0. */
void *array_grow(void *items, size_t *cap, size_t need, size_t elem);

#endif

/* array.c - the growable array (array.h). */
#include <stdint.h>
#include <stdlib.h>

#include "array.h"

void *array_grow(void *items, size_t *cap, size_t need, size_t elem)
{
    size_t ncap = *cap ? *cap : 16;
    void *p;

    if (need <= *cap)
        return items;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    if (elem == 0 || ncap > SIZE_MAX / elem)
        return NULL;
    p = realloc(items, ncap * elem);
    if (!p)
        return NULL;
    *cap = ncap;
    return p;
}

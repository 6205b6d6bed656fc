/*
 * select.h - which registered cases a command line names.
 */
#ifndef BENCH_SELECT_H
#define BENCH_SELECT_H

#include <stdio.h>

#include "bench.h"

/* The cases the patterns name, in registration order (every case when
 * there is no pattern), into a new array *sel (free it). Returns 0, or 2
 * with a message naming the unknown pattern and the closest names. */
int select_cases(char *const *patterns, size_t npatterns, const char *prog,
                 const bench_case ***sel, size_t *nsel, char *err, size_t errsz);
/* --list: name, default sizes, description, in aligned columns. */
void select_list(FILE *f, const bench_case *const *sel, size_t nsel);

#endif

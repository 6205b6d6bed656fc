/*
 * select.h - which registered cases a command line names.
 */
#ifndef BENCH_SELECT_H
#define BENCH_SELECT_H

#include <stdio.h>

#include "bench.h"

typedef struct select_filter {
    char *const *include; /* patterns; none means every case */
    size_t ninclude;
    char *const *exclude; /* patterns whose cases are left out */
    size_t nexclude;
} select_filter;

/* The cases the include patterns name (every case when there is none),
 * less those an exclude pattern names, in registration order, into a new
 * array *sel (free it). Returns 0, or 2 with a message naming a pattern
 * that matches no case and the closest names. */
int select_cases(const select_filter *f, const char *prog, const bench_case ***sel, size_t *nsel,
                 char *err, size_t errsz);
/* Does the filter name the case called name ("group/case")? Whether or
 * not such a case is registered: a baseline's case may be gone. */
int select_names(const select_filter *f, const char *name);
/* --list: name, default sizes, description, in aligned columns. */
void select_list(FILE *f, const bench_case *const *sel, size_t nsel);

#endif

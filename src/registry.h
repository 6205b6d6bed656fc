/*
 * registry.h - the registry's internal side: what it checks once every
 * case is in (a case's baseline may be registered after the case, as
 * constructors run in link order, so bench_register() cannot tell whether
 * it exists), and what a case name's group is.
 */
#ifndef BENCH_REGISTRY_H
#define BENCH_REGISTRY_H

#include <stddef.h>

/* Check that every registered case's baseline names a registered case.
 * Returns BENCH_OK, or BENCH_EINVAL for the first case, in registration
 * order, whose baseline does not, with one line in err, e.g.
 *   case 'concat/builder': baseline 'concat/nope' is not a registered case
 *   of group 'concat'
 * (no prefix, no newline; truncated to errsz bytes; err untouched when NULL
 * or errsz is 0). The rest (a well-formed name, not the case itself, the
 * same group) bench_register() already refused. */
int registry_check(char *err, size_t errsz);

/* Did bench_register refuse a case? BENCH_OK, or BENCH_EINVAL with one
 * line in err naming the first refused case and why ("case 'g/c' was not
 * registered: its sizes do not strictly ascend ..."). A BENCH_CASE cannot
 * return its error, so bench_main reports it instead of running without
 * the case. */
int registry_refused(char *err, size_t errsz);

/* Length of the group part of a case name: up to its '/', or all of it. */
size_t registry_group_len(const char *name);

#endif /* BENCH_REGISTRY_H */

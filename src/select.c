/*
 * select.c - which cases a command line names: patterns matched against
 * the registry (a group, a case or a glob), the closest names when one
 * matches nothing, and the --list listing.
 */
#define _POSIX_C_SOURCE 200809L
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "error.h"
#include "registry.h"

static int matches_name(const char *pattern, const char *name)
{
    size_t glen = registry_group_len(name);
    if (strcmp(pattern, name) == 0)
        return 1;
    if (strlen(pattern) == glen && strncmp(pattern, name, glen) == 0)
        return 1;
    return fnmatch(pattern, name, 0) == 0;
}

static int matches(const char *pattern, const bench_case *c)
{
    return matches_name(pattern, c->name);
}

int select_names(const select_filter *f, const char *name)
{
    size_t p;
    int in = f->ninclude == 0;
    for (p = 0; p < f->ninclude && !in; p++)
        in = matches_name(f->include[p], name);
    for (p = 0; p < f->nexclude && in; p++)
        in = !matches_name(f->exclude[p], name);
    return in;
}

/* Levenshtein distance, capped to keep it cheap on long input. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, row[65];
    if (la > 64 || lb > 64)
        return 64;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

/* "did you mean" list: up to three registered names (groups and cases)
 * nearest to the pattern, among those within a third of its length. */
static void closest_names(const char *pattern, char *out, size_t size)
{
    const char *best[3] = {NULL, NULL, NULL};
    size_t bestd[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX}, i, k;
    char groups[64][64];
    size_t ngroups = 0;

    out[0] = 0;
    for (i = 0; i < bench_count() * 2; i++) {
        const bench_case *c = bench_get(i / 2);
        const char *name = c->name;
        size_t d;
        if (i % 2 == 0) { /* the group name of this case, once */
            size_t len = registry_group_len(c->name), g;
            if (len >= 64 || ngroups == 64)
                continue;
            for (g = 0; g < ngroups; g++)
                if (strlen(groups[g]) == len && strncmp(groups[g], c->name, len) == 0)
                    break;
            if (g < ngroups || !c->name[len])
                continue; /* seen already, or the name is the group itself */
            memcpy(groups[ngroups], c->name, len);
            groups[ngroups][len] = 0;
            name = groups[ngroups++];
        }
        d = strncmp(name, pattern, strlen(pattern)) == 0 ? 1 : distance(pattern, name);
        if (d > 1 + strlen(pattern) / 3)
            continue;
        for (k = 0; k < 3; k++) {
            if (d < bestd[k]) {
                memmove(&best[k + 1], &best[k], (2 - k) * sizeof best[0]);
                memmove(&bestd[k + 1], &bestd[k], (2 - k) * sizeof bestd[0]);
                best[k] = name;
                bestd[k] = d;
                break;
            }
        }
    }
    for (k = 0; k < 3 && best[k]; k++) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s", k ? ", " : "", best[k]);
    }
}

/* Set mark[i] = value for every case the pattern names; 0, or 2 with a
 * message when it names none (a typo must not select or exclude nothing). */
static int mark(const char *pattern, char *marks, char value, const char *prog, char *err,
                size_t errsz)
{
    size_t i, n = bench_count();
    char near[256];
    int any = 0;

    for (i = 0; i < n; i++)
        if (matches(pattern, bench_get(i)))
            marks[i] = value, any = 1;
    if (any)
        return 0;
    closest_names(pattern, near, sizeof near);
    if (!near[0])
        return error_set(err, errsz, 2, "unknown pattern '%s' (no similar names; see %s --list)",
                         pattern, prog);
    return error_set(err, errsz, 2, "unknown pattern '%s' (closest names: %s; see %s --list)",
                     pattern, near, prog);
}

int select_cases(const select_filter *f, const char *prog, const bench_case ***sel, size_t *nsel,
                 char *err, size_t errsz)
{
    size_t n = bench_count(), i, p;
    char *marks = malloc(n ? n : 1);
    int rc = 0;

    *sel = calloc(n ? n : 1, sizeof **sel);
    *nsel = 0;
    if (!marks || !*sel) {
        free(marks);
        return error_set(err, errsz, 2, "out of memory");
    }
    memset(marks, f->ninclude == 0, n ? n : 1); /* no pattern: every case */
    for (p = 0; p < f->ninclude && rc == 0; p++)
        rc = mark(f->include[p], marks, 1, prog, err, errsz);
    for (p = 0; p < f->nexclude && rc == 0; p++)
        rc = mark(f->exclude[p], marks, 0, prog, err, errsz);
    for (i = 0; i < n && rc == 0; i++)
        if (marks[i])
            (*sel)[(*nsel)++] = bench_get(i);
    free(marks);
    return rc;
}

void select_list(FILE *f, const bench_case *const *sel, size_t nsel)
{
    size_t i, j;
    int wname = 4, wsizes = 5;
    char sizes[BENCH_MAX_SIZES * 21];

    for (i = 0; i < nsel; i++) {
        int w = (int)strlen(sel[i]->name);
        size_t len = 0;
        if (w > wname)
            wname = w;
        for (j = 0; j < BENCH_MAX_SIZES && sel[i]->sizes[j]; j++)
            len += (size_t)snprintf(NULL, 0, "%zu,", sel[i]->sizes[j]);
        if ((int)len > wsizes)
            wsizes = (int)len;
    }
    for (i = 0; i < nsel; i++) {
        size_t len = 0;
        sizes[0] = 0;
        for (j = 0; j < BENCH_MAX_SIZES && sel[i]->sizes[j]; j++)
            len += (size_t)snprintf(sizes + len, sizeof sizes - len, "%s%zu", j ? "," : "",
                                    sel[i]->sizes[j]);
        fprintf(f, "%-*s  %-*s  %s\n", wname, sel[i]->name, wsizes, sizes[0] ? sizes : "1",
                sel[i]->desc ? sel[i]->desc : "");
    }
}

/*
 * registry.c - the one piece of global state: the registered cases and
 * group descriptions, filled by constructors before main().
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct group_desc {
    const char *group, *desc;
};

static const bench_case **cases;
static size_t ncases, cases_cap;
static struct group_desc *groups;
static size_t ngroups, groups_cap;

static int valid_name(const char *s)
{
    size_t slashes = 0;
    if (!*s || *s == '/')
        return 0;
    for (; *s; s++) {
        if (*s == '/') {
            if (++slashes > 1 || !s[1])
                return 0;
        } else if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                     (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-')) {
            return 0;
        }
    }
    return 1;
}

static int reserve(void **p, size_t *cap, size_t need, size_t elem)
{
    void *q;
    size_t ncap;
    if (need <= *cap)
        return BENCH_OK;
    ncap = *cap ? *cap * 2 : 32;
    q = realloc(*p, ncap * elem);
    if (!q)
        return BENCH_ENOMEM;
    *p = q;
    *cap = ncap;
    return BENCH_OK;
}

int bench_register(const bench_case *c)
{
    void *p = (void *)cases;
    int rc;

    if (!c || !c->name || !c->run || !valid_name(c->name))
        return BENCH_EINVAL;
    if (bench_find(c->name))
        return BENCH_EEXIST;
    if ((rc = reserve(&p, &cases_cap, ncases + 1, sizeof *cases)) != BENCH_OK)
        return rc;
    cases = p;
    cases[ncases++] = c;
    return BENCH_OK;
}

int bench_register_group(const char *group, const char *desc)
{
    void *p = groups;
    size_t i;
    int rc;

    if (!group || !desc || !*group || strchr(group, '/'))
        return BENCH_EINVAL;
    for (i = 0; i < ngroups; i++)
        if (strcmp(groups[i].group, group) == 0)
            return BENCH_EEXIST;
    if ((rc = reserve(&p, &groups_cap, ngroups + 1, sizeof *groups)) != BENCH_OK)
        return rc;
    groups = p;
    groups[ngroups].group = group;
    groups[ngroups].desc = desc;
    ngroups++;
    return BENCH_OK;
}

size_t bench_count(void) { return ncases; }

const bench_case *bench_get(size_t i) { return i < ncases ? cases[i] : NULL; }

const bench_case *bench_find(const char *name)
{
    size_t i;
    if (!name)
        return NULL;
    for (i = 0; i < ncases; i++)
        if (strcmp(cases[i]->name, name) == 0)
            return cases[i];
    return NULL;
}

const char *bench_group_desc(const char *group)
{
    size_t i;
    if (!group)
        return NULL;
    for (i = 0; i < ngroups; i++)
        if (strcmp(groups[i].group, group) == 0)
            return groups[i].desc;
    return NULL;
}

#if !defined(__GNUC__) && !defined(__clang__)
void bench_keep_ptr_(const volatile void *p) { (void)p; }
#endif

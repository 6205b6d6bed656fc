/*
 * registry.c - the one piece of global state: the registered cases and
 * group descriptions, filled by constructors before main().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "bench.h"
#include "registry.h"

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

size_t registry_group_len(const char *name)
{
    const char *slash = strchr(name, '/');
    return slash ? (size_t)(slash - name) : strlen(name);
}

/* Sizes ascend strictly up to the first 0 (or the end of the array); what
 * follows a 0 is never read. Equal or falling sizes would be measured
 * twice or out of order, and give the report two rows for one size. */
static int sizes_ascend(const size_t *sizes)
{
    size_t i;
    for (i = 1; i < BENCH_MAX_SIZES && sizes[i - 1] && sizes[i]; i++)
        if (sizes[i] <= sizes[i - 1])
            return 0;
    return 1;
}

/* A baseline is another case's name, in the same group. Whether that case
 * exists is registry_check()'s to say, once all are registered. */
static int valid_baseline(const char *name, const char *baseline)
{
    size_t glen = registry_group_len(name);
    return valid_name(baseline) && strcmp(baseline, name) != 0 &&
           registry_group_len(baseline) == glen && strncmp(baseline, name, glen) == 0;
}

/* The first registration refused, kept for bench_main to report: a
 * BENCH_CASE runs before main and cannot return its error. The name is
 * copied: the caller may free a case it was told was not registered. */
static char refused_name[128];
static const char *refused_why;

static int refuse(const bench_case *c, int rc, const char *why)
{
    if (!refused_why) {
        snprintf(refused_name, sizeof refused_name, "%s",
                 c && c->name ? c->name : "(no name)");
        refused_why = why;
    }
    return rc;
}

int bench_register(const bench_case *c)
{
    const bench_case **p;

    if (!c)
        return refuse(c, BENCH_EINVAL, "the case is NULL");
    if (!c->name || !valid_name(c->name))
        return refuse(c, BENCH_EINVAL,
                      "its name is not 'group/case' made of letters, digits, '_', '.' and '-'");
    if (!c->run)
        return refuse(c, BENCH_EINVAL, "it has no run function");
    if (!sizes_ascend(c->sizes))
        return refuse(c, BENCH_EINVAL,
                      "its sizes do not strictly ascend (expected e.g. {1000, "
                      "10000})");
    if (c->baseline && !valid_baseline(c->name, c->baseline))
        return refuse(c, BENCH_EINVAL, "its baseline is not another case of its group");
    if (bench_find(c->name))
        return refuse(c, BENCH_EEXIST, "another case has that name");
    if (!(p = array_grow(cases, &cases_cap, ncases + 1, sizeof *cases)))
        return refuse(c, BENCH_ENOMEM, "out of memory");
    cases = p;
    cases[ncases++] = c;
    return BENCH_OK;
}

int registry_refused(char *err, size_t errsz)
{
    if (!refused_why)
        return BENCH_OK;
    if (err && errsz)
        snprintf(err, errsz, "case '%s' was not registered: %s", refused_name, refused_why);
    return BENCH_EINVAL;
}

int bench_register_group(const char *group, const char *desc)
{
    struct group_desc *p;
    size_t i;

    if (!group || !desc || !*group || strchr(group, '/') || !valid_name(group))
        return BENCH_EINVAL;
    for (i = 0; i < ngroups; i++)
        if (strcmp(groups[i].group, group) == 0)
            return BENCH_EEXIST;
    if (!(p = array_grow(groups, &groups_cap, ngroups + 1, sizeof *groups)))
        return BENCH_ENOMEM;
    groups = p;
    groups[ngroups].group = group;
    groups[ngroups].desc = desc;
    ngroups++;
    return BENCH_OK;
}

size_t bench_count(void)
{
    return ncases;
}

const bench_case *bench_get(size_t i)
{
    return i < ncases ? cases[i] : NULL;
}

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

int registry_check(char *err, size_t errsz)
{
    size_t i;
    for (i = 0; i < ncases; i++) {
        const bench_case *c = cases[i];
        if (!c->baseline || bench_find(c->baseline))
            continue;
        if (err && errsz)
            snprintf(err, errsz,
                     "case '%s': baseline '%s' is not a registered case of group '%.*s'", c->name,
                     c->baseline, (int)registry_group_len(c->name), c->name);
        return BENCH_EINVAL;
    }
    return BENCH_OK;
}

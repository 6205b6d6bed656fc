/*
 * baseline.c - a saved result read back for --compare (baseline.h): the
 * per-sample times of each iteration entry of a JSON file written by
 * `bench --format json` or by Google Benchmark, by name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "baseline.h"
#include "bench.h"
#include "error.h"
#include "json.h"

#define MAX_FILE (256u << 20)

struct baseline {
    json_value doc;
    baseline_entry *e;
    size_t n, cap;
};

static int read_file(const char *path, char **text, size_t *len, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;

    if (!f)
        return error_set(err, errsz, BENCH_EIO, "cannot read '%s': %s", path, strerror(errno));
    buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = cap >= MAX_FILE ? NULL : array_grow(buf, &cap, cap + 1, 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return error_set(err, errsz, BENCH_EIO, "'%s' is too large (at most 256 MiB)",
                                 path);
            }
            buf = nb;
        }
    }
    if (!buf || ferror(f)) {
        free(buf);
        fclose(f);
        return error_set(err, errsz, BENCH_EIO, "cannot read '%s'", path);
    }
    fclose(f);
    *text = buf;
    *len = n;
    return BENCH_OK;
}

static double unit_factor(const json_value *u)
{
    if (!u)
        return 1;
    if (u->type != JSON_STRING)
        return 0;
    if (strcmp(u->u.str.s, "ns") == 0)
        return 1;
    if (strcmp(u->u.str.s, "us") == 0)
        return 1e3;
    if (strcmp(u->u.str.s, "ms") == 0)
        return 1e6;
    if (strcmp(u->u.str.s, "s") == 0)
        return 1e9;
    return 0;
}

const baseline_entry *baseline_find(const baseline *b, const char *name)
{
    size_t i;
    for (i = 0; i < b->n; i++)
        if (strcmp(b->e[i].name, name) == 0)
            return &b->e[i];
    return NULL;
}

size_t baseline_count(const baseline *b)
{
    return b->n;
}

const baseline_entry *baseline_at(const baseline *b, size_t i)
{
    return i < b->n ? &b->e[i] : NULL;
}

/* The entry of that name, added when new. */
static baseline_entry *entry_for(baseline *b, const char *name)
{
    baseline_entry *e = (baseline_entry *)baseline_find(b, name);
    if (e)
        return e;
    if (!(e = array_grow(b->e, &b->cap, b->n + 1, sizeof *e)))
        return NULL;
    b->e = e;
    e = &b->e[b->n++];
    memset(e, 0, sizeof *e);
    e->name = name;
    return e;
}

static int add_sample(baseline_entry *e, double ns)
{
    double *s = array_grow(e->samples, &e->cap, e->n + 1, sizeof *s);
    if (!s)
        return -1;
    e->samples = s;
    e->samples[e->n++] = ns;
    return 0;
}

void baseline_free(baseline *b)
{
    if (!b)
        return;
    size_t i;
    for (i = 0; i < b->n; i++)
        free(b->e[i].samples);
    free(b->e);
    json_free(&b->doc);
    free(b);
}

/* What is wrong with benchmarks[i] as a sample, NULL when nothing is
 * (*skip set when it holds no sample: an aggregate or a failed case). */
static const char *check_entry(const json_value *it, int *skip)
{
    const json_value *name = json_get(it, "name"), *rt = json_get(it, "run_type");
    const json_value *t = json_get(it, "real_time"), *e = json_get(it, "error_occurred");

    *skip = 0;
    if (it->type != JSON_OBJECT)
        return "is not an object";
    if (!name || name->type != JSON_STRING)
        return "has no \"name\" string";
    if ((rt && rt->type == JSON_STRING && strcmp(rt->u.str.s, "iteration") != 0) ||
        (e && e->type == JSON_BOOL && e->u.b)) {
        *skip = 1; /* aggregates, BigO, RMS; a failed case has no time */
        return NULL;
    }
    if (!t || t->type != JSON_NUMBER)
        return "has no numeric \"real_time\"";
    if (unit_factor(json_get(it, "time_unit")) == 0)
        return "has an unknown \"time_unit\" (expected ns, us, ms or s)";
    return NULL;
}

/* Collect the per-sample times of every "iteration" entry by name. */
static int collect(baseline *b, const json_value *list, const char *label, char *err, size_t errsz)
{
    size_t i;
    for (i = 0; i < list->u.arr.n; i++) {
        const json_value *it = &list->u.arr.items[i];
        baseline_entry *be;
        int skip;
        const char *what = check_entry(it, &skip);
        if (what)
            return error_set(err, errsz, BENCH_EPARSE, "'%s': benchmarks[%zu] %s", label, i, what);
        if (skip)
            continue;
        be = entry_for(b, json_get(it, "name")->u.str.s);
        if (!be || add_sample(be, json_get(it, "real_time")->u.num *
                                      unit_factor(json_get(it, "time_unit"))) != 0)
            return error_set(err, errsz, BENCH_ENOMEM, "out of memory reading '%s'", label);
    }
    return BENCH_OK;
}

int baseline_parse(const char *label, const char *text, size_t len, baseline **out, char *err,
                   size_t errsz)
{
    baseline *b = calloc(1, sizeof *b);
    char jerr[200];
    const json_value *list;
    int rc;

    *out = NULL;
    if (!b)
        return error_set(err, errsz, BENCH_ENOMEM, "out of memory reading '%s'", label);
    rc = json_parse(text, len, &b->doc, jerr, sizeof jerr);
    if (rc != BENCH_OK) {
        free(b);
        return error_set(err, errsz, rc, "'%s': %s (expected JSON written by bench --format json)",
                         label, jerr);
    }
    list = json_get(&b->doc, "benchmarks");
    if (!list || list->type != JSON_ARRAY)
        rc = error_set(err, errsz, BENCH_EPARSE,
                       "'%s': no \"benchmarks\" array (expected JSON "
                       "written by bench --format json)",
                       label);
    else
        rc = collect(b, list, label, err, errsz);
    if (rc != BENCH_OK) {
        baseline_free(b);
        return rc;
    }
    *out = b;
    return BENCH_OK;
}

int baseline_load(const char *path, baseline **out, char *err, size_t errsz)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    if ((rc = read_file(path, &text, &len, err, errsz)) != BENCH_OK)
        return rc;
    rc = baseline_parse(path, text, len, out, err, errsz);
    free(text);
    return rc;
}

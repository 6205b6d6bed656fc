/*
 * baseline.c - a saved result read back for --compare (baseline.h): the
 * per-sample times of each iteration entry of a JSON file written by
 * `bench --format json` or by Google Benchmark, by name.
 *
 * Only a regular file is read (a FIFO with no writer would block forever,
 * a device never end). Names are indexed by an open-addressing hash table
 * (FNV-1a, linear probing, at most half full), so loading is linear in the
 * number of entries and baseline_find is O(1) on average; the samples of
 * every name share one array, counted before it is filled, so the memory
 * is that of the parsed document plus a few words per entry and sample.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "baseline.h"
#include "bench.h"
#include "error.h"
#include "json.h"

/* A slot of the name index: which entry, and its name's hash, so that a
 * probe or a rehash reads the name itself only when the hashes agree. */
typedef struct index_slot {
    uint32_t entry; /* entry + 1; 0: empty */
    uint32_t hash;
} index_slot;

struct baseline {
    json_value doc;
    baseline_entry *e;
    size_t n, cap;
    index_slot *index; /* nindex = 2^bits slots, at most half in use */
    size_t nindex;
    unsigned bits;
    double *pool;    /* every entry's samples, one after another */
    unsigned *wpool; /* and the worker of each */
    int counted;     /* the entries carry instruction counts (--instructions) */
};

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

/* FNV-1a, 64 bits, folded to 32: the top half, which the last multiply
 * mixes best (the low bits of names that differ in one digit cluster). */
static uint32_t hash_name(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return (uint32_t)(h >> 32);
}

/* The index slot of name (whose hash is h): the one holding it, or the
 * empty one where it would go, probing linearly from the hash's top bits.
 * The table is never more than half full, so the probe ends. */
static size_t slot_of(const baseline *b, const char *name, uint32_t h)
{
    size_t mask = b->nindex - 1, i = (size_t)(h >> (32 - b->bits));
    while (b->index[i].entry &&
           (b->index[i].hash != h || strcmp(b->e[b->index[i].entry - 1].name, name) != 0))
        i = (i + 1) & mask;
    return i;
}

/* Room in the index for one more name: doubled, and every name placed
 * again by its stored hash, before it would be more than half full. */
static int index_reserve(baseline *b)
{
    index_slot *old = b->index;
    size_t nold = b->nindex, i, n = nold ? nold : 64;
    unsigned bits = nold ? b->bits : 6;

    if (b->n + 1 <= nold / 2)
        return 0;
    while (b->n + 1 > n / 2) {
        if (bits >= 32) /* 2^31 names: not from a 256 MiB file */
            return -1;
        n *= 2;
        bits++;
    }
    if (!(b->index = calloc(n, sizeof *b->index))) {
        b->index = old;
        return -1;
    }
    b->nindex = n;
    b->bits = bits;
    for (i = 0; i < nold; i++)
        if (old[i].entry) {
            size_t j = (size_t)(old[i].hash >> (32 - bits));
            while (b->index[j].entry)
                j = (j + 1) & (n - 1);
            b->index[j] = old[i];
        }
    free(old);
    return 0;
}

const baseline_entry *baseline_find(const baseline *b, const char *name)
{
    size_t i;
    if (b->nindex == 0)
        return NULL;
    i = slot_of(b, name, hash_name(name));
    return b->index[i].entry ? &b->e[b->index[i].entry - 1] : NULL;
}

size_t baseline_count(const baseline *b)
{
    return b->n;
}

const baseline_entry *baseline_at(const baseline *b, size_t i)
{
    return i < b->n ? &b->e[i] : NULL;
}

/* The index of the entry of that name, added (with no samples) when new;
 * -1 when memory ran out. */
static long entry_for(baseline *b, const char *name)
{
    uint32_t h = hash_name(name);
    baseline_entry *e;
    size_t i;

    if (index_reserve(b) != 0)
        return -1;
    i = slot_of(b, name, h);
    if (b->index[i].entry)
        return (long)b->index[i].entry - 1;
    if (!(e = array_grow(b->e, &b->cap, b->n + 1, sizeof *e)))
        return -1;
    b->e = e;
    e = &b->e[b->n++];
    memset(e, 0, sizeof *e);
    e->name = name;
    b->index[i].entry = (uint32_t)b->n;
    b->index[i].hash = h;
    return (long)b->n - 1;
}

void baseline_free(baseline *b)
{
    if (!b)
        return;
    free(b->pool);
    free(b->wpool);
    free(b->index);
    free(b->e);
    json_free(&b->doc);
    free(b);
}

/* Is the entry Google Benchmark's median aggregate of a run? */
static int is_median(const json_value *it)
{
    const json_value *rt = json_get(it, "run_type"), *an = json_get(it, "aggregate_name"),
                     *rn = json_get(it, "run_name");
    return rt && rt->type == JSON_STRING && strcmp(rt->u.str.s, "aggregate") == 0 && an &&
           an->type == JSON_STRING && strcmp(an->u.str.s, "median") == 0 && rn &&
           rn->type == JSON_STRING;
}

/* The name an entry's sample goes under: its run's ("group/case/N"). An
 * iteration entry's name is that; a median aggregate's is suffixed. */
static const char *name_of(const json_value *it, int medians)
{
    return json_get(it, medians ? "run_name" : "name")->u.str.s;
}

/* What is wrong with benchmarks[i] as a sample, NULL when nothing is
 * (*skip set when it holds no sample: an aggregate or a failed case). With
 * medians, the samples are the _median aggregates instead, one a run: what
 * a file written with --benchmark_report_aggregates_only holds. */
static const char *check_entry(const json_value *it, int medians, int *skip)
{
    const json_value *name = json_get(it, "name"), *rt = json_get(it, "run_type");
    const json_value *t = json_get(it, "real_time"), *e = json_get(it, "error_occurred");

    *skip = 0;
    if (it->type != JSON_OBJECT)
        return "is not an object (expected {\"name\": ..., \"real_time\": ...})";
    if (!name || name->type != JSON_STRING)
        return "has no \"name\" string (expected the case and size, like \"concat/naive/1000\")";
    if ((medians ? !is_median(it)
                 : rt && rt->type == JSON_STRING && strcmp(rt->u.str.s, "iteration") != 0) ||
        (e && e->type == JSON_BOOL && e->u.b)) {
        *skip = 1; /* aggregates, BigO, RMS; a failed case has no time */
        return NULL;
    }
    if (!t || t->type != JSON_NUMBER)
        return "has no numeric \"real_time\" (expected a number, the time per iteration in "
               "\"time_unit\")";
    if (unit_factor(json_get(it, "time_unit")) == 0)
        return "has an unknown \"time_unit\" (expected ns, us, ms or s)";
    return NULL;
}

/* An entry of a counted run: its instructions per call, a Google
 * Benchmark user counter. */
static const json_value *instructions_of(const json_value *it)
{
    const json_value *v = json_get(it, "instructions");
    return v && v->type == JSON_NUMBER ? v : NULL;
}

/* The sample an entry holds: instructions per call in a counted file,
 * else the time in ns. */
static double sample_of(const baseline *b, const json_value *it)
{
    if (b->counted)
        return instructions_of(it)->u.num;
    return json_get(it, "real_time")->u.num * unit_factor(json_get(it, "time_unit"));
}

/* The sample's worker process, 1-based (0: not said, or not a small
 * non-negative integer: then the entry is taken as one process). */
static unsigned worker_of(const json_value *it)
{
    const json_value *w = json_get(it, "worker");
    if (!w || w->type != JSON_NUMBER || !(w->u.num >= 0) || w->u.num >= BASELINE_MAX_WORKERS ||
        w->u.num != (double)(unsigned)w->u.num)
        return 0;
    return (unsigned)w->u.num + 1;
}

/* Which worker took each sample of e, when every sample says. */
static void settle_workers(baseline_entry *e)
{
    size_t i;
    unsigned most = 0;
    for (i = 0; i < e->n; i++) {
        if (e->worker[i] == 0) {
            e->worker = NULL;
            e->nworkers = 0;
            return;
        }
        if (e->worker[i] > most)
            most = e->worker[i];
    }
    for (i = 0; i < e->n; i++)
        e->worker[i]--;
    e->nworkers = most;
}

/* The per-sample times of every "iteration" entry, by name, in two passes
 * over the list: the first checks each entry, names it (which[i]: its
 * entry + 1, 0 when skipped) and counts the samples of each name; then
 * every name gets its share of one array, and the second pass fills them
 * in. */
static int collect(baseline *b, const json_value *list, int medians, const char *label, char *err,
                   size_t errsz)
{
    size_t i, total = 0, n = list->u.arr.n;
    uint32_t *which = calloc(n ? n : 1, sizeof *which);
    size_t ncounted = 0;
    int rc = BENCH_OK;

    for (i = 0; which && i < n; i++) {
        const json_value *it = &list->u.arr.items[i];
        int skip;
        long e;
        const char *what = check_entry(it, medians, &skip);
        if (what) {
            rc = error_set(err, errsz, BENCH_EPARSE, "'%s': benchmarks[%zu] %s", label, i, what);
            break;
        }
        if (skip)
            continue;
        if (instructions_of(it))
            ncounted++;
        else if (ncounted) /* some entries counted, this one timed */
            what = "has no numeric \"instructions\" like the entries before it (expected one "
                   "run's JSON, counted or timed)";
        if (what) {
            rc = error_set(err, errsz, BENCH_EPARSE, "'%s': benchmarks[%zu] %s", label, i, what);
            break;
        }
        if ((e = entry_for(b, name_of(it, medians))) < 0)
            break;
        which[i] = (uint32_t)e + 1;
        b->e[e].n++;
        total++;
    }
    if (rc == BENCH_OK && (!which || i < n ||
                           (total && (!(b->pool = malloc(total * sizeof *b->pool)) ||
                                      !(b->wpool = malloc(total * sizeof *b->wpool))))))
        rc = error_set(err, errsz, BENCH_ENOMEM, "out of memory reading '%s'", label);
    if (rc == BENCH_OK && ncounted && ncounted != total)
        rc = error_set(err, errsz, BENCH_EPARSE,
                       "'%s': some entries carry \"instructions\" and some do not (expected one "
                       "run's JSON, counted or timed)",
                       label);
    b->counted = ncounted > 0;
    if (rc == BENCH_OK) {
        for (i = 0, total = 0; i < b->n; i++) {
            b->e[i].samples = b->pool + total;
            b->e[i].worker = b->wpool + total;
            total += b->e[i].n;
            b->e[i].n = 0;
        }
        for (i = 0; i < n; i++)
            if (which[i]) {
                baseline_entry *e = &b->e[which[i] - 1];
                e->worker[e->n] = worker_of(&list->u.arr.items[i]);
                e->samples[e->n++] = sample_of(b, &list->u.arr.items[i]);
            }
        for (i = 0; i < b->n; i++)
            settle_workers(&b->e[i]);
    }
    free(which);
    return rc;
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
    else if ((rc = collect(b, list, 0, label, err, errsz)) == BENCH_OK && b->n == 0)
        rc = collect(b, list, 1, label, err, errsz); /* medians alone */
    if (rc == BENCH_OK && b->n == 0)
        rc = error_set(err, errsz, BENCH_EPARSE,
                       "'%s': no measured case in it (expected the JSON of a run: iteration "
                       "entries, or Google Benchmark's _median aggregates)",
                       label);
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
    if ((rc = json_read_file(path, "bench --format json", &text, &len, err, errsz)) != BENCH_OK)
        return rc;
    rc = baseline_parse(path, text, len, out, err, errsz);
    free(text);
    return rc;
}

int baseline_counted(const baseline *b)
{
    return b->counted;
}

/*
 * batch.c - throughput by batching: N records written to a file with one
 * write(2) each pay the system call N times; gathered in a buffer, they
 * pay it once per buffer. stdio does the gathering for you, at the price of
 * a lock and a copy per fwrite. All three are O(N): the lesson is the
 * constant, and the cost is latency, since a buffered record reaches the
 * file only when its buffer is flushed. Both sides are measured: records
 * per second (items_per_call), and, under --latency, how long a record
 * waits from being handed over until the write(2) that carries it returns
 * (batch_waits_*: timestamps taken by the case itself).
 */
#define _GNU_SOURCE /* fopencookie: to see when stdio writes */
#include "bench.h"
#include "digest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define REC 24          /* bytes per record, newline included */
#define BUF (64 * 1024) /* the hand-made batch */

typedef struct batch_state {
    size_t n;
    FILE *f;     /* an anonymous temporary file */
    int fd;      /* its descriptor */
    char *recs;  /* n records of REC bytes */
    char *buf;   /* BUF bytes, for batch/buffer */
    long failed; /* writes that failed or fell short */
} batch_state;

static void batch_teardown(void *p)
{
    batch_state *s = p;
    if (!s)
        return;
    if (s->f)
        fclose(s->f);
    free(s->recs);
    free(s->buf);
    free(s);
}

static void *batch_setup(size_t n)
{
    batch_state *s;
    if (n > SIZE_MAX / REC / 2)
        return NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->f = tmpfile();
    s->recs = malloc(n ? n * REC : 1);
    s->buf = malloc(BUF);
    if (!s->f || !s->recs || !s->buf) {
        batch_teardown(s);
        return NULL;
    }
    s->fd = fileno(s->f);
    uint64_t x = 0x5EED; /* xorshift64: a reading per record */
    for (size_t i = 0; i < n; i++) {
        char line[REC + 1];
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        snprintf(line, sizeof line, "sensor %04u value %5u", (unsigned)(i % 10000),
                 (unsigned)(x % 100000));
        memcpy(s->recs + i * REC, line, REC - 1);
        s->recs[i * REC + REC - 1] = '\n';
    }
    return s;
}

/* Each call writes the file again from its start, so it stays N records long. */
static void rewind_fd(batch_state *s)
{
    if (lseek(s->fd, 0, SEEK_SET) != 0)
        s->failed++;
}

static void put(batch_state *s, const char *p, size_t len)
{
    if (write(s->fd, p, len) != (ssize_t)len)
        s->failed++;
}

static void batch_write(void *p)
{
    batch_state *s = p;
    rewind_fd(s);
    for (size_t i = 0; i < s->n; i++)
        put(s, s->recs + i * REC, REC);
}

static void batch_stdio(void *p)
{
    batch_state *s = p;
    rewind(s->f);
    for (size_t i = 0; i < s->n; i++)
        if (fwrite(s->recs + i * REC, 1, REC, s->f) != REC)
            s->failed++;
    if (fflush(s->f) != 0)
        s->failed++;
}

static void batch_buffer(void *p)
{
    batch_state *s = p;
    size_t used = 0;
    rewind_fd(s);
    for (size_t i = 0; i < s->n; i++) {
        if (used + REC > BUF) {
            put(s, s->buf, used);
            used = 0;
        }
        memcpy(s->buf + used, s->recs + i * REC, REC);
        used += REC;
    }
    if (used)
        put(s, s->buf, used);
}

/* FNV-1a of what the file holds after a call. After a failed write the
 * digest is made to differ from every other case's, so the check fails it. */
static uint64_t batch_digest(void *p)
{
    batch_state *s = p;
    uint64_t h = FNV_BASIS;
    char chunk[4096];
    off_t at = 0, end = (off_t)(s->n * REC);

    while (at < end) {
        size_t want = (size_t)(end - at) < sizeof chunk ? (size_t)(end - at) : sizeof chunk;
        ssize_t got = pread(s->fd, chunk, want, at);
        if (got <= 0)
            return (uint64_t)(uintptr_t)s;
        h = fnv_bytes(h, chunk, (size_t)got);
        at += got;
    }
    return s->failed ? h ^ (uint64_t)(uintptr_t)s : h;
}

/* ---- the waits ---- */

/* One record in WAIT_EVERY is stamped when it is handed over, so a wait
 * carries at most one clock reading per WAIT_EVERY records it waits
 * behind; passes with a different phase stamp other records, until
 * WAIT_WANT waits are measured or every record has been stamped once. */
#define WAIT_EVERY 64
#define WAIT_WANT  2000
#define PENDING    (BUF / REC / WAIT_EVERY + 2) /* stamped, not yet written */

typedef struct waiting {
    double *out;
    size_t cap, n;
    double at[PENDING]; /* when each pending record was handed over */
    off_t end[PENDING]; /* the file offset at which it is all written */
    size_t npending;
    off_t written; /* bytes the writes have carried so far */
} waiting;

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void stamp(waiting *w, size_t i)
{
    if (w->npending < PENDING) {
        w->at[w->npending] = now_ns();
        w->end[w->npending] = (off_t)((i + 1) * REC);
        w->npending++;
    }
}

/* A write of len bytes has returned: the pending records it completed
 * have waited until now. */
static void written(waiting *w, size_t len)
{
    double t = now_ns();
    size_t i, kept = 0;
    w->written += (off_t)len;
    for (i = 0; i < w->npending; i++) {
        if (w->end[i] <= w->written && w->n < w->cap)
            w->out[w->n++] = t - w->at[i];
        else if (w->end[i] > w->written) {
            w->at[kept] = w->at[i];
            w->end[kept++] = w->end[i];
        }
    }
    w->npending = kept;
}

static void put_waited(batch_state *s, waiting *w, const char *p, size_t len)
{
    put(s, p, len);
    written(w, len);
}

/* batch/write: each record's own write(2). */
static void pass_write(batch_state *s, waiting *w, size_t phase)
{
    rewind_fd(s);
    for (size_t i = 0; i < s->n; i++) {
        if (i % WAIT_EVERY == phase)
            stamp(w, i);
        put_waited(s, w, s->recs + i * REC, REC);
    }
}

/* batch/buffer: a record waits for its buffer's write(2). */
static void pass_buffer(batch_state *s, waiting *w, size_t phase)
{
    size_t used = 0;
    rewind_fd(s);
    for (size_t i = 0; i < s->n; i++) {
        if (used + REC > BUF) {
            put_waited(s, w, s->buf, used);
            used = 0;
        }
        if (i % WAIT_EVERY == phase)
            stamp(w, i);
        memcpy(s->buf + used, s->recs + i * REC, REC);
        used += REC;
    }
    if (used)
        put_waited(s, w, s->buf, used);
}

/* batch/stdio: stdio's own buffering, the size it gives the file, over a
 * stream whose writes are seen (fopencookie) as they reach the file. */
typedef struct cookie {
    batch_state *s;
    waiting *w;
} cookie;

static ssize_t cookie_write(void *c, const char *p, size_t len)
{
    cookie *k = c;
    ssize_t got = write(k->s->fd, p, len);
    if (got != (ssize_t)len)
        k->s->failed++;
    written(k->w, got > 0 ? (size_t)got : 0);
    return got;
}

static void pass_stdio(batch_state *s, waiting *w, size_t phase)
{
    cookie k = {s, w};
    cookie_io_functions_t io = {NULL, cookie_write, NULL, NULL};
    struct stat st;
    FILE *f = fopencookie(&k, "w", io);

    if (!f) {
        s->failed++;
        return;
    }
    if (fstat(s->fd, &st) == 0 && st.st_blksize > 0) /* as tmpfile's stream */
        setvbuf(f, NULL, _IOFBF, (size_t)st.st_blksize);
    rewind_fd(s);
    for (size_t i = 0; i < s->n; i++) {
        if (i % WAIT_EVERY == phase)
            stamp(w, i);
        if (fwrite(s->recs + i * REC, 1, REC, f) != REC)
            s->failed++;
    }
    if (fclose(f) != 0) /* flushes */
        s->failed++;
}

static size_t waits(void *p, double *ns, size_t cap, void (*pass)(batch_state *, waiting *, size_t))
{
    batch_state *s = p;
    waiting *w = calloc(1, sizeof *w);
    size_t phase, n;
    if (!w)
        return 0;
    w->out = ns;
    w->cap = cap < WAIT_WANT ? cap : WAIT_WANT;
    for (phase = 0; phase < WAIT_EVERY && phase < s->n && w->n < w->cap; phase++) {
        w->npending = 0;
        w->written = 0;
        pass(s, w, phase);
    }
    n = w->n;
    free(w);
    return n;
}

static size_t batch_waits_write(void *p, double *ns, size_t cap)
{
    return waits(p, ns, cap, pass_write);
}

static size_t batch_waits_stdio(void *p, double *ns, size_t cap)
{
    return waits(p, ns, cap, pass_stdio);
}

static size_t batch_waits_buffer(void *p, double *ns, size_t cap)
{
    return waits(p, ns, cap, pass_buffer);
}

static double records(size_t n)
{
    return (double)n;
}

BENCH_GROUP(batch, "batch", "write N 24-byte records to a file")

BENCH_CASE(batch_write, .name = "batch/write",
           .desc = "one write(2) per record: a system call each", .setup = batch_setup,
           .run = batch_write, .teardown = batch_teardown, .digest = batch_digest, .baseline = NULL,
           .sizes = {1000, 10000}, .items_per_call = records, .waits = batch_waits_write)

BENCH_CASE(batch_stdio, .name = "batch/stdio",
           .desc = "fwrite per record: stdio batches, a lock each", .setup = batch_setup,
           .run = batch_stdio, .teardown = batch_teardown, .digest = batch_digest,
           .baseline = "batch/write", .sizes = {1000, 10000}, .items_per_call = records,
           .waits = batch_waits_stdio)

BENCH_CASE(batch_buffer, .name = "batch/buffer",
           .desc = "own 64 KiB buffer, one write(2) when full", .setup = batch_setup,
           .run = batch_buffer, .teardown = batch_teardown, .digest = batch_digest,
           .baseline = "batch/write", .sizes = {1000, 10000}, .items_per_call = records,
           .waits = batch_waits_buffer)

/*
 * batch.c - throughput by batching: N records written to a file with one
 * write(2) each pay the system call N times; gathered in a buffer, they
 * pay it once per buffer. stdio does the gathering for you, at the price of
 * a lock and a copy per fwrite. All three are O(N): the lesson is the
 * constant, and the cost is latency, since a buffered record reaches the
 * file only when its buffer is flushed.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "digest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

BENCH_GROUP(batch, "batch", "write N 24-byte records to a file")

BENCH_CASE(batch_write, .name = "batch/write",
           .desc = "one write(2) per record: a system call each", .setup = batch_setup,
           .run = batch_write, .teardown = batch_teardown, .digest = batch_digest, .baseline = NULL,
           .sizes = {1000, 10000})

BENCH_CASE(batch_stdio, .name = "batch/stdio",
           .desc = "fwrite per record: stdio batches, a lock each", .setup = batch_setup,
           .run = batch_stdio, .teardown = batch_teardown, .digest = batch_digest,
           .baseline = "batch/write", .sizes = {1000, 10000})

BENCH_CASE(batch_buffer, .name = "batch/buffer",
           .desc = "own 64 KiB buffer, one write(2) when full", .setup = batch_setup,
           .run = batch_buffer, .teardown = batch_teardown, .digest = batch_digest,
           .baseline = "batch/write", .sizes = {1000, 10000})

/*
 * test_profile.c - `bench profile` and bench_profile: the ELF symbol
 * tables (a static function named, the PLT not charged to _init, an
 * unreadable file falling back to addresses), the writers on a hand-made profile (the table's Amdahl line,
 * --sort self, the folded lines, the notes), the library in this process
 * (its handler restored, its errors), and the command run as a program:
 * the 60/30/10 split of tests/progs/split.c within 3 points, the window
 * sum named as rolling/naive's hotspot, folded output to -o, JSON, several
 * cases in turn, too few samples stated, bad flags.
 *
 * The profiler samples CPU time, so load does not bias it; no wall time
 * is asserted.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "cli_args.h"
#include "cmd_profile.h"
#include "elfsym.h"
#include "flame.h"
#include "golden.h"
#include "profile.h"
#include "testhelp.h"
#include "util.h"

#define BENCH prog_path("bench")
#define SPLIT prog_path("tests/progs/split")

/* ---- symbol tables ---- */

/* Static: in .symtab only, which dladdr does not read. */
__attribute__((noinline)) static unsigned th_profile_static_probe(unsigned x)
{
    __asm__ __volatile__("" : "+r"(x));
    return x * 3 + 1;
}

TEST(test_profile_elfsym_names_a_static_function)
{
    elfsym *s = elfsym_new();
    elfsym_hit h;
    uintptr_t fn = (uintptr_t)th_profile_static_probe;

    if (!CHECK(s != NULL) || !CHECK_EQ_INT(elfsym_add_loaded(s), BENCH_OK))
        goto out;
    elfsym_lookup(s, fn + 1, &h);
    if (CHECK(h.name != NULL))
        CHECK_STR_EQ(h.name, "th_profile_static_probe");
    CHECK(h.start == fn);
    CHECK(h.obj >= 0);
    CHECK(h.object != NULL);
    CHECK(elfsym_note(s, h.obj) == NULL);
    CHECK_EQ_INT(th_profile_static_probe(1), 4);
out:
    elfsym_free(s);
}

/* A function in assembly without .size: its symbol's size is 0. */
__asm__(".pushsection .text\n"
        ".globl th_profile_asm_probe\n"
        ".hidden th_profile_asm_probe\n"
        ".type th_profile_asm_probe, STT_FUNC\n"
        "th_profile_asm_probe:\n"
        "nop\n nop\n nop\n ret\n"
        ".popsection\n");
void th_profile_asm_probe(void);

/* Section `want`'s link-time start and size in this program's file; the
 * index of the section, or 0 when it has none. */
static size_t exe_section(const char *want, uintptr_t *addr, size_t *size)
{
    FILE *f = fopen("/proc/self/exe", "rb");
    char *img = NULL;
    long len;
    size_t i, found = 0;

    if (!f)
        return 0;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (img = malloc((size_t)len)) != NULL && fread(img, 1, (size_t)len, f) == (size_t)len) {
        const ElfW(Ehdr) *eh = (const void *)img;
        const ElfW(Shdr) *sh = (const void *)(img + eh->e_shoff);
        const char *names = img + sh[eh->e_shstrndx].sh_offset;
        for (i = 1; i < eh->e_shnum && !found; i++)
            if (strcmp(names + sh[i].sh_name, want) == 0) {
                *addr = (uintptr_t)sh[i].sh_addr, *size = (size_t)sh[i].sh_size;
                found = i;
            }
    }
    free(img);
    fclose(f);
    return found;
}

/* crti's _init has size 0, and the PLT follows .init: a stub there is
 * code no symbol names, counted as the object, never as _init. A
 * function of size 0 in .text still runs to the next symbol. */
TEST(test_profile_elfsym_plt_is_not_init)
{
    elfsym *s = elfsym_new();
    elfsym_hit h;
    uintptr_t fn = (uintptr_t)th_profile_static_probe, base, init, plt;
    size_t init_size, plt_size, init_at, plt_at;

    if (!CHECK(s != NULL) || !CHECK_EQ_INT(elfsym_add_loaded(s), BENCH_OK))
        goto out;
    elfsym_lookup(s, fn, &h);
    base = fn - h.offset;
    init_at = exe_section(".init", &init, &init_size);
    plt_at = exe_section(".plt", &plt, &plt_size);
    if (!CHECK(init_at > 0) || !CHECK(plt_at > 0) || !CHECK(plt_size >= 32))
        goto out;
    elfsym_lookup(s, base + init, &h);
    if (CHECK(h.name != NULL))
        CHECK_STR_EQ(h.name, "_init");
    elfsym_lookup(s, base + plt + 16, &h); /* the first stub */
    CHECK(h.name == NULL || strcmp(h.name, "_init") != 0);
    CHECK(h.object != NULL);
    elfsym_lookup(s, (uintptr_t)th_profile_asm_probe + 2, &h);
    if (CHECK(h.name != NULL))
        CHECK_STR_EQ(h.name, "th_profile_asm_probe");
out:
    elfsym_free(s);
}

TEST(test_profile_elfsym_unreadable_falls_back_to_addresses)
{
    char dir[256], path[512];
    FILE *f;
    elfsym *s = elfsym_new();
    elfsym_hit h;

    if (!CHECK(s != NULL) || !make_temp_dir(dir, sizeof dir)) {
        elfsym_free(s);
        return;
    }
    snprintf(path, sizeof path, "%s/libtext.so", dir);
    f = fopen(path, "w");
    if (CHECK(f != NULL)) {
        fputs("not an ELF file at all, though long enough to have a header or two\n", f);
        fclose(f);
    }
    CHECK_EQ_INT(elfsym_add(s, "/nonexistent/libgone.so", NULL, 0x10000, 0x10000, 0x20000),
                 BENCH_OK);
    CHECK_EQ_INT(elfsym_add(s, path, NULL, 0x30000, 0x30000, 0x40000), BENCH_OK);
    elfsym_lookup(s, 0x10123, &h);
    CHECK(h.name == NULL);
    CHECK_EQ_INT(h.obj, 0);
    CHECK_STR_EQ(h.object, "libgone.so");
    CHECK_EQ_INT(h.offset, 0x123);
    CHECK_STR_CONTAINS(elfsym_note(s, 0), "cannot open /nonexistent/libgone.so");
    elfsym_lookup(s, 0x30040, &h);
    CHECK(h.name == NULL);
    CHECK_STR_EQ(h.object, "libtext.so");
    CHECK_STR_CONTAINS(elfsym_note(s, 1), "not an ELF file");
    elfsym_lookup(s, 0x50000, &h); /* in no object */
    CHECK_EQ_INT(h.obj, -1);
    CHECK(h.object == NULL);
    elfsym_free(s);
    remove_dir(dir);
}

TEST(test_profile_elfsym_base_name_drops_clone_suffixes)
{
    char buf[64];
    CHECK_STR_EQ(elfsym_base_name("f.cold", buf, sizeof buf), "f");
    CHECK_STR_EQ(elfsym_base_name("sum.isra.0", buf, sizeof buf), "sum");
    CHECK_STR_EQ(elfsym_base_name("g.constprop.0.cold", buf, sizeof buf), "g");
    CHECK_STR_EQ(elfsym_base_name("h.part.12", buf, sizeof buf), "h");
    CHECK_STR_EQ(elfsym_base_name("x.y", buf, sizeof buf), "x.y");
    CHECK_STR_EQ(elfsym_base_name(".hidden", buf, sizeof buf), ".hidden");
    CHECK_STR_EQ(elfsym_base_name("plain", buf, sizeof buf), "plain");
}

/* ---- the writers, on a profile made by hand ---- */

/* 1000 samples: main -> run -> rolling_naive -> sum_window, the window
 * sum 898 of them. */
static void hand_profile(bench_profile_result *r, bench_profile_func *fn, bench_profile_stack *st,
                         size_t *frames)
{
    static const char *const names[] = {"rolling_naive", "sum_window", "memcpy", "main", "run"};
    size_t i;
    memset(r, 0, sizeof *r);
    memset(fn, 0, 5 * sizeof *fn);
    for (i = 0; i < 5; i++)
        fn[i].name = names[i], fn[i].object = "bench";
    fn[0].self = 92, fn[0].cumulative = 1000;
    fn[1].self = 898, fn[1].cumulative = 898;
    fn[2].self = 10, fn[2].cumulative = 10;
    /* main;run;rolling_naive;sum_window 898, ...;rolling_naive 92,
     * ...;rolling_naive;memcpy 10 */
    frames[0] = 3, frames[1] = 4, frames[2] = 0, frames[3] = 1;
    frames[4] = 3, frames[5] = 4, frames[6] = 0;
    frames[7] = 3, frames[8] = 4, frames[9] = 0, frames[10] = 2;
    st[0].frames = frames, st[0].depth = 4, st[0].first = 2, st[0].samples = 898;
    st[1].frames = frames + 4, st[1].depth = 3, st[1].first = 2, st[1].samples = 92;
    st[2].frames = frames + 7, st[2].depth = 4, st[2].first = 2, st[2].samples = 10;
    r->funcs = fn, r->nfuncs = 5;
    r->stacks = st, r->nstacks = 3;
    r->samples = 1000;
    r->calls = 4000;
    r->cpu_ns = 4e9;
    r->per_call_ns = 1e6;
    r->rate_hz = 250;
}

static char *render(int which, cmd_profile_view *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    if (which == 0)
        cmd_profile_table(f, v);
    else if (which == 1)
        cmd_profile_folded(f, v, 0);
    else
        cmd_profile_json(f, v, 1);
    fclose(f);
    return buf;
}

TEST(test_profile_table_amdahl_and_sort)
{
    bench_profile_result r;
    bench_profile_func fn[5];
    bench_profile_stack st[3];
    size_t frames[11];
    cmd_profile_view v = {"rolling/naive", 10000, 1000, 0, 15, &r};
    char *out;

    hand_profile(&r, fn, st, frames);
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "rolling/naive N=10000: 1000 samples in 4.00 s of CPU (250 Hz, 1000 "
                            "asked), 1.00 ms per call (CPU, 4000 calls)");
    CHECK_STR_CONTAINS(out, "if sum_window took no time, the case would be at most 9.8x faster "
                            "(cumulative 89.8%)");
    CHECK_STR_NOT_CONTAINS(out, "if rolling_naive took no time"); /* in every sample */
    /* cumulative: the caller first; self: the window sum first */
    CHECK(out && strstr(out, "rolling_naive") < strstr(out, "sum_window"));
    CHECK_STR_CONTAINS(out, "       92    9.2%  100.0%  rolling_naive\n");
    CHECK_STR_CONTAINS(out, "      898   89.8%   89.8%  sum_window\n");
    CHECK_STR_NOT_CONTAINS(out, "main"); /* callers of the loop are not listed */
    CHECK_STR_CONTAINS(out, "note: 1000 Hz asked, 250 Hz given");
    free(out);
    v.by_self = 1;
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "sorted by self");
    CHECK(out && strstr(out, "  sum_window") < strstr(out, "  rolling_naive"));
    free(out);
    v.top = 1;
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "(2 more functions; --top 3 shows them all)");
    CHECK_STR_NOT_CONTAINS(out, "memcpy");
    free(out);
    v.top = 2;
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "(1 more function; --top 3 shows them all)");
    free(out);
}

TEST(test_profile_table_notes)
{
    bench_profile_result r;
    bench_profile_func fn[5];
    bench_profile_stack st[3];
    size_t frames[11];
    cmd_profile_view v = {"x/y", 1, 250, 0, 15, &r};
    char note[] = "libgone.so: cannot open /x/libgone.so: No such file or directory";
    char *out;

    hand_profile(&r, fn, st, frames);
    r.note = note;
    r.samples = 40, fn[0].cumulative = 40, fn[1].cumulative = 30, fn[1].self = 30;
    fn[0].self = 10, fn[2].cumulative = fn[2].self = 0;
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "note: too few samples (40) for shares better than +-15 points; "
                            "raise --min-time");
    CHECK_STR_CONTAINS(out, "note: no names from libgone.so: cannot open /x/libgone.so");
    CHECK_STR_CONTAINS(out,
                       "No such file or directory; its code counts as one row, [libgone.so]\n");
    free(out);
    r.in_loop = r.unrooted = r.dropped = 1; /* one of each: singular */
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "note: 1 sample fell in the loop between calls and counts for no");
    CHECK_STR_CONTAINS(out, "note: 1 stack did not unwind to the loop");
    CHECK_STR_CONTAINS(out, "note: 1 sample was lost");
    free(out);
    r.in_loop = 2;
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "note: 2 samples fell in the loop between calls and count for no");
    free(out);
    r.in_loop = r.unrooted = r.dropped = 0;
    r.samples = 0, fn[0].cumulative = fn[1].cumulative = fn[0].self = fn[1].self = 0;
    r.note = NULL;
    out = render(0, &v);
    CHECK_STR_CONTAINS(out, "no samples: the calls ran for");
    CHECK_STR_NOT_CONTAINS(out, "took no time");
    free(out);
}

TEST(test_profile_folded_and_json_writers)
{
    bench_profile_result r;
    bench_profile_func fn[5];
    bench_profile_stack st[3];
    size_t frames[11];
    cmd_profile_view v = {"rolling/naive", 10000, 1000, 0, 15, &r};
    char *out;

    hand_profile(&r, fn, st, frames);
    out = render(1, &v);
    CHECK_STR_EQ(out, "main;run;rolling_naive;sum_window 898\n"
                      "main;run;rolling_naive 92\n"
                      "main;run;rolling_naive;memcpy 10\n");
    free(out);
    out = render(2, &v);
    CHECK_STR_CONTAINS(out, "\"case\": \"rolling/naive\"");
    CHECK_STR_CONTAINS(out, "{\"name\": \"sum_window\", \"object\": \"bench\", \"self\": 898, "
                            "\"cumulative\": 898, \"self_pct\": 89.8, \"cumulative_pct\": 89.8}");
    CHECK_STR_CONTAINS(out, "{\"frames\": [\"main\", \"run\", \"rolling_naive\", "
                            "\"sum_window\"], \"attributed_from\": 2, \"samples\": 898}");
    free(out);
}

/* ---- the library, in this process ---- */

static volatile unsigned th_sink;

__attribute__((noinline)) static void th_profile_hot(void *arg)
{
    unsigned i, x = th_sink;
    (void)arg;
    for (i = 0; i < 200000; i++)
        x = x * 1664525u + 1013904223u;
    th_sink = x;
}

/* A function that sleeps uses almost no CPU: the batches are sized by
 * wall time too, so the wall-time cap (here 0.3 s) holds it to about 15
 * calls of 20 ms. Sized by CPU time alone, the first batches took 100 and
 * more calls. */
static void th_sleepy(void *arg)
{
    struct timespec ts = {0, 20000000};
    (void)arg;
    nanosleep(&ts, NULL);
}

TEST(test_profile_wall_cap_holds_for_a_function_that_sleeps)
{
    bench_profile_options o;
    bench_profile_result r;

    bench_profile_options_init(&o);
    o.min_time = 0.01;
    o.max_wall = 0.3;
    if (!CHECK_EQ_INT(bench_profile(&o, th_sleepy, NULL, &r), BENCH_OK))
        return;
    if (!CHECK(r.calls >= 1 && r.calls <= 20))
        printf("  (%llu calls)\n", (unsigned long long)r.calls);
    bench_profile_free(&r);
}

/* The attributed stacks that do not hold funcs[fn], to stderr. */
static void print_stacks_without(const bench_profile_result *r, size_t fn)
{
    size_t i, j;
    for (i = 0; i < r->nstacks; i++) {
        const bench_profile_stack *s = &r->stacks[i];
        int has = 0;
        for (j = s->first; j < s->depth; j++)
            has |= s->frames[j] == fn;
        if (has || s->first == s->depth)
            continue;
        fprintf(stderr, "  %zu sample(s) (unrooted of all: %zu):", s->samples, r->unrooted);
        for (j = 0; j < s->depth; j++)
            fprintf(stderr, "%s%s", j == s->first ? " |" : " ", r->funcs[s->frames[j]].name);
        fputc('\n', stderr);
    }
}

TEST(test_profile_library_in_process)
{
    bench_profile_options o;
    bench_profile_result r;
    struct sigaction sa;
    size_t i, total = 0;
    int found = 0;

    bench_profile_options_init(&o);
    CHECK_NEAR(o.hz, 1000, 0);
    CHECK_NEAR(o.min_time, 1, 0);
    o.min_time = 0.3;
    if (!CHECK_EQ_INT(bench_profile(&o, th_profile_hot, NULL, &r), BENCH_OK))
        return;
    CHECK(r.calls > 0);
    CHECK(r.cpu_ns >= 0.3e9);
    CHECK(r.per_call_ns > 0);
    for (i = 0; i < r.nfuncs; i++)
        if (strcmp(r.funcs[i].name, "th_profile_hot") == 0) {
            found = 1;
            if (!CHECK(r.funcs[i].cumulative == r.samples))
                print_stacks_without(&r, i); /* which samples missed it */
        }
    CHECK(found || r.samples == 0);
    for (i = 0; i < r.nstacks; i++) {
        CHECK(r.stacks[i].first <= r.stacks[i].depth);
        total += r.stacks[i].samples;
    }
    CHECK_EQ_INT(total, r.samples + r.in_loop);
    bench_profile_free(&r);
    CHECK(r.funcs == NULL && r.nfuncs == 0);
    bench_profile_free(NULL);
    /* SIGPROF is back to what it was */
    CHECK_EQ_INT(sigaction(SIGPROF, NULL, &sa), 0);
    CHECK(sa.sa_handler == SIG_DFL);
    /* errors */
    CHECK_EQ_INT(bench_profile(NULL, NULL, NULL, &r), BENCH_EINVAL);
    CHECK_EQ_INT(bench_profile(NULL, th_profile_hot, NULL, NULL), BENCH_EINVAL);
    o.hz = 0;
    CHECK_EQ_INT(bench_profile(&o, th_profile_hot, NULL, &r), BENCH_EINVAL);
    o.hz = 1000, o.min_time = 0;
    CHECK_EQ_INT(bench_profile(&o, th_profile_hot, NULL, &r), BENCH_EINVAL);
}

/* ---- the command ---- */

/* self% of function name in a table (-1 when absent). */
static double self_share(const char *out, const char *name)
{
    const char *line = out;
    while (line && *line) {
        size_t self;
        double sp, cp;
        char fn[128];
        if (sscanf(line, " %zu %lf%% %lf%% %127s", &self, &sp, &cp, fn) == 4 &&
            strcmp(fn, name) == 0)
            return sp;
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    return -1;
}

/* cpu_median_ns (column 16) of case name in bench's CSV. */
static double csv_cpu(const char *csv, const char *name)
{
    char key[64];
    const char *line;
    int col;
    snprintf(key, sizeof key, "\n%s/", name);
    if (!(line = strstr(csv, key)))
        return -1;
    line++;
    for (col = 1; col < 16; col++)
        if (!(line = strchr(line, ',')))
            return -1;
        else
            line++;
    return strtod(line, NULL);
}

TEST(test_profile_split_60_30_10_within_3_points)
{
    cmd_result r;
    double t60, t30, t10, sum;
    int ok = 1;

    /* The split by construction, timed each alone (CPU time: load-proof). */
    run_prog(&r, SPLIT, "--format csv -q --min-time 0.3 split/w60 split/w30 split/w10");
    if (!CHECK_EQ_INT(r.status, 0)) {
        printf("  %s\n", r.err);
        cmd_free(&r);
        return;
    }
    t60 = csv_cpu(r.out, "split/w60"), t30 = csv_cpu(r.out, "split/w30");
    t10 = csv_cpu(r.out, "split/w10");
    sum = t60 + t30 + t10;
    CHECK(t60 > 0 && t30 > 0 && t10 > 0);
    CHECK_NEAR(100 * t60 / sum, 60, 5);
    CHECK_NEAR(100 * t30 / sum, 30, 5);
    CHECK_NEAR(100 * t10 / sum, 10, 5);
    cmd_free(&r);

    /* ~2500 samples at the kernel's 250 Hz: a share within +-2 points */
    run_prog(&r, SPLIT, "profile split/all --sort self --min-time 10");
    CHECK_EQ_INT(r.status, 0);
    ok &= CHECK_NEAR(self_share(r.out, "work60"), 60, 3);
    ok &= CHECK_NEAR(self_share(r.out, "work30"), 30, 3);
    ok &= CHECK_NEAR(self_share(r.out, "work10"), 10, 3);
    ok &= CHECK_STR_CONTAINS(r.out, "if work60 took no time, the case would be at most");
    if (!ok)
        printf("%s", r.out);
    cmd_free(&r);
}

TEST(test_profile_rolling_naive_names_the_window_sum)
{
    cmd_result r;
    run_prog(&r, BENCH, "profile rolling/naive --sort self --min-time 0.5");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "rolling/naive N=10000: ");
    CHECK_STR_CONTAINS(r.out, "sorted by self");
    /* the first row is the window sum, with most of the time */
    CHECK(self_share(r.out, "sum_window") > 70);
    CHECK(r.out && strstr(r.out, "  sum_window") && strstr(r.out, "  rolling_naive") &&
          strstr(r.out, "  sum_window") < strstr(r.out, "  rolling_naive"));
    CHECK_STR_CONTAINS(r.out, "if sum_window took no time, the case would be at most");
    CHECK_STR_CONTAINS(r.out, "x faster (cumulative ");
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);
}

TEST(test_profile_folded_to_a_file)
{
    char dir[256], args[600], *text, *line;
    cmd_result r;
    size_t total = 0, samples = 0, lines = 0;
    int bad = 0;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "profile rolling/naive --min-time 0.4 -o %s/out.folded", dir);
    run_prog(&r, BENCH, args);
    CHECK_EQ_INT(r.status, 0);
    /* the table still goes to stdout */
    CHECK(r.out && sscanf(r.out, "rolling/naive N=10000: %zu samples", &samples) == 1);
    text = slurp_in(dir, "out.folded");
    CHECK_STR_CONTAINS(text, ";profile_calls;rolling_naive;sum_window ");
    for (line = text; line && *line;) {
        char *nl = strchr(line, '\n'), *sp;
        if (!nl)
            break;
        *nl = '\0';
        sp = strrchr(line, ' ');
        if (!sp || strchr(line, ' ') != sp || sp == line || !sp[1] ||
            strspn(sp + 1, "0123456789") != strlen(sp + 1))
            bad++;
        else
            total += strtoul(sp + 1, NULL, 10);
        lines++;
        line = nl + 1;
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(lines > 0);
    /* every sample is one line's count: the attributed ones and any that
     * fell in the loop between calls */
    CHECK(total >= samples);
    CHECK_EQ_INT(count_entries(dir), 1); /* no temporary file left */
    free(text);
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_profile_json_and_several_cases)
{
    cmd_result r;
    run_prog(&r, BENCH, "profile rolling --min-time 0.2 --format json");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "\"profiles\": [");
    CHECK_STR_CONTAINS(r.out, "\"case\": \"rolling/naive\"");
    CHECK_STR_CONTAINS(r.out, "\"case\": \"rolling/incremental\"");
    CHECK_STR_CONTAINS(r.out, "\"functions\": [");
    CHECK_STR_CONTAINS(r.out, "\"stacks\": [");
    CHECK_STR_CONTAINS(r.out, "\"name\": \"sum_window\"");
    cmd_free(&r);
    run_prog(&r, BENCH, "profile 'rolling/*' --min-time 0.2 --top 3");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "rolling/naive N=10000: ");
    CHECK_STR_CONTAINS(r.out, "\nrolling/incremental N=10000: ");
    cmd_free(&r);
}

TEST(test_profile_too_few_samples_is_stated)
{
    cmd_result r;
    run_prog(&r, BENCH, "profile rolling/naive --min-time 0.02 --sizes 1000");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "rolling/naive N=1000: ");
    CHECK_STR_CONTAINS(r.out, "raise --min-time");
    CHECK(strstr(r.out, "too few samples") || strstr(r.out, "no samples"));
    cmd_free(&r);
}

static void check_usage_error(const char *args, const char *want)
{
    cmd_result r;
    run_prog(&r, BENCH, args);
    if (!CHECK_EQ_INT(r.status, 2))
        printf("  for: %s\n", args);
    CHECK_STR_CONTAINS(r.err, want);
    /* one line */
    CHECK(r.err && strchr(r.err, '\n') == r.err + strlen(r.err) - 1);
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
}

TEST(test_profile_bad_flags_exit_2_with_one_line)
{
    check_usage_error("profile --hz 0 rolling/naive", "bench: error: profile: --hz: '0'");
    check_usage_error("profile --hz fast rolling/naive", "--hz: 'fast' is not a rate");
    check_usage_error("profile --sort name rolling/naive", "--sort: 'name' is not a key");
    check_usage_error("profile --top 0 rolling/naive", "--top: '0' is not a count");
    check_usage_error("profile --format xml rolling/naive", "--format: 'xml' is not a format");
    check_usage_error("profile --min-time -1 rolling/naive", "--min-time: '-1' is not a duration");
    check_usage_error("profile --min-time 0ms rolling/naive", "like 0.5, 2s or 300ms");
    check_usage_error("profile --sizes 10,20 rolling/naive", "takes one");
    check_usage_error("profile --sizes x rolling/naive", "--sizes: 'x' is not a size");
    check_usage_error("profile --bogus rolling/naive", "unknown option '--bogus'");
    check_usage_error("profile rolling/naive --hz", "--hz needs a value");
    check_usage_error("profile", "which case?");
    check_usage_error("profile rolling/naiv", "closest names: rolling/naive");
}

static char profile_said[512];

static int profile_say(const char *msg)
{
    snprintf(profile_said, sizeof profile_said, "%s", msg);
    return 2;
}

/* --min-time reads as bench's does, units and all: the same values
 * accepted, the same seconds, the same ones refused. */
TEST(test_profile_min_time_reads_as_bench_s)
{
    static const char *const values[] = {"1",   "0.5", "2s",  "300ms", "1e-3", "5e-1s", "3600",
                                         "0",   "-1",  "0ms", "s",     "ms",   "abc",   "1e9",
                                         "nan", "2 s", "1h",  "3601",  " 1",   "0x10",  NULL};
    size_t i;
    for (i = 0; values[i]; i++) {
        char *pargv[] = {"profile", "--min-time", (char *)values[i], "x", NULL};
        char *bargv[] = {"bench", "--min-time", (char *)values[i], NULL};
        char err[512];
        cmd_profile_args a;
        cli_opts o;
        int prc = cmd_profile_parse(4, pargv, "bench", "profile", "profile", profile_say, 1, &a);
        int brc = cli_parse(3, bargv, &o, err, sizeof err);
        if (!CHECK_EQ_INT(prc, brc))
            printf("  for --min-time '%s': %s\n", values[i], prc ? profile_said : err);
        else if (prc == 0)
            CHECK_NEAR(a.po.min_time, o.min_time, 0);
        else
            CHECK_STR_CONTAINS(profile_said, err);
        cmd_profile_args_free(&a);
        cli_opts_free(&o);
    }
}

TEST(test_profile_min_time_takes_a_unit)
{
    cmd_result r;
    run_prog(&r, BENCH, "profile --min-time 100ms --sizes 1000 rolling/naive");
    if (!CHECK_EQ_INT(r.status, 0))
        printf("  stderr: %s\n", r.err);
    CHECK_STR_CONTAINS(r.out, "rolling/naive N=1000: ");
    cmd_free(&r);
}

TEST(test_profile_help)
{
    cmd_result r;
    run_prog(&r, BENCH, "profile --help");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "usage: bench profile [OPTIONS] PATTERN...");
    CHECK_STR_CONTAINS(r.out, "--sort KEY");
    cmd_free(&r);
}

/* ---- the flame graph and the HTML page ---- */

static char *flame_of(const bench_profile_result *r, const char *root, size_t *nframes)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    CHECK_EQ_INT(flame_svg(f, r, root, nframes), 0);
    fclose(f);
    return buf;
}

/* Widths proportional to samples (920 px for all 1000: sum_window's 898
 * is 826.2 px, memcpy's 10 is 9.2 px, too narrow for a label), children
 * above their caller and ordered by name, a tooltip per frame, the
 * callers of the loop (main, run) left out. */
TEST(test_profile_flame_svg_golden)
{
    bench_profile_result r;
    bench_profile_func fn[5];
    bench_profile_stack st[3];
    size_t frames[11], n = 0;
    char *svg;

    hand_profile(&r, fn, st, frames);
    svg = flame_of(&r, "rolling/naive", &n);
    CHECK_EQ_INT(n, 4); /* the case, rolling_naive, memcpy, sum_window */
    CHECK_STR_CONTAINS(svg, "<title>sum_window: 898 samples, 89.8%</title><rect class=\"pt f1\" "
                            "x=\"9.2\" y=\"2\" width=\"826.2\" height=\"17\"/>");
    CHECK_STR_CONTAINS(svg, "<title>memcpy: 10 samples, 1.0%</title><rect class=\"pt f1\" x=\"0\"");
    CHECK_STR_NOT_CONTAINS(svg, ">main<");
    golden_check("flame.svg", svg);
    free(svg);
}

/* A name is text, never markup, in the labels and the tooltips. */
TEST(test_profile_flame_svg_escapes_names)
{
    bench_profile_result r;
    bench_profile_func fn[5];
    bench_profile_stack st[3];
    size_t frames[11];
    char *svg;

    hand_profile(&r, fn, st, frames);
    fn[1].name = "<script>alert(1)</script> & ns::f<int>";
    svg = flame_of(&r, "a/<b>", NULL);
    CHECK_STR_NOT_CONTAINS(svg, "<script>");
    CHECK_STR_NOT_CONTAINS(svg, "<b>");
    CHECK_STR_CONTAINS(svg, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ns::f&lt;int&gt;: 898");
    CHECK_STR_CONTAINS(svg, "aria-label=\"flame graph: a/&lt;b&gt;\"");
    free(svg);
    r.nstacks = 0; /* no samples: a drawing that says so */
    svg = flame_of(&r, "x/y", NULL);
    CHECK_STR_CONTAINS(svg, ">no samples</text>");
    CHECK_STR_NOT_CONTAINS(svg, "<rect");
    free(svg);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!CHECK(f != NULL))
        return;
    fputs(text ? text : "", f);
    fclose(f);
}

/* The hand-made profile's page: the flame graph and the table as the
 * terminal shows it. */
static char *hand_page(void)
{
    bench_profile_result r;
    bench_profile_func fn[5];
    bench_profile_stack st[3];
    size_t frames[11], len = 0;
    cmd_profile_view v = {"rolling/naive", 10000, 1000, 0, 15, &r};
    char *buf = NULL;
    FILE *f = open_memstream(&buf, &len);

    if (!f)
        return NULL;
    hand_profile(&r, fn, st, frames);
    CHECK_EQ_INT(cmd_profile_html(f, &v, 1), 0);
    fclose(f);
    return buf;
}

TEST(test_profile_html_page_validates_with_xmllint)
{
    char dir[256], path[512], args[1200], xmllint[1024], *page = hand_page(), *text;
    cmd_result r;

    CHECK_STR_CONTAINS(page, "<figure class=\"plot\" data-plot=\"flame\" data-group=\"0\">");
    CHECK_STR_CONTAINS(page, "<pre>rolling/naive N=10000: 1000 samples in 4.00 s of CPU");
    CHECK_STR_CONTAINS(page, "if sum_window took no time, the case would be at most 9.8x faster");
    CHECK_STR_CONTAINS(page, "\n     self   self%    cum%  function\n"); /* lines kept */
    CHECK_STR_NOT_CONTAINS(page, "\\x0a");
    CHECK_STR_NOT_CONTAINS(page, "<script");
    CHECK_STR_NOT_CONTAINS(page, "http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<link");
    if (!find_prog("xmllint", xmllint, sizeof xmllint)) {
        free(page);
        th_skip("xmllint not found (Debian: apt-get install libxml2-utils)");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir)) {
        free(page);
        return;
    }
    snprintf(path, sizeof path, "%s/hand.html", dir);
    write_text(path, page);
    snprintf(args, sizeof args, "--noout %s", path);
    run_prog(&r, xmllint, args);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);

    /* a real profile, -o by its extension; the table still on stdout */
    snprintf(args, sizeof args, "profile rolling/naive --min-time 0.2 -o %s/real.html", dir);
    run_prog(&r, BENCH, args);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "rolling/naive N=10000: ");
    cmd_free(&r);
    text = slurp_in(dir, "real.html");
    CHECK_STR_CONTAINS(text, "data-plot=\"flame\"");
    CHECK_STR_CONTAINS(text, "<title>sum_window: ");
    free(text);
    snprintf(args, sizeof args, "--noout %s/real.html", dir);
    run_prog(&r, xmllint, args);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);
    CHECK_EQ_INT(count_entries(dir), 2); /* no temporary file left */
    free(page);
    remove_dir(dir);
}

/* The page in headless Chromium (tests/browser_check.py): no console
 * error, no request, the flame graph rendered with its 4 frames, each of
 * non-zero size; the screenshot goes to build/profile-test.png. */
TEST(test_profile_html_in_headless_chromium)
{
    char html[2048], expect[2048], args[8192], python[1024], *page;
    cmd_result res;

    if (!have_prog("chromium") && !have_prog("chromium-browser") && !have_prog("google-chrome")) {
        th_skip("chromium not found (Debian: apt-get install chromium chromium-driver)");
        return;
    }
    if (!have_prog("chromedriver")) {
        th_skip("chromedriver not found (Debian: apt-get install chromium-driver)");
        return;
    }
    if (!CHECK(find_prog("python3", python, sizeof python)))
        return;
    page = hand_page();
    snprintf(html, sizeof html, "%s/profile-test.html", build_dir());
    snprintf(expect, sizeof expect, "%s/profile-test.expect.json", build_dir());
    write_text(html, page);
    write_text(expect, "{\"flame/0\": {\"pt\": 4, \"bar\": 0}}\n");
    snprintf(args, sizeof args, "%sbrowser_check.py %s %s %s/profile-test.png", golden_tests_dir(),
             html, expect, build_dir());
    run_prog(&res, python, args);
    if (!CHECK_EQ_INT(res.status, 0))
        printf("%s%s", res.out, res.err);
    CHECK_STR_CONTAINS(res.out, "flame/0: ");
    CHECK_STR_CONTAINS(res.out, "4 marks");
    CHECK_STR_CONTAINS(res.out, "all checks passed");
    cmd_free(&res);
    free(page);
}

/* A library stripped of its .symtab names its static functions from its
 * separate debug file, found by build ID under the debug directory (as
 * Debian's -dbg packages install them); without one they are unnamed. */
TEST(test_profile_elfsym_reads_the_debug_file_by_build_id)
{
    char dir[256], cmd[4096], lib[512], dbg[512], *id;
    void *h;
    void *(*addr_of)(void) = NULL;
    void *sym;
    elfsym *s;
    elfsym_hit hit;
    FILE *f;

    if (!have_prog("objcopy") || !have_prog("strip") || !have_prog("readelf")) {
        th_skip("objcopy, strip or readelf missing (Debian: binutils)");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(lib, sizeof lib, "%s/libdbg.so", dir);
    snprintf(cmd, sizeof cmd, "%s/dbg.c", dir);
    if (!CHECK((f = fopen(cmd, "w")) != NULL))
        return;
    fputs("__attribute__((noinline)) static int dbg_static(int x) { return x * 7 + 1; }\n"
          "void *dbg_addr(void) { return (void *)dbg_static; }\n"
          "int dbg_call(int x) { return dbg_static(x); }\n",
          f);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "cd %s && cc -shared -fPIC -g -O2 -Wl,--build-id -o libdbg.so dbg.c && "
             "objcopy --only-keep-debug libdbg.so libdbg.debug && strip --strip-all libdbg.so && "
             "readelf -n libdbg.so | sed -n 's/.*Build ID: //p' > id",
             dir);
    if (!CHECK_EQ_INT(system(cmd), 0))
        goto out;
    id = slurp_in(dir, "id");
    id[strcspn(id, "\n")] = '\0';
    if (!CHECK(strlen(id) > 8)) {
        free(id);
        goto out;
    }
    snprintf(
        cmd, sizeof cmd,
        "mkdir -p %s/debug/.build-id/%.2s && cp %s/libdbg.debug %s/debug/.build-id/%.2s/%s.debug",
        dir, id, dir, dir, id, id + 2);
    free(id);
    if (!CHECK_EQ_INT(system(cmd), 0) || !CHECK((h = dlopen(lib, RTLD_NOW | RTLD_LOCAL)) != NULL))
        goto out;
    sym = dlsym(h, "dbg_addr");
    memcpy(&addr_of, &sym, sizeof addr_of);
    if (CHECK(addr_of != NULL)) {
        uintptr_t pc = (uintptr_t)addr_of() + 1;
        s = elfsym_new();
        elfsym_set_debug_dir(s, ""); /* none: the stripped file's .dynsym only */
        elfsym_add_loaded(s);
        elfsym_lookup(s, pc, &hit);
        CHECK(hit.name == NULL || strcmp(hit.name, "dbg_static") != 0);
        CHECK_STR_EQ(hit.object, "libdbg.so");
        elfsym_free(s);
        snprintf(dbg, sizeof dbg, "%s/debug", dir);
        s = elfsym_new();
        elfsym_set_debug_dir(s, dbg);
        elfsym_add_loaded(s);
        elfsym_lookup(s, pc, &hit);
        if (CHECK(hit.name != NULL))
            CHECK_STR_EQ(hit.name, "dbg_static");
        CHECK(elfsym_note(s, hit.obj) == NULL);
        elfsym_free(s);
    }
    dlclose(h);
out:
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_EQ_INT(system(cmd), 0);
}

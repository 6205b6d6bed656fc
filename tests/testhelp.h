/*
 * testhelp.h - a tiny test runner, in the spirit of Redis' testhelp.h.
 *
 *   TEST(test_sizes_rejects_zero) { CHECK_EQ_INT(parse(...), 2); }
 *
 * TEST registers the function before main() (a constructor, like
 * BENCH_CASE). A CHECK that fails prints file:line, the expression and
 * expected vs got, marks the test failed and lets it go on; each CHECK is an
 * expression worth 1 on success, so `if (!CHECK(p)) return;` guards the
 * rest. th_main() runs every test (or those whose name contains an
 * argument; -v prints a line per test), prints one line per failing or
 * skipped test and, last, exactly "N passed, M failed"; it returns 1 iff
 * M > 0.
 * test_main.c defines TESTHELP_MAIN to get the definitions.
 */
#ifndef TESTHELP_H
#define TESTHELP_H

#include <stdio.h>

extern const char *th_argv0; /* argv[0] of the test program */
void th_register(const char *name, void (*fn)(void));
int th_main(int argc, char **argv);
int th_check(int ok, const char *file, int line, const char *expr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int th_check_str(const char *file, int line, const char *expr, const char *got, const char *want,
                 int contains, int negate);
/* Mark the running test skipped (it cannot run here), saying why; it counts
 * neither as passed nor as failed. Return right after calling it. */
void th_skip(const char *why);

#define TEST(name)                                               \
    static void name(void);                                      \
    __attribute__((constructor)) static void th_reg_##name(void) \
    {                                                            \
        th_register(#name, name);                                \
    }                                                            \
    static void name(void)

#define CHECK(c) th_check((c) != 0, __FILE__, __LINE__, #c, "true, got false")
#define CHECK_EQ_INT(got, want) \
    th_check_int_(__FILE__, __LINE__, #got " == " #want, (long long)(got), (long long)(want))
#define CHECK_NEAR(got, want, tol)                                                      \
    th_check_near_(__FILE__, __LINE__, #got " ~ " #want, (double)(got), (double)(want), \
                   (double)(tol))
#define CHECK_STR_EQ(got, want) th_check_str(__FILE__, __LINE__, #got " == " #want, got, want, 0, 0)
#define CHECK_STR_CONTAINS(got, want) \
    th_check_str(__FILE__, __LINE__, #got " contains " #want, got, want, 1, 0)
#define CHECK_STR_NOT_CONTAINS(got, want) \
    th_check_str(__FILE__, __LINE__, #got " lacks " #want, got, want, 1, 1)

static inline int th_check_int_(const char *file, int line, const char *expr, long long got,
                                long long want)
{
    return th_check(got == want, file, line, expr, "%lld, got %lld", want, got);
}

/* |got - want| <= tol; NaN is near only NaN. */
static inline int th_check_near_(const char *file, int line, const char *expr, double got,
                                 double want, double tol)
{
    int ok = want != want ? got != got : (got - want <= tol && want - got <= tol);
    return th_check(ok, file, line, expr, "%.17g (+-%g), got %.17g", want, tol, got);
}

#ifdef TESTHELP_MAIN
#include <stdarg.h>
#include <string.h>
#include <time.h>

const char *th_argv0 = "";
static struct {
    const char *name;
    void (*fn)(void);
} th_tests[1024];
static size_t th_ntests, th_dropped;
static int th_failed_checks;
static const char *th_skipped;

void th_skip(const char *why)
{
    th_skipped = why;
}

void th_register(const char *name, void (*fn)(void))
{
    if (th_ntests < sizeof th_tests / sizeof th_tests[0]) {
        th_tests[th_ntests].name = name;
        th_tests[th_ntests++].fn = fn;
    } else {
        th_dropped++;
    }
}

int th_check(int ok, const char *file, int line, const char *expr, const char *fmt, ...)
{
    va_list ap;
    if (ok)
        return 1;
    th_failed_checks++;
    printf("  %s:%d: %s: expected ", file, line, expr);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    return 0;
}

int th_check_str(const char *file, int line, const char *expr, const char *got, const char *want,
                 int contains, int negate)
{
    int ok = got && want && (contains ? strstr(got, want) != NULL : strcmp(got, want) == 0);
    return th_check(ok != negate, file, line, expr, "%s\"%s\", got \"%s\"", negate ? "no " : "",
                    want ? want : "(null)", got ? got : "(null)");
}

int th_main(int argc, char **argv)
{
    size_t i, passed = 0, failed = 0, skipped = 0;
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0, a;

    th_argv0 = argc > 0 ? argv[0] : "";
    for (i = 0; i < th_ntests; i++) {
        int selected = argc <= 1 + verbose;
        struct timespec t0, t1;
        for (a = 1 + verbose; a < argc; a++)
            selected |= strstr(th_tests[i].name, argv[a]) != NULL;
        if (!selected)
            continue;
        th_failed_checks = 0;
        th_skipped = NULL;
        fflush(stdout);
        timespec_get(&t0, TIME_UTC);
        th_tests[i].fn();
        timespec_get(&t1, TIME_UTC);
        if (th_failed_checks)
            failed++, printf("FAIL %s\n", th_tests[i].name);
        else if (th_skipped)
            skipped++, printf("SKIP %s: %s\n", th_tests[i].name, th_skipped);
        else if (passed++, verbose)
            printf("ok   %s (%.2f s)\n", th_tests[i].name,
                   (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        fflush(stdout);
    }
    if (th_dropped)
        failed++, printf("FAIL th_register: %zu tests over the limit were not run\n", th_dropped);
    if (skipped)
        printf("%zu skipped (see SKIP above)\n", skipped);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed > 0;
}
#endif /* TESTHELP_MAIN */

#endif /* TESTHELP_H */

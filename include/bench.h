/*
 * bench.h - libbench, a microbenchmark harness for C.
 *
 * The C analogue of Python's timeit: time a function pointer N times with
 * CLOCK_MONOTONIC, report the per-call cost with its uncertainty, and
 * estimate how the cost grows with the input size.
 *
 * Contents
 *   1. Version and error codes        bench_strerror
 *   2. Timing one function            bench_timeit, bench_autorange
 *   3. Samples and statistics         bench_options_init, bench_measure,
 *                                     bench_measure_many,
 *                                     bench_measurement_free, bench_overhead,
 *                                     bench_clock_info, bench_stats_compute
 *   4. Complexity                     bench_exponent, bench_fit,
 *                                     bench_bigo_name
 *   5. Registry and CLI               BENCH_CASE, bench_register,
 *                                     bench_register_group, bench_count,
 *                                     bench_get, bench_find, bench_group_desc,
 *                                     bench_main
 *                                     (C++: BENCH_CASE_CXX, at the end)
 *   6. Optimiser barriers             bench_keep, bench_clobber
 *   7. Profiling                      bench_profile_options_init,
 *                                     bench_profile, bench_profile_free
 *
 * Conventions
 *   - Functions that can fail return an int: BENCH_OK (0) or a negative
 *     BENCH_E* code; bench_strerror() names it. Library functions never
 *     print and never exit, except bench_main(), which is the CLI.
 *   - Output goes into caller-provided structs. Where the library allocates
 *     (the samples of a measurement), the matching *_free function says so.
 *   - Times are in nanoseconds, as double.
 *   - Compilers: GCC or Clang (anything defining __GNUC__), as C11 or as
 *     C++ (the declarations are extern "C"); others stop at an #error.
 *   - Thread safety: the registry is the only global state besides the
 *     table that gives each timed function its own copy of the timing loop
 *     (lock-free); register cases before calling bench_main() (constructors
 *     do). bench_profile runs one at a time (it owns SIGPROF while it
 *     runs). Everything else is reentrant.
 */
#ifndef BENCH_H
#define BENCH_H

/* GNU C extensions throughout: BENCH_CASE and BENCH_GROUP register in
 * constructors, bench_keep and bench_clobber are empty asm statements,
 * BENCH_API is a visibility attribute. Elsewhere, say so once, here, rather
 * than let the macros fail at their first use. */
#if !defined(__GNUC__) && !defined(__clang__)
#error "bench.h needs GCC or Clang: BENCH_CASE/BENCH_GROUP use __attribute__((constructor))"
#endif

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility; only these are exported. */
#define BENCH_API __attribute__((visibility("default")))

/* ---------------------------------------------------------------- 1 ---- */

#define BENCH_VERSION_MAJOR 0
#define BENCH_VERSION_MINOR 1
#define BENCH_VERSION_PATCH 0
#define BENCH_VERSION       "0.1.0"

#define BENCH_OK     0   /* Success */
#define BENCH_EINVAL -1  /* An argument is out of its documented range */
#define BENCH_ENOMEM -2  /* Memory allocation failed */
#define BENCH_ECLOCK -3  /* clock_gettime failed */
#define BENCH_ESETUP -4  /* A case's setup returned NULL */
#define BENCH_ECHECK -5  /* A case computed a different answer than its baseline */
#define BENCH_ENOENT -6  /* No case matches the name or pattern */
#define BENCH_EEXIST -7  /* A case with that name is already registered */
#define BENCH_EIO    -8  /* Reading or writing a file failed */
#define BENCH_EPARSE -9  /* Malformed input (e.g. a JSON file) */
#define BENCH_EINTR  -10 /* Stopped on request (bench_profile_options.stop;
                              bench_measure returns what it had instead) */
#define BENCH_ECRASH -11 /* An isolated case crashed, exited or timed out */

/* Return a static, human-readable description of a BENCH_* code. Never NULL;
 * unknown codes give "unknown error". */
BENCH_API const char *bench_strerror(int err);

/* ---------------------------------------------------------------- 2 ---- */

/* The function under test: one call is one operation. */
typedef void (*bench_fn)(void *arg);

/* A clock. now() returns nanoseconds from an arbitrary fixed origin, and 0
 * only when a reading failed; readings must never go backwards (either is
 * BENCH_ECLOCK). cpu_now(), optional, returns the CPU time consumed by the
 * process. Tests inject a fake clock here; NULL in bench_options means
 * CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID. */
typedef struct bench_clock {
    uint64_t (*now)(void *ctx);
    uint64_t (*cpu_now)(void *ctx); /* NULL: CPU time is not recorded (0) */
    void *ctx;
} bench_clock;

/* One sample: `number` calls timed between two clock readings. */
typedef struct bench_timing {
    uint64_t number;     /* calls timed */
    double total_ns;     /* wall time between the two readings */
    double per_call_ns;  /* total_ns / number, before overhead correction */
    double cpu_total_ns; /* CPU time over the same calls (0 if not recorded) */
} bench_timing;

/* Time `number` calls of fn(arg), like timeit.timeit(number=...).
 * clock may be NULL (CLOCK_MONOTONIC). Each function is called from a copy
 * of the loop of its own (the first 64 functions a process times), so its
 * time does not depend on what was timed before it. Returns BENCH_EINVAL
 * if fn or out is NULL or number is 0, BENCH_ECLOCK if the clock fails.
 * Nothing is allocated. */
BENCH_API int bench_timeit(const bench_clock *clock, bench_fn fn, void *arg, uint64_t number,
                           bench_timing *out);

/* Find the call count from the sequence 1, 2, 5, 10, 20, 50, ... such that
 * one sample lasts at least min_seconds (timeit.autorange), and return that
 * last sample in *out. Stops at 10^9 calls even if the sample is shorter.
 * Returns BENCH_EINVAL if min_seconds is not a positive finite number. */
BENCH_API int bench_autorange(const bench_clock *clock, bench_fn fn, void *arg, double min_seconds,
                              bench_timing *out);

/* ---------------------------------------------------------------- 3 ---- */

/* Summary of a set of values (per-call times, ratios, ...). */
typedef struct bench_stats {
    size_t n; /* number of values */
    double min, max;
    double mean, stddev; /* stddev: sample standard deviation (n - 1) */
    double median;
    double mad;          /* median absolute deviation, unscaled */
    double ci_lo, ci_hi; /* 95% confidence interval of the median, from
                            order statistics (binomial, distribution-free).
                            With fewer than 6 values it is [min, max] and
                            covers less than 95%. */
    size_t outliers;     /* values outside Tukey's fences (1.5 IQR) */
} bench_stats;

/* Compute the statistics of x[0..n-1]. x is not modified, and must hold no
 * NaN (NaNs have no order: the statistics are then meaningless). Returns
 * BENCH_EINVAL if n is 0 or a pointer is NULL, BENCH_ENOMEM if the scratch
 * copy cannot be allocated. */
BENCH_API int bench_stats_compute(const double *x, size_t n, bench_stats *out);

/* How to measure. Initialise with bench_options_init(), then change fields. */
typedef struct bench_options {
    const bench_clock *clock; /* NULL: the real clocks */
    uint64_t number;          /* calls per sample; 0: auto-ranged */
    unsigned repeat;          /* samples; 0: adaptive (see rel_ci) */
    double min_time;          /* time budget in seconds for the samples of one
                                 function (default 0.25) */
    double sample_time;       /* auto-range target for one sample in seconds;
                                 0: min_time / 20, clamped to [1 ms, 10 ms] */
    double rel_ci;            /* adaptive sampling stops once the 95% CI of the
                                 median is within +-rel_ci of it (default
                                 0.01) and at least min_samples are taken;
                                 checked (> 0) only when repeat is 0 */
    unsigned min_samples;     /* neither the precision nor the time budget
                                 stops sampling before this many (default 8,
                                 enough for a true 95% interval); repeat
                                 overrides it */
    unsigned max_samples;     /* default 1000 */
    double overhead_ns;       /* per-call cost of the timing loop itself, to be
                                 subtracted; < 0 (default): measure it
                                 beside the functions, an empty function
                                 taking part in every round */
    double fixed_ns;          /* per-sample fixed cost (the clock readings),
                                 subtracted before dividing by the call
                                 count; < 0 (default, -1): measured at the
                                 start. A value >= 0 is used as given when
                                 overhead_ns >= 0; when the loop's cost is
                                 measured (overhead_ns < 0), it is checked
                                 against that measurement and replaced
                                 when it is off by more than 2 ns and a
                                 quarter (a calibration a busy moment
                                 spoiled): the measurement's fixed_ns says
                                 which was subtracted. NaN or +inf in
                                 either: BENCH_EINVAL */
    const volatile int *stop; /* optional: when *stop becomes nonzero (e.g.
                                 set by a signal handler), the measurement
                                 ends after the current round and returns
                                 the samples taken so far */
} bench_options;

/* Fill *o with the defaults documented above. */
BENCH_API void bench_options_init(bench_options *o);

/* A measurement: the samples of one function and their statistics.
 * samples and cpu_samples are owned by the struct (bench_measurement_free). */
typedef struct bench_measurement {
    uint64_t number;     /* calls per sample */
    size_t nsamples;     /* samples kept (the warm-up one is not) */
    double *samples;     /* per-call wall ns of each sample:
                            (total - fixed_ns) / number - overhead_ns
                            (can be slightly negative for an empty
                            function: noise is not clamped away) */
    double *cpu_samples; /* per-call CPU ns of each sample, overhead
                            subtracted likewise (0 if not recorded) */
    bench_stats wall;    /* statistics of samples */
    bench_stats cpu;     /* statistics of cpu_samples */
    double overhead_ns;  /* per-call loop overhead that was subtracted */
    double fixed_ns;     /* per-sample fixed cost that was subtracted */
    unsigned disturbed;  /* samples with an involuntary context switch or
                            a major page fault during them (getrusage) */
} bench_measurement;

/* Measure fn(arg): one warm-up sample (discarded), then samples of `number`
 * calls each (auto-ranged if o->number is 0) until o->repeat samples are
 * taken, or, when o->repeat is 0, until the median is known to +-o->rel_ci
 * or o->min_time is spent. No allocation happens between the two clock
 * readings of a sample. o may be NULL for the defaults. On success the
 * caller owns out's samples; on failure *out holds nothing to free. */
BENCH_API int bench_measure(const bench_options *o, bench_fn fn, void *arg, bench_measurement *out);

/* Measure k functions interleaved: each round takes one sample of every
 * function, in a fresh random order (A B C, C A B, ...), so machine drift
 * affects all alike and sample i of one function can be paired with sample
 * i of another. All
 * measurements get the same number of samples. The time budget is
 * k * o->min_time. out[0..k-1] are filled as by bench_measure. */
BENCH_API int bench_measure_many(const bench_options *o, size_t k, const bench_fn *fns,
                                 void *const *args, bench_measurement *out);

/* Free the samples of a measurement and zero it. NULL is a no-op. */
BENCH_API void bench_measurement_free(bench_measurement *m);

/* The timing loop's own cost, fitted as t = a + b * calls on an empty
 * function with `clock` (NULL: the real clock): *per_call_ns = b (the loop
 * and the indirect call), *fixed_ns = a (the clock readings, paid once per
 * sample; may be NULL). Medians of several pairs of samples of N and 2N
 * calls; both clamped at 0. */
BENCH_API int bench_overhead(const bench_clock *clock, double *per_call_ns, double *fixed_ns);

/* Resolution of the clock: the smallest non-zero step between two readings,
 * and the cost of one reading, both in ns. */
BENCH_API int bench_clock_info(const bench_clock *clock, double *resolution_ns,
                               double *read_cost_ns);

/* ---------------------------------------------------------------- 4 ---- */

/* Complexity classes, in order of growth. */
typedef enum bench_bigo {
    BENCH_O1 = 0, /* O(1) */
    BENCH_OLOGN,  /* O(log N) */
    BENCH_ON,     /* O(N) */
    BENCH_ONLOGN, /* O(N log N) */
    BENCH_ON2,    /* O(N^2) */
    BENCH_ON3,    /* O(N^3) */
    BENCH_BIGO_COUNT
} bench_bigo;

/* "O(1)", "O(log N)", "O(N)", "O(N log N)", "O(N^2)", "O(N^3)"; "?" when out
 * of range. Static strings. */
BENCH_API const char *bench_bigo_name(bench_bigo c);

/* Exponent k of t ~ n^k from two points: log(t2/t1) / log(n2/n1).
 * Returns NaN if a value is not positive or n1 == n2. */
BENCH_API double bench_exponent(double n1, double t1, double n2, double t2);

/* Result of a fit of per-call time against size. */
typedef struct bench_fit_result {
    size_t k;         /* number of points */
    double slope;     /* exponent: least-squares slope of ln t on ln n */
    double intercept; /* ln t at ln n = 0 */
    double r2;        /* coefficient of determination (1 with two points) */
    double slope_lo;  /* 95% interval of the exponent: from the time      */
    double slope_hi;  /* intervals with two points, Student t with more   */
    bench_bigo bigo;  /* class that fits ln t best with a free constant */
    double coef;      /* t ~ coef * g(n) for that class g, in ns */
    double rms;       /* relative RMS error of that class's fit */
} bench_fit_result;

/* Fit t[i] (per-call ns) at sizes n[i], i < k, k >= 2, all positive, at
 * least two distinct sizes. lo/hi may be NULL; when given they are the
 * confidence interval bounds of each t[i] and widen the slope interval.
 * The class is the slowest-growing g in O(1) .. O(N^3) whose own log-log
 * slope over the sizes measured lies inside [slope_lo, slope_hi]; when none
 * does, the g with the least residual of ln t - ln g(n) around its mean (a
 * fit with a free constant in log space). Either way N and N log N are told
 * apart by their local slope over these sizes, not by absolute scale. */
BENCH_API int bench_fit(const double *n, const double *t, const double *lo, const double *hi,
                        size_t k, bench_fit_result *out);

/* ---------------------------------------------------------------- 5 ---- */

#define BENCH_MAX_SIZES 16

/* A benchmark case: setup(n) makes the state for size n, run(state) is one
 * operation, teardown(state) frees it. setup and teardown are never timed.
 *
 * name     "group/case", e.g. "concat/naive": [A-Za-z0-9_.-] and at most
 *          one '/' (a name without one is a group of its own).
 * desc     one line shown by --list and in the table.
 * setup    may be NULL (run gets NULL); return NULL on failure, e.g. when n
 *          is too large to allocate: the case is reported failed at that
 *          size, the run goes on.
 * digest   optional: a checksum of the answer the case computes, called once
 *          after a run, outside timing. Cases of a group with a baseline must
 *          produce the baseline's digest, or they are reported failed.
 * baseline optional: name of the case this one is compared to ("concat/naive"),
 *          another case of the same group (the name up to its '/'); NULL on
 *          the baseline itself. It may be registered later than this case;
 *          bench_main() stops with an error if it never is.
 * sizes    default sizes, strictly ascending, ended by 0 (or filling the
 *          array; anything after the 0 is ignored); none: the case runs at
 *          N=1.
 * items_per_call, bytes_per_call
 *          optional: how many items (records, elements, ...) and bytes one
 *          call of run processes at size n. Declared, the table shows
 *          items/s or bytes/s beside the time and JSON writes
 *          items_per_second / bytes_per_second. NULL, or a result that is
 *          not positive: not declared. Called once per size before
 *          anything is measured, whether or not setup succeeds at that
 *          size (10^15 included): keep them arithmetic. (Added after sizes, so code that
 *          fills bench_case field by field, or in order up to sizes,
 *          leaves them NULL.)
 * waits    optional, for --latency, when what waits is not a call: a record
 *          written in batches waits for its batch's write, however short
 *          the call that hands it over. After the calls are timed, the
 *          harness calls waits(state, ns, cap) once, outside timing: it
 *          works as run does, measuring with its own clock how long each
 *          item waits, writes at most cap of those times (ns) to ns and
 *          returns how many. Reported beside the calls' percentiles as
 *          the case's "wait".
 * Cases must stay valid for as long as they are registered; the registry
 * stores the pointer. */
typedef struct bench_case {
    const char *name;
    const char *desc;
    void *(*setup)(size_t n);
    void (*run)(void *state);
    void (*teardown)(void *state);
    uint64_t (*digest)(void *state);
    const char *baseline;
    size_t sizes[BENCH_MAX_SIZES];
    double (*items_per_call)(size_t n);
    double (*bytes_per_call)(size_t n);
    size_t (*waits)(void *state, double *ns, size_t cap);
} bench_case;

/* Add a case to the registry. Returns BENCH_EINVAL for a NULL case, a
 * missing name or run, a malformed name, sizes that do not strictly ascend
 * before their 0 ({10, 10}, {100, 10}), or a baseline that is malformed,
 * names the case itself or names a case of another group; BENCH_EEXIST if
 * the name is taken; BENCH_ENOMEM. Nothing is registered on failure, and
 * the first failure is remembered (the name copied): bench_main then exits
 * 2 naming that case and why, rather than run without it. */
BENCH_API int bench_register(const bench_case *c);

/* Describe a group ("concat", "build a string from N parts"); shown in the
 * table's group header. Strings must outlive the registry. Returns
 * BENCH_EINVAL for a NULL description, a NULL or empty group, or a group name
 * not made of letters, digits, '_', '.' and '-' (a case name's group part);
 * BENCH_EEXIST if the group already has a description; BENCH_ENOMEM. */
BENCH_API int bench_register_group(const char *group, const char *desc);

/* Number of registered cases, and the i-th in registration order (NULL when
 * i is out of range). */
BENCH_API size_t bench_count(void);
BENCH_API const bench_case *bench_get(size_t i);
BENCH_API const bench_case *bench_find(const char *name);
BENCH_API const char *bench_group_desc(const char *group); /* NULL if none */

/* Define and register a case from any translation unit, with designated
 * initializers for the fields of bench_case:
 *
 *   BENCH_CASE(concat_naive, .name = "concat/naive", .desc = "strcat",
 *              .setup = mk, .run = naive, .teardown = free_state,
 *              .sizes = {1000, 10000})
 *
 * Registration happens before main(), in a GCC/Clang constructor, which
 * cannot return bench_register()'s error: a case it rejects makes
 * bench_main exit 2 with one line naming the case and why (a typo in a
 * name or sizes is never a case silently missing from the run).
 *
 * This is C. C++ before C++20 has no designated initializers, and C++20's
 * must follow the declaration order and draw -Wextra's "missing
 * initializer" for every field left out: from C++, use BENCH_CASE_CXX
 * (below, after the C declarations), which takes the same fields by name. */
#define BENCH_CASE(id, ...)                                            \
    static const bench_case bench_case_##id = {__VA_ARGS__};           \
    __attribute__((constructor)) static void bench_register_##id(void) \
    {                                                                  \
        (void)bench_register(&bench_case_##id);                        \
    }

/* Describe a group from any translation unit, like BENCH_CASE. */
#define BENCH_GROUP(id, group, desc)                                \
    __attribute__((constructor)) static void bench_group_##id(void) \
    {                                                               \
        (void)bench_register_group((group), (desc));                \
    }

/* The whole `bench` command line over the registered cases (see bench(1) or
 * `bench --help`). Prints, may write files, and returns the exit status:
 * 0 success, 1 a case failed or a regression was found, 2 usage or input
 * error. Does not call exit(). */
BENCH_API int bench_main(int argc, char **argv);

/* ---------------------------------------------------------------- 6 ---- */

/* Make the compiler believe the value is used, so the computation producing
 * it is not removed (Google Benchmark's DoNotOptimize). GNU C: __typeof__
 * and an empty asm statement that reads x, from a register or memory. */
#define bench_keep(x)                                                 \
    do {                                                              \
        __typeof__(x) bench_keep_v_ = (x);                            \
        __asm__ __volatile__("" : : "r,m"(bench_keep_v_) : "memory"); \
    } while (0)
/* Make the compiler believe all memory was read and written. */
#define bench_clobber() __asm__ __volatile__("" : : : "memory")

/* ---------------------------------------------------------------- 7 ---- */

/* Where the time of fn(arg) goes, function by function, like cProfile
 * and pstats: fn is called over and over for o->min_time seconds of CPU
 * time while a CPU-time timer (setitimer ITIMER_PROF) interrupts the
 * process about o->hz times per CPU second; each interruption records the
 * stack (backtrace(3)) into a buffer allocated beforehand. Afterwards the
 * addresses are named from the ELF symbol tables (.symtab and .dynsym) of
 * the executable and of each loaded object, static functions included.
 *
 * Only the calls of fn are attributed: the timer is armed around the loop
 * of calls, not around what the caller does before or after (its setup
 * and teardown). Samples that land in the loop between two calls are
 * counted apart (in_loop) and in no function.
 *
 * A function inlined into its caller has no code of its own: its samples
 * are its caller's (mark it __attribute__((noinline)) to see it apart).
 * GCC's clones and split parts (f.cold, f.isra.0, f.constprop.0) count as
 * f. C++ names are demangled (ns::hot(int)) in the common cases of the
 * Itanium ABI; a name the demangler does not understand stays mangled.
 * Code no symbol names (a stripped object, one whose file cannot be read,
 * or a local function of a library without its .symtab, such as glibc's
 * __memmove_avx_unaligned_erms) counts as one entry per object,
 * "[libfoo.so]"; when the object's file cannot be read the note says so.
 * A separate debug file under /usr/lib/debug/.build-id (Debian's -dbg
 * and -dbgsym packages) supplies the .symtab a stripped object lacks.
 *
 * The kernel checks CPU-time timers once per scheduler tick, so the rate
 * achieved (rate_hz) is at most the kernel's HZ (often 250) whatever
 * o->hz asks; min_time buys the samples. A share of n samples is known
 * to about +-100/sqrt(n) percentage points (95%).
 *
 * Not reentrant: one bench_profile at a time per process. It takes over
 * SIGPROF and ITIMER_PROF for the duration and restores both. In a
 * multi-threaded process the timer counts every thread's CPU time and
 * interrupts whichever thread runs; only fn's thread is attributed. */
typedef struct bench_profile_options {
    double hz;                /* samples per CPU second asked for (default 1000) */
    double min_time;          /* CPU seconds of calls to sample (default 1) */
    double max_wall;          /* stop after this many seconds of wall time even when
                        the CPU time is not spent (fn sleeps or waits);
                        0 (the default): 10 * min_time + 1 */
    const volatile int *stop; /* optional: when *stop becomes nonzero
                                 (a signal handler's flag), sampling ends
                                 within a batch of calls (about 2 ms) and
                                 bench_profile returns BENCH_EINTR */
} bench_profile_options;

/* Fill *o with the defaults documented above. */
BENCH_API void bench_profile_options_init(bench_profile_options *o);

/* One function: samples taken while it ran. */
typedef struct bench_profile_func {
    const char *name;   /* "sum_window", "ns::hot(int)", or "[object]"
                           for the code of an object no symbol names */
    const char *object; /* the file's base name ("bench", "libc.so.6"),
                           "?" for an address in no loaded object */
    uintptr_t addr;     /* its run-time start address; the object's load
                           address when unnamed ("[object]"), the address
                           itself when in no object */
    size_t self;        /* samples with the program counter in it */
    size_t cumulative;  /* samples with it anywhere on the attributed part
                           of the stack (a recursive function counts once) */
} bench_profile_func;

/* One distinct stack and how many samples had it. */
typedef struct bench_profile_stack {
    const size_t *frames; /* indices into funcs, root (main) first, the
                             function interrupted last */
    size_t depth;
    size_t first; /* frames[first..depth-1] are the attributed part (fn
                       and what it called); frames before are the callers
                       of the loop (main, ...). first == depth: the sample
                       fell in the loop between calls */
    size_t samples;
} bench_profile_stack;

/* The result. Owned by the struct: free with bench_profile_free. */
typedef struct bench_profile_result {
    size_t samples;            /* samples attributed to fn's calls */
    size_t in_loop;            /* samples in the loop between calls, in no
                             function's counts */
    size_t unrooted;           /* of samples: stacks that did not unwind up to
                             the loop (code without unwind information, or
                             deeper than 128 frames), attributed by the
                             frames that did */
    size_t dropped;            /* samples lost because the buffer was full */
    uint64_t calls;            /* calls of fn while sampled */
    double cpu_ns;             /* CPU time of those calls (the process's) */
    double wall_ns;            /* wall time of those calls */
    double per_call_ns;        /* cpu_ns / calls */
    double rate_hz;            /* (samples + in_loop) per CPU second achieved */
    bench_profile_func *funcs; /* every function named in a stack, most
                                  cumulative first, then most self, then
                                  by name; callers of the loop have 0 */
    size_t nfuncs;
    bench_profile_stack *stacks; /* every distinct stack, most samples
                                    first */
    size_t nstacks;
    char *note; /* NULL, or lines saying which objects' symbol tables
                   could not be read and why ("libfoo.so: no symbol
                   table (stripped)") */
} bench_profile_result;

/* Profile fn(arg) as described above; o may be NULL for the defaults.
 * BENCH_EINVAL if fn or out is NULL, o->hz is not in [1, 100000],
 * o->min_time not in (0, 3600] or o->max_wall negative, or a profile is
 * already running;
 * BENCH_ECLOCK if the clocks or the timer fail; BENCH_EINTR when o->stop
 * was raised; BENCH_ENOMEM. On success
 * the caller owns *out (bench_profile_free); on failure it holds nothing
 * to free. Nothing is printed. */
BENCH_API int bench_profile(const bench_profile_options *o, bench_fn fn, void *arg,
                            bench_profile_result *out);

/* Free what a profile owns and zero it. NULL is a no-op. */
BENCH_API void bench_profile_free(bench_profile_result *r);

#ifdef __cplusplus
} /* extern "C" */

/* ------------------------------------------------------------ C++ ---- */

/* Register a case from C++11 or later, warning-free under -Wall -Wextra
 * -Wpedantic: a bench_case_builder names the fields, in any order, and
 * leaves the others 0 or NULL.
 *
 *   BENCH_GROUP(sort, "sort", "sort N random ints")
 *   BENCH_CASE_CXX(sort_mine, bench_case_builder("sort/mine", "my sort")
 *                                 .setup(mk).run(my_sort).teardown(free_state)
 *                                 .baseline("sort/qsort").sizes(1000, 10000))
 *
 * bench_case_builder(name, desc) starts from a value-initialised bench_case;
 * setup, run, teardown, digest, baseline, items_per_call, bytes_per_call,
 * waits and sizes set the field of that
 * name (sizes takes up to BENCH_MAX_SIZES sizes, checked when compiling)
 * and return the builder; get() is the bench_case. Captureless lambdas
 * convert to the function pointers. The case is kept in a static
 * bench_case and registered before main(), in a constructor, exactly as
 * BENCH_CASE does (the same rules, the same silence on rejection), and
 * BENCH_GROUP works from C++ unchanged. */
class bench_case_builder
{
  public:
    bench_case_builder(const char *name, const char *desc) : c_()
    {
        c_.name = name;
        c_.desc = desc;
    }
    bench_case_builder &setup(void *(*f)(size_t n))
    {
        c_.setup = f;
        return *this;
    }
    bench_case_builder &run(void (*f)(void *state))
    {
        c_.run = f;
        return *this;
    }
    bench_case_builder &teardown(void (*f)(void *state))
    {
        c_.teardown = f;
        return *this;
    }
    bench_case_builder &digest(uint64_t (*f)(void *state))
    {
        c_.digest = f;
        return *this;
    }
    bench_case_builder &baseline(const char *name)
    {
        c_.baseline = name;
        return *this;
    }
    bench_case_builder &items_per_call(double (*f)(size_t n))
    {
        c_.items_per_call = f;
        return *this;
    }
    bench_case_builder &bytes_per_call(double (*f)(size_t n))
    {
        c_.bytes_per_call = f;
        return *this;
    }
    bench_case_builder &waits(size_t (*f)(void *state, double *ns, size_t cap))
    {
        c_.waits = f;
        return *this;
    }
    /* Default sizes, strictly ascending: sizes(1000, 10000). */
    template <typename... N> bench_case_builder &sizes(N... n)
    {
        static_assert(sizeof...(N) <= BENCH_MAX_SIZES, "at most BENCH_MAX_SIZES sizes");
        const size_t v[] = {static_cast<size_t>(n)..., 0};
        for (size_t i = 0; i < BENCH_MAX_SIZES; i++)
            c_.sizes[i] = 0;
        for (size_t i = 0; v[i] != 0 && i + 1 < sizeof v / sizeof v[0]; i++)
            c_.sizes[i] = v[i];
        return *this;
    }
    const bench_case &get() const
    {
        return c_;
    }

  private:
    bench_case c_;
};

/* Define and register a case built with bench_case_builder. The static is
 * zero-initialised before any code runs and filled in the constructor, so
 * the order of dynamic initialisation does not matter. */
#define BENCH_CASE_CXX(id, ...)                                        \
    static bench_case bench_case_##id;                                 \
    __attribute__((constructor)) static void bench_register_##id(void) \
    {                                                                  \
        bench_case_##id = (__VA_ARGS__).get();                         \
        (void)bench_register(&bench_case_##id);                        \
    }
#endif /* __cplusplus */

#endif /* BENCH_H */

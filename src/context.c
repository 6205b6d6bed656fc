/*
 * context.c - what machine the numbers come from: the JSON "context" and
 * the --verbose header.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "result.h"

static double cpu_mhz(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    double mhz = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "cpu MHz", 7) == 0) {
            const char *colon = strchr(line, ':');
            if (colon)
                mhz = atof(colon + 1);
            break;
        }
    fclose(f);
    return mhz;
}

/* Frequency scaling is "enabled" when a governor other than performance
 * may move the clock under the benchmark (Google Benchmark's definition). */
static int scaling_enabled(void)
{
    FILE *f = fopen("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "r");
    char gov[64] = "";
    if (!f)
        return 0;
    if (!fgets(gov, sizeof gov, f))
        gov[0] = 0;
    fclose(f);
    return gov[0] && strncmp(gov, "performance", 11) != 0;
}

void context_collect(result_context *ctx, const char *argv0)
{
    time_t now = time(NULL);
    struct tm tm;
    ssize_t len;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

    memset(ctx, 0, sizeof *ctx);
    if (localtime_r(&now, &tm))
        strftime(ctx->date, sizeof ctx->date, "%Y-%m-%dT%H:%M:%S%z", &tm);
    if (gethostname(ctx->host, sizeof ctx->host - 1) != 0)
        strcpy(ctx->host, "unknown");
    len = readlink("/proc/self/exe", ctx->executable, sizeof ctx->executable - 1);
    if (len > 0)
        ctx->executable[len] = 0;
    else
        snprintf(ctx->executable, sizeof ctx->executable, "%s", argv0 ? argv0 : "bench");
    ctx->num_cpus = ncpu > 0 ? (int)ncpu : 1;
    ctx->mhz_per_cpu = cpu_mhz();
    ctx->cpu_scaling_enabled = scaling_enabled();
    if (getloadavg(ctx->load_avg, 3) != 3)
        memset(ctx->load_avg, 0, sizeof ctx->load_avg);
}

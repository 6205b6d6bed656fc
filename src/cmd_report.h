/*
 * cmd_report.h - `bench report RESULT.json [BASELINE.json] -o report.html`:
 * saved results rendered as the HTML page (report_html), or their growth
 * plots alone as SVG (report_plot_svg); with a baseline, the comparison.
 */
#ifndef BENCH_CMD_REPORT_H
#define BENCH_CMD_REPORT_H

#include <stdio.h>

/* The subcommand's entry (command.h): argv[0] is "report". Returns 0 when
 * every output was written (a regression in the comparison is shown, not
 * an error: `bench --compare` is the gate), 2 on a usage or input error. */
int cmd_report_main(int argc, char **argv, const char *prog);
/* Its --help text. */
void cmd_report_usage(FILE *f, const char *prog);

#endif

/* report.c: `motcua report`: the official report of a unit for a period, in text, JSON, CSV
 * (plain or for a spreadsheet in Vietnamese settings), xlsx or HTML, on stdout or into a file
 * (-o). A period that has not ended is judged as of now (app/reports.h). */
#include "cli/cli.h"

#include "io/report_out.h"
#include "io/xlsx.h"
#include "app/reports.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int cli_report(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"period", required_argument, NULL, 'p'},
                                         {"cutoff", required_argument, NULL, 'c'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"by", required_argument, NULL, 'b'},
                                         {"format", required_argument, NULL, 'F'},
                                         {"units", required_argument, NULL, 'U'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *from = NULL, *to = NULL, *period = NULL, *cutoff = NULL, *unit = NULL,
               *by = NULL, *format = "text", *out_path = NULL, *units = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': from = optarg; break;
        case 't': to = optarg; break;
        case 'p': period = optarg; break;
        case 'c': cutoff = optarg; break;
        case 'u': unit = optarg; break;
        case 'b': by = optarg; break;
        case 'F': format = optarg; break;
        case 'o': out_path = optarg; break;
        case 'U': units = optarg; break;
        case 'h': return cli_help("report");
        default: return cli_usage("report");
        }
    }
    if (optind != argc)
        return cli_usage("report");
    static const char *const formats[] = {"text", "json", "csv", "xlsx", "html", "csv-excel"};
    int f = -1;
    for (int i = 0; i < 6; i++)
        if (strcmp(format, formats[i]) == 0)
            f = i;
    if (f < 0) {
        fprintf(stderr, "motcua: --format phải là text, json, csv, csv-excel, xlsx hoặc html\n");
        return EXIT_USAGE;
    }
    if (f == 3 && !out_path) {
        fprintf(stderr, "motcua: xlsx cần -o TỆP / xlsx needs -o FILE\n");
        return EXIT_USAGE;
    }
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    ReportQuery q;
    Err e;
    if (reports_query(from, to, period, cutoff, unit, by, &q, &e) < 0 ||
        reports_units(units, &q, &e) < 0)
        return cli_fail(&e);
    Store *s;
    if (store_open(db, STORE_READONLY, &s, &e) < 0)
        return cli_fail(&e);
    Arena *a = arena_new();
    Report r;
    int rc = reports_build(s, a, &q, (int64_t)time(NULL), &r, &e);
    store_close(s);
    StrBuf sb;
    sb_init(&sb, 0);
    if (rc == 0) {
        switch (f) {
        case 0: report_text(&sb, &r); break;
        case 1: {
            json_t *o = report_json(&r);
            char *text =
                json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
            sb_puts(&sb, text);
            sb_putc(&sb, '\n');
            free(text);
            json_decref(o);
            break;
        }
        case 2: report_csv(&sb, &r, REPORT_CSV_PLAIN); break;
        case 3: rc = xlsx_report(&r, out_path, &e); break;
        case 4: report_html(&sb, &r); break;
        default: report_csv(&sb, &r, REPORT_CSV_EXCEL); break;
        }
    }
    arena_free(a);
    if (rc == 0 && f != 3) {
        FILE *out = out_path ? fopen(out_path, "wb") : stdout;
        if (!out || fwrite(sb.data ? sb.data : "", 1, sb.len, out) != sb.len ||
            (out != stdout && fclose(out) != 0))
            rc = err_set(&e, ERR_IO, "o", "Không ghi được báo cáo", "cannot write the report");
    }
    sb_free(&sb);
    return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

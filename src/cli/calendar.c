/* calendar.c: `motcua calendar`: a year's days off and working days, the due instant of a
 * time limit, and loading a province's schedule or a unit's working windows. */
#include "cli/cli.h"

#include "core/deadline.h"
#include "io/calendar_json.h"
#include "app/calendars.h"
#include "util/timefmt.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct CalOpts {
    const char *db, *unit, *from, *limit;
    int json;
} CalOpts;

static int parse(int argc, char **argv, CalOpts *o)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    memset(o, 0, sizeof *o);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'u': o->unit = optarg; break;
        case 'f': o->from = optarg; break;
        case 'l': o->limit = optarg; break;
        case 'j': o->json = 1; break;
        case 'h': cli_help("calendar"); return -2;
        default: cli_usage("calendar"); return -1;
        }
    }
    if (!o->db)
        o->db = getenv("MOTCUA_DB");
    return optind;
}

/* load opens the store when one is named (else only shipped data counts) and fills cal. */
static int load(const CalOpts *o, Calendar *cal, Err *e)
{
    Store *s = NULL;
    int rc = 0;
    if (o->db && *o->db)
        rc = store_open(o->db, STORE_READONLY, &s, e);
    else if (o->unit)
        return err_set(e, ERR_INVALID, "unit", "--unit cần --db", "--unit needs --db");
    if (rc == 0 && s && o->unit) {
        Arena *a = arena_new();
        Unit u;
        rc = store_unit_get(s, a, o->unit, &u, e);
        arena_free(a);
    }
    if (rc == 0)
        rc = calendars_load(s, o->unit, cal, e);
    store_close(s);
    return rc;
}

static int parse_year(const char *s, int *out)
{
    char *end;
    errno = 0;
    long y = strtol(s, &end, 10);
    if (errno || *end || end == s || y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR) {
        fprintf(stderr, "motcua: năm phải từ %d đến %d / year must be %d..%d\n", CALENDAR_MIN_YEAR,
                CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
        return -1;
    }
    *out = (int)y;
    return 0;
}

/* vi_date rewrites an ISO date as dd/mm/yyyy with its weekday into buf. */
static const char *vi_date(const char *iso, char *buf, size_t cap)
{
    int32_t day;
    char d[TIMEFMT_DATE_SIZE];
    if (!iso || timefmt_parse_date(iso, strlen(iso), NULL, &day) < 0)
        return "-";
    timefmt_format_vi_date(day, d, sizeof d);
    snprintf(buf, cap, "%s (%s)", d, timefmt_weekday_name_vi(timefmt_weekday(day)));
    return buf;
}

static void print_day(json_t *d)
{
    char date[64];
    const char *kind = json_string_value(json_object_get(d, "kind")), *label = kind;
    for (int k = DAY_HOLIDAY; k <= DAY_SWAPPED_WORKING; k++)
        if (strcmp(kind, calendar_day_kind_name((DayKind)k)) == 0)
            label = calendar_day_kind_label_vi((DayKind)k);
    printf("  %s  %s: %s\n      nguồn: %s\n",
           vi_date(json_string_value(json_object_get(d, "date")), date, sizeof date), label,
           json_string_value(json_object_get(d, "name")),
           json_string_value(json_object_get(d, "source")));
}

static void print_text(json_t *doc)
{
    char a[64], b[64];
    printf("Lịch làm việc năm %lld\n", (long long)json_integer_value(json_object_get(doc, "year")));
    printf("Tết Nguyên đán (mùng 1 tháng Giêng): %s\nGiỗ Tổ Hùng Vương (10/3 âm lịch): %s\n",
           vi_date(json_string_value(json_object_get(doc, "lunar_new_year")), a, sizeof a),
           vi_date(json_string_value(json_object_get(doc, "hung_kings_day")), b, sizeof b));
    printf("\nNgày nghỉ:\n");
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(doc, "days_off"), i, d) print_day(d);
    printf("\nNgày làm bù:\n");
    json_array_foreach(json_object_get(doc, "extra_working_days"), i, d) print_day(d);
    printf("\nSố ngày làm việc: %lld\n",
           (long long)json_integer_value(json_object_get(doc, "working_days")));
}

static int show_year(const CalOpts *o, const char *year_arg)
{
    int year;
    if (parse_year(year_arg, &year) < 0)
        return EXIT_USAGE;
    Calendar cal;
    Err e;
    if (load(o, &cal, &e) < 0)
        return cli_fail(&e);
    json_t *doc = calendar_year_json(&cal, year, &e);
    calendar_free(&cal);
    if (!doc)
        return cli_fail(&e);
    if (o->json) {
        json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
    } else {
        print_text(doc);
    }
    json_decref(doc);
    return EXIT_OK;
}

static int show_due(const CalOpts *o)
{
    if (!o->from || !o->limit)
        return cli_usage("calendar");
    Err e;
    int64_t from, due;
    Duration limit;
    if (timefmt_parse_instant(o->from, strlen(o->from), &e, &from) < 0 ||
        timefmt_parse_duration(o->limit, strlen(o->limit), &e, &limit) < 0)
        return cli_fail(&e);
    Calendar cal;
    if (load(o, &cal, &e) < 0)
        return cli_fail(&e);
    int rc = deadline_due_at(&cal, from, limit, &e, &due);
    calendar_free(&cal);
    if (rc < 0)
        return cli_fail(&e);
    char buf[TIMEFMT_INSTANT_SIZE];
    if (timefmt_format_instant(due, buf, sizeof buf) < 0) {
        err_set(&e, ERR_INVALID, "limit", "Hạn giải quyết nằm ngoài phạm vi của lịch",
                "the due instant is beyond the calendar");
        return cli_fail(&e);
    }
    printf("%s\n", buf);
    return EXIT_OK;
}

/* read_file reads a whole (small) file into a malloc'd NUL-terminated buffer. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap && cap < (1u << 22)) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger)
                break;
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* write_tx opens the store, runs one of the two writes in a transaction, and closes. */
static int write_tx(const CalOpts *o, int year, const char *tsv, const char *const specs[7])
{
    const char *db = cli_db(o->db);
    if (!db)
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_OPEN, &s, &e) < 0)
        return cli_fail(&e);
    int rc = store_begin(s, &e);
    if (rc == 0)
        rc = tsv ? calendars_set_year(s, year, tsv, "cli", (int64_t)time(NULL), &e)
                 : calendars_set_windows(s, o->unit, specs, &e);
    if (rc == 0)
        rc = store_commit(s, &e);
    if (rc < 0)
        store_rollback(s);
    store_close(s);
    return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

static int load_year(const CalOpts *o, const char *year_arg, const char *path)
{
    int year;
    if (parse_year(year_arg, &year) < 0)
        return EXIT_USAGE;
    char *tsv = read_file(path);
    if (!tsv) {
        fprintf(stderr, "motcua: không đọc được %s / cannot read %s\n", path, path);
        return EXIT_USAGE;
    }
    int rc = write_tx(o, year, tsv, NULL);
    free(tsv);
    if (rc == EXIT_OK)
        printf("Đã nạp lịch nghỉ năm %d\n", year);
    return rc;
}

static int set_windows(const CalOpts *o, int argc, char **argv, int first)
{
    static const char *const names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    const char *specs[7] = {""};
    if (!o->unit)
        return cli_usage("calendar");
    for (int i = first; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        int d = -1;
        for (int k = 0; eq && k < 7; k++)
            if ((size_t)(eq - argv[i]) == 3 && strncmp(argv[i], names[k], 3) == 0)
                d = k;
        if (d < 0) {
            fprintf(stderr,
                    "motcua: cần dạng mon=07:00-11:30,13:30-17:00 / want DAY=WINDOWS, "
                    "DAY one of sun mon tue wed thu fri sat: %s\n",
                    argv[i]);
            return EXIT_USAGE;
        }
        specs[d] = eq + 1;
    }
    int rc = write_tx(o, 0, NULL, specs);
    if (rc == EXIT_OK)
        printf("Đã lưu giờ làm việc của %s\n", o->unit);
    return rc;
}

int cli_calendar(int argc, char **argv)
{
    CalOpts o;
    int i = parse(argc, argv, &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    if (i < argc && strcmp(argv[i], "due") == 0 && i + 1 == argc)
        return show_due(&o);
    if (i + 3 == argc && strcmp(argv[i], "load") == 0)
        return load_year(&o, argv[i + 1], argv[i + 2]);
    if (i < argc && strcmp(argv[i], "windows") == 0)
        return set_windows(&o, argc, argv, i + 1);
    if (i + 1 == argc)
        return show_year(&o, argv[i]);
    return cli_usage("calendar");
}

/* unit.c: `motcua unit merge|split|rename|move|abolish|plan|list`: the unit operations of
 * app/unitops.h from the command line. Each prints its plan (every unit row, dossier and
 * account it changes, with the value before) and a summary; `plan ...` or --dry-run stops
 * there. The options become an interchange `operation` record, read by the same function as
 * an imported one. */
#include "cli/cli.h"

#include "app/unitops.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct UnitArgs {
    const char *db, *into, *name, *on, *by, *users, *code, *parent, *level;
    int dry_run;
} UnitArgs;

/* add_codes appends the comma-separated codes of list to the array arr. */
static void add_codes(json_t *arr, const char *list)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *p = buf, *comma; p; p = comma ? comma + 1 : NULL) {
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (*p)
            json_array_append_new(arr, json_string(p));
    }
}

/* read_list reads the split's hand list file into assign (unitops_list); a bad line is
 * EXIT_USAGE after "line N: why". */
static int read_list(const char *path, json_t *assign)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "motcua: không mở được %s / cannot open %s\n", path, path);
        return EXIT_USAGE;
    }
    StrBuf text;
    sb_init(&text, 64 * 1024 * 1024);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&text, buf, n);
    int bad = ferror(f) || text.err;
    fclose(f);
    Err e;
    int rc =
        bad ? err_set(&e, ERR_INVALID, "by", "Không đọc được danh sách", "cannot read the list")
            : unitops_list(text.data ? text.data : "", assign, &e);
    sb_free(&text);
    return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

/* record builds the `operation` record of verb with its positional units and options; exit
 * code on bad usage, else EXIT_OK with *out set. */
static int record(const char *verb, char **units, int n_units, const UnitArgs *o, json_t **out)
{
    char today[16];
    timefmt_format_date(timefmt_local_day((int64_t)time(NULL)), today, sizeof today);
    json_t *r = json_pack("{s:s, s:s, s:s, s:s}", "type", "operation", "kind", verb, "effective",
                          o->on ? o->on : today, "users", o->users ? o->users : "move");
    json_t *from = json_array(), *into = json_array();
    for (int i = 0; i < n_units; i++)
        add_codes(from, units[i]);
    const char *to = strcmp(verb, "rename") == 0 ? o->code
                     : strcmp(verb, "move") == 0 ? o->parent
                                                 : o->into;
    if (to)
        add_codes(into, to);
    json_object_set_new(r, "from", from);
    json_object_set_new(r, "into", into);
    if (o->name)
        json_object_set_new(r, "name", json_string(o->name));
    if (o->level)
        json_object_set_new(r, "level", json_string(o->level));
    if (o->by) {
        const char *rule = strncmp(o->by, "file:", 5) == 0 ? "hand" : o->by;
        json_object_set_new(r, "rule", json_string(rule));
        if (strncmp(o->by, "file:", 5) == 0) {
            json_t *assign = json_array();
            json_object_set_new(r, "assign", assign);
            int rc = read_list(o->by + 5, assign);
            if (rc != EXIT_OK) {
                json_decref(r);
                return rc;
            }
        }
    }
    *out = r;
    return EXIT_OK;
}

/* unit_line prints one unit's change: a new unit whole, else the fields that change. */
static void unit_line(const UnitChange *c)
{
    const Unit *b = &c->before, *a = &c->after;
    if (!b->code) {
        printf("đơn vị mới / new unit %s: %s, %s, cha / parent %s, từ / from %s\n", a->code,
               a->name, a->level, a->parent ? a->parent : "-", a->valid_from);
        return;
    }
    printf("đơn vị / unit %s:", a->code);
#define FIELD(f)                                                                                   \
    if ((b->f == NULL) != (a->f == NULL) || (b->f && strcmp(b->f, a->f) != 0))                     \
    printf(" " #f " %s -> %s;", b->f ? b->f : "-", a->f ? a->f : "-")
    FIELD(name);
    FIELD(parent);
    FIELD(valid_to);
    FIELD(successor);
#undef FIELD
    putchar('\n');
}

/* print_plan prints every change of p and the summary line. */
static void print_plan(Arena *a, const UnitPlan *p, int64_t id, int dry_run)
{
    for (size_t i = 0; i < p->n_units; i++)
        unit_line(&p->units[i]);
    for (size_t i = 0; i < p->n_dossiers; i++) {
        const Handover *h = &p->dossiers[i];
        printf("hồ sơ / dossier %s [%s]: %s -> %s%s\n", h->d.code,
               lifecycle_state_name(h->d.p.state), h->d.p.current_unit, h->to,
               h->by_default ? " (mặc định / by default)" : "");
    }
    for (size_t i = 0; i < p->n_accounts; i++) {
        const AccountChange *ac = &p->accounts[i];
        if (ac->token)
            printf("token %lld %s: %s -> %s\n", (long long)ac->token, ac->name, ac->from,
                   ac->to ? ac->to : "thu hồi / revoked");
        else
            printf("tài khoản / user %s: %s -> %s\n", ac->name, ac->from,
                   ac->to ? ac->to : "khóa / disabled");
    }
    printf("tổng / summary: %s\n", unitops_summary(a, p));
    if (dry_run)
        printf("chưa thực hiện / not applied (plan)\n");
    else if (p->planned)
        printf("thao tác / operation %lld: chờ đến ngày / planned for %s\n", (long long)id,
               p->spec.effective);
    else
        printf("thao tác / operation %lld: đã thực hiện / applied\n", (long long)id);
}

/* list_ops prints the operations: id, kind, day, state and what each did. */
static int list_ops(Store *s, Arena *a, Err *e)
{
    UnitOpRow *rows;
    size_t n;
    int rc = store_unit_op_list(s, a, NULL, &rows, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++)
        printf("%lld\t%s\t%s\t%s\t%s\n", (long long)rows[i].id, rows[i].kind, rows[i].effective,
               rows[i].state, rows[i].summary ? rows[i].summary : rows[i].spec);
    return rc;
}

/* operate plans or runs the operation of verb. */
static int operate(const char *verb, char **units, int n_units, const UnitArgs *o)
{
    json_t *r;
    int rc = record(verb, units, n_units, o, &r);
    if (rc != EXIT_OK)
        return rc;
    Arena *a = arena_new();
    Err e;
    UnitOpSpec spec;
    UnitPlan plan;
    Store *s = NULL;
    int64_t now = (int64_t)time(NULL), id = 0;
    if ((rc = unitops_read(a, r, &spec, &e)) == 0 && (rc = cli_open_write(o->db, &s, &e)) == 0) {
        if (o->dry_run) { /* a plan writes nothing */
            rc = unitops_plan(s, a, &spec, now, &plan, &e);
            store_rollback(s);
            store_close(s);
        } else {
            rc = cli_finish(s, unitops_run(s, a, &spec, "motcua unit", now, &plan, &id, &e), &e);
        }
    }
    json_decref(r);
    if (rc == 0)
        print_plan(a, &plan, id, o->dry_run);
    arena_free(a);
    return rc == 0 ? EXIT_OK : cli_fail(&e);
}

int cli_unit(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"into", required_argument, NULL, 'i'},
        {"name", required_argument, NULL, 'n'},  {"on", required_argument, NULL, 'o'},
        {"by", required_argument, NULL, 'b'},    {"users", required_argument, NULL, 'u'},
        {"code", required_argument, NULL, 'c'},  {"parent", required_argument, NULL, 'p'},
        {"level", required_argument, NULL, 'l'}, {"dry-run", no_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    UnitArgs o = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o.db = optarg; break;
        case 'i': o.into = optarg; break;
        case 'n': o.name = optarg; break;
        case 'o': o.on = optarg; break;
        case 'b': o.by = optarg; break;
        case 'u': o.users = optarg; break;
        case 'c': o.code = optarg; break;
        case 'p': o.parent = optarg; break;
        case 'l': o.level = optarg; break;
        case 'D': o.dry_run = 1; break;
        case 'h': return cli_help("unit");
        default: return cli_usage("unit");
        }
    }
    if (optind >= argc)
        return cli_usage("unit");
    const char *verb = argv[optind++];
    if (strcmp(verb, "list") == 0)
        return optind == argc ? cli_read(o.db, list_ops) : cli_usage("unit");
    if (strcmp(verb, "plan") == 0) {
        if (optind >= argc)
            return cli_usage("unit");
        verb = argv[optind++];
        o.dry_run = 1;
    }
    if (unitop_kind_parse(verb) < 0)
        return cli_usage("unit");
    if (!cli_db(o.db))
        return EXIT_USAGE;
    return operate(verb, argv + optind, argc - optind, &o);
}

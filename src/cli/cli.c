/* cli.c: the command table and the helpers every subcommand shares (see cli.h). */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const CliCommand cli_commands[] = {
    {"init", cli_init,
     "motcua init --db PATH|URL [--demo] [--files DIR]\n"
     "  Create the store (a file path: SQLite; postgresql://USER@HOST/DB: an existing\n"
     "  PostgreSQL database) or bring it to the newest schema; --demo loads the demo province,\n"
     "  its catalogue and one user per role (their passwords are printed), and a demo CA with\n"
     "  two units' certificates (a URL's: with --files, the folder the servers share).\n"},
    {"serve", cli_serve,
     "motcua serve --db PATH|URL [--files DIR] [--listen 127.0.0.1:8080] [--threads N]\n"
     "             [--max-body BYTES]\n"
     "             [--webhook-retry SECONDS] [--notify-cmd COMMAND]\n"
     "             [--payment-secret-env VARIABLE] [--test-gateway]\n"
     "             [--trusted-proxy ADDR[,ADDR]] [--max-conn-per-ip N] [--request-timeout S]\n"
     "             [--metrics-allow ADDR[,ADDR]] [--webhook-allow ADDR[,ADDR]]\n"
     "             [--filings-per-hour N] [--lookups-per-minute N] [--max-pending-online N]\n"
     "             [--checkpoint-every SECONDS]\n"
     "             [--portal-url URL [--portal-credentials-env VARIABLE]]\n"
     "  Serve the web application and the API. --listen HOST:0 picks a free port; the URL is\n"
     "  printed on stdout. SIGINT or SIGTERM stops it after the requests in flight (new\n"
     "  writes meanwhile get 503). --threads sets the threads that read and answer (default\n"
     "  eight per core, at least 16); writes run in a pool of 64 that share group commits.\n"
     "  --notify-cmd runs `sh -c COMMAND` with each message to an applicant as JSON on stdin\n"
     "  (plug in an SMS, e-mail or Zalo gateway); exit 0 means sent, else it is retried.\n"
     "  Payment gateways sign their callbacks with the key in the environment VARIABLE;\n"
     "  --test-gateway serves a test payment gateway for development (never in production).\n"
     "  --trusted-proxy: the reverse proxies whose X-Forwarded-For names the client (only\n"
     "  then is it believed; behind nginx every throttle needs it). --max-conn-per-ip (128)\n"
     "  and --request-timeout (30 s for the headers, plus 1 s per 2 KiB of body) keep one\n"
     "  client from holding the server. --metrics-allow: addresses that read /metrics without\n"
     "  a token; --webhook-allow: internal addresses webhooks may reach (a local relay).\n"
     "  The public's limits, 0 for none: --filings-per-hour (20) and --lookups-per-minute (300)\n"
     "  per address, --max-pending-online (5000) online filings waiting in the store.\n"
     "  --checkpoint-every (3600; 0: never): how often each unit's chain heads are signed\n"
     "  (as `motcua checkpoint` does). --portal-url: the national portal's API, to which\n"
     "  every change of a dossier is synced in order, retried until taken (VARIABLE holds\n"
     "  user:password for its session).\n"
     "  --db postgresql://USER@HOST/DB serves a PostgreSQL database; several servers may share\n"
     "  one (behind a load balancer), with --files naming the documents' folder they share\n"
     "  (default for a file store: PATH.files beside it).\n"},
    {"import", cli_import,
     "motcua import --db PATH FILE.jsonl|-\n"
     "  Import interchange JSONL, all or nothing: on the first bad line exit 2 with\n"
     "  \"line N: why\" and change nothing.\n"},
    {"export", cli_export,
     "motcua export --db PATH [--since CURSOR] [--unit CODE]\n"
     "  Write the catalogue and the dossiers (with their events) as interchange JSONL to\n"
     "  stdout; the cursor for the next --since is printed on stderr.\n"},
    {"user", cli_user,
     "motcua user add NAME --role ROLE --unit CODE [--full-name TEXT] [--title TEXT]\n"
     "                [--phone PHONE] [--password-stdin] --db PATH\n"
     "motcua user set NAME [--full-name TEXT] [--title TEXT] [--phone PHONE] --db PATH\n"
     "motcua user passwd NAME [--password-stdin] --db PATH\n"
     "motcua user disable NAME --db PATH\n"
     "motcua user enable NAME --db PATH\n"
     "motcua user list --db PATH\n"
     "  ROLE is admin, leader, clerk, specialist or integration. Without --password-stdin the\n"
     "  password is asked for on the terminal. The full name, title (chức danh) and phone are\n"
     "  what the printed forms show; `set` changes the ones given (\"\" clears one). `disable`\n"
     "  ends the user's sessions at once and refuses their logins until `enable`.\n"},
    {"token", cli_token,
     "motcua token add NAME --role ROLE --unit CODE [--expires YYYY-MM-DD] --db PATH\n"
     "motcua token list --db PATH\n"
     "motcua token revoke NAME|ID --db PATH\n"
     "  Create a bearer API token, printed once (only its hash is kept); it works through the\n"
     "  --expires day (default: a year from today). `list` shows every token with its id and\n"
     "  state; `revoke` refuses a token (by its id, or every live one of that name) at once.\n"},
    {"agency", cli_agency,
     "motcua agency add --kind KIND --url URL --public-key KEY --db PATH\n"
     "motcua agency list --db PATH\n"
     "motcua agency key --db PATH\n"
     "  The agencies an interconnected group's steps go to: KIND is civil_status, residence,\n"
     "  insurance or social; or the population register the intake forms ask (population).\n"
     "  KEY is the base64 Ed25519 public key their messages are signed with\n"
     "  (add replaces the agency of that kind). `key` prints motcua's own public key, made on\n"
     "  first use, which the agencies check motcua's receipts with.\n"},
    {"agency-sim", cli_agency_sim,
     "motcua agency-sim --kind civil_status|residence|insurance|social --motcua URL\n"
     "                  [--listen 127.0.0.1:0] [--key-file PATH] [--delay DURATION]\n"
     "                  [--fail-rate P] [--down-for DURATION] [--motcua-key KEY]\n"
     "  A simulated agency for demos, training and tests: it prints its URL and its public\n"
     "  key (register them with `motcua agency add`), takes the steps motcua posts (each once),\n"
     "  acknowledges each at once and approves it after --delay (90, 90s, 5m, 1h), on motcua's\n"
     "  signed endpoint, retrying until motcua takes them. --fail-rate answers that share of\n"
     "  posts 500; --down-for answers 503 for that long after the start. --key-file keeps its\n"
     "  key pair (made there on first use). --motcua-key (motcua agency key) makes it refuse\n"
     "  (401) a step that key did not sign.\n"
     "motcua agency-sim --kind population [--data FILE] [--listen 127.0.0.1:0] [--key-file PATH]\n"
     "                  [--fail-rate P] [--down-for DURATION]\n"
     "  A simulated population register: GET URL/citizens/{id_number} answers the person of\n"
     "  FILE (JSONL, one {\"id_number\",\"name\",\"birth_date\",\"address\"} a line; none\n"
     "  without it), signed with its key; 404 for a number it does not hold. Register it with\n"
     "  `motcua agency add --kind population`.\n"},
    {"portal", cli_portal,
     "motcua portal reconcile --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--unit CODE]\n"
     "                        --portal-url URL [--portal-credentials-env VARIABLE]\n"
     "  Compare the dossiers received in the period (by the unit and below) as motcua would\n"
     "  send them to the national portal with what the portal holds (its look-up call): per\n"
     "  status and 766 indicator, motcua's count and the portal's, then each dossier that\n"
     "  differs with the first field that does. Exit 0 when they agree, 1 when they differ.\n"
     "  VARIABLE holds the portal's credentials as user:password.\n"},
    {"portal-sim", cli_portal_sim,
     "motcua portal-sim [--listen 127.0.0.1:0] [--fail-rate P] [--down-for DURATION]\n"
     "                  [--credentials-env VARIABLE] [--keep FILE]\n"
     "  A simulated national portal (Cổng DVCQG) for tests, demos and training: it prints its\n"
     "  URL (give it to `serve --portal-url`), gives a session for any credentials (or only\n"
     "  user:password of VARIABLE), checks every field of each sync record and progress update\n"
     "  (types, yyyyMMddHHmmss times, status transitions), takes each version once and answers\n"
     "  the look-up call. --keep FILE appends each call taken and reads them back at start.\n"
     "  --fail-rate answers that share of calls 500; --down-for answers 503 for that long.\n"},
    {"report", cli_report,
     "motcua report --db PATH (--from YYYY-MM-DD --to YYYY-MM-DD | --period 2023|2023-Q3|2023-H1|"
     "2023-09\n"
     "              [--cutoff nd09|calendar]) [--unit CODE] [--by field|unit|procedure]\n"
     "              [--format text|json|csv|csv-excel|xlsx|html] [-o FILE]\n"
     "              [--units historical|current]\n"
     "  The official report (Biểu 06/VPCP/KSTT) and the Decision 766 indicators of a unit and\n"
     "  everything below it, from the counters (no scan of dossiers). A period that has not\n"
     "  ended is judged as of now. csv-excel: CSV for a spreadsheet in Vietnamese settings.\n"
     "  --units: count each dossier under its receiving unit as it was (historical, the\n"
     "  default for a period that has ended) or under today's unit that took it over after\n"
     "  merges, splits and renames (current, the default for an ongoing period).\n"},
    {"calendar", cli_calendar,
     "motcua calendar YEAR [--unit CODE] [--json] [--db PATH]\n"
     "motcua calendar due --from ISO8601 --limit 3d|4h|10cd [--unit CODE] [--db PATH]\n"
     "motcua calendar load YEAR FILE.tsv --db PATH\n"
     "motcua calendar windows --unit CODE --db PATH DAY=HH:MM-HH:MM[,...] ...\n"
     "  Days off, swapped working days, Tết, Hùng Kings' day and the working-day count of a\n"
     "  year; the due instant of a time limit; load a year's official schedule (TSV: date,\n"
     "  kind, name, source) over the shipped one; set a unit's weekly counter hours (DAY is\n"
     "  sun mon tue wed thu fri sat; days not named have none). Without --db only the\n"
     "  shipped schedules and the default hours count.\n"},
    {"unit", cli_unit,
     "motcua unit merge A B [...] --into C [--name NAME] [OPTIONS] --db PATH\n"
     "motcua unit split A --into B,C[,...] --by commune|procedure|file:PATH [OPTIONS] --db PATH\n"
     "motcua unit rename A --name NAME [--code NEWCODE] [OPTIONS] --db PATH\n"
     "motcua unit move A --parent P [OPTIONS] --db PATH\n"
     "motcua unit abolish --level district [OPTIONS] --db PATH\n"
     "motcua unit plan merge|split|rename|move|abolish ...   (the same as --dry-run)\n"
     "motcua unit list --db PATH\n"
     "  OPTIONS: --on YYYY-MM-DD (the day it takes effect, Vietnam time; default today: at\n"
     "  once; a later day waits and `serve` applies it at that midnight), --users move|disable\n"
     "  (the dissolved units' users and API tokens: moved to the heir, the default, or\n"
     "  disabled), --dry-run (print the plan and change nothing).\n"
     "  Units are never deleted and dossier codes never change: a dissolved unit gets valid_to\n"
     "  (the day before) and its successor, the units below it move to the heir (a split or\n"
     "  an abolished level: to its parent), and every open dossier at it gets a `handover`\n"
     "  event to the heir in the same transaction (the deadline keeps running). A split places\n"
     "  each open dossier by the commune its applicant's address names (a commune merged into\n"
     "  a target counts as the target), by its procedure's level, or by a list (file: one\n"
     "  \"DOSSIER-CODE UNIT-CODE\" a line); one no rule places goes to the first target.\n"
     "  The plan lists every unit, dossier and account changed with its value before.\n"},
    {"cert", cli_cert,
     "motcua cert import --db PATH|URL [--files DIR] --unit CODE FILE [--password-env VARIABLE]\n"
     "motcua cert list --db PATH\n"
     "motcua cert revoke ID --on YYYY-MM-DD --db PATH\n"
     "  A unit's signing certificate and key, from PKCS#12 (its password in the environment\n"
     "  VARIABLE) or PEM (certificate, key, chain). The newest certificate of a unit signs its\n"
     "  forms and results from then on; older ones still check what they signed. The key is\n"
     "  kept sealed under the server's signing key, the file PATH.signkey, or DIR/signkey in\n"
     "  the documents' folder of a URL's database (made on the first import; back it up apart\n"
     "  from the database). `revoke`: signatures made from that day\n"
     "  (Vietnam time) on show as revoked; earlier ones stay valid.\n"},
    {"checkpoint", cli_checkpoint,
     "motcua checkpoint --db PATH|URL [--files DIR]\n"
     "  Sign, with each unit's current certificate, the heads of the hash chains of its\n"
     "  dossiers that moved since its last checkpoint (the server does it every\n"
     "  --checkpoint-every seconds). verify then finds a chain rebuilt after an edit.\n"},
    {"backup", cli_backup,
     "motcua backup --db PATH OUT\n  Write an online, consistent copy of the store to OUT (and its "
     "documents to\n"
     "  OUT.files). A PostgreSQL database is backed up with PostgreSQL's tools instead:\n"
     "  pg_dump -Fc -f OUT URL for a logical copy, pg_basebackup (with WAL archiving) for a\n"
     "  physical one and point-in-time recovery; copy the --files folder beside it.\n"},
    {"verify", cli_verify,
     "motcua verify --db PATH|URL [--files DIR]\n  Check the store's integrity and references, "
     "the hash chains, the counters,\n  the documents' files (in --files DIR; beside a file "
     "store by default), the signatures\n  and checkpoints, and the agencies' message log; exit "
     "1 on any fault.\n"},
    {"recount", cli_recount,
     "motcua recount --db PATH\n  Rebuild every report counter from the dossiers' events, as "
     "this version counts\n  them: after an upgrade that changed the counting rules, or when "
     "verify finds\n  counters that differ. Holds the write lock throughout: stop the server "
     "first.\n"},
};

const int cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];

const char *cli_db(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("MOTCUA_DB");
    if (env && *env)
        return env;
    fprintf(stderr, "motcua: thiếu --db PATH (hoặc biến MOTCUA_DB) / missing --db PATH\n");
    return NULL;
}

int cli_open_write(const char *db, Store **out, Err *e)
{
    if (!(db = cli_db(db)))
        return err_set(e, ERR_INVALID, "db", "Thiếu --db", "missing --db");
    Store *s;
    int rc = store_open(db, STORE_OPEN, &s, e);
    if (rc == 0 && (rc = store_begin(s, e)) < 0)
        store_close(s);
    if (rc == 0)
        *out = s;
    return rc;
}

int cli_read(const char *db, int (*fn)(Store *s, Arena *a, Err *e))
{
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_READONLY, &s, &e) < 0)
        return cli_fail(&e);
    Arena *a = arena_new();
    int rc = fn(s, a, &e);
    arena_free(a);
    store_close(s);
    return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

int cli_finish(Store *s, int rc, Err *e)
{
    if (rc == 0)
        rc = store_commit(s, e);
    if (rc < 0)
        store_rollback(s);
    store_close(s);
    return rc;
}

int cli_fail(const Err *e)
{
    if (e->field[0])
        fprintf(stderr, "motcua: %s\n        %s (field: %s)\n", e->message, e->message_en,
                e->field);
    else
        fprintf(stderr, "motcua: %s\n        %s\n", e->message, e->message_en);
    switch (e->code) {
    case ERR_INVALID:
    case ERR_SEMANTIC:
    case ERR_NOT_FOUND:
    case ERR_CONFLICT: return EXIT_USAGE;
    default: return EXIT_FAIL;
    }
}

static const CliCommand *find(const char *command)
{
    for (int i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i].name, command) == 0)
            return &cli_commands[i];
    return NULL;
}

int cli_usage(const char *command)
{
    const CliCommand *c = find(command);
    fprintf(stderr, "usage: %s", c ? c->usage : "motcua COMMAND ...\n");
    return EXIT_USAGE;
}

int cli_help(const char *command)
{
    const CliCommand *c = find(command);
    fputs(c ? c->usage : "", stdout);
    return EXIT_OK;
}

/* cli_seconds reads "90", "90s", "5m" or "1h" (at most a day); -1 when it is not one. */
int cli_seconds(const char *s)
{
    if (!s)
        return 0;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    long unit = strcmp(end, "") == 0 || strcmp(end, "s") == 0 ? 1
                : strcmp(end, "m") == 0                       ? 60
                : strcmp(end, "h") == 0                       ? 3600
                                                              : 0;
    if (errno || end == s || v < 0 || !unit || v > 86400 / unit)
        return -1;
    return (int)(v * unit);
}

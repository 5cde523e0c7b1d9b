/* sqlite_single.c: the physical reference for the intake benchmark. Measures durable
 * single-row SQLite transactions per second on the disk holding DIR: WAL, synchronous=FULL,
 * one INSERT per transaction (autocommit), for SECONDS (default 5).
 *   cc -O2 -o build/sqlite_single bench/sqlite_single.c -lsqlite3
 *   build/sqlite_single DIR [SECONDS]   ->   sqlite single-row durable tx/s: N */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "sqlite_single: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: sqlite_single DIR [SECONDS]\n");
        return 2;
    }
    double seconds = argc == 3 ? atof(argv[2]) : 5.0;
    char path[4096];
    snprintf(path, sizeof path, "%s/single.db", argv[1]);
    remove(path);
    sqlite3 *db;
    check(db, sqlite3_open(path, &db), "open");
    check(db,
          sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       "CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, body TEXT)",
                       NULL, NULL, NULL),
          "setup");
    sqlite3_stmt *st;
    check(db, sqlite3_prepare_v2(db, "INSERT INTO t (at, body) VALUES (?1, ?2)", -1, &st, NULL),
          "prepare");
    static const char body[] = "{\"name\":\"Nguyễn Văn An\",\"phone\":\"0912345678\"}";
    long n = 0;
    double start = now(), end = start + seconds, t = start;
    while (t < end) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
        sqlite3_bind_text(st, 2, body, -1, SQLITE_STATIC);
        check(db, sqlite3_step(st), "insert");
        sqlite3_reset(st);
        n++;
        t = now();
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    remove(path);
    printf("sqlite single-row durable tx/s: %.0f\n", (double)n / (t - start));
    return 0;
}

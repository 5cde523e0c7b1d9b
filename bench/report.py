#!/usr/bin/env python3
"""bench/report.py: the official report at 1 and 10 million dossiers, against the equivalent
GROUP BY over a raw table of as many dossiers in sqlite3 (docs/ARCHITECTURE.md §9: reports must come from
counters, not scans).

The report reads only the counters (stat_day, stat_month, stat_pay), never the dossier rows,
so the store is given the counters that N dossiers spread over five years (17 units x 34
procedures, one row per unit, procedure and day, and their monthly sums) would leave, and a raw table of N dossier rows is built
beside it for the reference query. Prints the report's latency through the API (keep-alive,
median and p99 of repeated requests) and through the CLI, and the raw GROUP BY time."""
import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import BIN, Server  # noqa: E402

import requests  # noqa: E402

DAYS = 5 * 365
FIRST_DAY = 19358  # 2023-01-01


def fill_counters(db, n):
    con = sqlite3.connect(db)
    units = [r[0] for r in con.execute("SELECT code FROM unit WHERE level = 'commune'")]
    procs = [r[0] for r in con.execute("SELECT code FROM procedure")]
    keys = [(u, p) for u in units for p in procs]
    per_row = max(1, n // (len(keys) * DAYS))
    con.execute("BEGIN")
    rows = 0
    for u, p in keys:
        batch = []
        for d in range(DAYS):
            day = FIRST_DAY + d
            got = per_row
            batch.append((u, p, day, got // 3, got - got // 3, got // 4, got // 5, got // 3, got,
                          got // 3, 0, got // 2, got // 2 - got // 50, got // 50, got // 3,
                          got // 100, got // 10, got // 11))
        con.executemany("INSERT INTO stat_day (unit, procedure, day, recv_online, recv_other, "
                        "recv_full_online, recv_fee, recv_digitized, alive, alive_digitized, "
                        "overdue, res_early, res_on_time, res_late, res_digitized, stopped, "
                        "rate_total, rate_good) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
        rows += len(batch)
    # the monthly sums the server keeps beside the day counters (migration 0008)
    con.execute("""INSERT INTO stat_month (unit, procedure, first_day, last_day, recv_online,
        recv_other, recv_full_online, recv_fee, recv_digitized, alive, alive_digitized, overdue,
        res_early, res_on_time, res_late, res_digitized, stopped, rate_total, rate_good)
        SELECT unit, procedure,
        CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER),
        CAST(julianday(date(day * 86400, 'unixepoch', 'start of month', '+1 month', '-1 day'))
             - 2440587.5 AS INTEGER),
        sum(recv_online), sum(recv_other), sum(recv_full_online), sum(recv_fee), sum(recv_digitized),
        sum(alive), sum(alive_digitized), sum(overdue), sum(res_early), sum(res_on_time),
        sum(res_late), sum(res_digitized), sum(stopped), sum(rate_total), sum(rate_good)
        FROM stat_day GROUP BY 1, 2, 3, 4""")
    con.execute("COMMIT")
    con.close()
    return rows, per_row * len(keys) * DAYS


def raw_reference(tmp, n):
    """A raw table of n dossiers and the report's GROUP BY over it; returns seconds."""
    path = os.path.join(tmp, "raw.db")
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE dossier (id INTEGER PRIMARY KEY, unit TEXT, field TEXT, channel INT, "
                "received_day INT, resolved_day INT, due_day INT)")
    con.execute(f"""WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n})
        INSERT INTO dossier SELECT i, 'U' || (i % 17), 'F' || (i % 7), i % 3,
        {FIRST_DAY} + (i * 7919) % {DAYS}, {FIRST_DAY} + (i * 7919) % {DAYS} + i % 9,
        {FIRST_DAY} + (i * 7919) % {DAYS} + 5 FROM s""")
    con.commit()
    t = time.perf_counter()
    con.execute(f"""SELECT field, sum(received_day BETWEEN {FIRST_DAY + 365} AND {FIRST_DAY + 729}
        AND channel = 0), sum(received_day BETWEEN {FIRST_DAY + 365} AND {FIRST_DAY + 729}
        AND channel != 0), sum(received_day < {FIRST_DAY + 365} AND resolved_day >= {FIRST_DAY + 365}),
        sum(resolved_day BETWEEN {FIRST_DAY + 365} AND {FIRST_DAY + 729} AND resolved_day < due_day),
        sum(resolved_day BETWEEN {FIRST_DAY + 365} AND {FIRST_DAY + 729} AND resolved_day = due_day),
        sum(resolved_day BETWEEN {FIRST_DAY + 365} AND {FIRST_DAY + 729} AND resolved_day > due_day),
        sum(received_day <= {FIRST_DAY + 729} AND resolved_day > {FIRST_DAY + 729})
        FROM dossier GROUP BY field""").fetchall()
    elapsed = time.perf_counter() - t
    con.close()
    os.unlink(path)
    return elapsed


def measure(n, queries):
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP", "/var/tmp")) as tmp:
        db = os.path.join(tmp, "r.db")
        subprocess.run([BIN, "init", "--db", db, "--demo"], check=True, capture_output=True)
        rows, dossiers = fill_counters(db, n)
        srv = Server(db)
        try:
            s = requests.Session()
            r = s.post(srv.url + "/api/v1/session", json={"username": "lanhdao", "password": "lanhdao@2025"})
            r.raise_for_status()
            params = {"period": "2024", "unit": "000.00.00.H50", "by": "field"}
            times = []
            for _ in range(queries):
                t = time.perf_counter()
                r = s.get(srv.url + "/api/v1/reports/official", params=params)
                times.append(time.perf_counter() - t)
                r.raise_for_status()
            total = r.json()["total"]["received"]["total"]
        finally:
            srv.stop()
        t = time.perf_counter()
        subprocess.run([BIN, "report", "--db", db, "--period", "2024", "--by", "field", "--format", "json"],
                       check=True, capture_output=True)
        cli = time.perf_counter() - t
        raw = raw_reference(tmp, n)
    times.sort()
    return {"dossiers": dossiers, "counter_rows": rows, "received_2024": total,
            "p50_ms": statistics.median(times) * 1e3, "p99_ms": times[int(len(times) * 0.99) - 1] * 1e3,
            "cli_ms": cli * 1e3, "raw_ms": raw * 1e3}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000000,10000000")
    ap.add_argument("--queries", type=int, default=50)
    args = ap.parse_args()
    print(f"{'dossiers':>10} {'counter rows':>13} {'API p50 ms':>11} {'API p99 ms':>11} "
          f"{'CLI ms':>8} {'raw GROUP BY ms':>16} {'raw/API':>8}")
    for n in (int(x) for x in args.sizes.split(",")):
        m = measure(n, args.queries)
        print(f"{m['dossiers']:>10} {m['counter_rows']:>13} {m['p50_ms']:>11.1f} {m['p99_ms']:>11.1f} "
              f"{m['cli_ms']:>8.1f} {m['raw_ms']:>16.1f} {m['raw_ms'] / m['p50_ms']:>8.1f}", flush=True)
    print("target: the full report at 10 million dossiers <= 100 ms")


main()

#!/usr/bin/python3
"""pg.py: motcua on PostgreSQL, next to PostgreSQL's own figure in the same run on the same
cluster: durable intakes per second at 64 clients on 1 and on 2 nodes (`serve` processes on one
database, wrk + bench/intake.lua; the 64 clients split over the nodes) against pgbench's rate
of durable single-row INSERT transactions at 64 clients; public look-ups per second on one node
(bench/get.lua, dossiers drawn at random); the yearly report's time through the CLI; then
`motcua verify`. The cluster is a throw-away one (tests/lib/pgcluster.py) with fsync on, in
$BENCH_TMP (default /var/tmp).
  bench/pg.py [--seconds 10]"""
import argparse
import os
import subprocess
import sys
import threading
import time

import benchlib as b
from intake import body_template

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "lib"))
from pgcluster import PG_BIN, PgCluster  # noqa: E402


def pgbench(cluster, seconds, directory):
    """Durable single-row INSERT transactions/s at 64 clients, pgbench on the same cluster."""
    cluster.psql("CREATE DATABASE raw")
    cluster.psql("CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL)", "raw")
    script = os.path.join(directory, "insert.sql")
    with open(script, "w") as f:
        f.write("INSERT INTO t (v) VALUES ('Võ Thị Bền 045090001234 0912345678');\n")
    out = subprocess.run([os.path.join(PG_BIN, "pgbench"), "-n", "-c", "64", "-j", "2", "-T",
                          str(seconds), "-f", script, "-h", cluster.dir, "-p", str(cluster.port),
                          "-U", "postgres", "raw"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("tps = "):
            return float(line.split()[2])
    sys.exit("pgbench output not understood:\n" + out)


def intake(servers, env, seconds):
    """64 clients split over the servers at once; returns (intakes/s, p99 ms, non-201)."""
    results = [None] * len(servers)

    def one(i):
        results[i] = b.wrk(servers[i].url, os.path.join(HERE, "intake.lua"), 64 // len(servers),
                           seconds, env)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(servers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rate = sum(r["status"].get(201, 0) / r["seconds"] for r in results)
    bad = sum(n for r in results for s, n in r["status"].items() if s != 201)
    return rate, max(r["p99_ms"] for r in results), bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    b.need_wrk()
    d = b.tempdir("motcua-pg-bench-")
    os.chmod(d, 0o755)  # the cluster belongs to an unprivileged user when run as root
    cluster = PgCluster(durable=True, parent=d)
    servers = []
    try:
        raw = pgbench(cluster, args.seconds, d)
        url = cluster.new_database()
        name = url.split("/")[3].split("?")[0]
        b.motcua("init", "--db", url, "--demo")
        files = os.path.join(d, "files")
        env = {"INTAKE_TOKEN": b.token(url, "bench-pg", "integration", b.COMMUNE),
               "INTAKE_BODY": os.path.join(d, "body.json")}
        extra = ("--files", files, "--lookups-per-minute", "0")
        rows = []
        for n in (1, 2):
            servers = [b.Server(url, extra=extra, log=os.path.join(d, "serve-%d-%d.log" % (n, i)))
                       for i in range(n)]
            body_template(servers[0].url, env["INTAKE_BODY"])
            rows.append((n,) + intake(servers, env, args.seconds))
            for s in servers:
                s.stop()
            servers = []
        dossiers = int(cluster.psql("SELECT count(*) FROM dossier", name))
        paths = os.path.join(d, "paths.txt")
        with open(paths, "w") as f:
            for line in cluster.psql("SELECT code || ' ' || lookup_key FROM dossier ORDER BY "
                                     "random() LIMIT 10000", name).split("\n"):
                if line.strip():
                    code, key = line.split()
                    f.write("/api/v1/lookup?code=%s&key=%s\n" % (code, key))
        servers = [b.Server(url, extra=extra, log=os.path.join(d, "serve-lookup.log"))]
        look = b.wrk(servers[0].url, os.path.join(HERE, "get.lua"), 64, args.seconds,
                     {"GET_PATHS": paths})
        servers[0].stop()
        servers = []
        year = time.strftime("%Y")
        start = time.monotonic()
        b.motcua("report", "--db", url, "--period", year, "--format", "json")
        report_ms = (time.monotonic() - start) * 1000
        verify = subprocess.run([b.BIN, "verify", "--db", url, "--files", files],
                                capture_output=True, text=True)
        print("reference: pgbench single-row durable INSERT tx/s at 64 clients = %.0f "
              "(same cluster, same run)" % raw)
        print("%-6s %7s %11s %9s %9s  %s" % ("nodes", "clients", "intakes/s", "p99 ms",
                                             "x pgbench", "non-201"))
        for n, rate, p99, bad in rows:
            print("%-6d %7d %11.0f %9.2f %9.2f  %d" % (n, 64, rate, p99, rate / raw, bad))
        ok = look["status"].get(200, 0)
        print("postgres lookups/s at 64 clients, 1 node: %.0f (p99 %.2f ms, non-200 %d)"
              % (ok / look["seconds"], look["p99_ms"],
                 sum(v for s, v in look["status"].items() if s != 200)))
        print("postgres report %s (CLI, %d dossiers): %.0f ms" % (year, dossiers, report_ms))
        print("verify: %s" % (verify.stdout.strip() or verify.stderr.strip()))
    finally:
        for s in servers:
            s.stop()
        cluster.stop()
        subprocess.run(["rm", "-rf", d])


main()

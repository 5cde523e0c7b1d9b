#!/usr/bin/python3
"""intake.py: durable dossier intakes per second over HTTP at 1, 8 and 64 concurrent
keep-alive clients (wrk + bench/intake.lua), next to the physical reference measured in the
same run on the same disk: single-row durable SQLite transactions per second
(bench/sqlite_single). Only 201 answers count. Target (issue 4): at 64 clients >= 2x.
  bench/intake.py [--seconds 10] [--clients 1,8,64] [--server-threads 0,64]
--server-threads: `serve --threads` values to try, 0 = the server's default (one per core).
The store is checked with `motcua verify` at the end."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import requests

import benchlib as b

HERE = os.path.dirname(os.path.abspath(__file__))


def sqlite_single(directory, seconds):
    exe = os.path.join(directory, "sqlite_single")
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(HERE, "sqlite_single.c"), "-lsqlite3"],
                   check=True)
    out = subprocess.run([exe, directory, str(seconds)], capture_output=True, text=True,
                         check=True).stdout
    print(out.strip())
    return float(out.rsplit(":", 1)[1])


def body_template(url, path):
    """The intake body: procedure 1.004873 at the demo commune with its required components;
    @NAME@ is replaced by intake.lua."""
    p = requests.get(url + "/api/v1/catalogue/procedures/1.004873").json()
    body = {"procedure": "1.004873", "unit": b.COMMUNE, "channel": "direct",
            "applicant": {"name": "@NAME@", "id_number": "045090001234", "phone": "0912345678",
                          "address": "Gio Linh, Quảng Trị"},
            "components": [{"name": c["name"], "digitized": True}
                           for c in p["components"] if c["required"]]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(body, f, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=10, help="per concurrency level")
    ap.add_argument("--clients", default="1,8,64")
    ap.add_argument("--server-threads", default="0,64")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    args = ap.parse_args()
    b.need_wrk()
    d = b.tempdir("motcua-intake-")
    try:
        print("disk under test: %s" % d)
        ref = sqlite_single(d, 5)
        db = b.demo_store(d)
        env = {"INTAKE_TOKEN": b.token(db, "bench-intake", "integration", b.COMMUNE),
               "INTAKE_BODY": os.path.join(d, "body.json")}
        rows = []
        for threads in [int(t) for t in args.server_threads.split(",")]:
            srv = b.Server(db, threads)
            try:
                body_template(srv.url, env["INTAKE_BODY"])
                for c in [int(c) for c in args.clients.split(",")]:
                    r = b.wrk(srv.url, os.path.join(HERE, "intake.lua"), c, args.seconds, env)
                    ok = r["status"].get(201, 0)
                    bad = {s: n for s, n in r["status"].items() if s != 201}
                    rate = ok / r["seconds"]
                    rows.append((threads or "default", c, rate, r["p50_ms"], r["p99_ms"], rate / ref,
                                 bad, r["errors"]))
            finally:
                srv.stop()
        verify = subprocess.run([b.BIN, "verify", "--db", db], capture_output=True, text=True)
        print("\nreference: sqlite single-row durable tx/s = %.0f (same disk, same run)" % ref)
        print("%-14s %7s %11s %9s %9s %8s  %s" % ("serve threads", "clients", "intakes/s", "p50 ms",
                                                  "p99 ms", "x sqlite", "non-201, socket errors"))
        for t, c, rate, p50, p99, ratio, bad, err in rows:
            print("%-14s %7d %11.0f %9.2f %9.2f %8.2f  %s, %d" % (t, c, rate, p50, p99, ratio,
                                                                  bad or "none", err))
        best64 = max([r[5] for r in rows if r[1] == 64] or [0])
        print("target: >= 2.00 x sqlite at 64 clients: %s (best %.2f x)"
              % ("met" if best64 >= 2 else "MISSED", best64))
        print("motcua verify: %s" % ("ok" if verify.returncode == 0 else
                                     "FAILED: " + (verify.stdout + verify.stderr)[-500:]))
        return 0 if verify.returncode == 0 else 1
    finally:
        if args.keep:
            print("kept %s" % d)
        else:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

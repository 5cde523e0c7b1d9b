#!/usr/bin/env python3
"""bench/lookup.py: public look-ups (GET /api/v1/lookup?code=&key=, what a citizen's QR code
opens) per second and their p50/p99 latency with wrk, against nginx serving a static file of
the same size with the same wrk settings; and the resident memory (VmRSS, sampled every
100 ms, and VmHWM) of `motcua serve` during that load. Each request looks up one of
--sample dossiers drawn at random from the whole store, so that the memory figure sees
pages from all of it.

The store is a demo store with --dossiers dossiers filed through the API, or an existing one
(--db, e.g. the million-dossier store bench/search.py keeps with --keep). Targets: look-ups
>= 50% of nginx's requests/s; RSS <= 64 MB (at 10 million dossiers)."""
import argparse
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import COMMUNE, PROVINCE, Server, demo_store, need_wrk, tempdir, token, wrk  # noqa: E402

import requests  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def file_one(srv, tok, name, phone):
    auth = {"Authorization": "Bearer " + tok}
    p = requests.get(srv.url + "/api/v1/catalogue/procedures/1.004873").json()
    body = {"procedure": "1.004873", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": name, "phone": phone},
            "components": [{"name": c["name"], "digitized": True} for c in p["components"]
                           if c["required"]]}
    r = requests.post(srv.url + "/api/v1/dossiers", json=body, headers=auth)
    r.raise_for_status()
    return r.json()["code"]


def sample_paths(db, n, path_file):
    """Writes n look-up paths of dossiers drawn at random from db (with the look-up key Mẫu 01
    prints) to path_file; returns the first."""
    rnd = random.Random(7)
    with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as c:
        top = c.execute("SELECT max(id) FROM dossier").fetchone()[0]
        paths = []
        while len(paths) < n:
            row = c.execute("SELECT code, lookup_key FROM dossier WHERE id = ?",
                            (rnd.randint(1, top),)).fetchone()
            if row and row[1]:
                paths.append("/api/v1/lookup?code=%s&key=%s" % (row[0], row[1]))
    with open(path_file, "w") as f:
        f.write("\n".join(paths) + "\n")
    return paths[0]


def count_dossiers(db):
    out = subprocess.run(["sqlite3", db, "SELECT count(*) FROM dossier"], capture_output=True,
                         text=True)
    return out.stdout.strip() or "?"


def rss_sampler(pid, stop, peak):
    while not stop.is_set():
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            return
        time.sleep(0.1)


def vm(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def nginx_run(directory, body, port):
    """Starts nginx (Debian) serving body as /lookup.json; returns the process."""
    root = os.path.join(directory, "www")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "lookup.json"), "wb") as f:
        f.write(body)
    conf = os.path.join(directory, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""daemon off; worker_processes auto; pid %(d)s/nginx.pid; error_log %(d)s/error.log;
user root;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path %(d)s/tmp; proxy_temp_path %(d)s/tmp; fastcgi_temp_path %(d)s/tmp;
  uwsgi_temp_path %(d)s/tmp; scgi_temp_path %(d)s/tmp;
  default_type application/json;
  server { listen 127.0.0.1:%(p)d; root %(r)s; } }
""" % {"d": directory, "p": port, "r": root})
    os.makedirs(os.path.join(directory, "tmp"), exist_ok=True)
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", directory])
    for _ in range(100):
        try:
            if requests.get("http://127.0.0.1:%d/lookup.json" % port, timeout=1).ok:
                return proc
        except requests.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("nginx did not start (see %s/error.log)" % directory)


def line(label, r):
    ok = r["status"].get(200, 0)
    rps = ok / r["seconds"]
    others = sum(n for s, n in r["status"].items() if s != 200)
    print("%-22s %10.0f %9.2f %9.2f %8d %7d" % (label, rps, r["p50_ms"], r["p99_ms"], others,
                                               r["errors"]))
    return rps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="an existing store (its dossiers are looked up)")
    ap.add_argument("--dossiers", type=int, default=1000,
                    help="dossiers to file into a fresh demo store (without --db)")
    ap.add_argument("--sample", type=int, default=10000, help="dossiers looked up at random")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--server-threads", type=int, default=0, help="serve --threads (0: default)")
    args = ap.parse_args()
    need_wrk()
    if not shutil.which("nginx"):
        sys.exit("nginx is missing: apt-get install -y nginx-light")
    directory = tempdir("motcua-lookup-")
    db = args.db or demo_store(directory)
    tok = token(db, "bench-lookup-%d" % os.getpid(), "clerk", COMMUNE)
    # one address (wrk's) asks tens of thousands of look-ups a second: no per-address rate
    srv = Server(db, threads=args.server_threads, extra=("--lookups-per-minute", "0"))
    try:
        if not args.db:
            for i in range(args.dossiers - 1):
                file_one(srv, tok, "Nguyễn Văn %d" % i, "09%08d" % i)
        file_one(srv, tok, "Trần Thị Tra Cứu", "0912345678")
        paths = os.path.join(directory, "paths.txt")
        path = sample_paths(db, args.sample, paths)
        body = requests.get(srv.url + path).content
        print("look-up at %s dossiers: %d dossiers at random, e.g. %s (%d bytes), %d clients, "
              "%d s each" % (count_dossiers(db), args.sample, path, len(body), args.clients,
                             args.seconds))
        print("%-22s %10s %9s %9s %8s %7s" % ("server", "req/s", "p50 ms", "p99 ms", "non-200",
                                             "errors"))
        pid = srv.proc.pid
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=rss_sampler, args=(pid, stop, peak))
        sampler.start()
        r = wrk(srv.url + path, os.path.join(HERE, "get.lua"), args.clients, args.seconds,
                {"GET_PATHS": paths})
        stop.set()
        sampler.join()
        ours = line("motcua lookup", r)
        hwm = vm(pid, "VmHWM")
    finally:
        srv.stop()
    port = free_port()
    ng = nginx_run(directory, body, port)
    try:
        r = wrk("http://127.0.0.1:%d/lookup.json" % port, os.path.join(HERE, "get.lua"),
                args.clients, args.seconds, {"GET_PATH": "/lookup.json"})
        ref = line("nginx static file", r)
    finally:
        ng.terminate()
        ng.wait(timeout=30)
    ratio = ours / ref if ref else 0
    print("ratio: %.2f of nginx" % ratio)
    print("memory: VmRSS peak %.1f MB during the load, VmHWM %.1f MB" % (peak[0] / 1024,
                                                                          hwm / 1024))
    print("target: look-ups >= 50%% of nginx: %s (%.0f%%)" % ("MET" if ratio >= 0.5 else "MISSED",
                                                             ratio * 100))
    print("target: RSS <= 64 MB: %s (%.1f MB at %s dossiers)" % (
        "MET" if peak[0] <= 64 * 1024 else "MISSED", peak[0] / 1024, count_dossiers(db)))
    if not args.db:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()

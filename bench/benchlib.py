"""benchlib.py: what bench/intake.py and bench/search.py share: a temp directory on the
disk under test, the motcua binary, a demo store with a bearer token, a server started on
a free port and stopped cleanly, and wrk runs parsed into numbers."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
PROVINCE = "000.00.00.H50"
COMMUNE = "000.01.52.H50"  # xã Gio Linh, valid from 2025-07-01


def tempdir(prefix):
    """A fresh directory under $BENCH_TMP (default /var/tmp): the disk being measured."""
    return tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("BENCH_TMP", "/var/tmp"))


def motcua(*args):
    """Runs a motcua subcommand; returns its stdout, exits on failure."""
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("motcua %s failed (%d): %s" % (args[0], p.returncode, p.stderr.strip()))
    return p.stdout


def demo_store(directory):
    db = os.path.join(directory, "motcua.db")
    motcua("init", "--db", db, "--demo")
    return db


def token(db, name, role, unit):
    return motcua("token", "add", name, "--role", role, "--unit", unit, "--db", db).strip()


class Server:
    """`motcua serve` on 127.0.0.1:0; access log to DB.stderr (or to log: a database server's
    URL is no file name)."""

    def __init__(self, db, threads=0, extra=(), log=None):
        extra = (["--threads", str(threads)] if threads else []) + list(extra)
        log = log or db + ".stderr"
        self.log = open(log, "ab")
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.url = self.proc.stdout.readline().strip().rstrip("/")
        if not self.url.startswith("http://"):
            self.stop()
            sys.exit("motcua serve did not start (see %s)" % log)
        for _ in range(300):
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        sys.exit("motcua serve did not become healthy")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)
        self.log.close()


def wrk(url, script, clients, seconds, env):
    """Runs wrk (keep-alive connections) with a Lua script whose done() prints "status S N"
    lines; returns {"seconds", "status": {S: N}, "errors": socket errors, "p50_ms", "p99_ms"}."""
    threads = min(clients, os.cpu_count() or 1)
    cmd = ["wrk", "-t%d" % threads, "-c%d" % clients, "-d%ds" % seconds, "--timeout", "10s",
           "-s", script, url]
    env = {**os.environ, "BENCH_LUA_DIR": os.path.dirname(os.path.abspath(__file__)), **env}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
    m = re.search(r"requests in ([\d.]+)(ms|s|m|h)", out)
    if not m:
        sys.exit("wrk output not understood:\n" + out)
    secs = float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]
    status = {int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    lat = re.search(r"latency p50_us (\d+) p99_us (\d+)", out)
    err = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return {"seconds": secs, "status": status, "errors": err,
            "p50_ms": int(lat.group(1)) / 1000, "p99_ms": int(lat.group(2)) / 1000}


def need_wrk():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

"""The motcua binary under test, for the end-to-end and browser tests and the benchmarks: where
it is (MOTCUA_BIN, default build/motcua), running a subcommand, a fresh demo store, a server on
127.0.0.1:0 (optionally on a clock.Clock) that must stop with exit code 0, no process leaving
a sanitizer report, and the demo data's logins and units."""
import atexit
import json
import os
import signal
import sqlite3
import subprocess
import tempfile

import requests

from poll import wait_until

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:",
                   "UndefinedBehaviorSanitizer", "ThreadSanitizer")

# the demo store's users (init --demo), by role
DEMO = {
    "admin": ("quantri", "quantri@2025"),
    "leader": ("lanhdao", "lanhdao@2025"),
    "clerk": ("motcua", "motcua@2025"),
    "specialist": ("chuyenvien", "chuyenvien@2025"),
}
PROVINCE = "000.00.00.H50"
COMMUNE = "000.01.52.H50"  # xã Gio Linh, the demo clerk's and specialist's unit
OTHER_COMMUNE = "000.01.50.H50"  # xã Cồn Tiên


def child_env(clock=None):
    """The environment of a motcua process: this one's without MOTCUA_DB, on clock's time when
    given. Without a clock, a fake time this process runs under (libfaketime) reaches the
    child too, continued rather than started again, so both see the same day."""
    env = {k: v for k, v in os.environ.items() if k != "MOTCUA_DB"}
    if clock:
        env = clock.env(env)
    elif "FAKETIME" in env:
        env["FAKETIME_DONT_RESET"] = "1"
    if "LD_PRELOAD" in env:  # a sanitizer runtime must not insist on being loaded first
        env["ASAN_OPTIONS"] = "verify_asan_link_order=0:" + env.get("ASAN_OPTIONS", "")
    return env


def assert_clean(stderr):
    """Fails when a process's stderr holds a sanitizer report."""
    for mark in SANITIZER_MARKS:
        assert mark not in stderr, stderr[-4000:]


def run(*args, input=None, env=None, check=None, clock=None):
    """Runs motcua with args (env: variables to add; clock: on a clock.Clock's time); returns
    the CompletedProcess (text). check=N asserts the exit code; a sanitizer report always
    fails."""
    if (args and args[0] in ("verify", "backup", "init", "cert", "checkpoint") and "--db" in args
            and "--files" not in args):
        db = args[args.index("--db") + 1]
        if is_url(db):  # a server's database keeps its documents apart (serve --files)
            args = (*args, "--files", files_dir(db))
    p = subprocess.run([BIN, *args], input=input, capture_output=True, text=True,
                       env={**child_env(clock), **(env or {})}, timeout=120)
    assert_clean(p.stderr)
    if check is not None:
        assert p.returncode == check, (args, p.returncode, p.stdout, p.stderr)
    return p


# MOTCUA_STORE=postgres: the demo stores are PostgreSQL databases, each a fresh database in one
# throw-away cluster shared by the test run (tests/lib/pgcluster.py)
STORE = os.environ.get("MOTCUA_STORE", "sqlite")
_cluster = None


def pg_cluster():
    """The test run's PostgreSQL cluster, started on first use and stopped at exit."""
    global _cluster
    if _cluster is None:
        from pgcluster import PgCluster
        _cluster = PgCluster()
        atexit.register(_cluster.stop)
    return _cluster


def is_url(db):
    """db names a database server's database, not a file."""
    return db.startswith(("postgresql://", "postgres://"))


def files_dir(db):
    """The documents' folder of a store: <db>.files beside a file, a folder of the test run
    (made once per database and given to serve --files) for a server's database."""
    if not is_url(db):
        return db + ".files"
    if db not in _files:
        _files[db] = tempfile.mkdtemp(prefix="motcua-files-")
    return _files[db]


_files = {}


def beside(db, name):
    """Where the server keeps its file name (signkey, demo-ca.pem): <db>.name beside a file,
    name in the documents' folder of a server's database (app/signing.h)."""
    return os.path.join(files_dir(db), name) if is_url(db) else db + "." + name



class PgConnection:
    """What the tests use of a sqlite3 connection, over psql for a PostgreSQL URL: execute(sql,
    params) with ? placeholders (each value passed as a psql variable and quoted by psql, None
    as NULL), rows of ints, texts, bytes (bytea) and None; every statement commits."""

    NULL = "\x01null\x01"

    def __init__(self, url):
        self.url = url

    def execute(self, sql, params=()):
        variables, parts = [], sql.split("?")
        text = parts[0]
        for i, (value, rest) in enumerate(zip(params, parts[1:])):
            if value is None:
                text += "NULL" + rest
                continue
            variables += ["-v", f"p{i}={int(value) if isinstance(value, bool) else value}"]
            text += f":'p{i}'" + rest
        assert len(parts) == len(params) + 1, "one value per placeholder"
        out = subprocess.run(
            ["/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-F", "\x1f", "-R", "\x1e", "-P", "null=" + self.NULL, *variables, "-d", self.url],
            input=text, capture_output=True, text=True, check=True, timeout=60).stdout
        rows = [tuple(self._value(v) for v in r.split("\x1f"))
                for r in out.rstrip("\n").split("\x1e") if r]
        return _Rows(rows)

    def _value(self, v):
        if v == self.NULL:
            return None
        if v.lstrip("-").isdigit():
            return int(v)
        if v.startswith("\\x"):
            return bytes.fromhex(v[2:])
        return v

    def commit(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _Rows(list):
    def fetchone(self):
        return self[0] if self else None

    def fetchall(self):
        return list(self)


def connect(db):
    """A connection for the tests' own look at a store: sqlite3's for a file, PgConnection for
    a PostgreSQL URL (the SQL must be what both engines read)."""
    return PgConnection(db) if is_url(db) else sqlite3.connect(db)


def table_columns(con, table):
    """The column names of table, in order, on either engine."""
    if isinstance(con, PgConnection):
        return [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))]
    return [c[1] for c in con.execute(f'PRAGMA table_info("{table}")')]


def tables(con):
    """The names of the store's tables, on either engine."""
    if isinstance(con, PgConnection):
        return {r[0] for r in con.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def new_store(path, demo=True):
    """A new store (init, with --demo unless demo is false) at path, or under
    MOTCUA_STORE=postgres a fresh database; returns its path or URL."""
    db = pg_cluster().new_database() if STORE == "postgres" else str(path)
    run("init", "--db", db, *(("--demo",) if demo else ()), check=0)
    return db


def demo_store(folder, clock=None):
    """Creates a store with the demo data (init --demo): folder/motcua.db, or under
    MOTCUA_STORE=postgres a fresh database, on clock's time when given (the demo's signing
    certificates are valid from that instant); returns its path or URL."""
    db = pg_cluster().new_database() if STORE == "postgres" else os.path.join(str(folder), "motcua.db")
    run("init", "--db", db, "--demo", check=0, clock=clock)
    return db


class Server:
    """`motcua serve --db db` on 127.0.0.1:0 with extra arguments, on clock's time when given;
    .url is http://127.0.0.1:PORT, answering /healthz when the constructor returns. The
    server's stderr goes to db + ".stderr" (a database server's: a file in its documents'
    folder), read back with bytes that are not UTF-8 escaped."""

    def __init__(self, db, extra=(), clock=None):
        self.db = db
        files = ("--files", files_dir(db)) if is_url(db) else ()
        self.log = (os.path.join(files_dir(db), f"serve-{os.getpid()}-{id(self)}.stderr")
                    if is_url(db) else db + ".stderr")
        self.errlog = open(self.log, "w+", errors="backslashreplace")
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:0", *files,
                                      *extra],
                                     stdout=subprocess.PIPE, stderr=self.errlog, text=True,
                                     env=child_env(clock))
        line = self.proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), (line, self.stderr()[-2000:])
        self.url = line.rstrip("/")
        wait_until(self._healthy, 30, "the server answering /healthz")

    def _healthy(self):
        assert self.proc.poll() is None, "the server exited: " + self.stderr()[-2000:]
        try:
            return requests.get(self.url + "/healthz", timeout=5).status_code == 200
        except requests.ConnectionError:
            return False

    def stop(self):
        """SIGTERM; the server must exit 0 and print no sanitizer report. Returns its stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.errlog.seek(0)
        err = self.errlog.read()
        self.errlog.close()
        assert_clean(err)
        assert self.proc.returncode == 0, err[-2000:]
        return err

    def stderr(self):
        """What the server has written to stderr so far."""
        self.errlog.flush()
        with open(self.log, errors="backslashreplace") as f:
            return f.read()


def export_lines(dump):
    """The records of an export, an applied unit operation's instant left out: each store
    applies the demo's unit operations at its own init, so only that instant may differ."""
    lines = [json.loads(line) for line in dump.splitlines()]
    for line in lines:
        if line["type"] == "operation":
            line.pop("applied_at", None)
    return lines

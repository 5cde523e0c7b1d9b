"""The motcua binary under test, for the end-to-end and browser tests and the benchmarks: where
it is (MOTCUA_BIN, default build/motcua), running a subcommand, a fresh demo store, a server on
127.0.0.1:0 (optionally on a clock.Clock) that must stop with exit code 0, no process leaving
a sanitizer report, and the demo data's logins and units."""
import atexit
import os
import signal
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
    if args and args[0] in ("verify", "backup") and "--db" in args and "--files" not in args:
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


def demo_store(folder):
    """Creates a store with the demo data (init --demo): folder/motcua.db, or under
    MOTCUA_STORE=postgres a fresh database; returns its path or URL."""
    db = pg_cluster().new_database() if STORE == "postgres" else os.path.join(str(folder), "motcua.db")
    run("init", "--db", db, "--demo", check=0)
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

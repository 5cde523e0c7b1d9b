"""Fixtures for the end-to-end tests: the real motcua binary (MOTCUA_BIN), a fresh demo
store per test module, and a server on 127.0.0.1:0 that must stop cleanly and without any
sanitizer report."""
import datetime
import os
import signal
import subprocess
import time

import pytest
import requests

BIN = os.path.abspath(os.environ.get("MOTCUA_BIN", "build/motcua"))
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer",
                   "ThreadSanitizer")

DEMO = {
    "admin": ("quantri", "quantri@2025"),
    "leader": ("lanhdao", "lanhdao@2025"),
    "clerk": ("motcua", "motcua@2025"),
    "specialist": ("chuyenvien", "chuyenvien@2025"),
}
PROVINCE = "000.00.00.H50"
COMMUNE = "000.01.52.H50"  # xã Gio Linh
OTHER_COMMUNE = "000.01.50.H50"  # xã Cồn Tiên


def run(*args, input=None, env=None, check=None):
    """Runs motcua with args; returns CompletedProcess (text). check=N asserts the exit code."""
    full_env = dict(os.environ)
    full_env.pop("MOTCUA_DB", None)
    if env:
        full_env.update(env)
    p = subprocess.run([BIN, *args], input=input, capture_output=True, text=True, env=full_env,
                       timeout=120)
    assert_clean(p.stderr)
    if check is not None:
        assert p.returncode == check, (p.returncode, p.stdout, p.stderr)
    return p


def assert_clean(stderr):
    for mark in SANITIZER_MARKS:
        assert mark not in stderr, stderr


FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"


class Clock:
    """The server's wall clock under libfaketime: set() moves it to a Vietnam local time, from
    where it runs on; the server rereads the file on every call."""

    def __init__(self, path, start):
        self.path = str(path)
        self.set(start)

    def set(self, local):
        """local: 'YYYY-MM-DD HH:MM:SS' in Vietnam time (UTC+7). The file holds the offset from
        the real clock (an absolute time would also count the server's uptime)."""
        t = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
        with open(self.path + ".tmp", "w") as f:
            f.write("%+.3f\n" % (t.timestamp() - time.time()))
        os.replace(self.path + ".tmp", self.path)

    def env(self):
        return {"LD_PRELOAD": FAKETIME, "FAKETIME_TIMESTAMP_FILE": self.path,
                "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1", "TZ": "UTC",
                "ASAN_OPTIONS": "verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", "")}


class Server:
    def __init__(self, db, extra=(), clock=None):
        self.db = db
        self.errlog = open(db + ".stderr", "w+")
        env = dict(os.environ)
        if clock:
            env.update(clock.env())
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=self.errlog, text=True, env=env)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), line
        self.url = line.rstrip("/")
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "server did not become healthy"
            time.sleep(0.05)

    def stop(self):
        """SIGTERM; the server must exit 0 and print no sanitizer report."""
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
        self.errlog.flush()
        with open(self.db + ".stderr") as f:
            return f.read()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("store") / "motcua.db")
    run("init", "--db", db, "--demo", check=0)
    return db


@pytest.fixture(scope="module")
def server(demo_db):
    s = Server(demo_db)
    yield s
    s.stop()


def login(server, role_or_name, password=None):
    """A requests.Session logged in as a demo role (or name/password), with the CSRF header set."""
    name, pw = DEMO.get(role_or_name, (role_or_name, password))
    s = requests.Session()
    r = s.post(server.url + "/api/v1/session", json={"username": name, "password": pw})
    assert r.status_code == 200, r.text
    s.headers["X-CSRF-Token"] = r.json()["csrf"]
    return s


def assert_error(r, status, field=None):
    """Checks the DESIGN §7 error shape: Vietnamese and English messages."""
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    err = r.json()["error"]
    assert err["message"] and err["message_en"]
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["field"], str)  # "" when no field is at fault
    if field is not None:
        assert err.get("field") == field, err
    return err

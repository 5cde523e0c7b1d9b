"""Fixtures for the end-to-end tests: the real motcua binary (MOTCUA_BIN), a fresh demo
store per test module, and a server on 127.0.0.1:0 that must stop cleanly and without any
sanitizer report."""
import os
import signal
import subprocess
import time

import pytest
import requests

BIN = os.path.abspath(os.environ.get("MOTCUA_BIN", "build/motcua"))
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer")

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


class Server:
    def __init__(self, db, extra=()):
        self.db = db
        self.errlog = open(db + ".stderr", "w+")
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=self.errlog, text=True)
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
    if field is not None:
        assert err.get("field") == field, err
    return err

"""The browser tests' server: the real motcua binary (MOTCUA_BIN) on a fresh demo store in a
temporary folder, serving 127.0.0.1:0 under a libfaketime clock (a fixed working Monday, so
deadlines and report periods do not depend on the day the suite runs). stop() sends SIGTERM
and asserts exit code 0 and no sanitizer report. Kept apart from tests/e2e/conftest.py on
purpose: two conftest modules cannot import each other."""
import datetime
import os
import signal
import subprocess
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
SCREENSHOTS = os.path.join(ROOT, "build", "screenshots")
FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:",
                   "UndefinedBehaviorSanitizer")
START = "2025-10-06 08:30:00"  # Monday, Vietnam time; the clock runs on from here

DEMO = {
    "admin": ("quantri", "quantri@2025"),
    "leader": ("lanhdao", "lanhdao@2025"),
    "clerk": ("motcua", "motcua@2025"),
    "specialist": ("chuyenvien", "chuyenvien@2025"),
    "clerk2": ("motcua2", "mat-khau-thu-nghiem"),  # added by Server for tests that spoil a session
}
COMMUNE = "000.01.52.H50"  # xã Gio Linh, the demo clerk's and specialist's unit


def motcua(*args, input=None):
    """Runs the binary; asserts exit 0 and a clean stderr; returns stdout."""
    env = {k: v for k, v in os.environ.items() if k != "MOTCUA_DB"}
    p = subprocess.run([BIN, *args], input=input, capture_output=True, text=True, env=env,
                       timeout=120)
    assert_clean(p.stderr)
    assert p.returncode == 0, (args, p.stdout, p.stderr)
    return p.stdout


def assert_clean(stderr):
    for mark in SANITIZER_MARKS:
        assert mark not in stderr, stderr[-4000:]


def faketime_env(path, local):
    """Writes the offset from the real clock to `local` (Vietnam time) into path and returns
    the environment that makes the server read it (as tests/e2e/conftest.py Clock does)."""
    t = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    with open(path, "w") as f:
        f.write("%+.3f\n" % (t.timestamp() - time.time()))
    return {"LD_PRELOAD": FAKETIME, "FAKETIME_TIMESTAMP_FILE": path, "FAKETIME_NO_CACHE": "1",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1", "TZ": "UTC",
            "ASAN_OPTIONS": "verify_asan_link_order=0:" + os.environ.get("ASAN_OPTIONS", "")}


class Server:
    """init --demo into folder, add the spare clerk, serve; .url is http://127.0.0.1:PORT."""

    def __init__(self, folder):
        db = os.path.join(folder, "motcua.db")
        motcua("init", "--db", db, "--demo")
        name, pw = DEMO["clerk2"]
        motcua("user", "add", name, "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
               "--db", db, input=pw + "\n")
        env = dict(os.environ)
        env.pop("MOTCUA_DB", None)
        env.update(faketime_env(os.path.join(folder, "now"), START))
        self.errlog = open(db + ".stderr", "w+")
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                                     stdout=subprocess.PIPE, stderr=self.errlog, text=True,
                                     env=env)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), line
        self.url = line.rstrip("/")
        deadline = time.monotonic() + 30
        while not self._healthy():
            assert self.proc.poll() is None, "server exited"
            assert time.monotonic() < deadline, "server did not become healthy"
            time.sleep(0.05)  # polling /healthz, not waiting blindly

    def _healthy(self):
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=5) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.errlog.seek(0)
        err = self.errlog.read()
        self.errlog.close()
        assert_clean(err)
        assert self.proc.returncode == 0, err[-2000:]

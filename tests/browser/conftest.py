"""Fixtures for the browser tests: one motcua server per test module (tests/lib/motcua.py) on
a fresh demo store with a spare clerk, under a faked clock that starts on a working Monday
(so deadlines and report periods do not depend on the day the suite runs), and a factory of
headless Chromium sessions (browser.py), each its own user with its own cookies, all closed
before the server is stopped."""
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))

from browser import SPARE_CLERK, Browser  # noqa: E402
from clock import Clock  # noqa: E402
from motcua import COMMUNE, Server, demo_store, run  # noqa: E402

START = "2025-10-06 08:30:00"  # Monday, Vietnam time; the clock runs on from here


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    clock = Clock(folder / "now", START)
    db = demo_store(folder, clock)  # its signing certificates valid on the clock's days
    name, pw = SPARE_CLERK
    run("user", "add", name, "--role", "clerk", "--unit", COMMUNE, "--password-stdin", "--db", db,
        input=pw + "\n", check=0)
    s = Server(db, clock=clock)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browsers(server):
    """open(label, size=(w, h)) starts a new browser session; all close at module end."""
    opened = []

    def open_browser(label, size=(1280, 900)):
        b = Browser(server, label, size)
        opened.append(b)
        return b

    yield open_browser
    for b in opened:
        b.close()

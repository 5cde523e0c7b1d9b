"""Fixtures for the browser tests: one motcua server per test module (harness.py) and a
factory of headless Chromium sessions (browser.py), each its own user with its own cookies,
all closed before the server is stopped."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
from browser import Browser  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = harness.Server(str(tmp_path_factory.mktemp("store")))
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

"""Fixtures for the end-to-end tests: a fresh demo store per test module and a server on it
(tests/lib/motcua.py starts the real binary and checks it stops cleanly), and the helpers of
the HTTP API's tests: a logged-in session, the error shape."""
import os
import sys

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "lib"))

from motcua import DEMO, STORE, Server, demo_store  # noqa: E402


def sqlite_file_only(why):
    """Marks a test that is about the SQLite file itself (its older schema, a copy of the
    file): skipped, with why, only when the suite runs on PostgreSQL (MOTCUA_STORE=postgres)."""
    return pytest.mark.skipif(STORE == "postgres", reason="SQLite file only: " + why)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_store(tmp_path_factory.mktemp("store"))


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
    """Checks the docs/INTERFACES.md error shape: Vietnamese and English messages."""
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    err = r.json()["error"]
    assert err["message"] and err["message_en"]
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["field"], str)  # "" when no field is at fault
    if field is not None:
        assert err.get("field") == field, err
    return err

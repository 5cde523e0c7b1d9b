"""Login, logout, sessions, CSRF, throttling, bearer tokens, roles and unit scope."""
import requests

from conftest import assert_error, login
from motcua import COMMUNE, OTHER_COMMUNE, PROVINCE, Server, run


JSON = {"Content-Type": "application/json"}  # a raw JSON body, sent as JSON


def test_login_sets_strict_httponly_cookie_and_returns_csrf(server):
    r = requests.post(server.url + "/api/v1/session",
                      json={"username": "motcua", "password": "motcua@2025"})
    assert r.status_code == 200
    body = r.json()
    assert len(body["csrf"]) >= 40
    assert body["user"] == {"username": "motcua", "role": "clerk", "role_label": "Cán bộ một cửa",
                            "unit": COMMUNE}
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("motcua_session=")
    for attr in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert attr in cookie
    assert "Secure" not in cookie  # plain HTTP here; behind TLS the proxy says https


def test_secure_cookie_behind_tls_proxy(server):
    r = requests.post(server.url + "/api/v1/session", headers={"X-Forwarded-Proto": "https"},
                      json={"username": "motcua", "password": "motcua@2025"})
    assert "; Secure" in r.headers["Set-Cookie"]


def test_session_lifecycle(server):
    s = login(server, "leader")
    me = s.get(server.url + "/api/v1/session")
    assert me.status_code == 200 and me.json()["user"]["role"] == "leader"
    out = s.delete(server.url + "/api/v1/session")
    assert out.status_code == 200
    assert "Max-Age=0" in out.headers["Set-Cookie"]
    # the old cookie no longer works even if a client keeps sending it
    stale = requests.get(server.url + "/api/v1/session",
                         cookies={"motcua_session": s.cookies.get("motcua_session") or "x"})
    assert_error(stale, 401)


def test_wrong_password_and_unknown_user(server):
    for body in ({"username": "motcua", "password": "wrong-password"},
                 {"username": "nobody", "password": "whatever123"}):
        r = requests.post(server.url + "/api/v1/session", json=body)
        err = assert_error(r, 401)
        assert err["message"] == "Sai tên đăng nhập hoặc mật khẩu"


def test_login_input_validation(server):
    url = server.url + "/api/v1/session"
    assert_error(requests.post(url, data="{", headers=JSON), 400)
    assert_error(requests.post(url, json=["a"]), 400)
    assert_error(requests.post(url, json={"username": "motcua"}), 400, "password")
    assert_error(requests.post(url, json={"username": 5, "password": "x"}), 400, "username")
    assert_error(requests.post(url, json={"username": "a", "password": "b", "extra": 1}), 400, "extra")
    assert_error(requests.post(url, data='{"username":"a","username":"b","password":"c"}', headers=JSON),
                 400)


def test_csrf_required_for_cookie_writes(server):
    s = login(server, "admin")
    token = s.headers.pop("X-CSRF-Token")
    body = {"username": "csrfvictim", "role": "clerk", "unit": COMMUNE, "password": "password-123"}
    err = assert_error(s.post(server.url + "/api/v1/users", json=body), 403, "X-CSRF-Token")
    assert "CSRF" in err["message"]
    assert_error(s.post(server.url + "/api/v1/users", json=body,
                        headers={"X-CSRF-Token": token[:-1] + "x"}), 403)
    assert_error(s.delete(server.url + "/api/v1/session"), 403)
    # nothing was created by the refused requests
    listed = s.get(server.url + "/api/v1/users").json()["users"]
    assert "csrfvictim" not in [u["username"] for u in listed]
    # with the token it works
    r = s.post(server.url + "/api/v1/users", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text


def test_throttling_after_repeated_failures(demo_db):
    srv = Server(demo_db)  # a fresh server: throttling state is per process
    try:
        url = srv.url + "/api/v1/session"
        for _ in range(5):
            assert_error(requests.post(url, json={"username": "lanhdao", "password": "bad-guess-1"}), 401)
        r = requests.post(url, json={"username": "lanhdao", "password": "lanhdao@2025"})
        assert_error(r, 429)
        assert int(r.headers["Retry-After"]) > 0
        # another user from the same address is not locked out by lanhdao's failures
        ok = requests.post(url, json={"username": "motcua", "password": "motcua@2025"})
        assert ok.status_code == 200
    finally:
        srv.stop()


def test_bearer_tokens(server, demo_db):
    token = run("token", "add", "portal-sync", "--role", "integration", "--unit", PROVINCE,
                "--db", demo_db, check=0).stdout.strip()
    assert token.startswith("mct_")
    h = {"Authorization": "Bearer " + token}
    r = requests.get(server.url + "/api/v1/session", headers=h)
    assert_error(r, 401)  # a token is not a cookie session
    assert_error(requests.get(server.url + "/api/v1/catalogue/units",
                              headers={"Authorization": "Bearer mct_wrong"}), 401)
    assert_error(requests.get(server.url + "/api/v1/catalogue/units",
                              headers={"Authorization": "Basic abc"}), 401)
    # integration tokens may not manage users; no CSRF needed for bearer writes, so the
    # refusal is the role check itself
    r = requests.post(server.url + "/api/v1/users", headers=h,
                      json={"username": "viatoken", "role": "clerk", "unit": COMMUNE,
                            "password": "password-123"})
    assert_error(r, 403)
    admin_token = run("token", "add", "ops", "--role", "admin", "--unit", PROVINCE,
                      "--db", demo_db, check=0).stdout.strip()
    r = requests.post(server.url + "/api/v1/users", headers={"Authorization": "Bearer " + admin_token},
                      json={"username": "viatoken", "role": "clerk", "unit": COMMUNE,
                            "password": "password-123"})
    assert r.status_code == 201, r.text


def test_role_and_unit_scope(server, demo_db):
    run("user", "add", "qtxa", "--role", "admin", "--unit", OTHER_COMMUNE, "--password-stdin",
        "--db", demo_db, input="qtxa-password\n", check=0)
    commune_admin = login(server, "qtxa", "qtxa-password")
    new_user = {"username": "cbconTien", "role": "clerk", "unit": OTHER_COMMUNE, "password": "password-123"}
    # invalid name (upper case) is bad input
    assert_error(commune_admin.post(server.url + "/api/v1/users", json=new_user), 400, "username")
    new_user["username"] = "cbcontien"
    assert commune_admin.post(server.url + "/api/v1/users", json=new_user).status_code == 201
    # a commune admin cannot create users in the province or another commune
    for unit in (PROVINCE, COMMUNE):
        r = commune_admin.post(server.url + "/api/v1/users",
                               json={**new_user, "username": "x" + unit[-6:-4], "unit": unit})
        assert_error(r, 403, "unit")
    # and sees only the users of their own commune
    names = [u["username"] for u in commune_admin.get(server.url + "/api/v1/users").json()["users"]]
    assert sorted(names) == ["cbcontien", "qtxa"]
    assert_error(commune_admin.get(server.url + "/api/v1/users", params={"unit": PROVINCE}), 403)
    # the provincial admin reaches every unit below the province
    province_admin = login(server, "admin")
    listed = province_admin.get(server.url + "/api/v1/users", params={"unit": OTHER_COMMUNE})
    assert sorted(u["username"] for u in listed.json()["users"]) == ["cbcontien", "qtxa"]
    # leaders, clerks and specialists do not manage users
    for role in ("leader", "clerk", "specialist"):
        assert_error(login(server, role).get(server.url + "/api/v1/users"), 403)
    # the public must log in
    assert_error(requests.get(server.url + "/api/v1/users"), 401)
    # duplicate user name
    assert_error(province_admin.post(server.url + "/api/v1/users", json=new_user), 409)
    # unknown unit and role
    assert_error(province_admin.post(server.url + "/api/v1/users",
                                     json={**new_user, "username": "zz", "role": "boss"}), 400, "role")


def test_password_change_ends_sessions(server, demo_db):
    run("user", "add", "doimatkhau", "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
        "--db", demo_db, input="first-password\n", check=0)
    s = login(server, "doimatkhau", "first-password")
    other = login(server, "doimatkhau", "first-password")
    r = s.post(server.url + "/api/v1/session/password",
               json={"old_password": "not-it", "new_password": "second-password"})
    assert_error(r, 422, "old_password")
    r = s.post(server.url + "/api/v1/session/password",
               json={"old_password": "first-password", "new_password": "short"})
    assert_error(r, 400, "password")
    r = s.post(server.url + "/api/v1/session/password",
               json={"old_password": "first-password", "new_password": "second-password"})
    assert r.status_code == 200
    assert_error(other.get(server.url + "/api/v1/session"), 401)
    assert_error(requests.post(server.url + "/api/v1/session",
                               json={"username": "doimatkhau", "password": "first-password"}), 401)
    login(server, "doimatkhau", "second-password")


def test_admin_password_reset_in_scope(server, demo_db):
    admin = login(server, "admin")
    r = admin.post(server.url + "/api/v1/users/motcua/password", json={"password": "reset-by-admin"})
    assert r.status_code == 200
    login(server, "motcua", "reset-by-admin")
    admin.post(server.url + "/api/v1/users/motcua/password", json={"password": "motcua@2025"})
    assert_error(admin.post(server.url + "/api/v1/users/nobody/password", json={"password": "x" * 10}), 404)
    clerk = login(server, "clerk")
    assert_error(clerk.post(server.url + "/api/v1/users/lanhdao/password",
                            json={"password": "hijacked-1"}), 403)

"""The HTTP server as a protocol peer: error statuses and shapes, size limits, malformed
requests (each answered while the server keeps serving), metrics, graceful shutdown."""
import re
import socket
from urllib.parse import urlparse

import requests

from conftest import assert_error, login
from motcua import Server
from poll import wait_until


JSON = {"Content-Type": "application/json"}  # a raw JSON body, sent as JSON


def raw(server, data, read_timeout=10):
    """Sends raw bytes and returns the status code of the answer (0 if none)."""
    u = urlparse(server.url)
    with socket.create_connection((u.hostname, u.port), timeout=read_timeout) as s:
        s.sendall(data)
        buf = b""
        try:
            while b"\r\n" not in buf:
                chunk = s.recv(4096)
                if not chunk:
                    break
                buf += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    m = re.match(rb"HTTP/1\.[01] (\d{3})", buf)
    return int(m.group(1)) if m else 0


def still_serving(server):
    assert requests.get(server.url + "/healthz", timeout=5).json()["status"] == "ok"


def test_not_found_and_method_not_allowed(server):
    err = assert_error(requests.get(server.url + "/api/v1/nothing"), 404)
    assert err["code"] == "not_found"
    assert_error(requests.put(server.url + "/healthz"), 405)
    assert_error(requests.delete(server.url + "/api/v1/catalogue/units"), 405)
    r = requests.head(server.url + "/healthz")
    assert r.status_code == 200 and r.text == ""


def test_security_headers(server):
    r = requests.get(server.url + "/api/v1/catalogue/fields")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"


def test_body_too_large(server):
    big = b'{"username":"' + b"a" * (2 * 1024 * 1024) + b'","password":"x"}'
    try:
        r = requests.post(server.url + "/api/v1/session", data=big,
                          headers={"Content-Type": "application/json"})
        assert_error(r, 413)
    except requests.ConnectionError:
        pass  # the server may close before the client finished sending; it must not crash
    status = raw(server, b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n")
    assert status == 413
    still_serving(server)


def test_chunked_body_too_large(server):
    def chunks():
        for _ in range(40):
            yield b"x" * 65536
    try:
        r = requests.post(server.url + "/api/v1/session", data=chunks(), headers=JSON)
        assert_error(r, 413)
    except requests.ConnectionError:
        pass
    still_serving(server)


def test_url_and_headers_too_large(server):
    r = requests.get(server.url + "/api/v1/catalogue/procedures?q=" + "a" * 3000)
    assert r.status_code in (414, 400)
    status = raw(server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 100000 + b"\r\n\r\n")
    assert status in (413, 431, 400)
    status = raw(server, b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status in (414, 413, 431, 400)
    still_serving(server)


def test_malformed_requests(server):
    assert raw(server, b"GARBAGE\r\n\r\n") in (400, 0)
    assert raw(server, b"GET /healthz HTTP/9.9\r\n\r\n") in (400, 505, 0)
    assert raw(server, b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n") in (400, 413)
    r = requests.post(server.url + "/api/v1/session", data=b'{"username":"\xff\xfe","password":"x"}',
                      headers=JSON)
    assert_error(r, 400)
    r = requests.post(server.url + "/api/v1/session", data=b'{"username":"a\\u0000b","password":"x"}',
                      headers=JSON)
    assert_error(r, 400)
    r = requests.get(server.url + "/api/v1/catalogue/procedures?q=%ff%fe")
    assert_error(r, 400)
    r = requests.post(server.url + "/api/v1/session", data="[" * 100000, headers=JSON)
    assert_error(r, 400)
    r = requests.post(server.url + "/api/v1/session", data="", headers=JSON)
    assert_error(r, 400)
    still_serving(server)


def test_keep_alive(server):
    with requests.Session() as s:
        for _ in range(20):
            assert s.get(server.url + "/healthz").status_code == 200


def test_metrics_parseable(server):
    requests.get(server.url + "/api/v1/catalogue/units")
    requests.get(server.url + "/no/such/route")
    text = login(server, "admin").get(server.url + "/metrics").text
    sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,|(?=\})))*\})? '
                        r'(-?[0-9.e+]+|\+Inf|NaN)$')
    families = {}
    for line in text.splitlines():
        if line.startswith("# TYPE"):
            _, _, name, kind = line.split()
            families[name] = kind
        elif line and not line.startswith("#"):
            assert sample.match(line), line
    assert families["motcua_http_requests_total"] == "counter"
    assert families["motcua_http_request_duration_seconds"] == "histogram"
    assert re.search(r'motcua_http_requests_total\{method="GET",route="/api/v1/catalogue/units",'
                     r'status="200"\} [1-9]', text)
    assert re.search(r'motcua_http_requests_total\{method="",route="none",status="404"\} [1-9]', text)
    buckets = [float(v) for v in re.findall(r'_bucket\{le="[^"]+"\} (\d+)', text)]
    assert buckets == sorted(buckets)
    count = float(re.search(r"duration_seconds_count (\d+)", text).group(1))
    assert buckets[-1] == count


def test_access_log_is_logfmt(server):
    def logged():
        return [l for l in server.stderr().splitlines() if "msg=request" in l and "/healthz" in l]

    before = len(logged())  # the server's own start-up checks are logged too
    requests.get(server.url + "/healthz?probe=1")
    # the line is written when the request completes, which may be just after the answer
    lines = wait_until(lambda: len(logged()) > before and logged(), 10, "the access log line")
    assert re.match(r"ts=\S+ level=info msg=request method=GET path=/healthz status=200 bytes=\d+ "
                    r"dur_ms=[0-9.]+ ip=127\.0\.0\.1", lines[-1]), lines[-1]


def test_graceful_shutdown(demo_db):
    srv = Server(demo_db)
    assert requests.get(srv.url + "/healthz").status_code == 200
    srv.stop()  # asserts exit code 0 and a clean stderr
    try:
        requests.get(srv.url + "/healthz", timeout=2)
        assert False, "server still answering after SIGTERM"
    except requests.ConnectionError:
        pass

"""The same data gives the same answers on SQLite and on PostgreSQL: one source file imported
into a SQLite file and into a PostgreSQL database (of the test run's cluster, whatever
MOTCUA_STORE says), then the reports of every grouping, the export (events with their hashes),
the change feed, the officer search with and without diacritics, the catalogue search and
verify compared between the two; then recount mends damaged counters on PostgreSQL."""
import requests

from conftest import login
from motcua import PROVINCE, Server, connect, export_lines, pg_cluster, run
from test_interchange import DISTRICT, dossier, history, source_file


def test_sqlite_and_postgresql_answer_alike(tmp_path):
    src = source_file(tmp_path / "src.jsonl", [dossier(n, history(n)) for n in range(1, 61)])
    lite = str(tmp_path / "lite.db")
    pg = pg_cluster().new_database()
    for db in (lite, pg):
        run("init", "--db", db, "--demo", check=0)
        run("import", "--db", db, src, check=0)
        run("verify", "--db", db, check=0)

    def both(*args, same=lambda out: out):
        a, b = (run(*args[:1], "--db", db, *args[1:], check=0).stdout for db in (lite, pg))
        assert same(a) == same(b), args
        return a

    for by in ("field", "unit", "procedure"):
        both("report", "--period", "2023-10", "--by", by, "--format", "json")
    both("report", "--from", "2023-10-03", "--to", "2023-11-20", "--unit", DISTRICT, "--format",
         "csv")
    assert "Tổng cộng" in both("report", "--period", "2023-Q4", "--format", "text")
    dump = both("export", same=export_lines)
    assert dump.count('"type":"dossier"') == 60
    token = {}
    for db in (lite, pg):
        token[db] = run("token", "add", "cmp", "--role", "integration", "--unit", PROVINCE,
                        "--db", db, check=0).stdout.strip()
    servers = {db: Server(db) for db in (lite, pg)}
    try:
        def answers(path, params, who=None):
            got = []
            for db, srv in servers.items():
                s = login(srv, who) if who else requests.Session()
                if not who:
                    s.headers["Authorization"] = "Bearer " + token[db]
                r = s.get(srv.url + path, params=params)
                assert r.status_code == 200, r.text
                got.append(r.json())
            assert got[0] == got[1], (path, params)
            return got[0]

        feed = answers("/api/v1/events", {"after": 0, "limit": 1000})
        assert len(feed["events"]) == sum(len(history(n)) for n in range(1, 61))
        for q in ("Công dân số 7", "cong dan so 7", "CONG DAN", "0912000007", "số 1"):
            found = answers("/api/v1/dossiers", {"q": q, "limit": 100}, "leader")
            assert found["dossiers"], q
        for q in ("đăng ký kết hôn", "dang ky ket hon", "dang ki", "1.004873"):
            assert answers("/api/v1/catalogue/procedures", {"q": q})["procedures"], q
        answers("/api/v1/dossiers", {"overdue": "1", "limit": 100}, "leader")
    finally:
        for srv in servers.values():
            srv.stop()
    # counters damaged on PostgreSQL: verify says so, recount mends them to SQLite's figures
    con = connect(pg)
    con.execute("UPDATE stat_day SET recv_other = recv_other + 7, res_late = res_late + 1")
    con.execute("DELETE FROM stat_month")
    con.execute("UPDATE stat_state SET n = n + 3")
    assert run("verify", "--db", pg).returncode == 1
    assert "; 0 counter groups" not in run("recount", "--db", pg, check=0).stdout
    run("verify", "--db", pg, check=0)
    both("report", "--period", "2023-10", "--by", "unit", "--format", "json")

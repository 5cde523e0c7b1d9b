"""A paper is digitized, and a result electronic, only when a stored file backs it; a source
system's flags, imported, still count in the Decision 766 indicators, and the report tells the
two apart (docs/INTERFACES.md §2.2 "Electronic files", §7.1 "digitization")."""
import json

import requests

from clock import Clock
from conftest import assert_error, login
from htmlcheck import assert_page
from motcua import COMMUNE, Server, demo_store, run

PROCEDURE = "1.004873"  # Giấy xác nhận tình trạng hôn nhân: no approval, 3 working days
PAPER = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"


def pdf(text):
    return b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n"


def source_line():
    """A dossier of a source system, received and resolved in November 2025, its paper and its
    result marked electronic by that system (no file comes with an interchange line)."""
    ev = lambda i, at, action, **f: {"id": f"nguon-{i}", "at": at, "action": action,
                                     "by": "cb.nguon", **f}
    return {"type": "dossier", "code": f"{COMMUNE}-251103-0001", "procedure": PROCEDURE,
            "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Người nộp nguồn", "phone": "0912000001"},
            "components": [{"name": PAPER, "digitized": True}],
            "events": [ev(1, "2025-11-03T08:00:00+07:00", "receive"),
                       ev(2, "2025-11-04T09:00:00+07:00", "resolve", outcome="approved",
                          result_digitized=True)]}


def official(srv, session, store_unit=COMMUNE):
    r = session.get(srv.url + "/api/v1/reports/official",
                    params={"unit": store_unit, "period": "2025-11"})
    assert r.status_code == 200, r.text
    return r.json()


def test_files_and_source_marks_counted_apart(tmp_path):
    db = demo_store(tmp_path)
    src = tmp_path / "nguon.jsonl"
    src.write_text(json.dumps(source_line(), ensure_ascii=False) + "\n")
    run("import", "--db", db, str(src), check=0)
    clock = Clock(tmp_path / "now", "2025-11-05 07:55:00")
    srv = Server(db, clock=clock)
    try:
        clerk, specialist = login(srv, "clerk"), login(srv, "specialist")
        clock.set("2025-11-05 08:00:00")
        # the intake's own "digitized" is not believed: every paper starts on paper
        r = clerk.post(srv.url + "/api/v1/dossiers", json={
            "procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": "Người nộp tại quầy", "phone": "0912000002"},
            "components": [{"name": PAPER, "digitized": True}]})
        assert r.status_code == 201, r.text
        code = r.json()["code"]
        d = clerk.get(srv.url + "/api/v1/dossiers/" + code).json()
        assert [c["digitized"] for c in d["components"]] == [False]
        # nor is a digitize action without its file, nor a resolve that says it is electronic
        assert_error(clerk.post(srv.url + f"/api/v1/dossiers/{code}/events",
                                json={"action": "digitize", "component": PAPER}), 422, "action")
        assert_error(specialist.post(srv.url + f"/api/v1/dossiers/{code}/events",
                                     json={"action": "resolve", "outcome": "approved",
                                           "result_digitized": True}), 422, "result_digitized")
        # the scan and the result's file make them so
        for who, fields in ((clerk, {"kind": "component", "name": PAPER}),
                            (specialist, {"kind": "result"})):
            r = who.post(srv.url + f"/api/v1/dossiers/{code}/documents", data=fields,
                         files={"file": ("ban-quet.pdf", pdf(code + fields["kind"]),
                                         "application/pdf")})
            assert r.status_code == 201, r.text
        r = specialist.post(srv.url + f"/api/v1/dossiers/{code}/events",
                            json={"action": "resolve", "outcome": "approved"})
        assert r.status_code == 200 and r.json()["result_digitized"] is True, r.text
        files = [e for e in r.json()["events"] if e["action"] == "digitize"]
        assert [len(e["file"]) for e in files] == [64, 64]  # each names its file's SHA-256

        # both dossiers count in the indicators; the report says which have their files
        rep = official(srv, clerk)
        assert rep["indicators"]["components_digitized_rate"]["numerator"] == 2
        assert rep["indicators"]["results_digitized_rate"]["numerator"] == 2
        assert rep["digitization"] == {
            "components": {"digitized": 2, "with_file": 1, "source_mark": 1},
            "results": {"electronic": 2, "with_file": 1, "source_mark": 1}}
        page = assert_page(clerk.get(srv.url + "/bao-cao", params={"period": "2025-11"}))
        assert ("trong 2 hồ sơ có thành phần được số hóa, 1 hồ sơ có tệp lưu trong hệ thống "
                "và 1 hồ sơ được tính theo đánh dấu của hệ thống nguồn") in page
        text = run("report", "--db", db, "--period", "2025-11", "--unit", COMMUNE, check=0).stdout
        assert "1 hồ sơ được tính theo đánh dấu của hệ thống nguồn" in text
    finally:
        srv.stop()
    # the counters are what a replay of the histories gives
    run("verify", "--db", db, check=0)

    # exported and imported elsewhere, the files stay behind: the events come in as marks
    out = run("export", "--db", db, check=0).stdout
    (tmp_path / "khac").mkdir()
    other = demo_store(tmp_path / "khac")
    dump = tmp_path / "xuat.jsonl"
    dump.write_text(out)
    run("import", "--db", other, str(dump), check=0)
    rep = json.loads(run("report", "--db", other, "--period", "2025-11", "--unit", COMMUNE,
                         "--format", "json", check=0).stdout)
    assert rep["digitization"]["components"] == {"digitized": 2, "with_file": 0, "source_mark": 2}
    assert rep["digitization"]["results"] == {"electronic": 2, "with_file": 0, "source_mark": 2}
    # a second import of the same file changes nothing
    again = run("import", "--db", other, str(dump), check=0)
    assert again.returncode == 0
    run("verify", "--db", other, check=0)

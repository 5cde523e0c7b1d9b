"""The command line: help, version, exit codes, init, users, tokens, import/export,
verify and backup."""
import json
import os
import sqlite3
import subprocess

from motcua import BIN, COMMUNE, PROVINCE, child_env, run


def test_help_and_version():
    p = run("--help", check=0)
    for cmd in ("init", "serve", "import", "export", "user", "token", "backup", "verify"):
        assert "motcua " + cmd in p.stdout
    assert run("--version", check=0).stdout.startswith("motcua ")
    for cmd in ("init", "serve", "import", "user", "token", "backup", "verify", "export"):
        assert run(cmd, "--help", check=0).stdout.startswith("motcua " + cmd)
    assert run(check=2).returncode == 2
    assert run("frobnicate", check=2).returncode == 2
    assert "--db" in run("init", "--bogus", check=2).stderr


def test_db_required_and_env(tmp_path):
    assert "MOTCUA_DB" in run("init", check=2).stderr
    db = str(tmp_path / "env.db")
    run("init", env={"MOTCUA_DB": db}, check=0)
    assert os.path.exists(db)
    run("verify", env={"MOTCUA_DB": db}, check=0)


def test_init_is_idempotent_and_wal(tmp_path):
    db = str(tmp_path / "m.db")
    run("init", "--db", db, "--demo", check=0)
    out = run("init", "--db", db, "--demo", check=0).stdout
    assert "quantri" in out
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT count(*) FROM user").fetchone()[0] == 5
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] >= 1
    con.close()


def test_open_refuses_non_store(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all" * 100)
    assert run("verify", "--db", str(junk)).returncode in (1, 2)
    missing = str(tmp_path / "missing.db")
    assert run("verify", "--db", missing).returncode in (1, 2)
    assert not os.path.exists(missing)


def test_users_and_tokens(tmp_path):
    db = str(tmp_path / "u.db")
    run("init", "--db", db, "--demo", check=0)
    run("user", "add", "nguyenvana", "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
        "--db", db, input="mat-khau-an-toan\n", check=0)
    assert "nguyenvana" in run("user", "list", "--db", db, check=0).stdout
    bad = run("user", "add", "x", "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
              "--db", db, input="mat-khau-an-toan\n")
    assert bad.returncode == 2 and "username" not in bad.stdout
    assert run("user", "add", "bob2", "--role", "king", "--unit", COMMUNE, "--password-stdin",
               "--db", db, input="mat-khau-an-toan\n").returncode == 2
    assert run("user", "add", "bob3", "--role", "clerk", "--unit", "999.99.99.Z99", "--password-stdin",
               "--db", db, input="mat-khau-an-toan\n").returncode == 2
    assert run("user", "add", "nguyenvana", "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
               "--db", db, input="mat-khau-an-toan\n").returncode == 2
    assert run("user", "add", "bob4", "--role", "clerk", "--unit", COMMUNE, "--password-stdin",
               "--db", db, input="short\n").returncode == 2
    assert run("user", "add", "bob5", "--role", "clerk", "--unit", COMMUNE, "--db", db,
               input="").returncode == 2  # no terminal, no --password-stdin
    run("user", "passwd", "nguyenvana", "--password-stdin", "--db", db, input="mat-khau-moi-1\n", check=0)
    assert run("user", "passwd", "nobody", "--password-stdin", "--db", db,
               input="mat-khau-moi-1\n").returncode == 2
    con = sqlite3.connect(db)
    h = con.execute("SELECT password_hash FROM user WHERE name='nguyenvana'").fetchone()[0]
    assert h.startswith("$argon2id$") and "mat-khau" not in h
    t1 = run("token", "add", "sync", "--role", "integration", "--unit", PROVINCE, "--db", db, check=0).stdout.strip()
    t2 = run("token", "add", "sync", "--role", "integration", "--unit", PROVINCE, "--db", db, check=0).stdout.strip()
    assert t1 != t2 and t1.startswith("mct_") and len(t1) > 40
    stored = [r[0] for r in con.execute("SELECT token_hash FROM api_token")]
    assert len(stored) == 2 and all(len(b) == 32 for b in stored)
    assert t1.encode() not in b"".join(stored)
    con.close()


def catalogue(db):
    """Every catalogue row, without updated_at (it differs between stores)."""
    con = sqlite3.connect(db)
    rows = {}
    for t in ("unit", "field", "procedure", "procedure_component", "chain", "chain_step"):
        cur = con.execute(f"SELECT * FROM {t} ORDER BY 1")
        keep = [i for i, c in enumerate(cur.description) if c[0] != "updated_at"]
        rows[t] = [tuple(r[i] for i in keep) for r in cur.fetchall()]
    con.close()
    return rows


def test_export_import_round_trip(tmp_path):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run("init", "--db", a, "--demo", check=0)
    run("init", "--db", b, check=0)
    dump = run("export", "--db", a, check=0).stdout
    lines = [json.loads(l) for l in dump.splitlines()]
    assert [l["type"] for l in lines] == sorted((l["type"] for l in lines),
                                                key=["unit", "field", "procedure", "chain",
                                                     "user", "queue_group", "queue_counter",
                                                     "dossier", "operation"].index)
    f = tmp_path / "dump.jsonl"
    f.write_text(dump)
    run("import", "--db", b, str(f), check=0)
    assert catalogue(a) == catalogue(b)
    before = catalogue(b)
    run("import", "--db", b, str(f), check=0)  # the same file twice changes nothing
    assert catalogue(b) == before
    assert run("export", "--db", b, check=0).stdout == dump
    # stdin works too
    run("import", "--db", b, "-", input=dump, check=0)


BAD_LINES = [
    ("{not json", "line 2"),
    ('["an", "array"]', "line 2"),
    ('{"type":"spaceship"}', "type"),
    ('{"type":"unit","code":"bad","name":"X","level":"commune"}', "code"),
    ('{"type":"unit","code":"000.00.99.H50","name":"","level":"commune"}', "name"),
    ('{"type":"unit","code":"000.00.99.H50","name":"X","level":"village"}', "level"),
    ('{"type":"unit","code":"000.00.99.H50","name":"X","level":"commune","parent":"000.00.99.H50"}', "parent"),
    ('{"type":"unit","code":"000.00.99.H50","name":"X","level":"commune","successor":"000.00.98.H50"}', "successor"),
    ('{"type":"unit","code":"000.00.99.H50","name":"X","level":"commune","valid_from":"2025-13-01"}', "valid_from"),
    ('{"type":"unit","code":"000.00.99.H50","name":"X","level":"commune","colour":"red"}', "colour"),
    ('{"type":"field","code":"ht","name":"x"}', "code"),
    ('{"type":"procedure","code":"1.999999","name":"X","field":"NOPE","level":"commune","processing":{"days":1},"online":"none"}', "NOPE"),
    ('{"type":"procedure","code":"1.999999","name":"X","field":"HT","level":"commune","processing":{"days":0},"online":"none"}', "processing"),
    ('{"type":"procedure","code":"1.999999","name":"X","field":"HT","level":"commune","processing":{"days":1,"hours":2},"online":"none"}', "processing"),
    ('{"type":"procedure","code":"1.999999","name":"X","field":"HT","level":"commune","processing":{"days":1},"online":"none","fee":-5}', "fee"),
    ('{"type":"procedure","code":"1.999999","name":"X","field":"HT","level":"commune","processing":{"days":1},"online":"none","fee":1e400}', "line 2"),
    ('{"type":"procedure","code":"1.999999","name":"X","field":"HT","level":"commune","processing":{"days":"3"},"online":"none"}', "processing"),
    ('{"type":"field","code":"HT","name":"Hộ\\u0000tịch"}', "line 2"),
    ('{"type":"field","code":"HT","code":"CT","name":"x"}', "line 2"),
]


def test_import_rejects_bad_lines_and_changes_nothing(tmp_path):
    db = str(tmp_path / "i.db")
    run("init", "--db", db, check=0)
    good = '{"type":"field","code":"HT","name":"Hộ tịch"}\n'
    for bad, needle in BAD_LINES:
        f = tmp_path / "bad.jsonl"
        f.write_text(good + bad + "\n" + '{"type":"field","code":"CT","name":"Chứng thực"}\n')
        p = run("import", "--db", db, str(f))
        assert p.returncode == 2, (bad, p.stdout, p.stderr)
        assert "line 2" in p.stderr and needle in p.stderr, (bad, p.stderr)
        con = sqlite3.connect(db)
        assert con.execute("SELECT count(*) FROM field").fetchone()[0] == 0, bad
        con.close()
    f = tmp_path / "utf8.jsonl"
    f.write_bytes(good.encode() + b'{"type":"field","code":"CT","name":"\xff"}\n')
    p = run("import", "--db", db, str(f))
    assert p.returncode == 2 and "line 2" in p.stderr
    assert run("import", "--db", db, str(tmp_path / "missing.jsonl")).returncode == 2


def test_verify_and_backup(tmp_path):
    db = str(tmp_path / "v.db")
    run("init", "--db", db, "--demo", check=0)
    run("verify", "--db", db, check=0)
    out = str(tmp_path / "copy.db")
    run("backup", "--db", db, out, check=0)
    run("verify", "--db", out, check=0)
    assert catalogue(db) == catalogue(out)
    assert run("backup", "--db", db, out).returncode == 2  # never overwrite
    # a broken reference is found by verify
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("UPDATE user SET unit='999.99.99.Z99' WHERE name='motcua'")
    con.commit()
    con.close()
    p = run("verify", "--db", db)
    assert p.returncode == 1 and "user" in p.stdout


def test_lost_output_is_a_failure(demo_db):
    """What a command prints to a full disk is lost: it must not exit 0."""
    for args in (["calendar", "2023"], ["calendar", "2023", "--json"],
                 ["report", "--db", demo_db, "--period", "2023", "--format", "json"],
                 ["user", "list", "--db", demo_db]):
        with open("/dev/full", "w") as full:
            p = subprocess.run([BIN, *args], stdout=full, stderr=subprocess.PIPE, text=True,
                               env=child_env())
        assert p.returncode == 1, (args, p.stderr)
        assert "stdout" in p.stderr


def test_design_example_imports_into_an_empty_store(tmp_path):
    """docs/INTERFACES.md's example: its district's province is defined by no line; the district comes
    in without a parent, and a later file that defines the province and the district again
    links them."""
    db = str(tmp_path / "x.db")
    run("init", "--db", db, check=0)
    district = {"type": "unit", "code": "000.00.21.H50", "name": "UBND huyện Gio Linh",
                "level": "district", "parent": "000.00.00.H50"}
    lines = [district,
             {"type": "field", "code": "HT", "name": "Hộ tịch"},
             {"type": "procedure", "code": "1.001193", "name": "Thủ tục đăng ký khai sinh",
              "field": "HT", "level": "commune", "processing": {"days": 3}, "online": "full",
              "fee": 0},
             {"type": "dossier", "code": "000.00.21.H50-231016-0001", "procedure": "1.001193",
              "unit": "000.00.21.H50", "channel": "online", "full_online": True, "fee": 8000,
              "applicant": {"name": "Nguyễn Văn An", "id_number": "045090001234",
                            "phone": "0912345678", "address": "..."},
              "received_at": "2023-10-16T08:12:00+07:00", "due_at": "2023-10-19T08:12:00+07:00",
              "components": [{"name": "Tờ khai đăng ký khai sinh", "digitized": True}],
              "events": [{"id": "e1", "at": "2023-10-16T08:12:00+07:00", "action": "receive",
                          "by": "clerk1"},
                         {"id": "e3", "at": "2023-10-17T15:30:00+07:00", "action": "resolve",
                          "outcome": "approved", "result_digitized": True}]}]
    f = tmp_path / "example.jsonl"
    f.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))
    out = run("import", "--db", db, str(f), check=0).stdout
    assert "1 hồ sơ" in out and "để trống cấp trên" in out
    con = sqlite3.connect(db)
    assert con.execute("SELECT parent FROM unit WHERE code = '000.00.21.H50'").fetchone() == (None,)
    before = con.execute("SELECT * FROM unit").fetchall()
    run("import", "--db", db, str(f), check=0)  # again: nothing changes
    assert con.execute("SELECT * FROM unit").fetchall() == before
    province = {"type": "unit", "code": "000.00.00.H50", "name": "UBND tỉnh Quảng Trị",
                "level": "province"}
    f.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in (district, province)))
    run("import", "--db", db, str(f), check=0)
    assert con.execute("SELECT parent FROM unit WHERE code = '000.00.21.H50'").fetchone() == (
        "000.00.00.H50",)
    con.close()
    run("verify", "--db", db, check=0)

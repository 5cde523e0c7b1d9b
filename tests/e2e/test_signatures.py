"""Digital signatures and the whole dossier in its hash chain (docs/ARCHITECTURE.md §10): units'
certificates (cert import/list/revoke, the demo CA of init --demo), results signed with a
detached CMS signature that `openssl cms -verify` accepts, forms signed over their canonical
content and checked on the public page /xac-thuc, revocation by day, and `motcua verify`
naming a dossier whose applicant was changed outside the chain."""
import hashlib
import os
import re
import sqlite3
import subprocess

import requests

from conftest import assert_error, login
from motcua import COMMUNE, PROVINCE, Server, run
from test_documents import new_dossier, pdf, upload


def verify(db):
    return run("verify", "--db", db)


def test_applicant_renamed_in_the_file_fails_verify(server, tmp_path):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090007777")
    untouched = new_dossier(server, clerk, "045090007778")
    copy = str(tmp_path / "copy.db")
    run("backup", "--db", server.db, copy, check=0)
    assert verify(copy).returncode == 0
    con = sqlite3.connect(copy)
    applicant = con.execute("SELECT applicant FROM dossier WHERE code = ?", (code,)).fetchone()[0]
    assert "Nguyễn Thị Lan" in applicant
    con.execute("UPDATE dossier SET applicant = ? WHERE code = ?",
                (applicant.replace("Nguyễn Thị Lan", "Nguyễn Thị Lân"), code))
    con.commit()
    con.close()
    p = verify(copy)
    assert p.returncode == 1, p.stdout
    problems = [line for line in p.stdout.splitlines() if line.startswith("LỖI")]
    assert len(problems) == 1, p.stdout
    assert code in problems[0] and "người nộp" in problems[0] and untouched not in p.stdout


def test_a_component_changed_in_the_file_fails_verify(server, tmp_path):
    clerk = login(server, "clerk")
    code = new_dossier(server, clerk, "045090007779")
    copy = str(tmp_path / "copy.db")
    run("backup", "--db", server.db, copy, check=0)
    con = sqlite3.connect(copy)
    con.execute("UPDATE dossier SET components = '[]' WHERE code = ?", (code,))
    con.commit()
    con.close()
    p = verify(copy)
    assert p.returncode == 1 and code in p.stdout and "thành phần" in p.stdout, p.stdout

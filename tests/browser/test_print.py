"""The receipt (Mẫu 01) on paper, as Chromium prints it (--print-to-pdf, the page's own
@page size) and poppler's pdfinfo and pdftotext read it back: with two papers it fits one A5
sheet, QR codes (look-up and digital signature) and both signatures included; with ten it runs onto a second sheet in the same
type, every paper listed and the signatures kept together."""
import os
import re
import subprocess

import pytest
import requests

from motcua import COMMUNE, DEMO

PROCEDURE = "1.001193"  # đăng ký khai sinh: two required papers


@pytest.fixture(scope="module")
def clerk(server):
    name, pw = DEMO["clerk"]
    s = requests.Session()
    r = s.post(server.url + "/api/v1/session", json={"username": name, "password": pw})
    assert r.status_code == 200, r.text
    s.headers["X-CSRF-Token"] = r.json()["csrf"]
    return s


def receipt(server, clerk, papers):
    """Takes in a dossier with `papers` papers and returns its Mẫu 01 page."""
    p = requests.get(server.url + "/api/v1/catalogue/procedures/" + PROCEDURE).json()
    components = [{"name": c["name"], "digitized": True} for c in p["components"] if c["required"]]
    components += [{"name": "Giấy tờ kèm theo số %d của hồ sơ đề nghị" % i}
                   for i in range(len(components) + 1, papers + 1)]
    body = {"procedure": PROCEDURE, "unit": COMMUNE, "channel": "direct", "components": components,
            "applicant": {"name": "Nguyễn Văn Đức", "phone": "0912345678",
                          "id_number": "045090001234", "email": "duc@example.vn",
                          "address": "Thôn An Hưng, xã Gio Linh, tỉnh Quảng Trị"}}
    r = clerk.post(server.url + "/api/v1/dossiers", json=body)
    assert r.status_code == 201, r.text
    page = clerk.get(server.url + r.json()["receipt_url"])
    assert page.status_code == 200
    return page.text


def printed(html, folder):
    """Prints html with headless Chromium; returns (pages, page size, the text of each page)."""
    src, pdf = folder / "receipt.html", folder / "receipt.pdf"
    src.write_text(html)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", "--user-data-dir=%s" % (folder / "profile"),
                    "--print-to-pdf=%s" % pdf, "file://%s" % src],
                   check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:.*\((\w+)\)", info, re.M)
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                            check=True, capture_output=True, text=True).stdout
             for n in range(1, pages + 1)]
    return pages, size.group(1) if size else None, texts


def test_receipt_with_two_papers_fits_one_a5_sheet(server, clerk, tmp_path):
    html = receipt(server, clerk, 2)
    assert "Mẫu số 01" in html and "Người được ủy quyền" in html  # received in 2025: Circular 03
    pages, size, texts = printed(html, tmp_path)
    assert (pages, size) == (1, "A5"), texts
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in texts[0] and "Nguyễn Thị Mai" in texts[0]
    assert "Vào Sổ theo dõi hồ sơ" in texts[0]
    # the digital signature's mark fits on the sheet too (docs/INTERFACES.md §4)
    assert "Đã ký số" in texts[0] and "xác thực" in texts[0] and 'class="verify-url"' in html


def test_receipt_with_ten_papers_stays_readable(server, clerk, tmp_path):
    html = receipt(server, clerk, 10)
    pages, size, texts = printed(html, tmp_path)
    assert size == "A5" and pages == 2, texts
    every = "".join(texts)
    for i in range(3, 11):
        assert "Giấy tờ kèm theo số %d" % i in every
    # the type is not shrunk to squeeze it in: the receipt's own 11 pt
    assert ".form-compact { font-size: 11pt" in html
    # the signatures stay together, with the names under them
    signing = [t for t in texts if "NGƯỜI NỘP HỒ SƠ" in t]
    assert len(signing) == 1 and "NGƯỜI TIẾP NHẬN HỒ SƠ" in signing[0] \
        and "Nguyễn Văn Đức" in signing[0] and "Nguyễn Thị Mai" in signing[0]

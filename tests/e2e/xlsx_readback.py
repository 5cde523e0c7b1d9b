"""Reads an xlsx back through a real spreadsheet program (LibreOffice, headless), so that a test
sees what a user's spreadsheet sees rather than what libxlsxwriter meant to write. Not a test
module: the report tests import it.

    rows = xlsx_to_csv("bieu06.xlsx")            # first sheet, list of rows (lists of str)
    sheets = xlsx_sheets_to_csv("bieu06.xlsx")   # {"Biểu 06": rows, "Chỉ số": rows}
    total = form_total(rows)                     # columns 3-13 of the "Tổng cộng" row, as int

Cells come back as stored, not as displayed: 66597, not "66,597" (the "#,##0" format depends on
the reader's locale); 38.24, not "38,24". Needs `soffice` (Debian: libreoffice-calc-nogui). One
conversion takes about 1.2-1.6 s on the 2-core test machine. Each call uses its own temporary
LibreOffice profile, so calls may run in parallel and nothing is written to $HOME."""
import csv
import glob
import os
import shutil
import subprocess
import tempfile

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"

# LibreOffice's CSV filter options (tokens, in order): field separator 44 ','; text delimiter
# 34 '"'; character set 76 (UTF-8); first line 1; cell format (none); language 0; quote all
# text false; detect special numbers true; save cell contents as shown FALSE (raw values);
# export formulas false; remove spaces false; then the sheet: N (1-based) or -1 for all sheets.
_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,"


def _convert(path, sheet):
    """Runs the conversion of path with the sheet token; returns {csv file name: rows}."""
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
    with tempfile.TemporaryDirectory(prefix="xlsx_readback.") as tmp:
        out = os.path.join(tmp, "out")
        profile = "file://" + os.path.join(tmp, "profile")
        p = subprocess.run(
            [SOFFICE, "-env:UserInstallation=" + profile, "--headless", "--norestore",
             "--convert-to", _FILTER + str(sheet), "--outdir", out, os.path.abspath(path)],
            capture_output=True, text=True, timeout=120,
            env=dict(os.environ, HOME=tmp))
        files = sorted(glob.glob(os.path.join(out, "*.csv")))
        if not files:
            raise RuntimeError("soffice produced no CSV (exit %d): %s %s"
                               % (p.returncode, p.stdout, p.stderr))
        result = {}
        for f in files:
            with open(f, newline="", encoding="utf-8") as fh:
                result[os.path.basename(f)] = list(csv.reader(fh))
        return result


def xlsx_to_csv(path, sheet=1):
    """Returns the rows of sheet number `sheet` (1-based) of the workbook at path, each row a
    list of cell texts (empty cells as "", merged ranges as their first cell then "")."""
    files = _convert(path, sheet)
    if len(files) != 1:
        raise RuntimeError("expected one CSV, got %s" % sorted(files))
    return next(iter(files.values()))


def xlsx_sheets_to_csv(path):
    """Returns {sheet name: rows} for every sheet of the workbook at path."""
    stem = os.path.splitext(os.path.basename(path))[0]
    sheets = {}
    for name, rows in _convert(path, -1).items():
        base = name[:-len(".csv")]
        sheets[base[len(stem) + 1:] if base.startswith(stem + "-") else base] = rows
    return sheets


def find_row(rows, label, column=1):
    """Returns the first row whose cell `column` (0-based; 1 = the form's column 2, the name)
    equals label, or None."""
    for row in rows:
        if len(row) > column and row[column].strip() == label:
            return row
    return None


def form_total(rows):
    """Returns columns 3-13 of Biểu 06's "Tổng cộng" row as 11 ints (stopped dossiers are
    already folded into columns 7 and 9 by the form)."""
    row = find_row(rows, "Tổng cộng")
    if row is None:
        raise AssertionError("no 'Tổng cộng' row in the sheet")
    return [int(float(cell)) for cell in row[2:13]]

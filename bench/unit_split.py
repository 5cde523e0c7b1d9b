#!/usr/bin/python3
"""bench/unit_split.py: one split that hands over N (10,000) open dossiers by the applicant's
commune. A demo store gets N open dossiers at xã Bến Hải (imported as a source system's, in
the states a unit has open: received, processing, supplement, awaiting payment), their
applicants living in xã Cửa Việt, xã Gio Linh or an old commune merged into Gio Linh; then
`motcua unit split ... --by commune` is timed end to end (process start, plan, one handover
event per dossier with its hash chain and counters, commit), and `motcua verify` checks the
result. Target: under a second for 10,000. The CPU time and the load average are printed
beside the wall time: on a machine shared with other work the wall time grows with the load,
the CPU time does not."""
import argparse
import json
import os
import resource
import shutil
import subprocess
import time

from benchlib import BIN, PROVINCE, demo_store, motcua, tempdir

SPLIT = "000.01.53.H50"  # xã Bến Hải
TARGETS = ["000.01.52.H50", "000.01.51.H50"]  # xã Gio Linh (first), xã Cửa Việt
OLD = {"type": "unit", "code": "000.02.01.H50", "name": "UBND xã Gio Mỹ", "level": "commune",
       "parent": PROVINCE}
ADDRESSES = ["thôn %d, xã Cửa Việt, tỉnh Quảng Trị", "khu phố %d, xã Gio Linh, Quảng Trị",
             "thôn Mỹ Lộc %d, xã Gio Mỹ, huyện Gio Linh"]


def events(n):
    t = "2024-05-%02dT08:%02d:00+07:00" % (1 + n % 28, n % 60)
    later = "2024-05-%02dT15:00:00+07:00" % (1 + n % 28)
    first = [{"id": "e1", "at": t, "action": "receive", "by": "cb"}]
    kind = n % 4
    if kind == 1:
        first.append({"id": "e2", "at": later, "action": "transfer", "to": SPLIT})
    elif kind == 2:
        first.append({"id": "e2", "at": later, "action": "request_supplement",
                      "items": ["Bản sao giấy tờ"]})
    elif kind == 3:
        first.append({"id": "e2", "at": later, "action": "request_payment", "amount": 20000})
    return first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=10000)
    args = ap.parse_args()
    work = tempdir("motcua-bench-split.")
    try:
        db = demo_store(work)
        src = os.path.join(work, "in.jsonl")
        with open(src, "w") as f:
            f.write(json.dumps(OLD, ensure_ascii=False) + "\n")
            for n in range(1, args.dossiers + 1):
                day = 1 + n % 28
                f.write(json.dumps({
                    "type": "dossier", "code": "%s-2405%02d-%04d" % (SPLIT, day, n),
                    "procedure": "1.004873", "unit": SPLIT, "channel": "direct", "fee": 0,
                    "applicant": {"name": "Công dân %d" % n, "phone": "09%08d" % n,
                                  "address": ADDRESSES[n % 3] % n},
                    "events": events(n)}, ensure_ascii=False) + "\n")
        motcua("import", "--db", db, src)
        motcua("unit", "merge", OLD["code"], "--into", TARGETS[0], "--db", db)
        t0, r0 = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([BIN, "unit", "split", SPLIT, "--into", ",".join(TARGETS), "--by",
                              "commune", "--db", db], capture_output=True, text=True)
        seconds, r1 = time.monotonic() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if out.returncode != 0:
            raise SystemExit("split failed: " + out.stderr)
        summary = [l for l in out.stdout.splitlines() if l.startswith("tổng / summary")][0]
        motcua("verify", "--db", db)
        print("split by commune: %d open dossiers handed over in %.3f s (target < 1 s; CPU %.3f s,"
              " load average %.1f)" % (args.dossiers, seconds, cpu, os.getloadavg()[0]))
        print("  " + summary)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

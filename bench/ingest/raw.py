"""Helpers for bench/ingest/run.sh (figures only, never a pass/fail on time).

  raw.py body N                   a JSON batch of N fluoride readings, as the HTTP clients send
  raw.py count DB ITEM            readings stored for ITEM in the SQLite file DB
  raw.py snapshot SRC DST         online copy of the server's database (same schema and parents)
  raw.py insert DB ITEM ROWS BATCH  inserts ROWS readings for ITEM into DB (same pragmas as the
                                  server: WAL, synchronous=FULL, foreign keys on), BATCH rows per
                                  transaction with one prepared INSERT; prints rows/s
"""
import json
import sqlite3
import sys
import time

BASE = 1_700_000_000  # 2023-11-14: measured_at values well in the past


def rows(n):
    for i in range(n):
        yield ("fluoride_mg_l", 1.0 + (i % 3) * 0.5, "mg/L", BASE + i)


def body(n):
    readings = [{"type": t, "value": v, "unit": u,
                 "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))}
                for t, v, u, at in rows(n)]
    sys.stdout.write(json.dumps({"readings": readings}))


def count(path, item):
    with sqlite3.connect(path) as db:
        print(db.execute("SELECT COUNT(*) FROM equipment_readings WHERE item_id = ?",
                         (int(item),)).fetchone()[0])


def snapshot(src, dst):
    """An online copy of the server's database (parents and schema included)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def insert(path, item, total, batch):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    user = db.execute("SELECT id FROM users LIMIT 1").fetchone()[0]
    sql = ("INSERT INTO equipment_readings (item_id, type, value, unit, measured_at, recorded_at, "
           "recorded_by, source) VALUES (?, ?, ?, ?, ?, 0, ?, 'api')")
    data = [(int(item), t, v, u, at, user) for t, v, u, at in rows(batch)]
    start = time.perf_counter()
    done = 0
    while done < total:
        n = min(batch, total - done)
        db.execute("BEGIN IMMEDIATE")
        db.executemany(sql, data[:n])
        db.execute("COMMIT")
        done += n
    elapsed = time.perf_counter() - start
    print(f"{total / elapsed:.0f}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "body":
        body(int(sys.argv[2]))
    elif cmd == "count":
        count(sys.argv[2], sys.argv[3])
    elif cmd == "snapshot":
        snapshot(sys.argv[2], sys.argv[3])
    elif cmd == "insert":
        insert(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))

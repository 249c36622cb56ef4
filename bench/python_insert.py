#!/usr/bin/env python3
"""Reference figure for the import benchmark: a plain executemany insert of the same JSONL rows into SQLite.

Usage: python_insert.py JSONL_FILE DB_FILE  -> prints {"rows": N, "seconds": S}
The table mirrors what Laoshi stores per item (project, JSON payload, status, timestamps) so the
comparison is like for like; WAL and synchronous=NORMAL as Laoshi uses them.
"""
import json
import sqlite3
import sys
import time


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, project_id INTEGER NOT NULL, data TEXT NOT NULL,"
        " status TEXT NOT NULL, annotation_count INTEGER NOT NULL, created_at INTEGER NOT NULL)"
    )
    now = int(time.time() * 1000)

    def rows():
        with open(source, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    # Parse and re-serialise as Laoshi does, so both sides validate the JSON.
                    yield (1, json.dumps(json.loads(line), ensure_ascii=False), "new", 0, now)

    with db:
        db.executemany(
            "INSERT INTO items (project_id, data, status, annotation_count, created_at) VALUES (?, ?, ?, ?, ?)", rows()
        )
    count = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    db.close()
    print(json.dumps({"rows": count, "seconds": round(time.perf_counter() - started, 3)}))


if __name__ == "__main__":
    main()

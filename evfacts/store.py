"""An embedded SQLite store for whole archives: `evfacts extract DIR -o facts.sqlite`.

Tables: `documents` (one row per input document, keyed by the sha256 of its text), `claims`
(every claim field plus `document_id`) and `lines` (the clean decisions). A store written by an
older evfacts is migrated when opened (`migrate`: the claim columns added since, `per` and `subject_id`).
Each document is written in one transaction, so an interrupted run leaves whole documents only; a re-run skips
documents whose sha256 is stored (resume, or new files only) unless `force` is set.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime

from evfacts.model import CLAIM_FIELDS, Result

SQLITE_EXTENSIONS = (".sqlite", ".sqlite3", ".db")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL UNIQUE,
    title        TEXT,
    published    TEXT,
    claims       INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    processed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT, line INTEGER, start INTEGER, "end" INTEGER, text TEXT, sentence TEXT,
    kind TEXT, value REAL, value_max REAL, unit TEXT, per TEXT, approx TEXT, change TEXT,
    subject TEXT, subject_id TEXT, metric TEXT, period TEXT, modality TEXT,
    companies TEXT,  -- JSON array
    mentions INTEGER
);
CREATE TABLE IF NOT EXISTS lines (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    line INTEGER, keep INTEGER, role TEXT, reason TEXT, rule TEXT, text TEXT
);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_subject ON claims(subject);
CREATE INDEX IF NOT EXISTS lines_document ON lines(document_id);
"""

#: columns added to `claims` after its first release, with their SQL type: a store written by an older
#: evfacts gets them (null in the rows it holds) when it is opened
ADDED_CLAIM_COLUMNS = (("per", "TEXT"), ("subject_id", "TEXT"))


def is_store_path(path: str | None) -> bool:
    return bool(path) and path.lower().endswith(SQLITE_EXTENSIONS)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def migrate(db: sqlite3.Connection) -> list[str]:
    """Bring a store written by an older evfacts to the current schema: add the columns of
    ADDED_CLAIM_COLUMNS that its `claims` table lacks (rows already stored keep null there).
    Returns the columns added. One transaction that takes the write lock first, so that two runs
    opening the same old store do not both add a column."""
    if not _missing_columns(db):
        return []
    db.execute("BEGIN IMMEDIATE")
    try:
        added = _missing_columns(db)  # again, under the lock
        for name, sql_type in added:
            db.execute(f'ALTER TABLE claims ADD COLUMN "{name}" {sql_type}')
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return [name for name, _ in added]


def _missing_columns(db: sqlite3.Connection) -> list[tuple[str, str]]:
    have = {row[1] for row in db.execute('PRAGMA table_info("claims")')}
    return [(name, sql_type) for name, sql_type in ADDED_CLAIM_COLUMNS if name not in have]


class Store:
    def __init__(self, path: str, *, force: bool = False):
        self.path = path
        self.force = force
        self.db = sqlite3.connect(path, isolation_level=None)  # explicit transactions below
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.executescript(SCHEMA)
        migrate(self.db)
        self.db.execute("CREATE INDEX IF NOT EXISTS claims_subject_id ON claims(subject_id)")  # after migrate: a column since

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def seen(self, sha256: str) -> bool:
        """Whether a document with this content is stored already (and not to be redone)."""
        if self.force:
            return False
        row = self.db.execute("SELECT 1 FROM documents WHERE sha256 = ? AND error IS NULL", (sha256,)).fetchone()
        return row is not None

    def write(self, result: Result, sha256: str, *, error: str | None = None) -> int:
        """Store one document with its claims and line decisions, in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM documents WHERE sha256 = ?", (sha256,))
            cur = db.execute(
                "INSERT INTO documents (path, sha256, title, published, claims, error, processed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (result.source, sha256, result.title, result.published.isoformat() if result.published else None,
                 len(result.claims), error, datetime.now(UTC).isoformat(timespec="seconds")))
            doc_id = cur.lastrowid
            cols = [*CLAIM_FIELDS, "mentions"]
            quoted = ", ".join(f'"{c}"' for c in cols)
            rows = []
            for c in result.claims:
                d = c.to_dict()
                d["companies"] = json.dumps(d["companies"], ensure_ascii=False)
                rows.append((doc_id, *[d.get(k) for k in cols]))
            db.executemany(f"INSERT INTO claims (document_id, {quoted}) VALUES (?, {', '.join('?' * len(cols))})", rows)
            db.executemany(
                "INSERT INTO lines (document_id, line, keep, role, reason, rule, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, l.line, int(l.keep), l.role, l.reason, l.rule, l.text) for l in result.lines])
            db.execute("COMMIT")
        except BaseException:  # an error, or SIGINT/SIGTERM raised between two statements
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return doc_id

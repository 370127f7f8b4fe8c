"""An embedded SQLite store for whole archives: `evfacts extract DIR -o facts.sqlite`.

Tables: `documents` (one row per input document, keyed by the sha256 of its text (a `--lines`
document by its source, line and text: see `document_key`), with the sha256 of its raw bytes), `claims` (every claim field plus `document_id`), `lines` (the clean
decisions) and `paths` (every file seen, with its size, mtime and raw sha256: identical copies
are recorded there, not processed twice). A store written by an
older evfacts is migrated when opened (`migrate`: the claim columns added since, `per` and `subject_id`).
Each document is written in one transaction, so an interrupted run leaves whole documents only; a re-run skips
documents already stored (resume, or new files only) unless `force` is set: a file whose path,
size and mtime are in `paths` is not even read, one whose raw bytes are stored is not decoded.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime

from evfacts.model import CLAIM_FIELDS, DOCUMENT_FIELDS, Result

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
    processed_at TEXT NOT NULL,
    raw_sha256   TEXT,
    language     TEXT,
    url          TEXT,
    site         TEXT
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
CREATE TABLE IF NOT EXISTS paths (
    path       TEXT PRIMARY KEY,
    size       INTEGER,
    mtime_ns   INTEGER,
    raw_sha256 TEXT NOT NULL,
    sha256     TEXT  -- the stored document's (text) sha256; null until that document is written
);
CREATE INDEX IF NOT EXISTS paths_raw ON paths(raw_sha256);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_subject ON claims(subject);
CREATE INDEX IF NOT EXISTS lines_document ON lines(document_id);
"""

#: columns added to `claims` after its first release, with their SQL type: a store written by an older
#: evfacts gets them (null in the rows it holds) when it is opened
ADDED_CLAIM_COLUMNS = (("per", "TEXT"), ("subject_id", "TEXT"))
#: the same for `documents`
ADDED_DOCUMENT_COLUMNS = (("raw_sha256", "TEXT"), ("language", "TEXT"), ("url", "TEXT"), ("site", "TEXT"))
#: the claim record's fields kept in `claims` (those of its document are in `documents`)
STORED_CLAIM_FIELDS = tuple(f for f in CLAIM_FIELDS if f not in DOCUMENT_FIELDS)


def is_store_path(path: str | None) -> bool:
    return bool(path) and path.lower().endswith(SQLITE_EXTENSIONS)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_key(text: str, source: str, line: int | None = None) -> str:
    """The key a document is stored under (the `sha256` column): the sha256 of its text; a line of a
    `--lines` input (`line`: its input line) also by its source and line, so that two equal lines,
    of one input or of two, are two documents with their own claims."""
    if line is None:
        return text_sha256(text)
    return text_sha256(f"{source}\0{line}\0{text}")


def migrate(db: sqlite3.Connection) -> list[str]:
    """Bring a store written by an older evfacts to the current schema: add the columns of
    ADDED_CLAIM_COLUMNS and ADDED_DOCUMENT_COLUMNS that its tables lack (rows already stored keep null there).
    Returns the columns added. One transaction that takes the write lock first, so that two runs
    opening the same old store do not both add a column."""
    if not _missing_columns(db):
        return []
    db.execute("BEGIN IMMEDIATE")
    try:
        added = _missing_columns(db)  # again, under the lock
        for table, name, sql_type in added:
            db.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return [name for _, name, _ in added]


def _missing_columns(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    missing = []
    for table, columns in (("claims", ADDED_CLAIM_COLUMNS), ("documents", ADDED_DOCUMENT_COLUMNS)):
        have = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
        missing += [(table, name, sql_type) for name, sql_type in columns if name not in have]
    return missing


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
        self.db.execute("CREATE INDEX IF NOT EXISTS documents_raw ON documents(raw_sha256)")
        #: raw sha256 of the documents of this run not yet written: a second copy is a duplicate
        self.pending_raw: set[str] = set()
        self.pending_text: set[str] = set()  # the same for the documents' text
        self.duplicates = 0

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

    def known_file(self, path: str, size: int, mtime_ns: int) -> bool:
        """Whether this file, unchanged (same size and mtime), is stored already: it need not be read."""
        if self.force:
            return False
        row = self.db.execute(
            "SELECT 1 FROM paths p JOIN documents d ON d.sha256 = p.sha256"
            " WHERE p.path = ? AND p.size = ? AND p.mtime_ns = ? AND d.error IS NULL LIMIT 1",
            (path, size, mtime_ns)).fetchone()
        return row is not None

    def known_raw(self, raw_sha256: str, file_key: tuple | None) -> str | None:
        """'stored' or 'duplicate' when a document of these raw bytes is stored or on its way in this
        run (the file is recorded in `paths`), else None: the document is to be processed."""
        if raw_sha256 in self.pending_raw:
            return self._merged(file_key, raw_sha256, None, None)
        if self.force:
            self.pending_raw.add(raw_sha256)
            return None
        row = self.db.execute(
            "SELECT d.path, d.sha256 FROM documents d WHERE d.raw_sha256 = ? AND d.error IS NULL UNION ALL "
            "SELECT d.path, d.sha256 FROM paths p JOIN documents d ON d.sha256 = p.sha256"
            " WHERE p.raw_sha256 = ? AND d.error IS NULL LIMIT 1", (raw_sha256, raw_sha256)).fetchone()
        if row is None:
            self.pending_raw.add(raw_sha256)
            return None
        return self._merged(file_key, raw_sha256, *row)

    def known_text(self, sha256: str, source: str, raw_sha256: str | None, file_key: tuple | None) -> str | None:
        """The same for a decoded document's text (other bytes, the same article): 'stored',
        'duplicate' or None."""
        if sha256 in self.pending_text:
            return self._merged(file_key, raw_sha256, None, sha256)
        row = self.db.execute("SELECT path FROM documents WHERE sha256 = ? AND error IS NULL", (sha256,)).fetchone()
        if self.force or row is None:
            self.pending_text.add(sha256)
            return None
        return self._merged(file_key, raw_sha256, row[0], sha256, source)

    def _merged(self, file_key, raw_sha256, stored_path, sha256, source=None) -> str:
        """Record a file left out as a copy of a stored (or pending) document; which of the two it is."""
        path = file_key[0] if file_key else source
        known = file_key and self.db.execute("SELECT 1 FROM paths WHERE path = ? AND raw_sha256 = ?",
                                             (path, raw_sha256)).fetchone()
        if file_key and raw_sha256:
            self._record_path(file_key, raw_sha256, sha256)
        if known or stored_path is not None and stored_path == path:
            return "stored"  # this very file, seen by an earlier run (touched since, or a known copy)
        self.duplicates += 1
        return "duplicate"

    def _record_path(self, file_key: tuple, raw_sha256: str, sha256: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO paths (path, size, mtime_ns, raw_sha256, sha256) VALUES (?, ?, ?, ?, ?)",
                        (*file_key, raw_sha256, sha256))

    def write(self, result: Result, sha256: str, *, error: str | None = None, raw_sha256: str | None = None,
              file_key: tuple | None = None) -> int:
        """Store one document with its claims and line decisions, in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM documents WHERE sha256 = ?", (sha256,))
            cur = db.execute(
                "INSERT INTO documents (path, sha256, title, published, claims, error, processed_at, raw_sha256,"
                " language, url, site) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (result.source, sha256, result.title, result.published.isoformat() if result.published else None,
                 len(result.claims), error, datetime.now(UTC).isoformat(timespec="seconds"), raw_sha256,
                 result.language, result.url, result.site))
            doc_id = cur.lastrowid
            if file_key and raw_sha256:
                self._record_path(file_key, raw_sha256, sha256)
            if raw_sha256:  # copies met before this document was written point at it now
                db.execute("UPDATE paths SET sha256 = ? WHERE raw_sha256 = ? AND sha256 IS NULL", (sha256, raw_sha256))
            cols = [*STORED_CLAIM_FIELDS, "mentions"]
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

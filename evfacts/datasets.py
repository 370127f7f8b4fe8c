"""Datasets of articles: JSON Lines (`.jsonl`, `.ndjson`) and CSV files, gzipped or not, one
article a row, as news datasets ship.

Rows are read one at a time (a 20 GB file never sits in memory). Each row becomes one
`Document`: its text field is the article (plain text, or HTML that is extracted), its id field
the record's `source` (else `FILE#ROW`), its date field the publication date that periods are
resolved against, its title, url and site fields the document's metadata. A row that is not
JSON, or lacks the text field, is named on stderr (`FILE#ROW: ...`) and skipped; a file whose
first row has none of the text fields is refused as a whole: it is no dataset of articles.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from evfacts.ingest import Document, IngestError, InputError, Skipped, display_name, open_regular, text_documents

DATASET_SUFFIXES = (".jsonl", ".ndjson", ".csv")
#: the text fields tried, in order, when --text-field is not given
TEXT_FIELDS = ("text", "body", "content", "article")
#: the metadata fields tried when their option is not given (the first present wins)
DATE_FIELDS = ("published", "date", "publish_date", "published_at", "pub_date")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
SITE_FIELDS = ("site", "sitename", "source_domain", "domain", "publisher")


@dataclass(frozen=True)
class Fields:
    """Which column of a row holds what (None: the defaults above)."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    title: str | None = None


def dataset_kind(path: str) -> str | None:
    """'jsonl' or 'csv' when the path names a dataset file (also gzipped), else None."""
    name = path.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    return None


def _open_text(path: str):
    """The file as text, decompressed on the fly when it ends in .gz (a regular file only)."""
    raw = open_regular(path)
    stream = gzip.GzipFile(fileobj=raw, mode="rb") if path.lower().endswith(".gz") else raw
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")


def _rows(kind: str, fh, max_bytes: int) -> Iterator[tuple[int, dict | str]]:
    """(row number, the row as a dict, or the reason it cannot be read)."""
    if kind == "csv":
        csv.field_size_limit(max(max_bytes, 1 << 17))
        reader = csv.DictReader(fh)
        for n, row in enumerate(reader, 1):
            yield n, {k: v for k, v in row.items() if k is not None}
        return
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield n, f"larger than --max-bytes ({max_bytes:,} bytes); skipped"
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            yield n, f"invalid JSON ({e.msg} at column {e.colno}); skipped"
            continue
        yield n, row if isinstance(row, dict) else "not a JSON object; skipped"


def _first(row: dict, wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    """The field to read: the one asked for, else the first of the defaults the row has."""
    if wanted:
        return wanted
    return next((k for k in defaults if row.get(k) not in (None, "")), None)


def _value(row: dict, key: str | None) -> str | None:
    value = row.get(key) if key else None
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def iter_rows(path: str, fields: Fields, *, max_bytes: int,
              known: Callable[[str, str], str | None] | None = None) -> Iterator[Document | InputError | Skipped]:
    """The documents of one dataset file, row by row; bad rows as InputError.

    known(source, sha256 of the text) names why a row is left out (stored already, a copy): it comes
    out as Skipped without being cleaned or parsed."""
    name = display_name(path)
    kind = dataset_kind(path)
    text_key: str | None = fields.text
    try:
        with _open_text(path) as fh:
            for n, row in _rows(kind, fh, max_bytes):
                where = f"{name}#{n}"
                if isinstance(row, str):
                    yield InputError(where, row)
                    continue
                if text_key is None:
                    text_key = _first(row, None, TEXT_FIELDS)
                    if text_key is None:
                        fields_seen = ", ".join(list(row)[:8]) or "none"
                        raise IngestError(f"no text field ({', '.join(TEXT_FIELDS)}) in its first row (fields: "
                                          f"{fields_seen}); name one with --text-field, or it is no dataset "
                                          "of articles")
                text = row.get(text_key)
                if not isinstance(text, str):
                    yield InputError(where, f"no text in field {text_key!r}; skipped")
                    continue
                yield from _row_documents(row, text, where, fields, max_bytes, known)
    except IngestError as e:
        yield InputError(name, str(e))
    except (OSError, EOFError, UnicodeError, csv.Error) as e:  # a truncated gzip, a broken CSV quote
        message = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        yield InputError(name, f"cannot read it further: {message}")


def _row_documents(row: dict, text: str, where: str, fields: Fields, max_bytes: int, known):
    source = _value(row, fields.id) if fields.id else None
    if fields.id and source is None:
        yield InputError(where, f"no value in id field {fields.id!r}; skipped")
        return
    source = source or where
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > max_bytes:
        yield InputError(source, f"larger than --max-bytes ({max_bytes:,} bytes); skipped")
        return
    if not text.strip():
        yield InputError(source, f"empty text in field {fields.text or 'text'!r}; skipped")
        return
    sha = hashlib.sha256(raw).hexdigest()
    reason = known(source, sha) if known is not None else None
    if reason:
        yield Skipped(source, reason)
        return
    meta = {key: value for key, value in (
        ("title", _value(row, _first(row, fields.title, TITLE_FIELDS))),
        ("date", _value(row, _first(row, fields.date, DATE_FIELDS))),
        ("url", _value(row, _first(row, None, URL_FIELDS))),
        ("sitename", _value(row, _first(row, None, SITE_FIELDS)))) if value}
    for doc in text_documents(text, source, raw=raw):
        doc.meta = {**meta, **{k: v for k, v in doc.meta.items() if v and k not in meta}}
        doc.raw_sha256 = sha
        yield doc

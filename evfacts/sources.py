"""Every input of a run as a stream of documents: files, folders, `-`, URLs and datasets.

`expand` lists the inputs first (cheap: names only, so a run knows its total); `documents` then
reads them one at a time, so the first document reaches the pipeline as soon as it is read. A
`Resume` (the SQLite store) leaves out what is stored already before anything is parsed: a file
whose path, size and mtime are stored is not even read, and one whose raw bytes are stored (or
that repeats a file of this run byte for byte) is not decoded. Those come out as `Skipped`.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from evfacts import datasets, fetch
from evfacts.ingest import (
    DEFAULT_GLOBS,
    DEFAULT_MAX_BYTES,
    Document,
    IngestError,
    InputError,
    Skipped,
    display_name,
    expand_paths,
    make_documents,
    read_source,
)


class Resume(Protocol):
    """What a store knows already (see `evfacts.store.Store`)."""

    def known_file(self, path: str, size: int, mtime_ns: int) -> bool: ...

    def known_raw(self, sha256: str, file_key: tuple | None) -> str | None: ...


@dataclass(frozen=True)
class Inputs:
    """How to read the inputs of a run."""

    per_line: bool = False
    globs: tuple[str, ...] = DEFAULT_GLOBS
    max_bytes: int = DEFAULT_MAX_BYTES
    fields: datasets.Fields = field(default_factory=datasets.Fields)


def expand(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> list[str | InputError]:
    """Files, URLs and '-' as given, folders walked (sorted); a folder that holds no matching file,
    or a path that does not exist, is an InputError naming it."""
    globs = tuple(globs)
    out: list[str | InputError] = []
    for p in paths:
        if fetch.is_url(p):
            out.append(p)
            continue
        found = list(expand_paths([p], globs))
        if not found and os.path.isdir(p):
            out.append(InputError(display_name(p), f"no file matching {' '.join(globs)} in this folder "
                                                   "(see --glob)"))
        out.extend(found)
    return out


def documents(items: Iterable[str | InputError], inputs: Inputs, resume: Resume | None = None,
              stdin=None) -> Iterator[Document | InputError | Skipped]:
    """The documents of every input, in order, read lazily."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        name = display_name(item)
        try:
            if fetch.is_url(item):
                yield from _url_documents(item, inputs, resume)
            elif item != "-" and datasets.dataset_kind(item) and not inputs.per_line:
                known = (lambda source, sha: resume.known_raw(sha, None)) if resume is not None else None
                yield from datasets.iter_rows(item, inputs.fields, max_bytes=inputs.max_bytes, known=known)
            else:
                yield from _file_documents(item, name, inputs, resume, stdin)
        except IngestError as e:
            yield InputError(name, str(e))
        except IsADirectoryError:
            yield InputError(name, "is a directory")
        except OSError as e:
            yield InputError(name, e.strerror or str(e))


def _file_documents(item: str, name: str, inputs: Inputs, resume: Resume | None, stdin):
    key = None
    if item != "-" and resume is not None:
        st = os.stat(item)
        key = (name, st.st_size, st.st_mtime_ns)
        if resume.known_file(*key):
            yield Skipped(name, "stored")
            return
    data = read_source(item, max_bytes=inputs.max_bytes, stdin=stdin)
    if item.lower().endswith(".gz"):
        data = gunzip(data, inputs.max_bytes)
    yield from _decoded(data, name, inputs, resume, key, sniff_name=name.removesuffix(".gz"))


def _url_documents(url: str, inputs: Inputs, resume: Resume | None):
    data, final = fetch.fetch(url, max_bytes=inputs.max_bytes)
    for doc in _decoded(data, url, inputs, resume, None, sniff_name=url):
        if isinstance(doc, Document):
            doc.meta.setdefault("url", final)
        yield doc


def _decoded(data: bytes, name: str, inputs: Inputs, resume: Resume | None, key, *, sniff_name: str):
    sha = hashlib.sha256(data).hexdigest()
    if resume is not None:
        reason = resume.known_raw(sha, key)
        if reason:
            yield Skipped(name, reason)
            return
    for doc in make_documents(data, name, per_line=inputs.per_line):
        if sniff_name != name and doc.format == "text" and sniff_name.lower().endswith((".md", ".markdown")):
            doc.format = "markdown"
        doc.raw_sha256, doc.file_key = sha, key
        yield doc


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """The decompressed bytes, refused past max_bytes (a small bomb never expands in memory)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError) as e:
        raise IngestError(f"not a readable gzip file ({e})") from None
    if len(out) > max_bytes:
        raise IngestError(f"larger than --max-bytes ({max_bytes:,} bytes) once decompressed; skipped")
    return out

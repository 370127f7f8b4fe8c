"""Ingest: paths, folders and stdin → decoded `Document`s (encodings detected, HTML → text).

Offsets of everything downstream refer to `Document.text`. For plain text and Markdown that is
the decoded input itself, so `input[start:end] == claim.text`. For HTML it is the main text
that trafilatura extracts from the page (one paragraph a line); `line`/`start`/`end` then refer
to that extracted text, which `evfacts clean` prints.
"""
from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_HTML_TAG = re.compile(rb"<(p|div|span|a|br|body|head|meta|script|article|section|h[1-6]|li|ul|table|title)(\s[^>]*)?/?>", re.I)


@dataclass
class Document:
    """One unit of input, decoded."""

    source: str  # the path as given, '-' for stdin
    text: str  # the text that offsets refer to
    format: str = "text"  # text | markdown | html
    encoding: str | None = None
    meta: dict = field(default_factory=dict)  # title / published found in HTML metadata
    line_base: int = 1  # input line of text's first line (> 1 with --lines)
    offset_base: int = 0  # input offset of text's first character (> 0 with --lines)


@dataclass
class InputError:
    """An input that could not be read; named on stderr, the batch goes on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class IngestError(Exception):
    pass


# ---------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte of ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). Raises IngestError for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise IngestError(f"invalid {enc} after a byte-order mark ({e.reason})") from None
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
        raise IngestError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise IngestError("binary data, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    enc = best.encoding if best is not None else "cp1252"
    # Western news text that is not UTF-8 is nearly always cp1252 (a superset of latin-1's
    # printable range); charset-normalizer sometimes names a rarer single-byte cousin.
    if enc in {"latin_1", "iso8859_15", "iso8859_1", "cp1250", "cp1257", "mac_roman", "cp1254", "iso8859_2"}:
        enc = "cp1252"
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05 or sample.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8"))


# ---------------------------------------------------------------------------- formats

def sniff_format(data: bytes, name: str = "") -> str:
    """html | markdown | text — HTML by content, Markdown by name or by its marks."""
    head = data[:4096].lstrip(codecs.BOM_UTF8)
    if _HTML_START.search(head):
        return "html"
    if len(_HTML_TAG.findall(data[:20000])) >= 3 and head.lstrip()[:1] == b"<":
        return "html"
    if name.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def html_to_text(html: str) -> tuple[str, dict]:
    """The main text of a page (trafilatura), one paragraph a line, and its metadata."""
    import trafilatura

    meta: dict = {}
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_recall=False)
    except Exception:  # trafilatura raises on some malformed or pathological pages
        doc = None
    text = ""
    if doc is not None:
        text = (getattr(doc, "text", None) or "").strip()
        for key in ("title", "date", "sitename", "author"):
            value = getattr(doc, key, None)
            if value:
                meta[key] = value
    if not text:
        text = _fallback_html_text(html)
    return text + "\n" if text else "", meta


def _fallback_html_text(html: str) -> str:
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = root.text_content()
    except Exception:
        text = re.sub(r"<[^>]+>", " ", html)
    lines = (" ".join(l.split()) for l in text.splitlines())
    return "\n".join(l for l in lines if l)


def make_documents(data: bytes, source: str, *, per_line: bool = False) -> Iterator[Document]:
    """Decode one input and turn it into one document (or one per line with per_line)."""
    text, encoding = decode(data)
    if per_line:
        offset = 0
        for lineno, (line, end) in enumerate(iter_lines(text), 1):
            if line.strip():
                yield Document(source, line, "text", encoding, line_base=lineno, offset_base=offset)
            offset = end
        return
    fmt = sniff_format(data if encoding.startswith("utf-8") else text.encode("utf-8", "replace"), source)
    if fmt == "html":
        body, meta = html_to_text(text)
        yield Document(source, body, "html", encoding, meta)
    else:
        yield Document(source, text, fmt, encoding)


def iter_lines(text: str) -> Iterator[tuple[str, int]]:
    """(line without its break, offset just after the break) for every line of text."""
    pos = 0
    for m in LINE_BREAK.finditer(text):
        yield text[pos:m.start()], m.end()
        pos = m.end()
    if pos < len(text):
        yield text[pos:], len(text)


# ---------------------------------------------------------------------------- paths

def expand_paths(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> Iterator[str | InputError]:
    """Files as given; folders walked recursively, sorted; '-' stays '-'."""
    globs = tuple(globs)
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for f in files:
                    if any(Path(f).match(g) for g in globs):
                        found.append(os.path.join(root, f))
            yield from sorted(found)
        elif path.exists():
            yield p
        elif path.is_symlink():
            yield InputError(p, "broken symbolic link")
        else:
            yield InputError(p, "no such file or directory")


def read_source(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> bytes:
    if source == "-":
        stream = (stdin or sys.stdin).buffer if hasattr(stdin or sys.stdin, "buffer") else (stdin or sys.stdin)
        data = stream.read(max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(f"larger than --max-bytes ({max_bytes:,} bytes); skipped")
    return data


def iter_documents(paths: Iterable[str], *, per_line: bool = False, globs: Iterable[str] = DEFAULT_GLOBS,
                   max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> Iterator[Document | InputError]:
    """Every document of every input, in order; unreadable inputs come out as InputError."""
    for item in expand_paths(paths, globs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            data = read_source(item, max_bytes=max_bytes, stdin=stdin)
            yield from make_documents(data, item, per_line=per_line)
        except IngestError as e:
            yield InputError(item, str(e))
        except IsADirectoryError:
            yield InputError(item, "is a directory")
        except OSError as e:
            yield InputError(item, e.strerror or str(e))

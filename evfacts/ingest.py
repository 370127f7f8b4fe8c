"""Ingest: paths, folders and stdin → decoded `Document`s (encodings detected, HTML → text).

Offsets of everything downstream refer to `Document.text`. For plain text and Markdown that is
the decoded input itself, so `input[start:end] == claim.text`. For HTML it is the main text
that trafilatura extracts from the page (one paragraph a line); `line`/`start`/`end` then refer
to that extracted text, which `evfacts clean` prints.
"""
from __future__ import annotations

import codecs
import errno
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.html.gz", "*.htm.gz")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(rb"<(p|div|span|a|br|body|head|meta|script|article|section|h[1-6]|li|ul|table|title)(\s[^>]*)?/?>",
                       re.IGNORECASE)


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
    raw_sha256: str | None = None  # sha256 of the raw input bytes (the store's resume key)
    file_key: tuple | None = None  # (path, size, mtime_ns) of the file it came from
    language: str | None = None  # set by the pipeline (evfacts.language)
    profile: dict | None = None  # the template profile a batch learned, to clean it with (clean_repeats)

    # The one translation from the document's own coordinates (text offsets, 1-based text lines)
    # to the input's (a --lines document is one line of a larger input).

    def input_offset(self, offset: int) -> int:
        """The input offset of `offset` in text."""
        return offset + self.offset_base

    def input_line(self, line: int) -> int:
        """The input line number of text's 1-based line `line`."""
        return line + self.line_base - 1


@dataclass
class InputError:
    """An input that could not be read; named on stderr, the batch goes on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class Skipped:
    """An input left out on purpose (stored already, an identical copy): counted, not an error."""

    source: str
    reason: str  # stored | duplicate


class IngestError(Exception):
    pass


# ---------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: its ASCII characters (spaces, digits, line breaks; most of a
    Western text, few of a CJK one) hold a NUL byte, all on one side of each pair."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if _nuls_on_one_side(odd, even, len(sample) // 2):
        return "utf-16-le"
    if _nuls_on_one_side(even, odd, len(sample) // 2):
        return "utf-16-be"
    return None


def _nuls_on_one_side(side: int, other: int, pairs: int) -> bool:
    """NUL bytes on one side of the byte pairs: at least 2% of the pairs (and 4 of them), and few on the
    other (a CJK character such as U+9500 has one). A few NULs strayed into UTF-8 text land on both sides."""
    return side >= max(4, 0.02 * pairs) and other <= max(1, side // 8)


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
                text = data.decode(enc)
            except UnicodeDecodeError:
                text = None
            if text is not None and _readable(text):
                return text, enc
        # A stray NUL in a text file is kept (it is one character, so offsets hold); many are binary.
        if data.count(0) > max(2, len(data) // 200) or _looks_binary(data.replace(b"\x00", b"")):
            raise IngestError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise IngestError("binary data, not text")
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8 (invalid bytes replaced)"
    return _decode_single_byte(data)


def _mostly_utf8(data: bytes) -> str | None:
    """The text of UTF-8 with a few broken bytes (a truncated download, a bad paste), invalid bytes
    as U+FFFD: its valid non-ASCII characters are at least as many as the invalid sequences. Reading
    it as cp1252 would garble every good character ("€" as "â‚¬") to fix a few bad ones; cp1252
    text holds (nearly) no valid UTF-8 sequence, so its accented letters are all invalid."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return text if good >= max(1, bad) else None


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    """Text that is not UTF-8: Western news is nearly always cp1252 (latin-1's printable superset).

    charset-normalizer is poor at telling cp1252 from its DOS and Mac cousins on short texts, so
    cp1252 wins whenever its reading looks like a Western language (accented letters are a
    minority of the letters); otherwise (Cyrillic, CJK, ...) charset-normalizer decides.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = [ch for ch in text if ch.isalpha()]
        foreign = sum(1 for ch in letters if ord(ch) > 127)
        if not letters or foreign / len(letters) < 0.3:
            return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    # UTF-16/32 without NUL bytes is a misreading (the NUL case is handled before).
    if best is not None and not best.encoding.startswith(("utf_16", "utf_32")):
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    if text is not None:
        return text, "cp1252"
    return data.decode("latin-1"), "latin-1"


def _readable(text: str) -> bool:
    """Decoded text with few control characters or unassigned code points (not binary read as UTF-16)."""
    import unicodedata

    sample = text[:4096]
    odd = sum(1 for ch in sample if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return odd <= 0.05 * max(1, len(sample))


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


#: HTML elements past which a page is not given to trafilatura: its passes over the tree cost more
#: per element as the page grows (160,000 elements, a 4 MB page: 21 s); such a page is read by the
#: streaming text walk, in a second or two for 10 MB
MAX_EXTRACTOR_ELEMENTS = 50_000


def html_to_text(html: str) -> tuple[str, dict]:
    """The main text of a page (trafilatura), one paragraph a line, and its metadata. A page too
    large for trafilatura, or one where it finds no article (an article under 254 nested divs is
    past lxml's depth), is read by the plain text walk; meta["warning"] then says so, or that the
    page holds no text at all."""
    elements = html.count("<") - html.count("</")
    if elements > MAX_EXTRACTOR_ELEMENTS:
        text = _fallback_html_text(html)
        warning = f"{elements:,} HTML elements, more than the article extractor takes in time; read as plain text"
        return (text + "\n" if text else ""), {"warning": warning if text else "no text found in the page"}
    text, meta = _extract_article(html)
    if not text:
        text = _fallback_html_text(html)
        meta["warning"] = ("the article extractor found no article; read as plain text" if text
                           else "no text found in the page")
    return text + "\n" if text else "", meta


def _extract_article(html: str) -> tuple[str, dict]:
    """trafilatura's main text of a page and its metadata ("" when it finds none, or fails)."""
    import trafilatura

    _quiet_extractor_logs()

    meta: dict = {}
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_recall=False)
    except Exception:  # noqa: BLE001 - trafilatura raises on some malformed or pathological pages
        doc = None
    text = ""
    if doc is not None:
        text = (getattr(doc, "text", None) or "").strip()
        for key in ("title", "date", "sitename", "author", "url"):
            value = getattr(doc, key, None)
            if value:
                meta[key] = value
    return text, meta


_BLOCK_TAGS = frozenset([
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul", "title",
])
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg"))
#: containers that hold no article by what HTML says they are: skipped by the text walk too, unless
#: that leaves no text (an unclosed <nav> would hide the rest of the page)
_NOT_ARTICLE_TAGS = frozenset(("nav", "aside", "footer", "menu", "select", "button"))


def _quiet_extractor_logs() -> None:
    """trafilatura and its helpers log warnings about odd pages; stderr is ours (one line per failed input)."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _fallback_html_text(html: str) -> str:
    """Visible text of a page, one block a line, when trafilatura finds nothing, fails or is not
    given the page: without its navigation and other non-article containers, if text is left.

    The standard library's streaming parser keeps no tree, so hostile pages (50,000 nested
    divs, unclosed tags) cannot exhaust the stack, and nothing is silently cut at lxml's depth limit.
    """
    return _text_walk(html, _SKIP_TAGS | _NOT_ARTICLE_TAGS) or _text_walk(html, _SKIP_TAGS)


def _text_walk(html: str, skip: frozenset[str]) -> str:
    """The page's text outside the elements named in `skip`, one block a line."""
    from html.parser import HTMLParser

    parts: list[str] = []
    skipping = [0]

    class _Text(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in skip:
                skipping[0] += 1
            elif tag in _BLOCK_TAGS:
                parts.append("\n")

        def handle_endtag(self, tag):
            if tag in skip:
                skipping[0] = max(0, skipping[0] - 1)
            elif tag in _BLOCK_TAGS:
                parts.append("\n")

        def handle_data(self, data):
            if not skipping[0]:
                parts.append(data)

    try:
        parser = _Text(convert_charrefs=True)
        parser.feed(html)
        parser.close()
        text = "".join(parts)
    except Exception:  # noqa: BLE001 - the parser is lenient, but never let a page stop the batch
        text = re.sub(r"<[^>]+>", " ", html)
    lines = (" ".join(l.split()) for l in text.splitlines())
    return "\n".join(_once(l for l in lines if l))


#: a block of the text walk this long or longer is a paragraph, kept once when the page repeats it
#: verbatim (as trafilatura keeps it once); shorter ones (table cells: "5%", "—") all stay
REPEATED_BLOCK_CHARS = 40


def _once(lines):
    seen: set[str] = set()
    for line in lines:
        if len(line) >= REPEATED_BLOCK_CHARS:
            if line in seen:
                continue
            seen.add(line)
        yield line


def make_documents(data: bytes, source: str, *, per_line: bool = False) -> Iterator[Document]:
    """Decode one input and turn it into one document (or one per line with per_line).

    An empty or blank input holds no document, so `-f json` prints `[]` for it.
    """
    text, encoding = decode(data)
    yield from text_documents(text, source, per_line=per_line, encoding=encoding,
                              raw=data if encoding.startswith("utf-8") else None)


def text_documents(text: str, source: str, *, per_line: bool = False, encoding: str | None = "utf-8",
                   raw: bytes | None = None) -> Iterator[Document]:
    """Decoded text → documents (the second half of `make_documents`; also for callers holding text)."""
    if not text.strip():
        return
    if per_line:
        offset = 0
        for lineno, (line, end) in enumerate(iter_lines(text), 1):
            if line.strip():
                yield Document(source, line, "text", encoding, line_base=lineno, offset_base=offset)
            offset = end
        return
    fmt = sniff_format(raw if raw is not None else text.encode("utf-8", "surrogatepass"), source)
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
                    if any(fnmatch.fnmatch(f.lower(), g.lower()) for g in globs):
                        found.append(os.path.join(root, f))
            yield from sorted(found)
        elif path.exists():
            yield p
        elif path.is_symlink():
            yield InputError(display_name(p), _symlink_problem(path))
        else:
            yield InputError(display_name(p), "no such file or directory")


def _symlink_problem(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return "symbolic link loop"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


def display_name(path: str) -> str:
    """The path as given, printable: bytes that are not UTF-8 (kept by Python as surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


#: bytes read per call: `--max-bytes` may be huge, and a read of that many bytes would allocate them first
READ_CHUNK = 1 << 20

#: what a path that is neither a regular file nor a folder is, for the message that skips it
_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
            (stat.S_ISSOCK, "a socket"))


def _read_at_most(stream, limit: int) -> bytes:
    """Up to `limit` bytes of stream, read in pieces (a huge limit allocates nothing ahead)."""
    parts, size = [], 0
    while size < limit:
        piece = stream.read(min(READ_CHUNK, limit - size))
        if not piece:
            break
        parts.append(piece)
        size += len(piece)
    if len(parts) == 1:
        return parts[0]
    return "".join(parts) if parts and isinstance(parts[0], str) else b"".join(parts)


def open_regular(source: str):
    """A binary file object for `source`, refused (IngestError) unless it is a regular file.

    The file is opened without blocking and checked on the open descriptor: a FIFO without a
    writer (which would block the batch for ever), a device or a socket is skipped and named."""
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", source)
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _SPECIAL if test(mode)), "a special file")
            raise IngestError(f"not a regular file ({kind}); skipped")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_source(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> bytes:
    if source == "-":
        stream = (stdin or sys.stdin).buffer if hasattr(stdin or sys.stdin, "buffer") else (stdin or sys.stdin)
        data = _read_at_most(stream, max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        with open_regular(source) as fh:
            data = _read_at_most(fh, max_bytes + 1)
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
        name = display_name(item)
        try:
            data = read_source(item, max_bytes=max_bytes, stdin=stdin)
            yield from make_documents(data, name, per_line=per_line)
        except IngestError as e:
            yield InputError(name, str(e))
        except IsADirectoryError:
            yield InputError(name, "is a directory")
        except OSError as e:
            yield InputError(name, e.strerror or str(e))

"""Output: every format renders from `Claim.to_dict()` / `LineDecision.to_dict()`.

Writers take an iterator and stream: a JSON array is opened before the first document and
closed after the last, so a folder of 10,000 articles never sits in memory as one list.
`-o FILE` goes through `atomic_output`: a temp file beside the target, renamed on success,
removed on failure or interrupt.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import IO

from evfacts.model import CLAIM_FIELDS, Result


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


EXTENSIONS = {".json": Format.json, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl, ".csv": Format.csv,
              ".txt": Format.table}


def pick_format(fmt: Format | None, output: str | None, stream: IO | None = None) -> Format:
    """-f wins; else the extension of -o; else table on a terminal and jsonl in a pipe."""
    if fmt is not None:
        return fmt
    if output:
        ext = os.path.splitext(output)[1].lower()
        if ext in EXTENSIONS:
            return EXTENSIONS[ext]
        return Format.jsonl
    stream = stream or sys.stdout
    return Format.table if isatty(stream) else Format.jsonl


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def atomic_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file that appears whole or not at all.

    A regular file (or a new one) is written to a temp file beside it and renamed over it on
    success; on any failure or interrupt (SIGINT, and SIGTERM which the CLI turns into an
    exception) the temp file is removed and the previous file stays as it was. Devices and pipes
    (`/dev/stdout`, `/dev/full`, a FIFO) cannot be replaced, so they are written directly.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    target = os.path.abspath(path)
    if os.path.exists(target) and not os.path.isfile(target):
        with open(target, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    # SIGINT/SIGTERM wait while the temp file is created, so that one arriving just then is raised
    # inside the try below (which removes the file), not between its creation and the try.
    remove_stale_temps(target)
    mask = _block_interrupts()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                   dir=os.path.dirname(target))
        _lock(fd)
    except BaseException:
        _restore_interrupts(mask)
        raise
    try:
        _restore_interrupts(mask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: a temp file of a run killed outright (kill -9, power loss) older than this, and locked by no
#: process, is removed by the next run writing the same target
STALE_SECONDS = 10


def _lock(fd: int) -> None:
    """Hold an advisory lock on a temp file while it is written, so that other runs see it is live."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no locks, no cleanup
        return
    with contextlib.suppress(OSError):  # a file system without locks: the age test alone protects it
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_stale_temps(target: str) -> list[str]:
    """Remove the temp files `atomic_output` left beside `target` when a run was killed outright:
    those of its own pattern (`.NAME.XXXXXXXX.tmp`), untouched for STALE_SECONDS and locked by no
    process. Returns the paths removed."""
    try:
        import fcntl
    except ImportError:
        return []
    import time

    folder, name = os.path.split(target)
    own = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    removed = []
    try:
        entries = [e for e in os.scandir(folder or ".") if own.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    for entry in entries:
        try:
            if time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS:
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a live run holds it
                os.unlink(entry.path)
                removed.append(entry.path)
            finally:
                os.close(fd)
        except OSError:
            continue
    return removed


def _block_interrupts():
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError, OSError):  # not POSIX
        return None


def _restore_interrupts(mask) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


#: the first characters that make a spreadsheet read a cell as a formula (`=HYPERLINK(...)`, `+cmd|...`)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A CSV cell: numbers as they are; text that a spreadsheet would run as a formula (it starts
    with = + - @, a tab or a carriage return: "-5 to -3", "=1+2") behind an apostrophe; a lone
    "-" (the source stdin) is no formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_START):  # "-" (stdin) stays
        return "'" + value
    return value


#: characters a terminal acts on: C0 and C1 controls (escape sequences start with ESC), DEL, and
#: the bidirectional overrides and isolates that reorder what follows them
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text for a terminal: each control character shown as its escape (`\\x1b`, `\\u202e`), so
    that no escape sequence of the input reaches the terminal (tabs and line breaks stay)."""
    return _TERMINAL_CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


def table_cell(text: str | None) -> str:
    """A table cell of the input's text: printable, rich markup escaped."""
    from rich.markup import escape

    return escape(printable(text or ""))


def _dumps(obj) -> str:
    """Compact UTF-8 JSON; the line separators U+2028/U+2029/U+0085 escaped so that
    a JSONL record stays one line for any reader (Python's str.splitlines splits on them)."""
    text = json.dumps(obj, ensure_ascii=False)
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return text


def csv_columns(unique: bool = False) -> list[str]:
    """CSV header: the claim record's fields, plus `mentions` with --unique."""
    return [*CLAIM_FIELDS, "mentions"] if unique else list(CLAIM_FIELDS)


def _with_explanation(c) -> dict:
    from evfacts.explain import explain

    return {**c.to_dict(), "explain": explain(c).to_dict()}


def write_claims(results: Iterable[Result], fmt: Format, out: IO[str], *, unique: bool = False,
                 explain: bool = False) -> int:
    """Write the claims of every result; returns how many claims were written. `explain` (JSON and
    JSONL): each record with its `explain` object (evfacts.explain)."""
    n = 0
    columns = csv_columns(unique)
    record = _with_explanation if explain else lambda c: c.to_dict()
    if fmt is Format.jsonl:
        for r in results:
            for c in r.claims:
                out.write(_dumps(record(c)) + "\n")
                n += 1
            if r.claims:
                out.flush()  # each document's records leave at once (`| head -1` does not wait for a buffer)
    elif fmt is Format.json:
        out.write("[")
        first = True
        for r in results:
            d = r.to_dict()
            if explain:
                d["claims"] = [record(c) for c in r.claims]
            out.write(("\n" if first else ",\n") + _dumps(d))
            first = False
            n += len(r.claims)
        out.write("\n]\n" if not first else "]\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()  # once, also for no claims at all
        for r in results:
            for c in r.claims:
                writer.writerow({k: _csv_cell(v) for k, v in c.to_dict().items()})
                n += 1
            if r.claims:
                out.flush()
    else:
        n = _claims_table(results, out)
    out.flush()
    return n


def _fmt_num(v, kind: str | None = None) -> str:
    """A figure with thousands separators; a year as it is written ("2035")."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if kind == "year" and isinstance(v, int):
        return str(v)
    return f"{v:,}" if isinstance(v, int) else f"{v:,.6g}"


#: below this many columns the claims table puts a figure's value, unit and change in one column and
#: subject and metric in another, so that `text` keeps room to be read
NARROW = 150
ARROWS = {"up": "↑", "down": "↓"}


def _claims_table(results: Iterable[Result], out: IO[str]) -> int:
    """One rich table per document. Not on a terminal (`-o x.txt`, `-f table | less`): 160 columns, no colour."""
    from rich.console import Console

    console = Console(file=out, highlight=False, soft_wrap=False, width=None if isatty(out) else 160)
    n = 0
    for r in results:
        if not r.claims:
            console.print(f"[dim]{table_cell(r.source)}: no claims[/]")
            continue
        table = _narrow_table(r) if console.width < NARROW else _wide_table(r)
        console.print(table)
        n += len(r.claims)
    return n


def _value(c) -> str:
    return _fmt_num(c.value, c.kind) + (f"–{_fmt_num(c.value_max, c.kind)}" if c.value_max is not None else "")


def _wide_table(r: Result):
    from rich.table import Table

    table = Table(title=table_cell(r.title or r.source), caption=_caption(r), show_lines=False, expand=False)
    for name, kw in (("line", {"justify": "right", "no_wrap": True}), ("text", {"min_width": 16, "ratio": 3}),
                     ("value", {"justify": "right", "no_wrap": True}), ("unit", {"no_wrap": True}),
                     ("per", {"no_wrap": True}), ("±", {}), ("Δ", {}), ("subject", {"ratio": 1}),
                     ("metric", {"ratio": 1}), ("period", {"no_wrap": True}), ("modality", {"no_wrap": True})):
        table.add_column(name, **kw)
    for c in r.claims:
        table.add_row(str(c.line), table_cell(c.text), _value(c), table_cell(c.unit), table_cell(c.per),
                      c.approx or "", ARROWS.get(c.change or "", ""), table_cell(c.subject),
                      table_cell(c.metric), table_cell(c.period), c.modality)
    return table


def _narrow_table(r: Result):
    """The table for a narrow terminal: `figure` is approx, value, unit, per and change ("~550,000 delivery",
    "13% ↑"), `about` is subject and metric; text, figure and about wrap, the short columns do not."""
    from rich.table import Table

    table = Table(title=table_cell(r.title or r.source), caption=_caption(r), show_lines=False, expand=False,
                  pad_edge=False, collapse_padding=True)
    for name, kw in (("line", {"justify": "right", "no_wrap": True}), ("text", {"min_width": 10, "ratio": 3}),
                     ("figure", {"min_width": 8, "ratio": 2}), ("about", {"min_width": 8, "ratio": 2}),
                     ("period", {"overflow": "fold"}), ("modality", {"overflow": "fold"})):
        table.add_column(name, **kw)
    for c in r.claims:
        unit = "%" if c.unit == "%" else f" {c.unit}" if c.unit else ""
        figure = f"{c.approx or ''}{_value(c)}{unit}" + (f" per {c.per}" if c.per else "")
        figure += f" {ARROWS[c.change]}" if c.change in ARROWS else ""
        about = " · ".join(x for x in (c.subject, c.metric) if x)
        table.add_row(str(c.line), table_cell(c.text), table_cell(figure), table_cell(about), table_cell(c.period), c.modality)
    return table


def _caption(r: Result) -> str:

    bits = [r.source] if r.title else []
    if r.published:
        bits.append(f"published {r.published.isoformat()}")
    if r.companies:
        bits.append("companies: " + ", ".join(f"{n} ({m})" for n, m in r.companies[:8]))
    return table_cell(" · ".join(bits))


def write_lines(records: Iterable[dict], fmt: Format, out: IO[str]) -> int:
    """`clean --explain`: one record per non-blank input line."""
    n = 0
    fields = ["source", "line", "keep", "role", "reason", "rule", "text"]
    if fmt is Format.jsonl:
        for d in records:
            out.write(_dumps(d) + "\n")
            n += 1
    elif fmt is Format.json:
        out.write("[")
        for d in records:
            out.write(("\n" if n == 0 else ",\n") + _dumps(d))
            n += 1
        out.write("\n]\n" if n else "]\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for d in records:
            writer.writerow({k: _csv_cell(v) for k, v in d.items()})
            n += 1
    else:
        from rich.console import Console

        console = Console(file=out, highlight=False)
        for d in records:
            mark = "[green]keep[/]" if d["keep"] else f"[red]drop[/] [dim]{table_cell(d.get('reason'))}[/]"
            console.print(f"{d['line']:>4} {d['role']:<11} {mark:<30} [dim]{table_cell(d['text'][:100])}[/]"
                          if not d["keep"] else f"{d['line']:>4} {d['role']:<11} {mark:<30} {table_cell(d['text'][:100])}")
            n += 1
    out.flush()
    return n

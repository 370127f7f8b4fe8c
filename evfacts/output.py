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
    return Format.table if _isatty(stream) else Format.jsonl


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def atomic_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file that appears whole or not at all."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = os.path.abspath(path)
    fd, tmp = tempfile.mkstemp(prefix=".evfacts-", suffix=".tmp", dir=os.path.dirname(target) or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return value


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_claims(results: Iterable[Result], fmt: Format, out: IO[str]) -> int:
    """Write the claims of every result; returns how many claims were written."""
    n = 0
    if fmt is Format.jsonl:
        for r in results:
            for c in r.claims:
                out.write(_dumps(c.to_dict()) + "\n")
                n += 1
    elif fmt is Format.json:
        out.write("[")
        first = True
        for r in results:
            out.write(("\n" if first else ",\n") + _dumps(r.to_dict()))
            first = False
            n += len(r.claims)
        out.write("\n]\n" if not first else "]\n")
    elif fmt is Format.csv:
        writer = None
        for r in results:
            for c in r.claims:
                d = c.to_dict()
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=[*CLAIM_FIELDS, "mentions"], extrasaction="ignore",
                                            lineterminator="\n")
                    writer.writeheader()
                writer.writerow({k: _csv_cell(v) for k, v in d.items()})
                n += 1
        if writer is None:
            csv.writer(out, lineterminator="\n").writerow([*CLAIM_FIELDS, "mentions"])
    else:
        n = _claims_table(results, out)
    out.flush()
    return n


def _fmt_num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else f"{v:,.6g}"


def _claims_table(results: Iterable[Result], out: IO[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=False)
    n = 0
    for r in results:
        table = Table(title=r.title or r.source, caption=_caption(r), show_lines=False, expand=False)
        for name, kw in (("line", {"justify": "right"}), ("text", {}), ("value", {"justify": "right"}),
                         ("unit", {}), ("±", {}), ("Δ", {}), ("subject", {}), ("metric", {}),
                         ("period", {}), ("modality", {})):
            table.add_column(name, **kw)
        for c in r.claims:
            value = _fmt_num(c.value) + (f"–{_fmt_num(c.value_max)}" if c.value_max is not None else "")
            table.add_row(str(c.line), c.text, value, c.unit or "", c.approx or "",
                          {"up": "↑", "down": "↓"}.get(c.change or "", ""), c.subject or "", c.metric or "",
                          c.period or "", c.modality)
            n += 1
        console.print(table)
    return n


def _caption(r: Result) -> str:
    bits = [r.source]
    if r.published:
        bits.append(f"published {r.published.isoformat()}")
    if r.companies:
        bits.append("companies: " + ", ".join(f"{n} ({m})" for n, m in r.companies[:8]))
    return " · ".join(bits)


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
        from rich.markup import escape

        console = Console(file=out, highlight=False)
        for d in records:
            mark = "[green]keep[/]" if d["keep"] else f"[red]drop[/] [dim]{escape(d.get('reason') or '')}[/]"
            console.print(f"{d['line']:>4} {d['role']:<11} {mark:<30} [dim]{escape(d['text'][:100])}[/]"
                          if not d["keep"] else f"{d['line']:>4} {d['role']:<11} {mark:<30} {escape(d['text'][:100])}")
            n += 1
    out.flush()
    return n

"""Batch work in one place: inputs → pipeline → writer, per-input errors, exit codes."""
from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from evfacts.ingest import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, InputError, iter_documents
from evfacts.output import Format, atomic_output, write_claims, write_lines
from evfacts.pipeline import Pipeline

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass
class RunOptions:
    paths: list[str]
    fmt: Format
    output: str | None = None
    per_line: bool = False
    clean: bool = True
    published: datetime | None = None
    unique: bool = False
    globs: tuple[str, ...] = DEFAULT_GLOBS
    max_bytes: int = DEFAULT_MAX_BYTES
    debug: bool = False
    explain: bool = False
    failed: list[str] = field(default_factory=list)


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def report(opts: RunOptions, err: InputError) -> None:
    opts.failed.append(err.source)
    _console().print(f"[bold red]evfacts:[/] {err}", markup=True, emoji=False)


def _documents(opts: RunOptions):
    return iter_documents(opts.paths, per_line=opts.per_line, globs=opts.globs, max_bytes=opts.max_bytes)


def _pipeline(opts: RunOptions) -> Pipeline:
    return Pipeline(clean=opts.clean, published=opts.published, unique=opts.unique, debug=opts.debug)


def run_extract(opts: RunOptions) -> int:
    pipeline = _pipeline(opts)

    def results():
        for item in pipeline.process_many(_documents(opts)):
            if isinstance(item, InputError):
                report(opts, item)
            else:
                yield item

    with atomic_output(opts.output) as out:
        write_claims(results(), opts.fmt, out)
    return EXIT_FAILED if opts.failed else EXIT_OK


def run_clean(opts: RunOptions) -> int:
    pipeline = _pipeline(opts)

    def cleaned() -> Iterator[tuple]:
        for item in _documents(opts):
            if isinstance(item, InputError):
                report(opts, item)
                continue
            try:
                yield item, pipeline.clean_document(item)
            except Exception as e:  # one bad document never stops the batch
                if opts.debug:
                    traceback.print_exc()
                report(opts, InputError(item.source, f"cannot clean: {e.__class__.__name__}: {e}"))

    with atomic_output(opts.output) as out:
        if opts.explain:
            def records():
                for doc, res in cleaned():
                    for d in res.lines:
                        rec = d.to_dict(doc.source)
                        rec["line"] += doc.line_base - 1
                        yield rec
            write_lines(records(), opts.fmt, out)
        else:
            first = True
            for doc, res in cleaned():
                if not first:
                    out.write("\n")
                first = False
                for d in res.kept:
                    out.write(d.text + "\n")
            out.flush()
    return EXIT_FAILED if opts.failed else EXIT_OK


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False

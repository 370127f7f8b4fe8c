"""Batch work in one place: inputs → pipeline → writer, per-input errors, exit codes."""
from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from evfacts.datasets import Fields
from evfacts.ingest import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, InputError, Skipped
from evfacts.output import Format, atomic_output, isatty, printable, write_claims, write_lines
from evfacts.progress import Progress, Tally

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class RunError(RuntimeError):
    """A failure that ends the whole run (not one input); its message is the one line shown."""


@dataclass(frozen=True)
class RunOptions:
    """What a run is asked to do (inputs only; what it finds comes back in a RunReport)."""

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
    jobs: int = 1  # worker processes; 0 = every core
    dask: str | None = None  # a Dask scheduler address, or "local"
    force: bool = False  # with a SQLite store: redo documents already stored
    config: dict | None = None  # --config FILE / ./evfacts.toml
    profile_path: str | None = None  # --profile FILE: a platform template learned from a batch
    timeout: float | None = None  # --timeout SECONDS per document; None or 0: no limit
    fields: Fields = field(default_factory=Fields)  # which fields of a dataset's rows hold the text, id, date, title
    lang: str = "en"  # the language whose documents get claims; 'any': all
    quiet: bool = False  # no progress and no summary
    verbose: bool = False  # -v: a summary line at the end


@dataclass
class RunReport:
    """What a run found: the inputs that failed and the template profile it cleaned with."""

    failed: list[str] = field(default_factory=list)
    profile: dict | None = None  # the profile in force (loaded and/or learned)
    documents: int = 0  # documents and failed inputs that came back from the pipeline
    timed_out: int = 0  # documents stopped by --timeout
    tally: Tally = field(default_factory=Tally)  # what the progress display and the summary show

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def report(rep: RunReport, err: InputError) -> None:
    """One line on stderr naming the input and what went wrong (red only on a terminal)."""
    from rich.markup import escape

    from evfacts.budget import is_timeout

    rep.failed.append(err.source)
    rep.tally.failed += 1
    rep.timed_out += is_timeout(err)
    message = printable(" ".join(str(err).split()))
    _console().print(f"[bold red]evfacts:[/] {escape(message)}", markup=True, emoji=False)


def warn(source: str, message: str) -> None:
    """One line on stderr about an input that is processed all the same (no failure, exit code as it is)."""
    from rich.markup import escape

    _console().print(f"[bold yellow]evfacts:[/] {escape(printable(f'{source}: warning: {message}'))}",
                     markup=True, emoji=False)


def _warned(items):
    """The documents as they come; the warning of one (an HTML page read as plain text, a page with
    no text) named on stderr first."""
    from evfacts.ingest import Document

    for item in items:
        if isinstance(item, Document) and item.meta.get("warning"):
            warn(item.source, item.meta["warning"])
        yield item


#: how many documents of a batch the template learning looks at before the run streams on
LEARN_DOCS = 2000


def _documents(opts: RunOptions, rep: RunReport, resume=None, progress: Progress | None = None):
    """The run's documents, read as they are needed. A batch of several documents teaches the
    cleaner its platform's template (paragraphs that recur across documents: reason `repeated`),
    see `_learning`; `--profile FILE` loads what an earlier batch learned and saves what this one
    adds, for later single-file runs. With a store (resume), what it holds already is left out here."""
    from evfacts import clean_repeats, sources
    from evfacts.datasets import dataset_kind

    listed = sources.expand(opts.paths, opts.globs)
    if not opts.per_line and not any(isinstance(p, str) and dataset_kind(p) for p in listed):
        rep.tally.total = len(listed)  # one document an input: the progress shows a total
    inputs = sources.Inputs(per_line=opts.per_line, globs=opts.globs, max_bytes=opts.max_bytes, fields=opts.fields)
    items = _warned(_left_out(sources.documents(listed, inputs, resume), rep, progress))
    profile = None
    if opts.profile_path and os.path.exists(opts.profile_path):
        profile = clean_repeats.load_profile(opts.profile_path)
    rep.profile = profile
    if opts.clean and not opts.per_line:
        return _learning(items, opts, rep)
    return items


#: documents of the first block the template is learned from; each next block doubles what was read
FIRST_BLOCK = 16


def _learning(items, opts: RunOptions, rep: RunReport):
    """Documents with the template profile they are to be cleaned with (`Document.profile`).

    The profile is learned from the documents read so far, in blocks: the first FIRST_BLOCK
    documents, then as many again, and so on up to LEARN_DOCS, after which it is fixed. Each block's
    documents are cleaned with what was learned up to and including that block, so the first
    documents leave as soon as the first block is read (not after the whole head), and the result
    depends only on the inputs and their order (not on -j or on how fast anything runs)."""
    from itertools import islice

    from evfacts import clean_repeats
    from evfacts.ingest import Document

    base, profile = rep.profile, rep.profile
    texts: list[str] = []
    it = iter(items)
    block = FIRST_BLOCK
    while len(texts) < LEARN_DOCS:
        head = list(islice(it, block))
        if not head:
            break
        texts += [d.text for d in head if isinstance(d, Document)][:LEARN_DOCS - len(texts)]
        if len(texts) >= 3:
            learned = clean_repeats.learn_repeats(texts)
            profile = clean_repeats.merge_profiles(base, learned) if base else learned
        rep.profile = profile
        yield from _with_profile(head, profile)
        block = max(1, min(len(texts), LEARN_DOCS - len(texts)))
    if opts.profile_path and profile is not base:
        _save_profile(profile, opts.profile_path, rep)
    yield from _with_profile(it, profile)


def _with_profile(items, profile):
    from evfacts.ingest import Document

    for item in items:
        if isinstance(item, Document):
            item.profile = profile
        yield item


def _left_out(items, rep: RunReport, progress: Progress | None):
    """items without the inputs a store holds already (counted, and shown as done)."""
    for item in items:
        if isinstance(item, Skipped):
            if item.reason == "duplicate":
                rep.tally.duplicates += 1
            else:
                rep.tally.stored += 1
            if progress is not None:
                progress.advance()
            continue
        yield item


def _save_profile(profile: dict, path: str, rep: RunReport) -> None:
    """Save what the batch learned; a profile that cannot be written is named on stderr (the run
    goes on with what it learned, and exits 1)."""
    from evfacts import clean_repeats

    try:
        clean_repeats.save_profile(profile, path)
    except OSError as e:
        report(rep, InputError(path, f"--profile: cannot save the learned template: {e.strerror or e}"))


def summarize(rep: RunReport, opts: RunOptions, *, claims: bool = True) -> None:
    """After the run: how many documents --timeout stopped, how many identical copies were
    merged (nothing when none was); with -v, what was done."""
    if rep.tally.skipped:
        _console().print(f"[bold]evfacts:[/] {rep.tally.skipped:,} documents in other languages skipped "
                         "(the claim rules are English; --lang any runs them on every document)",
                         markup=True, emoji=False)
    if rep.tally.duplicates:
        _console().print(f"[bold]evfacts:[/] {rep.tally.duplicates:,} identical copies merged (each recorded in "
                         "the store's paths table)", markup=True, emoji=False)
    if rep.timed_out:
        _console().print(f"[bold red]evfacts:[/] {rep.timed_out} of {rep.documents} documents timed out "
                         f"(--timeout {opts.timeout:g}); the others were processed", markup=True, emoji=False)
    if opts.verbose:
        found = f", {rep.tally.claims} claims" if claims else ""
        documents = f"{rep.documents} document" + "s" * (rep.documents != 1)
        _console().print(f"evfacts: {documents}{found}, {len(rep.failed)} failed",
                         markup=False, emoji=False)


def _pipeline_kwargs(opts: RunOptions, profile: dict | None) -> dict:
    return {"clean": opts.clean, "published": opts.published, "unique": opts.unique, "debug": opts.debug,
            "config": opts.config, "profile": profile, "lang": opts.lang}


def _pipeline(opts: RunOptions, profile: dict | None):
    from evfacts.pipeline import Pipeline

    return Pipeline(**_pipeline_kwargs(opts, profile))


def _process(opts: RunOptions, rep: RunReport, items: Callable[[], Iterator]) -> Iterator:
    """Results (or InputErrors) in input order: here, in `-j N` worker processes, or on Dask.
    items() gives the documents, each with the template profile to clean it with (see _learning).
    Nothing is started (no model loaded, no worker, no cluster) until a first document is there:
    a re-run with nothing new ends after the scan."""
    documents = _unless_empty(items())
    if documents is None:
        return iter(())
    if opts.dask:
        from evfacts.distributed import process_dask

        return process_dask(documents, opts.dask, _pipeline_kwargs(opts, rep.profile), jobs=opts.jobs)
    if opts.jobs != 1:
        from evfacts.parallel import process_parallel

        return process_parallel(documents, opts.jobs, _pipeline_kwargs(opts, None), profile=lambda: rep.profile,
                                timeout=opts.timeout)
    from evfacts.budget import within_budget

    pipeline = _pipeline(opts, rep.profile)
    return within_budget(pipeline.process_many, documents, opts.timeout, prepare=lambda: pipeline.nlp)


def _unless_empty(items: Iterator) -> Iterator | None:
    """None when items hold nothing, else an iterator over all of them (the first already read)."""
    from itertools import chain

    it = iter(items)
    for first in it:
        return chain([first], it)
    return None


def _progress(opts: RunOptions, rep: RunReport) -> Progress:
    """The progress display: on a terminal (stderr), unless -q or the data itself goes to it."""
    enabled = (not opts.quiet and isatty(sys.stderr)
               and (opts.output not in (None, "-") or not isatty(sys.stdout)))
    return Progress(rep.tally, enabled, _console() if enabled else None)


def _outcome(rep: RunReport, item, progress: Progress):
    """Count one item back from the pipeline; the Result to write, or None (errors are named)."""
    rep.documents += 1
    if isinstance(item, InputError):
        report(rep, item)
        progress.advance()
        return None
    rep.tally.documents += 1
    rep.tally.claims += len(item.claims)
    progress.advance()
    if item.skipped:
        rep.tally.skipped += 1
        from rich.markup import escape

        _console().print(f"[bold]evfacts:[/] skipped: {escape(item.source)}: {item.skipped}", markup=True,
                         emoji=False)
    return item


def run_extract(opts: RunOptions) -> RunReport:
    from evfacts.store import is_store_path

    if is_store_path(opts.output):
        return _extract_to_store(opts)
    rep = RunReport()
    progress = _progress(opts, rep)

    def results():
        for item in _process(opts, rep, lambda: _documents(opts, rep, progress=progress)):
            result = _outcome(rep, item, progress)
            if result is not None:
                yield result

    with progress, atomic_output(opts.output) as out:
        write_claims(results(), opts.fmt, out, unique=opts.unique, explain=opts.explain)
    summarize(rep, opts)
    return rep


def iter_results(opts: RunOptions, rep: RunReport) -> Iterator:
    """The run's results in input order; the inputs that failed are named on stderr and counted in `rep`."""
    progress = _progress(opts, rep)
    with progress:
        for item in _process(opts, rep, lambda: _documents(opts, rep, progress=progress)):
            result = _outcome(rep, item, progress)
            if result is not None:
                yield result


def _extract_to_store(opts: RunOptions) -> RunReport:
    """`-o facts.sqlite`: one transaction per document; documents already stored are left out
    before they are read or parsed (see evfacts.sources)."""
    from collections import deque

    from evfacts.ingest import Document
    from evfacts.model import Result
    from evfacts.store import Store, document_key

    rep = RunReport()
    progress = _progress(opts, rep)
    with Store(opts.output, force=opts.force) as store, progress:
        pending: deque = deque()  # (text sha256 or None, document) of every item handed to the pipeline

        def fresh():
            documents = _documents(opts, rep, store, progress)  # learns the batch's template now

            def unseen():
                for item in documents:
                    if isinstance(item, Document):
                        sha = document_key(item.text, item.source, item.line_base if opts.per_line else None)
                        # the same text from other bytes, or stored by an older evfacts
                        reason = store.known_text(sha, item.source, item.raw_sha256, item.file_key)
                        if reason:
                            if reason == "duplicate":
                                rep.tally.duplicates += 1
                            else:
                                rep.tally.stored += 1
                            progress.advance()
                            continue
                        pending.append((sha, item.source, item.raw_sha256, item.file_key))
                    else:
                        pending.append((None, item.source, None, None))
                    yield item

            return unseen()

        for item in _process(opts, rep, fresh):
            sha, source, raw_sha, key = pending.popleft()
            result = _outcome(rep, item, progress)
            if result is None:
                if sha is not None:  # a document that failed in the pipeline: recorded, retried next run
                    store.write(Result(source), sha, error=item.message, raw_sha256=raw_sha)
            else:
                store.write(result, sha, raw_sha256=raw_sha, file_key=key)
    summarize(rep, opts)
    return rep


def run_clean(opts: RunOptions) -> RunReport:
    from evfacts.cleaner import clean_document  # the clean stage alone: no spaCy, no claim engine

    rep = RunReport()
    documents = _documents(opts, rep)

    def cleaned() -> Iterator[tuple]:
        for item in documents:
            rep.documents += 1
            if isinstance(item, InputError):
                report(rep, item)
                continue
            try:
                profile = item.profile if item.profile is not None else rep.profile
                yield item, clean_document(item, enabled=opts.clean, config=opts.config, profile=profile)
            except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
                if opts.debug:
                    traceback.print_exc()
                report(rep, InputError(item.source, f"cannot clean: {type(e).__name__}: {e}"))

    with atomic_output(opts.output) as out:
        if opts.explain:
            def records():
                for doc, res in cleaned():
                    for d in res.lines:
                        rec = d.to_dict(doc.source)
                        rec["line"] = doc.input_line(rec["line"])
                        yield rec
            write_lines(records(), opts.fmt, out)
        else:
            previous = None
            for doc, res in cleaned():
                if previous is not None and (not opts.per_line or doc.source != previous):
                    out.write("\n")  # a blank line between documents (not between --lines lines)
                previous = doc.source
                for d in res.kept:
                    out.write(d.text + "\n")
            out.flush()
    summarize(rep, opts, claims=False)
    return rep


def run_show(opts: RunOptions, html: str | None = None) -> RunReport:
    """`evfacts show`: each document with its claims highlighted; `html`: one standalone page to that file."""
    from rich.console import Console
    from rich.markup import escape
    from rich.rule import Rule

    from evfacts import show
    from evfacts.budget import within_budget

    rep = RunReport()
    documents = _documents(opts, rep)
    pipeline = _pipeline(opts, rep.profile)
    shown = 0
    with atomic_output(html if html else None) as out:
        console = Console(file=out, highlight=False, soft_wrap=True)
        for doc in documents:
            [result] = within_budget(pipeline.process_many, [doc], opts.timeout)
            if isinstance(result, InputError):
                report(rep, result)
                continue
            if html:
                if shown:
                    report(rep, InputError(doc.source, "--html shows one document; skipped"))
                    continue
                out.write(show.render_html(doc, result))
            else:
                if shown:
                    console.print()
                console.print(Rule(escape(printable(result.title or doc.source)), style="dim"))
                show.render_terminal(doc, result, console)
            shown += 1
            rep.documents += 1
            rep.tally.claims += len(result.claims)
        out.flush()
    summarize(rep, opts)
    return rep


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False

"""Batch work in one place: inputs → pipeline → writer, per-input errors, exit codes."""
from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from evfacts.ingest import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, InputError, iter_documents
from evfacts.output import Format, atomic_output, isatty, write_claims, write_lines

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
    verbosity: int = 0  # -q: -1 (no progress), -v: 1 (a summary line at the end)


@dataclass
class RunReport:
    """What a run found: the inputs that failed and the template profile it cleaned with."""

    failed: list[str] = field(default_factory=list)
    profile: dict | None = None  # the profile in force (loaded and/or learned)
    documents: int = 0  # documents and failed inputs that came back from the pipeline
    claims: int = 0  # claims of the documents processed
    timed_out: int = 0  # documents stopped by --timeout

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
    rep.timed_out += is_timeout(err)
    message = " ".join(str(err).split())
    _console().print(f"[bold red]evfacts:[/] {escape(message)}", markup=True, emoji=False)


#: how many documents of a batch the template learning looks at before the run streams on
LEARN_DOCS = 2000


def _documents(opts: RunOptions, rep: RunReport):
    """The run's documents. A batch of several documents first teaches the cleaner its platform's
    template (paragraphs that recur across documents: reason `repeated`); `--profile FILE` loads
    what an earlier batch learned and saves what this one adds, for later single-file runs."""
    from itertools import chain, islice

    from evfacts import clean_repeats
    from evfacts.ingest import Document

    items = iter_documents(opts.paths, per_line=opts.per_line, globs=opts.globs, max_bytes=opts.max_bytes)
    profile = None
    if opts.profile_path and os.path.exists(opts.profile_path):
        profile = clean_repeats.load_profile(opts.profile_path)
    if opts.clean and not opts.per_line:
        head = list(islice(items, LEARN_DOCS))
        texts = [d.text for d in head if isinstance(d, Document)]
        if len(texts) >= 3:
            learned = clean_repeats.learn_repeats(texts)
            profile = clean_repeats.merge_profiles(profile, learned) if profile else learned
            if opts.profile_path:
                _save_profile(profile, opts.profile_path, rep)
        items = chain(head, items)
    rep.profile = profile
    return items


def _save_profile(profile: dict, path: str, rep: RunReport) -> None:
    """Save what the batch learned; a profile that cannot be written is named on stderr (the run
    goes on with what it learned, and exits 1)."""
    from evfacts import clean_repeats

    try:
        clean_repeats.save_profile(profile, path)
    except OSError as e:
        report(rep, InputError(path, f"--profile: cannot save the learned template: {e.strerror or e}"))


def summarize(rep: RunReport, opts: RunOptions, *, claims: bool = True) -> None:
    """After the run: how many documents --timeout stopped (nothing when none was); with -v, what was done."""
    if rep.timed_out:
        _console().print(f"[bold red]evfacts:[/] {rep.timed_out} of {rep.documents} documents timed out "
                         f"(--timeout {opts.timeout:g}); the others were processed", markup=True, emoji=False)
    if opts.verbosity > 0:
        found = f", {rep.claims} claims" if claims else ""
        documents = f"{rep.documents} document" + "s" * (rep.documents != 1)
        _console().print(f"evfacts: {documents}{found}, {len(rep.failed)} failed",
                         markup=False, emoji=False)


def _pipeline_kwargs(opts: RunOptions, profile: dict | None) -> dict:
    return {"clean": opts.clean, "published": opts.published, "unique": opts.unique, "debug": opts.debug,
            "config": opts.config, "profile": profile}


def _pipeline(opts: RunOptions, profile: dict | None):
    from evfacts.pipeline import Pipeline

    return Pipeline(**_pipeline_kwargs(opts, profile))


def _process(opts: RunOptions, rep: RunReport, items: Callable[[], Iterator]) -> Iterator:
    """Results (or InputErrors) in input order: here, in `-j N` worker processes, or on Dask.
    items() gives the documents; it learns the batch's template first (see _documents), and the
    pipeline must clean with what it learned."""
    if opts.dask:
        from evfacts.distributed import process_dask

        documents = items()
        return process_dask(documents, opts.dask, _pipeline_kwargs(opts, rep.profile), jobs=opts.jobs)
    if opts.jobs != 1:
        from evfacts.parallel import process_parallel

        # the workers start loading the model while this process reads the batch and learns
        return process_parallel(items, opts.jobs, _pipeline_kwargs(opts, None), profile=lambda: rep.profile,
                                timeout=opts.timeout)
    from evfacts.budget import within_budget

    documents = items()
    pipeline = _pipeline(opts, rep.profile)
    return within_budget(pipeline.process_many, documents, opts.timeout, prepare=lambda: pipeline.nlp)


def _with_progress(opts: RunOptions, items: Iterator) -> Iterator:
    """A transient count of documents on stderr, only when stderr is a terminal and stdout is not one."""
    if opts.verbosity < 0 or not (isatty(sys.stderr) and (opts.output not in (None, "-") or not isatty(sys.stdout))):
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                  console=_console(), transient=True) as progress:
        task = progress.add_task("extract", total=None)
        for item in items:
            yield item
            progress.advance(task)


def run_extract(opts: RunOptions) -> RunReport:
    from evfacts.store import is_store_path

    if is_store_path(opts.output):
        return _extract_to_store(opts)
    rep = RunReport()

    def results():
        for item in _with_progress(opts, _process(opts, rep, lambda: _documents(opts, rep))):
            rep.documents += 1
            if isinstance(item, InputError):
                report(rep, item)
            else:
                rep.claims += len(item.claims)
                yield item

    with atomic_output(opts.output) as out:
        write_claims(results(), opts.fmt, out, unique=opts.unique, explain=opts.explain)
    summarize(rep, opts)
    return rep


def iter_results(opts: RunOptions, rep: RunReport) -> Iterator:
    """The run's results in input order; the inputs that failed are named on stderr and counted in `rep`."""
    for item in _with_progress(opts, _process(opts, rep, lambda: _documents(opts, rep))):
        rep.documents += 1
        if isinstance(item, InputError):
            report(rep, item)
        else:
            rep.claims += len(item.claims)
            yield item


def _extract_to_store(opts: RunOptions) -> RunReport:
    """`-o facts.sqlite`: one transaction per document; documents already stored (same text) are skipped."""
    from collections import deque

    from evfacts.ingest import Document
    from evfacts.model import Result
    from evfacts.store import Store, text_sha256

    rep = RunReport()
    with Store(opts.output, force=opts.force) as store:
        pending: deque = deque()  # (sha256 or None) of every item handed to the pipeline, in order

        def fresh():
            documents = _documents(opts, rep)  # learns the batch's template now, before a pipeline is made

            def unseen():
                for item in documents:
                    if isinstance(item, Document):
                        sha = text_sha256(item.text)
                        if store.seen(sha):
                            continue
                        pending.append((sha, item.source))
                    else:
                        pending.append((None, item.source))
                    yield item

            return unseen()

        for item in _with_progress(opts, _process(opts, rep, fresh)):
            rep.documents += 1
            sha, source = pending.popleft()
            if isinstance(item, InputError):
                report(rep, item)
                if sha is not None:  # a document that failed in the pipeline: recorded, retried next run
                    store.write(Result(source), sha, error=item.message)
            else:
                rep.claims += len(item.claims)
                store.write(item, sha)
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
                yield item, clean_document(item, enabled=opts.clean, config=opts.config, profile=rep.profile)
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
                console.print(Rule(escape(result.title or doc.source), style="dim"))
                show.render_terminal(doc, result, console)
            shown += 1
            rep.documents, rep.claims = rep.documents + 1, rep.claims + len(result.claims)
        out.flush()
    summarize(rep, opts)
    return rep


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False

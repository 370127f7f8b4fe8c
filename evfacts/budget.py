"""`--timeout SECONDS`: a time budget per document.

A document over its budget is stopped, becomes an `InputError` ("timed out after N s") in its
place in the stream, and the run goes on with the next one. The budget is enforced by an
interval timer (SIGALRM) in the process doing the work — this one, or each `-j N` worker —
whose handler raises `DocumentTimeout` at the next Python instruction: spaCy returns to Python
between batches and the regular-expression engine checks for signals while it backtracks, so
the claim engine, the cleaner and the parser are all interrupted. Where no timer is available
(not the main thread, as in a Dask worker, or a platform without SIGALRM) documents run unbounded.

The pipeline parses the kept lines of up to 64 documents together, so the budget is kept like
this: the timer is re-armed at each document the pipeline hands back; when it fires, the document
being worked on is the one over budget (if none came back yet and there are several, each is
retried alone with a budget of its own, to find it); the others are processed again.
"""
from __future__ import annotations

import contextlib
import math
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from evfacts.ingest import Document, InputError

DEFAULT_TIMEOUT = 60.0
#: documents handed to the pipeline at a time (the pipeline's own batch, parsed together)
CHUNK_DOCS = 64
#: the first chunk is small, so that the first results leave soon after the start
FIRST_CHUNK_DOCS = 4


class DocumentTimeout(BaseException):
    """Raised by the timer inside the pipeline. A BaseException, so that the pipeline's per-stage
    guards (`except Exception`: one bad document fails alone) let it through to the budget."""


def can_time_out() -> bool:
    """Whether this thread can be interrupted by a timer (the main thread, on a POSIX system)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Timer:
    """An interval timer that raises DocumentTimeout after `seconds`; restart() starts it afresh."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def restart(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _expired(signum, frame):
    raise DocumentTimeout


@contextlib.contextmanager
def _timer(seconds: float) -> Iterator[_Timer]:
    previous = signal.signal(signal.SIGALRM, _expired)
    timer = _Timer(seconds)
    try:
        timer.restart()
        yield timer
    finally:
        timer.stop()
        signal.signal(signal.SIGALRM, previous)


def timed_out(doc: Document | InputError, seconds: float) -> InputError:
    return InputError(doc.source, f"timed out after {seconds:g} s (--timeout); skipped")


def is_timeout(err: InputError) -> bool:
    return err.message.startswith("timed out after ")


def within_budget(process_many: Callable[[list], Iterable], items: Iterable, seconds: float | None,
                  *, prepare: Callable[[], object] | None = None) -> Iterator:
    """process_many(documents) → results, with at most `seconds` per document (None or 0: no limit).

    prepare() runs before the first timer starts (loading the model is no document's work)."""
    if prepare is not None:
        prepare()
    if not seconds or not math.isfinite(seconds) or not can_time_out():
        yield from process_many(items)
        return
    it = iter(items)
    size = FIRST_CHUNK_DOCS
    while chunk := list(islice(it, size)):
        size = CHUNK_DOCS
        # the results of a chunk are gathered before they are handed on: the consumer's time
        # (writing the output) is no document's, and the timer must never fire inside it
        yield from _chunk(process_many, chunk, seconds)


def _chunk(process_many, chunk: list, seconds: float) -> list:
    out: list = []
    pending = chunk
    while pending:
        done: list = []
        try:
            with _timer(seconds) as timer:
                for result in process_many(pending):
                    done.append(result)
                    timer.restart()
        except DocumentTimeout:
            out.extend(done)
            k = len(done)
            if k == 0 and len(pending) > 1:  # still in the shared parse, or in the first document
                for doc in pending:
                    out.extend(_chunk(process_many, [doc], seconds))
                return out
            out.append(timed_out(pending[k], seconds))
            pending = pending[k + 1:]
            continue
        out.extend(done)
        break
    return out

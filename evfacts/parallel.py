"""Worker processes for `-j N`: each loads spaCy once, takes chunks of documents, and the
results come back in input order. At most a few chunks per worker are in flight, so a folder
of 100,000 files is never read into memory ahead of the workers."""
from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from evfacts.budget import within_budget
from evfacts.ingest import Document, InputError
from evfacts.model import Result
from evfacts.pipeline import FIRST_BATCH_DOCS, Pipeline

CHUNK_DOCS = 16
IN_FLIGHT_PER_WORKER = 3

_worker_pipeline: Pipeline | None = None


def available_cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """-j 0 means every core this process may use; more workers than cores are never started
    (each loads its own model: `-j 1000` would fork a thousand copies of it)."""
    cores = available_cores()
    return cores if jobs <= 0 else min(jobs, cores)


def _init(kwargs: dict) -> None:
    """A worker: the parent alone answers Ctrl-C and SIGTERM (it stops the pool), so a worker
    ignores SIGINT and dies of SIGTERM at once, without a traceback; then it loads the model."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_pipeline = Pipeline(**kwargs)
    _ = _worker_pipeline.nlp  # load the model once, before the first chunk


def _work(chunk: list[Document | InputError], profile=None, timeout: float | None = None) -> list[Result | InputError]:
    assert _worker_pipeline is not None
    _worker_pipeline.profile = profile
    return list(within_budget(_worker_pipeline.process_many, chunk, timeout))


def process_parallel(items: Iterable[Document | InputError] | Callable[[], Iterable[Document | InputError]],
                     jobs: int, pipeline_kwargs: dict, chunk_docs: int = CHUNK_DOCS,
                     profile: Callable[[], dict | None] | None = None,
                     timeout: float | None = None) -> Iterator[Result | InputError]:
    """Like Pipeline.process_many, over `jobs` processes; same results, same order.

    items may be a callable that returns the documents: it is called once the workers are starting,
    so that what it does first (reading the batch and learning its template) overlaps their loading
    the model. profile(), called for each chunk, gives the template profile the workers clean with
    (it is known only after that learning); without it, pipeline_kwargs' profile is used."""
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        items = items() if callable(items) else items
        kwargs = dict(pipeline_kwargs, profile=profile()) if profile else pipeline_kwargs
        pipeline = Pipeline(**kwargs)
        yield from within_budget(pipeline.process_many, items, timeout, prepare=lambda: pipeline.nlp)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = ctx.Pool(jobs, initializer=_init, initargs=(dict(pipeline_kwargs, profile=None),))
    pending: deque = deque()
    try:
        it = iter(items() if callable(items) else items)
        current = profile or (lambda: pipeline_kwargs.get("profile"))
        size = FIRST_BATCH_DOCS
        while True:
            while len(pending) < jobs * IN_FLIGHT_PER_WORKER:
                chunk = list(islice(it, size))
                size = chunk_docs
                if not chunk:
                    break
                pending.append(pool.apply_async(_work, (chunk, current(), timeout)))
                if pending[0].ready():  # hand finished results on before reading more
                    break
            if not pending:
                break
            yield from pending.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()

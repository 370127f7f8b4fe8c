"""`--dask ADDRESS`: the same per-document function on a Dask distributed cluster.

`--dask local` starts a LocalCluster on loopback (one process per core, one thread each);
`--dask tcp://host:8786` uses a running scheduler. Chunks of documents are submitted with a
bounded number in flight and gathered in input order, so the outputs are the same as a local
run's. Needs the optional extra: `pip install 'evfacts[dask]'`.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from evfacts.batch import RunError
from evfacts.ingest import Document, InputError
from evfacts.model import Result
from evfacts.parallel import CHUNK_DOCS, resolve_jobs

_pipelines: dict = {}


def _work(chunk: list, pipeline_kwargs: dict) -> list:
    """Runs on a Dask worker: one Pipeline (one spaCy load) per worker process and options."""
    from evfacts.pipeline import Pipeline

    key = repr(sorted(pipeline_kwargs.items()))
    pipeline = _pipelines.get(key)
    if pipeline is None:
        pipeline = _pipelines[key] = Pipeline(**pipeline_kwargs)
    return list(pipeline.process_many(chunk))


class DaskUnavailable(RunError):
    """No cluster to run on: the extra is missing, or the scheduler cannot be reached."""


#: seconds to wait for a scheduler to accept a connection, and for the Client to greet it
CONNECT_SECONDS = 5


def connect(address: str, jobs: int = 0):
    """A Client for ADDRESS, or for a new LocalCluster on loopback when ADDRESS is 'local'."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise DaskUnavailable("--dask needs the dask extra: pip install 'evfacts[dask]'") from e
    if address == "local":
        cluster = LocalCluster(n_workers=resolve_jobs(jobs), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=50)
        return Client(cluster)
    _reachable(address)
    try:
        return Client(address, timeout=f"{CONNECT_SECONDS * 2}s")
    except (OSError, TimeoutError, ValueError) as e:
        raise DaskUnavailable(f"--dask: cannot connect to the scheduler at {address}: {e}") from None


def _reachable(address: str) -> None:
    """Fail fast, naming the address, when nothing listens there (dask itself retries until its timeout)."""
    import socket

    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp", "tls", "ws", "wss"):
        return
    host, _, port = rest.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as e:
        raise DaskUnavailable(f"--dask: cannot connect to the scheduler at {address}: {e.strerror or e}") from None


def process_dask(items: Iterable[Document | InputError], address: str, pipeline_kwargs: dict, jobs: int = 0,
                 chunk_docs: int = CHUNK_DOCS) -> Iterator[Result | InputError]:
    client = connect(address, jobs)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        it = iter(items)
        pending: deque = deque()
        while True:
            while len(pending) < workers * 3:
                chunk = list(islice(it, chunk_docs))
                if not chunk:
                    break
                pending.append(client.submit(_work, chunk, pipeline_kwargs, pure=False))
            if not pending:
                break
            yield from pending.popleft().result()
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()

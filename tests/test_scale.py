"""Batch scale-out: worker processes, Dask, and the resumable SQLite store give the same
results as one process."""
import sqlite3

import pytest

from evfacts.ingest import Document, InputError
from evfacts.parallel import process_parallel, resolve_jobs
from evfacts.pipeline import Pipeline
from evfacts.store import Store, is_store_path, text_sha256

TEXTS = [
    "Acme Corp said revenue rose 12% to $3.4 billion in 2025.",
    "Shares fell 5% on Tuesday.",
    "The plant will employ 1,200 people.",
    "No figures here at all.",
] * 5


def _docs():
    items = [Document(f"doc{i}.txt", t) for i, t in enumerate(TEXTS)]
    items.insert(3, InputError("broken.txt", "binary data, not text"))
    return items


def _summary(results):
    out = []
    for r in results:
        if isinstance(r, InputError):
            out.append(("error", r.source))
        else:
            out.append((r.source, [(c.text, c.value, c.start, c.end) for c in r.claims]))
    return out


@pytest.fixture(scope="module")
def serial():
    return _summary(Pipeline().process_many(_docs()))


def test_serial_finds_claims(serial):
    assert ("error", "broken.txt") in serial
    assert any(claims for _, claims in serial if claims)


def test_two_workers_same_results_same_order(serial):
    assert _summary(process_parallel(_docs(), 2, {}, chunk_docs=3)) == serial


def test_jobs_zero_means_all_cores_and_more_are_capped_at_the_cores():
    from evfacts.parallel import available_cores

    cores = available_cores()
    assert resolve_jobs(0) == cores >= 1
    assert resolve_jobs(1) == 1
    assert resolve_jobs(1000) == cores


def test_dask_local_same_results(serial):
    pytest.importorskip("dask.distributed")
    from evfacts.distributed import process_dask

    assert _summary(process_dask(_docs(), "local", {}, jobs=2, chunk_docs=4)) == serial


@pytest.mark.parametrize("path,expected", [("facts.sqlite", True), ("x.DB", True), ("a.sqlite3", True),
                                           ("out.json", False), ("out.csv", False), (None, False)])
def test_store_paths(path, expected):
    assert is_store_path(path) is expected


def test_store_writes_and_resumes(tmp_path):
    db_path = str(tmp_path / "facts.sqlite")
    pipeline = Pipeline()
    docs = [Document(f"doc{i}.txt", t) for i, t in enumerate(TEXTS[:4])]
    with Store(db_path) as store:
        for d in docs:
            store.write(pipeline.process(d), text_sha256(d.text))
        assert store.seen(text_sha256(docs[0].text))
        assert not store.seen(text_sha256("something new"))
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    n_claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert n_claims == db.execute("SELECT sum(claims) FROM documents").fetchone()[0] > 0
    row = db.execute("SELECT text, value, unit FROM claims WHERE text LIKE '%12%'").fetchone()
    assert row[1] == 12 and row[2] == "%"
    assert db.execute("SELECT count(*) FROM lines").fetchone()[0] >= 4
    # rewriting a document replaces it, never duplicates it
    with Store(db_path, force=True) as store:
        assert not store.seen(text_sha256(docs[0].text))
        store.write(pipeline.process(docs[0]), text_sha256(docs[0].text))
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == n_claims


@pytest.mark.parametrize("lengths,batch_size,limit,expected", [
    ([10, 10, 10], 2, 1000, [[0, 1], [2]]),            # by count
    ([600, 300, 300, 50], 256, 1000, [[0, 1], [2, 3]]),  # by size: a batch of long paragraphs is cut
    ([5000, 10], 256, 1000, [[0], [1]]),              # a text longer than the limit is a batch alone
    ([], 256, 1000, []),
])
def test_spacy_batches_are_cut_by_count_and_by_size(monkeypatch, lengths, batch_size, limit, expected):
    from evfacts import pipeline

    monkeypatch.setattr(pipeline, "BATCH_CHARS", limit)
    texts = ["x" * n for n in lengths]
    assert list(Pipeline(batch_size=batch_size)._batches(list(range(len(texts))), texts)) == expected

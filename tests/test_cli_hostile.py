"""A hostile user's inputs and settings: no hang, no silent loss, no traceback, the right error.

In-process through CliRunner (output parsed), or as a real process where one is needed (a
closed stdout, /dev/full, signals to a process group).
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import EVFACTS, jsonl

from evfacts import budget
from evfacts.output import remove_stale_temps

GOOD = "Sales of electric cars rose 13% in 2025, the association said.\n"
SLOW_MARK = "SLOW-DOCUMENT"


def _run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=120, check=False, **kw)


def _values(result) -> list:
    return [r["value"] for r in jsonl(result)]


# ------------------------------------------------------------------------ special files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("inside_folder", [False, True], ids=["given", "in-a-folder"])
def test_a_fifo_without_writer_is_skipped_and_named(cli, tmp_path, inside_folder):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    args = [folder] if inside_folder else [fifo, folder / "a.txt"]
    r = cli("extract", *args, "-f", "jsonl")
    assert r.exit_code == 1
    assert _values(r) == [13]
    assert r.stderr.splitlines() == [f"evfacts: {fifo}: not a regular file (a FIFO); skipped"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_skipped_and_named(cli, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    r = cli("extract", "/dev/zero", tmp_path / "a.txt", "-f", "jsonl")
    assert r.exit_code == 1
    assert _values(r) == [13]
    assert r.stderr.splitlines() == ["evfacts: /dev/zero: not a regular file (a character device); skipped"]


@pytest.mark.parametrize("max_bytes", ["100000000000000000000000", str(sys.maxsize)])
def test_a_huge_max_bytes_reads_the_file(cli, tmp_path, max_bytes):
    (tmp_path / "a.txt").write_text(GOOD)
    r = cli("extract", tmp_path / "a.txt", "--max-bytes", max_bytes, "-f", "jsonl")
    assert r.exit_code == 0, r.output
    assert _values(r) == [13]


def test_max_bytes_that_is_no_integer_is_a_usage_error(cli, tmp_path):
    r = cli("extract", "-", "--max-bytes", "1e23", input=GOOD)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "--max-bytes" in r.stderr


# ------------------------------------------------------------------------ workers

def test_jobs_are_capped_at_the_cores(cli, tmp_path):
    from evfacts.parallel import available_cores, resolve_jobs

    cores = available_cores()
    assert resolve_jobs(10_000) == cores and resolve_jobs(0) == cores and resolve_jobs(1) == 1
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(GOOD)
    r = cli("extract", tmp_path, "-j", "10000", "-f", "jsonl")
    assert r.exit_code == 0
    assert _values(r) == [13, 13, 13]
    assert r.stderr == f"evfacts: -j 10000: {cores} cores available; using {cores} workers\n"


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="no process groups")
def test_ctrl_c_to_the_process_group_prints_no_worker_traceback(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03}.txt").write_text(GOOD * 20)
    proc = subprocess.Popen([EVFACTS, "extract", str(folder), "-j", "2", "-o", str(tmp_path / "out.jsonl")],
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # the workers are at work
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        time.sleep(1.0)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = proc.stderr.read().decode()
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert len(err.splitlines()) <= 1


# ------------------------------------------------------------------------ closed and full outputs

def test_a_closed_stdout_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    r = _run(f"'{EVFACTS}' extract '{tmp_path / 'a.txt'}' >&-", shell=True)
    assert r.returncode == 1
    assert r.stderr.decode().splitlines() == ["evfacts: error: cannot write standard output: standard output is closed"]


def test_a_closed_stdout_does_not_stop_writing_a_file(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "out.jsonl"
    r = _run(f"'{EVFACTS}' extract '{tmp_path / 'a.txt'}' -o '{out}' >&-", shell=True)
    assert r.returncode == 0 and r.stderr == b""
    assert [json.loads(line)["value"] for line in out.read_text().splitlines()] == [13]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["schema"], ["--version"], ["-h"], ["extract", "-h"], ["show", "--help"]])
def test_help_version_and_schema_into_a_full_disk(args):
    with open("/dev/full", "w") as full:
        r = subprocess.run([EVFACTS, *args], stdout=full, stderr=subprocess.PIPE, timeout=120, check=False)
    assert r.returncode == 1
    assert r.stderr.decode().splitlines() == ["evfacts: error: cannot write standard output: No space left on device"]


# ------------------------------------------------------------------------ stale temp files

def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_stale_temp_file_of_a_killed_run_is_removed_next_time(cli, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "out.jsonl"
    stale = tmp_path / ".out.jsonl.k1ll3d_9.tmp"
    fresh = tmp_path / ".out.jsonl.w0rk1ng_.tmp"  # another run's, still being written
    other = tmp_path / ".out.jsonl.notours.tmp"  # not the pattern of our temp files
    unrelated = tmp_path / ".other.jsonl.k1ll3d_9.tmp"  # the temp file of another target
    for p in (stale, fresh, other, unrelated):
        p.write_text("partial")
    for p in (stale, other, unrelated):
        _age(p, 3600)
    r = cli("extract", tmp_path / "a.txt", "-o", out)
    assert r.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([".out.jsonl.w0rk1ng_.tmp", ".out.jsonl.notours.tmp", ".other.jsonl.k1ll3d_9.tmp",
                            "a.txt", "out.jsonl"])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")
def test_a_temp_file_locked_by_a_live_run_is_kept(tmp_path):
    import fcntl

    live = tmp_path / ".out.jsonl.l1v3run_.tmp"
    live.write_text("partial")
    _age(live, 3600)
    with open(live) as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        code = "import sys; from evfacts.output import remove_stale_temps as r; print(len(r(sys.argv[1])))"
        proc = _run([sys.executable, "-c", code, str(tmp_path / "out.jsonl")])
        assert proc.stdout.decode().strip() == "0"
    assert live.exists()
    assert remove_stale_temps(str(tmp_path / "out.jsonl")) == [str(live)]


# ------------------------------------------------------------------------ wrong errors

def test_a_profile_in_a_missing_folder_is_a_usage_error_naming_it(cli, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    where = tmp_path / "no" / "such" / "site.json"
    r = cli("extract", tmp_path / "a.txt", "--profile", where)
    assert r.exit_code == 2
    assert r.stderr == f"evfacts: error: --profile: the folder of {where} does not exist\n"


def test_a_profile_that_cannot_be_saved_is_named_and_the_run_goes_on(cli, tmp_path, monkeypatch):
    from evfacts import clean_repeats

    def refuse(profile, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(clean_repeats, "save_profile", refuse)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Report {'abc'[i]}\n\n" + GOOD)
    where = tmp_path / "site.json"
    r = cli("extract", folder, "--profile", where, "-f", "jsonl")
    assert r.exit_code == 1
    assert _values(r) == [13, 13, 13]
    assert r.stderr == f"evfacts: {where}: --profile: cannot save the learned template: Permission denied\n"
    assert "standard output" not in r.stderr


@pytest.mark.parametrize("address, message", [
    ("foo://x", "is no scheduler address"),
    ("nonsense", "is no scheduler address"),
    ("tcp://host", "is no scheduler address"),
    ("http://127.0.0.1:8786", "is no scheduler address"),
    ("tcp://127.0.0.1:8786/path", "is no scheduler address"),
])
def test_a_bad_dask_address_is_a_usage_error(cli, address, message):
    r = cli("extract", "-", "--dask", address, input=GOOD)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and message in r.stderr


@pytest.mark.parametrize("address", ["local", "tcp://127.0.0.1:8786", "10.0.0.5:8786", "tls://sched.example:8786",
                                     "tcp://[::1]:8786"])
def test_dask_addresses_of_every_form_pass(address):
    from evfacts.cli import DASK_ADDRESS

    assert DASK_ADDRESS.fullmatch(address)


def test_an_unreachable_dask_scheduler_is_a_clear_error(cli):
    pytest.importorskip("distributed")
    r = cli("extract", "-", "--dask", "tcp://127.0.0.1:1", input=GOOD)
    assert r.exit_code == 1
    [line] = r.stderr.splitlines()
    assert line.startswith("evfacts: error: --dask: cannot connect to the scheduler at tcp://127.0.0.1:1")
    assert "standard output" not in line


# ------------------------------------------------------------------------ --timeout

def _slow_when_marked(monkeypatch):
    """A test-only hook: the claim engine sleeps (for ever, in effect) on a document holding SLOW_MARK."""
    from evfacts import pipeline

    real = pipeline.extract_article

    def extract(parsed, **kw):
        if any(SLOW_MARK in seg.text for seg, _ in parsed):
            time.sleep(3600)
        return real(parsed, **kw)

    monkeypatch.setattr(pipeline, "extract_article", extract)


def _batch_with_a_slow_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_text("Sales rose 13% in 2025.\n")
    (folder / "2.txt").write_text(f"{SLOW_MARK}: revenue rose 7% in 2024.\n")
    (folder / "3.txt").write_text("Profit fell 9% in 2023.\n")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_its_budget_is_stopped_and_the_run_goes_on(cli, tmp_path, monkeypatch, jobs):
    _slow_when_marked(monkeypatch)
    folder = _batch_with_a_slow_document(tmp_path)
    r = cli("extract", folder, "--timeout", "2", "-j", jobs, "-f", "jsonl")
    assert r.exit_code == 1
    assert sorted(_values(r)) == [9, 13]
    lines = r.stderr.splitlines()
    assert f"evfacts: {folder / '2.txt'}: timed out after 2 s (--timeout); skipped" in lines
    assert lines[-1] == "evfacts: 1 of 3 documents timed out (--timeout 2); the others were processed"


def test_a_timed_out_document_is_recorded_as_failed_in_the_store(cli, tmp_path, monkeypatch):
    _slow_when_marked(monkeypatch)
    folder = _batch_with_a_slow_document(tmp_path)
    db = tmp_path / "facts.sqlite"
    r = cli("extract", folder, "--timeout", "2", "-o", db)
    assert r.exit_code == 1
    with sqlite3.connect(db) as con:
        rows = dict(con.execute("SELECT path, error FROM documents").fetchall())
    assert rows[str(folder / "1.txt")] is None and rows[str(folder / "3.txt")] is None
    assert rows[str(folder / "2.txt")].startswith("timed out after 2 s")


def test_show_stops_a_document_over_its_budget(cli, tmp_path, monkeypatch):
    _slow_when_marked(monkeypatch)
    path = tmp_path / "slow.txt"
    path.write_text(f"{SLOW_MARK}: revenue rose 7% in 2024.\n")
    r = cli("show", path, "--timeout", "1")
    assert r.exit_code == 1
    assert "timed out after 1 s" in r.stderr


@pytest.mark.parametrize("docs, slow, expected", [
    ([1, 2, 3], {2}, [1, "t2", 3]),
    ([1, 2, 3], {1}, ["t1", 2, 3]),
    ([1, 2, 3], {3}, [1, 2, "t3"]),
    ([1, 2, 3, 4], {1, 4}, ["t1", 2, 3, "t4"]),
    ([1], {1}, ["t1"]),
    ([1, 2], set(), [1, 2]),
])
def test_within_budget_names_each_document_over_budget_in_order(docs, slow, expected):
    """Unit level: a fake pipeline whose 'documents' are numbers, slow ones sleeping for ever."""
    from evfacts.ingest import Document

    def process_many(items):
        for d in items:
            if int(d.text) in slow:
                time.sleep(3600)
            yield int(d.text)

    items = [Document(f"d{n}", str(n)) for n in docs]
    out = list(budget.within_budget(process_many, items, 0.2))
    assert [r if isinstance(r, int) else f"t{r.source[1:]}" for r in out] == expected
    assert all(budget.is_timeout(r) for r in out if not isinstance(r, int))


def test_no_budget_without_a_timer():
    def process_many(items):
        yield from items

    assert list(budget.within_budget(process_many, [1, 2], 0)) == [1, 2]
    assert list(budget.within_budget(process_many, [1, 2], float("inf"))) == [1, 2]

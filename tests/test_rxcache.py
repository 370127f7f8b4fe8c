"""evfacts.rxcache: a pattern compiled from the cache is the pattern `re.compile` gives.

`re.Pattern` equality compares the pattern, the flags and the engine's program, so each test
below checks the whole compiled object, not a few sample matches."""
from __future__ import annotations

import os
import re

import pytest

from evfacts import rxcache

PATTERNS = [
    (r"\d+(?:[.,]\d+)*", 0),
    (r"(?P<num>\d+)\s*(?P<unit>km|miles?)\b", re.I),
    (r"(?<![\w.])(?:per\s?cent|%)(?!\w)", 0),
    (r"[\u00A6\u00A9\u00AE\u00B0\u0482\u2190-\u21FF]+", 0),  # a large class: a long program
    (r"^(?:#{1,6}\s+|>\s*)+", re.M),
    (r"(?i:jan(?:uary)?)\s+\d{1,2}", 0),
    ("|".join(["^" + p for p in ("§", "%", "=", r"\+(?![0-9])")]), 0),
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """rxcache on an empty cache directory, as in a first run; restores the module state after."""
    monkeypatch.setenv("EVFACTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rxcache, "_entries", None)
    monkeypatch.setattr(rxcache, "_new", {})
    monkeypatch.setattr(rxcache, "_used", set())
    return tmp_path


def restart(monkeypatch) -> None:
    """What a new process sees: nothing in memory, the file on disk."""
    monkeypatch.setattr(rxcache, "_entries", None)
    monkeypatch.setattr(rxcache, "_new", {})
    monkeypatch.setattr(rxcache, "_used", set())


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(cache, monkeypatch, pattern, flags):
    first = rxcache.compile(pattern, flags)  # a miss: compiled, kept for save()
    assert first == re.compile(pattern, flags)
    rxcache.save()
    assert os.listdir(cache)
    restart(monkeypatch)
    assert ("re", pattern, int(flags)) in rxcache._load()
    again = rxcache.compile(pattern, flags)  # a hit: straight to the engine
    assert again == re.compile(pattern, flags)
    assert again.groupindex == re.compile(pattern, flags).groupindex
    assert not rxcache._new  # nothing was compiled again


def test_a_corrupt_cache_file_is_ignored(cache, monkeypatch):
    rxcache.compile(r"\bfoo\d+", re.I)
    rxcache.save()
    (path,) = [cache / name for name in os.listdir(cache)]
    path.write_bytes(b"\x00not marshal data")
    restart(monkeypatch)
    assert rxcache.compile(r"\bfoo\d+", re.I) == re.compile(r"\bfoo\d+", re.I)


def test_a_program_the_engine_refuses_is_compiled_again(cache, monkeypatch):
    restart(monkeypatch)
    entries = rxcache._load()
    good = rxcache._stored(rxcache._program(r"ab+c", re.UNICODE))
    entries[("re", r"ab+c", 0)] = (good[0], b"\xff\xff\xff\xff", *good[2:])  # a broken program
    assert rxcache.compile(r"ab+c") == re.compile(r"ab+c")


def test_a_bad_pattern_raises_as_re_compile_does(cache):
    with pytest.raises(re.error, match="missing \\)"):
        rxcache.compile(r"(unclosed")


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("EVFACTS_CACHE_DIR", "off")
    restart(monkeypatch)
    assert rxcache.compile(r"x\d") == re.compile(r"x\d")
    rxcache.save()
    assert rxcache.cache_file() is None
    assert rxcache._new  # kept in memory only


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVFACTS_CACHE_DIR", str(blocker / "cache"))
    restart(monkeypatch)
    assert rxcache.compile(r"y\d") == re.compile(r"y\d")
    rxcache.save()  # cannot create the directory: no exception
    assert rxcache._new


def test_the_cache_file_names_the_interpreter_build(cache):
    name = os.path.basename(rxcache.cache_file())
    assert name.startswith(f"re-{__import__('sys').implementation.cache_tag}-")


def test_memo_computes_once_and_keeps_the_value_across_runs(cache, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return ("added", "rose")

    key = ("literals", r"\b(?:added|rose)\b", 0, 1, False)
    assert rxcache.memo(key, compute) == ("added", "rose")
    assert rxcache.memo(key, compute) == ("added", "rose")
    assert len(calls) == 1
    rxcache.save()
    restart(monkeypatch)
    assert rxcache.memo(key, compute) == ("added", "rose")
    assert len(calls) == 1  # read from the file


def test_rx_literals_are_the_same_from_the_cache(cache, monkeypatch):
    from evfacts import rx

    pattern = r"(?:rose|fell|climbed)\s+(?:by\s+)?\d+(?:\.\d+)?%"
    first = rx.literals(pattern)
    assert first == rx._literals(pattern, 0, 1, False) == ("climbed", "fell", "rose")
    rxcache.save()
    restart(monkeypatch)
    assert rx.literals(pattern) == first
    assert not rxcache._new


def test_past_its_size_the_file_keeps_what_the_run_used(cache, monkeypatch):
    monkeypatch.setattr(rxcache, "MAX_ENTRIES", 3)
    for i in range(4):  # an older version's patterns
        rxcache.compile(rf"old{i}\d")
    rxcache.save()
    restart(monkeypatch)
    assert len(rxcache._load()) == 4  # written before the limit applied to a run that used them all
    rxcache.compile(r"old0\d")  # used again
    rxcache.compile(r"new\d+")  # new
    rxcache.save()
    restart(monkeypatch)
    assert sorted(k[1] for k in rxcache._load()) == [r"new\d+", r"old0\d"]

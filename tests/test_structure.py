"""The codebase stays changeable: small modules and functions, public APIs of other libraries only."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "evfacts"
SOURCES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 900
MAX_FUNCTION_LINES = 90
#: reaches into CPython's regex engine, stand-ins in sys.modules, library globals and private layers
PRIVATE = re.compile(r"_sre\b|re\._parser|re\._compiler|sys\.modules\[|AVAILABLE_ENTRY_POINTS|\._func\b|os\._exit"
                     r"|_require_patterns|^\s*(?:import|from)\s+click\b")


def _rel(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_module_is_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_functions_are_small(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_public_apis_only(path):
    hits = [f"{i}: {line.strip()}" for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if PRIVATE.search(line)]
    assert hits == []


@pytest.mark.parametrize("line, private", [
    ("import re._parser as sp", True),
    ("del sys.modules[stub]", True),
    ("node._func = forward", True),
    ("os._exit(0)", True),
    ("from click import Context", True),
    ("import clickhouse", False),
    ("sys.exit(1)", False),
    ("re.compile(pattern)", False),
    ("self.func = f", False),
])
def test_private_pattern(line, private):
    assert bool(PRIVATE.search(line)) is private

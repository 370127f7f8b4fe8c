"""Clean: classify every line of a repost as title, heading, body, metadata or boilerplate.

(Placeholder — the full classifier lands with issue 2's cleaning work.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from evfacts.ingest import iter_lines
from evfacts.model import LineDecision


@dataclass
class CleanResult:
    lines: list[LineDecision] = field(default_factory=list)  # non-blank lines only
    title: str | None = None
    published: datetime | None = None

    @property
    def kept(self) -> list[LineDecision]:
        return [d for d in self.lines if d.keep]


def clean_text(text: str, *, fmt: str = "text", meta: dict | None = None, enabled: bool = True,
               config=None) -> CleanResult:
    decisions = []
    offset = 0
    for lineno, (line, nxt) in enumerate(iter_lines(text), 1):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            decisions.append(LineDecision(lineno, offset + lead, offset + len(line.rstrip()), line.strip(),
                                          True, "body"))
        offset = nxt
    return CleanResult(decisions)

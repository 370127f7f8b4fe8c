"""What the context recognizers compute once per sentence (`SentInfo`) and hand to the next sentence of a paragraph (`SentState`)."""
from __future__ import annotations

from dataclasses import dataclass, field

# -- article state ------------------------------------------------------------------------------------


@dataclass
class SentState:
    """What the previous sentences of a paragraph left behind."""

    period: str | None = None
    subject: str | None = None
    #: what the last sentence itself was about (None: nothing)
    last: str | None = None


@dataclass
class SentInfo:
    """Computed once per sentence."""

    dates: list = field(default_factory=list)  # DateExpr
    companies: list = field(default_factory=list)  # (start_char, end_char, token i, name)
    period: str | None = None  # the sentence's own governing period (for the next sentence)
    #: (people, SubjectFinder.by_token): what the sentence's tokens name, read once for all its figures
    subject_tokens: tuple | None = None
    #: (SubjectFinder.by_token, SubjectFinder.other_subject())
    other_subject: tuple | None = None


# -- dates --------------------------------------------------------------------------------------------

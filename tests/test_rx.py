"""The regex pre-filter (evfacts.rx): the literals it reads off a pattern, and that a gated pattern
finds exactly what the pattern finds on any text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evfacts import rx
from evfacts.claims.context import DATE_PATTERNS


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\bfiscal\s+(first|second)[\s-]+quarter", re.I, ("quarter",)),   # the most selective of fiscal/quarter
    (r"(?:https?://|www\.)\S+", re.I, ("http", "www.")),
    (r"\b(?:Q([1-4])|quarter)\b", re.I, ("q",)),                      # "quarter" holds "q": pruned
    (r"\b(?:add|added|adds)\s+\d", re.I, ("add",)),
    (r"(?:19|20)\d\d", 0, ("19", "20")),
    (r"\d+(?:\.\d+)?%", 0, ("%",)),
    (r"\d{2,4}[\s.-]\d{3,4}", 0, None),          # digits and classes only: no filter
    (r"(?:about\s+)?\d+", re.I, None),            # an optional word is not required
    (r"ab?c", 0, ("a",)),                         # b is optional; a and c are each required
    (r"SINCE\s+\d", 0, ("since",)),               # case-folded
])
def test_literals(pattern, flags, expected):
    assert rx.literals(pattern, flags) == expected


PATTERNS = [p for _, p in DATE_PATTERNS] + [
    rx.Gated(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org)/\S*", re.I),
    rx.Gated(r"\b(?:down|up)\s+(?:by\s+)?\d+(?:\.\d+)?%", re.I),
]
ALPHABET = st.sampled_from(["quarter", "Q3", "fiscal", "FY", "2024", "1999", "May", "march", "SINCE", "same period",
                            "a year ago", "www.", "x.com/", "https://", "up", "down by", "4.5%", " ", "-", ",", "ſince", "K"])


@given(st.lists(ALPHABET, max_size=14).map(" ".join))
def test_gated_patterns_find_what_the_pattern_finds(text):
    folded = text.casefold()
    for g in PATTERNS:
        assert [m.span() for m in g.finditer(text, folded)] == [m.span() for m in g.rx.finditer(text)]
        assert (g.search(text, folded) is None) == (g.rx.search(text) is None)


@pytest.mark.parametrize("pattern,expected", [
    (r"\b\d+(?:st|nd|rd|th)\b", r"\d(?<!\w\d)\d*(?:st|nd|rd|th)\b"),
    (r"\b\d{4}-\d{2}", r"\d(?<!\w\d)\d{3}-\d{2}"),
    (r"\b\d{1,2}/\d", r"\d(?<!\w\d)\d{0,1}/\d"),
    (r"\b\d{2,}x", r"\d(?<!\w\d)\d{1,}x"),
    (r"(?i)\b\d+ers\b", r"(?i)\d(?<!\w\d)\d*ers\b"),
    (r"\b\d*x", r"\b\d*x"),               # may match no digit: left alone
    (r"\b(?:\d{2}|\d{4})s", r"\b(?:\d{2}|\d{4})s"),  # not a leading \b\d
])
def test_digit_first(pattern, expected):
    assert rx.digit_first(pattern) == expected


from evfacts.claims.quantities import MASKS  # noqa: E402

MASK_TEXT = st.lists(st.sampled_from(["1", "12", "2024", "99", "-", "/", ":", ".", " ", "st", "th", "ers", "x", "K", "p", "G",
                                      "a", "Ave", "Main", "Street", "am", "PM", "GMT", "#", "A", "ratio", "-for-", "day", "yield",
                                      "win", "é", "_", "(", ")", "+", "$"]), max_size=16).map("".join)


@given(MASK_TEXT)
def test_digit_first_masks_find_what_the_masks_find(text):
    for _, pattern in MASKS:
        fast = re.compile(rx.digit_first(pattern.pattern), pattern.flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)], pattern.pattern

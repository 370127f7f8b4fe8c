"""The regex pre-filter (evfacts.rx): the literals it reads off a pattern, and that a gated pattern
finds exactly what the pattern finds on any text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evfacts import rx
from evfacts.claims.dates import DATE_PATTERNS


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\bfiscal\s+(first|second)[\s-]+quarter", re.IGNORECASE, ("quarter",)),   # the most selective of fiscal/quarter
    (r"(?:https?://|www\.)\S+", re.IGNORECASE, ("http", "www.")),
    (r"\b(?:Q([1-4])|quarter)\b", re.IGNORECASE, ("q",)),                      # "quarter" holds "q": pruned
    (r"\b(?:add|added|adds)\s+\d", re.IGNORECASE, ("add",)),
    (r"(?:19|20)\d\d", 0, ("19", "20")),
    (r"\d+(?:\.\d+)?%", 0, ("%",)),
    (r"\d{2,4}[\s.-]\d{3,4}", 0, None),          # digits and classes only: no filter
    (r"(?:about\s+)?\d+", re.IGNORECASE, None),            # an optional word is not required
    (r"ab?c", 0, ("a",)),                         # b is optional; a and c are each required
    (r"SINCE\s+\d", 0, ("since",)),               # case-folded
])
def test_literals(pattern, flags, expected):
    assert rx.literals(pattern, flags) == expected


PATTERNS = [p for _, p in DATE_PATTERNS] + [
    rx.Gated(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org)/\S*", re.IGNORECASE),
    rx.Gated(r"\b(?:down|up)\s+(?:by\s+)?\d+(?:\.\d+)?%", re.IGNORECASE),
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


from evfacts.claims.quantities import MASKS

MASK_TEXT = st.lists(st.sampled_from(["1", "12", "2024", "99", "-", "/", ":", ".", " ", "st", "th", "ers", "x", "K", "p", "G",
                                      "a", "Ave", "Main", "Street", "am", "PM", "GMT", "#", "A", "ratio", "-for-", "day", "yield",
                                      "win", "é", "_", "(", ")", "+", "$"]), max_size=16).map("".join)


@given(MASK_TEXT)
def test_digit_first_masks_find_what_the_masks_find(text):
    for pattern in (m.pattern for m in MASKS):
        fast = re.compile(rx.digit_first(pattern.pattern), pattern.flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)], pattern.pattern


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\b(?:may|march)\b\s+\d", re.IGNORECASE, r"(?-i:[mM])(?<!\w.)(?:(?<=m)ay|(?<=m)arch)\b\s+\d"),
    (r"\b(?:sun|kilo)x", re.IGNORECASE, "(?-i:[kK\u212asS\u017f])(?<!\\w.)(?:(?<=s)un|(?<=k)ilo)x"),
    (r"\b(?:may|march)\b", 0, r"\b(?:may|march)\b"),     # case-sensitive: left alone
    (r"\b(?:st\.|rd)\b", re.IGNORECASE, r"\b(?:st\.|rd)\b"),       # not plain words: left alone
])
def test_word_first(pattern, flags, expected):
    assert rx.word_first(pattern, flags) == expected


def test_fold_unsafe_lists_every_character_case_folding_treats_unlike_matching():
    """Outside ASCII, only the characters of rx.FOLD_UNSAFE match an ASCII letter case-insensitively
    or fold into one: elsewhere rx.words sees every whole ASCII word a pattern can match."""
    odd = [chr(c) for c in range(0x80, 0x110000)
           if re.fullmatch("[a-z]", chr(c), re.IGNORECASE) or any("a" <= x <= "z" for x in chr(c).casefold())]
    assert odd and all(rx.FOLD_UNSAFE.match(ch) for ch in odd)


from evfacts.claims import quantities as Q

#: a third digits, a third punctuation and spaces, a third words of the masks (and letters case-folding treats oddly)
MASK_WORDS = st.lists(st.one_of(
    st.sampled_from(list("0123456789")),
    st.sampled_from(list(" .,-–/:'$£€()#+\n") + ["  ", " of ", " to "]),
    st.sampled_from(["st", "th", "nd", "'s", "ers", "x", "K", "p", "G", "D", "a", "A", "T", "Ave", "Main", "Street", "St.", "Rd",
                     "am", "PM", "GMT", "est", "ratio", "-for-", "day", "yield", "win", "é", "_", "March", "may", "SEPT",
                     "Jan", "ſept", "Marı", "İ", "Monday", "thurs", "Sun", "video", "TV", "covid", "SU", "AB", "Q", "ı", "K",
                     "ß", "AB12", "read", "see also", "Check out", "don’t miss", "day", "year", "week", "month", "Road", "what's new",
                     "changes", "in", "v", "release notes", "T-notes", "yield", "high"])), max_size=18).map("".join)


@given(MASK_WORDS)
def test_fast_masks_find_what_the_masks_find(text):
    """The masks as run (hand-written fast forms, literals, pre-checks, whole-word gates) find exactly
    what the written MASKS find."""
    assert Q._mask_regions(text) == [(m.start(), m.end(), mask.kind) for mask in Q.MASKS for m in mask.pattern.finditer(text)]


@given(MASK_WORDS)
def test_fast_forms_match_the_written_masks(text):
    for mask in Q.MASKS:
        assert [m.span() for m in mask.fast.finditer(text)] == [m.span() for m in mask.pattern.finditer(text)], mask.name


@pytest.mark.parametrize("text", [
    "7G", "5G.", "x5G", "4K TV", "$4K TV", ".4K video", "12K Video", "123K TV", "1080p", "10800p", "3D", "5D", "a3D",
    "2024 March", "12 March 2024", "1 of May", "1st of may", "x12 May", ",5 May", "May 5", "Sept. 12, 2024", "mayor 5",
    "ſeptember 5", "Marı 5", "Monday 5", "on Thurs, 12", "monday5", "the 90s", "1990's", "990s", "x90s",
    "a123.AB", "123.AB", "1234567.A", "(NYSE: AB)", "(AB:C.D)", "123 GMT", "1234GMT", "1 GMT", "12 est", "12345 EST",
    "12345-123", "123-12345", "1-2-12345-3", "1999-2000", "2019/20", "x1999-2000", "2020-21%", "1899-1900",
    "12-1234-5678", "(555) 123-4567", "+1 555.123.4567", "555-1234", "AB12 3CD", "A1 2BC", "covid-19", "TA-35",
    "(read: 5 ETFs)", "(see also: 2024)", "(don't miss: 3)", "(xread: 5)", "(readme: 5)", "10-year Treasury", "3-month bill",
    "2-days high", "What's new in v2.1", "changes for 3.4.5", "newchanges in 1.2", "12 5th Street", "1 2nd Rd.", "1 2nd Str",
    "up-5", "F-150", "xmay 5", "Summary 2024", "1AB:C)", "12 Main Street", "12 Main St.", "5 Ave Paris", "10 5th Ave", "SU7", "i4", "3M2X", "500m2",
])
def test_fast_masks_on_edge_cases(text):
    assert Q._mask_regions(text) == [(m.start(), m.end(), mask.kind) for mask in Q.MASKS for m in mask.pattern.finditer(text)]
    for mask in Q.MASKS:
        assert [m.span() for m in mask.fast.finditer(text)] == [m.span() for m in mask.pattern.finditer(text)]


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\b(?:Jan|Feb)\.?\s+\d", 0, ("Feb", "Jan")),
    (r"\b(?:Jan|Feb)\.?\s+\d", re.IGNORECASE, None),         # case-insensitive: no literals as written
    (r"(?i:jan)\s+\d", 0, None),                     # nor with an inline flag
    (r"\d+ GMT\b", 0, (" GMT",)),
])
def test_cased_literals(pattern, flags, expected):
    assert rx.literals(pattern, flags, cased=True) == expected


from evfacts.claims.dates import _DATE_TABLE

DATE_TEXT = st.lists(st.sampled_from(["quarter", "Q3", "fiscal", "FY", "2024", "1999", "May", "MAY", "march", "Mar", "Market",
                                      "Sept", "SINCE", "same period", "a year ago", "last", "years", "up", "4.5%", " ", "-", ",",
                                      "ſince", "K", "İ", "ı", "ended", "June", "12", "of"]), max_size=14).map(" ".join)


@given(DATE_TEXT)
def test_date_table_skips_only_patterns_that_find_nothing(text):
    folded = text.casefold()
    for _, pat, need, on_text, _ in _DATE_TABLE:
        if need is not None and not any(w in (text if on_text else folded) for w in need):
            assert pat.search(text) is None, pat.pattern


@pytest.mark.parametrize("pattern,expected", [
    (r"quarter", ("quarter",)),
    (r"(?i)Fiscal\s+year", ("fiscal",)),                     # inline flag; the longer of two required words
    (r"\bdo(?:es)? not (?:reflect|represent)\b", (" not re",)),  # a plain group reads in line
    (r"(?:abc|abd)x", ("ab",)),                              # a shared first part moves before the alternatives
    (r"(?:a|b)xyz", ("xyz",)),                               # one character each: a class, no literal
    (r"[.]com\b", (".com",)),                                # a one-character class is the character
    (r"(?=fiscal)\w+", None),                                # a lookahead: its content is not taken
    (r"(?<!x)abc(?!d)", ("abc",)),
    (r"(?P<y>year)s?", ("year",)),                           # a named group
    (r"(?#a comment)abc", ("abc",)),                         # a comment reads as nothing
    (r"\x41B\u0043", ("abc",)),                              # hex escapes, case-folded
    (r"a{2}bc", ("bc",)),                                    # a counted repeat breaks the run
    (r"(?:ab)+c", ("ab",)),                                  # repeated at least once: required
    (r"x{x", ("x{x",)),                                      # "{" that opens no count is the character
    (r"(?>abc)d", ("d",)),                                   # an atomic group is not read into
    (r"ab++c", ("a",)),                                      # nor a possessive repeat
    # near-misses: nothing required
    (r"(?:fiscal)?\d+", None),                               # an optional group
    (r"fiscal|\d+", None),                                   # "|" at the top level: one side has no literal
    (r"(?:fiscal)*\d", None),                                # "*": may repeat zero times
    (r"x?\d", None),                                         # "?" on a literal
    (r"(?:fiscal|)\d", None),                                # an empty alternative
    (r"(?:ab|a)\d", ("a",)),                                 # the shared "a" moves out; "b" is not required
])
def test_literals_read_off_the_pattern(pattern, expected):
    assert rx.literals(pattern) == expected


@pytest.mark.parametrize("pattern,flags", [
    (r"(?x) quarter  # verbose", 0),                         # verbose patterns are not read: no gate
    (r"quarter", re.VERBOSE),
    (r"\N{DIGIT ONE}quarter", 0),                            # an escape the reader does not know
])
def test_literals_when_unsure_give_no_gate(pattern, flags):
    assert rx.literals(pattern, flags) is None


READER_TOKENS = st.sampled_from(["a", "b", "ab", "K", "ß", r"\.", r"\d", r"\b", "[ab]", "[.]", "[^x]", ".", "^", "|", "(", "(?:",
                                 "(?i:", "(?=", "(?!", ")", "?", "*", "+", "{2}", "{,2}", "{x", "??", "*+", r"\x41", "-", " "])


@given(st.lists(READER_TOKENS, min_size=1, max_size=10).map("".join), st.lists(ALPHABET | READER_TOKENS, max_size=8).map("".join))
def test_every_match_holds_one_of_the_literals(pattern, text):
    try:
        compiled = re.compile(pattern)
    except re.error:
        return
    need = rx.literals(pattern)
    for m in compiled.finditer(text):
        assert need is None or any(w in m.group().casefold() for w in need), (pattern, m.group())

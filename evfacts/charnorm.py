"""The characters the claim engine reads: figures in other scripts and widths made ASCII.

News pasted from other sources writes figures with characters that look like ASCII ones but are
not: Arabic-Indic and other scripts' digits (`١٢٬٠٠٠`), fullwidth forms (`１２，０００ ５％`),
invisible format characters inside a number (`12\u200b000`, a zero-width space or word joiner
left by a web page), and terminal escape sequences (`\x1b[31m`) whose digits are no figures.

`for_figures(text)` gives the text the engine parses and an `OffsetMap` back to `text`: digits
become ASCII digits (`unicodedata.decimal`), fullwidth forms their ASCII character (NFKC, one
character each), escape sequences and other control characters spaces of the same length, all
one character for one; only format characters inside a number are removed, and the map says
where. Claims keep their offsets and surface in the original text.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

#: one character for one: Arabic percent sign, decimal and thousands separators; ideographic space
_ONE_FOR_ONE = {"\u066a": "%", "\u066b": ".", "\u066c": ",", "\u3000": " "}
#: a character of another script or width that stands for an ASCII one
_FOREIGN = re.compile(r"(?![0-9])\d|[\uff01-\uff5e" + "".join(_ONE_FOR_ONE) + "]")
#: a terminal escape sequence (CSI `ESC [ ... m`, OSC `ESC ] ... BEL`, two-character ones), or a
#: control character other than tab, line breaks and form feed
_CONTROL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[ -~]?)"
                      r"|[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]")
#: invisible format characters: soft hyphen, zero-width space and joiners, direction marks, word
#: joiner and invisible operators, byte-order mark
_FORMAT = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
#: a run of them inside a number or at its edge: after a digit (before a digit, separator, sign or
#: space) or before one (after a separator, currency sign or space); not between a figure and a word
_INSIDE_NUMBER = re.compile(rf"(?<=[0-9])[{_FORMAT}]+(?=[0-9.,%\s])|(?<=[0-9.,$€£¥\s])[{_FORMAT}]+(?=[0-9])")


@dataclass(frozen=True)
class OffsetMap:
    """Offsets of a text with some characters removed, back to the text they were removed from."""

    at: tuple[int, ...] = ()  # offsets in the new text where removed characters stood (increasing)
    removed: tuple[int, ...] = ()  # characters removed up to there, in all

    def original(self, i: int) -> int:
        """The original offset of the new text's character at `i` (a start)."""
        k = bisect_right(self.at, i)
        return i + (self.removed[k - 1] if k else 0)

    def original_end(self, i: int) -> int:
        """The original offset of an end `i` (just after the new text's character at i - 1)."""
        return self.original(i - 1) + 1 if i > 0 else 0


IDENTITY = OffsetMap()


def _ascii(m: re.Match) -> str:
    ch = m.group()
    if ch in _ONE_FOR_ONE:
        return _ONE_FOR_ONE[ch]
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def for_figures(text: str) -> tuple[str, OffsetMap]:
    """(the text the claim engine reads, the map of its offsets back to `text`): see the module."""
    if text.isascii() and not _CONTROL.search(text):
        return text, IDENTITY
    text = _CONTROL.sub(lambda m: " " * len(m.group()), text)
    text = _FOREIGN.sub(_ascii, text)
    if not _INSIDE_NUMBER.search(text):
        return text, IDENTITY
    parts, at, removed, pos, gone = [], [], [], 0, 0
    for m in _INSIDE_NUMBER.finditer(text):
        parts.append(text[pos:m.start()])
        gone += m.end() - m.start()
        at.append(m.start() - (gone - (m.end() - m.start())))
        removed.append(gone)
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(tuple(at), tuple(removed))


@dataclass(frozen=True)
class Changed:
    """A segment whose text the engine read changed: where it starts, its text and what was read."""

    start: int  # offset of the segment in the document
    original: str
    read: str
    offsets: OffsetMap


def restore_claims(claims, changed: list[Changed]) -> None:
    """Give claims found in changed segments (`changed` in document order) their offsets, surface and
    sentence in the original text (claim offsets are document offsets of the text read)."""
    starts = [c.start for c in changed]
    for claim in claims:
        k = bisect_right(starts, claim.start) - 1
        if k < 0 or claim.start - changed[k].start >= len(changed[k].read):
            continue  # a claim of a segment read as it is
        seg = changed[k]
        local, local_end = claim.start - seg.start, claim.end - seg.start
        start, end = seg.offsets.original(local), seg.offsets.original_end(local_end)
        claim.start, claim.end, claim.text = seg.start + start, seg.start + end, seg.original[start:end]
        sentence = claim.sentence or ""
        at = seg.read.rfind(sentence, max(0, local_end - len(sentence)), local + len(sentence)) if sentence else -1
        if at >= 0:
            claim.sentence = seg.original[seg.offsets.original(at):seg.offsets.original_end(at + len(sentence))]

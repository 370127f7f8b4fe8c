"""Masks: regions of a sentence that hold digits but no claim (dates, times, codes, phone numbers, scores, tallies, citations, list numbers)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from evfacts import rx
from evfacts.claims import units as L
from evfacts.claims.view import doc_text


@dataclass(frozen=True)
class Mask:
    """A named region of a sentence that holds digits but no claim (a record of data/masks.toml)."""

    name: str
    kind: str  # what the recognizers know the region as ("date", "code", ...); several masks share one
    description: str
    pattern: re.Pattern  # the written form
    fast: re.Pattern  # the form that runs: the same matches
    #: literals one of which every match holds (read off the written form: a rewrite may hide them)
    literals: tuple[str, ...] | None
    precheck: re.Pattern | None  # a pattern every match holds a match of
    words: frozenset[str] | None  # whole words (case-folded) one of which every match holds


#: "not followed by %, percent, million...": a day of the month, not a figure
_NOT_PCT = r"(?!\s?(?:%|percent|per\s?cent|million|billion|bn|m\b))"
_PRECHECKS = {"dash-digit": r"-\d", "phone-tail": r"\d{3}[\s.-]\d{4}", "letter-digit": r"\d(?<=[A-Za-z]\d)"}


def _word_lists() -> dict[str, frozenset[str]]:
    return {"months": frozenset(L.MONTHS), "weekdays": frozenset(L.WEEKDAYS),
            "street_suffixes": frozenset(w.lower().rstrip(".") for w in L.STREET_SUFFIXES)}


def _expand(pattern: str) -> str:
    for token, value in (("<MONTHS>", L.alternation(L.MONTHS)), ("<WEEKDAYS>", L.alternation(L.WEEKDAYS)),
                         ("<NOT_PCT>", _NOT_PCT),
                         ("<STREET_SUFFIXES>", L.alternation([s.title() for s in L.STREET_SUFFIXES]))):
        pattern = pattern.replace(token, value)
    return pattern


def _mask(record: dict, prechecks: dict[str, re.Pattern]) -> Mask:
    flags = re.IGNORECASE if record.get("ignore_case") else 0
    written = re.compile(_expand(record["pattern"]), flags)
    if "fast" in record:
        fast = re.compile(_expand(record["fast"]), flags)
    else:  # digit-first or word-first where evfacts can rewrite it, else as it is
        form = rx.word_first(rx.digit_first(written.pattern), flags)
        fast = written if form == written.pattern else re.compile(form, flags)
    pre = record.get("precheck")
    if pre is not None and pre not in prechecks:
        prechecks[pre] = re.compile(pre)
    words = record.get("words")
    if isinstance(words, str):
        words = _word_lists()[words]
    return Mask(record["name"], record["kind"], record["description"], written, fast, rx.literals(written),
                prechecks[pre] if pre is not None else None, frozenset(words) if words is not None else None)


def _load_masks() -> tuple[Mask, ...]:
    data = tomllib.loads(resources.files("evfacts").joinpath("data/masks.toml").read_text(encoding="utf-8"))
    prechecks = {name: re.compile(p) for name, p in _PRECHECKS.items()}  # shared: each runs once a sentence
    masks = tuple(_mask(r, prechecks) for r in data["mask"])
    names = [m.name for m in masks]
    assert len(set(names)) == len(names), "mask names must be unique"
    return masks


#: the masks, in the order they run
MASKS = _load_masks()
#: a pointer to another article inside a sentence: "(read: 5 Best ETFs of 2023)"
CROSSREF_RE = next(m.pattern for m in MASKS if m.name == "crossref")


def _mask_regions(text: str, folded: str | None = None, words=False,
                  disabled: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """The matches of MASKS in text, mask by mask: [(start, end, kind)]. folded: `text.casefold()`, words:
    `rx.words(text, folded)`, if the caller has read them; disabled: names of masks not to run."""
    spans = []
    if folded is None:
        folded = text.casefold()
    checked = {}  # pre-check -> found (several masks share one)
    for mask in MASKS:
        if mask.name in disabled:
            continue
        name, pat, need, pre, gate = mask.kind, mask.fast, mask.literals, mask.precheck, mask.words
        if gate is not None:  # the whole words: one set operation, where the literals are up to 21 scans
            if words is False:
                words = rx.words(text, folded)
            if words is not None:
                if gate.isdisjoint(words):
                    continue
            elif need is not None and not any(map(folded.__contains__, need)):
                continue
        elif need is not None and not any(map(folded.__contains__, need)):
            continue
        if pre is not None:
            found = checked.get(pre)
            if found is None:
                found = checked[pre] = pre.search(text) is not None
            if not found:
                continue
        for m in pat.finditer(text):
            spans.append((m.start(), m.end(), name))
    return spans


def _mask_spans(text: str, folded: str | None = None, words=False,
                disabled: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    spans = _mask_regions(text, folded, words, disabled)
    if "scores" not in disabled and ("-" in text or "–" in text or "—" in text or " to " in text):
        spans += _score_spans(text)
    if "citation" not in disabled and "(" in text:
        spans += [(m.start(), m.end(), "citation") for m in _CITATION_RE.finditer(text)]
    return spans


# ----------------------------------------------------------------------------- scores, tables, citations
#: a result or a record: "6-4", "7-6 (5)", "14-0-1" (no currency before, no decimal, no unit glued after)
#: the dash may be an em dash and may be spaced ("won 3 — 1", "ruled 7 — 2"): group 2 is the separator
_SCORE_PAIR_RE = re.compile(r"(?<![\w.,/$€£¥:#-])(\d{1,3})( ?[-–—] ?)(\d{1,3})(?:[-–—](\d{1,3}))?(?![\w/%°:]|[.,]\d|[-–—]\d)(\s?\(\d{1,2}\))?")
#: a vote or a court's split: "voted 7-2", "ruled 6 to 3", "by a vote of 7 to 2", "a 5-4 decision" (a tally, not a range)
_TALLY_CUE_RE = re.compile(r"\b(?:vot(?:e|ed|es|ing)|rul(?:ed|es|ing)|decided|decision|verdict)(?:\s+(?:of|by))?\s*,?\s*$", re.IGNORECASE)
_TALLY_NOUN_RE = re.compile(r"\s+(?:votes?|decisions?|verdicts?|rulings?|majority|margin|tally|split)\b", re.IGNORECASE)
_TALLY_TO_RE = re.compile(r"(?<![\w.,/$€£¥:#-])(\d{1,3})\s+to\s+(\d{1,3})(?![\w/%°:]|[.,]\d|\s?%)")
#: words that make the pair a result: "beat X 24-17", "improved to 9-2", "outshot 16-3"
_SCORE_VERB_RE = re.compile(r"\b(?:beat|beats|beating|beaten|defeat(?:s|ed|ing)?|lost|lose|loses|losing|won|wins?|winning|edg(?:e|ed|es|ing)|"
                            r"top(?:s|ped|ping)|led|leads?|leading|trail(?:s|ed|ing)?|outscor(?:e|ed|es|ing)|outsh(?:o|oo)t|"
                            r"improv(?:e|ed|es|ing)\s+to|fell\s+to|falls?\s+to|dropp(?:ed|s)\s+to|mov(?:e|ed|es)\s+to|clinch(?:ed|es|ing)?|"
                            r"rout(?:s|ed|ing)?|blank(?:s|ed|ing)?|drew|tied|level(?:l?ed|l?ing)?|past|over|against|record\s+(?:of|to|at)|"
                            r"scoreline\s+of|score\s+(?:of|was|is))"
                            r"(?:\s+(?:[A-Z][\w.'’-]*|and|of|the|de|van|der|la|le|St\.?)|,)*\s*,?\s*$")
_SCORE_NOUN_RE = re.compile(r"\s+(?:win|wins|victory|victories|loss|losses|defeat|defeats|rout|drubbing|thrashing|triumph|lead|bulge|"
                            r"draw|tie|decision|verdict|vote|majority|ruling|record|start|skid|streak|run|aggregate|advantage|deficit|"
                            r"at\s+halftime|on\s+aggregate|in\s+(?:the\s+)?(?:final|semi-?finals?|quarter-?finals?|deciding|opening|first|second|third|fourth|fifth))\b"
                            r"|,?\s+(?:over|against|at)\s+(?:the\s+)?[A-Z]", re.IGNORECASE)
#: a team record in brackets after its name: "The Eagles (6-5, 3-4)", "Palm Bay (1-0):"
_SCORE_RECORD_PRE_RE = re.compile(r"[A-Z][\w.'’]*\s\($")
_SCORE_RECORD_POST_RE = re.compile(r"(?:,\s?\d{1,3}[-–]\d{1,3}(?:[-–]\d{1,3})?)*\)")
_SCORE_MEASURED_RE = re.compile(r"[\s-]?(?:%|percent\b|per\s?cent\b|percentage\b|points?\b|(?:" + L.alternation(L.SCALE_WORDS) + r")\b|(?:"
                                + L.alternation(L.UNIT_SYMBOLS) + r")(?![\w²³])|(?:" + L.alternation(L.UNIT_WORDS) + r")\b)", re.IGNORECASE)
#: a tabular row: "3 Kevin Harvick 5033 4 6 15 26" -- three or more bare numbers side by side are a table, not prose
_TABLE_RUN_RE = re.compile(r"(?<![\w.,$€£¥%/-])\d+(?:\.\d+)?(?:[ \t]+[-+]?\d+(?:\.\d+)?){2,}(?![\w.,%/])")
#: a numbered reference at the end of a sentence: "... binge eating (5).", "(12, 13)"
_CITATION_RE = re.compile(r"(?<=[\w.,;:%)”\"’])\s?\(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\)(?=\s*[.;,]?\s*$)")


def _score_spans(text: str) -> list[tuple[int, int, str]]:
    """Sports results and records: '6-4, 7-6 (5)', 'lost 24-17', 'improved to 14-0-1', 'a 4-0 rout', 'The Gophers (9-1, 6-1)'.

    A score is two figures, not a range: a pair is one when it runs downhill (a range is written low to high),
    is a tie, has a third part or a tie-break, follows a result verb, precedes a result noun or is a team record
    in brackets. Then every bare pair of the sentence is one ('6-2, 6-1'). A measured pair ('10-8 km') is not.
    A vote or a court's split is one too ('voted 7-2', 'ruled 6 to 3', 'a 5-4 decision'): not a claim.
    """
    pairs = []
    for m in _SCORE_PAIR_RE.finditer(text):
        if _SCORE_MEASURED_RE.match(text, m.end()) and not m.group(5):
            continue
        a, b = int(m.group(1)), int(m.group(3))
        shape = a > b or a == b or m.group(4) is not None or m.group(5) is not None
        verb = bool(_SCORE_VERB_RE.search(text, max(0, m.start() - 80), m.start()))
        tally = bool(_TALLY_CUE_RE.search(text, max(0, m.start() - 40), m.start()))
        cued = (verb and not re.match(r"\s+[a-z]", text[m.end():m.end() + 2])) \
            or bool(_SCORE_NOUN_RE.match(text, m.end())) \
            or bool(_SCORE_RECORD_PRE_RE.search(text, max(0, m.start() - 40), m.start()) and _SCORE_RECORD_POST_RE.match(text, m.end()))
        if m.group(2) not in ("-", "–"):
            # a spaced or em dash also sets off an aside ("40 — 12 of them electric"): a downhill pair is a
            # result only after a result or vote word ("won 3 — 1", "ruled 7 — 2")
            strong = cued or (shape and (verb or tally))
        else:
            strong = shape or cued
        pairs.append((m.start(), m.end(), strong))
    # "voted 9 to 3", "ruled 6 to 3 that ...": a downhill or tied pair joined by "to" after a vote word
    if " to " in text:
        for m in _TALLY_TO_RE.finditer(text):
            if _SCORE_MEASURED_RE.match(text, m.end()):
                continue
            if int(m.group(1)) >= int(m.group(2)) and (_TALLY_CUE_RE.search(text, max(0, m.start() - 40), m.start())
                                                     or _TALLY_NOUN_RE.match(text, m.end())):
                pairs.append((m.start(), m.end(), True))
    if not any(p[2] for p in pairs):
        return []
    return [(s, e, "score") for s, e, _ in pairs]


#: "2. Don't forget ...", "10. Tesla": a number, a full stop and a capitalised word at the start of a line
_LIST_NUMBER_RE = re.compile(r"(?:^|(?<=\n))[ \t]*(\d{1,2})\.[ \t]+[\"“‘'(\[]?[A-Z]")
#: a line that ends a sentence, a heading or a lead-in ("Tips:"): the next line may open a list; a line ending in a
#: lower-case word or a comma runs on ("revenue rose by\n2. The ...": the number ends a wrapped sentence)
_LINE_RUNS_ON_RE = re.compile(r"[a-z,\-–]$")


def _list_number_spans(sent) -> list[tuple[int, int, str]]:
    """List numbering at the start of a segment or a line: not a figure. Sentence-local offsets."""
    dtext, s0 = doc_text(sent.doc), sent.start_char
    lo, hi = max(0, s0 - 1), min(len(dtext), sent.end_char + 20)
    if lo > 0 and "\n" not in dtext[lo - 1:hi]:
        return []  # no line starts here: the segment's start is not in the window, nor is a newline
    if not any(map(str.isdigit, dtext[s0:sent.end_char])):
        return []
    spans = []
    for m in _LIST_NUMBER_RE.finditer(dtext, lo, hi):
        ns = m.start(1)
        if not (s0 <= ns < sent.end_char):
            continue
        if m.start() > 0:  # after a newline: the line before
            nl = m.start() - 1
            if _LINE_RUNS_ON_RE.search(dtext[dtext.rfind("\n", 0, nl) + 1:nl].rstrip()):
                continue
        spans.append((ns - s0, m.end(1) - s0, "list_number"))
    return spans


def _masked(spans, s: int, e: int) -> str | None:
    for a, b, name in spans:
        if a < e and s < b:
            return name
    return None


"""Find the figures of a sentence: value, range, unit, kind, approximation and change.

A small registry of named recognizers works over the sentence text and its spaCy tokens:

  masks        not-claim regions: URLs, e-mails, dates, times, tickers, phone numbers, product codes,
               addresses, ordinals (``not_quantities.json``), scores and vote tallies ("won 3 — 1", "voted
               9 to 3"), list numbering at the start of a line ("2. Don't ...")
  atoms        number surfaces: digits (separators, decimals, fractions, scientific) and
               spelled-out numbers (``number_words.json``), multiples (3x, sixfold, doubled)
  extend       currency before/after (``currencies.json``, lower-cased codes, "17 USD 25"), scale
               (``scales.json``), percent, units (``units.json``; "12 ft 2 in", "45.3C" in a sentence about
               temperature, "80C"/"80 C" before nothing that makes C a label), counted noun from the spaCy parse (with a classifying adjective: "commercial
               fishermen"; an upper-case abbreviation closing the phrase: "0.5 WAR"; "a day or two"; past a
               measure: "six million 330ml cans"; past "more/fewer/previous": "two more wins"), "half a mile",
               "a half point", rates ("2.4 billion gallons of jet fuel a year", "200,000 batteries a year"),
               whole units and cents ("$4 and 75 cents", "12 euros 40 cents", "15 USD 50 more")
  ranges       "3 to 5", "between 10% and 12%", "$1-2 billion", "from X to Y" (a bare end keeps the unit)
  filters      names (SU7, Section 427, Boeing 737, the 49ers, iPhone 5s, Boeing 777X), bare years used as dates, "one of"
               (counted as 1 with ONE_OF_AS_COUNT, NewsQuant's convention; off by default)
  cues         approximation (about, over, up to, + ...; "over nine years" after a verb is a span; a
               bracketed conversion shares it) and change (rose 5%, a 22% rally, down 3%, cut X by 20%,
               lost/shed/gained + a measure: "lost 25 pounds"; money after them stays a level)

Offsets are doc-local: ``sent.doc.text[q.start:q.end] == q.text``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from evfacts import rx
from evfacts.claims import units as L
from evfacts.claims.view import doc_text, headline, sent_ents, sent_text, sent_words
from evfacts.claims.numbers import DIGITS, RUN_NUMBER_WORDS, parse_digits, parse_words, word_runs


@dataclass
class Quantity:
    start: int  # doc-local character offsets
    end: int
    text: str
    value: float
    kind: str = "quantity"
    value_max: float | None = None
    unit: str | None = None
    approx: str | None = None
    change: str | None = None
    rules: list[str] = field(default_factory=list)
    #: extra: "per" denominator of a rate ("a share", "per barrel"), for money and counts
    per: str | None = None


#: "45 cents" -> 0.45 USD (SPEC: money in its ISO currency; the gold article agrees). False keeps
#: the figure in the minor unit (value 45, unit "cent"), as NewsQuant annotates it.
MINOR_AS_MAJOR = True
#: "one of the largest plants" -> 1 plant, as NewsQuant annotates it (every "one of the ..." in its
#: sentences is a figure). False (the default) drops it, as the article gold does ("one of the market's
#: best AI stocks" is not a claim). Measured: True gains NewsQuant dev value F1 +0.7 and costs one
#: article-gold false claim.
ONE_OF_AS_COUNT = False

# ----------------------------------------------------------------------------- regexes (compiled once)
_MON = L.alternation(L.MONTHS)
_DAY = L.alternation(L.WEEKDAYS)
_NOT_PCT = r"(?!\s?(?:%|percent|per\s?cent|million|billion|bn|m\b))"
#: a pointer to another article inside a sentence: "(read: 5 Best ETFs of 2023)", "(see: all the ETFs here)"
CROSSREF_RE = re.compile(r"\((?:read|see|also\s+read|read\s+more|more|see\s+also|also\s+see|related|check\s+out|don['’]t\s+miss)\s*:[^()]*\)", re.I)

MASKS = [
    ("crossref", CROSSREF_RE),
    ("url", re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|\[email\s*protected\]", re.I)),
    ("iso_datetime", re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?")),
    ("slash_date", re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")),
    ("time", re.compile(r"\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s?(?:[ap]\.?m\.?|AM|PM)(?!\w))?")),
    ("time", re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b|AM\b|PM\b|[ap]\.m\b)")),
    ("date", re.compile(r"\b(?:" + _MON + r")\b\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{1,2}\b)?\b" + _NOT_PCT + r"(?:,?\s+\d{4}\b)?", re.I)),
    ("date", re.compile(r"(?<![\d.,$€£¥])\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MON + r")\b\.?(?:,?\s+\d{4}\b)?", re.I)),
    ("date", re.compile(r"\b(?:" + _MON + r")\b\.?,?\s+(?:of\s+)?(?:19|20)\d{2}\b", re.I)),
    ("date", re.compile(r"\b(?:" + _DAY + r")\b,?\s+\d{1,2}\b" + _NOT_PCT, re.I)),
    ("year_span", re.compile(r"\b(?:19|20)\d{2}\s?[-–/]\s?(?:\d{2}|(?:19|20)\d{2})\b(?!\s?%)")),
    ("decade", re.compile(r"\b(?:\d{2}|\d{4})'?s\b")),
    ("ordinal", re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I)),
    ("ticker", re.compile(r"\b\d{3,6}\.[A-Z]{1,2}\b|\([A-Z]+:\s?[A-Z.]+\)")),
    ("phone", re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")),
    ("code", re.compile(r"(?<![$€£¥])\b[A-Za-z]*[A-Za-z]\d+(?:[A-Za-z]+\d*)*\b")),  # SU7, O1, S24, i4, mk5, H1
    ("code", re.compile(r"\b[A-Z][A-Za-z]*-\d+(?:-\d+)?\b")),  # COVID-19, TA-35, F-150
    ("code", re.compile(r"(?i:\bcovid-?19\b)")),
    ("code", re.compile(r"\b\d+ers\b")),  # the 49ers, the 76ers
    ("code", re.compile(r"(?i)\b(?!(?:to|mid|pre|post|and|or|by|over|under|about|around|top|sub|non|ex|late|early|minus|plus|per|up|down|from|than|the|a|an|of|in|on|at|now|then)-)[A-Za-z]{1,6}\d*-\d+[a-z]*\b")),
    ("code", re.compile(r"\b\d+(?!(?:m|km|cm|mm|ft)[23]\b)[A-Za-z]+\d+\w*\b")),  # 3M2X, 5G4 -- not 500m2 (square metres)
    ("time", re.compile(r"\b(?:\d{4}|\d{1,2})\s?(?:GMT|UTC|EDT|EST|BST|CET|PDT|PST|HKT|JST)\b")),
    ("address", re.compile(r"\b\d+\s+(?:[A-Z]\.?\s+)?(?:\d+(?:st|nd|rd|th)\s+)(?:St|Street|Ave|Avenue|Rd|Road)\b\.?")),
    ("address", re.compile(r"\b\d+\s+(?:Ave|Avenue|Rue|Via|Calle|Boulevard|Blvd)\.?\s+[A-Z]")),
    ("resolution", re.compile(r"(?<![$€£\d.,])\b\d{1,2}K\b(?=\s+[A-Z]|\s+(?:resolution|video|display|screen|content|monitor|TV)\b)|\b\d{3,4}p\b|\b[2-6]G\b|\b[234]D\b")),
    ("address", re.compile(r"\b\d+[A-Za-z]?(?:-\d+)?\s+(?:[A-Z][\w'.]*\s+){1,3}(?:" + L.alternation([s.title() for s in L.STREET_SUFFIXES]) + r")(?!\w)")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\w*")),
    ("enumeration", re.compile(r"(?:^|(?<=[;:]\s)|(?<=[;:]\sand\s))\d{1,2}\s?\)")),
    ("phone", re.compile(r"(?<![\d.,$€£])\b\d{2,4}[ .-]\d{3,4}[ .-]\d{4}\b(?![.,]\d)")),
    ("account_number", re.compile(r"\b\d+(?:-\d+)*-\d{5,}(?:-\d+)*\b|\b\d{5,}(?:-\d+)+\b")),
    ("reuters_code", re.compile(r"\b\d+#[A-Z]+|#[A-Z]+\d+|\b[A-Z]{2,}=(?!\d)|\bRank\s?(?:=|#)\s?\d\b")),
    ("ratio", re.compile(r"\b\d+-for-\d+\b|\b24/7\b|\b365/24\b")),
    ("ratio", re.compile(r"\b\d+(?:\.\d+)?-to-(?:\d+(?:\.\d+)?|one)\b(?=\s+ratio)|\b\d+(?:\.\d+)?[:/]\d+(?:\.\d+)?\s+ratio\b")),
    ("fixed_term", re.compile(r"\b\d+(?:[- ]\d/\d)?[- ](?:day|week|month|year)\s+(?:(?:[A-Z][\w-]*|benchmark)\s+){0,2}(?:T-notes?|T-bills?|T-bonds?|bunds?|JGBs?|OATs?|BTPs?|high|low|highs|lows|average|moving|Treasury|Treasuries|treasury|note|notes|bond|bonds|yield|yields|bill|bills|gilt|gilts|Bund|JGB)\b")),
    ("version", re.compile(r"(?i)\b(?:what['’]s\s+new|new\s+features?|changes|release\s+notes|changelog)\s+(?:in|for)\s+v?\d+(?:\.\d+)+\b")),
    ("score", re.compile(r"\b\d{1,2}-\d{1,2}\b(?=\s+(?:win|loss|defeat|victory|lead|draw|down|record|vote|decision|ruling|majority)\b)")),
]

_CUR_CODES_GLUED = sorted([k for k in L.CUR_PREFIX if k[-1:].isalpha() and " " not in k] + ["PS"], key=len, reverse=True)
_LB = "(?:(?<![\\w.,])" + "".join(f"|(?<={re.escape(c)})" for c in _CUR_CODES_GLUED) + ")"
#: the lookahead first: a match starts at a sign, a digit, a point or a fraction character, and every other
#: position fails on it before the currency-code lookbehinds are tried
NUM = re.compile(r"(?=[−+\-.\d" + "".join(L.UNICODE_FRACTIONS) + r"])(?:(?<![\w.,])([−+-])(?=\.?\d))?" + _LB + r"(" + DIGITS + r")(?![\d])(?!\.\d)(?!,\d{3})")

#: lower-cased ISO codes before a number ("rmb 10", "usd 2.5 million" in lower-cased text); not "try", "nis"
_LOWER_CODES = ["usd", "eur", "gbp", "jpy", "cny", "rmb", "hkd", "aud", "cad", "chf", "sgd", "nzd", "inr", "krw"]
_CUR_PREFIX_RE = re.compile(r"(?:" + L.alternation(list(L.CUR_PREFIX) + ["PS"] + _LOWER_CODES) + r"|(?i:" + L.alternation([k for k in L.CUR_PREFIX if "$" in k and k != "$"]) + r"))\s?$")
_CUR_PREFIX_LOWER = {k.lower(): v for k, v in L.CUR_PREFIX.items() if "$" in k or k.lower() in _LOWER_CODES}
_CUR_SYMBOL_AFTER_RE = re.compile(r"\s?([$€£¥元₡₾₭₹₩₽₪₺₱฿₫₦₿])(?!\s?\d)")
_CUR_MCODE_AFTER_RE = re.compile(r"\s?(M(?:USD|EUR|GBP|AUD|CAD|CHF|JPY|CNY))\b")
_DOLLAR_PREFIX_OK = re.compile(r"\d[\d,.]*\s?(?:million|billion|trillion|bn|mn)\b", re.I)
_PREFIX_NEEDS_BOUNDARY = re.compile(r"[A-Za-z]")
_SCALE_WORD_RE = re.compile(r"[\s-]?(" + L.alternation(L.SCALE_WORDS) + r")\b", re.I)
_SCALE_SUFFIX_RE = re.compile(r"(" + L.alternation(L.SCALE_SUFFIXES) + r")(?![A-Za-z])")
_SCALE_SPACED_RE = re.compile(r" (bn|mn|mln|bln|tn|trn|B|M)(?![A-Za-z])")
_M_PLURAL_RE = re.compile(r"m\s+(?!(?:years|times|miles|metres|meters|feet)\b)(?:[a-z]+[^s\W]s|people|staff|children|men|women)\b")
_MONEY_M_RE = re.compile(r"\s?(m)(?![A-Za-z²2])")
_PCT_RE = re.compile(
    r"\s?(?:(%\s?points?)|(%)|(percent(?:age)?\s+points?|per\s?cent(?:age)?\s+points?|percentage-points?)"
    r"|(basis[\s-]points?|bps\b|bp\b)|(pp\b|ppt\b)|(percent|per\s?cent|pct\b|pc\b)(?:-\w+)?)", re.I)
_CUR_WORD_RE = re.compile(r"[\s-]?(" + L.alternation(L.CUR_WORDS) + r")(?![\w]|['’]t\b)", re.I)
_CUR_AMBIG_RE = re.compile(r"\s?(" + L.alternation(L.CUR_AMBIGUOUS) + r")(?![\w])", re.I)
_CUR_MINOR_RE = re.compile(r"[\s-]?(" + L.alternation(L.CUR_MINOR) + r")(?![\w])", re.I)
_CUR_CODE_AFTER_RE = re.compile(r"\s?(" + L.alternation([k for k in L.CUR_PREFIX if re.fullmatch(r"[A-Z]{3,4}", k)]) + r")(?![A-Za-z\d])")
_AFTER_DOLLAR_RE = re.compile(r"\s(" + L.alternation(L.CUR_AFTER_DOLLAR) + r")(?![A-Za-z])")
_UNIT_WORD_RE = re.compile(r"(?:\s|-|\s?-\s?)?(" + L.alternation(L.UNIT_WORDS) + r")(?![\w])", re.I)
_UNIT_SYM_RE = re.compile(r"(\s?-?)(" + L.alternation(L.UNIT_SYMBOLS) + r")(?![\w²³])")
_GLUED_ONLY = {"s", "t", "g", "l", "x", "X", "×", "m", "K", "F", "A", "V", "W", "h", "L", "\"", "″", "°", "p"}
_PER_RE = re.compile(r"(?:\s?/\s?|\s+(?:per|a|an|each|every)\s+|-a-|\s+a-)(" + L.alternation(
    ["second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "annum", "quarter",
     "share", "barrel", "gallon", "litre", "liter", "ounce", "pound", "ton", "tonne", "kilogram", "kg", "kwh", "mile", "unit",
     "person", "head", "capita", "night", "game", "seat", "vehicle", "car", "piece", "dozen", "sq m", "square metre", "square meter",
     "square foot", "sq ft", "mmbtu", "s", "h", "hr", "min", "ms", "km", "m", "millisecond", "gram", "gramme"]) + r")s?(?![\w])(?!\s+(?:earlier|ago|later|before|after|prior|previously|on|over|from|or|and)\b)", re.I)
_OF_STUFF_PER_RE = re.compile(r"\s+of\s+(?:[a-z][a-z-]*\s+){1,3}(?=(?:a|an|per)\s+)")
_TIME_DENOMINATORS = {"second", "minute", "hour", "day", "week", "month", "year", "annum", "quarter", "decade",
                      "seconds", "minutes", "hours", "days", "weeks", "months", "years", "quarters"}
_COUNT_RATE_DENOMINATORS = _TIME_DENOMINATORS | {"person", "capita", "head", "game", "night"}
_TEMP_GLUED_RE = re.compile(r"([CF])(?![\w°])")
#: "80 C": a lone capital C/F after a space (not "C-suite", "C.", "C's")
_TEMP_SPACED_RE = re.compile(r" ([CF])(?![\w°'’-]|\.\w)")
#: what may follow a temperature when the sentence does not say it is one: the sentence goes on (end, punctuation,
#: a function word, a comparison: "heated to 80C before use", "the 80C that ...", "1.5C above ..."), where a
#: content word after makes the letter a label or rating ("3C products", "a 4C charging rate", "80C grades")
_TEMP_AFTER_OK_RE = re.compile(r"\s*(?:$|[.,;:!?)\]}\"”’'(/—–]|\s(?:in|on|at|for|and|or|to|by|with|before|after|during|when|while|until|"
                               r"from|than|is|was|were|are|be|will|would|could|can|may|might|has|had|have|as|inside|outside|"
                               r"overnight|today|yesterday|tomorrow|this|that|which|but|so|then|above|below|higher|lower|"
                               r"warmer|colder|hotter|cooler|last|next|earlier|later|each|every|per|over|under|across|around|since)\b)")
_TEMP_NAME_BEFORE_RE = re.compile(r"\b([A-Za-z][\w.]*)\s+$")
_TEMP_CONTEXT_RE = re.compile(r"\b(?:temperatures?|warming|heat|heatwaves?|degrees?|hotter|hottest|warmer|warmest|colder|coldest|highs|lows|"
                              r"thermometers?|celsius|centigrade|fahrenheit|mercury|freezing|scorching|sweltering)\b", re.I)
_CAPITAL_BEFORE_RE = re.compile(r"(?:^|\s)[A-Z][\w.-]*\s+$")
_SPACED_SYMBOL_OK = re.compile(r"\s*(?:$|[.,;:)]|\d|x\b|(?:tall|long|wide|high|deep|away|above|below|thick|across|per|of)\b)")
_INCH_SPACED_OK = re.compile(r"\s*(?:long|wide|tall|high|thick|deep|across|in\s+diameter|diagonal|screen|display|monitor|tv|wheels?|rims?)\b", re.I)
_BRACKET_UNIT_RE = re.compile(r"\s?[(\[{<](" + L.alternation(L.UNIT_SYMBOLS) + r")[)\]}>]")
_OF_A_UNIT_RE = re.compile(r"\s+of\s+an?\s+(?:(?:US|U\.S\.|imperial|metric)\s+)?(" + L.alternation(L.UNIT_WORDS) + r")\b", re.I)
_AGE_RE = re.compile(r"^[\s-]*(?:years?|yrs?|months?|weeks?|days?)[\s-]old\b|^[\s-]*(?:year|month|week|day)-old\b", re.I)
_AGE_UNIT_RE = re.compile(r"(year|month|week|day)", re.I)
_PLUS_RE = re.compile(r"\+(?!\d)")
_OR_MORE_RE = re.compile(r"^\s*(or more|or over|or higher|or above|plus)\b|^\s*(or less|or fewer|or lower|or below)\b|^\s*(or so)\b", re.I)
_MULTIPLE_WORD_RE = re.compile(r"(?<![\w-])(?:(\d+(?:\.\d+)?)[\s-]?fold|(" + L.alternation(L.MULTIPLE_WORDS) + r")|(" + L.alternation(L.MULTIPLE_VERBS) + r")"
                               r"|(" + L.alternation(list(L.WORD_UNITS) + list(L.WORD_TENS) + ["hundred", "thousand"]) + r")[\s-]fold)(?![\w-])", re.I)
_FOLD_AFTER_RE = re.compile(r"[\s-]fold\b", re.I)

_APPROX_RE = re.compile(r"(?:^|(?<=[\s(\[\"'“‘]))(" + L.alternation([w for w in L.APPROX if w not in ("+", "or more", "or so", "and up", "minimum")]) + r")\s*(?:of\s+)?(?:(?:just|only|a|an)\s+)?$", re.I)
#: "over nine years" after a verb is a span (during); after these words it is "more than"
_OVER_MORE_THAN_RE = re.compile(r"\b(?:for|in|of|than|since|after|within|took|take|takes|taking|lasted|last|lasts|lasting|spent|spend|spends|"
                                r"aged|age|ages|is|are|was|were|be|been|being|has|have|had|just|well|by|to|with|at)\s+$", re.I)
_AGO_RE = re.compile(r"\s+(?:ago|old|earlier|later|before)\b", re.I)
_CHANGE_PRE_RE = re.compile(
    r"(?:^|(?<=[\s(]))(" + L.alternation(L.CHANGE_VERBS) + r")\s+(?:(?:by\s+an?\s+[a-z]+|by|of|between|another|a\s+further|an\s+additional|an\s+extra|further|just|only|some|nearly|almost|about|around|roughly|approximately|more\s+than|less\s+than|over|under|as\s+much\s+as|up\s+to|close\s+to|sharply|slightly|marginally|modestly|steeply|strongly|a\s+little|a\s+bit|a\s+whopping|a\s+massive|a\s+record|a\s+staggering|an\s+estimated|a\s+combined|a\s+total\s+of|a|an|the|its|their|fully)\s+)*$",
    re.I)
_CHANGE_VERB_BY_RE = re.compile(r"(?:^|(?<=[\s(]))(" + L.alternation(L.CHANGE_VERBS) + r")\s+(?:[\w'’-]+\s+){0,5}by\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|just|only|another|a\s+further|an\s+additional|a|an)\s+)*$", re.I)
_PCT_RANGE_AFTER = re.compile(r"\s?(?:-|–|to|and)\s?\d[\d.,]*\s?(?:%|percent|per\s?cent|percentage point)")
_PLUS_WORD_RE = re.compile(r"(?:-|\s)plus\b(?=\s)", re.I)
_OR_PCT_AFTER = re.compile(r",?\s+or\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?[+-]?\d[\d.,]*\s?(?:%|percent|per\s?cent)")
_CHANGE_NOUN_PRE_RE = re.compile(r"\b(?:an?|the|its|their|his|her)?\s*(?:\w+\s+)?(" + L.alternation(L.CHANGE_NOUNS) + r")s?\s+(?:of|by)\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|just|only)\s+)?$", re.I)
_CHANGE_NOUN_POST_RE = re.compile(r"(?:[\s-]+(?:[a-z]+-)?(?:annual|annualized|yearly|monthly|quarterly|weekly|daily|sequential|year-on-year|year-over-year|on-year|overall|sharp|steep|modest|slight|small|big|huge|massive|whopping|further|surprise|pay|price|sales|revenue|share|stock|growth|jump|total|combined|average|cumulative|organic|yoy))*[\s-]+(" + L.alternation(L.CHANGE_NOUNS) + r")s?\b", re.I)
_UPDOWN_RE = re.compile(r"(?:^|(?<=[\s(,;]))(?<!making )(?<!make )(?<!makes )(?<!made )(?<!taking )(?<!takes )(?<!took )(?<!take )(?<!summed )(?<!sum )(?<!add )(?<!adds )(?<!set )(?<!sets )(?<!picked )(?<!pick )(?<!picks )(?<!make)(up|down|higher|lower|off)\s+(?:(?:by|about|around|nearly|almost|some|roughly|more\s+than|less\s+than|over|just|only|a\s+further|another|slightly|marginally|sharply|modestly|a\s+little|a\s+bit)\s+)*$", re.I)
#: the change patterns with their literals (a change verb, "up"/"down", a change noun): most figures have
#: none of them in the words before, and the patterns are not run there
_CHANGE_PRE, _CHANGE_VERB_BY, _UPDOWN, _CHANGE_NOUN_PRE = (rx.Gated(p) for p in (_CHANGE_PRE_RE, _CHANGE_VERB_BY_RE, _UPDOWN_RE, _CHANGE_NOUN_PRE_RE))
assert _CHANGE_VERB_BY.need == _CHANGE_PRE.need  # one check serves both
_ONE_BAD_PRE = re.compile(r"\b(?:the|this|that|which|no|any|each|every|another|some|one|someone|anyone|everyone|no-one|other)\s*$", re.I)
_ONE_ADJ_PRE = re.compile(r"\b(?:a|an|the|my|your|his|her|its|our|their)\s+(?:(?!(?:single|mere|only|just|extra|additional|further|another|more|first|last|next)\b)[a-z]+\s+)$")
_ONE_DET_AFTER = re.compile(r"\s+(?:several|few|many|some|a\s+few|a\s+couple|these|those|the|its|their|his|her|our|my|your)\b", re.I)
_ONE_NOT_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in L.ONE_NOT_QUANTITY) + r")\b", re.I)
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:\S+\s+)?[~≈]?$", re.I)
_FROM_RE = re.compile(r"\b(?:from|range[sd]?|ranging|ranging\s+from)\s+(?:\S+\s+)?$", re.I)
_RANGE_JOIN_RE = re.compile(r"^\s?(?:-|–|—|to-?|through|thru)\s?$|^\s+(?:to|and|through|thru)\s+$|^\s?-\s?to\s?-\s?$", re.I)
_OR_JOIN_RE = re.compile(r"^\s+(?:or|and|to)\s+$|^\s?,\s?$", re.I)
#: ... with the baseline named, so it is a comparison over time and not a level ("finished 34% higher at $3")
_POST_HIGHER_LOWER_RE = re.compile(r"\s+(higher|lower)\s*,?\s+(?:(?:on\s+an?\s+)?(?:year[\s-]+(?:over|on)[\s-]+year|y/y|yoy|y-o-y|quarter[\s-]+(?:over|on)[\s-]+quarter|q/q|month[\s-]+(?:over|on)[\s-]+month|m/m|sequentially)\b|than\s+(?:a|the|in\s+the)\s+(?:year|quarter|month)[\s-]*(?:earlier|ago|before)|than\s+(?:last|the\s+previous|the\s+prior|the\s+same)\s+(?:year|quarter|month|period)|(?:from|than|compared\s+(?:to|with)|versus|vs\.?)\s+(?:a\s+year|the\s+year|the\s+same\s+period|last\s+year|the\s+prior[\s-]year|the\s+year-ago|a\s+year-ago))", re.I)
#: "down 22%, 13.3%, and 11.6%": a bare list of percentages after a change shares it
_PCT_LIST_RE = re.compile(r"^\s*,\s*(?:and\s+)?$", re.I)
#: "ticked up to 3.8%": "up" belongs to the verb, the figure is the new level, not a ceiling
_VERB_UP_TO_RE = re.compile(r"\b(?:ticked|ticks|tick|ticking|edged|edges|edging|inched|inches|inching|moved|moves|moving|went|goes|go|going|gone|shot|crept|creeping|revised)\s+up\s+to\s*$", re.I)
_APPOSITION_RE = re.compile(r"^(?:\s+[a-z-]+){0,3}\s*,?\s*(?:or|and|i\.e\.,?)\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|just|only)\s+)?$|^\s*\(\s*$", re.I)

_CONVERSION_OPEN_RE = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+|approximately\s+)?")
_CONVERSION_CLOSE_RE = re.compile(r"\s*[)\]]")
_YEAR_FIGURE_RE = re.compile(r"\s+(?:" + L.alternation(L.YEAR_FIGURE_NOUNS) + r")\b", re.I)
_YEAR_RE = re.compile(r"(?:1[89]|2[01])\d\d")
_WORD_NUM_SINGLE_FRACTION = set(L.WORD_FRACTIONS) - {"half"}


# ----------------------------------------------------------------------------- the atom
@dataclass
class _Atom:
    s: int  # start of the whole surface (currency prefix / sign included)
    e: int  # end of the whole surface (unit / counted noun included)
    ns: int  # start of the number itself
    ne: int  # end of the number itself (scale included)
    value: Decimal
    words: bool = False  # spelled out
    sign: str = ""
    scale: Decimal | None = None
    currency: str | None = None
    unit: str | None = None  # % / SI symbol / counted noun
    unit_kind: str | None = None  # pct | sym | noun | cur
    per: str | None = None
    approx: str | None = None
    change: str | None = None
    value_max: Decimal | None = None
    rules: list[str] = field(default_factory=list)
    drop: str | None = None
    kind_year: bool = False


_STANDALONE_DIGIT = re.compile(r"(?<![A-Za-z\d])\d")
_HAS_DIGIT = re.compile(r"[\d" + "".join(L.UNICODE_FRACTIONS) + r"]")


#: faster forms of some masks, the same matches (tests/test_rx.py checks each against its written form):
#: one leading digit or character class lets the engine jump from candidate to candidate in C, where a
#: leading `\b` or an alternation makes it try every position
_FAST_FORMS = {
    # resolution: its four forms start with a digit after a boundary
    MASKS[24][1].pattern: r"\d(?<!\w\d)(?:(?<![$€£.,]\d)\d?K\b(?=\s+[A-Z]|\s+(?:resolution|video|display|screen|content|monitor|TV)\b)"
                          r"|\d{2,3}p\b|(?<=[2-6])G\b|(?<=[234])D\b)",
    # decade
    MASKS[11][1].pattern: r"\d(?<!\w\d)(?:\d|\d{3})'?s\b",
    # year span
    MASKS[10][1].pattern: r"[12](?<!\w[12])(?:(?<=1)9|(?<=2)0)\d{2}\s?[-–/]\s?(?:\d{2}|(?:19|20)\d{2})\b(?!\s?%)",
    # ticker: a digit or a bracket
    MASKS[13][1].pattern: r"[\d(](?:(?<=\d)(?<!\w\d)\d{2,5}\.[A-Z]{1,2}\b|(?<=\()[A-Z]+:\s?[A-Z.]+\))",
    # time zone
    MASKS[21][1].pattern: r"\d(?<!\w\d)(?:\d{3}|\d?)\s?(?:GMT|UTC|EDT|EST|BST|CET|PDT|PST|HKT|JST)\b",
    # day and month: "5 March", "21st of May"
    MASKS[7][1].pattern: r"\d(?<![\w.,$€£¥]\d)\d?" + MASKS[7][1].pattern.removeprefix(r"(?<![\d.,$€£¥])\b\d{1,2}"),
    # account number
    MASKS[29][1].pattern: r"\d(?<!\w\d)(?:\d*(?:-\d+)*-\d{5,}(?:-\d+)*\b|\d{4,}(?:-\d+)+\b)",
}
_DASH_DIGIT = re.compile(r"-\d")
_LETTER_DIGIT = re.compile(r"\d(?<=[A-Za-z]\d)")
#: a pattern every match of the mask holds a match of: the mask is not run on a text without one
_PHONE_TAIL = re.compile(r"\d{3}[\s.-]\d{4}")
_PRECHECK = {
    MASKS[2][1].pattern: _DASH_DIGIT,  # iso date
    MASKS[14][1].pattern: _PHONE_TAIL,  # phone
    MASKS[28][1].pattern: _PHONE_TAIL,  # phone
    MASKS[15][1].pattern: _LETTER_DIGIT,  # SU7, i4
    MASKS[20][1].pattern: _LETTER_DIGIT,  # 3M2X
    MASKS[16][1].pattern: _DASH_DIGIT,  # COVID-19
    MASKS[19][1].pattern: _DASH_DIGIT,  # TA-35
    MASKS[26][1].pattern: re.compile(r"\d(?<=\s\d)[A-Z]{2}"),  # postcode
}
_MONTH_WORDS = frozenset(L.MONTHS)
#: the whole words (case-folded) one of which every match of the mask holds (see rx.words)
_WORD_GATE = {
    MASKS[6][1].pattern: _MONTH_WORDS,
    MASKS[7][1].pattern: _MONTH_WORDS,
    MASKS[8][1].pattern: _MONTH_WORDS,
    MASKS[9][1].pattern: frozenset(L.WEEKDAYS),
    MASKS[21][1].pattern: frozenset(["gmt", "utc", "edt", "est", "bst", "cet", "pdt", "pst", "hkt", "jst"]),
    MASKS[23][1].pattern: frozenset(["ave", "avenue", "rue", "via", "calle", "boulevard", "blvd"]),
    MASKS[25][1].pattern: frozenset(w.lower().rstrip(".") for w in L.STREET_SUFFIXES),
    MASKS[0][1].pattern: frozenset(["read", "see", "also", "more", "related", "check", "don"]),
    MASKS[22][1].pattern: frozenset(["st", "street", "ave", "avenue", "rd", "road"]),
    MASKS[33][1].pattern: frozenset(["day", "week", "month", "year"]),
    MASKS[34][1].pattern: frozenset(["what", "new", "changes", "release", "changelog"]),
}
assert all(MASKS[i][0] == n for i, n in ((24, "resolution"), (11, "decade"), (10, "year_span"), (13, "ticker"), (21, "time"),
                                         (29, "account_number"), (2, "iso_datetime"), (14, "phone"), (28, "phone"), (15, "code"),
                                         (20, "code"), (16, "code"), (19, "code"), (26, "postcode"), (6, "date"), (7, "date"),
                                         (8, "date"), (9, "date"), (23, "address"), (25, "address"), (0, "crossref"), (22, "address"),
                                         (33, "fixed_term"), (34, "version")))


def _fast_mask(pattern: re.Pattern) -> re.Pattern:
    """The mask in its fastest equivalent form: hand-written, else digit-first or word-first, else as it is."""
    if pattern.pattern in _FAST_FORMS:
        return re.compile(_FAST_FORMS[pattern.pattern], pattern.flags)
    fast = rx.word_first(rx.digit_first(pattern.pattern), pattern.flags)
    return pattern if fast == pattern.pattern else re.compile(fast, pattern.flags)


#: each mask as (name, fast form, literals one of which its matches hold, pre-check, whole words): skipped on
#: a sentence without any of the literals, without a match of the pre-check or without any of the words
#: (the literals are read off the written form: the fast form matches the same, and a rewrite may hide them)
_MASK_TABLE = [(name, _fast_mask(pattern), rx.literals(pattern), _PRECHECK.get(pattern.pattern),
                _WORD_GATE.get(pattern.pattern)) for name, pattern in MASKS]


def _mask_regions(text: str, folded: str | None = None, words=False) -> list[tuple[int, int, str]]:
    """The matches of MASKS in text, mask by mask: [(start, end, name)]. folded: `text.casefold()`, words:
    `rx.words(text, folded)`, if the caller has read them."""
    spans = []
    if folded is None:
        folded = text.casefold()
    checked = {}  # pre-check -> found (several masks share one)
    for name, pat, need, pre, gate in _MASK_TABLE:
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


def _mask_spans(text: str, folded: str | None = None, words=False) -> list[tuple[int, int, str]]:
    spans = _mask_regions(text, folded, words)
    if "-" in text or "–" in text or "—" in text or " to " in text:
        spans += _score_spans(text)
    if "(" in text:
        spans += [(m.start(), m.end(), "citation") for m in _CITATION_RE.finditer(text)]
    return spans


# ----------------------------------------------------------------------------- scores, tables, citations
#: a result or a record: "6-4", "7-6 (5)", "14-0-1" (no currency before, no decimal, no unit glued after)
#: the dash may be an em dash and may be spaced ("won 3 — 1", "ruled 7 — 2"): group 2 is the separator
_SCORE_PAIR_RE = re.compile(r"(?<![\w.,/$€£¥:#-])(\d{1,3})( ?[-–—] ?)(\d{1,3})(?:[-–—](\d{1,3}))?(?![\w/%°:]|[.,]\d|[-–—]\d)(\s?\(\d{1,2}\))?")
#: a vote or a court's split: "voted 7-2", "ruled 6 to 3", "by a vote of 7 to 2", "a 5-4 decision" (a tally, not a range)
_TALLY_CUE_RE = re.compile(r"\b(?:vot(?:e|ed|es|ing)|rul(?:ed|es|ing)|decided|decision|verdict)(?:\s+(?:of|by))?\s*,?\s*$", re.I)
_TALLY_NOUN_RE = re.compile(r"\s+(?:votes?|decisions?|verdicts?|rulings?|majority|margin|tally|split)\b", re.I)
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
                            r"|,?\s+(?:over|against|at)\s+(?:the\s+)?[A-Z]", re.I)
#: a team record in brackets after its name: "The Eagles (6-5, 3-4)", "Palm Bay (1-0):"
_SCORE_RECORD_PRE_RE = re.compile(r"[A-Z][\w.'’]*\s\($")
_SCORE_RECORD_POST_RE = re.compile(r"(?:,\s?\d{1,3}[-–]\d{1,3}(?:[-–]\d{1,3})?)*\)")
_SCORE_MEASURED_RE = re.compile(r"[\s-]?(?:%|percent\b|per\s?cent\b|percentage\b|points?\b|(?:" + L.alternation(L.SCALE_WORDS) + r")\b|(?:"
                                + L.alternation(L.UNIT_SYMBOLS) + r")(?![\w²³])|(?:" + L.alternation(L.UNIT_WORDS) + r")\b)", re.I)
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


def _scale_after(text: str, i: int, has_cur: bool) -> tuple[int, Decimal | None, str | None]:
    """A scale right after position i: ' million', 'bn', 'M', 'k' (money 'm')."""
    rest = text[i:i + 16]
    m = _SCALE_WORD_RE.match(rest)
    if m:
        return i + m.end(), Decimal(str(L.SCALE_WORDS[m.group(1).lower()])), "scale_word"
    m = _SCALE_SUFFIX_RE.match(rest)
    if m and (m.group(1) not in ("K", "k", "T", "b", "B", "M") or has_cur or re.match(r"[A-Za-z]+\+?(?:\s+[a-z(]|\s*$|[,.;)]|\s+\d)", rest)):
        if not (m.group(1) in ("T", "b") and not has_cur):
            return i + m.end(), Decimal(str(L.SCALE_SUFFIXES[m.group(1)])), "scale_suffix"
    m = _SCALE_SPACED_RE.match(rest)
    if m and (has_cur or m.group(1) in ("bn", "mn", "mln", "bln", "tn", "trn") or re.match(r" [BM]\s+[a-z]", rest)):
        return i + m.end(), Decimal(str(L.SCALE_SUFFIXES[m.group(1)])), "scale_suffix"
    if has_cur or _M_PLURAL_RE.match(rest):  # "£1.2m", "3m users"
        m = _MONEY_M_RE.match(rest)
        if m:
            return i + m.end(), Decimal(1_000_000), "scale_money_m"
    return i, None, None


def _extend_right(a: _Atom, text: str) -> None:
    """Scale, currency words, percent, units after the number."""
    i = a.ne
    # "100 thousand", "$2.5bn", "4.3M"
    if a.scale is None:
        j, sc, rule = _scale_after(text, i, a.currency is not None or bool(_CUR_WORD_RE.match(text, _scale_after(text, i, True)[0])))
        if sc is not None:
            a.scale, i, a.ne = sc, j, j
            a.rules.append(rule)
    rest = text[i:]
    # "$76 US", "$4.46 U.S."
    if a.currency == "USD" and text[a.s] == "$":
        m = _AFTER_DOLLAR_RE.match(rest)
        if m:
            a.currency = L.CUR_AFTER_DOLLAR[m.group(1)]
            i += m.end()
            rest = text[i:]
    # percent and points
    m = _PCT_RE.match(rest)
    if m and not (a.currency):
        pp_sym, pct, pp_word, bp, pp_abbr, pct_word = m.groups()
        if pp_sym or pp_word or pp_abbr:
            a.unit = "percentage point"
        elif bp:
            a.unit = "basis point"
        else:
            a.unit = "%"
        a.unit_kind = "pct"
        a.e = i + m.end()
        a.rules.append("percent")
        return
    if a.currency is None:
        # currency after the number: "420 million finnish markka", "115USD", "333.6 million yen", "45 cents"
        m = _CUR_MINOR_RE.match(rest)
        if m and not re.match(r"[\s-]?(?:p)\b", rest[: m.end()]) or (m and m.group(1) == "p" and not rest.startswith(" ")):
            code, per = L.CUR_MINOR[m.group(1).lower()]
            if m.group(1).lower() != "p" or a.value < 1000:
                a.currency = code
                if MINOR_AS_MAJOR:
                    a.value = a.value / per
                else:
                    a.currency = L.singular(m.group(1)) if m.group(1).lower() not in ("pence", "p") else "penny"
                a.e = i + m.end()
                a.unit_kind = "cur"
                a.rules.append("currency_minor")
                _per_after(a, text)
                return
        m = _CUR_MCODE_AFTER_RE.match(rest)
        if m:
            a.currency = L.CUR_PREFIX[m.group(1)[1:]]
            a.scale = (a.scale or Decimal(1)) * Decimal(1_000_000)
            a.e = i + m.end()
            a.unit_kind = "cur"
            a.rules.append("currency_mcode")
            return
        m = _CUR_SYMBOL_AFTER_RE.match(rest)
        if m:
            a.currency = L.CUR_PREFIX.get(m.group(1))
            a.e = i + m.end()
            a.unit_kind = "cur"
            a.rules.append("currency_symbol_after")
            return
        m = _CUR_WORD_RE.match(rest) or _CUR_CODE_AFTER_RE.match(rest)
        if m:
            word = m.group(1)
            code = L.CUR_WORDS.get(word.lower()) or L.CUR_PREFIX.get(word)
            # "us dollar(s)" / "Australian dollars": take the adjective form when present
            if code:
                a.currency = code
                a.e = i + m.end()
                a.unit_kind = "cur"
                a.rules.append("currency_word")
                if a.scale is None:  # "75 USD million"
                    j, sc, rule = _scale_after(text, a.e, True)
                    if sc is not None:
                        a.scale, a.e = sc, j
                        a.rules.append(rule)
                _per_after(a, text)
                return
        m = _CUR_AMBIG_RE.match(rest)
        if m and (a.scale is not None or re.match(r"\s?(?:sterling)\b", rest[m.end():])):
            a.currency = L.CUR_AMBIGUOUS[m.group(1).lower()]
            a.e = i + m.end()
            a.unit_kind = "cur"
            a.rules.append("currency_word")
            return
    else:
        a.e = max(a.e, i)
        # "$1.6 million dollars", "$10 dollars"
        m = _CUR_WORD_RE.match(rest)
        if m and L.CUR_WORDS.get(m.group(1).lower()) == a.currency:
            a.e = i + m.end()
        _per_after(a, text)
        return
    # "45.3C", "104F", "80 C" in a sentence about temperature, and a C (no unit of its own; F is also the farad)
    # with nothing after it that makes the letter a label ("heated to 80C before use"): degrees, as "80°C" is
    # (not after a name: "Row 14C", "Form 10C")
    m = _TEMP_GLUED_RE.match(rest) or _TEMP_SPACED_RE.match(rest)
    if m and i == a.ne and not a.currency and not _CAPITAL_BEFORE_RE.search(text, 0, a.s) and abs(a.value) <= 5000 \
            and (_TEMP_CONTEXT_RE.search(text) or (m.group(1) == "C" and _TEMP_AFTER_OK_RE.match(text, i + m.end()))):
        nm = _TEMP_NAME_BEFORE_RE.search(text, 0, a.s)
        if not (nm and nm.group(1).lower() in L.NAME_PREFIXES):
            a.unit, a.unit_kind = "°" + m.group(1), "sym"
            a.e = i + m.end()
            a.rules.append("unit_temperature")
            return
    # units: words first ("miles per hour"), then symbols ("km", "kWh", "°C")
    m = _UNIT_WORD_RE.match(rest)
    sym = _UNIT_SYM_RE.match(rest)
    if m and (not sym or m.end() >= sym.end()):
        w = m.group(1).lower()
        canon = L.UNIT_WORDS.get(w)
        if canon == "lb" or canon is None:
            canon = canon or "lb"
        if not (rest[:1] == "-" and canon not in L.HYPHEN_OK):
            a.unit, a.unit_kind = canon, "sym"
            a.e = i + m.end()
            a.rules.append("unit_word")
            _age_or_per(a, text)
            return
    if sym:
        sep, s = sym.group(1), sym.group(2)
        canon = L.UNIT_SYMBOLS[s]
        glued = sep == ""
        spaced_ok = s in ("m", "t", "g", "L", "h", "l") and not glued and "-" not in sep and bool(_SPACED_SYMBOL_OK.match(rest, sym.end()))
        # '10 " long', '55 " screen': a spaced inch mark only before a dimension word
        spaced_ok = spaced_ok or (s in ("\"", "″") and not glued and "-" not in sep and bool(_INCH_SPACED_OK.match(rest, sym.end())))
        if glued or spaced_ok or (s not in _GLUED_ONLY and "-" not in sep) or ("-" in sep and canon in L.HYPHEN_OK):
            if s in ("x", "X", "×"):
                canon = "x"
            if s in ("\"", "″") and text[:i].count("\"") % 2 == 1:
                return  # the closing quote of "Magnificent 7"
            a.unit, a.unit_kind = canon, "sym"
            a.e = i + sym.end()
            a.rules.append("unit_symbol")
            _age_or_per(a, text)
            return
    m = _BRACKET_UNIT_RE.match(rest)
    if m and m.group(1) not in ("x", "X", "×", "\"", "″"):
        a.unit, a.unit_kind = L.UNIT_SYMBOLS[m.group(1)], "sym"
        a.e = i + m.end()
        a.rules.append("unit_bracket")
        return
    # "pounds" as weight when not money-like
    m = _CUR_AMBIG_RE.match(rest)
    if m and m.group(1).lower().startswith("pound"):
        a.unit, a.unit_kind = "lb", "sym"
        a.e = i + m.end()
        a.rules.append("unit_word")
        return
    a.e = max(a.e, i)
    m = _OF_A_UNIT_RE.match(rest)
    if m and a.value < 1:  # "1/16 of a US pint"
        w = m.group(1).lower()
        a.unit, a.unit_kind = L.UNIT_WORDS.get(w), "sym"
        a.e = i + m.end()
        a.rules.append("unit_of_a")
        return
    m = _AGE_RE.match(rest)
    if m:  # "30 years old", "18 month-old": the age in its own unit
        a.unit, a.unit_kind = _AGE_UNIT_RE.search(m.group(0)).group(1).lower(), "sym"
        a.e = i + m.end()
        a.rules.append("age")


_UNIT_NAMES = {"h": "hour", "min": "minute", "s": "second", "ft": "foot", "mi": "mile", "km": "kilometre", "m": "metre",
               "kg": "kilogram", "t": "tonne", "L": "litre", "lb": "pound", "in": "inch", "cm": "centimetre", "mm": "millimetre"}


def _age_or_per(a: _Atom, text: str) -> None:
    rest = text[a.e:]
    m = re.match(r"[\s-]old\b", rest)
    if m and a.unit in ("year", "month", "week", "day"):
        a.e += m.end()
        a.rules.append("age")
        return
    _per_after(a, text)


def _per_after(a: _Atom, text: str) -> None:
    m = _PER_RE.match(text, a.e)
    if not m:  # "2.4 billion gallons of jet fuel a year": a rate across the measured stuff
        o = _OF_STUFF_PER_RE.match(text, a.e)
        m = _PER_RE.match(text, o.end() - 1) if o else None
        if not m or m.group(1).lower() not in _TIME_DENOMINATORS:
            return
    den = m.group(1).lower()
    den = {"gramme": "gram", "annum": "year", "capita": "person", "hr": "hour", "h": "hour", "min": "minute", "s": "second", "sq m": "m²",
           "square metre": "m²", "square meter": "m²", "kwh": "kWh", "mmbtu": "mmBtu"}.get(den, den)
    den = L.singular(den) if den not in ("m²", "kWh", "mmBtu") else den
    if a.unit_kind in ("sym", "noun") and a.unit and a.unit not in ("%",):
        a.unit = _UNIT_NAMES.get(a.unit, a.unit)
        if a.unit == "mi" and den == "hour":
            a.unit = "mph"
        elif a.unit == "km" and den == "hour":
            a.unit = "km/h"
        else:
            a.unit = f"{a.unit} per {den}"
    a.per = den
    a.e = m.end()
    a.rules.append("per")


# ----------------------------------------------------------------------------- atoms
def _digit_atoms(text: str, masks) -> list[_Atom]:
    atoms = []
    for m in NUM.finditer(text):
        sign, num = m.group(1) or "", m.group(2)
        ns, ne = m.start(2), m.end(2)
        s = m.start()
        v = parse_digits(num)
        if v is None:
            continue
        a = _Atom(s=s, e=ne, ns=ns, ne=ne, value=v, sign=sign, rules=["digits"])
        fm = _FOLD_AFTER_RE.match(text, ne)
        if fm:  # "3-fold": a multiple
            a.unit, a.unit_kind, a.e = "x", "sym", fm.end()
            a.rules.append("multiple")
        mm = re.search(r"(?i)\bminus[\s-]$", text[max(0, s - 7):s])
        if mm and not sign:
            a.sign, a.s = "-", s - (len(text[max(0, s - 7):s]) - mm.start())
        # currency before: "$", "US$", "HK $", "RMB ", "€", "Y=", "USD", "PS"
        before = text[max(0, s - 8):s]
        cm = _CUR_PREFIX_RE.search(before)
        if cm:
            sym = cm.group(0).strip()
            start = s - len(cm.group(0))
            ok = True
            if _PREFIX_NEEDS_BOUNDARY.match(sym[0]) and start > 0 and (text[start - 1].isalnum()):
                ok = False
                # "versus $4.96", "bonus $500": the letters belong to the word before, the "$" still stands
                dm = re.search(r"\$\s?$", cm.group(0)) if sym.endswith("$") else None
                if dm:
                    sym, start, ok = "$", s - len(cm.group(0)) + dm.start(), True
            if sym == "PS" and not (re.match(r"\d[\d,.]*\s?(?:m|bn|k|million|billion)\b", text[ns:ns + 14]) or "," in num or "." in num):
                ok = False  # PS5 is a console, PS6m is £6m
            if sym in ("dollar",) and not _DOLLAR_PREFIX_OK.match(text, ns):
                ok = False  # "the dollar 1.2% higher"; but "at dollar 22.5 million" is money
            if ok:
                a.currency = L.CUR_PREFIX.get(sym, "GBP" if sym == "PS" else _CUR_PREFIX_LOWER.get(sym.lower()))
                if a.currency is None:
                    a.currency = L.CUR_PREFIX.get(sym.replace(" ", ""))
                if sym in L.CUR_PREFIX_SCALED:
                    a.scale = Decimal(str(L.CUR_PREFIX_SCALED[sym]))
                a.s = start
                a.rules.append("currency_prefix")
                # sign before currency: "-$2.5bn"
                if start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
                    a.sign = "-"
                    a.s = start - 1
        atoms.append(a)
    return atoms


def _word_atoms(text: str, taken) -> list[_Atom]:
    atoms = []
    for s, e, words in word_runs(text):
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        lw = [w.lower() for w in words]
        if _FOLD_AFTER_RE.match(text, e):
            continue  # "five-fold": a multiple, read by _multiple_atoms
        # a lone fraction word ("third", "quarter") is an ordinal or a period, not a number
        if len(lw) == 1 and lw[0] in _WORD_NUM_SINGLE_FRACTION:
            continue
        if lw[0] in ("a", "an") and len(lw) == 2 and lw[1] in ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth") \
                and not re.match(r"\s+(?:of|more|less|fewer|million|billion|trillion|thousand|(?:percentage[\s-])?points?|stake|share|interest)\b", text[e:], re.I):
            continue  # "for a fifth straight quarter", "a third time": an ordinal, not a fraction
        if lw[0] in ("a", "an") and len(lw) == 2 and lw[1] in ("quarter", "quarters"):
            if not re.match(r"\s+(?:of|million|billion|trillion|century|(?:percentage[\s-])?points?)\b", text[e:]):
                continue  # "a quarter point" (0.25 points) is a figure; "a quarter" alone is a period
        if lw == ["half"] or lw[-1] == "half" and lw[0] in ("a", "an") and len(lw) == 2:
            pre = text[:s].rstrip().lower()
            if re.search(r"(?:first|second|1st|2nd|latter|back|front|top|bottom|other|the|a|an)$", pre) or not (
                    re.match(r"\s+(?:of|the|a|an|million|billion|its|their|his|her|our|all)\b", text[e:]) or (len(lw) == 2 and _HALF_UNIT_RE.match(text, e))):
                continue
        if lw in (["score"],) or (lw[-1] == "score" and len(lw) == 1):
            continue
        if "score" in lw:
            continue
        if lw in (["dozen"], ["dozens"]) or (len(lw) == 1 and lw[0] in L.WORD_SCALES):
            continue  # "Trillion", "million" alone: not a figure
        if len(lw) == 2 and lw[1] == "quarter" and "-" in text[s:e] and (parse_words(words[:1]) or 0) in (2, 4, 5, 6, 7, 8, 9, 10, 11, 12):
            # "a four-quarter streak", "a two-quarter slump": a span of quarters, not 4/4 of something
            v = parse_words(words[:1])
            atoms.append(_Atom(s=s, e=e, ns=s, ne=s + len(words[0]), value=Decimal(str(v)), words=True, unit="quarter",
                               unit_kind="noun", rules=["words", "span_of_quarters"]))
            continue
        if len(lw) > 1 and lw[-1] in ("quarters", "thirds", "halves", "fifths", "tenths", "eighths") and text[s:e].count("-") == 0 \
                and not re.match(r"\s+(?:of|million|billion|trillion|thousand)\b", text[e:], re.I):
            words = words[:-1]
            lw = lw[:-1]
            e = s + len(" ".join(words)) if text[s:e].startswith(" ".join(words)) else e
            while e > s and not text[e - 1].isalpha():
                e -= 1
        v = parse_words(words)
        if v is None:
            continue
        a = _Atom(s=s, e=e, ns=s, ne=e, value=Decimal(str(v)), words=True, rules=["words"])
        if len(lw) > 1 and lw[-1] in L.WORD_SCALES and lw[-2] not in L.WORD_SCALES and lw[-2] != "hundred":
            sc = Decimal(str(L.WORD_SCALES[lw[-1]]))
            a.value, a.scale = a.value / sc, sc
        atoms.append(a)
    return atoms


#: "a half point", "a half-mile", "half a percentage point", "half an hour": half of a unit
_HALF_UNIT_RE = re.compile(r"[\s-](?:an?\s+)?(?:(?:percentage[\s-])?points?|percent|per\s?cent|" + L.alternation(L.UNIT_WORDS) + r")(?![\w-])", re.I)
_HALF_A_RE = re.compile(r"\s+an?(?=\s)", re.I)


def _half_a_unit(a: _Atom, text: str) -> None:
    """'half a mile', 'half an hour', 'half a point': the unit after the article is the figure's unit."""
    if a.value != Decimal("0.5") or a.unit_kind or a.currency or a.e != a.ne or not _HALF_UNIT_RE.match(text, a.e):
        return
    m = _HALF_A_RE.match(text, a.e)
    if not m:
        return
    ne = a.ne
    a.ne = m.end()
    pm = re.match(r"\s+(points?)\b", text[a.ne:], re.I)
    if pm:
        a.unit, a.unit_kind, a.e = "point", "noun", a.ne + pm.end()
    else:
        _extend_right(a, text)
    if a.unit_kind in ("sym", "pct", "noun"):
        a.rules.append("half_a_unit")
    else:
        a.e = ne
    a.ne = ne


_VAGUE_RE = re.compile(r"(?<![\w-])(" + L.alternation(L.VAGUE_PLURALS) + r")\s+of\s+(?!(?:" + L.alternation(L.VAGUE_PLURALS) + r"|dollars|euros|pounds|yen|yuan|the|them|us|these|those|its|their)\b)", re.I)


def _vague_atoms(text: str, taken) -> list[_Atom]:
    """'dozens of people', 'thousands of job cuts': an order of magnitude, as a range."""
    out = []
    for m in _VAGUE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        lo, hi = L.VAGUE_PLURALS[m.group(1).lower()]
        out.append(_Atom(s=m.start(), e=m.end(), ns=m.start(), ne=m.end(1), value=Decimal(str(lo)), value_max=Decimal(str(hi)),
                         words=True, rules=["vague_plural"]))
    return out


def _multiple_atoms(text: str, taken) -> list[_Atom]:
    out = []
    for m in _MULTIPLE_WORD_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group(1):
            v = Decimal(m.group(1))
        elif m.group(2):
            v = Decimal(L.MULTIPLE_WORDS[m.group(2).lower()])
        elif m.group(3):
            v = Decimal(L.MULTIPLE_VERBS[m.group(3).lower()])
        else:  # "five-fold", "ten fold"
            w = L.plain(m.group(4))  # the pattern ignores case: "ſix-fold"
            v = Decimal(L.WORD_UNITS.get(w) or L.WORD_TENS.get(w) or {"hundred": 100, "thousand": 1000}[w])
        out.append(_Atom(s=m.start(), e=m.end(), ns=m.start(), ne=m.end(), value=v, unit="x", unit_kind="sym",
                         words=True, rules=["multiple"]))
    return out


# ----------------------------------------------------------------------------- spaCy helpers
def _token_before(doc, pos: int, limit_start: int):
    """The last token of doc ending at or before doc-char pos, not before limit_start."""
    span = doc.char_span(limit_start, pos, alignment_mode="contract") if pos > limit_start else None
    if span is not None and len(span):
        return span[-1]
    best = None
    for tok in doc:
        if tok.idx + len(tok.text) <= pos and tok.idx >= limit_start:
            best = tok
        elif tok.idx >= pos:
            break
    return best


_ACRONYM_UNIT_RE = re.compile(r"\s([A-Z]{2,5})(?=\s*(?:[),;]|\.(?:\s|$)|$))")
#: upper-case words after a number that are not what it counts: time zones, eras, clock, tickers' exchanges
_ACRONYM_NOT_UNIT = set(L.TIME_WORDS) | {"am", "pm", "ad", "bc", "bce", "ce", "gmt", "utc", "nyse", "nasdaq", "ok", "us", "uk",
                                         "eu", "un", "usa", "ceo", "cfo", "ipo", "tv", "pc", "id", "gb", "tb", "mb", "kb", "ytd", "yoy",
                                         "qoq", "mom", "ttm", "ltm", "fy", "vs", "et", "pt", "est", "eps"}
_COUNTED_ADJ_POS = {"ADJ", "ADV"}
_NOUN_TAGS_PL = {"NNS", "NNPS"}


_MEASURE_BEFORE_NOUN_RE = re.compile(r" \d[\d.,]*(?:\s?|-)(?:%|(?:" + L.alternation(L.UNIT_SYMBOLS) + r")(?![\w²³])|(?i:"
                                     + L.alternation(L.UNIT_WORDS) + r")(?![\w-]))(?= [a-z])")


def _counted_noun(a: _Atom, sent, base: int) -> None:
    """The head noun a bare number counts: '550,000 EV deliveries' -> delivery."""
    stext = sent_text(sent)
    after = a.e
    pm = _PLUS_WORD_RE.match(stext, a.e)
    if pm:  # "1,000-plus employees"
        after = pm.end()
    # "eight million 250ml bottles", "four 40-foot containers": a measure between the number and what it counts
    mm = _MEASURE_BEFORE_NOUN_RE.match(stext, after) if not a.unit_kind else None
    if mm:
        after = mm.end()
    toks = [t for t in sent if t.idx >= base + after][:8]
    if not toks:
        return
    # the number must be right before the noun phrase (one space or a hyphen)
    gap = stext[after:toks[0].idx - base]
    if gap not in ("", " ", "-", "+", "+ "):
        return
    if mm and not (toks[0].tag_ in _NOUN_TAGS_PL or (len(toks) > 1 and toks[1].tag_ in _NOUN_TAGS_PL)):
        return  # only a plural noun right after the measure is what the number counts
    m = _ACRONYM_UNIT_RE.match(stext, after)
    if m and gap == " " and not a.words and m.group(1).lower() not in _ACRONYM_NOT_UNIT:
        # "(0.5 WAR)", "3.2 ERA,", "20,000 TEU.": an upper-case abbreviation closing the phrase is the unit
        a.unit, a.unit_kind = m.group(1), "noun"
        a.e = m.end(1)
        a.rules.append("acronym_unit")
        return
    nouns = []
    skipped = 0
    conj = False
    for k, t in enumerate(toks):
        low = t.text.lower()
        if low in ("more", "fewer", "previous") and k == 0 and len(toks) > 1 and toks[1].tag_ in _NOUN_TAGS_PL and toks[1].text.islower():
            skipped += 1  # "two more wins", "300 fewer workers", "40 previous seasons": these do not stop the count
            continue
        if low in ("and", "or") and skipped and not nouns:
            conj = True  # "4.3M digital and physical sales", "460 Kia and Hyundai vehicles"
            continue
        if low in L.COUNTED_STOP and not nouns:
            if low in ("time", "times"):
                nouns.append(t)
                break
            return
        if t.text == "-" or t.tag_ == "HYPH":
            if nouns and nouns[-1].i == t.i - 1 and not t.whitespace_:
                nouns.pop()  # "coal-fired", "gas-only": a compound adjective, not the head
                skipped += 1
            continue
        if t.pos_ in ("NOUN",) or (t.pos_ == "PROPN" and t.text.islower()) or t.tag_ in _NOUN_TAGS_PL and (t.pos_ != "PROPN" or t.text.istitle()):
            if low in L.COUNTED_STOP:
                break
            nouns.append(t)
            continue
        if nouns:
            break
        if t.pos_ in _COUNTED_ADJ_POS or t.tag_ in ("VBN", "VBG", "JJ", "JJR", "JJS") or (t.pos_ == "PROPN" and skipped < 2) or t.tag_ == "HYPH":
            skipped += 1
            if skipped > 4:
                return
            continue
        return
    if not nouns:
        return
    plural = [t for t in nouns if t.tag_ in _NOUN_TAGS_PL or (t.text.lower().endswith("s") and t.text.lower() != L.singular(t.text))]
    if plural:
        # the last plural of the first contiguous plural stretch: "graphics processing units" -> unit
        head = plural[0]
        for t in nouns[nouns.index(plural[0]) + 1:]:
            if t in plural:
                head = t
    elif a.value != 1:
        head = nouns[0]
    else:
        head = nouns[-1]
    if (head.text.isupper() and len(head.text) > 1) or not head.text[:1].isalpha():
        return
    if head.text.lower() in L.MONTHS or head.text.lower() in L.WEEKDAYS:
        return
    if _STANDALONE_DIGIT.search(stext, after, head.idx - base):
        return  # "0-to-60-mph": the noun belongs to the next number
    # lower-case noun compounds before the head: "job cuts", "lightning strikes"
    hi = nouns.index(head)
    parts = [t for t in nouns[:hi] if t.text.islower() and t.text.isalpha() and t.pos_ == "NOUN" and t.tag_ == "NN"]
    parts = parts[-1:] if parts and parts[-1].i == head.i - 1 else []
    # a classifying adjective right before: "commercial fishermen", "electric vehicles" (not "new", "serious")
    first = parts[0] if parts else head
    adj = sent.doc[first.i - 1] if first.i - 1 >= sent.start else None
    if adj is not None and not conj and adj.idx >= base + after and adj.tag_ == "JJ" and adj.whitespace_ and _relational_adjective(adj.text):
        parts = [adj] + parts
    unit = " ".join([p.text.lower() for p in parts] + [L.singular(head.text)])
    if L.singular(head.text) in L.UNIT_WORDS:  # "fluid ounce" -> the unit of the lexicon
        unit = L.UNIT_WORDS[L.singular(head.text)]
    if unit in ("time",):
        unit = "time"
    a.unit, a.unit_kind = unit, "noun"
    a.rules.append("counted_noun")
    if mm:  # the measure is a figure of its own: the spans do not overlap
        a.rules.append("counted_past_measure")
        return
    a.e = head.idx + len(head.text) - base
    m = _PER_RE.match(stext, a.e)
    if m and m.group(1).lower() in _COUNT_RATE_DENOMINATORS:
        _per_after(a, stext)  # "200,000 batteries a year", "3 goals per game": a rate


_ONE_OF_RE = re.compile(r"(?i)one\s+of\s+")
_ONE_OF_SKIP_POS = {"DET", "ADJ", "ADV", "PART", "PRON", "NUM", "PROPN", "NOUN", "VERB", "CCONJ", "PUNCT"}


def _one_of(a: _Atom, sent, base: int, text: str) -> None:
    """'one of the best-selling cars', 'one of its largest plants': one member of a plural noun group.

    NewsQuant (and a reader) counts it: value 1, the plural head noun as the unit. Not when a number
    follows ('one of four plants': a share) or no plural noun does ('one of them', 'one of the best').
    """
    m = _ONE_OF_RE.match(text, a.s)
    if not m or a.e != a.s + 3:
        return
    toks = [t for t in sent if t.idx >= base + m.end()][:8]
    nouns = []
    for t in toks:
        if t.like_num or t.pos_ == "NUM" or t.text in (",", ";", ":", "(", ")") or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and t.tag_ != "VBN" and t.tag_ != "VBG":
            break
        if t.pos_ not in _ONE_OF_SKIP_POS and t.tag_ not in ("POS", "HYPH", "VBN", "VBG"):
            break
        if t.pos_ == "PRON" and t.tag_ != "PRP$":
            return  # "one of them", "one of those"
        if t.pos_ == "NOUN" and t.text.islower():
            nouns.append(t)  # a noun run: "graphics processing units" ends at its head
            nxt = sent.doc[t.i + 1] if t.i + 1 < sent.end else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower():
                continue
            if nxt is not None and nxt.tag_ == "POS":
                nouns = []  # "one of the company's biggest customers": the owner is not the head
                continue
            break
        if nouns:
            nouns = []
    if not nouns or nouns[-1].tag_ not in ("NNS",) and nouns[-1].text.lower() == L.singular(nouns[-1].text):
        return
    head = nouns[-1]
    prev = [t for t in nouns[:-1] if t.i == head.i - 1 and t.tag_ == "NN" and t.text.isalpha()]
    unit = " ".join([p.text.lower() for p in prev[-1:]] + [L.singular(head.text)])
    if L.singular(head.text) in L.UNIT_WORDS:
        unit = L.UNIT_WORDS[L.singular(head.text)]
    a.unit, a.unit_kind = unit, "noun"
    a.e = head.idx + len(head.text) - base
    a.rules.append("one_of")


_RELATIONAL_SUFFIX_RE = re.compile(r"[a-z]{3,}(?:[^l]al|ial|ic|ary)$")


def _one_after_adjective(a: _Atom, sent, base: int, pre: str) -> bool:
    """'a professional one', 'the number one': 'one' standing for a noun (or a rank), not a count."""
    if not _ONE_ADJ_PRE.search(pre):
        return False
    prev = _token_before(sent.doc, base + a.s, sent.start_char)
    return prev is not None and (prev.pos_ in ("ADJ", "NOUN") or prev.tag_ in ("JJ", "NN"))


def _relational_adjective(word: str) -> bool:
    """A classifying (relational) adjective: 'residential', 'electric', 'public', 'military' -- it says what
    kind of thing is counted, so it belongs to the unit. Qualities ('new', 'serious', 'large') and the
    evaluative -al/-ic/-ary words of ``not_quantities.json`` (additional, total, typical ...) do not."""
    return word.islower() and bool(_RELATIONAL_SUFFIX_RE.match(word)) and word not in L.NOT_RELATIONAL_ADJECTIVES


_NOUN_OR_TWO_RE = re.compile(r"\b(?:a|an|another|one)\s+([a-z]+)\s+or\s+$", re.I)


def _noun_or_two(a: _Atom, sent, base: int, text: str) -> None:
    """'a day or two', 'another pick or two': the number counts the noun before 'or'."""
    if a.value not in (2, 3) or a.e != a.ne:
        return
    m = _NOUN_OR_TWO_RE.search(text, max(0, a.s - 40), a.s)
    if not m:
        return
    tok = _token_before(sent.doc, base + m.end(1), sent.start_char)
    if tok is None or tok.pos_ != "NOUN" or tok.text.lower() in L.COUNTED_STOP:
        return
    a.unit, a.unit_kind = L.UNIT_WORDS.get(tok.text.lower()) or L.singular(tok.text), "noun"
    a.rules.append("noun_or_two")


# ----------------------------------------------------------------------------- cues
#: the literals one of which every match of _APPROX_RE holds
_APPROX_NEED = rx.literals(_APPROX_RE)


def _approx_literals(text: str, lead: str = "") -> tuple | None:
    """The literals of _APPROX_RE the sentence holds (None: look everywhere); see _change_literals."""
    if _APPROX_NEED is None:
        return None
    folded = (lead + text).casefold()
    return tuple(w for w in _APPROX_NEED if w in folded)


def _approx(a: _Atom, text: str, lead: str = "", literals: tuple | None = None) -> None:
    """literals: _approx_literals(text, lead), read once for the sentence."""
    pre = (lead + text[:a.s])[-40:]
    if literals is None:
        literals = _approx_literals(text, lead)
    m = _APPROX_RE.search(pre) if literals is None or (literals and _may(literals, pre.casefold())) else None
    if m and m.group(1).lower() == "up to" and _VERB_UP_TO_RE.search(pre):
        m = None
    if m and not (m.group(1).lower() == "over" and a.unit in L.TIME_UNITS and not _OVER_MORE_THAN_RE.search(pre, 0, m.start())
                  and not _AGO_RE.match(text, a.e)):
        a.approx = L.APPROX[m.group(1).lower()]
        a.rules.append("approx")
    post = text[a.e:a.e + 20]
    if _PLUS_RE.match(text, a.ne) or _PLUS_RE.match(post):
        if _PLUS_RE.match(text, a.ne) and a.e == a.ne:
            a.e += 1
        a.approx = ">="
        a.rules.append("approx_plus")
    if _PLUS_WORD_RE.match(text, a.ne) and "counted_noun" in a.rules or _PLUS_WORD_RE.match(text, a.ne) and re.match(r"(?:-|\s)plus\s*(?:$|[,.;)])", text[a.ne:]):
        a.approx = ">="
        a.rules.append("approx_plus")
    m = _OR_MORE_RE.match(post)
    if m:
        a.approx = ">=" if m.group(1) else "<=" if m.group(2) else "~"
        a.rules.append("approx_or")


def _change_literals(text: str, lead: str = "") -> tuple:
    """For _CHANGE_PRE (and _CHANGE_VERB_BY, which needs the same), _UPDOWN and _CHANGE_NOUN_PRE: the
    literals of each that the sentence holds (None: the pattern has none). The words before a figure
    are part of the sentence: a literal they hold is among these, and most sentences hold none."""
    folded = (lead + text).casefold()
    return tuple(None if g.need is None else tuple(w for w in g.need if w in folded)
                 for g in (_CHANGE_PRE, _UPDOWN, _CHANGE_NOUN_PRE))


def _may(need: tuple | None, folded: str) -> bool:
    return need is None or any(map(folded.__contains__, need))


def _change(a: _Atom, text: str, lead: str = "", literals: tuple | None = None) -> None:
    """literals: _change_literals(text, lead), read once for the sentence."""
    pre = (lead + text[:a.s])[-60:]
    if a.approx:  # the approximation words sit between the verb and the number
        m = _APPROX_RE.search(pre)
        if m:
            pre = pre[:m.start()]
    if a.unit == "x":
        return  # a multiple is a ratio, not the size of a change
    verb_need, updown_need, noun_need = literals or _change_literals(text, lead)
    # (no literal of any in the sentence: nothing to look for in the words before)
    folded = pre.casefold() if any(n is None or n for n in (verb_need, updown_need, noun_need)) else ""
    verb_ok = _may(verb_need, folded)
    m = _CHANGE_PRE.rx.search(pre) if verb_ok else None
    if m:
        verb = m.group(1).lower()
        tail = pre[m.end(1):].lower()
        pct_like = a.unit_kind == "pct" or bool(_PCT_RANGE_AFTER.match(text, a.e))
        if verb not in L.CHANGE_VERBS_NEED_BY or " by " in tail + " " or pct_like or a.unit in ("point", "basis point") \
                or (a.unit_kind == "noun" and not a.currency and verb.startswith(("cut", "shed", "add", "lost", "los", "slash", "trim", "elimin"))) \
                or (a.unit_kind == "sym" and not a.currency and a.unit not in L.TIME_UNITS and a.unit != "x"
                    and verb.startswith(("shed", "lost", "los", "gain"))) \
                or re.search(r"\b(?:another|further|additional|extra)\b", tail) or _OR_PCT_AFTER.match(text, a.e):
            a.change = L.CHANGE_VERBS[verb]
            a.rules.append("change_verb")
            return
    m = _CHANGE_VERB_BY.rx.search(pre) if verb_ok else None
    if m:
        a.change = L.CHANGE_VERBS[m.group(1).lower()]
        a.rules.append("change_verb_by")
        return
    m = _UPDOWN.rx.search(pre) if _may(updown_need, folded) else None
    if m and m.group(1).lower() in ("up", "down", "off"):
        a.change = "up" if m.group(1).lower() == "up" else "down"
        a.rules.append("change_updown")
        return
    m = _CHANGE_NOUN_PRE.rx.search(pre) if _may(noun_need, folded) else None
    if m:
        a.change = L.CHANGE_NOUNS[m.group(1).lower()]
        a.rules.append("change_noun_of")
        return
    if a.unit_kind in ("pct", "cur") or a.currency:
        m = _CHANGE_NOUN_POST_RE.match(text, a.e)
        if m:
            a.change = L.CHANGE_NOUNS[m.group(1).lower()]
            a.rules.append("change_noun")
            return
    if a.sign in ("-", "−", "+") and (a.unit_kind == "pct" or a.unit == "point" or (not a.unit_kind and not a.currency)):
        a.change = "up" if a.sign == "+" else "down"
        a.rules.append("change_sign")
        return
    # "6% higher year-over-year", "moving 13% lower", "7% lower than a year earlier": the size of the move comes first
    if a.unit_kind == "pct" or a.unit in ("point", "basis point"):
        m = _POST_HIGHER_LOWER_RE.match(text, a.e)
        if m:
            a.change = "up" if m.group(1).lower() == "higher" else "down"
            a.rules.append("change_post_higher_lower")


# ----------------------------------------------------------------------------- filters
def _name_like(a: _Atom, sent, base: int, text: str) -> bool:
    """A bare number inside a name: Section 427, Boeing 737, Tablet 7 Ultra, Stoxx 50."""
    if a.currency or a.unit_kind in ("pct", "sym") or a.scale is not None or a.words or a.sign:
        return False
    if a.unit_kind == "noun" and a.unit == "time" or "after_currency" in a.rules:
        return False  # "called Bob 3 times": a count of times is not part of a name; nor "17 USD 25"
    pre = text[:a.ns]
    if not pre.endswith(" ") and not pre.endswith("#"):
        return pre.endswith(("No.", "no.", "#"))
    if pre.rstrip().endswith(("#", "No.", "no.", "Nos.")):
        return True
    prev = _token_before(sent.doc, base + a.ns, sent.start_char)
    if prev is None:
        return False
    low = prev.text.lower()
    if low in L.QUALIFIER_WORDS and low in ("aged", "ages", "age"):
        return True
    if low in L.APPROX or low in L.CHANGE_VERBS or low in ("the", "a", "an", "of", "and", "or", "to", "from", "by", "with", "than", "at", "in", "on", "for", "about"):
        return False
    if low in L.NAME_PREFIXES and (prev.text[:1].isupper() or low not in L.NAME_PREFIXES_NEED_CAPITAL):
        return True
    nxt = [t for t in sent.doc[prev.i + 1: sent.end] if t.idx >= base + a.ne][:1]
    if nxt and not headline(sent) and nxt[0].idx == base + a.ne + 1 and nxt[0].pos_ == "PROPN" and nxt[0].text.istitle() and "," not in text[a.ns:a.ne] \
            and "." not in text[a.ns:a.ne] and a.unit_kind != "noun" and nxt[0].text.lower() not in L.MONTHS \
            and not (prev.text.islower() and _brand_then_plural(sent, nxt[0])):
        return True
    if prev.i == sent.start:  # sentence-initial capital is not a name signal
        return False
    if headline(sent):  # "Targeting 550,000 Deliveries in 2026": capitals say nothing
        return False
    if prev.text[:1].isupper() and prev.text.lower() not in L.MONTHS and not prev.text.isupper() or (prev.text.isupper() and prev.text.isalpha() and (len(prev.text) == 1 or prev.pos_ == "PROPN")):
        # "Nick Hague 44" is an age after a person: not a name number but we cannot tell; names win
        if prev.pos_ in ("PROPN", "NOUN", "X", "ADJ") or (prev.text.isupper() and prev.pos_ != "VERB"):
            return True
    return False


#: what makes "Nx" a multiple: a comparison, the thing multiplied (earnings, sales, the average), or the clause ends
_MULTIPLE_AFTER_RE = re.compile(r"\s*(?:$|[.,;:)\]]|\s+(?:faster|slower|quicker|more|less|fewer|higher|lower|larger|bigger|smaller|"
                                r"better|worse|greater|cheaper|stronger|the|as|that|than|over|its|their|what|earnings|sales|revenues?|"
                                r"ebitda|book|cash|fcf|forward|trailing|multiples?|returns?|gains?|leverage|oversubscribed|zoom)\b)", re.I)


def _model_number(a: _Atom, sent, base: int, text: str) -> bool:
    """'iPhone 5s', 'Boeing 777X', 'Honor 8X': a capitalised name, then a number with a model letter glued to it.

    The letter would read as a unit (seconds, a multiple) but after a product or brand name it is part of the
    model's name. Only the letters of ``model_suffix_units``: 'Anker 65W', 'Tokyo 100m' stay measures. Without
    the name, a three-digit 'Nx' that is not round and multiplies nothing ('777x jets') is a model too.
    """
    if a.unit_kind != "sym" or "unit_symbol" not in a.rules or a.currency or a.scale is not None or a.sign \
            or a.e != a.ne + 1 or text[a.ne:a.e] not in L.MODEL_SUFFIX_UNITS or not re.fullmatch(r"\d{1,4}", text[a.ns:a.ne]):
        return False
    if text[a.ne:a.e] in ("x", "X") and a.value >= 100 and a.value % 10 and not a.approx and not _MULTIPLE_AFTER_RE.match(text, a.e):
        return True  # "a commitment of 777x jets": a multiple is round or says what it multiplies ("123x earnings")
    if text[a.ns - 1:a.ns] != " ":
        return False
    prev = _token_before(sent.doc, base + a.ns - 1, sent.start_char)
    if prev is None or prev.idx + len(prev.text) != base + a.ns - 1:
        return False
    w = prev.text
    camel = w[:1].islower() and any(c.isupper() for c in w[1:])  # iPhone, eVTOL
    if not w.isalpha() or not (w[:1].isupper() or camel) or (w.isupper() and len(w) > 1) or w.lower() in L.MONTHS or w.lower() in L.WEEKDAYS:
        return False
    if camel:
        return True
    if headline(sent) or (prev.i == sent.start and prev.pos_ != "PROPN"):
        return False  # capitals say nothing in a headline; a sentence starts with a capital ("Within 5s ...")
    return prev.pos_ in ("PROPN", "NOUN", "X")


def _bare(a: _Atom) -> bool:
    """A number with nothing to say what it counts: no unit, currency, scale or sign."""
    return not (a.unit_kind or a.currency or a.scale is not None or a.words or a.sign or a.approx)


_SENT_OPEN = set("\"“‘'(:—–-[")


def _word_in_name(a: _Atom, sent, base: int, text: str) -> bool:
    """A capitalised number word inside a title-case name: 'Xbox One X', 'Zero Gravity Seats', 'One Home Depot'."""
    if not a.words or not text[a.ns:a.ns + 1].isupper() or a.currency or a.unit_kind in ("pct", "sym") or a.scale is not None:
        return False
    if re.search(r"[A-Z][a-z]+-$", text[max(0, a.ns - 20):a.ns]):
        return True  # "Take-Two", "Formula-One": a hyphenated name
    prev = _token_before(sent.doc, base + a.ns, sent.start_char)
    if prev is None or prev.i == sent.start or prev.text in _SENT_OPEN or prev.is_punct and prev.text != ",":
        return False  # a sentence or a quotation starts with a capital
    if headline(sent):
        return False  # "Tesla Sells One Million Cars": capitals say nothing in a headline
    nxt = [t for t in sent.doc[prev.i + 1: sent.end] if t.idx >= base + a.ne][:1]
    if prev.is_alpha and prev.text[:1].isupper() and prev.text.lower() not in L.MONTHS and prev.pos_ in ("PROPN", "NOUN", "X", "ADJ"):
        return True  # "Xbox One", "Formula One", "Air Force One"
    return bool(nxt) and nxt[0].is_alpha and (nxt[0].text.istitle() or nxt[0].text.isupper()) and nxt[0].text.lower() not in L.MONTHS \
        and nxt[0].idx == base + a.ne + 1


def _brand_then_plural(sent, tok) -> bool:
    """'includes 14 Boeing 787 jets', 'sold 300 Tesla cars': a count of branded things, not a name number."""
    for t in sent.doc[tok.i: min(tok.i + 4, sent.end)]:
        if t.tag_ == "NNS" and t.text.islower():
            return True
        if not (t.pos_ in ("PROPN", "NUM") or t.like_num or t.tag_ == "HYPH"):
            return False
    return False


def _age_apposition(a: _Atom, sent, base: int, text: str) -> bool:
    """'Maddon, 66, has ...' -> an age in years."""
    if a.currency or a.unit or a.words or a.scale is not None or not (10 <= a.value <= 110) or a.value != int(a.value):
        return False
    if not re.match(r"\s*,", text[a.e:]) or not re.search(r"[A-Z][a-z]+,\s*$", text[:a.s]):
        return False
    prev = _token_before(sent.doc, base + len(text[:a.s].rstrip().rstrip(",")), sent.start_char)
    ents = [e for e in sent_ents(sent) if e.label_ == "PERSON" and e.end_char <= base + a.s and e.end_char >= base + a.s - 3]
    return bool(ents) or (prev is not None and prev.pos_ == "PROPN")


def _hyphen_adjective(a: _Atom, text: str) -> bool:
    """'a five-year award', 'four-door', 'six-speed': a spelled-out number in a compound adjective."""
    if not a.words or a.e <= a.ne or text[a.ne:a.ne + 1] != "-" or a.currency:
        return False
    if a.unit_kind == "sym" and a.unit not in L.TIME_UNITS and a.unit != "x":
        return False  # three-foot, six-mile, three-ton: a measure
    return "age" not in a.rules


def _bare_year(a: _Atom, text: str) -> bool:
    if a.words or a.currency or a.unit_kind in ("pct",) or a.scale is not None or a.sign:
        return False
    num = text[a.ns:a.ne]
    if not _YEAR_RE.fullmatch(num):
        return False
    if a.unit_kind == "sym" and a.unit not in ("year", "s"):
        return False
    if a.approx and a.unit_kind == "noun":
        return False
    m = re.match(r"\s?(?:-|–|to)\s?(\d[\d,.]*)", text[a.e:])
    if m and not _YEAR_RE.fullmatch(m.group(1)) and not re.fullmatch(r"\d\d", m.group(1)):
        return False  # "about 2000 - 2500 Calories"
    return True


# ----------------------------------------------------------------------------- ranges
def _merge_ranges(atoms: list[_Atom], text: str, lead: str = "") -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms) and a.value_max is None:
            b = atoms[i + 1]
            gap = text[a.e:b.s]
            if b.sign == "-" and gap.strip() == "" and b.s == b.ns - 1 and not a.sign:
                b.sign, b.s, gap = "", b.ns, text[a.e:b.ns]
            between = bool(_BETWEEN_RE.search(lead + text[:a.s])) and re.fullmatch(r"\s+and\s+[~≈]?", gap, re.I)
            join = _RANGE_JOIN_RE.match(gap) and not re.fullmatch(r"\s+and\s+", gap, re.I)
            compatible = _compatible(a, b)
            from_to = _FROM_RE.search(text[:a.s]) and re.fullmatch(r"\s+to\s+", gap, re.I)
            # "from $36,040 at 10.45pm last night to $34,935": a from-to with a short aside
            if (not from_to and not a.approx and not b.approx and not a.change and re.search(r"\bfrom\s+$", text[max(0, a.s - 8):a.s], re.I)
                    and _FROM_FAR_GAP.fullmatch(gap) and ((a.currency and a.currency == b.currency) or (a.unit and a.unit == b.unit))):
                join = from_to = True
            sign_only = a.change and "change_sign" in a.rules
            if (between or (join and (not a.change or sign_only or gap.strip() in ("-", "–", "—")))) and compatible and not (from_to and (a.approx or b.approx)) and (not b.approx or (between and b.approx == a.approx)):
                if not (gap.strip() in ("-", "–", "—") and a.words != b.words):
                    _share(a, b)
                    # value..value_max in the order written ("from 4.8% to 4.7%" keeps 4.8 first)
                    a.value_max = b.value * (b.scale or Decimal(1)) * (-1 if b.sign in ("-", "−") else 1)
                    a.e = b.e
                    a.rules.append("range")
                    if sign_only:  # "-5 to -3 degrees" is a range of levels
                        a.change = None
                    a.unit, a.unit_kind, a.currency = b.unit or a.unit, b.unit_kind or a.unit_kind, b.currency or a.currency
                    out.append(a)
                    i += 2
                    continue
            if _OR_JOIN_RE.match(gap) and compatible and b.unit_kind and not a.unit_kind and (
                    b.currency or (b.unit_kind in ("pct", "sym", "noun") and not re.fullmatch(r"\s?,\s?", gap))):
                _share(a, b)
        out.append(a)
        i += 1
    return out


_INCH_AFTER_FEET_RE = re.compile(r"\s?(in\.?|ins\.?)(?![\w])")


def _feet_inches(atoms: list[_Atom], text: str) -> None:
    """'12 ft 2 in', '5 feet 10 in.': the bare number after a length in feet is inches."""
    for x, y in zip(atoms, atoms[1:]):
        if x.unit == "ft" and not y.unit_kind and not y.currency and re.fullmatch(r"\s+(?:and\s+)?", text[x.e:y.s]) and y.value < 12:
            m = _INCH_AFTER_FEET_RE.match(text, y.e)
            if m:
                y.unit, y.unit_kind = "in", "sym"
                y.e = m.end()
                y.rules.append("feet_inches")


_FROM_FAR_GAP = re.compile(r"\s+(?:[^\s,;]+\s+){1,6}to\s+", re.I)
#: currencies whose minor unit is called a cent (a hundredth)
_CENT_CURRENCIES = {"USD", "EUR", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "ZAR", "BRL"}
_MINOR_JOIN_RE = re.compile(r"^\s+(?:and\s+)?$", re.I)


def _merge_minor(atoms: list[_Atom], text: str) -> list[_Atom]:
    out: list[_Atom] = []
    skip = False
    for x, y in zip(atoms, atoms[1:] + [None]):
        if skip:
            skip = False
            continue
        if y is not None and x.currency and ("currency_word" in x.rules or "currency_prefix" in x.rules) and x.scale is None \
                and x.value == int(x.value) and _MINOR_JOIN_RE.match(text[x.e:y.s]):
            # "$10 and 30 cents", "10 euros 30 cents": cents of any currency divided in hundredths
            minor = "currency_minor" in y.rules and y.value < 1 and y.scale is None and (
                y.currency == x.currency or (y.currency == "USD" and x.currency in _CENT_CURRENCIES and re.match(r"\s?cents?\b", text[y.ne:], re.I)))
            # "10 dollars 30", and "17 USD 25 more": a code between two numbers makes the second the cents
            bare = "currency_word" in x.rules and not y.unit_kind and not y.currency and y.value < 100 and y.value == int(y.value) \
                and y.scale is None and (not re.match(r"\s*[A-Za-z]", text[y.e:]) or "after_currency" in y.rules)
            if minor or bare:
                x.value += y.value if minor else y.value / 100
                x.e = y.e
                x.rules.append("currency_compound")
                out.append(x)
                skip = True
                continue
        out.append(x)
    return out


def _compatible(a: _Atom, b: _Atom) -> bool:
    if a.currency and b.currency and a.currency != b.currency:
        return False
    if a.unit_kind and b.unit_kind and (a.unit != b.unit):
        return False
    if a.unit_kind == "pct" and not b.unit_kind:
        return False
    if a.currency and not b.currency and b.unit_kind:
        return False
    if b.currency and a.unit_kind and a.unit_kind != "cur":
        return False
    return True


def _share(a: _Atom, b: _Atom) -> None:
    """'$1-2 billion', '3 to 5 years', 'four to five thousand', '15 dollars or 20': share scale / unit."""
    if a.scale is None and b.scale is not None and a.value < 1000 and a.value <= b.value:
        a.scale = b.scale
        a.rules.append("range_scale")
    if not a.unit_kind and b.unit_kind:
        a.unit, a.unit_kind = b.unit, b.unit_kind
    if a.currency is None and b.currency is not None:
        a.currency = b.currency
    if b.currency is None and a.currency is not None and not b.unit_kind:
        b.currency = a.currency
        b.unit_kind = "cur"


#: whole words (case-folded, see rx.words) one of which a sentence holds if it has a figure of the kind:
#: a run of number words yields only with a number word among its words (numbers.word_runs); a multiple is
#: "<n>-fold", "<word> fold" or a word of MULTIPLE_WORDS / MULTIPLE_VERBS standing alone; a vague plural starts
#: with its first word standing alone ("dozens of", "tens of thousands of")
_RUN_GATE = RUN_NUMBER_WORDS
_MULTIPLE_GATE = frozenset(["fold", *L.MULTIPLE_WORDS, *L.MULTIPLE_VERBS])
_VAGUE_GATE = frozenset(k.split()[0] for k in L.VAGUE_PLURALS)
assert all(re.fullmatch(r"[a-z]+", w) for w in _MULTIPLE_GATE | _VAGUE_GATE)


# ----------------------------------------------------------------------------- the recognizer
def find_quantities(sent) -> list[Quantity]:
    text = sent_text(sent)
    base = sent.start_char
    has_digit = _HAS_DIGIT.search(text) is not None
    folded, wordset = sent_words(sent)  # wordset None: no set (a character folds unsafely), every pattern runs
    masks = _mask_spans(text, folded, wordset) + _list_number_spans(sent) if has_digit else []
    atoms = _digit_atoms(text, masks) if has_digit else []
    # a number in a masked region is not a claim (unless the currency makes it money: "$2024")
    kept = []
    for a in atoms:
        name = _masked(masks, a.ns, a.ne)
        if name and not (a.currency and name in ("code",)):
            continue
        kept.append(a)
    atoms = kept
    for a in atoms:
        _extend_right(a, text)
    # "17 USD 25": the code was read as the first figure's currency; the second figure has no prefix of its own
    for x, y in zip(atoms, atoms[1:]):
        if y.s < x.e <= y.ns and "currency_prefix" in y.rules and x.currency == y.currency and y.scale is None:
            y.s, y.currency = y.ns, None
            y.rules.remove("currency_prefix")
            y.rules.append("after_currency")
            y.e = y.ne
            _extend_right(y, text)
    taken = [(a.s, a.e) for a in atoms]
    # number words, multiples, vague plurals: each needs one of its whole words in the sentence
    words = [w for w in _word_atoms(text, taken) if not _masked(masks, w.ns, w.ne)] \
        if wordset is None or not wordset.isdisjoint(_RUN_GATE) else []
    for a in words:
        _extend_right(a, text)
        _half_a_unit(a, text)
    taken += [(a.s, a.e) for a in words]
    mults = _multiple_atoms(text, [(a.ns, a.e) for a in atoms + words]) \
        if wordset is None or not wordset.isdisjoint(_MULTIPLE_GATE) else []
    vague = _vague_atoms(text, [(a.s, a.e) for a in atoms + words + mults]) \
        if wordset is None or not wordset.isdisjoint(_VAGUE_GATE) else []
    atoms = sorted(atoms + words + mults + vague, key=lambda a: a.s)
    if "(" in text:
        refs = [m.span() for m in CROSSREF_RE.finditer(text)]
        if refs:
            atoms = [a for a in atoms if not any(rs <= a.s < re_ for rs, re_ in refs)]
    # counted nouns from the parse
    for a in atoms:
        if not a.unit_kind and not a.currency:
            _counted_noun(a, sent, base)
            if ONE_OF_AS_COUNT and a.words and a.value == 1 and not a.unit_kind:
                _one_of(a, sent, base, text)
            if a.words and not a.unit_kind:
                _noun_or_two(a, sent, base, text)
    # the parser sometimes splits "approximately | 2.998×10−8 m": read cues across the boundary
    lead = doc_text(sent.doc)[sent.doc[max(0, sent.start - 4)].idx:base] if sent.start else ""  # the 4 tokens' text_with_ws
    literals = _approx_literals(text, lead) if atoms else None
    for a in atoms:
        _approx(a, text, lead, literals)
    kept = []
    dropped_prev = None
    table = has_digit and _TABLE_RUN_RE.search(text) is not None
    for a in atoms:
        if dropped_prev is not None and _RANGE_JOIN_RE.match(text[dropped_prev.e:a.s]) and not a.unit_kind:
            dropped_prev = a  # "aged 25 to 54": the second end goes with the first
            continue
        dropped_prev = None
        if _bare_year(a, text) and _YEAR_FIGURE_RE.match(text, a.ne):
            a.kind_year = True  # "its planned 2035 ban": the year is the figure
            a.e = a.ne
            a.rules.append("year_figure")
        elif _bare_year(a, text) or _name_like(a, sent, base, text) or _age_apposition(a, sent, base, text) or _hyphen_adjective(a, text) \
                or (table and _bare(a)) or _word_in_name(a, sent, base, text) or _model_number(a, sent, base, text):
            dropped_prev = a
            continue
        kept.append(a)
    atoms = kept
    literals = _change_literals(text, lead) if atoms else None
    for a in atoms:
        _change(a, text, lead, literals)
    atoms = _merge_minor(atoms, text)
    _feet_inches(atoms, text)
    atoms = _merge_ranges(atoms, text, lead)
    # "from about 14-18 mpg to 24", "from about 208 pounds to 193": the bare end has the unit of the start
    for x, y in zip(atoms, atoms[1:]):
        if (x.unit_kind or x.currency) and not y.unit_kind and not y.currency and re.fullmatch(r"\s+to\s+", text[x.e:y.s], re.I) \
                and _FROM_RE.search(text[:x.s]) and _compatible(x, y):
            y.unit, y.unit_kind, y.currency = x.unit, x.unit_kind, x.currency
            y.rules.append("from_to_unit")
    # "lost 190 points, or 0.6%": the apposition shares the change
    for x, y in zip(atoms, atoms[1:]):
        if x.change and not y.change and _APPOSITION_RE.match(text[x.e:y.s]):
            y.change = x.change
            y.rules.append("change_apposition")
        elif x.change and not y.change and x.unit_kind == "pct" and y.unit_kind == "pct" and not y.approx \
                and x.value_max is None and y.value_max is None and _PCT_LIST_RE.match(text[x.e:y.s]):
            y.change = x.change
            y.rules.append("change_list")
        # "more than 8.9 ksi (61.4 MPa)", "about $5 billion (£4 billion)": a conversion in brackets is as approximate
        if x.approx and not y.approx and _CONVERSION_OPEN_RE.fullmatch(text, x.e, y.s) and _CONVERSION_CLOSE_RE.match(text, y.e) \
                and (x.value_max is None) == (y.value_max is None):
            y.approx = x.approx
            y.rules.append("approx_conversion")
    out = []
    for a in atoms:
        if a.currency is None and a.unit_kind == "cur":
            a.unit_kind = None
        if a.words and a.value == 1 and not a.unit_kind:
            continue  # "one" alone is a pronoun more often than a count
        if a.words and a.value == 1 and "one_of" not in a.rules and not (a.unit_kind == "sym" or a.currency):
            pre = text[:a.s]  # "that one" is a pronoun; "that one mile" is a distance
            if _ONE_BAD_PRE.search(pre) or _ONE_NOT_RE.match(text[a.s:]):
                continue
            if a.unit_kind != "pct" and a.scale is None and (_one_after_adjective(a, sent, base, pre) or _ONE_DET_AFTER.match(text, a.ne)):
                continue  # "a professional one", "one several weeks ago": the pronoun, not a count
        if a.words and a.value == 1 and text[a.s:a.ne].lower() in ("a", "an"):
            continue
        if a.words and a.value == 0 and not a.unit_kind:
            continue
        q = _to_quantity(a, text, base)
        if math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max)):
            out.append(q)
    return out


def _num(d: Decimal) -> float:
    return float(d)


def _to_quantity(a: _Atom, text: str, base: int) -> Quantity:
    scale = a.scale or Decimal(1)
    value = a.value * scale
    if a.sign in ("-", "−"):
        value = -value
    vmax = a.value_max
    if a.kind_year:
        kind, unit = "year", None
    elif a.currency:
        kind, unit = "money", a.currency
    elif a.unit_kind == "pct":
        kind, unit = "percent", a.unit
    else:
        kind, unit = "quantity", a.unit
    while a.e > a.s and text[a.e - 1] in " -,":
        a.e -= 1
    return Quantity(start=base + a.s, end=base + a.e, text=text[a.s:a.e], value=_num(value), kind=kind,
                    value_max=_num(vmax) if vmax is not None else None, unit=unit, approx=a.approx, change=a.change,
                    rules=list(dict.fromkeys(a.rules)), per=a.per)

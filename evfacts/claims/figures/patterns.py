"""The regular expressions the figure recognizers share, compiled once, built from the word lists of `units`."""
from __future__ import annotations

import re

from evfacts import rx
from evfacts.claims import units as L
from evfacts.claims.figures import rates
from evfacts.claims.numbers import DIGITS

# ----------------------------------------------------------------------------- regexes (compiled once)

_CUR_CODES_GLUED = sorted([k for k in L.CUR_PREFIX if k[-1:].isalpha() and " " not in k] + ["PS"], key=len, reverse=True)
_LB = "(?:(?<![\\w.,])" + "".join(f"|(?<={re.escape(c)})" for c in _CUR_CODES_GLUED) + ")"
#: the lookahead first: a match starts at a sign, a digit, a point or a fraction character, and every other
#: position fails on it before the currency-code lookbehinds are tried
#: (not after "^": the power of a unit, "m^3")
NUM = re.compile(r"(?=[−+\-.\d" + "".join(L.UNICODE_FRACTIONS) + r"])(?:(?<![\w.,])([−+-])(?=\.?\d))?(?<!\^)" + _LB + r"(" + DIGITS + r")(?![\d])(?!\.\d)(?!,\d{3})")

#: lower-cased ISO codes before a number ("rmb 10", "usd 2.5 million" in lower-cased text); not "try", "nis"
_LOWER_CODES = ["usd", "eur", "gbp", "jpy", "cny", "rmb", "hkd", "aud", "cad", "chf", "sgd", "nzd", "inr", "krw"]
_CUR_PREFIX_RE = re.compile(r"(?:" + L.alternation(list(L.CUR_PREFIX) + ["PS"] + _LOWER_CODES) + r"|(?i:" + L.alternation([k for k in L.CUR_PREFIX if "$" in k and k != "$"]) + r"))\s?$")
_CUR_PREFIX_LOWER = {k.lower(): v for k, v in L.CUR_PREFIX.items() if "$" in k or k.lower() in _LOWER_CODES}
#: a currency symbol after the amount ("45€", "100 ₹", "50 zł", "2 000 Kč"); one that ends in a letter ends a word
_CUR_SYMBOL_AFTER_RE = re.compile(r"\s?(" + L.alternation(["$", "£", "¥", "元", "₾", "₿"] + list(L.CUR_SYMBOLS_AFTER))
                                  + r")(?!(?<=\w)\w)(?!\s?\d)")
_CUR_MCODE_AFTER_RE = re.compile(r"\s?(M(?:USD|EUR|GBP|AUD|CAD|CHF|JPY|CNY))\b")
_DOLLAR_PREFIX_OK = re.compile(r"(?<![\d,.])\d[\d,.]*\s?(?:million|billion|trillion|bn|mn)\b", re.IGNORECASE)
_PREFIX_NEEDS_BOUNDARY = re.compile(r"[A-Za-z]")
_SCALE_WORD_RE = re.compile(r"[\s-]?(" + L.alternation(L.SCALE_WORDS) + r")\b", re.IGNORECASE)
_SCALE_SUFFIX_RE = re.compile(r"(" + L.alternation(L.SCALE_SUFFIXES) + r")(?![A-Za-z])")
_SCALE_SPACED_RE = re.compile(r" (bn|mn|mln|bln|tn|trn|B|M)(?![A-Za-z])")
_M_PLURAL_RE = re.compile(r"m\s+(?!(?:years|times|miles|metres|meters|feet)\b)(?:[a-z]+[^s\W]s|people|staff|children|men|women)\b")
_MONEY_M_RE = re.compile(r"\s?(m)(?![A-Za-z²2])")
_PCT_RE = re.compile(
    r"\s?(?:(%\s?points?)|(%)|(percent(?:age)?\s+points?|per\s?cent(?:age)?\s+points?|percentage-points?)"
    r"|(basis[\s-]points?|bps\b|bp\b)|(pp\b|ppt\b)|(percent|per\s?cent|pct\b|pc\b)(?:-\w+)?)", re.IGNORECASE)
_CUR_WORD_RE = re.compile(r"[\s-]?(" + L.alternation(L.CUR_WORDS) + r")(?![\w]|['’]t\b)", re.IGNORECASE)
_CUR_AMBIG_RE = re.compile(r"\s?(" + L.alternation(L.CUR_AMBIGUOUS) + r")(?![\w])", re.IGNORECASE)
_CUR_MINOR_RE = re.compile(r"[\s-]?(" + L.alternation(L.CUR_MINOR) + r")(?![\w])", re.IGNORECASE)
_CUR_CODE_AFTER_RE = re.compile(r"\s?(" + L.alternation([k for k in L.CUR_PREFIX if re.fullmatch(r"[A-Z]{3,4}", k)]) + r")(?![A-Za-z\d])")
_AFTER_DOLLAR_RE = re.compile(r"\s(" + L.alternation(L.CUR_AFTER_DOLLAR) + r")(?![A-Za-z])")
_UNIT_WORD_RE = re.compile(r"(?:\s|-|\s?-\s?)?(" + L.alternation(L.UNIT_WORDS) + r")(?![\w])", re.IGNORECASE)
_UNIT_SYM_RE = re.compile(r"(\s?-?)(" + L.alternation(L.UNIT_SYMBOLS) + r")(?![\w²³])")
#: a symbol in another case than its own ("5.8Ghz", "13.5 KWH"): only the symbols no two units share when case is ignored
_UNIT_SYM_ANY_CASE_RE = re.compile(r"(\s?-?)(" + L.alternation(L.UNIT_SYMBOLS_ANY_CASE) + r")(?![\w²³])", re.IGNORECASE)
_GLUED_ONLY = {"s", "t", "g", "l", "x", "X", "×", "m", "K", "F", "A", "V", "W", "h", "L", "\"", "″", "°", "p"}
#: rates ("per share", "a day", "/kWh"): see rates.py and data/rates.json
_PER_RE = rates.PER_RE
_COUNT_RATE_DENOMINATORS = rates.COUNT_SURFACES
_TEMP_GLUED_RE = re.compile(r"([CF])(?![\w°])")
#: "80 C": a lone capital C/F after a space (not "C-suite", "C.", "C's")
_TEMP_SPACED_RE = re.compile(r" ([CF])(?![\w°'’-]|\.\w)")
#: what may follow a temperature when the sentence does not say it is one: the sentence goes on (end, punctuation,
#: a function word, a comparison: "heated to 80C before use", "the 80C that ...", "1.5C above ..."), where a
#: content word after makes the letter a label or rating ("3C products", "a 4C charging rate", "80C grades")
_TEMP_AFTER_OK_RE = re.compile(r"\s*(?:$|[.,;:!?)\]}\"”’'(—–]|/(?!\s)|\s(?:in|on|at|for|and|or|to|by|with|before|after|during|when|while|until|"
                               r"from|than|is|was|were|are|be|will|would|could|can|may|might|has|had|have|as|inside|outside|"
                               r"overnight|today|yesterday|tomorrow|this|that|which|but|so|then|above|below|higher|lower|"
                               r"warmer|colder|hotter|cooler|last|next|earlier|later|each|every|per|over|under|across|around|since)\b)")
_TEMP_NAME_BEFORE_RE = re.compile(r"\b([A-Za-z][\w.]*)\s+$")
_TEMP_CONTEXT_RE = re.compile(r"\b(?:temperatures?|warming|heat|heatwaves?|degrees?|hotter|hottest|warmer|warmest|colder|coldest|highs|lows|"
                              r"thermometers?|thermostats?|celsius|centigrade|fahrenheit|mercury|freezing|scorching|sweltering|fever|ovens?|boil(?:s|ing)?|frost)\b", re.IGNORECASE)
_CAPITAL_BEFORE_RE = re.compile(r"(?:^|\s)[A-Z][\w.-]*\s+$")
_SPACED_SYMBOL_OK = re.compile(r"\s*(?:$|[.,;:)]|\d|x\b|/\s?[A-Za-z]|(?:tall|long|wide|high|deep|away|above|below|thick|across|per|of)\b)")
_INCH_SPACED_OK = re.compile(r"\s*(?:long|wide|tall|high|thick|deep|across|in\s+diameter|diagonal|screen|display|monitor|tv|wheels?|rims?)\b", re.IGNORECASE)
_BRACKET_UNIT_RE = re.compile(r"\s?[(\[{<](" + L.alternation(L.UNIT_SYMBOLS) + r")[)\]}>]")
_OF_A_UNIT_RE = re.compile(r"\s+of\s+an?\s+(?:(?:US|U\.S\.|imperial|metric)\s+)?(" + L.alternation(L.UNIT_WORDS) + r")\b", re.IGNORECASE)
_AGE_RE = re.compile(r"^[\s-]*(?:years?|yrs?|months?|weeks?|days?)[\s-]old\b|^[\s-]*(?:year|month|week|day)-old\b"
                     r"|^\s?(?:yo|y\.o\.|y/o)(?![\w/])", re.IGNORECASE)  # "a 87 yo man": years old
_AGE_UNIT_RE = re.compile(r"(year|month|week|day)", re.IGNORECASE)
_PLUS_RE = re.compile(r"\+(?!\d)")
_OR_MORE_RE = re.compile(r"^\s*(or more|or over|or higher|or above|plus)\b|^\s*(or less|or fewer|or lower|or below)\b|^\s*(or so)\b", re.IGNORECASE)
_MULTIPLE_WORD_RE = re.compile(r"(?<![\w-])(?:(\d+(?:\.\d+)?)[\s-]?fold|(" + L.alternation(L.MULTIPLE_WORDS) + r")|(" + L.alternation(L.MULTIPLE_VERBS) + r")"
                               r"|(" + L.alternation(list(L.WORD_UNITS) + list(L.WORD_TENS) + ["hundred", "thousand"]) + r")[\s-]fold)(?![\w-])", re.IGNORECASE)
_FOLD_AFTER_RE = re.compile(r"[\s-]fold\b", re.IGNORECASE)

_APPROX_RE = re.compile(r"(?:^|(?<=[\s(\[\"'“‘]))(" + L.alternation([w for w in L.APPROX if w not in ("+", "or more", "or so", "and up", "minimum")]) + r")\s*(?:of\s+)?(?:(?:just|only|a|an)\s+)?$", re.IGNORECASE)
#: "over nine years" after a verb is a span (during); after these words it is "more than"
_OVER_MORE_THAN_RE = re.compile(r"\b(?:for|in|of|than|since|after|within|took|take|takes|taking|lasted|last|lasts|lasting|spent|spend|spends|"
                                r"aged|age|ages|is|are|was|were|be|been|being|has|have|had|just|well|by|to|with|at)\s+$", re.IGNORECASE)
_AGO_RE = re.compile(r"\s+(?:ago|old|earlier|later|before)\b", re.IGNORECASE)
_CHANGE_PRE_RE = re.compile(
    r"(?:^|(?<=[\s(]))(" + L.alternation(L.CHANGE_VERBS) + r")\s+(?:(?:by\s+an?\s+[a-z]+|by|of|between|another|a\s+further|an\s+additional|an\s+extra|further|just|only|some|nearly|almost|about|around|roughly|approximately|more\s+than|less\s+than|over|under|as\s+much\s+as|up\s+to|close\s+to|sharply|slightly|marginally|modestly|steeply|strongly|a\s+little|a\s+bit|a\s+whopping|a\s+massive|a\s+record|a\s+staggering|an\s+estimated|a\s+combined|a\s+total\s+of|a|an|the|its|their|fully)\s+)*$",
    re.IGNORECASE)
_CHANGE_VERB_BY_RE = re.compile(r"(?:^|(?<=[\s(]))(" + L.alternation(L.CHANGE_VERBS) + r")\s+(?:[\w'’-]+\s+){0,5}by\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|just|only|another|a\s+further|an\s+additional|a|an)\s+)*$", re.IGNORECASE)
_PCT_RANGE_AFTER = re.compile(r"\s?(?:-|–|to|and)\s?\d[\d.,]*\s?(?:%|percent|per\s?cent|percentage point)")
_PLUS_WORD_RE = re.compile(r"(?:-|\s)plus\b(?=\s)", re.IGNORECASE)
_OR_PCT_AFTER = re.compile(r",?\s+or\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?[+-]?\d[\d.,]*\s?(?:%|percent|per\s?cent)")
_CHANGE_NOUN_PRE_RE = re.compile(r"\b(?:an?|the|its|their|his|her)?\s*(?:\w+\s+)?(" + L.alternation(L.CHANGE_NOUNS) + r")s?\s+(?:of|by)\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|just|only)\s+)?$", re.IGNORECASE)
_CHANGE_NOUN_POST_RE = re.compile(r"(?:[\s-]+(?:[a-z]+-)?(?:annual|annualized|yearly|monthly|quarterly|weekly|daily|sequential|year-on-year|year-over-year|on-year|overall|sharp|steep|modest|slight|small|big|huge|massive|whopping|further|surprise|pay|price|sales|revenue|share|stock|growth|jump|total|combined|average|cumulative|organic|yoy))*[\s-]+(" + L.alternation(L.CHANGE_NOUNS) + r")s?\b", re.IGNORECASE)
_UPDOWN_RE = re.compile(r"(?:^|(?<=[\s(,;]))(?<!making )(?<!make )(?<!makes )(?<!made )(?<!taking )(?<!takes )(?<!took )(?<!take )(?<!summed )(?<!sum )(?<!add )(?<!adds )(?<!set )(?<!sets )(?<!picked )(?<!pick )(?<!picks )(?<!make)(up|down|higher|lower|off)\s+(?:(?:by|about|around|nearly|almost|some|roughly|more\s+than|less\s+than|over|just|only|a\s+further|another|slightly|marginally|sharply|modestly|a\s+little|a\s+bit)\s+)*$", re.IGNORECASE)
#: the change patterns with their literals (a change verb, "up"/"down", a change noun): most figures have
#: none of them in the words before, and the patterns are not run there
_CHANGE_PRE, _CHANGE_VERB_BY, _UPDOWN, _CHANGE_NOUN_PRE = (rx.Gated(p) for p in (_CHANGE_PRE_RE, _CHANGE_VERB_BY_RE, _UPDOWN_RE, _CHANGE_NOUN_PRE_RE))
assert _CHANGE_VERB_BY.need == _CHANGE_PRE.need  # one check serves both
_ONE_BAD_PRE = re.compile(r"\b(?:the|this|that|which|no|any|each|every|another|some|one|someone|anyone|everyone|no-one|other)\s*$", re.IGNORECASE)
_ONE_ADJ_PRE = re.compile(r"\b(?:a|an|the|my|your|his|her|its|our|their)\s+(?:(?!(?:single|mere|only|just|extra|additional|further|another|more|first|last|next)\b)[a-z]+\s+)$")
_ONE_DET_AFTER = re.compile(r"\s+(?:several|few|many|some|a\s+few|a\s+couple|these|those|the|its|their|his|her|our|my|your)\b", re.IGNORECASE)
_ONE_NOT_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in L.ONE_NOT_QUANTITY) + r")\b", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:\S+\s+)?[~≈]?$", re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:from|range[sd]?|ranging|ranging\s+from)\s+(?:\S+\s+)?$", re.IGNORECASE)
_RANGE_JOIN_RE = re.compile(r"^\s?(?:-|–|—|to-?|through|thru)\s?$|^\s+(?:to|and|through|thru)\s+$|^\s?-\s?to\s?-?\s?$", re.IGNORECASE)
_OR_JOIN_RE = re.compile(r"^\s+(?:or|and|to)\s+$|^\s?,\s?$", re.IGNORECASE)
#: ... with the baseline named, so it is a comparison over time and not a level ("finished 34% higher at $3")
_POST_HIGHER_LOWER_RE = re.compile(r"\s+(higher|lower)\s*,?\s+(?:(?:on\s+an?\s+)?(?:year[\s-]+(?:over|on)[\s-]+year|y/y|yoy|y-o-y|quarter[\s-]+(?:over|on)[\s-]+quarter|q/q|month[\s-]+(?:over|on)[\s-]+month|m/m|sequentially)\b|than\s+(?:a|the|in\s+the)\s+(?:year|quarter|month)[\s-]*(?:earlier|ago|before)|than\s+(?:last|the\s+previous|the\s+prior|the\s+same)\s+(?:year|quarter|month|period)|(?:from|than|compared\s+(?:to|with)|versus|vs\.?)\s+(?:a\s+year|the\s+year|the\s+same\s+period|last\s+year|the\s+prior[\s-]year|the\s+year-ago|a\s+year-ago))", re.IGNORECASE)
#: "down 22%, 13.3%, and 11.6%": a bare list of percentages after a change shares it
_PCT_LIST_RE = re.compile(r"^\s*,\s*(?:and\s+)?$", re.IGNORECASE)
#: "ticked up to 3.8%": "up" belongs to the verb, the figure is the new level, not a ceiling
_VERB_UP_TO_RE = re.compile(r"\b(?:ticked|ticks|tick|ticking|edged|edges|edging|inched|inches|inching|moved|moves|moving|went|goes|go|going|gone|shot|crept|creeping|revised)\s+up\s+to\s*$", re.IGNORECASE)
_APPOSITION_RE = re.compile(r"^(?:\s+[a-z-]+){0,3}\s*(?:,\s*)?(?:or|and|i\.e\.,?)\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|up\s+to|just|only)\s+)?$|^\s*\(\s*$", re.IGNORECASE)

_CONVERSION_OPEN_RE = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+|approximately\s+)?")
_CONVERSION_CLOSE_RE = re.compile(r"\s*[)\]]")
_YEAR_FIGURE_RE = re.compile(r"\s+(?:" + L.alternation(L.YEAR_FIGURE_NOUNS) + r")\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:1[89]|2[01])\d\d")
_WORD_NUM_SINGLE_FRACTION = set(L.WORD_FRACTIONS) - {"half"}



_STANDALONE_DIGIT = re.compile(r"(?<![A-Za-z\d])\d")
_HAS_DIGIT = re.compile(r"[\d" + "".join(L.UNICODE_FRACTIONS) + r"]")



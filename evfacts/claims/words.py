"""The words the context recognizers read (data/context.toml, data/modality.toml) as one read-only lexicon, and the small word sets of the rules."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from evfacts.claims import companies as comp


@dataclass(frozen=True)
class Lex:
    modals: frozenset
    forecast_verbs: frozenset
    forecast_nouns: frozenset
    forecast_mods: frozenset
    seers: frozenset
    target_verbs: frozenset
    target_nouns: frozenset
    target_mods: frozenset
    company_nouns: frozenset
    pronouns: frozenset
    market_nouns: frozenset
    metric_nouns: frozenset
    product_nouns: frozenset = frozenset()

    @cached_property
    def pointer_words(self) -> frozenset:
        """The words that make a subject the company's (a pointer to it or a measure of it): see
        SubjectFinder._other_subject."""
        return frozenset(self.pronouns | self.company_nouns | self.product_nouns | self.metric_nouns
                         | self.forecast_nouns | self.target_nouns | REPORT_NOUNS
                         | {"outlook", "results", "result", "estimates"})


@lru_cache(maxsize=1)
def lex() -> Lex:
    data = resources.files("evfacts").joinpath("data")
    m = tomllib.loads(data.joinpath("modality.toml").read_text(encoding="utf-8"))
    c = tomllib.loads(data.joinpath("context.toml").read_text(encoding="utf-8"))
    f, t = m["forecast"], m["target"]
    fs = frozenset
    return Lex(fs(f["modals"]), fs(f["verbs"]), fs(f["nouns"]), fs(f["modifiers"]), fs(f["seers"]),
               fs(t["verbs"]), fs(t["nouns"]), fs(t["modifiers"]),
               fs(c["subject"]["company_nouns"]), fs(c["subject"]["pronouns"]), fs(c["subject"]["market_nouns"]),
               fs(c["metric"]["nouns"]), fs(c["subject"].get("product_nouns", ())))


PLACE_LABELS = {"GPE", "LOC"}
#: public bodies that also name a region: "In the EU, sales rose 5%"
#: words that do not make a market of a noun: "these stocks", "many shares"
VAGUE_WORDS = {"these", "those", "this", "that", "both", "some", "many", "all", "other", "such", "several", "few",
               "most", "more", "any", "each", "its", "their", "our", "his", "her", "the", "a", "an", "'s", "’s"}
INSTRUMENT_NOUNS = {"etf", "index", "fund", "trust", "composite"}
#: nouns of a market index: "the dollar index", "the index" (the one named before)
INDEX_NOUNS = {"index", "indexes", "indices", "benchmark", "gauge", "average"}
#: words that do not name an index: "the benchmark index", "the broader gauge"
GENERIC_INDEX_MODS = {"benchmark", "broader", "broad", "main", "blue-chip", "wider", "key", "headline", "stock",
                      "equity", "share", "market", "overall"}
REGION_BODIES = {"european union", "eu"}
INSTRUMENT = re.compile(r"\b(?:ETF|ETFs|Index|Fund|Trust|Composite|Average)\b")
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis", "ROOT"}
COMPARISON = {"from", "than", "compared", "comparing", "versus", "vs", "vs.", "against"}
PRESENT_MODS = {"current", "existing", "previous", "prior", "last", "latest", "recent", "past", "actual", "reported"}
#: words that keep a sentence from inheriting the previous sentence's period
PRESENT_RE = re.compile(r"\b(?:current|currently|now|today|presently|so far|to date|ever|recently)\b", re.IGNORECASE)
PERIOD_COMPARISON = COMPARISON | {"over"}
BE_FORMS = {"is", "was", "are", "were", "be", "been", "'s", "’s", "remains", "stands", "came", "comes"}
#: banks and research houses whose name as the subject of "estimates", "expects", "said" is a
#: source, not what the figure is about
ANALYST_FIRMS = comp.ANALYST_FIRMS
OPINION_VERBS = {"said", "says", "say", "wrote", "writes", "believes", "believe", "thinks", "noted", "notes",
                 "rates", "rated", "upgraded", "downgraded", "reiterated", "estimate", "estimates", "expects", "sees",
                 "predicts", "forecasts", "projects", "argues", "reckons", "calculates"}
REPORT_NOUNS = {"report", "call", "meeting", "release", "statement", "filing", "announcement", "conference", "event",
                "presentation", "update", "letter", "note", "interview", "article", "session"}
SCOPE_PREPS = {"in", "across", "within", "throughout", "for", "inside"}


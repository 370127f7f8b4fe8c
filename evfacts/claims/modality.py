"""Modality: reported, forecast or target, from the modal auxiliaries, forecast and target words up the figure's clause (data/modality.toml)."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from evfacts.claims.tree import is_verb
from evfacts.claims.view import parsed
from evfacts.claims.words import BE_FORMS, CLAUSE_DEPS, COMPARISON, PRESENT_MODS, SUBJ_DEPS, Lex, lex

#: verbs that state or revise an outlook: "raised its guidance to $5 billion", "cut its forecast to 3%"
REVISE_VERBS = {"raise", "raises", "raised", "raising", "lift", "lifts", "lifted", "boost", "boosted", "cut", "cuts",
                "lower", "lowers", "lowered", "trim", "trims", "trimmed", "reiterate", "reiterates", "reiterated",
                "maintain", "maintains", "maintained", "reaffirm", "reaffirms", "reaffirmed", "narrow", "narrowed",
                "issue", "issued", "issues", "provide", "provided", "provides", "give", "gave", "set", "sets",
                "hike", "hiked", "slash", "slashed", "update", "updated", "revise", "revised", "increase", "increased"}


@lru_cache(maxsize=1)
def _plan_words() -> tuple[frozenset, frozenset]:
    data = tomllib.loads(resources.files("evfacts").joinpath("data/modality.toml").read_text(encoding="utf-8"))
    return frozenset(data["plan"]["verbs"]), frozenset(data["plan"]["committed"])


def _plan_modality(t) -> str | None:
    """A subject's own plan or its money already committed: "will spend €40bn", "Germany to spend
    €40bn" (a headline's infinitive), "said it would hire 5,000" are targets; "has already committed
    €6.2bn" is reported. Analysts' and markets' verbs are not plans ("analysts will cut estimates")."""
    plans, committed = _plan_words()
    low = t.lower_
    kids = list(t.children)
    if low in committed and (any(c.lower_ == "already" for c in kids) or any(
            c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in kids)):
        return "reported"
    if low not in plans:
        return None
    subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
    if any(w.lower_ in lex().seers for s in subj for w in s.subtree):
        return None
    if t.dep_ == "ccomp" and (t.head.lower_ in lex().forecast_verbs or any(
            c.dep_ in SUBJ_DEPS and c.lower_ in lex().seers for c in t.head.children)):
        return None  # "Analysts estimate that the company will buy back $5bn": their forecast
    if any(c.dep_ == "aux" and c.lower_ in lex().modals for c in kids):
        return "target"
    if t.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and subj:
        return "target"  # "Germany to spend €40bn on rail": a headline's plan
    return None


def _verb_modality(t, L: Lex) -> str | None:
    low = t.lower_
    plan = _plan_modality(t)
    if plan:
        return plan
    if low in ("follow", "follows") and any(c.dep_ == "dobj" for c in t.children):
        return "reported"  # "which would follow the +3.8% growth in Q3": the precedent has happened
    if low in REVISE_VERBS:
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                if c.lower_ in L.target_nouns and not any(x.lower_ == "price" for x in c.children):
                    return "target"
                if c.lower_ in L.forecast_nouns or c.lower_ == "target":
                    return "forecast"
    for c in t.children:
        # "the analyst estimate for revenue is $108 billion", "the consensus estimate is pegged at $1.25",
        # "our goal is 1 million cars"
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in L.forecast_nouns and c.lower_ != "view":
                return "forecast"
            if c.lower_ in L.target_nouns and t.lower_ in BE_FORMS:
                return "target"
    for c in t.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in L.modals:
            return "forecast"
        if c.dep_ == "aux" and c.lower_ == "going" and any(x.lower_ == "to" for x in c.children):
            return "forecast"
    if low in L.target_verbs:
        if low in ("looking",) and not any(c.dep_ == "xcomp" for c in t.children):
            return None
        if low in ("want", "wants", "wanted", "wanting", "hope", "hopes", "hoping") and not any(
                c.dep_ in ("xcomp", "ccomp") for c in t.children):
            return None
        return "target"
    if low in L.forecast_verbs:
        if low in ("see", "sees", "seen"):
            subj = [c for c in t.children if c.dep_ in SUBJ_DEPS]
            if not any(w.lower_ in L.seers for s in subj for w in s.subtree):
                return None
        if low in ("set", "due", "bound") and not any(c.dep_ == "xcomp" for c in t.children):
            return None
        if low in ("estimated",) and t.dep_ == "amod":
            return None
        return "forecast"
    for c in t.children:
        if c.dep_ == "acomp" and c.lower_ in ("likely", "poised", "set", "expected", "due", "slated"):
            return "forecast"
        if c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in ("track", "course", "pace") for g in c.children):
            return "forecast"  # "is on track to produce 57,000 vehicles"
    return None


def _noun_modality(t, L: Lex) -> str | None:
    low = t.lower_
    if low in L.forecast_nouns:
        return "forecast"
    for c in t.children:
        # "the target price of $54.5", "7.9% upside potential", "the consensus figure of $1.10"
        if c.dep_ in ("compound", "amod") and c.i < t.i and (c.lower_ in ("upside", "downside") or c.dep_ == "compound" and c.lower_ == "consensus"
                                                   or (c.lower_ in ("target", "targets") and low in ("price", "prices"))):
            return "forecast"
    if low in L.target_nouns:
        if any(c.lower_ == "price" for c in t.children) or t.doc[t.i - 1].lower_ == "price":
            return "forecast"  # an analyst's price target is a forecast, not the company's plan
        return "target"
    return None


def _flat_modality(fig, L: Lex) -> str:
    """Without a parse: the nearest marker in the few words before the figure."""
    sent = fig.sent
    for t in reversed(fig.doc[max(sent.start, fig.i - 8):fig.i]):
        low = t.lower_
        if low in COMPARISON or low in ("after", "before", "since", "which", "when") or t.text in (";", ":", ","):
            return "reported"  # another clause
        if low in L.target_verbs or low in L.target_nouns:
            return "target"
        if low in L.modals or (low in L.forecast_verbs and low not in ("see", "sees", "seen", "set", "due", "bound")) \
                or low in L.forecast_nouns:
            return "forecast"
    return "reported"


def _upside(fig, out, lo: int, hi: int) -> bool:
    """"implies 8% upside", "implies 7.9% upside potential": a price forecast."""
    if out.lower_ in ("upside", "downside") and not lo <= out.i < hi:
        return True
    return hi < len(fig.doc) and fig.doc[hi].lower_ in ("upside", "downside") and fig.doc[hi].sent == fig.sent


def _figure_modified(fig, fig_span, lo: int, hi: int, L: Lex) -> str | None:
    """The figure itself modified: "higher than the expected 212,000", "$39.2 billion that was forecast by analysts"."""
    fig_toks = [fig.doc[i] for i in range(lo, hi)] if fig_span is not None else [fig]
    for ft in fig_toks:
        for c in ft.children:
            if lo <= c.i < hi:
                continue
            if c.dep_ == "amod" and c.i < lo:
                if c.lower_ in L.target_mods:
                    return "target"
                if c.lower_ in L.forecast_mods:
                    return "forecast"
            if c.dep_ == "relcl" and c.i >= hi and c.lower_ in L.forecast_verbs and c.lower_ not in ("see", "sees", "set", "due", "bound", "likely", "unlikely", "on track") \
                    and any(x.dep_ in ("nsubjpass", "nsubj") and x.lower_ in ("that", "which") for x in c.children):
                return "forecast"
    return None


def modality(fig, fig_span) -> str:
    L = lex()
    if not parsed(fig.doc):
        return _flat_modality(fig, L)
    lo = fig_span.start if fig_span is not None else fig.i
    hi = fig_span.end if fig_span is not None else fig.i + 1
    # the figure's own noun: "an expected 4.9 million sales", "its planned 2035 ban"
    own = fig if fig.pos_ in ("NOUN", "PROPN") and not fig.like_num else fig.head
    out = fig
    while lo <= out.i < hi and out.head.i != out.i:
        out = out.head
    if _upside(fig, out, lo, hi):
        return "forecast"
    for c in own.children:
        if c.dep_ in ("amod", "compound") and not lo <= c.i < hi:
            if c.lower_ in L.target_mods:
                return "target"
            if c.lower_ in L.forecast_mods:
                return "forecast"
    m = _figure_modified(fig, fig_span, lo, hi, L)
    if m:
        return m
    t = fig
    seen = 0
    noun_hops = 0
    while seen < 40:
        seen += 1
        if not lo <= t.i < hi:
            low = t.lower_
            if t.pos_ in ("NOUN", "PROPN") and not is_verb(t):
                m = _noun_modality(t, L)
                if m:
                    return m
                if any(c.dep_ == "amod" and c.lower_ in PRESENT_MODS for c in t.children) and t.lower_ not in (
                        "quarter", "quarters", "year", "years", "month", "months", "week", "weeks", "half", "period", "season"):
                    return "reported"  # "Peloton's current market cap of $2.1 billion"; not "in the current quarter"
                if t.dep_ == "pobj" and t.head.lower_ == "on" and any(
                        c.lower_ in ("higher", "lower", "stronger", "weaker") for c in t.children):
                    # "expected to be up 5% from a year ago on 3% higher revenues": the "on" phrase belongs to
                    # the predicate, however it was attached; go on from the nearest verb above
                    v = t.head
                    while v.head.i != v.i and not is_verb(v):
                        v = v.head
                    if is_verb(v) and v.i != t.i:
                        t = v
                        continue
                if t.dep_ == "pobj":
                    noun_hops += 1
                    if noun_hops >= 2:
                        return "reported"  # deep inside a noun phrase: a description, not the claim
            if low in COMPARISON:
                if t.head.lower_ in REVISE_VERBS:  # "raised its forecast to 185bn from 160bn": the old forecast
                    revised = _verb_modality(t.head, L)
                    if revised in ("forecast", "target"):
                        return revised
                return "reported"
            if t.dep_ == "prep" and low in ("of", "at", "for") and t.i > 0:
                m = _noun_modality(t.doc[t.i - 1], L)  # "beating the Consensus Estimate of $2.10", however attached
                if m:
                    return m
            if is_verb(t) or t.pos_ == "ADJ":
                m = _verb_modality(t, L)
                if m:
                    return m
                if t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN") and not any(
                        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children):
                    pass  # ", indicating 10% growth": a participle shares its main clause
                elif t.dep_ in ("pcomp", "acl") and t.head.dep_ == "prep" and t.head.lower_ in ("of", "for") \
                        and _noun_modality(t.head.head, L):
                    return _noun_modality(t.head.head, L)  # "its target of selling 6.5 lakh vehicles"
                elif t.dep_ in CLAUSE_DEPS:
                    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                    if (t.dep_ == "ccomp" or (t.dep_ == "advcl" and infinitive)) and t.head.i != t.i:
                        hm = _verb_modality(t.head, L)
                        if hm:
                            return hm
                    return "reported"
        if t.head.i == t.i:
            break
        t = t.head
    return "reported"


# -- subject ------------------------------------------------------------------------------------------



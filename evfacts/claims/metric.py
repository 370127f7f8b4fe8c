"""The metric of a figure: a short noun phrase saying what is measured ("$6.69 billion in sales", "550,000 EV deliveries")."""
from __future__ import annotations

from evfacts.claims.tree import is_verb, path_up
from evfacts.claims.words import lex

#: adjectives that say which measure it is ("net profit", "adjusted earnings"), kept in a metric
METRIC_ADJ = {"net", "gross", "operating", "adjusted", "total", "annual", "quarterly", "monthly", "daily", "weekly",
              "average", "free", "global", "domestic", "international", "overseas", "organic", "comparable",
              "diluted", "basic", "core", "fiscal", "full-year", "electric", "hybrid", "retail", "wholesale",
              "active", "annualized", "recurring", "digital", "online", "cloud", "mobile", "automotive", "industrial",
              "underlying", "trailing", "forward", "nonfarm", "unemployment", "jobless", "compound"}


def _noun_phrase(t, stop=()) -> str:
    """The measure noun with the words that classify it right before it: "EV deliveries", "net profit"."""
    words = []
    k = t.i - 1
    while k >= 0 and t.i - k <= 3:
        m = t.doc[k]
        if m.i in stop:
            break
        if m.head.i != t.i and m.head.i not in {w.i for w in words} | {t.i}:
            break
        if m.like_num or m.is_punct and m.text != "-" or m.text in ("%", "$"):
            break
        if m.dep_ == "compound" or (m.dep_ == "amod" and m.lower_ in METRIC_ADJ) or m.text == "-":
            words.insert(0, m)
            k -= 1
            continue
        break
    out = " ".join(w.text if (w.text.isupper() or w.pos_ == "PROPN") else w.lower_ for w in words if w.text != "-")
    head = t.text if t.text.isupper() else t.lower_
    return f"{out} {head}".strip()


def _year_over_year(t) -> bool:
    """'year over year', 'quarter-on-quarter', 'year to date': a comparison, never what is measured."""
    doc = t.doc
    if t.lower_ not in ("year", "quarter", "month", "week", "day"):
        return False
    j = t.i + 1
    while j < len(doc) and doc[j].text == "-":
        j += 1
    if j >= len(doc) or doc[j].lower_ not in ("over", "on", "to"):
        return False
    j += 1
    while j < len(doc) and doc[j].text == "-":
        j += 1
    return j < len(doc) and (doc[j].lower_ == t.lower_ or doc[j].lower_ == "date")  # "year to date"


def metric(fig, fig_span) -> str | None:
    L = lex().metric_nouns
    own = set(range(fig_span.start, fig_span.end)) if fig_span is not None else {fig.i}
    # "$6.69 billion in sales"
    for c in fig.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ in L:
                    return _noun_phrase(g)
    # "a dividend of $0.24", "revenue of $39 billion"
    h = fig.head
    if h.lower_ == "of" and h.head.pos_ in ("NOUN", "PROPN") and h.head.lower_ in L:
        return _noun_phrase(h.head)
    # "550,000 EV deliveries", "1.1 million units"
    counted = None
    if fig.pos_ == "NOUN" and not fig.like_num and fig.i in own:
        counted = fig
    elif fig.dep_ in ("nummod", "quantmod", "compound", "amod") and h.pos_ in ("NOUN", "PROPN"):
        counted = h
    if counted is not None and (_year_over_year(counted) or _year_over_year(counted.head)):
        counted = None  # "grew 2% year over year"
    if counted is not None and counted.dep_ in ("compound", "amod", "nmod") and counted.head.pos_ == "NOUN" \
            and counted.head.i > counted.i:
        return _noun_phrase(counted.head, stop={counted.i} | own)  # "a 3-nanometer processor": what is measured
    if counted is not None and counted.lower_ in L and counted.lower_ not in ("units", "vehicles", "cars"):
        return _noun_phrase(counted)
    # the clause's subject: "EV sales are forecast to drop 29%"
    for t in path_up(fig)[1:]:
        if is_verb(t):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in L and c.i not in own:
                    return _noun_phrase(c)
    if counted is not None and counted.pos_ == "NOUN" and counted.lower_ not in ("%", "percent", "cent", "x", "times"):
        return _noun_phrase(counted)
    return None


# -- entry points -------------------------------------------------------------------------------------



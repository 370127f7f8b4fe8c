"""The period of a figure: the date expression that governs it most closely in the tree, skipping other clauses and comparisons."""
from __future__ import annotations

from evfacts.claims.dates import DateExpr
from evfacts.claims.tree import is_verb, path_up
from evfacts.claims.view import parsed
from evfacts.claims.words import PERIOD_COMPARISON, REPORT_NOUNS


def choose_date(fig, fig_span, dates: list[DateExpr]):
    """The date expression governing a figure: (DateExpr or None). A date labelling brackets
    ("(2023: £382.1m)") is the period of the figures inside them, and of no other."""
    at = fig_span.start_char if fig_span is not None else fig.idx
    for d in dates:
        if d.scope and d.scope[0] <= at < d.scope[1]:
            return d
    dates = [d for d in dates if not d.scope]
    compared = any(t.lower_ in PERIOD_COMPARISON for t in path_up(fig)[1:4])  # "compared with $388 million"
    if not parsed(fig.doc):  # no parse: the nearest date that is not a base of comparison
        own = (fig_span.start_char, fig_span.end_char) if fig_span is not None else (fig.idx, fig.idx + len(fig))
        near = [d for d in dates if not d.comparison and not (d.start < own[1] and own[0] < d.end)]
        return min(near, key=lambda d: abs(d.head.i - fig.i)) if near else None
    fpath = path_up(fig)
    fidx = {t.i: n for n, t in enumerate(fpath)}
    lo = fig_span.start if fig_span is not None else fig.i
    hi = fig_span.end if fig_span is not None else fig.i + 1
    best, best_key = None, None
    for d in dates:
        if d.head is None:
            continue
        if fig_span is not None and d.start < fig_span.end_char and fig_span.start_char < d.end:
            continue  # the figure itself ("2035" in "its planned 2035 ban")
        dpath = path_up(d.head)
        lca = None
        for n, t in enumerate(dpath):
            if t.i in fidx:
                lca = n
                break
        if lca is None:
            continue
        up_f, up_d = fidx[dpath[lca].i], lca
        between = dpath[1:lca]
        dspan = d.tokens
        penalty = 0
        if d.comparison and not compared and not any(t.lower_ in PERIOD_COMPARISON for t in fpath[1:up_f + 1]):
            penalty += 2  # "rose to $318 million": "a year earlier" is the other figure's ("from $251 million")
        if any(is_verb(t) and t.i not in dspan and not lo <= t.i < hi for t in between):
            penalty += 1  # the date belongs to another clause
        if _other_end(fpath[1:up_f + 1], d):
            continue  # "grow from 16 in 2020 to 80 by 2030": each end point has its own date
        if any(t.lower_ in PERIOD_COMPARISON and (t.i not in dspan or d.kind != "span") for t in dpath[:lca]) \
                or d.text.split()[0].lower() in PERIOD_COMPARISON and d.kind != "span":
            penalty += 2  # "down from a 22% rally last year", "compared with 13.3 million in 2025"
        day = d.is_day()
        if day and (d.head.head.lower_ in REPORT_NOUNS or any(
                t.lower_ in REPORT_NOUNS for t in d.head.doc[d.head.i + 1:d.head.i + 3])):
            penalty += 1  # "in the February 1 report", "on its Jan. 30 call": when it was said
        if penalty:
            continue
        key = (day, up_f, up_d, abs(d.head.i - fig.i))
        if best_key is None or key < best_key:
            best, best_key = d, key
    return best


def _other_end(fpath, d) -> bool:
    """Is date `d` the other end point's in "from A [date] to B [date]"? fpath: the figure's ancestors
    below the common one. A figure under "from" owns the dates up to "to"; a figure under "to" does
    not own the dates between "from" and "to"."""
    prep = next((t for t in fpath if t.dep_ == "prep" and t.lower_ in ("from", "to", "by")), None)
    if prep is None:
        return False
    if prep.head.i not in {t.i for t in path_up(d.head)[1:]}:
        return False  # a date of the clause above: "the surge from 2020 through 2025, when sales jumped from ..."
    sib = {c.lower_: c for c in prep.head.children if c.dep_ == "prep" and c.i != prep.i}
    i = d.head.i
    if prep.lower_ == "from":
        end = sib.get("to") or sib.get("by")
        inside = i in {x.i for x in prep.subtree}
        if not inside and end is not None and d.head.i < min(prep.i, end.i) and d.head.i not in {x.i for x in end.subtree}:
            return False  # "its forecast for the year to March 2026 to 185bn from 160bn": both ends' date
        return not inside and not (prep.i < i and (end is None or i < end.i))
    start = sib.get("from")
    return start is not None and start.i < i < prep.i


# -- modality -----------------------------------------------------------------------------------------




#: date kinds that name the span a report covers: "the July-September quarter", "the year ended 31 December 2024"
REPORT_KINDS = ("monthquarter", "quarter", "yearquarter", "fiscalq", "half", "month", "monthyear", "yearto", "ended",
                "fiscal")


def fiscal_year(parsed, published, n: int = 3) -> str | None:
    """The fiscal year the title and lede name ("the year to March 2026" -> FY2026): the period of a
    forecast without one of its own ("now expects annual sales of 2.45 trillion yen") and of
    "full-year" in that article."""
    from evfacts.claims.dates import find_dates

    seen = 0
    for _, doc in parsed:
        if not any(t.is_alpha for t in doc):
            continue
        seen += 1
        for sent in doc.sents:
            for d in find_dates(sent):
                if d.kind in ("yearto", "ended", "fiscal") and not d.comparison:
                    p = _resolved(d, published, forward=True)
                    if p and p.startswith("FY"):
                        return p
        if seen >= n:
            break
    return None


def report_period(parsed, published, n: int = 3) -> str | None:
    """The span the article reports on, from its title and lede: the first date of the first
    segments that names a quarter, a half, a month or a fiscal year (the shortest span first: a
    results story leads with its latest quarter) and is no base of comparison.
    A reported figure whose sentence and paragraph give no date of their own takes it ("Revenue
    increased 8% to £412.6m" under "results for the year ended 31 December 2024")."""
    from evfacts.claims.dates import find_dates

    seen = 0
    for _, doc in parsed:
        if not any(t.is_alpha for t in doc):
            continue
        seen += 1
        for sent in doc.sents:
            dates = [d for d in find_dates(sent) if not d.comparison and d.kind in REPORT_KINDS and not d.is_day()]
            if dates:
                best = min(dates, key=lambda d: REPORT_KINDS.index(d.kind))
                return _resolved(best, published)
        if seen >= n:
            break
    return None


def _resolved(d: DateExpr, published, forward: bool = False) -> str | None:
    """d resolved, None where its words defeat the lexicons ("fİrst quarter": a lower case of two
    characters): the article's periods never cost its claims."""
    try:
        return d.resolve(published, forward=forward)
    except (KeyError, ValueError):
        return None

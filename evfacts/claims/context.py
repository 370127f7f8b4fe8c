"""What a figure is about: subject, metric, period, modality, companies. (Placeholder.)"""
from __future__ import annotations

from collections import Counter


def count_companies(docs) -> Counter:
    c = Counter()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "ORG":
                c[ent.text] += 1
    return c


def annotate(claim, q, sent, ctx) -> None:
    claim.companies = sorted({e.text for e in sent.ents if e.label_ == "ORG"})
    claim.subject = claim.companies[0] if claim.companies else None

"""The article's entity model and what it decides: subjects from the clause, the paragraph, then
the article's main entity; data sources, datelines and public bodies; fiscal and relative periods;
plans as targets; companies named by a legal form or an appositive.

Each case is a small article (lines are paragraphs), the figure as written ("£2m"; "$1#2" for its
second occurrence) and the field expected; near-misses sit next to the cases they must not match.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from evfacts import nlp as nlp_module
from evfacts.claims import Segment, entities, extract_article
from evfacts.claims.quantities import Quantity


@pytest.fixture(scope="module")
def nlp():
    return nlp_module.load()


def run(nlp, text, published, figures):
    wanted = []
    for f in figures:
        surface, _, nth = f.partition("#")
        pos = -1
        for _ in range(int(nth or 1)):
            pos = text.index(surface, pos + 1)
        wanted.append((pos, pos + len(surface), surface))
    parsed, offset = [], 0
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            parsed.append((Segment(line, offset, n), nlp(line)))
        offset += len(line) + 1
    by_doc = {id(doc): seg for seg, doc in parsed}

    def finder(sent):
        seg = by_doc[id(sent.doc)]
        return [Quantity(s - seg.start, e - seg.start, surface, 1.0) for s, e, surface in wanted
                if sent.start_char <= s - seg.start < sent.end_char]

    claims, companies = extract_article(parsed, published=datetime.fromisoformat(published), finder=finder)
    for c in claims:
        assert not [r for r in c.rules if r.startswith("context-error")], c.rules
    return claims, companies


def one(nlp, text, published, figure):
    claims, _ = run(nlp, text, published, [figure])
    assert len(claims) == 1
    return claims[0]


PUB = "2025-07-24"

# -- subject: the clause, the paragraph, the article ----------------------------------------------------
SUBJECT = [
    # the article's main entity for a measure with no other owner
    ("Acme Foods plc: results for the year ended 31 December 2024\nRevenue rose 9% to £30m.\nNet profit fell to £2m.",
     "£2m", "Acme Foods"),
    ("Zentro Inc said demand was strong.\nWorkers cheered.\nThe final dividend is 4p per share.", "4p", "Zentro"),
    ("Zentro Inc said demand was strong.\nAdjusted operating profit of $38m, up 11%.", "11%", "Zentro"),
    # a pointer in a later paragraph is the main company, not the last company quoted
    ("Halvo Foods plc posted results.\nOur customers Tesco and Aldi grew.\nThe Group expects profit of £41m.",
     "£41m", "Halvo Foods"),
    # the dateline is where the story was filed
    ("NEW YORK, July 24 (Reuters) - Corvant Inc reported revenue of $2 billion.", "$2 billion", "Corvant"),
    ("LONDON (AP) — Brindle Corp said its sales rose 6%.", "6%", "Brindle"),
    # a place inside a pointer to the company
    ("Trivani Motors Ltd opened a plant.\nRevenue grew 9% in the quarter, the Mumbai-based automaker said.",
     "9%", "Trivani Motors"),
    ("Corvant Inc reported results.\nShares of the Austin, Texas-based company rose 7%.", "7%", "Corvant"),
    ("Nexo Auto Ltd delivered 23,410 vehicles.\nIts Hong Kong-listed shares rose 3.1%.", "3.1%", "Nexo Auto"),
    # the city a story was filed from is not the country it is about
    ("Mumbai, June 7, 2024\nThe Reserve Bank of India raised rates.\nConsumer price inflation eased to 4.8% in April.",
     "4.8%", "India"),
    # data sources are never the subject
    ("Tesla's registrations fell 9% in May, according to Dataforce.", "9%", "Tesla"),
    ("Germany faces a slowdown\nThe economy shrank 0.2% in the third quarter, data from Destatis showed.",
     "0.2%", "Germany"),
    ("UK house prices rise again\nMortgage approvals fell to 60,500 in March, data from the Bank of England showed.",
     "60,500", "UK"),
    # public bodies stand for the country of the story
    ("Germany to spend €40bn on rail\nThe federal government plans to borrow €90bn next year.", "€90bn", "Germany"),
    ("France unveils its budget\nThe finance ministry will cut spending by €5bn.", "€5bn", "France"),
    # analysts' expectations are of the company in focus
    ("Corvant Inc reported results.\nAnalysts had expected earnings of $1.35 per share.", "$1.35", "Corvant"),
    ("Corvant Inc raised its outlook.\nWall Street analysts on average expect $9.5 billion.", "$9.5 billion", "Corvant"),
    # a name an appositive makes a company
    ("Barratt Redrow, the largest housebuilder, plans to build 17,000 homes.", "17,000", "Barratt Redrow"),
    # markets
    ("House prices in Britain rose 0.4% in April.", "0.4%", "House prices in Britain"),
    ("Prices of lithium carbonate rose to 74,000 yuan a tonne.", "74,000 yuan", "Prices of lithium carbonate"),
    # near-misses: a subject of its own that names nobody keeps the main company out
    ("Acme Foods plc reported results.\nInvestors poured $3 billion into bond funds.", "$3 billion", None),
    ("Zentro Inc said demand was strong.\nConsumer spending could grow 7% next year.", "7%", None),
    ("Zentro Inc opened a store.\nA dog who had been lost for three years was found.", "three years", None),
    ("Prices rose 5% in May, according to NielsenIQ.", "5%", None),
    # a named owner beats the article's: "Germany's", not the country of the title
    ("France unveils its budget\nGermany's finance ministry will spend €40bn.", "€40bn", "Germany"),
]


@pytest.mark.parametrize("text,figure,want", SUBJECT)
def test_subject(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.subject == want, (c.subject, c.sentence)


# -- period ---------------------------------------------------------------------------------------------
PERIOD = [
    ("Profit rose 18% in the July-September quarter.", "2025-10-28", "18%", "2025-Q3"),
    ("Sales rose 4% in the April-June period of 2024.", PUB, "4%", "2024-Q2"),
    ("It targets 650,000 vehicles in the year to March 2026.", "2025-10-28", "650,000", "FY2026"),
    ("It sold 2 million cars in the year to December 2024.", "2025-03-01", "2 million", "2024"),
    ("Revenue for the year ended 31 December 2024 was £412m.", "2025-03-06", "£412m", "2024"),
    ("For the first half, revenue totaled $4.65 billion.", PUB, "$4.65 billion", "2025-H1"),
    ("Revenue was $4.12 billion in the first half of 2024.", PUB, "$4.12 billion", "2024-H1"),
    ("Second-half sales are expected to reach $5 billion.", PUB, "$5 billion", "2025-H2"),
    ("In the first nine months, the company delivered 3.26 million vehicles.", "2025-10-02", "3.26 million", "2025"),
    ("It expects full-year revenue of $9.6 billion.", PUB, "$9.6 billion", "2025"),
    # "(2023: £382.1m)" is the comparison of the figure before it, and only of it
    ("Revenue increased 8% to £412.6m (2023: £382.1m).", "2025-03-06", "£382.1m", "2023"),
    ("Revenue increased 8% to £412.6m (2023: £382.1m).", "2025-03-06", "£412.6m", None),
    # the article's report period for reported figures without a date of their own
    ("Corvant Reports Second-Quarter Results\nNet income rose to $318 million.", PUB, "$318 million", "2025-Q2"),
    ("Halden Foods plc: results for the year ended 31 December 2024\nRevenue increased 8%.", "2025-03-06", "8%", "2024"),
    ("Corvant Reports Second-Quarter Results\nAnalysts had expected earnings of $1.35 per share.", PUB, "$1.35",
     "2025-Q2"),
    # "a year earlier" is the base's, not the new figure's
    ("Net income rose to $318 million from $251 million a year earlier.", PUB, "$251 million", "2024"),
    ("Net income rose to $318 million from $251 million a year earlier.", PUB, "$318 million", None),
    ("Brightmart Inc reported net income of $412 million, compared with $388 million a year earlier.", "2025-11-19",
     "$388 million", "2024"),
    # an estimate the reported figure beat is of the reported span
    ("Brightmart third-quarter profit beats estimates\nSales rose 3.4%, beating analysts' estimates of a 2.1% increase.",
     "2025-11-19", "2.1%", "2025-Q3"),
    # "the current fiscal year" of an article that names one
    ("RBI raises its forecast for the year to March 2025\nIt expects inflation to average 4.5% in the current fiscal year.",
     "2024-06-07", "4.5%", "FY2025"),
    # a date before "from A to B" governs both ends
    ("It raised its forecast for the year to March 2026 to 185 billion yen from 160 billion yen.", "2025-08-06",
     "160 billion yen", "FY2026"),
    # a forecast takes the fiscal year the lede names
    ("Kizumo raises its forecast for the year to March 2026\nIt now expects annual sales of 2.4 trillion yen.",
     "2025-08-06", "2.4 trillion yen", "FY2026"),
    # never an unrelated date of the sentence
    ("Halden, which listed on the exchange in 2012, employs 2,300 people.", "2025-03-06", "2,300", None),
]


@pytest.mark.parametrize("text,published,figure,want", PERIOD)
def test_period(nlp, text, published, figure, want):
    c = one(nlp, text, published, figure)
    assert c.period == want, (c.period, c.sentence)


def test_the_market_points_to_the_market_the_article_named(nlp):
    text = "Global smartphone shipments rose 2% in the quarter.\nIDC expects the market to grow 1.5% in 2026."
    claims, _ = run(nlp, text, PUB, ["2%", "1.5%"])
    assert [c.subject for c in claims] == ["global smartphone shipments"] * 2


def test_a_forecast_does_not_take_the_report_period(nlp):
    c = one(nlp, "Corvant Reports Second-Quarter Results\nThe company will spend $600 million.", PUB, "$600 million")
    assert c.period != "2025-Q2"


# -- modality -------------------------------------------------------------------------------------------
MODALITY = [
    ("Germany's finance ministry will spend €40bn on rail.", "€40bn", "target"),
    ("Germany to spend €40bn on rail", "€40bn", "target"),
    ("Deutsche Bahn said it would hire 5,000 engineers.", "5,000", "target"),
    ("The company plans to invest £15m in a new line.", "£15m", "target"),
    ("The company reiterated its target of selling 650,000 vehicles.", "650,000", "target"),
    ("It raised its forecast to 185 billion yen from 160 billion yen.", "160 billion yen", "forecast"),
    ("It raised its forecast to 185 billion yen from 160 billion yen.", "185 billion yen", "forecast"),
    # near-misses
    ("The transport ministry has already committed €6.2bn to bridge repairs.", "€6.2bn", "reported"),
    ("Analysts estimate that the company will buy back $5 billion of shares.", "$5 billion", "forecast"),
    ("Sales will rise 5% next year.", "5%", "forecast"),
    ("The company spent $600 million last year.", "$600 million", "reported"),
]


@pytest.mark.parametrize("text,figure,want", MODALITY)
def test_modality(nlp, text, figure, want):
    assert one(nlp, text, PUB, figure).modality == want


# -- companies ------------------------------------------------------------------------------------------
COMPANIES = [
    ("Corvant Inc reported results. Corvant said demand was strong.", {"Corvant": 2}),
    ("Halvo Foods plc posted results.", {"Halvo Foods": 1}),
    ("Barratt Redrow, the largest housebuilder, said it would build more homes.", {"Barratt Redrow": 1}),
    # a name only ever a data source is no company of the article; named otherwise too, it is
    ("Registrations rose in May, according to Dataforce.", {}),
    ("Sales rose, data from Shanghai Metals Market showed.", {}),
    ("Kantar Group cut 300 jobs in London. Grocery inflation eased to 3%, according to Kantar.",
     {"Kantar Group": 2}),
    # a person's role in an appositive makes no company
    ("Jane Roe, the chief executive, said demand was strong.", {}),
]


@pytest.mark.parametrize("text,want", COMPANIES)
def test_article_companies(nlp, text, want):
    _, companies = run(nlp, text, PUB, [])
    assert dict(companies) == want


# -- the units of the model -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("NEW YORK, July 24 (Reuters) - Corvant Inc reported", "Corvant Inc reported"),
    ("LONDON (AP) — Prices rose", "Prices rose"),
    ("Mumbai, Oct 28 - Trivani Motors said", "Trivani Motors said"),
    ("Berlin, 12 November 2025 - The ministry", "The ministry"),
    ("Tesla - the automaker - said", None),  # no capitals, date or news service: no dateline
    ("Revenue rose 5% - a record", None),
])
def test_dateline(text, want):
    end = entities.dateline_end(text)
    assert (text[end:] if end else None) == want


@pytest.mark.parametrize("text,word,want", [
    ("The finance ministry will spend €40bn.", "ministry", True),
    ("The federal government plans to borrow.", "government", True),
    ("The economy shrank 0.2%.", "economy", True),
    ("Germany's ministry will spend €40bn.", "ministry", False),  # a named owner
    ("A ministry official said so.", "ministry", False),  # not a definite body
    ("The state-owned lender raised rates.", "state", False),
])
def test_public_body(nlp, text, word, want):
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == word)
    assert entities.public_body(tok) is want

"""Context of a figure: subject, period, modality, metric, companies — and the company list.

Each case is a small article (lines are paragraphs), a publication date, the figure as it is
written (``"14%"``; ``"1.1 million#2"`` for its second occurrence) and the fields expected. The
figure is given to the engine directly, so these tests do not depend on the quantity finder.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from evfacts import nlp as nlp_module
from evfacts.claims import Segment, extract_article
from evfacts.claims import companies as comp
from evfacts.claims.quantities import Quantity


@pytest.fixture(scope="module")
def nlp():
    return nlp_module.load()


def parse(nlp, text):
    parsed, offset = [], 0
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            parsed.append((Segment(line, offset, n), nlp(line)))
        offset += len(line) + 1
    return parsed


def run(nlp, text, published, figures):
    """Claims for the given figure surfaces (each: text or text#occurrence), companies."""
    wanted = []
    for f in figures:
        surface, _, nth = f.partition("#")
        pos = -1
        for _ in range(int(nth or 1)):
            pos = text.index(surface, pos + 1)
        wanted.append((pos, pos + len(surface), surface))

    parsed = parse(nlp, text)
    by_doc = {id(doc): seg for seg, doc in parsed}

    def finder(sent):
        seg = by_doc[id(sent.doc)]
        out = []
        for s, e, surface in wanted:
            ls, le = s - seg.start, e - seg.start
            if sent.start_char <= ls < sent.end_char:
                out.append(Quantity(ls, le, surface, 1.0))
        return out

    pub = datetime.fromisoformat(published) if published else None
    claims, companies = extract_article(parsed, published=pub, finder=finder)
    for c in claims:
        assert not [r for r in c.rules if r.startswith("context-error")], c.rules
    return claims, companies


def one(nlp, text, published, figure):
    claims, _ = run(nlp, text, published, [figure])
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


PUB = "2026-01-04"

# -- subject -------------------------------------------------------------------------------------------
SUBJECT = [
    ("In Germany, battery sales are forecast to fall 12% this year.", "12%", "Germany"),
    ("Across Japan, hybrid registrations rose 8% in March.", "8%", "Japan"),
    ("The European car market is shrinking, with registrations set to drop 5% in 2026.", "5%", "European car market"),
    ("The global smartphone market grew 3% last year.", "3%", "global smartphone market"),
    ("India is expected to post 2.1 million sales, up 30% from the prior year.", "30%", "India"),
    ("India is expected to post 2.1 million sales, up 30% from the prior year.", "2.1 million", "India"),
    ("Tesla delivered 1.8 million vehicles in 2024.", "1.8 million", "Tesla"),
    ("Nvidia's revenue jumped 94% to $35 billion.", "94%", "Nvidia"),
    ("Samsung Electronics said operating profit fell 10% in the third quarter.", "10%", "Samsung"),
    ("BYD said that sales of its plug-in hybrids rose 40% in Brazil.", "40%", "BYD"),
    ("Two recalls involving the Nio ET7 cost the carmaker $30 million.", "Two", "Nio"),
    ("Sales in Canada rose 4% in May.", "4%", "Canada"),
    ("Apple sold 50 million phones.\nThe company expects revenue of $90 billion next quarter.", "$90 billion", "Apple"),
    ("Xiaomi entered the car business in 2021.\nThe tech titan is now aiming for 350,000 deliveries.", "350,000", "Xiaomi"),
    ("Ford plans to cut 4,000 jobs in Europe, it said.", "4,000", "Ford"),
    ("Intel lost ground in 2024.\nIts gross margin shrank to 35% in the quarter.", "35%", "Intel"),
    ("Qualcomm beat estimates.\nCEO Cristiano Amon said chip revenue reached $7 billion.", "$7 billion", "Qualcomm"),
    ("Microsoft reported strong results. Revenue grew 16% to $62 billion.", "16%", "Microsoft"),
    ("Volkswagen China sold 2.9 million cars last year.", "2.9 million", "Volkswagen"),
    ("China's exports rose 7% in 2024, and its imports grew 1%.", "1%", "China"),
    ("Meta will spend $40 billion this year, while Alphabet plans to spend $75 billion.", "$75 billion", "Alphabet"),
    ("Meta will spend $40 billion this year, while Alphabet plans to spend $75 billion.", "$40 billion", "Meta"),
    ("Analysts at Morgan Stanley estimate that Apple will ship 250 million iPhones in 2026.", "250 million", "Apple"),
    ("Amazon shares rose 3% after the results.", "3%", "Amazon"),
    ("China remains the largest market, with volumes of 15 million cars. Growth slowed after sales jumped to 13 million in 2024.", "13 million", "China"),
    ("Shares of Rivian fell 6% on Tuesday.", "6%", "Rivian"),
    ("Goldman Sachs expects Tesla to deliver 2 million cars next year.", "2 million", "Tesla"),
    ("Tesla shares fell.\nJefferies estimates a $50 billion valuation could be possible.", "$50 billion", "Tesla"),
    ("Sony grew in games. This segment posted a 40% margin.", "40%", "Sony"),
    ("In the EU, battery imports rose 11%.", "11%", "EU"),
    ("The iShares Global Clean Energy ETF fell 9% in January.", "9%", "iShares Global Clean Energy ETF"),
    ("Across Japan, hybrid registrations rose 8% in March.", "8%", "Japan"),
    ("Swaps price a 25 bp rate cut by the ECB at 18%.", "18%", "ECB"),
    ("U.S. payrolls jumped 353,000 in January.", "353,000", "U.S."),
    ("Meta's growth rate accelerated from 3% in Q1 to 25% in Q4.", "25%", "Meta"),
    ("Global EV sales are set to hit 17 million this year.", "17 million", "global EV sales"),
    ("Chinese demand for lithium fell 20% in 2024.", "20%", "China"),
    ("The EU plans to cut emissions from new cars by 55% by 2030.", "55%", "EU"),
    ("Apple's rival Samsung shipped 60 million phones.", "60 million", "Samsung"),
    ("The board of directors of Baker Hughes raised the dividend by 5%.", "5%", "Baker Hughes"),
    ("Apple shares dropped as much as 3% in after-market hours on China concerns.", "3%", "Apple"),
    ("Materials stocks were the top gainers, rising 1.5% on the day.", "1.5%", "Materials stocks"),
    ("Oil prices rose 2% after the report.", "2%", "Oil prices"),
    ("Lower yields pressured the U.S. dollar, which fell 0.5% against its peers.", "0.5%", "U.S. dollar"),
    ("Tesla beat Ford, which sold 1.9 million cars.", "1.9 million", "Ford"),
    ("Nvidia is a company that generated $27 billion in sales.", "$27 billion", "Nvidia"),
    ("Nike slipped.\nThe company's shares fell 5% on Friday.", "5%", "Nike"),
    ("Nike slipped.\nIts shares fell 5% on Friday.", "5%", "Nike"),
    ("U.S. stocks fell 2% on Friday.", "2%", "U.S. stocks"),
    ("Sony makes consoles. Analysts at Jefferies believe the company will sell 20 million units.", "20 million", "Sony"),
    # --- stock indices are subjects of their own moves, not the last company named
    ("Nike slipped 2%. The Euro Stoxx 50 index closed up 0.6%.", "0.6%", "Euro Stoxx 50"),
    ("Nike slipped 2%. In London, the FTSE 100 fell 0.3%.", "0.3%", "FTSE 100"),
    ("Nike slipped 2%. Seoul's KOSPI rose 1.2% on the day.", "1.2%", "KOSPI"),
]


@pytest.mark.parametrize("text,figure,want", SUBJECT)
def test_subject(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.subject == want, (c.subject, c.sentence)


# -- period --------------------------------------------------------------------------------------------
PERIOD = [
    ("Sales rose 10% in 2024.", PUB, "10%", "2024"),
    ("Revenue reached $5 billion in the third quarter of 2025.", PUB, "$5 billion", "2025-Q3"),
    ("Revenue reached $5 billion in Q3 2025.", PUB, "$5 billion", "2025-Q3"),
    ("Revenue reached $5 billion in 3Q25.", PUB, "$5 billion", "2025-Q3"),
    ("Profit was $2 billion in fiscal 2024.", PUB, "$2 billion", "FY2024"),
    ("Profit was $2 billion in FY2023.", PUB, "$2 billion", "FY2023"),
    ("Sales climbed 8% last year.", PUB, "8%", "2025"),
    ("Sales should climb 8% this year.", PUB, "8%", "2026"),
    ("Sales could climb 8% next year.", PUB, "8%", "2027"),
    ("Deliveries hit 40,000 in May.", PUB, "40,000", "2025-05"),
    ("Deliveries hit 40,000 in November 2024.", PUB, "40,000", "2024-11"),
    ("Deliveries hit 40,000 in March.", "2024-06-15", "40,000", "2024-03"),
    ("Sales grew from 1 million to 9 million from 2019 through 2024.", PUB, "9 million", "2019/2024"),
    ("Sales grew to 9 million between 2019 and 2024.", PUB, "9 million", "2019/2024"),
    ("Shipments rose 4% to 3 million units in 2026, down from a 9% rally last year.", PUB, "9%", "2025"),
    ("Shipments rose 4% to 3 million units in 2026, down from a 9% rally last year.", PUB, "4%", "2026"),
    ("Shipments rose 4% to 3 million units in 2026, down from a 9% rally last year.", PUB, "3 million", "2026"),
    ("Output is projected at 15 million, compared with 13 million in 2025.", PUB, "13 million", "2025"),
    ("Output is projected at 15 million, compared with 13 million in 2025.", PUB, "15 million", None),
    ("Margins fell 2% from a year ago.", PUB, "2%", None),
    ("The company lost money in 1997. A rival invested $150 million at the time.", PUB, "$150 million", "1997"),
    ("In its fiscal year (ended Sept. 30, 2023), the firm earned $10 billion.", PUB, "$10 billion", "FY2023"),
    ("The group expects revenue of $9 billion for the quarter ending in March.", "2024-01-31", "$9 billion", "2024-03"),
    ("Since the start of 2004, a $5,000 stake has grown a lot.", "2024-02-01", "$5,000", "2004/2024"),
    ("The chipmaker may add another $14 billion in sales by 2027.", PUB, "$14 billion", "2027"),
    ("Sales rose 5% in the fourth quarter.", "2024-02-01", "5%", "2023-Q4"),
    ("Sales should rise 5% in the second quarter.", "2024-02-01", "5%", "2024-Q2"),
    ("Sales rose 5% last quarter.", "2024-02-01", "5%", "2023-Q4"),
    # --- another article's title in "(read: ...)" lends no period
    ("The fund holds 41 stocks (read: 3 Top ETFs of 2022 to Watch in 2023).", PUB, "41", None),
    ("EV sales are forecast to drop 29% to 1.1 million units after reaching 1.5 million in 2025.", PUB, "1.5 million", "2025"),
    ("EV sales are forecast to drop 29% to 1.1 million units after reaching 1.5 million in 2025.", PUB, "29%", None),
    ("Sales of 4,000 units are not enough.", None, "4,000", None),
    ("Apple expects revenue of $120 billion, it said on its Jan. 30 call.", "2024-02-01", "$120 billion", None),
    ("Apple sold 10 million units in 2016. Analysts believe earnings will grow 10% a year.", PUB, "10%", None),
    ("Apple sold 10 million units in 2016. Its market value is now $3 trillion.", PUB, "$3 trillion", None),
    ("Sales rose 6% to 2 million in 2023-2024.", PUB, "2 million", "2023/2024"),
    ("Sales rose 6% in the first half of 2025.", PUB, "6%", "2025-H1"),
    ("Economists expect the economy added 180,000 jobs in January.", "2024-02-02", "180,000", "2024-01"),
    ("Shipments should reach 2 million in June.", "2024-02-02", "2 million", "2024-06"),
    ("Shipments should reach 2 million in September.", "2024-02-02", "2 million", "2024-09"),
    ("The company expects sales of $9 billion this fiscal year.", "2024-02-02", "$9 billion", "2024"),
    ("The Russell 2000 small-caps index fell 1.5%.", PUB, "1.5%", None),
    ("In 2024 the Russell 2000 rose 10%.", PUB, "10%", "2024"),
    ("Jan 31 (Reuters) - Qualcomm said revenue rose 5%.", "2024-02-02", "5%", None),
    ("Chicago, IL – January 25, 2024 – Earnings are up 0.6% from the same period last year.", PUB, "0.6%", None),
    ("Q4 earnings are up 1.7% from the same period last year on 2.6% higher revenues.", "2024-02-02", "2.6%", "2023-Q4"),
    ("Sales rose 11% compared to the same quarter of 2022.", "2024-02-02", "11%", None),
    ("Q4 earnings are expected to be up 2.4%.", "2024-02-01", "2.4%", "2023-Q4"),
    ("Earnings rose 3.8% in 2023 Q3.", PUB, "3.8%", "2023-Q3"),
]


@pytest.mark.parametrize("text,published,figure,want", PERIOD)
def test_period(nlp, text, published, figure, want):
    c = one(nlp, text, published, figure)
    assert c.period == want, (c.period, c.sentence)


# -- modality ------------------------------------------------------------------------------------------
MODALITY = [
    ("Sales are expected to grow 13% next year.", "13%", "forecast"),
    ("The market is cooling, with sales expecting to grow by 13% to 24 million vehicles.", "24 million", "forecast"),
    ("Revenue is forecast to reach $12 billion.", "$12 billion", "forecast"),
    ("Volumes are projected at 15.5 million vehicles.", "15.5 million", "forecast"),
    ("Analysts estimate that the company will sell 400,000 headsets.", "400,000", "forecast"),
    ("The company had sold an estimated 160,000 headsets.", "160,000", "reported"),
    ("Shipments are set to rise 20% in 2026.", "20%", "forecast"),
    ("Shipments are likely to rise 20% in 2026.", "20%", "forecast"),
    ("Analysts see revenue of $3 billion.", "$3 billion", "forecast"),
    ("Profit could reach $1 billion.", "$1 billion", "forecast"),
    ("Revenue came in at $9.9 billion, above estimates of $9.5 billion.", "$9.5 billion", "forecast"),
    ("Revenue came in at $9.9 billion, above estimates of $9.5 billion.", "$9.9 billion", "reported"),
    ("The firm plans 550,000 deliveries in 2026.", "550,000", "target"),
    ("The firm aims to sell 2 million cars by 2030.", "2 million", "target"),
    ("The firm targets a 10% margin.", "10%", "target"),
    ("The tech titan is now gunning for 550,000 deliveries.", "550,000", "target"),
    ("Its goal is 1 million cars a year.", "1 million", "target"),
    ("The brand intends to open 300 stores.", "300", "target"),
    ("Sales rose 14% last year.", "14%", "reported"),
    ("Sales are forecast to drop 29% after reaching 1.5 million in 2025.", "1.5 million", "reported"),
    ("Sales will grow 13% this year, down from a 22% rally last year.", "22%", "reported"),
    ("Sales will grow 13% this year, down from a 22% rally last year.", "13%", "forecast"),
    ("Volumes are projected at 15 million, compared with 13 million in 2025.", "13 million", "reported"),
    ("The headset priced at $3,499 could cost more.", "$3,499", "reported"),
    ("Qualcomm said that handsets generated $6.7 billion in sales.", "$6.7 billion", "reported"),
    ("The company forecast second-quarter sales with a midpoint of $9.3 billion.", "$9.3 billion", "forecast"),
    ("At a premium to its current market cap of $2 billion, a deal would be costly.", "$2 billion", "reported"),
    ("LSEG expects revenue from the segment to rise 12% to $23 billion.", "12%", "forecast"),
    ("The analyst estimate for revenue is $108 billion.", "$108 billion", "forecast"),
    ("Management's guidance is $4 billion of revenue.", "$4 billion", "target"),
    ("Acme reported earnings of $2.18 per share, beating the Consensus Estimate of $2.10.", "$2.10", "forecast"),
    ("Acme reported earnings of $2.18 per share, beating the Consensus Estimate of $2.10.", "$2.18", "reported"),
    ("The consensus estimate for earnings is pegged at $1.25 per share, indicating 10% growth.", "10%", "forecast"),
    ("Sales rose 5% in 2023, bringing the total to $8 billion.", "$8 billion", "reported"),
    ("Management now anticipates full-year sales growth of 4%.", "4%", "forecast"),
    ("Analysts polled by LSEG had expected revenue of $9.5 billion.", "$9.5 billion", "forecast"),
    ("The company raised its full-year revenue guidance to $5 billion.", "$5 billion", "target"),
    ("The bank cut its growth forecast to 3% for 2025.", "3%", "forecast"),
    ("Jefferies raised its price target on the stock to $250.", "$250", "forecast"),
    ("Apple beat estimates, posting revenue of $120 billion.", "$120 billion", "reported"),
    ("Rivian is on track to produce 57,000 vehicles this year.", "57,000", "forecast"),
    ("Samsung forecast a 35% rise in first-quarter operating profit.", "35%", "forecast"),
    ("The shortage cost automakers an estimated $210 billion in 2021.", "$210 billion", "reported"),
    ("Analysts' average price target of $426 implies 8% upside.", "$426", "forecast"),
    ("The company raised its full-year revenue guidance to $5 billion.", "$5 billion", "target"),
    ("The bank cut its growth forecast to 3% for 2025.", "3%", "forecast"),
    ("Jefferies raised its price target on the stock to $250.", "$250", "forecast"),
    ("Apple beat estimates, posting revenue of $120 billion.", "$120 billion", "reported"),
    ("Rivian is on track to produce 57,000 vehicles this year.", "57,000", "forecast"),
    ("Samsung forecast a 35% rise in first-quarter operating profit.", "35%", "forecast"),
    ("The shortage cost automakers an estimated $210 billion in 2021.", "$210 billion", "reported"),
    ("Analysts' average price target of $426 implies 8% upside.", "8%", "forecast"),
    ("By 2030, the company wants EVs to account for half of its sales.", "half", "target"),
    ("Over the next five years, BYD hopes to sell 10 million cars abroad.", "10 million", "target"),
    # --- the figure itself marked as expected: a relative clause or an adjective on the number
    ("Quarterly sales reached $8.2 billion against $7.9 billion that was expected by analysts.", "$7.9 billion", "forecast"),
    ("Jobless claims climbed to 231,000, above the expected 220,000.", "220,000", "forecast"),
    ("Jobless claims climbed to 231,000, above the expected 220,000.", "231,000", "reported"),
    # --- "up X% on Y% higher revenues": Y shares X's modality; "would follow" points back at what happened
    ("Quarterly profit is expected to rise 9% from a year earlier on 4% higher sales.", "4%", "forecast"),
    ("Quarterly profit rose 9% from a year earlier on 4% higher sales.", "4%", "reported"),
    ("That would follow the 6% profit growth in the prior quarter.", "6%", "reported"),
    # --- "the current quarter" is a period, not a sign that the figure is already known
    ("Nike said it expects revenue in the current third quarter of $12 billion.", "$12 billion", "forecast"),
    # --- a "target price" (not only a "price target") and "upside potential" are analysts' forecasts
    ("The stock's last sale is 95% of the target price of $31.", "$31", "forecast"),
    ("The stock's last sale is 95% of the target price of $31.", "95%", "reported"),
    ("The consensus price target of $88 implies 12.5% upside potential.", "12.5%", "forecast"),
]


@pytest.mark.parametrize("text,figure,want", MODALITY)
def test_modality(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.modality == want, (c.modality, c.sentence)


# -- metric --------------------------------------------------------------------------------------------
METRIC = [
    # --- "year over year" is the comparison, not the measure
    ("Subscription revenue grew 7% year over year.", "7%", "subscription revenue"),
    ("Operating income fell 3% quarter-over-quarter.", "3%", "operating income"),
    ("EV sales are forecast to drop 29%.", "29%", "EV sales"),
    ("The firm plans 550,000 EV deliveries.", "550,000", "EV deliveries"),
    ("The board declared a cash dividend of $0.24 per share.", "$0.24", "cash dividend"),
    ("Handsets generated $6.7 billion in sales.", "$6.7 billion", "sales"),
    ("Revenue jumped by 86% to $39 billion.", "86%", "revenue"),
    ("Lei announced a 3-nanometer processor for tablets.", "3", "processor"),
    ("The car has a 75 kWh battery pack.", "75", "battery pack"),
]


@pytest.mark.parametrize("text,figure,want", METRIC)
def test_metric(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.metric == want, (c.metric, c.sentence)


# -- companies of a sentence and of a document -----------------------------------------------------------
SENTENCE_COMPANIES = [
    # --- a name right before a Reuters instrument code is a company, known or not
    ("Parka maker Canada Goose GOOS.TO rose 5.5% on Thursday.", "5.5%", ["Canada Goose"]),
    ("Shoe maker Allbirds BIRD.O fell 7% after results.", "7%", ["Allbirds"]),
    # --- financial media and data providers cited as sources are not companies of the claim
    ("Nvidia gained 4%, according to Investor’s Business Daily.", "4%", ["Nvidia"]),
    ("Statista expects Intel's ad revenue to reach $2 billion.", "$2 billion", ["Intel"]),
    ("BYD overtook Tesla in 2025 with 2.2 million cars.", "2.2 million", ["BYD", "Tesla"]),
    ("Xiaomi’s SU7 sold 10,000 units.", "10,000", ["Xiaomi"]),
    ("CATL and Nio signed a 5-year deal.", "5", ["CATL", "Nio"]),
    ("The European Union and the White House agreed on a 15% tariff.", "15%", []),
    ("Sales ROSE 9% as scrutiny grew around the EV maker.", "9%", []),
    ("President Trump, back in the WHITE House, cut 7,500 jobs.", "7,500", []),
    ("Wall Street expects the Fed to cut rates by 25 basis points.", "25", []),
    ("The Vision Pro and the iPhone 15 sold 3 million units for Apple.", "3 million", ["Apple"]),
    ("Nvidia (NASDAQ: NVDA) rose 4%.", "4%", ["Nvidia"]),
    ("Jan 31 (Reuters) - Qualcomm QCOM.O forecast revenue of $9 billion.", "$9 billion", ["Qualcomm"]),
    ("Tech reviewer Marques Brownlee praised the car, which costs $30,000.", "$30,000", []),
    ("Mondelez International declared a dividend of $0.425.", "$0.425", ["Mondelez"]),
    ("Dell Technologies and Lenovo Group will sell 20 laptops.", "20", ["Dell", "Lenovo"]),
    ("Clorox (CLX) rallied more than 10% after the results.", "10%", ["Clorox"]),
    ("Also, Acme Widgets (NYSE: ACME) fell 4%.", "4%", ["Acme Widgets"]),
    ("Danske Bank A/S (DANSKE.CO) climbed 5%.", "5%", ["Danske Bank"]),
    ("The Global X Lithium ETF (LIT) fell 3%.", "3%", []),
    ("Reuters reported that Bloomberg and CNBC cited 12 sources.", "12", []),
    ("Across Europe, Stellantis sold 900,000 cars.", "900,000", ["Stellantis"]),
    ("We at Acme Corp. sold 3 million widgets, said Adam Neumann.", "3 million", ["Acme"]),
]


@pytest.mark.parametrize("text,figure,want", SENTENCE_COMPANIES)
def test_sentence_companies(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.companies == want


def test_respectively_pairs_figures_with_companies(nlp):
    text = "Social media firms Snap and Pinterest rose 4.5% and 2.5%, respectively, while Meta gained 1%."
    claims, _ = run(nlp, text, PUB, ["4.5%", "2.5%", "1%"])
    assert [c.subject for c in claims] == ["Snap", "Pinterest", "Meta"]


def test_lists_of_companies_and_figures_pair_up(nlp):
    text = "Among the losers were Baidu, Alibaba and Tencent, which finished the month down 22%, 13.3% and 11.6%."
    claims, _ = run(nlp, text, PUB, ["22%", "13.3%", "11.6%"])
    assert [c.subject for c in claims] == ["Baidu", "Alibaba", "Tencent"]


def test_document_companies_counted_and_sorted(nlp):
    text = ("Xiaomi’s EV ambition accelerates\n"
            "Xiaomi plans 550,000 deliveries. Xiaomi’s rival BYD sold more.\n"
            "Analysts compare Xiaomi with Apple and Tesla.")
    _, companies = run(nlp, text, PUB, [])
    assert companies[0] == ("Xiaomi", 4)
    assert {n for n, _ in companies} == {"Xiaomi", "BYD", "Apple", "Tesla"}


def test_companies_of_unparsed_segments(nlp):
    """Segments without figures may skip tagger and parser (entities only): companies still count."""
    skip = [n for n in ("tok2vec", "tagger", "evfacts_glued_sentences", "parser", "attribute_ruler") if n in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        doc = nlp("Consider Acme Widgets (ACMW) and Tesla before the White House acts.")
    for tok in doc:
        tok.is_sent_start = tok.i == 0
    parsed = [(Segment(doc.text, 0, 1), doc)]
    _claims, companies = extract_article(parsed, published=None, finder=lambda sent: [])
    assert dict(companies) == {"Acme Widgets": 1, "Tesla": 1}


def test_document_companies_merge_short_forms(nlp):
    text = "Microchip Technology raised its dividend.\nMicrochip has raised it 80 times."
    _, companies = run(nlp, text, PUB, [])
    assert companies == [("Microchip Technology", 2)]


@pytest.mark.parametrize("name,want", [
    ("Xiaomi’s", "Xiaomi"), ("Volkswagen China", "Volkswagen"), ("Nasdaq, Inc.", None), ("ROSE", None),
    ("Galaxy S24", None), ("Tablet 7 Ultra", None), ("Board of Directors", None), ("MerckMRK.N", "Merck"),
    ("Acme Interactive Inc.", "Acme Interactive"), ("Peloton Interactive Inc.", "Peloton"), ("European Union", None), ("the Company", None),
])
def test_judge_names(name, want):
    assert comp.judge(name) == want


# -- pipeline: glued sentences, offsets -------------------------------------------------------------------
def test_glued_sentences_split_without_changing_text(nlp):
    text = "EV sales reached 1.5 million in 2025.Europe is expected to post 4.9 million sales."
    doc = nlp(text)
    assert doc.text == text
    sents = [s.text for s in doc.sents]
    assert sents[0].endswith("2025.") and sents[1].startswith("Europe")


def test_glued_sentence_gets_its_own_subject(nlp):
    text = "In the United States, EV sales will drop 29% after reaching 1.5 million in 2025.Europe is expected to post 4.9 million sales, up 14% from the prior year."
    claims, _ = run(nlp, text, PUB, ["29%", "4.9 million", "14%"])
    assert [c.subject for c in claims] == ["United States", "Europe", "Europe"]
    assert [c.modality for c in claims] == ["forecast", "forecast", "forecast"]


def test_abbreviations_are_not_split(nlp):
    doc = nlp("Sales in the U.S. rose. Amazon.com grew 5%.")
    assert [s.text for s in doc.sents] == ["Sales in the U.S. rose.", "Amazon.com grew 5%."]
    doc = nlp("The plant near St.Louis makes 300 cars a day.")
    assert len(list(doc.sents)) == 1


def test_blank_pipeline_fallback_still_annotates():
    """Without a statistical model (no parse, no NER) the rules still give subject, period, modality."""
    blank = nlp_module.load("evfacts_no_such_model")
    text = "Xiaomi plans 550,000 deliveries in 2026, after 410,000 last year. Analysts expect BYD to sell 5 million."
    claims, companies = run(blank, text, PUB, ["550,000", "410,000", "5 million"])
    assert [c.subject for c in claims] == ["Xiaomi", "Xiaomi", "BYD"]
    assert [c.period for c in claims] == ["2026", "2025", None]
    assert [c.modality for c in claims] == ["target", "reported", "forecast"]
    assert dict(companies) == {"Xiaomi": 1, "BYD": 1}


# -- a company's subject does not stick -------------------------------------------------------------
STICKY = [
    # a company from an earlier paragraph does not own a figure about something else
    ("Tesla shares fell on Monday. Rivals slipped too.\nThe broader index has gained 12% this year.", "12%", None),
    # within a paragraph only the previous sentence passes its company on
    ("Tesla delivered 5,000 cars in May. Shipping costs stayed high. Consumer spending could grow 7% next year.",
     "7%", None),
    # a non-company grammatical subject ("Investors") keeps the last company out
    ("Rivian opened a plant in Georgia.\nInvestors poured $3 billion into bond funds in March.", "$3 billion", None),
    ("Nvidia reported on Wednesday. Analysts expect the index to gain 4% in 2026.", "4%", None),
    # "this group of companies" is a collection, not a pointer to the company
    ("Tesla shares fell.\nSome analysts said margins for this group of companies are below the average of 12%.",
     "12%", None),
    # a pointer reaches back across paragraphs and sentences
    ("Rivian opened a plant in Georgia.\nIts margin improved to 9% in March.", "9%", "Rivian"),
    ("Rivian opened a plant in Georgia. Workers cheered.\nThe automaker expects margins of 9% in 2026.", "9%", "Rivian"),
    # a heading that names the company carries into the paragraph under it
    ("Nike Results in Focus\nEarnings per share came in at $1.18.", "$1.18", "Nike"),
    # the previous sentence of the same paragraph still does
    ("Ford cut prices on Monday. Margins fell to 5%.", "5%", "Ford"),
]


@pytest.mark.parametrize("text,figure,want", STICKY)
def test_subject_does_not_stick(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.subject == want, (c.subject, c.sentence)


# -- generalisation pass: people, products, publications are no companies -------------------------------
SUBJECT_NOT_A_COMPANY = [
    # "who" hangs on a person or an animal, never on the company in focus
    ("Rivian opened a store. Shoppers came early. A dog who had been lost for three years was found nearby.",
     "three years", None),
    # "he", "I": a person; the company only when named in this or the previous sentence
    ("Rivian opened a store in May. Shoppers came early. He said the trip took 12 hours.", "12 hours", None),
    ("Rivian opened a store in May. I lost 14 followers that week.", "14 followers", None),
    ("Rivian opened a store in May. Its sales rose 14% that week.", "14%", "Rivian"),
    ("Rivian opened a store in May. CEO Jane Roe said sales rose 14% that week.", "14%", "Rivian"),
    # "the German automaker" points back to the company, it is not Germany
    ("Volkswagen unveiled a wagon. The German automaker says it will go 300 miles on a charge.", "300 miles",
     "Volkswagen"),
    # a product as the subject stands for the company in focus
    ("Apple launched a laptop. Buyers queued.\nThe new MacBook Pro weighs 2 kilograms.", "2 kilograms", "Apple"),
]


@pytest.mark.parametrize("text,figure,want", [
    ("Author Henry Ford wrote 12 novels.", "12", []),  # a known company's name after a first name: a person
    ("Rivian sold 900 trucks, according to the Los Angeles Times.", "900", ["Rivian"]),
    ("Chromecast owners can stream at 60 frames per second, Alphabet said.", "60", ["Alphabet"]),
])
def test_sentence_companies_people_products_media(nlp, text, figure, want):
    assert one(nlp, text, PUB, figure).companies == want


@pytest.mark.parametrize("name,want", [
    ("Springfield Herald", None), ("Sioux Falls Argus", None), ("KXTV Sports", None), ("Denver Post", None),
    ("Sabres and", None), ("Orbit Labs, Fenwick", None), ("Belgium (Group I", None),
    ("Ameris Bank Amphitheatre", None), ("Aberdeen Royal Infirmary", None), ("Quartz Valley Academy", None),
    ("Tribune", "Tribune"), ("Orbit Labs", "Orbit Labs"),
])
def test_judge_media_venues_fragments(name, want):
    assert comp.judge(name) == want


def _doc_with(nlp, text, ents):
    """A doc of `text` with hand-set entities [(surface, label, id)] (no NER involved)."""
    from spacy.tokens import Span

    doc = nlp(text)
    spans = []
    for surface, label, ent_id in ents:
        s = text.index(surface)
        sp = doc.char_span(s, s + len(surface), label=label)
        spans.append(Span(doc, sp.start, sp.end, label=label, span_id=ent_id or 0))
    doc.ents = spans
    return doc


@pytest.mark.parametrize("text,surface,want", [
    ("The envoy to Canada Kurt Halvorsen testified for hours.", "Canada Kurt Halvorsen", None),
    ("Shares of Graham Holdings rose.", "Graham Holdings", "Graham Holdings"),
    ("Regulators approved the Skyforge Legends game on Tuesday.", "Skyforge Legends", None),
    ("The new Quillback is just over 16 feet long.", "Quillback", None),
    ("Orbit Labs users streamed more.", "Orbit Labs", None),
    ("Orbit Labs hired staff.", "Orbit Labs", "Orbit Labs"),
])
def test_company_name_people_and_products(nlp, text, surface, want):
    doc = _doc_with(nlp, text, [(surface, "ORG", None)])
    assert comp.company_name(doc.ents[0]) == want


def test_company_name_after_a_maker_is_a_product(nlp):
    doc = _doc_with(nlp, "Google Lumora launched with 22 games.", [("Google", "ORG", "Alphabet"), ("Lumora", "ORG", None)])
    assert [comp.company_name(e) for e in doc.ents] == ["Alphabet", None]


def test_people_names_from_titles_and_full_names(nlp):
    docs = [_doc_with(nlp, "Gov. Dana Whitfield visited the plant.", []),
            _doc_with(nlp, "Coach Marta Ilves spoke before Lumen Ortiz arrived.", [("Lumen Ortiz", "PERSON", None)]),
            _doc_with(nlp, "Zorbex said it grew.", [("Zorbex", "PERSON", None)]),
            _doc_with(nlp, "Zorbex shares rose.", [("Zorbex", "ORG", None)])]
    people = comp.people_names(docs)
    assert {"Dana Whitfield", "Whitfield", "Marta Ilves", "Ilves", "Lumen Ortiz", "Ortiz", "Lumen"} <= people
    assert "Zorbex" not in people  # PERSON once and ORG once: the company


def test_drop_people_common_words_and_headings(nlp):
    m = [(0, 8, 0, "Security", "ner"), (0, 5, 0, "Acme", "lexicon")]
    assert comp.drop_people(m, set(), frozenset({"security"})) == [m[1]]
    heading = _doc_with(nlp, "Post-Workout Meal", [("Post-Workout Meal", "ORG", None)])
    m = [(0, 17, 0, "Post-Workout Meal", "ner")]
    assert comp.drop_people(m, set(), frozenset({"post", "workout", "meal"}), heading) == []
    assert comp.drop_people(m, set(), frozenset({"post", "workout", "meal"})) == m  # not a heading: kept
    m = [(0, 20, 0, "Canada Kurt Halvorsen", "ner")]
    assert comp.drop_people(m, {"Kurt Halvorsen", "Halvorsen"}) == []


def test_person_mislabelled_as_company_is_added(nlp):
    docs = [_doc_with(nlp, "Zorbex surged 20% today.", [("Zorbex", "PERSON", None)]),
            _doc_with(nlp, "Zorbex's sales grew.", [("Zorbex", "ORG", None)])]
    mentions = [[], [(0, 6, 0, "Zorbex", "ner")]]
    out = comp.add_mislabelled(mentions, docs, set())
    assert [m[3] for m in out[0]] == ["Zorbex"]
    assert comp.add_mislabelled(mentions, docs, {"Zorbex"})[0] == []


def test_a_persons_name_is_no_place(nlp):
    from evfacts.claims.places import is_place

    doc = _doc_with(nlp, "Halvorsen's appearance worried China.", [("Halvorsen", "GPE", None), ("China", "GPE", None)])
    people = {"Halvorsen", "China"}
    assert [is_place(e, people) for e in doc.ents] == [False, True]  # a known place stays a place
    assert [is_place(e) for e in doc.ents] == [True, True]


INDEX_SUBJECT = [
    # an index named by its nouns, not the company of the sentence before
    ("Tesla fell 3%. The dollar index rose 0.05% on Friday.", "0.05%", "dollar index"),
    ("Tesla fell 3%. The XBK Regional Banking index fell 3.7% on the day.", "3.7%", "XBK Regional Banking index"),
    # "the index" is the index named before it
    ("The S&P 500 rose 1% on Monday. The index has gained 12% this year.", "12%", "S&P 500"),
    # an index without a name stays unnamed; not the company before
    ("Tesla fell 3%. The broader index gained 1.2% in the session.", "1.2%", None),
    ("Tesla fell 3%. The index gained 1.2% in the session.", "1.2%", None),
    # a pollution index is no market
    ("Tesla fell 3% in Delhi. The air quality index in Delhi stood at 218 on Monday.", "218", "Delhi"),
    # "a 5.2% plunge in Acme": the company the percentage sizes, not the index that is the clause's subject
    ("The Zephyr Regional Lenders index lost 0.5%, hauled by a 5.2% plunge in Citigroup.", "5.2%", "Citigroup"),
]


@pytest.mark.parametrize("text,figure,want", SUBJECT_NOT_A_COMPANY + INDEX_SUBJECT)
def test_subject_people_products_and_indices(nlp, text, figure, want):
    c = one(nlp, text, PUB, figure)
    assert c.subject == want, (c.subject, c.sentence)


PERIOD_END_POINTS = [
    # "2020 to 80" is no span of years: two digits make a year only after a dash ("2024-25")
    ("Deliveries rose from 16 in 2020 to 80 in 2024.", PUB, "16", "2020"),
    ("Deliveries rose from 16 in 2020 to 80 in 2024.", PUB, "80", "2024"),
    ("Revenue for 2024-25 reached $4 billion.", PUB, "$4 billion", "2024/2025"),
    # the start of "from A to B by 2030" is no 2030 figure
    ("Shipments will climb from 300 units today to 900 units by 2030.", PUB, "300 units", None),
    ("Shipments will climb from 300 units today to 900 units by 2030.", PUB, "900 units", "2030"),
    # "four years ago" is a date of its own: the sentence does not inherit the previous one's year
    ("Acme sold 5,000 cars in 2016. That was up from four years ago, when it sold 900.", None, "900", None),
]


@pytest.mark.parametrize("text,published,figure,want", PERIOD_END_POINTS)
def test_period_end_points(nlp, text, published, figure, want):
    assert one(nlp, text, published, figure).period == want


@pytest.mark.parametrize("text,figure,want", [
    ("Acme shares are up about 40% year to date.", "40%", "Acme shares"),
    ("Acme shares are up about 40% year-to-date.", "40%", "Acme shares"),
])
def test_metric_year_to_date_is_no_metric(nlp, text, figure, want):
    assert one(nlp, text, PUB, figure).metric == want


def test_common_word_names_inside_a_sentence_stay_companies(nlp):
    # "target" in lower case elsewhere does not unmake the company named inside a sentence
    text = "Shares of Target fell 4% after analysts cut their price target."
    assert one(nlp, text, PUB, "4%").companies == ["Target"]
    doc = _doc_with(nlp, "Fertilizer prices rose. Shares of Orbit fell.", [("Fertilizer", "ORG", None), ("Orbit", "ORG", None)])
    mentions = [[(e.start_char, e.end_char, e.start, e.text, "ner") for e in doc.ents]]
    mid = comp.named_mid_sentence(mentions, [doc])
    assert mid == {"Orbit"}
    kept = comp.drop_people(mentions[0], set(), frozenset({"fertilizer", "orbit"}), doc, mid)
    assert [m[3] for m in kept] == ["Orbit"]


DATE_GATE_TEXTS = [
    "Since 2020 sales rose; since the start of 2021 they doubled.", "in the same quarter of 2023, the same period a year ago",
    "3 years ago, two Quarters Earlier, ten months before", "last fiscal year, the prior quarter, this month ago",
    "year-over-year growth, SEQUENTIALLY, quarter-on-quarter", "Sequential gains; prior-year; previous year",
    "March of last year, Jan. next year", "fiscal second-quarter results", "FISCAL THIRD QUARTER", "year ago.",
]


@pytest.mark.parametrize("text", DATE_GATE_TEXTS)
def test_date_word_gates_are_necessary(text):
    """A date pattern with a word gate matches only in a text that holds one of the gate's words."""
    from evfacts import rx
    from evfacts.claims import dates as C

    words = rx.words(text, text.casefold())
    assert words is not None
    matched = 0
    for kind, pat, _need, _on_text, _group in C._DATE_TABLE:
        gate = C._DATE_WORD_GATE.get(kind)
        if gate is not None and pat.search(text):
            matched += 1
            assert not gate.isdisjoint(words), (kind, text)
    assert matched

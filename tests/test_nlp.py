"""The spaCy pipeline evfacts builds on the model: its shortcuts must not change what it finds.

- POS is the model's own attribute_ruler's, as the model alone sets it;
- the lexicon rulers name known companies and places;
- the gated NER runs only where a capitalised word could be a name it would find, and the
  claims of an article are the same with it as with NER run everywhere.
"""
from __future__ import annotations

import pytest

from evfacts import nlp as nlp_module

SENTENCES = [
    "Xiaomi delivered 40,000 vehicles in May, up 20% from April.",
    "There were 12 models on sale, and it is expected that the company will do better.",
    "If that's what they did, we'd have had to have been told by then.",
    "Once the plant opens, output there should be well above 1 million units a year.",
    "Whether he has done it or not, the board has approved a $2.5bn buyback.",
    "She said that those who do not own shares are worse off than those that do.",
    "Being first matters: BYD had sold more than 4.2 million cars by December.",
    "  Revenue  rose\n\n12%  in the quarter  .  ",
]


def test_pos_is_the_pos_of_the_model_alone(nlp):
    import spacy

    reference = None
    for name in nlp_module.MODELS:
        try:
            reference = spacy.load(name, exclude=["lemmatizer", "ner"])
            break
        except OSError:
            continue
    if reference is None:
        pytest.skip("no spaCy English model installed")
    ours = list(nlp.pipe(SENTENCES))
    theirs = list(reference.pipe(SENTENCES))
    for a, b in zip(ours, theirs):
        assert [t.text for t in a] == [t.text for t in b]
        assert [t.tag_ for t in a] == [t.tag_ for t in b]
        # the model's sentence boundaries and heads are the same, so the attribute_ruler's
        # DEP-conditioned rules see the same input
        if [t.dep_ for t in a] == [t.dep_ for t in b]:
            assert [t.pos_ for t in a] == [t.pos_ for t in b]
        else:  # the parser differs (our glued-sentence marks): compare the TAG-only rules
            assert [t.pos_ for t in a if t.dep_ not in ("aux", "auxpass", "mark", "expl")] == \
                [t.pos_ for t in b if t.dep_ not in ("aux", "auxpass", "mark", "expl")]


@pytest.mark.parametrize("text, label, ent_id", [
    ("Shares of Tesla rose 3% on Monday.", "ORG", "Tesla"),
    ("Sales in the UNITED STATES fell.", "GPE", ""),
    ("Sales in Germany fell 4%.", "GPE", ""),
])
def test_lexicon_rulers_name_known_companies_and_places(nlp, text, label, ent_id):
    doc = nlp(text)
    assert any(e.label_ == label and e.ent_id_ == ent_id for e in doc.ents), [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text, needs", [
    ("Sales rose 5% in May.", False),                    # sentence-initial common word, a month
    ("Revenue grew 12% to 4.5 GWh in the US.", False),   # unit symbol, a known place
    ("Tesla delivered 40,000 cars in China.", False),    # a known company and place
    ("EV sales rose 20% year on year in Q3.", False),    # acronyms of the gate list
    ("Zorvex delivered 10,000 trucks.", True),           # an unknown name
    ("Sales at Kavlin Dynamics rose 5%.", True),          # an unknown name inside the sentence
    ("Analyst Jane Doe expects 5% growth.", True),       # a person
    ("general motors said sales rose 5%.", True),        # lower-cased text: capitals tell nothing
    ("QualcommQCOM.O fell 5% in May.", True),            # a name glued to its Reuters code
])
def test_ner_runs_where_a_capitalised_word_could_be_a_name(nlp, text, needs):
    gate = nlp.get_pipe("ner")
    if not isinstance(gate, nlp_module._GatedNER):
        pytest.skip("NER is not gated (EVFACTS_FULL_NER or no model)")
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names[nlp.pipe_names.index("ner"):]]):
        doc = nlp(text)
    assert gate.needs(doc) is needs


ARTICLE = """Rivian and Xiaomi: EV makers report

Rivian said on Tuesday it delivered 10,661 vehicles in the third quarter, up 9% from a year earlier.
Xiaomi expects to deliver 350,000 cars this year. It sold 40,000 in May.
Analyst Jane Doe of Morgan Stanley expects sales to rise about 15% in 2026.
Kavlin Dynamics, a battery maker, shipped 3 GWh.
Sales in the US fell 4% to 1.2 million units, while Europe grew 12%.
"""


def test_claims_are_the_same_with_ner_everywhere(nlp):
    from evfacts.ingest import text_documents
    from evfacts.pipeline import Pipeline

    gate = nlp.get_pipe("ner")
    if not isinstance(gate, nlp_module._GatedNER):
        pytest.skip("NER is not gated")

    def claims():
        pipeline = Pipeline()
        result = pipeline.process(next(text_documents(ARTICLE, "a.txt")))
        return [c.to_dict() for c in result.claims], result.companies

    gated = claims()
    gate.needs = lambda doc: True
    try:
        full = claims()
    finally:
        del gate.needs
    assert gated == full
    assert gated[0]


def test_the_tokenizer_is_the_models_own_plus_the_glued_full_stop(nlp):
    """evfacts builds the tokenizer from the language defaults instead of loading the model's copy:
    this holds only while the model ships exactly those defaults."""
    from spacy.tokenizer import Tokenizer

    if nlp.path is None or not (nlp.path / "tokenizer").exists():
        pytest.skip("no model directory")
    shipped = Tokenizer(nlp.vocab).from_disk(nlp.path / "tokenizer", exclude=["vocab"])
    ours = nlp.tokenizer

    def pattern(f):
        return f.__self__.pattern if f is not None else None

    for attr in ("prefix_search", "suffix_search", "token_match", "url_match"):
        assert pattern(getattr(ours, attr)) == pattern(getattr(shipped, attr)), attr
    assert ours.rules == shipped.rules
    assert pattern(ours.infix_finditer).startswith(pattern(shipped.infix_finditer))
    assert nlp_module.GLUED_STOP in pattern(ours.infix_finditer)
    assert [t.text for t in nlp.make_doc("grew in 2025.Europe fell")] == ["grew", "in", "2025", ".", "Europe", "fell"]


def test_the_pipeline_keeps_the_models_own_attribute_ruler(nlp):
    """POS comes from the model's attribute_ruler, right after the parser as the model ships it."""
    if "tagger" not in nlp.pipe_names:
        pytest.skip("no spaCy English model installed")
    names = nlp.pipe_names
    assert "attribute_ruler" in names
    assert names.index("parser") < names.index("attribute_ruler") < names.index("ner")
    assert [t.pos_ for t in nlp("Xiaomi delivered 40,000 vehicles.")][:2] == ["PROPN", "VERB"]


def test_names_are_counted_in_tokens_as_the_tokenizer_makes_them(nlp):
    import json
    from importlib import resources

    rules = nlp.tokenizer.rules
    names = [json.loads(line)["pattern"] for name in nlp_module.PATTERN_FILES + nlp_module.PLACE_FILES
             for line in resources.files("evfacts").joinpath("data", name).read_text(encoding="utf-8").splitlines()
             if line.strip()]
    names = [n for n in names if isinstance(n, str)] + ["cannot", "Tesla ", "St.", "New York", "3M", "BYD"]
    for text in names:
        assert (nlp_module._token_count(nlp, text, rules) > 1) == (len(nlp.make_doc(text)) > 1), text

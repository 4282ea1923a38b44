"""Selective parsing (``parse: selective`` in ``configs/pipeline.yml``): the dependency parse only on
the sentences the event rules can read, a flat analysis on the rest.

The model first runs without its parser and with its ``senter`` (a small model of its own that only
marks sentence starts): tok2vec, tagger, attribute rules, lemmas and NER cover every token. A
sentence *needs* the parse when it holds a word of ``configs/events.yml`` (a trigger lemma, a word of
a trigger pattern, a word of the ``words`` lists: kill, wound, claim...), a number or a CARDINAL,
ORG or NORP entity (groups and casualty figures; the catalog's own entity ruler runs after the
cache point, so the model's labels stand in for it and a pattern edit never re-parses). Runs of
such sentences, widened by :data:`REACH` neighbours, are cut out with ``Span.as_doc`` (which carries
the slice of ``doc.tensor`` the parser's tok2vec listener reads at inference, so tok2vec is not run
again) and parsed; the attribute rules and lemmatizer are run again on them, since some attribute
rules read the dependency label ("has" is AUX only as ``aux``). Their heads, labels, POS, morphology
and lemmas are written back; every other sentence gets one root (its first token, label ``ROOT``)
with every other token attached to it as ``dep``, so ``doc.sents`` keeps the senter's boundaries
and every rule finds a parse.

The Doc cache key holds the mode, this module's source and the selection words
(:func:`cache_key`): an edit of events.yml's words re-parses, a pattern edit does not.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LIKE_NUM, LOWER, MORPH, POS
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.eventtypes import EventsSettings

log = logging.getLogger(__name__)

#: Sentences on either side of a needed one that are parsed with it: the rules read a group or a
#: toll in the sentence before or after a trigger ("The attack ... . The TTP claimed it.").
REACH = 1
#: Entity labels of the model that make a sentence need the parse: casualty figures (CARDINAL) and
#: what may be a group (ORG, NORP).
LABELS = frozenset({"CARDINAL", "ORG", "NORP"})
#: Token attributes written back from a parsed piece (TAG is the first pass's and does not change).
WRITTEN = [POS, MORPH, LEMMA]


@dataclass(frozen=True)
class Selection:
    """What makes a sentence need the parse: lower-case lemmas or forms, and entity labels."""

    words: frozenset[str]
    labels: frozenset[str] = LABELS
    reach: int = REACH


def selection(settings: EventsSettings) -> Selection:
    """The words of ``configs/events.yml`` that the event rules look for: each type's trigger lemmas,
    the strings of its trigger patterns, and every ``words`` list."""
    words: set[str] = set()
    for kind in settings.types.values():
        for pos in ("NOUN", "VERB", "ADJ"):
            words.update(getattr(kind.triggers, pos))
        for pattern in kind.triggers.patterns:
            words.update(pattern_strings(pattern))
    for listed in settings.words.values():
        words.update(listed)
    return Selection(frozenset(w.lower() for w in words))


def pattern_strings(pattern: list[dict]) -> set[str]:
    """The strings a Matcher pattern's tokens ask for by LEMMA, LOWER or ORTH (``IN`` lists too)."""
    found: set[str] = set()
    for token in pattern:
        for attr in ("LEMMA", "LOWER", "ORTH"):
            value = token.get(attr)
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, dict):
                found.update(v for v in value.get("IN", []) if isinstance(v, str))
    return found


def cache_key(model_key: str, chosen: Selection) -> str:
    """The Doc cache key of selective Docs: the model's, this module's source and the selection."""
    parts = [model_key, "selective", Path(__file__).read_text(encoding="utf-8"),
             "\x1f".join(sorted(chosen.words)), "\x1f".join(sorted(chosen.labels)), str(chosen.reach)]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:16]


def first_pass(names: list[str]) -> list[str]:
    """The components run over whole documents: the model's, less the parser, plus the senter."""
    return [name for name in names if name != "parser"] + ["senter"]


def needed(doc: Doc, chosen: Selection) -> list[bool]:
    """For each sentence of ``doc``, whether it holds a selection word (by lemma or form, in lower
    case), a number or an entity of a selection label. Read from the Doc's arrays: a Python loop over
    every token cost a quarter of the selective step."""
    starts = np.array([sent.start for sent in doc.sents], dtype=np.int64)
    if not len(starts):
        return []
    columns = doc.to_array([LEMMA, LOWER, LIKE_NUM])
    strings = doc.vocab.strings
    hits = [key for key in np.unique(columns[:, :2]).tolist() if strings[key].lower() in chosen.words]
    marks = np.isin(columns[:, :2], hits).any(axis=1) | (columns[:, 2] != 0)
    flags = np.add.reduceat(marks.astype(np.int64), starts) > 0
    for ent in doc.ents:
        if ent.label_ in chosen.labels:
            flags[np.searchsorted(starts, ent.start, side="right") - 1] = True
    return flags.tolist()


def runs(flags: list[bool], reach: int) -> list[tuple[int, int]]:
    """Runs ``(first, end)`` of sentence indexes to parse: the flagged ones widened by ``reach``."""
    wide = [any(flags[max(0, i - reach): i + reach + 1]) for i in range(len(flags))]
    found: list[tuple[int, int]] = []
    for i, take in enumerate(wide):
        if take and found and found[-1][1] == i:
            found[-1] = (found[-1][0], i + 1)
        elif take:
            found.append((i, i + 1))
    return found


def flat_tree(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Absolute heads and DEP hashes giving each sentence its first token as root and the rest ``dep``."""
    heads = np.arange(len(doc), dtype=np.int64)
    deps = np.full(len(doc), doc.vocab.strings.add("dep"), dtype=np.uint64)
    root = doc.vocab.strings.add("ROOT")
    for sent in doc.sents:
        heads[sent.start: sent.end] = sent.start
        deps[sent.start] = root
    return heads, deps


def complete(nlp: Language, docs: list[Doc], chosen: Selection, batch_size: int = 64) -> tuple[int, int]:
    """Give each first-pass Doc its parse in place: the model's on the needed runs of sentences, a
    flat one elsewhere. Returns how many sentences were parsed, and how many there are."""
    spans, counts = [], [0, 0]
    for doc in docs:
        sents = list(doc.sents)
        taken = runs(needed(doc, chosen), chosen.reach)
        spans += [(doc, sents[a].start, sents[b - 1].end) for a, b in taken]
        counts = [counts[0] + sum(b - a for a, b in taken), counts[1] + len(sents)]
    # a Doc parsed whole needs no copy: as_doc and writing back cost more than the parser on short texts
    pieces = parsed_pieces(nlp, [doc if end - start == len(doc) else doc[start:end].as_doc()
                                 for doc, start, end in spans], batch_size)
    trees = {id(doc): flat_tree(doc) for doc in docs}
    tokens = {id(doc): doc.to_array(WRITTEN) for doc in docs}
    for (doc, start, end), piece in zip(spans, pieces):
        heads, deps = trees[id(doc)]
        heads[start:end] = start + piece.to_array(HEAD).astype(np.int64) + np.arange(len(piece))
        deps[start:end] = piece.to_array(DEP)
        tokens[id(doc)][start:end] = piece.to_array(WRITTEN)
    for doc in docs:
        heads, deps = trees[id(doc)]
        relative = (heads - np.arange(len(doc))).astype(np.uint64)
        doc.from_array([HEAD, DEP], np.stack([relative, deps], axis=1))
        doc.from_array(WRITTEN, tokens[id(doc)])
    return counts[0], counts[1]


def parsed_pieces(nlp: Language, pieces: list[Doc], batch_size: int) -> list[Doc]:
    """First-pass Docs through the parser, then the attribute rules again (some read the dependency
    label), then the lemmatizer for the tokens whose POS those rules changed and that they gave no
    lemma: every other token keeps its first-pass lemma, as the full pipeline would give it."""
    before = [piece.to_array([POS, LEMMA]) for piece in pieces]
    for piece in pieces:
        piece.from_array([LEMMA], np.zeros((len(piece), 1), dtype=np.uint64))
    pieces = run(nlp, "attribute_ruler", run(nlp, "parser", pieces, batch_size), batch_size)
    for piece, old in zip(pieces, before):
        now = piece.to_array([POS, LEMMA])
        keep = (now[:, 1] == 0) & (now[:, 0] == old[:, 0])
        now[keep, 1] = old[keep, 1]
        piece.from_array([LEMMA], now[:, 1:])
    return run(nlp, "lemmatizer", pieces, batch_size)


def run(nlp: Language, name: str, docs: list[Doc], batch_size: int) -> list[Doc]:
    """``docs`` through one component of ``nlp`` (the project's lookup attribute ruler has no ``pipe``)."""
    proc = nlp.get_pipe(name)
    return list(proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe") else map(proc, docs))


def prepare(nlp: Language, parse: str, settings: EventsSettings) -> Selection | None:
    """The selection for ``parse: selective`` (the model's senter enabled), None for ``full``."""
    if parse != "selective":
        return None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return selection(settings)


def completed(nlp: Language, docs: dict[str, Doc], failed: dict[str, str], chosen: Selection,
              batch_size: int) -> tuple[dict[str, Doc], dict[str, str]]:
    """:func:`complete` over first-pass Docs by doc_id; when a batch fails, one Doc at a time, and a
    Doc that still fails joins ``failed`` (the model failed on it) instead of stopping the run."""
    if not docs:
        return docs, failed
    try:
        parsed, sentences = complete(nlp, list(docs.values()), chosen, batch_size)
        log.info("selective parse: %d of %d sentences parsed", parsed, sentences)
        return docs, failed
    except Exception as err:  # one bad document must never stop a run
        log.warning("the selective parse failed on a batch (%s); one document at a time", err)
    kept: dict[str, Doc] = {}
    for doc_id, doc in docs.items():
        try:
            complete(nlp, [doc], chosen, batch_size)
            kept[doc_id] = doc
        except Exception as err:  # one bad document must never stop a run
            log.warning("%s: the selective parse failed (%s); the document has no rows", doc_id, err)
            failed = {**failed, doc_id: f"selective parse: {err}"}
    return kept, failed

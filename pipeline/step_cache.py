"""Keys of the annotate stage's steps, so that a config edit re-runs only the steps, and only the
documents, it can change.

The annotate stage runs three cached steps over each document's Doc, each reading the one before:

- ``mentions`` (the catalog's entity ruler and the context rules of :mod:`pipeline.rules`): keyed by
  the document (the model's digest, the text's SHA-256, the publication date) and every config file,
  so any edit under ``configs/`` re-runs it, on every document (it is the cheap step);
- ``dates and figures``: keyed by the document, the Doc's entities after the rules (the spans,
  labels and ids that :func:`entities_digest` reads: dates and figures skip tokens inside a name) and
  the files they read (``figures.yml``, ``pipeline.yml``), not the catalog's patterns;
- ``places and events``: keyed by the key of the dates and figures they read, and every config file
  but the catalog's ``patterns/*.jsonl`` (the events read the catalog's entries: names, aliases,
  parents, types; a pattern reaches them only through the entities, which are in the key already).

Every key holds the code's digest (all of ``pipeline/``), the model's and :data:`CACHE_VERSION`; the
config files are read where the annotator starts, and when they are not the ones loaded (a worker on
another machine) every step is keyed by all the configs, as one. A
pattern that matches nothing changes no document's entities, so every document keeps its dates,
figures, places and events; one that adds a mention re-runs them for the documents it matched.
A :class:`Ledger` is what the store holds for one partition, read in one query and written in one
transaction (:class:`pipeline.cache_store.RowCache`).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from spacy.tokens import Doc

from pipeline import stamps
from pipeline.cache_store import CACHE_VERSION, RowCache, iso, model_version, text_digest
from pipeline.config import config_digest

MENTIONS, DATES_FIGURES, PLACES_EVENTS = "mentions", "dates and figures", "places and events"
#: The tables each cached step gives rows of, in the order the steps run.
STEP_TABLES: dict[str, tuple[str, ...]] = {MENTIONS: ("mentions",), DATES_FIGURES: ("dates", "figures"),
                                           PLACES_EVENTS: ("places", "events", "event_mentions")}
#: The config files the dates and figures read (``figures.yml``: units, words, the matcher's patterns).
DATES_FIGURES_FILES = ("figures.yml", "pipeline.yml")
#: The catalog's token patterns: read by the rules only; later steps see them through the entities.
PATTERNS = "patterns"


def file_digests(root: Path) -> dict[str, str]:
    """The SHA-256 of every file under the config folder ``root`` (read through links), by relative path."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def step_deps(config, model_key: str) -> dict[str, str]:
    """What each step's rows depend on besides the document: code, model and the config files it reads.
    Where the config folder is no longer what was loaded (a Dask worker on another machine without
    it, a file edited since), every step is keyed by the loaded configs' digest: coarse, never stale."""
    base = stamps.digest(stamps.code_digest(), model_key, model_version(config.pipeline.model), CACHE_VERSION)
    if config_digest(config.root) != config.digest:
        return dict.fromkeys(STEP_TABLES, stamps.digest(base, config.digest))
    files = file_digests(config.root)
    after_rules = {k: v for k, v in files.items() if not k.startswith(f"{PATTERNS}/")}
    return {MENTIONS: stamps.digest(base, MENTIONS, sorted(files.items())),
            DATES_FIGURES: stamps.digest(base, DATES_FIGURES, [(k, files.get(k)) for k in DATES_FIGURES_FILES]),
            PLACES_EVENTS: stamps.digest(base, PLACES_EVENTS, sorted(after_rules.items()))}


def entities_digest(doc: Doc) -> str:
    """The Doc's entities as the steps after the rules read them: spans, labels, ids."""
    h = hashlib.sha256()
    for ent in doc.ents:
        h.update(f"{ent.start}\x1f{ent.end}\x1f{ent.label_}\x1f{ent.ent_id_}\x1f{ent.kb_id_}\x1e".encode())
    return h.hexdigest()[:32]


class Ledger:
    """The cached rows of one partition's documents, step by step: what is found under each step's
    key, and what was made anew and is to be kept (:meth:`keep`, written by :meth:`save`)."""

    def __init__(self, cache: RowCache | None, deps: dict[str, str], model_key: str, documents: list[dict]):
        self.cache = cache
        self.deps = deps
        self.documents = {row["doc_id"]: row for row in documents}
        self.ident = {d: stamps.digest(model_key, text_digest(row["text"]), iso(row["published"]))
                      for d, row in self.documents.items()}
        self.stored = cache.records(list(self.documents)) if cache else {}
        self.keys: dict[str, dict[str, str]] = {step: {} for step in STEP_TABLES}
        self.found: dict[str, dict[str, dict[str, list[dict]]]] = {step: {} for step in STEP_TABLES}
        self.ents: dict[str, str] = {}
        self.pending: list[tuple[str, str, str, dict[str, list[dict]], str]] = []
        self.ran = dict.fromkeys(STEP_TABLES, 0)
        unruled = set(self.find(MENTIONS, list(self.documents)))
        known = [d for d in self.documents if d not in unruled]
        undated = set(self.find(DATES_FIGURES, known))
        self.find(PLACES_EVENTS, [d for d in known if d not in undated])

    def key(self, step: str, doc_id: str) -> str:
        """``step``'s key for the document: the mentions' of the document alone, the dates' and figures'
        with its entities after the rules, the places' and events' of the dates' and figures' key."""
        if step == MENTIONS:
            return stamps.digest(self.deps[MENTIONS], self.ident[doc_id])
        if step == DATES_FIGURES:
            return stamps.digest(self.deps[DATES_FIGURES], self.ident[doc_id], self.ents[doc_id])
        return stamps.digest(self.deps[PLACES_EVENTS], self.keys[DATES_FIGURES][doc_id])

    def find(self, step: str, doc_ids: list[str]) -> list[str]:
        """Look up ``step``'s rows of ``doc_ids`` under their keys (for the later steps, their entities
        must be known); the doc_ids not found."""
        keys = {d: self.key(step, d) for d in doc_ids}
        self.keys[step].update(keys)
        values = {d: self.stored[step, d][1] for d in doc_ids
                  if (step, d) in self.stored and self.stored[step, d][0] == keys[d]}
        if self.cache and values:
            for doc_id, (rows, ents) in self.cache.read(step, values, self.documents).items():
                self.found[step][doc_id] = rows
                self.ents.setdefault(doc_id, ents)
        return [d for d in doc_ids if d not in self.found[step]]

    def complete(self, doc_id: str) -> bool:
        """Whether every step's rows of the document were found, so that it needs no Doc."""
        return all(doc_id in found for found in self.found.values())

    def ruled(self, doc_id: str, rows: dict[str, list[dict]], ents: str) -> None:
        """The rules' rows of a Doc and the digest of its entities after them: the later steps' keys
        are worked out again from these (:meth:`find`), never from a cached record's."""
        self.ents[doc_id] = ents
        for step in (DATES_FIGURES, PLACES_EVENTS):
            self.found[step].pop(doc_id, None)
        if doc_id in self.found[MENTIONS]:
            self.found[MENTIONS][doc_id] = rows
        else:
            self.keep(MENTIONS, doc_id, rows)

    def rows(self, doc_id: str) -> dict[str, list[dict]]:
        """The document's rows of every step's tables (none for a step that did not run)."""
        return {name: self.found[step].get(doc_id, {}).get(name, [])
                for step, names in STEP_TABLES.items() for name in names}

    def keep(self, step: str, doc_id: str, rows: dict[str, list[dict]]) -> None:
        """Rows of ``step`` made anew, to be written by :meth:`save`."""
        self.ran[step] += 1
        self.found[step][doc_id] = rows
        self.pending.append((step, doc_id, self.keys[step][doc_id], rows, self.ents[doc_id]))

    def save(self, failed: set[str]) -> None:
        """Write the new rows of every document but ``failed`` ones (a step raised: the next run tries it
        again), in one transaction."""
        if self.cache:
            self.cache.put([(step, doc_id, key, self.documents[doc_id]["published"], rows, ents)
                            for step, doc_id, key, rows, ents in self.pending if doc_id not in failed])

"""Stage ``annotate``: spaCy over ``documents``, writing ``mentions``, ``entities``, ``dates``,
``figures`` and ``events``.

Documents are handled in partitions (``partition_size`` in ``configs/pipeline.yml``): an :class:`Annotator` turns one
partition into the rows of every table, a pure function of the documents and the configs, and the
engines of :mod:`pipeline.engine` run it in this process, in a pool of processes or on Dask, then
append the rows to the tables in partition order. Memory holds a few partitions, not the corpus.

The model (the installed package named in ``configs/pipeline.yml``) runs first; its Docs are cached
in OUT's one cache store (:mod:`pipeline.cache_store`, an SQLite database), keyed by the doc_id and
a digest of everything that runs before the cache point, with the text's SHA-256. The rule
components (the catalog's entity ruler and the context rules of :mod:`pipeline.rules`) then run over
the Docs, cached or new, and each document's rows are kept in the same store under a key of the
configs, code and model. The store is read and written once per partition, never per document. So
a change under ``configs/`` re-runs only the rules, and a fresh OUT is a cold run.

One bad document never takes the run down. A text over ``PIECE_CHARS`` (and so one over the
model's ``max_length``) is parsed in pieces cut at paragraph breaks and joined into one Doc over the
whole text, which bounds the model's memory. A batch the model
fails on is parsed again one document at a time. Each step of a document (``rules``, ``dates``,
``figures``, ``events``) runs under a guard: a step that raises gives a row of ``warnings``
(``doc_id``, ``stage``, ``reason``) instead of its rows, and the document's other tables are still
written; ``events``, which read the others, are left out when one of them failed; a document the
model failed on has stage ``model`` and no other rows. What is read back from the cache store is
checked: a cached Doc must be of the document's text, and a row record must hold this document's
doc_id, publication date and rows (their SHA-256 and the tables' columns); else the document is
parsed or annotated again and the record rewritten.
"""
from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import attributes, enrich, normalize, selective
from pipeline.cache_store import DocCache, RowCache, Store, model_digest, one_line, rows_key
from pipeline.catalog import Catalog
from pipeline.config import Config, ConfigError
from pipeline.events import EventExtractor
from pipeline.gazetteer import Gazetteer
from pipeline.local_places import check_places
from pipeline.places import PlaceResolver, ordinary_words, place_rows
from pipeline.rules import RULE_COMPONENTS, add_rules

log = logging.getLogger(__name__)

def check_model(config: Config) -> None:
    """Stop before any work when a town of places.yml lies nowhere the gazetteer knows, or when the
    configured model is neither an installed package nor a folder holding a spaCy model (its
    ``config.cfg`` and ``meta.json``, both readable), so that a typo is an exit-2 config error before
    any stage writes, never a worker that fails to start."""
    check_places(config)
    name = config.pipeline.model
    where = f"{config.root / 'pipeline.yml'}: model"
    if spacy.util.is_package(name):
        return
    folder = Path(name)
    if not ((folder / "config.cfg").is_file() and (folder / "meta.json").is_file()):
        raise ConfigError(f"{where}: spaCy model {name!r} is not installed (it is not an installed spaCy model "
                          "package, nor a folder with a model's config.cfg and meta.json)")
    try:
        spacy.util.load_config(folder / "config.cfg")
        spacy.util.load_meta(folder / "meta.json")
    except Exception as err:  # thinc and srsly raise several kinds for a file that does not parse
        raise ConfigError(f"{where}: {name!r} is not a readable spaCy model folder: "
                          f"{' '.join(str(err).split())[:300]}") from None


def load_model(config: Config, catalog: Catalog) -> Language:
    """The configured model with the catalog's rules added; a missing model is a config error."""
    check_model(config)
    try:
        nlp = spacy.load(config.pipeline.model)
    except OSError as err:
        raise ConfigError(f"{config.root / 'pipeline.yml'}: model: {config.pipeline.model!r} cannot be loaded: {err}") from None
    attributes.speed_up(nlp)  # the same tokens as the model's attribute_ruler, by lookup
    towns = [name for town in config.places.towns for name in (town.name, *town.aliases)]
    add_rules(nlp, catalog, config.places.cities + towns + config.places.regions + config.places.countries)
    return nlp


#: Characters of one piece the model parses at a time: spaCy's parser and NER take about 1 GB of
#: memory per 100,000 characters (spaCy's note on ``max_length``, E088), so a 600,000-character text
#: parsed whole took 11 GB; cut at paragraph breaks, pieces change nothing for ordinary articles.
PIECE_CHARS = 100_000
#: Where a text over the model's ``max_length`` is cut, best first: a paragraph break, the end of a
#: sentence or line, a space; with none of them, at the limit itself.
RE_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
RE_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n")
RE_SPACE = re.compile(r"\s+")
BREAKS = (RE_PARAGRAPH_BREAK, RE_SENTENCE_BREAK, RE_SPACE)


def pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it exactly, each
    cut after the last (best) break that fits."""
    found, start = [], 0
    while len(text) - start > limit:
        cut = last_break(text[start: start + limit])
        found.append(text[start: start + cut])
        start += cut
    return [*found, text[start:]]


def last_break(window: str) -> int:
    """Where to cut ``window``: after its last match of the first of :data:`BREAKS` that has one,
    else at its end."""
    for pattern in BREAKS:
        if ends := [m.end() for m in pattern.finditer(window)]:
            return ends[-1]
    return len(window)


def parse_long(nlp: Language, text: str, limit: int) -> Doc:
    """A text over ``limit`` characters parsed in :func:`pieces` and joined into one Doc whose text is
    the document's, so that character offsets index ``documents.text``."""
    doc = Doc.from_docs(list(nlp.pipe(pieces(text, limit), batch_size=1)), ensure_whitespace=False)
    if doc.text != text:
        raise ValueError("the pieces of a long text do not join back into it")
    return doc


class Guard:
    """Runs the steps of one document: a step that raises gives a ``warnings`` row (in :attr:`rows`)
    instead of stopping the run."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.rows: list[dict] = []

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        try:
            yield
        except Exception as err:  # one bad document must never stop a run
            log.warning("%s: %s failed (%s); its rows are left out", self.doc_id, stage, one_line(err))
            self.rows.append(warning_row(self.doc_id, stage, one_line(err)))


def warning_row(doc_id: str, stage: str, reason: str) -> dict:
    return {"doc_id": doc_id, "stage": stage, "reason": reason}


def failed_rows(doc_id: str, stage: str, reason: str) -> dict[str, list[dict]]:
    """The rows of a document no step could run on: one ``warnings`` row."""
    return {**{name: [] for name in TABLES}, "warnings": [warning_row(doc_id, stage, reason)]}


class Annotator:
    """The model, the rules and the extractors, loaded once per process; :meth:`rows` is the work."""

    def __init__(self, config: Config, catalog: Catalog, out: Path | None):
        """``out``: the OUT folder whose model cache to use; None for no cache."""
        self.config = config
        self.catalog = catalog
        self.nlp = load_model(config, catalog)
        self.selection = selective.prepare(self.nlp, config.pipeline.parse, config.events)
        self.statistical = [n for n in self.nlp.pipe_names if n not in RULE_COMPONENTS and n != "senter"]
        self.model_key = model_digest(self.nlp, self.statistical)
        if self.selection:  # the parser runs after the first pass, on the sentences that need it
            self.model_key = selective.cache_key(model_digest(self.nlp, self.statistical + ["senter"]), self.selection)
            self.statistical = selective.first_pass(self.statistical)
        store = Store(out) if out is not None else None
        self.cache = DocCache(store, self.model_key, self.nlp.vocab) if store else None
        self.kept = RowCache(store, rows_key(config), TABLES) if store else None
        self.matcher = normalize.build_matcher(self.nlp.vocab, config.figures)
        self.extractor = EventExtractor(self.nlp, config, catalog)
        self.resolver = PlaceResolver(Gazetteer.load(), config.places,
                                      ordinary_words(config.pipeline.model), self.nlp.vocab)
        self.piece_chars = min(PIECE_CHARS, self.nlp.max_length)

    def parsed(self, documents: list[dict], spent: dict[str, float]) -> tuple[dict[str, Doc], dict[str, str]]:
        """The documents' Docs by doc_id, from the model's cache or parsed now and cached, and why the
        model failed on any other; adds the seconds spent to ``spent["model"]`` and ``spent["cache"]``."""
        clock = time.perf_counter()
        docs = self.cache.get(documents) if self.cache else {}
        missing = [r for r in documents if r["doc_id"] not in docs]
        spent["cache"] += time.perf_counter() - clock
        clock = time.perf_counter()
        with self.nlp.select_pipes(enable=self.statistical):
            new, failed = self.parse(missing)
        if self.selection:
            new, failed = selective.completed(self.nlp, new, failed, self.selection, self.config.pipeline.batch_size)
        spent["model"] += time.perf_counter() - clock
        clock = time.perf_counter()
        if self.cache:
            self.cache.put(new)
        docs.update(new)
        spent["cache"] += time.perf_counter() - clock
        return docs, failed

    def parse(self, documents: list[dict]) -> tuple[dict[str, Doc], dict[str, str]]:
        """The model's Docs by doc_id, in batches, and why it failed on any document. A batch that
        fails is parsed again one document at a time, so a bad document loses only its own rows; a
        text over ``max_length`` is parsed alone, in pieces (:func:`parse_long`)."""
        short = [r for r in documents if len(r["text"]) <= self.piece_chars]
        try:
            texts = ((r["text"], r["doc_id"]) for r in short)
            docs = {doc_id: doc for doc, doc_id in
                    self.nlp.pipe(texts, as_tuples=True, batch_size=self.config.pipeline.batch_size)}
        except Exception as err:  # one bad document must never stop a run
            log.warning("the model failed on a batch (%s); parsing its documents one at a time", one_line(err))
            docs = {}
        failed: dict[str, str] = {}
        for row in (r for r in documents if r["doc_id"] not in docs):
            try:
                text = row["text"]
                docs[row["doc_id"]] = (parse_long(self.nlp, text, self.piece_chars) if len(text) > self.piece_chars
                                       else self.nlp(text))
            except Exception as err:  # one bad document must never stop a run
                log.warning("%s: the model failed (%s); the document has no rows", row["doc_id"], one_line(err))
                failed[row["doc_id"]] = one_line(err)
        return docs, failed

    def rows(self, documents: list[dict]) -> Partition:
        """The rows of ``mentions``, ``dates``, ``figures`` and ``events`` for one partition: a
        document annotated before with the same configs, code and model is read from the row cache."""
        part = Partition(model_key=self.model_key)
        clock = time.perf_counter()
        found = self.kept.get(documents) if self.kept else {}
        todo = [row for row in documents if row["doc_id"] not in found]
        part.spent["cache"] += time.perf_counter() - clock
        docs, failed = self.parsed(todo, part.spent)
        for row in todo:
            doc_id = row["doc_id"]
            found[doc_id] = (self.annotate(row, docs.pop(doc_id), part.spent) if doc_id in docs
                             else failed_rows(doc_id, "model", failed[doc_id]))
        clock = time.perf_counter()
        if self.kept:  # a document with a failed step is not kept: the next run tries it again
            self.kept.put([(row["doc_id"], row["published"], found[row["doc_id"]]) for row in todo
                           if not found[row["doc_id"]]["warnings"]])
        part.spent["cache"] += time.perf_counter() - clock
        for row in documents:
            for name in TABLES:
                part.tables[name].extend(found[row["doc_id"]][name])
        part.annotated = len(todo)
        return part

    def annotate(self, row: dict, doc: Doc, spent: dict[str, float]) -> dict[str, list[dict]]:
        """One parsed document's rows of every table; a step that raises gives a ``warnings`` row
        instead of its rows, and events (which read the others' results) are then left out."""
        doc_id, published = row["doc_id"], row["published"]
        guard = Guard(doc_id)
        mentions, dates, figures, places, events, event_mentions = [], [], [], [], [], []
        clock = time.perf_counter()
        with guard("rules"):
            doc = with_rules(self.nlp, doc)
            mentions = list(mention_rows(doc_id, doc, self.catalog))
        spent["rules"] += time.perf_counter() - clock
        clock = time.perf_counter()
        with guard("dates"):
            dates = list(normalize.date_rows(doc_id, doc, published, self.matcher))
        with guard("figures"):
            figures = list(normalize.figure_rows(doc_id, doc, self.config.figures, self.matcher))
        spent["dates and figures"] += time.perf_counter() - clock
        clock = time.perf_counter()
        with guard("places"):
            found = self.resolver.resolve(doc)
            places = place_rows(doc_id, found)
        spent["places"] += time.perf_counter() - clock
        clock = time.perf_counter()
        if not guard.rows:
            with guard("events"):
                events, event_mentions = self.extractor.extract_all(doc_id, doc, published, dates, figures, found)
                for event in events:  # the sentence itself; the rest is filled in after clustering
                    event.update(evidence=doc.text[event["start_char"]:event["end_char"]], **enrich.LATER)
        normalize.forget(doc)
        spent["events"] += time.perf_counter() - clock
        return {"mentions": mentions, "dates": dates, "figures": figures, "places": places, "events": events,
                "event_mentions": event_mentions, "warnings": guard.rows}


@dataclass
class Partition:
    """What one partition of documents gives: rows per table, and seconds per step (for ``-v``)."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})
    spent: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))
    annotated: int = 0
    #: The :func:`~pipeline.cache_store.model_digest` of the Docs it was made from, for pruning.
    model_key: str = ""


#: The tables a partition gives rows for (``entities`` is written from the linked ids at the end).
TABLES = ("mentions", "dates", "figures", "places", "events", "event_mentions", "warnings")
STEPS = ("model", "cache", "rules", "dates and figures", "places", "events")


def with_rules(nlp: Language, doc: Doc) -> Doc:
    """Run the rule components over a Doc that the model has parsed."""
    for name in RULE_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc


def mention_rows(doc_id: str, doc: Doc, catalog: Catalog) -> Iterator[dict]:
    for ent in doc.ents:
        yield {"doc_id": doc_id, "start_char": ent.start_char, "end_char": ent.end_char, "text": ent.text,
               "label": ent.label_, "entity_id": ent.ent_id_ if ent.ent_id_ in catalog.entries else None,
               "rule": ent.ent_id_ or "model"}



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
the Docs, cached or new, then dates and figures, then places and events. Each of these three steps
keeps its rows of each document in the same store under a key of what it reads for that document
(:mod:`pipeline.step_cache`: the document, the Doc's entities after the rules, the config files it
reads, code and model), and is run step by step over the partition, so that the steps whose rows
are found are skipped: a document with every step's rows found needs no Doc at all, and a pattern
edit that changes no document's entities re-runs only the rules. The store is read and written once
per partition, never per document; a fresh OUT is a cold run.

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
from pipeline.cache_store import DocCache, RowCache, Store, model_digest, one_line
from pipeline.catalog import Catalog
from pipeline.config import Config, ConfigError
from pipeline.events import EventExtractor
from pipeline.gazetteer import Gazetteer
from pipeline.local_places import check_places
from pipeline.places import PlaceResolver, common_words, ordinary_words, place_rows
from pipeline.lemmas import add_verb_lemmas
from pipeline.rules import RULE_COMPONENTS, add_rules
from pipeline.step_cache import (DATES_FIGURES, PLACES_EVENTS, STEP_TABLES, Ledger, entities_digest,
                                 step_deps)

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
    add_verb_lemmas(nlp, config.pipeline.verb_lemmas)  # "staged" is "stage", not "stag"
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
        self.kept = RowCache(store, STEP_TABLES) if store else None
        self.deps = step_deps(config, self.model_key)
        self.matcher = normalize.build_matcher(self.nlp.vocab, config.figures)
        self.extractor = EventExtractor(self.nlp, config, catalog)
        self.resolver = PlaceResolver(Gazetteer.load(), config.places,
                                      ordinary_words(config.pipeline.model), self.nlp.vocab,
                                      common_words(config.pipeline.model), catalog.fights_in())
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
        """The rows of every table for one partition: each step's rows of a document are read from the
        row cache when what the step reads is unchanged (:mod:`pipeline.step_cache`); a document
        with every step's rows found needs no Doc."""
        part = Partition(model_key=self.model_key)
        clock = time.perf_counter()
        ledger = Ledger(self.kept, self.deps, self.model_key, documents)
        todo = [row for row in documents if not ledger.complete(row["doc_id"])]
        part.spent["cache"] += time.perf_counter() - clock
        docs, failed = self.parsed(todo, part.spent)
        work = [(row, docs.pop(row["doc_id"]), Guard(row["doc_id"])) for row in todo if row["doc_id"] in docs]
        rules_step(self, work, ledger, part.spent)
        dates_figures_step(self, work, lookup(ledger, DATES_FIGURES, work, part.spent), ledger, part.spent)
        places_events_step(self, work, lookup(ledger, PLACES_EVENTS, work, part.spent), ledger, part.spent)
        clock = time.perf_counter()
        ledger.save({row["doc_id"] for row, _, guard in work if guard.rows} | set(failed))
        part.spent["cache"] += time.perf_counter() - clock
        warnings = {row["doc_id"]: guard.rows for row, _, guard in work}
        for row in documents:
            doc_id = row["doc_id"]
            found = failed_rows(doc_id, "model", failed[doc_id]) if doc_id in failed else \
                {**ledger.rows(doc_id), "warnings": warnings.get(doc_id, [])}
            for name in TABLES:
                part.tables[name].extend(found[name])
        part.annotated, part.ran = len(todo), ledger.ran
        return part


def rules_step(annotator: Annotator, work: list[tuple[dict, Doc, Guard]], ledger: Ledger,
               spent: dict[str, float]) -> None:
    """The rule components over each Doc, and its ``mentions`` rows; the Doc's entities after them
    key the later steps."""
    clock = time.perf_counter()
    for row, doc, guard in work:
        mentions = []
        with guard("rules"):
            doc = with_rules(annotator.nlp, doc)
            mentions = list(mention_rows(row["doc_id"], doc, annotator.catalog))
        ledger.ruled(row["doc_id"], {"mentions": mentions}, entities_digest(doc))
    spent["rules"] += time.perf_counter() - clock


def lookup(ledger: Ledger, step: str, work: list[tuple[dict, Doc, Guard]], spent: dict[str, float]) -> set[str]:
    """The doc_ids of ``work`` whose rows of ``step`` are not in the cache under their key."""
    clock = time.perf_counter()
    missing = set(ledger.find(step, [row["doc_id"] for row, _, _ in work]))
    spent["cache"] += time.perf_counter() - clock
    return missing


def dates_figures_step(annotator: Annotator, work: list[tuple[dict, Doc, Guard]], missing: set[str],
                       ledger: Ledger, spent: dict[str, float]) -> None:
    """The ``dates`` and ``figures`` rows of each Doc of ``missing``."""
    clock = time.perf_counter()
    for row, doc, guard in (item for item in work if item[0]["doc_id"] in missing):
        doc_id, dates, figures = row["doc_id"], [], []
        with guard("dates"):
            dates = list(normalize.date_rows(doc_id, doc, row["published"], annotator.matcher))
        with guard("figures"):
            figures = list(normalize.figure_rows(doc_id, doc, annotator.config.figures, annotator.matcher))
        ledger.keep(DATES_FIGURES, doc_id, {"dates": dates, "figures": figures})
    spent["dates and figures"] += time.perf_counter() - clock


def places_events_step(annotator: Annotator, work: list[tuple[dict, Doc, Guard]], missing: set[str],
                       ledger: Ledger, spent: dict[str, float]) -> None:
    """The ``places``, ``events`` and ``event_mentions`` rows of each Doc of ``missing``; events,
    which read the other steps' results, are left out when one of them failed."""
    for row, doc, guard in work:
        doc_id, published = row["doc_id"], row["published"]
        if doc_id in missing:
            places, events, event_mentions = [], [], []
            clock = time.perf_counter()
            with guard("places"):
                found = annotator.resolver.resolve(doc)
                places = place_rows(doc_id, found)
            spent["places"] += time.perf_counter() - clock
            clock = time.perf_counter()
            if not guard.rows:
                with guard("events"):
                    made = ledger.found[DATES_FIGURES][doc_id]
                    events, event_mentions = annotator.extractor.extract_all(
                        doc_id, doc, published, made["dates"], made["figures"], found)
                    text = doc.text  # joined from every token on each read
                    for event in events:  # the sentence itself; the rest is filled in after clustering
                        event.update(evidence=text[event["start_char"]:event["end_char"]], **enrich.LATER)
            spent["events"] += time.perf_counter() - clock
            ledger.keep(PLACES_EVENTS, doc_id, {"places": places, "events": events, "event_mentions": event_mentions})
        normalize.forget(doc)


@dataclass
class Partition:
    """What one partition of documents gives: rows per table, and seconds per step (for ``-v``)."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})
    spent: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))
    annotated: int = 0
    #: Documents each cached step ran on (the others' rows came from the cache).
    ran: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STEP_TABLES, 0))
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



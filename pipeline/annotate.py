"""Stage ``annotate``: spaCy over ``documents``, writing ``mentions``, ``entities``, ``dates``,
``figures`` and ``events``.

Documents are handled in partitions (``partition_size`` in ``configs/pipeline.yml``): an :class:`Annotator` turns one
partition into the rows of every table, a pure function of the documents and the configs, and the
engines of :mod:`pipeline.engine` run it in this process, in a pool of processes or on Dask, then
append the rows to the tables in partition order. Memory holds a few partitions, not the corpus.

The model (the installed package named in ``configs/pipeline.yml``) runs first; its Docs are cached
under ``OUT/.cache/spacy/`` as DocBin files keyed by the text's hash and the model's name and
version. The rule components (the catalog's entity ruler and the context rules of
:mod:`pipeline.rules`) then run over the Docs, cached or new. So a change under ``configs/`` re-runs
only the rules, and a fresh OUT is a cold run.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline import normalize, tables
from pipeline.catalog import Catalog
from pipeline.config import Config, ConfigError
from pipeline.events import EventExtractor
from pipeline.rules import RULE_COMPONENTS, add_rules

log = logging.getLogger(__name__)

def check_model(config: Config) -> None:
    """Stop before any work when the configured model is not installed."""
    name = config.pipeline.model
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise ConfigError(f"{config.root / 'pipeline.yml'}: model: spaCy model {name!r} is not installed "
                          "(install its package, or name an installed one)")


def load_model(config: Config, catalog: Catalog) -> Language:
    """The configured model with the catalog's rules added; a missing model is a config error."""
    check_model(config)
    try:
        nlp = spacy.load(config.pipeline.model)
    except OSError as err:
        raise ConfigError(f"{config.root / 'pipeline.yml'}: model: {config.pipeline.model!r} cannot be loaded: {err}") from None
    add_rules(nlp, catalog, config.places.cities + config.places.regions + config.places.countries)
    return nlp


#: Changes whenever what the cached Docs hold changes (the components that run before caching).
CACHE_VERSION = "2"


def cache_folder(out: Path, nlp: Language) -> Path:
    return out / ".cache" / "spacy" / f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}-c{CACHE_VERSION}"


def read_cached(path: Path, nlp: Language) -> Doc | None:
    """A cached Doc, or None when there is none or it cannot be read (it is then parsed again)."""
    if not path.exists():
        return None
    try:
        return next(DocBin().from_disk(path).get_docs(nlp.vocab))
    except Exception as err:  # a damaged cache file must never stop a run
        log.warning("%s: unreadable cache file (%s); parsing the document again", path, err)
        return None


def write_cached(path: Path, doc: Doc) -> None:
    """Write a Doc to the cache atomically: a run killed mid-write leaves no half file behind.

    A cache that cannot be written (a read-only or missing folder on a cluster worker) is logged
    and the run goes on: the cache saves time, it is never needed for the result.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(DocBin(docs=[doc]).to_bytes())
        os.replace(tmp, path)
    except OSError as err:
        log.warning("%s: cannot write the model cache (%s)", path, err)
        tmp.unlink(missing_ok=True)


class Annotator:
    """The model, the rules and the extractors, loaded once per process; :meth:`rows` is the work."""

    def __init__(self, config: Config, catalog: Catalog, out: Path | None):
        """``out``: the OUT folder whose model cache to use; None for no cache."""
        self.config = config
        self.catalog = catalog
        self.nlp = load_model(config, catalog)
        self.cache = cache_folder(out, self.nlp) if out is not None else None
        self.kept = RowCache(out, rows_key(config)) if out is not None else None
        self.matcher = normalize.build_matcher(self.nlp.vocab, config.figures)
        self.extractor = EventExtractor(self.nlp, config, catalog)
        self.statistical = [n for n in self.nlp.pipe_names if n not in RULE_COMPONENTS]

    def parsed(self, documents: list[dict], spent: dict[str, float]) -> list[Doc]:
        """The documents' Docs, in order, from the model's cache or parsed now and cached; adds the
        seconds spent to ``spent["model"]`` and ``spent["cache"]``."""
        clock = time.perf_counter()
        docs: dict[str, Doc] = {}
        if self.cache:
            for row in documents:
                if (cached := read_cached(self.cache_path(row["doc_id"]), self.nlp)) is not None:
                    docs[row["doc_id"]] = cached
        missing = [r for r in documents if r["doc_id"] not in docs]
        spent["cache"] += time.perf_counter() - clock
        clock = time.perf_counter()
        with self.nlp.select_pipes(enable=self.statistical):
            texts = ((r["text"], r["doc_id"]) for r in missing)
            new = list(self.nlp.pipe(texts, as_tuples=True, batch_size=self.config.pipeline.batch_size))
        spent["model"] += time.perf_counter() - clock
        clock = time.perf_counter()
        for doc, doc_id in new:
            if self.cache:
                write_cached(self.cache_path(doc_id), doc)
            docs[doc_id] = doc
        spent["cache"] += time.perf_counter() - clock
        return [docs[row["doc_id"]] for row in documents]

    def cache_path(self, doc_id: str) -> Path:
        return self.cache / doc_id[:2] / f"{doc_id}.spacy"

    def rows(self, documents: list[dict]) -> Partition:
        """The rows of ``mentions``, ``dates``, ``figures`` and ``events`` for one partition: a
        document annotated before with the same configs, code and model is read from the row cache."""
        part = Partition()
        clock = time.perf_counter()
        found: dict[str, dict[str, list[dict]]] = {}
        if self.kept:
            for row in documents:
                if (hit := self.kept.get(row["doc_id"], row["published"])) is not None:
                    found[row["doc_id"]] = hit
        todo = [row for row in documents if row["doc_id"] not in found]
        part.spent["cache"] += time.perf_counter() - clock
        for row, doc in zip(todo, self.parsed(todo, part.spent)):
            found[row["doc_id"]] = self.annotate(row, doc, part.spent)
        clock = time.perf_counter()
        if self.kept:
            for row in todo:
                self.kept.put(row["doc_id"], row["published"], found[row["doc_id"]])
        part.spent["cache"] += time.perf_counter() - clock
        for row in documents:
            for name in TABLES:
                part.tables[name].extend(found[row["doc_id"]][name])
        part.annotated = len(todo)
        return part

    def annotate(self, row: dict, doc: Doc, spent: dict[str, float]) -> dict[str, list[dict]]:
        """One parsed document's rows of every table."""
        doc_id, published = row["doc_id"], row["published"]
        clock = time.perf_counter()
        doc = with_rules(self.nlp, doc)
        mentions = list(mention_rows(doc_id, doc, self.catalog))
        spent["rules"] += time.perf_counter() - clock
        clock = time.perf_counter()
        dates = list(normalize.date_rows(doc_id, doc, published, self.matcher))
        figures = list(normalize.figure_rows(doc_id, doc, self.config.figures, self.matcher))
        spent["dates and figures"] += time.perf_counter() - clock
        clock = time.perf_counter()
        events = self.extractor.extract(doc_id, doc, published, dates, figures)
        normalize.forget(doc)
        spent["events"] += time.perf_counter() - clock
        return {"mentions": mentions, "dates": dates, "figures": figures, "events": events}


def rows_key(config: Config) -> str:
    """What a document's rows depend on besides its text and date: configs, code, model."""
    from pipeline import stamps

    model = config.pipeline.model
    try:
        version = spacy.util.get_package_version(model) or "path"
    except Exception:  # a model given as a path
        version = "path"
    return stamps.digest(config.digest, stamps.code_digest(), model, version, CACHE_VERSION)[:16]


class RowCache:
    """Each document's rows, as JSON under ``OUT/.cache/rows/<key>/`` (:func:`rows_key`), so that an
    unchanged document is not annotated again when others are added or changed. Written atomically;
    an unreadable file is annotated again."""

    def __init__(self, out: Path, key: str):
        self.folder = out / ".cache" / "rows" / key

    def path(self, doc_id: str, published: object) -> Path:
        return self.folder / doc_id[:2] / f"{doc_id}-{published or 'undated'}.json"

    def get(self, doc_id: str, published: object) -> dict[str, list[dict]] | None:
        path = self.path(doc_id, published)
        if not path.exists():
            return None
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
            for name, columns in DATE_COLUMNS.items():
                for row in found[name]:
                    for column in columns:
                        if row[column] is not None:
                            row[column] = dt.date.fromisoformat(row[column])
            return found
        except Exception as err:  # a damaged cache file must never stop a run
            log.warning("%s: unreadable row cache (%s); annotating the document again", path, err)
            return None

    def put(self, doc_id: str, published: object, rows: dict[str, list[dict]]) -> None:
        path = self.path(doc_id, published)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(rows, default=str), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as err:
            log.warning("%s: cannot write the row cache (%s)", path, err)
            tmp.unlink(missing_ok=True)

    def prune(self) -> None:
        """Delete the row caches of other configs, code or models."""
        for other in self.folder.parent.glob("*"):
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)


@dataclass
class Partition:
    """What one partition of documents gives: rows per table, and seconds per step (for ``-v``)."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})
    spent: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))
    annotated: int = 0


#: The tables a partition gives rows for (``entities`` is written from the linked ids at the end).
TABLES = ("mentions", "dates", "figures", "events")
#: Date columns of those tables (JSON in the row cache holds them as ISO strings).
DATE_COLUMNS = {name: [f.name for f in tables.SCHEMAS[name] if f.type == tables.DATE] for name in TABLES}
STEPS = ("model", "cache", "rules", "dates and figures", "events")


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



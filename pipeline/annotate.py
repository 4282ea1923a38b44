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

One bad document never takes the run down. A text over ``PIECE_CHARS`` (and so one over the
model's ``max_length``) is parsed in pieces cut at paragraph breaks and joined into one Doc over the
whole text, which bounds the model's memory. A batch the model
fails on is parsed again one document at a time. Each step of a document (``rules``, ``dates``,
``figures``, ``events``) runs under a guard: a step that raises gives a row of ``warnings``
(``doc_id``, ``stage``, ``reason``) instead of its rows, and the document's other tables are still
written; ``events``, which read the others, are left out when one of them failed; a document the
model failed on has stage ``model`` and no other rows. What is read back from a cache is checked:
a cached Doc must be of the document's text, and a row-cache file must hold this document's doc_id,
publication date and rows (their SHA-256 and the tables' columns); else the document is parsed or
annotated again and the file rewritten.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import inspect
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline import attributes, enrich, normalize, tables
from pipeline.catalog import Catalog
from pipeline.config import Config, ConfigError
from pipeline.events import EventExtractor
from pipeline.gazetteer import Gazetteer
from pipeline.places import PlaceResolver, ordinary_words, place_rows
from pipeline.rules import RULE_COMPONENTS, add_rules

log = logging.getLogger(__name__)

def check_model(config: Config) -> None:
    """Stop before any work when the configured model is neither an installed package nor a folder
    holding a spaCy model (its ``config.cfg`` and ``meta.json``, both readable), so that a typo is
    an exit-2 config error before any stage writes, never a worker that fails to start."""
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
    add_rules(nlp, catalog, config.places.cities + config.places.regions + config.places.countries)
    return nlp


#: Changes whenever the form of the cached Docs changes.
CACHE_VERSION = "3"


def model_digest(nlp: Language, names: list[str]) -> str:
    """What the cached Docs depend on besides their text: spaCy's and the model's versions, and the
    name, factory, settings and (for this project's own) source code of each component in ``names``,
    the ones that run before the cache point. An edit to any of them gives another cache."""
    parts = [spacy.about.__version__, nlp.meta["lang"], nlp.meta["name"], nlp.meta["version"], CACHE_VERSION]
    for name in names:
        proc = nlp.get_pipe(name)
        settings = nlp.config["components"].get(name, {})
        parts += [name, json.dumps(settings, sort_keys=True, default=str)]
        module = inspect.getmodule(proc if inspect.isfunction(proc) else type(proc))
        if module is not None and module.__name__.startswith("pipeline."):
            parts.append(hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def cache_folder(out: Path, nlp: Language, names: list[str]) -> Path:
    """The model cache of this model and of the components that run before caching (:func:`model_digest`)."""
    return out / ".cache" / "spacy" / f"{nlp.meta['lang']}_{nlp.meta['name']}-{model_digest(nlp, names)}"


def read_cached(path: Path, nlp: Language, text: str) -> Doc | None:
    """The cached Doc of ``text``, or None when there is none, it cannot be read or it is the Doc
    of another text (the document is then parsed again and the file rewritten)."""
    if not path.exists():
        return None
    try:
        doc = next(DocBin().from_disk(path).get_docs(nlp.vocab))
    except Exception as err:  # a damaged cache file must never stop a run
        log.warning("%s: unreadable cache file (%s); parsing the document again", path, err)
        return None
    if doc.text != text:
        log.warning("%s: cached Doc of another text; parsing the document again", path)
        return None
    return doc


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


def one_line(err: BaseException) -> str:
    """An exception as one short line for a log or a ``warnings`` row."""
    return " ".join(f"{type(err).__name__}: {err}".split())[:300]


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
        self.statistical = [n for n in self.nlp.pipe_names if n not in RULE_COMPONENTS]
        self.cache = cache_folder(out, self.nlp, self.statistical) if out is not None else None
        self.kept = RowCache(out, rows_key(config)) if out is not None else None
        self.matcher = normalize.build_matcher(self.nlp.vocab, config.figures)
        self.extractor = EventExtractor(self.nlp, config, catalog)
        self.resolver = PlaceResolver(Gazetteer.load(), config.places,
                                      ordinary_words(config.pipeline.model), self.nlp.vocab)
        self.piece_chars = min(PIECE_CHARS, self.nlp.max_length)

    def parsed(self, documents: list[dict], spent: dict[str, float]) -> tuple[dict[str, Doc], dict[str, str]]:
        """The documents' Docs by doc_id, from the model's cache or parsed now and cached, and why the
        model failed on any other; adds the seconds spent to ``spent["model"]`` and ``spent["cache"]``."""
        clock = time.perf_counter()
        docs: dict[str, Doc] = {}
        if self.cache:
            for row in documents:
                if (cached := read_cached(self.cache_path(row["doc_id"]), self.nlp, row["text"])) is not None:
                    docs[row["doc_id"]] = cached
        missing = [r for r in documents if r["doc_id"] not in docs]
        spent["cache"] += time.perf_counter() - clock
        clock = time.perf_counter()
        with self.nlp.select_pipes(enable=self.statistical):
            new, failed = self.parse(missing)
        spent["model"] += time.perf_counter() - clock
        clock = time.perf_counter()
        for doc_id, doc in new.items():
            if self.cache:
                write_cached(self.cache_path(doc_id), doc)
            docs[doc_id] = doc
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
        docs, failed = self.parsed(todo, part.spent)
        for row in todo:
            doc_id = row["doc_id"]
            found[doc_id] = (self.annotate(row, docs[doc_id], part.spent) if doc_id in docs
                             else failed_rows(doc_id, "model", failed[doc_id]))
        clock = time.perf_counter()
        if self.kept:
            for row in todo:
                if not found[row["doc_id"]]["warnings"]:  # a document with a failed step is tried again
                    self.kept.put(row["doc_id"], row["published"], found[row["doc_id"]])
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
    unchanged document is not annotated again when others are added or changed. Written atomically
    with the doc_id, the publication date and the SHA-256 of the rows; a file that cannot be read
    or fails :func:`checked` is annotated again."""

    def __init__(self, out: Path, key: str):
        self.folder = out / ".cache" / "rows" / key

    def path(self, doc_id: str, published: object) -> Path:
        return self.folder / doc_id[:2] / f"{doc_id}-{published or 'undated'}.json"

    def get(self, doc_id: str, published: object) -> dict[str, list[dict]] | None:
        path = self.path(doc_id, published)
        if not path.exists():
            return None
        try:
            return checked(json.loads(path.read_text(encoding="utf-8")), doc_id, published)
        except Exception as err:  # a damaged cache file must never stop a run
            log.warning("%s: unusable row cache (%s); annotating the document again", path, one_line(err))
            return None

    def put(self, doc_id: str, published: object, rows: dict[str, list[dict]]) -> None:
        path = self.path(doc_id, published)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(record_json(doc_id, published, rows), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as err:
            log.warning("%s: cannot write the row cache (%s)", path, err)
            tmp.unlink(missing_ok=True)

    def prune(self) -> None:
        """Delete the row caches of other configs, code or models."""
        for other in self.folder.parent.glob("*"):
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)


def iso(published: object) -> str | None:
    return published.isoformat() if isinstance(published, dt.date) else None


def rows_json(rows: object) -> str:
    """Rows as JSON (dates as ISO strings, keys sorted): the same text before writing and after reading."""
    return json.dumps(rows, default=str, sort_keys=True)


def rows_digest(rows: object) -> str:
    """SHA-256 of :func:`rows_json`."""
    return hashlib.sha256(rows_json(rows).encode()).hexdigest()


def record_json(doc_id: str, published: object, rows: dict[str, list[dict]]) -> str:
    """A row-cache record as JSON: the rows serialised once, for both their checksum and the file."""
    text = rows_json(rows)
    head = json.dumps({"doc_id": doc_id, "published": iso(published),
                       "sha256": hashlib.sha256(text.encode()).hexdigest()})
    return f'{head[:-1]}, "rows": {text}}}'


def checked(record: object, doc_id: str, published: object) -> dict[str, list[dict]]:
    """The rows of a row-cache record, once they are known to be this document's, whole, and of the
    tables' columns and types (dates made dates again); else ValueError saying what is wrong."""
    if not isinstance(record, dict) or record.keys() != {"doc_id", "published", "sha256", "rows"}:
        raise ValueError("not a row-cache record")
    if (record["doc_id"], record["published"]) != (doc_id, iso(published)):
        raise ValueError(f"the rows of {record['doc_id']!r} published {record['published']!r}")
    rows = record["rows"]
    if record["sha256"] != rows_digest(rows):
        raise ValueError("the rows do not match their SHA-256")
    if not isinstance(rows, dict) or rows.keys() != set(TABLES):
        raise ValueError(f"not the tables {', '.join(TABLES)}")
    for name in TABLES:
        columns = set(tables.SCHEMAS[name].names)
        if not isinstance(rows[name], list) or not all(isinstance(r, dict) and r.keys() == columns for r in rows[name]):
            raise ValueError(f"{name}: not a list of rows of its columns")
        for row in rows[name]:
            for column in DATE_COLUMNS[name]:
                row[column] = dt.date.fromisoformat(row[column]) if row[column] is not None else None
        pa.Table.from_pylist(rows[name], schema=tables.SCHEMAS[name])  # raises on a wrong type
    return rows


@dataclass
class Partition:
    """What one partition of documents gives: rows per table, and seconds per step (for ``-v``)."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})
    spent: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))
    annotated: int = 0


#: The tables a partition gives rows for (``entities`` is written from the linked ids at the end).
TABLES = ("mentions", "dates", "figures", "places", "events", "event_mentions", "warnings")
#: Date columns of those tables (JSON in the row cache holds them as ISO strings).
DATE_COLUMNS = {name: [f.name for f in tables.SCHEMAS[name] if f.type == tables.DATE] for name in TABLES}
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



"""Stage ``annotate``: spaCy over ``documents``, writing ``mentions`` and ``entities``.

The model (the installed package named in ``configs/pipeline.yml``) runs first; its Docs are cached
under ``OUT/.cache/spacy/`` as DocBin files keyed by the text's hash and the model's name and
version. The rule components (the catalog's entity ruler and the context rules of
:mod:`pipeline.rules`) then run over the Docs, cached or new. So a change under ``configs/`` re-runs
only the rules, and a fresh OUT is a cold run.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from pipeline import normalize, tables
from pipeline.catalog import Catalog
from pipeline.config import Config, ConfigError
from pipeline.events import EventExtractor
from pipeline.rules import RULE_COMPONENTS, add_rules

log = logging.getLogger(__name__)

#: Documents handled together: cached ones are read, missing ones parsed, then all are ruled.
CHUNK = 256


def load_model(config: Config, catalog: Catalog) -> Language:
    """The configured model with the catalog's rules added; a missing model is a config error."""
    name = config.pipeline.model
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ConfigError(f"{config.root / 'pipeline.yml'}: model: spaCy model {name!r} is not installed "
                          "(install its package, or name an installed one)") from None
    add_rules(nlp, catalog, config.places.cities + config.places.regions + config.places.countries)
    return nlp


#: Changes whenever what the cached Docs hold changes (the components that run before caching).
CACHE_VERSION = "2"


def cache_folder(out: Path, nlp: Language) -> Path:
    return out / ".cache" / "spacy" / f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}-c{CACHE_VERSION}"


def parsed(nlp: Language, documents: list[dict], out: Path, config: Config) -> Iterator[tuple[str, Doc]]:
    """``(doc_id, Doc)`` in document order, from the model's cache or parsed now and cached."""
    folder = cache_folder(out, nlp)
    statistical = [n for n in nlp.pipe_names if n not in RULE_COMPONENTS]
    rows = iter(documents)
    while chunk := list(islice(rows, CHUNK)):
        docs: dict[str, Doc] = {}
        missing = []
        for row in chunk:
            cached = read_cached(folder / row["doc_id"][:2] / f"{row['doc_id']}.spacy", nlp)
            if cached is not None:
                docs[row["doc_id"]] = cached
            else:
                missing.append(row)
        with nlp.select_pipes(enable=statistical):
            texts = ((r["text"], r["doc_id"]) for r in missing)
            for doc, doc_id in nlp.pipe(texts, as_tuples=True, batch_size=config.pipeline.batch_size,
                                        n_process=config.pipeline.n_process or -1):
                write_cached(folder / doc_id[:2] / f"{doc_id}.spacy", doc)
                docs[doc_id] = doc
        for row in chunk:
            yield row["doc_id"], docs[row["doc_id"]]


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
    """Write a Doc to the cache atomically: a run killed mid-write leaves no half file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(DocBin(docs=[doc]).to_bytes())
    os.replace(tmp, path)


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


def run(config: Config, nlp: Language, catalog: Catalog, out: Path, *, meta: dict[str, str]) -> tuple[int, int]:
    """Annotate ``OUT/documents.parquet``: write ``mentions``, ``entities``, ``dates``, ``figures`` and
    ``events``; return the mention and event counts."""
    documents = tables.read(out, "documents").select(["doc_id", "text", "published"]).to_pylist()
    published = {d["doc_id"]: d["published"] for d in documents}
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    extractor = EventExtractor(nlp, config, catalog)
    rows: dict[str, list[dict]] = {"mentions": [], "dates": [], "figures": [], "events": []}
    spent = {"model": 0.0, "rules": 0.0, "dates and figures": 0.0, "events": 0.0}
    clock = time.perf_counter()
    for doc_id, doc in tqdm(parsed(nlp, documents, out, config), total=len(documents), desc="annotate",
                            unit="doc", disable=None):
        spent["model"] += time.perf_counter() - clock
        clock = time.perf_counter()
        doc = with_rules(nlp, doc)
        rows["mentions"].extend(mention_rows(doc_id, doc, catalog))
        spent["rules"] += time.perf_counter() - clock
        clock = time.perf_counter()
        dates = list(normalize.date_rows(doc_id, doc, published[doc_id], matcher))
        figures = list(normalize.figure_rows(doc_id, doc, config.figures, matcher))
        rows["dates"].extend(dates)
        rows["figures"].extend(figures)
        spent["dates and figures"] += time.perf_counter() - clock
        clock = time.perf_counter()
        rows["events"].extend(extractor.extract(doc_id, doc, published[doc_id], dates, figures))
        spent["events"] += time.perf_counter() - clock
        clock = time.perf_counter()
    log.info("annotate: %s", ", ".join(f"{k} {v:.2f} s" for k, v in spent.items()))
    for name, table_rows in rows.items():
        tables.write(out, name, table_rows, meta)
    linked = {r["entity_id"] for r in rows["mentions"] if r["entity_id"]}
    tables.write(out, "entities", catalog.rows(linked), meta)
    return len(rows["mentions"]), len(rows["events"])

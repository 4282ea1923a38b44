"""Stage ``annotate``: the spaCy model over ``documents``, writing ``mentions`` and ``entities``.

The model is the installed package named in ``configs/pipeline.yml``; it is loaded from disk, never
downloaded. Every entity span the model finds becomes a ``mentions`` row.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from tqdm import tqdm

from pipeline import tables
from pipeline.config import Config, ConfigError

log = logging.getLogger(__name__)


def load_model(config: Config) -> Language:
    """Load the configured model package; a missing one is a config error naming the file."""
    name = config.pipeline.model
    try:
        return spacy.load(name)
    except OSError:
        raise ConfigError(f"{config.root / 'pipeline.yml'}: model: spaCy model {name!r} is not installed "
                          "(install its package, or name an installed one)") from None


def model_meta(nlp: Language) -> dict[str, str]:
    """Model name and version for the tables' metadata."""
    return {"model": f"{nlp.meta['lang']}_{nlp.meta['name']}", "model_version": nlp.meta["version"]}


def mentions(nlp: Language, documents: list[dict], config: Config) -> Iterator[dict]:
    """One row per entity span the model finds, in document and text order."""
    texts = ((d["text"], d["doc_id"]) for d in documents)
    n_process = config.pipeline.n_process or -1
    docs = nlp.pipe(texts, as_tuples=True, batch_size=config.pipeline.batch_size, n_process=n_process)
    for doc, doc_id in tqdm(docs, total=len(documents), desc="annotate", unit="doc", disable=None):
        for ent in doc.ents:
            yield {"doc_id": doc_id, "start_char": ent.start_char, "end_char": ent.end_char,
                   "text": ent.text, "label": ent.label_, "entity_id": ent.ent_id_ or None}


def run(config: Config, nlp: Language, out: Path, *, meta: dict[str, str]) -> int:
    """Annotate ``OUT/documents.parquet``; write ``mentions`` and ``entities``; return the mention count."""
    documents = tables.read(out, "documents").select(["doc_id", "text"]).to_pylist()
    count = tables.write(out, "mentions", mentions(nlp, documents, config), meta)
    tables.write(out, "entities", [], meta,
                 status="not built yet: the group and operation catalog (configs/groups.yml) comes next")
    return count

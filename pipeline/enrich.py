"""Self-contained ``events`` and ``incidents``: the columns an analyst would otherwise join for.

Every question about an event used to need a join with ``documents`` and a substring of its text.
After clustering, :func:`events_table` writes on each events row its document's ``title``,
``source_id``, ``url`` and ``published`` and the comparison categories of its type (``plover``,
``acled``, ``gtd``: the ``mapping:`` of the type in ``configs/events.yml``), and
:func:`incident_fields` gives each incident the same fields from its first report (the earliest
published document, then the smallest doc_id and offset), with every report's URL. The evidence
sentence itself (``events.evidence``) is cut from the text in the annotate stage, where it is at hand.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.eventtypes import CATEGORIES, EventType

#: The ``documents`` columns copied onto each events row.
DOC_FIELDS = ("title", "source_id", "url", "published")
#: The events columns :func:`events_table` fills in, empty until then (and so in the row cache).
LATER = dict.fromkeys((*DOC_FIELDS, *CATEGORIES))


def document_fields(out: Path) -> dict[str, dict]:
    """``documents``' :data:`DOC_FIELDS` by doc_id, without the texts."""
    table = pq.read_table(out / "documents.parquet", columns=["doc_id", *DOC_FIELDS])
    return {row.pop("doc_id"): row for row in table.to_pylist()}


def categories(types: dict[str, EventType]) -> dict[str, dict[str, str | None]]:
    """Each type's PLOVER, ACLED and GTD category (null where its mapping gives none)."""
    return {name: {key: kind.mapping.get(key) for key in CATEGORIES} for name, kind in types.items()}


def events_table(table: pa.Table, docs: dict[str, dict], cats: dict[str, dict]) -> pa.Table:
    """One batch of events rows with its document fields and type categories filled in."""
    doc_ids = table.column("doc_id").to_pylist()
    kinds = table.column("event_type").to_pylist()
    nothing: dict = {}
    for name in DOC_FIELDS:
        values = [docs.get(d, nothing).get(name) for d in doc_ids]
        table = set_column(table, name, pa.array(values, type=table.schema.field(name).type))
    for name in CATEGORIES:
        table = set_column(table, name, pa.array([cats.get(k, nothing).get(name) for k in kinds], pa.string()))
    return table


def set_column(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, values)


def first_report(records: list[dict], docs: dict[str, dict]) -> dict:
    """The cluster's events row from the earliest published document (undated documents last)."""
    def order(record: dict) -> tuple:
        published = docs.get(record["doc_id"], {}).get("published")
        return published is None, published or dt.date.min, record["doc_id"], record.get("start_char") or 0

    return min(records, key=order)


def incident_fields(records: list[dict], docs: dict[str, dict], cats: dict[str, dict]) -> dict:
    """An incident's evidence, title, source_id, url and published date from its first report, every report's
    URL (sorted, once each), and its type's categories."""
    first = first_report(records, docs)
    doc = docs.get(first["doc_id"], {})
    urls = sorted({u for r in records if (u := docs.get(r["doc_id"], {}).get("url"))})
    return {"evidence": first.get("evidence"), "title": doc.get("title"), "source_id": doc.get("source_id"),
            "url": doc.get("url"), "published": doc.get("published"), "urls": urls,
            **cats.get(records[0]["event_type"], {})}

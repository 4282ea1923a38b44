"""``make review``: HTML pages for checking what the pipeline found, one per document.

Each page shows the clean text with displaCy's entity highlighting, built from the tables in OUT
alone: the catalog's groups and operations (the canonical name on hover), the model's people and
places, and the normalised dates and figures (their value on hover); under it, every event with
its evidence and fields. ``OUT/review/index.html`` lists the documents with their counts, and the
rejected inputs with their reasons.
"""
from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from spacy import displacy

from pipeline import tables

#: Highlight colours: the catalog's types stand out; dates and figures are quiet; the rest grey.
COLORS = {
    "MILITANT_GROUP": "#f4a261",
    "OPERATION": "#8ecae6",
    "PERSON": "#e9c46a",
    "GPE": "#b7e4c7",
    "LOC": "#b7e4c7",
    "NORP": "#d8e2dc",
    "ORG": "#cdb4db",
    "DATE": "#ffd6e0",
    "FIGURE": "#fde2e4",
}
#: Labels shown; the model's other labels (CARDINAL, ORDINAL, MONEY ...) are covered by FIGURE/DATE.
SHOWN = ("MILITANT_GROUP", "OPERATION", "PERSON", "GPE", "LOC", "NORP", "ORG", "FAC", "DATE", "FIGURE")
#: When spans overlap, the lower rank wins: catalog entities, then normalised values, then the model.
RANK = {"MILITANT_GROUP": 0, "OPERATION": 0, "DATE": 1, "FIGURE": 1}

#: displaCy's entity template with a hover title (the canonical name or the normalised value).
TEMPLATE = ('<mark class="entity" data-label="{label}" title="{hover}" style="background: {bg}; padding: 0.3em 0.5em;'
            ' margin: 0 0.2em; line-height: 1.9; border-radius: 0.35em;">{text}<span style="font-size: 0.7em;'
            ' font-weight: bold; vertical-align: middle; margin-left: 0.4rem">{label}{kb_link}</span></mark>')

STYLE = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 64rem;
       padding: 0 1rem; color: #1d1d1f; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.legend mark { padding: 0.2em 0.5em; border-radius: 0.35em; margin-right: 0.4rem; }
.evidence { font-style: italic; min-width: 24rem; }
.meta { color: #555; }
.entities { line-height: 2.2; }
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def legend() -> str:
    marks = "".join(f'<mark style="background: {COLORS.get(label, "#ddd")}">{label}</mark>' for label in SHOWN)
    return f'<p class="legend">{marks}</p>'


def spans(doc_mentions: pd.DataFrame, doc_dates: pd.DataFrame, doc_figures: pd.DataFrame,
          names: dict[str, str]) -> list[dict]:
    """displaCy spans for one document: no overlaps, the higher-ranked span kept."""
    found = []
    for m in doc_mentions.itertuples():
        if m.label in SHOWN and m.label not in ("DATE",):
            hover = names.get(m.entity_id, m.entity_id) if isinstance(m.entity_id, str) else f"{m.label} (model)"
            found.append((m.start_char, m.end_char, m.label, hover))
    for d in doc_dates.itertuples():
        hover = f"{d.value} ({d.granularity}{', ' + d.qualifier if isinstance(d.qualifier, str) else ''})"
        found.append((d.start_char, d.end_char, "DATE", hover))
    for f in doc_figures.itertuples():
        value = f"{f.value:g}" if pd.notna(f.value) else f"{f.low:g}-{f.high:g}"
        unit = f" {f.unit}" if isinstance(f.unit, str) else ""
        found.append((f.start_char, f.end_char, "FIGURE", f"{value}{unit}"))
    found.sort(key=lambda s: (RANK.get(s[2], 2), s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str]] = []
    for span in found:
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return [{"start": a, "end": b, "label": label, "params": {"hover": html.escape(hover, quote=True)}}
            for a, b, label, hover in sorted(kept)]


def highlighted(text: str, doc_spans: list[dict]) -> str:
    return displacy.render({"text": text, "ents": doc_spans}, style="ent", manual=True, page=False,
                           options={"colors": COLORS, "template": TEMPLATE})


def event_rows(doc_events: pd.DataFrame, text: str, names: dict[str, str]) -> str:
    if doc_events.empty:
        return "<p>No events found in this document.</p>"
    head = ("<tr><th>type</th><th>evidence</th><th>date</th><th>location</th><th>actors</th><th>target</th>"
            "<th>killed</th><th>wounded</th><th>confidence</th><th>rule</th></tr>")
    rows = []
    for e in doc_events.itertuples():
        evidence = html.escape(text[e.start_char:e.end_char])
        if isinstance(e.trigger, str) and e.trigger:
            evidence = evidence.replace(html.escape(e.trigger), f"<b>{html.escape(e.trigger)}</b>", 1)
        date = "" if pd.isna(e.date_start) else str(e.date_start) + (
            "" if pd.isna(e.date_end) or e.date_end == e.date_start else f" to {e.date_end}")
        if isinstance(e.date_source, str):
            date += f' <span class="meta">({esc(e.date_source)})</span>'
        actors = ", ".join(html.escape(names.get(a, a)) for a in (e.actor_ids if e.actor_ids is not None else []))
        cells = [esc(e.event_type), f'<div class="evidence">{evidence}</div>', date, esc(e.location), actors,
                 esc(e.target), number(e.killed), number(e.wounded),
                 f"{e.confidence:.2f}" if pd.notna(e.confidence) else "", esc(e.rule)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def esc(value: object) -> str:
    """HTML-escaped text of a cell; empty for a missing value (None or pandas' NaN)."""
    return html.escape(value) if isinstance(value, str) else ""


def number(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def grouped(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {doc_id: part for doc_id, part in frame.groupby("doc_id", sort=False)}


def documents(out: Path) -> Iterator[dict]:
    """The documents table a row group at a time (texts are large)."""
    import pyarrow.parquet as pq

    source = pq.ParquetFile(out / "documents.parquet")
    for batch in source.iter_batches(columns=["doc_id", "source_id", "title", "published", "text"]):
        yield from batch.to_pylist()


def build(out: Path) -> Path:
    """Write ``OUT/review/``: one page per document and ``index.html``; return the index's path."""
    tables.require(out, ("documents", "mentions", "dates", "figures", "events", "entities", "rejects"))
    entities = tables.read(out, "entities").to_pandas()
    names = dict(zip(entities.entity_id, entities.name))
    types = dict(zip(entities.entity_id, entities.type))
    mentions = grouped(tables.read(out, "mentions").to_pandas())
    dates = grouped(tables.read(out, "dates").to_pandas())
    figures = grouped(tables.read(out, "figures").to_pandas())
    events = grouped(tables.read(out, "events").to_pandas())
    empty = {name: tables.SCHEMAS[name].empty_table().to_pandas() for name in ("mentions", "dates", "figures", "events")}
    folder = out / "review"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs").mkdir(parents=True)
    index_rows = []
    for doc in documents(out):
        doc_id = doc["doc_id"]
        m = mentions.get(doc_id, empty["mentions"])
        d, f = dates.get(doc_id, empty["dates"]), figures.get(doc_id, empty["figures"])
        e = events.get(doc_id, empty["events"])
        title = doc["title"] or doc["source_id"]
        groups = sorted({names[i] for i in m.entity_id.dropna() if types.get(i) == "MILITANT_GROUP"})
        body = (f'<p><a href="../index.html">All documents</a></p><h1>{html.escape(title)}</h1>'
                f'<p class="meta">{html.escape(doc["source_id"])} · published {doc["published"] or "unknown"} · '
                f"doc_id {doc_id}</p>{legend()}"
                f'<div class="entities">{highlighted(doc["text"], spans(m, d, f, names))}</div>'
                f"<h2>Events ({len(e)})</h2>{event_rows(e, doc['text'], names)}")
        (folder / "docs" / f"{doc_id}.html").write_text(page(title, body), encoding="utf-8")
        index_rows.append(f'<tr><td><a href="docs/{doc_id}.html">{html.escape(title)}</a></td>'
                          f"<td>{doc['published'] or ''}</td><td>{html.escape(doc['source_id'])}</td>"
                          f"<td>{len(m)}</td><td>{html.escape(', '.join(groups))}</td><td>{len(d)}</td>"
                          f"<td>{len(f)}</td><td>{len(e)}</td></tr>")
    rejects = tables.read(out, "rejects").to_pylist()
    reject_rows = "".join(f"<tr><td>{html.escape(r['source_id'])}</td><td>{html.escape(r['reason'])}</td></tr>"
                          for r in rejects)
    counts = {name: tables.count(out, name) for name in ("documents", "rejects", "mentions", "dates", "figures", "events")}
    summary = " · ".join(f"{k} {v}" for k, v in counts.items())
    index = (f"<h1>Review of {html.escape(str(out))}</h1><p>{summary}</p>{legend()}"
             "<table><tr><th>document</th><th>published</th><th>source</th><th>mentions</th><th>groups</th>"
             f"<th>dates</th><th>figures</th><th>events</th></tr>{''.join(index_rows)}</table>"
             f"<h2>Rejected inputs ({len(rejects)})</h2>"
             + (f"<table><tr><th>input</th><th>reason</th></tr>{reject_rows}</table>" if rejects else "<p>None.</p>"))
    (folder / "index.html").write_text(page("Review", index), encoding="utf-8")
    return folder / "index.html"

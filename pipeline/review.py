"""``make review``: HTML pages for checking what the pipeline found, one per document, and the incidents.

Each page shows the clean text with displaCy's entity template: the catalog's groups and operations
(the canonical name on hover), the model's people and places, and the normalised dates and figures
(their value on hover); each event's evidence sentences (its own and every asserted mention folded
into it, ``event_mentions``) are underlined in the text under an anchor ``#event-<event_id>``, and
the one a link points at is highlighted. Under the text, every event with its evidence and fields.
``OUT/review/index.html`` lists the documents (by published date, then title; sortable and filtered
by a text box, in the URL as ``?q=``) and the rejected inputs; ``OUT/review/incidents.html`` the
incidents (:mod:`pipeline.incidents_page`). Everything works offline: one inlined script, no network.
"""
from __future__ import annotations

import datetime as dt
import html
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from pipeline import incidents_page, tables

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
DEFAULT_COLOR = "#ddd"
#: Labels shown; the model's other labels (CARDINAL, ORDINAL, MONEY ...) are covered by FIGURE/DATE.
SHOWN = ("MILITANT_GROUP", "OPERATION", "PERSON", "GPE", "LOC", "NORP", "ORG", "FAC", "DATE", "FIGURE")
#: When spans overlap, the lower rank wins: catalog entities, then normalised values, then the model.
RANK = {"MILITANT_GROUP": 0, "OPERATION": 0, "DATE": 1, "FIGURE": 1}

#: displaCy's entity template with a hover title (the canonical name or the normalised value).
TEMPLATE = ('<mark class="entity" data-label="{label}" title="{hover}" style="background: {bg}; padding: 0.3em 0.5em;'
            ' margin: 0 0.2em; line-height: 1.9; border-radius: 0.35em;">{text}<span style="font-size: 0.7em;'
            ' font-weight: bold; vertical-align: middle; margin-left: 0.4rem">{label}{kb_link}</span></mark>')

STYLE = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 80rem;
       padding: 0 1rem; color: #1d1d1f; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
th.sortable { cursor: pointer; white-space: nowrap; }
th[aria-sort=ascending]::after { content: " \\25B4"; }
th[aria-sort=descending]::after { content: " \\25BE"; }
td.num { text-align: right; }
.scroll { max-width: 100%; overflow-x: auto; }
.legend mark, .legend > span { padding: 0.2em 0.5em; border-radius: 0.35em; margin-right: 0.4rem; }
.evidence { font-style: italic; min-width: 16rem; max-width: 36rem; overflow-wrap: anywhere; }
.meta { color: #555; }
.entities { line-height: 2.2; overflow-wrap: anywhere; }
.entities .evidence { font-style: normal; min-width: 0; max-width: none; text-decoration: underline 2px #e76f51;
                      text-underline-offset: 0.35em; }
.entities .evidence.current { background: #ffe8a3; }
.anchor { scroll-margin-top: 4rem; }
#filter { font-size: 1rem; padding: 0.2rem 0.4rem; width: 24rem; max-width: 100%; }
"""
SCRIPT = Path(__file__).parent / "static" / "review.js"


def page(title: str, body: str, init: str | None = None) -> str:
    """A whole page: the shared style, ``body``, and the review script when ``init`` names its entry point."""
    script = f"<script>{SCRIPT.read_text(encoding='utf-8')}\n{init}();</script>" if init else ""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n{body}\n{script}</body></html>\n")


def legend() -> str:
    marks = "".join(f'<mark style="background: {COLORS.get(label, DEFAULT_COLOR)}">{label}</mark>' for label in SHOWN)
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


def evidence_ranges(doc_events: pd.DataFrame, doc_mentions: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Each event's evidence sentences: its own span and those of the asserted mentions folded into it."""
    found: dict[str, set[tuple[int, int]]] = {}
    for e in doc_events.itertuples():
        found.setdefault(e.event_id, set()).add((int(e.start_char), int(e.end_char)))
    for m in doc_mentions.dropna(subset=["event_id"]).itertuples():
        found.setdefault(m.event_id, set()).add((int(m.start_char), int(m.end_char)))
    return {event_id: sorted(ranges) for event_id, ranges in found.items()}


def snap(cut: int, doc_spans: list[dict]) -> int:
    """A cut between evidence pieces moved to the end of an entity span it would split, so marks stay whole."""
    for span in doc_spans:
        if span["start"] < cut < span["end"]:
            return span["end"]
    return cut


def pieces(length: int, evidence: dict[str, list[tuple[int, int]]], doc_spans: list[dict]) -> list[tuple[int, int, list[str]]]:
    """The text cut at every evidence boundary: (start, end, the events whose evidence covers it)."""
    snapped = {e: [(snap(max(0, min(a, length)), doc_spans), snap(max(0, min(b, length)), doc_spans)) for a, b in rs]
               for e, rs in evidence.items()}
    cuts = sorted({0, length} | {c for rs in snapped.values() for r in rs for c in r})
    return [(a, b, sorted(e for e, rs in snapped.items() if any(s <= a and b <= t for s, t in rs)))
            for a, b in zip(cuts, cuts[1:]) if a < b]


def plain(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def marked(text: str, doc_spans: list[dict], start: int, end: int) -> str:
    """``text[start:end]`` with the spans inside it marked with :data:`TEMPLATE`, as displaCy renders them."""
    markup, offset = [], start
    for span in doc_spans:
        if span["start"] >= start and span["end"] <= end:
            markup.append(plain(text[offset:span["start"]]))
            markup.append(TEMPLATE.format(label=span["label"], text=html.escape(text[span["start"]:span["end"]]),
                                          bg=COLORS.get(span["label"], DEFAULT_COLOR), kb_link="", **span["params"]))
            offset = span["end"]
    return "".join(markup) + plain(text[offset:end])


def highlighted(text: str, doc_spans: list[dict], evidence: dict[str, list[tuple[int, int]]] | None = None) -> str:
    """The text with its spans marked and each event's evidence wrapped in ``<span class="evidence"
    data-events="...">``, an empty ``<span id="event-<event_id>">`` before the first piece of each event."""
    out, anchored = [], set()
    for start, end, events in pieces(len(text), evidence or {}, doc_spans):
        content = marked(text, doc_spans, start, end)
        if events:
            new = [e for e in events if e not in anchored]
            anchored.update(new)
            anchors = "".join(f'<span class="anchor" id="event-{html.escape(e)}"></span>' for e in new)
            content = f'{anchors}<span class="evidence" data-events="{html.escape(" ".join(events))}">{content}</span>'
        out.append(content)
    return f'<div class="entities">{"".join(out)}</div>'


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
        kind = f'<a href="#event-{html.escape(e.event_id)}" title="its evidence in the text">{esc(e.event_type)}</a>'
        cells = [kind, f'<div class="evidence">{evidence}</div>', date, esc(e.location), actors,
                 esc(e.target), number(e.killed), number(e.wounded),
                 f"{e.confidence:.2f}" if pd.notna(e.confidence) else "", esc(e.rule)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<div class="scroll"><table>{head}{"".join(rows)}</table></div>'


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


class Tables:
    """The tables a review page reads, grouped by document, with an empty frame for a document that has none."""

    GROUPED = ("mentions", "dates", "figures", "events", "event_mentions")

    def __init__(self, out: Path):
        entities = tables.read(out, "entities").to_pandas()
        self.names = dict(zip(entities.entity_id, entities.name))
        self.types = dict(zip(entities.entity_id, entities.type))
        self.by_doc = {name: grouped(self.read(out, name)) for name in self.GROUPED}
        self.empty = {name: tables.SCHEMAS[name].empty_table().to_pandas() for name in self.GROUPED}

    @staticmethod
    def read(out: Path, name: str) -> pd.DataFrame:
        if name == "event_mentions" and not (out / f"{name}.parquet").exists():  # tables of schema version 1
            return tables.SCHEMAS[name].empty_table().to_pandas()
        return tables.read(out, name).to_pandas()

    def of(self, doc_id: str) -> dict[str, pd.DataFrame]:
        return {name: self.by_doc[name].get(doc_id, self.empty[name]) for name in self.GROUPED}


def document_page(doc: dict, t: Tables) -> tuple[str, dict]:
    """One document's page and its row of the index (the counts shown there)."""
    doc_id, parts = doc["doc_id"], t.of(doc["doc_id"])
    m, d, f, e = parts["mentions"], parts["dates"], parts["figures"], parts["events"]
    title = doc["title"] or doc["source_id"]
    marks = highlighted(doc["text"], spans(m, d, f, t.names), evidence_ranges(e, parts["event_mentions"]))
    body = (f'<p><a href="../index.html">All documents</a> · <a href="../incidents.html">Incidents</a></p>'
            f"<h1>{html.escape(title)}</h1>"
            f'<p class="meta">{html.escape(doc["source_id"])} · published {doc["published"] or "unknown"} · '
            f"doc_id {doc_id}</p>{legend()}{marks}"
            f"<h2>Events ({len(e)})</h2>{event_rows(e, doc['text'], t.names)}")
    groups = sorted({t.names[i] for i in m.entity_id.dropna() if t.types.get(i) == "MILITANT_GROUP"})
    row = {"doc_id": doc_id, "title": title, "published": doc["published"], "source_id": doc["source_id"],
           "counts": (len(m), ", ".join(groups), len(d), len(f), len(e))}
    return page(title, body, "initDocument"), row


def index_rows(rows: list[dict]) -> str:
    """The documents' rows, by published date (undated last), then title."""
    ordered = sorted(rows, key=lambda r: (r["published"] is None, r["published"] or dt.date.min, r["title"].lower()))
    cells = []
    for r in ordered:
        mentions, groups, n_dates, n_figures, n_events = r["counts"]
        cells.append(f'<tr><td><a href="docs/{r["doc_id"]}.html">{html.escape(r["title"])}</a></td>'
                     f'<td>{r["published"] or ""}</td><td>{html.escape(r["source_id"])}</td><td class="num">{mentions}</td>'
                     f'<td>{html.escape(groups)}</td><td class="num">{n_dates}</td><td class="num">{n_figures}</td>'
                     f'<td class="num">{n_events}</td></tr>')
    return "".join(cells)


def index_page(out: Path, rows: list[dict]) -> str:
    """``index.html``: the summary, the documents (sortable, filtered by a text box) and the rejects."""
    rejects = tables.read(out, "rejects").to_pylist()
    reject_rows = "".join(f"<tr><td>{html.escape(r['source_id'])}</td><td>{html.escape(r['reason'])}</td></tr>"
                          for r in rejects)
    counts = {name: tables.count(out, name) for name in ("documents", "rejects", "mentions", "dates", "figures", "events")}
    summary = " · ".join(f"{k} {v}" for k, v in counts.items())
    head = "".join(f'<th data-key="{i}">{name}</th>' for i, name in enumerate(
        ("document", "published", "source", "mentions", "groups", "dates", "figures", "events")))
    return (f"<h1>Review of {html.escape(str(out))}</h1><p>{summary} · <a href=\"incidents.html\">incidents</a></p>"
            f'{legend()}<p><input id="filter" type="search" placeholder="filter: words of the title, source or groups">'
            f' <span id="count" class="meta">{len(rows)} of {len(rows)} documents</span></p>'
            f'<div class="scroll" id="documents"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{index_rows(rows)}</tbody></table></div>"
            f"<h2>Rejected inputs ({len(rejects)})</h2>"
            + (f"<table><tr><th>input</th><th>reason</th></tr>{reject_rows}</table>" if rejects else "<p>None.</p>"))


def build(out: Path) -> Path:
    """Write ``OUT/review/``: one page per document, ``index.html`` and ``incidents.html``; return the index's path."""
    tables.require(out, ("documents", "mentions", "dates", "figures", "events", "entities", "rejects"))
    t = Tables(out)
    folder = out / "review"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs").mkdir(parents=True)
    rows, docs, evidence = [], {}, {}
    for doc in tqdm(documents(out), total=tables.count(out, "documents"), desc="review", unit="doc", disable=None):
        markup, row = document_page(doc, t)
        (folder / "docs" / f"{doc['doc_id']}.html").write_text(markup, encoding="utf-8")
        rows.append(row)
        docs[doc["doc_id"]] = {"title": row["title"], "published": doc["published"], "source_id": doc["source_id"]}
        evidence.update((e.event_id, doc["text"][e.start_char:e.end_char]) for e in t.of(doc["doc_id"])["events"].itertuples())
    (folder / "index.html").write_text(page("Review", index_page(out, rows), "initIndex"), encoding="utf-8")
    incidents_page.build(out, folder, docs, evidence, page)
    return folder / "index.html"

"""``OUT/review/incidents.html``: every incident, its reports, filters and a map, in one offline page.

One row per incident (``incidents``, one ``cluster_id``), and under it the events rows of that
cluster: each document's title (linked to the event's highlighted evidence on its review page),
type, date, place, figures, groups by canonical name and evidence sentence. The page's script
(``pipeline/static/review.js``, inlined) sorts by the column headers and filters by type, group (a
parent group in ``entities.parent`` matches its children), province, country and a date range, kept
in the URL query so that a filtered view can be bookmarked; an SVG map draws the incidents shown as
circles (area by killed, colour by type) over Natural Earth outlines (``pipeline/data/boundaries``),
fitted to them. The data is embedded as JSON, escaped so that no text can close its script element.
"""
from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipeline import tables

#: Circle colours by event type (matplotlib's tab10, so that the report's map agrees); "" for others.
COLOURS = {"ATTACK": "#d62728", "TARGETED_KILLING": "#9467bd", "ARREST": "#1f77b4", "EXTRADITION": "#17becf",
           "MILITARY_OPERATION": "#2ca02c", "AID": "#ff7f0e", "": "#7f7f7f"}
BOUNDARIES = Path(__file__).parent / "data" / "boundaries" / "boundaries.json"
SCRIPT = Path(__file__).parent / "static" / "review.js"
MAP_SIZE = (960, 540)
COLUMNS = ("date", "type", "location", "province", "country", "groups", "killed", "wounded", "documents")
PAGE_STYLE = """
#filters { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: end; margin: 1rem 0; }
#filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: #555; }
#map { display: block; max-width: 100%; height: auto; border: 1px solid #ccc; }
#map .sea { fill: #eaf2f8; }
#map .countries path { fill: #f7f5ef; stroke: #8a8a8a; stroke-width: 0.8; }
#map .provinces path { fill: none; stroke: #b8b8b8; stroke-width: 0.6; }
#map circle { stroke: #fff; stroke-width: 1; cursor: pointer; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; }
tbody.incident > tr.incident > td { border-top: 2px solid #bbb; font-weight: 600; }
table.events { margin: 0 0 0.5rem 1.5rem; font-size: 0.82rem; }
table.events th { background: none; color: #666; font-weight: normal; }
"""


def script_json(data: object) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` (and the two
    line separators JavaScript once refused) as escapes, so no text in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def iso(value: object) -> str | None:
    """An ISO date, or None for a missing one."""
    return None if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def number(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def span_text(low: int | None, high: int | None) -> str:
    """"84", or "80-84" where the reports disagree, or "" when none gives a figure."""
    if high is None:
        return ""
    return str(high) if low is None or low == high else f"{low}\u2013{high}"


def ancestry(entities: pd.DataFrame) -> dict[str, list[str]]:
    """Each catalog id's canonical name and its parents' (``entities.parent``), nearest first, so that
    a filter on a parent group matches its children."""
    names = dict(zip(entities.entity_id, entities.name))
    parents = dict(zip(entities.entity_id, entities.get("parent", pd.Series(dtype=object))))
    found = {}
    for entity_id in names:
        chain, current = [], entity_id
        while isinstance(current, str) and current not in chain:
            chain.append(current)
            current = parents.get(current)
        found[entity_id] = [names.get(i, i) for i in chain]
    return found


def actor_names(ids: Iterable[str] | None, names: dict[str, list[str]]) -> list[str]:
    return [names.get(i, [i])[0] for i in (ids if ids is not None else [])]


def group_names(ids: Iterable[str] | None, names: dict[str, list[str]]) -> list[str]:
    """Every canonical name a group filter may match: the actors' and their parents'."""
    return sorted({name for i in (ids if ids is not None else []) for name in names.get(i, [i])})


def from_events(events: pd.DataFrame) -> pd.DataFrame:
    """One row per ``cluster_id`` built from events rows, for tables of a version without ``incidents``."""
    rows = []
    for cluster_id, part in events.groupby("cluster_id", sort=True):
        best = part.sort_values("geo_precision", na_position="last").iloc[0]
        rows.append({"cluster_id": cluster_id, "event_type": best.event_type, "date_start": part.date_start.min(),
                     "date_end": part.date_end.max(), "location": best.location, "province": best.province,
                     "country": best.country, "actor_ids": sorted({a for ids in part.actor_ids if ids is not None for a in ids}),
                     "killed_min": part.killed.min(), "killed_max": part.killed.max(),
                     "wounded_min": part.wounded.min(), "wounded_max": part.wounded.max()})
    return pd.DataFrame(rows, columns=["cluster_id", "event_type", "date_start", "date_end", "location", "province",
                                       "country", "actor_ids", "killed_min", "killed_max", "wounded_min", "wounded_max"])


def coordinates(incident: pd.Series, part: pd.DataFrame) -> tuple[float | None, float | None]:
    """The incident's own coordinates, else those of its events row with the lowest ``geo_precision``."""
    lat, lon = incident.get("latitude"), incident.get("longitude")
    if lat is not None and lon is not None and pd.notna(lat) and pd.notna(lon):
        return float(lat), float(lon)
    placed = part.dropna(subset=["latitude", "longitude"]) if "latitude" in part else part.iloc[:0]
    if placed.empty:
        return None, None
    best = placed.sort_values("geo_precision", na_position="last").iloc[0]
    return float(best.latitude), float(best.longitude)


def event_record(e: pd.Series, docs: dict[str, dict], evidence: dict[str, str], names: dict) -> dict:
    """One report of an incident, as the page shows it."""
    doc = docs.get(e.doc_id, {})
    title = e.get("title") if isinstance(e.get("title"), str) else doc.get("title") or doc.get("source_id") or e.doc_id
    text = e.get("evidence") if isinstance(e.get("evidence"), str) else evidence.get(e.event_id, "")
    start, end = iso(e.date_start), iso(e.date_end)
    return {"doc": e.doc_id, "title": title, "published": iso(e.get("published")) or iso(doc.get("published")),
            "type": e.event_type, "date": start if end in (None, start) else f"{start} to {end}",
            "location": e.location if isinstance(e.location, str) else None, "killed": number(e.killed),
            "wounded": number(e.wounded), "actors": actor_names(e.actor_ids, names), "evidence": text,
            "href": f"docs/{e.doc_id}.html#event-{e.event_id}"}


def incident_record(i: pd.Series, part: pd.DataFrame, docs: dict, evidence: dict, names: dict) -> dict:
    """One incident with its reports, as the page's script reads it."""
    lat, lon = coordinates(i, part)
    killed, wounded = number(i.killed_max), number(i.wounded_max)
    reports = part.sort_values(["doc_id", "start_char"])
    return {"id": i.cluster_id, "type": i.event_type, "start": iso(i.date_start), "end": iso(i.date_end),
            "location": i.location if isinstance(i.location, str) else None,
            "province": i.province if isinstance(i.get("province"), str) else None,
            "country": i.country if isinstance(i.country, str) else None,
            "actors": actor_names(i.actor_ids, names), "groups": group_names(i.actor_ids, names),
            "killed": killed, "killed_text": span_text(number(i.killed_min), killed),
            "wounded": wounded, "wounded_text": span_text(number(i.wounded_min), wounded),
            "documents": int(part.doc_id.nunique()), "lat": lat, "lon": lon,
            "events": [event_record(e, docs, evidence, names) for _, e in reports.iterrows()]}


def records(incidents: pd.DataFrame | None, events: pd.DataFrame, entities: pd.DataFrame,
            docs: dict[str, dict], evidence: dict[str, str]) -> list[dict]:
    """Every incident as the page's data, by date then cluster_id (undated last)."""
    one = from_events(events) if incidents is None else incidents
    names = ancestry(entities)
    by_cluster = {cluster: part for cluster, part in events.groupby("cluster_id", sort=False)}
    found = [incident_record(i, by_cluster.get(i.cluster_id, events.iloc[:0]), docs, evidence, names)
             for _, i in one.iterrows()]
    return sorted(found, key=lambda r: (r["start"] is None, r["start"] or "", r["id"]))


def options(name: str, values: Iterable[str | None]) -> str:
    """A filter's ``<select>``: "any", then every value once, sorted."""
    items = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in sorted({v for v in values if v}))
    return f'<label>{name} <select name="{name}"><option value="">any</option>{items}</select></label>'


def filters(found: list[dict]) -> str:
    """The filter form; the script reads and writes its state in the URL query."""
    selects = [options("type", (r["type"] for r in found)),
               options("group", (g for r in found for g in r["groups"])),
               options("province", (r["province"] for r in found)),
               options("country", (r["country"] for r in found))]
    dates = "".join(f'<label>{n} <input type="date" name="{n}"></label>' for n in ("from", "to"))
    return f'<form id="filters">{"".join(selects)}{dates}<button type="reset">clear</button></form>'


def legend() -> str:
    items = "".join(f'<span><span class="swatch" style="background:{c}"></span>{html.escape(t or "other")}</span> '
                    for t, c in COLOURS.items())
    return f'<p class="legend">{items} · circle area by killed</p>'


def body(found: list[dict], style_note: str) -> str:
    """The page's markup around the embedded data."""
    head = "".join(f'<th data-key="{c}">{c}</th>' for c in COLUMNS)
    empty = "" if found else '<p class="note"><em>No incidents in these tables.</em></p>'
    width, height = MAP_SIZE
    return (f'<p><a href="index.html">All documents</a> · <a href="../report/index.html">Report</a></p>'
            f"<h1>Incidents</h1>{style_note}{empty}{filters(found)}"
            f'<p id="count" class="count">{len(found)} of {len(found)} incidents</p>'
            f'<svg id="map" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="map of the incidents shown"></svg><p id="map-note" class="meta"></p>{legend()}'
            f'<div class="scroll"><table id="incidents"><thead><tr>{head}</tr></thead></table></div>')


def page_html(found: list[dict], title: str, wrap) -> str:
    """The whole page: ``wrap`` is review's page(title, body) with its shared style."""
    data = {"incidents": found, "colours": COLOURS}
    boundaries = BOUNDARIES.read_text(encoding="utf-8")
    note = (f'<p class="meta">{len(found)} incidents, each one real-world occurrence however many documents '
            "report it; click a header to sort, a circle to go to its row.</p>")
    scripts = (f'<script type="application/json" id="incident-data">{script_json(data)}</script>'
               f'<script type="application/json" id="boundary-data">{script_json(json.loads(boundaries))}</script>'
               f"<script>{SCRIPT.read_text(encoding='utf-8')}\ninitIncidents();</script>")
    return wrap(title, f"<style>{PAGE_STYLE}</style>" + body(found, note) + scripts)


def build(out: Path, folder: Path, docs: dict[str, dict], evidence: dict[str, str], wrap) -> Path:
    """Write ``folder/incidents.html`` from the tables in OUT; return its path."""
    events = tables.read(out, "events").to_pandas()
    entities = tables.read(out, "entities").to_pandas()
    incidents = tables.read(out, "incidents").to_pandas() if (out / "incidents.parquet").exists() else None
    found = records(incidents, events, entities, docs, evidence)
    path = folder / "incidents.html"
    path.write_text(page_html(found, "Incidents", wrap), encoding="utf-8")
    return path

"""The pattern-tuning loop: show what matches a sentence, and check the patterns' own examples.

``python -m pipeline patterns test "some sentence" [--published DATE]`` prints each entity with its
label, the catalog entry it links to and the pattern id that fired ("model" when the statistical model
found it), then what the other stages make of the sentence: its dates and their values (relative ones
against ``--published``), its figures, its places, the event triggers with their factuality, and the
events they give; ``patterns check`` runs every ``examples`` entry of ``configs/patterns/*.jsonl``;
``patterns lint`` lists catalog aliases that would fire on ordinary English.
"""
from __future__ import annotations

import datetime as dt

from spacy.language import Language

from pipeline.catalog import Catalog


def explain(nlp: Language, catalog: Catalog, sentence: str) -> list[dict]:
    """Every entity the full pipeline finds in ``sentence``, with the rule that made it."""
    doc = nlp(sentence)
    rows = []
    for ent in doc.ents:
        entry = catalog.entries.get(ent.ent_id_)
        rows.append({"text": ent.text, "start": ent.start_char, "end": ent.end_char, "label": ent.label_,
                     "entity_id": ent.ent_id_ if entry else None, "name": entry.name if entry else None,
                     "rule": ent.ent_id_ or "model"})
    return rows


def check_examples(nlp: Language, catalog: Catalog) -> list[str]:
    """Failures of the patterns' examples: a ``match`` example must give an entity of the
    pattern's label with the expected text, by that pattern; a ``no_match`` one must not fire it."""
    failures = []
    for ex in catalog.examples:
        if ex["kind"] == "match":
            sentence, expected = ex["example"]
            found = [(r["text"], r["rule"]) for r in explain(nlp, catalog, sentence) if r["label"] == ex["label"]]
            if (expected, ex["id"]) not in found:
                failures.append(f"{ex['source']}: expected {ex['label']} {expected!r} by {ex['id']!r} in "
                                f"{sentence!r}, found {found}")
        else:
            fired = [r["text"] for r in explain(nlp, catalog, ex["example"]) if r["rule"] == ex["id"]]
            if fired:
                failures.append(f"{ex['source']}: {ex['id']!r} must not match {ex['example']!r}, matched {fired}")
    return failures


def format_rows(rows: list[dict]) -> str:
    """A plain table for the terminal."""
    if not rows:
        return "(no entities)"
    lines = [f"{'text':32s} {'label':15s} {'entity':18s} rule"]
    lines += [f"{r['text'][:32]:32s} {r['label']:15s} {(r['entity_id'] or '-'):18s} {r['rule']}" for r in rows]
    return "\n".join(lines)


#: The columns ``patterns test`` shows of each table, in order.
SHOWN = {
    "dates": ("text", "value", "granularity", "qualifier"),
    "figures": ("text", "value", "low", "high", "unit", "qualifier"),
    "places": ("text", "place", "kind", "district", "province", "country"),
    "event_mentions": ("trigger", "event_type", "factuality"),
    "events": ("event_type", "trigger", "date_start", "date_source", "location", "actor_ids", "target", "killed",
               "wounded", "perpetrators_killed"),
}


def explain_all(annotator, sentence: str, published: dt.date | None = None) -> dict[str, list[dict]]:
    """Every table's rows for ``sentence`` as one document published on ``published``, through the
    same steps as ``extract`` (:class:`pipeline.annotate.Annotator`)."""
    row = {"doc_id": "sentence", "text": sentence, "published": published}
    tables = annotator.rows([row]).tables
    if failed := [w["reason"] for w in tables["warnings"] if w["stage"] == "model"]:
        raise ValueError(f"the model failed on the sentence: {failed[0]}")
    return tables


def cell(value: object) -> str:
    if value is None or value == []:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


def format_table(name: str, rows: list[dict], columns: tuple[str, ...]) -> str:
    """One titled plain table; columns as wide as their widest cell (at most 40 characters)."""
    if not rows:
        return f"{name}: none"
    cells = [[cell(r.get(c))[:40] for c in columns] for r in rows]
    widths = [max(len(c), *(len(line[k]) for line in cells)) for k, c in enumerate(columns)]
    lines = [f"{name}:", ("  " + "  ".join(c.ljust(w) for c, w in zip(columns, widths))).rstrip()]
    lines += [("  " + "  ".join(v.ljust(w) for v, w in zip(line, widths))).rstrip() for line in cells]
    return "\n".join(lines)


def format_all(found: dict[str, list[dict]]) -> str:
    """``patterns test``'s report: the entities (as :func:`format_rows`), then each table of :data:`SHOWN`."""
    entities = [{"text": m["text"], "label": m["label"], "entity_id": m["entity_id"], "rule": m["rule"]}
                for m in found["mentions"]]
    parts = [format_rows(entities)]
    parts += [format_table(name, found[name], columns) for name, columns in SHOWN.items()]
    parts += [f"warning: {w['stage']}: {w['reason']}" for w in found["warnings"]]
    return "\n\n".join(parts)

"""The pattern-tuning loop: show what matches a sentence, and check the patterns' own examples.

``python -m pipeline patterns test "some sentence"`` prints each entity with its label, the
catalog entry it links to and the pattern id that fired ("model" when the statistical model found
it); ``patterns check`` runs every ``examples`` entry of ``configs/patterns/*.jsonl``;
``patterns lint`` lists catalog aliases that would fire on ordinary English.
"""
from __future__ import annotations

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

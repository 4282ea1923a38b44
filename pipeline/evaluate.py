"""``make eval``: score the tables in OUT against hand-made gold (tests/gold/sample.yaml).

Prints precision and recall per table. A table whose stage is not built yet says so instead of
scoring zero. Gold follows the format of the seeds' gold; see the header of tests/gold/sample.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from pipeline import tables


def norm(value: object) -> str:
    """Compare names loosely: case, dashes, apostrophes, brackets and spacing folded."""
    s = str(value).lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"[()\[\].,;:]", " ", s)).strip()


@dataclass
class Score:
    """Counts for precision (of what was predicted) and recall (of what the gold holds)."""

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        for k in ("right", "predicted", "found", "gold"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def line(self, name: str, note: str = "") -> str:
        p = f"{self.right / self.predicted:.3f}" if self.predicted else "  -  "
        r = f"{self.found / self.gold:.3f}" if self.gold else "  -  "
        return f"{name:10s} precision {p} ({self.right}/{self.predicted})  recall {r} ({self.found}/{self.gold}){note}"


def gold_documents(gold: list[dict], docs: pd.DataFrame):
    """Each gold document with its ``documents`` row (source_id ends with the gold's file); gold
    documents without a row are left out (score_documents counts them)."""
    for g in gold:
        match = docs[docs.source_id.astype(str).str.endswith(g["file"])]
        if not match.empty:
            yield g, match.iloc[0]


def score_documents(gold: list[dict], docs: pd.DataFrame) -> tuple[Score, Score, list[str]]:
    """Which documents rows belong to a gold article, and do the clean checks of each hold?"""
    rows, checks, misses = Score(), Score(), []
    files = [g["file"] for g in gold]
    rows.predicted = len(docs)
    rows.right = sum(any(str(s).endswith(f) for f in files) for s in docs.source_id)
    rows.gold = len(gold)
    for g in gold:
        match = docs[docs.source_id.astype(str).str.endswith(g["file"])]
        if match.empty:
            misses.append(f"documents: {g['file']}: no row")
            continue
        rows.found += 1
        doc = match.iloc[0]
        text = re.sub(r"\s+", " ", doc.text)
        tests = [(f"title {doc.title!r}", str(doc.title or "").lower().startswith(g["title"].lower())),
                 (f"published {doc.published}", str(doc.published)[:10] == str(g.get("published"))[:10]
                  if g.get("published") else pd.isna(doc.published))]
        tests += [(f"missing {s!r}", s in text) for s in g.get("must_contain", [])]
        tests += [(f"boilerplate {s!r}", s.lower() not in text.lower()) for s in g.get("must_not_contain", [])]
        checks.gold += len(tests)
        checks.found += sum(ok for _, ok in tests)
        misses += [f"documents: {g['file']}: {what}" for what, ok in tests if not ok]
    return rows, checks, misses


def score_mentions(gold: list[dict], docs: pd.DataFrame, mentions: pd.DataFrame) -> tuple[Score, list[str]]:
    """Recall of every gold entity; precision over the labels a gold document lists exhaustively."""
    score, misses = Score(), []
    for g, doc in gold_documents(gold, docs):
        m = mentions[mentions.doc_id == doc.doc_id]
        seen = {(row.label, norm(row.text)) for row in m.itertuples()}
        for e in g.get("entities", []):
            score.gold += 1
            if any((e["label"], norm(n)) in seen for n in e["names"]):
                score.found += 1
            else:
                misses.append(f"mentions: {g['file']}: {e['label']} not found: {e['names'][0]}")
        for label in g.get("exhaustive_labels", []):
            names = {norm(n) for e in g.get("entities", []) if e["label"] == label for n in e["names"]}
            for row in m[m.label == label].itertuples():
                score.predicted += 1
                if norm(row.text) in names:
                    score.right += 1
                else:
                    misses.append(f"mentions: {g['file']}: spurious {label} {row.text!r}")
    return score, misses


def score_groups(gold: list[dict], docs: pd.DataFrame, mentions: pd.DataFrame) -> tuple[Score, list[str]]:
    """Catalog groups linked per document against the gold group keys."""
    score, misses = Score(), []
    for g, doc in gold_documents(gold, docs):
        m = mentions[mentions.doc_id == doc.doc_id]
        found = set(m[m.label == "MILITANT_GROUP"].entity_id.dropna())
        want, allowed = set(g.get("groups", [])), set(g.get("groups", [])) | set(g.get("optional_groups", []))
        score.gold += len(want)
        score.found += len(found & want)
        score.predicted += len(found)
        score.right += len(found & allowed)
        misses += [f"entities: {g['file']}: group not found: {k}" for k in sorted(want - found)]
        misses += [f"entities: {g['file']}: group not in gold: {k}" for k in sorted(found - allowed)]
    return score, misses


def date_matches(gold: dict, row) -> bool:
    return gold["text"].lower() in str(row.text).lower() and (
        row.value == gold["value"] if gold["value"] is not None else pd.isna(row.value))


def figure_matches(gold: dict, row) -> bool:
    if gold["text"].lower() not in str(row.text).lower():
        return False
    if "low" in gold and (row.low, row.high) != (gold["low"], gold["high"]):
        return False
    if "value" in gold and abs(row.value - gold["value"]) > 0.05 * abs(gold["value"]):
        return False
    return "unit" not in gold or norm(row.unit or "") == norm(gold["unit"])


def score_values(gold: list[dict], docs: pd.DataFrame, table: pd.DataFrame, key: str, matches) -> tuple[Score, list[str]]:
    """One-to-one matching of gold items to rows of the same document: precision and recall."""
    score, misses = Score(), []
    for g, doc in gold_documents(gold, docs):
        if key not in g:
            continue
        rows = list(table[table.doc_id == doc.doc_id].itertuples())
        free = set(range(len(rows)))
        score.gold += len(g[key])
        score.predicted += len(rows)
        for item in g[key]:
            hit = next((i for i in sorted(free) if matches(item, rows[i])), None)
            if hit is None:
                misses.append(f"{key}: {g['file']}: not found: {item}")
            else:
                free.discard(hit)
                score.found += 1
                score.right += 1
        misses += [f"{key}: {g['file']}: not in gold: {rows[i].text!r} -> {rows[i].value}" for i in sorted(free)]
    return score, misses


def event_matches(gold: dict, row, text: str) -> bool:
    if row.event_type != gold["type"]:
        return False
    start = "" if pd.isna(row.date_start) else str(row.date_start)[:10]
    if "date" in gold and not start.startswith(str(gold["date"]).split("/")[0]):
        return False
    if "location" in gold and norm(gold["location"]) not in norm(row.location or ""):
        return False
    actors = set(row.actor_ids) if row.actor_ids is not None else set()
    if "actors" in gold and not actors & set(gold["actors"]):
        return False
    for key in ("killed", "wounded"):
        if key in gold and (pd.isna(getattr(row, key)) or int(getattr(row, key)) not in gold[key]):
            return False
    hay = norm(f"{row.target or ''} {text[row.start_char:row.end_char]}")
    return "names" not in gold or any(norm(n) in hay for n in gold["names"])


def score_events(gold: list[dict], docs: pd.DataFrame, events: pd.DataFrame) -> tuple[Score, list[str]]:
    """Recall of every gold event; precision over ATTACK rows, which the gold lists exhaustively."""
    score, misses = Score(), []
    for g, doc in gold_documents(gold, docs):
        if "events" not in g:
            continue
        rows = list(events[events.doc_id == doc.doc_id].itertuples())
        for item in g["events"]:
            score.gold += 1
            if any(event_matches(item, r, doc.text) for r in rows):
                score.found += 1
            else:
                misses.append(f"events: {g['file']}: not found: {item}")
        attacks = [r for r in rows if r.event_type == "ATTACK"]
        wanted = [e for e in g["events"] if e["type"] == "ATTACK"]
        score.predicted += len(attacks)
        for r in attacks:
            if any(event_matches(e, r, doc.text) for e in wanted):
                score.right += 1
            else:
                misses.append(f"events: {g['file']}: ATTACK not in gold: {doc.text[r.start_char:r.end_char][:80]!r}")
    return score, misses


def main(out: Path, gold_path: Path) -> int:
    """Print every miss, then one precision/recall line per table."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    docs = tables.read(out, "documents").to_pandas()
    mentions = tables.read(out, "mentions").to_pandas()
    rows, checks, misses = score_documents(gold, docs)
    mention_score, more = score_mentions(gold, docs, mentions)
    group_score, groups_missed = score_groups(gold, docs, mentions)
    dates, dates_missed = score_values(gold, docs, tables.read(out, "dates").to_pandas(), "dates", date_matches)
    figures, figures_missed = score_values(gold, docs, tables.read(out, "figures").to_pandas(), "figures",
                                           figure_matches)
    events, events_missed = score_events(gold, docs, tables.read(out, "events").to_pandas())
    for line in misses + more + groups_missed + dates_missed + figures_missed + events_missed:
        print(line)
    print(rows.line("documents"))
    print(checks.line("clean", "  (title, published, must/must-not contain)"))
    print(mention_score.line("mentions", "  (precision over exhaustively listed labels)"))
    status = tables.metadata(out, "entities").get("status")
    print(group_score.line("entities", f"  ({status})" if status else ""))
    print(dates.line("dates", "  (text and value)"))
    print(figures.line("figures", "  (text, value or range, unit)"))
    print(events.line("events", "  (precision over ATTACK rows)"))
    return 0

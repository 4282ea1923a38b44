"""Sidecar manifests: what a dump's files cannot say about themselves.

A ``.txt`` saved from a web page has no field for its publication date, its address or its site.
A ``manifest.csv`` (or ``manifest.jsonl``) in any folder of RAW gives them, one row per file:
``path`` (required; relative to the manifest's folder), and any of ``published`` (ISO date),
``url``, ``source``, ``title``; other columns are ignored. A value the manifest gives is the
document's (the user wrote it for this file; for a JSONL dump it fills only what a record lacks).
A row naming no file under RAW is a ``rejects`` row (``manifest.csv:3``), a date that is not ISO a
warning and unknown, as in a JSONL dump; a manifest that cannot be read is a reject too, and its
files are read without it. The manifests themselves are not articles.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

log = logging.getLogger(__name__)

#: The file names a manifest has.
NAMES = frozenset({"manifest.csv", "manifest.jsonl"})
#: The fields a manifest row may give.
FIELDS = ("published", "url", "source", "title")


@dataclass(frozen=True)
class Entry:
    """What a manifest says of one file."""

    published: object = None  # a date, or None
    url: str | None = None
    source: str | None = None
    title: str | None = None


def is_manifest(path: Path) -> bool:
    return path.name.lower() in NAMES


def records(text: str, name: str) -> list[tuple[int, dict]]:
    """The manifest's rows with their line numbers (ValueError for a file of neither form)."""
    if name.lower().endswith(".csv"):
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "path" not in [f.strip().lower() for f in reader.fieldnames]:
            raise ValueError("a manifest needs a 'path' column")
        return [(reader.line_num, {k.strip().lower(): v for k, v in row.items() if k}) for row in reader]
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError(f"line {number} is not a JSON object")
            rows.append((number, {str(k).lower(): v for k, v in record.items()}))
    return rows


def entries(path: Path, raw: Path, text: str, where: str,
            iso_date) -> tuple[dict[str, Entry], list[tuple[str, str]]]:
    """Each file's entry by its path under RAW (posix), and the rows that name no file, as
    ``(source_id, reason)``; ``iso_date(value, where)`` reads a date as the JSONL reader does."""
    found: dict[str, Entry] = {}
    problems: list[tuple[str, str]] = []
    folder = PurePosixPath(path.parent.relative_to(raw).as_posix())
    for number, row in records(text, path.name):
        at = f"{where}:{number}"
        named = str(row.get("path") or "").strip()
        target = (folder / named).as_posix() if named else ""
        if not named or ".." in PurePosixPath(named).parts or not (raw / target).is_file():
            problems.append((at, f"manifest row names no file under RAW: {named!r}"))
            continue
        values = {k: (str(row[k]).strip() or None) if row.get(k) not in (None, "") else None for k in FIELDS}
        found[target] = Entry(published=iso_date(values["published"], at), url=values["url"],
                              source=values["source"], title=values["title"])
    return found, problems


def applied(doc, entry: Entry | None):
    """The document with the manifest's values: given ones win over a file's own, but only fill what a
    JSONL record lacks (a manifest row speaks for the whole dump)."""
    if entry is None:
        return doc
    fill_only = doc.kind == "jsonl"
    changes = {}
    for name in FIELDS:
        value = getattr(entry, name)
        if value is not None and not (fill_only and getattr(doc, name) is not None):
            changes[name] = value
    if "published" in changes:
        changes["published_source"] = "manifest"
    return replace(doc, **changes) if changes else doc

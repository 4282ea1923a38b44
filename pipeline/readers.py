"""Read every input kind of the contract from RAW: ``.txt``, ``.md``, ``.html``/``.htm``, ``.jsonl``.

Each reader yields :class:`RawDoc` items, or :class:`Reject` items saying why an input (or one
JSONL line) gave no document. Files are visited in sorted order, so runs are deterministic.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

log = logging.getLogger(__name__)

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

#: Leading bytes of file types that are dropped into dump folders by mistake.
MAGIC = {b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image",
         b"GIF8": "GIF image", b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)", b"\x1f\x8b": "gzip archive",
         b"\xd0\xcf\x11\xe0": "MS Office document", b"RIFF": "RIFF media file"}

#: Bytes that text never holds in number (NUL and the C0 controls but tab, newlines, form feed, escape).
CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 12, 13, 27)]


@dataclass
class RawDoc:
    """One article as read, before cleaning."""

    source_id: str
    kind: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class Reject:
    """An input, or one JSONL line, that gave no document, and why."""

    source_id: str
    reason: str


def discover(raw: Path) -> Iterator[Path | Reject]:
    """Every file under ``raw`` in sorted order; links that leave ``raw`` are rejected, not followed.

    Hidden files and folders (``.gitkeep``, ``.DS_Store``) are skipped.
    """
    root = raw.resolve()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(raw, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and inside(Path(dirpath, d), root)]
        found.extend(Path(dirpath, name) for name in filenames if not name.startswith("."))
    for path in sorted(found, key=lambda p: relative(p, raw)):
        if inside(path, root):
            yield path
        else:
            yield Reject(relative(path, raw), "symbolic link to outside RAW, not followed")


def inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def relative(path: Path, raw: Path) -> str:
    return path.relative_to(raw).as_posix()


def read_all(raw: Path) -> Iterator[RawDoc | Reject]:
    """Read every input under ``raw``."""
    for found in discover(raw):
        if isinstance(found, Reject):
            yield found
        else:
            yield from read_path(found, raw)


def read_path(path: Path, raw: Path) -> Iterator[RawDoc | Reject]:
    """Read one file of any supported kind."""
    source_id = relative(path, raw)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        yield Reject(source_id, f"unsupported file type {path.suffix or '(no extension)'!r}: "
                                f"expected one of {', '.join(sorted(KINDS))}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Reject(source_id, f"cannot read file: {err.strerror or err}")
        return
    text, problem = decode(data, source_id)
    if problem:
        yield Reject(source_id, problem)
    elif kind == "jsonl":
        yield from read_jsonl(text, source_id)
    elif kind == "html":
        yield read_html(text, source_id)
    else:
        yield RawDoc(source_id=source_id, kind=kind, text=text)


def decode(data: bytes, source_id: str) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning.

    Returns the text and, when the bytes are no article at all, the reason to reject them.
    """
    if not data.strip():
        return "", "empty file"
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return "", f"binary file ({what}), not text"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    head = data[:65536]
    if sum(head.count(bytes([b])) for b in CONTROL_BYTES) > len(head) * 0.05:
        return "", "binary file (control bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        log.warning("%s: not UTF-8, decoded as cp1252", source_id)
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        log.warning("%s: not UTF-8, decoded as latin-1", source_id)
    return text, None


def read_jsonl(text: str, source_id: str) -> Iterator[RawDoc | Reject]:
    """One article per line; a broken line is rejected as ``path:line`` and the rest kept."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source_id}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Reject(where, f"invalid JSON on line {number}: {err.msg} at column {err.colno}")
            continue
        if not isinstance(record, dict):
            yield Reject(where, f"line {number} is a JSON {type(record).__name__}, expected an object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Reject(str(record.get("id") or where), f"record on line {number} has no 'text'")
            continue
        yield RawDoc(source_id=str(record["id"]) if record.get("id") not in (None, "") else where,
                     kind="jsonl", text=body, title=text_field(record, "title"),
                     published=iso_date(record.get("published"), where), url=text_field(record, "url"),
                     source=text_field(record, "source"))


def text_field(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def iso_date(value: object, where: str) -> dt.date | None:
    """The date of an ISO ``published`` field (a full timestamp is cut to its day)."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        log.warning("%s: 'published' is not an ISO date: %r; left unknown", where, value)
        return None


def read_html(html: str, source_id: str) -> RawDoc | Reject:
    """The main text and metadata of a saved web page, by trafilatura (no network)."""
    # deduplicate stays off: trafilatura's deduplication remembers text across calls in a process,
    # so the same page would come out differently the second time
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                        include_tables=False, deduplicate=False)
    body = getattr(found, "text", None) if found is not None else None
    if not body or not body.strip():
        return Reject(source_id, "no article text found in the web page")
    return RawDoc(source_id=source_id, kind="html", text=body, title=found.title or None,
                  published=iso_date(found.date, source_id), url=found.url or None,
                  source=found.sitename or None)

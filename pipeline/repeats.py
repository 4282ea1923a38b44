"""Lines a source repeats across its documents: the surest sign of site furniture.

A site's menu, its sidebar of headlines, its share prompts and its footer come back on every page
saved from it, while an article's sentences do not (jusText and trafilatura weigh the same evidence
inside one page; across the pages of one site it is stronger). Before cleaning, :func:`count` reads
the text dumps once and counts, per source, in how many documents each short line stands;
:func:`repeated` turns the counts into the lines to drop. A source is the ``source`` the input or
its manifest gives (a site's name), else the host of its ``url``, else the folder it lies in.

A line is furniture when it stands in at least :data:`MIN_DOCUMENTS` documents of its source and in
at least :data:`SHARE` of them; a full sentence (a closing mark and six words or more, as "No group
has claimed responsibility." may well be) only in at least :data:`SENTENCE_SHARE`. Lines are compared
by a 64-bit digest of their folded text (its last bit marking a full sentence), and at most
:data:`SAMPLE` documents of a source are counted, so memory stays bounded on a large archive.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipeline.text import RE_SENTENCE_END, normalize_newlines, strip_markup

#: Documents of a source a line must stand in, at least.
MIN_DOCUMENTS = 3
#: Share of a source's documents a short line must stand in.
SHARE = 0.2
#: Share of a source's documents a full sentence must stand in.
SENTENCE_SHARE = 0.5
#: The most documents counted per source.
SAMPLE = 2000
#: Lines longer than this are never counted (furniture is short; articles' paragraphs are long).
MAX_CHARS = 200
RE_SPACES = re.compile(r"\s+")


def source_of(source_id: str, source: str | None, url: str | None) -> str:
    """The source a document's lines are compared within."""
    if source:
        return f"source:{source.strip().lower()}"
    host = urlsplit(url).hostname if url else None
    if host:
        return f"host:{host.removeprefix('www.')}"
    folder = source_id.rsplit("/", 1)[0] if "/" in source_id else ""
    return f"folder:{folder}"


def folded(line: str) -> str:
    return RE_SPACES.sub(" ", strip_markup(line)).strip().lower()


def digest(line: str) -> int:
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest(), "big")


def is_sentence(line: str) -> bool:
    return bool(RE_SENTENCE_END.search(line)) and len(line.split()) >= 6


@dataclass
class Counts:
    """Per source: its documents counted, and in how many of them each line stands (by :func:`key`)."""

    documents: Counter = field(default_factory=Counter)
    lines: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))


def key(line: str) -> int | None:
    """A short line's digest, its last bit set for a full sentence; None for a line never counted."""
    text = folded(line)
    if not 3 <= len(text) <= MAX_CHARS:
        return None
    return digest(text) << 1 | is_sentence(text)


def count(documents: Iterable[tuple[str, str]]) -> Counts:
    """Count the short lines of ``(source, raw text)`` pairs, each line once per document."""
    counts = Counts()
    for source, raw in documents:
        if counts.documents[source] >= SAMPLE:
            continue
        counts.documents[source] += 1
        counts.lines[source].update({k for line in normalize_newlines(raw).split("\n") if (k := key(line)) is not None})
    return counts


def repeated(counts: Counts) -> dict[str, frozenset[int]]:
    """The keys of the lines to drop, per source."""
    found: dict[str, frozenset[int]] = {}
    for source, lines in counts.lines.items():
        total = counts.documents[source]
        if total >= MIN_DOCUMENTS:
            found[source] = frozenset(k for k, n in lines.items()
                                      if n >= MIN_DOCUMENTS and n >= total * (SENTENCE_SHARE if k & 1 else SHARE))
    return found


def is_repeated(line: str, drop: frozenset[int]) -> bool:
    """Whether a line is one its source repeats (``drop``: :func:`repeated` of its source)."""
    return bool(drop) and key(line) in drop

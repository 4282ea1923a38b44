"""Read every input kind of the contract from RAW: ``.txt``, ``.md``, ``.html``/``.htm``, ``.jsonl``.

Each reader yields :class:`RawDoc` items, or :class:`Reject` items saying why an input (or one
JSONL line) gave no document. Files are visited in sorted order, so runs are deterministic.

Only regular files inside RAW are read: FIFOs, devices, sockets, links to folders, link loops and
links leading out of RAW are rejected, and a file is opened without following links and checked
again once open (see :func:`open_checked`), so a link swapped in between the check and the read
cannot let a file from outside RAW in. Sizes are checked before the work they would cost.
"""
from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import trafilatura

from pipeline import manifest

log = logging.getLogger(__name__)

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

#: Kinds whose text is the file itself, so its size in bytes bounds its size in characters.
TEXT_KINDS = ("text", "markdown")

#: Leading bytes of file types that are dropped into dump folders by mistake.
MAGIC = {b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image",
         b"GIF8": "GIF image", b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)", b"\x1f\x8b": "gzip archive",
         b"\xd0\xcf\x11\xe0": "MS Office document", b"RIFF": "RIFF media file"}

#: Bytes that text never holds in number (NUL and the C0 controls but tab, newlines, form feed, escape).
CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 12, 13, 27)]

#: What a directory entry is when it is no regular file, for the reject reason.
FILE_TYPES = {stat.S_IFIFO: "FIFO", stat.S_IFSOCK: "socket", stat.S_IFCHR: "character device",
              stat.S_IFBLK: "block device"}

#: Open flags: never follow a link in the last component (a link swapped in after the check),
#: never block (a FIFO swapped in), never leak the descriptor to a child process.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)

#: Python keeps the lone surrogates of JSON escapes such as \ud800; UTF-8 (so Parquet) cannot hold them.
RE_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: A text of only white space, byte-order marks and zero-width characters holds nothing.
RE_BLANK = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]*")

#: libxml2, under lxml and trafilatura, stops parsing at this element depth (without its
#: ``huge_tree`` option): whatever lies deeper is silently lost.
HTML_MAX_DEPTH = 255


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
    #: Where ``published`` came from: ``jsonl`` (the record's field), ``html`` (the page's metadata),
    #: ``manifest`` (the sidecar manifest); None when the input gives none.
    published_source: str | None = None

    def __post_init__(self) -> None:
        if self.published is not None and self.published_source is None:
            self.published_source = {"jsonl": "jsonl", "html": "html"}.get(self.kind, "input")


@dataclass
class Reject:
    """An input, or one JSONL line, that gave no document, and why."""

    source_id: str
    reason: str


@dataclass(frozen=True)
class Limits:
    """Sizes past which an input is rejected before the work it would cost (None: no limit).

    Attributes:
        max_bytes: a file bigger than this is not read (``max_bytes`` of ``pipeline.yml``).
        max_chars: ``max_chars`` of ``pipeline.yml``: a text file of over 4 bytes a character
            (UTF-8's most) is not read, and a text of over twice as many characters is not
            cleaned (cleaning removes boilerplate, never half of an article).
    """

    max_bytes: int | None = None
    max_chars: int | None = None


def error_text(err: BaseException, limit: int = 200) -> str:
    """``Type: message`` of an unexpected error, the message cut to ``limit`` characters."""
    message = str(err)
    if len(message) > limit:
        message = message[:limit] + "…"
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def discover(raw: Path, leave_out: frozenset[str] = frozenset()) -> Iterator[Path | Reject]:
    """Every entry under ``raw`` to read, in sorted order, or a reject for a folder that cannot be listed.

    Hidden files and folders (``.gitkeep``, ``.DS_Store``) are skipped, and so are the paths of
    ``leave_out`` (relative to ``raw``: an OUT inside RAW, :func:`pipeline.tables.outputs_within`).
    Links to folders are not walked into: they come out as entries, which :func:`check_file` rejects.
    """
    found: list[tuple[str, Path | Reject]] = []

    def unlisted(err: OSError) -> None:
        where = source_id_of(Path(err.filename), raw) if err.filename else "."
        found.append((where, Reject(where, f"cannot list folder: {err.strerror or err}")))

    for dirpath, dirnames, filenames in os.walk(raw, onerror=unlisted, followlinks=False):
        links = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in links
                       and relative_name(dirpath, d, raw) not in leave_out]
        for name in filenames + links:
            if not name.startswith(".") and relative_name(dirpath, name, raw) not in leave_out:
                path = Path(dirpath, name)
                found.append((source_id_of(path, raw), path))
    for source_id, entry in sorted(found, key=lambda pair: pair[0]):
        if isinstance(entry, Path) and source_id != entry.relative_to(raw).as_posix():
            log.warning("%s: file name is not valid UTF-8; its bad bytes are shown as \\x escapes", source_id)
        yield entry


def relative_name(folder: str, name: str, raw: Path) -> str:
    return Path(folder, name).relative_to(raw).as_posix()


def source_id_of(path: Path, raw: Path) -> str:
    r"""The path under RAW, with the bytes of a name that is not UTF-8 written as ``\xNN``.

    Python keeps such bytes as lone surrogates (PEP 383), which no UTF-8 table can hold.
    """
    return path.relative_to(raw).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_all(raw: Path, limits: Limits = Limits(), leave_out: frozenset[str] = frozenset(), *,
             kinds: frozenset[str] | None = None) -> Iterator[RawDoc | Reject]:
    """Read every input under ``raw`` but ``leave_out`` (:func:`discover`); an input that cannot be
    read is a reject, never the run's end. ``kinds``: read only files of these kinds (``KINDS``' values)."""
    found_all = list(discover(raw, leave_out))
    sidecars = [f for f in found_all if isinstance(f, Path) and manifest.is_manifest(f)]
    described, problems = read_manifests(sidecars, raw, limits)
    yield from problems
    for found in found_all:
        if isinstance(found, Reject):
            yield found
            continue
        if found in sidecars or kinds is not None and KINDS.get(found.suffix.lower()) not in kinds:
            continue
        try:
            entry = described.get(found.relative_to(raw).as_posix())
            for item in read_path(found, raw, limits):
                yield manifest.applied(item, entry) if isinstance(item, RawDoc) else item
        except Exception as err:  # one bad input never takes the run down
            reason = f"read failed: {error_text(err)}"
            log.warning("%s: %s", source_id_of(found, raw), reason)
            yield Reject(source_id_of(found, raw), reason)


def read_manifests(paths: list[Path], raw: Path, limits: Limits) -> tuple[dict[str, manifest.Entry], list[Reject]]:
    """The entries of every sidecar manifest (:mod:`pipeline.manifest`) by file, and the rejects of
    the manifests, or rows of them, that say nothing usable."""
    described: dict[str, manifest.Entry] = {}
    problems: list[Reject] = []
    root = raw.resolve()
    for path in paths:
        source_id = source_id_of(path, raw)
        checked = check_file(path, root)
        data = checked if isinstance(checked, str) else read_checked(*checked, root, "text", limits)
        try:
            if isinstance(data, str):
                raise ValueError(data)
            text, problem = decode(data, source_id)
            if problem:
                raise ValueError(problem)
            found, bad = manifest.entries(path, raw, text, source_id, iso_date)
        except (ValueError, csv.Error) as err:  # json.JSONDecodeError is a ValueError
            problems.append(Reject(source_id, f"manifest not read: {error_text(err)}"))
            continue
        described.update(found)
        problems.extend(Reject(where, reason) for where, reason in bad)
    return described, problems


def read_path(path: Path, raw: Path, limits: Limits = Limits()) -> Iterator[RawDoc | Reject]:
    """Read one file of any supported kind."""
    source_id, root = source_id_of(path, raw), raw.resolve()
    checked = check_file(path, root)
    if isinstance(checked, str):
        yield Reject(source_id, checked)
        return
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        yield Reject(source_id, f"unsupported file type {path.suffix or '(no extension)'!r}: "
                                f"expected one of {', '.join(sorted(KINDS))}")
        return
    data = read_checked(*checked, root, kind, limits)
    if isinstance(data, str):
        yield Reject(source_id, data)
        return
    text, problem = decode(data, source_id)
    if problem is None and kind in TEXT_KINDS:
        problem = too_long(text, limits)
    if problem:
        yield Reject(source_id, problem)
    elif kind == "jsonl":
        yield from read_jsonl(text, source_id, limits)
    elif kind == "html":
        yield read_html(text, source_id, limits)
    else:
        yield RawDoc(source_id=source_id, kind=kind, text=text)


def check_file(path: Path, root: Path) -> tuple[Path, os.stat_result] | str:
    """Where ``path`` leads (no link left in it) and its status, or why it is not a file to read.

    Only regular files inside ``root`` are read; links are followed only while they stay inside.
    """
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 and 3.12 say ELOOP this way
        return "symbolic link loop"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if err.errno == errno.ENOENT and path.is_symlink():
            return "broken symbolic link"
        return f"cannot read file: {err.strerror or err}"
    if not target.is_relative_to(root):
        return "symbolic link to outside RAW, not followed"
    try:
        status = os.lstat(target)
    except OSError as err:
        return f"cannot read file: {err.strerror or err}"
    if stat.S_ISDIR(status.st_mode):
        return "symbolic link to a folder, not followed"
    if not stat.S_ISREG(status.st_mode):
        return f"not a regular file ({FILE_TYPES.get(stat.S_IFMT(status.st_mode), 'special file')})"
    return target, status


def read_checked(target: Path, checked: os.stat_result, root: Path, kind: str, limits: Limits) -> bytes | str:
    """The bytes of a file that :func:`check_file` passed, or why not: swapped since, or too big.

    The size is checked on the open file before anything is read, and the read stops one byte
    past the limit, for a file that grows meanwhile.
    """
    fd = open_checked(target, checked, root)
    if isinstance(fd, str):
        return fd
    with os.fdopen(fd, "rb") as handle:
        problem = too_big(os.fstat(fd).st_size, kind, limits)
        if problem:
            return problem
        bound = byte_limit(kind, limits)
        data = handle.read() if bound is None else handle.read(bound + 1)
    return too_big(len(data), kind, limits) or data


def open_checked(target: Path, checked: os.stat_result, root: Path) -> int | str:
    """Open ``target`` for reading, or say why not, if it is no longer the file that was checked.

    Between the check and the open, a link may have been swapped in for the file or for a folder
    above it. The open follows no link in its last component and never blocks; the open file must
    then be the same inode as the checked one, and (on Linux) its real path must lie inside ``root``.
    """
    try:
        fd = os.open(target, OPEN_FLAGS)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "file replaced by a symbolic link between check and read, not followed"
        return f"cannot read file: {err.strerror or err}"
    opened = os.fstat(fd)
    same = (opened.st_dev, opened.st_ino) == (checked.st_dev, checked.st_ino) and stat.S_ISREG(opened.st_mode)
    if not (same and opened_inside(fd, root)):
        os.close(fd)
        return "file replaced or moved between check and read, not read"
    return fd


def opened_inside(fd: int, root: Path) -> bool:
    """Whether the file open as ``fd`` lies inside ``root``, by the kernel's own record of its path."""
    try:
        real = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # no /proc (not Linux): the inode check of open_checked stands alone
        return True
    return Path(real).is_relative_to(root)


def byte_limit(kind: str, limits: Limits) -> int | None:
    """The most bytes a file of ``kind`` may have to be read at all."""
    bounds = [limits.max_bytes] if limits.max_bytes and kind != "jsonl" else []
    if kind in TEXT_KINDS and limits.max_chars:
        bounds.append(4 * limits.max_chars)
    return min(bounds) if bounds else None


def too_big(size: int, kind: str, limits: Limits) -> str | None:
    """Why a file of ``size`` bytes is rejected unread, or None. A JSONL dump holds many articles:
    its records are bounded one by one (:func:`jsonl_record`), never the dump as a whole."""
    if limits.max_bytes and size > limits.max_bytes and kind != "jsonl":
        return f"file has {size} bytes, over max_bytes {limits.max_bytes}; not read"
    if kind in TEXT_KINDS and limits.max_chars and size > 4 * limits.max_chars:
        return (f"file has {size} bytes, over 4 x max_chars ({4 * limits.max_chars}), "
                f"more text than max_chars {limits.max_chars} allows; not read")
    return None


def too_long(text: str, limits: Limits) -> str | None:
    """Why a text is rejected before the costly cleaning, which removes boilerplate, never half of an article."""
    if limits.max_chars and len(text) > 2 * limits.max_chars:
        return (f"text has {len(text)} characters, over 2 x max_chars ({2 * limits.max_chars}); "
                f"not cleaned")
    return None


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
        text = data.decode("utf-16", errors="replace")  # a lone surrogate becomes U+FFFD
    else:
        head = data[:65536]
        if sum(head.count(bytes([b])) for b in CONTROL_BYTES) > len(head) * 0.05:
            return "", "binary file (control bytes), not text"
        text = decode_8bit(data, source_id)
    if RE_BLANK.fullmatch(text):
        return "", "empty file"
    return text, None


def decode_8bit(data: bytes, source_id: str) -> str:
    """UTF-8 (a BOM dropped), else cp1252, else latin-1, with a warning for the last two."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        log.warning("%s: not UTF-8, decoded as cp1252", source_id)
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        log.warning("%s: not UTF-8, decoded as latin-1", source_id)
    return text


def read_jsonl(text: str, source_id: str, limits: Limits = Limits()) -> Iterator[RawDoc | Reject]:
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
        except RecursionError:
            yield Reject(where, f"JSON nested too deep on line {number}")
            continue
        if not isinstance(record, dict):
            yield Reject(where, f"line {number} is a JSON {type(record).__name__}, expected an object")
            continue
        yield jsonl_record(record, where, number, limits)


def jsonl_record(record: dict, where: str, number: int, limits: Limits) -> RawDoc | Reject:
    """The article of one JSONL record, or why there is none (``where``: ``path:line``)."""
    found_id = record.get("id")
    source_id = where if found_id in (None, "") else without_surrogates(str(found_id))
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return Reject(source_id if found_id else where, f"record on line {number} has no 'text'")
    problem = too_long(body, limits)
    if problem:
        return Reject(source_id, problem)
    return RawDoc(source_id=source_id, kind="jsonl", text=without_surrogates(body),
                  title=text_field(record, "title"), published=iso_date(record.get("published"), where),
                  url=text_field(record, "url"), source=text_field(record, "source"))


def without_surrogates(value: str) -> str:
    """``value`` with each lone surrogate (from a JSON ``\\ud800`` escape) replaced by U+FFFD."""
    return RE_LONE_SURROGATE.sub("\ufffd", value)


def text_field(record: dict, key: str) -> str | None:
    value = record.get(key)
    return without_surrogates(value.strip()) or None if isinstance(value, str) else None


def iso_date(value: object, where: str) -> dt.date | None:
    """The date of an ISO ``published`` field (a full timestamp is cut to its day)."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        log.warning("%s: 'published' is not an ISO date: %r; left unknown", where, value)
        return None


def read_html(html: str, source_id: str, limits: Limits = Limits()) -> RawDoc | Reject:
    """The main text and metadata of a saved web page, by trafilatura (no network)."""
    if nested_too_deep(html):
        return Reject(source_id, f"web page nested deeper than {HTML_MAX_DEPTH} levels, where the "
                                 "HTML parser stops; not read")
    # deduplicate stays off: trafilatura's deduplication remembers text across calls in a process,
    # so the same page would come out differently the second time
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                        include_tables=False, deduplicate=False)
    body = getattr(found, "text", None) if found is not None else None
    if not body or not body.strip():
        return Reject(source_id, "no article text found in the web page")
    problem = too_long(body, limits)
    if problem:
        return Reject(source_id, problem)
    return RawDoc(source_id=source_id, kind="html", text=body, title=found.title or None,
                  published=iso_date(found.date, source_id), url=found.url or None,
                  source=found.sitename or None)


def nested_too_deep(html: str) -> bool:
    """Whether libxml2 would stop parsing the page at :data:`HTML_MAX_DEPTH` and lose the rest.

    trafilatura parses with lxml's defaults and does not say so; a real article page nests a
    few dozen levels, so a page past the limit is rejected rather than read in part.
    """
    parser = lxml.etree.HTMLParser(collect_ids=False, encoding="utf-8")
    try:
        lxml.etree.fromstring(html.encode("utf-8", "replace"), parser)
    except lxml.etree.LxmlError:  # trafilatura judges pages lxml cannot parse at all
        return False
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log)

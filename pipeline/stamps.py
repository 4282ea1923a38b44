"""Stage stamps: a stage is skipped when what it reads (data, configs, code) is unchanged, and a
lock so that one run at a time writes to OUT.

Each stage's stamp is a SHA-256 over its inputs' contents; the stamps of the last successful run
are kept in ``OUT/.cache/stamps.json``, with a digest of the tables each stage wrote. Like the
``deps`` and ``outputs`` of a spaCy project step. Nothing read back is trusted: a stamps file of
the wrong shape counts as none, and a table that was damaged, replaced or written under other
configs makes its stage run again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import socket
import stat
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq

import pipeline

log = logging.getLogger(__name__)

FILE = Path(".cache") / "stamps.json"
#: Held (``flock``) by the run writing to OUT; its text names the holder, for the message.
LOCK = ".lock"


class Locked(RuntimeError):
    """Another live process holds OUT's lock."""


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The pipeline's own source and data (the gazetteer), so that a change to either re-runs every stage."""
    folder = Path(pipeline.__file__).parent
    files = sorted(folder.glob("*.py")) + sorted(p for p in (folder / "data").rglob("*") if p.is_file())
    return digest(*(hashlib.sha256(p.read_bytes()).hexdigest() for p in files))


def content(path: Path) -> str:
    """A file's fingerprint: SHA-256 of a regular file's bytes (sizes and times miss a same-size
    edit whose time was put back), the target of a symbolic link, the kind of anything else (a FIFO
    or a device is never opened), ``missing`` when there is nothing."""
    try:
        if path.is_symlink():
            return f"link:{os.readlink(path)}"
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            return f"kind:{stat.S_IFMT(mode)}"
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return "missing"
    except OSError as err:  # unreadable: the readers reject it, the stamp only needs to be stable
        return f"unreadable:{err.errno}"


def files_digest(paths: list[Path], root: Path) -> str:
    """Names and contents of files (see :func:`content`)."""
    return digest(*(f"{path.relative_to(root).as_posix() if path.is_relative_to(root) else path}:{content(path)}"
                    for path in paths))


def tree_digest(root: Path, leave_out: frozenset[str] = frozenset()) -> str:
    """:func:`files_digest` of every file under ``root`` (links included, hidden files too) but the
    paths of ``leave_out``, relative to ``root`` (an OUT inside RAW: its tables change on every run)."""
    found = []
    for folder, dirnames, files in os.walk(root):
        dirnames[:] = [d for d in dirnames if Path(folder, d).relative_to(root).as_posix() not in leave_out]
        found += [Path(folder, f) for f in files if Path(folder, f).relative_to(root).as_posix() not in leave_out]
    return files_digest(sorted(found), root)


def estimate_documents(root: Path) -> int:
    """A cheap guess of the documents under ``root``: one per file, JSONL files by size (~4 KB a line)."""
    guess = 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name.lower().endswith(".jsonl"):
                try:
                    guess += max(1, os.path.getsize(os.path.join(folder, name)) // 4096)
                except OSError:
                    guess += 1
            else:
                guess += 1
    return guess


def load(out: Path) -> dict[str, str]:
    """The recorded stamps; {} when there are none or the file is not a JSON object of strings."""
    try:
        found = json.loads((out / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        return {}
    return found


def outputs_key(stage: str) -> str:
    return f"{stage}:outputs"


def table_paths(out: Path, names: list[str]) -> list[Path]:
    return [out / f"{name}.parquet" for name in names]


def table_is_sound(path: Path, config_digest: str | None) -> bool:
    """Does the table's Parquet footer open, and was it written under these configs?"""
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, ValueError):  # pyarrow raises ArrowInvalid (a ValueError) for a damaged footer
        return False
    return config_digest is None or meta.get(b"config_digest") == config_digest.encode()


def is_current(out: Path, stage: str, stamp: str, outputs: list[str], config_digest: str | None = None) -> bool:
    """Did the last run of ``stage`` see these inputs, and are the tables it wrote still there,
    readable, written under ``config_digest`` and unchanged since?"""
    recorded = load(out)
    if recorded.get(stage) != stamp:
        return False
    paths = table_paths(out, outputs)
    if not all(table_is_sound(path, config_digest) for path in paths):
        return False
    return recorded.get(outputs_key(stage)) == files_digest(paths, out)


def save(out: Path, stamps: dict[str, str]) -> None:
    """Write the stamps atomically, like the tables."""
    path = out / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(stamps, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def record(out: Path, stage: str, stamp: str, outputs: list[str]) -> None:
    """Remember a stage's stamp, and the contents of the tables it wrote, after writing them."""
    save(out, {**load(out), stage: stamp, outputs_key(stage): files_digest(table_paths(out, outputs), out)})


def forget(out: Path, *stages: str) -> None:
    """Invalidate stages before their tables are rewritten, so a crash mid-stage re-runs them."""
    stamps = load(out)
    gone = set(stages) | {outputs_key(s) for s in stages}
    if gone & set(stamps):
        save(out, {k: v for k, v in stamps.items() if k not in gone})


@contextlib.contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` while the block runs, so that two runs never write one OUT.

    ``flock`` makes taking it atomic, and the kernel releases it when its holder dies, so a lock
    left by a killed run is simply taken over; the file's text names the holder for the message.

    Raises:
        Locked: another live process holds it.
        OSError: OUT cannot be written.
    """
    path = out / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Locked(f"{out}: another run is writing here ({holder(fd) or 'holder unknown'}); "
                         "wait for it to end, or use another OUT") from None
        if previous := holder(fd):
            log.info("%s: taking over the lock of a run that ended without releasing it (%s)", path, previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since "
                      f"{dt.datetime.now().astimezone().isoformat(timespec='seconds')}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # released: the next run has nobody to name
    finally:
        os.close(fd)  # releases the flock


def holder(fd: int) -> str:
    """The text of a lock file: who holds (or held) it."""
    return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()

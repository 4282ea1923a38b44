"""Stage stamps: a stage is skipped when what it reads (data, configs, code) is unchanged.

Each stage's stamp is a SHA-256 over its inputs' fingerprints; the stamps of the last successful
run are kept in ``OUT/.cache/stamps.json``. Like the ``deps`` of a spaCy project step.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pipeline

FILE = Path(".cache") / "stamps.json"


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


def code_digest() -> str:
    """The pipeline's own source, so that a code change re-runs every stage."""
    folder = Path(pipeline.__file__).parent
    return digest(*(p.read_bytes() for p in sorted(folder.glob("*.py"))))


def files_digest(paths: list[Path], root: Path) -> str:
    """Names, sizes and modification times of files: cheap, and changes whenever content does."""
    parts = []
    for path in paths:
        stat = path.stat() if path.exists() else None
        parts.append(f"{path.relative_to(root).as_posix() if path.is_relative_to(root) else path}"
                     f":{stat.st_size if stat else -1}:{stat.st_mtime_ns if stat else -1}")
    return digest(*parts)


def tree_digest(root: Path) -> str:
    """:func:`files_digest` of every file under ``root`` (links included, hidden files too)."""
    found = sorted(Path(d, f) for d, _, files in os.walk(root) for f in files)
    return files_digest(found, root)


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
    try:
        return json.loads((out / FILE).read_text())
    except (OSError, ValueError):
        return {}


def is_current(out: Path, stage: str, stamp: str, outputs: list[str]) -> bool:
    """Did the last run of ``stage`` see these inputs, and are its tables still there?"""
    return load(out).get(stage) == stamp and all((out / f"{name}.parquet").exists() for name in outputs)


def save(out: Path, stamps: dict[str, str]) -> None:
    """Write the stamps atomically, like the tables."""
    path = out / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(stamps, indent=1, sort_keys=True))
    os.replace(tmp, path)


def record(out: Path, stage: str, stamp: str) -> None:
    """Remember a stage's stamp after its tables are written."""
    save(out, {**load(out), stage: stamp})


def forget(out: Path, *stages: str) -> None:
    """Invalidate stages before their tables are rewritten, so a crash mid-stage re-runs them."""
    stamps = load(out)
    if any(s in stamps for s in stages):
        save(out, {k: v for k, v in stamps.items() if k not in stages})

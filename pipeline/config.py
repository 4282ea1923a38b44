"""Load and validate everything under ``configs/`` once, with errors that say where.

Each YAML file is read with ``yaml.safe_load`` only, validated into a pydantic model with
unknown keys forbidden, and any problem raises one :class:`ConfigError` whose message names the
file, the line and the key path, the bad value and what is allowed.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pydantic
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.eventtypes import EventsSettings, PlacesSettings
from pipeline.figures import FigureSettings


class ConfigError(Exception):
    """A config file is missing, unreadable or invalid; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PipelineSettings(_Strict):
    """``configs/pipeline.yml``: which model runs and how."""

    model: str = Field(min_length=1, description="installed spaCy model package name")
    batch_size: int = Field(default=64, ge=1, le=10_000)
    n_process: int = Field(default=0, ge=0, le=256, description="0 means one per core")
    partition_size: int = Field(default=64, ge=1, le=100_000, description="documents per unit of work")
    min_chars: int = Field(default=25, ge=1, description="shorter clean texts are rejected")
    max_chars: int = Field(default=2_000_000, ge=1_000)


class CleanSettings(_Strict):
    """``configs/clean.yml``: boilerplate that the cleaner removes."""

    drop_lines: list[str] = Field(default_factory=list)
    tail_markers: list[str] = Field(default_factory=list)
    end_marks: list[str] = Field(default_factory=list)
    tail_min_fraction: float = Field(default=0.3, ge=0.0, le=1.0)

    @field_validator("drop_lines", "tail_markers")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for i, pattern in enumerate(patterns):
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"item {i}: invalid regular expression {pattern!r}: {err}") from err
        return patterns


class Config(_Strict):
    """All settings of one run, plus where they came from."""

    root: Path
    pipeline: PipelineSettings
    clean: CleanSettings
    figures: FigureSettings
    events: EventsSettings
    places: PlacesSettings
    digest: str


FILES: dict[str, type[BaseModel]] = {"pipeline.yml": PipelineSettings, "clean.yml": CleanSettings,
                                     "figures.yml": FigureSettings, "events.yml": EventsSettings,
                                     "places.yml": PlacesSettings}


def load_config(root: Path | str) -> Config:
    """Read and validate every config file under ``root``.

    Raises:
        ConfigError: naming the file, line and key of the first problem found.
    """
    root = Path(root)
    if not root.is_dir():
        raise ConfigError(f"{root}: config folder not found")
    sections = {name[: -len(".yml")]: load_yaml_model(root / name, model) for name, model in FILES.items()}
    return Config(root=root, digest=config_digest(root), **sections)


def load_yaml_model(path: Path, model: type[BaseModel]) -> Any:
    """Validate one YAML file into ``model``; errors carry ``path:line``."""
    text = read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: invalid YAML: {getattr(err, 'problem', err)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping of settings, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as err:
        first = err.errors()[0]
        raise ConfigError(describe_error(path, text, first)) from None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read: {err}") from None


def describe_error(path: Path, text: str, error: dict) -> str:
    """Turn one pydantic error into ``path:line: key.path: message (got value)``."""
    loc = [str(p) for p in error["loc"]]
    line = line_of(text, error["loc"])
    where = ".".join(loc) or "(top level)"
    got = f" (got {error['input']!r})" if error["type"] != "missing" and not isinstance(error["input"], dict) else ""
    msg = error["msg"].removeprefix("Value error, ")
    return f"{path}:{line}: {where}: {msg}{got}"


def line_of(text: str, loc: tuple) -> int:
    """1-based line of the YAML node at key path ``loc`` (the deepest one that exists)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1
    line = node.start_mark.line if node is not None else 0
    for key in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node, line = child, child.start_mark.line
    return line + 1


def config_digest(root: Path) -> str:
    """SHA-256 over the relative paths and bytes of every file under ``root``."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()

"""Load and validate everything under ``configs/`` once, with errors that say where.

Each YAML file is read with ``yaml.safe_load`` only, validated into a pydantic model with
unknown keys forbidden, and any problem raises one :class:`ConfigError` whose message names the
file, the line and the key path, the bad value and what is allowed.

A config is data from outside, so reading it is bounded: a file over :data:`MAX_FILE_BYTES`, a
YAML document with more than :data:`MAX_ALIASES` aliases, nested deeper than :data:`MAX_DEPTH` or
expanding to more than :data:`MAX_NODES` values ("billion laughs"), and a key given twice in one
mapping are refused; a value quoted in a message is cut to :data:`MAX_SHOWN` characters. Regular
expressions are refused when a repeated group nests another unbounded repeat, or repeats
alternatives that overlap, the shapes that backtrack exponentially (:func:`regex_problem`).
"""
from __future__ import annotations

import hashlib
import re
import reprlib
from pathlib import Path
from re import _constants as sre_constants, _parser as sre_parse  # the parser re itself uses
from typing import Annotated, Any, Literal

import pydantic
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from pipeline.date_words import DateCues
from pipeline.eventtypes import EventsSettings, PlacesSettings
from pipeline.figures import FigureSettings


class ConfigError(Exception):
    """A config file is missing, unreadable or invalid; the message says where and why."""


#: Limits on reading a config: far above any real one, far below what hurts.
MAX_FILE_BYTES = 5 * 2**20
MAX_ALIASES = 100
MAX_DEPTH = 100
MAX_NODES = 1_000_000
MAX_SHOWN = 200

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = MAX_SHOWN
_REPR.maxlevel = 3


def shown(value: Any) -> str:
    """``repr(value)`` for an error message, cut to about :data:`MAX_SHOWN` characters.

    ``reprlib`` stops early in long strings and big or deep containers, so even a huge value costs
    little to show.
    """
    return cut(_REPR.repr(value))


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was left out."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def regex_problem(pattern: str) -> str | None:
    """Why a configured regular expression is refused, or None when it is fine.

    Refused: one that does not compile, and one that can backtrack exponentially on ordinary text,
    i.e. a group repeated more than once that holds an unbounded repeat (``(a+)+``, ``(\\w*)*x``)
    or alternatives that can split the same text two ways (``(a|aa)+``).
    """
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as err:
        return f"invalid regular expression: {err}"
    nested = _nested_repeat(sre_parse.parse(pattern))
    if nested:
        return (f"regular expression can take exponential time: a repeated group holds {nested}; "
                "bound the inner part (e.g. {0,50}) or drop the outer repeat")
    return None


def _nested_repeat(items: Any) -> str | None:
    """What makes a parsed pattern backtrack exponentially (see :func:`regex_problem`), or None."""
    for op, av in items:
        if op in _REPEATS and av[1] > 1:
            if _unbounded(av[2]):
                return "an unbounded repeat"
            texts = _strings(av[2])
            if texts and _ambiguous(texts):
                return "overlapping alternatives"
        for child in _children(op, av):
            if found := _nested_repeat(child):
                return found
    return None


def _unbounded(items: Any) -> bool:
    return any((op in _REPEATS and av[1] == sre_constants.MAXREPEAT) or any(map(_unbounded, _children(op, av)))
               for op, av in items)


def _children(op: Any, av: Any) -> list:
    """The parsed sub-patterns directly under one item of ``re``'s parse tree."""
    c = sre_constants
    if op in (*_REPEATS, c.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is c.SUBPATTERN:
        return [av[3]]
    if op is c.BRANCH:
        return list(av[1])
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op is c.ATOMIC_GROUP:
        return [av]
    if op is c.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _strings(items: Any, limit: int = 64) -> list[str] | None:
    """The few texts a parsed pattern of literals, alternatives and small sets matches, lower-cased,
    once per way of matching; None when it matches more than ``limit`` or anything else."""
    c, out = sre_constants, [""]
    for op, av in items:
        if op is c.LITERAL:
            options = [chr(av).lower()]
        elif op is c.SUBPATTERN:
            options = _strings(av[3], limit)
        elif op is c.BRANCH:
            parts = [_strings(branch, limit) for branch in av[1]]
            options = None if None in parts else [text for part in parts for text in part]
        elif op is c.IN and all(o is c.LITERAL for o, _ in av):
            options = sorted({chr(v).lower() for _, v in av})
        else:
            return None
        if options is None or len(out) * len(options) > limit:
            return None
        out = [a + b for a in out for b in options]
    return out


def _ambiguous(texts: list[str]) -> bool:
    """Whether some text splits into ``texts`` in two ways: one is listed twice, or the
    Sardinas-Patterson test finds two splits."""
    words = set(texts) - {""}
    if len(words) < len([t for t in texts if t]):
        return True

    def dangling(heads: set[str], wholes: set[str]) -> set[str]:
        return {w[len(h):] for h in heads for w in wholes if w != h and w.startswith(h)}

    seen: set[str] = set()
    suffixes = dangling(words, words)
    while suffixes:
        if suffixes & words:
            return True
        seen |= suffixes
        suffixes = (dangling(words, suffixes) | dangling(suffixes, words)) - seen
    return False


def _safe_regex(pattern: str) -> str:
    if problem := regex_problem(pattern):
        raise ValueError(problem)
    return pattern


#: A regular expression from a config: compiles, and cannot backtrack exponentially.
Regex = Annotated[str, Field(min_length=1), AfterValidator(_safe_regex)]


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
    max_bytes: int = Field(default=50_000_000, ge=1_000,
                           description="bigger input files are rejected before they are read")
    parse: Literal["full", "selective"] = Field(
        default="full", description="dependency parse of every sentence, or only where the event rules need it")
    verb_lemmas: dict[Annotated[str, Field(pattern=r"^[a-z]+$")], Annotated[str, Field(pattern=r"^[a-z]+$")]] = Field(
        default_factory=dict, description="past-tense forms the model lemmatises wrongly, and their lemmas")

    @field_validator("max_chars")
    @classmethod
    def _above_min(cls, max_chars: int, info: ValidationInfo) -> int:
        min_chars = info.data.get("min_chars")
        if min_chars is not None and max_chars < min_chars:
            raise ValueError(f"must not be less than min_chars, {min_chars}")
        return max_chars


class CleanSettings(_Strict):
    """``configs/clean.yml``: boilerplate that the cleaner removes."""

    drop_lines: list[Regex] = Field(default_factory=list)
    tail_markers: list[Regex] = Field(default_factory=list)
    end_marks: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    tail_min_fraction: float = Field(default=0.3, ge=0.0, le=1.0)
    language_names: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    #: Titles that, with a name after them, make a line of its own the caption of a portrait
    #: ("Provincial Governor Jane Roe"): see :func:`pipeline.furniture.drop_captions`.
    portrait_titles: list[Annotated[str, Field(min_length=2)]] = Field(default_factory=list)


class Config(_Strict):
    """All settings of one run, plus where they came from."""

    root: Path
    pipeline: PipelineSettings
    clean: CleanSettings
    figures: FigureSettings
    events: EventsSettings
    places: PlacesSettings
    dates: DateCues
    digest: str


FILES: dict[str, type[BaseModel]] = {"pipeline.yml": PipelineSettings, "clean.yml": CleanSettings,
                                     "figures.yml": FigureSettings, "events.yml": EventsSettings,
                                     "places.yml": PlacesSettings, "dates.yml": DateCues}


#: The date cue file, read from the package's copy only (:func:`check_date_cues`).
DATES_FILE = "dates.yml"
#: The default configs shipped in the package: in a checkout a link to the repository's ``configs/``,
#: in an installed wheel a copy of it.
SHIPPED = Path(__file__).parent / "configs"


def config_root(given: Path | str | None) -> Path:
    """The config folder a run uses: the one given; else ``configs/`` in the current folder when there
    is one (a project's own, or the repository's); else the defaults shipped in the package."""
    if given is not None:
        return Path(given)
    here = Path("configs")
    return here if here.is_dir() else SHIPPED


def load_config(root: Path | str) -> Config:
    """Read and validate every config file under ``root``.

    Raises:
        ConfigError: naming the file, line and key of the first problem found.
    """
    root = Path(root)
    if not root.is_dir():
        raise ConfigError(f"{root}: config folder not found")
    sections = {name[: -len(".yml")]: load_yaml_model(cue_file(root, name), model) for name, model in FILES.items()}
    check_date_cues(root)  # after the checks of each file, so that a bad line is named first
    return Config(root=root, digest=config_digest(root), **sections)


def cue_file(root: Path, name: str) -> Path:
    """Where a config file is read from: ``root``, but the package's ``dates.yml`` when ``root`` has
    none (a config folder made before the date cues moved into a file)."""
    path = root / name
    return SHIPPED / name if name == DATES_FILE and not path.exists() else path


def check_date_cues(root: Path) -> None:
    """The date functions read the package's ``dates.yml`` (their tables are built once, on import):
    another folder's copy that differs from it would be ignored, so it stops the run instead."""
    own, shipped = root / DATES_FILE, SHIPPED / DATES_FILE
    if not own.is_file() or not shipped.is_file() or own.resolve() == shipped.resolve():
        return
    if read_text(own) != read_text(shipped):
        raise ConfigError(f"{own}: differs from the package's date cues, which are the ones the date functions read; "
                          f"edit {shipped.resolve()} instead (or remove this copy)")


def load_yaml_model(path: Path, model: type[BaseModel]) -> Any:
    """Validate one YAML file into ``model``; errors carry ``path:line``."""
    text = read_text(path)
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        what = "" if isinstance(err, RefusedYAML) else "invalid YAML: "
        raise ConfigError(f"{path}{line}: {what}{cut(str(getattr(err, 'problem', err)))}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping of settings, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as err:
        first = err.errors()[0]
        raise ConfigError(describe_error(path, text, first)) from None


class RefusedYAML(yaml.MarkedYAMLError):
    """Valid YAML that a config may not be: a duplicate key, too many aliases, too deep, too big."""


#: PyYAML's safe loader, on libyaml's parser where installed (ten times faster on a big file).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(SafeLoader):
    """``yaml.safe_load``'s loader (plain data only, no objects) that refuses a key given twice in
    one mapping, where YAML loaders silently keep the last. Keys merged in with ``<<`` may repeat."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first_line: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                if key in first_line:
                    raise RefusedYAML(None, None, f"{cut(str(key))}: duplicate key (first on line "
                                                  f"{first_line[key]})", key_node.start_mark)
                first_line[key] = key_node.start_mark.line + 1
            except TypeError:
                continue  # an unhashable key: the base class says so
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date or time; one that looks like a date but is none ("2018-05-32") is refused at its
        line, where PyYAML raises a bare ValueError."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as err:
            raise RefusedYAML(None, None, f"{cut(str(node.value))}: not a valid date ({err})", node.start_mark) from None


UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", UniqueKeyLoader.construct_yaml_timestamp)


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, refusing duplicate keys and documents that are too deep or
    expand too far through aliases (checked on the events and the node graph, before any value
    is built).

    Raises:
        yaml.YAMLError: :class:`RefusedYAML` for what is refused, with the place.
    """
    check_events(text)
    loader = UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded_size(node, {}, set())
        return loader.construct_document(node)
    except RecursionError:
        raise RefusedYAML(None, None, "aliases nest too deeply", None) from None
    finally:
        loader.dispose()


def check_events(text: str) -> None:
    """Refuse more than :data:`MAX_ALIASES` aliases or nesting deeper than :data:`MAX_DEPTH`,
    reading the parser's events (no document is built)."""
    aliases = depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise RefusedYAML(None, None, f"too many YAML aliases (more than {MAX_ALIASES})", event.start_mark)
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise RefusedYAML(None, None, f"nested too deeply (more than {MAX_DEPTH} levels)", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def expanded_size(node: yaml.Node, sizes: dict[int, int], open_: set[int]) -> int:
    """How many values ``node`` stands for once its aliases are expanded; refuses an alias inside
    itself and more than :data:`MAX_NODES` values. Each node is counted once (``sizes``)."""
    if id(node) in sizes:
        return sizes[id(node)]
    if id(node) in open_:
        raise RefusedYAML(None, None, "an alias refers to the collection it is in", node.start_mark)
    open_.add(id(node))
    children = node.value if isinstance(node, yaml.SequenceNode) else (
        [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else [])
    size = 1 + sum(expanded_size(child, sizes, open_) for child in children)
    if size > MAX_NODES:
        raise RefusedYAML(None, None, f"more than {MAX_NODES:,} values here (counting what aliases repeat)",
                          node.start_mark)
    open_.discard(id(node))
    sizes[id(node)] = size
    return size


def read_text(path: Path) -> str:
    """A config file's text; refuses one over :data:`MAX_FILE_BYTES` without reading the rest."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(f"{path}: config file larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: cannot read: {err}") from None


def describe_error(path: Path, text: str, error: dict) -> str:
    """Turn one pydantic error into ``path:line: key.path: message (got value)``, every part cut
    short so that a huge value never makes a huge message."""
    loc = [str(p) for p in error["loc"] if p != "[key]"]  # pydantic's mark of a bad dict key
    line = line_of(text, error["loc"])
    where = cut(".".join(loc), 80) or "(top level)"
    got = f" (got {shown(error['input'])})" if error["type"] != "missing" and not isinstance(error["input"], dict) else ""
    msg = cut(error["msg"].removeprefix("Value error, "), 2 * MAX_SHOWN)
    return f"{path}:{line}: {where}: {msg}{got}"


def line_of(text: str, loc: tuple) -> int:
    """1-based line of the YAML node at key path ``loc`` (the deepest one that exists)."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
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
        with path.open("rb") as file:  # in pieces: a big stray file costs time, not memory
            while chunk := file.read(2**20):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()

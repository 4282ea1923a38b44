"""The catalog of militant groups and military operations (``configs/groups.yml``,
``configs/operations.yml``) and the spaCy patterns built from it and ``configs/patterns/*.jsonl``.

Every alias becomes a pattern for spaCy's ``entity_ruler`` whose ``id`` is the catalog id, so a
match links the mention. Acronyms match case-sensitively as token patterns; other names match
case-insensitively as phrase patterns, with their transliteration and hyphenation variants.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from spacy.schemas import validate_token_pattern

from pipeline.config import ConfigError, line_of, load_yaml_model, read_text

RE_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z]{1,5}(?:-[A-Z]{1,2})?$")
RE_CONNECTOR = re.compile(r"(?<=\w)-([ei])-(?=\w)", re.I)
#: Transliterations that name the same word ("Tehrik" / "Tehreek" / "Tahrik").
SPELLINGS = [("tehrik", "tehreek", "tahrik", "tahreek"), ("jamaat", "jamat", "jamaat"),
             ("mohammed", "mohammad", "muhammad")]
GROUP, OPERATION = "MILITANT_GROUP", "OPERATION"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    names_not_words: list[str] = Field(default_factory=list,
                                       description="aliases the word list knows, reviewed as names only")


class Group(_Entry):
    parent: str | None = None
    active: tuple[int | None, int | None] | None = None
    sources: str | None = None


class Operation(_Entry):
    sponsor: str | None = None
    years: tuple[int | None, int | None] | None = None
    where: str | None = None
    needs_prefix: bool = False


class GroupsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: list[Group]


class OperationsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operations: list[Operation]


@dataclass
class Catalog:
    """Groups and operations by id, and the spaCy patterns that find them."""

    entries: dict[str, Group | Operation] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    patterns: list[dict] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)
    strip_leading: dict[str, list[str]] = field(default_factory=dict)

    def rows(self, ids: set[str]) -> list[dict]:
        """``entities`` table rows for the given ids, in id order."""
        return [{"entity_id": i, "name": self.entries[i].name, "type": self.types[i],
                 "aliases": list(self.entries[i].aliases), "parent": getattr(self.entries[i], "parent", None)}
                for i in sorted(ids) if i in self.entries]


def variants(alias: str) -> set[str]:
    """The spellings of one alias: -e-/-i- connectors, known transliterations, hyphen or space,
    and a spaced hyphen as an en or em dash."""
    forms = {alias}
    if RE_CONNECTOR.search(alias):
        forms |= {RE_CONNECTOR.sub(f"-{c}-", alias) for c in "ei"}
    for group in SPELLINGS:
        for form in list(forms):
            for word in group:
                if re.search(rf"\b{word}\b", form, re.I):
                    forms |= {re.sub(rf"\b{word}\b", other, form, flags=re.I) for other in group}
    forms |= {f.replace("-", " ") for f in forms if "-" in f and not RE_ACRONYM.match(f)}
    forms |= {f.replace(" - ", dash) for f in forms if " - " in f for dash in (" \u2013 ", " \u2014 ")}
    return forms


def key(alias: str) -> str:
    """What two aliases must differ in to be different names."""
    return re.sub(r"[\s\-'\u2019]+", " ", alias.lower()).strip()


def alias_patterns(entry: _Entry, label: str) -> list[dict]:
    """entity_ruler patterns for one entry's name and aliases."""
    names = [entry.name, *entry.aliases]
    if getattr(entry, "needs_prefix", False):
        names = [f"Operation {n}" for n in names] + [f"Op {n}" for n in names]
    elif label == OPERATION:
        names += [f"Operation {n}" for n in names]
    out = []
    for name in names:
        if RE_ACRONYM.match(name):
            out.append({"label": label, "id": entry.id, "pattern": [{"ORTH": t} for t in re.split(r"(-)", name) if t]})
        else:
            out.extend({"label": label, "id": entry.id, "pattern": form} for form in sorted(variants(name)))
    return out


def load_catalog(root: Path) -> Catalog:
    """Read and check groups, operations and pattern files under ``root``."""
    root = Path(root)
    catalog = Catalog()
    owner: dict[str, str] = {}
    for file, model, section, label in (("groups.yml", GroupsFile, "groups", GROUP),
                                        ("operations.yml", OperationsFile, "operations", OPERATION)):
        path = root / file
        entries = getattr(load_yaml_model(path, model), section)
        text = read_text(path)
        for i, entry in enumerate(entries):
            if entry.id in catalog.entries:
                raise ConfigError(f"{path}:{line_of(text, (section, i, 'id'))}: id {entry.id!r} is used twice")
            for j, alias in enumerate([entry.name, *entry.aliases]):
                claimed = owner.setdefault(key(alias), entry.id)
                if claimed != entry.id:
                    where = (section, i, "aliases", j - 1) if j else (section, i, "name")
                    raise ConfigError(f"{path}:{line_of(text, where)}: alias {alias!r} already belongs to {claimed!r}")
            catalog.entries[entry.id] = entry
            catalog.types[entry.id] = label
            catalog.patterns.extend(alias_patterns(entry, label))
        for i, entry in enumerate(entries):
            if getattr(entry, "parent", None) and entry.parent not in catalog.entries:
                raise ConfigError(f"{path}:{line_of(text, (section, i, 'parent'))}: parent {entry.parent!r} is no group id")
    for path in sorted((root / "patterns").glob("*.jsonl")):
        load_pattern_file(path, catalog)
    return catalog


def load_pattern_file(path: Path, catalog: Catalog) -> None:
    """Add one JSONL file of patterns in spaCy's shape; ``examples`` and ``strip_leading`` are ours."""
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise ConfigError(f"{path}:{number}: invalid JSON: {err.msg} at column {err.colno}") from None
        if not isinstance(item, dict) or not {"label", "pattern"} <= item.keys():
            raise ConfigError(f"{path}:{number}: a pattern needs 'label' and 'pattern' (and may have "
                              "'id', 'examples', 'strip_leading')")
        unknown = set(item) - {"label", "pattern", "id", "examples", "strip_leading"}
        if unknown:
            raise ConfigError(f"{path}:{number}: unknown key {sorted(unknown)[0]!r}")
        if not isinstance(item["pattern"], (str, list)) or (isinstance(item["pattern"], list) and (
                problems := validate_token_pattern(item["pattern"]))):
            detail = problems[0] if isinstance(item["pattern"], list) else "a pattern is a string or a list of token dicts"
            raise ConfigError(f"{path}:{number}: invalid spaCy pattern: {detail}")
        pattern = {k: item[k] for k in ("label", "pattern", "id") if k in item}
        pattern.setdefault("id", f"{path.stem}:{number}")
        catalog.patterns.append({**pattern, "source": f"{path.name}:{number}"})
        if item.get("strip_leading"):
            catalog.strip_leading[pattern["id"]] = [w.lower() for w in item["strip_leading"]]
        for kind in ("match", "no_match"):
            for example in item.get("examples", {}).get(kind, []):
                catalog.examples.append({"kind": kind, "example": example, "label": item["label"],
                                         "id": pattern["id"], "source": f"{path}:{number}"})


def lint(catalog: Catalog, is_word) -> list[str]:
    """Catalog problems that do not stop a run: aliases that are English words, matched
    case-insensitively, and so would fire on ordinary prose. The word list (WordNet's, from the
    model) holds some names too; an entry lists those it has reviewed in ``names_not_words``."""
    problems = []
    for entry_id, entry in catalog.entries.items():
        for alias in [entry.name, *entry.aliases]:
            if alias in entry.names_not_words:
                continue
            if not RE_ACRONYM.match(alias) and " " not in alias and "-" not in alias and is_word(alias):
                problems.append(f"{entry_id}: alias {alias!r} is a common English word")
    return problems

"""The catalog of militant groups and military operations (``configs/groups.yml``,
``configs/operations.yml``) and the spaCy patterns built from it and ``configs/patterns/*.jsonl``.

Every alias becomes a pattern for spaCy's ``entity_ruler`` whose ``id`` is the catalog id, so a
match links the mention. Acronyms match case-sensitively as token patterns; other names match
case-insensitively as phrase patterns, with their transliteration and hyphenation variants.

An alias that would match ordinary prose stops the run: an empty one, a single character, and one
made only of function words ("the", "of the"; spaCy's English stop words), in the catalog and in
the pattern files alike. A one-letter name that is meant goes in a pattern file as an exact-case
token pattern (``[{"ORTH": "X"}]``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.schemas import validate_token_pattern

from pipeline.config import (MAX_SHOWN, ConfigError, cut, line_of, load_yaml_model, read_text, regex_problem,
                             shown)

RE_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z]{1,5}(?:-[A-Z]{1,2})?$")
RE_CONNECTOR = re.compile(r"(?<=\w)-([ei])-(?=\w)", re.I)
RE_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
#: Token pattern keys that compare case-insensitively: a word there matches however it is written.
CASELESS = {"LOWER", "NORM", "LEMMA"}
#: Transliterations that name the same word ("Tehrik" / "Tehreek" / "Tahrik").
SPELLINGS = [("tehrik", "tehreek", "tahrik", "tahreek"), ("jamaat", "jamat", "jamaat"),
             ("mohammed", "mohammad", "muhammad"), ("muslimin", "muslimeen"), ("mujahideen", "mujahidin")]
#: Marks the press sets for an apostrophe inside a name ("Jama'at", "Jama’at", "Jama´at").
APOSTROPHES = ("\u2019", "\u00b4")
GROUP, OPERATION = "MILITANT_GROUP", "OPERATION"


def alias_problem(alias: str) -> str | None:
    """Why ``alias`` would match ordinary prose rather than a name, or None when it would not."""
    words = RE_WORD.findall(alias.lower().replace("\u2019", "'"))
    if not alias.strip():
        return "alias is empty"
    if len(alias.strip()) == 1:
        return ("alias is a single character and would match ordinary text (a one-letter name that is "
                'meant goes in patterns/*.jsonl as an exact-case token pattern, [{"ORTH": ...}])')
    if not words:
        return "alias has no letters or digits"
    if all(word in STOP_WORDS for word in words):
        return "alias is only function words (spaCy's stop words) and would match ordinary text"
    return None


def _alias(alias: str) -> str:
    if problem := alias_problem(alias):
        raise ValueError(problem)
    return alias


def _ordered(years: tuple[int | None, int | None] | None) -> tuple[int | None, int | None] | None:
    if years and None not in years and years[0] > years[1]:
        raise ValueError("the first year is after the last")
    return years


#: A name or alias that would not match ordinary prose (see :func:`alias_problem`).
Alias = Annotated[str, AfterValidator(_alias)]
Years = Annotated[tuple[int | None, int | None] | None, AfterValidator(_ordered)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: Alias = Field(min_length=2)
    aliases: list[Alias] = Field(default_factory=list)
    names_not_words: list[str] = Field(default_factory=list,
                                       description="aliases the word list knows, reviewed as names only")


class Group(_Entry):
    parent: str | None = None
    active: Years = None
    #: The country a group is the de facto government of ("the Taliban arrested 12": a state's arrest).
    governs: str | None = None
    #: Countries where a credit to the group's parent is this branch's too (IS in Afghanistan: ISKP).
    operates_in: list[str] = Field(default_factory=list)
    #: Another group whose bare name means this one in these countries, where the text names this one
    #: too: {taliban: [Pakistan]} ("Taliban militants attacked a police station" in a story that speaks
    #: of the Pakistani Taliban).
    bare_name_of: dict[str, list[str]] = Field(default_factory=dict)
    #: Countries the group fights in: a document that names it and no country for sure is read as
    #: about them (a small town of a place's name elsewhere is a namesake). A branch without its own
    #: list takes its parent's.
    fights_in: list[str] = Field(default_factory=list)
    sources: str | None = None


class Operation(_Entry):
    sponsor: str | None = None
    years: Years = None
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

    def bare_names(self) -> dict[tuple[str, str], str]:
        """``(group id, country in lower case) -> id`` of the group that group's bare name means there,
        where the text names it (the ``bare_name_of`` lists)."""
        return {(other, country.lower()): i for i, e in self.entries.items()
                for other, countries in getattr(e, "bare_name_of", {}).items() for country in countries}

    def fights_in(self) -> dict[str, list[str]]:
        """``group id -> countries`` it fights in (``fights_in``), a branch's from its parent when it lists none."""
        found = {}
        for i, entry in self.entries.items():
            seen, countries = entry, list(getattr(entry, "fights_in", []))
            while not countries and getattr(seen, "parent", None) in self.entries:
                seen = self.entries[seen.parent]
                countries = list(getattr(seen, "fights_in", []))
            if countries:
                found[i] = countries
        return found

    def parents(self) -> dict[str, str]:
        """Each group's parent group, where it is a branch or faction of one ("iskp": "islamic-state")."""
        return {i: e.parent for i, e in self.entries.items() if getattr(e, "parent", None)}

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
    forms |= {mixed for f in forms if "-" in f and not RE_ACRONYM.match(f) for mixed in spaced(f)}
    forms |= {f.replace("'", mark) for f in forms if "'" in f for mark in APOSTROPHES}
    forms |= {f.replace(" - ", dash) for f in forms if " - " in f for dash in (" \u2013 ", " \u2014 ")}
    return forms


#: Most hyphens of one name whose every mix of hyphen and space is a spelling ("Jamaat-ul Ahrar").
MAX_MIXED_HYPHENS = 4


def spaced(name: str) -> set[str]:
    """The name with each of its hyphens kept or written as a space, in every mix ("Jamaat-ul-Ahrar":
    "Jamaat ul Ahrar", "Jamaat-ul Ahrar", "Jamaat ul-Ahrar"); only all or none beyond a few hyphens."""
    parts = name.split("-")
    if len(parts) - 1 > MAX_MIXED_HYPHENS:
        return {name.replace("-", " ")}
    return {"".join(p + (("-" if mask >> i & 1 else " ") if i < len(parts) - 1 else "") for i, p in enumerate(parts))
            for mask in range(2 ** (len(parts) - 1))}


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
                raise ConfigError(f"{path}:{line_of(text, (section, i, 'id'))}: id {shown(entry.id)} is used twice")
            for j, alias in enumerate([entry.name, *entry.aliases]):
                claimed = owner.setdefault(key(alias), entry.id)
                if claimed != entry.id:
                    where = (section, i, "aliases", j - 1) if j else (section, i, "name")
                    raise ConfigError(f"{path}:{line_of(text, where)}: alias {shown(alias)} already belongs to {claimed!r}")
            catalog.entries[entry.id] = entry
            catalog.types[entry.id] = label
            catalog.patterns.extend(alias_patterns(entry, label))
        for i, entry in enumerate(entries):
            if getattr(entry, "parent", None) and entry.parent not in catalog.entries:
                raise ConfigError(f"{path}:{line_of(text, (section, i, 'parent'))}: parent {shown(entry.parent)} is no group id")
            for other in getattr(entry, "bare_name_of", {}):
                if other not in catalog.entries:
                    raise ConfigError(f"{path}:{line_of(text, (section, i, 'bare_name_of'))}: bare_name_of "
                                      f"{shown(other)} is no group id")
    for path in sorted((root / "patterns").glob("*.jsonl")):
        load_pattern_file(path, catalog)
    return catalog


def load_pattern_file(path: Path, catalog: Catalog) -> None:
    """Add one JSONL file of patterns in spaCy's shape; ``examples`` and ``strip_leading`` are ours."""
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        item = read_pattern_line(line, f"{path}:{number}")
        pattern = {k: item[k] for k in ("label", "pattern", "id") if k in item}
        pattern.setdefault("id", f"{path.stem}:{number}")
        catalog.patterns.append({**pattern, "source": f"{path.name}:{number}"})
        if item.get("strip_leading"):
            catalog.strip_leading[pattern["id"]] = [w.lower() for w in item["strip_leading"]]
        for kind in ("match", "no_match"):
            for example in item.get("examples", {}).get(kind, []):
                catalog.examples.append({"kind": kind, "example": example, "label": item["label"],
                                         "id": pattern["id"], "source": f"{path}:{number}"})


def token_pattern_problem(pattern: list) -> str | None:
    """Why a spaCy token pattern (Matcher / entity_ruler shape) is refused, or None: what spaCy's
    own schema says, or a ``REGEX`` in it that :func:`regex_problem` refuses."""
    if problems := validate_token_pattern(pattern):
        return f"invalid spaCy pattern: {cut(str(problems[0]), 2 * MAX_SHOWN)}"
    for regex in pattern_regexes(pattern):
        if problem := regex_problem(regex):
            return f"REGEX {shown(regex)}: {problem}"
    return None


def pattern_regexes(value: object) -> list[str]:
    """Every ``{"REGEX": ...}`` string in a token pattern, at any depth (``TEXT``, ``LOWER``, ``_``)."""
    if isinstance(value, dict):
        return [r for k, v in value.items()
                for r in ([v] if k == "REGEX" and isinstance(v, str) else pattern_regexes(v))]
    if isinstance(value, list):
        return [r for item in value for r in pattern_regexes(item)]
    return []


def read_pattern_line(line: str, where: str) -> dict:
    """One line of a pattern file, checked; ``where`` (``path:line``) starts every error message."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise ConfigError(f"{where}: invalid JSON: {err.msg} at column {err.colno}") from None
    except RecursionError:
        raise ConfigError(f"{where}: invalid JSON: nested too deeply") from None
    if not isinstance(item, dict) or not {"label", "pattern"} <= item.keys():
        raise ConfigError(f"{where}: a pattern needs 'label' and 'pattern' (and may have "
                          "'id', 'examples', 'strip_leading')")
    unknown = set(item) - {"label", "pattern", "id", "examples", "strip_leading"}
    if unknown:
        raise ConfigError(f"{where}: unknown key {shown(sorted(unknown)[0])}")
    if problem := pattern_problem(item["pattern"]):
        raise ConfigError(f"{where}: {problem}")
    examples = item.get("examples", {})
    if not isinstance(examples, dict) or not all(isinstance(v, list) for v in examples.values()) or (
            set(examples) - {"match", "no_match"}):
        raise ConfigError(f'{where}: examples: expected {{"match": [[sentence, entity]], "no_match": [sentence]}}')
    strip = item.get("strip_leading", [])
    if not isinstance(strip, list) or not all(isinstance(w, str) for w in strip):
        raise ConfigError(f"{where}: strip_leading: expected a list of words")
    return item


def pattern_problem(pattern: object) -> str | None:
    """Why a pattern of a pattern file is refused, or None: not spaCy's shape, a refused regex,
    or a phrase (or fixed case-insensitive words) that :func:`alias_problem` refuses."""
    if isinstance(pattern, str):
        problem = alias_problem(pattern)
        return f"pattern {shown(pattern)}: {problem.removeprefix('alias ')}" if problem else None
    if not isinstance(pattern, list):
        return "invalid spaCy pattern: a pattern is a string or a list of token dicts"
    if problem := token_pattern_problem(pattern):
        return problem
    phrase = caseless_phrase(pattern)
    if phrase is not None and (problem := alias_problem(phrase)):
        return f"pattern matching {shown(phrase)}: {problem.removeprefix('alias ')}"
    return None


def caseless_phrase(pattern: list[dict]) -> str | None:
    """The text a token pattern of fixed words matches case-insensitively, taking for each token the
    word :func:`alias_problem` likes least (``{"LOWER": {"IN": ["the", "a"]}}`` counts as "the");
    None when a token is anything else (exact-case ``ORTH``, an operator, a regex, a part of speech),
    which says the pattern is meant."""
    words = []
    for token in pattern:
        if len(token) != 1 or next(iter(token)) not in CASELESS:
            return None
        value = next(iter(token.values()))
        options = [value] if isinstance(value, str) else value.get("IN") if (
            isinstance(value, dict) and set(value) == {"IN"}) else None
        if not options or not all(isinstance(o, str) for o in options):
            return None
        words.append(next((o for o in options if alias_problem(o)), options[0]))
    return " ".join(words)


def lint(catalog: Catalog, is_word) -> list[str]:
    """Catalog problems: aliases that are English words, matched case-insensitively, and so would
    fire on ordinary prose. The word list (WordNet's, from the model) holds some names too; an entry
    lists those it has reviewed in ``names_not_words``. Aliases that :func:`alias_problem` refuses
    (which stop a run when read from configs) are reported too."""
    problems = []
    for entry_id, entry in catalog.entries.items():
        for alias in [entry.name, *entry.aliases]:
            if problem := alias_problem(alias):
                problems.append(f"{entry_id}: {problem.replace('alias', f'alias {shown(alias)}', 1)}")
                continue
            if alias in entry.names_not_words:
                continue
            if not RE_ACRONYM.match(alias) and " " not in alias and "-" not in alias and is_word(alias):
                problems.append(f"{entry_id}: alias {alias!r} is a common English word")
    return problems

"""The settings of the events stage: ``configs/events.yml`` (types, triggers, cue words, mappings)
and ``configs/places.yml`` (the gazetteer that ranks places)."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails

#: The event types of the contract; configs may add more, never drop these.
CONTRACT_TYPES = ("ATTACK", "TARGETED_KILLING", "ARREST", "EXTRADITION", "MILITARY_OPERATION", "AID")
WORD_LISTS = ("claim", "suspect", "deny", "attacker", "branch", "perpetrator", "state_forces", "kill", "wound",
              "military", "aid")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _not_blank(value: str) -> str:
    # a blank cue word is in every sentence: the needs lists are looked for as substrings
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


def _token_pattern(pattern: list[dict]) -> list[dict]:
    from pipeline.catalog import token_pattern_problem  # which imports pipeline.config, which imports this

    if problem := token_pattern_problem(pattern):
        raise ValueError(problem)
    return pattern


#: A trigger or cue word: not empty, not only spaces.
Word = Annotated[str, AfterValidator(_not_blank)]


class Triggers(_Strict):
    NOUN: list[Word] = Field(default_factory=list)
    VERB: list[Word] = Field(default_factory=list)
    ADJ: list[Word] = Field(default_factory=list)
    patterns: list[Annotated[list[dict], AfterValidator(_token_pattern)]] = Field(default_factory=list)


class EventType(_Strict):
    triggers: Triggers
    needs: str | None = Field(default=None, description="a word list the sentence must also hold")
    mapping: dict[str, str] = Field(default_factory=dict)


class EventsSettings(_Strict):
    types: dict[str, EventType]
    words: dict[str, list[Word]]

    @model_validator(mode="after")
    def _needs_a_list(self) -> EventsSettings:
        for name, kind in self.types.items():
            if kind.needs is not None and kind.needs not in self.words:
                error = ValueError(f"names no list under words (they are: {', '.join(self.words)})")
                raise ValidationError.from_exception_data(type(self).__name__, [InitErrorDetails(
                    type="value_error", loc=("types", name, "needs"), input=kind.needs, ctx={"error": error})])
        return self

    @field_validator("types")
    @classmethod
    def _contract(cls, types: dict[str, EventType]) -> dict[str, EventType]:
        missing = [t for t in CONTRACT_TYPES if t not in types]
        if missing:
            raise ValueError(f"the contract's event types must stay: missing {', '.join(missing)}")
        return types

    @field_validator("words")
    @classmethod
    def _lists(cls, words: dict[str, list[str]]) -> dict[str, list[str]]:
        missing = [w for w in WORD_LISTS if w not in words]
        if missing:
            raise ValueError(f"missing word lists: {', '.join(missing)}")
        return words


class PlacesSettings(_Strict):
    countries: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    cities: list[str] = Field(default_factory=list)
    capitals: dict[str, str] = Field(default_factory=dict)
    #: First-level divisions (province, state) and the places in them: the events' ``province``.
    provinces: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("provinces")
    @classmethod
    def _one_province_each(cls, provinces: dict[str, list[str]]) -> dict[str, list[str]]:
        seen: dict[str, str] = {}
        for province, names in provinces.items():
            for name in [province, *names]:
                other = seen.setdefault(name.lower(), province)
                if other != province:
                    raise ValueError(f"{name!r} is listed under both {other!r} and {province!r}")
        return provinces

    def province_index(self) -> dict[str, str]:
        """Each listed name, lower-cased, to its province."""
        return {name.lower(): province for province, names in self.provinces.items() for name in [province, *names]}

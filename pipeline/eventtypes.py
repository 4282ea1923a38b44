"""The settings of the events stage: ``configs/events.yml`` (types, triggers, cue words, mappings)
and ``configs/places.yml`` (the gazetteer that ranks places)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: The event types of the contract; configs may add more, never drop these.
CONTRACT_TYPES = ("ATTACK", "TARGETED_KILLING", "ARREST", "EXTRADITION", "MILITARY_OPERATION", "AID")
WORD_LISTS = ("claim", "suspect", "deny", "attacker", "branch", "perpetrator", "state_forces", "kill", "wound",
              "military", "aid")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Triggers(_Strict):
    NOUN: list[str] = Field(default_factory=list)
    VERB: list[str] = Field(default_factory=list)
    ADJ: list[str] = Field(default_factory=list)
    patterns: list[list[dict]] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _valid(cls, patterns: list[list[dict]]) -> list[list[dict]]:
        from spacy.schemas import validate_token_pattern

        for i, pattern in enumerate(patterns):
            if problems := validate_token_pattern(pattern):
                raise ValueError(f"pattern {i}: {problems[0]}")
        return patterns


class EventType(_Strict):
    triggers: Triggers
    needs: str | None = Field(default=None, description="a word list the sentence must also hold")
    mapping: dict[str, str] = Field(default_factory=dict)


class EventsSettings(_Strict):
    types: dict[str, EventType]
    words: dict[str, list[str]]

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

"""The settings of the events stage: ``configs/events.yml`` (types, triggers, cue words, mappings)
and ``configs/places.yml`` (the gazetteer that ranks places)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator,
                      model_validator)
from pydantic_core import InitErrorDetails

from pipeline.factuality import FactualityCues

#: The event types of the contract; configs may add more, never drop these.
CONTRACT_TYPES = ("ATTACK", "TARGETED_KILLING", "ARREST", "EXTRADITION", "MILITARY_OPERATION", "AID")
WORD_LISTS = ("claim", "suspect", "deny", "attacker", "branch", "perpetrator", "state_forces", "kill", "wound",
              "military", "aid", "other_incident", "listing")


Category = Literal["plover", "acled", "gtd"]
#: The comparison datasets whose category each type names in ``mapping:`` (columns of events and incidents).
CATEGORIES: tuple[str, ...] = get_args(Category)


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
    #: The type a mention takes when its sentence names no person (a drone strike on a named commander
    #: is a targeted killing, one on "militant hideouts" an operation: gold/EVENTS.md's types).
    without_person: str | None = None
    #: Triggers that say a person was the one hit without naming one, with the type a mention of them
    #: takes instead of ``without_person`` unless a state's forces did it ("the assassination of a party
    #: official": a group's killing, an attack).
    without_person_by_trigger: dict[Word, str] = Field(default_factory=dict)
    #: Whether the type's incidents count killed and wounded (an attack's toll, the militants an
    #: operation killed; an arrest or aid has none).
    casualties: bool = False
    #: Which groups a row credits as its actors: ``named`` (a group the text says claimed, carried out or
    #: is suspected of it, anywhere in the incident's sentences) or ``agent`` (only a group that is the
    #: trigger's own subject or "by" agent: "the Taliban arrested"; in "the arrested men are members of
    #: TTP" the group is the ones taken's, not the arrest's).
    actors: Literal["named", "agent"] = "named"
    #: Who may give or take it: ``any``, or ``states`` (aid between states: "the TTP received funding
    #: from the Taliban" names a group as a party, and is no aid).
    parties: Literal["any", "states"] = "any"
    #: Modifiers that make a trigger noun something else ("a rescue operation" is no military one).
    not_with: list[Word] = Field(default_factory=list)
    #: A list under ``words``: a trigger verb whose object is none of them, no person's name and no
    #: personal pronoun is no incident of this type ("handed over night-vision goggles" is no extradition).
    object_words: str | None = Field(default=None, description="a word list the trigger verb's object must be from")
    #: Nouns of other types' triggers that, definite and with no date or place of their own, name an
    #: incident of this type again ("an air strike near Jilib ... The strike on Sunday").
    anaphors: list[Word] = Field(default_factory=list)
    #: Anaphors that name an incident of this type again only when it is the one told last and none of
    #: the noun's own type was told before ("Pakistani jets bombed a house ... The attack occurred at
    #: midnight in X district"); each must also be listed under ``anaphors``.
    anaphors_last: list[Word] = Field(default_factory=list)
    #: The type of incident this type's incident is part of when the sentence tells it as the answer to
    #: one ("security forces killed ten militants when they stormed the camp": the attack, whose
    #: attackers killed those are), as a clause of "when", "as", "while" or "after" (:func:`pipeline.events.answer_to`).
    answers: str | None = None
    #: The type's category in PLOVER, ACLED and GTD, written to those columns of events and incidents.
    mapping: dict[Category, str] = Field(default_factory=dict)


class ClusteringSettings(_Strict):
    """``clustering:`` of events.yml: when rows of several documents are one real-world incident
    (:mod:`pipeline.incidents`)."""

    #: Days two rows' dates may lie apart (reports of one attack differ by a day or two; ACLED and
    #: GTD code one event per day and place, so a wider window mostly joins distinct events).
    days: int = Field(default=3, ge=0, le=30)
    #: Two killed figures, both at least ``toll_floor``, whose ratio exceeds this are two incidents.
    toll_ratio: float = Field(default=3.0, ge=1.0)
    #: A figure published on a later day than a smaller one may be up to this ratio times it: the
    #: toll of a large bombing rises for days as the wounded die and bodies are recovered, and the
    #: first evening's reports give a fraction of it (a judgement, wider than ``toll_ratio``).
    rise_ratio: float = Field(default=8.0, ge=1.0)
    #: Figures below this fit any other (a first report of "2 killed" grows to 20).
    toll_floor: int = Field(default=3, ge=0)
    #: A date range up to this many days (a month, a year: "the 2021 Kabul airport bombing") still
    #: joins an incident: the only one in the corpus that fits and shares a group, a close killed
    #: figure or a named person with it (a row without a date: a group and a figure, or a person).
    coarse_days: int = Field(default=366, ge=0, le=366)
    #: Killed figures at most this ratio apart are close (a toll revised from 44 to 54).
    close_ratio: float = Field(default=1.5, ge=1.0)
    #: A row without a date joins the one incident at its town whose killed figure is close to its own
    #: when both are at least this many (towns see small raids again and again, few massacres).
    undated_toll: int = Field(default=10, ge=1)
    #: Types whose named target is one incident's key: the arrest, extradition or killing of one
    #: person reported twice ("Mohammad Sharifullah", "Sharifullah") is one incident wherever the
    #: reports place it (the country he was handed to, the town he was caught in).
    person_types: list[str] = Field(default_factory=lambda: ["ARREST", "EXTRADITION", "TARGETED_KILLING"])
    #: Words that end a place's name without changing the place ("Bara Bazar" is Bara, "Khyber Agency"
    #: is Khyber, "Regi Model Town" is Regi): two reports name one place with and without them.
    locality_words: list[Word] = Field(default_factory=lambda: ["bazar", "bazaar", "market", "chowk", "adda",
                                                                "model", "town", "city", "cantt", "cantonment",
                                                                "agency", "district", "governorate", "tehsil", "area",
                                                                "village"])
    #: Lower-case words inside a person's name ("Osama bin Laden", "Zia ul Haq").
    name_particles: list[Word] = Field(default_factory=lambda: ["bin", "bint", "ibn", "al", "ul", "ud", "ur", "el"])
    #: Kinds of place or thing attacked whose name sets an incident apart within a town and a year
    #: (GTD's target types: educational and religious institutions, airports, transportation, business,
    #: government, diplomatic, military): the one 2014 school attack in Peshawar. A noun before an
    #: incident's noun in this list is its target ("a school massacre"), and two rows whose targets end
    #: in the same one corroborate each other as a group or a toll does.
    target_kinds: list[Word] = Field(default_factory=list)
    #: Names a country goes by in the news and its name in the gazetteer ("America": United States),
    #: compared after the places stage, which places a row by whichever name its sentence gives.
    country_names: dict[Word, Word] = Field(default_factory=dict)

    @field_validator("rise_ratio")
    @classmethod
    def _rises_at_least_as_far(cls, value: float, info: ValidationInfo) -> float:
        # a later day's report may differ from an earlier one at least as much as two of one day
        if value < info.data.get("toll_ratio", 1.0):
            raise ValueError(f"must be at least toll_ratio ({info.data['toll_ratio']})")
        return value


class EventsSettings(_Strict):
    types: dict[str, EventType]
    words: dict[str, list[Word]]
    clustering: ClusteringSettings = Field(default_factory=ClusteringSettings)
    #: Cue words of :func:`pipeline.factuality.factuality` (the ``factuality:`` section).
    factuality: FactualityCues = FactualityCues()

    @model_validator(mode="after")
    def _needs_a_list(self) -> EventsSettings:
        for name, kind in self.types.items():
            named = [(("without_person",), kind.without_person), (("answers",), kind.answers)] + [
                (("without_person_by_trigger", word), other) for word, other in kind.without_person_by_trigger.items()]
            for loc, other in named:
                if other is not None and other not in self.types:
                    error = ValueError(f"names no type (they are: {', '.join(self.types)})")
                    raise ValidationError.from_exception_data(type(self).__name__, [InitErrorDetails(
                        type="value_error", loc=("types", name, *loc), input=other, ctx={"error": error})])
            for key in ("needs", "object_words"):
                if getattr(kind, key) is not None and getattr(kind, key) not in self.words:
                    error = ValueError(f"names no list under words (they are: {', '.join(self.words)})")
                    raise ValidationError.from_exception_data(type(self).__name__, [InitErrorDetails(
                        type="value_error", loc=("types", name, key), input=getattr(kind, key), ctx={"error": error})])
        return self

    @model_validator(mode="after")
    def _person_types_are_types(self) -> EventsSettings:
        for index, name in enumerate(self.clustering.person_types):
            if name not in self.types:
                error = ValueError(f"names no type (they are: {', '.join(self.types)})")
                raise ValidationError.from_exception_data(type(self).__name__, [InitErrorDetails(
                    type="value_error", loc=("clustering", "person_types", index), input=name, ctx={"error": error})])
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


class FormerDivision(_Strict):
    """A first-level division as it was before a merger: events in its districts up to ``until`` take
    its name as their province (GTD and ACLED code a 2014 attack in North Waziristan to FATA)."""

    name: str = Field(min_length=1)
    #: The division the gazetteer places its districts in today.
    now: str = Field(min_length=1)
    until: dt.date
    #: Its districts as the gazetteer names them, without "District" or "Agency".
    districts: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)


class LocalTown(_Strict):
    """A town, village or neighbourhood the gazetteer lacks: GeoNames gives many towns of Pakistan's
    tribal districts no population, so they are not among its cities500 ("Mir Ali", "Razmak").
    ``country`` and ``province`` must name places of the gazetteer (checked when the run starts)."""

    name: str = Field(min_length=1)
    #: Other spellings ("Miram Shah" for "Miranshah").
    aliases: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    #: The district it lies in, as the gazetteer names it ("North Waziristan", "Karachi").
    district: str | None = None
    province: str = Field(min_length=1)
    country: str = Field(min_length=1)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class PlacesSettings(_Strict):
    """``configs/places.yml``: what users add to or override in the GeoNames gazetteer, and the words
    that mark a place slot."""

    #: Names the model may mislabel, always read as places ("Quetta" tagged PERSON is a GPE).
    countries: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    cities: list[str] = Field(default_factory=list)
    #: "the Afghan capital" and the city it names.
    capitals: dict[str, str] = Field(default_factory=dict)
    #: A name and the gazetteer place it stands for: old or local names of a province ("FATA"), a
    #: neighbourhood and its city ("Dasht-e-Barchi": Kabul).
    aliases: dict[str, str] = Field(default_factory=dict)
    #: Countries whose places win a tie with a namesake elsewhere (the project's focus).
    prefer_countries: list[str] = Field(default_factory=list)
    #: A people's adjective and its country ("Pakistani": Pakistan), for an event placed nowhere else.
    demonyms: dict[str, str] = Field(default_factory=dict)
    #: Names of peoples and sects ("Baloch", "Hazara"): never a place on their own, nor are demonyms.
    peoples: list[str] = Field(default_factory=list)
    #: Regions of the world ("Africa", "the Middle East"): too wide to place an incident, never a place.
    world_regions: list[str] = Field(default_factory=list)
    #: Words before a name that make it a place ("in Quetta", "near Khar").
    slot_words: list[str] = Field(default_factory=list)
    #: Nouns that make a name after "of" a place ("the village of Felo", "the outskirts of Kabul").
    slot_nouns: list[str] = Field(default_factory=list)
    #: Nouns that make "the X of NAME" a place even where the gazetteer lacks it ("the village of Felo").
    settlement_nouns: list[str] = Field(default_factory=list)
    #: Words that make a name beginning with a place a venue in it ("Abha International Airport").
    venue_words: list[str] = Field(default_factory=list)
    #: Nouns of an incident that make a name before them a place ("the 2019 Pulwama attack", "the
    #: Peshawar school massacre").
    incident_nouns: list[str] = Field(default_factory=list)
    #: Lemmas of a journey: a name after "to" that one of them governs is where it was going ("a bus
    #: travelling from Islamabad to Kohistan", "the train to Rawalpindi"), rarely where the event was.
    route_words: list[str] = Field(default_factory=list)
    #: Lemmas of taking someone away: a name after "from" that one of them governs is where it
    #: happened ("kidnapped from Lahore"), not where someone came from.
    taking_words: list[str] = Field(default_factory=list)
    #: Words after a name that say its kind ("Danghara district", "Imo State"): kind -> words.
    kind_words: dict[str, list[str]] = Field(default_factory=dict)
    #: Divisions merged away, by the date of the merger: an event before it is placed in the old one.
    former_divisions: list[FormerDivision] = Field(default_factory=list)
    #: A division's name in the gazetteer and the name the tables give it, as the news, GTD and ACLED
    #: write it ("Khowst": Khost).
    division_names: dict[str, str] = Field(default_factory=dict)
    #: Towns, villages and neighbourhoods added to the gazetteer (see :class:`LocalTown`).
    towns: list[LocalTown] = Field(default_factory=list)

    @field_validator("kind_words")
    @classmethod
    def _known_kinds(cls, kinds: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(kinds) - {"town", "district", "province", "country"})
        if unknown:
            raise ValueError(f"unknown kind {unknown[0]!r}: expected town, district, province or country")
        return kinds

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, aliases: dict[str, str]) -> dict[str, str]:
        seen: dict[str, str] = {}
        for name, place in aliases.items():
            if not name.strip() or not place.strip():
                raise ValueError(f"alias {name!r}: name and place must not be empty")
            other = seen.setdefault(name.lower(), name)
            if other != name:
                raise ValueError(f"alias {name!r} is listed twice (also as {other!r})")
        return aliases

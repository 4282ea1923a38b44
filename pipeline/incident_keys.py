"""Incident keys: what the clustering (:mod:`pipeline.incidents`) compares of one events row.

An events row becomes a :class:`Row`: its type, the days it may be on, the folded names of its place
chain, its country under one name ("America" and "United States" are one country, ``clustering.
country_names``), its groups, its killed figure, and the words of the person it names for the types
whose incidents a person identifies (``clustering.person_types``: the arrest, extradition or killing
of "Mohammad Sharifullah"). Pure functions and one small reader set up once per run.
"""
from __future__ import annotations

import math

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from pipeline.eventtypes import ClusteringSettings
from pipeline.gazetteer import fold

#: Words that open a noun phrase, never a name: "The Taliban", "These Men" in a headline's case.
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})


class Row(NamedTuple):
    """What the clustering compares of one events row; dates are ordinals (``date.toordinal``)."""

    event_id: str
    doc_id: str
    kind: str
    lo: int | None
    hi: int | None
    exact: bool
    names: frozenset[str]
    country: str | None
    geonames_id: int | None
    actors: frozenset[str]
    killed: int | None
    #: The folded words of the person the row names, for a person type (empty: none named).
    person: frozenset[str] = frozenset()
    #: The last of those words, the key a row is looked up by ("Sharifullah" in "Mohammad Sharifullah").
    surname: str | None = None
    #: The day its document was published (an ordinal), when known.
    published: int | None = None
    #: The kind of place or thing attacked its target ends in ("school" of "the Army Public School").
    target_kind: str | None = None
    #: The folded name of the town or spot it is placed at (none when placed by a district or wider).
    spot: str | None = None
    #: Its wounded figure: with the killed one, what an undated row is told by.
    wounded: int | None = None
    #: The key of its place as the text writes it ("DI Khan"), which another report may write otherwise.
    written: str | None = None
    #: Its actors with the groups they are branches of ("iskp" and "islamic-state").
    family: frozenset[str] = frozenset()
    #: The keys among ``names`` that name a province: a name its place goes by under one report and
    #: not under another ("Parachinar, Kurram" in the Tribal Areas or in Khyber Pakhtunkhwa).
    regions: frozenset[str] = frozenset()
    #: The key of the GeoNames town it is placed at when that town gives its district its name ("Bannu"):
    #: no ``spot`` (the name may mean the district), but a town an undated report may share with a dated one.
    seat: str | None = None


@lru_cache(maxsize=65536)
def folded(name: str) -> str:
    return fold(name)


def day_span(record: dict) -> tuple[int | None, int | None, bool]:
    """First and last day a row may be on, and whether its sentence gives one exact day.

    A date from the published day only ("published") may be that day or the one before.
    """
    start, end = record.get("date_start"), record.get("date_end") or record.get("date_start")
    if start is None:
        return None, None, False
    lo, hi = start.toordinal(), max(start, end).toordinal()
    if record.get("date_source") == "published":
        return lo - 1, hi, False
    return lo, hi, lo == hi


@lru_cache(maxsize=65536)
def place_names(location: str | None, place: str | None, district: str | None, province: str | None,
                country: str | None) -> frozenset[str]:
    """The folded names of a row's place chain below its country (empty: placed by country or not at all)."""
    parts = (location or "").split(",") + [place or "", district or "", province or ""]
    country = folded(country or "")
    return frozenset(n for n in (folded(p) for p in parts if p.strip()) if n and n != country)


#: Letters a transliteration writes one way or another, or not at all ("Musakhail", "Musakhel", "Musa
#: Khel"; "Rarasham", "Rarah Sham"): a place's key is its name without them.
SOFT_LETTERS = frozenset("aeiouyhw")
#: Arabic articles a transliteration writes or leaves out, alone or hyphened to the word ("Al Anbar", "Anbar").
ARTICLES = frozenset({"al", "el"})
#: Keys shorter than this say too little ("Kot" and "Kat"): the name itself is the key.
SHORTEST_KEY = 3


@lru_cache(maxsize=65536)
def place_key(name: str, locality: frozenset[str] = frozenset()) -> str:
    """The key two spellings of one place share: the folded name without its closing locality words
    ("bara bazar": "bara"), then without spaces, marks and the letters transliterations disagree on
    (:data:`SOFT_LETTERS`), a letter written twice once. Soundex (as jellyfish computes it) would also
    merge what news keeps apart: it codes letters by class, so "Kot" and "Kohat" are both K300."""
    words = name.split()
    while len(words) > 1 and words[-1] in locality:
        words.pop()
    words = [w.split("-", 1)[1] if w.split("-", 1)[0] in ARTICLES and "-" in w else w
             for w in words if w not in ARTICLES] or words  # "Bir al-Abed" and "Bir Abd"
    stripped = "".join(words)
    skeleton = "".join(ch for i, ch in enumerate(stripped) if ch.isalnum() and (i == 0 or ch not in SOFT_LETTERS))
    skeleton = "".join(ch for i, ch in enumerate(skeleton) if i == 0 or ch != skeleton[i - 1])
    return skeleton if len(skeleton) >= SHORTEST_KEY else stripped


@lru_cache(maxsize=4096)
def group_set(actors: tuple[str, ...]) -> frozenset[str]:
    return frozenset(actors)


def is_name_word(word: str, particles: frozenset[str]) -> bool:
    """A word of a person's name: capitalised with a lower-case letter after it, a particle ("bin"),
    or a particle joined to a capitalised word ("al-Zawahiri", "ul-Haq")."""
    if word.lower() in particles and not word[0].isupper():
        return True
    head, dash, rest = word.partition("-")
    if dash and head.lower() in particles and rest:
        word = rest
    return word[0].isupper() and any(ch.islower() for ch in word[1:])


def name_words(target: str | None, particles: frozenset[str]) -> tuple[str, ...]:
    """The folded words of a person's name, or () when ``target`` is no name: the words that end it
    and pass :func:`is_name_word`, the whole target or a name after a lower-case title ("al-Qaeda's
    leader Ayman al-Zawahiri", "TTP commander Gul Zaman"); no figures. "ISKP leaders", "five suspects",
    "who", "The Taliban" and "ISKP" are no names."""
    words = (target or "").replace("\u2019", "'").split()
    if not words or words[0].lower() in DETERMINERS or any(ch.isdigit() for ch in target or ""):
        return ()
    start = len(words)
    while start > 0 and is_name_word(words[start - 1], particles):
        start -= 1
    if start == len(words) or (start > 0 and not words[start - 1].islower()):
        return ()
    return tuple(w for w in (folded(word) for word in words[start:]) if w)


def shared_doers(a: Row, b: Row) -> frozenset[str]:
    """The groups both rows credit, a branch counting as its parent's ("iskp" and "islamic-state";
    not two branches of one parent, "iskp" and "iswap")."""
    return (a.actors & (b.family or b.actors)) | (b.actors & (a.family or a.actors))


def same_person(a: Row, b: Row) -> bool:
    """Both rows name one person: one name's words within the other's, the longer of two or more
    words ("Sharifullah" and "Mohammad Sharifullah"; two lone surnames say too little)."""
    if not a.person or not b.person:
        return False
    small, large = sorted((a.person, b.person), key=len)
    return len(large) > 1 and small <= large


class RowReader:
    """Makes :class:`Row` objects under one run's ``clustering:`` settings."""

    def __init__(self, settings: ClusteringSettings, parents: dict[str, str] | None = None,
                 bare: dict[tuple[str, str], str] | None = None):
        """``parents``: each group's parent group (the entities table's ``parent``): a report that
        credits the Islamic State and one that credits its Khorasan branch name the same doers.
        ``bare``: the group a bare name means in a country ("Taliban" in Pakistan: the TTP, as the
        catalog's ``bare_name_of`` says): a report crediting the bare name may be one crediting that group."""
        self.parents = parents or {}
        self.bare = bare or {}
        self.countries = {folded(name): country for name, country in settings.country_names.items()}
        self.particles = frozenset(word.lower() for word in settings.name_particles)
        self.person_types = frozenset(settings.person_types)
        self.target_kinds = frozenset(folded(word) for word in settings.target_kinds)
        self.locality = frozenset(folded(word) for word in settings.locality_words)

    def country(self, name: str | None) -> str | None:
        """The folded name of a country under its gazetteer name ("America": "united states")."""
        if not name:
            return None
        key = folded(name)
        return folded(self.countries[key]) if key in self.countries else key

    def placed(self, record: dict) -> tuple[frozenset[str], str | None]:
        """A row's place names below its country and its country; a row placed only by a name the
        places stage left without a country ("extradited him to America") is placed by that country."""
        country = self.country(record.get("country"))
        names = place_names(record.get("location"), record.get("place"), record.get("district"),
                            record.get("province"), record.get("country"))
        if country is None and len(names) == 1 and next(iter(names)) in self.countries:
            return frozenset(), self.country(next(iter(names)))
        return frozenset(place_key(name, self.locality) for name in names), country

    def target_kind(self, target: str | None) -> str | None:
        """The last word of a target, when it is one of ``target_kinds``."""
        words = folded(target or "").split()
        return words[-1] if words and words[-1] in self.target_kinds else None

    def row(self, record: dict) -> Row:
        lo, hi, exact = day_span(record)
        names, country = self.placed(record)
        person = name_words(record.get("target"), self.particles) if record["event_type"] in self.person_types else ()
        person = tuple(place_key(word) for word in person)  # "al-Zawahiri" and "al-Zawahri" are one name
        doers = self.doers(tuple(record.get("actor_ids") or ()), record.get("country"))
        return Row(record["event_id"], record["doc_id"], record["event_type"], lo, hi, exact, names, country,
                   record.get("geonames_id"), group_set(doers), record.get("killed"),
                   frozenset(person), person[-1] if person else None,
                   record["published"].toordinal() if record.get("published") else None,
                   self.target_kind(record.get("target")), self.spot(record), figure(record.get("wounded")),
                   place_key(folded(record["place"]), self.locality) if record.get("place") else None,
                   self.families(doers), self.region(record, names),
                   self.seat(record))

    def region(self, record: dict, names: frozenset[str]) -> frozenset[str]:
        """The key of a row's province, when it is among its place names."""
        province = folded(record.get("province") or "")
        key = place_key(province, self.locality) if province else None
        return frozenset({key}) if key in names else frozenset()

    def doers(self, actors: tuple[str, ...], country: str | None) -> tuple[str, ...]:
        """The actors, with the group a bare name may mean in the row's country (``bare``: "taliban" in
        Pakistan is also "ttp"): a report that credits the bare name may be one that credits that group."""
        key = country.lower() if country else None
        return tuple(sorted({*actors, *(self.bare[(a, key)] for a in actors if (a, key) in self.bare)}))

    def families(self, actors: tuple[str, ...]) -> frozenset[str]:
        """The actors with the groups they are branches of ("iskp": also "islamic-state")."""
        found = set(actors)
        for actor in actors:
            seen = actor
            while (seen := self.parents.get(seen)) is not None and seen not in found:
                found.add(seen)
        return group_set(tuple(sorted(found)))

    def seat(self, record: dict) -> str | None:
        """The key of the GeoNames town a row is placed at, when it bears its district's name."""
        place, precision = record.get("place"), record.get("geo_precision")
        if not place or precision is None or math.isnan(precision) or precision > TOWN_PRECISION:
            return None
        return place_key(folded(place), self.locality) if folded(place) == folded(record.get("district") or "") else None

    def spot(self, record: dict) -> str | None:
        """The key of the town or spot a row is placed at (:func:`spot_of`, :func:`place_key`)."""
        spot = spot_of(record)
        return place_key(spot, self.locality) if spot is not None else None


#: ACLED's geo-precision of a town (a place the gazetteer lacks has none: it is a spot too).
TOWN_PRECISION = 1


def spot_of(record: dict) -> str | None:
    """The folded name of the town or spot a row is placed at ("Chaudhwan"), or None when it is placed
    by a district, province or country."""
    place, precision = record.get("place"), record.get("geo_precision")
    known = precision is not None and not math.isnan(precision)  # a missing precision reads as NaN
    if not place or (known and precision > TOWN_PRECISION):
        return None
    if folded(place) in {folded(record.get(k) or "") for k in ("district", "province", "country")}:
        return None
    return folded(place)


def completed(rows: Iterable[Row]) -> list[Row]:
    """Give each row of a GeoNames place every name that any row gives that place's chain above it: the
    gazetteer may place one town in its district in one document and not in another ("Khar,
    Bajaur Agency, Khyber Pakhtunkhwa" and "Khar, Khyber Pakhtunkhwa")."""
    rows = list(rows)
    chains: dict[int, frozenset[str]] = {}
    regions: dict[int, frozenset[str]] = {}
    for row in rows:
        if row.geonames_id is not None:  # the names above the place: its own, as each text writes it
            above = row.names - {row.written}  # ("DI Khan", "Dera Ismail Khan"), is no name of the others'
            chains[row.geonames_id] = chains.get(row.geonames_id, above) | above
            regions[row.geonames_id] = regions.get(row.geonames_id, frozenset()) | row.regions
    return [row._replace(names=row.names | chains[row.geonames_id], regions=regions[row.geonames_id])
            if row.geonames_id is not None else row for row in rows]


def tolls_fit(a: int | None, b: int | None, settings: ClusteringSettings, *, ratio: float | None = None) -> bool:
    """Killed figures that may be one incident's: either unknown or small, or at most ``ratio`` apart."""
    if a is None or b is None or min(a, b) < settings.toll_floor:
        return True
    return max(a, b) <= (ratio or settings.toll_ratio) * min(a, b)


def figure(value) -> int | None:
    """A count as an int; None for a missing one (a null read from Parquet may be NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)

"""Which place a name means, and where it lies: the second step of :mod:`pipeline.places`.

An ambiguous name (Dasht, Kot, Khar, Bandar) takes the candidate that agrees with the other places of
the document (its countries, the provinces its unambiguous places lie in, the place it is said to lie
in: "X district of Y", "X area of Y", "X, Y"), the kind its slot says, then population; never list
order. A name none of whose candidates lies where the text puts it is a place the gazetteer lacks,
kept by name inside that place. ACLED's codebook defines the precision: 1 the place itself (a town or
village), 2 its district, 3 its province; a country alone is 3 as well.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from pipeline.gazetteer import Place, fold
from pipeline.place_names import COMPASS, Mention, modified_noun

#: Specificity of each kind of place: lower is more specific.
KIND_RANK = {"town": 0, "district": 1, "province": 2, "country": 3}
#: ACLED's geo-precision codes.
PRECISION = {"town": 1, "district": 2, "province": 3, "country": 3}
#: Words that may stand between a place and the one it lies in: "X district of Y", "X area of Y".
LINK_WORDS = frozenset({"district", "province", "area", "region", "state", "tehsil", "town", "village", "city",
                        "suburb", "neighbourhood", "neighborhood", "outskirts", "county", "part", "the", "a",
                        "located", "situated", "lying", "greater",   # "X, located in the greater Y area of Z"
                        # an office of the place: "Kama district governor of Nangarhar province"
                        "governor", "chief", "police", "administrator", "commissioner", "council", "head"})
#: What stands between two names of a list ("Lahore, Quetta and Peshawar").
LIST_LINKS = frozenset({",", "and", ", and", "or", ", or"})
#: Kinds of administrative division: "Haifa District" names the district of Israel's GeoNames Haifa province.
ADMIN = frozenset({"district", "province"})
#: A town this small in a country the document does not speak of is a namesake, not the place meant.
SMALL_TOWN = 100_000
#: A city this populous is meant by its name rather than a first-level division of that name
#: (Washington, D.C., not the state); a smaller town yields to the division ("in Virginia": the state).
BIG_CITY = 500_000
#: A city this populous is the one meant by its name unless the document says otherwise.
WELL_KNOWN = 1_000_000
#: A town this populous, alone of its name, says which country a document speaks of.
SURE_TOWN = 50_000
#: A country named this many times less often than the document's main one is named in passing: a
#: small town of its is no more likely than one at home the gazetteer lacks.
ASIDE_SHARE = 3
#: Two towns this close are one place and its neighbourhood.
NEIGHBOURHOOD_KM = 40


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to one place and its hierarchy (``place`` None: a model place the gazetteer lacks)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    place: Place | None
    kind: str
    name: str = ""
    in_name: bool = False
    #: A people's adjective ("Pakistani forces"): the country, for an event the text places nowhere else.
    demonym: bool = False
    #: Named as a border ("near the Afghan border", "the border with Iran"): near it, not in it.
    border: bool = False
    #: An end of a journey, after "from" or a journey's "to": where someone came from or went, rarely
    #: where the event was ("a man from Qalqilya stabbed", "a bus travelling to Kohistan"); so too a
    #: place in a photo's caption, where the picture was taken.
    origin: bool = False
    #: An end or the course of a journey ("travelling to Karachi", "a Quetta-bound bus", "between X and Y"):
    #: an ``origin`` that places no event even where the sentence names no other place.
    journey: bool = False
    #: Opens a paragraph as a dateline ("PESHAWAR, Pakistan —"): where the report was filed.
    dateline: bool = False
    #: A name the gazetteer lacks, put in the document's only country (and province), not by the text.
    inferred: bool = False
    city: str | None = None
    district: str | None = None
    province: str | None = None
    country: str | None = None

    @property
    def rank(self) -> float:
        """Specificity (lower is more specific); a place the gazetteer lacks but the text puts inside
        another ("the village of Felo in Gubio") is more specific than that one."""
        if self.kind == "unknown":
            return -0.5 if (self.city or self.district or self.province) and not self.inferred else 0.5
        return KIND_RANK[self.kind]

    @property
    def precision(self) -> int | None:
        return PRECISION.get(self.kind)

    def chain(self) -> list[str]:
        """Names from the most specific to the country, each once: "Khar, Bajaur, Khyber Pakhtunkhwa, Pakistan"."""
        names: list[str] = []
        for value in (self.name or self.text, self.city, self.district, self.province, self.country):
            if value and fold(value) not in {fold(n) for n in names}:
                names.append(value)
        return names


def choose(mentions: list[Mention], doc: Doc, prefer: frozenset[str] = frozenset(),
           fought: frozenset[str] = frozenset()) -> list[Resolved]:
    """One place per mention. What the document says for sure (countries it names, names whose every
    candidate lies in one country or province) sets the context; where it says no country for sure,
    the countries its groups fight in do, each a home (``fought``: "Boko Haram ... in Baga" is no
    Spanish village); each mention then takes its best-agreeing candidate, the place it is said to lie
    in ("X, Y", "X district of Y") first. A name none of whose candidates lies in that place is a
    place the gazetteer lacks, inside it."""
    context = Context.of([m for m in mentions if not adjectival_country(doc, m)], prefer)
    if not context.countries and fought:
        context = replace(context, countries=fought, support=tuple(sorted((c, 1) for c in fought)))
    within: list[Place | None] = [None] * len(mentions)  # what each mention tells its left neighbour
    out: list[Resolved | None] = [None] * len(mentions)
    placed = [False] * len(mentions)  # said by the text to lie in another place
    for index in range(len(mentions) - 1, -1, -1):  # right to left: "X, Y" needs Y first
        mention = mentions[index]
        after = container(doc, mentions, index, within)
        if after is not None and listed_with(doc, mention, mentions[index + 1], after):
            after = None  # "in Kandahar, Kunduz and Badakhshan provinces": a list, not one inside the other
        parent = after or named_before(doc, mentions, index)
        place = best(mention, context, parent) if mention.candidates else None
        if place is not None and context.countries and place.country_code not in context.countries and mention.loose:
            place = None  # a loose match in a document about another country
        if place is not None and mention.loose and parent is not None and not contains(parent, place):
            place = None  # "at Pissele, near Bourzanga": no transliteration of a city elsewhere
        if place is not None and namesake_abroad(mention, place, parent, context):
            place = None  # a village's namesake abroad: "the Jani Khel area" of a Pakistani district
        if place is not None and after is not None and not contains(after, place) and one_country(mention) \
                and not one_country(mentions[index + 1]) and (parent.population or 0) < SURE_TOWN \
                and doc[mention.end:mentions[index + 1].start].text.strip() == ",":
            after = parent = None  # "Leigh-on-Sea, Essex": an unambiguous town outweighs a small namesake elsewhere
        if place is not None and after is not None and parent.kind == "town" and place.kind == "town" \
                and (place.population or 0) >= max(SURE_TOWN, parent.population or 0) \
                and doc[mention.end:mentions[index + 1].start].text.strip() in LIST_LINKS:
            after = parent = None  # "police in Lahore, Quetta and Peshawar": a list of cities, not one inside another
            # (but "Andisheh town of Guzara district" puts the one in the other)
        if place is not None and parent is not None and place.kind == parent.kind == "country":
            parent = None  # "bordering China, Pakistan and Tajikistan": a list of countries
        if place is not None and (parent is None or contains(parent, place)):
            within[index], out[index] = place, resolved_from(mention, place, parent)
        else:
            within[index], out[index] = parent, unknown(mention, parent)
        placed[index] = parent is not None
    return [r for r in one_sense(mentions, out, placed) if r is not None]


def one_sense(mentions: list[Mention], out: list[Resolved | None], placed: list[bool]) -> list[Resolved | None]:
    """A name the text once puts in a country ("the Mozambique town of Palma") means that place at
    every other mention of it that says nowhere ("where Palma is located"), not a namesake abroad."""
    told: dict[str, Resolved] = {}
    for mention, resolved, was_placed in zip(mentions, out, placed):
        if was_placed and resolved is not None and resolved.country:
            told.setdefault(fold(mention.text), resolved)
    for index, (mention, resolved) in enumerate(zip(mentions, out)):
        said = told.get(fold(mention.text))
        if said is not None and resolved is not None and not placed[index] and resolved.country != said.country:
            out[index] = replace(said, start=mention.start, end=mention.end, start_char=mention.start_char,
                                 end_char=mention.end_char, text=mention.text, in_name=mention.in_name)
    return out


def adjectival_country(doc: Doc, mention: Mention) -> bool:
    """A country's name used as an adjective ("US officials", "a U.S. drone strike"): it says whose,
    not where the document is, so it sets no context."""
    noun = modified_noun(doc[mention.end - 1])
    return any(p.kind == "country" for p in mention.candidates) and noun is not None and noun.i >= mention.end


def namesake_abroad(mention: Mention, place: Place, parent: Place | None, context: Context) -> bool:
    """A small town, or a district not called one in the text, in a country no other place of the
    document names, while it names another: the gazetteer lacks the place meant, which lies at home;
    so too a town abroad matched by another of its names, however large."""
    if names_its_country(mention, place):
        return False  # "Kuwait City": the name says its country
    small = place.kind == "town" or (place.kind == "district" and mention.kind_hint is None)
    abroad = bool(context.countries - {place.country_code}) and (
        not context.named_besides(mention, place.country_code) or context.aside(place.country_code))
    if small and parent is None and abroad and not mention.via and not set(fold(place.name).split()) & set(fold(mention.text).split()):
        return True  # another name of a city abroad: "a Sui gas installation" is no Suizhou in a Pakistani story
    return small and parent is None and (place.population or 0) < SMALL_TOWN and abroad


def names_its_country(mention: Mention, place: Place) -> bool:
    """Does the name hold its country's name and another word ("Kuwait City", "Guatemala City")?"""
    words = fold(mention.text).split()
    return len(words) > 1 and fold(place.country) in words


def one_country(mention: Mention) -> bool:
    """Do all the mention's candidates lie in one country?"""
    return len({p.country_code for p in mention.candidates}) == 1


@dataclass(frozen=True)
class Context:
    """The countries and provinces a document speaks of for sure, and the countries preferred."""

    countries: frozenset[str]
    provinces: frozenset[tuple[str, str]]
    prefer: frozenset[str] = frozenset()
    #: How many mentions name each country of ``countries`` for sure.
    support: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, mentions: Iterable[Mention], prefer: frozenset[str] = frozenset()) -> Context:
        support: Counter = Counter()
        provinces: set[tuple[str, str]] = set()
        for mention in mentions:
            if mention.loose:
                continue  # a transliteration guess says nothing for sure ("Pissele" for Peshawar)
            support.update(sure_countries(mention))
            regions = {(p.country_code, p.province) for p in mention.candidates if p.province}
            if len(regions) == 1 and one_country(mention) and is_sure(mention):
                provinces.update(regions)
        return cls(frozenset(support), frozenset(provinces), prefer, tuple(sorted(support.items())))

    def aside(self, country: str) -> bool:
        """Is ``country`` named for sure, but ``ASIDE_SHARE`` times less often than the country the
        document names most ("on Pakistan's southwestern tip near Iran" in a story about Balochistan)?"""
        support = dict(self.support)
        return support.get(country, 0) * ASIDE_SHARE <= max(support.values(), default=0)

    def named_besides(self, mention: Mention, country: str) -> bool:
        """Does a mention other than ``mention`` name ``country`` for sure?"""
        return dict(self.support).get(country, 0) > (country in sure_countries(mention))


def sure_countries(mention: Mention) -> set[str]:
    """The country a mention names for sure: a country's name, or a name all of whose candidates lie
    in one country, one of them a division or a sizeable town, or a great city's or a province's name
    whose namesakes elsewhere are small towns."""
    if one_country(mention) and (is_sure(mention) or names_its_country(mention, mention.candidates[0])):
        return {mention.candidates[0].country_code}
    named = [p for p in mention.candidates if p.kind == "country" and fold(p.name) == fold(mention.text)]
    if named:
        return {named[0].country_code}
    # a city of millions, or a province, whose namesakes elsewhere are all small towns ("Kabul", not Kabul
    # in Israel; "Borno State", not the Italian village of Borno)
    for sure in ({p.country_code for p in mention.candidates if (p.population or 0) >= WELL_KNOWN},
                 {p.country_code for p in mention.candidates if p.kind == "province"}):
        others = [p for p in mention.candidates if p.country_code not in sure]
        if len(sure) == 1 and all(p.kind == "town" and (p.population or 0) < SMALL_TOWN for p in others):
            return sure
    return set()


def is_sure(mention: Mention) -> bool:
    """Does a candidate of the mention say its country for sure: a division, or a sizeable town?"""
    return any(p.kind != "town" or (p.population or 0) >= SURE_TOWN for p in mention.candidates)


def best(mention: Mention, context: Context, parent: Place | None) -> Place:
    """The candidate that agrees most with the document; population breaks near ties, then the id
    (never the order of the gazetteer)."""
    key = fold(mention.text)
    # a first-level division is meant rather than the towns of its name in its own country ("Virginia":
    # the state, not Virginia, Minnesota), unless one of them is a big city (Washington, D.C.)
    towns = {c.country_code for c in mention.candidates if c.kind == "town"}
    famous = any((c.population or 0) >= WELL_KNOWN for c in mention.candidates)
    big = {c.country_code for c in mention.candidates if c.kind == "town" and (c.population or 0) >= BIG_CITY}

    named_at_home = any(fold(c.name) == key and c.country_code in context.countries | context.prefer
                        for c in mention.candidates)

    def score(place: Place) -> tuple:
        agree = 3.0 * (place.country_code in context.countries)
        agree += 2 * ((place.country_code, place.province) in context.provinces)
        agree += 2 * (mention.kind_hint == place.kind or (mention.kind_hint in ADMIN and place.kind in ADMIN))
        agree += 4 * (parent is not None and contains(parent, place))
        agree += 1 * (fold(place.name) == key)
        agree += 1 * (place.country_code in context.prefer)
        # Kabul, not Kabul (Missouri), in a text naming the US; by another of its names (St Petersburg) only
        # where no place of that very name lies in a country the text names or prefers (not Chattogram, once
        # called Islamabad, for the capital of Pakistan)
        agree += 2 * ((place.population or 0) >= WELL_KNOWN and (fold(place.name) == key or not named_at_home))
        # nor Moscow (Idaho) there: a small town yields to a city of millions of its name, whatever country
        # the document names (a text meaning the small town names its state: "Moscow, Idaho")
        agree -= 1.5 * (famous and (place.population or 0) < SMALL_TOWN)
        # a first-level division, not a small town of its name ("a court in Virginia": the state)
        agree += 1.5 * (mention.kind_hint is None and place.kind == "province" and place.country_code in towns - big)
        return (agree + math.log10((place.population or 0) + 1) / 4, -(place.geonames_id or 0))
    return max(mention.candidates, key=score)


def contains(outer: Place, inner: Place) -> bool:
    """Is ``inner`` inside ``outer``: its country, province, district, or (for two towns) within
    ``NEIGHBOURHOOD_KM`` of it ("North York area of Toronto")?"""
    if outer.country_code != inner.country_code or outer == inner:
        return False
    if outer.kind == "country":
        return True
    if outer.kind == "province":
        return inner.province == outer.province and inner.kind != "province"
    if outer.kind == "district":
        return inner.kind == "town" and inner.province == outer.province
    return inner.kind == "town" and distance_km(outer, inner) <= NEIGHBOURHOOD_KM


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine); infinite where a coordinate is unknown."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def container(doc: Doc, mentions: list[Mention], index: int, chosen: list[Place | None]) -> Place | None:
    """The place a mention is said to lie in: the next mention after a comma, "of" or "in"
    ("X, Y, Afghanistan", "X district of Y", "X area of Y", "X in Y"), when already chosen; for a name
    the gazetteer lacks, also the place it is said to be near ("X, near Y")."""
    if index + 1 >= len(mentions) or chosen[index + 1] is None or named_before(doc, mentions, index + 1):
        return None
    here, nxt = mentions[index], mentions[index + 1]
    between = doc[here.end:nxt.start]
    if "\n" in between.text or any(t.is_sent_start for t in doc[here.end:nxt.end]):
        return None
    words = [t.lower_ for t in between if not t.is_punct and t.lower_ != "the"]  # "area of the Qila Abdullah District"
    while len(words) > 1 and words[-1] in COMPASS and words[-2] in ("of", "in"):
        words.pop()  # "the town of Palma in northern Mozambique"
    while len(words) > 1 and words[-1] == "greater" and words[-2] in ("of", "in"):
        words.pop()  # "situated in the greater Konduga area"
    linked = between.text.strip() in (",", "") or (
        len(words) <= 3 and words and words[-1] in ("of", "in") and set(words[:-1]) <= LINK_WORDS)
    near = (not here.candidates or here.loose) and words == ["near"]  # "at Pissele, near Bourzanga": a village the gazetteer lacks
    return chosen[index + 1] if linked or near else None


def listed_with(doc: Doc, mention: Mention, nxt: Mention, chosen: Place) -> bool:
    """Is the name the one before ``nxt`` in a list of places of one kind ("Kandahar, Kunduz and
    Badakhshan provinces"): only a comma between, and a candidate of the kind ``nxt`` was chosen as?"""
    return chosen.kind in ("province", "country") and doc[mention.end:nxt.start].text.strip() == "," \
        and any(c.kind == chosen.kind for c in mention.candidates)


def named_before(doc: Doc, mentions: list[Mention], index: int) -> Place | None:
    """The country or province a name is said to lie in by the name before it: "the Mozambique town of
    Palma", "Nigeria's Borno state", "Pakistan's Kurram district" (the country first, then the kind of
    place and "of", or a possessive), when that name is a country or province by its own name."""
    if index == 0:
        return None
    before, here = mentions[index - 1], mentions[index]
    if any(t.is_sent_start for t in doc[before.end:here.end]):
        return None
    words = [t.lower_ for t in doc[before.end:here.start] if not t.is_punct]
    possessive = words in (["'s"], ["’s"])
    of_kind = len(words) >= 2 and words[-1] == "of" and set(words[:-1]) <= LINK_WORDS
    if not (possessive or of_kind):
        return None
    named = [p for p in before.candidates if p.kind in ("country", "province") and fold(p.name) == fold(before.text)]
    if len(named) != 1 or any(KIND_RANK[p.kind] >= KIND_RANK[named[0].kind] for p in here.candidates):
        return None  # not "the Far North Region of Cameroon": a province of a country, the other way
    return named[0]


def resolved_from(mention: Mention, place: Place, parent: Place | None) -> Resolved:
    """A mention's place with its hierarchy; a town said to lie in another town ("North York area of
    Toronto") keeps that town as its city, and a town in a named district takes that district."""
    city = parent.name if parent is not None and parent.kind == "town" and place.kind == "town" else None
    name = mention.text if place.kind == "town" and mention.via != "capital" and not mention.text.isupper() else place.name
    if mention.via == "alias" or (place.kind == "district" and not mention.text.isupper() and (
            not same_name(mention.text, place.name) or (spaced(mention.text) and " " not in place.name))):
        # (a spelling in words the gazetteer runs together, "Ali Abad" for "‘Aliabad", is the text's too)
        name = mention.text  # "FATA", "the tribal areas": the text's own term, then the division it is now;
        # "Barmal district" (GeoNames' "Bermal"), "Emam Sahib" (its "Imam Sahib"): the text's spelling, then
        # the gazetteer's
    if mention.via == "alias" and place.kind == "town":
        city = place.name
    district = place.district if place.kind == "town" else place.name if place.kind == "district" else None
    if parent is not None and parent.kind == "district" and place.kind == "town":
        district = parent.name
    province = place.province if place.kind != "country" else None
    kind = place.kind
    if mention.kind_hint in ADMIN and kind == "town":  # "Sukma district": the district of that town, in the
        # text's spelling first ("Emam Sahib")
        kind, name, district = "district", place.name if same_name(mention.text, place.name) else mention.text, place.name
    return Resolved(mention.start, mention.end, mention.start_char, mention.end_char, mention.text, place,
                    kind, name=name, in_name=mention.in_name, city=city, district=district, province=province, country=place.country)


def spaced(text: str) -> bool:
    """Is the name, less a kind word at its end, in more than one word ("Ali Abad"; not "Mastung District")?"""
    words = text.split()
    return len(words[:-1] if words and words[-1].lower() in KIND_WORDS else words) > 1


#: Words that say what kind of division a name is ("Mastung District", "Bajaur Agency").
KIND_WORDS = frozenset({"district", "province", "agency", "tehsil", "region", "state", "division", "county"})


def same_name(text: str, name: str) -> bool:
    """Are the text's name and the gazetteer's one name, but for a kind word ("Mastung District" and
    "Mastung", "Bajaur" and "Bajaur Agency")?"""
    def bare(words: str) -> list[str]:
        parts = fold(words).split()
        return parts[:-1] if len(parts) > 1 and parts[-1] in KIND_WORDS else parts
    return bare(text) == bare(name)


def unknown(mention: Mention, parent: Place | None) -> Resolved:
    """A place the gazetteer lacks (or whose namesakes all lie elsewhere), inside ``parent`` if any."""
    def level(kind: str) -> str | None:
        return parent.name if parent is not None and parent.kind == kind else None
    return Resolved(mention.start, mention.end, mention.start_char, mention.end_char, mention.text, None,
                    "unknown", name=mention.text, in_name=mention.in_name, city=level("town"),
                    district=level("district") or (parent.district if parent is not None and parent.kind == "town" else None),
                    province=parent.province if parent is not None and parent.kind != "country" else None,
                    country=parent.country if parent is not None else None)

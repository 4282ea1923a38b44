"""Places of one parsed Doc, resolved on the GeoNames gazetteer to town, district, province and country.

Three steps, over explicit data:

1. :func:`pipeline.place_names.find_mentions`: names of the gazetteer in the text, longest first; the
   model's GPE and LOC spans that the gazetteer lacks are kept as unresolved places.
2. :meth:`PlaceResolver.is_place`: a name counts only in a place slot ("in X", "the village of X",
   "X district", "X, Y", a dateline), or where the model calls it a place, or where it is a large
   place that is no common word; never inside a militant group's or operation's name ("Balochistan
   Liberation Army").
3. :func:`pipeline.place_choice.choose`: the place each name means, and the places it lies in.
"""
from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pipeline import lexicon
from pipeline.event_targets import NAMING
from pipeline.config import ConfigError
from pipeline.eventtypes import PlacesSettings
from pipeline.gazetteer import Gazetteer, Place, fold
from pipeline.local_places import town_places
from pipeline.place_choice import SURE_TOWN, Resolved, choose
from pipeline.place_names import (COMPASS, CONNECTORS, DATELINE_MARKS, DIRECTIONS, NAME_KIND_WORDS, Mention, Words,
                                  at_border, at_dateline, chained, continues_name, find_mentions, in_caption, in_slot,
                                  is_name_word, journey_end, merge_mentions, modified_noun, name_end, names_a_base, names_road,
                                  route_end, starts_name, with_slots)
from pipeline.text import word_checker

#: Model labels that name places, and those that name something else.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "MILITANT_GROUP", "OPERATION", "WORK_OF_ART", "EVENT",
                              "PRODUCT", "LAW"})
#: A place this populous is taken without a slot (when it is no common word).
BIG_PLACE = 100_000
#: Names of months and weekdays (and their abbreviations), from the standard library's calendar.
CALENDAR_WORDS = frozenset(w.lower() for w in [*calendar.month_name, *calendar.month_abbr, *calendar.day_name,
                                                 *calendar.day_abbr] if w)
#: Names whose gazetteer answer a resolver remembers.
MEMO_SIZE = 200_000
#: Model labels a name the gazetteer lacks may carry before a kind word ("the Hayatabad area", tagged
#: ORG): not a person's, a people's, a group's or a date's.
UNLISTED_LABELS = frozenset({"", "GPE", "LOC", "FAC", "ORG"})
#: Words after a name that make it a division no town holds ("Spin Boldak district in Kandahar").
ADMIN_WORDS = frozenset({"district", "province", "tehsil", "agency", "division", "subdivision", "county", "state"})
#: The model's other labels a name may carry before a kind word after a place's preposition ("in Gul Bahar area").
AFTER_SLOT_LABELS = frozenset({"PERSON", "WORK_OF_ART", "NORP", "EVENT", "PRODUCT"})


#: Nouns of institutions that end a building's name, never a town's ("Christ Church", "Lady Reading Hospital");
#: not "park", "square" or "gate", which end names of places too ("Seaside Park", "Times Square").
INSTITUTIONS = frozenset({"church", "cathedral", "mosque", "masjid", "temple", "gurdwara", "synagogue", "shrine",
                          "imambargah", "hospital", "school", "college", "university", "madrassa", "madrasa",
                          "seminary", "hotel"})
#: Nouns after a name that make it a part of a town ("the Eidgah neighbourhood", "Mohalla Jangi").
NEIGHBOURHOOD_WORDS = frozenset({"neighbourhood", "neighborhood", "locality", "mohalla", "mohallah", "quarter"})


def ordinary_words(model: str) -> Callable[[str], bool]:
    """Whether a word is ordinary English: a verb, adjective or adverb of WordNet (its nouns hold
    the names of cities too: "izmir", "paris"), so "August", "Said" and "Bridge" are, "Medan" is not."""
    return word_checker(lexicon.load_words(model, ("verb", "adj", "adv")))


def common_words(model: str) -> Callable[[str], bool]:
    """Whether a word is any word of WordNet, nouns included ("gunman", "district"): asked only of a
    name the gazetteer lacks, where a city's name in WordNet's nouns cannot be the reason."""
    return word_checker(lexicon.load_words(model, ("noun", "verb", "adj", "adv")))


class PlaceResolver:
    """Resolve the places of one Doc at a time; holds only the gazetteer and the settings."""

    def __init__(self, gazetteer: Gazetteer, settings: PlacesSettings, is_word: Callable[[str], bool], vocab: Vocab,
                 is_common: Callable[[str], bool] | None = None, fights_in: dict[str, list[str]] | None = None):
        self.gazetteer = gazetteer
        self.fights_in = fought_codes(gazetteer, fights_in or {})  # groups.yml's ``fights_in``, as country codes
        self.is_common = is_common or is_word  # any English word, nouns too (common_words)
        self.settings = settings
        self.towns = town_places(settings.towns, gazetteer, Path("places.yml"))  # checked when the run starts
        self.is_word = is_word
        self.before = {w.lower() for w in settings.slot_words}
        self.route_words = frozenset(w.lower() for w in settings.route_words)
        self.taking_words = frozenset(w.lower() for w in settings.taking_words)
        self.of_nouns = {w.lower() for w in settings.slot_nouns}
        self.kind_of = {w.lower(): kind for kind, words in settings.kind_words.items() for w in words}
        self.aliases = {k.lower(): v for k, v in settings.aliases.items()}
        self.settlements = {w.lower() for w in settings.settlement_nouns}
        self.memo: dict[tuple[str, bool], list[Place]] = {}  # a cache of gazetteer answers, never of a document
        self.demonyms = {k.lower(): v for k, v in settings.demonyms.items()}
        #: Words that name a people, never a place ("Baloch separatists", "the Pakistani province of").
        self.peoples = {w.lower() for w in settings.peoples} | set(self.demonyms) | {
            w.lower() for w in settings.world_regions}  # "across Asia", "Islamic State's West Africa Province"
        self.venues = {w.lower() for w in settings.venue_words}
        self.division_names = dict(settings.division_names)
        self.incident_nouns = {w.lower() for w in settings.incident_nouns}
        self.capitals = {k.lower(): v for k, v in settings.capitals.items()}
        self.prefer = frozenset(c.country_code for name in settings.prefer_countries
                                if (c := gazetteer.country(name)) is not None)
        self.capital_matcher = PhraseMatcher(vocab, attr="LOWER")
        for phrase in self.capitals:
            self.capital_matcher.add("CAPITAL", [Doc(vocab, words=phrase.split())])
        for phrase in (k for k in settings.aliases if k == k.lower()):  # "tribal areas": no capital to start a scan
            self.capital_matcher.add("ALIAS", [Doc(vocab, words=phrase.split())])

    def resolve(self, doc: Doc) -> list[Resolved]:
        """Every place of the document, in text order."""
        words = Words.of(doc)
        named = [m for m in find_mentions(doc, self.lookup, self.kind_of, lambda t: t.lower() in self.aliases,
                                          frozenset(self.before), words) if bare(m.text, self.kind_of) not in self.peoples]
        mentions = [replace(m, in_name=continues_name(doc, m.end, self.kind_of) or names_venue(doc, m.end, self.venues)
                            or venue_of(doc, m.start, self.venues))
                    for m in chained(doc, named, [self.is_place(doc, m) for m in named])]
        mentions = merge_mentions(with_slots(doc, mentions, self.before, self.of_nouns),
                                  self.capital_mentions(doc) + self.settlement_mentions(doc, words)
                                  + appositive_settlements(doc, words, self.before, self.settlements)
                                  + self.unlisted_in_chain(doc, words, mentions)
                                  + unlisted_with_kind(doc, words, self.kind_of, self.peoples, self.before)
                                  + named_before_post(doc, words, self.kind_of, self.peoples),
                                  frozenset(self.kind_of))
        resolved = choose(mentions, doc, self.prefer, fought_in(doc, self.fights_in))
        seen = {i for m in [*named, *mentions] for i in range(m.start, m.end)}
        extra = [r for r in unresolved_model_places(doc, resolved, seen) if bare(r.text, self.kind_of) not in self.peoples
                 if not ordinary_name(doc[r.start:r.end], self.is_word) and not named_as_people(doc, r.start)
                 and not surname_told(doc, r)  # "the shooting of Sabri" after "Javed Sabri", tagged GPE
                 if not self.inside_longer_name(doc, Mention(r.start, r.end, r.start_char, r.end_char, r.text, ()))]
        extra += demonym_places(doc, words, {i for r in resolved + extra for i in range(r.start, r.end)},
                                self.demonyms, self.gazetteer)
        found = with_roles(doc, sorted(resolved + extra, key=lambda r: r.start), self.route_words, self.taking_words,
                           self.prefer)
        found = without_other_names(doc, found, self.is_common, frozenset(self.venues) | frozenset(self.kind_of))
        found = placed_alike(place_unknowns(doc, found, frozenset(self.venues)))
        return [renamed(r, self.division_names) for r in found]

    def inside_longer_name(self, doc: Doc, mention: Mention) -> bool:
        """The name is the end of a longer one ("Dizengoff Street", "London Bridge", "Central
        Station"), or the start of one that names no venue ("an Ariana Grande concert"; not "the
        Abha International Airport", "a Kabul wrestling club", "the Kurram Valley")."""
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and is_name_word(before) and before.lower_ not in self.before | DIRECTIONS | self.venues:
            return True  # "Dizengoff Street" (but "the Serena Hotel Kabul" is in Kabul)
        if before is not None and before.text == "Camp" and not (mention.start > 1 and is_name_word(doc[mention.start - 2])):
            return True  # "Camp Simba", "Camp Bastion": a base's own name, not the town it stands in
        if before is not None and before.text == "-" and before.whitespace_ == "":
            return True  # "Khanaqa-e-Malawi"
        after = doc[mention.end:mention.end + 3]
        if len(after) == 3 and after[0].text == "-" and after[1].lower_ in CONNECTORS - {"-"} and after[2].text == "-":
            return True  # "the Baqir-ul-Uloom mosque": the first word of a name joined by a particle
        if not continues_name(doc, mention.end, self.kind_of):
            return False
        rest = [t.lower_ for t in doc[mention.end:mention.end + 4]]
        return not any(word in self.venues for word in rest)

    def unlisted_in_chain(self, doc: Doc, words: Words, mentions: list[Mention]) -> list[Mention]:
        """"in Indanan, Sulu": a capitalised name in a place slot that the gazetteer lacks, right
        before a comma and a place, is a place inside that place; so is one before "of" and a place
        named as a district or province ("in Lwara Kalay of Spin Boldak district")."""
        starts, wider = {m.start for m in mentions}, division_starts(mentions)
        found = []
        for token in (doc[i] for i, low in enumerate(words.lower) if low in self.before):
            if token.i + 2 >= len(doc) or token.lower_ not in self.before or not is_name_word(doc[token.i + 1]):
                continue
            end = name_end(doc, token.i + 1, 3)
            if end + 1 < len(doc) and ((doc[end].text == "," and end + 1 in starts) or of_wider(doc, token.i + 1, end, self.venues, self.kind_of)
                                       or (doc[end].lower_ == "in" and end + 1 in wider  # "at X in Y district",
                                           and not any(t.ent_type_ in ("ORG", "FAC") for t in doc[token.i + 1:end]))):
                span = doc[token.i + 1:end]
                found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), None, True))
        return found

    def settlement_mentions(self, doc: Doc, words: Words) -> list[Mention]:
        """"the village of Felo", "the neighbourhood of Sayeda Zeinab": a name the gazetteer may lack,
        kept as a place with no candidates (resolved inside the place named next to it)."""
        found = []
        for token in (doc[i] for i, low in enumerate(words.lower) if low == "of"):
            if token.i + 1 >= len(doc) or token.lower_ != "of" or doc[token.i - 1].lower_ not in self.settlements:
                continue
            if not starts_name(doc[token.i + 1].text):
                continue
            end = name_end(doc, token.i + 2, 3, ("-",))  # the name's first word, then up to three more
            span = doc[token.i + 1:end]
            found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), "town", True))
        return found

    def capital_mentions(self, doc: Doc) -> list[Mention]:
        """"the Afghan capital": the city ``capitals`` of places.yml names; "the tribal areas": a
        lower-case name of ``aliases``."""
        found = []
        for match, start, end in self.capital_matcher(doc):
            span, capital = doc[start:end], doc.vocab.strings[match] == "CAPITAL"
            name = self.capitals[span.text.lower()] if capital else self.aliases[span.text.lower()]
            places = self.gazetteer.lookup(name, loose=False)
            if places:
                found.append(Mention(start, end, span.start_char, span.end_char, span.text, tuple(places),
                                     "town" if capital else None, True, via="capital" if capital else "alias"))
        return found

    def lookup(self, text: str, loose: bool = False) -> list[Place]:
        """The gazetteer's places of a name (an alias's first), remembered: names recur across documents."""
        key = (text, loose)
        if key not in self.memo:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            alias = self.aliases.get(text.lower())
            if alias:
                found = self.gazetteer.lookup(alias, loose=False)
            else:
                found = self.gazetteer.lookup(text, loose=False) or (self.gazetteer.lookup(text) if loose else [])
                found = with_towns(self.towns.get(fold(text), []), found)
            self.memo[key] = found
        return self.memo[key]

    def is_place(self, doc: Doc, mention: Mention) -> bool | None:
        """A name is a place in a place slot, where the model says so, when it is a country's own name,
        or when large and no common word; None: not by itself, but it is one in a chain of places
        ("northwest Cameroon, Bamenda")."""
        tokens = doc[mention.start:mention.end]
        if any(t.ent_type_ in ("MILITANT_GROUP", "OPERATION") for t in tokens) or mention.text.lower() in COMPASS:
            return False
        if named_as_people(doc, mention.start) or published_in(doc, mention.start) or named_otherwise(doc, mention):
            return False  # "identified as Karim, Talha and Noor"; a footer "Published in Dawn, November 24th"
        if all(t.lower_ in self.kind_of or t.lower_ in self.of_nouns or t.lower_ in self.venues for t in tokens):
            return False  # "District", "Province", "University" alone
        if mention.text.lower() in self.aliases:
            return True
        if acronym_of_a_town(mention):
            return False  # "According to IRNA": a news agency, not Salerno
        if mention.kind_hint is not None or mention.via:
            return True
        if self.inside_longer_name(doc, mention):
            return False
        label = tokens[0].ent_type_
        slot = in_slot(doc, mention, self.before, self.of_nouns) or venue_of(doc, mention.start, self.venues)
        if mention.loose and (not slot or label in ("DATE", "TIME", "NORP")):
            return False  # a loose match ("January" for Jiwani, "Baloch" for Balkh) only in a place slot
        common = ordinary_name(tokens, self.is_word)
        if mention.loose and common:
            return False  # "Killed In Attack On Police": a heading's word near a name (Attock), never a place
        if label in ("DATE", "TIME") and all(t.lower_ in CALENDAR_WORDS for t in tokens if t.is_alpha):
            return False  # "in June": GeoNames has a town of that name too (but "in Turbat", tagged DATE, is a place)
        if slot and surname_told(doc, mention) and at_dateline(doc, mention.start, mention.end):
            return False  # "Gusau, writing online, added" opening a paragraph after "an aide, Isa Gusau": no dateline
        if slot:
            return label not in NOT_PLACE_LABELS or len(tokens) > 1 or not common
        if surname_told(doc, mention):
            return False  # "Aden said ..." after "police spokesperson Abdifatah Aden"
        if label in PLACE_LABELS or any(p.kind == "country" and fold(p.name) == fold(mention.text)
                                        for p in mention.candidates):
            return True
        if common:
            return False
        if names_incident(doc, mention, self.incident_nouns) and not doc[mention.start].is_sent_start:
            return True  # "the 2019 Pulwama attack" (not "Twin blasts kill 73")
        if mention.candidates and attack_on(doc, mention.start, self.incident_nouns) and \
                not (label == "PERSON" and mention.end - mention.start > 1):
            return True  # "the attack on Macomia", a town the gazetteer knows (the model may call it a person)
        if label in ("ORG", "FAC") and opens_venue_name(doc, mention, self.venues):
            return True  # "the Gwadar Port Authority Complex", tagged ORG whole: the venue is in Gwadar
        big = any(p.kind in ("country", "province") or (p.population or 0) >= BIG_PLACE for p in mention.candidates)
        if label in NOT_PLACE_LABELS:  # "a Peshawar mosque" tagged ORG: the model's slip, unless the name runs on
            alone = (mention.end >= len(doc) or doc[mention.end].ent_iob_ != "I") and not (
                label == "PERSON" and doc[mention.start].ent_iob_ == "I")  # not "Wali" of "Abdul Wali"
            named = label in ("ORG", "PERSON") or (label == "NORP" and len(tokens) == 1 and tokens[0].dep_ in ARGUMENTS)
            return True if big and alone and named else None  # "Lahore faced a blast" tagged NORP: a city, no people
        return big or None


#: Nouns of one person or of people by origin: a people's adjective before them says whence they are, not
#: where anything happened ("a young Moroccan woman", "two Chinese nationals").
PERSON_NOUNS = frozenset({"man", "woman", "men", "women", "national", "nationals", "citizen", "citizens", "teenager",
                          "student", "refugee", "migrant", "immigrant", "tourist", "worker", "engineer", "boy",
                          "girl", "youth", "origin", "descent", "passport"})


def nationality(token: Token) -> bool:
    """Does the people's adjective say someone's origin ("an Algerian man", "of Chinese origin")?"""
    return token.head.lower_ in PERSON_NOUNS and token.dep_ in ("amod", "compound", "nmod")


def demonym_places(doc: Doc, words: Words, taken: set[int], demonyms: dict[str, str],
                   gazetteer: Gazetteer) -> list[Resolved]:
    """"Pakistani security forces": the country of a people's adjective (``demonyms`` of places.yml)."""
    found = []
    for token in (doc[i] for i, low in enumerate(words.lower) if low in demonyms):
        country = demonyms.get(token.lower_) if token.text[:1].isupper() else None
        place = gazetteer.country(country) if country and token.i not in taken else None
        if place is not None and token.ent_type_ not in ("MILITANT_GROUP", "OPERATION") and not nationality(token):
            found.append(Resolved(token.i, token.i + 1, token.idx, token.idx + len(token), token.text, place,
                                  "country", name=place.name, country=place.country, demonym=True))
    return found


#: Words of an official's title after a place's name ("City police chief", "District Police Officer").
OFFICIAL_WORDS = frozenset({"officer", "chief", "commissioner", "spokesman", "spokesperson", "superintendent",
                            "inspector", "administrator", "head", "official"})


def titles_an_official(doc: Doc, end: int) -> bool:
    """Do the words from ``end`` name an official ("police chief", "police officer", "commissioner"): the
    name before is part of the title, not a place of the story ("Kohat City police chief X said")?"""
    words = [t.lower_ for t in doc[end:end + 2]]
    return bool(words) and (words[0] in OFFICIAL_WORDS or (words[0] == "police" and words[1:2] != []
                                                           and words[1] in OFFICIAL_WORDS))
#: Words of a state body's name before "Agency" or "Authority", never a tribal agency's ("the Federal
#: Investigation Agency", "the National Disaster Management Authority").
OFFICE_WORDS = frozenset({"federal", "central", "national", "provincial", "investigation", "intelligence", "security",
                          "disaster", "management", "development", "revenue", "narcotics", "anti-narcotics", "control",
                          "protection", "environmental", "international", "defence", "defense", "information"})


def of_wider(doc: Doc, start: int, end: int, venues: Collection[str], kind_of: dict[str, str]) -> bool:
    """Is the name ``doc[start:end]`` followed by "of" and a name called a district or province ("of
    Spin Boldak district")? Not a venue or a kind of place itself ("University of Peshawar")."""
    if doc[end].lower_ != "of" or any(t.lower_ in venues or t.lower_ in kind_of for t in doc[start:end]):
        return False
    after = name_end(doc, end + 1, 4)
    return after > end + 1 and after < len(doc) and kind_of.get(doc[after].lower_) in ("district", "province")


def division_starts(mentions: list[Mention]) -> set[int]:
    """Where the mentions that name a district or a province start ("in Pulwama district")."""
    return {m.start for m in mentions if m.kind_hint in ("district", "province")
            or any(p.kind in ("district", "province") for p in m.candidates)}


def unlisted_with_kind(doc: Doc, words: Words, kind_of: dict[str, str], peoples: set[str],
                       slots: set[str]) -> list[Mention]:
    """"the Konduga Local Government Area", "Mamund tehsil": a capitalised name the gazetteer may
    lack, followed by a word of its kind (one the model took for a people's name too, when a place
    follows: "Hada area of Laghman province"), or any, after a place's preposition (``slots``: "in Gul
    Bahar area")."""
    found = []
    for token in (doc[i] for i, low in enumerate(words.lower) if low in kind_of):
        kind = kind_of.get(token.lower_) if token.i > 0 else None
        if kind is None or kind == "country" or (token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
                                                 and not token.whitespace_):
            continue  # "the Al-Mersaad state-affiliated media": a compound adjective, no kind word
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in kind_of and token.text[:1].isupper():
            continue  # "the Soldier Bazaar area": the name's own word; the kind word is the next one
        if token.text[:1].isupper() and titles_an_official(doc, token.i + 1):
            continue  # "Kohat City police chief X": a force's or an officer's title, no place of its own
        end = token.i - 2 if doc[token.i - 2:token.i + 1].text.lower() == "local government area" else token.i
        start = end
        while start > 0 and start > end - 3 and starts_name(doc[start - 1].text) and doc[start - 1].lower_ not in COMPASS:
            start -= 1
        if token.lower_ in NAME_KIND_WORDS and token.text[:1].isupper() and start < end:
            end = token.i + 1  # "raided Soldier Bazaar", "in Model Town": the kind word is part of the name
        span = doc[start:end]
        if start > 0 and doc[start - 1].ent_type_ == "ORDINAL":
            continue  # "the 8th Police District of Kabul": a numbered division of the city, not a place "Police"
        chained = token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("of", "in")  # "Hada area of Laghman",
        # "Mailari village in Borno state", tagged NORP
        labels = UNLISTED_LABELS | {"NORP"} if chained else UNLISTED_LABELS
        if after_slot(doc, start, slots):
            labels = labels | AFTER_SLOT_LABELS  # "in crowded Pan Mandi area", tagged a person; "Bilal Ganj area"
        if len(span) and all(t.pos_ == "PROPN" and t.ent_type_ in labels and t.lower_ not in peoples
                             for t in span) and span[-1].lower_ not in MEDIA_WORDS \
                and not all(t.lower_ in OFFICE_WORDS for t in span):  # not "Amaq News Agency", "Federal Investigation Agency"
            found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), kind, True))
        elif start == end and (named := named_after_kind(doc, token, kind_of, peoples)) is not None:
            found.append(named)
    return found


#: The posts of armed forces and police that a place's name goes before ("the Tamkoura military camp",
#: "Zarkani police station"); a hospital's or a hotel's name is its founder's or its brand, not a place.
POSTS = frozenset({"camp", "base", "airbase", "post", "checkpost", "check-post", "checkpoint", "garrison",
                   "cantonment", "outpost", "barracks", "fort"})
#: Words between such a name and its post: "military", "army", "police" ("the X police station").
POST_OWNERS = frozenset({"military", "army", "police", "security", "border", "paramilitary", "levies", "frontier",
                         "corps", "air", "naval", "station"})


def name_word(token: Token, kind_of: dict[str, str], peoples: set[str]) -> bool:
    """Is the token a word of a name the gazetteer may lack: a capitalised proper noun, no kind word or
    people's name, whatever place-like or person-like label the model gave it?"""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.lower_ not in kind_of \
        and token.lower_ not in peoples and token.ent_type_ in UNLISTED_LABELS | AFTER_SLOT_LABELS


def named_before_post(doc: Doc, words: Words, kind_of: dict[str, str], peoples: set[str]) -> list[Mention]:
    """"the Tamkoura military camp was attacked", "stormed the Zarkani police post": one or two capitalised
    proper nouns (:func:`name_word`) after "the" or a place's preposition and before a post's noun
    (:data:`POSTS`): a place the gazetteer may lack, where the post stands."""
    found = []
    for token in (doc[i] for i, low in enumerate(words.lower) if low in POSTS):
        if token.pos_ != "NOUN":
            continue
        end = token.i
        while end > 0 and words.lower[end - 1] in POST_OWNERS:
            end -= 1
        start = end
        while start > 0 and start > end - 2 and name_word(doc[start - 1], kind_of, peoples) and not doc[start - 1].is_upper:
            start -= 1  # not an acronym: "the NATO base", "the ISI camp" are a body's
        if start == end or start == 0 or words.lower[start - 1] not in ("the", "in", "at", "on", "near"):
            continue
        span = doc[start:end]
        found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), "town", True))
    return found


#: Kind words that, capitalised, come before a name in South Asian usage ("in Tehsil Zarkani", "Village Mirali"), and
#: the Philippines' "Barangay X".
KIND_BEFORE_NAME = frozenset({"tehsil", "village", "barangay"})
#: Words after such a kind word that make it an office or a body, not a place ("Village Council", "Tehsil Municipal ...").
KIND_BEFORE_OFFICE = frozenset({"council", "councils", "municipal", "nazim", "chairman", "administration", "headquarters",
                                "hospital", "police", "court", "committee", "defence", "defense", "level", "elder",
                                "elders", "officer", "office", "secretary", "school", "government"})


def named_after_kind(doc: Doc, token: Token, kind_of: dict[str, str], peoples: set[str]) -> Mention | None:
    """The name after a capitalised kind word that comes before it ("a police post in Tehsil Zarkani of
    Dera Ismail Khan district"): one to three words of a name (:func:`name_word`), no office or body."""
    if token.lower_ not in KIND_BEFORE_NAME or not token.text[:1].isupper():
        return None
    end = token.i + 1
    while end < len(doc) and end < token.i + 4 and name_word(doc[end], kind_of, peoples) \
            and doc[end].lower_ not in KIND_BEFORE_OFFICE:
        end += 1
    if end == token.i + 1 or (end < len(doc) and doc[end].lower_ in KIND_BEFORE_OFFICE):
        return None
    span = doc[token.i + 1:end]
    return Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), kind_of[token.lower_], True)


def names_incident(doc: Doc, mention: Mention, nouns: set[str]) -> bool:
    """Does the name qualify an incident's noun, directly or through one more noun ("the Pulwama attack",
    "the Peshawar school massacre")?"""
    last = doc[mention.end - 1]
    head = last.head if last.dep_ == "compound" else None
    if head is not None and head.dep_ == "compound" and head.i == mention.end:
        head = head.head  # "Peshawar school massacre"
    return head is not None and head.i > last.i and head.lemma_.lower() in nouns and head.i - last.i <= 2


#: Last words of an outlet's name: "Amaq News Agency" is no agency (district) of a place called Amaq News.
MEDIA_WORDS = frozenset({"news", "press", "media", "radio", "tv", "television"})


def attack_on(doc: Doc, start: int, nouns: set[str]) -> bool:
    """Does "<incident noun> on" stand right before the name ("the attack on Macomia", "an assault on
    the town of X" is read by "of")?"""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    return i >= 1 and doc[i].lower_ == "on" and doc[i - 1].lower_ in nouns


def after_slot(doc: Doc, start: int, slots: set[str]) -> bool:
    """Does a place's preposition (``slots``: "in", "near") stand before ``start``, past articles and
    adjectives, or "of" after a name ("in Lwara Kalay of Spin Boldak district")?"""
    i = start - 1
    while i >= 0 and (doc[i].pos_ == "ADJ" or doc[i].lower_ in ("the", "a", "an")):
        i -= 1
    return i >= 0 and (doc[i].lower_ in slots or (doc[i].lower_ == "of" and i > 0 and is_name_word(doc[i - 1])))


def appositive_settlements(doc: Doc, words: Words, slots: set[str], settlements: set[str]) -> list[Mention]:
    """"in Shah Mardan, an area 60 kilometres from Kalat", "near Loi Sam, a village in Bajaur": a name
    the gazetteer may lack after a place's preposition, set beside a noun of a settlement, kept as a
    place with no candidates."""
    found = []
    for comma in (doc[i] for i, low in enumerate(words.lower) if low == ","):
        det, noun = (doc[comma.i + 1], doc[comma.i + 2]) if comma.i + 2 < len(doc) else (None, None)
        if det is None or det.lower_ not in ("a", "an") or noun.lower_ not in settlements:
            continue
        start = comma.i
        while start > 0 and comma.i - start < 3 and is_name_word(doc[start - 1]):
            start -= 1
        if start < comma.i and start > 0 and doc[start - 1].lower_ in slots:
            span = doc[start:comma.i]
            found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), "town", True))
    return found


def ordinary_name(tokens: Span, is_word: Callable[[str], bool]) -> bool:
    """Are all the words of a name ordinary English (a capitalised "Rocket" the model tags GPE),
    and not written in capitals (an acronym)?"""
    return all(is_word(t.lower_) for t in tokens if t.is_alpha) and not tokens[0].is_upper


def renamed(found: Resolved, names: dict[str, str]) -> Resolved:
    """The place with its divisions named as the tables name them (``division_names`` of places.yml)."""
    if not names or not ({found.province, found.district, found.name} & names.keys()):
        return found
    return replace(found, province=names.get(found.province, found.province),
                   district=names.get(found.district, found.district),
                   name=names.get(found.name, found.name) if found.kind in ("province", "district") else found.name)


def with_roles(doc: Doc, found: list[Resolved], route_words: frozenset[str],
               taking_words: frozenset[str], crossings: frozenset[str] = frozenset()) -> list[Resolved]:
    """The places marked as ends of a journey, names of a road or in a photo's caption (``origin``), borders and datelines
    ("PESHAWAR, Pakistan —": the country after a dateline's town is the dateline's too). A town of the
    countries ``crossings`` (country codes: the project's own) before "border" is the crossing ("at the Wagah
    border", "the Chaman border"), not a border; elsewhere a town may name its territory ("the Gaza border")."""
    text = doc.text
    journeys = {r.start for r in found if route_end(doc, r.start, route_words, taking_words)
                or journey_end(doc, r.start, r.end, route_words)}
    for before, place in zip(found, found[1:]):  # "for Mardan in Khyber Pakhtunkhwa": its province too
        if before.start in journeys and place.start >= before.end \
                and all(t.lower_ in ("in", ",", "(") for t in doc[before.end:place.start]):
            journeys.add(place.start)
    found = [replace(r, origin=r.start in journeys or names_road(doc, r.end)
                     or names_a_base(doc, r.end) or in_caption(text, r.start_char) or where_someone_is(doc, r.start)
                     or speaks_for_a_state(doc, r) or where_said(doc, r.start),
                     demonym=r.demonym or says_whose(doc, r),
                     border=at_border(doc, r.start, r.end, town=r.kind == "town" and (
                         r.place is None or r.place.country_code in crossings)),
                     dateline=at_dateline(doc, r.start, r.end), journey=r.start in journeys) for r in found]
    datelines = {r.end for r in found if r.dateline}
    return [replace(r, dateline=True) if r.start - 1 in datelines and r.end < len(doc)
            and doc[r.end].text in DATELINE_MARKS else r for r in found]


#: Verbs of a source speaking (where the source is, said in a clause on it, is not the incident's place).
SOURCE_VERBS = frozenset({"say", "tell", "speak", "add", "state", "confirm", "report"})


def bare(name: str, kind_of: dict[str, str]) -> str:
    """The name in lower case without a kind word after it ("Khorasan province": "khorasan")."""
    words = name.lower().split()
    return " ".join(words[:-1] if len(words) > 1 and words[-1] in kind_of else words)


#: Verbs whose subject, a country or its capital, is its government speaking ("Kabul says", "Islamabad
#: accused", "Tehran condemned").
STATE_SPEECH = SOURCE_VERBS | frozenset({"accuse", "condemn", "deny", "blame", "claim", "warn", "urge", "demand",
                                          "reject", "protest", "summon", "vow"})


#: Things said, and where they were said ("a statement put out in Multan", "a news conference in Quetta").
STATEMENT_NOUNS = frozenset({"statement", "conference", "briefing", "release", "interview", "speech", "communique",
                             "communiqu\u00e9", "address", "presser"})
#: Verbs of putting a statement out: "the statement, issued in X", "a briefing held in X".
ISSUING = frozenset({"issue", "release", "hold", "give", "deliver", "make", "publish", "post", "put"})


def where_said(doc: Doc, start: int) -> bool:
    """Is the place where something was said, not done: "in X" on a statement or a briefing, or on the
    verb that put it out ("the army's statement, released in Multan, said", "told a news
    conference in Quetta", "speaking to reporters in Kabul")?"""
    token = doc[start]
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("in", "at", "from"):
        return False
    holder = prep.head
    lemma = holder.lemma_.lower()
    if lemma in STATEMENT_NOUNS:
        return True
    if lemma in ISSUING:
        said = [holder.head] if holder.dep_ in ("acl", "relcl") else []
        said += [c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(t.lemma_.lower() in STATEMENT_NOUNS for t in said)
    return lemma in ("speak", "talk") and any(c.dep_ == "prep" and c.lower_ == "to" for c in holder.children)


def speaks_for_a_state(doc: Doc, place: Resolved) -> bool:
    """Is a country or a capital the subject of a verb of saying ("Kabul says the strikes
    killed three", "Islamabad accused Kabul of ..."): its government, not where anything happened?"""
    root = doc[place.end - 1]
    is_seat = place.kind == "country" or (place.place is not None and place.place.kind == "town"
                                          and (place.place.population or 0) >= BIG_PLACE)
    return is_seat and root.dep_ == "nsubj" and root.head.lemma_.lower() in STATE_SPEECH


def where_someone_is(doc: Doc, start: int) -> bool:
    """Is the place where a source is said to be ("The official, who is in Kabul, said the strike came
    after ...")? It says where a source speaks from, not where the incident was (but "the attacker, who
    was illegally in Iran" may be where he struck)."""
    prep = doc[start].head
    verb = prep.head
    source = verb.head
    return doc[start].dep_ == "pobj" and prep.lower_ in ("in", "at") and verb.lemma_ == "be" \
        and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children) \
        and source.dep_ == "nsubj" and any(h.lemma_.lower() in SOURCE_VERBS for h in (source.head, *source.head.conjuncts))


def says_whose(doc: Doc, place: Resolved) -> bool:
    """Is a country's name used as an adjective ("the withdrawal of U.S. troops", "a U.S. drone strike")
    or joined to a participle ("a UAE-backed contingent", "US-led forces", "a Pakistan-based group")?
    It says whose, like a people's adjective, not where."""
    after = place.end
    if place.kind != "country":
        return False
    noun = modified_noun(doc[after - 1])
    return (noun is not None and noun.i >= after) or (after + 1 < len(doc) and doc[after].text in ("-", "\u2013")
                                                      and doc[after].whitespace_ == "" and doc[after + 1].lower_.endswith("ed"))


def without_other_names(doc: Doc, found: list[Resolved], is_common: Callable[[str], bool],
                        kinds: frozenset[str] = frozenset()) -> list[Resolved]:
    """The places less those that name something else: an abbreviation the story defines for no
    place (:func:`abbreviations`), a name the gazetteer lacks made of common words (:func:`common_name`)
    or that names no place by where it stands (:func:`names_no_place`; ``kinds``: venue and kind words)."""
    short = abbreviations(doc)
    placed = {i for r in found for i in range(r.start, r.end)}
    return [r for r in found if not (r.text in short and short[r.text] not in placed)
            and (r.place is not None or not (common_name(doc[r.start:r.end], is_common) or names_no_place(doc, r, kinds)))]


#: Where a one-word name tagged as a people stands as a noun of its own ("Lahore faced a blast").
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
#: Possessive determiners: a name after one is a thing's own part ("its Golden gate"), not a place.
POSSESSIVE_DETERMINERS = frozenset({"its", "his", "her", "their", "our", "my", "your"})
#: Feasts the press names incidents by ("the Easter bombing", "the Ashura procession"), beside
#: date_periods' holidays.
FEASTS = frozenset({"easter", "christmas", "eid", "ramadan", "ramazan", "ashura", "muharram", "diwali", "nowruz",
                    "navroz", "holi", "passover", "hanukkah", "thanksgiving"})


def names_no_place(doc: Doc, place: Resolved, kinds: frozenset[str]) -> bool:
    """Does a name the gazetteer lacks name something else by where it stands: after "its" or "their"
    ("through its Golden gate"); a feast ("the Easter bombing"); the first words of a longer name that
    runs on in capitals ("the Lal Shahbaz Qalandar dargah", a saint's); a name in a list of people
    ("Sher Ali, Zubair, Noor Wali and Tariq Khan": a person on both sides, or beside its "and";
    not "Lurgan, County Armagh" with the county taken for a person)?"""
    before = doc[place.start - 1] if place.start > 0 else None
    after = doc[place.end] if place.end < len(doc) else None
    if before is not None and before.lower_ in POSSESSIVE_DETERMINERS:
        return True
    if fold(place.text) in FEASTS:
        return True  # the feast alone: "the Eid Gah mosque" is a prayer ground's name
    if after is not None and after.is_title and after.is_alpha and after.lower_ not in kinds and not after.is_sent_start \
            and after.ent_type_ not in ("GPE", "LOC", "DATE") and place.end - place.start == 1:
        return True
    listed = [doc[place.start - 2] if place.start > 1 and before.text in (",", "and") else None,
              doc[place.end + 1] if after is not None and place.end + 1 < len(doc) and after.text in (",", "and") else None]
    people = sum(t is not None and t.ent_type_ == "PERSON" for t in listed)
    return people == 2 or (people == 1 and "and" in (before.lower_ if before is not None else "",
                                                     after.lower_ if after is not None else ""))


def common_name(tokens: Span, is_common: Callable[[str], bool]) -> bool:
    """Is a name the gazetteer lacks made of common words only, each one the model tags no proper
    noun ("Gunmen" in a title-case heading; not "Kashmir", which WordNet's nouns hold too) unless it
    opens its sentence, and no acronym? Such a name is no place of its own."""
    return not tokens[0].is_upper and all((t.pos_ != "PROPN" or opens_clause(t))
                                          and any(is_common(w) for w in (t.lower_, t.lemma_.lower(), singular_men(t.lower_)))
                                          for t in tokens if t.is_alpha)


def singular_men(word: str) -> str:
    """"gunman" of "gunmen", "tribesman" of "tribesmen": the plural the model leaves as it is in a name."""
    return word[:-3] + "man" if word.endswith("men") else word


def opens_clause(token: Token) -> bool:
    """Does the word open its sentence, or the text after a dateline's dash ("PESHAWAR (AP) — Gunmen
    ambushed"), where a capital says nothing of a name?"""
    return token.is_sent_start or (token.i > 0 and token.nbor(-1).text in ("\u2014", "\u2013", "-", ":"))


#: Words an abbreviation's letters skip ("Federal Apex Committee on National Action Plan").
ABBREVIATION_SKIPS = frozenset({"of", "on", "the", "and", "for", "in", "&"})


def abbreviations(doc: Doc) -> dict[str, int]:
    """The abbreviations a document defines in brackets after their long form ("an
    intelligence-based operation (IBO)", "the Somali National Army (SNA)"), each with the index of
    the long form's last word (a place's abbreviation, "Khyber Pakhtunkhwa (KP)", is that place): the
    short form's letters are the initials of the words (hyphened parts too) right before the bracket.
    The check of Schwartz and Hearst (2003), as scispaCy's AbbreviationDetector makes it, kept to
    initials: that package is not among this project's dependencies, and a name needs no more."""
    found: dict[str, int] = {}
    for token in doc[2:len(doc) - 1]:
        short = token.text
        if not (doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")" and short.isalpha()
                and short.isupper() and 2 <= len(short) <= 8):
            continue
        words = [t for t in doc[max(0, token.i - 1 - 3 * len(short)):token.i - 1] if t.is_alpha]
        initials = "".join(part[0] for t in words if t.lower_ not in ABBREVIATION_SKIPS
                           for part in t.text.split("-") if part)
        if initials.upper().endswith(short):
            found.setdefault(short, token.i - 2)
    return found


def named_as_people(doc: Doc, start: int) -> bool:
    """Is the name one of the people's names a naming verb gives ("who were identified as Karim,
    Talha and Noor"): only names, commas and "and" back to "identified as" or "named as"?"""
    i = start - 1
    while i >= 0 and (doc[i].pos_ == "PROPN" or doc[i].text in (",", "and")):
        i -= 1
    return i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lemma_.lower() in NAMING


#: Words after a name that make it an outlet's ("SANA news agency", "the Dawn newspaper"); "Khyber Agency"
#: alone is a tribal agency, a place.
OUTLET_WORDS = frozenset({"newspaper", "daily", "television", "tv", "radio", "channel"})


def names_outlet(doc: Doc, end: int) -> bool:
    """Is the name followed by a word of a news outlet ("SANA news agency", "Khaama newspaper")?"""
    following = [t.lower_ for t in doc[end:end + 2]]
    return bool(following) and (following[0] in OUTLET_WORDS or following[:2] in (
        ["news", "agency"], ["news", "channel"], ["news", "network"], ["news", "service"]))


def named_otherwise(doc: Doc, mention: Mention) -> bool:
    """Do the words around the name make it something else than a place of the gazetteer: a word of an
    operation's name ("Operation Lafiya Dole") or an outlet's ("SANA news agency"), a building's name
    ("Christ Church", not the parish of Barbados), or a quarter of the story's town ("in Eidgah
    neighbourhood", not a hamlet of that name elsewhere)?"""
    tokens = doc[mention.start:mention.end]
    if in_operation_name(doc, mention.start) or names_outlet(doc, mention.end):
        return True
    small = not any(p.kind != "town" or (p.population or 0) >= SURE_TOWN for p in mention.candidates)
    no_city = not any(p.kind in ("town", "country") and (p.population or 0) >= SURE_TOWN for p in mention.candidates)
    if len(tokens) > 1 and tokens[-1].lower_ in INSTITUTIONS and tokens[-1].is_title and no_city:
        return True
    after = doc[mention.end:mention.end + 4]  # "St. Anne's Parish Church": a saint's church
    if no_city and len(after) > 1 and after[0].lower_ in ("'s", "\u2019s") and any(
            t.lower_ in INSTITUTIONS and t.is_title for t in after[1:]):
        return True
    return small and mention.end < len(doc) and doc[mention.end].lower_ in NEIGHBOURHOOD_WORDS


def in_operation_name(doc: Doc, start: int) -> bool:
    """Is the name a word of an operation's name, after "Operation" and capitalised words only
    ("Operation Lafiya Dole", "Operation HADIN KAI")?"""
    i = start - 1
    while i >= 0 and start - i <= 4 and doc[i].is_alpha and doc[i].text[:1].isupper() and doc[i].lower_ != "operation":
        i -= 1
    return i >= 0 and doc[i].lower_ == "operation" and doc[i].text[:1].isupper()


def acronym_of_a_town(mention: Mention) -> bool:
    """Is the name an acronym in capitals that only towns of other names have among their alternate
    names ("IRNA", "ANI")? An agency's or a party's initials, not the town (an acronym of a place the
    text means, "KP", "FATA", is an alias of places.yml)."""
    text = mention.text
    if text[-1:] == "s" and text[:-1].isupper() and text.isalpha() and 2 <= len(text) - 1 <= 6:
        return True  # a plural of initials: "rounded up in IBOs", "NGOs", never a place
    return text.isupper() and text.isalpha() and 2 <= len(text) <= 6 and bool(mention.candidates) and all(
        p.kind == "town" and fold(p.name) != fold(text) for p in mention.candidates)


def published_in(doc: Doc, start: int) -> bool:
    """Is the name after a line that opens "Published in" or "Appeared in" (a paper's footer: "Published
    in Dawn, November 24th, 2024"): a newspaper, not a place ("a report published in Karachi" is one)?"""
    if start < 2 or doc[start - 1].lower_ != "in" or doc[start - 2].lower_ not in ("published", "appeared"):
        return False
    opener = doc[start - 2]
    return opener.i == 0 or "\n" in doc[opener.i - 1].text_with_ws


def surname_told(doc: Doc, mention: Mention | Resolved) -> bool:
    """Is the one-word name the last word of a person's full name told before ("police spokesperson
    Abdifatah Aden ... Aden said"): that person again, not a place?"""
    if mention.end - mention.start != 1:
        return False
    word = doc[mention.start].text
    return any(e.label_ == "PERSON" and len(e) > 1 and e.end <= mention.start and e[-1].text == word
               for e in doc.ents)


def opens_venue_name(doc: Doc, mention: Mention, venues: set[str]) -> bool:
    """Does the name open the model's name of a venue ("the Gwadar Port Authority Complex", "the
    Quetta Press Club"): the first words of the entity, which goes on to a venue noun (``venues``)?"""
    first = doc[mention.start]
    after_article = mention.start > 0 and doc[mention.start - 1].lower_ == "the" and doc[mention.start - 1].ent_iob_ == "B"
    if not (first.ent_iob_ == "B" or (first.ent_iob_ == "I" and after_article)):
        return False
    end = mention.end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(t.lower_ in venues for t in doc[mention.end:end])


def names_venue(doc: Doc, end: int, venues: set[str]) -> bool:
    """"the Kawsar educational center", "the Quetta press club": a name that a venue noun follows
    (after at most one adjective) names the venue."""
    following = [t for t in doc[end:end + 2] if t.is_alpha]
    return bool(following) and (following[0].lower_ in venues or (
        len(following) == 2 and following[0].pos_ == "ADJ" and following[1].lower_ in venues))


def venue_of(doc: Doc, start: int, venues: set[str]) -> bool:
    """"the University of Karachi": a place named after "<venue> of"."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in venues


def with_towns(towns: list[Place], found: list[Place]) -> list[Place]:
    """The configured towns of a name first; they replace the gazetteer's towns of that name in their
    country (to give the district GeoNames lacks), never its provinces or districts, and keep such a
    town's id, coordinates and population where the config gives none."""
    countries = {town.country_code for town in towns}
    replaced = [p for p in found if p.kind == "town" and p.country_code in countries]
    return [with_geonames(town, replaced) for town in towns] + [p for p in found if p not in replaced]


def with_geonames(town: Place, namesakes: list[Place]) -> Place:
    """A configured town with the id, coordinates and population of the gazetteer's town of its name
    in its country and province (the most populous), where it has none of its own."""
    twin = next((p for p in namesakes if p.country_code == town.country_code and p.province == town.province), None)
    if twin is None or town.latitude is not None:
        return town
    return replace(town, geonames_id=twin.geonames_id, latitude=twin.latitude, longitude=twin.longitude,
                   population=twin.population)


def unresolved_model_places(doc: Doc, resolved: list[Resolved], seen: set[int]) -> list[Resolved]:
    """The model's GPE and LOC spans that hold no resolved place ("Ungwar Bardi"): kept by name,
    with the country and province of the resolved places right after them ("X, Borno State")."""
    taken = seen | {i for r in resolved for i in range(r.start, r.end)}
    extra = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or not ent.text[:1].isupper() or ent.text.lower() in COMPASS:
            continue
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.start > 0 and doc[ent.start - 1].lower_ in ("a", "an"):
            continue  # "a Senator from Paktia": a noun in capitals, no place's name
        if titles_an_official(doc, ent.end):
            continue  # "Kohat City police chief X": the name of a force or an office
        after = next((r for r in resolved if 0 <= r.start - ent.end <= 2 and r.place is not None), None)
        city = after.chain()[0] if after is not None and after.kind == "town" else after.city if after else None
        extra.append(Resolved(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, None, "unknown",
                              name=ent.text, city=city, district=after.district if after else None,
                              province=after.province if after else None, country=after.country if after else None))
    return extra


#: Words between a name the gazetteer lacks and the place it lies in: "Tirah valley of Khyber district",
#: "Kwatara in Nigeria's Borno state", "Mamund tehsil, Bajaur".
CONTAINER_GLUE = frozenset({"of", "in", ",", "valley", "pass", "area", "tehsil", "village", "town", "district", "the",
                            "a", "an", "suburb", "neighbourhood", "neighborhood", "locality", "also"})  # "X, a suburb of Y";
# "in Barangay X, also in Y town"


def placed_alike(places: list[Resolved]) -> list[Resolved]:
    """A name the gazetteer lacks, placed by the text at one mention ("the town of X in the Tillaberi
    region"), is placed so at its other mentions (the headline's bare "X"): the most specific placing of
    that name, when its mentions placed as specifically agree."""
    placings: dict[str, set[tuple]] = {}
    for r in places:
        if r.place is None and r.country is not None:
            placings.setdefault(r.text.lower(), set()).add((r.city, r.district, r.province, r.country))
    best = {}
    for name, found in placings.items():
        rank = max(map(filled, found))
        top = [placing for placing in found if filled(placing) == rank]
        if len(top) == 1:
            best[name] = top[0]
    out = []
    for r in places:
        placing = best.get(r.text.lower()) if r.place is None else None
        if placing is not None and filled((r.city, r.district, r.province, r.country)) < filled(placing) \
                and r.country in (None, placing[3]):
            r = replace(r, city=placing[0], district=placing[1], province=placing[2], country=placing[3])
        out.append(r)
    return out


def filled(placing: tuple) -> int:
    """How many parts of a placing (town, district, province, country) are known."""
    return sum(part is not None for part in placing)


#: Nouns of a kind of place that a place's name before them sets in it: "the remote Chadian town of Bir Zagoura",
#: "the Afghan province of Kunar"'s "Kunar".
KIND_OF_PLACE = frozenset({"town", "city", "village", "district", "province", "region", "area", "valley", "locality",
                           "settlement", "hamlet", "outpost", "port", "state", "county", "commune"})


def named_kind_of(doc: Doc, r: Resolved, holders: list[Resolved]) -> Resolved | None:
    """The place a name the gazetteer lacks lies in when the text says so before it: "the remote
    Chadian town of Bir Zagoura" (a country or a province, or its people's adjective; adjectives; a kind
    of place; "of"). Not "the Kili Khan area of Zarghoon Narai", where the place before is the smaller."""
    if r.start < 3 or doc[r.start - 1].lower_ != "of" or doc[r.start - 2].lower_ not in KIND_OF_PLACE:
        return None
    before = [k for k in holders if r.start - 6 <= k.end <= r.start - 2 and k.kind in ("country", "province") and all(
        t.pos_ == "ADJ" or t.lower_ in COMPASS or t.is_punct and t.text == "-" for t in doc[k.end:r.start - 2])]
    return before[-1] if before else None


#: The share of a document's placed mentions that makes their province the document's own.
HOME_SHARE = 0.75


def dominant_province(known: list[Resolved]) -> str | None:
    """The province of every place the document names, or of three in four of its mentions (a
    Balochistan story that quotes officials in Islamabad); None when the places are spread."""
    provinces = Counter(r.province for r in known if r.province)
    if not provinces:
        return None
    province, count = provinces.most_common(1)[0]
    return province if len(provinces) == 1 or count >= HOME_SHARE * sum(provinces.values()) else None


def home_country(known: list[Resolved], home: str | None) -> str | None:
    """The country of the story's province (:func:`dominant_province`) where the document names it more
    often than any other country; None otherwise (an al-Shabaab story with one Indian namesake)."""
    ranked = Counter(r.country for r in known if r.country).most_common(2)
    country = next((r.country for r in known if home is not None and r.province == home), None)
    if country is None or not ranked or ranked[0][0] != country:
        return None
    return country if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def place_unknowns(doc: Doc, places: list[Resolved], venues: frozenset[str] = frozenset()) -> list[Resolved]:
    """Names the gazetteer lacks and the text puts nowhere ("Tirah", "Mamund") placed inside the
    place the text puts them in: a possessive before ("Bajaur's Mamund tehsil"), a place after a
    few glue words or ``venues`` ("the Tirah valley of Khyber district", "Kwatara in Nigeria's Borno
    state", "X police station in Y"; Y may be a name the text itself placed), or
    for "the X area of the city" the town its sentence names before it, else the story's (its
    dateline's, else the first named); else,
    when every place the gazetteer knows in the document lies in one country, or most lie in the
    country of the province most lie in (:func:`dominant_province`, :func:`home_country`), there,
    in that province.
    A geocoder's fallback to the document's context, as ACLED coders do."""
    known = [r for r in places if r.place is not None and not r.dateline]
    holders = [r for r in places if (r.place is not None or r.province is not None) and not r.dateline]
    countries = {r.country for r in known if r.country}
    home = dominant_province(known)
    main_country = home_country(known, home)
    towns = [r for r in places if r.place is not None and r.kind == "town"]
    town = next((r for r in towns if r.dateline), towns[0] if towns else None)  # the town a story is told from
    # a story whose only town or district is its dateline's: a neighbourhood it names lies there
    # ("LAHORE: ... in crowded Pan Mandi area"), as ACLED codes an unknown quarter to its city
    local = town if town is not None and town.dateline and not any(
        k.kind in ("town", "district") and k.place != town.place for k in known) else None
    out = []
    for r in places:
        if r.place is not None or r.province is not None:
            out.append(r)
            continue
        container = next((k for k in known if k.end + 1 == r.start and doc[k.end].text in ("'s", "\u2019s")), None)
        if container is None:
            container = named_kind_of(doc, r, holders)
        if container is None:
            named = {i for k in known for i in range(k.start, k.end)}
            end = r.end  # "at X police station in Pakistan's Y region" (Y placed in its province by the text): Y
            while end < len(doc) and end < r.end + 3 and doc[end].lower_ in venues:
                end += 1
            after = [k for k in holders if end <= k.start <= end + 6 and all(
                t.lower_ in CONTAINER_GLUE or t.text in ("'s", "\u2019s") or t.pos_ == "ADJ" or t.i in named
                for t in doc[end:k.start])]  # "in Nigeria's northeastern Borno state": Borno
            container = min(after, key=lambda k: (k.rank, k.start)) if after else None
        in_city = container is None and town is not None and of_the_city(doc, r)
        if container is None and local is not None and r.country in (None, local.country):
            container, in_city = local, True
        if in_city:
            # "in the Gulbai area of the city", "the city's Saddar area": the town the sentence named
            # before it ("police in Rawalpindi arrested ... in the city's Saddar area"), else the story's
            before = [k for k in towns if k.end <= r.start and doc[k.start].sent == doc[r.start].sent and not k.dateline]
            container = before[-1] if before else town
        if container is None and of_the_city(doc, r, "district"):
            # "the Kiri Machan Khel area of the district": the district the text named before it
            districts = [k for k in known if k.end <= r.start and k.district is not None and k.kind in ("district", "town")
                         and not (k.origin or k.border or k.demonym)]
            container = districts[-1] if districts else None
        if container is not None and r.country in (None, container.country):
            town_part = in_city or (container.kind == "town" and not (r.end < len(doc) and doc[r.end].lower_ in ADMIN_WORDS))
            out.append(replace(r, city=r.city or ((container.city or container.name) if town_part else None),
                               # "Karachi's Saddar area", "X area of Karachi"; not "X district in Kandahar"
                               district=r.district or container.district, province=r.province or container.province,
                               country=container.country))
        elif r.country is None and (len(countries) == 1 or main_country is not None):
            # the one country, else the one most of them lie in, with the province most lie in (a
            # Balochistan story that names Iran and Afghanistan as its neighbours)
            out.append(replace(r, province=r.province or home, country=main_country or next(iter(countries)),
                               inferred=True))
        else:
            out.append(r)
    return out


#: Adjectives of a city that "of the city" may carry: "the provincial capital", "the port city".
CITY_ADJECTIVES = frozenset({"provincial", "federal", "port", "national", "metropolitan", "garrison", "border"})


def of_the_city(doc: Doc, place: Resolved, noun: str = "city") -> bool:
    """Is the place said to lie in "the city" (or another ``noun``: "the district") ("the Gulbai area
    of the city", "the city's Saddar area", "the city's area of Aisha Manzil")?"""
    after = [t.lower_ for t in doc[place.end:place.end + 5] if t.lower_ not in CITY_ADJECTIVES][:4]
    before = [t.lower_ for t in doc[max(0, place.start - 6):place.start]  # "the district's Tehsil Zarkani"
              if t.lower_ not in CITY_ADJECTIVES and t.lower_ not in KIND_BEFORE_NAME][-5:]
    nouns = (noun,)
    if noun == "city" and any(w in after or w in before for w in ("capital", "metropolis")):
        nouns = ("capital", "metropolis")  # "the Gul Bahar area of the provincial capital"
    for word in nouns:
        owner = (["the", word, "'s"], ["the", word, "’s"])
        if any(after[i:i + 3] == ["of", "the", word] for i in range(2)) or before[-3:] in owner or (
                before[:3] in owner and before[-1] == "of"):  # "the city's area of Aisha Manzil"
            return True
    return False


def place_rows(doc_id: str, places: list[Resolved]) -> list[dict]:
    """The ``places`` table's rows of one document."""
    return [{"doc_id": doc_id, "start_char": r.start_char, "end_char": r.end_char, "text": r.text,
             "place": r.chain()[0], "kind": r.kind, "district": r.district, "province": r.province,
             "country": r.country, "latitude": r.place.latitude if r.place else None,
             "longitude": r.place.longitude if r.place else None,
             "geonames_id": r.place.geonames_id if r.place else None, "geo_precision": r.precision}
            for r in places]


def fought_codes(gazetteer: Gazetteer, fights_in: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """The countries each catalog group fights in (``fights_in`` of groups.yml), as country codes."""
    return {group: frozenset(country_code(gazetteer, name, group) for name in names) for group, names in fights_in.items()}


def fought_in(doc: Doc, fights_in: dict[str, frozenset[str]]) -> frozenset[str]:
    """The countries the groups the document names fight in."""
    groups = {e.ent_id_ for e in doc.ents if e.label_ == "MILITANT_GROUP"}
    return frozenset().union(*(fights_in.get(g, ()) for g in groups))


def country_code(gazetteer: Gazetteer, name: str, group: str) -> str:
    """The code of a country the gazetteer knows by ``name``; a name it does not know is an error."""
    country = gazetteer.country(name)
    if country is None:
        raise ConfigError(f"groups.yml: group {group!r}: fights_in names {name!r}, which is no country of the gazetteer "
                          "(name it as GeoNames does: 'Syria', 'United States')")
    return country.country_code

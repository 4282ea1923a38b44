"""Places of one parsed Doc, resolved on the GeoNames gazetteer to town, district, province and country.

Three steps, each a small function over explicit data:

1. :func:`find_mentions`: names of the gazetteer in the text, longest first (an n-gram scan over
   capitalised tokens; spaCy's PhraseMatcher would need every one of the gazetteer's ~300,000
   names as a pattern, seconds to build in each process, where a sorted-key lookup loads at once).
   The model's GPE and LOC spans that the gazetteer lacks are kept as unresolved places.
2. :func:`is_place`: a name counts only in a place slot ("in X", "the village of X", "X district",
   "X, Y", a dateline), or where the model calls it a place, or where it is a large place that is
   no common word; never inside a militant group's or operation's name ("Balochistan Liberation Army").
3. :func:`choose`: an ambiguous name (Dasht, Kot, Khar, Bandar) takes the candidate that agrees with
   the other places of the document (same country, inside a named province or district, the kind
   its slot says), then population; never list order. "X district of Y", "X area of Y" and "X, Y"
   tie X to Y.

ACLED's codebook defines the precision: 1 the place itself (a town or village), 2 its district, 3 its
province; a country alone is 3 as well.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline import lexicon
from pipeline.eventtypes import PlacesSettings
from pipeline.gazetteer import Gazetteer, Place, fold
from pipeline.text import word_checker

#: Specificity of each kind of place: lower is more specific.
KIND_RANK = {"town": 0, "district": 1, "province": 2, "country": 3}
#: ACLED's geo-precision codes.
PRECISION = {"town": 1, "district": 2, "province": 3, "country": 3}
#: Model labels that name places, and those that name something else.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "MILITANT_GROUP", "OPERATION", "WORK_OF_ART", "EVENT",
                              "PRODUCT", "LAW"})
#: Tokens that may stand inside a place name after its first word ("Qala-i-Naw", "Dera Ismail Khan",
#: "Nawa-e Barakzayi", "Leigh on Sea", "Deir ez-Zor").
INNER = frozenset({"-", "'", "e", "i", "ye", "of", "on", "al", "el", "ad", "as", "ash", "ez", "az", "de", "du",
                   "la", "le", "sur", "upon", "am", "an", "der", "di", "do", "da"})
#: Words that join the parts of one name ("Bahisht-e-Zainab", "Gulshan e Iqbal").
CONNECTORS = frozenset({"-", "e", "i", "ye", "ul", "al", "ud", "ur"})
#: A place this populous is taken without a slot (when it is no common word).
BIG_PLACE = 100_000
MAX_TOKENS = 8
#: Names whose gazetteer answer a resolver remembers.
MEMO_SIZE = 200_000
#: Words that may begin a place's name without being in the gazetteer's form of it ("Upper Dir").
DIRECTIONS = frozenset({"north", "south", "east", "west", "upper", "lower", "northern", "southern", "eastern",
                        "western"})
#: Model labels a name the gazetteer lacks may carry before a kind word ("the Hayatabad area", tagged
#: ORG): not a person's, a people's, a group's or a date's.
UNLISTED_LABELS = frozenset({"", "GPE", "LOC", "FAC", "ORG"})
#: Words of direction, never a place by themselves ("the North Cotabato jail", "the Southern Philippines").
COMPASS = DIRECTIONS | {"central", "north-west", "north-east", "south-west", "south-east", "northwest",
                        "northeast", "southwest", "southeast", "middle", "far"}
#: Words that may stand between a place and the one it lies in: "X district of Y", "X area of Y".
LINK_WORDS = frozenset({"district", "province", "area", "region", "state", "tehsil", "town", "village", "city",
                        "suburb", "neighbourhood", "neighborhood", "outskirts", "county", "part", "the", "a"})
#: Kinds of administrative division: "Haifa District" names the district of Israel's GeoNames Haifa province.
ADMIN = frozenset({"district", "province"})
#: A town this small in a country the document does not speak of is a namesake, not the place meant.
SMALL_TOWN = 20_000
#: A city this populous is the one meant by its name unless the document says otherwise.
WELL_KNOWN = 1_000_000
#: A town this populous, alone of its name, says which country a document speaks of.
SURE_TOWN = 50_000
#: Two towns this close are one place and its neighbourhood.
NEIGHBOURHOOD_KM = 40


@dataclass(frozen=True)
class Mention:
    """One place name in the text and every gazetteer place it may be."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    candidates: tuple[Place, ...]
    kind_hint: str | None = None
    slot: bool = False
    label: str = ""
    #: "alias" (a name of places.yml's ``aliases``), "capital" ("the Afghan capital"), or "" (the name itself).
    via: str = ""
    #: Matched only by the looser transliteration key ("Qala-i-Naw" for "Qal'ah-ye Now").
    loose: bool = False
    #: The name begins a longer one, a venue in the place ("Kabul airport" is in Kabul, "Kabul Bank" may not be).
    in_name: bool = False


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
    #: After "from": where someone came from, rarely where the event was ("a man from Qalqilya stabbed").
    origin: bool = False
    city: str | None = None
    district: str | None = None
    province: str | None = None
    country: str | None = None

    @property
    def rank(self) -> float:
        """Specificity (lower is more specific); a place the gazetteer lacks but the text puts inside
        another ("the village of Felo in Gubio") is more specific than that one."""
        if self.kind == "unknown":
            return -0.5 if self.city or self.district or self.province else 0.5
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


def ordinary_words(model: str) -> Callable[[str], bool]:
    """Whether a word is ordinary English: a verb, adjective or adverb of WordNet (its nouns hold
    the names of cities too: "izmir", "paris"), so "August", "Said" and "Bridge" are, "Medan" is not."""
    return word_checker(lexicon.load_words(model, ("verb", "adj", "adv")))


class PlaceResolver:
    """Resolve the places of one Doc at a time; holds only the gazetteer and the settings."""

    def __init__(self, gazetteer: Gazetteer, settings: PlacesSettings, is_word: Callable[[str], bool], vocab: Vocab):
        self.gazetteer = gazetteer
        self.settings = settings
        self.is_word = is_word
        self.before = {w.lower() for w in settings.slot_words}
        self.of_nouns = {w.lower() for w in settings.slot_nouns}
        self.kind_of = {w.lower(): kind for kind, words in settings.kind_words.items() for w in words}
        self.aliases = {k.lower(): v for k, v in settings.aliases.items()}
        self.settlements = {w.lower() for w in settings.settlement_nouns}
        self.memo: dict[tuple[str, bool], list[Place]] = {}  # a cache of gazetteer answers, never of a document
        self.demonyms = {k.lower(): v for k, v in settings.demonyms.items()}
        self.venues = {w.lower() for w in settings.venue_words}
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
        named = find_mentions(doc, self.lookup, self.kind_of, lambda t: t.lower() in self.aliases, frozenset(self.before),
                              words)
        mentions = [replace(m, in_name=continues_name(doc, m.end, self.kind_of) or self.names_venue(doc, m.end)
                            or self.venue_of(doc, m.start))
                    for m in chained(doc, named, [self.is_place(doc, m) for m in named])]
        mentions = merge_mentions(with_slots(doc, mentions, self.before, self.of_nouns),
                                  self.capital_mentions(doc) + self.settlement_mentions(doc, words)
                                  + self.unlisted_in_chain(doc, words, mentions) + self.unlisted_with_kind(doc, words))
        resolved = choose(mentions, doc, self.prefer)
        seen = {i for m in [*named, *mentions] for i in range(m.start, m.end)}
        extra = [r for r in unresolved_model_places(doc, resolved, seen)
                 if not self.inside_longer_name(doc, Mention(r.start, r.end, r.start_char, r.end_char, r.text, ()))]
        extra += self.demonym_places(doc, words, {i for r in resolved + extra for i in range(r.start, r.end)})
        return [replace(r, origin=after_from(doc, r.start), border=at_border(doc, r.start, r.end))
                for r in sorted(resolved + extra, key=lambda r: r.start)]

    def demonym_places(self, doc: Doc, words: Words, taken: set[int]) -> list[Resolved]:
        """"Pakistani security forces": the country of a people's adjective (``demonyms`` of places.yml)."""
        found = []
        for token in (doc[i] for i, low in enumerate(words.lower) if low in self.demonyms):
            country = self.demonyms.get(token.lower_) if token.text[:1].isupper() else None
            place = self.gazetteer.country(country) if country and token.i not in taken else None
            if place is not None and token.ent_type_ not in ("MILITANT_GROUP", "OPERATION"):
                found.append(Resolved(token.i, token.i + 1, token.idx, token.idx + len(token), token.text, place,
                                      "country", name=place.name, country=place.country, demonym=True))
        return found

    def inside_longer_name(self, doc: Doc, mention: Mention) -> bool:
        """The name is the end of a longer one ("Dizengoff Street", "London Bridge", "Central
        Station"), or the start of one that names no venue ("an Ariana Grande concert"; not "the
        Abha International Airport", "a Kabul wrestling club", "the Kurram Valley")."""
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and is_name_word(before) and before.lower_ not in self.before | DIRECTIONS | self.venues:
            return True  # "Dizengoff Street" (but "the Serena Hotel Kabul" is in Kabul)
        if before is not None and before.text == "-" and before.whitespace_ == "":
            return True  # "Khanaqa-e-Malawi"
        if not continues_name(doc, mention.end, self.kind_of):
            return False
        rest = [t.lower_ for t in doc[mention.end:mention.end + 4]]
        return not any(word in self.venues for word in rest)

    def unlisted_in_chain(self, doc: Doc, words: Words, mentions: list[Mention]) -> list[Mention]:
        """"in Indanan, Sulu": a capitalised name in a place slot that the gazetteer lacks, right
        before a comma and a place, is a place inside that place."""
        starts = {m.start for m in mentions}
        found = []
        for token in (doc[i] for i, low in enumerate(words.lower) if low in self.before):
            if token.i + 2 >= len(doc) or token.lower_ not in self.before or not is_name_word(doc[token.i + 1]):
                continue
            end = token.i + 1
            while end < len(doc) and is_name_word(doc[end]) and end - token.i <= 3:
                end += 1
            if end + 1 < len(doc) and doc[end].text == "," and end + 1 in starts:
                span = doc[token.i + 1:end]
                found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), None, True))
        return found

    def unlisted_with_kind(self, doc: Doc, words: Words) -> list[Mention]:
        """"the Konduga Local Government Area", "Mamund tehsil": a capitalised name the gazetteer may
        lack, followed by a word of its kind."""
        found = []
        for token in (doc[i] for i, low in enumerate(words.lower) if low in self.kind_of):
            kind = self.kind_of.get(token.lower_) if token.i > 0 else None
            if kind is None or kind == "country":
                continue
            end = token.i - 2 if doc[token.i - 2:token.i + 1].text.lower() == "local government area" else token.i
            start = end
            while start > 0 and start > end - 3 and starts_name(doc[start - 1].text) and doc[start - 1].lower_ not in COMPASS:
                start -= 1
            span = doc[start:end]
            if len(span) and all(t.pos_ == "PROPN" and t.ent_type_ in UNLISTED_LABELS for t in span):
                found.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text, (), kind, True))
        return found

    def venue_of(self, doc: Doc, start: int) -> bool:
        """"the University of Karachi": a place named after "<venue> of"."""
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.venues

    def names_venue(self, doc: Doc, end: int) -> bool:
        """"the Kawsar educational center", "the Quetta press club": a name that a venue noun follows
        (after at most one adjective) names the venue."""
        following = [t for t in doc[end:end + 2] if t.is_alpha]
        return bool(following) and (following[0].lower_ in self.venues or (
            len(following) == 2 and following[0].pos_ == "ADJ" and following[1].lower_ in self.venues))

    def settlement_mentions(self, doc: Doc, words: Words) -> list[Mention]:
        """"the village of Felo", "the neighbourhood of Sayeda Zeinab": a name the gazetteer may lack,
        kept as a place with no candidates (resolved inside the place named next to it)."""
        found = []
        for token in (doc[i] for i, low in enumerate(words.lower) if low == "of"):
            if token.i + 1 >= len(doc) or token.lower_ != "of" or doc[token.i - 1].lower_ not in self.settlements:
                continue
            if not starts_name(doc[token.i + 1].text):
                continue
            end = token.i + 2
            while end < len(doc) and (is_name_word(doc[end]) or doc[end].text == "-") and end - token.i <= 4:
                end += 1
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
            self.memo[key] = found
        return self.memo[key]

    def is_place(self, doc: Doc, mention: Mention) -> bool | None:
        """A name is a place in a place slot, where the model says so, when it is a country's own name,
        or when large and no common word; None: not by itself, but it is one in a chain of places
        ("northwest Cameroon, Bamenda")."""
        tokens = doc[mention.start:mention.end]
        if any(t.ent_type_ in ("MILITANT_GROUP", "OPERATION") for t in tokens) or mention.text.lower() in COMPASS:
            return False
        if all(t.lower_ in self.kind_of or t.lower_ in self.of_nouns or t.lower_ in self.venues for t in tokens):
            return False  # "District", "Province", "University" alone
        if mention.text.lower() in self.aliases:
            return True
        if mention.kind_hint is not None or mention.via:
            return True
        if self.inside_longer_name(doc, mention):
            return False
        label = tokens[0].ent_type_
        slot = in_slot(doc, mention, self.before, self.of_nouns) or self.venue_of(doc, mention.start)
        if mention.loose and (not slot or label in ("DATE", "TIME", "NORP")):
            return False  # a loose match ("January" for Jiwani, "Baloch" for Balkh) only in a place slot
        common = all(self.is_word(t.lower_) for t in tokens if t.is_alpha) and not tokens[0].is_upper
        if slot:
            return label not in NOT_PLACE_LABELS | {"DATE", "TIME"} or len(tokens) > 1 or not common
        if label in PLACE_LABELS or any(p.kind == "country" and fold(p.name) == fold(mention.text)
                                        for p in mention.candidates):
            return True
        if common:
            return False
        big = any(p.kind in ("country", "province") or (p.population or 0) >= BIG_PLACE for p in mention.candidates)
        if label in NOT_PLACE_LABELS:  # "a Peshawar mosque" tagged ORG: the model's slip, unless the name runs on
            alone = mention.end >= len(doc) or doc[mention.end].ent_iob_ != "I"
            return True if big and alone and label in ("ORG", "PERSON") else None
        return big or None


def after_from(doc: Doc, start: int) -> bool:
    """Is the name right after "from" (or "from the")?"""
    i = start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ == "from"


def at_border(doc: Doc, start: int, end: int) -> bool:
    """"the Afghan border", "the border with Iran", "the Pakistan-Afghanistan frontier"."""
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[max(0, start - 2):start].text.lower()
    return after in ("border", "frontier", "borders") or before in ("border with", "border of", "frontier with")


def chained(doc: Doc, mentions: list[Mention], verdicts: list[bool | None]) -> list[Mention]:
    """The mentions that are places: those judged so, and the undecided ones (None) joined by a comma
    to a place ("Cameroon, Bamenda")."""
    kept = []
    for i, (mention, verdict) in enumerate(zip(mentions, verdicts)):
        if verdict is None:
            left = i > 0 and verdicts[i - 1] and doc[mentions[i - 1].end:mention.start].text.strip() == ","
            right = i + 1 < len(mentions) and verdicts[i + 1] and doc[mention.end:mentions[i + 1].start].text.strip() == ","
            verdict = bool(left or right)
        if verdict:
            kept.append(mention)
    return kept


def continues_name(doc: Doc, end: int, kind_of: dict[str, str]) -> bool:
    """Does a capitalised word (no kind word: "Mastung District") follow the name, directly or
    after a hyphen ("Bahisht-e-Zainab")?"""
    if end < len(doc) and doc[end].lower_ in CONNECTORS:
        while end < len(doc) and doc[end].lower_ in CONNECTORS:
            end += 1
        return end < len(doc) and doc[end].text[:1].isupper()  # "Bahisht-e-Zainab", "Gulshan e Iqbal Park"
    return end < len(doc) and is_name_word(doc[end]) and doc[end].lower_ not in kind_of


def is_name_word(token) -> bool:
    """A capitalised word inside a sentence: part of a proper name."""
    return token.is_alpha and token.text[:1].isupper() and not token.is_sent_start


def find_mentions(doc: Doc, lookup: Callable[..., list[Place]], kind_of: dict[str, str],
                  is_alias: Callable[[str], bool] = lambda _: False, before: frozenset[str] = frozenset(),
                  words: Words | None = None) -> list[Mention]:
    """Gazetteer names in the text, the longest at each capitalised token, with the kind word after
    them ("Danghara district", "Imo State"). The looser transliteration key is tried only after a
    place word (``before``: "in", "near"), the one place where a loose match counts."""
    found: list[Mention] = []
    words = words or Words.of(doc)
    i = 0
    while i < len(words.text):
        if not starts_name(words.text[i]):
            i += 1
            continue
        j = i - 1
        while j >= 0 and words.lower[j] in ("the", "a", "an"):
            j -= 1
        hit = longest_name(doc, words, i, lookup, loose=j >= 0 and words.lower[j] in before)
        if hit is None:
            i += 1
            continue
        end, places, loose = hit
        after = words.lower[end] if end < len(words.text) else ""
        hint = kind_of.get(after)
        if hint is None and i >= 2 and words.lower[i - 2] == "capital" and words.lower[i - 1] == "of":
            hint = "province"  # "the capital of Baghlan": a province (or a country)
        if after == "local" and " ".join(words.lower[end:end + 3]) == "local government area":
            hint = "district"
        span = doc[i:end]
        found.append(Mention(i, end, span.start_char, span.end_char, span.text, tuple(places), hint,
                             label=doc[i].ent_type_, via="alias" if is_alias(span.text) else "", loose=loose))
        i = end
    return found


@dataclass(frozen=True)
class Words:
    """A Doc's token texts, lower forms, trailing spaces and sentence ends, read once (each
    ``doc[i]`` builds a new Token; the scan reads every token several times)."""

    text: list[str]
    lower: list[str]
    space: list[str]
    sent_end: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Words:
        tokens = list(doc)
        return cls([t.text for t in tokens], [t.lower_ for t in tokens], [t.whitespace_ for t in tokens],
                   sentence_ends(doc))


def merge_mentions(mentions: list[Mention], extra: list[Mention]) -> list[Mention]:
    """Both lists in text order, an extra mention dropped where it overlaps one already found."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    kept = [m for m in extra if not any(i in taken for i in range(m.start, m.end))]
    return sorted(mentions + kept, key=lambda m: m.start)


def starts_name(text: str) -> bool:
    return text[:1].isupper() and text[:1].isalpha()


def sentence_ends(doc: Doc) -> list[int]:
    """For each token, the end of its sentence (``Token.sent`` walks every sentence on each call)."""
    ends = [len(doc)] * len(doc)
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            ends[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
    return ends


def longest_name(doc: Doc, words: Words, start: int, lookup: Callable[..., list[Place]],
                 loose: bool = True) -> tuple[int, list[Place], bool] | None:
    """The longest span from ``start`` that names gazetteer places, exactly or else (with ``loose``)
    by the looser transliteration key ("Nawa-i-Barakzai" before "Nawa"); its end, the places, and
    whether the match was loose."""
    last = start + 1
    while last < min(words.sent_end[start], start + MAX_TOKENS):
        text = words.text[last]
        if not (starts_name(text) or words.lower[last] in INNER) or words.space[last] == "" and text == ".":
            break
        last += 1
    for end in range(last, start, -1):
        if words.lower[end - 1] in INNER:
            continue
        name = "".join(words.text[k] + words.space[k] for k in range(start, end - 1)) + words.text[end - 1]
        for attempt in (False, True) if loose else (False,):
            places = lookup(name, loose=attempt)
            if places:
                return end, places, attempt
    return None


def in_slot(doc: Doc, mention: Mention, before: set[str], of_nouns: set[str]) -> bool:
    """"in X", "near the town of X", "X:" or "X," opening a paragraph (a dateline)."""
    i = mention.start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a", "an", "northern", "southern", "eastern", "western", "central", "remote"):
        i -= 1
    if i >= 0 and doc[i].lower_ in before:
        return True
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in of_nouns:
        return True
    opens = mention.start == 0 or "\n" in doc[mention.start - 1].text_with_ws
    nxt = doc[mention.end].text if mention.end < len(doc) else ""
    return opens and nxt in (":", ",", "-", "\u2014")


def with_slots(doc: Doc, mentions: list[Mention], before: set[str], of_nouns: set[str]) -> list[Mention]:
    return [replace(m, slot=in_slot(doc, m, before, of_nouns) or m.kind_hint is not None) for m in mentions]


def choose(mentions: list[Mention], doc: Doc, prefer: frozenset[str] = frozenset()) -> list[Resolved]:
    """One place per mention. What the document says for sure (countries it names, names whose every
    candidate lies in one country or province) sets the context; each mention then takes its
    best-agreeing candidate, the place it is said to lie in ("X, Y", "X district of Y") first. A name
    none of whose candidates lies in that place is a place the gazetteer lacks, inside it."""
    context = Context.of(mentions, prefer)
    within: list[Place | None] = [None] * len(mentions)  # what each mention tells its left neighbour
    out: list[Resolved | None] = [None] * len(mentions)
    for index in range(len(mentions) - 1, -1, -1):  # right to left: "X, Y" needs Y first
        mention, parent = mentions[index], container(doc, mentions, index, within)
        place = best(mention, context, parent) if mention.candidates else None
        if place is not None and context.countries and place.country_code not in context.countries and (
                mention.loose or (place.kind == "town" and (place.population or 0) < SMALL_TOWN and parent is None)):
            place = None  # a loose match, or a village's namesake abroad, in a document about another country
        if place is not None and parent is not None and not contains(parent, place) and one_country(mention) \
                and not one_country(mentions[index + 1]) and (parent.population or 0) < SURE_TOWN \
                and doc[mention.end:mentions[index + 1].start].text.strip() == ",":
            parent = None  # "Leigh-on-Sea, Essex": an unambiguous town outweighs a small namesake elsewhere
        if place is not None and (parent is None or contains(parent, place)):
            within[index], out[index] = place, resolved_from(mention, place, parent)
        else:
            within[index], out[index] = parent, unknown(mention, parent)
    return [r for r in out if r is not None]


def one_country(mention: Mention) -> bool:
    """Do all the mention's candidates lie in one country?"""
    return len({p.country_code for p in mention.candidates}) == 1


@dataclass(frozen=True)
class Context:
    """The countries and provinces a document speaks of for sure, and the countries preferred."""

    countries: frozenset[str]
    provinces: frozenset[tuple[str, str]]
    prefer: frozenset[str] = frozenset()

    @classmethod
    def of(cls, mentions: Iterable[Mention], prefer: frozenset[str] = frozenset()) -> Context:
        countries: set[str] = set()
        provinces: set[tuple[str, str]] = set()
        for mention in mentions:
            codes = {p.country_code for p in mention.candidates}
            named = [p for p in mention.candidates if p.kind == "country" and fold(p.name) == fold(mention.text)]
            sure = any(p.kind != "town" or (p.population or 0) >= SURE_TOWN for p in mention.candidates)
            if (len(codes) == 1 and sure) or named:
                countries.update(codes if len(codes) == 1 else {named[0].country_code})
            regions = {(p.country_code, p.province) for p in mention.candidates if p.province}
            if len(regions) == 1 and len(codes) == 1 and sure:
                provinces.update(regions)
        return cls(frozenset(countries), frozenset(provinces), prefer)


def best(mention: Mention, context: Context, parent: Place | None) -> Place:
    """The candidate that agrees most with the document; population breaks near ties, then the id
    (never the order of the gazetteer)."""
    key = fold(mention.text)

    def score(place: Place) -> tuple:
        agree = 3.0 * (place.country_code in context.countries)
        agree += 2 * ((place.country_code, place.province) in context.provinces)
        agree += 2 * (mention.kind_hint == place.kind or (mention.kind_hint in ADMIN and place.kind in ADMIN))
        agree += 4 * (parent is not None and contains(parent, place))
        agree += 1 * (fold(place.name) == key)
        agree += 1 * (place.country_code in context.prefer)
        agree += 2 * ((place.population or 0) >= WELL_KNOWN)  # Kabul, not Kabul (Missouri), in a text naming the US
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
    ("X, Y, Afghanistan", "X district of Y", "X area of Y", "X in Y"), when already chosen."""
    if index + 1 >= len(mentions) or chosen[index + 1] is None:
        return None
    here, nxt = mentions[index], mentions[index + 1]
    between = doc[here.end:nxt.start]
    if "\n" in between.text or any(t.is_sent_start for t in doc[here.end:nxt.end]):
        return None
    words = [t.lower_ for t in between if not t.is_punct]
    linked = between.text.strip() in (",", "") or (
        len(words) <= 3 and words and words[-1] in ("of", "in") and set(words[:-1]) <= LINK_WORDS)
    return chosen[index + 1] if linked else None


def resolved_from(mention: Mention, place: Place, parent: Place | None) -> Resolved:
    """A mention's place with its hierarchy; a town said to lie in another town ("North York area of
    Toronto") keeps that town as its city, and a town in a named district takes that district."""
    city = parent.name if parent is not None and parent.kind == "town" and place.kind == "town" else None
    name = mention.text if place.kind == "town" and mention.via != "capital" and not mention.text.isupper() else place.name
    if mention.via == "alias" and place.kind != "town":
        name = mention.text  # "FATA", "the tribal areas": the text's own term, then the division it is now
    if mention.via == "alias" and place.kind == "town":
        city = place.name
    district = place.district if place.kind == "town" else place.name if place.kind == "district" else None
    if parent is not None and parent.kind == "district" and place.kind == "town":
        district = parent.name
    province = place.province if place.kind != "country" else None
    kind = place.kind
    if mention.kind_hint in ADMIN and kind == "town":  # "Sukma district": the district of that town
        kind, name, district = "district", place.name, place.name
    return Resolved(mention.start, mention.end, mention.start_char, mention.end_char, mention.text, place,
                    kind, name=name, in_name=mention.in_name, city=city, district=district, province=province, country=place.country)


def unknown(mention: Mention, parent: Place | None) -> Resolved:
    """A place the gazetteer lacks (or whose namesakes all lie elsewhere), inside ``parent`` if any."""
    def level(kind: str) -> str | None:
        return parent.name if parent is not None and parent.kind == kind else None
    return Resolved(mention.start, mention.end, mention.start_char, mention.end_char, mention.text, None,
                    "unknown", name=mention.text, in_name=mention.in_name, city=level("town"),
                    district=level("district") or (parent.district if parent is not None and parent.kind == "town" else None),
                    province=parent.province if parent is not None and parent.kind != "country" else None,
                    country=parent.country if parent is not None else None)


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
        after = next((r for r in resolved if 0 <= r.start - ent.end <= 2 and r.place is not None), None)
        city = after.chain()[0] if after is not None and after.kind == "town" else after.city if after else None
        extra.append(Resolved(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, None, "unknown",
                              name=ent.text, city=city, district=after.district if after else None,
                              province=after.province if after else None, country=after.country if after else None))
    return extra


def place_rows(doc_id: str, places: list[Resolved]) -> list[dict]:
    """The ``places`` table's rows of one document."""
    return [{"doc_id": doc_id, "start_char": r.start_char, "end_char": r.end_char, "text": r.text,
             "place": r.chain()[0], "kind": r.kind, "district": r.district, "province": r.province,
             "country": r.country, "latitude": r.place.latitude if r.place else None,
             "longitude": r.place.longitude if r.place else None,
             "geonames_id": r.place.geonames_id if r.place else None, "geo_precision": r.precision}
            for r in places]

"""Place names in a parsed Doc: the spans that may name a place, and the words around them.

The first step of :mod:`pipeline.places`. Gazetteer names are found longest first by an n-gram scan
over capitalised tokens: spaCy's PhraseMatcher would need every one of the gazetteer's 576,000 names
as a pattern, seconds to build in each process, where the gazetteer's sorted keys answer at once.
Beside the scan, the small tests of the words around a name: a place slot ("in X", "the village of
X"), a kind word after it ("X district"), a longer name it belongs to, a border, "from".
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from pipeline.gazetteer import Place

#: Tokens that may stand inside a place name after its first word ("Qala-i-Naw", "Dera Ismail Khan",
#: "Nawa-e Barakzayi", "Leigh on Sea", "Deir ez-Zor").
INNER = frozenset({"-", "'", "e", "i", "ye", "of", "on", "al", "el", "ad", "as", "ash", "ez", "az", "de", "du",
                   "la", "le", "sur", "upon", "am", "an", "der", "di", "do", "da", "and", "&"})  # "Jammu and Kashmir"
#: Words that join the parts of one name ("Bahisht-e-Zainab", "Gulshan e Iqbal").
CONNECTORS = frozenset({"-", "e", "i", "ye", "ul", "al", "ud", "ur"})
MAX_TOKENS = 8
#: Kind words that, capitalised, are part of a quarter's name ("Soldier Bazaar", "Model Town", "Green Village").
NAME_KIND_WORDS = frozenset({"bazaar", "town", "village"})
#: Kinds a name the gazetteer lists with its kind word says it is ("Pishin District", "Kunar Province").
ADMIN_HINTS = frozenset({"district", "province"})
#: A photo's credit closing a caption: a sentence's end, then an agency or outlet, a slash and a name or "File".
RE_PHOTO_CREDIT = re.compile(r"[.!?]\s+(?:[\u2014\u2013-]\s*)?\(?[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}\s?/\s?[A-Z][^.!?/]{1,60}$")
#: Words that may begin a place's name without being in the gazetteer's form of it ("Upper Dir").
DIRECTIONS = frozenset({"north", "south", "east", "west", "upper", "lower", "northern", "southern", "eastern",
                        "western"})
#: Words of direction, never a place by themselves ("the North Cotabato jail", "the Southern Philippines").
COMPASS = DIRECTIONS | {"central", "north-west", "north-east", "south-west", "south-east", "northwest",
                        "northeast", "southwest", "southeast", "middle", "far"}


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


def after_from(doc: Doc, start: int) -> bool:
    """Is the name right after "from" (or "from the")?"""
    i = start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ == "from"


def route_end(doc: Doc, start: int, route_words: frozenset[str], taking_words: frozenset[str] = frozenset()) -> bool:
    """Is the name where a journey went: after "from" (not one a word of taking governs: "kidnapped
    from Lahore" is where it happened), or after "to"/"towards"/"for" that a journey word governs
    ("travelling from Islamabad to Kohistan", "the express to Rawalpindi", "a convoy bound for Parachinar")?"""
    if after_from(doc, start):
        i = start - 1
        while doc[i].lower_ == "the":
            i -= 1
        return doc[i].head.lemma_.lower() not in taking_words  # the verb "from" hangs on
    i = start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0 or doc[i].lower_ not in ("to", "towards", "toward", "for"):  # "a convoy bound for Parachinar"
        return False
    head = doc[i].head
    if doc[i].lower_ != "for" and (head.lower_ == "from" or (head.dep_ == "pobj" and head.head.lower_ == "from")):
        return True  # "traveling from Quetta to Peshawar", the parse hanging "to" on "from" or on Quetta
    return head.i != i and (head.lemma_.lower() in route_words or head.lower_ in route_words)


#: Prepositions of a journey's ends or course ("travelling to", "a convoy bound for", "buses plying between").
JOURNEY_PREPS = frozenset({"to", "towards", "toward", "for", "between"})
#: Nouns a town's name may hang from by "of" on its way to the journey's preposition ("for the harbour town of Gwadar");
#: not "area" or "district": "to the Kund area of Mastung" is a place in the district the journey was in.
TOWN_NOUNS = frozenset({"city", "town", "capital", "port", "village"})


def journey_end(doc: Doc, start: int, end: int, route_words: frozenset[str]) -> bool:
    """Is the name an end or the course of a journey that :func:`route_end` cannot see from the words
    before it: a "-bound" after it ("three Lahore-bound coaches"), a list after "between" ("coaches
    plying between Quetta and Chaman"), or a town noun between ("on its way to the harbour town of Gwadar")?"""
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "bound":
        return True
    token = doc[start:end].root
    for _ in range(4):
        if token.dep_ == "conj":
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in TOWN_NOUNS:
            token = token.head.head  # "the harbour town of Gwadar": as the town
        else:
            break
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ("leave", "depart"):
        return True  # "the coach had left Zhob for Peshawar": whence it came
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in JOURNEY_PREPS and prep.head.i != prep.i \
        and (prep.head.lemma_.lower() in route_words or prep.head.lower_ in route_words)


#: Nouns after a town's name that make it the name of a road ("on Miranshah road", "the Bannu-Kohat highway").
ROAD_NOUNS = frozenset({"road", "highway", "motorway", "expressway", "bypass"})


def in_caption(text: str, at: int) -> bool:
    """Is the name at character ``at`` of the Doc's ``text`` in a photo's caption: a paragraph whose
    last sentence is followed by the photo's credit, an agency or outlet, a slash and a name ("... 28
    September 2023. EFE-EPA/JOHN DOE", "... after the blast. — AFP/File", "(AP Photo/Jane Doe)")? It
    says where a picture was taken. The text is passed in: ``Doc.text`` joins every token anew."""
    end = text.find("\n", at)
    paragraph = text[text.rfind("\n", 0, at) + 1: len(text) if end < 0 else end]
    return RE_PHOTO_CREDIT.search(paragraph) is not None


def names_road(doc: Doc, end: int) -> bool:
    """Does the name end in a road's name ("ambushed on Miranshah road", "the Kohat-Bannu highway"):
    a road that runs to the town, not the town itself?"""
    i = end
    while i < len(doc) and (doc[i].text == "-" or (i > end and doc[i - 1].text == "-" and doc[i].pos_ == "PROPN")):
        i += 1  # "Miranshah-Bannu road": past the other town
    return i < len(doc) and doc[i].lower_ in ROAD_NOUNS


def names_a_base(doc: Doc, end: int) -> bool:
    """Is the name the first half of "X-based" ("the Pakistan-based group", "a London-based charity"):
    where someone is based, not where anything happened?"""
    i = end + 1 if end < len(doc) and doc[end].text == "-" else end
    return i < len(doc) and doc[i].lower_ == "based" and (i == end or doc[end].whitespace_ == "")


#: Units of a distance that measures from a landmark ("200 km southwest of Peshawar").
DISTANCE_UNITS = frozenset({"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "mi"})


def at_border(doc: Doc, start: int, end: int, town: bool = False) -> bool:
    """"the Afghan border", "the border with Iran", "the Pakistan-Afghanistan frontier", "a region
    bordering China, Pakistan and Tajikistan" (each name of the list); a landmark a distance is measured
    from ("200 km southwest of Peshawar"): near it, not in it. A ``town`` before "border" is the crossing
    ("at the Wagah border"), where the incident was."""
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[max(0, start - 2):start].text.lower()
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1  # "south of the French capital": the landmark's article
    if (after in ("border", "frontier", "borders") and not town) or before in ("border with", "border of", "frontier with"):
        return True
    if start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in COMPASS and any(
            t.lower_ in DISTANCE_UNITS for t in doc[max(0, start - 5):start - 2]):
        return True  # "Bannu, about 200 kms southwest of Peshawar": a landmark to measure from, not the place
    if measured_from_named(doc, start):
        return True  # "40km west of the provincial capital of North Sinai, El Arish"
    if start >= 4 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in COMPASS and named_just_before(doc, start - 2):
        return True  # "in Lahij governorate, north of Aden": the place named before lies by the landmark
    i = start - 1
    while i >= 0 and (doc[i].text in (",", "and") or doc[i].pos_ == "PROPN"):
        i -= 1
    if i >= 1 and doc[i].lower_ == "by" and doc[i - 1].lower_ == "bordered":
        return True  # "a province bordered by Iran"
    return i >= 0 and doc[i].lemma_.lower() == "border" and doc[i].pos_ == "VERB"


def named_just_before(doc: Doc, compass: int) -> bool:
    """Does a proper name stand just before the direction at ``compass``, up to a comma and a kind word
    ("Lahij governorate, north of", "Kunduz, north of", "Saravan southeast of")?"""
    i = compass - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[max(0, i - 1):i + 1])


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
    if end < len(doc) and doc[end].text == "-" and doc[end - 1].whitespace_ and doc[end].whitespace_:
        return False  # "LAHORE - The police ...": a dash set off by spaces ends the name (a dateline's)
    if end < len(doc) and doc[end].lower_ in CONNECTORS:
        while end < len(doc) and doc[end].lower_ in CONNECTORS:
            end += 1
        return end < len(doc) and doc[end].text[:1].isupper()  # "Bahisht-e-Zainab", "Gulshan e Iqbal Park"
    return end < len(doc) and is_name_word(doc[end]) and doc[end].lower_ not in kind_of


#: Tokens between "<distance> west of" and the landmark's name that still describe that landmark.
LANDMARK_WORDS = 8


def measured_from_named(doc: Doc, start: int) -> bool:
    """Is the name at ``start`` the landmark of a distance told of a noun before it, set after it with
    a comma or "of" ("about 40km west of the provincial capital, El Arish", "20 miles north of the city of
    Y"): only articles, adjectives, nouns, "of" and commas between?"""
    for i in range(start - 2, max(0, start - LANDMARK_WORDS - 2), -1):
        if doc[i].lower_ == "of" and doc[i - 1].lower_ in COMPASS and any(
                t.lower_ in DISTANCE_UNITS for t in doc[max(0, i - 4):i - 1]):
            between = doc[i + 1:start]
            return doc[start - 1].text in (",", "of") and all(
                t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP") or t.text == "," for t in between) \
                and any(t.pos_ == "NOUN" for t in between)
    return False


def modified_noun(token):
    """The noun a name qualifies as an adjective would ("US officials", "a U.S. drone strike"), or None."""
    head = token.head
    return head if token.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") else None


def is_name_word(token) -> bool:
    """A capitalised word inside a sentence: part of a proper name."""
    return token.is_alpha and token.text[:1].isupper() and not token.is_sent_start


def name_end(doc: Doc, start: int, most: int, joiners: tuple[str, ...] = ()) -> int:
    """Where the run of name words (and ``joiners``, such as "-") from ``start`` ends, after ``most``
    tokens at most."""
    end = start
    while end < len(doc) and end - start < most and doc[end].lower_ not in CALENDAR_WORDS and (
            is_name_word(doc[end]) or doc[end].text in joiners or particle_joined(doc, end)):
        if particle_joined(doc, end):
            end += 2  # "Bir al-Abed", "Dar es-Salaam": a lower-case article hyphened to the next word
            most += 2
        end += 1
    return end


#: Days and months, which end a name ("the resort town of Sousse Friday").
CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                            "february", "march", "april", "june", "july", "august", "september", "october",
                            "november", "december"})


def particle_joined(doc: Doc, i: int) -> bool:
    """Is ``doc[i]`` a lower-case particle of a name (:data:`CONNECTORS`: "al", "ul") hyphened without
    spaces to a capitalised word ("al-Abed")?"""
    return i > 0 and i + 2 < len(doc) and doc[i].lower_ in CONNECTORS and doc[i].is_lower and doc[i].is_alpha \
        and doc[i - 1].whitespace_ and doc[i + 1].text == "-" and not doc[i].whitespace_ \
        and not doc[i + 1].whitespace_ and doc[i + 2].text[:1].isupper() and doc[i + 2].is_alpha


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
        if hit is None or not any(p.kind == "province" for p in hit[1]):
            hit = province_by_variant(doc, words, i, lookup, kind_of) or hit  # not Myanmar's Sha Bwa
        if hit is None:
            i += 1
            continue
        end, places, loose = hit
        after = words.lower[end] if end < len(words.text) else ""
        hint = kind_of.get(after)
        if hint is None and i >= 2 and words.lower[i - 2] == "capital" and words.lower[i - 1] == "of":
            hint = "province"  # "the capital of Baghlan": a province (or a country)
        if hint is None and i >= 3 and words.lower[i - 1] == "of" and words.lower[i - 3] in ("the", "a"):
            hint = kind_of.get(words.lower[i - 2])  # "the city of As Suwayda" (not "Bajaur district of KP")
        if after == "local" and " ".join(words.lower[end:end + 3]) == "local government area":
            hint = "district"
        inner = kind_of.get(words.lower[end - 1]) if end - i > 1 else None
        if hint is None and inner in ADMIN_HINTS and any(p.kind == inner for p in places):
            hint = inner  # "Pishin District": the gazetteer lists the name with its kind word
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


def merge_mentions(mentions: list[Mention], extra: list[Mention], kinds: frozenset[str] = frozenset()) -> list[Mention]:
    """Both lists in text order, an extra mention dropped where it overlaps one already found, unless
    it holds each of them and more name than a word of kind (``kinds``): "the village of Loi Sam" over
    "Loi" (a name of Thailand's Loei), never "the area of North Waziristan Agency" over "North
    Waziristan"."""
    longer = [m for m in extra if any(overlaps(m, o) for o in mentions)
              and all(m.start <= o.start and o.end <= m.end and more_name(m, o, kinds)
                      for o in mentions if overlaps(m, o))]
    mentions = [o for o in mentions if not any(overlaps(m, o) for m in longer)] + longer
    taken = {i for m in mentions for i in range(m.start, m.end)}
    kept = [m for m in extra if m not in longer and not any(i in taken for i in range(m.start, m.end))]
    return sorted(mentions + kept, key=lambda m: m.start)


def more_name(longer: Mention, inner: Mention, kinds: frozenset[str]) -> bool:
    """Does ``longer`` hold words of a name besides ``inner``'s, not only a kind word ("Agency"; but a
    capitalised "Village" of :data:`NAME_KIND_WORDS` is the name's: "Green Village")?"""
    words = longer.text.split()
    rest = words[:len(words) - len(inner.text.split())] if longer.text.lower().endswith(inner.text.lower()) else \
        words[len(inner.text.split()):]
    return bool(rest) and any(w.lower() not in kinds or (w[:1].isupper() and w.lower() in NAME_KIND_WORDS) for w in rest)


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


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


def province_by_variant(doc: Doc, words: Words, start: int, lookup: Callable[..., list[Place]],
                        kind_of: dict[str, str]) -> tuple[int, list[Place], bool] | None:
    """A name the exact key misses that its kind word calls a province ("Yemen's southern Shabwa
    province", GeoNames' Shabwah; "Anbar province", its Al Anbar): the spellings of Arabic names that
    differ by a final "h" or the article, kept to the provinces they find."""
    end = start
    while end < len(words.text) and end - start < 3 and starts_name(words.text[end]):
        end += 1
    if end == start or end >= len(words.text) or kind_of.get(words.lower[end]) != "province":
        return None
    name = " ".join(words.text[start:end])
    bare = re.sub(r"^(?:al|el)[- ]", "", name, flags=re.I)
    variants = {name + "h", name[:-1] if name.endswith("h") else name, "Al " + bare, "Al-" + bare, bare} - {name}
    provinces = [p for v in sorted(variants) for p in lookup(v, loose=False) if p.kind == "province"]
    return (end, sorted(set(provinces), key=provinces.index), False) if provinces else None


def in_slot(doc: Doc, mention: Mention, before: set[str], of_nouns: set[str]) -> bool:
    """"in X", "near the town of X", "X:" or "X," opening a paragraph (a dateline)."""
    return slot_at(doc, mention.start, mention.end, before, of_nouns)


def slot_at(doc: Doc, start: int, end: int, before: set[str], of_nouns: set[str]) -> bool:
    """:func:`in_slot` of the name ``doc[start:end]``; a name after another's possessive is in that
    one's slot ("in Balochistan's Kech district", "in Sindh's Thatta")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a", "an", "northern", "southern", "eastern", "western", "central", "remote"):
        i -= 1
    if i >= 0 and doc[i].lower_ in before:
        return True
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in of_nouns:
        return True
    if i >= 1 and doc[i].text in ("'s", "\u2019s"):
        owner = i
        while owner > 0 and i - owner < 4 and is_name_word(doc[owner - 1]):
            owner -= 1
        if owner < i and slot_at(doc, owner, i, before, of_nouns):
            return True
    return at_dateline(doc, start, end)


#: What follows a dateline's place: "QUETTA:", "QUETTA, Pakistan —", "KHAR -".
DATELINE_MARKS = (":", ",", "-", "\u2014", "\u2013")


def at_dateline(doc: Doc, start: int, end: int) -> bool:
    """Does the name open a paragraph as a dateline ("QUETTA:", "PESHAWAR, Pakistan —", or in capitals on
    a line of its own above the story: "KABUL")? It says
    where the report was filed, which is often not where the event was."""
    first = start
    while first >= 2 and doc[first - 1].text == "/" and doc[first - 2].text.isupper():
        first -= 2  # "QUETTA/ISLAMABAD/LANDIKOTAL:": each town of a joint dateline
    while end + 1 < len(doc) and doc[end].text == "/" and doc[end + 1].text.isupper():
        end += 2
    opens = first == 0 or "\n" in doc[first - 1].text_with_ws
    nxt = doc[end].text if end < len(doc) else ""
    if opens and nxt in ("(", "["):  # "RAWALPINDI (MNN);", "KABUL (Reuters) -": the agency, then the mark;
        # "Quetta [Pakistan], May 4 (ANI):": the country in brackets
        shut = ")" if nxt == "(" else "]"
        close = next((t.i for t in doc[end + 1:end + 6] if t.text == shut), None)
        nxt = doc[close + 1].text if close is not None and close + 1 < len(doc) else ""
        return nxt in DATELINE_MARKS or nxt == ";"
    alone = end >= len(doc) or "\n" in doc[end - 1].whitespace_ or (doc[end].is_space and "\n" in doc[end].text)
    return opens and (nxt in DATELINE_MARKS or (alone and doc[start:end].text.isupper()))  # "KABUL" on its own line


def with_slots(doc: Doc, mentions: list[Mention], before: set[str], of_nouns: set[str]) -> list[Mention]:
    return [replace(m, slot=in_slot(doc, m, before, of_nouns) or m.kind_hint is not None) for m in mentions]

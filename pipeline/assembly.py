"""Assembly: the events of one document's sentences folded into its incidents.

A news text reports one incident over several sentences: the attack, then the toll, the bomber, the
claim, the place, often under a headline that says it again. Each sentence's trigger makes an
:class:`~pipeline.events.Event`; the functions here fold the ones that speak of the same occurrence
into one, and keep apart the ones that a date, a place or the actors set apart (an earlier attack
recalled in the background, "a week after a bombing in Kunduz"). Pure functions over the events of
one document, in text order; the extractor (:mod:`pipeline.events`) calls them after filling each event.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.eventtypes import ClusteringSettings
from pipeline.gazetteer import fold
from pipeline.incident_keys import tolls_fit
from pipeline.small_numbers import word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from pipeline.events import Event
    from pipeline.place_choice import Resolved

#: A first paragraph this short, not ending a sentence, is a headline.
HEADLINE_CHARS = 200
#: Determiners of a noun that points back at an incident already told.
ANAPHORIC = frozenset({"the", "this", "that", "its"})
#: Sentences of one paragraph within which a later mention may go on about the same incident.
NEAR_SENTENCES = 3
#: Words that make a later total the document's latest for the incident ("the death toll rose to 54").
RE_TOLL_UPDATE = re.compile(r"\b(toll|rose|risen|climbed|increased|reached|jumped)\b", re.I)


#: Marks that open a highlight line above an article's body ("• Attacker shot a guard first").
HIGHLIGHT_MARKS = frozenset("\u2022\u25cf\u25aa\u25a0\u2023\u25e6")


def after_highlights(text: str, start: int) -> int:
    """Where the paragraphs of highlight bullets that begin at ``start`` end (``start`` when none)."""
    end = start
    while end + 2 < len(text) and text[end + 2:].lstrip(" ")[:1] in HIGHLIGHT_MARKS:
        following = text.find("\n\n", end + 2)
        end = len(text) if following < 0 else following
    return end


def merge_headline(text: str, events: list[Event], related: dict[str, set[str]] | None = None) -> list[Event]:
    """A headline's event is the story's: merged into the body's first event when a noun of the same
    lemma tells both ("Four killed in strike" over "the drone strike took place ...", typed by the
    body's words), else into its first event of the same type, else of a related one (``related``:
    "Drone strike kills commander" over a body that names him is the targeted killing the body tells).
    The highlight bullets under the headline are the headline's ("• Bomber shot a guard first")."""
    first_break = text.find("\n\n")
    if first_break < 0 or first_break > HEADLINE_CHARS or text[:first_break].rstrip().endswith("."):
        return events
    first_break = after_highlights(text, first_break)
    related = related or {}
    kept = []
    lead = next((e for e in events if e.sent.start_char > first_break), None)
    lead_nouns = nouns_of(lead) if lead is not None else set()
    for event in events:
        body = lead if lead_nouns & nouns_of(event) else None
        body = body or next((e for e in events if e.type == event.type and e.sent.start_char > first_break), None) or next(
            (e for e in events if e.type in related.get(event.type, ()) and e.sent.start_char > first_break), None)
        if event.sent.start_char < first_break and body is not None:
            absorb(body, event, "date", "date_source")
        else:
            kept.append(event)
    return kept


def nouns_of(event: Event) -> set[str]:
    """The lemmas of the nouns that tell the event ("strike" of "drone strike", whose trigger is "drone")."""
    heads = (t.head if t.dep_ == "compound" else t for t in event.mentions)
    return {h.lemma_.lower() for h in heads if h.pos_ == "NOUN"}


def merge_retold(events: list[Event]) -> list[Event]:
    """One story told twice in a document ("the suicide bombing at Abbey Gate in August 2021" ...
    "The bombing on 26 August 2021 killed ..."): same type, overlapping dates from the text, and the
    same town (or none given) make one event, kept at its most specific date."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if retells(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        if (event.date["end"] - event.date["start"]) < (twin.date["end"] - twin.date["start"]):
            twin.date = event.date
        absorb(twin, event)
    return kept


def absorb(into: Event, other: Event, *fields: str) -> None:
    """Fold ``other`` into ``into``: its actors and denials, whatever ``into`` lacks, a person's name as
    the target over a kind of person, a date from the text over the publication date (and a day inside
    the span it has: "on October 30" after "earlier this week"), a more specific place inside its own
    (or any the text gives for one placed by its dateline: "ISLAMABAD (AP) — ... an operation in the
    northwest", then "an operation in Miran Shah"), and a later total where the text updates the toll
    ("the death toll rose to 54")."""
    for name in (*fields, "target", "killed", "wounded", "perpetrators_killed"):
        if getattr(into, name) is None:
            setattr(into, name, getattr(other, name))
            if name in other.vague:
                into.vague.add(name)
    if other.type == "TARGETED_KILLING" and into.type != other.type:  # one strike on a named person, told as an
        into.type = other.type  # attack first ("says the attack violated sovereignty")
    if other.target_named and not into.target_named:  # "a religious cleric", then "shot dead Mawlavi Safiullah"
        into.target, into.target_named = other.target, True
    for name in ("killed", "wounded"):
        theirs = getattr(other, name)
        if theirs is not None and name in into.vague and name not in other.vague:
            setattr(into, name, theirs)  # "wounding dozens", then another sentence's "35 wounded"
            into.vague.discard(name)
        elif theirs is not None and theirs > getattr(into, name) and RE_TOLL_UPDATE.search(other.sent.text):
            setattr(into, name, theirs)
    if other.date_source == "sentence" and (into.date_source != "sentence" or narrower(other.date, into.date) or (
            into.said_date and not other.said_date and not narrower(into.date, other.date))):
        # not "this year" of "This is the second attack this year" over "police said on Monday"
        into.date, into.date_source, into.said_date = other.date, other.date_source, other.said_date
    if other.where is not None and into.where is not None and placed_nowhere(other.where, into.where) and other.placed_here \
            and into.where.kind in ("district", "province") and not into.where.origin:
        # "Shor Kalan district", a name the gazetteer lacks, in the province told before
        into.where = replace(other.where, district=into.where.district, province=into.where.province,
                             country=into.where.country, inferred=True)
        into.place, into.placed_here = into.where.chain(), True
    elif not into.place or (other.where is not None and into.where is not None and (
            refines(other.where, into.where) or owned_by(other.where, into.where, other.trigger.doc) or (aside(into.where) and not aside(other.where) and not other.where.demonym)
            or (into.where.dateline and placed_in_text(other) and not aside(other.where)))):
        into.place, into.where, into.towns = other.place, other.where, other.towns  # not where the victims came from
        into.placed_here = into.placed_here or other.placed_here  # a town the text gives stays against a district
    elif placed_in_text(other) and not into.placed_here and other.where.rank <= 1 \
            and not (other.where.origin or other.where.border or other.where.demonym):
        # "gunmen ambushed a police vehicle in the northwest", placed by default in the story's other town,
        # then "the attackers shot ... in Lakki Marwat district": the place the text gives
        into.place, into.where, into.towns, into.placed_here = other.place, other.where, other.towns, True
    elif other.where is not None and into.where is not None and village_within(other.where, into.where, other.trigger.doc) \
            and not nowhere(into.where) and other.where.text not in into.place:
        into.place = [other.where.text, *into.place]  # "the village of Loi Sam" in the Mamund tehsil told before;
        # "the village of Shahab Khel" after "an ambush in northwest Pakistan"
    for actor, role in other.actors.items():
        into.actors.setdefault(actor, role)
    into.denied |= other.denied
    into.mentions.extend(t for t in other.mentions if t not in into.mentions)


def aside(place: Resolved) -> bool:
    """A place that says whence or where to, not where: the end of a journey or a border."""
    return place.origin or place.border


def narrower(inner: dict, outer: dict) -> bool:
    """Is the date a shorter span inside the other ("on October 30" within "earlier this week")?"""
    return outer["start"] <= inner["start"] and inner["end"] <= outer["end"] and (
        inner["end"] - inner["start"]) < (outer["end"] - outer["start"])


def retells(a: Event, b: Event) -> bool:
    """The same type, overlapping dates from the text, and the same place, or one of them unplaced and
    both told with a word of the same lemma ("an ambush" and "a blast" the same day are two) (two places
    that are not one within the other, a town and another district, are two incidents)."""
    if a.type != b.type or a.date_source != "sentence" or b.date_source != "sentence" or opens_another(b.sent):
        return False
    if a.date["end"] < b.date["start"] or b.date["end"] < a.date["start"]:
        return False
    place_a, place_b = placed_at(a), placed_at(b)
    if place_a is not None and place_b is not None:
        return same_place(place_a, place_b)
    town_a = a.place[0] if a.place and a.place[0] in a.towns else None
    town_b = b.place[0] if b.place and b.place[0] in b.towns else None
    if town_a is None or town_b is None:  # one unplaced: told twice only in the same words ("the bombing")
        return town_a == town_b or bool({t.lemma_.lower() for t in a.mentions} & {t.lemma_.lower() for t in b.mentions})
    return town_a == town_b


#: Verbs that set one incident after another ("the attack on X was followed by the attack on Y").
SEQUENCE_VERBS = frozenset({"follow", "precede"})


def one_followed_the_other(first: Token, second: Token) -> bool:
    """Are the two triggers the two sides of "follow" or "precede", each set at a name of its own ("the
    raid on X on Monday was followed two days later by a raid on Y"): two incidents?"""
    later, earlier = sorted((first, second), key=lambda t: t.i)[::-1]
    head = later.head.head if later.dep_ == "pobj" and later.head.dep_ == "agent" else later.head
    if head.lemma_.lower() not in SEQUENCE_VERBS or not (later.dep_ == "dobj" or later.head.dep_ == "agent"):
        return False  # the later trigger is no object or passive agent of "follow"
    # the earlier one stands before the verb (its subject, however a bracket in between makes the parse hang
    # it), and each is set at a name of its own: not "the raid was followed by explosions", one incident's steps
    return earlier.i < head.i and earlier.sent.start == head.sent.start \
        and set_at_a_name(earlier) and set_at_a_name(later)


def set_at_a_name(trigger: Token) -> bool:
    """Does the incident noun have a place or target of its own named ("the attack on Macomia", "the
    attack on the village of Mucojo", "a bombing in Quetta")?"""
    return any(t.pos_ == "PROPN" for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "at")
               for t in c.subtree)


def merge_same_incident(events: list[Event], text: str, other_incident: frozenset[str] = frozenset(),
                        clustering: ClusteringSettings = ClusteringSettings(),
                        recalled: frozenset[int] = frozenset()) -> list[Event]:
    """A later event that goes on about an incident already reported ("The bomber detonated a vest
    packed with ball bearings", "the attack was over by the morning") is folded into it: same type,
    no date, place or actors of its own that set it apart (:func:`continues`), and a sign that it
    speaks of the same occurrence (:func:`refers_to`). ``clustering``: killed figures that cannot be one
    incident's across documents (:func:`pipeline.incident_keys.tolls_fit`) are two in one document too.
    ``recalled``: the trigger indices of incidents recalled to set the story in time ("hours after
    militants shot two police officers"), never folded into one that is not. One told as following
    the other is never folded into it (:func:`one_followed_the_other`)."""
    kept: list[Event] = []
    for event in events:
        allowed = [k for k in reversed(kept) if (event.trigger.i not in recalled or k.trigger.i in recalled)
                   and not any(one_followed_the_other(a, b) for a in k.mentions for b in event.mentions)]
        # "the check-post" an incident told before struck, before the nearest that refers to it otherwise
        into = next((k for k in allowed if target_again(k, event) and continues(k, event, other_incident, clustering)),
                    None) or next((k for k in allowed if continues(k, event, other_incident, clustering)
                                   and refers_to(k, event, text)), None)
        if into is None:
            kept.append(event)
        else:
            absorb(into, event)
    return kept


#: Nouns of areas whose count makes a plural incident noun several ("attacks in three districts").
AREAS = frozenset({"province", "district", "city", "town", "village", "area", "region", "country", "place",
                   "location", "tehsil"})
#: Adjectives that count a plural incident noun as several ("separate attacks").
SEVERAL = frozenset({"separate", "several", "multiple", "different"})
#: Nouns of the blasts of one bombing: two or three of them, not said to be separate, are one incident
#: ("two explosions were heard near the hospital", "twin blasts"), where "two attacks" are two.
BLASTS = frozenset({"explosion", "blast", "detonation"})
#: Nouns that make the plural incident noun after "of" several ("a series of attacks").
SERIES = frozenset({"series", "spate", "wave", "string"})


def counted_several(trigger: Token, people: frozenset[str] = frozenset()) -> bool:
    """Is the trigger a plural incident noun counted as two or more: "two attacks", "three separate
    bombings", "multiple blasts", "a series of attacks", "attacks in the two provinces", or a verb told
    "in separate incidents" or in such attacks (not "twin blasts", one incident told as
    two explosions; not ``people``,
    "two gunmen"), with no example of its own ("several attacks, including the killing of ...": the
    example is an incident)?"""
    if trigger.dep_ == "compound" and trigger.head.tag_ == "NNS" and trigger.head.lemma_.lower() == "incident":
        return counted_several(trigger.head, people)  # "in separate firing incidents": as the incidents are
    if trigger.pos_ == "VERB":  # "gunned down an officer and two others in separate incidents"
        return any(counted_several(o, people) or (o.tag_ == "NNS" and o.lemma_.lower() == "incident" and any(
            c.dep_ == "amod" and c.lower_ in SEVERAL for c in o.children))
                   for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
                   for o in p.children if o.dep_ == "pobj")  # "killed seven terrorists during two operations"
    if trigger.tag_ not in ("NNS", "NNPS") or trigger.lemma_.lower() in people or trigger.lower_ in people \
            or any(t.lower_ == "including" for t in trigger.subtree):
        return False
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in SERIES:
        return True  # "a series of gun attacks on police stations"
    for child in trigger.children:
        if child.dep_ == "nummod" and (count := word_count(child)) is not None and count >= 2:
            return True
        if child.dep_ == "amod" and child.lower_ in SEVERAL:
            return True
    verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head  # "killed in attacks ... in the two provinces"
    around = [t for c in verb.children if c.dep_ == "prep" for t in c.subtree] if verb.pos_ == "VERB" else []
    return any(t.dep_ == "nummod" and t.head.lemma_.lower() in AREAS and (word_count(t) or 0) >= 2
               for t in [*trigger.subtree, *around])  # "attacks on their forces in the two provinces"


#: Paragraphs after a summary within which the document tells the incidents it sums up.
PART_PARAGRAPHS = 2
#: Days before the day of a summary (often the day officials spoke) that an incident it sums up may lie.
PART_DAYS = 7


def leave_out_summaries(events: list[Event], text: str, people: frozenset[str] = frozenset()
                        ) -> tuple[list[Event], list[Event]]:
    """A sentence that sums up several incidents ("Nine people were killed in two attacks in the north")
    is no incident of its own where the document goes on to tell as many of them as it counts
    (:func:`part_of`): the events kept, and the summaries left out. Alone, or with fewer of its parts
    told than it counts, a summary stays the document's one telling of the rest ("Two drone attacks on
    12 June also killed ..."). ``people``: nouns of the ones who attack ("two gunmen")."""
    summaries = [e for e in events if (told := [t for t in e.told_here() if t.lemma_.lower() not in people])
                 and all(counted_several(t, people) for t in told)  # "gunmen" with it names no other incident
                 and not blasts_of_one(told)]
    told = [e for e in events if not any(e is s for s in summaries)]
    out = [s for s in summaries if (parts := sum(part_of(e, s, text) for e in told)) and parts >= counted(s)]
    return [e for e in events if not any(e is o for o in out)], out


def blasts_of_one(told: list[Token]) -> bool:
    """Are the counted nouns two or three blasts (:data:`BLASTS`) not said to be separate or several
    places' ("two explosions were heard near the hospital")? One bombing's blasts."""
    return all(t.lemma_.lower() in BLASTS and not any(c.dep_ == "amod" and c.lower_ in SEVERAL for c in t.children)
               and all((word_count(c) or 0) <= 3 for c in t.children if c.dep_ == "nummod")
               and not any(c.dep_ == "pobj" and c.head.lower_ == "of" and c.head.head.lemma_.lower() in SERIES
                           for c in [t]) for t in told)


def counted(summary: Event) -> int:
    """How many incidents a summary counts ("in two attacks": 2); 1 where no number says."""
    numbers = [word_count(c) for t in summary.told_here() for c in t.children if c.dep_ == "nummod"]
    return max((n for n in numbers if n is not None), default=1)


def part_of(event: Event, summary: Event, text: str) -> bool:
    """Can ``event`` be one of the incidents ``summary`` sums up: the same type, told after it within
    ``PART_PARAGRAPHS`` paragraphs, and where the summary says a day, on a day of its own up to
    ``PART_DAYS`` before it, or on none where the summary's is only the day its source spoke?"""
    if event.type != summary.type or event.sent.start <= summary.sent.start:
        return False
    if text[summary.sent.end_char:event.sent.start_char].count("\n\n") > PART_PARAGRAPHS:
        return False
    if summary.date_source != "sentence":
        return True
    if event.date_source != "sentence":  # "killed seven terrorists during two operations, the ISPR said on Tuesday";
        return summary.said_date or (event.date_source == "published" and event.date is not None and  # or the
                                     0 <= (event.date["start"] - summary.date["start"]).days <= PART_DAYS)  # page's day
    return summary.date["start"] - dt.timedelta(days=PART_DAYS) <= event.date["start"] <= summary.date["end"]


#: Nouns of a state's action that, with nobody killed or hurt, may be the raid an arrest was made in.
RAID_NOUNS = frozenset({"operation", "raid", "crackdown", "search", "ibo"})  # "IBO": intelligence-based operation


def fold_arrest_raids(events: list[Event], text: str) -> list[Event]:
    """A raid or operation in which nobody is said to be killed or hurt, told next to an arrest in the
    same paragraph ("information-based operations were conducted in Manghopir ... and two suspects were
    arrested") is that arrest's raid, not an incident of its own: folded into the arrest."""
    arrests = [e for e in events if e.type == "ARREST"]
    kept = []
    for event in events:
        into = next((a for a in arrests if is_arrest_raid(event, a, text)), None) if arrests else None
        if into is None:
            kept.append(event)
        else:
            absorb(into, event)  # its day, where the arrest's sentence gives none
    return kept


def split_by_places(events: list[Event], places: list[Resolved]) -> list[Event]:
    """An incident whose noun counts two or three of them in as many places coordinated in its own words
    ("12 soldiers were killed in two attacks in the Zhob and Sui areas") is that many incidents, one
    at each place; the toll, told of them all, is none of theirs."""
    found = []
    for event in events:
        parts = places_counted(event, places)
        if not parts:
            found.append(event)
            continue
        for number, where in enumerate(parts, start=1):
            found.append(replace(event, where=where, place=where.chain(), placed_here=True, part=number,
                                 towns={where.chain()[0]} if where.rank < 1 else set(), killed=None,
                                 wounded=None, perpetrators_killed=None, actors=dict(event.actors),
                                 denied=set(event.denied), vague=set(), mentions=list(event.mentions)))
    return found


def places_counted(event: Event, places: list[Resolved]) -> list[Resolved]:
    """The towns or districts, one per incident, that the event's plural noun with a count of two or
    three sets it in ("two attacks ... in the Zhob and Sui areas"), or [] when they are not as many."""
    noun = next((t for t in event.told_here() if t.pos_ == "NOUN" and t.tag_ == "NNS"), None)
    count = next((word_count(c) for c in noun.children if c.dep_ == "nummod"), None) if noun is not None else None
    if count not in (2, 3):
        return []
    words = {t.i for c in noun.children if c.dep_ == "prep" for t in c.subtree}
    inside = [p for p in places if p.start in words and p.rank <= 1 and (p.place is not None or p.province)
              and not (p.origin or p.border or p.demonym or p.dateline or p.in_name)]
    doc = noun.doc
    joined = inside[:1]
    for place in inside[1:]:  # "Zhob and Sui", "Zhob, Sui and Loralai": nothing but "and" or a comma between
        if {t.lower_ for t in doc[joined[-1].end:place.start]} <= {"and", ",", "the"} and place.start > joined[-1].end:
            joined.append(place)
    distinct = {fold(p.chain()[0]) for p in joined}
    return joined if len(joined) == count and len(distinct) == count else []


def fold_operation_arrests(events: list[Event]) -> list[Event]:
    """An arrest told in a sentence that tells an operation that killed or hurt ("three terrorists were
    gunned down while another was arrested in an intelligence-based operation") is part of it, not
    a separate act (EVENTS.md): folded into it, its place where the operation's own sentence gave none."""
    operations = [e for e in events if e.type == "MILITARY_OPERATION" and (e.killed or e.wounded)]
    kept = []
    for event in events:
        into = next((o for o in operations if told_with(o, event)), None) if event.type == "ARREST" else None
        if into is None or event.target_named:
            kept.append(event)
            continue
        if placed_in_text(event) and not placed_in_text(into):
            into.place, into.where, into.towns, into.placed_here = event.place, event.where, event.towns, True
        absorb(into, event)
    return kept


def fold_responses(events: list[Event], other_incident: frozenset[str] = frozenset(),
                   clustering: ClusteringSettings = ClusteringSettings()) -> list[Event]:
    """An operation that kills only the doers of an attack told before ("troops had shot dead two of
    the attackers", "the sweep closed with the deaths of four assailants") is the attack's end,
    not an incident of its own (EVENTS.md: the toll counts the attackers who died): its figure becomes the
    attack's attackers killed, when the attack's place, date and actors allow it to go on about it."""
    kept: list[Event] = []
    for event in events:
        attack = next((e for e in reversed(kept) if e.type == "ATTACK" and e.sent.start <= event.sent.start), None) \
            if event.response else None
        if attack is None or not continues(attack, replace(event, type="ATTACK", actors={}), other_incident, clustering):
            kept.append(event)
            continue
        attack.perpetrators_killed = max(attack.perpetrators_killed or 0, event.response)
        attack.mentions.extend(t for t in event.mentions if t not in attack.mentions)
    return kept


def placed_in_text(event: Event) -> bool:
    """Is the event placed by a name in its own sentence, not by the dateline that opens it?"""
    return event.placed_here and event.where is not None and not event.where.dateline


def is_arrest_raid(raid: Event, arrest: Event, text: str) -> bool:
    """Is ``raid`` an unnamed operation or raid with nobody killed or hurt, near the arrest in its
    paragraph, on a day and in a province that agree with it; or a raid read as an attack, in the
    arrest's own sentence, with no group its doer and nobody hurt?"""
    if raid.type == "ATTACK" and raid.trigger.lemma_.lower() == "raid" and told_with(arrest, raid) \
            and not raid.actors and not (raid.killed or raid.wounded):
        return True  # "the team raided a house and arrested the suspect": no doer the rules know as a state's
    if raid.type != "MILITARY_OPERATION" or raid.killed or raid.wounded or raid.trigger.lemma_.lower() not in RAID_NOUNS \
            or raid.trigger.ent_type_ == "OPERATION":
        return False
    if not near(text, *sorted((raid.sent, arrest.sent), key=lambda s: s.start)):
        return False
    if raid.date_source == arrest.date_source == "sentence" and (
            raid.date["end"] < arrest.date["start"] or arrest.date["end"] < raid.date["start"]):
        return False
    mine, theirs = own_place(raid), own_place(arrest)  # places of one paragraph: one province is enough
    return mine is None or theirs is None or same_place(mine, theirs) or (
        mine.province is not None and mine.province == theirs.province)


def continues(first: Event, later: Event, other_incident: frozenset[str] = frozenset(),
              clustering: ClusteringSettings = ClusteringSettings()) -> bool:
    """Can ``later`` be the same occurrence as ``first``? Same type; not said to be another one than
    ``first`` ("a similar attack", "another blast": ``other_incident``); dates that overlap (a later sentence with a
    date of its own, when the first has one too, must agree with it); places of their own that are
    one within the other; actors that are not two different sets."""
    if first.type != later.type and not one_strike(first, later):
        return False
    if marked_other(later.trigger, other_incident) and not marked_other(first.trigger, other_incident):
        return False  # another incident than the story's, though it may be told twice
    if dated_avenged(later, other_incident) != dated_avenged(first, other_incident):
        return False  # "revenge for the August 2022 killing of a TTP leader": the incident answered, dated apart
    if measured(first) != measured(later):
        return False  # "the deadliest strike since the 2019 Pulwama attack": the one it is measured from
    if told_of_that_place(first.trigger) != told_of_that_place(later.trigger):
        return False  # "hit a camp at X, the same camp where gunmen had shot 50 troops in May"
    if opens_another(later.sent) and later.sent.start != first.sent.start:
        return False  # "In a separate incident, a police officer was killed ..."
    if first.date_source in DATED and later.date_source in DATED and not said_earlier(first, later):
        if (first.date["end"] < later.date["start"] or later.date["end"] < first.date["start"]) and not (
                (points_back(later) or told_with(first, later)) and 0 < (later.date["start"] - first.date["end"]).days <= 1):
            return False  # not "the attack was over by the morning of 21 January" after a night attack on the 20th
    if not days_agree(first, later):
        return False  # "JUI-F held a convention on 30 July 2023. ... a suicide bomber detonated": not the 2010 one
    if first.date_source != "sentence" and later.date_source != "sentence" and weekdays_apart(first, later):
        return False  # "... at the shrine on Thursday", then "On Sunday, a blast at a market": undated, two days
    if years_before(first, later) or years_before(later, first):
        return False  # the news of the day and "the 2011 attacks on the city"
    if (news_and_told_back(first, later) or news_and_told_back(later, first)) and not back_to(first, later):
        return False  # "explosions were heard ... on Tuesday" in a page saved without its date, and "in 2017"
    if later.date_source == "sentence" and not tolls_fit(first.killed, later.killed, clustering) \
            and not RE_TOLL_UPDATE.search(later.sent.text):
        return False  # "the airport bombing that killed 183" and "a school bombed on 19 April, killing six"
    mine, theirs = own_place(first) or first.where, own_place(later)
    if mine is not None and (aside(mine) or mine.dateline):
        mine = None  # "a similar attack targeting people from Punjab": whence they came, no place of it; nor
        # the dateline's town, where the report was filed ("ISLAMABAD (AP) — ... an operation in the northwest")
    if mine is not None and theirs is not None and not same_place(mine, theirs) and not placed_nowhere(theirs, mine) \
            and not village_within(theirs, mine, later.trigger.doc) and not borrowed_in_country(first, theirs) \
            and not owned_by(theirs, mine, later.trigger.doc) \
            and not (guessed_within(theirs, mine) and told_next(first, later)):
        return False  # but "the village of Loi Sam", a name the gazetteer lacks, may lie in the Mamund tehsil
    if operation_names(later) and not operation_names(first) & operation_names(later) and not told_with(first, later):
        return False  # "culminated in Operation Zarb-e-Azb" after unnamed air strikes: a campaign of its own;
        # not "the ongoing campaign under Azm-i-Istehkam", whose sentence names the operation told before
    first_actors = set(first.actors) - first.denied
    later_actors = set(later.actors) - later.denied
    return not (first_actors and later_actors and not first_actors & later_actors)


#: Types one strike on a named person may be told as: a targeted killing, an operation, "an attack".
STRIKE_TYPES = frozenset({"TARGETED_KILLING", "MILITARY_OPERATION", "ATTACK"})


def one_strike(first: Event, later: Event) -> bool:
    """Are two events of different types one strike on a named person: one of them a targeted killing whose
    target's surname the other's sentence names ("targeted Mansour", "Mansour's car attacked"), or a
    definite noun of the other ("the Saturday air strike") after it?"""
    if {first.type, later.type} - STRIKE_TYPES or "TARGETED_KILLING" not in (first.type, later.type):
        return False
    killing, other = (first, later) if first.type == "TARGETED_KILLING" else (later, first)
    surname = (killing.target or "").split()[-1:] if killing.target_named else []
    named = bool(surname) and any(t.text == surname[0] and t.dep_ in ("poss", "dobj", "pobj", "nsubjpass")
                                  for t in other.sent)  # struck, not striking ("X had helped plan the attacks")
    return named or (other is later and points_back(later) and later.type == "MILITARY_OPERATION")


def placed_nowhere(place: Resolved, within: Resolved) -> bool:
    """Is the place a name the gazetteer lacks that the text puts in no district or province ("police in
    Shor Kalan district said", in a story of several provinces), in no other country than ``within``? It
    may lie inside ``within``."""
    return place.kind == "unknown" and place.province is None and place.district is None \
        and place.country in (None, within.country)


def owned_by(place: Resolved, owner: Resolved, doc: Doc) -> bool:
    """Is ``place`` written as a part of ``owner`` ("the blast in Awantipora's Lethpora area" after "near
    Awantipora"): the owner's name with "'s" right before it?"""
    if place.start < 2 or doc[place.start - 1].text not in ("'s", "\u2019s"):
        return False
    words = (owner.name or owner.text).split()
    before = [t.text for t in doc[max(0, place.start - 1 - len(words)):place.start - 1]]
    return [fold(w) for w in before] == [fold(w) for w in words]


def guessed_within(place: Resolved, where: Resolved) -> bool:
    """Is ``place`` a name the gazetteer lacks that only the story's province places ("near Regi Model
    Town police station"), the province of ``where``: it may lie inside it."""
    return place.inferred and place.kind == "unknown" and place.province is not None and place.province == where.province


def told_next(first: Event, later: Event) -> bool:
    """Does ``later``'s sentence come right after one of ``first``'s (a paragraph break between at most:
    news gives a sentence a paragraph)?"""
    doc = later.sent.doc
    return any(0 <= later.sent.start - token.sent.end <= 1 and not doc[token.sent.end:later.sent.start].text.strip()
               for token in first.mentions)


def borrowed_in_country(first: Event, theirs: Resolved) -> bool:
    """Is ``first`` placed only by the town the story is filed from (its dateline), and ``theirs``, the
    later sentence's own place, in that town's country? The lead "a gunman stormed a mosque in western
    Afghanistan", under "KABUL", is the attack "in Herat province's Guzara district" told next."""
    where = first.where
    return where is not None and where.dateline and not first.placed_here and where.country == theirs.country


def operation_names(event: Event) -> set[str]:
    """The named operations among the event's mentions ("Operation Zarb-e-Azb"), by catalog id."""
    return {t.ent_id_ or t.lower_ for t in event.mentions if t.ent_type_ == "OPERATION"}


#: Sources of an event's date that are its own: its sentence's words, or a span of time it is recalled by
#: from the story's day ("hours after a night raid").
DATED = frozenset({"sentence", "recalled"})
#: A killed figure at least this large, told again, names the incident told with it before.
SAME_TOLL_FLOOR = 3


def refers_to(first: Event, later: Event, text: str) -> bool:
    """Does ``later`` point back at ``first``? Its trigger is a definite noun ("the attack", "the
    bomber", "this blast"), or it says no date and no place of its own more precise than the province
    or country ``first`` lies in, or it follows within the same paragraph a few sentences on, or both
    give the same town (or the town and its district), the same day or the same killed figure, or it
    strikes "the" thing ``first`` struck (:func:`target_again`)."""
    if operation_names(first) & operation_names(later):
        return True  # "... in retaliation for Operation Zarb-e-Azb" and "The offensive, codenamed Operation Zarb-e-Azb"
    if points_back(later) or told_with(first, later):
        return True  # "The Saturday attack was carried out by gunmen who shot ...", read from "shot"; "the
        # attack was over by the morning, with 18 killed", where "the attack" already joined ``first``
    theirs = own_place(later)
    if later.date_source != "sentence" and (theirs is None or (first.where is not None and theirs.rank >= 2
                                                               and narrows(theirs, first.where))):
        return True  # nothing of its own, or only the province or country: the narration goes on
    if later.date_source != "sentence" and first.date_source != "sentence" and theirs is not None \
            and first.where is not None and first.where.rank >= 2 and narrows(first.where, theirs):
        return True  # "dozens died in Pakistan", then "... a clinic in Quetta": the place told closer
    if near(text, first.sent, later.sent):
        return True
    same_day = (first.date_source == later.date_source == "sentence" and first.date["start"] == first.date["end"]
                == later.date["start"] == later.date["end"])
    same_town = (first.where is not None and later.where is not None and first.where.rank <= 1
                 and later.where.rank <= 1 and same_place(first.where, later.where))  # a town and its district too
    same_toll = first.killed is not None and first.killed == later.killed and first.killed >= SAME_TOLL_FLOOR
    # "armed men killed 14 of our citizens", then "... shot dead 14 people"
    return same_day or same_town or same_toll or target_again(first, later)


def target_again(first: Event, later: Event) -> bool:
    """Does ``later`` strike "the" thing ``first`` struck ("an attack on a check-post ... militants attacked
    the check-post in X")?"""
    mine, theirs = (first.target or "").lower().split(), (later.target or "").lower().split()
    return len(mine) >= 2 and len(theirs) >= 2 and theirs[0] == "the" and mine[0] in ("a", "an") \
        and theirs[-1] == mine[-1]


def told_with(first: Event, later: Event) -> bool:
    """Does ``later``'s sentence hold a mention already assembled into ``first``?"""
    return any(later.sent.start <= t.i < later.sent.end for t in first.mentions)


def names_again(token: Token) -> bool:
    """Is the token a noun with "the", "this" or "that": an incident told before, named again ("the
    operation", "this bombing")?"""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def points_back(event: Event) -> bool:
    """Does the event's own sentence name it with a definite noun ("the attack", "this blast"), though
    it may be read from another of its words, or its doers or target so ("the attackers shot and killed
    ...", "the convoy came under attack")?"""
    told = event.told_here()
    verbs = [t for t in told if t.pos_ == "VERB"]  # "the convoy came under attack": the verb it came under
    verbs += [t.head.head for t in told if t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "under"]
    return any(c.lower_ in ANAPHORIC and c.dep_ in ("det", "poss") for t in told for c in t.children) \
        or any(s.dep_ == "nsubj" and s.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in ("the", "these")
                                                              for d in s.children)
               for t in verbs for s in t.children)


#: Days before a source spoke that an incident it tells of may have happened ("the military said on
#: Wednesday" of an attack on Tuesday night).
SAID_AFTER_DAYS = 2


def said_earlier(first: Event, later: Event) -> bool:
    """Is one event dated by the day a source spoke and the other, a day of its own, up to
    ``SAID_AFTER_DAYS`` before it?"""
    for said, own in ((first, later), (later, first)):
        if said.said_date and not own.said_date and \
                0 <= (said.date["start"] - own.date["end"]).days <= SAID_AFTER_DAYS:
            return True
    return False


#: Days a paragraph's day may lie from an incident's own and still be its telling (a source speaks a
#: day or two after).
CONTEXT_DAYS = 3


#: Days of the shortest month: the span of a date that names a month.
MONTH_DAYS = 28
#: Days a year or more long: the span of a date that names a year only.
YEAR_DAYS = 365


def years_before(news: Event, other: Event) -> bool:
    """Is ``news`` dated only by the day its report was published, and ``other`` by a month or longer of
    its own that ended over a year before that day ("the 2011 attacks", "the January 2018 bombing", in a
    report of 2021)?"""
    if news.date_source != "published" or other.date_source != "sentence" or not news.date or not other.date:
        return False
    start, end = other.date.get("start"), other.date.get("end")
    tolled = news.killed is not None or other.killed is not None  # a month only between incidents that kill:
    shortest = MONTH_DAYS if tolled else YEAR_DAYS  # "stopped in January 2018" goes on about a programme of aid
    return start is not None and end is not None and (end - start).days >= shortest - 1 \
        and (news.date["start"] - end).days > YEAR_DAYS


#: Words of a day of the news: an incident told with one is the report's own, recent one.
NEWS_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                       "yesterday", "tonight"})


def undated_news(event: Event) -> bool:
    """Is the event undated but told as the news: with a day of the news in its own sentence ("on
    Tuesday", where the page gives no date to count from), or in the present ("Two bombers detonate
    their vests in a market", "bombings have left 13 dead")?"""
    if event.date is not None:
        return False
    verb = clause_of(event.trigger)
    verbs = [verb, *list(verb.ancestors)[:2]]  # "nine have died and 20 hurt after ...", however the parse hangs it
    present = verb.pos_ == "VERB" and any(v.tag_ in ("VBP", "VBZ") or (v.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have") for c in v.children)) for v in verbs)
    return present or any(t.ent_type_ == "DATE" and t.lower_ in NEWS_DAYS for t in event.sent)


#: A date that tells back from the news, which a page without its date leaves unresolved ("last year",
#: "two years ago"); a year written out dates the incident itself (:func:`dated_by_year`).
RE_TOLD_BACK = re.compile(r"\b(?:last|previous|past) (?:year|month)\b|\b(?:years|months) ago\b", re.I)


def news_and_told_back(news: Event, other: Event) -> bool:
    """Is ``news`` undated news (:func:`undated_news`) and ``other`` dated back from it (:func:`dated_by_year`,
    :func:`told_back`), or ``news`` an attack with no date at all and ``other`` dated by a year or a month
    ("in 2007"; an operation may be named undated, then dated)?"""
    return undated_news(news) and (dated_by_year(other) or told_back(other)) \
        or news.type == "ATTACK" and news.date is None and dated_by_year(other)


def back_to(first: Event, later: Event) -> bool:
    """Does ``later``'s sentence go on about ``first``: a word of it already read as ``first``'s ("the
    gunman, still at large, killed a guard at the door at dawn in 2017")? ("the attack
    in 2015" may be an earlier one: a definite noun alone is not enough.)"""
    return told_with(first, later)


def told_back(event: Event) -> bool:
    """Does the event's own sentence date it back from the news with words a page without its date
    leaves unresolved ("Last year, the group killed 14 ...")?"""
    return any(RE_TOLD_BACK.search(ent.text) for ent in event.sent.ents if ent.label_ == "DATE")


def dated_by_year(event: Event) -> bool:
    """Is the event dated by its own words to a month, a year or longer ("in 2017", "the January 2018
    bombing"): a time told back to, not the day of the news?"""
    return event.date_source == "sentence" and bool(event.date) and a_month_or_longer(event.date)


def a_month_or_longer(date: dict) -> bool:
    """Does a date (an event's, or a dates row: ``start`` and ``end``) span a month or longer?"""
    return date.get("start") is not None and date.get("end") is not None \
        and (date["end"] - date["start"]).days >= MONTH_DAYS - 1


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: Verbs of saying: a weekday on one is the day a source spoke, not the incident's.
SPEAKING = frozenset({"say", "tell", "announce", "confirm", "report", "claim", "add", "state", "issue"})


def own_weekdays(event: Event) -> set[str]:
    """The weekdays the event's own sentence gives its incident: on a trigger of it there, or on the verb
    that governs one ("On Sunday, a suicide attacker targeted ...", "faced a blast on Sunday"); not the day
    someone spoke ("police said on Friday") nor a toll's day ("the toll rose to 20 on Wednesday")."""
    governing = set()
    for trigger in event.told_here() or [event.trigger]:
        governing.add(trigger.i)
        for above in trigger.ancestors:
            governing.add(above.i)
            if above.pos_ in ("VERB", "AUX"):
                break
    found = set()
    for token in event.sent:
        if token.lower_ not in WEEKDAYS:
            continue
        head = token.head.head if token.head.lower_ in ("on", "since", "by") else token.head
        if head.i in governing and head.lemma_.lower() not in SPEAKING:
            found.add(token.lower_)
    return found


def weekdays_apart(first: Event, later: Event) -> bool:
    """Do the two events' own sentences name different weekdays, and no common one (a page saved without
    its date leaves them unresolved: "on Thursday" and "On Sunday" are two days all the same)?"""
    mine, theirs = own_weekdays(first), own_weekdays(later)
    return bool(mine) and bool(theirs) and not mine & theirs


def sentence_days(sent: Span, dates: list[dict]) -> list[dict]:
    """The date rows with a value in a sentence."""
    return [d for d in dates if d["start"] and sent.start_char <= d["start_char"] < sent.end_char]


def days_agree(first: Event, later: Event) -> bool:
    """Where one of the two has a date of its own and the other only the day its paragraph stands at
    (``context_day``), do they lie within ``CONTEXT_DAYS`` of each other?"""
    for dated, other in ((first, later), (later, first)):
        if dated.date_source == "sentence" and other.date_source != "sentence" and other.context_day is not None:
            if not (dated.date["start"] - dt.timedelta(days=CONTEXT_DAYS) <= other.context_day
                    <= dated.date["end"] + dt.timedelta(days=CONTEXT_DAYS)):
                return False
    return True


def near(text: str, first: Span, later: Span) -> bool:
    """Is ``later`` in ``first``'s paragraph, fewer than ``NEAR_SENTENCES`` sentences on?"""
    between = text[first.end_char:later.start_char]
    return "\n\n" not in between and between.count(". ") < NEAR_SENTENCES


def placed_at(event: Event) -> Resolved | None:
    """The event's place, unless it is only a people's adjective ("American service members"), which
    says whose, not where."""
    return None if event.where is not None and event.where.demonym else event.where


def own_place(event: Event) -> Resolved | None:
    """Where the event's own sentence says it was: not a place taken from the sentences around it,
    nor one named only as a people's adjective ("Chinese engineers"), a border, an end of a journey
    ("a bus travelling to Kohistan"), or the dateline ("PESHAWAR, Pakistan —")."""
    where = event.where
    if where is None or not event.placed_here or where.demonym or where.origin or where.border or where.dateline:
        return None
    if said_of_the_done(event.trigger):
        return None  # "the arrested men are accused of killing a cleric in X": X is the killing's
    return where


def said_of_the_done(trigger: Token) -> bool:
    """Is the trigger a participle naming people by what was done to them before ("the arrested men",
    "the abducted officials"): a reference to an incident told, not a telling with a place of its own?"""
    return done_to(trigger) and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                    for c in trigger.head.children)


def describes_people(trigger: Token, people: Collection[str]) -> bool:
    """Is the trigger a participle that describes people by what was done to them ("their kidnapped
    sons", "the abducted students", "the slain journalist's family"), whatever their determiner: the
    incident is told, if at all, elsewhere, and the sentence's date and place are not its own?"""
    head = trigger.head
    return done_to(trigger) and head.i > trigger.i and (
        head.lemma_.lower() in people or head.ent_type_ in ("PERSON", "NORP"))


def done_to(trigger: Token) -> bool:
    """Is the trigger a past participle before a noun ("the arrested men", "their kidnapped sons")?"""
    return trigger.dep_ == "amod" and trigger.tag_ == "VBN"


#: The opening of a sentence that turns to another incident: "In a separate incident,", "In another
#: attack,", "Separately,", "Elsewhere,", "Meanwhile, in another development,".
RE_OPENS_ANOTHER = re.compile(r"^\W*(?:meanwhile,?\s+|moreover,?\s+|also,?\s+)?(?:in\s+(?:a|another)\s+(?:separate\s+|"
                              r"different\s+|similar\s+|related\s+)?(?:incident|attack|development|case|operation)\b|"
                              r"separately\b|elsewhere\b|(?:one\s+more|another)\s+incident\b)",
                              re.I)  # "Also, one more incident took place in X"; not "Another blast
# hit a hotel nearby", the second of a pair


def opens_another(sent: Span) -> bool:
    """Does the sentence open by turning to another incident ("In a separate incident, ...")?"""
    return bool(RE_OPENS_ANOTHER.match(sent.text))


def avenged(trigger: Token, motive: frozenset[str]) -> bool:
    """Is the trigger the incident a motive word answers ("revenge for the killing of X", "to avenge the
    bombing")? ``motive``: words that include those (``motive`` of events.yml; :func:`continues` gets them
    with ``other_incident``)."""
    token = trigger
    for _ in range(9):  # up through the phrase: "revenge for the killing of X by a roadside mine explosion"
        head = token.head
        if head.i == token.i or (head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in motive
                                 and head.dep_ not in ("relcl", "acl")):  # through "whose name was X, by ..."
            return False
        if head.lemma_.lower() in motive and (token.dep_ == "dobj" or (
                token.dep_ == "prep" and token.lower_ in ("for", "of", "against"))):
            return True
        token = head
    return False


def dated_avenged(event: Event, motive: frozenset[str]) -> bool:
    """Is the event one a motive word answers, with a date its sentence gives ("revenge for the August
    2022 killing")? Undated, it may be the incident a later section names ("the offensive, codenamed X")."""
    return avenged(event.trigger, motive) and event.date_source == "sentence"


def marked_other(trigger: Token, other_incident: frozenset[str]) -> bool:
    """"a similar attack", "another blast", "a separate bombing": the text says it is another incident."""
    return any(c.dep_ in ("amod", "det", "advmod") and c.lower_ in other_incident for c in trigger.children)


def nowhere(place: Resolved) -> bool:
    """A name the gazetteer lacks that nothing in the text places: no town or district, and a province
    and country at most guessed from the document's other places (``inferred``)."""
    return place.place is None and place.city is None and place.district is None and (
        place.inferred or (place.province is None and place.country is None))


#: Words that call a name a settlement ("the village of Loi Sam", "Gambila village", "the Saddar area").
SETTLEMENT_WORDS = frozenset({"village", "town", "area", "locality", "hamlet", "neighbourhood", "neighborhood"})


def settlement(place: Resolved, doc: Doc) -> bool:
    """Is the name called a village, town or area by the words around it ("the village of X", "X area",
    "X, an area ..."), and not the end of a route?"""
    before = [t.lower_ for t in doc[max(0, place.start - 2):place.start]]
    after = doc[place.end].lower_ if place.end < len(doc) else ""
    beside = [t.lower_ for t in doc[place.end:place.end + 3]]  # "Shah Mardan, an area 60 km from Kalat"
    if place.origin or place.border:
        return False  # "travelling from Bittani toward the Bakhmal Ahmadzai area": a route, not where
    return (len(before) == 2 and before[0] in SETTLEMENT_WORDS and before[1] == "of") or after in SETTLEMENT_WORDS \
        or (len(beside) == 3 and beside[0] == "," and beside[1] in ("a", "an") and beside[2] in SETTLEMENT_WORDS)


def unplaced_village(place: Resolved, doc: Doc) -> bool:
    """A village or area the text names (:func:`settlement`) that the gazetteer lacks and nothing places
    (:func:`nowhere`): it may lie inside the place of the incident told around it."""
    return nowhere(place) and settlement(place, doc)


def village_within(village: Resolved, where: Resolved, doc: Doc) -> bool:
    """May the village or area lie inside ``where``: one the gazetteer lacks (:func:`unplaced_village`),
    or one it knows only by its province, the province of the district ``where`` is ("came under attack
    in the Bagan area", after an attack in Kurram district: GeoNames gives that Bagan no district)?"""
    if unplaced_village(village, doc):
        return True
    return settlement(village, doc) and village.kind in ("town", "unknown") and village.district is None \
        and where.kind == "district" and where.province is not None and village.province == where.province


def same_place(a: Resolved, b: Resolved) -> bool:
    """The same place, or one inside the other ("Khar" and "Bajaur"; "Kabul" and "Afghanistan"), or a
    district and the town of its name in one province, however the text spells them ("Musakhel
    district" and "the Musakhel attack", both GeoNames' Musa Khel Bazar; "Gul Bahar" and "Gulbahar")."""
    if a.place is not None and b.place is not None and a.province == b.province \
            and fold(a.place.name) == fold(b.place.name):
        return True
    return joined(a.chain()[0]) == joined(b.chain()[0]) or inside(a, b) or inside(b, a)


def joined(name: str) -> str:
    """A place's name folded and run together: "Gul Bahar" and "Gulbahar" are one spelling."""
    return fold(name).replace(" ", "")


def stands_for_district(place: Resolved) -> bool:
    """A district, or a town that gives its district its name (news say "in DI Khan" of the district
    as often as of the town)."""
    if place.district is None or place.demonym or place.in_name:
        return False
    return place.kind == "district" or (place.kind == "town" and fold(place.city or place.name or "") == fold(place.district))


def in_district(narrow: Resolved, broad: Resolved) -> bool:
    """Is ``narrow`` a town in the district ``broad`` stands for, though the names differ: "Khar" in
    "Bajur district" (GeoNames' Bajaur Agency), "Darazinda" in "DI Khan" (the town of Dera Ismail
    Khan, seat of the district of that name)?"""
    return stands_for_district(broad) and narrow.kind in ("town", "unknown") and narrow.district is not None \
        and fold(narrow.district) == fold(broad.district) \
        and fold(narrow.city or narrow.name) != fold(broad.city or broad.name or "")


def inside(narrow: Resolved, broad: Resolved) -> bool:
    """Does ``narrow`` lie in ``broad``: in its province or country, or with it up its chain (a
    town in its district), or in the district ``broad`` stands for (:func:`in_district`)?"""
    heads = {fold(broad.chain()[0])} | ({fold(broad.place.name)} if broad.place is not None else set())  # the
    # text's spelling and the gazetteer's ("Musakhel district", GeoNames' Musa Khel Bazar)
    return narrows(broad, narrow) or bool(heads & {fold(name) for name in narrow.chain()[1:]}) \
        or in_district(narrow, broad)


def refines(found: Resolved, chosen: Resolved) -> bool:
    """Is ``found`` a more specific place inside ``chosen`` ("Khar" for "Bajur district", "Darazinda"
    for "DI Khan")?"""
    more_specific = found.rank < chosen.rank or (found.rank == chosen.rank and stands_for_district(chosen))
    return more_specific and inside(found, chosen)


def narrows(broad: Resolved, narrow: Resolved) -> bool:
    """Does ``narrow`` lie inside ``broad`` (a province or country), by the names of its hierarchy?"""
    if broad.country is None or narrow.country != broad.country or broad.rank < 2:
        return False
    return broad.kind == "country" or (broad.province is not None and narrow.province == broad.province)


def mention_rows(doc_id: str, sent_of: list[Span | None], events: list[Event], rows: list[dict],
                 dismissed: list[tuple[str, Token, str]]) -> list[dict]:
    """The ``event_mentions`` rows of one document, in text order: every trigger assembled into an
    incident (``asserted``, with that incident's ``event_id``) and every one that is no incident
    (its factuality says why; no ``event_id``)."""
    found = [(token, event.type, "asserted", row["event_id"])
             for event, row in zip(events, rows) for token in event.mentions]
    found += [(token, kind, factuality, None) for kind, token, factuality in dismissed]
    out = []
    for token, kind, factuality, event_id in sorted(found, key=lambda f: (f[0].i, f[1])):
        sent = sent_of[token.i]
        out.append({"doc_id": doc_id, "start_char": sent.start_char, "end_char": sent.end_char,
                    "trigger": token.text, "event_type": kind, "factuality": factuality, "event_id": event_id})
    return out


def since_clause(trigger: Token) -> bool:
    """Is the trigger's incident the one "since" measures from: in a clause "since" opens, or its
    object ("the deadliest since twin car bombs detonated", "the worst since the 2022 bombing")?"""
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "since":
        return True
    clause = clause_of(trigger)
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def measured(event: Event) -> bool:
    """Is the event the one a superlative is measured from, by any of its words in its own sentence
    (:func:`measured_from`): "the worst bombing since a 2014 blast killed 300", where the parse
    may leave "killed" without "bombing" as its subject?"""
    return any(measured_from(t) for t in event.told_here())


def measured_from(trigger: Token) -> bool:
    """Is the trigger's incident the one a superlative is measured from ("the deadliest strike since the
    2019 Pulwama attack", "the worst attack since militants stormed a school"), not the start of a
    stretch ("killed since the military launched the operation")?"""
    if not since_clause(trigger):
        return False
    since = trigger.head if trigger.dep_ == "pobj" else next(c for c in clause_of(trigger).children if c.lower_ == "since")
    # "since" a preposition: what it hangs on; a clause's mark: what that clause hangs on
    anchor = since.head if since.dep_ == "prep" else since.head.head if since.dep_ == "mark" else clause_of(trigger).head
    # "It was the worst bombing since ...": the parse may hang the clause on "was", not on "bombing"
    anchors = [anchor, *(c for c in anchor.children if c.dep_ in ("attr", "acomp") and anchor.lemma_ == "be")]
    return any(a.tag_ == "JJS" or any(c.tag_ == "JJS" or c.lower_ in ("first", "worst") for c in a.children)
               for a in anchors)


def told_of_that_place(token: Token) -> int | None:
    """The clause, if any, that tells what else happened at the place of the incident ("hit a camp in
    the town of X, the same camp where gunmen had shot 50 troops in May"): a relative clause on
    "where" or "when" whose place or time is called "the same". Another incident; None outside one."""
    for t in (token, *token.ancestors):
        if t.dep_ == "relcl" and any(c.lower_ in ("where", "when") for c in t.children) \
                and any(c.lower_ == "same" for c in t.head.children):
            return t.i
    return None


def incident_clause(trigger: Token) -> Token:
    """The clause an incident's trigger tells it in (:func:`clause_of`); a participle describing its
    victims tells it in the clause those victims stand in ("is among nine people killed by a bomber")."""
    return clause_of(trigger.head if trigger.dep_ == "acl" and trigger.tag_ == "VBN" else trigger)


def clause_of(trigger: Token) -> Token:
    """The verb whose clause a trigger stands in: itself, or the verb its noun phrase hangs from as
    subject, object or prepositional object ("gunmen shot dead a constable": "shot", or "dead" where the
    parser takes it for the predicate; "a series of explosions killed 85": "killed")."""
    token = trigger
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ == "ROOT"):
            return token
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "prep") or token.head.i == token.i:
            return trigger
        token = token.head
    return trigger

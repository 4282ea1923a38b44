"""Events of one parsed Doc: who did what to whom, where, when, and how many were killed.

Triggers are lemmas and token patterns from ``configs/events.yml``, found with spaCy's Matcher; a
kill verb whose subject or agent is a group or militants is an attack, and one whose agent is state
forces and whose victim is a named person a targeted killing (:mod:`pipeline.triggers`). One event is
made per trigger type and sentence (two when coordinated triggers carry their own dates: "the 2003
arrest of A and the capture of B in 2002"); a trigger that refers back ("claimed responsibility for
the attack") adds to the event already found. Arguments come from the event's sentence: actors from
:mod:`pipeline.roles` (:mod:`pipeline.event_actors`), the date from the ``dates`` rows
(:mod:`pipeline.event_time`), the place from the places that :mod:`pipeline.places` resolved on the
gazetteer (:mod:`pipeline.event_places`), casualties from the ``figures`` rows attached to kill and
wound words (:mod:`pipeline.casualties`, :mod:`pipeline.tolls`). What these read of the document is
gathered once in a :class:`~pipeline.event_context.DocContext` and handed to them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import eras
from pipeline.agents import AgentReader
from pipeline.assembly import (SAID_AFTER_DAYS, describes_people, fold_arrest_raids, fold_operation_arrests, fold_responses,
                               incident_clause, leave_out_summaries, mention_rows, merge_headline, merge_retold, merge_same_incident,
                               names_again, same_place, sentence_days, split_by_places, told_of_that_place)
from pipeline.casualties import Casualties, lone_story_figures
from pipeline.catalog import Catalog
from pipeline.config import Config
from pipeline.event_actors import ActorReader
from pipeline.event_context import DocContext
from pipeline.event_places import HAPPENING, EventPlacer, imagined_words, own_words
from pipeline.event_targets import identified_later, names_told_later
from pipeline.event_time import (STATEMENTS, TELLING, Recall, before_anniversary, clause_dates, clause_of, dates_in, dying_in,
                                 followed, in_dateline, paragraph_day, recalled_span, said_when)
from pipeline.figures import lexicon
from pipeline.gazetteer import fold
from pipeline.place_choice import Resolved
from pipeline.roles import CLAIM, PERPETRATOR, SUSPECT, RoleReader
from pipeline.small_numbers import word_count
from pipeline.specificity import Specificity, leave_out_empty
from pipeline.tolls import TollCounter
from pipeline.triggers import TriggerFinder

ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "its", "their"})
#: Factuality of a mention whose phrase places no incident of its sentence: an attack intended,
#: feared, denied or supposed ("held before he could bomb a market in the city").
UNREAL_PLACES = frozenset({"negated", "hypothetical", "intended"})
#: How far before the day of its update an incident's first telling may date it.
WEEK = dt.timedelta(days=7)


@dataclass
class Event:
    """An event being built from one sentence (and the sentences that add to it)."""

    type: str
    trigger: Token
    sent: Span
    rule: str
    actors: dict[str, str] = field(default_factory=dict)
    denied: set[str] = field(default_factory=set)
    date: dict | None = None
    date_source: str | None = None
    #: Whether ``date`` is the day a source spoke ("..., the military said on Wednesday"): a day the
    #: text gives for the incident itself, told a little earlier, replaces it.
    said_date: bool = False
    #: With no date of its own, the day its paragraph's narration stands at
    #: (:func:`pipeline.event_time.paragraph_day`): which incident it may go on about, not its date.
    context_day: dt.date | None = None
    place: list[str] = field(default_factory=list)
    where: Resolved | None = None
    #: Whether ``where`` is named in the event's own sentence or one naming it again ("in Khar, where the
    #: bombing took place"), not taken from the ones around it.
    placed_here: bool = False
    target: str | None = None
    #: Whether ``target`` names a person ("Mawlavi Safiullah"), not a kind of one ("a religious cleric").
    target_named: bool = False
    killed: int | None = None
    wounded: int | None = None
    perpetrators_killed: int | None = None
    #: The counts that only a vague amount gives ("wounding dozens"): a figure told later replaces them.
    vague: set[str] = field(default_factory=set)
    towns: set[str] = field(default_factory=set)
    #: Every trigger assembled into this event, its own first.
    mentions: list[Token] = field(default_factory=list)
    #: The token indices of the event's own clause when its sentence tells another incident of its type in
    #: another clause ("On March 6 gunmen shot a constable, and last month militants ambushed a van,
    #: killing two"): its figures and places come from there. None: the whole sentence is the event's.
    region: frozenset[int] | None = None
    #: Which of the incidents one noun counts in places of their own this is ("two attacks in the Zhob and
    #: Sui areas"): 1, 2, ...; 0 for an incident told alone.
    part: int = 0
    #: The mentions of the answer to it (``answers``: "troops killed six of them when they stormed the
    #: post"), which tell its attackers' fate, never its own trigger.
    answers: list[Token] = field(default_factory=list)
    #: For an operation whose sentence kills only the doers of an attack ("troops shot dead two of the
    #: attackers", "the killing of four gunmen"): how many; the attack told before may own it.
    response: int | None = None

    def told_here(self) -> list[Token]:
        """The mentions in the event's own sentence."""
        return [t for t in self.mentions if self.sent.start <= t.i < self.sent.end]


class EventExtractor:
    """Build the ``events`` rows of a Doc; set up once per run."""

    def __init__(self, nlp: Language, config: Config, catalog: Catalog):
        settings = config.events
        self.words = {k: {w.lower() for w in v} for k, v in settings.words.items()}
        agents = AgentReader(self.words, frozenset(p.lower() for p in config.places.peoples),
                             frozenset(i for i, entry in catalog.entries.items() if getattr(entry, "governs", None)),
                             frozenset(d.lower() for d in config.places.demonyms))
        self.finder = TriggerFinder(nlp, settings, self.words, agents)
        self.other_incident = frozenset(self.words["other_incident"])
        self.former = eras.keyed(config.places.former_divisions)
        #: Nouns that name again an incident of each type ("the strike" after an air strike).
        self.anaphors = {name: {w.lower() for w in kind.anaphors} for name, kind in settings.types.items()}
        #: Anaphors that name the incident told last only (``anaphors_last``: "the attack" after an air strike).
        self.last_anaphors = {w.lower() for kind in settings.types.values() for w in kind.anaphors_last}
        self.answers = {name: kind.answers for name, kind in settings.types.items() if kind.answers}  # ``answers``
        self.clustering = settings.clustering  # killed figures too far apart for one incident, here as across documents
        self.branches, self.bare_names = branches(catalog), catalog.bare_names()
        #: Types one incident may be read as (a strike: targeted killing or operation, by who was hit).
        self.related = related_types(self.finder.without_person, settings.types)
        attack = settings.types["ATTACK"].triggers
        roles = RoleReader(settings.words, {w.lower() for w in attack.NOUN + attack.VERB})
        self.cues = settings.factuality
        #: Nouns of the ones who attack: "two gunmen" counts people, not incidents.
        self.attackers = frozenset(self.words["perpetrator"] | self.words["attacker"] | self.words["people"])
        motive = frozenset(self.words.get("motive", ()))  # "revenge for X": X is another incident than the story's
        self.recall = Recall(self.other_incident, self.finder.trigger_words, motive)
        self.specificity = Specificity(self.cues, self.words, self.recall, agents.national)
        self.placer = EventPlacer(self.other_incident, motive)
        self.not_this = self.other_incident | motive
        self.actors = ActorReader(roles, catalog, self.words, self.recall,
                                  frozenset(w.lower() for w in settings.clustering.target_kinds),
                                  frozenset(name for name, kind in settings.types.items() if kind.actors == "agent"))
        #: Nouns that name events ("blasts", "attacks"): a number of them is no casualty count.
        event_nouns = ({w.lower() for kind in settings.types.values() for w in kind.triggers.NOUN}
                       | self.words.get("happening", set())) - self.words["perpetrator"]
        tolls = TollCounter(self.words, event_nouns, lexicon(config.figures).not_counted)
        self.casualties = Casualties({name for name, kind in settings.types.items() if kind.casualties},
                                     self.words, tolls, self.recall, settings.factuality.max_incident_toll)

    def prepare(self, doc: Doc, places: list[Resolved] | None = None) -> DocContext:
        """What the rules look up often in one document, read once (:class:`DocContext`): its text, its
        entities, which sentence each token is in, and its resolved places."""
        return DocContext.read(doc, places, self.cues)

    def triggers(self, doc: Doc) -> list[tuple[str, Token, str, str]]:
        """``(type, head token, rule, factuality)`` of every trigger, one type per token, in text order
        (:meth:`pipeline.triggers.TriggerFinder.triggers`)."""
        return self.finder.triggers(self.prepare(doc))

    # -- events ---------------------------------------------------------------------------------
    def extract(self, doc_id: str, doc: Doc, published: dt.date | None, dates: list[dict],
                figures: list[dict], places: list[Resolved] | None = None) -> list[dict]:
        """The ``events`` rows of one document; ``places``: its places (:mod:`pipeline.places`)."""
        return self.extract_all(doc_id, doc, published, dates, figures, places)[0]

    def extract_all(self, doc_id: str, doc: Doc, published: dt.date | None, dates: list[dict],
                    figures: list[dict], places: list[Resolved] | None = None) -> tuple[list[dict], list[dict]]:
        """The ``events`` rows of one document (one per incident) and its ``event_mentions`` rows (one
        per trigger, with its factuality and the incident it was assembled into)."""
        ctx = self.prepare(doc, places)
        events: list[Event] = []
        dismissed: list[tuple[str, Token, str]] = []
        by_sentence: dict[int, list[Event]] = {}
        claims_for_all: list[tuple[Token, list[Event]]] = []  # "claimed responsibility for the attacks"
        parts: list[tuple[Event, Event]] = []  # an incident told as one of those a count told before
        described: list[tuple[str, Token, str]] = []  # triggers that only describe people ("the abducted girls")
        for kind, token, rule, factuality in self.finder.triggers(ctx):
            if factuality != "asserted":
                dismissed.append((kind, token, factuality))
                continue
            sent = ctx.sent_of[token.i]
            if kind in self.casualties.counted and describes_people(token, self.words["people"]):
                # "their abducted sons": told elsewhere ("the arrested men" may tell an arrest)
                described.append((kind, token, rule))
                continue
            sent_events = by_sentence.setdefault(sent.start, [])
            if joined_in_sentence(Event(kind, token, sent, rule, mentions=[token]), events, sent_events,
                                  self.casualties.counted, self.answers):
                continue
            same = [e for e in sent_events if e.type == kind]
            earlier = [e for e in events if e.type == kind and e.sent.start < sent.start]
            counted = counted_before(ctx, token, earlier)  # "carried out two attacks. The attack on X ...": one of them
            if earlier and (token.i in ctx.beside(sent) or (not same and (refers_back(token, dates) or (  # "Apart
                    under_claim(token, self.words["claim"]) and not timed_of_its_own(token, dates))))) \
                    and not placed_apart(token, antecedent := self.recall.antecedent(ctx, earlier, token), ctx) \
                    and antecedent is not counted:
                antecedent.mentions.append(token)  # from the blast in Mastung, ...": the one told before
                if claimed_all(token, self.words["claim"]):  # "claimed responsibility for the attack"
                    claims_for_all.append((token, earlier))
                continue
            if same and not self.recall.separate(same[-1].trigger, token, dates) and \
                    not clauses_apart(same[-1].trigger, token, ctx) and \
                    self.recall.recalled(token) == self.recall.recalled(same[-1].trigger):
                same[-1].mentions.append(token)
                continue
            if not same and (named := named_again(token, events, dates, earlier, self.anaphors,
                                                  self.last_anaphors)) is not None:
                named.mentions.append(token)  # "The strike on Sunday was conducted ..." after an air strike
                continue
            event = Event(kind, token, sent, rule, mentions=[token])
            events.append(event)
            if counted is not None:
                parts.append((event, counted))
            sent_events.append(event)
        for kind, token, rule in described:  # to the nearest incident of its type; alone, it is none
            told = [e for e in events if e.type == kind]  # ("a picture of their abducted sons, taken in 2014":
            if told:                                      # the photo's day, not the kidnapping's)
                min(told, key=lambda e: abs(e.trigger.i - token.i)).mentions.append(token)
            else:
                dismissed.append((kind, token, "unspecified"))
        for token in happening_again(ctx, self.words.get("happening", set()), by_sentence):
            told = [e for e in events if e.sent.start < token.i]  # "The incident occurred on Thursday near X":
            if told:  # the incident told last, whatever its type
                max(told, key=lambda e: max(t.i for t in e.mentions)).mentions.append(token)
        ctx.statistics = {ctx.sent_of[t.i].start for _, t, label in dismissed
                          if label == "statistical" and ctx.sent_of[t.i] is not None}
        ctx.told = {}  # sentence start -> the events that sentence tells of
        ctx.first_told = events[0].sent.start if events else -1
        for event in events:
            for token in event.mentions:
                ctx.told.setdefault(ctx.sent_of[token.i].start, []).append(event)
        # an attack intended or feared ("a plot to bomb a market in the city"); not a definite one, which is
        # the incident told ("whether he was killed in the airstrike in X")
        imagined = imagined_words(t for _, t, label in dismissed
                                  if label in UNREAL_PLACES and t.pos_ == "NOUN" and not names_again(t))
        for event in events:
            event.trigger = anchor(event)
            others = [e.trigger for e in by_sentence[event.sent.start] if e is not event]
            twins = [e.trigger for e in by_sentence[event.sent.start] if e is not event and e.type == event.type]
            event.region = (segment_region(event.trigger, twins, ctx) or clause_region(event.trigger, twins)) if twins else None
            self.fill(ctx, event, published, dates, figures, others, imagined)
        self.actors.attach_claims(ctx, events)
        for token, earlier in claims_for_all:  # each of the attacks told before, not only the last
            claimed = self.recall.antecedent(ctx, earlier, token)  # again, now that the incidents have days
            for event in earlier:
                if days_apart(event, claimed) <= CLAIMED_TOGETHER_DAYS:
                    self.actors.add_actors(ctx, event, ctx.sent_of[token.i])
        for event, counted in parts:  # "Fighters of X carried out two attacks. The attack on Palma ...": X's
            for actor, role in counted.actors.items():
                event.actors.setdefault(actor, role)
        self.recall.date_recalled(ctx, events, dates)
        read_bare_doers(events, self.bare_names, ctx.groups)  # before one incident's sentences are joined by their doers
        dismissed += [(e.type, t, "generic") for e in events if not self.specificity.specific(ctx, e) for t in e.mentions]
        events = [e for e in events if self.specificity.specific(ctx, e)]
        events, summaries = leave_out_summaries(fold_operation_arrests(events), ctx.text, self.attackers)
        dismissed += [(e.type, t, "summary") for e in summaries for t in e.mentions]
        recalled = frozenset(e.trigger.i for e in events if self.recall.background(e))
        for event in events:  # "claimed responsibility for the explosions that killed dozens on Wednesday":
            dated_by_mention(event, dates)  # that day, before it is compared with the others told
        events = merge_same_incident(merge_retold(merge_headline(ctx.text, events, self.related)), ctx.text,
                                     self.not_this, self.clustering, recalled)
        # again, now later sentences have joined theirs ("the offensive, codenamed X" names one told before)
        events = fold_responses(merge_same_incident(events, ctx.text, self.not_this, self.clustering, recalled),
                                self.not_this, self.clustering)  # then an operation on its attackers ends an attack
        events = split_by_places(fold_arrest_raids(events, ctx.text), ctx.places)
        events, empty = leave_out_empty(events, self.casualties.counted)
        lone_story_figures(self.casualties, ctx, events, figures, dates)  # "Some 35 others were hurt." paragraphs on
        dismissed += [(e.type, t, "unspecified") for e in empty for t in e.mentions]
        identified_later(ctx, events, frozenset(self.words["people"]), frozenset(self.words["perpetrator"] | self.words["attacker"]))
        names_told_later(ctx, events)
        for event in events:
            first_told_date(ctx, event, dates)
            placed_by_mention(ctx, event)
            dated_by_mention(event, dates)
            dated_by_claim(event, dates, self.words["claim"])
        rows = [event_row(doc_id, e, self.branches, self.former, ctx.groups) for e in events]
        return rows, mention_rows(doc_id, ctx.sent_of, events, rows, dismissed)

    def fill(self, ctx: DocContext, event: Event, published: dt.date | None, dates: list[dict],
             figures: list[dict], others: list[Token], imagined: frozenset[int] = frozenset()) -> None:
        """The event's date, place, target, actors and casualties. ``others``: the triggers of the other
        incidents of its sentence; ``imagined``: the words of the place phrases of attacks intended,
        feared or denied anywhere ("a plot to bomb a market in Kabul"), whose places are no incident's."""
        # a recalled incident has only the dates of its own clause: "Monday's attack came three days
        # after a commander was shot dead" does not date the shooting Monday
        recalled = self.recall.recalled(event.trigger)
        found = dates_in(event.trigger, dates, own=recalled, sent=event.sent)
        if not found and recalled and (dying := dying_in(event.trigger, self.words["kill"])) is not None:
            found = clause_dates(dying, event.trigger, dates)  # "In 2023, six were killed in another bombing"
        if not found and recalled and (follows := followed(event.trigger)) is not None:
            found = clause_dates(*follows, dates)  # "The attack follows a bombing last week at ...": last week
        if found:
            event.date, event.date_source = before_anniversary(event, found[0]), "sentence"
            event.said_date = said_when(event.trigger, found[0])
        else:
            if event.trigger.ent_type_ != "OPERATION" and not recalled:
                event.context_day = paragraph_day(ctx, event.sent, dates)  # a campaign named in passing has no day here
            if published is not None:
                event.date, event.date_source = {"start": published, "end": published}, "published"
        event.where = self.placer.place(ctx, event, others, recalled=recalled, imagined=imagined)
        event.placed_here = placed_where_told(ctx, event)
        event.place = event.where.chain() if event.where else []
        event.towns = {event.place[0]} if event.where and event.where.rank < 1 else set()
        event.target = self.actors.target(ctx, event)
        event.target_named = names_person(event.target, ctx.view(event.sent).ents)
        self.actors.add_actors(ctx, event, event.sent)
        self.actors.add_listed(ctx, event)
        self.casualties.casualties(ctx, event, figures, dates)


    # -- rows ----------------------------------------------------------------------------------


def event_row(doc_id: str, event: Event, branch_of: dict[tuple[str, str], tuple[str, int | None]],
              former: list, named: frozenset[str] = frozenset()) -> dict:
    """The events table's row of one incident: its actors with their branches where it happened
    (``branch_of``, from :func:`branches`) and its place in the divisions of its day (``former``, from
    :func:`pipeline.eras.keyed`)."""
    actors = sorted(a for a in event.actors if a not in event.denied)
    if any(event.actors[a] in (CLAIM, PERPETRATOR) for a in actors):  # suspects only where nobody claims
        actors = [a for a in actors if event.actors[a] != SUSPECT]
    start, end = event.sent.start_char, event.sent.end_char
    date = event.date or {}
    where = event.where
    actors = with_branches(actors, where.country if where else None, date.get("start"), branch_of, named)
    chain, province = eras.as_of(former, event.place, where.district if where else None,
                                 where.province if where else None, date.get("end"))
    location = ", ".join(chain) or None
    found = where.place if where is not None else None
    signals = [event.date_source == "sentence", bool(location), bool(actors or event.target),
               event.killed is not None or event.wounded is not None]
    key = f"{doc_id}:{start}:{event.type}:{event.trigger.i}" + (f":{event.part}" if event.part else "")
    return {"event_id": hashlib.sha256(key.encode()).hexdigest()[:16],
            "doc_id": doc_id, "start_char": start, "end_char": end, "event_type": event.type,
            "date_start": date.get("start"), "date_end": date.get("end"), "date_source": event.date_source,
            "location": location, "province": province,
            "country": where.country if where else None, "district": where.district if where else None,
            "place": event.place[0] if event.place else None,
            "latitude": found.latitude if found else None, "longitude": found.longitude if found else None,
            "geo_precision": where.precision if where else None,
            "geonames_id": found.geonames_id if found else None,
            "actor_ids": actors, "target": event.target, "killed": event.killed,
            "wounded": event.wounded, "perpetrators_killed": event.perpetrators_killed,
            "cluster_id": cluster_key(event.type, date.get("start"), event.place, actors),
            "rule": event.rule, "trigger": event.trigger.text,
            "confidence": round(0.5 + 0.1 * sum(signals), 2)}


def branches(catalog: Catalog) -> dict[tuple[str, str], tuple[str, int | None]]:
    """``(parent id, country folded) -> (branch id, first active year)`` of the catalog's
    ``operates_in`` lists."""
    return {(entry.parent, fold(country)): (name, (entry.active or (None, None))[0])
            for name, entry in catalog.entries.items() if getattr(entry, "parent", None)
            for country in getattr(entry, "operates_in", [])}


def with_branches(actors: list[str], country: str | None, day: dt.date | None,
                  found: dict[tuple[str, str], tuple[str, int | None]], named: frozenset[str]) -> list[str]:
    """The actors and, for a parent credited with an incident in a country one of its branches
    operates in, that branch too where the document names it ("the Islamic State group claimed" a
    Kabul bombing in a story that speaks of ISKP), unless the incident is dated before the branch
    began. A story that names only the parent keeps it alone: the coder of a Wikipedia infobox
    and the one of ACLED differ there, and the text does not decide."""
    if not country or not actors:
        return actors
    extra = set()
    for actor in actors:
        branch, since = found.get((actor, fold(country)), (None, None))
        if branch in named and not (since and day and day.year < since):
            extra.add(branch)
    return sorted(set(actors) | extra)


def read_bare_doers(events: list[Event], bare: dict[tuple[str, str], str], named: frozenset[str]) -> None:
    """Each event's doers with a bare name read as the group it means in the event's country
    (:func:`read_bare`); not those who deny ("the umbrella group, Taliban, denied" the TTP's attack)."""
    for event in events:
        country = event.where.country if event.where else None
        event.actors = {read_bare(a, country, bare, named): role for a, role in event.actors.items()}


def read_bare(actor: str, country: str | None, bare: dict[tuple[str, str], str], named: frozenset[str]) -> str:
    """The actor, a group's bare name read as the group it means in the incident's country where the
    document names that one too ("Taliban militants attacked a police station in Bannu" in a story
    whose claim is the Pakistani Taliban's: the TTP; :meth:`pipeline.catalog.Catalog.bare_names`)."""
    read = bare.get((actor, country.lower()), actor) if country else actor
    return read if read in named else actor


#: Modifiers of a plural that make it other incidents than the story's ("similar attacks").
OTHER_ONES = frozenset({"recent", "similar", "previous", "past", "other", "earlier", "several", "many", "numerous"})


def among_others(token: Token) -> bool:
    """Is the trigger other incidents than the story's, or one of them: "some of the most recent
    attacks", "similar attacks", "including a suicide bombing" under such a plural?"""
    if token.dep_ == "pobj" and token.head.lower_ == "including" and token.head.head.tag_ == "NNS":
        token = token.head.head
    return token.tag_ == "NNS" and (token.head.lower_ == "of" or any(c.lower_ in OTHER_ONES for c in token.children))


def under_claim(token: Token, claim: set[str]) -> bool:
    """A trigger inside a claim ("X claimed it, saying it had targeted a party") retells the event;
    one the claim names as another ("X also claimed an attack on a bank", "another attack") or among
    others ("some of the most recent attacks") may not."""
    if token.pos_ == "NOUN" and (any(c.dep_ == "det" and c.lower_ == "another" for c in token.children) or (
            token.dep_ == "dobj" and any(c.dep_ == "advmod" and c.lower_ == "also" for c in token.head.children))):
        return False
    if among_others(token):
        return False
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in claim:
            return True
        if ancestor.lemma_.lower() in GROUP_SAYING and any(
                c.dep_ == "nsubj" and (c.ent_type_ == "MILITANT_GROUP" or (c.lemma_.lower() in GROUP_NOUNS and any(
                    d.lower_ == "the" for d in c.children))) for c in ancestor.children) and not set_apart(ancestor):
            return True  # "the outfit said it had hit a convoy": its claim, in its own words
    return False


def set_apart(verb: Token) -> bool:
    """Does the verb of telling carry a place or a day of its own ("In Kachhi, the group said it blew up a
    track"), other than a statement's ("in a statement issued on Monday")?"""
    for child in (c for c in verb.children if c.dep_ in ("prep", "npadvmod")):
        words = list(child.subtree)
        if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in words):
            return True
        if any(t.ent_type_ == "DATE" for t in words) and not any(t.lemma_.lower() in STATEMENTS for t in words):
            return True
    return False


#: Verbs of a group's telling of its deed, and the nouns that name the group again.
GROUP_SAYING = frozenset({"say", "state", "announce", "boast"})
GROUP_NOUNS = frozenset({"group", "outfit", "organisation", "organization", "faction", "militia"})


def named_again(token: Token, events: list[Event], dates: list[dict], earlier: list[Event],
                anaphors: dict[str, set[str]], last_anaphors: set[str]) -> Event | None:
    """The incident of another type a definite noun names again ("an air strike near Jilib ... The
    strike on Sunday"): the last one told before it whose type lists the noun among its ``anaphors``,
    when the noun has no place or date of its own that would set it apart; for ``last_anaphors`` only
    the incident told last, where none of the noun's own type was told before (``earlier``)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        named = events[-1] if events and not earlier and last_anaphors & anaphors.get(events[-1].type, set()) else None
        return named if named is not None and done_again(token) else None  # "the compound was targeted" after a strike
    if not refers_back(token, dates, dated=True):
        return None
    named = next((e for e in reversed(events) if lemma in anaphors.get(e.type, ()) and e.sent.start < token.i), None)
    if named is None or (lemma in last_anaphors and (named is not events[-1] or earlier)):
        return None  # "the attack" names an operation again only right after it, with no attack before
    mine, theirs = sentence_days(token.sent, dates), sentence_days(named.sent, dates)
    apart = mine and theirs and not any(a["start"] <= b["end"] and b["start"] <= a["end"] for a in mine for b in theirs)
    return None if apart else named  # "On Monday the strike on a market killed four": another one


def done_again(verb: Token) -> bool:
    """Is the verb a passive with no doer whose subject is definite ("the compound was targeted",
    "the house was hit"): the deed told before, told again of what it struck?"""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is not None and subject.pos_ == "NOUN" and not any(c.dep_ == "agent" for c in verb.children) \
        and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in subject.children)


def placed_where_told(ctx: DocContext, event: Event) -> bool:
    """Is the event's place in its sentence, or in one that names it again ("in Khar, where the
    bombing took place")?"""
    return event.where is not None and any(
        ctx.sent_of[t.i].start <= event.where.start < ctx.sent_of[t.i].end for t in event.mentions)


def placed_apart(token: Token, antecedent: Event, ctx: DocContext) -> bool:
    """Is the trigger an indefinite noun with a place in its own phrase (or any noun with one in the
    words before it: "the Herat market bombing") that is none of the places, or inside one of them, that
    the sentences of the incident told before give ("the Taliban targeted a checkpoint in Balkh ... The
    Taliban claimed they were behind a roadside bombing that targeted forces in Kunduz")? It is another
    incident, for its place to say (:func:`pipeline.assembly.continues`)."""
    if token.pos_ != "NOUN":
        return False
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    phrase = {t.i for t in token.subtree if indefinite or t.i < token.i}  # "the Orlando nightclub shootings": its name
    sents = {ctx.sent_of[t.i].start for t in antecedent.mentions}
    usable = places_told(ctx)
    mine = [p for p in usable if p.start in phrase]
    theirs = [p for p in usable if p.rank < 3 and ctx.sent_of[p.start] is not None and ctx.sent_of[p.start].start in sents]
    if not theirs and not indefinite:  # "The blast, which struck at dusk ..." names no place: the ones told before
        theirs = [p for p in usable if p.rank < 3 and p.start < token.i and p.start not in phrase]
    return places_apart(mine, theirs)


def places_told(ctx: DocContext) -> list[Resolved]:
    """The places of the document that may place an incident: not whence someone came, a border, a
    people's adjective or a dateline."""
    return [p for p in ctx.places if not (p.origin or p.border or p.demonym or p.dateline)]


def places_apart(mine: list[Resolved], theirs: list[Resolved]) -> bool:
    """Do both lists hold places, and is none of ``mine`` the same as, or inside, one of ``theirs``?"""
    return bool(mine and theirs) and not any(same_place(a, b) for a in mine for b in theirs)


def clauses_apart(first: Token, second: Token, ctx: DocContext) -> bool:
    """Do two triggers of one type in one sentence tell two incidents by their clauses: coordinated and
    placed apart (:func:`clauses_placed_apart`), or one telling what else happened at the other's place
    (:func:`pipeline.assembly.told_of_that_place`)?"""
    return clauses_placed_apart(first, second, ctx) or told_of_that_place(first) != told_of_that_place(second) \
        or countries_apart(first, second, ctx)


def segment_region(trigger: Token, twins: list[Token], ctx: DocContext) -> frozenset[int] | None:
    """The stretch of the sentence an incident told beside others in other countries holds
    (:func:`countries_apart`): from the end of the last place before it that follows the trigger before it,
    to the end of the last place before the next such trigger; None where no twin lies in another country."""
    apart = sorted([t for t in twins if countries_apart(trigger, t, ctx)] + [trigger], key=lambda t: t.i)
    if len(apart) == 1:
        return None
    sent = ctx.sent_of[trigger.i]
    ends = [sent.start]
    for before, after in zip(apart, apart[1:]):
        places = [p.end for p in ctx.places if before.i < p.start < after.i]
        ends.append(max(places) if places else after.left_edge.i)
    ends.append(sent.end)
    k = apart.index(trigger)
    return frozenset(range(ends[k], ends[k + 1]))


def countries_apart(first: Token, second: Token, ctx: DocContext) -> bool:
    """Are two indefinite triggers of one sentence each followed, before the next, by places in two
    different countries ("a suicide bomber killing 13 at a mosque in Kuwait City and a man launching an
    assault on a factory in eastern France")? Two incidents, however the parse hangs the clauses."""
    if second.i < first.i:
        first, second = second, first
    if not all(any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children) for t in (first, second)):
        return False
    end = ctx.sent_of[second.i].end
    usable = [p for p in places_told(ctx) if p.country]
    mine = {p.country for p in usable if first.i < p.start < second.i}
    theirs = {p.country for p in usable if second.i < p.start < end}
    return bool(mine and theirs) and not mine & theirs


def clauses_placed_apart(first: Token, second: Token, ctx: DocContext) -> bool:
    """Are two triggers of one type in coordinated clauses, the second with a subject of its own, each
    clause with a place of its own and the places apart ("a bomb hit a convoy in Quetta, and gunmen
    stormed a checkpoint in Turbat")? Two incidents, as two dates of their own make them
    (:meth:`pipeline.event_time.Recall.separate`); not "militants attacked a post in Zhob and killed
    four soldiers" (one subject), nor "in Quetta ... in Balochistan" (one place inside the other). A clause
    of contrast ("while") counts as coordinated."""
    a, b = clause_of(first), clause_of(second)
    contrasted = b.dep_ == "advcl" and b.head.i == a.i and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas")
                                                             for c in b.children)  # "..., while in Bannu a bomb struck"
    if a.i == b.i or not (b in a.conjuncts or contrasted) or b.i < a.i or \
            not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ != "WDT" for c in b.children):
        return False
    later = {t.i for t in b.subtree}
    usable = [p for p in places_told(ctx) if p.rank < 3]
    mine = [p for p in usable if a.left_edge.i <= p.start <= a.right_edge.i and p.start not in later]
    theirs = [p for p in usable if p.start in later]
    return places_apart(mine, theirs)


def timed_of_its_own(token: Token, dates: list[dict]) -> bool:
    """Is the claimed noun set in time apart from the story: a date of its own (:func:`dated_of_its_own`),
    or, indefinite, a span of time before the story's ("came days after a blast X said it set off"; not
    "two days after the attack", the story's)?"""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    return dated_of_its_own(token, dates) or (indefinite and recalled_span(token) is not None)


def dated_of_its_own(token: Token, dates: list[dict]) -> bool:
    """Is the noun an indefinite one with a date of its own ("claimed an attack that injured Chinese
    citizens in Kabul in 2022"): an incident the claim names besides the story's, not the story's?"""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children) \
        and bool(own_dates(token, dates, happening=True))


def names_person(target: str | None, ents: list[Span]) -> bool:
    """Does the target hold the name of a person of its sentence ("Mawlavi Safiullah", not "a cleric")?"""
    return target is not None and any(e.label_ == "PERSON" and e.text in target for e in ents)


def said_of_it(noun: Token) -> bool:
    """Is the incident's noun said of "it" or "this" ("it was a suicide attack", "this was the worst
    bombing"): the incident told before, named again?"""
    verb = noun.head
    return noun.dep_ == "attr" and verb.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in verb.children)


#: Dependencies of a word that qualifies a noun: a year there is that noun's ("on the anniversary of
#: the 2011 attacks").
NOUN_MODIFIERS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
#: Verbs that only say an incident was carried out, with it as their object: what dates them dates it
#: ("the security forces conducted the operation on Tuesday night").
CARRYING_OUT = frozenset({"conduct", "carry", "launch", "execute", "stage", "mount"})


def own_dates(token: Token, dates: list[dict], *, happening: bool = False) -> list[dict]:
    """The date rows with a value among an event noun's own words ("the strike on Sunday"); with
    ``happening``, also on the verb that only says it happened or was carried out ("The attack took
    place on January 23", "forces conducted the operation on Tuesday night"), or by a clause on it
    that tells what it did ("the explosions that killed dozens on Wednesday"), unless the date
    qualifies another noun there ("on the anniversary of the 2011 attacks")."""
    own = {t.i for t in own_words(token)}
    verb, extra = token.head, set()
    if happening and (said_to_happen(token)
                      or (token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in CARRYING_OUT)):
        extra = {t.i for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree}  # "last night"
    if happening:  # "the deadly explosions that killed dozens of people on Wednesday"; not "that was claimed on"
        extra |= {t.i for c in token.children if c.dep_ == "relcl" and c.lemma_.lower() not in TELLING
                  for d in c.children if d.dep_ in ("prep", "npadvmod") for t in d.subtree}
    doc, found = token.doc, []
    first, last = doc[min(own | extra)], doc[max(own | extra)]
    for row in (d for d in dates if d["value"] and d["end_char"] > first.idx and d["start_char"] < last.idx + len(last)):
        span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")  # only rows near the words
        if span is None or not span:
            continue
        root = span.root
        qualifies_other = root.dep_ in NOUN_MODIFIERS and root.head.pos_ == "NOUN" \
            and root.head.ent_type_ not in ("DATE", "TIME")
        if any(t.i in own for t in span) or (root.i in extra and not qualifies_other):
            found.append(row)
    return found


#: Determiners of a plural noun that speaks of every incident of its kind told before.
ALL_OF_THEM = frozenset({"the", "these", "both", "all"})


#: How many days apart the incidents one plural claim takes in may be (a wave of attacks in a week).
CLAIMED_TOGETHER_DAYS = 7


def days_apart(a: Event, b: Event) -> float:
    """Days between the first days of two incidents; infinite when either is undated (an analysis
    that names no day tells no wave of attacks)."""
    if not a.date or not b.date or not a.date.get("start") or not b.date.get("start"):
        return math.inf
    return abs((a.date["start"] - b.date["start"]).days)


def claimed_all(token: Token, claim: set[str]) -> bool:
    """A plural noun under a claim that takes in all the incidents told before ("claimed
    responsibility for the attacks", "for both blasts"); not one with a place or time of its own after
    it ("the attacks in Quetta last year"), a clause, or a number ("the two attacks": which two is unsaid)."""
    if token.tag_ not in ("NNS", "NNPS") or not under_claim(token, claim):
        return False
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "amod") and c.lower_ in ALL_OF_THEM}
    own = [t for c in token.children if c.dep_ == "prep" for t in c.subtree]  # "in a message to the press": no
    return bool(dets) and not any(c.dep_ in ("relcl", "acl", "nummod") for c in token.children) \
        and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for t in own)


def refers_back(token: Token, dates: list[dict], *, dated: bool = False) -> bool:
    """"the attack", "the bombing": a noun that points back, with no date or place of its own
    (what a clause after it says, "the attack to avenge a killing in August", is not its own);
    with ``dated``, a date of its own is allowed ("the strike on Sunday")."""
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if token.pos_ == "NOUN" and said_of_it(token):
        return not own_dates(token, dates) or dated  # "Unconfirmed reports say it was a suicide attack"
    if token.pos_ not in ("NOUN", "PROPN") or not dets & ANAPHORIC or among_others(token):  # "the IBO" too
        return False
    if of_someone_new(token):
        return False
    own = own_words(token)
    own_place = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in own if t.i != token.i)
    return not own_place and (dated or not own_dates(token, dates))


def of_someone_new(token: Token) -> bool:
    """Does the noun's "of" name someone or something not told before ("the assassination of a party
    official", "the killing of two policemen")? With it, "the" opens a new incident, not one told."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and any(d.dep_ in ("det", "nummod") and (d.lower_ in ("a", "an") or d.like_num)
                                 for d in o.children) for o in c.children) for c in token.children)


def joined_in_sentence(new: Event, events: list[Event], sent_events: list[Event], counted: set[str],
                       answers: dict[str, str]) -> bool:
    """Join a trigger to an incident its sentence tells already, where it tells that incident's deed
    (:func:`means_event`: "Official assassinated in vehicle attack"), how it was done
    (:func:`elaborated`: "conducted a drone strike, targeting a vehicle") or the answer to it
    (:func:`answered`, :func:`answering`: "troops killed six of them when militants stormed the post");
    ``events`` and ``sent_events`` are updated in place. Was it joined?"""
    kind, token = new.type, new.trigger

    def replace_with(old: Event, joined: Event) -> None:
        for told in (events, sent_events):
            told[next(i for i, e in enumerate(told) if e is old)] = joined

    if (means := means_event(kind, token, sent_events, counted)) is not None:
        replace_with(means, joined_means(means, new))
    elif (told := elaborated(kind, token, sent_events, counted)) is not None:
        told.mentions.append(token)
    elif (told := answered(kind, token, sent_events, answers)) is not None:
        told.mentions.append(token)
        told.answers.append(token)
    elif (answer := answering(kind, token, sent_events, answers)) is not None:
        new.mentions, new.answers = [token, *answer.mentions], list(answer.mentions)
        replace_with(answer, new)
    else:
        return False
    return True


#: Words that open the clause of the incident a deed answered ("... when they stormed the camp", "began a
#: clearance after armed men seized the coach").
ANSWER_MARKS = frozenset({"when", "as", "while", "after"})


def answered(kind: str, token: Token, sent_events: list[Event], answers: dict[str, str]) -> Event | None:
    """The incident of the sentence that the token's deed answered (``answers``: "security forces killed
    ten militants when they stormed the camp"), told before it."""
    if kind not in answers:
        return None
    return next((e for e in sent_events if e.type == answers[kind] and answer_to(token, e.trigger)), None)


def answering(kind: str, token: Token, sent_events: list[Event], answers: dict[str, str]) -> Event | None:
    """The incident of the sentence told before the token that answered the token's ("when" it was done)."""
    return next((e for e in sent_events if answers.get(e.type) == kind and answer_to(e.trigger, token)), None)


def answer_to(deed: Token, incident: Token) -> bool:
    """Is the incident's clause one of :data:`ANSWER_MARKS` on the deed's verb ("killed ten militants
    when they stormed the camp", "When gunmen stormed the post, troops shot dead five of them"), or the
    incident's noun after "after" or "following" on it, the deed placed nowhere of its own? The parse
    may hang the clause on a clause inside the deed's object ("killed ten militants operating from X
    when they stormed ..."): it is the deed's still."""
    verb, clause = clause_of(deed), clause_of(incident)
    if verb.pos_ == "VERB" and incident.dep_ == "pobj" and incident.head.lower_ in ("after", "following") and (
            (holder := incident.head.head).i in (verb.i, deed.i) or verb in holder.ancestors):
        theirs = {t.i for t in incident.head.subtree}  # a deed with a place of its own is another incident:
        return not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in verb.subtree if t.i not in theirs)
        # "after the airport siege, jets struck hideouts in North Waziristan"; not "the operation went
        # into a third day after the hijacking of the train"
    if verb.pos_ != "VERB" or clause.dep_ != "advcl" or not any(
            c.dep_ in ("advmod", "mark") and c.lower_ in ANSWER_MARKS for c in clause.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "after" for c in clause.children) and any(
            c.dep_ in ("npadvmod", "advmod") and c.lower_ not in ANSWER_MARKS for c in clause.children):
        return False  # "a day after militants attacked ...": another day's deed
    holder = clause.head
    for _ in range(6):
        if holder.i == verb.i:
            return True
        if holder.dep_ not in ("acl", "relcl", "prep", "pobj", "dobj") or holder.head.i == holder.i:
            return False
        holder = holder.head
    return False


def elaborated(kind: str, token: Token, sent_events: list[Event], counted: set[str]) -> Event | None:
    """The incident of the sentence, of a type that counts casualties, whose noun the token's clause
    describes (:func:`tells_how`); the incident keeps its type (a drone strike "targeting a vehicle" stays
    an operation)."""
    if kind not in counted or token.pos_ != "VERB":
        return None
    return next((e for e in sent_events if e.type in counted and tells_how(token, e.trigger)), None)


def tells_how(verb: Token, trigger: Token) -> bool:
    """Is the verb's clause about the incident a noun names, not another deed: a participle or relative
    clause on the noun ("a drone strike targeting a vehicle", "a bombing which hit a convoy"), or a
    participle after the verb whose object the noun is ("conducted a drone strike, targeting a vehicle")?
    The noun is the trigger, or the noun its trigger word modifies ("drone" in "drone strike")."""
    noun = trigger.head if trigger.dep_ in ("compound", "amod") and trigger.head.pos_ == "NOUN" else trigger
    if noun.pos_ != "NOUN":
        return False
    if verb.dep_ in ("acl", "relcl") and verb.head.i == noun.i:
        return verb.dep_ == "acl" or any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in verb.children)
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and noun.dep_ == "dobj" and noun.head.i == verb.head.i


def means_event(kind: str, token: Token, sent_events: list[Event], counted: set[str]) -> Event | None:
    """The event of the sentence, of another type that counts casualties, whose trigger the token's
    deed was done in, or that was done in the token (:func:`in_means`)."""
    if kind not in counted:
        return None
    return next((e for e in sent_events if e.type != kind and e.type in counted
                 and (in_means(e.trigger, token) or in_means(token, e.trigger))), None)


def joined_means(means: Event, new: Event) -> Event:
    """One event of a deed and the incident it was done in, typed by the verb where it names its doer
    ("In another operation, BLA fighters targeted a squad"), else by the noun ("Official assassinated
    in vehicle attack", "In a vehicle attack, an official was assassinated")."""
    verb = new.trigger if in_means(new.trigger, means.trigger) else means.trigger
    if (verb is new.trigger) != has_doer(verb):
        means.mentions.append(new.trigger)
        return means
    new.mentions = [*means.mentions, new.trigger]
    return new


def in_means(verb: Token, noun: Token) -> bool:
    """Is the noun the incident the verb's deed was done in ("assassinated in a vehicle attack",
    "killed in the blast"): the object of the verb's "in"?"""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.i == verb.i and verb.i != noun.i


def has_doer(verb: Token) -> bool:
    """Does the verb have its doer as a subject and its object after it ("fighters targeted a
    squad"); not a passive ("was assassinated"), nor a headline's passive without "was" ("Official
    assassinated in attack", which the model reads as an active verb with no object)?"""
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and "dobj" in deps


def related_types(without_person: dict[str, str], types: Iterable[str]) -> dict[str, set[str]]:
    """The types each type's incident may also be read as: a strike is a targeted killing or an
    operation, by who was hit (``without_person``)."""
    return {name: {other for other, k in without_person.items() if k == name} | (
        {without_person[name]} if name in without_person else set()) for name in types}


def dated_by_mention(event: Event, dates: list[dict]) -> None:
    """An incident dated only by the published day takes the date a later noun naming it gives of its
    own ("an air strike near Jilib ... The strike on Sunday was conducted ...", "The attack took place
    on January 23"); so does one dated by the day a source spoke, with a day up to ``SAID_AFTER_DAYS``
    before it ("..., the military said on Tuesday. ... the operation took place last night")."""
    if event.date_source == "sentence" and not event.said_date:
        return
    for token in event.mentions[1:]:
        if token.pos_ == "NOUN" and (found := own_dates(token, dates, happening=True)):
            if event.said_date and not 0 < (event.date["start"] - found[0]["start"]).days <= SAID_AFTER_DAYS:
                continue
            event.date, event.date_source, event.said_date = found[0], "sentence", False
            return


def said_to_happen(token: Token) -> bool:
    """Is the incident noun the subject of a verb that only says it happened ("The attack took place
    on January 23", "the blast occurred in Tori Market")?"""
    verb = token.head
    return token.dep_ == "nsubj" and verb.lemma_.lower() in HAPPENING and (
        verb.lemma_.lower() != "take" or any(c.lower_ == "place" for c in verb.children))


def happening_again(ctx: DocContext, nouns: set[str], by_sentence: dict[int, list[Event]]) -> list[Token]:
    """The definite nouns of a happening (``happening`` words: "the incident") that a verb only says
    happened ("The incident occurred late on Thursday near Buleda"), in sentences that tell no
    incident of their own: the incident told before, named again."""
    found = []
    for i in np.flatnonzero(np.isin(ctx.doc.to_array([LOWER]), [ctx.doc.vocab.strings.add(w) for w in nouns])).tolist():
        token = ctx.doc[i]
        sent = ctx.sent_of[i]
        if sent is not None and not by_sentence.get(sent.start) and names_again(token) and said_to_happen(token):
            found.append(token)
    return found


def placed_by_mention(ctx: DocContext, event: Event) -> None:
    """An incident its own sentence does not place takes the place a later noun naming it says it
    happened in ("a suicide bomber targeted a convoy in northwest Pakistan ... The attack happened in
    Bannu"), not the story's other town it was placed in by default."""
    if event.placed_here and event.where is not None and not event.where.dateline:
        return
    for token in event.mentions[1:]:
        if token.pos_ != "NOUN" or not said_to_happen(token):
            continue
        verb = token.head
        words = {t.i for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "near") for t in c.subtree}
        found = next((p for p in ctx.places if p.start in words and (p.place is not None or p.kind == "unknown")
                      and not (p.origin or p.border or p.demonym)), None)
        if found is not None and found.place is None and event.where is not None:
            return  # a quarter the gazetteer lacks, in the town already given ("PARACHINAR: ... twin blasts ...
            # one bomb went off in X Market", X unknown): the town stays the place
        if found is not None:
            event.where, event.place, event.placed_here = found, found.chain(), True
            event.towns = {event.place[0]} if found.rank < 1 else set()
            return


#: How many days before the published day a claim's day may lie to date the incident it claims.
CLAIM_BEFORE_DAYS = 2


def dated_by_claim(event: Event, dates: list[dict], claim: set[str]) -> None:
    """An incident dated only by the published day takes the day of a claim of it up to
    :data:`CLAIM_BEFORE_DAYS` before that day ("Al-Shabab claimed responsibility for the attack late on
    Friday", in a Saturday paper): a claim follows its deed within hours, so that day is nearer than
    the paper's. Never a later day, nor the day of another incident's claim."""
    if event.date_source != "published" or not event.date or event.date.get("start") is None:
        return
    for token in event.mentions[1:]:
        verb = next((a for a in token.ancestors if a.lemma_.lower() in claim and a.pos_ == "VERB"), None)
        if verb is None or not under_claim(token, claim):
            continue
        words = {t.i for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod")
                 for t in c.subtree} - {t.i for t in token.subtree}
        for row in sentence_days(verb.sent, dates):  # only the claim's sentence can hold its words
            span = token.doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand") \
                if row["value"] and row["start"] == row["end"] else None
            if span and span.root.i in words and \
                    0 < (event.date["start"] - row["start"]).days <= CLAIM_BEFORE_DAYS:
                event.date, event.date_source = row, "sentence"
                return


def first_told_date(ctx: DocContext, event: Event, dates: list[dict]) -> None:
    """An incident dated by a later sentence of its telling ("By Saturday afternoon the toll had risen
    to 16") or by the published day takes the day of an earlier sentence that tells it ("Gunmen
    stormed a hotel on Friday night, in the deadliest attack in months"), when that day lies up to a
    week before: the day it happened, not the day of the update. A headline's day is no such day, nor
    another day of the sentence its date already comes from. For one dated by the published day, the
    sentence before that gave the incident its place and tells no incident of its own tells it too
    ("Yesterday's service ended in grief at a church in Ikare. Gunmen attacked the church ...")."""
    if event.date is None or event.date.get("start") is None:
        return
    own = event.date.get("start_char")
    told = {ctx.sent_of[t.i].start: ctx.sent_of[t.i] for t in event.mentions}
    if event.date_source == "published" and event.where is not None and event.where.start < event.sent.start and \
            not ctx.told.get((setting := ctx.sent_of[event.where.start]).start):
        told[setting.start] = setting
    sents = sorted(told.items())
    for start, sent in sents:
        if start > event.sent.start or (own is not None and sent.start_char <= own < sent.end_char):
            break
        if ctx.view(sent).headline_like:
            continue
        days = [d for d in sentence_days(sent, dates) if d["start"] == d["end"]]
        if days and event.date["start"] - WEEK <= days[0]["start"] < event.date["start"]:
            # a dateline's day is the day the report was filed: a day the text gives up to two days
            # before it is the incident's (:func:`dated_by_mention`)
            event.date, event.date_source, event.said_date = days[0], "sentence", in_dateline(sent, days[0])
            return


def counted_before(ctx: DocContext, token: Token, earlier: list[Event]) -> Event | None:
    """The count of incidents told last before a singular noun in its paragraph, which the noun is one
    of ("carried out two attacks in two days ... The attack on Palma ...", "three blasts ... the blast at
    the market"): one of them, not all of them; None where the last told is no such count."""
    if not earlier or token.tag_ != "NN" or "\n\n" in ctx.text[earlier[-1].sent.end_char:token.idx]:
        return None
    told = earlier[-1]
    return told if told.trigger.tag_ == "NNS" and any(
        c.dep_ == "nummod" and (word_count(c) or 0) > 1 for c in told.trigger.children) else None


def clause_region(trigger: Token, twins: list[Token]) -> frozenset[int]:
    """The tokens of the trigger's clause (:func:`pipeline.assembly.incident_clause`) without the clauses
    of the other incidents of its type that its sentence tells."""
    clause = incident_clause(trigger)
    inside = set(range(clause.left_edge.i, clause.right_edge.i + 1))
    for twin in map(clause_of, twins):
        if twin.i != clause.i and clause.is_ancestor(twin):
            inside -= set(range(twin.left_edge.i, twin.right_edge.i + 1))
    return frozenset(inside)


def anchor(event: Event) -> Token:
    """The trigger an event of one sentence is read from: a verb before a noun, a singular noun before
    a plural ("militants, with mortars and bombs, attacked a post": "attacked", not "bombs")."""
    own = [t for t in event.told_here() if t not in event.answers] or event.told_here() or [event.trigger]
    return min(own, key=lambda t: (t.pos_ != "VERB", t.tag_ in ("NNS", "NNPS"), t.i))


def cluster_key(kind: str, date: dt.date | None, place: list[str], actors: list[str]) -> str:
    """Equal for rows of one real-world event reported in several documents: type, date, most
    specific place and actors agree."""
    parts = [kind, str(date or ""), (place[0] if place else "").lower(), ",".join(actors)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

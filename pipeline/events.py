"""Events of one parsed Doc: who did what to whom, where, when, and how many were killed.

Triggers are lemmas and token patterns from ``configs/events.yml``, found with spaCy's Matcher; a
kill verb whose subject or agent is a group or militants is an attack, and one whose agent is state
forces and whose victim is a named person a targeted killing. One event is made per trigger type
and sentence (two when coordinated triggers carry their own dates: "the 2003 arrest of A and the
capture of B in 2002"); a trigger that refers back ("claimed responsibility for the attack") adds
to the event already found. Arguments come from the event's sentence: actors from
:mod:`pipeline.roles`, the date from the ``dates`` rows, the place from the places that
:mod:`pipeline.places` resolved on the gazetteer, casualties from the ``figures`` rows attached to
kill and wound words.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import VERB

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from pipeline.assembly import (RE_TOLL_UPDATE, marked_other, mention_rows, merge_headline, merge_retold,
                               merge_same_incident,
                               narrows)
from pipeline.catalog import Catalog
from pipeline.config import Config
from pipeline.factuality import Sentence, factuality
from pipeline.figures import toll
from pipeline.normalize import sentence_table
from pipeline.place_choice import Resolved
from pipeline.roles import CLAIM, DENY, PERPETRATOR, SUSPECT, RoleReader

#: When one token triggers two types, the more specific wins.
PRIORITY = ["TARGETED_KILLING", "EXTRADITION", "ARREST", "ATTACK", "MILITARY_OPERATION", "AID"]
ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "its", "their"})
#: Words that set an incident before or after another: what they introduce is recalled ("after a bombing
#: in Kunduz killed 46"), not the story.
RECALLING = frozenset({"after", "before", "since", "following"})
#: Lemmas that say an attacker was caught alive.
CAUGHT = frozenset({"arrest", "capture", "detain", "apprehend", "nab", "foil", "defuse", "surrender"})
#: "The same day (as the shooting), a roadside bomb wounded three soldiers".
RE_SAME_DAY = re.compile(r"\b(?:the|that) same day\b", re.I)
#: Spans of time in "<span> after/before": days each.
SPAN_DAYS = {"hour": 0, "hours": 0, "day": 1, "days": 1, "week": 7, "weeks": 7}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def recalling_mark(trigger: Token) -> Token | None:
    """The "after"/"before" that opens the trigger's clause: "after militants stormed ...", "after a
    bombing ... killed 46" (the trigger as the clause's subject)."""
    clause = trigger if trigger.pos_ == "VERB" else trigger.head if trigger.dep_ in ("nsubj", "nsubjpass") else None
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in RECALLING), None) if clause else None


def recalled_span(trigger: Token) -> int | None:
    """Days from the story back to a recalled incident: "hours after a similar attack" 0, "a week
    after a bombing" -7, "two days before an attack" +2; None when no such span introduces it."""
    doc = trigger.doc
    word = trigger.head if trigger.dep_ == "pobj" else recalling_mark(trigger)
    if (word is None or word.lower_ not in ("after", "before")) and trigger.left_edge.i > 0:
        word = doc[trigger.left_edge.i - 1]  # "came two days after a similar attack in X killed 50", parsed apart
    if word is None or word.lower_ not in ("after", "before") or word.i < 1:
        return None
    unit = doc[word.i - 1].lower_
    if unit not in SPAN_DAYS:
        return None
    before = doc[word.i - 2].lower_ if word.i >= 2 else ""
    count = int(before) if before.isdigit() else NUMBERS.get(before, 1)
    days = SPAN_DAYS[unit] * count
    return -days if word.lower_ == "after" else days


#: The factuality of a trigger word that names something else ("an aid worker", "a rescue operation"),
#: beside the labels of :mod:`pipeline.factuality`.
OTHER_SENSE = "other-sense"
PRONOUNS = frozenset({"it", "they", "group", "organization", "organisation", "outfit", "faction", "militia"})
PERSON_PRONOUNS = frozenset({"him", "he", "his", "her", "she", "them"})
PART_MARKERS = frozenset({"including", "among", "of"})
#: Modifiers that make a plural trigger one incident: "twin blasts", "coordinated attacks".
#: Nouns whose "a ... of" makes several events one incident ("a series of attacks").
SERIES = frozenset({"series", "wave", "spate", "string", "pair", "set", "volley"})
ONE_INCIDENT = {"twin", "double", "triple", "coordinated", "simultaneous", "back-to-back", "serial", "multiple"}
#: Rank of a place that begins an organisation's or building's name ("Kabul Bank").
IN_NAME_RANK = 4
#: Rank of a place someone came from ("a man from Qalqilya stabbed ..."): below any place of the event.
ORIGIN_RANK = 4.5
#: Rank of a country named by a people's adjective ("Pakistani forces"): a victim's nationality as often.
DEMONYM_RANK = 4.2


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
    place: list[str] = field(default_factory=list)
    where: Resolved | None = None
    #: Whether ``where`` is named in the event's own sentence (not taken from the ones around it).
    placed_here: bool = False
    target: str | None = None
    killed: int | None = None
    wounded: int | None = None
    perpetrators_killed: int | None = None
    towns: set[str] = field(default_factory=set)
    #: Every trigger assembled into this event, its own first.
    mentions: list[Token] = field(default_factory=list)


class EventExtractor:
    """Build the ``events`` rows of a Doc; set up once per run."""

    def __init__(self, nlp: Language, config: Config, catalog: Catalog):
        settings = config.events
        self.words = {k: {w.lower() for w in v} for k, v in settings.words.items()}
        self.matcher = Matcher(nlp.vocab, validate=True)  # the types' multi-word patterns
        # Trigger lemmas are found by their hashes in the Doc's LEMMA column (numpy's isin): spaCy's
        # Matcher with one {"LEMMA": {"IN": [...]}} pattern gave the same tokens and was a third of
        # the events step (it tests its predicates at every token in Python); then (lemma, part of
        # speech) gives the types.
        self.lemma_types: dict[tuple[str, str], list[str]] = {}
        for name, kind in settings.types.items():
            for pos in ("NOUN", "VERB", "ADJ"):
                for lemma in getattr(kind.triggers, pos):
                    for tag in ([pos, "PROPN"] if pos == "NOUN" else [pos]):
                        self.lemma_types.setdefault((lemma, tag), []).append(name)
            if kind.triggers.patterns:
                self.matcher.add(name, kind.triggers.patterns)
        self.trigger_words = {lemma.lower() for lemma, _ in self.lemma_types}
        self.lemma_hashes = np.array(sorted({nlp.vocab.strings.add(lemma) for lemma, _ in self.lemma_types}),
                                     dtype=np.uint64)
        self.needs = {name: kind.needs for name, kind in settings.types.items()}
        self.other_incident = frozenset(self.words["other_incident"])
        self.counted = {name for name, kind in settings.types.items() if kind.casualties}
        self.not_with = {name: {w.lower() for w in kind.not_with} for name, kind in settings.types.items()}
        self.without_person = {name: kind.without_person for name, kind in settings.types.items() if kind.without_person}
        #: Types one incident may be read as (a strike: targeted killing or operation, by who was hit).
        self.related = {name: {other for other, k in self.without_person.items() if k == name} | (
            {self.without_person[name]} if name in self.without_person else set()) for name in settings.types}
        attack = settings.types["ATTACK"].triggers
        self.roles = RoleReader(settings.words, {w.lower() for w in attack.NOUN + attack.VERB})
        self.catalog = catalog
        self.cues = settings.factuality
        #: Nouns that name events ("blasts", "attacks"): a number of them is no casualty count.
        self.event_nouns = {w.lower() for kind in settings.types.values() for w in kind.triggers.NOUN} - \
            self.words["perpetrator"]
        self.doc: Doc | None = None
        self.text = ""
        self.sents: list[Span] = []
        self.sent_of: list[Span | None] = []
        self.places: list[Resolved] = []
        self.ents: tuple[Span, ...] = ()
        self.views: dict[int, Sentence] = {}
        self.told: dict[int, list[Event]] = {}
        self.first_told = -1

    def prepare(self, doc: Doc, places: list[Resolved] | None = None) -> None:
        """Read once per document what the rules look up often: its text (``Doc.text`` joins every
        token on each read), its entities (``Doc.ents`` and ``Span.ents`` rebuild them from every
        token on each read), which sentence each token is in (spaCy's ``Token.sent`` walks all
        sentences on each call), and its resolved places."""
        if self.doc is doc:
            return
        self.doc, self.text, self.ents, self.views = doc, doc.text, doc.ents, {}
        self.sent_of = sentence_table(doc)
        self.sents = list(dict.fromkeys(s for s in self.sent_of if s is not None))
        self.places = list(places or [])

    # -- triggers -------------------------------------------------------------------------------
    def triggers(self, doc: Doc) -> list[tuple[str, Token, str, str]]:
        """``(type, head token, rule, factuality)`` of every trigger, one type per token, in text order;
        factuality is ``asserted`` or why the mention is no incident (:mod:`pipeline.factuality`)."""
        self.prepare(doc)
        found: dict[int, tuple[str, Token, str]] = {}
        counts: dict[int, tuple[str, Token, str]] = {}
        others: dict[int, tuple[str, Token, str, str]] = {}
        columns = doc.to_array([LEMMA, POS]).reshape(-1, 2)
        hits = [(doc.vocab.strings[match_id], start, end) for match_id, start, end in self.matcher(doc)]
        for i in np.flatnonzero(np.isin(columns[:, 0], self.lemma_hashes)).tolist():
            token = doc[i]
            hits += [(kind, i, i + 1) for kind in self.lemma_types.get((token.lemma_, token.pos_), [])]
        hits.sort(key=lambda hit: (hit[1], hit[2]))
        inside = {i for _, start, end in hits for i in range(start + 1, end)}  # "strike" of "drone strike"
        for kind, start, end in hits:
            if end - start == 1 and start in inside:
                continue
            token = doc[start]
            if not self.needed(kind, self.sent_of[token.i]):
                continue
            if self.not_the_event(token, kind, end - start):  # "an aid worker": kept as a mention that is no incident
                label = "heading" if self.view(self.sent_of[token.i]).heading else OTHER_SENSE
                others.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}", label))
                continue
            if self.is_statistic(token):  # "71 attacks": kept as a mention that is no incident
                counts.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}"))
                continue
            if kind == "ATTACK" and self.by_state(token):
                kind = "MILITARY_OPERATION"
            if kind in ("ARREST", "EXTRADITION") and self.by_militants(token):  # "the attackers rounded up men"
                others.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}", OTHER_SENSE))
                continue
            if kind in self.without_person and not self.names_person(self.sent_of[token.i]):
                kind = self.without_person[kind]
            old = found.get(token.i)
            if old is None or PRIORITY.index(kind) < PRIORITY.index(old[0]):
                found[token.i] = (kind, token, f"{kind}:{doc[start:end].lemma_.lower()}")
        for ent in self.ents:
            if ent.label_ == "OPERATION" and ent.root.i not in found:
                found[ent.root.i] = ("MILITARY_OPERATION", ent.root, "MILITARY_OPERATION:named")
        verbs = np.flatnonzero(columns[:, 1] == VERB).tolist()
        verb_lemmas = columns[verbs, 0].tolist()
        kills = {h for h in set(verb_lemmas) if (word := doc.vocab.strings[h].lower()) in self.words["kill"]
                 and word not in self.words["claim"]}
        for i, lemma_hash in zip(verbs, verb_lemmas):
            if i not in found and lemma_hash in kills:
                token = doc[i]
                kind = self.kill_kind(token)
                if kind:
                    found[token.i] = (kind, token, f"{kind}:kill-by-{'group' if kind == 'ATTACK' else 'state'}")
        labelled = {i: (*found[i], factuality(found[i][1], self.view(self.sent_of[i]), self.cues)) for i in found}
        labelled.update({i: (*counts[i], "statistical") for i in counts if i not in found})
        labelled.update({i: others[i] for i in others if i not in labelled})
        return [labelled[i] for i in sorted(labelled)]

    def view(self, sent: Span) -> Sentence:
        """The sentence as :mod:`pipeline.factuality` reads it, made once per sentence of the document."""
        if (found := self.views.get(sent.start)) is None:
            found = self.views[sent.start] = Sentence(sent, self.cues, self.ents)
        return found

    def not_the_event(self, token: Token, kind: str, length: int) -> bool:
        """A trigger noun that is not the event: a modifier of another noun ("an aid worker", "a bomb
        disposal squad"; not "a bomb blast" or "the blast toll"), one of the type's ``not_with`` words
        before it ("a rescue operation"), or the manner of "with the assistance of"."""
        if token.pos_ not in ("NOUN", "PROPN") or length > 1:
            return False
        head = token.head
        word = head.lemma_.lower()
        if token.dep_ == "compound" and word not in self.trigger_words and word not in self.words["kill"] \
                and word not in self.words["wound"]:  # (any part of speech: "Bomber targets tent" parses "targets" a noun)
            return True
        if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.not_with.get(kind, ()) for c in token.children):
            return True
        return token.dep_ == "pobj" and head.lower_ == "with" and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children)

    def names_person(self, sent: Span) -> bool:
        """Does the sentence name a person other than as a speaker ("X said", "according to X")?"""
        for ent in self.view(sent).ents:
            if ent.label_ != "PERSON":
                continue
            head = ent.root.head
            if ent.root.dep_ == "nsubj" and head.lemma_.lower() in self.words["suspect"]:
                continue  # "X said": the speaker
            if ent.root.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and head.doc[head.i - 1].lower_ == "according":
                continue
            return True
        return False

    @staticmethod
    def is_statistic(token: Token) -> bool:
        """"71 attacks": a count of events, not one event ("2 suicide bombings", "twin blasts" are one)."""
        if token.tag_ not in ("NNS", "NNPS"):
            return False
        numbers = [c.text.replace(",", "") for c in token.children if c.dep_ == "nummod" and c.like_num]
        return any(n.isdigit() and int(n) > 3 for n in numbers) or any(
            c.lower_ in ("dozens", "hundreds", "scores", "thousands") for c in token.children)

    def by_state(self, token: Token) -> bool:
        """"Pakistani strikes", "the Revolutionary Guards fired", "drone attacks", "the army shelled the
        area and bombed hideouts": a state's forces, not militants (a country as a subject is not read:
        the small model takes a dateline, "KHAR, Pakistan - A bomber attacked", for one)."""
        doers = [c for c in token.children if c.dep_ in ("amod", "poss", "compound", "nsubj")
                 and c.ent_type_ != "MILITANT_GROUP"]
        if token.pos_ == "VERB" and token.dep_ in ("conj", "advcl", "xcomp") and not any(c.dep_ == "nsubj" for c in token.children):
            doers += [c for c in token.head.children if c.dep_ == "nsubj" and c.ent_type_ != "MILITANT_GROUP"]
        return any(d.ent_type_ == "NORP" or (d.dep_ == "poss" and d.ent_type_ == "GPE")
                   or (d.dep_ != "poss" and d.lemma_.lower() in self.words["state_forces"]) for d in doers)

    def by_militants(self, token: Token) -> bool:
        """"the attackers rounded up men", "militants seized two policemen": no arrest by a state."""
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
        subjects += [g for c in subjects if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return any(c.ent_type_ == "MILITANT_GROUP" or c.lemma_.lower() in self.words["perpetrator"]
                   or c.lemma_.lower() in self.words["attacker"] - {"member", "unit", "leader", "spokesman",
                                                                     "spokesperson", "commander"} for c in subjects)

    def needed(self, kind: str, sent: Span) -> bool:
        """A type with ``needs`` counts only when its sentence holds one of those words or a named operation."""
        need = self.needs.get(kind)
        if need is None:
            return True
        view = self.view(sent)
        lowered = view.text.lower()
        return any(w in lowered for w in self.words[need]) or any(e.label_ == "OPERATION" for e in view.ents)

    def kill_kind(self, verb: Token) -> str | None:
        """"ISKP killed", "was killed by militants": an attack; "killed by American special forces"
        with a named person killed: a targeted killing."""
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
        agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for agent in agents:
            lemma = agent.lemma_.lower()
            if agent.ent_type_ == "MILITANT_GROUP" or lemma in self.words["attacker"]:
                return "ATTACK"
            if lemma in self.words["state_forces"] and self.victim_person(verb):
                return "TARGETED_KILLING"
        return None

    @staticmethod
    def victim_person(verb: Token) -> bool:
        victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if verb.dep_ == "relcl":
            victims.append(verb.head)
        return any(v.ent_type_ == "PERSON" for v in victims)

    # -- events ---------------------------------------------------------------------------------
    def extract(self, doc_id: str, doc: Doc, published: dt.date | None, dates: list[dict],
                figures: list[dict], places: list[Resolved] | None = None) -> list[dict]:
        """The ``events`` rows of one document; ``places``: its places (:mod:`pipeline.places`)."""
        return self.extract_all(doc_id, doc, published, dates, figures, places)[0]

    def extract_all(self, doc_id: str, doc: Doc, published: dt.date | None, dates: list[dict],
                    figures: list[dict], places: list[Resolved] | None = None) -> tuple[list[dict], list[dict]]:
        """The ``events`` rows of one document (one per incident) and its ``event_mentions`` rows (one
        per trigger, with its factuality and the incident it was assembled into)."""
        self.doc = None
        self.prepare(doc, places)
        events: list[Event] = []
        dismissed: list[tuple[str, Token, str]] = []
        by_sentence: dict[int, list[Event]] = {}
        for kind, token, rule, factuality in self.triggers(doc):
            if factuality != "asserted":
                dismissed.append((kind, token, factuality))
                continue
            sent = self.sent_of[token.i]
            sent_events = by_sentence.setdefault(sent.start, [])
            same = [e for e in sent_events if e.type == kind]
            earlier = [e for e in events if e.type == kind and e.sent.start < sent.start]
            if same and not self.separate(same[-1].trigger, token, dates) and \
                    self.recalled(token) == self.recalled(same[-1].trigger):
                same[-1].mentions.append(token)
                continue
            if not same and earlier and (self.refers_back(token, dates) or self.under_claim(token)):
                self.antecedent(earlier, token).mentions.append(token)  # "claimed responsibility for the attack"
                continue
            event = Event(kind, token, sent, rule, mentions=[token])
            events.append(event)
            sent_events.append(event)
        self.told = {}  # sentence start -> the events that sentence tells of
        self.first_told = events[0].sent.start if events else -1
        for event in events:
            for token in event.mentions:
                self.told.setdefault(self.sent_of[token.i].start, []).append(event)
        for event in events:
            event.trigger = anchor(event)
            others = [e.trigger for e in by_sentence[event.sent.start] if e is not event]
            self.fill(event, doc, published, dates, figures, others)
        self.attach_claims(doc, events)
        self.date_recalled(events)
        dismissed += [(e.type, t, "generic") for e in events if not self.specific(e) for t in e.mentions]
        events = [e for e in events if self.specific(e)]
        events = merge_same_incident(merge_retold(merge_headline(self.text, events, self.related)), self.text,
                                     self.other_incident)
        rows = [self.row(doc_id, e) for e in events]
        return rows, mention_rows(doc_id, self.sent_of, events, rows, dismissed)

    def date_recalled(self, events: list[Event]) -> None:
        """An incident recalled against the story's with no date of its own ("hours after a similar
        attack in Mastung", "a week after a bombing in Kunduz", "the same day as the shooting") takes
        the story's day moved by that span, ``date_source`` "recalled": the story is the first
        incident of its sentence-dated ones that is not itself recalled."""
        story = next((e for e in events if e.date_source == "sentence" and not self.background(e)
                      and e.date["start"] == e.date["end"]), None)
        if story is None:
            return
        for event in events:
            if event.date_source == "sentence" or event is story:
                continue
            same_day = RE_SAME_DAY.search(self.view(event.sent).text)
            since = self.since_story(event.sent)
            if not same_day and since is None and not self.background(event):
                continue
            days = 0 if same_day else since if since is not None and not self.background(event) \
                else recalled_span(event.trigger)
            if days is not None:
                day = story.date["start"] + dt.timedelta(days=days)
                event.date, event.date_source = {"value": day.isoformat(), "start": day, "end": day}, "recalled"

    def antecedent(self, earlier: list[Event], token: Token) -> Event:
        """The incident "the attack" speaks of: the last one told in its paragraph, else the story's
        (the first); never one recalled against the story, nor a plural "attacks"."""
        told = [e for e in earlier if not self.background(e)] or earlier
        told = [e for e in told if e.trigger.tag_ not in ("NNS", "NNPS")] or told
        if "\n\n" not in self.text[told[-1].sent.end_char:token.idx]:
            return told[-1]
        return told[0]

    def since_story(self, sent: Span) -> int | None:
        """Days from the story to what this sentence tells: "Hours after the explosion, police
        arrested two men" 0, "two days after the attack" 2; None without such a phrase."""
        for token in sent:
            if token.dep_ == "pobj" and token.head.lower_ in ("after", "following") and \
                    token.lemma_.lower() in self.trigger_words and any(c.lower_ in ("the", "this") for c in token.children):
                span = recalled_span(token)
                if span is not None:
                    return -span
        return None

    def background(self, event: Event) -> bool:
        """An incident recalled to set the story in time ("a week after a bombing in Kunduz", "a similar
        attack"): "the attack" and a claim later in the text speak of the story's incident, not of it."""
        return self.recalled(event.trigger)

    def recalled(self, trigger: Token) -> bool:
        """Is the trigger's incident recalled against another: "a similar attack", "after a bombing",
        "three days after a commander was shot dead"?"""
        head = trigger.head
        if marked_other(trigger, self.other_incident):
            return True
        # "after" alone may tell the story's own sequence ("the bus fell into a ravine after an
        # explosion"); "a week after", "hours after" set another incident against it
        if trigger.dep_ == "pobj" and head.lower_ in RECALLING:
            return recalled_span(trigger) is not None  # "a week after a bombing in Kunduz"
        if recalling_mark(trigger) is not None:
            return recalled_span(trigger) is not None
        clause = trigger.head  # "three days after a commander was shot dead by gunmen": the gunmen too
        for _ in range(3):
            if clause.pos_ == "VERB":
                return recalling_mark(clause) is not None and recalled_span(clause) is not None
            if clause.head is clause:
                return False
            clause = clause.head
        return False

    def separate(self, first: Token, second: Token, dates: list[dict]) -> bool:
        """Two triggers of one type in a sentence are two events when coordinated and dated apart."""
        linked = second.head == first or first.head == second or second in first.conjuncts
        return linked and bool(self.dates_in(first, dates, own=True)) and bool(self.dates_in(second, dates, own=True))

    def refers_back(self, token: Token, dates: list[dict]) -> bool:
        """"the attack", "the bombing": a noun that points back, with no date or place of its own
        (what a clause after it says, "the attack to avenge a killing in August", is not its own)."""
        dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        if token.pos_ != "NOUN" or not dets & ANAPHORIC:
            return False
        own = own_words(token)
        own_place = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in own if t.i != token.i)
        own_date = any(d["value"] and any(t.idx <= d["start_char"] < t.idx + len(t) for t in own) for d in dates)
        return not own_place and not own_date

    def specific(self, event: Event) -> bool:
        """An incident recalled against the story's ("the previous attack") is one only with a date,
        a place of its own or a toll. A plural trigger ("attacks in Balochistan have risen") is an event only with a town or a day
        in its own sentence, or casualties when it is not a bare plural ("twin blasts kill 73", "2
        suicide bombings in Kabul"; not "1,081 people killed in terrorist attacks")."""
        day = event.date_source == "sentence" and event.date and event.date["start"] == event.date.get("end")
        if (event.killed or 0) > self.cues.max_incident_toll and not day and self.view(event.sent).period_only:
            return False  # "have killed tens of thousands since 2009", "killed more than 600 ... last year"
        if self.recalled(event.trigger) and event.date_source != "sentence" and not event.placed_here \
                and event.killed is None and event.wounded is None:
            return False  # "better planned than the previous attack": no date, place or toll to tell it by
        if event.trigger.tag_ not in ("NNS", "NNPS") or any(e.label_ == "OPERATION" for e in self.view(event.sent).ents):
            return True
        day = event.date_source == "sentence" and event.date and event.date["start"] == event.date.get("end")
        town = bool(event.place) and event.place[0] in event.towns and event.place[0] in paragraph(self.text, event.sent)
        casualties = event.killed is not None or event.wounded is not None
        return bool(day or town or (casualties and not self.generic(event.trigger)))

    def generic(self, token: Token) -> bool:
        """A bare plural event noun ("killed in terrorist attacks") names a kind of event, not some
        events: no determiner, number or possessive, and no modifier that makes a set one incident
        ("twin blasts"). Attackers ("gunmen stormed") are people, never a kind of event."""
        if token.lemma_.lower() in self.words["attacker"]:
            return False
        if token.dep_ in ("pobj", "conj") and self.in_series(token):
            return False  # "a series of car bomb and suicide attacks": one coordinated incident
        return not any(c.dep_ in ("det", "nummod", "poss") or c.lower_ in ONE_INCIDENT for c in token.children)

    @staticmethod
    def in_series(token: Token) -> bool:
        """"a series of attacks", "a wave of bombings": the events of one coordinated incident."""
        while token.dep_ == "conj":
            token = token.head
        of = token.head
        return token.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in SERIES and any(
            c.dep_ == "det" and c.lower_ in ("a", "the", "this") for c in of.head.children)

    def under_claim(self, token: Token) -> bool:
        """A trigger inside a claim ("X claimed it, saying it had targeted a party") retells the event."""
        for ancestor in token.ancestors:
            if ancestor.lemma_.lower() in self.words["claim"]:
                return True
        return False

    def fill(self, event: Event, doc: Doc, published: dt.date | None, dates: list[dict], figures: list[dict],
             others: list[Token]) -> None:
        # a recalled incident has only the dates of its own clause: "Monday's attack came three days
        # after a commander was shot dead" does not date the shooting Monday
        found = self.dates_in(event.trigger, dates, own=self.recalled(event.trigger), sent=event.sent)
        if found:
            event.date, event.date_source = found[0], "sentence"
        elif published is not None:
            event.date, event.date_source = {"start": published, "end": published}, "published"
        event.where = self.place(event, others)
        event.placed_here = event.where is not None and event.sent.start <= event.where.start < event.sent.end
        event.place = event.where.chain() if event.where else []
        event.towns = {event.place[0]} if event.where and event.where.rank < 1 else set()
        event.target = self.target(event)
        self.add_actors(event, event.sent)
        self.casualties(event, doc, figures, dates)

    # -- dates and places ------------------------------------------------------------------------
    @staticmethod
    def dates_in(trigger: Token, dates: list[dict], *, own: bool, sent: Span | None = None) -> list[dict]:
        """Date rows with a value in the trigger's subtree (``own``) or sentence, nearest first."""
        sent = sent if sent is not None else trigger.sent
        subtree = trigger.doc[trigger.left_edge.i: trigger.right_edge.i + 1]
        span = subtree if own else sent
        rows = [d for d in dates if d["value"] and span.start_char <= d["start_char"] and d["end_char"] <= span.end_char]
        if own and trigger.dep_ == "ROOT":
            return []
        return sorted(rows, key=lambda d: (not (subtree.start_char <= d["start_char"] < subtree.end_char),
                                           abs(d["start_char"] - trigger.idx)))

    def place(self, event: Event, others: list[Token]) -> Resolved | None:
        """Where the trigger's own phrase sets another incident than the story's ("after a similar
        attack in Mastung District"), else the most specific place of the event's sentence (or of the two before, or the two after in its
        paragraph; a town there refines a province or country of the sentence); places that belong to
        another event of the sentence ("... and the capture of B in Mardan") are left out."""
        own = set(range(event.trigger.left_edge.i, event.trigger.right_edge.i + 1))
        theirs = {t.i for other in others for t in nominal(other)}
        theirs = theirs - own if event.trigger.i in theirs else theirs
        if marked_other(event.trigger, self.other_incident):  # "after a similar attack in Mastung District"
            setting = {t.i for t in own_words(event.trigger)} - theirs
            in_setting = [p for p in self.places if p.start in setting and not (p.origin or p.border or p.demonym or p.in_name)]
            if in_setting:
                return min(in_setting, key=lambda p: (p.rank, abs(p.start - event.trigger.i)))
        sent, chosen = event.sent, None
        for span in (sent, *self.previous_sentences(sent), *self.following_sentences(sent)):
            found = self.places_in(span, event.trigger, theirs)
            if found is not None and (chosen is None or (found.rank < chosen.rank and narrows(chosen, found))):
                chosen = found  # "in Borno State ... overran positions in Monguno": the town
            if chosen is not None and chosen.rank < 2:
                break
        return chosen

    @staticmethod
    def names_something_else(piece: Span) -> bool:
        """A place that begins an organisation's or building's name ("Kabul Bank", "Pakistan Stock
        Exchange") says less about where the event was than a place named on its own; "University
        of Karachi" still places it in Karachi."""
        doc = piece.doc
        after = doc[piece.end] if piece.end < len(doc) else None
        return (after is not None and after.ent_iob_ == "I" and after.pos_ in ("PROPN", "NOUN")
                and after.ent_type_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "NORP"))

    def previous_sentences(self, sent: Span) -> list[Span]:
        return list(reversed([s for s in self.sents if s.start < sent.start]))[:2]

    def following_sentences(self, sent: Span) -> list[Span]:
        """The next two sentences of the paragraph ("The attack occurred in the city of X")."""
        end = self.text.find("\n\n", sent.end_char)
        end = len(self.text) if end < 0 else end
        return [s for s in self.sents if s.start > sent.start and s.start_char < end][:2]

    def places_in(self, span: Span, trigger: Token, skip: set[int] = frozenset()) -> Resolved | None:
        """The most specific place in ``span``, nearest the trigger among equals; a place that only
        begins a name ("Kabul Bank") when there is no other."""
        ranked = []
        for place in self.places:
            if not (span.start <= place.start and place.end <= span.end) or place.start in skip:
                continue
            rank = IN_NAME_RANK if place.in_name or self.names_something_else(span.doc[place.start:place.end]) else \
                ORIGIN_RANK if place.origin or place.border or place.dateline else DEMONYM_RANK if place.demonym else place.rank
            ranked.append((rank, abs(place.start - trigger.i), place.start, place))
        return min(ranked, key=lambda r: r[:3])[3] if ranked else None

    # -- who and whom ----------------------------------------------------------------------------
    def add_actors(self, event: Event, sent: Span) -> None:
        for ent in self.view(sent).ents:
            if ent.label_ != "MILITANT_GROUP" or not ent.ent_id_:
                continue
            role = self.roles.role(ent)
            entity = self.resolve_branch(ent)
            if role == DENY:
                event.denied.add(entity)
            elif role in (CLAIM, PERPETRATOR, SUSPECT):
                event.actors.setdefault(entity, role)
        for token in sent:
            if token.lower_ not in PRONOUNS or token.dep_ != "nsubj":
                continue
            if any(c.dep_ == "appos" for c in token.children):
                continue  # "the umbrella group, Taliban, denied": it names its own group
            role = self.roles.as_subject(token, token.head, "nsubj")
            if role == DENY and token.pos_ != "PRON":
                continue
            group = self.preceding_group(token) if role in (CLAIM, PERPETRATOR, DENY) else None
            if group and role == DENY:
                event.denied.add(group)  # "... said that it had no part in the shooting"
            elif group:
                event.actors.setdefault(group, PERPETRATOR)

    def resolve_branch(self, ent: Span) -> str:
        """"This ISIS branch": the branch of that group last named before, if any."""
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is None or nxt.lemma_.lower() not in self.words["branch"]:
            return ent.ent_id_
        for earlier in reversed([e for e in self.ents if e.end <= ent.start and e.label_ == "MILITANT_GROUP"]):
            entry = self.catalog.entries.get(earlier.ent_id_)
            if entry is not None and getattr(entry, "parent", None) == ent.ent_id_:
                return earlier.ent_id_
        return ent.ent_id_

    def preceding_group(self, token: Token) -> str | None:
        earlier = [e for e in self.ents if e.label_ == "MILITANT_GROUP" and e.ent_id_ and e.end <= token.i
                   and token.i - e.start < 120]
        return earlier[-1].ent_id_ if earlier else None

    def target(self, event: Event) -> str | None:
        """Who or what was attacked, arrested, killed or extradited; a pronoun takes the person named before."""
        trigger = event.trigger
        deps = ("dobj", "nsubjpass") if trigger.pos_ == "VERB" else ()
        picks = [c for c in trigger.children if c.dep_ in deps]
        if trigger.pos_ == "NOUN":
            picks += [c for c in trigger.children if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS]  # "his arrest"
        picks += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "at")
                  for g in c.children if g.dep_ == "pobj"]
        if trigger.dep_ == "relcl" and trigger.pos_ == "VERB":
            picks.append(trigger.head)
        for pick in picks:
            if pick.lower_ in PERSON_PRONOUNS:
                person = [e for e in self.ents if e.label_ == "PERSON" and e.end <= pick.i]
                if person:
                    return person[-1].text
                continue
            if pick.ent_type_ == "MILITANT_GROUP" and event.type == "ATTACK":
                continue
            end = pick.i + 1
            if pick.ent_iob_ in ("B", "I"):
                while end < len(pick.doc) and pick.doc[end].ent_iob_ == "I":
                    end += 1
            return trigger.doc[pick.left_edge.i: end].text[:120]  # the noun phrase, without its "in X"
        return None

    def attach_claims(self, doc: Doc, events: list[Event]) -> None:
        """A claim, suspicion or denial in a sentence with no event of its own goes to the incident
        before it that "the attack" would speak of (:meth:`antecedent`), else the next one."""
        if not events:
            return
        own = {e.sent.start for e in events}
        for sent in self.sents:
            if sent.start in own or not any(e.label_ == "MILITANT_GROUP" for e in self.view(sent).ents):
                continue
            before = [e for e in events if e.sent.start < sent.start and e.type == "ATTACK"]
            before = before or [e for e in events if e.sent.start < sent.start and e.type == "TARGETED_KILLING"]
            after = [e for e in events if e.sent.start > sent.start and e.type == "ATTACK"]
            event = self.antecedent(before, sent[0]) if before else (after[0] if after else None)
            if event is not None and ((before and event is before[0]) or event.sent.start >= sent.start - 400):
                self.add_actors(event, sent)  # the story's claim may come at the end of a long text

    # -- casualties ------------------------------------------------------------------------------
    def casualties(self, event: Event, doc: Doc, figures: list[dict], dates: list[dict]) -> None:
        if event.type not in self.counted:
            return
        for sent in [event.sent] + self.toll_sentences(event):
            if sent is not event.sent and any(e is not event and (self.background(e) or self.dated_apart(sent, event, dates))
                                              for e in self.told.get(sent.start, [])):
                break  # another incident: "a week after a bombing that killed 50", "In 2022, a bomber killed 50"
            rows = [f for f in figures if sent.start_char <= f["start_char"] < sent.end_char]
            killed, wounded, perps = self.count(doc, rows, by_state=event.type != "ATTACK")
            update = sent is not event.sent and RE_TOLL_UPDATE.search(sent.text)  # "the toll rose to 54"
            event.killed = killed if event.killed is None or (update and (killed or 0) > event.killed) else event.killed
            event.wounded = wounded if event.wounded is None or (update and (wounded or 0) > event.wounded) else event.wounded
            event.perpetrators_killed = event.perpetrators_killed if event.perpetrators_killed is not None else perps
            if event.perpetrators_killed is None and event.type == "ATTACK":
                event.perpetrators_killed = self.attackers_dead(sent)
        if event.killed is None:
            event.killed = self.one_victim(event.sent)
        if event.wounded is None:
            event.wounded = self.one_victim(event.sent, "wounded")

    def toll_sentences(self, event: Event) -> list[Span]:
        """Where a toll of the event may stand: the next three sentences of its paragraph; for the
        story's first sentence, the next paragraph too (a lead, then "At least 11 bodies were brought in")."""
        paragraph_end = self.text.find("\n\n", event.sent.end_char)
        paragraph_end = len(self.text) if paragraph_end < 0 else paragraph_end
        if event.sent is self.sents[0] or event.sent.start == self.first_told:
            after = self.text.find("\n\n", paragraph_end + 2)
            paragraph_end = len(self.text) if after < 0 else after
        return [s for s in self.sents if event.sent.end <= s.start and s.start_char < paragraph_end][:3]

    @staticmethod
    def dated_apart(sent: Span, event: Event, dates: list[dict]) -> bool:
        """Does the sentence give a date that is not the event's ("In September 2022, a bomber killed 50")?"""
        if event.date_source != "sentence":
            return False
        return any(d["start"] and (d["end"] < event.date["start"] or event.date["end"] < d["start"])
                   for d in dates if sent.start_char <= d["start_char"] < sent.end_char)

    def attackers_dead(self, sent: Span) -> int | None:
        """Attackers the sentence says died, with no figure for them: suicide bombers (each one: "two
        suicide bombers"), one who "blew himself up" or "committed suicide", one "shot dead by
        police" or "killed" in the passive. GTD counts them in its toll; the scorer adds them."""
        found = 0
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma == "bomber" and any(c.lower_ == "suicide" for c in token.children):
                number = next((c for c in token.children if c.dep_ == "nummod"), None)
                count = word_count(number) if number is not None else 1
                found = max(found, count or 1)
            elif token.lower_ in ("himself", "herself", "themselves") and token.head.lemma_.lower() in ("blow", "kill"):
                found = max(found, 2 if token.lower_ == "themselves" else 1)
            elif lemma == "suicide" and token.head.lemma_.lower() == "commit":
                found = max(found, 1)
            elif token.dep_ == "nsubjpass" and token.tag_ in ("NN", "NNP", "PRP") and self.dies(token.head) and (
                    lemma in self.words["perpetrator"] | {"perpetrator", "shooter", "attacker", "knifeman"}
                    or self.by_forces(token.head)):
                found = max(found, 1)  # "the attacker was shot dead", "he was killed by police"
            elif token.dep_ == "dobj" and token.tag_ in ("NN", "NNP", "PRP") and self.dies(token.head) and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in self.words["state_forces"] for c in token.head.children):
                found = max(found, 1)  # "police shot him dead"
        if found and any(t.lemma_.lower() in CAUGHT for t in sent):
            return None  # "a suicide bomber was arrested before he could detonate"
        return found or None

    def dies(self, verb: Token) -> bool:
        """"killed", "shot dead", "shot and killed"."""
        return self.word_kind(verb) == "killed" or any(
            (c.dep_ in ("acomp", "oprd", "advmod", "xcomp") and c.lower_ == "dead")
            or (c.dep_ == "conj" and self.word_kind(c) == "killed") for c in verb.children)

    def by_forces(self, verb: Token) -> bool:
        """"... by police", "by security forces": the agent of a passive verb is a state's force."""
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
        return any(g.lemma_.lower() in self.words["state_forces"] or g.lemma_.lower() in ("officer", "policeman")
                   for v in verbs for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")

    def one_victim(self, sent: Span, kind: str = "killed") -> int | None:
        """1 where the event's sentence kills (or wounds) one person without a number: "a police
        constable was gunned down", "a woman was stabbed to death", a named person killed, "wounding a
        man"; None otherwise."""
        for token in sent:
            if kind == "wounded":
                killing = token.pos_ == "VERB" and self.word_kind(token) == "wounded"
            else:
                killing = token.pos_ == "VERB" and (self.dies(token) or any(
                    to_death(c) or (c.dep_ == "prt" and c.lower_ == "down" and token.lemma_.lower() == "gun")
                    for c in token.children))
            if not killing or token.lemma_.lower() in self.words["claim"]:
                continue
            victims = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
            if any(self.single_person(v) for v in victims):
                return 1
        return None

    def single_person(self, token: Token) -> bool:
        """"a policeman", "one soldier", "Maulana X" (a named person), never a plural or a count."""
        if token.tag_ in ("NNS", "NNPS") or any(c.like_num and c.lower_ not in ("one", "1") for c in token.children):
            return False
        if token.ent_type_ == "PERSON":
            return True
        return any(c.lower_ in ("a", "an", "one") and c.dep_ in ("det", "nummod") for c in token.children) and \
            token.lemma_.lower() not in self.words["perpetrator"]

    def count(self, doc: Doc, rows: list[dict], by_state: bool = False) -> tuple[int | None, int | None, int | None]:
        """Killed and wounded in one sentence: parts coordinated under one kill word are added
        ("13 service members and about 170 civilians"); parts after "including" are not; attackers
        killed are counted apart, except in a state's operation (``by_state``), whose toll they are."""
        totals: dict[tuple[str, int], float] = {}
        perps = None
        for row in rows:
            span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
            if span is None or row.get("unit") in ("USD", "PKR", "percent"):
                continue
            kind, head = self.casualty_kind(span)
            if kind is None:
                continue
            noun = (row.get("unit") or "").split()[-1:]
            if noun and (noun[0] in self.event_nouns or noun[0].rstrip("s") in self.event_nouns):
                continue  # "80 injured in 2 suicide car bomb blasts": a number of attacks, not of people
            if noun and (noun[0] in self.words["perpetrator"] or noun[0].rstrip("s") in self.words["perpetrator"]):
                if not by_state:  # the militants an operation killed are its toll
                    perps = toll(row["value"]) if kind == "killed" else perps
                    continue
            totals.setdefault((kind, head), []).append(row["value"])
            totals[(kind, head)] += [1] * len(self.single_conjuncts(span.root))
        sums = {key: whole(values) for key, values in totals.items()}
        killed = [v for (k, _), v in sums.items() if k == "killed"]
        wounded = [v for (k, _), v in sums.items() if k == "wounded"]
        return (toll(max(killed)) if killed else None, toll(max(wounded)) if wounded else None, perps)

    def single_conjuncts(self, number: Token) -> list[Token]:
        """The single people coordinated with a counted noun: "Six soldiers, 6 civilians and a police
        officer were killed" (the officer), "15 police personnel and a driver" (the driver)."""
        noun = number.head if number.dep_ == "nummod" else None
        if noun is None or noun.dep_ == "conj":
            return []  # counted once, from the first noun of the list
        doc = noun.doc
        twins = [c for c in noun.head.children if c.dep_ == noun.dep_ and c.i > noun.i and any(
            t.dep_ == "cc" for t in doc[noun.i + 1:c.i])]  # "15 personnel and a driver were killed", parsed as two subjects
        return [c for c in [*noun.conjuncts, *twins] if c.tag_ == "NN" and not any(d.like_num for d in c.children)
                and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
                and c.lemma_.lower() not in self.words["perpetrator"]]

    def casualty_kind(self, span: Span) -> tuple[str | None, int]:
        """``killed`` or ``wounded`` when the figure is attached to such a word, and that word's index.

        In order: a part of a larger number ("including 13 policemen") counts for nothing; a kill
        or wound verb just before ("injures 27") or word just after ("28 injured", "dozens of
        others injured") decides; else the parse is climbed through nouns, never through another verb.
        """
        doc, start = span.doc, span.start
        if self.is_part(span.root) or doc[span.end: span.end + 2].text.lower() in ("of them", "of whom", "of those"):
            return None, -1  # "147 people, 132 of them children"
        if start > 0 and doc[start - 1].pos_ == "VERB" and self.word_kind(doc[start - 1]):
            return self.word_kind(doc[start - 1]), start - 1
        for tok in doc[span.end: min(span.end + 4, len(doc))]:
            if self.word_kind(tok):
                return self.word_kind(tok), tok.i
            if tok.pos_ not in ("NOUN", "ADJ", "ADV", "AUX", "DET", "PART") and tok.lower_ != "of":
                break
        token = span.root
        for _ in range(5):
            head = token.head
            kind = self.word_kind(head)
            if kind:
                return kind, head.i
            for child in head.children:
                if child.dep_ in ("oprd", "acomp", "xcomp", "nsubj") and child.i != token.i and self.word_kind(child):
                    return self.word_kind(child), head.i  # "left 25 victims dead", "the death toll rose to"
                if child.dep_ == "conj" and child.pos_ == "VERB" and token.dep_ in ("nsubjpass", "nsubj") \
                        and self.word_kind(child):
                    return self.word_kind(child), child.i  # "Three officers were shot and injured"
                if to_death(child):
                    return "killed", head.i  # "ten men were shot to death", "stabbed 4 people to death"
            if head is token or head.pos_ in ("VERB", "AUX"):
                break
            token = head
        return None, -1

    @staticmethod
    def is_part(token: Token) -> bool:
        """Is the number under "including"/"among", or a breakdown in apposition to another number?"""
        for _ in range(5):
            head = token.head
            if token.dep_ == "pobj" and head.lower_ in PART_MARKERS - {"of"}:
                return True
            if token.dep_ == "appos" and any(c.like_num for c in head.children):
                return True
            if head is token or token.dep_ not in ("nummod", "conj", "pobj", "appos", "quantmod", "advmod", "compound"):
                return False
            token = head
        return False

    def word_kind(self, token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.pos_ == "VERB" and any(to_death(c) for c in token.children):
            return "killed"  # "stabbed 4 people to death"
        if lemma in self.words["wound"] or lower in self.words["wound"]:
            return "wounded"
        if lemma in self.words["kill"] or lower in self.words["kill"]:
            return "killed"
        return None

    # -- rows ----------------------------------------------------------------------------------
    def row(self, doc_id: str, event: Event) -> dict:
        actors = sorted(a for a in event.actors if a not in event.denied)
        if any(event.actors[a] in (CLAIM, PERPETRATOR) for a in actors):  # suspects only where nobody claims
            actors = [a for a in actors if event.actors[a] != SUSPECT]
        start, end = event.sent.start_char, event.sent.end_char
        date = event.date or {}
        location = ", ".join(event.place) or None
        where = event.where
        found = where.place if where is not None else None
        signals = [event.date_source == "sentence", bool(location), bool(actors or event.target),
                   event.killed is not None or event.wounded is not None]
        return {"event_id": hashlib.sha256(f"{doc_id}:{start}:{event.type}:{event.trigger.i}".encode()).hexdigest()[:16],
                "doc_id": doc_id, "start_char": start, "end_char": end, "event_type": event.type,
                "date_start": date.get("start"), "date_end": date.get("end"), "date_source": event.date_source,
                "location": location, "province": where.province if where else None,
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


def word_count(token: Token) -> int | None:
    """A small number written as a digit or a word ("two", "3"), else None."""
    text = token.lower_.replace(",", "")
    return int(text) if text.isdigit() else NUMBERS.get(text)


def to_death(token: Token) -> bool:
    """Is the token the "to" of "shot to death", "stabbed four people to death"?"""
    return token.dep_ == "prep" and token.lower_ == "to" and any(g.lower_ == "death" for g in token.children)


def anchor(event: Event) -> Token:
    """The trigger an event of one sentence is read from: a verb before a noun, a singular noun before
    a plural ("militants, with mortars and bombs, attacked a post": "attacked", not "bombs")."""
    own = [t for t in event.mentions if event.sent.start <= t.i < event.sent.end] or [event.trigger]
    return min(own, key=lambda t: (t.pos_ != "VERB", t.tag_ in ("NNS", "NNPS"), t.i))


def paragraph(text: str, sent: Span) -> str:
    """The text of the paragraph (blank-line separated) of ``text`` (the Doc's) that holds a sentence."""
    start = text.rfind("\n\n", 0, sent.start_char)
    end = text.find("\n\n", sent.end_char)
    return text[start + 2 if start >= 0 else 0: end if end >= 0 else len(text)]


#: Prepositions whose phrase on an event noun says where or when it was ("the attack in Quetta on Friday").
SETTING_PREPS = frozenset({"in", "on", "at", "near", "outside", "inside", "of", "during"})


def own_words(token: Token) -> list[Token]:
    """The event noun with its modifiers and the phrases that set it in place or time ("the 2014
    attack in Karachi"), not others ("the attack through proxy groups amid tensions over X in 2025")."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nummod", "poss", "npadvmod", "nmod"):
            out.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in SETTING_PREPS:
            out.append(child)
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                out.append(obj)
                out.extend(t for c in obj.children if c.dep_ != "prep" for t in c.subtree)
    return out


def nominal(token: Token) -> list[Token]:
    """The trigger noun's phrase without the clauses attached to it."""
    out = [token]
    for child in token.children:
        if child.dep_ not in ("acl", "relcl", "advcl", "xcomp", "ccomp"):
            out.extend(child.subtree)
    return out


def whole(values: list[float]) -> float:
    """Figures under one kill or wound word: added up ("13 service members and about 170
    civilians"), unless the others are a breakdown of the largest ("40 people, 6 soldiers and 34
    civilians")."""
    largest = max(values)
    rest = sum(values) - largest
    return largest if len(values) > 2 and rest == largest else sum(values)


def cluster_key(kind: str, date: dt.date | None, place: list[str], actors: list[str]) -> str:
    """Equal for rows of one real-world event reported in several documents: type, date, most
    specific place and actors agree."""
    parts = [kind, str(date or ""), (place[0] if place else "").lower(), ",".join(actors)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

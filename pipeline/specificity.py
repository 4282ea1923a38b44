"""Whether an event assembled from a document's mentions is one incident the text tells: not a kind of
event ("killed in terrorist attacks"), not a count over a period ("have killed tens of thousands
since 2009"), not a series the story is set against ("the latest in a series of attacks"), not an
incident recalled with nothing to tell it by ("better planned than the previous attack").
gold/EVENTS.md, "What is an incident"; the mentions' own factuality is :mod:`pipeline.factuality`'s.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from pipeline.event_context import DocContext
from pipeline.event_time import Recall
from pipeline.factuality import FactualityCues

if TYPE_CHECKING:
    from pipeline.events import Event

#: Nouns whose "a ... of" makes several events one incident ("a series of attacks").
SERIES = frozenset({"series", "wave", "spate", "string", "pair", "set", "volley"})
#: Words that set a series as the backdrop of the story's incident, not as an incident: "the latest in
#: a series of attacks", "part of a wave of bombings", "one of a string of killings".
BACKDROP = frozenset({"latest", "late", "last", "recent", "new", "newest", "part", "one"})
#: Modifiers that make a plural trigger one incident: "twin blasts", "coordinated attacks".
ONE_INCIDENT = frozenset({"twin", "double", "triple", "coordinated", "simultaneous", "back-to-back", "serial",
                          "multiple"})


class Specificity:
    """Tell incidents from kinds, counts and backdrops; set up once per run with the factuality cues,
    the word lists of events.yml and the recall rules."""

    def __init__(self, cues: FactualityCues, words: dict[str, set[str]], recall: Recall,
                 national: Callable[[Token], bool]):
        """``national``: whether a word is a country's people's adjective
        (:meth:`pipeline.agents.AgentReader.national`)."""
        self.cues = cues
        self.words = words
        self.recall = recall
        self.national = national

    def specific(self, ctx: DocContext, event: Event) -> bool:
        """An incident recalled against the story's ("the previous attack") is one only with a date,
        a place of its own or a toll; a toll over ``max_incident_toll`` said over a period is a count.
        An event told only by plural triggers ("attacks in Balochistan have risen") is one only with a
        town or a day in its own sentence, or casualties when it is not a bare plural ("twin blasts kill 73", "2
        suicide bombings in Kabul"; not "1,081 people killed in terrorist attacks")."""
        day = event.date_source == "sentence" and event.date and event.date["start"] == event.date.get("end")
        if (event.killed or 0) > self.cues.max_incident_toll and not day and ctx.view(event.sent).period_only:
            return False  # "have killed tens of thousands since 2009", "killed more than 600 ... last year"
        if (event.killed or 0) > self.cues.max_unplaced_period_toll and not day and not event.placed_here \
                and all(t.pos_ == "VERB" for t in event.mentions) and ctx.view(event.sent).period_only:
            return False  # "police killed 140 suspected insurgents in 2021": a year's tally, no deed
        if (event.killed or 0) > self.cues.max_incident_toll and all(
                t.tag_ in ("NNS", "NNPS") and any(c.lower_ in ("these", "those") for c in t.children)
                for t in event.mentions):
            return False  # "Those bombings cost 1,400 lives": the ones a count before told, summed
        if self.recall.recalled(event.trigger) and event.date_source != "sentence" and not event.placed_here \
                and event.killed is None and event.wounded is None:
            return False  # "better planned than the previous attack": no date, place or toll to tell it by
        if self.backdrop(event.trigger):
            return False  # "The killing is the latest in a series of attacks on police"
        if any(t.tag_ not in ("NNS", "NNPS") for t in event.mentions) or \
                any(e.label_ == "OPERATION" for e in ctx.view(event.sent).ents):
            return True  # a verb or a singular noun tells one incident ("Several explosions ... The attack involved")
        town = bool(event.place) and event.place[0] in event.towns and event.place[0] in paragraph(ctx.text, event.sent)
        casualties = event.killed is not None or event.wounded is not None
        return bool(day or town or (casualties and not self.generic(event.trigger)))

    def generic(self, token: Token) -> bool:
        """A bare plural event noun ("killed in terrorist attacks") names a kind of event, not some
        events: no determiner, number or possessive, and no modifier that makes a set one incident
        ("twin blasts"), or a state's adjective ("Pakistani airstrikes"). Attackers ("gunmen stormed")
        are people, never a kind of event."""
        if token.lemma_.lower() in self.words["attacker"]:
            return False
        if token.dep_ in ("pobj", "conj") and self.in_series(token):
            return False  # "a series of car bomb and suicide attacks": one coordinated incident
        return not any(c.dep_ in ("det", "nummod", "poss") or c.lower_ in ONE_INCIDENT
                       or (c.dep_ == "amod" and self.national(c)) for c in token.children)  # "Pakistani airstrikes kill 46"

    @staticmethod
    def in_series(token: Token) -> bool:
        """"a series of attacks", "a wave of bombings": the events of one coordinated incident."""
        while token.dep_ == "conj":
            token = token.head
        of = token.head
        return token.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in SERIES and any(
            c.dep_ == "det" and c.lower_ in ("a", "the", "this") for c in of.head.children)

    def backdrop(self, token: Token) -> bool:
        """A plural trigger in a series that the story's incident is set against ("the latest in a
        series of attacks", "part of a wave of bombings"): the series is no incident of its own."""
        if token.tag_ not in ("NNS", "NNPS") or not self.in_series(token):
            return False
        while token.dep_ == "conj":
            token = token.head
        series = token.head.head
        frame = series.head
        return series.dep_ == "pobj" and frame.lower_ in ("in", "of") and frame.head.lemma_.lower() in BACKDROP


def paragraph(text: str, sent: Span) -> str:
    """The text of the paragraph (blank-line separated) of ``text`` (the Doc's) that holds a sentence."""
    start = text.rfind("\n\n", 0, sent.start_char)
    end = text.find("\n\n", sent.end_char)
    return text[start + 2 if start >= 0 else 0: end if end >= 0 else len(text)]


def tells_nothing(event: Event) -> bool:
    """An assembled event of a type that counts casualties with nothing to count, place or date it
    by (asked of those types only: an arrest or a transfer of aid has no toll): no date in the text, no place
    below a country and none in its own sentence (the story's town it takes by default is no evidence), no toll, no actor and no named target ("Security forces are carrying out a joint
    operation", said after an attack; "until the authorities revealed who was behind it"); a named
    operation ("Operation Zarb-e-Azb was launched") is always one. ACLED and
    GTD code no row without a place and a day; beside an incident the document tells whole, such a
    mention is talk about it (:func:`leave_out_empty` keeps it where it is the only one: a short note)."""
    return event.date_source != "sentence" and (event.where is None or event.where.kind == "country"
                                                or not event.placed_here) \
        and event.killed is None and event.wounded is None and event.perpetrators_killed is None \
        and not event.actors and not event.target_named and not any(t.ent_type_ == "OPERATION" for t in event.sent)


def leave_out_empty(events: list[Event], counted: set[str]) -> tuple[list[Event], list[Event]]:
    """The events less those of the ``counted`` types that tell nothing (:func:`tells_nothing`), and
    those; none is left out where all tell nothing (a short note's one incident)."""
    empty = [e for e in events if e.type in counted and tells_nothing(e)]
    if len(empty) == len(events):
        return events, []
    return [e for e in events if all(e is not x for x in empty)], empty

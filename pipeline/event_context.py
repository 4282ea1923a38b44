"""What the event rules read of one document, gathered once and handed to each of them.

:meth:`pipeline.events.EventExtractor.prepare` builds one :class:`DocContext` per document; the
trigger, date, place, actor and casualty rules (:mod:`pipeline.triggers`, :mod:`pipeline.event_time`,
:mod:`pipeline.event_places`, :mod:`pipeline.event_actors`, :mod:`pipeline.casualties`) take it as an
argument instead of keeping the document on themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from pipeline.factuality import FactualityCues, Sentence
from pipeline.normalize import sentence_table
from pipeline.place_choice import Resolved

if TYPE_CHECKING:
    from pipeline.events import Event


@dataclass
class DocContext:
    """One document as the rules look it up often: its text (``Doc.text`` joins every token on each
    read), its entities (``Doc.ents`` and ``Span.ents`` rebuild them from every token on each read),
    which sentence each token is in (spaCy's ``Token.sent`` walks all sentences on each call), and its
    resolved places."""

    doc: Doc
    text: str
    ents: tuple[Span, ...]
    sent_of: list[Span | None]
    sents: list[Span]
    places: list[Resolved]
    cues: FactualityCues
    #: Sentence start -> the sentence as :mod:`pipeline.factuality` reads it (:meth:`view`).
    views: dict[int, Sentence] = field(default_factory=dict)
    #: Sentence start -> the events that sentence tells of (set once the events are found).
    told: dict[int, list[Event]] = field(default_factory=dict)
    #: Start of the first sentence that tells an event, -1 when none does.
    first_told: int = -1
    #: Sentence start -> its words that set another incident beside the one told (:meth:`beside`).
    besides: dict[int, frozenset[int]] = field(default_factory=dict)
    #: Starts of the sentences that speak of many incidents ("37 officers have been killed in attacks
    #: since 2023"): their figures are no incident's toll, the groups they name ("most claimed by the
    #: TTP") no incident's actors.
    statistics: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, doc: Doc, places: list[Resolved] | None, cues: FactualityCues) -> DocContext:
        sent_of = sentence_table(doc)
        return cls(doc=doc, text=doc.text, ents=doc.ents, sent_of=sent_of,
                   sents=list(dict.fromkeys(s for s in sent_of if s is not None)),
                   places=list(places or []), cues=cues)

    @property
    def groups(self) -> frozenset[str]:
        """The catalog ids of the groups the document names."""
        return frozenset(e.ent_id_ for e in self.ents if e.label_ == "MILITANT_GROUP")

    def beside(self, sent: Span) -> frozenset[int]:
        """:func:`set_beside` of the sentence, worked out once: each trigger, the placer and the tolls ask."""
        if (found := self.besides.get(sent.start)) is None:
            found = self.besides[sent.start] = frozenset(set_beside(sent))
        return found

    def view(self, sent: Span) -> Sentence:
        """The sentence as :mod:`pipeline.factuality` reads it, made once per sentence of the document."""
        if (found := self.views.get(sent.start)) is None:
            found = self.views[sent.start] = Sentence(sent, self.cues, self.ents)
        return found


#: Words that open a phrase setting another incident beside the one told ("in addition to the incident
#: in Mastung", "apart from the blast in Quetta", "besides the attack in Kohat", "unlike the raid in Tank").
BESIDE = frozenset({"addition", "apart", "aside", "besides", "unlike"})


def set_beside(sent: Span) -> set[int]:
    """The words of the sentence's phrases that set another incident beside the one told (:data:`BESIDE`):
    its places are that incident's."""
    out: set[int] = set()
    for token in sent:
        if token.lower_ not in BESIDE:
            continue
        comma = next((t.i for t in sent if t.i > token.i and t.text == ","), sent.end)  # the phrase ends there,
        # whatever the parse hangs under it ("Apart from the bombing in Mastung, a grenade attack ...")
        if token.dep_ == "prep" or token.lower_ in ("besides", "unlike"):
            out |= {t.i for t in token.subtree if t.i < comma}
        else:  # "in addition to X", "apart from X": the preposition after the word
            out |= {t.i for c in token.children if c.dep_ == "prep" for t in c.subtree if t.i < comma}
    return out

"""Where an event was: the most specific place that :mod:`pipeline.places` resolved in the event's
sentence or the ones around it, leaving out the places of the sentence's other events.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from pipeline.assembly import in_district, inside, marked_other, names_again, opens_another, refines
from pipeline.event_context import DocContext
from pipeline.event_time import TELLING, recalled_clauses
from pipeline.gazetteer import fold
from pipeline.place_choice import Resolved
from pipeline.place_names import modified_noun

if TYPE_CHECKING:
    from pipeline.events import Event

#: Rank of a place that begins an organisation's or building's name ("Kabul Bank").
IN_NAME_RANK = 4
#: Rank of a place someone came from ("a man from Qalqilya stabbed ..."): below any place of the event.
ORIGIN_RANK = 4.5
#: Rank of a country named by a people's adjective ("Pakistani forces"): a victim's nationality as often.
DEMONYM_RANK = 4.2
#: Verbs that only say an incident happened: what dates or places them dates or places it ("The attack
#: took place on 23 January", "the attack that occurred in Bannu").
HAPPENING = frozenset({"take", "occur", "happen"})
#: Prepositions whose phrase on an incident noun says where it was ("a bombing in the city").
WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
#: Prepositions whose phrase on an event noun says where or when it was ("the attack in Quetta on Friday").
SETTING_PREPS = frozenset({"in", "on", "at", "near", "outside", "inside", "of", "during"})


#: Words of an official's title after a place that names the official's seat ("Kalat's Deputy
#: Commissioner", "the Bannu DPO"): where the speaker serves, less than a place of the deed (not "X police
#: station", a venue in X).
OFFICE_WORDS = frozenset({"deputy", "commissioner", "governor", "spokesman", "spokesperson", "mayor",
                          "administrator", "dpo", "sho"})


def titles_office(doc, place: Resolved) -> bool:
    """Does an official's title follow the place ("Kalat's Deputy Commissioner", "Bannu DPO said")?"""
    i = place.end + (1 if place.end < len(doc) and doc[place.end].text in ("'s", "\u2019s") else 0)
    return i < len(doc) and doc[i].lower_ in OFFICE_WORDS


#: Verbs of speaking whose subject, a place, stands for its government ("Kabul says", "Islamabad denied").
SPEAKING = frozenset({"say", "accuse", "allege", "deny", "condemn", "warn", "insist", "tell", "announce",
                      "confirm", "blame", "claim", "demand", "urge", "reject", "protest", "respond"})


def speaks(doc, place: Resolved) -> bool:
    """Is the place the subject of a verb of speaking ("Kabul says Pakistani drones struck Khost")? It
    names the government that spoke, not where the deed was."""
    last = doc[place.end - 1]
    return last.dep_ == "nsubj" and last.head.lemma_.lower() in SPEAKING


def seat_of_district(place: Resolved) -> bool:
    """A district, or a town that gives its district its name ("Dera Ismail Khan"): a town named in a
    venue's name ("Daraban police station") may lie in it."""
    return place.district is not None and not place.in_name and (
        place.kind == "district" or (place.kind == "town" and fold(place.name or place.text) == fold(place.district)))


def agent_country(doc, place: Resolved, trigger: Token) -> bool:
    """A country that modifies the incident's noun names who did it, as a people's adjective does
    ("a suspected U.S. drone strike in eastern Afghanistan"), as does one that is its verb's subject."""
    if place.kind != "country":
        return False
    last = doc[place.end - 1]
    if last.dep_ == "nsubj" and (last.head == trigger or (trigger.dep_ == "dobj" and last.head == trigger.head)):
        return True  # "The United States killed al-Qaeda's leader in a strike in Kabul", "... conducted an operation"
    noun = modified_noun(last)
    return noun is not None and (noun == trigger or noun.head == trigger)


def answered(operation: Token, others: list[Token]) -> bool:
    """Is a named operation what another incident of the sentence answers, as the object of a noun's
    preposition inside that incident's phrase ("an attack ... in retaliation for Operation Zarb-e-Azb")?
    Such an operation is not where the incident was."""
    prep = operation.head
    while prep.dep_ in ("compound", "poss", "appos", "conj") and prep.head.i != prep.i:
        prep = prep.head  # the parse may hang the name from the forces' possessive
    if operation.dep_ != "pobj" and prep.dep_ != "pobj":
        return False
    prep = operation.head if operation.dep_ == "pobj" else prep.head
    return prep.pos_ == "ADP" and prep.head.pos_ == "NOUN" and any(
        o.left_edge.i <= operation.i <= o.right_edge.i for o in others)


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
                out.extend(t for c in obj.children if (c.dep_ != "prep" or obj.ent_type_ in ("DATE", "TIME"))
                           and c.dep_ not in ("relcl", "acl") for t in c.subtree)  # "on the night of Friday, 2
                # August"; not "in a country which was at war until 2009", a clause about the place
    return out


def nominal(token: Token) -> list[Token]:
    """The trigger noun's phrase without the clauses attached to it."""
    out = [token]
    for child in token.children:
        if child.dep_ not in ("acl", "relcl", "advcl", "xcomp", "ccomp"):
            out.extend(child.subtree)
    return out


#: Nouns that, with "the" and no name, speak of the story's town ("the city's seventh police district").
TOWN_NOUNS = frozenset({"city", "capital", "town"})
#: Nouns of a province the story named before ("in the province").
PROVINCE_NOUNS = frozenset({"province"})


def story_town(ctx: DocContext) -> Resolved | None:
    """The town the story is told from: its dateline's, else the first town it names."""
    towns = [p for p in ctx.places if p.kind == "town" and not (p.origin or p.border or p.demonym or p.in_name)]
    return next((p for p in towns if p.dateline), towns[0] if towns else None)


def imagined_words(unreal: Iterable[Token]) -> frozenset[int]:
    """The words of the place phrases of attacks intended, feared or denied ("a plot to bomb a market in
    the city"): they place no incident."""
    return frozenset(t.i for other in unreal for c in other.children
                     if c.dep_ == "prep" and c.lower_ in WHERE_PREPS for t in c.subtree)


def names_unnamed(sent: Span, nouns: frozenset[str], skip: Collection[int] = frozenset()) -> bool:
    """Does the sentence speak of "the city" or "the capital" (``nouns``) without naming it ("in the
    city's seventh police district", "in the province"), outside the words of other incidents (``skip``)?"""
    return any(t.lemma_.lower() in nouns and t.i not in skip and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
               and not any(c.dep_ in ("prep", "appos", "compound") for c in t.children) for t in sent)


def province_before(ctx: DocContext, sent: Span) -> Resolved | None:
    """The province the text named last before the sentence, of the story's country ("Balochistan
    province ... in the province")."""
    named = [p for p in ctx.places if p.kind == "province" and p.end <= sent.start
             and not (p.origin or p.border or p.demonym or p.in_name)]
    return named[-1] if named else None


class EventPlacer:
    """Choose the place of each event; set up once per run with the ``other_incident`` words."""

    def __init__(self, other_incident: frozenset[str], motive: frozenset[str] = frozenset()):
        self.other_incident = other_incident
        #: Words of a motive ("to avenge Muslims in Palestine"): their phrase places nothing.
        self.motive = motive

    def place(self, ctx: DocContext, event: Event, others: list[Token], recalled: bool = False,
              imagined: Collection[int] = frozenset()) -> Resolved | None:
        """Where the trigger's own phrase sets another incident than the story's ("after a similar
        attack in Mastung District"), else the most specific place of the event's sentence (or of the two before, or the two after in its
        paragraph; a town there refines a province or country of the sentence); places that belong to
        another event of the sentence ("... and the capture of B in Mardan") are left out. An incident
        ``recalled`` against another ("days after militants attacked Karachi airport") is placed by its
        own words first, a venue's town among them."""
        own = set(range(event.trigger.left_edge.i, event.trigger.right_edge.i + 1))
        theirs = {t.i for other in others for t in nominal(other)}
        theirs = theirs - own if event.trigger.i in theirs else theirs
        theirs |= imagined  # "a plot to bomb a market in the city" (:func:`imagined_words`)
        if event.region is not None:  # another incident of its type in another clause of the sentence
            theirs |= set(range(event.sent.start, event.sent.end)) - event.region
        theirs |= {t.i for m in event.sent if m.lemma_.lower() in self.motive and m.i != event.trigger.i
                   and not m.left_edge.i <= event.trigger.i <= m.right_edge.i  # not the incident avenged itself
                   for t in m.subtree}  # "to avenge Muslims in Palestine"
        told = {m.i for m in event.mentions}
        for mention in event.mentions:  # "This attack came days after 31 died in a blast in X"
            theirs |= {t for first, last in recalled_clauses(ctx.sent_of[mention.i], mention)
                       if not any(first.i <= i <= last.i for i in told) for t in range(first.i, last.i + 1)}
        speaking = speakers_words(event.sent, event.trigger)  # "The embassy in Islamabad said ... near Karachi
        if any(event.sent.start <= p.start < event.sent.end and p.start not in speaking | theirs
               and not (p.origin or p.border or p.demonym or p.dateline) for p in ctx.places):
            theirs |= speaking  # airport": where the speaker sits, when the sentence places the incident elsewhere
        beside = ctx.beside(event.sent)  # "In addition to the incident in Mastung, an explosion hit ..."
        theirs |= beside if event.trigger.i not in beside else set()
        if marked_other(event.trigger, self.other_incident):  # "after a similar attack in Mastung District"
            setting = {t.i for t in own_words(event.trigger)} - theirs
            in_setting = [p for p in ctx.places if p.start in setting and not (p.origin or p.border or p.demonym or p.in_name)]
            if in_setting:
                return min(in_setting, key=lambda p: (p.rank, abs(p.start - event.trigger.i)))
        if recalled and (argued := self.in_own_arguments(ctx, event.trigger, theirs)) is not None:
            return argued
        if event.trigger.ent_type_ == "OPERATION":  # "an attack in retaliation for Operation X"; "The attack,
            told_here = [t for e in ctx.told.get(event.sent.start, []) if e is not event  # claimed ...", told before
                         for t in e.mentions if event.sent.start <= t.i < event.sent.end]
            if answered(event.trigger, others + told_here):
                return self.in_own_arguments(ctx, event.trigger, theirs)
        sent, chosen = event.sent, None
        for span in (sent, *self.previous_sentences(ctx, sent), *self.following_sentences(ctx, sent)):
            found = self.places_in(ctx, span, event.trigger, theirs)
            if found is not None and (chosen is None or (refines(found, chosen) and not found.dateline)):
                chosen = found  # "in Borno State ... overran positions in Monguno": the town (not the dateline's
                # "Kabul, (APP) ..." under "a blast in northern Afghanistan")
            if chosen is not None and chosen.rank < 2:
                break
        chosen = self.told_again(ctx, event, chosen, theirs)
        if (chosen is None or chosen.rank >= 2) and names_unnamed(ctx.doc[sent.start:sent.end], TOWN_NOUNS, imagined):
            return story_town(ctx) or chosen  # "a house in the city's seventh police district"
        if (chosen is None or chosen.rank >= 3 or chosen.demonym or chosen.border) \
                and names_unnamed(ctx.doc[sent.start:sent.end], PROVINCE_NOUNS, imagined):
            return province_before(ctx, sent) or chosen  # "another blast near an Afghan border crossing in the province"
        if chosen is None:  # placed by nothing around it ("on a road where gunmen stopped a van"): the
            return next((p for p in ctx.places if p.dateline and p.kind == "town"), None)  # town it is filed from
        return chosen

    @staticmethod
    def in_own_arguments(ctx: DocContext, trigger: Token, skip: set[int]) -> Resolved | None:
        """The most specific place among the trigger's own words and, for a verb, its object and its
        phrases of place ("attacked Karachi airport", "bombed a mosque in Kunduz"), a place that opens
        a venue's name after one named on its own."""
        words = {t.i for t in own_words(trigger)}
        if trigger.pos_ == "VERB":
            words |= {t.i for c in trigger.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in SETTING_PREPS)
                      for t in c.subtree}
        found = [p for p in ctx.places if p.start in words - skip and not (p.origin or p.border or p.demonym)]
        return min(found, key=lambda p: (p.in_name, p.rank, abs(p.start - trigger.i))) if found else None

    def told_again(self, ctx: DocContext, event: Event, chosen: Resolved | None, skip: set[int]) -> Resolved | None:
        """A place inside ``chosen`` that a later sentence naming the incident again gives ("The attack
        took place in the Salarzai tehsil", a paragraph on): the most specific one. A town or district in
        that noun's own words ("the attack in Pishin") replaces one the event's sentence did not name
        itself: the dateline's town (where the story was filed) or a town of the sentences around it."""
        for token in event.mentions:
            sent = ctx.sent_of[token.i]
            if sent is None or sent.start == event.sent.start:
                continue
            found = self.places_in(ctx, sent, token, skip)
            if found is not None and (chosen is None or refines(found, chosen) or self.whose(ctx, chosen, event)):
                chosen = found  # "a US drone hit X's car ... X died in an air raid in Kunar, officials said"
            elif chosen is None or chosen.dateline or not event.sent.start <= chosen.start < event.sent.end:
                named = [p for p in self.set_in(ctx, token) if p.start not in skip and p.rank <= 1 and p.place is not None
                         and not (p.origin or p.border or p.demonym or p.in_name)]
                chosen = min(named, key=lambda p: p.rank) if named else chosen  # "the attack in Pishin"
        return chosen

    @staticmethod
    def whose(ctx: DocContext, chosen: Resolved, event: Event) -> bool:
        """Is the chosen place a country that only says whose deed or people it was ("a U.S. drone
        strike", "Pakistani forces"): any place a later sentence on the incident gives is better."""
        return chosen.kind == "country" and (chosen.demonym or chosen.origin
                                             or agent_country(ctx.doc, chosen, event.trigger))

    @staticmethod
    def set_in(ctx: DocContext, noun: Token) -> list[Resolved]:
        """The places a definite incident noun is set in by a phrase of its own: "the attack in Pishin",
        "the attack that occurred in the city of Bannu", else "this bombing near the border" (a place it
        was near, not the one it was in: "in the city of Bannu, near North Waziristan")."""
        if not names_again(noun):
            return []
        happened = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in HAPPENING]
        for preps in (("in", "at"), ("near",)):
            words = {t.i for head in (noun, *happened) for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                     for o in c.children if o.dep_ == "pobj" for t in o.subtree}
            if found := [p for p in ctx.places if p.start in words]:
                return found
        return []

    @staticmethod
    def names_something_else(piece: Span) -> bool:
        """A place that begins an organisation's or building's name ("Kabul Bank", "Pakistan Stock
        Exchange") says less about where the event was than a place named on its own; "University
        of Karachi" still places it in Karachi."""
        doc = piece.doc
        after = doc[piece.end] if piece.end < len(doc) else None
        return (after is not None and after.ent_iob_ == "I" and after.pos_ in ("PROPN", "NOUN")
                and after.ent_type_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "NORP"))

    @staticmethod
    def previous_sentences(ctx: DocContext, sent: Span) -> list[Span]:
        return list(reversed([s for s in ctx.sents if s.start < sent.start]))[:2]

    @staticmethod
    def following_sentences(ctx: DocContext, sent: Span) -> list[Span]:
        """The next two sentences of the paragraph ("The attack occurred in the city of X")."""
        end = ctx.text.find("\n\n", sent.end_char)
        end = len(ctx.text) if end < 0 else end
        following = []
        for later in (s for s in ctx.sents if s.start > sent.start and s.start_char < end):
            if len(following) == 2 or opens_another(later):
                break  # not "Also, one more incident took place in X": another one's place
            following.append(later)
        return following

    def places_in(self, ctx: DocContext, span: Span, trigger: Token, skip: set[int] = frozenset()) -> Resolved | None:
        """The most specific place in ``span``, nearest the trigger among equals; a place that only
        begins a name ("Kabul Bank") when there is no other."""
        ranked = []
        for place in ctx.places:
            if not (span.start <= place.start and place.end <= span.end) or place.start in skip or place.journey:
                continue  # "buses travelling to Karachi": not where they were stopped
            rank = IN_NAME_RANK if place.in_name or self.names_something_else(span.doc[place.start:place.end]) \
                or titles_office(span.doc, place) or speaks(span.doc, place) else \
                ORIGIN_RANK if place.origin or place.border or place.dateline else \
                DEMONYM_RANK if place.demonym or agent_country(span.doc, place, trigger) else place.rank
            ranked.append((rank, abs(place.start - trigger.i), place.start, place))
        if not ranked:
            return None
        best = min(ranked, key=lambda r: r[:3])
        owned = [r for r in ranked if r[0] <= best[0] and r[3].start == best[3].end + 1
                 and span.doc[best[3].end].lower_ in ("'s", "\u2019s")]
        best = owned[0] if owned else best  # "in Karachi's Lyari area", "Dera Ismail Khan's Kulachi tehsil"
        described = [r for r in ranked if r[0] <= best[0] and r is not best and described_by(span.doc, r[3], best[3])]
        best = described[0] if described else best  # "in Sadr City, a southern suburb of the Iraqi capital"
        inner = [r for r in ranked if r[0] == best[0] and in_district(r[3], best[3])]
        if inner:
            return min(inner, key=lambda r: r[:3])[3]  # "in DI Khan's Darazinda area"
        seat = seat_of_district(best[3])
        if best[3].rank >= 2 or seat:  # "near the Faisal Air Force Base of Karachi, Sindh", "targeted Daraban
            # police station in Dera Ismail Khan": the venue's town, inside
            venue_towns = [r for r in ranked if (r[3].in_name or r[0] == IN_NAME_RANK) and (
                (best[3].rank >= 2 and r[3].rank < best[3].rank and inside(r[3], best[3]))
                or (seat and r[3].kind == "town" and r[3] is not best[3] and fold(r[3].district or "") == fold(best[3].district)))]
            if venue_towns:
                return min(venue_towns, key=lambda r: (r[3].rank, r[1]))[3]
        return best[3]


def described_by(doc: Doc, place: Resolved, other: Resolved) -> bool:
    """Does ``other`` stand in an apposition that describes ``place`` ("Sadr City, a southern suburb of the
    Iraqi capital"): where it lies, not where the incident was?"""
    if place.dateline or place.end + 1 >= len(doc) or doc[place.end].text != "," \
            or doc[place.end + 1].lower_ not in ("a", "an"):
        return False  # the phrase opens right after the name: ", a southern suburb of ..."
    for token in doc[place.start:place.end]:
        for appos in (c for c in token.children if c.dep_ == "appos"):
            if appos.left_edge.i == place.end + 1 and appos.left_edge.i <= other.start and other.end - 1 <= appos.right_edge.i:
                return True
    return False


def speakers_words(sent: Span, trigger: Token) -> set[int]:
    """The words of the subjects of the sentence's verbs of telling ("A foreign embassy in the capital told reporters
    ..."): where the speaker sits, not where the incident was; none where the trigger is among them."""
    found: set[int] = set()
    for verb in (t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in TELLING):
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            words = set(range(subject.left_edge.i, subject.right_edge.i + 1))
            if trigger.i not in words:
                found |= words
    return found

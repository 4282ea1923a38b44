"""A person an incident's first sentence leaves unnamed, named a little later.

News names the one arrested, extradited or killed after the lead: "Police arrested a suspected
militant in Sukkur ... The arrested man was identified as Gul Hassan"; "a wanted commander was
extradited ... The suspect, Abdul Qadir Mengal, had been on the run"; "a shopkeeper was shot dead ...
The deceased was identified as Noor Ahmed". The incident's ``target`` becomes that
name (GTD's and ACLED's coders take the victim's or detainee's name from anywhere in the report).
Read from the parse: a PERSON entity that is the object of "identified as" (or "named as") whose
subject is a person noun, or the apposition of such a noun ("The suspect, X,"); or the possessor of a
mention of the deed ("no one has claimed Qamar Gul's killing", "the abduction of X"). Where the small
model's parse loses them, from the words: "the martyred cop, identified as police constable X", and
of an attack the named dead of its own sentences ("X, 28, was killed on the spot", "opened fire on X").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from pipeline.event_context import DocContext
    from pipeline.events import Event

#: Sentences after the incident's own in which its person may be named.
LATER_SENTENCES = 3
#: Verbs that name someone ("identified as X", "named as X").
NAMING = frozenset({"identify", "name"})
#: Verbs whose subject died ("X was killed on the spot", "X died en route to hospital"), and those that
#: say it only with "dead" or "down" ("X was shot dead", "gunned down").
DYING = frozenset({"kill", "die", "martyr", "succumb", "murder", "slay", "perish", "behead", "assassinate"})
DYING_WITH = frozenset({"shoot", "gun"})
#: Words between a subject and its verb of dying ("was critically injured and died").
VERB_WORDS = frozenset({"AUX", "VERB", "ADV", "CCONJ", "PART"})
#: Words that may stand between "identified as" and a name: a rank or title ("police constable").
TITLE_WORDS = 3


def identified_later(ctx: DocContext, events: list[Event], people: frozenset[str],
                     attackers: frozenset[str] = frozenset()) -> None:
    """Give each incident whose target names no person the one a following sentence identifies, where
    that sentence tells no other incident. ``people``: nouns of a person the sentence's subject or the
    apposition's head may be ("suspect", "accused", "deceased", "officer"); of an attack, never one of
    ``attackers`` ("the bomber was identified as X" names no victim), and only by "identified as"."""
    starts = [s.start for s in ctx.sents]
    for event in events:
        if event.target_named:
            continue
        first = bisect_right(starts, event.sent.start)
        attack = event.type in ("ATTACK", "TARGETED_KILLING")
        who = people - attackers if attack else people
        for number, sent in enumerate(ctx.sents[first - 1:], start=-1):
            others = [e for e in ctx.told.get(sent.start, []) if e.trigger not in event.mentions]
            if number >= 0 and others:
                break  # the next incident's sentence: its names are its own
            near = number < LATER_SENTENCES or any(sent.start <= t.i < sent.end for t in event.mentions)
            ents = ctx.view(sent).ents
            name = possessed_victim(sent) or (
                identified(ents, who, appositions=not attack) or identified_by_words(sent, ents, who)
                if 0 <= number < LATER_SENTENCES else None) or (
                dead_named(sent, ents, attackers) if attack and near else None)
            if name is not None:  # "The deceased was identified as X"; "no one has claimed Qamar Gul's killing"
                event.target, event.target_named = name, True
                break


def names_told_later(ctx: DocContext, events: list[Event]) -> None:
    """The names a report gives its targets after the lead: a venue's (:func:`venue_named`), the people
    held in an arrest (:func:`named_among_held`)."""
    venue_named(ctx, events)
    named_among_held(ctx, events)


#: Verbs of saying, whose subject speaks of the held, never one of them.
SAYING = frozenset({"say", "tell", "add", "confirm", "announce", "state"})
#: Types whose people a later sentence lists by name after "the arrested" (``named_among_held``).
HELD_TYPES = frozenset({"ARREST", "EXTRADITION"})


def named_among_held(ctx: DocContext, events: list[Event]) -> None:
    """Give an arrest whose target names no one the people a later sentence of it lists where it speaks
    of "the arrested" ("Among the arrested men, X, Y and Z are ...", "The arrested suspects, X and Y,
    were ..."): every PERSON entity of that sentence, in order, as GTD's coders list the detained."""
    for event in events:
        if event.type not in HELD_TYPES or event.target_named:
            continue
        for mention in event.mentions:
            if mention.sent.start == event.sent.start or mention.dep_ != "amod" or mention.tag_ != "VBN":
                continue  # "the arrested terrorists", a later sentence's participle
            names = [e.text for e in ctx.view(mention.sent).ents if e.label_ == "PERSON" and not any(
                t.dep_ == "nsubj" and t.head.lemma_.lower() in SAYING for t in e)]  # not the one who speaks of them
            if names:
                event.target, event.target_named = ", ".join(names), True
                break


#: Entity labels of a named place or body that may be the thing attacked ("the Hayat Hotel").
VENUE_LABELS = frozenset({"FAC", "ORG", "LOC"})


def venue_named(ctx: DocContext, events: list[Event]) -> None:
    """Give each incident whose target is a kind of place ("a popular hotel", "the mosque") the name its
    sentences give that place ("the Sahil Hotel", "Jamia Masjid Al-Noor": an entity whose last word is
    the target's noun), as GTD's coders write the target's name."""
    for event in events:
        if event.target_named or not event.target:
            continue
        words = event.target.split()
        noun = words[-1].lower().strip(".,'\u2019") if words else ""
        if not noun or any(w[:1].isupper() for w in words[1:]):
            continue  # already a name ("the Bannu cantonment")
        sents = sorted({ctx.sent_of[t.i].start: ctx.sent_of[t.i] for t in event.mentions
                        if ctx.sent_of[t.i] is not None}.items())
        name = next((ent.text for _, sent in sents for ent in ctx.view(sent).ents
                     if ent.label_ in VENUE_LABELS and len(ent) > 1 and ent[-1].lower_ == noun and ent[-1].is_title
                     and ent[0].is_title), None)
        if name is not None:
            event.target = name


RE_POSSESSIVE = re.compile(r"\s*['\u2019]s?$")
#: Nouns of a deed done to someone, whose possessor or "of" is the one it was done to ("Qamar Gul's
#: killing", "the abduction of Khalid Ameer"; not "the group's attack").
DONE_TO = frozenset({"killing", "murder", "assassination", "abduction", "kidnapping", "arrest", "detention",
                     "death", "beheading", "execution", "extradition"})


def possessed_victim(sent: Span) -> str | None:
    """The person the sentence says the deed was done to: "Qamar Gul's killing", "the abduction of
    Khalid Ameer"."""
    for noun in (t for t in sent if t.pos_ == "NOUN" and (t.lemma_.lower() in DONE_TO or t.lower_ in DONE_TO)):
        for child in noun.children:
            person = child if child.dep_ == "poss" else next(
                (g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "prep" and child.lower_ == "of" else None
            if person is not None and person.ent_type_ == "PERSON":
                ent = next((e for e in noun.doc.ents if e.start <= person.i < e.end), None)
                return RE_POSSESSIVE.sub("", ent.text if ent is not None else person.text)
    return None


def identified(ents: list[Span], people: frozenset[str], appositions: bool = True) -> str | None:
    """The people a sentence (its entities, ``ents``) identifies: "X were identified as Y and Z" (every name
    of the list, the first may be tagged an organisation: "Customs Superintendent Nisar Abbasi,
    Inspector Khushal and ..."), "sources identified the victim as Y"; with ``appositions``, "the
    suspect, Y, had been ..." (of an attack such a name is as often the attacker's: "The martyred
    brother, X")."""
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        first = next((t for t in (root, *root.ancestors) if t.dep_ != "conj"), root)
        head = first.head
        naming = head.head
        if first.dep_ == "pobj" and head.lower_ == "as" and naming.lemma_.lower() in NAMING and any(
                n.lemma_.lower() in people for n in named_ones(naming)):
            return ", ".join(name_text(n) for n in (first, *first.conjuncts))  # "The arrested man was identified
            # as Gul Hassan", "arrested the suspect – identified as X", "identified as A and B"
        if appositions and root.dep_ == "appos" and head.lemma_.lower() in people and any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return ent.text  # "The suspect, Abdul Qadir Mengal, had been on the run"
    return None


def name_text(token: Token) -> str:
    """A name of a list told by its last word: that word and the words before it that qualify it
    ("Inspector Khushal", "Saif-Ur-Rehman"), not what follows it."""
    return token.doc[token.left_edge.i:token.i + 1].text


def named_ones(naming: Token) -> list[Token]:
    """Who "identified" names: its subject ("the man was identified as") or object ("sources identified
    the victim as"), the noun it qualifies ("the terrorist, identified as"), or, hung on the verb before
    it, that verb's object ("arrested the terrorist – identified as")."""
    found = [c for c in naming.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]  # "identified the victim as"
    if naming.dep_ == "acl":
        found.append(naming.head)
    if naming.dep_ == "advcl":
        found += [c for c in naming.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return found


def named_as(noun: Token) -> list[Token]:
    """The names a clause on the noun gives its people ("five terrorists who were identified as A, B
    and C"): the names after "as" and those joined to them; none without such a clause."""
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in NAMING):
        for prep in (c for c in clause.children if c.lower_ == "as"):
            return [n for g in prep.children if g.dep_ == "pobj" for n in (g, *g.conjuncts)]
    return []


def identified_by_words(sent: Span, ents: list[Span], people: frozenset[str]) -> str | None:
    """The names "identified as" gives where the parse lost them ("the martyred cop, identified as police
    constable X was deputed ..."; "The victims, identified as police constables A and B, were ..."): the
    word before "identified" (past a comma or "was") is one of ``people``, and after "as" come at most
    TITLE_WORDS words of a title, then names joined by commas and "and"."""
    starts = {e.start: e for e in ents if e.label_ in ("PERSON", "ORG")}
    for token in sent[:-2]:
        if token.lemma_.lower() not in NAMING or token.nbor().lower_ != "as":
            continue
        before = next((t for t in reversed(sent[:token.i - sent.start])
                       if not (t.is_punct or t.pos_ in ("AUX", "ADV"))), None)
        if before is None or before.lemma_.lower() not in people:
            continue
        at = token.i + 2
        while at not in starts and at < min(sent.end, token.i + 2 + TITLE_WORDS) and sent.doc[at].is_alpha:
            at += 1
        names = []
        while at in starts:
            names.append(starts[at])
            at = starts[at].end
            while at < sent.end and sent.doc[at].lower_ in (",", "and"):
                at += 1
        if any(name.label_ == "PERSON" for name in names):  # the first may be tagged an organisation
            return ", ".join(name.text for name in names)
    return None


def dead_named(sent: Span, ents: list[Span], attackers: frozenset[str]) -> str | None:
    """The people of an attack's sentence whom it says died: "Rubina Bibi, 28, was killed on the spot and
    Sadia Gul, 30, was critically injured and died later", "X was shot dead", "opened fire on X"; read
    from the words after the name (past an age between commas), which the parse often gets wrong. Not a
    name one of ``attackers`` stands just before ("the bomber, X, died")."""
    doc = sent.doc
    names = []
    for ent in (e for e in ents if e.label_ == "PERSON" or aged(e)):
        if any(t.lemma_.lower() in attackers for t in doc[max(sent.start, ent.start - 3):ent.start]):
            continue
        if fired_on(ent) or died_after(ent, sent.end) or (ent.label_ == "PERSON" and among_the_dead(ent)):
            names.append(ent.text)
    return ", ".join(names) or None


def among_the_dead(ent: Span) -> bool:
    """Is the name, by the parse, one of the subjects of a verb of dying, or one that "including" adds
    to them ("Three people including X were killed", "X and two of his guards were killed")?"""
    token = ent.root
    for _ in range(3):
        if token.dep_ in ("conj", "appos"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in ("including", "among"):
            token = token.head.head
        else:
            break
    verb = token.head
    return token.dep_ in ("nsubjpass", "nsubj") and verb.pos_ == "VERB" and verb.lemma_.lower() in DYING \
        and not any(c.dep_ == "neg" for c in verb.children) and (token.dep_ == "nsubjpass" or verb.lemma_.lower() != "kill")


def fired_on(ent: Span) -> bool:
    """"opened fire on X", "fired at Inspector X": "fire" and "on" or "at" just before the name, a title
    between."""
    doc, at = ent.doc, ent.start - 1
    while at > ent.start - 1 - TITLE_WORDS and at > 0 and doc[at].is_alpha and doc[at].lower_ not in ("on", "at"):
        at -= 1
    return at > 0 and doc[at].lower_ in ("on", "at") and doc[at - 1].lemma_.lower() == "fire"


def aged(ent: Span) -> bool:
    """Is the name followed by an age between commas ("Sadia Gul, 30,"): a person's, whatever the model
    tagged it?"""
    doc, at = ent.doc, ent.end
    return at + 2 < len(doc) and doc[at].lower_ == "," and doc[at + 1].like_num and doc[at + 2].lower_ == ","


def died_after(ent: Span, end: int) -> bool:
    """"X was killed", "X, 30, was critically injured and died later", "X was shot dead": after the name
    (and an age between commas) only verbs, adverbs and "and" up to a verb of dying, not negated."""
    doc, at = ent.doc, ent.end + (3 if aged(ent) else 0)
    if at >= end or doc[at].lower_ not in ("was", "were", "had", "has"):
        return False
    for token in doc[at:min(end, at + 8)]:
        if token.pos_ not in VERB_WORDS or token.dep_ == "neg":
            return False
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (lemma in DYING or lemma in DYING_WITH and token.i + 1 < end
                                     and doc[token.i + 1].lower_ in ("dead", "down")):
            return True
    return False

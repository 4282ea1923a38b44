"""Who did it and to whom: the groups an event's sentences name as claiming, carrying out or
suspected of it (roles from :mod:`pipeline.roles`), the ones that denied it, and its target; a claim
in a sentence with no event of its own goes to the incident it speaks of.
"""
from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from pipeline.catalog import Catalog
from pipeline.assembly import incident_clause, names_again
from pipeline.event_context import DocContext
from pipeline.event_targets import named_as
from pipeline.event_time import Recall
from pipeline.factuality import children
from pipeline.roles import CLAIM, DENY, PERPETRATOR, SUSPECT, RoleReader

if TYPE_CHECKING:
    from pipeline.events import Event

PRONOUNS = frozenset({"it", "they", "group", "organization", "organisation", "outfit", "faction", "militia"})
#: Names a pronoun may stand for: the nearest of them before it is its antecedent.
ANTECEDENT_LABELS = frozenset({"MILITANT_GROUP", "ORG", "GPE", "NORP", "PERSON"})
PERSON_PRONOUNS = frozenset({"him", "he", "his", "her", "she", "them"})


def said_by(pronoun: Token) -> Token | None:
    """The definite group noun whose saying a pronoun's clause reports ("the group said it blew up a
    track", "the outfit claimed that it had attacked"): the pronoun stands for it. None otherwise."""
    if pronoun.pos_ != "PRON" or pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "ccomp":
        return None
    speaker = next((c for c in pronoun.head.head.children if c.dep_ == "nsubj"), None)
    return speaker if speaker is not None and speaker.lower_ in PRONOUNS and names_again(speaker) else None


#: What is fired or thrown in an attack, never its target ("opened fire on", "fired two rockets at").
FIRED = frozenset({"fire", "gunfire", "shot", "shots", "bullet", "rocket", "grenade", "mortar", "missile", "shell",
                   "vest", "device", "explosive", "ied"})  # "detonated his vest", "planted an explosive device"


class ActorReader:
    """Read the actors and target of each event; set up once per run."""

    def __init__(self, roles: RoleReader, catalog: Catalog, words: dict[str, set[str]], recall: Recall,
                 target_kinds: frozenset[str] = frozenset(), agent_only: frozenset[str] = frozenset()):
        self.roles = roles
        #: Types whose actor is only a group that is the trigger's subject or agent (``actors: agent``).
        self.agent_only = agent_only
        #: Nouns before an incident's noun that name what it struck ("a school massacre"; ``clustering.target_kinds``).
        self.target_kinds = target_kinds
        self.catalog = catalog
        self.words = words
        self.recall = recall

    def add_actors(self, ctx: DocContext, event: Event, sent: Span) -> None:
        agent_only = event.type in self.agent_only
        region = event.region if sent is event.sent else None  # not the doer of another incident of the sentence
        for ent in ctx.view(sent).ents:
            if ent.label_ != "MILITANT_GROUP" or not ent.ent_id_ or (agent_only and not does(ent.root, event.trigger)):
                continue
            if region is not None and in_another_clause(event, ent.root):
                continue
            role = self.roles.role(ent)
            entity = self.resolve_branch(ctx, ent)
            if role == DENY:
                event.denied.add(entity)
            elif role in (CLAIM, SUSPECT) or (role == PERPETRATOR and not against_the_state(event, ent, self.roles.fights)):
                event.actors.setdefault(entity, role)
        for token in sent:
            by = token.dep_ == "pobj" and token.head.lower_ == "by"  # "an explosion claimed by the organization"
            if token.lower_ not in PRONOUNS or not (token.dep_ == "nsubj" or by) or (agent_only and not does(token, event.trigger)):
                continue
            if a_device(token) or any(c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children):
                continue  # "the umbrella group, Taliban, denied", "a faction of X claimed": its own group
            if token.pos_ != "PRON" and not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that")
                                                for c in token.children):
                continue  # "a group claimed": no group named before is meant
            role = self.roles.through_preposition(token.head)[0] if by else self.roles.as_subject(token, token.head, "nsubj")
            if role == DENY and token.pos_ != "PRON":
                continue
            suspected = role == SUSPECT and token.pos_ != "PRON"  # "in 2024, the group was behind a hijacking"
            group = self.preceding_group(ctx, token) if role in (CLAIM, PERPETRATOR, DENY) or suspected else None
            if group and role == DENY:
                event.denied.add(group)  # "... said that it had no part in the shooting"
            elif group:
                event.actors.setdefault(group, SUSPECT if suspected else PERPETRATOR)

    def add_listed(self, ctx: DocContext, event: Event) -> None:
        """An incident listed among those of the sentence before ("X claimed several attacks. These
        include the bombing at ..."; "Among them was ...") takes the one group that sentence gives them."""
        if not self.listed(event.trigger):
            return
        index = ctx.sents.index(event.sent) if event.sent in ctx.sents else 0
        if index == 0:
            return
        self.add_one_group(ctx, event, ctx.sents[index - 1])

    def add_one_group(self, ctx: DocContext, event: Event, sent: Span) -> None:
        """The actors of ``sent`` for an incident it speaks of only as one of many: none where it names
        several groups (whose incident it is stays unsaid)."""
        before, denied = dict(event.actors), set(event.denied)
        self.add_actors(ctx, event, sent)
        if len(set(event.actors) - set(before)) > 1:
            event.actors, event.denied = before, denied

    def listed(self, trigger: Token) -> bool:
        """Is the trigger noun the object of "include" with a pronoun subject ("These include the
        bombing"), or the subject of a clause opened by "among" and a pronoun ("Among them was ...")?"""
        head, words = trigger.head, self.words["listing"]
        if trigger.dep_ == "dobj" and head.lemma_.lower() in words:
            return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in head.children)
        if trigger.dep_ == "nsubj":
            return any(c.dep_ == "prep" and c.lower_ in words and any(g.pos_ == "PRON" for g in c.children)
                       for c in head.children)
        return False

    def resolve_branch(self, ctx: DocContext, ent: Span) -> str:
        """"This ISIS branch": the branch of that group last named before, if any; "the Islamic State's
        Khorasan branch": the branch of the group whose names hold the region's name."""
        if (named := self.named_branch(ent)) is not None:
            return named
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is None or nxt.lemma_.lower() not in self.words["branch"]:
            return ent.ent_id_
        for earlier in reversed([e for e in ctx.ents if e.end <= ent.start and e.label_ == "MILITANT_GROUP"]):
            entry = self.catalog.entries.get(earlier.ent_id_)
            if entry is not None and getattr(entry, "parent", None) == ent.ent_id_:
                return earlier.ent_id_
        return ent.ent_id_

    def named_branch(self, ent: Span) -> str | None:
        """The catalog's branch of the group ``ent`` that "<group>'s <Region> branch" names: one whose
        parent is the group and one of whose names holds the region ("Khorasan": ISKP)."""
        doc, i = ent.doc, ent.end
        if i < len(doc) and doc[i].tag_ == "POS":
            i += 1
        region = []
        while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].ent_type_ != "MILITANT_GROUP":
            region.append(doc[i].lower_)
            i += 1
        if not region or i >= len(doc) or doc[i].lemma_.lower() not in self.words["branch"]:
            return None
        wanted = " ".join(region)
        for entry_id, entry in self.catalog.entries.items():
            if getattr(entry, "parent", None) == ent.ent_id_ and any(
                    wanted in name.lower() for name in (entry.name, *entry.aliases)):
                return entry_id
        return None

    @staticmethod
    def preceding_group(ctx: DocContext, token: Token) -> str | None:
        """The group a pronoun or "the group" stands for: for a pronoun, the nearest name before it that
        could be its antecedent, when that is a group ("the U.S. Africa Command said it had carried
        out a strike" is no group's strike, whatever group was named before); for "the group", "the
        organization", the nearest group."""
        speaker = said_by(token)
        if speaker is not None:  # "the group said it blew up a track": "it" is the group
            token = speaker
        labels = ANTECEDENT_LABELS if token.pos_ == "PRON" else {"MILITANT_GROUP"}  # "the organization": a group
        earlier = [e for e in ctx.ents if e.label_ in labels and e.end <= token.i and token.i - e.start < 120]
        if not earlier or earlier[-1].label_ != "MILITANT_GROUP" or not earlier[-1].ent_id_:
            return None
        return earlier[-1].ent_id_

    def target(self, ctx: DocContext, event: Event) -> str | None:
        """Who or what was attacked, arrested, killed or extradited; a pronoun takes the person named
        before; else the kind of place before the incident's noun (:meth:`kind_of_target`)."""
        trigger = event.trigger
        deps = ("dobj", "nsubjpass") if trigger.pos_ == "VERB" else ()
        picks = [c for c in trigger.children if c.dep_ in deps]
        if trigger.pos_ == "NOUN":
            picks += [c for c in trigger.children if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS]  # "his arrest"
        picks += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "at")
                  for g in c.children if g.dep_ == "pobj"]
        if trigger.dep_ == "relcl" and trigger.pos_ == "VERB" and not children(trigger, ("nsubj",)):
            picks.append(trigger.head)  # "the convoy that was attacked"; not "the gunmen who attacked", the doers
        for pick in picks:
            if pick.lower_ in PERSON_PRONOUNS:
                # the person named in its sentence or the one before: a name further back is seldom
                # whom "him" stands for ("the alleged planner ... Pakistan arrested him")
                sent = ctx.sent_of[pick.i]
                since = ctx.sents[max(0, ctx.sents.index(sent) - 1)].start if sent is not None else pick.i
                person = [e for e in ctx.ents if e.label_ == "PERSON" and since <= e.start and e.end <= pick.i]
                if person:
                    return person[-1].text
                continue
            if (pick.ent_type_ == "MILITANT_GROUP" and event.type == "ATTACK") or pick.pos_ == "PRON" \
                    or pick.ent_type_ in ("DATE", "TIME") or pick.lemma_.lower() in FIRED or pick.lower_ == "control":
                continue  # a group is no target of its attack; "something", "them" name nobody; "on Monday";
                # "opened fire on a van", "exchanged fire", "fired rockets at": what was fired is no target;
                # "took control of a base": what was taken is the place
            end = pick.i + 1
            if pick.ent_iob_ in ("B", "I"):
                while end < len(pick.doc) and pick.doc[end].ent_iob_ == "I":
                    end += 1
            start = pick.left_edge.i
            while start < pick.i and trigger.doc[start].lower_ in ("dead", "down"):
                start += 1  # "shot dead Mawlavi X", parsed with "dead" in the name's phrase
            end = max([end, *(n.i + 1 for n in named_as(pick))])  # "five men who were identified as A, B and C"
            return trigger.doc[start: end].text[:160]  # the noun phrase, without its "in X"
        return self.kind_of_target(trigger)

    def kind_of_target(self, trigger: Token) -> str | None:
        """"a school massacre", "the Kabul airport bombing": a noun before the trigger noun that names a
        kind of place or thing attacked is its target, with the words before it but a year."""
        if trigger.pos_ != "NOUN":
            return None
        for child in trigger.children:
            if child.dep_ == "compound" and child.lemma_.lower() in self.target_kinds:
                words = [t for t in trigger.doc[child.left_edge.i: child.i + 1] if not t.like_num]
                return trigger.doc[words[0].i: child.i + 1].text
        return None

    def attach_claims(self, ctx: DocContext, events: list[Event]) -> None:
        """A claim, suspicion or denial in a sentence with no event of its own goes to the incident
        before it that "the attack" would speak of (:meth:`pipeline.event_time.Recall.antecedent`), else
        the next one. One in a sentence counting many incidents goes only to an example told right after
        it ("ISKP has staged a string of attacks. In December a bomber killed ..."), never back to the
        story's ("More than 200 attacks have hit the province this year, most of them claimed by the TTP")."""
        if not events:
            return
        own = {e.sent.start for e in events}
        for index, sent in enumerate(ctx.sents):
            if sent.start in own or not any(e.label_ == "MILITANT_GROUP" for e in ctx.view(sent).ents):
                continue
            if sent.start in ctx.statistics and not ctx.told.get(sent.start):  # (not "X, which has carried out
                following = ctx.sents[index + 1] if index + 1 < len(ctx.sents) else None
                example = next((e for e in events if following is not None and e.sent.start == following.start
                                and e.type in ("ATTACK", "TARGETED_KILLING")), None)
                if example is not None and "\n\n" not in ctx.text[sent.end_char:following.start_char] \
                        and not self.listed(example.trigger):  # "These include ...": add_listed's
                    self.add_one_group(ctx, example, sent)
                continue  # attacks on foreigners, has claimed the attack": that sentence names the story's)
            before = [e for e in events if e.sent.start < sent.start and e.type == "ATTACK"]
            before = before or [e for e in events if e.sent.start < sent.start and e.type == "TARGETED_KILLING"]
            lead = "\n\n" not in ctx.text[:sent.start_char].strip()  # a headline or lead: "ISKP claims ..."
            after = [e for e in events if e.sent.start > sent.start and e.type == "ATTACK"] if lead else []
            event = that_one(sent, before) or (self.recall.antecedent(ctx, before, sent[0]) if before else next(iter(after), None))
            if event is not None and ((before and event is before[0]) or event.sent.start >= sent.start - 400):
                self.add_actors(ctx, event, sent)  # the story's claim may come at the end of a long text


#: Verbs a device is the subject of, with no object ("it exploded", "it went off").
GOING_OFF = frozenset({"explode", "detonate", "go", "blow", "burst"})


def a_device(pronoun: Token) -> bool:
    """Is "it" the subject of a verb of going off with no object ("the car ... but it exploded before
    they reached the target"): the bomb or the vehicle, never a group?"""
    verb = pronoun.head
    return pronoun.lower_ == "it" and verb.lemma_.lower() in GOING_OFF and not any(
        c.dep_ == "dobj" for c in verb.children)


def against_the_state(event: Event, ent: Span, fights: Collection[str]) -> bool:
    """Is the group the side an operation fought ("troops killed 11 militants in a clash with X")?
    ``fights``: the nouns and verbs of a fight (``clash`` of events.yml)."""
    return event.type != "ATTACK" and fought_with(ent.root, fights)


def fought_with(token: Token, fights: Collection[str]) -> bool:
    """Is the group's word the other side of a fight ("a clash with X", "clashed with X militants")?"""
    while token.dep_ in ("compound", "amod", "appos", "conj") and token.head.i != token.i:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "with" and prep.head.lemma_.lower() in fights


def in_another_clause(event: Event, token: Token) -> bool:
    """Does the token stand in the clause of another incident that the event's own clause holds ("struck a
    camp, the same camp where X had shot 50 troops in May": X)? Words outside the event's clause
    ("X carried out three bombings last year, among them one at a bus stand in Mardan": X) are not."""
    clause = incident_clause(event.trigger)
    return event.region is not None and clause.left_edge.i <= token.i <= clause.right_edge.i \
        and token.i not in event.region


def does(doer: Token, trigger: Token) -> bool:
    """Is ``doer`` the trigger's own subject or its "by" agent ("the Taliban arrested", "arrested by the Taliban")?"""
    if doer.dep_ == "nsubj":
        return doer.head == trigger
    return doer.dep_ == "pobj" and doer.head.lower_ == "by" and doer.head.head == trigger


def that_one(sent: Span, before: list[Event]) -> Event | None:
    """The incident told before that a noun with "that" names by its own word (the group "also owned that
    shooting", after "an attack in which militants shot up a post"): the last one told with a word of the
    noun's stem, when it is not the first told (the story needs no "that")."""
    for noun in (t for t in sent if t.pos_ == "NOUN" and any(c.lower_ == "that" and c.dep_ == "det" for c in t.children)):
        stem = noun.lemma_.lower()[:5]
        told = [e for e in before if any(m.lemma_.lower()[:5] == stem for m in e.mentions)]
        if told and told[-1] is not before[0]:
            return told[-1]
    return None

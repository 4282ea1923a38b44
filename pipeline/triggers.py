"""Triggers of events in one parsed Doc: the words and patterns of ``configs/events.yml`` that name
an attack, an arrest, an operation..., each with its type and its factuality.

Trigger lemmas and token patterns come from the types of ``configs/events.yml``, found with spaCy's
Matcher and the Doc's LEMMA column; a kill verb whose subject or agent is a group or militants is an
attack, and one whose agent is state forces and whose victim is a named person a targeted killing.
"""
from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import VERB
from spacy.tokens import Span, Token

from pipeline.agents import AgentReader, claimed_by_a_group, killed_in_raid, object_among
from pipeline.assembly import names_again
from pipeline.event_context import DocContext
from pipeline.event_time import TELLING
from pipeline.eventtypes import EventsSettings
from pipeline.factuality import a_year, factuality, labour_strike, lemma, the_same_strike

#: When one token triggers two types, the more specific wins.
PRIORITY = ["TARGETED_KILLING", "EXTRADITION", "ARREST", "ATTACK", "MILITARY_OPERATION", "AID"]
#: The factuality of a trigger word that names something else ("an aid worker", "a rescue operation"),
#: beside the labels of :mod:`pipeline.factuality`.
OTHER_SENSE = "other-sense"
#: Factuality of state forces firing back inside a group's attack: part of that attack, no operation.
RESPONSE = "response"

#: Prefixes that make a trigger word part of another word: "co-operation".
WORD_PREFIXES = frozenset({"co"})

class TriggerFinder:
    """Find the triggers of a document; set up once per run from the events settings."""

    def __init__(self, nlp: Language, settings: EventsSettings, words: dict[str, set[str]], agents: AgentReader):
        self.words = words
        self.agents = agents
        self.cues = settings.factuality
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
        self.not_with = {name: {w.lower() for w in kind.not_with} for name, kind in settings.types.items()}
        self.object_words = {name: self.words[kind.object_words] for name, kind in settings.types.items()
                             if kind.object_words}
        self.without_person = {name: kind.without_person for name, kind in settings.types.items() if kind.without_person}
        self.by_trigger = {name: {w.lower(): t for w, t in kind.without_person_by_trigger.items()}
                           for name, kind in settings.types.items()}
        self.between_states = frozenset(name for name, kind in settings.types.items() if kind.parties == "states")

    def triggers(self, ctx: DocContext) -> list[tuple[str, Token, str, str]]:
        """``(type, head token, rule, factuality)`` of every trigger, one type per token, in text order;
        factuality is ``asserted`` or why the mention is no incident (:mod:`pipeline.factuality`)."""
        doc = ctx.doc
        found: dict[int, tuple[str, Token, str]] = {}
        counts: dict[int, tuple[str, Token, str]] = {}
        others: dict[int, tuple[str, Token, str, str]] = {}
        by_state: set[int] = set()
        fell: set[int] = set()  # militants as a kind killed, or a fight, with no attacker named
        brawls: set[str] = set()  # the words of fights between civilians told so far
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
            if not self.needed(ctx, kind, ctx.sent_of[token.i]) and not (
                    any(hit[0] == kind for hit in found.values()) and names_again(token)):
                continue  # but "The operation took place last night" after a military operation
            if kind in self.object_words and (not self.agents.object_fits(token, self.object_words[kind])
                                              or object_among(token, self.words.get("dead_body", set()))):
                others.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}", OTHER_SENSE))
                continue  # "handed over night-vision goggles": no extradition
            fight = self.agents.fight(token) if kind == "ATTACK" else None
            brawl = kind == "ATTACK" and (self.agents.civil_fight(fight) or (lemma(token) in brawls and names_again(token)))
            if brawl:
                brawls.add(lemma(token))  # "The clashes were unfortunate": the brawl told before
            if self.not_the_event(token, kind, end - start) or brawl:
                # "an aid worker", "clashes between traders' supporters": kept as a mention that is no incident
                label = "heading" if ctx.view(ctx.sent_of[token.i]).heading else OTHER_SENSE
                others.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}", label))
                continue
            if self.is_statistic(token):  # "71 attacks": kept as a mention that is no incident
                counts.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}"))
                continue
            if kind == "ATTACK" and (self.agents.by_state(token) or self.agents.fought_by_state(fight)
                                     or (token.pos_ == "VERB" and killed_in_raid(self.agents, token)
                                         and self.agents.victims_militants(token))):
                kind = "MILITARY_OPERATION"
                by_state.add(token.i)
            elif kind == "ATTACK" and (fight is not None or self.agents.militants_fell(token)):
                if in_operation(ctx, ctx.sent_of[token.i], self.lemma_types):
                    kind = "MILITARY_OPERATION"  # "three terrorists were gunned down in an intelligence-based operation"
                fell.add(token.i)
            if kind == "TARGETED_KILLING" and self.agents.by_militants(token):
                kind = "ATTACK"  # "unidentified gunmen assassinated a cleric": a group's killing is an attack (EVENTS.md)
            if kind == "MILITARY_OPERATION" and militants_own(token, self.agents):
                others.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}", OTHER_SENSE))
                continue  # "the insurgents justify their violent campaign": no operation of a state
            if (kind in ("ARREST", "EXTRADITION") and (self.agents.held_by_militants(token) or claimed_by_a_group(
                    token, self.words["claim"]))) or (  # "the attackers
                    kind in self.between_states and self.agents.group_party(token)):  # rounded up men", "the TTP got funding"
                others.setdefault(token.i, (kind, token, f"{kind}:{token.lemma_.lower()}", OTHER_SENSE))
                continue
            if kind in self.without_person and not sentence_names_person(ctx, ctx.sent_of[token.i], self.words):
                other = self.by_trigger[kind].get(token.lemma_.lower())
                kind = other if other is not None and not self.agents.by_state(token) else self.without_person[kind]
            old = found.get(token.i)
            if old is None or PRIORITY.index(kind) < PRIORITY.index(old[0]):
                found[token.i] = (kind, token, f"{kind}:{doc[start:end].lemma_.lower()}")
        for ent in ctx.ents:
            if ent.label_ == "OPERATION" and ent.root.i not in found:
                found[ent.root.i] = ("MILITARY_OPERATION", ent.root, "MILITARY_OPERATION:named")
        verbs = np.flatnonzero(columns[:, 1] == VERB).tolist()
        verb_lemmas = columns[verbs, 0].tolist()
        kills = {h for h in set(verb_lemmas) if (word := doc.vocab.strings[h].lower()) in self.words["kill"]
                 and word not in self.words["claim"]}
        for i, lemma_hash in zip(verbs, verb_lemmas):
            if i not in found and lemma_hash in kills:
                token = doc[i]
                kind = self.agents.kill_kind(token)
                if kind:
                    found[token.i] = (kind, token, f"{kind}:kill-by-{'group' if kind == 'ATTACK' else 'state'}")
        fallen_in_operation(found, fell)
        attacks = {i for i, hit in found.items() if hit[0] == "ATTACK"}
        for i in by_state & found.keys():
            if found[i][0] == "MILITARY_OPERATION" and answers_attack(found[i][1], attacks, self.agents):
                others[i] = (*found.pop(i), RESPONSE)  # "the vest detonated when police opened fire"
        for i in [i for i, hit in found.items() if hit[0] == "MILITARY_OPERATION"]:
            if launched_in_response(found[i][1], ctx.view(ctx.sent_of[i]).has_number):
                others[i] = (*found.pop(i), RESPONSE)  # "As soon as the incident was reported, forces launched an operation"
        labelled = {i: (*found[i], factuality(found[i][1], ctx.view(ctx.sent_of[i]), self.cues)) for i in found}
        labelled.update({i: (*counts[i], "statistical") for i in counts if i not in found})
        labelled.update({i: others[i] for i in others if i not in labelled})
        strikes = [t for _, t, _, label in labelled.values() if label == "reported-elsewhere"
                   and lemma(t) in self.cues.strike_triggers and labour_strike(t, self.cues)]
        for i, (kind, token, rule, label) in list(labelled.items()):
            if label == "asserted" and self.counted_subject(token, counts):  # "300 attacks have hit the province"
                labelled[i] = (kind, token, rule, "statistical")
            elif label == "asserted" and the_same_strike(token, strikes, self.cues):  # "supported us in this strike"
                labelled[i] = (kind, token, rule, "reported-elsewhere")
            elif label == "asserted" and token.dep_ in ("acl", "relcl") and token.head.i in labelled \
                    and labelled[token.head.i][3] in ("statistical", "generic"):
                labelled[i] = (kind, token, rule, labelled[token.head.i][3])  # "the number of attacks targeting police"
            elif label == "asserted" and (told := participle_of(token, labelled)) is not None:
                labelled[i] = (kind, token, rule, told)  # "has staged regular attacks, targeting officials"
        return [labelled[i] for i in sorted(labelled)]

    def not_the_event(self, token: Token, kind: str, length: int) -> bool:
        """A trigger word that is not the event: the second half of "co-operation", "striking" as an
        adjective ("his praise was striking"), a modifier of another noun ("an aid worker", "a bomb
        disposal squad"; not "a bomb blast" or "the blast toll"), one of the type's ``not_with`` words
        before it ("a rescue operation"), or the manner of "with the assistance of"."""
        if length > 1:
            return False
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
                and doc[token.i - 2].lower_ in WORD_PREFIXES:
            return True  # "co-operation" is cooperation, no operation
        if token.pos_ == "VERB" and token.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children) \
                and not any(c.dep_ in ("dobj", "prep", "nsubj") for c in token.children if c.i > token.i):
            return True  # "His praise was striking because ...": an adjective
        if (token.dep_ == "amod" or (token.dep_ == "acl" and token.tag_ in ("VBG", "VBN"))) \
                and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in self.trigger_words:
            return True  # "targeted" of "in targeted attacks", "targeting" of "a drone strike targeting a
            # vehicle": the noun it qualifies is the mention
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        head = token.head
        word = head.lemma_.lower()
        if token.dep_ == "compound" and word not in self.trigger_words and word not in self.words["kill"] \
                and word not in self.words["wound"] and word not in self.words.get("happening", ()):
            # (any part of speech: "Bomber targets tent" parses "targets" a noun; but "a firing incident" is one)
            return True
        if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.not_with.get(kind, ()) for c in token.children):
            return True
        if seized(token, self.words.get("seizure", set())):  # "police recovered two IEDs and a grenade"
            return True
        return token.dep_ == "pobj" and head.lower_ == "with" and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children)

    def counted_subject(self, verb: Token, counts: dict) -> bool:
        """Is the verb said of a tally of incidents over a period ("More than 300 attacks have hit the
        province in 2023"): its subject a count of incidents (not of attackers: "100 gunmen attacked";
        nor of devices in one story: "5 package bombs exploded, killing 2"), in a perfect tense or
        with a period named?"""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in counts]
        if verb.pos_ != "VERB" or not subjects:  # (a count of attackers is never in ``counts``: is_statistic)
            return False
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        return perfect or bool(RE_PERIOD.search(verb.sent.text))

    def is_statistic(self, token: Token) -> bool:
        """"71 attacks": a count of events, not one event ("2 suicide bombings", "twin blasts" are one;
        "about 20 gunmen" are the attackers of one)."""
        if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() in self.words["perpetrator"] | self.words["attacker"]:
            return False
        numbers = [c.text.replace(",", "") for c in token.children if c.dep_ == "nummod" and not a_year(c)]
        return any(n.isdigit() and int(n) > 3 for n in numbers) or any(
            c.lower_ in ("dozens", "hundreds", "scores", "thousands") for c in token.children)

    def needed(self, ctx: DocContext, kind: str, sent: Span) -> bool:
        """A type with ``needs`` counts only when its sentence holds one of those words or a named operation."""
        need = self.needs.get(kind)
        if need is None:
            return True
        view = ctx.view(sent)
        lowered = view.text.lower()
        return any(w in lowered for w in self.words[need]) or any(e.label_ == "OPERATION" for e in view.ents)


#: What makes a count of incidents a tally over a period: a perfect tense, a year, "this year", "since".
RE_PERIOD = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:this|last|past|the) (?:year|month|decade|week)s?\b|\bsince\b", re.I)


#: Nouns of deeds in general: a participle after them in the plural tells a kind ("terrorist
#: activities targeting security forces"), not an incident.
ACTIVITY_NOUNS = frozenset({"activity", "act", "operation", "incident", "crime"})


def participle_of(token: Token, labelled: dict[int, tuple[str, Token, str, str]]) -> str | None:
    """The label of a trigger no incident that a participle of manner goes on about ("the group has
    staged regular attacks, targeting officials": the participle's verb's object is generic), or
    ``generic`` for one after deeds in general ("activities targeting police"); else None."""
    if token.tag_ != "VBG" or token.dep_ not in ("advcl", "acl"):
        return None
    if token.dep_ == "acl":  # "involved in terrorist activities targeting security forces": a kind of deed
        head = token.head
        kinds = head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() in ACTIVITY_NOUNS and not any(
            c.dep_ in ("det", "nummod", "poss") for c in head.children)
        return "generic" if kinds else None
    said = [labelled[c.i][3] for c in token.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i in labelled]
    return next((label for label in said if label in ("statistical", "generic")), None)


def in_operation(ctx: DocContext, sent: Span, lemma_types: dict[tuple[str, str], list[str]]) -> bool:
    """Does the sentence name an operation (a trigger noun of MILITARY_OPERATION, or a named one)?"""
    return any(e.label_ == "OPERATION" for e in ctx.view(sent).ents) or any(
        "MILITARY_OPERATION" in lemma_types.get((t.lemma_, t.pos_), ()) for t in sent if t.pos_ == "NOUN")


def fallen_in_operation(found: dict[int, tuple[str, Token, str]], fell: set[int]) -> None:
    """Militants killed, or a fight, with no attacker named ("After a heavy exchange of fire, six
    terrorists were killed"), go on with the incident told last before them: an operation's, typed so in
    place; an attack's ("In response, the officers shot dead four terrorists") stay the attack's. Told
    before any, they are the operation's in a document that tells one and no attack."""
    told = sorted((i, hit[0]) for i, hit in found.items() if i not in fell and hit[0] in ("ATTACK", "MILITARY_OPERATION"))
    story = "MILITARY_OPERATION" if told and "ATTACK" not in {k for _, k in told} else None
    for i in sorted(fell & found.keys()):
        before = [k for j, k in told if j < i]
        if (before[-1] if before else story) == "MILITARY_OPERATION":
            _, token, rule = found[i]
            found[i] = ("MILITARY_OPERATION", token, "MILITARY_OPERATION:" + rule.partition(":")[2])


def answers_attack(token: Token, attacks: set[int], agents: AgentReader | None = None) -> bool:
    """State forces firing back inside a group's attack: under a trigger of that attack ("the vest
    detonated when police opened fire", "militants stormed the post and police opened fire"), "after
    coming under attack", or in a sentence that opens "In response" after it. Part of the attack (gold/EVENTS.md: a clash a group starts is an
    ATTACK), not an operation of its own."""
    if any(a.i in attacks for a in token.ancestors):
        return True
    if any(v.lemma_.lower() == "respond" and any(t.i in attacks for t in v.subtree) for v in (token, token.head)):
        return True  # "soldiers responded to the attack and exchanged gunfire with gunmen in the hotel"
    if agents is not None and any(a < token.i for a in attacks) and agents.fights_the_attackers(token):
        return True  # "During the exchange of fire between the police and the attackers"
    opening = [t.lower_ for t in token.sent[:2]]
    if opening in (["in", "response"], ["in", "retaliation"]) and any(i < token.i for i in attacks):
        return True  # "Militants attacked a check post ... In response, army officers shot dead four terrorists"
    return any(t.lower_ in ("attack", "fire") and t.head.lower_ == "under" for t in token.subtree)


#: Nouns that name the incident an operation answers ("as soon as the incident was reported").
INCIDENT_NOUNS = frozenset({"incident", "attack", "blast", "explosion", "abduction", "kidnapping", "bombing", "killing"})


def militants_own(noun: Token, agents: AgentReader) -> bool:
    """Is an operation noun the militants' own, by "their" or "its" under a verb whose subject they
    are ("the insurgents justify their campaign")?"""
    if noun.pos_ != "NOUN":
        return False
    verb = noun.head
    if noun.dep_ == "dobj" and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that")
                                                           for c in verb.children):
        doer = verb.head  # "insurgents who have fought a long campaign"
        return doer.ent_type_ == "MILITANT_GROUP" or doer.lemma_.lower() in agents.words["perpetrator"] \
            or doer.lemma_.lower() in agents.words["attacker"]
    if not any(c.dep_ == "poss" and c.lower_ in ("their", "its") for c in noun.children):
        return False
    return verb.pos_ == "VERB" and agents.by_militants(verb)


def launched_in_response(token: Token, has_number: bool) -> bool:
    """Is the operation one launched after the story's incident, with nothing said of what it did ("As
    soon as the incident was reported, security forces launched a joint operation")? The search that
    follows an attack, not an incident of its own (GTD and ACLED code what it finds, when it finds it)."""
    if has_number or token.pos_ != "NOUN":
        return False
    verb = token.head if token.dep_ in ("dobj", "nsubjpass") else None
    if verb is None or verb.pos_ != "VERB":
        return False
    return any(c.dep_ in ("advcl", "prep", "advmod") and any(
        t.lemma_.lower() in INCIDENT_NOUNS and any(d.dep_ == "det" and d.lower_ in ("the", "this") for d in t.children)
        for t in c.subtree) for c in verb.children)


def seized(token: Token, seizure: set[str]) -> bool:
    """Is the noun something found or taken ("recovered two IEDs and a grenade", "the seizure of
    explosives"), through a list it stands in?"""
    while token.dep_ in ("conj", "appos", "compound") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i != token.i:
        token = token.head  # "explosives, an IED bomb, three detonators ... were recovered"
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in seizure:
        return True
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in seizure


#: Verbs of a speaker who writes ("Mujahid wrote on X", "posted on X"), beside those of telling.
WRITING = frozenset({"write", "post", "tweet"})


def sentence_names_person(ctx: DocContext, sent: Span, words: dict[str, set[str]]) -> bool:
    """Does the sentence name a person other than as a speaker ("according to X") or the one told? A
    force the model took for a person ("the Air Force" with "Force" a PERSON) is none."""
    suspect = words["suspect"]
    placed = {(p.start, p.end) for p in ctx.places if p.kind != "unknown"}
    for ent in ctx.view(sent).ents:
        if ent.label_ != "PERSON" or (len(ent) == 1 and ent.root.lemma_.lower() in words["state_forces"]):
            continue
        if (ent.start, ent.end) in placed:
            continue  # "a drone strike east of Sanaa", the city the model took for a person
        head = ent.root.head
        told = ent.root.head if ent.root.dep_ == "appos" else ent.root  # "told security expert, Jane Doe"
        if (ent.root.dep_ == "nsubj" and head.lemma_.lower() in suspect | TELLING | WRITING) or (
                told.dep_ in ("dobj", "dative") and told.head.lemma_.lower() in TELLING):
            continue  # "X said", "X told reporters"; "sources told Dawn" (a paper the model takes for a person)
        if ent.root.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and head.doc[head.i - 1].lower_ == "according":
            continue
        return True
    return False

"""Who does what a trigger tells: a state's forces ("Pakistani jets struck", "the army shelled"),
militants ("the attackers rounded up men": no arrest), a group or state forces as the agent of a kill
verb (an attack, a targeted killing, an operation), and whom an extradition's verb hands over.
Read from the dependency parse with the word lists of ``configs/events.yml``.
"""
from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Token

from pipeline.roles import DOING, headline_passive

#: Determiners of ones already told of: "soldiers killed all eight militants" are the attack's attackers.
DEFINITE = frozenset({"the", "all", "both", "these", "those", "their", "its"})
#: Verbs by which a fight happens ("the clashes took place between", "erupted", "broke out").
HAPPENING = frozenset({"take", "erupt", "break", "occur", "happen"})
#: Personal pronouns an object of a person may be ("handed him over").
PERSONAL = frozenset({"him", "her", "them", "he", "she", "they", "me", "us", "whom", "who"})


#: How a country's people's adjective ends ("Pakistani", "Afghan", "Iranian", "Chinese", "Turkish",
#: "French"): a place name the model tags NORP ("a Faryab explosion") says no state's hand.
RE_DEMONYM = re.compile(r"(?:an|i|ese|ish|ic|ch)$")


#: Nouns of a group's men that a group's name makes militants: "nine Islamic State operatives", "IS members".
GROUP_MEN = frozenset({"operative", "member", "commander", "fighter", "militant", "cadre"})


def of_a_group(noun: Token) -> bool:
    """A group's men as a kind: "Islamic State operatives", "members of the TTP"."""
    if noun.lemma_.lower() not in GROUP_MEN or noun.tag_ not in ("NNS", "NNPS"):
        return False
    named = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ == "MILITANT_GROUP"]
    named += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.ent_type_ == "MILITANT_GROUP"]
    return bool(named)


def counted_victims(subject: Token) -> bool:
    """A counted subject of a verb with no object, as headlines write the passive ("Six police
    gunned down in Lakki attack"): the ones it befell, not the doers."""
    verb = subject.head
    return subject.dep_ == "nsubj" and any(c.dep_ == "nummod" for c in subject.children) \
        and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("dobj", "attr") for c in verb.children)


def verbs_told(noun: Token) -> list[Token]:
    """The verbs that tell what the noun did: the one it is the subject of, or, where the small model
    makes the noun the root ("An attack ... left 36 militants dead"), the verbs under it."""
    if noun.dep_ == "nsubj":
        return [noun.head]
    if noun.dep_ == "ROOT":
        return [t for t in noun.subtree if t.pos_ == "VERB"]
    return []


#: Verbs whose subject does the deed their "to" or "in" names ("forces resorted to firing", "engaged in shelling").
RESORTING = frozenset({"resort", "engage", "indulge"})


#: Nouns of a strike that a country's name before them makes a state's ("a U.S. drone attack hits a compound").
STRIKE_NOUNS = frozenset({"attack", "strike", "airstrike", "raid", "bombing", "bombardment", "shelling"})


def claimed_by_a_group(verb: Token, claim: Collection[str]) -> bool:
    """Is the verb's clause what a group claims ("... and three taken, X claimed"; "X said its men
    seized two policemen")? Its captures are the group's, never a state's arrest."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    said = verb.head if verb.dep_ in ("ccomp", "parataxis") else None
    return said is not None and said.lemma_.lower() in claim and any(
        c.dep_ == "nsubj" and c.ent_type_ == "MILITANT_GROUP" for c in said.children)


def shares_subject(verb: Token) -> bool:
    """Is the verb's doer the subject of the verb it hangs under ("the army shelled the area and bombed
    hideouts")? Not where it has a subject of its own, nor in the passive ("troops were on patrol when
    they were ambushed": the ones it was done to)."""
    return verb.pos_ == "VERB" and verb.dep_ in ("conj", "advcl", "xcomp") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in verb.children)


class AgentReader:
    """Read agents and objects of triggers; set up once per run with the word lists and the names of
    peoples, faiths and sects (places.yml, lower case: a NORP word among them names no state)."""

    def __init__(self, words: dict[str, set[str]], peoples: frozenset[str] = frozenset(),
                 governing: frozenset[str] = frozenset(), demonyms: frozenset[str] = frozenset()):
        """``governing``: catalog ids of groups that govern a country (``governs`` in groups.yml);
        ``demonyms``: the people's adjectives of places.yml, lower case ("us", "pakistani")."""
        self.words = words
        self.peoples = peoples
        self.governing = governing
        self.demonyms = demonyms

    def by_state(self, token: Token) -> bool:
        """"Pakistani strikes", "the Revolutionary Guards fired", "the army shelled the area and bombed
        hideouts": a state's forces (a country as a subject is not read: the model takes a dateline for one)."""
        doers = [c for c in token.children if c.dep_ in ("amod", "poss", "compound", "nsubj")
                 and c.ent_type_ != "MILITANT_GROUP" and not counted_victims(c)
                 and not (c.dep_ == "nsubj" and headline_passive(token))]
        if shares_subject(token):
            doers += [c for c in token.head.children if c.dep_ == "nsubj" and c.ent_type_ != "MILITANT_GROUP"]
        verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("to", "in") else None
        if token.pos_ == "NOUN" and verb is not None and verb.lemma_.lower() in RESORTING:
            doers += [c for c in verb.children if c.dep_ == "nsubj"]  # "Afghan border forces resorted to firing"
        if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_.lower() in DOING:  # "helicopters carried out strikes"
            subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.ent_type_ != "MILITANT_GROUP"]
            if any(c.ent_type_ == "GPE" for c in subjects):
                return True  # "Pakistan carried out similar strikes in Khost": a state (no dateline does that)
            doers += subjects
        return any(self.national(d) or (d.dep_ == "poss" and d.ent_type_ == "GPE" and not place_after(token, d))
                   or (d.dep_ == "compound" and d.lower_ in self.demonyms)  # "a US strike", "US" tagged GPE
                   or (d.dep_ != "poss" and self.state(d)) or by_a_country(self, d)  # "a US drone attack hits"
                   for d in doers) or self.hit_militants(token)

    def hit_militants(self, noun: Token) -> bool:
        """An incident's noun, no group its doer, whose verb left militants of a kind or of a group dead
        ("An attack on a tunnel complex ... left 36 Islamic State militants dead"): a state's strike."""
        doers = [t for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod", "prep")
                 and (c.dep_ != "prep" or c.lower_ == "by") for t in c.subtree]
        if noun.pos_ != "NOUN" or any(t.ent_type_ == "MILITANT_GROUP" for t in doers):
            return False  # "A TTP attack on a checkpoint left four militants dead": its attackers
        return any(any(c.dep_ in ("oprd", "acomp") and c.lemma_.lower() in self.words["kill"] for c in verb.children)
                   and self.victims_militants(verb) for verb in verbs_told(noun))

    def fought_by_state(self, fight: Token | None) -> bool:
        """A fight (:meth:`fight`: "clash", "exchange of fire", "gun battle") that state forces fight and no
        group starts: "security forces clashed with militants", "a gun battle with security forces"."""
        if fight is None:
            return False
        verb = fight.head.head if fight.dep_ == "pobj" and fight.head.dep_ == "prep" else None
        if verb is not None and verb.pos_ == "VERB" and self.attackers_fell(verb):
            return False  # "the three gunmen were later killed during an exchange of fire with security forces"
        return self.by_state(fight) or any(s.lemma_.lower() in self.words["state_forces"] for s in sides(fight))

    def fights_the_attackers(self, token: Token) -> bool:
        """Is the trigger a fight with the attackers told before ("During the exchange of fire between the
        police and the attackers, an officer was killed")? Part of their attack, not an operation."""
        fight = self.fight(token)
        attackers = self.words["perpetrator"] | self.words["attacker"]
        return fight is not None and any(
            side.lemma_.lower() in attackers and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                                     for c in side.children) for side in sides(fight))

    def civil_fight(self, fight: Token | None) -> bool:
        """A fight (:meth:`fight`) whose named sides are all civilians ("clashes between the supporters of
        two traders' bodies", "students clashed with protesters"): a brawl or riot, no attack."""
        named = [s for s in sides(fight) if s.pos_ != "PRON"] if fight is not None else []
        return bool(named) and all(s.lemma_.lower() in self.words.get("civilian_sides", ()) for s in named)

    def fight(self, token: Token) -> Token | None:
        """The fight a trigger names ("gun" of "gun battle": "battle"), unless a group is its subject."""
        fight = token.head if token.dep_ == "compound" else token
        if fight.lemma_.lower() not in self.words.get("clash", ()) or (fight.pos_ == "VERB" and self.by_militants(fight)):
            return None
        return fight

    @staticmethod
    def object_fits(token: Token, words: set[str]) -> bool:
        """Is the trigger verb's object (or the subject of its passive) one of ``words``, a person's name
        or a personal pronoun, or a number of them ("three of the suspects")? A verb without one fits ("was
        handed over to US officials" has its subject)."""
        if token.pos_ != "VERB":
            return True
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects:
            return True
        objects += [g for o in objects if o.pos_ == "NUM" for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]  # "three of the suspects were arrested"
        return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in words or o.lower_ in PERSONAL
                   or any(t.ent_type_ == "PERSON" for t in o.subtree) for o in objects)

    def national(self, token: Token) -> bool:
        """A country's people's adjective ("Pakistani strikes", "Iranian forces"), not a people, creed
        or movement the model also tags NORP ("a radicalised Islamist stabbed", "Baloch gunmen")."""
        return token.ent_type_ == "NORP" and token.lower_ not in self.peoples and token.lemma_.lower() not in self.peoples \
            and (token.lower_ in self.demonyms or RE_DEMONYM.search(token.lower_) is not None)  # not "Faryab", tagged NORP

    def group_party(self, token: Token) -> bool:
        """Is a group that governs nothing a party to the trigger ("the TTP received weapons and funding
        from the Taliban", "funding to the TTP", "the group's funding"), or the victims of an incident
        who receive relief ("a package for the victims' families": ``relief_recipients``)?"""
        noun = token
        while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
            noun = noun.head  # "weapons and funding"
        verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB" else None
        holders = [token, noun] + ([verb] if verb is not None else [])
        parties = [c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "dative")]
        parties += [g for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "to", "by", "for")
                    for g in c.children if g.dep_ == "pobj"]
        relief = self.words.get("relief_recipients", set())  # "assistance to the victims' families": relief
        return any((p.ent_type_ == "MILITANT_GROUP" and p.ent_id_ not in self.governing) or p.lemma_.lower() in relief
                   for p in parties)

    def held_by_militants(self, token: Token) -> bool:
        """An arrest made by militants (:meth:`by_militants`), not by a group that governs where it
        arrests ("Taliban forces detained 12", "the Taliban arrested a journalist": a state's arrest)."""
        return self.by_militants(token, self.governing)

    def by_militants(self, token: Token, governing: frozenset[str] = frozenset()) -> bool:
        """"the attackers rounded up men", "militants seized two policemen", "the gunmen arrived and
        rounded up the farmers" (the subject of the verb it is coordinated with): no arrest by a state."""
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
        verb = token
        while not subjects and verb.pos_ == "VERB" and verb.dep_ == "conj":
            verb = verb.head
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
        subjects += [g for c in subjects if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return any((c.ent_type_ == "MILITANT_GROUP" and c.ent_id_ not in governing) or c.lemma_.lower() in self.words["perpetrator"]
                   or c.lemma_.lower() in self.words["attacker"] - {"member", "unit", "leader", "spokesman",
                                                                     "spokesperson", "commander"} for c in subjects)

    def state(self, agent: Token) -> bool:
        """A state's forces ("troops", "police"), a unit by its name ("the CTD"), or its officers named by
        their force ("counter-terrorism officers", "CTD personnel", "army officers")."""
        lemma = agent.lemma_.lower()
        if agent.pos_ == "PROPN" and lemma in self.words.get("state_units", ()):
            return True  # the unit itself: "the CTD raided", "Rangers arrested", "the FC"
        return lemma in self.words["state_forces"] or (lemma in self.words.get("state_people", ()) and any(
            c.dep_ in ("compound", "amod") and (c.lemma_.lower() in self.words["state_forces"]
                                                 or c.lemma_.lower() in self.words.get("state_units", ()))
            for c in agent.children))

    def kill_kind(self, verb: Token) -> str | None:
        """"ISKP killed", "was killed by militants": an attack; "killed by American special forces"
        with a named person killed: a targeted killing."""
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
        agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not agents and verb.dep_ == "conj":  # "troops pursued them and killed 12 militants"
            agents = [c for c in verb.head.children if c.dep_ == "nsubj"]
        for agent in agents:
            lemma = agent.lemma_.lower()
            if agent.ent_type_ == "MILITANT_GROUP" or lemma in self.words["attacker"] or attacking(agent, self.words):
                return "ATTACK"
            state = self.state(agent) or (agent.ent_type_ == "GPE" and agent.dep_ == "nsubj")  # "The United States killed"
            if state and self.victims_militants(verb):
                return "MILITARY_OPERATION"  # "security forces killed 11 militants": an operation (gold/EVENTS.md),
                # though the model takes "thirteen khwarij" for a person
            if state and self.victim_person(verb):
                return "TARGETED_KILLING"
        return "MILITARY_OPERATION" if self.victims_militants(verb) and killed_in_raid(self, verb) else None  # "12
        # militants have been killed in army raids"

    def victims_militants(self, verb: Token) -> bool:
        """Are the ones killed militants as a kind ("11 militants", "six insurgents"), not the attackers
        of the story's attack ("the attackers", "all five gunmen": its perpetrators killed)?"""
        victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return any((v.lemma_.lower() in self.words.get("militants_killed", ()) or of_a_group(v)) and not any(
            c.lower_ in DEFINITE for c in v.children if c.dep_ in ("det", "predet", "poss")) for v in victims)

    def militants_fell(self, verb: Token) -> bool:
        """"Three terrorists were gunned down in an intelligence-based operation": militants as a kind
        shot or killed with no group or attacker said to do it fall to the state's forces (EVENTS.md)."""
        if verb.pos_ != "VERB":
            return False
        headline = self.gunned_down(verb)
        if self.kill_kind(verb) is not None and not headline:
            return False
        return self.victims_militants(verb) or (headline and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in self.words.get("militants_killed", ()) for c in verb.children))

    def gunned_down(self, verb: Token) -> bool:
        """"Three terrorists gunned down" (a headline's passive, parsed as active): a verb that must have
        its object before "down" when active ("gunmen gunned him down") and has none."""
        return verb.lemma_.lower() in self.words.get("kill_down", ()) and not any(
            c.dep_ == "dobj" for c in verb.children) and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)

    def attackers_fell(self, verb: Token) -> bool:
        """Are the ones killed the story's attackers ("the three gunmen", "all five attackers"), not
        militants as a kind?"""
        victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(any(c.lower_ in DEFINITE for c in v.children if c.dep_ in ("det", "predet", "poss"))
                   or v.lemma_.lower() in self.words["attacker"] - self.words.get("militants_killed", set())
                   for v in victims)

    @staticmethod
    def victim_person(verb: Token) -> bool:
        victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if verb.dep_ == "relcl":
            victims.append(verb.head)
        return any(v.ent_type_ == "PERSON" for v in victims)


def sides(fight: Token) -> list[Token]:
    """Who a fight is said to be "with" or "between" (also on the verb it happens by: "the clashes took
    place between"), and a verb's subject ("militants clashed with police")."""
    told = [fight, fight.head] if fight.dep_ == "nsubj" and fight.head.lemma_.lower() in HAPPENING else [fight]
    found = [p for t in told for c in t.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
             for o in c.children if o.dep_ == "pobj" for p in (o, *o.conjuncts)]
    return found + [p for c in fight.children if c.dep_ == "nsubj" for p in (c, *c.conjuncts)]


def place_after(noun: Token, country: Token) -> bool:
    """Does a country's possessive lead to a place's name on the noun ("Afghanistan's Mazar-i-Sharif
    blast", "Balochistan's Pishin district"): where it was, not whose forces did it?"""
    return any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i > country.i
               and c.ent_type_ in ("", "GPE", "LOC", "FAC") for c in noun.children) or ranked(noun)


#: Words that rank an incident among the country's ("the country's first suicide attack in years",
#: "the country's deadliest attack"): where it happened, not whose forces did it.
RANKING = frozenset({"first", "worst", "deadliest", "bloodiest", "biggest", "largest", "latest", "second", "third"})


def ranked(noun: Token) -> bool:
    """Is the incident noun ranked among others ("first", "deadliest"), or a suicide attack, which no
    state's forces carry out?"""
    return any(c.dep_ in ("amod", "compound", "nmod") and (c.lower_ in RANKING or c.lemma_.lower() == "suicide")
               for c in noun.children)


def object_among(token: Token, words: set[str]) -> bool:
    """Is one of the trigger verb's objects (or subjects of its passive) one of ``words`` ("the body was
    handed over to the family"), beside :meth:`AgentReader.object_fits`?"""
    if token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects and token.dep_ == "conj":  # "the body was carried to a clinic and then handed over to kin"
        objects = [c for c in token.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lemma_.lower() in words or c.lower_ in words for c in objects)


def by_a_country(reader: AgentReader, noun: Token) -> bool:
    """A verb's subject, an incident's noun, that a country's name or adjective says is a state's ("a U.S.
    drone attack hits a compound"; not "a drone attack" alone: militants fly quadcopters too)."""
    return noun.dep_ == "nsubj" and noun.pos_ == "NOUN" and noun.lemma_.lower() in STRIKE_NOUNS and reader.by_state(noun) and any(
        c.dep_ in ("compound", "amod") and (reader.national(c) or c.ent_type_ in ("GPE", "NORP")) for c in noun.children)


def weapon(agent: Token, words: dict[str, set[str]]) -> bool:
    """"a suicide truck", "a booby-trapped car": a vehicle or device (``weapons``) the words before it make
    an attack's weapon (``weapon_marks``); not "a suicide bombing", an incident's own noun."""
    return agent.lemma_.lower() in words.get("weapons", set()) \
        and any(t.lower_ in words.get("weapon_marks", set()) for t in agent.subtree if t.i < agent.i)


def armed(agent: Token, words: dict[str, set[str]]) -> bool:
    """"armed men", "masked assailants": anyone the text calls armed, not state forces ("the armed forces")."""
    return agent.lemma_.lower() not in words["state_forces"] and any(
        c.dep_ == "amod" and {c.lemma_.lower(), c.lower_} & words.get("armed", set()) for c in agent.children)


def attacking(agent: Token, words: dict[str, set[str]]) -> bool:
    """Is the subject of a kill verb armed (:func:`armed`) or a weapon (:func:`weapon`)?"""
    return armed(agent, words) or weapon(agent, words)


#: Nouns of a search by force that a state's force before them makes its operation ("a police raid").
RAIDS = frozenset({"raid", "sweep", "swoop"})


def killed_in_raid(agents: AgentReader, verb: Token) -> bool:
    """Were the ones the verb kills killed in a state's raid, its force named before the noun ("in army
    raids", "in a police raid")?"""
    return any(g.lemma_.lower() in RAIDS and any(c.dep_ in ("compound", "amod", "poss") and agents.state(c)
                                                 for c in g.children)
               for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
               for g in p.children if g.dep_ == "pobj")

"""What a group mention is doing in its sentence: claiming, perpetrating, suspected, denying, or
something else (a victim, a descriptor), read from the dependency parse.

The walk starts at the mention's root token and climbs through words that only name the group
("militants", "a splinter group", "gunmen from", "a group named") until a relation decides:
subject of "claim" or "deny", agent of a claim or an attack ("claimed by X", "attack by X"),
subject of an attack or kill verb, modifier of an attack noun ("an ISKP suicide attack"), passive
subject of "suspect"/"believe" ("X is suspected"), object of "blame" ("officials blamed X").
GTD and ACLED code a perpetrator the same ways: by claim, by attribution, or by suspicion.
"""
from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

CLAIM, PERPETRATOR, SUSPECT, DENY = "claim", "perpetrator", "suspect", "deny"
#: Verbs that carry out an attack ("carried out", "launched", "staged").
DOING = frozenset({"carry", "launch", "stage", "conduct", "perpetrate", "mount", "execute", "orchestrate",
                   "mastermind", "plan", "commit", "send", "dispatch", "direct", "plant", "detonate", "trigger"})
#: A group's own branches named as its provinces ("the Islamic State's Pakistan province", "wilayat").
PROVINCES = frozenset({"province", "wilayat"})
#: Who carries out an attack, beside the ``attacker`` words: the subject of "was a member of X".
ATTACKER_NOUNS = frozenset({"shooter", "attacker", "assailant", "perpetrator", "bomber", "gunman", "knifeman", "suspect"})
#: Verbs that say who someone was: "identified as members of X".
IDENTIFYING = frozenset({"identify", "describe", "name", "recognise", "recognize"})
#: "had no part in it": nouns of taking part, whose "no" denies it.
NO_PART = frozenset({"part", "role", "hand", "involvement", "link", "links", "connection"})
#: Predicates that tie an attack to a group: "the bombing was tied to X", "the attack is linked to X".
TIES = frozenset({"tie", "link", "connect"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
TRANSPARENT_DEPS = frozenset({"conj", "appos", "compound", "flat", "nmod", "amod", "poss"})
MAX_STEPS = 8


def hyphened_participle(token: Token, head: Token) -> bool:
    """Is the name the first half of a hyphened participle that modifies a noun ("IS-claimed",
    "Taliban-planted", "LeJ-linked"): name, hyphen, then its head, a participle before its noun?"""
    doc = token.doc
    return head.i == token.i + 2 and doc[token.i + 1].text == "-" and head.tag_ in ("VBN", "VBD", "JJ") \
        and head.dep_ in ("amod", "compound") and head.head.i > head.i


def man_after(mention: Span, offices: set[str]) -> Token | None:
    """The person named right after a group's name, past its short form in brackets and his office
    ("TTP (TTP) spokesman Muhammad Khurasani"): the last word of his name, or None."""
    doc, i = mention.doc, mention.end
    if i < len(doc) and doc[i].text == "(":
        close = next((t.i for t in doc[i:i + 6] if t.text == ")"), None)
        i = close + 1 if close is not None else i
    while i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].lemma_.lower() in offices:
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "PERSON":
        return None
    while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I" and doc[i + 1].ent_type_ == "PERSON":
        i += 1
    return doc[i]


#: Nouns a series of incidents is told by ("a string of attacks"): see :mod:`pipeline.specificity`.
SERIES_NOUNS = frozenset({"series", "wave", "spate", "string", "line", "chain", "campaign"})
#: Words of a fight beside events.yml's ``clash`` (which also types a fight by its sides) that name the side a
#: group fought on: "died in fighting with X", "a gunfight with X".
FIGHTING = frozenset({"gunfight", "fighting", "fight"})
#: Nouns that stand for a group, which its name may follow after a comma ("an armed group, X").
GROUP_NOUNS = frozenset({"group", "organisation", "organization", "outfit", "movement", "network", "militia"})


def series_of(noun: Token, attack: Collection[str]) -> bool:
    """Is the noun a series ("a series of attacks", "a long line of bombings") of incidents?"""
    return noun.lemma_.lower() in SERIES_NOUNS and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in attack for g in c.children)
        for c in noun.children)


def group_noun_before(mention: Span) -> Token | None:
    """The noun for a group that the mention names after a comma ("by an armed group, Jama'at Nusrat
    al-Islam wal-Muslimin (JNIM)"), its full name and a bracket between, where the parse hangs the name
    elsewhere; None when the mention is that noun's child already."""
    doc, i = mention.doc, mention.start - 1
    while i > mention.sent.start and (doc[i].pos_ == "PROPN" or doc[i].text in ("(", "-", "’", "'")):
        i -= 1
    if i <= mention.sent.start or doc[i].text != ",":
        return None
    noun = doc[i - 1]
    if noun.lemma_.lower() not in GROUP_NOUNS or noun.ent_type_ or mention.root.head.i == noun.i:
        return None
    return noun


def qualifies_a_named_group(mention: Span) -> bool:
    """Does the group only qualify a noun for a group named otherwise ("a Taliban outfit called X",
    "a Baloch outfit called Y")? The named one is meant."""
    noun = mention.root.head
    if mention.root.dep_ not in ("compound", "amod", "nmod") or noun.lemma_.lower() not in GROUP_NOUNS | FACTION_NOUNS:
        return False
    return any(c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name") and any(
        t.ent_type_ == "MILITANT_GROUP" and t.ent_id_ != mention.root.ent_id_ for t in c.subtree) for c in noun.children)


def owns_apposition(mention: Span) -> bool:
    """Is the group the possessor of a noun set beside another group to describe it ("X, the Y's
    affiliate", "X, a branch of ...")? It is named to say whose X is, not what it did."""
    noun = mention.root.head
    return mention.root.dep_ == "poss" and noun.dep_ == "appos" and noun.head.ent_type_ == "MILITANT_GROUP"


#: Nouns that set a group beside another as its part or follower ("X, a faction of Y", "Y splinter group X").
FACTION_NOUNS = frozenset({"faction", "splinter", "offshoot", "affiliate", "wing", "branch", "breakaway", "franchise",
                           "ally", "arm", "subgroup", "off-shoot"})


def describes_a_faction(mention: Span) -> bool:
    """Is the group named only to say whose faction the doer is: "X, a faction of the Y group, claimed",
    "X, a Y faction, claimed", "militants of Y splinter group X rammed"? The faction did it (as the
    human-coded sets and GTD code a named faction apart from its parent); an unnamed one ("a Y faction
    claimed") is still Y's."""
    root, doc = mention.root, mention.doc
    i = mention.end  # "Y splinter group X", whatever the parse makes of it
    if i < len(doc) and doc[i].lemma_.lower() in FACTION_NOUNS:
        i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ in ("group", "outfit", "faction"))
        if faction_name_at(doc, i):
            return True
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        return noun.lemma_.lower() in FACTION_NOUNS and noun.dep_ == "appos"
    if root.dep_ not in ("compound", "nmod", "amod"):
        return False
    noun = root.head
    if not (noun.lemma_.lower() in FACTION_NOUNS or any(
            c.dep_ == "compound" and c.lemma_.lower() in FACTION_NOUNS for c in noun.children)):
        return False
    if noun.dep_ == "appos":
        return True  # "X, a Y faction, claimed", "X, an al-Qaeda affiliate"
    return faction_name_at(doc, noun.i + 1)


def faction_name_at(doc: Doc, i: int) -> bool:
    """Does a faction's own name, one the catalog lacks, begin at token ``i`` (a capitalised proper noun)?"""
    return i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].ent_type_ != "MILITANT_GROUP"


def claimed_by_order(mention: Span, claim: set[str]) -> bool:
    """Is the mention right before a claim verb that the parse left without a subject ("three guards were
    hurt and the TTP claimed it", where the small model may join the name to the nouns before it as a
    conjunct)? A finite verb, perhaps after its auxiliary or an adverb."""
    doc, i = mention.doc, mention.end
    while i < len(doc) and ((doc[i].pos_ == "AUX" and doc[i].dep_ == "aux") or doc[i].dep_ == "advmod"):
        i += 1  # "X has claimed", "X later claimed"
    if i >= len(doc) or i - mention.end > 2:
        return False
    verb = doc[i]
    return verb.pos_ == "VERB" and verb.lemma_.lower() in claim and verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def claims_in_participle(verb: Token, claim: set[str]) -> bool:
    """Does a participle with no subject of its own, on the verb, claim ("Having claimed the
    bombing, the group warned ...", "Claiming the attack, it warned ...")? Its doer is the verb's subject."""
    participles = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    participles += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
    return any(p.lemma_.lower() in claim and not any(d.dep_ in ("nsubj", "nsubjpass") for d in p.children)
               for p in participles)


class RoleReader:
    """Decide roles with the word lists of ``configs/events.yml`` and the trigger lemmas."""

    def __init__(self, words: dict[str, list[str]], attack_lemmas: set[str]):
        self.claim = set(words["claim"])
        self.suspect = set(words["suspect"])
        self.deny = set(words["deny"])
        self.attacker = set(words["attacker"])
        self.perpetrator = set(words.get("perpetrator", ()))
        self.harm = set(words["kill"]) | set(words.get("wound", ()))  # killing or wounding: "the outfit wounded 30"
        self.fights = frozenset(words.get("clash", ())) | FIGHTING  # a group is the other side of: "a clash with X"
        self.attack = attack_lemmas

    def role(self, mention: Span) -> str | None:
        """The role of one MILITANT_GROUP mention, or None.

        Every token of the mention that attaches outside it is tried: the small model often splits
        a transliterated name ("Tehreek i Taliban Pakistan") into pieces with their own heads.
        """
        if owns_apposition(mention) or describes_a_faction(mention) or qualifies_a_named_group(mention):
            return None  # "Al-Shabaab, al-Qaeda's East African affiliate, said its fighters ...": al-Shabaab's
        exits = [t for t in mention if not (mention.start <= t.head.i < mention.end) or t.head.i == t.i]
        before = mention.doc[mention.start - 1] if mention.start else None
        if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in self.attacker:
            exits.append(before)  # "claimed by Islamist group X": the name hangs off the noun before it
        roles = [self.walk(t) for t in exits]
        if not any(roles) and (noun := group_noun_before(mention)) is not None:
            roles.append(self.walk(noun))  # "attacks by an armed group, Jama'at ... (JNIM)", the name hung elsewhere
        if not any(roles) and (man := man_after(mention, self.attacker)) is not None:
            roles.append(self.walk(man))  # "Meanwhile, Tehreek-e-Taliban Pakistan (TTP) spokesman Muhammad
            # Khurasani claimed ...", where the parse hangs the name off the comma
        for role in (DENY, CLAIM, PERPETRATOR, SUSPECT):
            if role in roles:
                return role
        return CLAIM if self.named_after_colon(mention) or claimed_by_order(mention, self.claim) else None

    def named_after_colon(self, mention: Span) -> bool:
        """Is the mention one of the claimants a colon lists after a claim by unnamed ones ("Two groups
        claimed the bombing: the Pakistani Taliban and Jamaat-ul-Ahrar", "... asserted responsibility:
        first, X, and then Y")? The parse hangs such a list anywhere."""
        doc, sent = mention.doc, mention.sent
        colon = next((t for t in reversed(doc[sent.start:mention.start]) if t.text == ":"), None)
        if colon is None and sent.start > 0 and doc[sent.start - 1].text == ":":
            colon = doc[sent.start - 1]  # the model may end a sentence at the colon
        if colon is None or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl")
                                for t in doc[colon.i + 1:mention.start]):
            return False
        for verb in doc[colon.sent.start:colon.i]:
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.lemma_.lower() in self.claim and subjects and all(
                    s.pos_ == "NOUN" and not s.ent_type_ for s in subjects):
                return True
        return False

    def walk(self, token: Token) -> str | None:
        """Climb from one token of a mention until a relation decides its role."""
        if self.denies(token):
            return DENY
        for _ in range(MAX_STEPS):
            head, dep = token.head, token.dep_
            if head.i == token.i:
                return None
            if hyphened_participle(token, head):  # "an IS-claimed bombing", "a Taliban-planted bomb"
                lemma = head.lemma_.lower()
                if lemma in self.claim:
                    return CLAIM
                if lemma in DOING or lemma in self.attack:
                    return PERPETRATOR
                noun = head.head  # "LeJ-linked gunmen": as the gunmen; "an al-Qaeda-linked group": an affiliation
                if lemma not in TIES or noun.lemma_.lower() not in self.perpetrator or noun.ent_type_ == "MILITANT_GROUP":
                    return None
                token = noun
                continue
            if dep in TRANSPARENT_DEPS and head.pos_ in ("NOUN", "PROPN"):
                if dep in MODIFIER_DEPS and head.lemma_.lower() in self.attack and head.lemma_.lower() != "target":
                    return PERPETRATOR  # "an ISKP suicide attack"; not "an al Qaeda target", the one struck
                if head.lemma_.lower() in self.attacker or head.ent_type_ == "MILITANT_GROUP" or dep in ("conj", "appos", "flat") \
                        or (dep == "poss" and head.lemma_.lower() in PROVINCES):  # "the Islamic State's Pakistan province claimed"
                    token = head
                    continue
                if dep in ("compound", "nmod", "poss") and head.ent_type_ == "PERSON" and head.i > token.i:
                    token = head  # "TTP's Ahmad Khan claimed", "the TTP (TTP) Ahmad Khan ... claimed": its man
                    continue
                return None  # "a Taliban run mosque", "ISIS leaders" under "against"
            if dep == "pobj":
                decided, token = self.through_preposition(head)
                if decided or token is None:
                    return decided
                continue
            if dep in ("nsubj", "nsubjpass"):
                return self.as_subject(token, head, dep)
            if dep == "attr" and head.lemma_.lower() == "be" and attackers_were(head, self.attacker):
                return PERPETRATOR  # "the shooter was a member of Hamas", "the bomber was an ISKP militant"
            if dep == "attr" and head.lemma_.lower() == "be" and judged_attackers(head, self.attacker):
                return SUSPECT  # "those responsible were judged to be IS men"
            if dep in ("dobj", "oprd", "attr") and head.lemma_.lower() in ("name", "call", "know"):
                token = head.head  # "a group named BRAS"
                continue
            if dep == "dobj" and head.lemma_.lower() in self.suspect:
                return SUSPECT  # "officials blamed X"
            if dep == "dobj" and head.lemma_.lower() in IDENTIFYING and named_as_attacker(head, self.attacker):
                return PERPETRATOR  # "police identified X, a TTP commander, as the chief planner of the attack"
            if dep == "relcl" or dep == "acl":
                if head.ent_type_ == "MILITANT_GROUP":
                    return None  # "Al-Shabaab, which is linked to al-Qaeda, claimed": an affiliation
                token = head
                continue
            return None
        return None

    def denies(self, token: Token) -> bool:
        """"X denied any role", "X, which denied involvement"."""
        if token.dep_ in ("nsubj",) and token.head.lemma_.lower() in self.deny:
            return True
        return any(c.dep_ == "relcl" and c.lemma_.lower() in self.deny for c in token.children)

    def through_preposition(self, prep: Token) -> tuple[str | None, Token | None]:
        """Decide at ``by``/``to``/``on``, or climb through ``from``/``of``/``to`` to the noun it names."""
        word, governor = prep.lower_, prep.head
        lemma = governor.lemma_.lower()
        if word == "by":
            if lemma in self.claim:
                return CLAIM, None
            if lemma in self.attack or lemma in self.harm or lemma in DOING or series_of(governor, self.attack):
                return PERPETRATOR, None  # "a series of attacks by X", "by" hung on "series"
            return None, None
        if word == "with" and lemma in self.fights:
            return PERPETRATOR, None  # "nine troops died in a clash with X": the side the losses are told against
        if word in ("to", "on") and (lemma in self.suspect or governor.head.lemma_.lower() in self.suspect):
            return SUSPECT, None  # "attributed to X", "blamed on X", "blamed the attack on X"
        if word in ("to", "with") and lemma in TIES and self.said_of_an_attack(governor):
            return SUSPECT, None  # "the bombing was later found to be tied to X"
        if word == "from" and lemma == "be" and attackers_were(governor, self.attacker):
            return PERPETRATOR, None  # "the attackers were from X"
        if word == "with" and lemma == "be" and judged_attackers(governor, self.attacker):
            return SUSPECT, None  # "the bombers were thought to be with IS"
        if word in ("from", "of", "to", "with", "for") and (lemma in self.attacker or lemma in ("belong", "link", "affiliate", "loyal", "tie", "connect")):
            return None, governor  # "gunmen from X", "militants belonging to X", "fighters loyal to X"
        if word == "as" and governor.lemma_.lower() in ("know", "call", "name") and governor.dep_ == "acl":
            return None, governor.head  # "a Taliban outfit known as X, ..., claimed": as that outfit
        if word == "as" and governor.dep_ == "pobj" and governor.head.dep_ == "agent":
            governor = governor.head.head  # "identified by authorities as X", "as" hung on "authorities"
        if word == "as" and governor.lemma_.lower() in IDENTIFYING and identifies_attackers(governor, self.attacker):
            return PERPETRATOR, None  # "the assailants, identified as members of the TTP"
        return None, None

    def said_of_an_attack(self, predicate: Token) -> bool:
        """Is the predicate ("tied", "linked") said of an attack or an attacker: its subject, or the
        subject of the verbs it hangs under ("The attack ... was later found to be tied to X")?"""
        token = predicate
        for _ in range(5):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return any(c.lemma_.lower() in self.attack or c.lemma_.lower() in self.attacker | ATTACKER_NOUNS
                           for c in subjects)
            if token.head.i == token.i or token.dep_ not in ("xcomp", "ccomp", "conj", "acomp", "advcl", "auxpass", "oprd"):
                return False
            token = token.head
        return False

    def as_subject(self, token: Token, verb: Token, dep: str) -> str | None:
        main = verb.head
        if dep == "nsubj" and verb.dep_ in ("ccomp", "parataxis") and main.i > verb.i and main.lemma_.lower() in \
                self.claim and not any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children):
            return CLAIM  # "X — believed to be an offshoot of Y — claimed ...", parsed with X under the insert
        lemma = verb.lemma_.lower()
        if lemma in self.deny:
            return DENY
        if any(c.dep_ == "neg" for c in verb.children) and (lemma in self.attack or lemma in self.harm or lemma in DOING):
            return DENY  # "X did not carry out the attack", "it does not target vaccinators"
        if lemma == "have" and any(c.dep_ == "dobj" and c.lower_ in NO_PART and any(
                d.lower_ in ("no", "nothing") for d in c.children) for c in verb.children):
            return DENY  # "it had no part in the shooting", "no role", "no hand"
        if lemma in self.claim or (lemma == "take" and any(c.lemma_ in ("responsibility", "credit") for c in verb.subtree)):
            return CLAIM  # "X took responsibility for", "X took credit for"
        if dep == "nsubjpass" and lemma in self.suspect:
            return SUSPECT  # "X is suspected", "X is believed to be behind the attack"
        if lemma == "be" and any(c.dep_ == "prep" and c.lower_ == "behind" for c in verb.children):
            return SUSPECT  # "X is behind the attack"
        if dep == "nsubj" and lemma in self.harm and verb.tag_ in ("VBN", "VBD") and headline_passive(verb):
            return None  # "Al-Qaeda chief X killed in US strike", a headline's passive: X the one killed
        if dep == "nsubj" and (lemma in self.attack or lemma in self.harm or lemma in DOING or took_control(verb)):
            return PERPETRATOR  # "X took control of the camp": a place seized by force (events.yml)
        if any(c.dep_ in ("acomp", "oprd", "xcomp", "attr") and c.lower_ == "responsible" for c in verb.children):
            return PERPETRATOR  # "X was responsible for the attack", "X was confirmed responsible"
        if dep == "nsubj":
            done = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if done is not None:
                return self.as_subject(token, done, dep)  # "militants tried to storm", "began attacking"
        if dep == "nsubj" and lemma == "say" and any(c.lower_ in ("behind", "responsible") or c.lemma_.lower() in DOING
                                                     for c in verb.subtree):
            return CLAIM  # "X says they are behind the attack", "X said the group had carried out the attack"
        if dep == "nsubj" and claims_in_participle(verb, self.claim):
            return CLAIM  # "Having claimed the bombing, X warned ..."
        if dep == "nsubj":  # "X has led an insurgency and has claimed several attacks": the verbs share X
            shared = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                      and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)]
            # a claim only: "an ISIS inspired gunman killed ..." parses ISIS as the subject of "inspired"
            return CLAIM if any(self.as_subject(token, c, dep) == CLAIM for c in shared) else None
        return None


def headline_passive(verb: Token) -> bool:
    """Is the verb a passive told without "was", as headlines tell it ("Former soldier shot dead in
    Paktia", "Soldiers attacked in Kurram"): no object, and "dead" after it or no full stop at the end
    of its sentence? Its subject is who it was done to."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    return any(c.lower_ == "dead" for c in verb.children) or not verb.sent.text.rstrip().endswith((".", "!", "?", '"'))


def took_control(verb: Token) -> bool:
    """"seized control of", "took control of": a place taken by force, an attack's verb in events.yml."""
    return verb.lemma_.lower() in ("take", "seize", "wrest", "gain") and any(
        c.dep_ == "dobj" and c.lower_ == "control" for c in verb.children)


def attackers_were(be: Token, attackers: Collection[str]) -> bool:
    """Is "be" said of the attackers themselves ("the attackers were from X")?"""
    return any(c.dep_ == "nsubj" and (c.lemma_.lower() in attackers or c.lemma_.lower() in ATTACKER_NOUNS)
               for c in be.children)


def judged_attackers(be: Token, attackers: Collection[str]) -> bool:
    """Is "be" said of the attackers by a verb of judging ("the attackers were judged to be", "those
    responsible were thought to be"): the subject of the verb it is the complement of?"""
    verb = be.head if be.dep_ in ("xcomp", "advcl", "ccomp") else None
    subjects = [c for c in (verb.children if verb is not None else ()) if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lemma_.lower() in attackers or s.lemma_.lower() in ATTACKER_NOUNS or (s.lower_ == "those" and any(
        c.lower_ == "responsible" for c in s.children)) for s in subjects)


def identifies_attackers(verb: Token, attackers: Collection[str]) -> bool:
    """Does a verb of identifying say who the attackers were: "The assailants, identified as ...",
    "the attackers were identified as ...", "police identified the bomber as ..."?"""
    named = [verb.head] if verb.dep_ == "acl" else []
    named += [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(n.lemma_.lower() in attackers or n.lemma_.lower() in ATTACKER_NOUNS for n in named)


def named_as_attacker(verb: Token, attackers: Collection[str]) -> bool:
    """Does the verb of identifying name its object as an attacker or the mind behind an attack
    ("identified X as the chief planner of the attack", "... as one of the bombers")?"""
    named = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    named += [g for n in named if n.lower_ == "one" for c in n.children if c.lower_ == "of" for g in c.children]
    return any(n.lemma_.lower() in attackers or n.lemma_.lower() in ATTACKER_NOUNS for n in named)

"""How many an event killed and wounded: the figures of its sentence and of the ones after it that
still speak of it (a toll update, "the toll rose to 54", replaces a smaller one), attackers who died
counted apart, and one victim where a sentence kills or wounds one person without a number.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from pipeline.assembly import RE_TOLL_UPDATE
from pipeline.event_context import DocContext
from pipeline.event_time import Recall, word_count
from pipeline.tolls import TollCounter

if TYPE_CHECKING:
    from pipeline.events import Event

#: Lemmas that say an attacker was caught alive.
CAUGHT = frozenset({"arrest", "capture", "detain", "apprehend", "nab", "foil", "defuse", "surrender"})


class Casualties:
    """Fill the killed, wounded and perpetrators killed of each event; set up once per run with the
    types that count casualties."""

    def __init__(self, counted: set[str], words: dict[str, set[str]], tolls: TollCounter, recall: Recall):
        self.counted = counted
        self.words = words
        self.tolls = tolls
        self.recall = recall

    def casualties(self, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict]) -> None:
        if event.type not in self.counted:
            return
        for sent in [event.sent] + self.toll_sentences(ctx, event):
            if sent is not event.sent and any(e is not event and (self.recall.background(e) or self.dated_apart(sent, event, dates))
                                              for e in ctx.told.get(sent.start, [])):
                break  # another incident: "a week after a bombing that killed 50", "In 2022, a bomber killed 50"
            rows = [f for f in figures if sent.start_char <= f["start_char"] < sent.end_char]
            killed, wounded, perps = self.tolls.count(ctx.doc, rows, by_state=event.type != "ATTACK")
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

    @staticmethod
    def toll_sentences(ctx: DocContext, event: Event) -> list[Span]:
        """Where a toll of the event may stand: the next three sentences of its paragraph; for the
        story's first sentence, the next paragraph too (a lead, then "At least 11 bodies were brought in")."""
        paragraph_end = ctx.text.find("\n\n", event.sent.end_char)
        paragraph_end = len(ctx.text) if paragraph_end < 0 else paragraph_end
        if event.sent is ctx.sents[0] or event.sent.start == ctx.first_told:
            after = ctx.text.find("\n\n", paragraph_end + 2)
            paragraph_end = len(ctx.text) if after < 0 else after
        return [s for s in ctx.sents if event.sent.end <= s.start and s.start_char < paragraph_end][:3]

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
            elif token.dep_ == "nsubjpass" and token.lower_ == "one" and self.dies(token.head) and any(
                    g.lemma_.lower() in self.words["perpetrator"] | {"attacker", "assailant", "shooter"}
                    for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
                found = max(found, 1)  # "one of the assailants was shot dead"
            elif token.dep_ == "dobj" and token.tag_ in ("NN", "NNP", "PRP") and self.dies(token.head) and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in self.words["state_forces"] for c in token.head.children):
                found = max(found, 1)  # "police shot him dead"
        if found and any(t.lemma_.lower() in CAUGHT for t in sent):
            return None  # "a suicide bomber was arrested before he could detonate"
        return found or None

    def dies(self, verb: Token) -> bool:
        """"killed", "shot dead", "shot and killed"."""
        return self.tolls.word_kind(verb) == "killed" or any(
            (c.dep_ in ("acomp", "oprd", "advmod", "xcomp") and c.lower_ == "dead")
            or (c.dep_ == "conj" and self.tolls.word_kind(c) == "killed") for c in verb.children)

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
                killing = token.pos_ == "VERB" and self.tolls.word_kind(token) == "wounded"
            else:
                killing = token.pos_ == "VERB" and (self.dies(token) or any(  # dies(): "shot dead", "to death"
                    c.dep_ == "prt" and c.lower_ == "down" and token.lemma_.lower() == "gun" for c in token.children))
            if not killing or token.lemma_.lower() in self.words["claim"]:
                continue
            victims = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
            if any(self.single_person(v) for v in victims):
                return 1
        return None

    def single_person(self, token: Token) -> bool:
        """"a policeman", "one soldier", "one of its citizens", "Maulana X" (a named person), never a
        plural or a count."""
        if token.tag_ in ("NNS", "NNPS") or any(c.like_num and c.lower_ not in ("one", "1") for c in token.children):
            return False
        if token.ent_type_ == "PERSON":
            return True
        if token.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return True  # "one of its citizens was killed"
        return any(c.lower_ in ("a", "an", "one") and c.dep_ in ("det", "nummod") for c in token.children) and \
            token.lemma_.lower() not in self.words["perpetrator"]

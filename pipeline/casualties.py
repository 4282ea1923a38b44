"""How many an event killed and wounded: the figures of its sentence and of the ones after it that
still speak of it (a toll update, "the toll rose to 54", replaces a smaller one; "also", or the
attacker going on, adds to it; wounded who "died of their injuries" later join the dead), attackers
who died counted apart and attackers hurt among the wounded (as GTD counts them), and one victim
where a sentence that tells the event kills or wounds one person without a number (:class:`Victims`).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from pipeline.assembly import (HIGHLIGHT_MARKS, RE_TOLL_UPDATE, a_month_or_longer, measured, names_again, same_place,
                               sentence_days)
from pipeline.event_context import DocContext
from pipeline.event_time import Recall, recalled_holding, recalled_spans
from pipeline.small_numbers import word_count
from pipeline.tolls import (DYING, NOT_PERSON, SUPPORT, VEHICLES, TollCounter, died_by, missed_counts, number_value,
                            of_the_wounded)

if TYPE_CHECKING:
    from pipeline.events import Event

#: A total revised upwards, said of the dead or wounded: "the death toll rose to 31", "raising the number
#: of martyred policemen to five", "the number of injured climbed to 40".
RE_LATER_UPDATE = re.compile(
    r"\b(?:(?:death|casualty) toll|toll|number of (?:the )?(?:\w+ )?(?:dead|deaths|killed|injured|wounded|casualties"
    r"|martyred|victims|people killed|policemen|soldiers)|dead)\b.{0,60}?\b(?:rose|risen|rises|rising|raising|raised"
    r"|climbed|climbs|climbing|reached|reaches|jumped|increased|mounted|went up|stood at|has risen)\b"
    r"|\b(?:rose|risen|raising|raised|climbed|increased|taking|bringing)\b.{0,40}?\b(?:toll|number of)\b"
    r"|^\W*(?:in the end|in all|in total|all told|altogether)\b", re.I)  # a final total: "In the end, some 60 people died"
WEEK = dt.timedelta(days=7)
#: Verbs of an attempt: "after police tried to arrest him" caught no one.
TRIED = frozenset({"try", "attempt", "seek"})
#: Attackers named by what they did, beside the perpetrator words of configs/events.yml.
ATTACKERS = frozenset({"perpetrator", "shooter", "attacker", "knifeman", "assailant"})
#: Lemmas that say an attacker was caught alive.
CAUGHT = frozenset({"arrest", "capture", "detain", "apprehend", "nab", "foil", "defuse", "surrender"})


def referent(token: Token) -> Token:
    """The noun a pronoun of the sentence stands for: the noun before a relative "who" ("the shooter,
    who was shot dead"), the last noun subject before "he"/"she" ("The attacker was followed by
    police, and he was pronounced dead"), the group of "one of the X ... the other"; else the token."""
    sent = token.sent
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ in ("he", "she"):
        before = [t for t in sent if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")]
        return before[-1] if before else token
    if token.lower_ == "other" and any(c.lower_ == "the" for c in token.children):
        groups = [g for t in sent if t.i < token.i and t.lower_ == "one" for c in t.children
                  if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return groups[-1] if groups else token
    return token


def named_before(token: Token) -> bool:
    """Is the proper noun part of a person's name the text gives ("Artan", after "Abdul Razak Ali
    Artan"), where the model labels the short form a place?"""
    return token.pos_ == "PROPN" and any(token.text in e.text.split() for e in token.doc.ents
                                         if e.label_ == "PERSON" and e.start != token.i)


def holder_of_office(token: Token, offices: set[str]) -> bool:
    """One person by the office the text gives with its place or body: an ``offices`` noun with
    "the" or a name's possessive, and "of"/"for" a name, or that possessive ("the governor of
    Balkh", "Kunar's police chief")."""
    if token.tag_ != "NN" or token.lemma_.lower() not in offices:
        return False
    named = {"GPE", "LOC", "ORG", "NORP", "MILITANT_GROUP"}
    owner = [c for c in token.children if c.dep_ == "poss" and c.ent_type_ in named]
    of = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
          for g in c.children if g.dep_ == "pobj" and (g.ent_type_ in named or g.pos_ == "PROPN")]
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    return bool(owner) or (the and bool(of))


def merged(old: int | None, new: int | None, update: bool, added: bool) -> int | None:
    """A total with a later sentence's: the first one given stands, unless the later one is an update
    that raises it ("the toll rose to 54") or adds to it ("Four people also got light injuries")."""
    if new is None or old is None:
        return old if new is None else new
    if update:  # "two of the injured also died, bringing the number of dead to 24": a new total, not more
        return max(old, new)
    return old + new if added else old


def is_highlight(text: str, sent: Span) -> bool:
    """Is the sentence a bullet line of highlights (a news site's summary above the body)? It tells a
    part of the story in few words: the body's full counts replace its own."""
    before = text[text.rfind("\n", 0, sent.start_char) + 1:sent.start_char].strip()  # the model may split the
    return (before == "" and sent.text[:1] in HIGHLIGHT_MARKS) or (len(before) == 1 and before in HIGHLIGHT_MARKS)  # mark off


def sentence_rows(sent: Span, figures: list[dict]) -> list[dict]:
    """The sentence's ``figures`` rows, with the counts of people the figures table missed."""
    return missed_counts(sent, [f for f in figures if sent.start_char <= f["start_char"] < sent.end_char])


#: Dependency labels of a clause that describes a noun ("a commander who is blamed for ...",
#: "a fugitive wanted for ...").
DESCRIBING = frozenset({"relcl", "acl"})


def on_record(sent: Span, start_char: int, record: set[str], trigger: Token | None) -> bool:
    """Is the figure at ``start_char`` inside a clause describing someone's record ("a commander who is
    blamed by the police for the killing of hundreds", "wanted for the murder of 12 policemen"):
    a describing clause, not holding the event's trigger, with a ``record`` word between it and the
    figure?"""
    token = next((t for t in sent if t.idx <= start_char < t.idx + len(t.text)), None)
    if token is None:
        return False
    said = False
    for above in token.ancestors:
        said = said or above.lemma_.lower() in record
        if above.dep_ in DESCRIBING:
            return said and not (trigger is not None and above.is_ancestor(trigger))
    return False


def off_record(sent: Span, figures: list[dict], record: set[str], trigger: Token | None) -> list[dict]:
    """The sentence's figures (:func:`sentence_rows`) less those on someone's record (:func:`on_record`)."""
    return [f for f in sentence_rows(sent, figures) if not on_record(sent, f["start_char"], record, trigger)]


def outside_recalled(sent: Span, event: Event, rows: list[dict], region: frozenset[int] | None) -> list[dict]:
    """The figures rows of a sentence that are not another incident's, told in a phrase set a span of
    time before or after ("two days after 26 died"); for an incident told in such a phrase itself ("...
    were killed when gunmen opened fire, hours after a drone strike"), only that phrase's."""
    recalled = recalled_spans(sent, event.trigger) if sent is not event.sent or not region else []
    recalled += since_phrases(sent, event.trigger) if sent is event.sent else []  # "a crackdown since the 2002
    rows = [f for f in rows if not any(a <= f["start_char"] < b for a, b in recalled)]  # bombings that killed 202"
    own = recalled_holding(sent, event.trigger) if sent is event.sent else None
    return rows if own is None else [f for f in rows if own[0] <= f["start_char"] < own[1]]


def since_phrases(sent: Span, trigger: Token) -> list[tuple[int, int]]:
    """The character spans of the sentence's "since" phrases and clauses that do not hold the trigger:
    what they count is the incident they date from ("has carried out a crackdown since the 2002 bombings
    that killed 202"), wherever the parse hangs them."""
    spans = []
    for word in (t for t in sent if t.lower_ == "since"):
        part = word.head if word.dep_ == "mark" else word if word.dep_ == "prep" else None
        if part is not None and not part.left_edge.i <= trigger.i <= part.right_edge.i:
            first = word if word.dep_ == "mark" else part.left_edge
            spans.append((first.idx, part.right_edge.idx + len(part.right_edge)))
    return spans


def as_many_hurt(sent: Span, tolls: TollCounter) -> bool:
    """Does the sentence wound "as many" as it kills ("killing two guards and hurting as many")?"""
    doc = sent.doc
    return any(t.lower_ == "many" and t.i > sent.start and doc[t.i - 1].lower_ == "as" and any(
        tolls.word_kind(a) == "wounded" and a.pos_ == "VERB" for a in list(t.ancestors)[:3]) for t in sent)


def in_region(sent: Span, start_char: int, region: frozenset[int]) -> bool:
    """Does the token at ``start_char`` of the sentence lie in ``region`` (token indices)?"""
    token = next((t for t in sent if t.idx <= start_char < t.idx + len(t.text) + 1), None)
    return token is not None and token.i in region


class Casualties:
    """Fill the killed, wounded and perpetrators killed of each event; set up once per run with the
    types that count casualties."""

    def __init__(self, counted: set[str], words: dict[str, set[str]], tolls: TollCounter, recall: Recall,
                 max_toll: int | None = None):
        """``max_toll``: more killed than this in a sentence after the event's own is a count over many
        incidents ("the war has killed 42,000"), unless that sentence updates the event's toll."""
        self.max_toll = max_toll
        self.counted = counted
        self.words = words
        self.tolls = tolls
        self.recall = recall
        self.victims = Victims(words, tolls)

    def casualties(self, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict]) -> None:
        if event.type not in self.counted:
            return
        told = self.telling(ctx, event, dates)
        hurt = died = 0
        for sent in told:
            region = event.region if sent is event.sent else None  # the figures of its own clause
            rows = off_record(sent, figures, self.words["record"], event.trigger if sent is event.sent else None)
            if region is not None:
                rows = [f for f in rows if in_region(ctx.doc[sent.start:sent.end], f["start_char"], region)]
            rows = outside_recalled(sent, event, rows, region)
            killed, wounded, perps = self.count(ctx, rows, event)
            wounded = killed if wounded is None and killed is not None and as_many_hurt(sent, self.tolls) else wounded
            precise = self.count(ctx, [f for f in rows if f.get("qualifier") != "vague"], event) \
                if any(f.get("qualifier") == "vague" for f in rows) else (killed, wounded)
            for kind, value, exact in (("killed", killed, precise[0]), ("wounded", wounded, precise[1])):
                if kind in event.vague and exact is not None:  # "wounding dozens", then "35 wounded": the figure
                    setattr(event, kind, None)
                    event.vague.discard(kind)
                elif getattr(event, kind) is None and value is not None and exact is None:
                    event.vague.add(kind)
            update = sent is not event.sent and bool(RE_TOLL_UPDATE.search(sent.text) or RE_LATER_UPDATE.search(sent.text))
            if sent is not event.sent and not update and self.max_toll is not None and (killed or 0) > self.max_toll:
                killed = None  # "The war that followed has killed 42,000": no toll of this incident
            also = self.victims.also(sent) if sent is not event.sent else set()  # "A civilian was also killed"
            event.killed = merged(event.killed, killed if killed is not None or "killed" not in also
                                  else self.victims.one_victim(sent), update, "killed" in also)
            event.wounded = merged(event.wounded, wounded if wounded is not None or "wounded" not in also
                                   else self.victims.one_victim(sent, "wounded"), update, "wounded" in also)
            event.perpetrators_killed = max(event.perpetrators_killed or 0, perps or 0) or None
            if sent is event.sent and is_highlight(ctx.text, sent):  # "• Attacker shot one guard first", then
                event.vague |= {k for k in ("killed", "wounded") if getattr(event, k) is not None}  # the body's count
            if event.perpetrators_killed is None and event.type == "ATTACK":
                event.perpetrators_killed = self.victims.attackers_dead(sent, region)
            hurt += self.victims.attackers_hurt(sent, region) if event.type == "ATTACK" else 0
            if sent is not event.sent and killed is None and not update and not RE_LATER_UPDATE.search(sent.text):
                died += self.victims.died_later(sent)  # not "the toll rose to 5 after one of the wounded died"
        if self.leads(ctx, event):
            self.toll_first(ctx, event, figures, dates)
            self.later_update(ctx, event, figures, dates)
            self.later_also(ctx, event, figures, dates, told)
            self.restated(ctx, event, figures, dates)
            made_precise(self, ctx, event, figures, dates)
        if event.killed is None:  # "a bus carrying five engineers and their driver, killing all of them"
            event.killed = self.victims.all_killed(event.sent, sentence_rows(event.sent, figures))
        for kind in ("killed", "wounded"):
            if getattr(event, kind) is None:  # one victim without a number, first in the event's own sentence
                found = (self.victims.one_victim(s, kind, event.region if s is event.sent else None,
                                                 militants=event.type == "MILITARY_OPERATION") for s in told)
                setattr(event, kind, next((n for n in found if n), None))
        event.wounded = event.wounded + hurt if event.wounded is not None else hurt or None  # GTD: attackers hurt count
        event.killed = event.killed + died if event.killed is not None else died or None  # "died of his injuries later"
        if event.type == "MILITARY_OPERATION":
            event.response = response(self.tolls, self.words, ctx.doc, event, figures)

    def telling(self, ctx: DocContext, event: Event, dates: list[dict]) -> list[Span]:
        """The event's sentence and those after it that still tell it, up to one that tells another
        incident ("a week after a bombing that killed 50", "In 2022, a bomber killed 50"), or for the
        incident a superlative is measured from, up to one that tells any other (the story's); and, later
        on, the sentences that name it again ("the attack"; not "the most recent attacks") and no
        other incident or place."""
        told = [event.sent]
        for sent in self.toll_sentences(ctx, event):
            if sent.start in ctx.statistics and not ctx.told.get(sent.start):
                continue  # "37 officers have been killed in attacks since 2023": many incidents' toll
            others = [e for e in ctx.told.get(sent.start, []) if e is not event]
            if others and (any(self.recall.background(e) for e in others) or measured(event)
                           or dated_apart(sent, event, dates)
                           or dated_away(sent, event, dates) or years_apart(sent, event, dates)
                           or placed_apart(ctx, sent, event)):
                break
            told.append(sent)
        named = {ctx.sent_of[t.i].start for t in event.mentions
                 if ctx.sent_of[t.i] is not None and names_again(t) and t.tag_ == "NN"}
        again = [s for s in ctx.sents if s.start in named and s.start > event.sent.start and s not in told
                 and all(e is event for e in ctx.told.get(s.start, [])) and not other_province(ctx, s, event)]
        # and the sentence right after one that names it again, in its paragraph, telling nothing else: "The
        # blast tore through the market hour. At least 88 were hurt, a doctor said."
        after = [s for s in (next_in_paragraph(ctx, a) for a in again) if s is not None and s not in told and s not in again
                 and not ctx.told.get(s.start) and s.start not in ctx.statistics and not other_province(ctx, s, event)]
        return told + again + after  # "Two officers were injured in the attack", paragraphs on: a mention of it

    @staticmethod
    def leads(ctx: DocContext, event: Event) -> bool:
        """Is the event the story's: the first told, or the first after a headline that tells one?"""
        told = sorted(ctx.told)
        lead = told[:2] if told and told[0] == ctx.sents[0].start else told[:1]
        return event.sent.start in lead and ctx.told[event.sent.start][0] is event

    def toll_first(self, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict]) -> None:
        """The story's toll said before its first trigger, in the same paragraph: "At least 30 people
        died and 58 were hurt in the city. The bomber had targeted army lorries"; or in the paragraph
        before, where the trigger's sentence opens its own (web pages give each sentence a paragraph)."""
        if event.killed is not None and event.wounded is not None:
            return
        start = ctx.text.rfind("\n\n", 0, event.sent.start_char)
        if start >= 0 and not ctx.text[start:event.sent.start_char].strip():
            start = ctx.text.rfind("\n\n", 0, start)
        before = [s for s in ctx.sents if s.start < event.sent.start and s.start_char > start
                  and not ctx.told.get(s.start) and s.start not in ctx.statistics and not dated_away(s, event, dates)]
        for sent in reversed(before[-2:]):
            killed, wounded, _ = self.count(ctx, sentence_rows(sent, figures), event)
            event.killed = event.killed if event.killed is not None else killed
            event.wounded = event.wounded if event.wounded is not None else wounded

    def later_update(self, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict]) -> None:
        """The story's incident takes a higher total from a toll update anywhere further down ("The death
        toll rose to 31 on Sunday", "raising the number of martyred policemen to five") in a sentence
        that tells no other incident and gives no date before the incident or more than a week after it."""
        for sent in ctx.sents:
            if sent.start < event.sent.end or not RE_LATER_UPDATE.search(sent.text):
                continue
            if self.aside(ctx, sent, event, dates):
                continue
            rows = sentence_rows(sent, figures)
            killed, wounded, _ = self.count(ctx, rows, event)
            if killed is None and wounded is None:
                killed, wounded = updated_to(sent, rows)
            if killed is not None and killed > (event.killed or 0):
                event.killed = killed
            if wounded is not None and wounded > (event.wounded or 0):
                event.wounded = wounded

    def later_also(self, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict],
                   told: list[Span]) -> None:
        """The story's incident takes a figure it has none of from a sentence further down that adds
        to its toll with "also" ("Three FC personnel were also wounded during the exchange of fire"),
        one that tells no other incident, gives no date away from it and counts no statistic."""
        for sent in ctx.sents:
            if event.killed is not None and event.wounded is not None:
                return
            if sent.start < event.sent.end or any(sent is t for t in told) or self.aside(ctx, sent, event, dates):
                continue
            also = self.victims.also(sent)
            if not also:
                continue
            killed, wounded, _ = self.count(ctx, sentence_rows(sent, figures), event)
            if "killed" in also and event.killed is None:
                event.killed = killed
            if "wounded" in also and event.wounded is None:
                event.wounded = wounded

    def restated(self, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict]) -> None:
        """The story's wounded from a sentence further down that restates its killed and adds the
        wounded, there or in the next sentence ("At least four personnel were martyred, and seven
        others were injured," he said; "19 people died in the assault. Seven others were wounded"),
        where neither tells another incident, gives a date away from it or counts a statistic."""
        if event.killed is None or event.wounded is not None:
            return
        later = [s for s in ctx.sents if s.start >= event.sent.end]
        for sent, after in zip(later, [*later[1:], None]):
            if self.aside(ctx, sent, event, dates):
                continue
            killed, wounded, _ = self.count(ctx, sentence_rows(sent, figures), event)
            if killed != event.killed:
                continue
            if wounded is None and after is not None and not ctx.told.get(after.start) \
                    and "\n\n" not in ctx.text[sent.end_char:after.start_char]:
                wounded = self.count(ctx, sentence_rows(after, figures), event)[1]
            event.wounded = wounded
            return

    def count(self, ctx: DocContext, rows: list[dict], event: Event) -> tuple[int | None, int | None, int | None]:
        """Killed, wounded and attackers killed of figures rows, read for the event's type (a state's
        operation counts the militants it killed)."""
        return self.tolls.count(ctx.doc, rows, by_state=event.type != "ATTACK", doers=frozenset(event.actors))

    def aside(self, ctx: DocContext, sent: Span, event: Event, dates: list[dict]) -> bool:
        """Does a sentence further down tell another incident, give a date away from the event or
        count a statistic, so that its figures are not the event's?"""
        return any(e is not event for e in ctx.told.get(sent.start, [])) or dated_away(sent, event, dates) \
            or sent.start in ctx.statistics

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


def next_in_paragraph(ctx: DocContext, sent: Span) -> Span | None:
    """The sentence after ``sent`` in its paragraph, or None."""
    index = ctx.sents.index(sent) + 1
    if index >= len(ctx.sents) or "\n\n" in ctx.text[sent.end_char:ctx.sents[index].start_char]:
        return None
    return ctx.sents[index]


def dated_away(sent: Span, event: Event, dates: list[dict]) -> bool:
    """Does the sentence give a date before the event's (a week before the published day, for an
    event dated by it) or over a week after it?"""
    if event.date is None or event.date.get("start") is None:
        return False
    first = event.date["start"] - (WEEK if event.date_source == "published" else dt.timedelta(0))
    return any(d["end"] < first or d["start"] > event.date["end"] + WEEK for d in sentence_days(sent, dates))


def dated_apart(sent: Span, event: Event, dates: list[dict]) -> bool:
    """Does the sentence give a date that is not the event's ("In September 2022, a bomber killed 50")?"""
    if event.date_source != "sentence":
        return False
    return any(d["end"] < event.date["start"] or event.date["end"] < d["start"] for d in sentence_days(sent, dates))


def years_apart(sent: Span, event: Event, dates: list[dict]) -> bool:
    """Is the event undated (news of the day, "on Tuesday", in a page saved without its date) and the
    sentence, which tells another incident, dated to a whole month or longer ("attacked the hospital in
    2017", "the March 2019 bombing")?"""
    return event.date is None and any(a_month_or_longer(d) for d in sentence_days(sent, dates))


def made_precise(counter: Casualties, ctx: DocContext, event: Event, figures: list[dict], dates: list[dict]) -> None:
    """The story's vague figure ("wounding dozens") yields to the first figure a sentence further down
    gives of that kind ("police said at least 27 people were killed and 35 wounded"), in one that tells
    no other incident, gives no date away from it and counts no statistic (:meth:`Casualties.aside`)."""
    for sent in ctx.sents:
        if not event.vague & {"killed", "wounded"}:
            return
        if sent.start < event.sent.end or counter.aside(ctx, sent, event, dates):
            continue
        precise = [f for f in sentence_rows(sent, figures) if f.get("qualifier") != "vague"]
        for kind, value in zip(("killed", "wounded"), counter.count(ctx, precise, event)[:2]):
            if kind in event.vague and value is not None:
                setattr(event, kind, value)
                event.vague.discard(kind)


def placed_apart(ctx: DocContext, sent: Span, event: Event) -> bool:
    """Does a sentence that tells another incident put it in a town or district outside the event's
    place ("a roadside bomb wounded three soldiers in the Tirah valley", after a bombing in Bajaur)?"""
    if event.where is None:
        return False
    beside = ctx.beside(sent)  # "In addition to the incident in Mastung, an explosion hit ... in Hangu": Hangu
    here = [p for p in ctx.places if sent.start <= p.start < sent.end and p.place and p.rank <= 1
            and not (p.origin or p.border or p.demonym) and p.start not in beside]
    return bool(here) and not any(same_place(p, event.where) for p in here)


def updated_to(sent: Span, rows: list[dict]) -> tuple[int | None, int | None]:
    """The total a toll update raises to, where the parse does not tie it to a kill or wound word:
    "raising the number of martyred policemen to five" (killed), "... of injured to 40" (wounded)."""
    found = RE_LATER_UPDATE.search(sent.text)
    doc = sent.doc
    for row in rows:
        span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
        if span is None or span.start == 0 or doc[span.start - 1].lower_ != "to" or row.get("unit"):
            continue
        value = int(row["value"]) if row["value"] == int(row["value"]) else None
        wounded = re.search(r"injur|wound", found.group(), re.I) is not None
        return (None, value) if wounded else (value, None)
    return None, None


def lone_story_figures(casualties: Casualties, ctx: DocContext, events: list, figures: list[dict],
                       dates: list[dict]) -> None:
    """The figure the story lacks from a later sentence that tells no incident: in a document of one
    incident that counts people, "Some 35 others were hurt." paragraphs after the lead (not a
    statistic, another province, a date away from the story's or a count over many: ``max_toll``)."""
    if len(events) != 1 or events[0].type not in casualties.counted:
        return
    event = events[0]
    for sent in (s for s in ctx.sents if s.start > event.sent.start and not ctx.told.get(s.start)):
        if sent.start in ctx.statistics or other_province(ctx, sent, event) or dated_away(sent, event, dates) \
                or years_apart(sent, event, dates):
            continue
        killed, wounded, _ = casualties.count(ctx, sentence_rows(sent, figures), event)
        if killed is not None and casualties.max_toll is not None and killed > casualties.max_toll:
            continue
        for kind, value in (("killed", killed), ("wounded", wounded)):
            if getattr(event, kind) is None and value is not None:
                setattr(event, kind, value)


def other_province(ctx: DocContext, sent: Span, event: Event) -> bool:
    """Does the sentence name a place in another province than the event's ("a bombing last week in
    Kunduz province", of a blast in Kunar)?"""
    theirs = event.where.province if event.where is not None else None
    return theirs is not None and any(p.province and p.province != theirs for p in ctx.places
                                      if sent.start <= p.start < sent.end and not (p.origin or p.border or p.demonym))


class Victims:
    """The people a sentence kills or wounds without a figure for them: one victim ("a police constable
    was gunned down"), attackers who died or were hurt, and later deaths among the wounded; set up once
    per run with the argument words and the toll counter's kill and wound words."""

    def __init__(self, words: dict[str, set[str]], tolls: TollCounter):
        self.words = words
        self.tolls = tolls

    def attackers_dead(self, sent: Span, region: frozenset[int] | None = None) -> int | None:
        """Attackers the sentence says died, with no figure for them: suicide bombers (each one: "two
        suicide bombers"), one who "blew himself up" or "committed suicide", one "shot dead by
        police" or "killed" in the passive. GTD counts them in its toll; the scorer adds them."""
        found = 0
        for token in sent:
            if region is not None and token.i not in region:
                continue  # another incident's clause
            lemma = token.lemma_.lower()
            if lemma == "bomber" and any(c.lower_ == "suicide" for c in token.children):
                number = next((c for c in token.children if c.dep_ == "nummod"), None)
                count = word_count(number) if number is not None else 1
                found = max(found, count or 1)
            elif token.lower_ in ("himself", "herself", "themselves") and token.head.lemma_.lower() in ("blow", "kill"):
                found = max(found, 2 if token.lower_ == "themselves" else 1)
            elif lemma == "suicide" and token.head.lemma_.lower() == "commit":
                found = max(found, 1)
            elif token.dep_ == "nsubjpass" and token.tag_ in ("NN", "NNP", "PRP", "WP") and self.dies(token.head) and (
                    self.attacker(token) or token.tag_ != "WP" and self.by_forces(token.head)):
                found = max(found, 1)  # "the attacker was shot dead", "he was killed by police", "the
                # shooter, who was shot dead"
            elif token.dep_ == "nsubjpass" and token.lower_ == "one" and self.dies(token.head) and any(
                    g.lemma_.lower() in self.words["perpetrator"] | {"attacker", "assailant", "shooter"}
                    for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
                found = max(found, 1)  # "one of the assailants was shot dead"
            elif token.dep_ == "dobj" and token.tag_ in ("NN", "NNP", "PRP") and self.dies(token.head) and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in self.words["state_forces"] for c in token.head.children):
                found = max(found, 1)  # "police shot him dead"
        if found and any(t.lemma_.lower() in CAUGHT and not (t.dep_ == "xcomp" and t.head.lemma_.lower() in TRIED)
                         for t in sent):
            return None  # "a suicide bomber was arrested before he could detonate"; not "after police tried to arrest him"
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

    def one_victim(self, sent: Span, kind: str = "killed", region: frozenset[int] | None = None,
                   militants: bool = False) -> int | None:
        """1 where the event's sentence kills (or wounds) one person without a number: "a police
        constable was gunned down", "a woman was stabbed to death", a named person killed, "wounding a
        man"; None otherwise."""
        for token in sent:
            if region is not None and token.i not in region:
                continue
            if kind == "wounded":  # not "X was critically wounded and died en route to a hospital"
                killing = token.pos_ == "VERB" and self.tolls.word_kind(token) == "wounded" and not self.dies(token)
            else:
                killing = token.pos_ == "VERB" and (self.dies(token) or any(  # dies(): "shot dead", "to death"
                    c.dep_ == "prt" and c.lower_ == "down" and token.lemma_.lower() == "gun" for c in token.children))
                killing = killing or (token.lower_ == "dead" and (token.dep_ == "ROOT" or (  # "shot dead a constable",
                    token.i > sent.start and token.nbor(-1).lower_ in ("shot", "gunned"))))  # parsed with "shot" in
                # the subject's phrase and "dead" as the predicate, the main one or under "officials said"
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            idiom = kind == "killed" and token.pos_ == "VERB" and any(  # "a Levies official embraced martyrdom",
                died_by(c, s, self.words) for c in token.children for s in subjects)  # "a soldier lost his life"
            if not (killing or idiom) or token.lemma_.lower() in self.words["claim"]:
                continue
            victims = subjects if idiom else verb_victims(token)
            if token.lower_ == "dead" and token.dep_ == "amod":  # "shot dead constable Ali Khan", "dead" parsed
                noun = token.head  # as the name's modifier
                while noun.dep_ == "compound":
                    noun = noun.head
                victims.append(noun)
            found = [v for c in victims for v in [c, *c.conjuncts] if self.single_person(v, militants)
                     or (v is not c and self.single_person(c, militants) and self.the_one(v))
                     or (v is c and self.the_one(c) and c.lemma_.lower() in self.words["people"]
                         and any(self.single_person(k, militants) for k in (*c.conjuncts, *victims) if k is not c))]
            # "a vaccinator and the policeman escorting him"; "the driver and a soldier lost their lives"
            if found:
                return len(found) + len(companions(token, self))  # "a soldier and a policeman were killed": 2
        return None

    def single_person(self, token: Token, militants: bool = False) -> bool:
        """"a policeman", "one soldier", "another terrorist", "one of its citizens", "Maulana X" (a named person), a title
        without an article ("Border Police guard was killed", "killed Russian ambassador"); never a
        plural, a count, an attacker, one of the wounded (:meth:`died_later`), a place or a thing."""
        if token.tag_ in ("NNS", "NNPS") or people_plural(token, self.words["people"]) or any(
                c.like_num and c.lower_ not in ("one", "1") and c.ent_type_ != "ORDINAL" for c in token.children):
            return False  # (not "a fourth soldier")
        if token.ent_type_ == "PERSON" or named_before(token) or (token.tag_ == "PRP" and token.lower_ in ("him", "her")):
            return True  # a name, "Maulana X"; "opened fire, killing him", "shot her dead along with her driver"
        if not self.single_person_noun(token, militants):
            return False  # "a bomb ... wounded", misparsed as the one wounded
        if token.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return not self.of_wounded(token)  # "one of its citizens was killed"
        if any(c.lower_ in ("a", "an", "one", "another") and c.dep_ in ("det", "nummod") for c in token.children):
            return True
        if holder_of_office(token, self.words.get("offices", set())):
            return True  # "the governor of Balkh", "the Taliban's police chief for Kunar"
        return token.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in token.children) \
            and any(c.dep_ in ("compound", "amod") for c in token.children)

    def all_killed(self, sent: Span, rows: list[dict]) -> int | None:
        """The people a sentence counted before "killing all of them" ("a bus carrying five engineers and
        their driver"): each figure of people before "all", and each single person joined to one; None
        without "all" as what a kill word kills, or without such people."""
        doc = sent.doc
        everyone = next((t for t in sent if t.lower_ == "all" and t.dep_ in ("dobj", "nsubjpass")
                         and self.tolls.word_kind(t.head) == "killed"), None)
        if everyone is None:
            return None
        total = 0
        for row in rows:
            span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
            if span is None or span.end > everyone.i or not row.get("unit"):
                continue
            noun = span.root.head if span.root.dep_ == "nummod" else span.root
            if not self.single_person_noun(noun) or noun.pos_ not in ("NOUN", "PROPN"):
                continue
            total += int(row["value"]) + sum(1 for c in noun.conjuncts if c.tag_ == "NN" and self.the_one(c))
        return total or None

    def the_one(self, token: Token) -> bool:
        """"the policeman (escorting him)", "his driver": one person named definitely, after one
        counted already ("a vaccinator and the policeman escorting him")."""
        return token.tag_ == "NN" and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "his", "her", "their")
                                          for c in token.children) and self.single_person_noun(token)

    def single_person_noun(self, token: Token, militants: bool = False) -> bool:
        """No attacker (unless ``militants``: the dead of a state's operation), incident, vehicle or
        thing the model names."""
        lemma = token.lemma_.lower()
        return not ((lemma in self.words["perpetrator"] and not militants) or lemma in self.tolls.event_nouns
                    or lemma in VEHICLES or token.ent_type_ in NOT_PERSON)

    def of_wounded(self, one: Token) -> bool:
        """Is it "one (or N) of the wounded": a person counted already?"""
        return of_the_wounded(one, self.tolls.word_kind)

    def attacker(self, token: Token) -> bool:
        """Is the token an attacker: "the attacker", "the gunman", or what stands for one (:func:`referent`)?"""
        return referent(token).lemma_.lower() in self.words["perpetrator"] | ATTACKERS

    def attackers_hurt(self, sent: Span, region: frozenset[int] | None = None) -> int:
        """Attackers the sentence says were wounded and lived: "The attacker was shot and injured",
        "the gunman was injured during an exchange of gunfire". GTD's wounded count them."""
        found = 0
        for token in sent:
            if region is not None and token.i not in region or token.dep_ != "nsubjpass" or not self.attacker(token):
                continue
            verbs = [token.head, *token.head.conjuncts]
            if not self.dies(token.head) and any(self.tolls.word_kind(v) == "wounded" for v in verbs):
                found += 1
        return found

    def died_later(self, sent: Span) -> int:
        """Wounded who died later, to add to the dead: "One of the injured died of his injuries 10 days
        later", "two of the wounded succumbed"; 0 where the sentence says none."""
        for token in sent:
            if token.lemma_.lower() not in DYING:  # no object: its subject is the dead
                continue
            for subject in (c for c in token.children if c.dep_ == "nsubj" and self.of_wounded(c)):
                counted = [subject, *(c for c in subject.children if c.dep_ == "nummod")]  # "three more of them"
                return next((n for n in map(number_value, counted) if n), 0)
        return 0

    def also(self, sent: Span) -> set[str]:
        """The kinds a later sentence adds to the event's toll: a kill or wound verb (or a verb taking a
        wound: "got light injuries") with "also" ("A civilian was also killed", "Four people also got
        light injuries"), or one whose doer is the attacker going on ("The attacker then fled ...,
        fatally stabbing a police officer"); a sentence that says the toll again adds nothing."""
        kinds = set()
        for token in sent:
            kind = self.tolls.word_kind(token) if token.pos_ == "VERB" else None
            if token.lower_ == "also" and token.dep_ == "advmod" and token.head.lemma_.lower() in SUPPORT:
                kind = next((self.tolls.word_kind(c) for c in token.head.children if c.dep_ in ("dobj", "acomp", "oprd")
                             and self.tolls.word_kind(c)), None)
                token = token.head
            if kind and self.goes_on(token):
                kinds.add(kind)
        return kinds

    def goes_on(self, verb: Token) -> bool:
        """Does the verb tell more harm: "also" on it, or "then"/"later" on its clause with the attacker
        as its doer?"""
        chain = [verb]
        while chain[-1].dep_ in ("conj", "advcl", "xcomp") and not any(c.dep_ == "nsubj" for c in chain[-1].children):
            chain.append(chain[-1].head)
        adverbs = {c.lower_ for v in chain for c in v.children if c.dep_ == "advmod"}
        doer = next((c for c in chain[-1].children if c.dep_ == "nsubj"), None)
        return "also" in adverbs or bool(adverbs & {"then", "later"}) and doer is not None and self.attacker(doer)


def companions(verb: Token, victims: Victims) -> list[Token]:
    """The single people killed "alongside", "along with" or "together with" the one a verb kills ("was shot
    dead alongside her driver", "killed along with his son"); counted ones are the tolls' (:func:`killed_along_with`)."""
    found = []
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ == "alongside" or (prep.lower_ == "with" and prep.i > 0
                                          and prep.nbor(-1).lower_ in ("along", "together")):
            found += [g for p in prep.children if p.dep_ == "pobj" for g in (p, *p.conjuncts)
                      if not any(c.like_num for c in g.children) and (victims.the_one(g) or victims.single_person(g))]
        elif prep.lower_ in ("along", "together"):
            found += companions(prep, victims)  # "along" parsed as the verb's, "with" as its
    return found


def verb_victims(verb: Token) -> list[Token]:
    """Whom a verb of killing or wounding names: its object or passive subject, the subject of an
    intransitive one ("One of the victims died"), the one under "dead" ("shot dead a shopkeeper", parsed so)."""
    return [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")
            or (c.dep_ == "nsubj" and verb.lemma_.lower() in DYING) or (c.dep_ == "pobj" and verb.lower_ == "dead")]


def response(tolls: TollCounter, words: dict[str, set[str]], doc: Doc, event: Event, figures: list[dict]) -> int | None:
    """How many doers of an attack the operation's sentence says were killed, when it kills no one
    else: "troops shot dead two of the attackers", "the deaths of four assailants" (``Event.response``)."""
    killed, _, perps = tolls.count(doc, sentence_rows(event.sent, figures))
    return perps if killed is None and perps and attack_bound(event.sent, words, tolls) else None


def attack_bound(sent: Span, words: dict[str, set[str]], tolls: TollCounter) -> bool:
    """Are the ones the sentence says were killed the doers of one attack: a word only an attack's
    doers bear (``attack_doers``: "shot dead two of the attackers", "the killing of four gunmen"),
    or its militants with "the"? Not "killing four suspects, one of them the man who drove the bomber"."""
    bound = words.get("attack_doers", set())
    for token in sent:
        if not (token.lemma_.lower() in bound or (token.lemma_.lower() in words["perpetrator"] and any(
                c.lower_ in ("the", "these", "those") for c in token.children if c.dep_ == "det"))):
            continue
        victim = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" \
            and token.head.head.pos_ == "NUM" else token  # "two of the attackers"
        if victim.dep_ in ("dobj", "nsubjpass") and (tolls.word_kind(victim.head) == "killed" or any(
                c.lower_ == "dead" for c in victim.head.children)):
            return True
        if victim.dep_ == "pobj" and victim.head.lower_ == "of" and tolls.word_kind(victim.head.head) == "killed":
            return True  # "the killing of four gunmen"
    return False


def people_plural(token: Token, people: set[str]) -> bool:
    """Is the word a plural of people (``people``) whatever its tag: a title-case headline's "Killed Borno
    Rice Farmers", which the model takes for a name?"""
    return token.lower_.endswith("s") and token.lower_[:-1] in people

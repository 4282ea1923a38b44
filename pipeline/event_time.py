"""When an event was, told against another: incidents recalled to set the story in time ("a week
after a bombing in Kunduz", "a similar attack"), the days between them, and the date rows of a trigger.

An incident recalled with no date of its own is dated from the story's day (``date_source``
"recalled"); "the attack" later in the text speaks of the story's incident, never of a recalled one.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from pipeline.date_words import MONTHS
from pipeline.assembly import avenged, clause_of, marked_other, measured, one_followed_the_other, since_clause
from pipeline.event_context import DocContext
from pipeline.small_numbers import word_count

if TYPE_CHECKING:
    from pipeline.events import Event

#: Words that set an incident before or after another: what they introduce is recalled ("after a bombing
#: in Kunduz killed 46"), not the story.
RECALLING = frozenset({"after", "before", "since", "following"})
#: "The same day (as the shooting), a roadside bomb wounded three soldiers", "Earlier in the day, ...".
RE_SAME_DAY = re.compile(r"\b(?:the|that) same day\b|\b(?:earlier|later) (?:in )?(?:the|that) day\b", re.I)
#: Days one incident's steps may span in one sentence ("stormed on Monday night ... ended early Tuesday").
SEQUENCE_DAYS = 3
#: A year as written in "the 2014 airport attack" (four figures, 1900 to 2099).
RE_YEAR = re.compile(r"(?:19|20)\d\d")
#: Spans of time in "<span> after/before": days each.
SPAN_DAYS = {"hour": 0, "hours": 0, "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
#: A recalled span this long or longer ("four months after") dates the incident to its month, not a day.
MONTH_SPAN_DAYS = 28


def recalling_mark(trigger: Token) -> Token | None:
    """The "after"/"before" that opens the trigger's clause: "after militants stormed ...", "after a
    bombing ... killed 46" (the trigger as the clause's subject)."""
    clause = trigger if trigger.pos_ == "VERB" else trigger.head if trigger.dep_ in ("nsubj", "nsubjpass") else None
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in RECALLING), None) if clause else None


def recalled_span(trigger: Token) -> int | None:
    """Days from the story back to a recalled incident: "hours after a similar attack" 0, "a week
    after a bombing" -7, "two days before an attack" +2; None when no such span introduces it."""
    doc = trigger.doc
    word = trigger.head if trigger.dep_ == "pobj" else recalling_mark(trigger)
    if (word is None or word.lower_ not in ("after", "before")) and trigger.left_edge.i > 0:
        word = doc[trigger.left_edge.i - 1]  # "came two days after a similar attack in X killed 50", parsed apart
    if word is None or word.lower_ not in ("after", "before") or word.i < 1:
        return None
    unit = doc[word.i - 1].lower_
    if unit not in SPAN_DAYS:
        return None
    number = doc[word.i - 2] if word.i >= 2 else None  # "two days after"; not "in June 2014 days after"
    count = word_count(number) if number is not None and number.head.i == word.i - 1 else None
    days = SPAN_DAYS[unit] * (1 if count is None else count)
    return -days if word.lower_ == "after" else days


#: How many days before the story's latest incident one dated by its own words is set in another time.
APART_DAYS = 31


def shifted(start: dt.date, days: int) -> dict:
    """The date ``days`` from ``start``: that day, or its month for a span of months ("nearly four
    months after a similar attack": the month, as the text is no more precise)."""
    day = start + dt.timedelta(days=days)
    if abs(days) < MONTH_SPAN_DAYS:
        return {"value": day.isoformat(), "start": day, "end": day}
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return {"value": f"{day:%Y-%m}", "start": first, "end": last}


def set_apart(event, latest: dt.date | None) -> bool:
    """Is the incident dated by its own sentence more than :data:`APART_DAYS` before the latest day
    the story's incidents have ("In 2019, a bomb attack killed 20 in Parachinar", in a story of this
    week)? False while undated."""
    if event.date_source != "sentence" or not event.date or latest is None:
        return False
    mine = event.date.get("end") or event.date.get("start")
    return mine is not None and (latest - mine).days > APART_DAYS


def named_year(trigger: Token, dates: list[dict]) -> dict | None:
    """A date row for the year written before an incident's noun, when no date row covers it: "the
    2014 Jinnah International Airport attack", where the model took the year for part of the name."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    words = trigger.doc[trigger.left_edge.i: trigger.i]
    for token in words:
        if RE_YEAR.fullmatch(token.text) and not any(d["start_char"] <= token.idx < d["end_char"] for d in dates):
            year = int(token.text)
            if (day := month_day_before(token, year)) is not None:  # "the September 11, 2001 attacks"
                return {"text": token.text, "value": day.isoformat(), "start": day, "end": day,
                        "start_char": token.idx, "end_char": token.idx + len(token), "granularity": "day",
                        "qualifier": None}
            return {"text": token.text, "value": token.text, "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31),
                    "start_char": token.idx, "end_char": token.idx + len(token), "granularity": "year",
                    "qualifier": None}
    return None


def month_day_before(year: Token, number: int) -> dt.date | None:
    """The day a month and day right before the year give ("September 11, 2001"), or None."""
    before = [t for t in year.doc[max(0, year.i - 3):year.i] if t.text != ","][-2:]  # the parse may leave them out
    if len(before) < 2 or before[0].lower_ not in MONTHS or not before[1].text.isdigit():
        return None
    try:
        return dt.date(number, MONTHS[before[0].lower_], int(before[1].text))
    except ValueError:
        return None


#: Ordinal words of an anniversary ("the first anniversary of the bombing").
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "fiftieth": 50}
RE_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def anniversary_years(token: Token) -> int | None:
    """How many years before the day it is marked an incident happened, when the text names it by its
    anniversary ("marked the second anniversary of the college raid, which left 148 dead": 2); None when
    it is not so named or the anniversary has no ordinal."""
    for t in (token, *list(token.ancestors)[:6]):
        if t.lemma_.lower() == "anniversary":
            for c in t.children:
                if c.dep_ in ("amod", "nummod") and (years := ORDINAL_WORDS.get(c.lower_) or (
                        int(m.group(1)) if (m := RE_ORDINAL.match(c.lower_)) else None)):
                    return years
            return None
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl"):
            return None  # the incident's own clause: "the attack that killed 50 a year after the anniversary of"
    return None


def before_anniversary(event: Event, row: dict) -> dict:
    """The date row of the day an incident's anniversary is marked, moved back to the incident's own
    day by the anniversary's years (:func:`anniversary_years`) of the word it is read from; the row itself
    otherwise (not "bombers struck on January 3, the fourth anniversary of his killing")."""
    years = anniversary_years(event.trigger)
    if years is None or row.get("start") is None:
        return row

    def back(day: dt.date) -> dt.date:
        return day.replace(year=day.year - years, day=min(day.day, 28) if (day.month, day.day) == (2, 29) else day.day)
    start, end, value = back(row["start"]), back(row["end"]), row.get("value")
    if isinstance(value, str):
        value = value.replace(str(row["start"].year), str(start.year), 1)
    return {**row, "start": start, "end": end, "value": value}


def dates_in(trigger: Token, dates: list[dict], *, own: bool, sent: Span | None = None) -> list[dict]:
    """Date rows with a value in the trigger's subtree (``own``) or sentence, nearest first; a year
    written before the trigger noun counts as one (:func:`named_year`)."""
    sent = sent if sent is not None else trigger.sent
    subtree = trigger.doc[trigger.left_edge.i: trigger.right_edge.i + 1]
    span = subtree if own else sent
    since = [] if own else since_spans(sent, trigger)
    rows = [d for d in dates if d["value"] and span.start_char <= d["start_char"] and d["end_char"] <= span.end_char
            and not in_dateline(sent, d) and not update_day(trigger, d) and not statement_day(trigger.doc, d)
            and not any(a <= d["start_char"] < b for a, b in since)]
    if (year := named_year(trigger, dates)) is not None:
        rows.append(year)
    if own and trigger.dep_ == "ROOT":
        return []
    if retold(trigger):  # "X told reporters on Monday that the drone strike had hit ...": not the strike's day
        rows = [d for d in rows if not said_when(trigger, d)]
    return sorted(rows, key=lambda d: (not (subtree.start_char <= d["start_char"] < subtree.end_char),
                                       abs(d["start_char"] - trigger.idx)))


#: A dateline's town before its date ("MOGADISHU, Feb 18 (Reuters) -"), and what follows the date.
RE_DATELINE_TOWN = re.compile(r"^\s*(?:[A-Z][A-Z .'/-]+|(?:[A-Z][A-Za-z .'/-]+)?\s*\[[A-Z][A-Za-z .]+\]),"
                              r"(\s*[A-Z][A-Za-z .]+,)?\s*$")
# "PESHAWAR, Pakistan, Nov 15"; ANI's "Khyber Pakhtunkhwa [Pakistan], November 15 (ANI):", whose sentence
# may begin at the bracket
RE_AFTER_DATELINE_DATE = re.compile(r"^\s*(\([^)]{1,40}\)\s*)?[-\u2013\u2014:]")


def in_dateline(sent: Span, date: dict) -> bool:
    """Is the date the dateline's, the day the report was filed ("MOGADISHU, Feb 18 (Reuters) -
    militants stormed a hotel on Tuesday"), not the day of what the sentence tells?"""
    text, start = sent.text, sent.start_char  # the sentence's text: the Doc's is joined anew on each read
    return bool(RE_DATELINE_TOWN.match(text[:date["start_char"] - start])
                and RE_AFTER_DATELINE_DATE.match(text[date["end_char"] - start:date["end_char"] - start + 50]))


#: Verbs of a toll that grows, whose date is the update's ("the death toll rose to 16 on Saturday").
UPDATE_VERBS = frozenset({"rise", "climb", "increase", "reach", "jump", "mount"})


def statement_day(doc: Doc, date: dict) -> bool:
    """Is the date a statement's ("in a statement it put out on Monday, the outfit said it had hit a
    convoy"): the day it was issued, not the day of what it tells?"""
    span = doc.char_span(date["start_char"], date["end_char"], alignment_mode="expand")
    token = span.root if span is not None and len(span) else None
    for _ in range(4):
        if token is None or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in STATEMENTS and token.pos_ == "NOUN":
            return True
        if token.pos_ == "VERB" and token.dep_ not in ("acl", "relcl"):
            return False  # the date is a clause's own ("the blast happened on Sunday")
    return False


def update_day(trigger: Token, date: dict) -> bool:
    """Is the date that of a toll rising ("The death toll from a militant attack ... rose to 16 on
    Saturday"), not the incident's?"""
    verb = date_verb(trigger.doc, date, len(trigger.doc))
    return verb is not None and verb.i != trigger.i and verb.lemma_.lower() in UPDATE_VERBS


def date_verb(doc: Doc, row: dict, steps: int) -> Token | None:
    """The verb a date row hangs on: up from the date's own words, at most ``steps`` heads (the
    token reached then, if no verb before); None where the row covers no tokens."""
    span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    for _ in range(steps):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return head


#: Verbs of telling whose date is the telling's, not the date of what they report.
TELLING = frozenset({"say", "tell", "confirm", "add", "state", "report", "announce", "explain", "note", "quote",
                     "claim"})  # "claimed responsibility on Thursday for the blasts on Wednesday"
#: Nouns of something said that an incident may be told against ("Hours after the statement, militants attacked").
STATEMENTS = frozenset({"statement", "announcement", "speech", "remarks", "briefing"})


def said_on(ctx: DocContext, noun: Token, dates: list[dict]) -> dt.date | None:
    """The day of the statement "the statement" names: the one day given in the last sentence before it
    that speaks of a statement ("In a statement on Monday, the TTP confirmed ..."); None without one."""
    for sent in reversed([s for s in ctx.sents if s.end <= noun.i]):
        if any(t.lemma_.lower() == noun.lemma_.lower() for t in sent):
            days = [d["start"] for d in dates if d["start"] is not None and d["start"] == d["end"]
                    and sent.start_char <= d["start_char"] < sent.end_char]
            return days[0] if len(days) == 1 else None
    return None


def retold(trigger: Token) -> bool:
    """Is the trigger an incident named again ("the drone strike", "this attack") as the subject of
    its clause?"""
    noun = trigger if trigger.pos_ in ("NOUN", "PROPN") else next(
        (c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return noun is not None and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children)


def said_when(trigger: Token, row: dict) -> bool:
    """Does the date row modify a verb of telling (not the trigger itself), one that governs the
    trigger's clause ("said on Monday that ...") or one beside it ("X were killed in an attack ...,
    said the military's media wing on Wednesday")?"""
    head = date_verb(trigger.doc, row, 4)
    return head is not None and head.lemma_.lower() in TELLING and head.i != trigger.i


class Recall:
    """Which incidents are recalled against the story's, and the dates they take from it; set up once
    per run with the ``other_incident`` words and the trigger lemmas."""

    def __init__(self, other_incident: frozenset[str], trigger_words: set[str], motive: frozenset[str] = frozenset()):
        self.other_incident = other_incident
        self.trigger_words = trigger_words
        self.motive = motive

    def date_recalled(self, ctx: DocContext, events: list[Event], dates: list[dict] | None = None) -> None:
        """An incident recalled against the story's with no date of its own ("hours after a similar
        attack in Mastung", "a week after a bombing in Kunduz", "the same day as the shooting") takes
        the story's day moved by that span, ``date_source`` "recalled": the story is the first
        incident of its sentence-dated ones that is not itself recalled, else the first dated by the
        day the report was published."""
        told = [e for e in events if e.date is not None and e.date.get("start") is not None
                and not self.background(e) and e.date["start"] == e.date["end"]]
        story = next((e for e in told if e.date_source == "sentence"), None) or next(
            (e for e in told if e.date_source == "published"), None)  # a story dated by the day it was published
        if story is None:
            return
        for event in events:
            if event.date_source == "sentence" or event is story:
                continue
            start: dt.date | None = story.date["start"]
            if RE_SAME_DAY.search(ctx.view(event.sent).text):
                days = 0
            elif self.background(event):  # the span may hang on another of its words ("after a similar attack targeting")
                days = next((d for t in [event.trigger, *event.mentions] if (d := recalled_span(t)) is not None), None)
                against = told_when(event.trigger, event.sent, dates or [])
                if days is not None and against is not None:  # "launched in June 2014 days after militants attacked"
                    shift = dt.timedelta(days=days)
                    event.date = {"value": None, "start": against["start"] + shift, "end": against["end"] + shift}
                    event.date_source = "recalled"
                    continue
            else:
                days, noun = self.since_story(event.sent)  # "Hours after the explosion, police arrested"
                if noun is not None and noun.lemma_.lower() in STATEMENTS:  # "Hours after the statement"
                    start = said_on(ctx, noun, dates or [])
                elif noun is not None:
                    start = (self.told_before(ctx, events, noun) or story).date["start"]
            if days is not None and start is not None:
                event.date, event.date_source = shifted(start, days), "recalled"

    def antecedent(self, ctx: DocContext, earlier: list[Event], token: Token) -> Event:
        """The incident "the attack" speaks of: the last one told in its paragraph, else the story's
        (the first); never one recalled against the story or dated by its own words far from it, nor
        a plural "attacks", nor a headline's where the body tells one."""
        told = [e for e in earlier if not self.background(e)] or earlier
        latest = max((e.date["start"] for e in told if e.date and e.date.get("start")), default=None)
        told = [e for e in told if not set_apart(e, latest)] or told  # "In 2019, a bomb attack ..."
        told = [e for e in told if e.trigger.tag_ not in ("NNS", "NNPS")] or told
        told = [e for e in told if not ctx.view(e.sent).headline_like] or told  # the body's telling, not its headline's
        told = [e for e in told if not avenged(e.trigger, self.motive)] or told  # not "revenge for the killing of X"
        if "\n\n" not in ctx.text[told[-1].sent.end_char:token.idx]:
            return told[-1]
        return told[0]

    def since_story(self, sent: Span) -> tuple[int | None, Token | None]:
        """Days from the incident "the attack" names to what this sentence tells, and that noun:
        "Hours after the explosion, police arrested two men" 0, "two days after the attack" 2, "the
        day before the bombing" -1; (None, None) without such a phrase."""
        for token in sent:
            if token.dep_ == "pobj" and token.head.lower_ in ("after", "following", "before") and \
                    (token.lemma_.lower() in self.trigger_words or token.lemma_.lower() in STATEMENTS) \
                    and any(c.lower_ in ("the", "this") for c in token.children):
                span = recalled_span(token)
                if span is not None:
                    return -span, token
        return None, None

    def told_before(self, ctx: DocContext, events: list[Event], noun: Token) -> Event | None:
        """The incident "the bombing" names (:meth:`antecedent`) among those told before it with a day
        of their own; None when there is none."""
        dated = [e for e in events if e.sent.end <= noun.i and e.date_source == "sentence"
                 and e.date["start"] == e.date["end"]]
        return self.antecedent(ctx, dated, noun) if dated else None

    def background(self, event: Event) -> bool:
        """An incident recalled to set the story in time ("a week after a bombing in Kunduz", "a similar
        attack"): "the attack" and a claim later in the text speak of the story's incident, not of it.
        One measured from by a superlative is recalled by any of its words in its own sentence."""
        return self.recalled(event.trigger) or measured(event)

    def recalled(self, trigger: Token) -> bool:
        """Is the trigger's incident recalled against another: "a similar attack", "after a bombing",
        "three days after a commander was shot dead"?"""
        head = trigger.head
        if marked_other(trigger, self.other_incident):
            return True
        if trigger.dep_ in ("acl", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in self.trigger_words:
            return self.recalled(head)  # "after a similar attack targeting people from Punjab": that attack's
        # "after" alone may tell the story's own sequence ("the bus fell into a ravine after an
        # explosion"); "a week after", "hours after" set another incident against it
        if trigger.dep_ == "pobj" and head.lower_ in RECALLING:
            return recalled_span(trigger) is not None  # "a week after a bombing in Kunduz"
        if followed(trigger) is not None:
            return True  # "The latest attack follows a deadly suicide bombing at the railway station"
        if recalling_mark(trigger) is not None:
            return recalled_span(trigger) is not None
        clause = trigger.head  # "three days after a commander was shot dead by gunmen": the gunmen too
        for _ in range(3):
            if clause.pos_ == "VERB":
                while clause.dep_ == "conj" and clause.head.pos_ == "VERB":
                    clause = clause.head  # "hours after militants shot two officers and wounded two in an attack"
                return recalling_mark(clause) is not None and recalled_span(clause) is not None
            if clause.head.i == clause.i:
                return False
            clause = clause.head
        return False

    def separate(self, first: Token, second: Token, dates: list[dict]) -> bool:
        """Two triggers of one type in a sentence are two events when each has a date of its own: the
        triggers linked directly ("the 2004 arrest of A and the capture of B in 2005"), or their clauses
        coordinated; a clause under another only when the dates lie over ``SEQUENCE_DAYS`` apart; and
        always the one told against the other by "since" ("the deadliest attack since car bombs killed
        100 in 2022")."""
        if since_clause(first) != since_clause(second) or one_followed_the_other(first, second):
            return True
        if linked(first, second):
            return bool(clause_dates(first, second, dates)) and bool(clause_dates(second, first, dates))
        a, b = clause_of(first), clause_of(second)
        if a.i == b.i or not linked(a, b):
            return False
        mine, theirs = clause_dates(a, b, dates), clause_dates(b, a, dates)
        if b in a.conjuncts:  # "On March 6 gunmen shot ..., and last month militants ambushed ..."
            return bool(mine) and bool(theirs)
        # a clause under another: two incidents only days apart, not the steps of one ("ended the siege
        # early Tuesday after militants stormed the hotel on Monday night")
        return any(abs((x["start"] - y["start"]).days) > SEQUENCE_DAYS for x in mine for y in theirs
                   if x.get("start") and y.get("start"))


def followed(trigger: Token) -> tuple[Token, Token] | None:
    """The verb "follows" and its subject, where the trigger is what an incident follows ("The attack
    follows a deadly bombing last week"): an earlier incident; None otherwise."""
    head = trigger.head
    if trigger.dep_ != "dobj" or head.lemma_.lower() != "follow":
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return (head, subject) if subject is not None else None


def recalled_clauses(sent: Span, trigger: Token) -> list[tuple[Token, Token]]:
    """The first and last tokens of the sentence's clauses and phrases set a span of time before or
    after ("comes two days after 31 villagers died when ...", "a week after the bombing that
    killed 9") that do not hold the trigger: what they count or place is another incident's."""
    found = []
    for word in (t for t in sent if t.lower_ in ("after", "before") and t.i >= 1 and t.doc[t.i - 1].lower_ in SPAN_DAYS):
        part = word.head if word.dep_ == "mark" else word if word.dep_ == "prep" else None
        if part is not None and not word.i <= trigger.i <= part.right_edge.i:
            found.append((word, part.right_edge))
    return found


def recalled_holding(sent: Span, trigger: Token) -> tuple[int, int] | None:
    """The character span of the clause or phrase set a span of time before or after that holds the
    trigger ("has been killed when gunmen opened fire ..., hours after a drone strike east of the
    capital"): the trigger's incident is told there and counts only what is told there."""
    for word in (t for t in sent if t.lower_ in ("after", "before") and t.i >= 1 and t.doc[t.i - 1].lower_ in SPAN_DAYS):
        part = word.head if word.dep_ == "mark" else word if word.dep_ == "prep" else None
        if part is not None and word.i < trigger.i <= part.right_edge.i:
            return word.idx, part.right_edge.idx + len(part.right_edge)
    return None


def recalled_spans(sent: Span, trigger: Token) -> list[tuple[int, int]]:
    """The character spans of :func:`recalled_clauses`."""
    return [(first.idx, last.idx + len(last)) for first, last in recalled_clauses(sent, trigger)]


def since_spans(sent: Span, trigger: Token) -> list[tuple[int, int]]:
    """The character spans of the sentence's "since" clauses and phrases that do not hold the trigger
    ("the deadliest attack since twin car bombs killed 100 in October 2022"): their dates are another
    incident's; so is a phrase ("since 2011") hung elsewhere ("killed 28, in the deadliest attack since
    2011") or on a superlative trigger ("the deadliest attack since 2011"), not one on the trigger's own
    clause (what has gone on since: "carrying out an offensive since June 15")."""
    spans = []
    superlative = any(c.tag_ == "JJS" or c.lower_ == "first" for c in trigger.children)
    for word in (t for t in sent if t.lower_ == "since"):
        part = word.head if word.dep_ == "mark" else word if word.dep_ == "prep" else None
        if part is None or part.left_edge.i <= trigger.i <= part.right_edge.i:
            continue
        if word.dep_ == "prep" and not superlative and word.head.i in (trigger.i, clause_of(trigger).i):
            continue  # "an offensive carried out since June 15": its start; not "the deadliest attack since 2011"
        first, last = (word, part.right_edge) if word.dep_ == "mark" else (part.left_edge, part.right_edge)
        spans.append((first.idx, last.idx + len(last)))
    return spans


#: Sentences back within its paragraph that a sentence with no date of its own takes the day it tells of
#: from ("The party held a convention on 30 July. At around 4 p.m. a suicide bomber ...").
PARAGRAPH_SENTENCES = 3


def paragraph_day(ctx: DocContext, sent: Span, dates: list[dict]) -> dt.date | None:
    """The day the narration of ``sent``'s paragraph stands at: the last single day given in the
    sentences before it in the same paragraph (at most ``PARAGRAPH_SENTENCES`` back, headlines left out);
    None when they give none. Not the event's date: only a sign of which incident it goes on about."""
    index = next((i for i, s in enumerate(ctx.sents) if s.start == sent.start), None)
    if index is None:
        return None
    for before in reversed(ctx.sents[max(0, index - PARAGRAPH_SENTENCES):index]):
        if "\n\n" in ctx.text[before.start_char + len(before.text.rstrip()):sent.start_char] or \
                ctx.view(before).headline_like:
            return None
        days = [d for d in dates if d["value"] and d.get("start") and d["start"] == d["end"]
                and before.start_char <= d["start_char"] < before.end_char]
        if days:
            return days[-1]["start"]
    return None


def told_when(trigger: Token, sent: Span, dates: list[dict]) -> dict | None:
    """The date row of the clause a recalled incident is set against, where its sentence gives one
    outside the incident's own words ("the army launched it in June 2014, days after militants
    attacked the airport": June 2014); None when it gives none. ``sent``: the trigger's sentence."""
    own = trigger.doc[trigger.left_edge.i: trigger.right_edge.i + 1]
    clause = clause_of(trigger)
    while clause.dep_ in ("advcl", "conj") and clause.head.i != clause.i:
        clause = clause.head
    span = trigger.doc[clause.left_edge.i: clause.right_edge.i + 1]
    rows = [d for d in dates if d["value"] and d.get("start") and span.start_char <= d["start_char"] < span.end_char
            and not own.start_char <= d["start_char"] < own.end_char and sent.start_char <= d["start_char"] < sent.end_char]
    return rows[-1] if rows else None


def dying_in(trigger: Token, kill: Container[str]) -> Token | None:
    """The verb of dying a recalled incident's noun hangs from by "in" ("In 2023, six were killed ... in
    another bombing"): that clause tells the incident itself, and its dates are the incident's."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ != "VERB":
        return None
    return prep.head if prep.head.lemma_.lower() in kill else None


def linked(a: Token, b: Token) -> bool:
    """One governs the other, or they are coordinated."""
    return b.head == a or a.head == b or b in a.conjuncts


def clause_dates(trigger: Token, other: Token, dates: list[dict]) -> list[dict]:
    """Date rows with a value in the trigger's subtree outside the other trigger's: "On March 6, gunmen
    shot dead a constable, and last month militants ambushed a van" gives "March 6" to the first
    clause (the sentence's root, whose subtree holds the second) and "last month" to the second."""
    doc = trigger.doc
    outside = set(range(other.left_edge.i, other.right_edge.i + 1)) if trigger.is_ancestor(other) else set()
    if trigger.dep_ == "ROOT" and not outside:
        return []  # the whole sentence: no date of its own
    tokens = [t.i for t in doc[trigger.left_edge.i: trigger.right_edge.i + 1] if t.i not in outside]
    if not tokens:
        return []
    own = {doc[i].idx for i in tokens}
    return [d for d in dates if d["value"] and d["start_char"] in own]

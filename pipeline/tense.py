"""Past or future: the tense and aspect of the verb that governs a date expression.

A date written without its year or week ("April 7", "in June", "on Tuesday", "the third quarter")
is the latest one on or before the article's date when the verb governing it is in the past or
the present perfect ("was held on April 7", "has ruled on Tuesday"), and the next one on or after
it when the verb speaks of the future ("will visit on April 7", "is to resume in June", "is
scheduled to begin on Tuesday", "plans to travel in May", "is going to vote", "are expected in
October", "is due in May"). This is HeidelTime's disambiguation of underspecified expressions in
news (Strötgen and Gertz, "Multilingual and cross-domain temporal tagging", 2013), read here from
spaCy's dependency parse instead of a tense tagger. dateparser (1.5.0) has ``PREFER_DATES_FROM``
for one direction per call, but nothing that reads the sentence, so the choice is made here.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.date_words import CUES

PAST, PRESENT, FUTURE = "past", "present", "future"
WEEKDAY_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: The cue words of configs/dates.yml, where each is described.
FUTURE_AUX = frozenset(CUES.future_auxiliaries)
FUTURE_HEADS = frozenset(CUES.future_heads)
FUTURE_OWN = frozenset(CUES.future_own)
FUTURE_WORDS = frozenset(CUES.future_words)
DEADLINE_WORDS = frozenset(CUES.deadline_words)
UNTIL_REACH = CUES.until_reach
MAX_CLIMB = CUES.max_climb
PAST_NOUNS = frozenset(CUES.past_nouns)


def governing_verb(span: Span) -> Token | None:
    """The verb (or "due") a date expression hangs from: the nearest verb up from its root."""
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") or token.lower_ in FUTURE_WORDS:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def under_past_noun(span: Span) -> bool:
    """Does the date hang from an incident's noun on its way up to the verb ("an attack on an army base
    on Friday")?"""
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ == "NOUN" and token.lemma_.lower() in PAST_NOUNS:
            return True
    return False


def present(token: Token) -> bool:
    """Is the token's own time the present ("plans", "are expected", "is going")?"""
    helpers = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ in ("VBD", "MD") for c in helpers):
        return False
    return token.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in helpers)


def future_frame(verb: Token) -> bool:
    """"plans to visit", "is scheduled to begin", "are to resume", "are expected in October"."""
    if verb.lemma_.lower() in FUTURE_OWN and present(verb):
        return True
    head = verb.head
    to_infinitive = verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return to_infinitive and head.lemma_.lower() in FUTURE_HEADS and present(head)


def deadline(span: Span) -> bool:
    """Is the date the end of a stretch of time ("until May", "through January", "by 9 June", "to 30 June")?"""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in DEADLINE_WORDS or span[0].lower_ in DEADLINE_WORDS


def set_ahead(span: Span, helpers: list[Token]) -> str:
    """The time of a deadline a past act set: a weekday after "until" is the coming one ("postponed
    until Tuesday morning", "gave them until 9 a.m. Tuesday"); "by Wednesday" and "to Thursday" are
    as often behind (TBAQ-cleaned), and a date of the calendar ("extended the offer to 30 June") is
    the nearest one, since the act may be long past."""
    before = span.doc[max(0, span.start - UNTIL_REACH): span.start + 1]  # "until 9 a.m. Tuesday"
    until = any(t.lower_ in ("until", "till") for t in before)
    perfect = any(c.lemma_ == "have" for c in helpers)  # "Until Thursday, they had not called him a suspect"
    return FUTURE if until and not perfect and any(t.lower_ in WEEKDAY_NAMES for t in span) else PRESENT


def tense_of(span: Span) -> str | None:
    """"past", "future", "present" (also a conditional or a modal: the verb does not say), or None
    where no verb governs the date (a headline, a dateline)."""
    verb = governing_verb(span)
    if verb is None:
        return None
    if verb.lower_ in FUTURE_WORDS and verb.tag_ != "VBD":
        return FUTURE
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if {c.lower_ for c in helpers} & FUTURE_AUX or future_frame(verb):
        return FUTURE
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in helpers):
        # "was held", "has ruled", "have been searching"; but "extended the offer to 30 June", "gave them
        # until mid-June": a past act sets a time that may lie ahead
        return set_ahead(span, helpers) if deadline(span) else PAST
    if verb.tag_ == "VBN" and not helpers:  # a participle: "the products introduced in April"
        if verb.lemma_.lower() in FUTURE_OWN:
            return FUTURE
        # "extended to Nov. 20 its offer" (the parser's VBN)
        return set_ahead(span, helpers) if deadline(span) else PAST
    return PAST if under_past_noun(span) else PRESENT  # "It follows an attack on Friday": a past one

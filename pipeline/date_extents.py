"""The extent of a date expression: which words of a DATE span are the date, and which spans are one.

spaCy's small model draws DATE spans a word or two wide of the date ("from seven a year ago", "April
month", "the day Friday"), labels some dates otherwise or not at all (a weekday at the end of a name in
wire style: "President Bill Clinton Saturday vowed"), and gives two dates joined by "and" as one span
("January and December of 2010"). TimeML's extent of a TIMEX3 is the date's own words, one expression
each; these functions bring the model's spans to that, for :func:`pipeline.normalize.date_rows`.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from pipeline.date_periods import RE_HOLIDAY
from pipeline.date_values import DateValue
from pipeline.date_words import FULL_MONTHS, TIME_WORDS, UNIT_WORDS, bare

RE_FOUR_DIGITS = re.compile(r"^\d{4}$")
QUOTES = frozenset({'"', "``", "''", "\u201c", "\u201d", "'", "`", "\u2018", "\u2019"})
RE_PLAIN_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def left_out(token: Token) -> bool:
    """A weekday or "today" the model left out of its dates: outside every entity, or the last word of
    a name ("President Bill Clinton Saturday vowed ...", wire style with no "on", is one PERSON)."""
    if not token.ent_type_:
        return True
    ends_name = token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I"
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and token.ent_iob_ == "I" and ends_name


def two_dates(span: Span) -> list[Span] | None:
    """"January and December of 2010", "March 2 and March 22, 2018": two dates joined by "and", each a
    month or a year at least, as two spans (TimeML tags each); "between ... and ..." is a range."""
    if span[0].lower_ in ("between", "from"):
        return None
    cut = next((t.i for t in span if t.lower_ == "and" and span.start < t.i < span.end - 1), None)
    if cut is None:
        return None
    left, right = span.doc[span.start: cut], span.doc[cut + 1: span.end]
    named = [any(t.lower_ in FULL_MONTHS or RE_FOUR_DIGITS.match(t.text) for t in part) for part in (left, right)]
    # "May 5 and 6, 2019" is one stretch of days (its right end starts with a day, not a month or year)
    opens = right[0].lower_ in FULL_MONTHS or RE_FOUR_DIGITS.match(right[0].text) or right[0].lower_ == "the"
    return [left, right] if all(named) and opens else None


def read_as(span: Span) -> str:
    """The text to read a date from: the first of two dates joined by "and" takes the year that ends
    the second ("January" of "January and December of 2010" is read "January 2010")."""
    doc, text = span.doc, span.text
    if span.end >= len(doc) - 1 or doc[span.end].lower_ != "and" or any(RE_FOUR_DIGITS.match(t.text) for t in span):
        return text
    after = doc[span.end + 1: min(len(doc), span.end + 6)]
    year_word = next((t for t in after if RE_FOUR_DIGITS.match(t.text) and RE_PLAIN_YEAR.match(t.text)), None)
    return f"{text} {year_word.text}" if year_word is not None else text


def has_value(found: DateValue | None) -> bool:
    """A value, or a word for the present, the past or the future (which has none by design)."""
    return found is not None and (found.value is not None or (found.qualifier or "").startswith("vague: the "))


#: The longest DATE span cut down to its date (a longer one is no date the model cut wrongly, and its
#: runs of words are many).
TIGHTEN_MAX = 8


def tightened(span: Span, read: Callable[[Span], DateValue | None]) -> tuple[Span, DateValue | None]:
    """The span and its value; where its words give none, its longest run of words that does.

    The small model's DATE spans take in a word or two beside the date ("from seven a year ago",
    "the day Friday", "April month", "as early as next year's first quarter", "d'etat last year"):
    TimeML's extent is the date's own words, and so is its value. A unit word alone ("year" in "his
    year", "day" in "this day") is no date by itself and is never the run kept."""
    found = read(span)
    if has_value(found) or not 1 < len(span) <= TIGHTEN_MAX:
        return span, found
    for size in range(len(span) - 1, 0, -1):
        for start in range(span.start, span.end - size + 1):
            part = span.doc[start: start + size]
            if lone_unit(part, span) or not has_date_word(part) or partitive(part, span):
                continue
            if has_value(inner := read(part)):
                return part, inner
    return span, found


def lone_unit(part: Span, span: Span) -> bool:
    """A unit word alone ("year" in "his year"), but not the whole a part is of ("the year" in "the
    first nine months of the year": the year told of)."""
    after_of = part.start > span.start and span.doc[part.start - 1].lower_ == "of"
    return bare(part.text).lower() in UNIT_WORDS and not after_of


def partitive(part: Span, span: Span) -> bool:
    """"the first two quarters" in "the first two quarters of 1990": the part before "of" is a piece of
    what follows, no date by itself."""
    return part.end < span.end and span.doc[part.end].lower_ == "of"


def has_date_word(span: Span) -> bool:
    """Does the span hold a digit, a number or a word of time (a month, a weekday, a unit, "now")?"""
    return any(t.like_num or t.lower_ in TIME_WORDS or t.lemma_.lower() in TIME_WORDS
               or any(c.isdigit() for c in t.text) for t in span)


def holiday_name(span: Span) -> bool:
    """"the Christmas market", "an Easter offensive": a one-word holiday that modifies a noun names a
    thing, not its day ("the Christmas Day bombing" still names the day)."""
    root = span.root
    return len(span) == 1 and bool(RE_HOLIDAY.match(span.text)) and root.dep_ == "compound" \
        and root.head.i >= span.end and root.head.lower_ not in TIME_WORDS


def with_holiday(span: Span) -> Span:
    """"Easter" + "Sunday", "Christmas" + "Eve": a day the model took without the holiday before it."""
    doc = span.doc
    if span.start > 0 and RE_HOLIDAY.match(f"{doc[span.start - 1].text} {span.text}"):
        return doc[span.start - 1: span.end]
    return span


def month_as_noun(span: Span) -> bool:
    """"the annual March for Life": a month name alone that heads a noun phrase of its own (it has a
    determiner and modifies nothing) names a thing; "the March elections" (a compound) and "in March" are
    dates."""
    if len(span) != 1 or span[0].lower_ not in FULL_MONTHS:
        return False
    token = span[0]
    # "this March" is a date: only an article makes the month a noun
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in token.children) \
        and token.dep_ not in ("compound", "npadvmod", "nmod") \
        and not any(c.like_num for c in token.children)


def quoted_title(span: Span) -> bool:
    """"This Week" in 'speaking on ABC's "This Week,"': words of time, no number, capitalised as a title
    and all that a pair of quotation marks holds, name a programme or a book, not a week. A quotation
    that only begins with a date ('"Last Friday we lost two men"') keeps it."""
    doc = span.doc
    after = [t.text for t in doc[span.end: span.end + 2]]
    opens = span.start > 0 and doc[span.start - 1].text in QUOTES
    closes = bool(after) and (after[0] in QUOTES or after[0] == "," and len(after) > 1 and after[1] in QUOTES)
    return opens and closes and len(span) > 1 and not any(t.like_num for t in span) \
        and all(t.text[:1].isupper() for t in span if t.is_alpha)

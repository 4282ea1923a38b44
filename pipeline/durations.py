"""Expressions of time that are no date: durations, ages, recurrences and bare numbers.

spaCy's small model labels all of these DATE: "five years'" (imprisonment), "a four-week" (trial),
"the next decade", "44" (in "Smith, 44,"), "a 6-year-old", "a years-old slump", "the third consecutive
month", "daily", "each year", "80486", and a sum the model took for a date ("99 cents"). None of
them names a point or stretch of the calendar, so none gets a row in ``dates`` (TimeML types the
first three DURATION and the recurrences SET; an age is no TIMEX3 at all). dateparser 1.5.0 has no
notion of a duration: it reads "five years" as five years from today, so these are patterns.
"""
from __future__ import annotations

import re

from pipeline.date_words import CUES, MONTH_PATTERN, WEEKDAY_PATTERN, alternatives, unlead

#: Seasons count only in the plural: "the past three summers" is a length, "a summer" may be one season.
_UNIT = r"(?:years?|months?|weeks?|days?|hours?|decades?|minutes?|fortnights?|quarters?|centur(?:y|ies)|summers|" \
        r"winters|springs|autumns)"
_PLURAL_UNIT = r"(?:years|months|weeks|days|hours|decades|minutes|quarters|centuries)"
_COUNT = (r"(?:\d+(?:\.\d+)?|\d+\s*-\s*\d+|\d+\s+\d/\d|(?:twenty|thirty|forty|fifty)[\s-]"
          r"(?:one|two|three|four|five|six|seven|eight|nine)|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
          r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|(?:\w+\s+)?thousand|"
          r"(?:hundreds|thousands|dozens)\s+of|several|few|a few|many|some|couple of|"
          r"a couple of|one or two|two or three|\w+ (?:or|to) \w+)")

#: A length of time: "the past 25 years", "seven weeks", "four-week", "five years'", "recent months",
#: "the next decade". A unit alone in the singular ("the week", "the following year") is no length.
RE_DURATION = re.compile(r"^(?:(?:only|just|about|almost|nearly|more than|less than|over|under|around|at least|"
                         r"up to|no more than|as long as|barely|some|another|each of|least|between|a|an)\s+)*"
                         r"(?:the\s+)?(?:(?:past|last|next|previous|coming|first|final|following|early|latest|"
                         r"recent|same|many|few|additional|extra)\s+)?"
                         rf"(?:{_COUNT}\s*[\s-]\s*(?:more\s+|single\s+|full\s+|trading\s+|business\s+)?{_UNIT}|"
                         rf"{_PLURAL_UNIT}|(?<=past |next |last )(?:decade|century)|(?<=coming )(?:decade|century)|"
                         r"(?:a\s+)?(?:quarter|half)[\s-]+(?:a\s+)?century|"
                         r"(?<=additional )(?:year|month|week|day)|(?<=extra )(?:year|month|week|day))"
                         r"(?:\s+(?:or so|long|old|ahead|to come))?'?$", re.I)
#: What looks like a length but is a date: "next year", "the past year" (the twelve months before it);
#: "recent years", "past years", "future quarters" point at the past or the future (TimeML's PAST_REF,
#: FUTURE_REF: TBAQ-cleaned types "recent years" a DATE five times in six, "recent months" a DURATION twice).
RE_DATE_NOT_LENGTH = re.compile(r"^(?:(?:earlier|later)\s+)?(?:last|this|next|the previous|previous|the current|"
                                r"the coming|the following|current|the past|the last)\s+(?:year|month|week|quarter|"
                                r"weekend)(?:\s+or so)?$|^(?:recent|past)\s+years$|^future\s+\w+$|"
                                r"^(?:1[89]|20)\d\d\s+(?:quarter|half|period|season)$", re.I)
#: An age or a length as an adjective: "a years-old slump", "a decades-long feud", "a month-long siege"
#: (TimeML tags neither a DATE; an age is no TIMEX3 at all).
RE_TIME_ADJECTIVE = re.compile(r"(?:^|\s)(?:[\w-]+-)?(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies))-"
                               r"(?:old|long)$", re.I)
#: A count of repeats: "the third consecutive month", "a second straight year". It says how often, not
#: when (TBAQ-cleaned tags none of them).
RE_REPEAT = re.compile(r"^(?:the\s+|a\s+)?(?:\w+\s+)?(?:consecutive|straight|successive|running)\s+"
                       r"(?:days?|weeks?|months?|quarters?|years?|seasons?|times?|sessions?)$", re.I)
#: A sum or a share the model took for a date ("as little as 99 cents"): a figure, no date.
RE_SUM = re.compile(r"[$\u20ac\u00a3\u00a5%]|\b(?:cents?|dollars?|percent|per\s+cent|rupees?)\b", re.I)
#: An age: "44" alone (in "Smith, 44,"), "a 6-year-old", "52 years old", "6-month-old".
RE_AGE = re.compile(r"^(?:\d{1,3}|(?:a|an|the)?\s*[\w-]+[\s-]+(?:years?|months?|weeks?|days?)[\s-]+old)$", re.I)
#: Something that recurs: "daily", "each year", "every month", "quarterly", "annual".
RE_SET = re.compile(rf"^(?:(?:each|every)\s+(?:{MONTH_PATTERN}|{WEEKDAY_PATTERN})|"
                    r"(?:each|every|per|a)\s+(?:\w+\s+)?(?:day|week|month|quarter|year|season|morning|night)|"
                    rf"{alternatives(CUES.recurrence_words)})$", re.I)
#: A number that is no year: a count or an age ("44"), a model number ("80486"), a clock time
#: ("0735"), an age by decade ("in his 30s").
RE_NUMBER = re.compile(r"^(?:\d{1,3}|\d{5,}|0\d{3}|\d0s)$")


def is_duration(text: str) -> bool:
    """A length of time: "the past 25 years", "seven weeks", "a four-week", "five years'", "the next
    decade"; not "next year", "the past year", "two days later" (dates, counted from another)."""
    t = unlead(text)
    return not RE_DATE_NOT_LENGTH.match(t) and bool(RE_DURATION.match(t))


def not_a_date(text: str) -> bool:
    """A duration, an age ("44" in "Smith, 44,", "a 6-year-old", "a years-old slump"), a recurrence
    ("daily", "each year", "the third consecutive month"), a sum ("99 cents") or a number that is no
    year ("80486"): none is a date and none gets a row."""
    t = unlead(text)
    return is_duration(text) or bool(RE_AGE.match(t) or RE_SET.match(t) or RE_NUMBER.match(t)
                                     or RE_TIME_ADJECTIVE.search(t) or RE_REPEAT.match(t) or RE_SUM.search(t))

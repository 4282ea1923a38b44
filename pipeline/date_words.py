"""The words date expressions are made of, and the clean-up every date module does first.

Month and weekday names (English, from :mod:`calendar`), small number words, the leading words a
date is stripped of ("on", "the", "its", "sometime"), and years written in words as broadcast
transcripts write them ("nineteen ninety-four", "the year two thousand", "the nineties"), which
dateparser 1.5.0 does not read.
"""
from __future__ import annotations

import calendar
import re

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {"sept": 9}
#: Month names that cannot be taken for another word ("mar", "jun", "dec" can).
FULL_MONTHS = {name: number for name, number in MONTHS.items() if len(name) > 3 or name == "may"}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven "
                                           "twelve".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
DECADE_WORDS = {f"{word[:-1]}ies": tens for word, tens in TENS.items()}
#: Ordinals up to the 21st, for centuries ("the twentieth century").
ORDINALS = {w: i for i, w in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
                                       "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
                                       "eighteenth nineteenth twentieth twenty-first".split())}
#: Units of the calendar, which alone ("the day", "his year") name no date.
UNIT_WORDS = frozenset({"day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century", "period",
                        "season", "time", "days", "weeks", "months", "quarters", "years", "decades"})
#: Words of time: a date expression holds one of these or a number ("Olympic" or a surname that the
#: small model labels DATE holds none).
TIME_WORDS = frozenset({*MONTHS, *WEEKDAYS, *UNIT_WORDS, "spring", "summer", "autumn", "fall", "winter", "now",
                        "today", "tonight", "tomorrow", "yesterday", "morning", "afternoon", "evening", "night",
                        "future", "past", "term", "recently", "currently", "nowadays", "eve", "holiday", "date"})
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(WEEKDAYS)

#: Words in front of a date that are not part of its value.
RE_LEAD = re.compile(rf"^(?:at least|as early as|as late as|as soon as|in|on|from|during|at|of|as of|around|about|"
                     rf"circa|c\.|the(?!\s+(?:last|past)\b)|"
                     rf"through|throughout|within|for|over|its|their|sometime|some time|both|just|only|"
                     rf"(?:a|an)(?=\s+(?:(?:{MONTH_PATTERN})\b|\d)))\s+", re.I)
RE_POSSESSIVE = re.compile(r"(?<=[A-Za-z])'s$")
RE_SPELLED_YEAR = re.compile(r"\bnineteen[\s-](twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                             r"(?:[\s-](one|two|three|four|five|six|seven|eight|nine))?\b", re.I)
RE_SPELLED_2000 = re.compile(r"\b(?:the\s+year\s+)?two\s+thousand\b(?!\s+(?:and|\w+-))", re.I)
RE_SPELLED_DECADE = re.compile(r"\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", re.I)


def spelled_years(text: str) -> str:
    """Years written in words as digits: "nineteen ninety-four" -> "1994", "the year two thousand"
    -> "2000", "the nineties" -> "the 1990s"."""
    def year_of(m: re.Match) -> str:
        return str(1900 + TENS[m.group(1).lower()] + NUMBER_WORDS.get((m.group(2) or "zero").lower(), 0))

    text = RE_SPELLED_2000.sub("2000", RE_SPELLED_YEAR.sub(year_of, text))
    return RE_SPELLED_DECADE.sub(lambda m: f"19{DECADE_WORDS[m.group(1).lower()]}s", text)


def unlead(text: str) -> str:
    """The expression with its spaces made single, without surrounding punctuation and one leading
    word ("in the past 25 years" -> "the past 25 years")."""
    return RE_LEAD.sub("", " ".join(text.split()).strip(" ,.;:()").replace("\u2019", "'"))


def bare(text: str) -> str:
    """The expression without surrounding punctuation, a possessive ("last year's"), and all its
    leading words ("in the 1990s" -> "1990s"), years in words made digits."""
    t = RE_POSSESSIVE.sub("", spelled_years(" ".join(text.split()).strip(" ,.;:()").replace("\u2019", "'")))
    while (stripped := RE_LEAD.sub("", t)) != t:
        t = stripped
    return t

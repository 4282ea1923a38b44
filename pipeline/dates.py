"""Normalise a date expression against its article's publication date.

``normalize_date("June 10th", published=date(2025, 8, 21))`` gives ``2025-06-10`` at day
granularity. Values are ISO at the text's own granularity (``2025``, ``2025-06``, ``2025-06-10``) or
``start/end`` for a range. News refers to the past: a month or day without a year is the latest one
on or before the publication date. Relative expressions need the publication date; without it they
stay unresolved (value None), never resolved against today. Durations ("the past 25 years",
"seven weeks") are not dates: they give None. :func:`normalize_date` never raises: an expression
that falls outside the calendar of :mod:`datetime` (years 1 to 9999: "3000 years ago" in a 2024
article, "February 0000") stays unresolved, and 29 February a year back is 28 February.

The common forms are read with regular expressions; anything else goes to dateparser (English
only, cached), whose reported period gives the granularity.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {"sept": 9}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade", "hour": "hour",
         "minute": "minute", "fortnight": "week", "century": "century"}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

RE_LEAD = re.compile(r"^(?:in|on|from|during|at|of|as of|around|about|circa|c\.|the(?!\s+(?:last|past)\b)|"
                     r"through|throughout)\s+", re.I)
#: Leading words that bound a date on one side; kept as the qualifier.
RE_BOUND = re.compile(r"^(since|after|post|before|pre|until|till|by)[\s-]+", re.I)
RE_SLASH_DAY = re.compile(r"^\d{1,2}/\d{1,2}$")  # "9/11": an event's name, and month/day order is unknown
RE_QUALIFIER = re.compile(r"^(early|mid|late|the end of|the beginning of|the start of|the middle of|end of|"
                          r"beginning of|start of|middle of|spring|summer|autumn|fall|winter)[\s-]+", re.I)
RE_RANGE = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)$", re.I)
RE_TO_RANGE = re.compile(r"^(.+?)\s+(?:to|until|till|through)\s+(.+)$", re.I)
RE_DASH_RANGE = re.compile(r"^\(?(.+?\d)\s*[-\u2013\u2014/]\s*(\d.*?|[A-Za-z]+\.? \d.*?)\)?$")
RE_YEAR = re.compile(r"^(?:'|\u2019)?(\d{4}|\d{2})s?$")
RE_DECADE = re.compile(r"^(\d{3})0s$")
RE_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
RE_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
RE_DMY = re.compile(rf"^{RE_DAY}(?:\s+of)?\s+({_MONTH})\.?,?(?:\s+(\d{{4}}))?$", re.I)
RE_MDY = re.compile(rf"^({_MONTH})\.?\s+{RE_DAY},?(?:\s+(\d{{4}}))?$", re.I)
RE_MONTH_RELATIVE = re.compile(rf"^({_MONTH})\.?,?\s+(last|this|next)\s+year$", re.I)
RE_PART_OF_YEAR = re.compile(r"^(?:the\s+)?(first|last)\s+(\w+)\s+months\s+of\s+(\d{4})$", re.I)
RE_MY = re.compile(rf"^({_MONTH})\.?,?(?:\s+(?:of\s+)?(\d{{4}}))?$", re.I)
RE_DURATION = re.compile(r"^(?:(?:only|just|about|almost|nearly|more than|less than|over|under|around)\s+)*"
                         r"(?:the\s+)?(?:(?:past|last|next|previous|coming|first|final|following)\s+)?"
                         r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
                         r"few|a few|many|some|couple of|a couple of|\d+\s*-\s*\d+)\s+(?:more\s+|single\s+|full\s+)?"
                         r"(?:years?|months?|weeks?|days?|hours?|decades?|minutes?|fortnights?|centur(?:y|ies))"
                         r"(?:\s+(?:or so|later|earlier|before|after|long|old))?$", re.I)
RE_AGO = re.compile(r"^(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                    r"(years?|months?|weeks?|days?)\s+ago$", re.I)
RE_RELATIVE = re.compile(r"^(?:earlier\s+|later\s+)?(this|last|next|the previous|the past|the last|previous)\s+"
                         r"(year|month|week)(\s+or so)?$", re.I)
RE_WEEKDAY = re.compile(r"^(?:(last|this|on|next)\s+)?(" + "|".join(WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$", re.I)

PARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ``value`` at its granularity (None when unresolved)."""

    value: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str
    qualifier: str | None = None


def day(date: dt.date) -> DateValue:
    return DateValue(date.isoformat(), date, date, "day")


def month(year: int, number: int) -> DateValue:
    last = calendar.monthrange(year, number)[1]
    return DateValue(f"{year:04d}-{number:02d}", dt.date(year, number, 1), dt.date(year, number, last), "month")


def year(number: int) -> DateValue:
    return DateValue(f"{number:04d}", dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def past_year(month_number: int, day_number: int, published: dt.date) -> int:
    """The year of the latest (month, day) on or before ``published``."""
    return published.year if (month_number, day_number) <= (published.month, published.day) else published.year - 1


def year_before(date: dt.date) -> dt.date:
    """The same day a year earlier; 29 February gives 28 February (the other year has none)."""
    return date.replace(year=date.year - 1, day=min(date.day, calendar.monthrange(date.year - 1, date.month)[1]))


def unresolved(granularity: str) -> DateValue:
    return DateValue(None, None, None, granularity, "unresolved: publication date unknown")


def is_duration(text: str) -> bool:
    """A length of time ("the past 25 years", "seven weeks"), which is not a date."""
    t = RE_LEAD.sub("", " ".join(text.split()).strip(" ,.;:()"))
    return bool(RE_DURATION.match(t)) and not RE_RELATIVE.match(t)


#: What an expression outside the years 1 to 9999 gives (``datetime`` has no other years).
OUT_OF_CALENDAR = DateValue(None, None, None, "vague", "unresolved: outside the calendar (years 1 to 9999)")


def normalize_date(text: str, published: dt.date | None = None) -> DateValue | None:
    """The normalised value of one date expression, or None if it is a duration or no date.

    Never raises: a year outside 1..9999, whether written ("February 0000") or reached by
    arithmetic ("3000 years ago", "last year" in year 1), gives :data:`OUT_OF_CALENDAR`.
    """
    try:
        return _normalize(" ".join(text.split()), published)
    except (ValueError, OverflowError):  # datetime's limits: date(0, 2, 1), date.min - timedelta(1)
        return OUT_OF_CALENDAR


def _bare(text: str) -> str:
    """The expression without surrounding punctuation and leading words ("on", "the")."""
    t = text.strip(" ,.;:()").replace("\u2019", "'")
    while (stripped := RE_LEAD.sub("", t)) != t:
        t = stripped
    return t


def in_year_of(text: str, anchor: DateValue) -> DateValue | None:
    """A day or month written without a year ("15 June", "in March"), in a text with no publication
    date, dated by the last date before it that gives a year (``anchor``: "8 June 2014", "in 2014"):
    the year that puts it inside that date's period, or else nearest to it. A narrative goes on in the
    year it last named (TimeML's anchoring of a partial date to the text's reference time). None for
    any other expression, or an anchor over more than a year."""
    if anchor.start is None or anchor.end is None or anchor.granularity not in ("day", "month", "year"):
        return None
    t = " ".join(_bare(text).split())
    make = None
    for pattern, order in ((RE_DMY, "dmy"), (RE_MDY, "mdy")):
        if (m := pattern.match(t)) and not m.group(3):
            d, mo = (m.group(1), m.group(2)) if order == "dmy" else (m.group(2), m.group(1))
            make = (lambda y, mo=MONTHS[mo.lower()], d=int(d): day(dt.date(y, mo, d)))
            break
    else:
        if (m := RE_MY.match(t)) and not m.group(2):
            make = (lambda y, mo=MONTHS[m.group(1).lower()]: month(y, mo))
    if make is None:
        return None

    def distance(value: DateValue) -> int:
        if value.end < anchor.start:
            return (anchor.start - value.end).days
        return max(0, (value.start - anchor.end).days)

    options = []
    for y in (anchor.start.year - 1, anchor.start.year, anchor.end.year + 1):
        if (value := valid(lambda y=y: make(y))) is not None and value.start is not None:
            options.append(value)
    if not options:
        return None
    best = min(options, key=lambda v: (distance(v), -v.start.toordinal()))
    return DateValue(best.value, best.start, best.end, best.granularity,
                     f"year from an earlier date in the text ({anchor.value})")


@lru_cache(maxsize=16384)
def _normalize(text: str, published: dt.date | None) -> DateValue | None:
    t = _bare(text)
    if not t or RE_SLASH_DAY.match(t) or RE_DURATION.match(t) and not RE_RELATIVE.match(t):
        return None
    if RE_ISO.match(t) and (iso := absolute(t, published)):
        return iso
    if m := RE_QUALIFIER.match(t) or RE_BOUND.match(t):
        inner = _normalize(t[m.end():], published)
        return inner and DateValue(inner.value, inner.start, inner.end, inner.granularity, m.group(1).lower())
    if m := RE_RANGE.match(t) or RE_TO_RANGE.match(t) or RE_DASH_RANGE.match(t):
        return date_range(m.group(1), m.group(2), published)
    return absolute(t, published) or relative(t, published) or parsed(t, published)


def date_range(left: str, right: str, published: dt.date | None) -> DateValue | None:
    """``start/end`` from two ends; a short right end ("2023-25") borrows the left's century."""
    left, right = left.strip(), right.strip()
    if re.fullmatch(r"\d{2}", right) and re.fullmatch(r"\d{4}", left):
        right = left[:2] + right
    if (year_given := re.search(r"\b\d{4}$", right)) and not re.search(r"\d{4}", left):
        left = f"{left} {year_given.group()}"  # "March to June 2024"
    b = _normalize(right, published)
    a = _normalize(left, published)
    if a is None or b is None or a.value is None or b.value is None or a.start > b.end:
        return None
    return DateValue(f"{a.value}/{b.value}", a.start, b.end, a.granularity, a.qualifier or b.qualifier)


def absolute(t: str, published: dt.date | None) -> DateValue | None:
    """Years, decades, ISO dates, and month names with or without day and year."""
    if m := RE_DECADE.match(t):
        first = int(m.group(1)) * 10
        return DateValue(f"{first}/{first + 9}", dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")
    if (m := RE_YEAR.match(t)) and len(m.group(1)) == 4 and 1800 <= int(m.group(1)) <= 2100:
        return year(int(m.group(1)))
    if m := RE_ISO.match(t):
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        return valid(lambda: day(dt.date(y, mo, int(d))) if d else month(y, mo))
    for pattern, order in ((RE_DMY, "dmy"), (RE_MDY, "mdy")):
        if m := pattern.match(t):
            d, mo = (m.group(1), m.group(2)) if order == "dmy" else (m.group(2), m.group(1))
            mo, d = MONTHS[mo.lower()], int(d)
            if m.group(3):
                return valid(lambda: day(dt.date(int(m.group(3)), mo, d)))
            if published is None:
                return unresolved("day")
            return valid(lambda: day(dt.date(past_year(mo, d, published), mo, d)))
    if (m := RE_PART_OF_YEAR.match(t)) and (count := word_number(m.group(2))) and 1 <= count <= 12:
        y, first = int(m.group(3)), m.group(1).lower() == "first"
        a, b = (month(y, 1), month(y, count)) if first else (month(y, 13 - count), month(y, 12))
        return DateValue(f"{a.value}/{b.value}", a.start, b.end, "month")
    if m := RE_MONTH_RELATIVE.match(t):  # "August last year", "February this year"
        if published is None:
            return unresolved("month")
        return month(published.year + {"last": -1, "this": 0, "next": 1}[m.group(2).lower()], MONTHS[m.group(1).lower()])
    if m := RE_MY.match(t):
        mo = MONTHS[m.group(1).lower()]
        if m.group(2):
            return month(int(m.group(2)), mo)
        if published is None:
            return unresolved("month")
        return month(past_year(mo, 1, published), mo)
    return None


def word_number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def valid(make):
    """The value, or None for an impossible date such as 31 February."""
    try:
        return make()
    except ValueError:
        return None


def relative(t: str, published: dt.date | None) -> DateValue | None:
    """Expressions that need the publication date: "last year", "this month", "on Tuesday", "3 years ago"."""
    m_rel, m_ago, m_week = RE_RELATIVE.match(t), RE_AGO.match(t), RE_WEEKDAY.match(t)
    lower = t.lower()
    if lower in ("today", "yesterday", "tonight", "last night"):
        if published is None:
            return unresolved("day")
        return day(published - dt.timedelta(days=1 if lower in ("yesterday", "last night") else 0))
    if not (m_rel or m_ago or m_week):
        return None
    if published is None:
        unit = m_rel.group(2).lower() if m_rel else (m_ago.group(2).rstrip("s").lower() if m_ago else "day")
        return unresolved({"week": "day"}.get(unit, unit))
    if m_week:
        back = (published.weekday() - WEEKDAYS[m_week.group(2).lower()]) % 7
        return day(published - dt.timedelta(days=back or (7 if m_week.group(1) == "last" else 0)))
    if m_ago:
        count = NUMBER_WORDS.get(m_ago.group(1).lower(), 1) if not m_ago.group(1).isdigit() else int(m_ago.group(1))
        unit = m_ago.group(2).rstrip("s").lower()
        if unit == "year":
            return year(published.year - count)
        if unit == "month":
            index = published.year * 12 + published.month - 1 - count
            return month(index // 12, index % 12 + 1)
        return day(published - dt.timedelta(days=count * (7 if unit == "week" else 1)))
    which, unit, vague = m_rel.group(1).lower(), m_rel.group(2).lower(), m_rel.group(3)
    back = 0 if which == "this" else 1
    if vague or which in ("the past", "the last") and unit == "year":
        start = year_before(published) if unit == "year" else published - dt.timedelta(days=31 if unit == "month" else 7)
        return DateValue(f"{start.isoformat()}/{published.isoformat()}", start, published, "day", "approximate")
    if unit == "year":
        return year(published.year - back)
    if unit == "month":
        index = published.year * 12 + published.month - 1 - back
        return month(index // 12, index % 12 + 1)
    monday = published - dt.timedelta(days=published.weekday() + 7 * back)
    return DateValue(f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", monday,
                     monday + dt.timedelta(days=6), "week")


def parsed(t: str, published: dt.date | None) -> DateValue | None:
    """What dateparser makes of a form the patterns above do not know; its period is the granularity."""
    if published is None or len(t) > 40 or not re.search(r"\b\d{4}\b|\b(?:" + _MONTH + r")\b", t, re.I):
        return None  # without the article's date, never resolve against today
    settings = {**PARSER_SETTINGS, "RELATIVE_BASE": dt.datetime.combine(published, dt.time())}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return year(found.year)
    if data.period == "month":
        return month(found.year, found.month)
    return day(found) if data.period == "day" else None

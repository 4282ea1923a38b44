"""Normalise a date expression against its article's publication date.

``normalize_date("June 10th", published=date(2025, 8, 21))`` gives ``2025-06-10`` at day
granularity. Values are ISO at the text's own granularity (``2025``, ``2025-06``, ``2025-06-10``) or
``start/end`` for what ISO has no plain form for: a range, a week, a quarter ("the third quarter"
-> ``2013-07/2013-09``, granularity "quarter"), a half, a season, a decade (see
:mod:`pipeline.date_values`). A range of years ("2009-2010", "between 2002 and 2006") is one value,
``2009/2010``; a list ("1994, 1995 and 1997") is no range and is split by :mod:`pipeline.normalize`.

A month, day, weekday, quarter or season without a year is placed by the tense of the verb that
governs it (:mod:`pipeline.tense`): the latest one on or before the publication date for the past
and by default (news tells of the past), the next one on or after it for the future ("will meet on
April 7"). "last/this/next" + a unit counts from the publication date ("next year" is the year
after); "a year earlier", "that day", "the following year" count from ``reference``, the last date
the text named (see :mod:`pipeline.date_periods`, which also dates holidays by their rule: "Thanksgiving
Day", "last Christmas"). Relative expressions need the publication date;
without it they stay unresolved (value None), never resolved against today.

Durations ("the past 25 years", "seven weeks", "five years'", "a four-week trial"), ages ("44",
"a 6-year-old") and recurrences ("daily", "each year") are not dates: they give None.
:func:`normalize_date` never raises: an expression that falls outside the calendar of
:mod:`datetime` (years 1 to 9999: "3000 years ago" in a 2024 article, "February 0000") stays
unresolved, and 29 February a year back is 28 February.

The common forms are read with regular expressions; anything else goes to dateparser (English
only, cached), whose reported period gives the granularity. Where rules are written by hand,
dateparser 1.5.0 was measured first: it has no quarters, halves, seasons or reference time, and
resolves a yearless date by one fixed preference, not by the sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from pipeline import date_periods
from pipeline.date_values import (DateValue, century, containing, day, decade, half, month, span_of, with_qualifier,
                                  year, year_before)
from pipeline.date_words import (CUES, MONTH_PATTERN, MONTHS, NUMBER_WORDS, ORDINALS, WEEKDAY_PATTERN, WEEKDAYS,
                                 alternatives, bare)
from pipeline.durations import not_a_date
from pipeline.tense import FUTURE, PAST, PRESENT

#: Leading words that bound a date on one side; kept as the qualifier.
RE_BOUND = re.compile(r"^(since|after|post|before|pre|until|till|by)[\s-]+", re.I)
RE_OR_SO = re.compile(r"\s+or\s+so$", re.I)
RE_SLASH_DAY = re.compile(r"^\d{1,2}/\d{1,2}$")  # "9/11": an event's name, and month/day order is unknown
RE_QUALIFIER = re.compile(r"^(early|mid|late|earlier|later|the end of|the beginning of|the start of|the middle of|"
                          r"end of|beginning of|start of|middle of)[\s-]+", re.I)
RE_RANGE = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)$", re.I)
RE_DAYS_AND = re.compile(rf"^((?:{MONTH_PATTERN})\.?\s+\d{{1,2}})\s+and\s+(\d{{1,2}}(?:,?\s+\d{{4}})?)$", re.I)
RE_DIRECTED = re.compile(r"^(last|next|this coming|coming)\s+(.+)$", re.I)
RE_NAMED_DAY = re.compile(rf"^({WEEKDAY_PATTERN}),?\s+((?:{MONTH_PATTERN})\.?\s+\d{{1,2}}|"
                          rf"\d{{1,2}}\s+(?:{MONTH_PATTERN}))$", re.I)
RE_WEEK_OF = re.compile(r"^(?:the\s+)?week\s+of\s+(.+)$", re.I)
RE_RIGHT_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\b(?!\s*\w)|\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}$")
RE_LEFT_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
RE_DAY_MONTH = re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?\s+((?:{MONTH_PATTERN})\.?)", re.I)
RE_MONTH_WORD = re.compile(rf"\b(?:{MONTH_PATTERN})\b\.?", re.I)
RE_TO_RANGE = re.compile(r"^(.+?)\s+(?:to|until|till|through)\s+(.+)$", re.I)
RE_DASH_RANGE = re.compile(r"^\(?(.+?\d)\s*[-\u2013\u2014/]\s*(\d.*?|[A-Za-z]+\.? \d.*?)\)?$")
RE_YEAR = re.compile(r"^(?:'|\u2019)?(\d{4}|\d{2})s?$")
RE_DECADE = re.compile(r"^(\d{3})0s$")
#: A decade by its last two digits ("the '80s"): the twentieth century's, as news of the 1980s to now writes it.
RE_SHORT_DECADE = re.compile(r"^['\u2019]([1-9])0s$")
RE_CENTURY = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century$|^(?:the\s+)?(\w+(?:-\w+)?)[\s-]+century$",
                        re.I)
RE_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
RE_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
RE_DMY = re.compile(rf"^{RE_DAY}(?:\s+of)?\s+({MONTH_PATTERN})\.?,?(?:\s+(\d{{4}}))?$", re.I)
RE_MDY = re.compile(rf"^(?:(?:{WEEKDAY_PATTERN}),?\s+)?({MONTH_PATTERN})\.?\s+{RE_DAY},?(?:\s+(\d{{4}}))?$", re.I)
RE_MONTH_RELATIVE = re.compile(rf"^({MONTH_PATTERN})\.?,?\s+(last|this|next)\s+year$", re.I)
RE_PART_OF_YEAR = re.compile(r"^(?:the\s+)?(first|last)\s+(\w+)\s+(months|quarters)\s+of\s+(\d{4})$", re.I)
RE_MY = re.compile(rf"^({MONTH_PATTERN})\.?,?(?:\s+(?:of\s+)?(\d{{4}}))?$", re.I)
RE_RELATIVE = re.compile(r"^(?:earlier\s+|later\s+)?(the past|the last)\s+(year|month|week)(\s+or so)?$", re.I)
RE_WEEKDAY = re.compile(r"^(?:(last|this|on|next|early|late|earlier|later|the previous|previous|this coming|"
                        rf"coming)\s+)?({WEEKDAY_PATTERN})(?:\s+(?:{alternatives(CUES.parts_of_day)}))?$", re.I)
PARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


def unresolved(granularity: str) -> DateValue:
    return DateValue(None, None, None, granularity, "unresolved: publication date unknown")


#: What an expression outside the years 1 to 9999 gives (``datetime`` has no other years).
OUT_OF_CALENDAR = DateValue(None, None, None, "vague", "unresolved: outside the calendar (years 1 to 9999)")


def normalize_date(text: str, published: dt.date | None = None, *, tense: str | None = None,
                   reference: DateValue | None = None) -> DateValue | None:
    """The normalised value of one date expression, or None if it is a duration or no date.

    Args:
        text: the expression as written.
        published: the article's date; relative expressions need it.
        tense: "past" or "future" from the governing verb (:func:`pipeline.tense.tense_of`), which
            places a date written without its year; None reads it as the past.
        reference: the last date the text named before this one, from which "a year earlier" and
            "that day" count; None counts from ``published``.

    Never raises: a year outside 1..9999, whether written ("February 0000") or reached by
    arithmetic ("3000 years ago", "last year" in year 1), gives :data:`OUT_OF_CALENDAR`.
    """
    try:
        return _normalize(" ".join(text.split()), published, tense, reference)
    except (ValueError, OverflowError):  # datetime's limits: date(0, 2, 1), date.min - timedelta(1)
        return OUT_OF_CALENDAR


def in_year_of(text: str, anchor: DateValue) -> DateValue | None:
    """A day, month or holiday written without a year ("15 June", "in March", "on Christmas Eve"), in
    a text with no publication date, dated by the last date before it that gives a year (``anchor``:
    "8 June 2014", "in 2014"): the year that puts it inside that date's period, or else nearest to it.
    A narrative goes on in the year it last named (TimeML's anchoring of a partial date to the text's
    reference time). None for any other expression, or an anchor over more than a year."""
    if anchor.start is None or anchor.end is None or anchor.granularity not in ("day", "month", "year"):
        return None
    t = " ".join(bare(text).split())
    make = None
    for pattern, order in ((RE_DMY, "dmy"), (RE_MDY, "mdy")):
        if (m := pattern.match(t)) and not m.group(3):
            d, mo = (m.group(1), m.group(2)) if order == "dmy" else (m.group(2), m.group(1))
            make = (lambda y, mo=MONTHS[mo.lower()], d=int(d): day(dt.date(y, mo, d)))
            break
    else:
        if (m := RE_MY.match(t)) and not m.group(2):
            make = (lambda y, mo=MONTHS[m.group(1).lower()]: month(y, mo))
        elif (m := date_periods.RE_HOLIDAY.match(t)) and not m.group(1) and not m.group(3):
            make = date_periods.HOLIDAYS[m.group(2).lower()]  # "on New Year's Eve" after "in 2016"
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
def _normalize(text: str, published: dt.date | None, tense: str | None = None,
               reference: DateValue | None = None) -> DateValue | None:
    t = bare(text)
    if not t or RE_SLASH_DAY.match(t) or not_a_date(t) or not_a_date(text):
        return None
    if found := date_periods.reference_word(t):
        return found
    if RE_ISO.match(t) and (iso := absolute(t, published, tense)):
        return iso
    if (m := RE_DIRECTED.match(t)) and (RE_DMY.match(m.group(2)) or RE_MDY.match(m.group(2))):
        return absolute(m.group(2), published, PAST if m.group(1).lower() == "last" else FUTURE)
    if (m := RE_NAMED_DAY.match(t)) and (found := by_weekday(m, published)):
        return found
    if found := date_periods.holiday(t, published, tense):
        return found
    if m := RE_WEEK_OF.match(t):
        found = _normalize(m.group(1), published, tense, reference)
        return found and found.start and containing(found.start, "week")
    if m := RE_QUALIFIER.match(t) or RE_BOUND.match(t):
        inner = _normalize(t[m.end():], published, tense, reference)
        return with_qualifier(inner, m.group(1).lower()) if inner and inner.value else inner
    if m := RE_RANGE.match(t) or RE_TO_RANGE.match(t) or RE_DASH_RANGE.match(t) or RE_DAYS_AND.match(t):
        return date_range(m.group(1), m.group(2), published, tense)
    return (absolute(t, published, tense) or told(t, published, tense, reference)
            or parsed(t, published, tense) or roughly(t, published, tense, reference))


def roughly(t: str, published: dt.date | None, tense: str | None, reference: DateValue | None) -> DateValue | None:
    """"the next year or so", "March or so": the date, marked approximate."""
    if not (m := RE_OR_SO.search(t)):
        return None
    inner = _normalize(t[:m.start()], published, tense, reference)
    return with_qualifier(inner, "approximate") if inner and inner.value else None


def date_range(left: str, right: str, published: dt.date | None, tense: str | None = None) -> DateValue | None:
    """``start/end`` from two ends; a short right end ("2023-25") borrows the left's century, a bare
    day the left's month ("April 24-25"), a bare left day the right's month ("24-25 April")."""
    left, right = left.strip(), right.strip()
    if re.fullmatch(r"\d{2}", right) and re.fullmatch(r"\d{4}", left):
        right = left[:2] + right
    if (m := RE_MONTH_WORD.search(left)) and RE_RIGHT_DAY.match(right):
        right = f"{m.group()} {right}"  # "April 24-25", "April 24 and 25, 1999"
    if RE_LEFT_DAY.fullmatch(left) and (m := RE_DAY_MONTH.match(right)):
        left = f"{left} {m.group(1)}"  # "24-25 April"
    if (year_given := re.search(r"\b\d{4}$", right)) and not re.search(r"\d{4}", left):
        left = f"{left} {year_given.group()}"  # "March to June 2024"
    b = _normalize(right, published, tense)
    a = _normalize(left, published, tense)
    if a is not None and b is not None and a.start and b.end and a.start > b.end:
        b = _normalize(right, published, FUTURE)  # "from today until 5 April": the end lies after the start
    if a is None or b is None or a.value is None or b.value is None or a.start > b.end:
        return None
    return span_of(a, b)


def absolute(t: str, published: dt.date | None, tense: str | None = None) -> DateValue | None:
    """Years, decades, centuries, ISO dates, and month names with or without day and year."""
    if m := RE_DECADE.match(t):
        return decade(int(m.group(1)) * 10)
    if m := RE_SHORT_DECADE.match(t):
        return decade(1900 + int(m.group(1)) * 10)
    if (m := RE_YEAR.match(t)) and len(m.group(1)) == 4 and 1800 <= int(m.group(1)) <= 2100:
        return year(int(m.group(1)))
    if (m := RE_CENTURY.match(t)) and (number := century_number(m)):
        return century((number - 1) * 100)
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
            return valid(lambda: date_periods.placed(lambda y: day(dt.date(y, mo, d)), published, tense))
    if m := RE_PART_OF_YEAR.match(t):
        return part_of_year(m)
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
        return date_periods.placed(lambda y: month(y, mo), published, tense)
    return None


def part_of_year(m: re.Match) -> DateValue | None:
    """"the first two months of 2025" (January to February), "the last three quarters of 1990" (April to
    December); two quarters are a half ("the first two quarters of 1990": 1990-H1)."""
    count = word_number(m.group(2))
    per = 3 if m.group(3).lower() == "quarters" else 1
    if count is None or not 1 <= count * per <= 12:
        return None
    y, first = int(m.group(4)), m.group(1).lower() == "first"
    if per == 3 and count == 2:
        return half(y, 1 if first else 2)
    a, b = (month(y, 1), month(y, count * per)) if first else (month(y, 13 - count * per), month(y, 12))
    return DateValue(f"{a.value}/{b.value}", a.start, b.end, "month")


def by_weekday(m: re.Match, published: dt.date | None) -> DateValue | None:
    """"Saturday, April 25" without a year: the year, next to the article's, in which 25 April is a
    Saturday (None when no such year is near, or without a publication date)."""
    if published is None:
        return None
    found = absolute(m.group(2), dt.date(published.year, 7, 1), PAST)
    if found is None or found.start is None:
        return None
    fits = [d for y in (published.year, published.year + 1, published.year - 1)
            if (d := valid(lambda y=y: found.start.replace(year=y))) and d.weekday() == WEEKDAYS[m.group(1).lower()]]
    return day(min(fits, key=lambda d: abs((d - published).days))) if fits else None


def century_number(m: re.Match) -> int | None:
    """20 for "the 20th century" or "the twentieth century"; "this century" is the publication's."""
    if m.group(1):
        return int(m.group(1))
    return ORDINALS.get(m.group(2).lower())


def word_number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def valid(make):
    """The value, or None for an impossible date such as 31 February."""
    try:
        return make()
    except ValueError:
        return None


def told(t: str, published: dt.date | None, tense: str | None, reference: DateValue | None) -> DateValue | None:
    """Expressions that need the publication date: "last year", "next week", "on Tuesday", "3 years
    ago", "the third quarter", "last summer", "this evening", "a year earlier"."""
    if published is None:  # "two days later" still counts from a date the text named
        counted = reference and reference.start and date_periods.from_reference(t, reference.start, reference)
        return counted or (unresolved(unit_of(t)) if needs_a_date(t) else None)
    lower = t.lower()
    if lower in ("yesterday", "last night"):
        return day(published - dt.timedelta(days=1))
    if lower in ("this century", "the current century"):
        return century(published.year // 100 * 100)
    if lower == "weekend":
        return date_periods.the_weekend(published, tense)
    if lower in ("this decade", "the current decade"):
        return decade(published.year // 10 * 10)
    if m := RE_WEEKDAY.match(t):
        return weekday(m, published, tense)
    if m := RE_RELATIVE.match(t):
        return the_past(m, published)
    return (date_periods.unit_relative(t, published) or date_periods.period(t, published, tense)
            or date_periods.month_by_modifier(t, published)
            or date_periods.part_of_day(t, published, reference) or date_periods.ago(t, published, reference)
            or date_periods.reported(t, published, reference, tense)
            or date_periods.from_reference(t, published, reference))


def needs_a_date(t: str) -> bool:
    """Would the expression have a value given the publication date?"""
    return bool(told(t, dt.date(2000, 6, 15), None, None))


def unit_of(t: str) -> str:
    """The granularity an unresolved relative expression would have had."""
    found = told(t, dt.date(2000, 6, 15), None, None)
    return "day" if found.granularity == "week" else found.granularity


def weekday(m: re.Match, published: dt.date, tense: str | None) -> DateValue:
    """"on Tuesday": for the past (and where no verb says) the latest Tuesday on or before the
    article's day; for the future the next one on or after it; for the present the nearest one,
    ahead by up to three days ("the court sits Monday"). "last Tuesday" is never the day itself,
    nor "next Tuesday"; "last Tuesday" is a Tuesday of an earlier week (AP style tells a day of the
    same week by its name alone)."""
    which, target = (m.group(1) or "").lower(), WEEKDAYS[m.group(2).lower()]
    which = {"the previous": "last", "previous": "last", "this coming": "next", "coming": "next"}.get(which, which)
    ahead, back = (target - published.weekday()) % 7, (published.weekday() - target) % 7
    if which == "next" or (tense == FUTURE and which != "last"):
        found = day(published + dt.timedelta(days=ahead or (7 if which == "next" else 0)))
    elif tense == PRESENT and which != "last" and 0 < ahead <= 3:
        found = day(published + dt.timedelta(days=ahead))
    else:
        back = back or (7 if which == "last" else 0)
        if which == "last" and back <= published.weekday():
            back += 7  # "last Friday" in a Saturday's paper: the week before's (that Friday is "on Friday")
        found = day(published - dt.timedelta(days=back))
    return with_qualifier(found, which if which in ("early", "late", "earlier", "later") else None)


def the_past(m: re.Match, published: dt.date) -> DateValue:
    """"the past year", "the last month or so": the span up to the article's day, approximate;
    "the last month": the one before the article's."""
    unit, vague = m.group(2).lower(), m.group(3)
    if vague or unit == "year":
        start = year_before(published) if unit == "year" else published - dt.timedelta(days=31 if unit == "month" else 7)
        return DateValue(f"{start.isoformat()}/{published.isoformat()}", start, published, "day", "approximate")
    return date_periods.unit_relative(f"last {unit}", published)


def parsed(t: str, published: dt.date | None, tense: str | None = None) -> DateValue | None:
    """What dateparser makes of a form the patterns above do not know; its period is the granularity."""
    if published is None or len(t) > 40 or not re.search(r"\b\d{4}\b|\b(?:" + MONTH_PATTERN + r")\b", t, re.I):
        return None  # without the article's date, never resolve against today
    settings = {**PARSER_SETTINGS, "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
                "PREFER_DATES_FROM": "future" if tense == FUTURE else "past"}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if not re.search(r"\b\d{4}\b", t) and abs(found.year - published.year) > 1:
        return None  # a year it made up: "April 24 and 25" read as 1925
    if data.period == "year":
        return year(found.year)
    if data.period == "month":
        return month(found.year, found.month)
    return day(found) if data.period == "day" else None

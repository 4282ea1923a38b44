"""The values a date expression normalises to, and the calendar arithmetic behind them.

A :class:`DateValue` is ISO at its granularity (``2013``, ``2013-03``, ``2013-03-22``) or
``start/end`` for anything wider or longer that ISO 8601 has no plain form for: a week
(``2013-03-18/2013-03-24``), a quarter (``2013-07/2013-09``), a half (``2013-01/2013-06``), a
season (``2012-06/2012-08``), a decade (``1990/1999``), a range (``2009/2010``). ``granularity``
says which ("quarter", "season" ...), so a reader never has to guess from the value's shape.

Seasons are the meteorological ones of the northern hemisphere (summer June to August, winter
December to February, dated by the year its December falls in): TimeML's ``2012-SU`` and
``2012-WI`` read the same way.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from pipeline.date_words import CUES


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ``value`` at its granularity (None when unresolved)."""

    value: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str
    qualifier: str | None = None


#: First month of each season; winter runs into the next year (``seasons`` of configs/dates.yml).
SEASONS = dict(CUES.seasons)


def day(date: dt.date) -> DateValue:
    return DateValue(date.isoformat(), date, date, "day")


def month(year_number: int, number: int) -> DateValue:
    last = calendar.monthrange(year_number, number)[1]
    return DateValue(f"{year_number:04d}-{number:02d}", dt.date(year_number, number, 1),
                     dt.date(year_number, number, last), "month")


def year(number: int) -> DateValue:
    return DateValue(f"{number:04d}", dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def months(year_number: int, first: int, count: int, granularity: str) -> DateValue:
    """``count`` months from ``first`` of ``year_number`` as ``start/end`` months (they may run into
    the next year): a quarter, a half, a season."""
    index = year_number * 12 + first - 1
    a, b = month(index // 12, index % 12 + 1), month((index + count - 1) // 12, (index + count - 1) % 12 + 1)
    return DateValue(f"{a.value}/{b.value}", a.start, b.end, granularity)


def quarter(year_number: int, number: int) -> DateValue:
    return months(year_number, 3 * number - 2, 3, "quarter")


def half(year_number: int, number: int) -> DateValue:
    return months(year_number, 6 * number - 5, 6, "half")


def season(year_number: int, name: str) -> DateValue:
    return months(year_number, SEASONS[name], 3, "season")


def week(monday: dt.date) -> DateValue:
    sunday = monday + dt.timedelta(days=6)
    return DateValue(f"{monday.isoformat()}/{sunday.isoformat()}", monday, sunday, "week")


def decade(first: int) -> DateValue:
    return DateValue(f"{first}/{first + 9}", dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")


def century(first: int) -> DateValue:
    """The hundred years from ``first`` (1900 for "the 20th century", as TimeML's ``19``)."""
    return DateValue(f"{first}/{first + 99}", dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "century")


def containing(date: dt.date, unit: str) -> DateValue:
    """The day, week, month, quarter or year that holds ``date``."""
    makers = {"day": day, "week": lambda d: week(d - dt.timedelta(days=d.weekday())),
              "month": lambda d: month(d.year, d.month), "year": lambda d: year(d.year),
              "quarter": lambda d: quarter(d.year, (d.month - 1) // 3 + 1),
              "half": lambda d: half(d.year, (d.month - 1) // 6 + 1)}
    return makers[unit](date)


def span_of(a: DateValue, b: DateValue) -> DateValue:
    """``a`` to ``b`` as one ``start/end`` value at ``a``'s granularity."""
    return DateValue(f"{a.value}/{b.value}", a.start, b.end, a.granularity, a.qualifier or b.qualifier)


def with_qualifier(found: DateValue | None, qualifier: str | None) -> DateValue | None:
    if found is None or qualifier is None:
        return found
    return DateValue(found.value, found.start, found.end, found.granularity, qualifier)


def shift_months(date: dt.date, count: int) -> dt.date:
    """The same day ``count`` months on (or back); a day the month lacks becomes its last day."""
    index = date.year * 12 + date.month - 1 + count
    y, m = index // 12, index % 12 + 1
    return date.replace(year=y, month=m, day=min(date.day, calendar.monthrange(y, m)[1]))


def year_before(date: dt.date) -> dt.date:
    """The same day a year earlier; 29 February gives 28 February (the other year has none)."""
    return shift_months(date, -12)


def shifted(found: DateValue, unit: str, count: int) -> DateValue | None:
    """``found`` moved by ``count`` units ("a year earlier" than 1989-Q3 is 1988-Q3), keeping its
    granularity; None for a value with no plain shape to move (a range, a decade)."""
    if found.start is None:
        return None
    days = {"day": 1, "week": 7}.get(unit)
    step = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
    if days is None and step is None:
        return None
    move = (lambda d: d + dt.timedelta(days=days * count)) if days else (lambda d: shift_months(d, step * count))
    if found.granularity not in ("day", "week", "month", "quarter", "half", "year"):
        return None
    return containing(move(found.start), found.granularity)

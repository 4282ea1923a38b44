"""Date expressions told against the article's date or an earlier date in the text.

- parts of a year: quarters ("the third quarter", "Q3 2012", "third-quarter"), halves ("the first
  half of 2012"), seasons ("last summer", "the winter of 1994");
- "last/this/next" + a unit ("next year", "last quarter", "this week"), "last June", "this fall";
- parts of a day ("this evening", "last night", "tomorrow morning"): the day they fall on;
- holidays by their rule ("Thanksgiving Day", "last Christmas", "Easter week", "Election Day");
- spans counted back from the article's date ("three years ago", "six weeks ago") or from the last
  date the text named, TimeML's reference time ("a year earlier", "two days later", "the following
  year", "that day", "later that year");
- words that point at the present, the past or the future without a date ("now", "currently",
  "recently", "the future"): a row with no value whose qualifier says which, as TimeML's
  ``PRESENT_REF``, ``PAST_REF`` and ``FUTURE_REF``.

Written by hand where the library falls short: dateparser 1.5.0 (measured with ``RELATIVE_BASE``
2013-03-22) returns nothing for "the third quarter", "the first half", "last summer", "last June"
and "a year earlier", and resolves "April 7" and "Tuesday" by one fixed preference, not by the
sentence. What each form means follows the TimeML guidelines (TimeML 1.2.1, TIMEX3) and
HeidelTime's English news rules; they were tuned on TempEval-3's TBAQ-cleaned corpus.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import easter

from pipeline.date_words import CUES, FULL_MONTHS, WEEKDAYS, HolidayRule, alternatives
from pipeline.date_values import SEASONS, DateValue, containing, day, half, month, quarter, season, shifted, year
from pipeline.tense import FUTURE, PAST, PRESENT

#: The cue tables of configs/dates.yml (``period_numbers``, ``counts``, ``parts_of_day``).
PERIOD_NUMBERS = dict(CUES.period_numbers)
COUNTS = dict(CUES.counts)
_PART_OF_DAY = alternatives(CUES.parts_of_day)
_COUNT = r"\d+|" + "|".join(COUNTS)
_SEASON = "|".join(SEASONS)
_MODIFIER = r"last|this|next|this past|the previous|the current|the latest|the most recent|the coming|the past|" \
            r"the same|(?:the )?year-earlier|(?:the )?year-ago|this year's|last year's|next year's|the|a|its|their"

RE_PERIOD = re.compile(rf"^(?:({_MODIFIER})\s+)?(?:fiscal[\s-]+)?(?:(\d{{4}})(?:'s)?\s+)?"
                       r"(first|1st|second|2nd|third|3rd|"
                       r"fourth|4th|final|last)[\s-]+(?:fiscal[\s-]+)?(quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?"
                       r"(\d{4}))?$", re.I)
RE_Q = re.compile(r"^(?:the\s+)?Q([1-4])(?:\s+|\s*of\s+|[\s-]*')(\d{4}|\d{2})$", re.I)
RE_SEASON = re.compile(rf"^(?:({_MODIFIER})\s+)?({_SEASON})(?:\s+(?:of\s+)?(\d{{4}}))?$", re.I)
RE_UNIT = re.compile(r"^(last|this|next|the current|the coming|current)\s+"
                     r"(year|month|week|quarter|weekend|decade|century)$", re.I)
RE_PART_OF_DAY = re.compile(r"^(this|yesterday|tomorrow|today|last|that|(?:the\s+)?(?:next|following|previous))\s+"
                            rf"({_PART_OF_DAY})$", re.I)
RE_AGO = re.compile(rf"^(?:(about|nearly|almost|some|just|only|roughly|around|more than|less than|over)\s+)?"
                    rf"({_COUNT}|several|a few|a couple of)\s+(day|week|month|quarter|year|decade)s?"
                    r"(?:\s+or\s+so)?\s+ago$", re.I)
RE_SHIFT = re.compile(rf"^(?:(about|nearly|almost|some|just|only|roughly|around)\s+)?({_COUNT})\s+"
                      r"(day|week|month|quarter|year|decade)s?\s+(earlier|later|before|after|previously)$", re.I)
RE_THE_UNIT = re.compile(r"^(?:the\s+)?(previous|following|next|same|preceding|prior)\s+(day|week|month|quarter|year)$"
                         r"|^(?:the\s+)?(day|week|month|year)\s+(before|after|earlier)$", re.I)
RE_THAT = re.compile(r"^(?:(earlier|later)\s+)?(?:that|the same)\s+(day|morning|afternoon|evening|night|week|month|"
                     r"year|quarter)$", re.I)
RE_FISCAL = re.compile(r"^fiscal\s+(?:year\s+)?(\d{4})$", re.I)
RE_THE_YEAR = re.compile(r"^(?:the\s+)?(?:current\s+|full\s+|fiscal\s+|same\s+)*(?:fiscal\s+)?year$", re.I)
RE_YEAR_END = re.compile(r"^(?:the\s+)?(?:year[\s-]end|year's end|end of the year)$", re.I)
RE_THE_MONTH = re.compile(r"^(?:the\s+)?(?:current\s+)?(month|week)$", re.I)
RE_THE_QUARTER = re.compile(r"^(?:the\s+)?(latest|most recent|recent|current|this|that|same|fiscal)?\s*(?:fiscal\s+)?"
                            r"(quarter|period|three months)$", re.I)
RE_YEAR_AGO = re.compile(r"^(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year-ago|year-earlier|"
                         r"last year's|prior-year|previous year's)(?:\s+(?:quarter|period|three months))?$|"
                         r"^(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:quarter|period)\s+(?:a year ago|"
                         r"last year|a year earlier)$|^(?:the\s+)?(\d{4})\s+(?:quarter|period)$", re.I)
RE_MONTH_MODIFIER = re.compile(r"^(last|this|next|this past)\s+(\w+)\.?$", re.I)
#: Words for the present, the past and the future with no date (TimeML's PRESENT_REF and the rest;
#: ``references`` of configs/dates.yml).
REFERENCES = dict(CUES.references)
#: "future quarters", "future years": times ahead with no count, never a length (TimeML's FUTURE_REF).
RE_FUTURE_UNITS = re.compile(r"^future\s+(?:days|weeks|months|quarters|years|decades)$", re.I)
VAGUE_COUNTS = tuple(CUES.vague_counts)


def nth_weekday(y: int, month_number: int, weekday: int, n: int) -> dt.date:
    """The ``n``th ``weekday`` (Monday 0) of a month: the fourth Thursday of November."""
    first = dt.date(y, month_number, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def holiday_rule(rule: HolidayRule) -> Callable[[int], DateValue]:
    """The function that dates a holiday of configs/dates.yml in a given year."""
    def dated(y: int) -> DateValue:
        if rule.easter is not None:
            found = easter(y) + dt.timedelta(days=rule.easter)
        elif rule.weekday is not None:
            found = nth_weekday(y, rule.month, WEEKDAYS[rule.weekday], rule.nth)
        else:
            found = dt.date(y, rule.month, rule.day)
        found += dt.timedelta(days=rule.shift)
        return containing(found, "week") if rule.whole == "week" else day(found)
    return dated


#: Holidays by the rule that dates them in a given year (``holidays`` of configs/dates.yml).
HOLIDAYS = {name: holiday_rule(rule) for name, rule in CUES.holidays.items()}
RE_HOLIDAY = re.compile(rf"^(?:(last|this|next|this past|the coming)\s+)?({alternatives(list(HOLIDAYS))})"
                        r"(?:,?\s+(\d{4}))?$", re.I)


def holiday(t: str, published: dt.date | None, tense: str | None) -> DateValue | None:
    """"Christmas Day", "last Thanksgiving", "Easter 2014", "on Election Day": the holiday in the year
    given, else the one its modifier or the tense points to."""
    m = RE_HOLIDAY.match(t.replace("\u2019", "'"))
    if m is None:
        return None
    make = HOLIDAYS[m.group(2).lower()]
    if m.group(3):
        return make(int(m.group(3)))
    if published is None:
        return DateValue(None, None, None, "day", "unresolved: publication date unknown")
    modifier = (m.group(1) or "").lower()
    if modifier in ("last", "this past"):
        return next((v for v in (make(published.year), make(published.year - 1)) if v.end < published), None)
    return by_modifier(make, modifier, published, tense)


def reference_word(t: str) -> DateValue | None:
    """"now" -> a row with no value and qualifier "vague: the present" (likewise past, future)."""
    which = REFERENCES.get(t.lower()) or ("future" if RE_FUTURE_UNITS.match(t) else None)
    return DateValue(None, None, None, "vague", f"vague: the {which}") if which else None


def placed(make, published: dt.date, tense: str | None) -> DateValue | None:
    """The occurrence of a date written without its year (``make(year)``) that the tense points to:
    for the future the next one ending on or after ``published``; for the present (a present or
    modal verb: "the court sits on 3 May", "must leave by 9 June") the one nearest to it; for the
    past, and where no verb says (news tells of the past), the latest one starting on or before it.
    On TBAQ-cleaned, the nearest one for the present got 3 points more values right than the past."""
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(make(y))
        except ValueError:  # 29 February in a year without one
            continue
    if tense == FUTURE:
        found = next((v for v in options if v.end >= published), None)
    elif tense == PRESENT:
        found = min(options, key=lambda v: max((v.start - published).days, (published - v.end).days, 0), default=None)
    else:
        found = next((v for v in reversed(options) if v.start <= published), None)
    if found is None and not 1 < published.year < 9999:
        raise ValueError("the occurrence falls outside the calendar")  # "in December" of year 1
    return found


def latest_ended(make, published: dt.date) -> DateValue | None:
    """"last June", "last summer": the latest one over before the article's month."""
    options = [make(y) for y in (published.year - 2, published.year - 1, published.year)]
    return next((v for v in reversed(options) if v.end < published.replace(day=1)), None)


def next_started(make, published: dt.date) -> DateValue | None:
    """"next June", "next summer": the first one to begin after the article's month."""
    options = [make(y) for y in (published.year, published.year + 1, published.year + 2)]
    last_of_month = month(published.year, published.month).end
    return next((v for v in options if v.start > last_of_month), None)


def by_modifier(make, modifier: str | None, published: dt.date, tense: str | None) -> DateValue | None:
    """A month, quarter, half or season without a year, placed by its modifier or else by tense."""
    modifier = (modifier or "").lower()
    if modifier in ("this past", "the previous", "the past", "the latest", "the most recent"):
        return latest_ended(make, published)
    if modifier in ("next", "the coming"):
        return next_started(make, published)
    if modifier in ("this", "the current", "this year's"):
        return make(published.year)
    if modifier == "last year's":
        return make(published.year - 1)
    if modifier == "next year's":
        return make(published.year + 1)
    if modifier.endswith(("year-earlier", "year-ago")):
        found = placed(make, published, PAST)
        return found and shifted(found, "year", -1)
    return placed(make, published, tense)


def period(t: str, published: dt.date | None, tense: str | None) -> DateValue | None:
    """Quarters, halves and seasons: "the third quarter", "Q3 2012", "last summer", "the first half of 2012"."""
    if m := RE_Q.match(t):
        y = int(m.group(2)) if len(m.group(2)) == 4 else 2000 + int(m.group(2))
        return quarter(y, int(m.group(1)))
    if m := RE_PERIOD.match(t):
        modifier, year_before, which, kind, year_after = m.groups()
        number = PERIOD_NUMBERS[which.lower()] if kind.lower() == "quarter" else min(PERIOD_NUMBERS[which.lower()], 2)
        make = (lambda y: quarter(y, number)) if kind.lower() == "quarter" else (lambda y: half(y, number))
        given = year_before or year_after
        if given:
            return make(int(given))
        if modifier and modifier.lower() == "last":
            return latest_ended(make, published) if published else None
        # a quarter is told of after it ends ("plans to publish its third-quarter results" in October:
        # the quarter just over): a future verb does not place it; the nearest one is taken
        return by_modifier(make, modifier, published, tense if tense == PAST else PRESENT) if published else None
    if m := RE_SEASON.match(t):
        modifier, name, given = m.groups()
        make = lambda y: season(y, name.lower())  # noqa: E731
        if given:
            return make(int(given))
        if published and (modifier or "").lower() == "last":  # the one before the latest: "last spring" in October
            return next((v for v in (make(published.year - 1), make(published.year - 2)) if v.end < published), None)
        return by_modifier(make, modifier, published, tense) if published else None
    return None


def month_by_modifier(t: str, published: dt.date | None) -> DateValue | None:
    """"last June" (the latest one over before the article's month), "this September", "next March"."""
    m = RE_MONTH_MODIFIER.match(t)
    if not m or m.group(2).lower() not in FULL_MONTHS or published is None:
        return None
    number = FULL_MONTHS[m.group(2).lower()]
    which = m.group(1).lower()
    make = lambda y: month(y, number)  # noqa: E731
    if which in ("last", "this past"):
        return latest_ended(make, published)
    return by_modifier(make, which, published, None)


def unit_relative(t: str, published: dt.date) -> DateValue | None:
    """"next year" (the future: the year after), "last quarter", "this week", "the coming month"."""
    m = RE_UNIT.match(t)
    if m is None:
        return None
    which, unit = m.group(1).lower(), m.group(2).lower()
    step = {"last": -1, "next": 1, "the coming": 1}.get(which, 0)
    if unit == "weekend":
        return weekend(published, step)
    if unit in ("decade", "century"):
        return None  # "the next decade" is a span of time; "this century" is read by the caller
    return at_unit(day(published), unit, step)


def weekend(published: dt.date, step: int) -> DateValue:
    """The Saturday and Sunday of the article's week, moved ``step`` weeks ("last weekend" -1)."""
    saturday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=5 + 7 * step)
    sunday = saturday + dt.timedelta(days=1)
    return DateValue(f"{saturday.isoformat()}/{sunday.isoformat()}", saturday, sunday, "weekend")


def the_weekend(published: dt.date, tense: str | None) -> DateValue:
    """"over the weekend": the last one begun by the article's day, or for the future the next one."""
    this = weekend(published, 0)
    if tense == FUTURE:
        return this
    return this if this.start <= published else weekend(published, -1)


def part_of_day(t: str, published: dt.date, reference: DateValue | None) -> DateValue | None:
    """"this evening" -> the article's day; "last night", "yesterday morning" -> the day before;
    "tomorrow morning" -> the day after; "that morning", "the next morning" -> from the reference."""
    lower = t.lower()
    if lower in ("tonight", "this evening", "this morning", "this afternoon", "today"):
        return day(published)
    if lower in ("tomorrow",):
        return day(published + dt.timedelta(days=1))
    m = RE_PART_OF_DAY.match(t)
    if m is None:
        return None
    which = m.group(1).lower()
    if which in ("this", "today"):
        return day(published)
    if which in ("yesterday", "last"):
        return day(published - dt.timedelta(days=1))
    if which == "tomorrow":
        return day(published + dt.timedelta(days=1))
    base = reference if reference is not None and reference.granularity == "day" else day(published)
    step = {"that": 0, "next": 1, "following": 1, "previous": -1}[which.split()[-1]]
    return shifted(base, "day", step)


def ago(t: str, published: dt.date, reference: DateValue | None = None) -> DateValue | None:
    """"three years ago" -> the year three before the article's; "six weeks ago" -> that week. In a
    report on a quarter, "a year ago" is that quarter a year back (as TimeBank's annotators read it)."""
    m = RE_AGO.match(t)
    if m is None:
        return None
    approx, count, unit = m.group(1), m.group(2).lower(), m.group(3).lower()
    if count in VAGUE_COUNTS:
        return DateValue(None, None, None, "vague", "vague: the past")
    n = int(count) if count.isdigit() else COUNTS[count]
    if unit == "decade":
        unit, n = "year", n * 10
    if unit == "year" and reference is not None and reference.granularity in ("quarter", "half"):
        return shifted(reference, "year", -n)
    found = at_unit(day(published), unit, -n)
    if found is not None and approx:
        return DateValue(found.value, found.start, found.end, found.granularity, "approximate")
    return found


def reported(t: str, published: dt.date, reference: DateValue | None, tense: str | None = None) -> DateValue | None:
    """A company report's periods: "fiscal 1989" (the year), "the fiscal year" and "the full year"
    (the year told of), "the quarter", "the latest period" (the quarter told of, else the last one
    ended), "the year-ago quarter", "year-earlier", "the 1988 quarter" (that quarter a year back)."""
    if m := RE_FISCAL.match(t):
        return year(int(m.group(1)))
    if RE_THE_YEAR.match(t):
        return year(published.year)
    if m := RE_YEAR_END.match(t):
        return placed(lambda y: day(dt.date(y, 12, 31)), published, tense)
    if m := RE_THE_MONTH.match(t):
        return containing(published, m.group(1).lower())
    told_of = reference if reference is not None and reference.start is not None else None
    quarter_told = told_of if told_of is not None and told_of.granularity in ("quarter", "half") else None
    if m := RE_THE_QUARTER.match(t):
        which, noun = (m.group(1) or "").lower(), m.group(2).lower()
        if quarter_told and which not in ("latest", "most recent", "recent"):
            return quarter_told
        if which in ("this", "current") and noun == "quarter":
            return containing(published, "quarter")
        if which in ("latest", "most recent", "recent", "fiscal") or (noun == "quarter" and not which):
            return last_quarter_ended(published)
        return None  # "the same period" with no quarter told of before it
    if m := RE_YEAR_AGO.match(t):
        base = quarter_told or last_quarter_ended(published)
        if m.group(1):
            return quarter(int(m.group(1)), (base.start.month - 1) // 3 + 1)
        return shifted(base, "year", -1)
    return None


def last_quarter_ended(published: dt.date) -> DateValue:
    return at_unit(day(published), "quarter", -1)


#: From finest to coarsest: a date counts "two days later" only from a day, "a month later" from a
#: day or a month.
FINENESS = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 4, "season": 4, "year": 5,
            "decade": 6, "century": 7}


def from_reference(t: str, published: dt.date, reference: DateValue | None) -> DateValue | None:
    """"a year earlier", "two days later", "the following year", "that day", "later that year": told
    from the last date the text named, or from the article's day when it named none. None when the
    date named is coarser than the step ("the following day" after "in May 2017")."""
    counted = counted_step(t)
    if counted is None:
        return None
    unit, step, qualifier, whole = counted
    if reference is None or reference.start is None:
        base = day(published)
    elif FINENESS.get(reference.granularity, 9) <= FINENESS[unit]:
        base = reference
    else:
        return None
    found = at_unit(base, unit, step) if whole else shifted(base, unit, step)
    return found and DateValue(found.value, found.start, found.end, found.granularity, qualifier)


def counted_step(t: str) -> tuple[str, int, str | None, bool] | None:
    """The unit, the number of units and the qualifier of a date counted from another, and whether
    it is that whole unit ("the following year": 1997 from 1996-05-02) or the date moved ("a year
    earlier": 1995-05-02)."""
    if m := RE_SHIFT.match(t):
        count, unit, way = m.group(2).lower(), m.group(3).lower(), m.group(4).lower()
        n = int(count) if count.isdigit() else COUNTS[count]
        if unit == "decade":
            unit, n = "year", n * 10
        return unit, -n if way in ("earlier", "before", "previously") else n, None, False
    if m := RE_THE_UNIT.match(t):
        which, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        step = {"previous": -1, "preceding": -1, "prior": -1, "before": -1, "earlier": -1, "same": 0}
        return unit.lower(), step.get(which.lower(), 1), None, True
    if m := RE_THAT.match(t):
        unit = m.group(2).lower()
        unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
        return unit, 0, m.group(1).lower() if m.group(1) else None, True
    return None


def at_unit(base: DateValue, unit: str, step: int) -> DateValue | None:
    """The ``unit`` holding ``base``'s start, moved ``step`` units: "the following year" of 1996-05-02
    is 1997."""
    here = containing(base.start, unit)
    return shifted(here, unit, step) if step else here

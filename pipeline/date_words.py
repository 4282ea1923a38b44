"""The words date expressions are made of, and the clean-up every date module does first.

Month and weekday names (English, from :mod:`calendar`), and the cue words of every date module, read
once from ``configs/dates.yml`` (:data:`CUES`, validated by :class:`DateCues`): small number words, the
leading words a date is stripped of ("on", "the", "its", "sometime"), and years written in words as
broadcast transcripts write them ("nineteen ninety-four", "the year two thousand", "the nineties"),
which dateparser 1.5.0 does not read. The cues are the package's copy of ``configs/`` (in a checkout, a
link to the repository's): the date functions are called without a run's settings, so a cue word is
changed by editing that file; a run's own ``dates.yml`` is validated by :mod:`pipeline.config` like
every config file.
"""
from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


def _lower_word(text: str) -> str:
    if not text.strip() or text != text.strip() or text != text.lower():
        raise ValueError("a cue word must be lower case, with no blank around it")
    return text


Cue = Annotated[str, AfterValidator(_lower_word)]
Cues = Annotated[list[Cue], Field(min_length=1)]
MonthNumber = Annotated[int, Field(ge=1, le=12)]


class HolidayRule(BaseModel):
    """How a holiday is dated in a given year: a fixed day (``month`` and ``day``), the ``nth`` ``weekday``
    of a month, or a number of days from Easter Sunday (``easter``); ``shift`` days after that, and
    ``whole: week`` for the week it falls in."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    month: MonthNumber | None = None
    day: Annotated[int, Field(ge=1, le=31)] | None = None
    weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] | None = None
    nth: Annotated[int, Field(ge=1, le=5)] | None = None
    easter: Annotated[int, Field(ge=-100, le=100)] | None = None
    shift: Annotated[int, Field(ge=-31, le=31)] = 0
    whole: Literal["day", "week"] = "day"

    @model_validator(mode="after")
    def _one_kind(self) -> HolidayRule:
        kinds = [self.month is not None and self.day is not None and self.weekday is None and self.nth is None,
                 self.month is not None and self.weekday is not None and self.nth is not None and self.day is None,
                 self.easter is not None and self.month is None and self.day is None and self.weekday is None]
        if kinds.count(True) != 1:
            raise ValueError("a holiday is 'month' and 'day', or 'month', 'weekday' and 'nth', or 'easter'")
        return self


class DateCues(BaseModel):
    """``configs/dates.yml``: the cue words of the date modules; each key is described in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    extra_month_abbreviations: dict[Cue, MonthNumber]
    number_words: Cues
    tens: dict[Cue, Annotated[int, Field(ge=20, le=90, multiple_of=10)]]
    ordinals: Cues
    unit_words: Cues
    time_words: Cues
    lead_words: Cues
    seasons: dict[Cue, MonthNumber]
    parts_of_day: Cues
    period_numbers: dict[Cue, Annotated[int, Field(ge=1, le=4)]]
    counts: dict[Cue, Annotated[int, Field(ge=1)]]
    vague_counts: Cues
    references: dict[Cue, Literal["present", "past", "future"]]
    reference_words: Cues
    shift_words: Cues
    unit_lemmas: Cues
    period_ordinals: Cues
    anchor_words: Cues
    recurrence_words: Cues
    holidays: Annotated[dict[Cue, HolidayRule], Field(min_length=1)]
    future_auxiliaries: Cues
    future_heads: Cues
    future_own: Cues
    future_words: Cues
    deadline_words: Cues
    past_nouns: Cues
    until_reach: int = Field(ge=0, le=20)
    max_climb: int = Field(ge=1, le=20)


#: The cue file the date modules read: the package's copy of ``configs/dates.yml``.
CUES_FILE = Path(__file__).parent / "configs" / "dates.yml"


def read_cues(path: Path) -> DateCues:
    """The cues of one ``dates.yml`` (``yaml.safe_load``; :mod:`pipeline.config` reports a bad file)."""
    return DateCues.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


CUES = read_cues(CUES_FILE)


def alternatives(words: list[str]) -> str:
    """The words as one regular-expression alternation, in their order, each escaped (so "c." is literal)."""
    return "|".join(map(re.escape, words))


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS |= dict(CUES.extra_month_abbreviations)
#: Month names that cannot be taken for another word ("mar", "jun", "dec" can).
FULL_MONTHS = {name: number for name, number in MONTHS.items() if len(name) > 3 or name == "may"}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {w: i for i, w in enumerate(CUES.number_words)}
TENS = dict(CUES.tens)
DECADE_WORDS = {f"{word[:-1]}ies": tens for word, tens in TENS.items()}
#: Ordinals up to the 21st, for centuries ("the twentieth century").
ORDINALS = {w: i for i, w in enumerate(CUES.ordinals)}
#: Units of the calendar, which alone ("the day", "his year") name no date.
UNIT_WORDS = frozenset(CUES.unit_words)
#: Words of time: a date expression holds one of these or a number ("Olympic" or a surname that the
#: small model labels DATE holds none).
TIME_WORDS = frozenset({*MONTHS, *WEEKDAYS, *UNIT_WORDS, *CUES.time_words})
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(WEEKDAYS)

#: Words in front of a date that are not part of its value.
RE_LEAD = re.compile(rf"^(?:{alternatives(CUES.lead_words)}|the(?!\s+(?:last|past)\b)|"
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

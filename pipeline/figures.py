"""Normalise a figure: a count, an amount of money, a percentage, a range, a vague amount.

``normalize_figure("about 4,000-6,000")`` gives low 4000, high 6000, qualifier ``approximately``;
``"$33 billion"`` gives 3.3e10 with unit USD; ``"Rs 5 crore"`` 5e7 PKR; ``"dozens"`` 12, qualifier
``vague`` (values from configs/figures.yml). The counted noun (``fighters``) comes from the
sentence, in :mod:`pipeline.normalize`; here ``unit`` is set only for money and percentages.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "million": 1e6,
          "m": 1e6, "mn": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12, "dozen": 12}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "a dozen": 12, "dozen": 12, "half a dozen": 6, "a hundred": 100, "a thousand": 1000, "a couple of": 2,
          "a pair of": 2, "single": 1, "a score of": 20, "score": 20}
QUALIFIERS = [("at least", "at least"), ("more than", "more than"), ("over", "more than"), ("upwards of", "more than"),
              ("in excess of", "more than"), ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
              ("about", "approximately"), ("around", "approximately"), ("approximately", "approximately"),
              ("roughly", "approximately"), ("some", "approximately"), ("an estimated", "approximately"),
              ("estimated", "approximately"), ("up to", "at most"), ("as many as", "at most"),
              ("less than", "less than"), ("fewer than", "less than"), ("under", "less than"),
              ("at most", "at most"), ("only", None), ("just", None), ("all", None), ("another", None),
              ("a further", None), ("the", None)]
RE_QUALIFIER = re.compile(r"^(" + "|".join(re.escape(q) for q, _ in QUALIFIERS) + r")\s+", re.I)
RE_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
RE_PERCENT = re.compile(r"\s*(%|per\s*cent|percent|pc)\s*$", re.I)
RE_MEASURE = re.compile(r"^(.*\d)\s+([A-Za-z]+)$")
RE_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
RE_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s*(?:-|\u2013|\u2014|to|and|or)\s*(.+)$", re.I)


def _lower_words(words: str) -> str:
    if not words.strip() or words != words.lower():  # figures are looked up lower-cased
        raise ValueError("the words must be lower case and not blank")
    return words


def _currency_word(word: str) -> str:
    if not word.strip():  # an empty sign would stand before every number
        raise ValueError("a currency word or sign must not be blank")
    return word


def _currency_code(code: str) -> str:
    if not RE_CURRENCY_CODE.fullmatch(code):
        raise ValueError("a currency code is an ISO 4217 code: three capital letters, like USD")
    return code


class FigureSettings(BaseModel):
    """``configs/figures.yml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vague: dict[Annotated[str, AfterValidator(_lower_words)],
                Annotated[float, Field(ge=0, allow_inf_nan=False)]] = Field(default_factory=dict)
    currencies: dict[Annotated[str, AfterValidator(_currency_word)],
                     Annotated[str, AfterValidator(_currency_code)]] = Field(default_factory=dict)


@dataclass(frozen=True)
class FigureValue:
    """A figure's value; for a range, ``value`` is the midpoint of ``low`` and ``high``."""

    value: float
    low: float
    high: float
    unit: str | None = None
    qualifier: str | None = None


#: More people than live on Earth: a larger "killed" or "wounded" figure is no toll (and would
#: overflow the events' int64 columns); it stays a row of ``figures``, whose values are floats.
MAX_TOLL = 10**10


def toll(value: float) -> int | None:
    """A figure as a count of people: None when it is not finite, negative or over :data:`MAX_TOLL`."""
    return int(value) if math.isfinite(value) and 0 <= value <= MAX_TOLL else None


def normalize_figure(text: str, settings: FigureSettings) -> FigureValue | None:
    """The value of one figure expression, or None if it holds no number."""
    return _normalize(" ".join(text.split()), tuple(settings.vague.items()), tuple(settings.currencies.items()))


@lru_cache(maxsize=16384)
def _normalize(text: str, vague: tuple, currencies: tuple) -> FigureValue | None:
    t, qualifier = text.strip(" ,.;:()"), None
    while m := RE_QUALIFIER.match(t):
        qualifier = qualifier or dict(QUALIFIERS)[m.group(1).lower()]
        t = t[m.end():]
    unit = None
    if RE_PERCENT.search(t):
        t, unit = RE_PERCENT.sub("", t), "percent"
    else:
        t, unit = strip_currency(t, dict(currencies))
    if unit is None and (m := RE_MEASURE.match(t)) and m.group(2).lower() not in SCALES:
        t, unit = m.group(1), m.group(2).lower()  # "10 kilograms", "between 10 and 12 km"
    lower = t.lower()
    if lower in dict(vague):
        return FigureValue(dict(vague)[lower], dict(vague)[lower], dict(vague)[lower], unit, "vague")
    single = amount(t)
    if single is not None:
        return FigureValue(single, single, single, unit, qualifier)
    if m := RE_RANGE.match(t):
        low, high = amount(m.group(1)), amount(strip_currency(m.group(2), dict(currencies))[0])
        if low is not None and high is not None:
            if scale_of(m.group(2)) and not scale_of(m.group(1)):  # "4-6 million": both ends in millions
                low *= scale_of(m.group(2))
            if low <= high:
                return FigureValue((low + high) / 2, low, high, unit, qualifier)
    return None


def strip_currency(t: str, currencies: dict[str, str]) -> tuple[str, str | None]:
    """Remove a currency sign or word before or after the number; return the rest and the code."""
    for word in sorted(currencies, key=len, reverse=True):
        w = re.escape(word)
        for pattern in (rf"^{w}\s*(?=[\d.])", rf"(?<=[\d\w])\s*{w}$" if word[0].isalpha() else rf"\s*{w}$"):
            if re.search(pattern, t, re.I if word[0].isalpha() else 0):
                return re.sub(pattern, "", t, flags=re.I if word[0].isalpha() else 0).strip(), currencies[word]
    return t, None


def scale_of(t: str) -> float | None:
    last = t.strip().split()[-1].lower() if t.strip() else ""
    return SCALES.get(last) or SCALES.get(re.sub(r"^[\d.,]+", "", last))


def amount(t: str) -> float | None:
    """One number with its scale: "1,081", "33 billion", "$10m", "3 lakh", "thirteen", "a dozen"."""
    t = t.strip().lower()
    if t in WORDS:
        return float(WORDS[t])
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([a-z]+)?", t)
    if m:
        number = float(m.group(1).replace(",", ""))
        if m.group(2) is None:
            return number
        return number * SCALES[m.group(2)] if m.group(2) in SCALES else None
    words = t.replace("-", " ").split()
    if words and words[-1] in SCALES and len(words) > 1:
        head = amount(" ".join(words[:-1]))
        return head * SCALES[words[-1]] if head is not None else None
    if len(words) == 2 and words[0] in WORDS and words[1] in WORDS and WORDS[words[0]] >= 20:
        return float(WORDS[words[0]] + WORDS[words[1]])  # "twenty five"
    return None

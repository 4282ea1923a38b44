"""Normalise a figure: a count, an amount of money, a percentage, a measure, a fraction, a range, a
vague amount.

``normalize_figure("about 4,000-6,000")`` gives low 4000, high 6000, qualifier ``approximately``;
``"$33 billion"`` gives 3.3e10 with unit USD; ``"Rs 5 crore"`` 5e7 PKR; ``"EUR30m"`` 3e7 EUR;
``"500kg"`` 500 ``kilograms``; ``"1 to 1.5 degrees Celsius"`` low 1, high 1.5; ``"8- to 16-meter"``
low 8, high 16; ``"five years"`` 5 ``year``; ``"2 1/2 percent"`` 2.5; ``"two-thirds"`` 0.667
``fraction``; ``"dozens"`` 12, qualifier ``vague`` (values, currencies and units from
configs/figures.yml). A range falling in the text ("from 4.8 to 4.7 percent") is stored with
``low`` the smaller end, like any other; a falling range joined by a dash ("52-48") is a score or a
vote, not a range, and gives nothing. The counted noun (``fighters``) comes from the sentence, in
:mod:`pipeline.normalize`; here ``unit`` is set only for money, percentages, measures and fractions.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "million": 1e6,
          "m": 1e6, "mn": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12, "dozen": 12}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "a dozen": 12, "dozen": 12, "half a dozen": 6, "a hundred": 100, "a thousand": 1000, "a couple of": 2,
          "a pair of": 2, "single": 1, "a score of": 20, "score": 20,
          "hundred": 100, "thousand": 1000}  # "over hundred injured" (South Asian English drops the "a")
#: Denominators of fractions written in words: "a third", "two-thirds", "three quarters", "half".
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
             "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
QUALIFIERS = [("at least", "at least"), ("more than", "more than"), ("over", "more than"), ("upwards of", "more than"),
              ("in excess of", "more than"), ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
              ("about", "approximately"), ("around", "approximately"), ("approximately", "approximately"),
              ("roughly", "approximately"), ("some", "approximately"), ("an estimated", "approximately"),
              ("estimated", "approximately"), ("up to", "at most"), ("as many as", "at most"),
              ("less than", "less than"), ("fewer than", "less than"), ("under", "less than"),
              ("at most", "at most"), ("only", None), ("just", None), ("all", None), ("another", None),
              ("a further", None), ("the", None)]
RE_QUALIFIER = re.compile(r"^(" + "|".join(re.escape(q) for q, _ in QUALIFIERS) + r")\s+", re.I)
RE_RANGE_START = re.compile(r"^(?:between|from)\s+", re.I)
RE_NUMBER = re.compile(r"([+\-\u2212]?)(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([a-z]+)?")
RE_PERCENT = re.compile(r"\s*(%|per\s*cent|percent|pc)$", re.I)
RE_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
#: A range's two ends: joined by a dash, or by "to", "and" or "or" between spaces.
RE_RANGE = re.compile(r"^(.+?)(\s*[-\u2013\u2014]\s*|\s+(?:to|and|or)\s+)(.+)$", re.I)
RE_DASH = re.compile(r"^\s*[-\u2013\u2014]\s*$")
#: A hyphen left hanging before the second end of a range: "8- to 16-meter", "5- and 10-year".
RE_SUSPENDED = re.compile(r"(?<=\d)-\s+(?=(?:to|and|or)\s)", re.I)
#: "a" before a number written in digits: "a 1/4 inch gap", "a 10-km march".
RE_ARTICLE = re.compile(r"^an?\s+(?=[\d.\u00bc-\u00be\u2150-\u215e])", re.I)
#: "minus" written out before a number: "minus 5 degrees Celsius".
RE_MINUS = re.compile(r"^minus\s+(?=\d)", re.I)
#: A fraction in digits, after a whole number or not ("1/4", "2 1/2"), or as one character ("½", "2½").
RE_DIGIT_FRACTION = re.compile(r"(?:(\d+)\s+)?(\d+)/(\d+)")
RE_VULGAR = re.compile(r"(\d*)\s*([\u00bc-\u00be\u2150-\u215e])")
#: Not preceded by a letter: "Rs" or "km" are read as a word of their own, never inside "kilometers".
NOT_AFTER_LETTER = r"(?<![^\W\d_])"


def _lower_words(words: str) -> str:
    if not words.strip() or words != words.lower():  # figures are looked up lower-cased
        raise ValueError("the words must be lower case and not blank")
    return words


def _currency_word(word: str) -> str:
    if not word.strip():  # an empty sign would stand before every number
        raise ValueError("a currency word or sign must not be blank")
    return word


def _not_blank(word: str) -> str:
    if not word.strip():  # an empty unit would stand after every number
        raise ValueError("a unit or name word must not be blank")
    return word


def _currency_code(code: str) -> str:
    if not RE_CURRENCY_CODE.fullmatch(code):
        raise ValueError("a currency code is an ISO 4217 code: three capital letters, like USD")
    return code


Word = Annotated[str, AfterValidator(_not_blank)]


class FigureSettings(BaseModel):
    """``configs/figures.yml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vague: dict[Annotated[str, AfterValidator(_lower_words)],
                Annotated[float, Field(ge=0, allow_inf_nan=False)]] = Field(default_factory=dict)
    currencies: dict[Annotated[str, AfterValidator(_currency_word)],
                     Annotated[str, AfterValidator(_currency_code)]] = Field(default_factory=dict)
    units: dict[Word, list[Word]] = Field(default_factory=dict)
    name_before: list[Word] = Field(default_factory=list)
    name_after: list[Word] = Field(default_factory=list)
    change_words: list[Annotated[str, AfterValidator(_lower_words)]] = Field(default_factory=list)

    @field_validator("units")
    @classmethod
    def _one_unit_per_form(cls, units: dict[str, list[str]]) -> dict[str, list[str]]:
        seen: dict[str, str] = {}
        for unit, forms in units.items():
            for form in forms:
                if seen.setdefault(form, unit) != unit:
                    raise ValueError(f"{form!r} is a form of both {seen[form]!r} and {unit!r}")
        return units


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words of :class:`FigureSettings` arranged for lookup, built once per settings. A form of
    three characters or more matches in any case ("kilometres", "KPH"); a shorter one only as
    written, since case is all that tells "MW" from "mW", "G" from "g" or "C" from "c"."""

    vague: dict[str, float]
    currencies: dict[str, str]
    units: dict[str, str]
    re_currency_before: re.Pattern
    re_currency_after: re.Pattern
    re_unit: re.Pattern
    #: Units that say a figure counts no people: currency codes, measures, percent, fraction.
    not_counted: frozenset[str]

    def currency(self, word: str) -> str | None:
        """The code of a currency sign or word as written ("Rs.", "euros"), or None."""
        return self.currencies.get(_folded(word))

    def unit(self, word: str) -> str | None:
        """The canonical name of a unit as written ("km", "sq mi"), or None."""
        return self.units.get(_folded(word))


def _folded(word: str) -> str:
    return word if len(word) < 3 else word.lower()


def _alternation(words) -> str:
    """One regex alternative per word, longest first; words of three characters or more ignore case."""
    return "|".join(re.escape(w) if len(w) < 3 else f"(?i:{re.escape(w)})"
                    for w in sorted(words, key=len, reverse=True))


def _by_case(mapping: dict[str, str]) -> dict[str, str]:
    return {_folded(w): v for w, v in mapping.items()}


@lru_cache(maxsize=16)
def _lexicon(vague: tuple, currencies: tuple, units: tuple) -> Lexicon:
    forms = {form: unit for unit, unit_forms in units for form in unit_forms}
    money = _alternation(dict(currencies))
    return Lexicon(
        vague=dict(vague), currencies=_by_case(dict(currencies)), units=_by_case(forms),
        re_currency_before=re.compile(rf"^(?P<word>{money})\s*(?=[+\-\u2212]?\.?\d)"),
        re_currency_after=re.compile(rf"{NOT_AFTER_LETTER}\s*(?P<word>{money})$"),
        re_unit=re.compile(rf"{NOT_AFTER_LETTER}[\s\-]*(?P<word>{_alternation(forms)})$"),
        not_counted=frozenset({code for _, code in currencies} | {u for u, _ in units} | {"percent", "fraction"}))


#: The :class:`Lexicon` of each settings object in use, by ``id``; the settings are kept with it so
#: that the ``id`` stays theirs. A run has one or two; tests make more, so it is kept small.
_LEXICONS: dict[int, tuple[FigureSettings, Lexicon]] = {}


def lexicon(settings: FigureSettings) -> Lexicon:
    """The settings' :class:`Lexicon`, the same object for settings of the same content."""
    if (known := _LEXICONS.get(id(settings))) is not None and known[0] is settings:
        return known[1]
    if len(_LEXICONS) >= 16:
        _LEXICONS.pop(next(iter(_LEXICONS)))
    lex = _lexicon(tuple(settings.vague.items()), tuple(settings.currencies.items()),
                   tuple((unit, tuple(forms)) for unit, forms in settings.units.items()))
    _LEXICONS[id(settings)] = (settings, lex)
    return lex


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
    return _normalize(" ".join(text.split()), lexicon(settings))


@lru_cache(maxsize=16384)
def _normalize(text: str, lex: Lexicon) -> FigureValue | None:
    t, qualifier = text.strip(" ,.;:()"), None
    while m := RE_QUALIFIER.match(t):
        qualifier = qualifier or dict(QUALIFIERS)[m.group(1).lower()]
        t = t[m.end():]
    t = RE_MINUS.sub("-", RE_ARTICLE.sub("", RE_SUSPENDED.sub(" ", RE_RANGE_START.sub("", t))))
    t, unit = split_unit(t, lex)
    lower = t.lower()
    if lower in lex.vague:
        return FigureValue(lex.vague[lower], lex.vague[lower], lex.vague[lower], unit, "vague")
    single = amount(t)
    if single is not None:
        unit = unit or ("fraction" if RE_DIGIT_FRACTION.fullmatch(t) and single < 1 else None)  # "1/40 of"
        return FigureValue(single, single, single, unit, qualifier)
    part = fraction(t)
    if part is not None:
        return FigureValue(part, part, part, unit or "fraction", qualifier)
    ends = range_ends(t, unit, lex)
    return FigureValue((ends[0] + ends[1]) / 2, *ends, unit, qualifier) if ends else None


def split_unit(t: str, lex: Lexicon) -> tuple[str, str | None]:
    """The number part and the unit: "%" or "percent", a currency sign or word before or after the
    number ("EUR30m", "30m euros"), else a measure after it ("500kg", "10-km", "311 square miles")."""
    if RE_PERCENT.search(t):
        return RE_PERCENT.sub("", t), "percent"
    if m := lex.re_currency_before.match(t):
        return t[m.end():].strip(), lex.currency(m.group("word"))
    if m := lex.re_currency_after.search(t):
        if t[:m.start()].strip():
            return t[:m.start()].strip(), lex.currency(m.group("word"))
    if (m := lex.re_unit.search(t)) and t[:m.start()].strip():
        return t[:m.start()].strip(), lex.unit(m.group("word"))
    return t, None


def range_ends(t: str, unit: str | None, lex: Lexicon) -> tuple[float, float] | None:
    """``(low, high)`` of "4,000-6,000", "4-6 million", "$48,000 and $90,000", "44 mg to 50 mg",
    "4.8 to 4.7" (falling, read low 4.7, high 4.8); None when it is no range, the two ends carry
    different units, or a falling pair is joined by a dash ("52-48" is a score or a vote)."""
    m = RE_RANGE.match(t)
    if not m:
        return None
    (left, left_unit), (right, right_unit) = split_unit(m.group(1), lex), split_unit(m.group(3), lex)
    if {left_unit, right_unit, unit} - {None, unit} or (left_unit and right_unit and left_unit != right_unit):
        return None
    low, high = amount(left), amount(right)
    if low is None or high is None:
        return None
    if scale_of(right) and not scale_of(left):  # "4-6 million": both ends in millions
        low *= scale_of(right)
    if low > high and RE_DASH.match(m.group(2)):
        return None
    return min(low, high), max(low, high)


def scale_of(t: str) -> float | None:
    last = t.strip().split()[-1].lower() if t.strip() else ""
    return SCALES.get(last) or SCALES.get(re.sub(r"^[+\-\u2212]?[\d.,]+", "", last))


def amount(t: str) -> float | None:
    """One number with its scale: "1,081", "33 billion", "10m", "3 lakh", "-18", "+0.8", "thirteen",
    "a dozen", "one hundred and two", "two and a half million", "half a million"."""
    t = t.strip().lower()
    if t in WORDS:
        return float(WORDS[t])
    if (part := digit_fraction(t)) is not None:
        return part
    if m := RE_NUMBER.fullmatch(t):
        number = float(m.group(2).replace(",", "")) * (-1 if m.group(1) in ("-", "\u2212") else 1)
        if m.group(3) is None:
            return number
        return number * SCALES[m.group(3)] if m.group(3) in SCALES else None
    words = t.replace("-", " ").split()
    if len(words) > 1 and words[-1] in SCALES and (head := amount(" ".join(words[:-1]))) is not None:
        return head * SCALES[words[-1]]
    if words[:2] in (["half", "a"], ["half", "an"]) and len(words) == 3 and words[2] in SCALES:
        return SCALES[words[2]] / 2  # "half a million"
    return spelled(words)


def spelled(words: list[str]) -> float | None:
    """A number spelled out in words: "twenty five", "a hundred and two", "two and a half",
    "three million, two hundred & forty"; None for anything else."""
    total = current = 0.0
    numbers = 0
    for i, word in enumerate(w.strip(",") for w in words):
        if word in ("and", "&", "") or (word in ("a", "an") and i == 0):
            continue
        if word in ("a", "an") and words[i + 1:] == ["half"]:
            current += 0.5  # "two and a half"
            break
        if word in WORDS and isinstance(WORDS[word], int) and " " not in word and word not in SCALES:
            current, numbers = current + WORDS[word], numbers + 1
        elif word in ("hundred", "dozen"):
            current = (current or 1) * SCALES[word]
        elif word in SCALES and len(word) > 2:
            total, current = total + (current or 1) * SCALES[word], 0.0
        else:
            return None
    return total + current if numbers or (words and words[0] in ("a", "an") and len(words) > 1) else None


def digit_fraction(t: str) -> float | None:
    """A fraction written in digits: "1/4", "2 1/2", "½", "2½"; None for anything else, and for a
    numerator not under its denominator ("24/7", "7/7": a phrase and a date, not fractions)."""
    if m := RE_DIGIT_FRACTION.fullmatch(t):
        top, bottom = int(m.group(2)), int(m.group(3))
        return int(m.group(1) or 0) + top / bottom if 0 < top < bottom else None
    if m := RE_VULGAR.fullmatch(t):
        return int(m.group(1) or 0) + unicodedata.numeric(m.group(2))
    return None


def fraction(t: str) -> float | None:
    """A fraction in words: "half", "a third", "one sixth", "two-thirds", "three quarters"."""
    words = t.lower().replace("-", " ").split()
    if words == ["half"]:
        return 0.5
    if len(words) != 2 or words[1] not in FRACTIONS:
        return None
    top = 1 if words[0] in ("a", "an") else WORDS.get(words[0])
    if not isinstance(top, int) or top == 0 or (top > 1) != words[1].endswith("s"):
        return None  # "a thirds", "two third"
    return top / FRACTIONS[words[1]]

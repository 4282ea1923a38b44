"""Dates and figures of one parsed Doc: which spans are date or figure expressions, their values,
and the noun a figure counts.

Spans come from the model's entities (DATE; CARDINAL, MONEY, PERCENT, QUANTITY), repaired where
the small model cuts them short ("Between 2002 and" + "2006"), plus spaCy Matcher patterns for what
it misses (a year after "in"/"since", "a year earlier", "third-quarter", "now", "recently", vague
amounts such as "dozens", fractions such as "a third of", numbers glued to a currency or unit: "$US40m",
"500kg"). A figure span takes in the scale, unit and currency words beside it ("Rs ." + "12.5" + "m",
"1.5" + "degrees Celsius"), and two joined by "to" or a dash, or by "and" after "between", are one range
("1" + "to" + "1.5 degrees Celsius"). A number the model did not label is a figure only with a
currency, percent or unit. Values come from :mod:`pipeline.dates` and :mod:`pipeline.figures`. Years,
ordinals, ages, times of day and numbers inside names ("S&P 500", "iPhone 12", "the 11 Corps", "F-16")
are not figures; durations, ages and recurrences are not dates, and a duration the model labels DATE
or TIME ("five years'", "48 hours") is a figure with its unit of time, as CQE reads it. A list of
years ("1994, 1995 and 1997") gives a row per year; a range ("2009-2010", "between 2002 and 2006")
stays one row valued ``start/end``.

Each date is read with the tense of the verb governing it (:func:`pipeline.tense.tense_of`) and the
last date named before it as its reference time ("a year earlier", "that day"). A DATE span whose
words give no value is cut to its longest run of words that does ("from seven a year ago" -> "a year
ago"), one with no digit or word of time is dropped ("Olympic"), two dates joined by "and" are two rows
("January and December of 2010"), and weekdays and holidays the model left out or labelled otherwise
are dates ("President Clinton Saturday vowed", "Thanksgiving Day"), as are a weekday inside a time of
day ("the early hours of Thursday morning") and a year glued to "pre"/"post"/"mid" ("post-1959"). A
stretch tied to an event keeps its row without a value ("in the weeks before the bombing"); date words
that name a thing give none ("the annual March for Life", a programme called "This Week").
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from spacy.attrs import ENT_TYPE, LIKE_NUM, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import date_periods
from pipeline.date_extents import (has_date_word, holiday_name, left_out, month_as_noun, quoted_title, read_as,
                                    tightened, two_dates, with_holiday)
from pipeline.date_values import SEASONS
from pipeline.date_words import CUES, FULL_MONTHS, UNIT_WORDS, WEEKDAYS
from pipeline.dates import DateValue, in_year_of, normalize_date
from pipeline.durations import not_a_date
from pipeline.figures import (FRACTIONS, RE_DIGIT_FRACTION, RE_QUALIFIER, SCALES, WORDS, FigureSettings,
                              FigureValue, Lexicon, lexicon, normalize_figure)
from pipeline.small_numbers import after_age_words
from pipeline.tense import tense_of

FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
RE_YEAR_RANGE = re.compile(r"^\(?(1[89]|20)\d\d\s*[-\u2013\u2014]\s*(\d\d|(1[89]|20)\d\d)\)?$")
RE_PLAIN_YEAR = re.compile(r"^(1[89]|20)\d\d$")
RANGE_JOINS = frozenset({"and", "to", "-", "\u2013", "\u2014", "until", "through"})
RE_YEAR_LIST = re.compile(r"^(?:(?:1[89]|20)\d\d,\s+)+(?:(?:1[89]|20)\d\d,?\s+)?(?:and|or)\s+(?:1[89]|20)\d\d$|"
                          r"^(?:(?:1[89]|20)\d\d\s+)+(?:1[89]|20)\d\d$")  # "1994, 1995 and 1997", "2016 2017"
#: Words for the present, the past or the future (TimeML's PRESENT_REF, PAST_REF, FUTURE_REF), which
#: the model does not take for dates (``reference_words`` of configs/dates.yml, with its measure).
REFERENCE_WORDS = list(CUES.reference_words)
#: Words that name a day by themselves, a date wherever the model left them out ("Today, I'm here",
#: "President Clinton Saturday vowed").
DAY_WORDS = frozenset({*WEEKDAYS, "today", "yesterday", "tomorrow", "tonight"})
#: Dates counted from another ("a year earlier", "the year-ago quarter", "that day"): never a reference.
RE_COUNTED = re.compile(r"\b(?:ago|earlier|later|before|after|previous|preceding|following|prior|year-ago|"
                        r"year-earlier|same|that)\b", re.I)
#: Date cue words of configs/dates.yml, where each is described.
UNIT_LEMMAS = list(CUES.unit_lemmas)
#: Plural units a count the model cut off may stand before ("the past three" + "summers"; "falls" is as
#: often the verb).
COUNTED_UNITS = frozenset({*(w for w in UNIT_WORDS if w.endswith("s")), *(f"{s}s" for s in SEASONS if s != "fall")})
#: Words after "the days", "the weeks" that tie the stretch to what it belongs to or to an event.
ANCHOR_WORDS = frozenset(CUES.anchor_words)
#: A year or decade glued to "pre", "post" or "mid" ("the post-1959 politics", "the mid-1990s"), which
#: the model leaves unlabelled (spaCy keeps it one token).
RE_GLUED_YEAR = re.compile(r"^(?:pre|post|mid)-(?:1[89]|20)\d\ds?$", re.I)
SHIFT_WORDS = list(CUES.shift_words)
ORDINAL_WORDS = list(CUES.period_ordinals)
COUNTED_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})
#: Matcher labels of numbers the model did not label: figures only with a currency, percent or unit.
UNLABELLED = frozenset({"NUMBER", "GLUED"})
RE_DIGIT_SLASH = re.compile(r"\d\s*/\s*\d")  # "9/11", "24/7": dates and codes, not figures
RE_YEAR_WORD = re.compile(r"^(1[89]|20)\d\d$")  # the year of the YEAR pattern
RE_BARE_NUMBER = re.compile(r"\d[\d,.]*")
RE_COUNT_RANGE = re.compile(r"(\d[\d,]*)\s*(?:to|and|-|\u2013)\s*(\d[\d,]*)")
RE_ORDINAL = re.compile(r"\d+\s*(?:st|nd|rd|th)", re.I)
RE_NAME_SHAPE = re.compile(r"[a-z][A-Z]|&")  # "iPhone", "S&P", "AT&T": a name, not a word
SIGNS = frozenset({"+", "-", "\u2212"})
NUMERATORS = ["a", "an", *(w for w, n in WORDS.items() if isinstance(n, int) and 0 < n <= 10 and " " not in w)]


class AnchoredMatcher:
    """The patterns of :func:`build_matcher`, run where they can match. spaCy's Matcher tries every
    pattern at every token: here the two one-token patterns (a number the model did not label, a word
    with a digit in it) are read from the Doc's columns, and the Matcher runs only over the runs of
    sentences that hold a word its patterns need (``anchors``) or a year. Same matches, in about half
    the time on news text (most sentences hold a number but none of the words)."""

    def __init__(self, matcher: Matcher, anchors: set[str]):
        self.matcher = matcher
        self.vocab = matcher.vocab
        self.anchors = frozenset(anchors)
        self.number, self.glued = (self.vocab.strings.add(label) for label in ("NUMBER", "GLUED"))
        self.dated = self.vocab.strings.add("DATE")
        self.kinds: dict[int, tuple[bool, bool]] = {}

    def kind(self, lower: int) -> tuple[bool, bool]:
        """Whether a word is an anchor of the Matcher, and whether it holds a digit (memoised by word)."""
        found = self.kinds.get(lower)
        if found is None:
            text = self.vocab.strings[lower]
            found = self.kinds[lower] = (text in self.anchors or RE_YEAR_WORD.match(text) is not None,
                                         any(c.isdigit() for c in text))
        return found

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc):
            return []
        rows = doc.to_array([LOWER, LIKE_NUM, ENT_TYPE]).tolist()
        kinds = [self.kind(lower) for lower, _, _ in rows]
        found = []
        for i, ((_, number, ent), (_, digit)) in enumerate(zip(rows, kinds)):
            if number and not ent:
                found.append((self.number, i, i + 1))
            elif digit and not number and ent in (0, self.dated):
                found.append((self.glued, i, i + 1))
        if not doc.has_annotation("SENT_START"):
            return found + list(self.matcher(doc))
        run: list[int] | None = None
        for sent in [*doc.sents, None]:
            if sent is not None and any(k[0] for k in kinds[sent.start:sent.end]):
                if run is not None and run[1] == sent.start:
                    run[1] = sent.end
                    continue
                if run is None:
                    run = [sent.start, sent.end]
                    continue
            elif sent is not None:
                continue
            if run is not None:
                found += [(m, run[0] + a, run[0] + b) for m, a, b in self.matcher(doc[run[0]:run[1]])]
            run = [sent.start, sent.end] if sent is not None else None
        return found


def build_matcher(doc_vocab, settings: FigureSettings) -> AnchoredMatcher:
    """Patterns for dates and figures the model leaves out."""
    matcher = Matcher(doc_vocab, validate=True)
    matcher.add("YEAR", [[{"LOWER": {"IN": ["in", "since", "by", "from", "until", "during"]}},
                          {"SHAPE": "dddd", "TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}]])
    matcher.add("DATE_WORD", [[{"LOWER": {"IN": REFERENCE_WORDS}}],
                              [{"LOWER": {"IN": ["more", "right"]}}, {"LOWER": {"IN": ["recently", "now"]}}],
                              [{"LOWER": "the"}, {"LOWER": "near", "OP": "?"}, {"LOWER": "future"}],
                              [{"LOWER": "the"}, {"LOWER": {"IN": ["near", "short"]}}, {"LOWER": "term"}]])
    # "in the past," "in the past it said": the past with no span of time after it (the last token is not taken)
    matcher.add("DATE_WORD_BEFORE", [[{"LOWER": "the"}, {"LOWER": "past"},
                                      {"LIKE_NUM": False, "POS": {"NOT_IN": ["NUM", "NOUN", "ADJ", "PROPN"]}}]])
    matcher.add("DATE_SHIFT", [[{"LOWER": {"IN": ["a", "an", "one", "two", "three", "four", "five", "six", "several"]}},
                                {"LEMMA": {"IN": UNIT_LEMMAS}}, {"LOWER": {"IN": SHIFT_WORDS}}],
                               [{"LIKE_NUM": True}, {"LEMMA": {"IN": UNIT_LEMMAS}}, {"LOWER": {"IN": SHIFT_WORDS}}]])
    matcher.add("DATE_PERIOD", [[{"LOWER": {"IN": ORDINAL_WORDS}}, {"TEXT": "-", "OP": "?"},
                                 {"LOWER": {"IN": ["quarter", "half"]}}],
                                [{"LOWER": "the"}, {"LOWER": {"IN": ["latest", "year-ago", "year-earlier"]}},
                                 {"LOWER": {"IN": ["period", "quarter"]}}]])
    singles = [v for v in settings.vague if " " not in v]
    matcher.add("VAGUE", [[{"LOWER": {"IN": singles}}, {"LOWER": "of"}]])
    fraction = [{"LOWER": {"IN": NUMERATORS}}, {"TEXT": "-", "OP": "?"}, {"LOWER": {"IN": list(FRACTIONS)}}]
    half = [{"LOWER": "half", "ENT_TYPE": {"NOT_IN": ["DATE", "TIME"]}}]  # "half an hour" is a duration
    matcher.add("FRACTION", [fraction, half])
    # and, read from the Doc's columns by AnchoredMatcher: "NUMBER", a number the model did not label
    # ({"LIKE_NUM": True, "ENT_TYPE": ""}), and "GLUED", a word with a digit that is no number ("500kg")
    anchors = {*REFERENCE_WORDS, "future", "term", "past", *SHIFT_WORDS, "quarter", "half", "period", *singles,
               *FRACTIONS}
    return AnchoredMatcher(matcher, anchors)


def matches(doc: Doc, matcher: Matcher) -> list[tuple[str, int, int]]:
    """The matcher's ``(label, start, end)`` over a Doc, computed once and kept on the Doc."""
    key = f"ct_matches_{id(matcher)}"
    if key not in doc.user_data:
        doc.user_data[key] = [(doc.vocab.strings[m], a, b) for m, a, b in matcher(doc)]
    return doc.user_data[key]


def sentence_table(doc: Doc) -> list[Span]:
    """The sentence of each token, built once: spaCy's ``Span.sent`` walks all sentences per call."""
    key = "ct_sent_of"
    if key not in doc.user_data:
        table = [None] * len(doc)
        for sent in doc.sents:
            table[sent.start: sent.end] = [sent] * len(sent)
        doc.user_data[key] = table
    return doc.user_data[key]


def forget(doc: Doc) -> None:
    """Drop what :func:`matches` and :func:`sentence_table` kept on a Doc. The table's Spans point
    back at the Doc, so without this a finished Doc waits for the cycle collector, and a run's
    memory grows between collections."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("ct_")]:
        del doc.user_data[key]


def repaired(ent: Span) -> Span:
    """A DATE span cut short at a range's join ("Between 2002 and") runs on to the next number."""
    doc, end = ent.doc, ent.end
    if ent[-1].lower_ in RANGE_JOINS and end < len(doc) and doc[end].like_num:
        end += 1
    start = ent.start
    joined = any(t.lower_ in RANGE_JOINS for t in ent[1:-1])  # "[between] March 2 and March 22, 2018"
    if start > 0 and doc[start - 1].lower_ in ("between", "from") and (ent[0].like_num or joined):
        start -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label)


def date_spans(doc: Doc, matcher: Matcher) -> list[Span]:
    ents = doc.ents  # built anew from the token array on each read
    spans = [with_holiday(widened_date(repaired(e))) for e in ents if e.label_ == "DATE"]
    spans += [e for e in ents if e.label_ == "CARDINAL" and RE_YEAR_RANGE.match(e.text)]
    spans += [day for e in ents if e.label_ == "TIME" and (day := day_of_time(e)) is not None]
    # the small model labels "Thanksgiving Day" and "New Year's Day" EVENT, "Easter" a FAC
    spans += [e for e in ents if e.label_ not in ("DATE", "TIME") and date_periods.RE_HOLIDAY.match(e.text)]
    dated = {i for s in spans for i in range(s.start, s.end)}
    taken = dated | {i for e in ents for i in range(e.start, e.end)}
    found = sorted(((label, start, end) for label, start, end in matches(doc, matcher) if label.startswith("DATE_")),
                   key=lambda m: (m[1], -m[2]))
    for label, start, end in found:
        if label == "DATE_WORD_BEFORE":
            end -= 1
        if not dated.intersection(range(start, end)):
            spans.append(Span(doc, start, end, label="DATE"))
            dated |= set(range(start, end))
    for label, start, end in matches(doc, matcher):
        if label == "YEAR" and end - 1 not in taken:
            spans.append(Span(doc, end - 1, end, label="DATE"))
    spans += [doc[t.i: t.i + 1] for t in doc if t.lower_ in DAY_WORDS and t.i not in dated and left_out(t)]
    spans += [doc[t.i: t.i + 1] for t in doc if t.i not in taken and RE_GLUED_YEAR.match(t.text)]
    return with_ranges(with_weekdays(sorted((p for s in spans for p in listed(s)), key=lambda s: s.start)))


#: Words that join two months' names or two years into a range ("from July through September"; not
#: "and": "in July and September" are two months).
UNTIL_JOINS = frozenset({"to", "through", "until", "till", "thru"})


def range_end(span: Span) -> str | None:
    """"month" for a month's name alone ("July", "Sept."), "year" for a year alone ("2009"), or None,
    with or without the "from" that opens a range ("from 2009")."""
    tokens = [t for t in span if t.lower_ not in ("from", "between")]
    if len(tokens) != 1 or not tokens[0].text[0].isupper() and not tokens[0].text.isdigit():
        return None
    word = tokens[0]
    if word.lower_.rstrip(".") in FULL_MONTHS:
        return "month"
    return "year" if RE_PLAIN_YEAR.match(word.text) else None


def with_ranges(spans: list[Span]) -> list[Span]:
    """Two months' names, or two years, joined by "to", "through" or "until" are one range ("from July
    through September", "from 2009 to 2011"); the second is taken in where the model left it out
    ("July to September" tags July alone)."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        doc = span.doc
        if last is not None and span.start == last.end + 1 and doc[last.end].lower_ in UNTIL_JOINS \
                and (kind := range_end(last)) is not None and kind == range_end(span):
            out[-1] = Span(doc, last.start, span.end, label=span.label)
        else:
            out.append(span)
    for i, span in enumerate(out):
        doc = span.doc
        kind, after = range_end(span), span.end + 1
        if kind is not None and after < len(doc) and doc[span.end].lower_ in UNTIL_JOINS \
                and range_end(doc[after:after + 1]) == kind and (i + 1 == len(out) or out[i + 1].start > after):
            out[i] = Span(doc, span.start, after + 1, label=span.label)
    return out


def with_weekdays(spans: list[Span]) -> list[Span]:
    """A weekday and the date after it are one date ("Friday, 2 August 2024"; the model splits the
    day-first form, and may leave the day's number between: "Friday" + "August 2024")."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and last.text.lower() in WEEKDAYS and weekday_glue(span.doc[last.end:span.start]):
            out[-1] = Span(span.doc, last.start, span.end, label=span.label)
        else:
            out.append(span)
    return out


def weekday_glue(between: Span) -> bool:
    """Is what stands between a weekday and a date only its comma and the day's number ("Friday, 2")?"""
    words = [t for t in between if t.text != ","]
    return len(between) >= 1 and between[0].text == "," and len(words) <= 1 and all(
        t.like_num and t.text.isdigit() and 1 <= int(t.text) <= 31 for t in words)


def widened_date(span: Span) -> Span:
    """Take in "this", "last" or "next" the model left outside ("this" + "year's election"), the
    plural unit after a count it cut off ("the past three" + "summers": a length, then), and a day
    written as an ordinal before a month ("3rd" + "March 2019", "21st of" + "June")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ("this", "last", "next") and \
            span[0].lower_ in ("year", "month", "week", "quarter", "weekend", "summer", "spring", "fall", "winter"):
        return Span(doc, span.start - 1, span.end, label=span.label)
    if span[-1].like_num and span.end < len(doc) and doc[span.end].lower_ in COUNTED_UNITS:
        return Span(doc, span.start, span.end + 1, label=span.label)
    if span[0].lower_.rstrip(".") in FULL_MONTHS and span[0].text[0].isupper():  # "3rd" + "March 2019",
        before = span.start - 1 - (span.start > 1 and doc[span.start - 1].lower_ == "of")  # "21st of" + "June"
        if before >= 0 and RE_ORDINAL_DAY.match(doc[before].text):
            return Span(doc, before, span.end, label=span.label)
    return span


#: A day of the month written as an ordinal: "3rd", "21st".
RE_ORDINAL_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$", re.I)


def day_of_time(ent: Span) -> Span | None:
    """The day a TIME entity names: all of it where it is a day ("Wednesday night", "tonight"), its
    words from a weekday on where a time of day comes first ("the early hours of Thursday morning":
    "Thursday morning", the day the event fell on); None for a clock time ("6 a.m.")."""
    if is_a_day(ent.text):
        return ent
    first = next((t.i for t in ent if t.lower_ in DAY_WORDS), None)
    if first is None or first == ent.start:
        return None
    part = ent.doc[first: ent.end]
    return part if is_a_day(part.text) else None


def is_a_day(text: str) -> bool:
    """A TIME entity that names a day ("Wednesday night", "this evening", "tonight"), not a clock time."""
    if any(c.isdigit() for c in text):
        return False
    found = normalize_date(text, dt.date(2000, 6, 15))
    return found is not None and found.granularity == "day"


def of_something(span: Span) -> bool:
    """"the last days of the siege", "the years of the ceasefire", "in the weeks before the bombing",
    "the day after his arrest": a stretch of time named by what it belongs to or by the event it
    leads up to or follows, which keeps its row (with no value) where the words alone would be a
    duration or a bare unit. TimeML tags such a stretch a DATE anchored to the event (TBAQ-cleaned: "the
    days/weeks/day" + "before/after" is a DATE at each of its uses; with a count, "ten days after",
    mostly a DURATION)."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in ANCHOR_WORDS and span[0].lower_ == "the" \
        and not any(t.like_num for t in span)  # "ten years of war" and "the two days of talks" are lengths


def recurring(span: Span) -> bool:
    """"each Thursday", "every July": a recurrence, no date."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in ("each", "every")


def listed(span: Span) -> list[Span]:
    """A list of years ("1994, 1995 and 1997") as one span per year, and a period with the day it
    ended ("the quarter ended 30 June") as the two; any other span as it is."""
    if RE_YEAR_LIST.match(span.text):
        return [span[i: i + 1] for i, t in enumerate(span) if t.like_num]
    if pair := two_dates(span):
        return pair
    cut = next((t.i for t in span if t.lower_ in ("ended", "ending") and span.start < t.i < span.end - 1), None)
    if cut is None:
        return [span]
    period, day = span.doc[span.start: cut], span.doc[cut + 1: span.end]
    # "the year ended March 31" is a year's length up to that day (TimeML: a DURATION); a quarter is one
    return [day] if period.root.lower_ in ("year", "months") else [period, day]


def is_reference(found: DateValue | None) -> bool:
    """Can later expressions count from this date ("a year earlier" than it)? A day, week, month,
    quarter, half, season or year with a value; not a range, a decade or a "now"."""
    if found is None or found.value is None or found.start is None:
        return False
    if found.granularity in ("day", "month", "year"):
        return "/" not in found.value
    return found.granularity in ("week", "quarter", "half", "season")


def date_rows(doc_id: str, doc: Doc, published: dt.date | None, matcher: Matcher) -> Iterator[dict]:
    """One row per date expression, read with the tense of its verb and the last date before it.

    Without a publication date, a day or month written without a year takes the year of the last
    full day named before it, else of the last month with a year, else of the last year
    (:func:`pipeline.dates.in_year_of`): the story's days set its time, and "in February 2020"
    recalled in passing does not move "On 26 August 2021" ... "On 29 August" to 2020."""
    anchors: dict[str, DateValue] = {}  # the last day, month and year named with a year
    reference: DateValue | None = None  # the last date named: what "a year earlier" counts from
    for span in date_spans(doc, matcher):
        if not_a_date(span.text) and not of_something(span) or recurring(span) or is_a_name(span) or clock_time(span):
            continue
        span, found = tightened(span, lambda part: normalize_date(read_as(part), published, tense=tense_of(part),
                                                                  reference=reference))
        if found is None and (not has_date_word(span) or bare_unit(span)):
            continue  # "Olympic", a surname; "the day", "his year": no word of time, or a unit that names none
        if published is None and found is not None:
            anchor = anchors.get("day") or anchors.get("month") or anchors.get("year")
            if found.start is None and anchor is not None:
                found = in_year_of(span.text, anchor) or found
            elif found.start is not None and found.qualifier is None and found.granularity in ("day", "month", "year") \
                    and not RE_COUNTED.search(span.text):
                anchors[found.granularity] = found
        if is_reference(found) and not RE_COUNTED.search(span.text):
            reference = found  # a date counted from the last one ("a year earlier") does not replace it
        yield {"doc_id": doc_id, "start_char": span.start_char, "end_char": span.end_char, "text": span.text,
               "value": found.value if found else None, "start": found.start if found else None,
               "end": found.end if found else None, "granularity": found.granularity if found else "vague",
               "qualifier": found.qualifier if found else "vague: not resolvable to a calendar date"}


#: Words after four digits that make them a time of day: "1800 GMT", "0930 hrs", "2200 local time".
CLOCK_WORDS = frozenset({"gmt", "utc", "ist", "pkt", "pst", "est", "cet", "edt", "bst", "aft", "hrs", "hours", "hour",
                         "h", "local", "z"})


def clock_time(span: Span) -> bool:
    """Is the span four digits of a time of day ("(1800 GMT)", "at 0930 hrs")? Not a year."""
    doc = span.doc
    return len(span) == 1 and len(span.text) == 4 and span.text.isdigit() and span.end < len(doc) \
        and doc[span.end].lower_ in CLOCK_WORDS


def is_a_name(span: Span) -> bool:
    """Date words that name a thing: "the Christmas market", "the annual March for Life", a programme
    called "This Week"."""
    return holiday_name(span) or month_as_noun(span) or quoted_title(span)


def bare_unit(span: Span) -> bool:
    """"the day", "his year", "all week", "the third consecutive month": a unit of the calendar with
    nothing that dates it, which tells a reader no time. A stretch named by what it belongs to ("the
    last days of the siege") and a date counted from another ("the following day") keep their row."""
    return span.root.lemma_.lower() in UNIT_WORDS and not of_something(span) and not RE_COUNTED.search(span.text) \
        and not any(t.like_num for t in span)


def is_age_or_year(span: Span) -> bool:
    """Ages ("aged 25", "a 25-year-old", "27 year" + "old", "as young as 12", "ages 8 to 15") and years
    standing as numbers are not figures."""
    doc = span.doc
    after = doc[span.end: span.end + 3].text.lower()
    if after_age_words(doc, span.start):
        return True
    if after.startswith(("-year-old", "year-old", "years old", "- year - old", "old", "-old", "- old")):
        return True
    return bool(RE_PLAIN_YEAR.match(span.text))


def is_slash_code(span: Span, found: FigureValue | None) -> bool:
    """Numbers joined by a slash that are a date or a code ("9/11", "24/7"), not a fraction in use:
    one with a whole number before it ("2 1/2"), a unit ("a 1/4 inch gap") or "of" after it ("1/40 of
    the wavelength")."""
    if not RE_DIGIT_SLASH.search(span.text):
        return False
    doc = span.doc
    fraction = RE_DIGIT_FRACTION.search(span.text)
    if found is None or fraction is None:
        return True
    return not (fraction.group(1) or found.unit not in (None, "fraction")
                or (span.end < len(doc) and doc[span.end].lower_ == "of"))


def counted_noun(span: Span, sent_of: list[Span] | None = None) -> str | None:
    """The noun a figure counts: "4,000-6,000 fighters" -> fighters, "13 American service members"
    -> service members, "dozens of people" -> people."""
    doc = span.doc
    sent_of = sent_of or sentence_table(doc)
    sent = sent_of[span.start]
    for tok in reversed(span):
        head = tok.head
        if (tok.dep_ in COUNTED_DEPS and head.i >= span.end and head.pos_ in ("NOUN", "PROPN")
                and sent_of[head.i] is sent and "\n" not in doc[span.end: head.i + 1].text):
            return noun_phrase(head)
    nxt = span.end
    if nxt < len(doc) and doc[nxt].lower_ == "of":
        nxt += 1
    for tok in doc[nxt: min(nxt + 3, sent.end)]:
        if tok.pos_ == "NOUN":
            return noun_phrase(tok)
        if tok.pos_ not in ("ADJ", "PROPN", "NUM", "DET"):
            break
    return None


def noun_phrase(noun) -> str:
    parts = [c for c in noun.lefts if c.dep_ == "compound" and not c.like_num and "\n" not in c.text] + [noun]
    return " ".join(t.lower_ for t in parts)


def widened(span: Span, lex: Lexicon) -> Span:
    """Take in what the model left outside: a scale word ("$10" + "m"), a unit or currency word after
    ("1.5" + "degrees Celsius", "10" + "-" + "km", "10.5 million" + "Australian dollars"), a sign
    glued before ("-" + "18"), a currency before ("Rs" + "60 billion", "Rs ." + "12.5")."""
    doc, start, end = span.doc, span.start, span.end
    while end < len(doc) and doc[end].lower_.rstrip(".") in SCALES and doc[end].lower_ not in ("b", "k") \
            and end - span.end < 2:  # "m." ends a sentence: "$US40m."
        end += 1
    end = unit_end(doc, end, lex)
    if start > 0 and doc[start - 1].text in SIGNS and not doc[start - 1].whitespace_ and (
            start == 1 or doc[start - 2].whitespace_ or doc[start - 2].text in ("(", "$")):
        start -= 1
    if not any(lex.currency(t.text) for t in doc[start:end]):
        start = next((start - k for k in (2, 1) if start >= k and "\n" not in doc[start - k:start].text
                      and lex.currency(doc[start - k:start].text)), start)
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label)


def unit_end(doc: Doc, end: int, lex: Lexicon) -> int:
    """Where a unit or currency word of up to three tokens after ``end`` ends, else ``end``: "square
    miles", "km / h", "Australian dollars"; one the span ends inside ("1.5 degrees" + "Celsius"); a
    unit also after a hyphen ("10" + "-" + "km")."""
    hyphen = int(end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
                 and not doc[end].whitespace_)
    starts = [end + hyphen] if hyphen or doc[end - 1].like_num else [end - 1, end]
    for first in starts:
        for last in range(min(first + 3, len(doc)), max(first, end), -1):
            words = doc[first:last]
            text = words.text.rstrip(".")
            if words[-1].is_punct or "\n" in words.text:
                continue
            if lex.unit(text) or (not hyphen and text[:1].isalpha() and lex.currency(text)):
                return last
    return end


def joined(spans: list[Span], settings: FigureSettings) -> list[Span]:
    """Two figures joined by "to" or a dash, or by "and" after "between", as one range ("1" + "to" +
    "1.5 degrees Celsius", "between $48,000" + "and" + "$90,000"), with a "between" or "from" before;
    two that make no range together ("44 ml to 50 mg") stay two."""
    out: list[Span] = []
    for span in spans:
        first = out[-1] if out else None
        if first is not None and is_range_join(first, span, settings):
            label = span.label if first.label_ in UNLABELLED else first.label
            both = Span(span.doc, first.start, span.end, label=label)
            if normalize_figure(both.text, settings) is not None:
                out[-1] = both
                continue
        out.append(span)
    return [with_range_start(s) for s in out]


def is_range_join(first: Span, second: Span, settings: FigureSettings) -> bool:
    """Are two figures one range: one word between them, "to" or a dash, or "and" after "between"; or a
    hyphen left hanging on the first before "to", "and" or "or" ("8- to 16-meter")? Not after a word of
    change ("rose 45 cents to $71.20": the change, then the level it reached)."""
    doc = first.doc
    if is_change_and_level(first, settings):
        return False
    between = doc[first.end: second.start]
    if len(between) == 2 and between[0].text == "-" and not doc[first.end - 1].whitespace_:
        return between[1].lower_ in ("to", "and", "or")
    if len(between) != 1:
        return False
    word = between[0].lower_
    after_between = first[0].lower_ == "between" or (first.start > 0 and doc[first.start - 1].lower_ == "between")
    return word in ("to", "-", "\u2013", "\u2014") or (word == "and" and after_between)


def with_range_start(span: Span) -> Span:
    """A range with the "between" or "from" before it: "from 4.8 to 4.7 percent" says which way it ran."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ("between", "from") and any(
            t.lower_ in RANGE_JOINS for t in span[1:]):
        return Span(doc, span.start - 1, span.end, label=span.label)
    return span


def is_name_number(span: Span, settings: FigureSettings) -> bool:
    """A bare number that is part of a name: after a name word or a word shaped like a name ("Boeing
    737", "S&P 500", "iPhone 12"; not before a plural noun it counts), glued by a hyphen to a word
    ("F-16", "Covid-19"), or before a formation or street word ("the 11 Corps")."""
    doc = span.doc
    if not RE_BARE_NUMBER.fullmatch(span.text):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in settings.name_after:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or "\n" in before.whitespace_:
        return False
    if before.text == "-" and not before.whitespace_ and span.start > 1 and doc[span.start - 2].is_alpha \
            and not doc[span.start - 2].whitespace_:
        return True
    if before.text in settings.name_before:
        return True
    return bool(RE_NAME_SHAPE.search(before.text)) and (after is None or after.tag_ != "NNS")


def is_ordinal(span: Span) -> bool:
    """An ordinal, not a fraction: "a third" without "of" ("two were killed, while a third escaped",
    "a fourth that struck"), or a singular fraction word before a noun ("a third attack", "half
    brother"). "a third of", "one sixth", "two-thirds", "half the village" are fractions."""
    doc = span.doc
    last = span[-1].lower_
    if last not in FRACTIONS or last.endswith("s"):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    if span[0].lower_ in ("a", "an") and last != "half":
        return after is None or after.lower_ != "of"
    return after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ")


def is_partitive_one(span: Span) -> bool:
    """"One of the most complex ...": a pronoun, not a count."""
    doc = span.doc
    return span.text.lower() in ("one", "only one") and span.end < len(doc) and doc[span.end].lower_ == "of"


def unhung(span: Span) -> Span:
    """A figure without the join the model ran it on to ("320- to" of "320- to 640-inch" is "320"), nor
    the verb it took in before it ("flew 1,500 kilometres")."""
    start, end = span.start, span.end
    while end - start > 1 and span.doc[end - 1].lower_ in RANGE_JOINS:
        end -= 1
    while end - start > 1 and span.doc[start].pos_ in ("VERB", "AUX"):
        start += 1
    return span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label)


def dated_spans(doc: Doc) -> list[Span]:
    """Figures the model labels DATE or TIME: lengths of time ("five years'", "a four-week trial", "for
    48 hours", "the past 25 years") and a few more ("Between 10 and 15 per cent"), from their number
    (with a qualifier or "between" before it: "more than three years") on; ages ("a 25-year-old", "52
    years old") are left out. They are figures only where they read with a unit (:func:`figure_rows`)."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or any(t.lower_ in ("old", "-old") for t in ent):
            continue
        first = next((t.i for t in ent if t.like_num), None)
        if first is None:
            continue
        if len(ent) == 1 and ent.text.isdigit() and 31 < int(ent.text) < 1000:
            spans.append(Span(doc, ent.start, ent.end, label="CARDINAL"))  # "70, mostly lawyers, killed": no
            continue  # day of a month, no year in news
        lead = doc[ent.start:first].text
        kept = lead.lower() in ("between", "from") or (RE_QUALIFIER.fullmatch(lead + " ") and lead.lower() != "the")
        start = ent.start if kept else first
        end = count_range_end(doc, first, ent.end) if kept or not lead else None
        spans.append(Span(doc, start, end, label="CARDINAL") if end else Span(doc, start, ent.end, label=ent.label_))
    return spans


def count_range_end(doc: Doc, first: int, end: int) -> int | None:
    """Where a range of counts the model took for a date or a time ends ("rose from 45 to 52", "61 to
    74 overnight", "numbering between 15 and 20"); None when there is none, when an end could be a
    year, or when both could be days and words follow them ("15 to 20 March")."""
    last = first
    while last < end and (doc[last].like_num or doc[last].lower_ in ("to", "and", "-", "\u2013")):
        last += 1
    count = RE_COUNT_RANGE.fullmatch(doc[first:last].text)
    if not count or any(RE_PLAIN_YEAR.match(n) for n in count.groups()):
        return None
    return last if last == end or max(float(n.replace(",", "")) for n in count.groups()) > 31 else None


#: A currency's code glued to its amount, one token: "EUR30m", "USD2.5bn".
RE_GLUED_CODE = re.compile(r"^([A-Z]{3})\d[\d.,]*(?:[a-z]{1,3})?$")


def named_money(doc: Doc, lex: Lexicon) -> list[Span]:
    """Money the model takes for a name ("USD 10m", "PKR 5bn" as PRODUCT, "EUR30m" as ORG): a currency
    word and a number opening an entity of another label, or a currency's code glued to its amount."""
    return [Span(doc, e.start, e.end, label="MONEY") for e in doc.ents
            if e.label_ not in FIGURE_LABELS | {"DATE", "TIME"} and (
                (len(e) > 1 and e[1].text[:1].isdigit() and lex.currency(e[0].text))
                or ((m := RE_GLUED_CODE.match(e.text)) is not None and lex.currency(m.group(1))))]


def glued_ordinals(doc: Doc) -> list[Span]:
    """Numbers glued to a unit that the model takes for ordinals ("a 5km-long tunnel", "up 14pc"); a
    real ordinal ("5th", "21st") is no figure."""
    return [Span(doc, e.start, e.end, label="GLUED") for e in doc.ents if e.label_ == "ORDINAL"
            and any(c.isdigit() for c in e.text) and not RE_ORDINAL.fullmatch(e.text)]


def figure_spans(doc: Doc, settings: FigureSettings, matcher: Matcher) -> list[Span]:
    """The figure expressions of a Doc, widened, without overlaps, ranges joined."""
    lex = lexicon(settings)
    spans = [unhung(e) for e in doc.ents if e.label_ in FIGURE_LABELS and not RE_YEAR_RANGE.match(e.text)]
    spans += dated_spans(doc) + glued_ordinals(doc) + named_money(doc, lex)
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    spans += [Span(doc, s, s + 1, label="CARDINAL") for label, s, _ in matches(doc, matcher)
              if label == "VAGUE" and s not in taken]
    spans += [Span(doc, s, e, label=label) for label, s, e in matches(doc, matcher)
              if label in UNLABELLED | {"FRACTION"}]
    return joined(sorted(filter_spans([widened(s, lex) for s in spans]), key=lambda s: s.start), settings)


def readable(span: Span, settings: FigureSettings) -> tuple[Span, FigureValue | None]:
    """The span and its value; a span the model ran on past a unit ("-12 degrees Celsius overnight")
    loses up to two words at its end until it reads with one (never "2.13 am" as a bare 2.13)."""
    found = normalize_figure(span.text, settings)
    if found is not None:
        return span, found
    for cut in (1, 2):
        shorter = span[: len(span) - cut]
        if len(shorter) and (found := normalize_figure(shorter.text, settings)) is not None and found.unit:
            return shorter, found
    return span, None


def halves(span: Span, lex: Lexicon) -> list[Span]:
    """Two figures the model took for one ("from 44 ml to 50 mg", "3 years and 2 months", "Rs. 3.2
    billion and Rs 5 crore"): the spans on either side of its first "to", "and" or "or", each widened
    to its own currency or unit; none when it has no such word inside."""
    doc = span.doc
    join = next((t.i for t in span[1:-1] if t.lower_ in ("to", "and", "or")), None)
    if join is None:
        return []
    start = span.start + int(span[0].lower_ in ("from", "between"))
    return [widened(Span(doc, start, join, label=span.label), lex),
            widened(Span(doc, join + 1, span.end, label=span.label), lex)]


def is_change_and_level(first: Span, settings: FigureSettings) -> bool:
    """Is a figure with its own unit, after a word of change, the change before "to" and the level it
    reached ("rose 45 cents to $71.20", "fell 12p to 512 pence")? "rose 2 to 3 percent", with the unit
    on the last end only, is a range."""
    doc = first.doc
    if first.start == 0 or doc[first.start - 1].lemma_.lower() not in settings.change_words:
        return False
    found = normalize_figure(first.text, settings)
    return found is not None and found.unit is not None


def is_pair(span: Span, found: FigureValue, settings: FigureSettings) -> bool:
    """Two figures the model took for one range: joined by "and" with no "between" before them ("given
    45 and 50 mg"), or by "to" after a word of change ("rose $1 to $71": the change and the level)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    words = {t.lower_ for t in span}
    if found.low == found.high or span[0].lower_ in ("between", "from"):
        return False
    if "to" in words:
        to = next(t.i for t in span if t.lower_ == "to")
        return to > span.start and is_change_and_level(doc[span.start:to], settings)
    return "and" in words and (before is None or before.lower_ != "between")


def read_figures(spans: list[Span], settings: FigureSettings) -> Iterator[tuple[Span, FigureValue]]:
    """Each span with its value; one that does not read as one figure, or reads as a pair, is tried as
    two (:func:`halves`)."""
    lex = lexicon(settings)
    for span in spans:
        whole, found = readable(span, settings)
        if found is not None and not is_pair(whole, found, settings):
            yield whole, found
            continue
        parts = [readable(half, settings) for half in halves(span, lex)]
        if found is not None and not all(value for _, value in parts):
            yield whole, found  # "45 and 50" that do not read apart stay as they were
            continue
        yield from ((half, value) for half, value in parts if value is not None)


def figure_rows(doc_id: str, doc: Doc, settings: FigureSettings, matcher: Matcher) -> Iterator[dict]:
    """One ``figures`` row per figure expression of the Doc; ``unit`` is the currency, percent,
    measure or fraction the text gives, else the noun the figure counts."""
    lex = lexicon(settings)
    sent_of = sentence_table(doc)
    spans = [s for s in figure_spans(doc, settings, matcher)
             if not (is_age_or_year(s) or is_partitive_one(s) or is_name_number(s, settings))]
    for span, found in read_figures(spans, settings):
        if span.label_ in UNLABELLED and found.unit not in lex.not_counted - {"fraction"}:
            continue
        if span.label_ in ("DATE", "TIME") and found.unit not in lex.not_counted - {"fraction"}:
            continue  # a date ("March 5", "the 1990s"), not a length of time
        if is_slash_code(span, found) or (found.unit == "fraction" and is_ordinal(span)):
            continue
        text = span.text.rstrip(".")  # a sentence's full stop glued to the last token: "$US40m.", "10M."
        yield {"doc_id": doc_id, "start_char": span.start_char, "end_char": span.start_char + len(text),
               "text": text, "value": found.value, "low": found.low, "high": found.high,
               "unit": found.unit or counted_noun(span, sent_of), "qualifier": found.qualifier}

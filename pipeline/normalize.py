"""Dates and figures of one parsed Doc: which spans are date or figure expressions, their values,
and the noun a figure counts.

Spans come from the model's entities (DATE; CARDINAL, MONEY, PERCENT, QUANTITY), repaired where
the small model cuts them short ("Between 2002 and" + "2006"), plus spaCy Matcher patterns for what
it misses (a year after "in"/"since", vague amounts such as "dozens"). Values come from
:mod:`pipeline.dates` and :mod:`pipeline.figures`. Years, ordinals, ages and times of day are not
figures.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.dates import DateValue, in_year_of, is_duration, normalize_date
from pipeline.figures import SCALES, FigureSettings, normalize_figure

FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
RE_YEAR_RANGE = re.compile(r"^\(?(1[89]|20)\d\d\s*[-\u2013\u2014]\s*(\d\d|(1[89]|20)\d\d)\)?$")
RE_PLAIN_YEAR = re.compile(r"^(1[89]|20)\d\d$")
RANGE_JOINS = frozenset({"and", "to", "-", "\u2013", "\u2014", "until", "through"})
COUNTED_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})


def build_matcher(doc_vocab, settings: FigureSettings) -> Matcher:
    """Patterns for dates and figures the model leaves out."""
    matcher = Matcher(doc_vocab, validate=True)
    matcher.add("YEAR", [[{"LOWER": {"IN": ["in", "since", "by", "from", "until", "during"]}},
                          {"SHAPE": "dddd", "TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}]])
    singles = [v for v in settings.vague if " " not in v]
    matcher.add("VAGUE", [[{"LOWER": {"IN": singles}}, {"LOWER": "of"}]])
    return matcher


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
    if start > 0 and doc[start - 1].lower_ in ("between", "from") and ent[0].like_num:
        start -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label)


def date_spans(doc: Doc, matcher: Matcher) -> list[Span]:
    spans = [repaired(e) for e in doc.ents if e.label_ == "DATE"]
    spans += [e for e in doc.ents if e.label_ == "CARDINAL" and RE_YEAR_RANGE.match(e.text)]
    taken = {i for s in spans for i in range(s.start, s.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
    for label, start, end in matches(doc, matcher):
        if label == "YEAR" and end - 1 not in taken:
            spans.append(Span(doc, end - 1, end, label="DATE"))
    return sorted(spans, key=lambda s: s.start)


def date_rows(doc_id: str, doc: Doc, published: dt.date | None, matcher: Matcher) -> Iterator[dict]:
    """One row per date expression. Without a publication date, a day or month written without a
    year takes the year of the last full day named before it, else of the last month with a year, else
    of the last year (:func:`pipeline.dates.in_year_of`): the story's days set its time, and "in
    February 2020" recalled in passing does not move "On 26 August 2021" ... "On 29 August" to 2020."""
    anchors: dict[str, DateValue] = {}  # the last day, month and year named with a year
    for span in date_spans(doc, matcher):
        if is_duration(span.text):
            continue
        found = normalize_date(span.text, published)
        if published is None and found is not None:
            anchor = anchors.get("day") or anchors.get("month") or anchors.get("year")
            if found.start is None and anchor is not None:
                found = in_year_of(span.text, anchor) or found
            elif found.start is not None and found.qualifier is None and found.granularity in ("day", "month", "year"):
                anchors[found.granularity] = found
        yield {"doc_id": doc_id, "start_char": span.start_char, "end_char": span.end_char, "text": span.text,
               "value": found.value if found else None, "start": found.start if found else None,
               "end": found.end if found else None, "granularity": found.granularity if found else "vague",
               "qualifier": found.qualifier if found else "vague: not resolvable to a calendar date"}


def is_age_or_year(span: Span) -> bool:
    """Ages ("aged 25", "a 25-year-old") and years standing as numbers are not figures."""
    doc = span.doc
    after = doc[span.end: span.end + 3].text.lower()
    if span.start > 0 and doc[span.start - 1].lower_ in ("aged", "age"):
        return True
    if after.startswith(("-year-old", "year-old", "years old", "- year - old")):
        return True
    return bool(RE_PLAIN_YEAR.match(span.text)) or "/" in span.text


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


def widened(span: Span, currencies: dict[str, str]) -> Span:
    """Take in a scale word or currency the model left outside ("$10" + "m", "Rs" + "60 billion")."""
    doc, start, end = span.doc, span.start, span.end
    while end < len(doc) and doc[end].lower_ in SCALES and doc[end].lower_ not in ("b", "k") and end - span.end < 2:
        end += 1
    if start > 0 and doc[start - 1].text in currencies and not any(t.text in currencies for t in span):
        start -= 1
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label)


def is_partitive_one(span: Span) -> bool:
    """"One of the most complex ...": a pronoun, not a count."""
    doc = span.doc
    return span.text.lower() in ("one", "only one") and span.end < len(doc) and doc[span.end].lower_ == "of"


def figure_rows(doc_id: str, doc: Doc, settings: FigureSettings, matcher: Matcher) -> Iterator[dict]:
    spans = [widened(e, settings.currencies) for e in doc.ents
             if e.label_ in FIGURE_LABELS and not RE_YEAR_RANGE.match(e.text)]
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    spans += [Span(doc, s, s + 1, label="CARDINAL") for label, s, _ in matches(doc, matcher)
              if label == "VAGUE" and s not in taken]
    sent_of = sentence_table(doc)
    for span in sorted(spans, key=lambda s: s.start):
        if is_age_or_year(span) or is_partitive_one(span):
            continue
        found = normalize_figure(span.text, settings)
        if found is None:
            continue
        yield {"doc_id": doc_id, "start_char": span.start_char, "end_char": span.end_char, "text": span.text,
               "value": found.value, "low": found.low, "high": found.high,
               "unit": found.unit or counted_noun(span, sent_of), "qualifier": found.qualifier}

"""Which spans are date expressions, by class of span error measured on TempEval-3's TBAQ-cleaned:
stretches tied to an event, a day inside a time of day, years glued to "pre"/"post"/"mid", a year
before a period, and what only looks like a date (ages and lengths as adjectives, counts of repeats,
sums). Sentences are written for these tests."""
import datetime as dt

import pytest

from pipeline import normalize
from pipeline.dates import normalize_date
from pipeline.durations import is_duration, not_a_date

#: A Thursday.
PUBLISHED = dt.date(2024, 5, 16)


@pytest.fixture(scope="module")
def rows(nlp, config):
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    return lambda sentence: list(normalize.date_rows("d", nlp(sentence), PUBLISHED, matcher))


@pytest.mark.parametrize("sentence, text", [
    ("Witnesses saw the van near the market in the days before the blast.", "the days"),
    ("Patrols were doubled in the weeks after the raid on the depot.", "the weeks"),
    ("Two officers visited his home the day after the ambush.", "the day"),
    ("Arrests rose in the months following the siege, police said.", "the months"),
])
def test_a_stretch_tied_to_an_event_is_a_date_without_a_value(rows, sentence, text):
    found = {(r["text"], r["value"]) for r in rows(sentence)}
    assert (text, None) in found, found


@pytest.mark.parametrize("sentence", [
    "The hostages were held for ten days after the raid.",
    "The curfew lasted two weeks before it was lifted.",
    "It was the day the valley fell.",
])
def test_a_counted_stretch_or_a_bare_day_gives_no_row(rows, sentence):
    assert rows(sentence) == []


@pytest.mark.parametrize("sentence, text, value", [
    ("Gunmen struck in the early hours of Tuesday morning, residents said.", "Tuesday morning", "2024-05-14"),
    ("The bomb went off late on Monday night, police said.", "Monday night", "2024-05-13"),
])
def test_a_day_inside_a_time_of_day_is_a_date(rows, sentence, text, value):
    assert (text, value) in {(r["text"], r["value"]) for r in rows(sentence)}


def test_a_clock_time_gives_no_row(rows):
    assert rows("The convoy left at 6 a.m. sharp.") == []


@pytest.mark.parametrize("sentence, text, value, qualifier", [
    ("Militias grew strong in the post-1989 chaos.", "post-1989", "1989", "post"),
    ("The pre-2001 rules let the group raise money openly.", "pre-2001", "2001", "pre"),
])
def test_a_year_glued_to_pre_or_post_is_a_bounded_date(rows, sentence, text, value, qualifier):
    assert (text, value, qualifier) in {(r["text"], r["value"], r["qualifier"]) for r in rows(sentence)}


def test_a_prefix_glued_to_a_word_gives_no_row(rows):
    assert rows("The pre-war border was redrawn.") == []


@pytest.mark.parametrize("text, value", [
    ("the 2019 quarter", "2019-01/2019-03"),
    ("the 2023 period", "2023-01/2023-03"),
])
def test_a_year_before_a_period_is_that_year_s_period_not_a_length(text, value):
    assert not is_duration(text)
    assert normalize_date(text, PUBLISHED).value == value


@pytest.mark.parametrize("text", [
    "a years-old", "an end to a years-old", "a decades-long", "the month-long", "a week-long",
    "the third consecutive month", "a second straight year", "the fifth successive day",
    "as little as 99 cents", "about $40", "12 percent",
])
def test_ages_and_lengths_as_adjectives_counts_of_repeats_and_sums_are_no_dates(text):
    assert not_a_date(text)
    assert normalize_date(text, PUBLISHED) is None


@pytest.mark.parametrize("text", ["the third quarter", "the month", "next year", "last week", "the 1990s",
                                  "the second half", "1988"])
def test_what_these_rules_leave_a_date(text):
    assert not not_a_date(text)


@pytest.mark.parametrize("sentence", [
    "It was the third consecutive month that attacks fell.",
    "The town hoped for an end to a years-old feud between clans.",
    "Vendors sold the flags for as little as 99 cents.",
])
def test_sentences_with_what_only_looks_like_a_date_give_no_row(rows, sentence):
    assert rows(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Thousands joined the annual March for Life in the capital.", set()),
    ("Speaking on the BBC's \"This Week,\" the minister denied it.", set()),
    ("The March elections were put off by the commission.", {("March", "2024-03")}),
    ("The rebels struck in March.", {("March", "2024-03")}),
    ("The rebels struck this March.", {("this March", "2024-03")}),
    ("\"This week was the worst,\" the officer said.", {("This week", "2024-05-13/2024-05-19")}),
    ("\"Last Friday We Lost Two Men,\" the officer said.", {("Last Friday", "2024-05-10")}),
])
def test_date_words_that_name_a_thing_give_no_row(rows, sentence, expected):
    assert {(r["text"], r["value"]) for r in rows(sentence)} == expected


@pytest.mark.parametrize("sentence", [
    "Riots have broken out in the province for the past three summers.",
    "The siege went on for two winters.",
])
def test_a_count_of_seasons_is_a_length(rows, sentence):
    assert rows(sentence) == []


def test_the_summer_of_a_year_is_still_a_season(rows):
    found = {(r["text"], r["value"]) for r in rows("The offensive began in the summer of 2014.")}
    assert ("the summer of 2014", "2014-06/2014-08") in found

"""Date expressions -> values, against the article's own date; durations and non-dates give nothing."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.date_values import day, quarter, year
from pipeline.dates import in_year_of, normalize_date
from pipeline.durations import is_duration, not_a_date

PUBLISHED = dt.date(2025, 8, 21)
#: A Friday in March, for the tables on tense and on periods of the year.
MARCH = dt.date(2013, 3, 22)


@pytest.mark.parametrize("text, value, granularity", [
    ("September 11, 2001", "2001-09-11", "day"),
    ("11 September 2001", "2001-09-11", "day"),
    ("the 3rd of March", "2025-03-03", "day"),
    ("June 10th", "2025-06-10", "day"),                   # earlier this year
    ("in September", "2024-09", "month"),                 # news refers to the past
    ("in February", "2025-02", "month"),
    ("January 2015", "2015-01", "month"),
    ("in 2016", "2016", "year"),
    ("last year", "2024", "year"),
    ("this year", "2025", "year"),
    ("this month", "2025-08", "month"),
    ("last month", "2025-07", "month"),
    ("August last year", "2024-08", "month"),
    ("February this year", "2025-02", "month"),
    ("yesterday", "2025-08-20", "day"),
    ("on Tuesday", "2025-08-19", "day"),
    ("three years ago", "2022", "year"),
    ("2023-01-31", "2023-01-31", "day"),
    ("between 2002 and 2018", "2002/2018", "year"),
    ("Between 2017 and 2021", "2017/2021", "year"),
    ("2017\u20132021", "2017/2021", "year"),
    ("(2023\u20132025)", "2023/2025", "year"),
    ("2024-25", "2024/2025", "year"),
    ("from 2014 to 2017", "2014/2017", "year"),
    ("March to June 2024", "2024-03/2024-06", "month"),
    ("the 1990s", "1990/1999", "decade"),
    ("the first two months of 2025", "2025-01/2025-02", "month"),
    ("the last three months of 2024", "2024-10/2024-12", "month"),
])
def test_normalize_date(text, value, granularity):
    found = normalize_date(text, PUBLISHED)
    assert (found.value, found.granularity) == (value, granularity)
    assert found.start <= found.end


@pytest.mark.parametrize("text, value, qualifier", [
    ("early 2025", "2025", "early"),
    ("mid-January", "2025-01", "mid"),
    ("Early 2000s", "2000/2009", "early"),
    ("since 2001", "2001", "since"),
    ("the last year or so", "2024-08-21/2025-08-21", "approximate"),
])
def test_vague_dates_keep_granularity_and_say_so(text, value, qualifier):
    found = normalize_date(text, PUBLISHED)
    assert (found.value, found.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text", ["the past 25 years", "seven weeks", "several months", "the next few years", "hours",
                                  "9/11", "45", "1,081", "recent months", "31 February 2024",
                                  "Tuesday's attack on the convoy", "five years'", "four-week", "a four-week",
                                  "the next decade", "the past decade", "44", "a 6-year-old", "52 years old", "daily",
                                  "each year", "every month", "quarterly", "80486", "in his 30s"])
def test_durations_ages_recurrences_and_non_dates_give_nothing(text):
    assert normalize_date(text, PUBLISHED) is None


@pytest.mark.parametrize("text", ["the past 25 years", "seven weeks", "a few days", "five years'", "four-week",
                                  "a two-year", "the next decade", "the coming weeks", "at least 30 days"])
def test_durations_are_recognised(text):
    assert is_duration(text)


@pytest.mark.parametrize("text", ["next year", "the past year", "last week", "this month", "two days later",
                                  "a year earlier", "the week", "the following year", "2009-2010"])
def test_what_only_looks_like_a_length_is_no_duration(text):
    assert not is_duration(text) and not not_a_date(text)


@pytest.mark.parametrize("text", ["44", "a 6-year-old", "8-month-old", "each year", "every July", "annually",
                                  "80486", "0735"])
def test_ages_recurrences_and_numbers_are_not_dates(text):
    assert not_a_date(text)


@pytest.mark.parametrize("text, tense, value", [
    ("April 7", "past", "2012-04-07"),            # the latest 7 April on or before 22 March 2013
    ("April 7", "future", "2013-04-07"),          # "will open on April 7": the next one
    ("April 7", None, "2012-04-07"),              # no verb (a headline): news tells of the past
    ("March 30", "present", "2013-03-30"),        # "the court sits March 30": the nearest one
    ("in June", "past", "2012-06"),
    ("in June", "future", "2013-06"),
    ("in March", "future", "2013-03"),            # the month under way counts for both
    ("in March", "past", "2013-03"),
    ("on Tuesday", "past", "2013-03-19"),
    ("on Tuesday", "future", "2013-03-26"),
    ("Friday", "past", "2013-03-22"),             # the article's own day
    ("next Friday", "past", "2013-03-29"),        # never the day itself
    ("last Friday", "future", "2013-03-15"),
    ("the third quarter", "past", "2012-07/2012-09"),
    ("the first quarter", "past", "2013-01/2013-03"),
    ("the third quarter", "future", "2013-07/2013-09"),  # a quarter is told of after it ends: the nearest one
    ("the spring", "future", "2013-03/2013-05"),
])
def test_the_tense_of_the_verb_places_a_date_without_a_year(text, tense, value):
    assert normalize_date(text, MARCH, tense=tense).value == value


@pytest.mark.parametrize("text, value, granularity", [
    ("next year", "2014", "year"),                # regression: "next" was read as "last"
    ("next month", "2013-04", "month"),
    ("next week", "2013-03-25/2013-03-31", "week"),
    ("this week", "2013-03-18/2013-03-24", "week"),
    ("last quarter", "2012-10/2012-12", "quarter"),
    ("this quarter", "2013-01/2013-03", "quarter"),
    ("next quarter", "2013-04/2013-06", "quarter"),
    ("the third quarter of 2012", "2012-07/2012-09", "quarter"),
    ("Q3 2012", "2012-07/2012-09", "quarter"),
    ("fourth-quarter", "2012-10/2012-12", "quarter"),
    ("the first half of 2012", "2012-01/2012-06", "half"),
    ("the second half", "2012-07/2012-12", "half"),
    ("last summer", "2012-06/2012-08", "season"),
    ("this summer", "2013-06/2013-08", "season"),
    ("next spring", "2014-03/2014-05", "season"),   # this spring is already under way
    ("the winter of 2011", "2011-12/2012-02", "season"),
    ("last June", "2012-06", "month"),
    ("last February", "2013-02", "month"),         # the latest one over before the article's month
    ("next January", "2014-01", "month"),
    ("this September", "2013-09", "month"),
    ("this evening", "2013-03-22", "day"),
    ("tonight", "2013-03-22", "day"),
    ("this morning", "2013-03-22", "day"),
    ("last night", "2013-03-21", "day"),
    ("tomorrow morning", "2013-03-23", "day"),
    ("Thursday night", "2013-03-21", "day"),
    ("a year ago", "2012", "year"),
    ("three years ago", "2010", "year"),
    ("two months ago", "2013-01", "month"),
    ("six weeks ago", "2013-02-04/2013-02-10", "week"),
    ("a decade ago", "2003", "year"),
    ("a year earlier", "2012-03-22", "day"),       # with no earlier date, from the article's day
    ("the weekend", "2013-03-16/2013-03-17", "weekend"),
    ("this century", "2000/2099", "century"),
    ("the 20th century", "1900/1999", "century"),
    ("nineteen ninety-four", "1994", "year"),
    ("the nineties", "1990/1999", "decade"),
    ("fiscal 2012", "2012", "year"),
    ("Saturday, March 23", "2013-03-23", "day"),   # the year in which the weekday fits
    ("April 24 and 25", "2012-04-24/2012-04-25", "day"),
    ("24-25 April", "2012-04-24/2012-04-25", "day"),
    ("from today until 5 April", "2013-03-22/2013-04-05", "day"),   # the end lies after the start
])
def test_periods_of_the_year_relative_units_and_parts_of_the_day(text, value, granularity):
    found = normalize_date(text, MARCH)
    assert (found.value, found.granularity) == (value, granularity)
    assert found.start <= found.end


@pytest.mark.parametrize("text, reference, value", [
    ("a year earlier", quarter(2012, 3), "2011-07/2011-09"),   # a report's quarter, a year back
    ("a year earlier", day(dt.date(2012, 9, 30)), "2011-09-30"),
    ("two days later", day(dt.date(2013, 3, 10)), "2013-03-12"),
    ("the day before", day(dt.date(2013, 3, 10)), "2013-03-09"),
    ("the following year", year(2009), "2010"),
    ("the previous month", day(dt.date(2013, 1, 15)), "2012-12"),
    ("that day", day(dt.date(2013, 3, 10)), "2013-03-10"),
    ("later that year", year(2009), "2009"),
    ("the next morning", day(dt.date(2013, 3, 10)), "2013-03-11"),
    ("the year-ago quarter", quarter(2012, 4), "2011-10/2011-12"),
    ("the quarter", quarter(2012, 4), "2012-10/2012-12"),
    ("a year ago", quarter(2012, 4), "2011-10/2011-12"),
])
def test_dates_counted_from_the_last_date_the_text_named(text, reference, value):
    assert normalize_date(text, MARCH, reference=reference).value == value


def test_a_date_counted_from_another_needs_no_publication_date():
    assert normalize_date("two days later", None, reference=day(dt.date(2021, 8, 26))).value == "2021-08-28"


@pytest.mark.parametrize("text, qualifier", [("now", "vague: the present"), ("currently", "vague: the present"),
                                             ("recently", "vague: the past"), ("the future", "vague: the future"),
                                             ("a few years ago", "vague: the past"),
                                             ("in recent years", "vague: the past"), ("past years", "vague: the past"),
                                             ("the near future", "vague: the future"),
                                             ("at a later date", "vague: the future"),
                                             ("future quarters", "vague: the future"),
                                             ("future years", "vague: the future")])
def test_words_for_the_present_past_and_future_have_no_value_and_say_which(text, qualifier):
    found = normalize_date(text, MARCH)
    assert (found.value, found.qualifier) == (None, qualifier)


def test_a_range_of_years_is_one_value_from_start_to_end():
    found = normalize_date("2009-2010", MARCH)
    assert (found.value, found.start, found.end) == ("2009/2010", dt.date(2009, 1, 1), dt.date(2010, 12, 31))


@pytest.mark.parametrize("text, granularity", [("June 10th", "day"), ("in February", "month"),
                                               ("last year", "year"), ("on Tuesday", "day")])
def test_relative_dates_stay_unresolved_without_a_publication_date(text, granularity):
    found = normalize_date(text, None)
    assert found.value is None and found.start is None and found.granularity == granularity


def test_absolute_dates_need_no_publication_date():
    assert normalize_date("September 11, 2001", None).value == "2001-09-11"


@settings(max_examples=300, deadline=1000)
@given(st.text(max_size=60), st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_normalize_date_never_raises(text, published):
    found = normalize_date(text, published)
    assert found is None or found.value is None or found.start <= found.end


@pytest.mark.parametrize("text, anchor, value", [
    ("10 June", "8 June 2014", "2014-06-10"),
    ("on 2 January", "30 December 2014", "2015-01-02"),   # the year that puts it nearest
    ("December", "2015", "2015-12"),                      # inside the year named
    ("March 4", "April 2016", "2016-03-04"),
])
def test_a_day_or_month_without_a_year_takes_the_year_nearest_an_earlier_date(text, anchor, value):
    found = in_year_of(text, normalize_date(anchor))
    assert found.value == value and found.qualifier.startswith("year from an earlier date in the text")


@pytest.mark.parametrize("text", ["yesterday", "last year", "10 June 2015", "Tuesday"])
def test_only_a_day_or_month_without_a_year_is_anchored(text):
    assert in_year_of(text, normalize_date("8 June 2014")) is None


@pytest.mark.parametrize("text", ["no more than sixty days", "more than two thousand years", "hundreds of years",
                                  "thousands of years", "an additional year", "an extra week", "a quarter-century",
                                  "half a century", "ninety days", "recent months"])
def test_spelled_and_vague_counts_of_units_are_lengths(text):
    assert not_a_date(text)
    assert normalize_date(text, MARCH) is None


@pytest.mark.parametrize("text", ["recent years", "past years", "future quarters", "next year", "the past year"])
def test_words_for_a_time_past_or_ahead_are_no_lengths(text):
    assert not is_duration(text)


@pytest.mark.parametrize("text, value, granularity, qualifier", [
    ("the first two quarters of 1990", "1990-01/1990-06", "half", None),
    ("the last two quarters of 2011", "2011-07/2011-12", "half", None),
    ("the first three quarters of 2011", "2011-01/2011-09", "month", None),
    ("the '80s", "1980/1989", "decade", None),
    ("the \u201990s", "1990/1999", "decade", None),
    ("the next year or so", "2014", "year", "approximate"),
    ("at least the first two quarters of 2014", "2014-01/2014-06", "half", None),
    ("as early as next year's first quarter", "2014-01/2014-03", "quarter", None),
])
def test_parts_of_a_year_short_decades_and_approximate_dates(text, value, granularity, qualifier):
    found = normalize_date(text, MARCH)
    assert (found.value, found.granularity, found.qualifier) == (value, granularity, qualifier)


@pytest.mark.parametrize("text", ["the first five quarters of 2011", "the '00s", "or so", "the first two quarters"])
def test_parts_and_decades_that_name_no_date_give_nothing(text):
    found = normalize_date(text, MARCH)
    assert found is None or found.value is None


@pytest.mark.parametrize("text, published, tense, value", [
    ("Thanksgiving Day", dt.date(2000, 1, 7), None, "1999-11-25"),      # the fourth Thursday of November
    ("last Thanksgiving", dt.date(2000, 2, 10), None, "1999-11-25"),
    ("Election Day", dt.date(1998, 10, 26), "future", "1998-11-03"),    # the Tuesday after the first Monday
    ("Easter week", dt.date(2000, 4, 17), None, "2000-04-17/2000-04-23"),
    ("Good Friday", MARCH, "future", "2013-03-29"),
    ("Christmas Eve", MARCH, None, "2012-12-24"),
    ("on Christmas Day", MARCH, "future", "2013-12-25"),
    ("New Year\u2019s Day", MARCH, None, "2013-01-01"),
    ("next Christmas", dt.date(2024, 12, 26), None, "2025-12-25"),
    ("Christmas 2012", None, None, "2012-12-25"),
])
def test_holidays_are_days_placed_by_their_rule_and_the_tense(text, published, tense, value):
    assert normalize_date(text, published, tense=tense).value == value


@pytest.mark.parametrize("text", ["Christmas market", "Easter Island", "Thanksgiving dinner", "Eid"])
def test_what_only_holds_a_holiday_name_gives_no_holiday(text):
    found = normalize_date(text, MARCH)
    assert found is None or found.value is None


@pytest.mark.parametrize("published, value", [
    (dt.date(2021, 10, 16), "2021-10-08"),   # a Saturday's paper: "on Friday" is yesterday, "last Friday" the week before
    (dt.date(2021, 10, 18), "2021-10-15"),   # a Monday's: the Friday before the weekend
])
def test_last_weekday_is_one_of_an_earlier_week(published, value):
    assert normalize_date("last Friday", published, tense="past").value == value

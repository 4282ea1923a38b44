"""Date expressions -> values, against the article's own date; durations and non-dates give nothing."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.dates import in_year_of, is_duration, normalize_date

PUBLISHED = dt.date(2025, 8, 21)


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


@pytest.mark.parametrize("text", ["the past 25 years", "seven weeks", "two days later", "several months",
                                  "the next few years", "hours", "9/11", "45", "1,081", "recent years",
                                  "31 February 2024", "Tuesday's attack on the convoy"])
def test_durations_and_non_dates_give_nothing(text):
    assert normalize_date(text, PUBLISHED) is None


@pytest.mark.parametrize("text", ["the past 25 years", "seven weeks", "a few days"])
def test_durations_are_recognised(text):
    assert is_duration(text)


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

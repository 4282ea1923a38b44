"""Dates and figures found in parsed sentences: spans, counted nouns, and what is no figure."""
import datetime as dt

import pytest

from pipeline import normalize

PUBLISHED = dt.date(2025, 8, 21)


@pytest.fixture(scope="module")
def extract(nlp, config):
    matcher = normalize.build_matcher(nlp.vocab, config.figures)

    def run(sentence):
        doc = nlp(sentence)
        dates = list(normalize.date_rows("d", doc, PUBLISHED, matcher))
        figures = list(normalize.figure_rows("d", doc, config.figures, matcher))
        return dates, figures
    return run


@pytest.mark.parametrize("sentence, text, unit", [
    ("ISKP still has about 4,000-6,000 fighters, officials say.", "about 4,000-6,000", "fighters"),
    ("The attack killed 13 American service members and about 170 civilians.", "13", "service members"),
    ("The attack killed 13 American service members and about 170 civilians.", "about 170", "civilians"),
    ("It killed more than 100 people in a bomb attack.", "more than 100", "people"),
    ("Police recovered Rs 50,000 in cash.", "Rs 50,000", "PKR"),
    ("Dozens of people were wounded.", "Dozens", "people"),
    ("Reconstruction needs more than Rs 5 crore per village.", "more than Rs 5 crore", "PKR"),
])
def test_figures_and_their_counted_nouns(extract, sentence, text, unit):
    _, figures = extract(sentence)
    assert (text, unit) in {(f["text"], f["unit"]) for f in figures}


@pytest.mark.parametrize("sentence", [
    "The 25-year-old bomber was from Bajaur.",
    "The bomber, aged 19, was from Bajaur.",
    "The blast happened at 10:30 am on the first day of the month.",
    "In 2024 the group grew.",
    "It was the third attack this year.",
    "One of the most complex aspects of the cooperation is trust.",
])
def test_ages_times_ordinals_years_and_pronouns_are_not_figures(extract, sentence):
    _, figures = extract(sentence)
    assert figures == []


def test_range_cut_short_by_the_model_is_repaired(extract):
    dates, _ = extract("Between 2002 and 2006, Pakistan's services captured several senior figures.")
    assert ("Between 2002 and 2006", "2002/2006") in {(d["text"], d["value"]) for d in dates}


@pytest.mark.parametrize("sentence, pair", [
    ("Forecasters expect a dry spell from October through December.", ("October through December", "2025-10/2025-12")),
    ("The dam will stay shut from March to May for repairs.", ("March to May", "2026-03/2026-05")),   # next spring: the verb is future
    ("He led the provincial police from 1998 until 2003.", ("from 1998 until 2003", "1998/2003")),
])
def test_two_months_or_two_years_joined_by_until_are_one_range(extract, sentence, pair):
    dates, _ = extract(sentence)
    assert pair in {(d["text"], d["value"]) for d in dates}


@pytest.mark.parametrize("sentence, pair", [
    ("On 3rd March 2019 the grenade hit the bazaar.", ("3rd March 2019", "2019-03-03")),
    ("A blast on 5th of May killed two.", ("5th of May", "2025-05-05")),
])
def test_a_day_written_as_an_ordinal_before_its_month_is_part_of_the_date(extract, sentence, pair):
    dates, _ = extract(sentence)
    assert pair in {(d["text"], d["value"]) for d in dates}


def test_two_months_joined_by_and_are_two_dates(extract):
    dates, _ = extract("Talks were held in July and September, the ministry said.")
    assert ("July and September" not in {d["text"] for d in dates})


def test_year_range_labelled_as_a_number_is_a_date(extract):
    dates, figures = extract("Strategic Continuity: Reinforcing Institutional Frameworks (2023\u20132025)")
    assert "2023/2025" in {d["value"] for d in dates}
    assert not [f for f in figures if "2023" in f["text"]]


def test_durations_are_left_out_and_offsets_point_into_the_text(extract):
    sentence = "For most of the past 25 years the word was not used; in June the general praised it."
    dates, _ = extract(sentence)
    assert [d["text"] for d in dates] == ["June"]
    assert all(sentence[d["start_char"]:d["end_char"]] == d["text"] for d in dates)


def test_a_day_without_a_year_follows_the_last_full_day_not_a_month_recalled_in_passing(nlp, config):
    text = ("On 26 August 2021, a suicide bomber struck the airport gate. The deal signed in February 2020 "
            "had set the withdrawal. On 29 August, a drone strike hit a car in the city.")
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    values = {r["text"]: r["value"] for r in normalize.date_rows("d", nlp(text), None, matcher)}
    assert values["29 August"] == "2021-08-29"


def figure(figures, text):
    """The one row whose text is ``text``."""
    (row,) = [f for f in figures if f["text"] == text]
    return row


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("Customs officers seized 350kg of hashish at the crossing.", "350kg", 350, "kilograms"),
    ("The bus was going at 80mph when it overturned.", "80mph", 80, "miles per hour"),
    ("The recruits finished a 20-km march before dawn.", "20-km", 20, "kilometers"),
    ("The lake now covers 420 square miles of farmland.", "420 square miles", 420, "square miles"),
    ("The country bought 2.4m tons of wheat.", "2.4m tons", 2.4e6, "tons"),
    ("The trucks drove 13 kilometers to the camp.", "13 kilometers", 13, "kilometers"),
    ("Night temperatures fell to -12 °C in Skardu.", "-12 °C", -12, "degrees Celsius"),
    ("Each family was promised Rs. 1.5m in compensation.", "Rs. 1.5m", 1.5e6, "PKR"),
    ("Donors pledged $US25m for the flood victims.", "$US25m", 2.5e7, "USD"),
    ("Brussels released EUR15m for the refugees.", "EUR15m", 1.5e7, "EUR"),
    ("Canberra gave 12 million Australian dollars to the fund.", "12 million Australian dollars", 1.2e7, "AUD"),
    ("The rupee gained +0.6% against the dollar.", "+0.6%", 0.6, "percent"),
])
def test_units_and_currencies_beside_the_number(extract, sentence, text, value, unit):
    _, figures = extract(sentence)
    row = figure(figures, text)
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)
    assert sentence[row["start_char"]:row["end_char"]] == text


@pytest.mark.parametrize("sentence, text, low, high, unit", [
    ("Contract guards are paid between $1,200 and $2,500 a month.", "between $1,200 and $2,500", 1200, 2500, "USD"),
    ("The region may warm by 2 to 2.5 degrees Celsius this century.", "2 to 2.5 degrees Celsius", 2, 2.5,
     "degrees Celsius"),
    ("Inflation eased from 6.2 to 5.9 percent in the quarter.", "from 6.2 to 5.9 percent", 5.9, 6.2, "percent"),
])
def test_ranges_keep_both_ends_and_fall_low_to_high(extract, sentence, text, low, high, unit):
    _, figures = extract(sentence)
    row = figure(figures, text)
    assert (row["low"], row["high"], row["unit"]) == (low, high, unit)


@pytest.mark.parametrize("sentence, text, value", [
    ("Roughly a third of the displaced families have gone home.", "Roughly a third", 1 / 3),
    ("Officials said two-thirds of the schools remain shut.", "two-thirds", 2 / 3),
    ("Half the town fled before the offensive.", "Half", 0.5),
    ("A quarter of the houses were burned.", "A quarter", 0.25),
])
def test_fractions_and_partitives(extract, sentence, text, value):
    _, figures = extract(sentence)
    row = figure(figures, text)
    assert (row["value"], row["unit"]) == (pytest.approx(value), "fraction")


@pytest.mark.parametrize("sentence, texts", [
    ("Shares in Karachi rose while the S&P 500 slipped.", []),
    ("The suspect was carrying an iPhone 13 when he was arrested.", []),
    ("Troops of the 12 Corps were moved to the border.", []),
    ("A Boeing 777 made an emergency landing in Lahore.", []),
    ("The G20 finance ministers met as Covid-19 cases rose again.", []),
    ("An F-16 was scrambled after the intrusion.", []),
    ("Two of the gunmen were shot, while a third escaped.", ["Two"]),
    ("It was the third attack on the post.", []),
])
def test_numbers_in_names_and_ordinals_are_not_figures(extract, sentence, texts):
    _, figures = extract(sentence)
    assert [f["text"] for f in figures] == texts


def test_a_count_beside_a_name_is_still_a_count(extract):
    _, figures = extract("A Boeing 777 carrying 240 passengers landed in Lahore.")
    assert [(f["text"], f["unit"]) for f in figures] == [("240", "passengers")]


def test_kilometers_are_not_rupees_in_a_sentence(extract):
    _, figures = extract("The convoy was ambushed about 13 kilometers from Miranshah.")
    assert [(f["value"], f["unit"]) for f in figures] == [(13, "kilometers")]


@pytest.mark.parametrize("sentence, text, value", [
    ("The envoy visited Kabul on 7 April.", "7 April", "2025-04-07"),
    ("The envoy will visit Kabul on 7 April.", "7 April", "2026-04-07"),
    ("The envoy has visited Kabul twice since 7 April.", "7 April", "2025-04-07"),
    ("Talks are to resume in June.", "June", "2026-06"),
    ("The trial is scheduled to open in January.", "January", "2026-01"),
    ("The minister plans to travel to Quetta in May.", "May", "2026-05"),
    ("The council is going to vote in March.", "March", "2026-03"),
    ("Polls are expected in October.", "October", "2025-10"),
    ("The council voted in October.", "October", "2024-10"),
    ("The court will rule on Monday.", "Monday", "2025-08-25"),
    ("The court ruled on Monday.", "Monday", "2025-08-18"),
    ("Elections will be held next year.", "next year", "2026"),
    ("Profits fell in the second quarter.", "the second quarter", "2025-04/2025-06"),
    ("Militants attacked the checkpoint last summer.", "last summer", "2024-06/2024-08"),
    ("The governor spoke to reporters this evening.", "this evening", "2025-08-21"),
])
def test_the_verb_decides_past_or_future_in_a_sentence(extract, sentence, text, value):
    dates, _ = extract(sentence)
    assert (text, value) in {(d["text"], d["value"]) for d in dates}


@pytest.mark.parametrize("sentence", [
    "Rahim Khan, 44, was arrested at the border.",
    "The court gave him five years' imprisonment after a four-week trial.",
    "A 6-year-old boy was among the wounded.",
    "The group grew over the next decade.",
    "Convoys leave the base daily.",
])
def test_durations_ages_and_recurrences_give_no_date_row(extract, sentence):
    dates, _ = extract(sentence)
    assert dates == []


def test_a_range_of_years_is_one_row_and_a_list_of_years_a_row_each(extract):
    dates, _ = extract("The outbreak of 2009-2010 was worse than those of 1994, 1995 and 1997.")
    values = [d["value"] for d in dates]
    assert "2009/2010" in values and {"1994", "1995", "1997"} <= set(values)
    assert "2009" not in values


def test_a_year_earlier_counts_from_the_last_date_named(extract):
    dates, _ = extract("Profit rose in the second quarter of 2024. A year earlier, the company lost money.")
    assert ("A year earlier", "2023-04/2023-06") in {(d["text"], d["value"]) for d in dates}


def test_now_is_a_row_with_no_value_so_events_never_take_it(extract):
    dates, _ = extract("The group now controls the valley.")
    assert [(d["text"], d["value"], d["qualifier"]) for d in dates] == [("now", None, "vague: the present")]


def test_a_day_counted_from_a_month_is_left_open_and_moves_no_later_year(nlp, config):
    text = ("The bombing on 23 July 2016 killed 80 people. A worse one followed in May 2017. The president "
            "declared the following day (24 July) a day of mourning.")
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    values = {r["text"]: r["value"] for r in normalize.date_rows("d", nlp(text), None, matcher)}
    assert values["the following day"] is None and values["24 July"] == "2016-07-24"


def test_two_days_later_counts_from_the_day_before_it_without_a_publication_date(nlp, config):
    text = "Gunmen stormed the hotel on 21 January 2014. Two days later, police arrested three men."
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    values = {r["text"]: r["value"] for r in normalize.date_rows("d", nlp(text), None, matcher)}
    assert values["Two days later"] == "2014-01-23"

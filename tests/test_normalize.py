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

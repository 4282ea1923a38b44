"""Date rows of parsed sentences: a span is cut to the words of its date, and a span with no word of
time in it gives no row."""
import datetime as dt

import pytest

from pipeline import date_extents, normalize

#: A Thursday.
PUBLISHED = dt.date(2024, 5, 16)


@pytest.fixture(scope="module")
def rows(nlp, config):
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    return lambda sentence: list(normalize.date_rows("d", nlp(sentence), PUBLISHED, matcher))


@pytest.mark.parametrize("sentence, text, value", [
    ("Recruitment fell to four from nine a year ago.", "a year ago", "2023"),
    ("The pipeline could open as early as next year's first quarter.", "next year's first quarter",
     "2025-01/2025-03"),
    ("Trade will stay weak through at least the first two quarters of 2025.", "the first two quarters of 2025",
     "2025-01/2025-06"),
    ("Prices should settle over the next year or so, traders said.", "the next year or so", "2025"),
    ("The camp was shelled in April month, villagers said.", "April", "2024-04"),
    ("Attacks fell in the first nine months of the year.", "the year", "2024"),
])
def test_a_date_span_is_cut_to_the_words_of_its_date(rows, sentence, text, value):
    found = {(r["text"], r["value"]) for r in rows(sentence)}
    assert any(t.endswith(text) and v == value for t, v in found), found


@pytest.mark.parametrize("sentence, text, qualifier", [
    ("Attacks on the highway have grown in recent years.", "recent years", "vague: the past"),
    ("The army said it would reopen the road in the near future.", "the near future", "vague: the future"),
    ("The rest of the fee will be paid at a later date.", "a later date", "vague: the future"),
])
def test_words_for_times_past_or_ahead_are_rows_without_a_value(rows, sentence, text, qualifier):
    found = {(r["text"], r["value"], r["qualifier"]) for r in rows(sentence)}
    assert any(t.endswith(text) and v is None and q == qualifier for t, v, q in found), found


@pytest.mark.parametrize("sentence", [
    "The shrine has drawn pilgrims for hundreds of years.",
    "The ceasefire held for no more than sixty days.",
    "He was given an additional year to repay the loan.",
    "The feud has lasted a quarter-century.",
])
def test_lengths_give_no_row(rows, sentence):
    assert rows(sentence) == []


def test_now_inside_a_sentence_is_still_the_present(rows):
    found = [(r["text"], r["qualifier"]) for r in rows("The road is now open, police said.")]
    assert found == [("now", "vague: the present")]


@pytest.mark.parametrize("text, expected", [
    ("Olympic", False), ("Stauber", False), ("his share", False),
    ("the day", True), ("March", True), ("'80s", True), ("1990", True), ("now", True), ("a later date", True),
])
def test_a_date_span_needs_a_digit_or_a_word_of_time(text, expected):
    import spacy
    doc = spacy.blank("en")(text)
    assert date_extents.has_date_word(doc[:]) is expected


@pytest.mark.parametrize("sentence, text, value", [
    ("The boy was pulled from the sea on Thanksgiving Day.", "Thanksgiving Day", "2023-11-23"),
    ("Shops stayed shut on New Year's Day.", "New Year's Day", "2024-01-01"),
])
def test_a_holiday_the_model_calls_an_event_is_a_date(rows, sentence, text, value):
    assert (text, value) in {(r["text"], r["value"]) for r in rows(sentence)}


@pytest.mark.parametrize("sentence, text, value", [
    ("The ministry, which extended to June 2 its amnesty for deserters, said 40 had come in.", "June 2", "2024-06-02"),
    ("The ministry extended the amnesty to June 2.", "June 2", "2024-06-02"),
    ("The ministry extended the amnesty on May 2.", "May 2", "2024-05-02"),
    ("Curfew was lifted in June, residents said.", "June", "2023-06"),
])
def test_a_deadline_set_by_a_past_act_may_lie_ahead(rows, sentence, text, value):
    assert (text, value) in {(r["text"], r["value"]) for r in rows(sentence)}


@pytest.mark.parametrize("sentence, text, value", [
    ("President Bill Clinton Saturday vowed to find the bombers.", "Saturday", "2024-05-11"),
    ("Governor Ali Shah Tuesday ordered an inquiry.", "Tuesday", "2024-05-14"),
])
def test_a_weekday_the_model_leaves_out_is_a_date(rows, sentence, text, value):
    assert (text, value) in {(r["text"], r["value"]) for r in rows(sentence)}


@pytest.mark.parametrize("words, ents, index, expected", [
    (["Bill", "Clinton", "Saturday", "vowed"], ["B-PERSON", "I-PERSON", "I-PERSON", "O"], 2, True),
    (["talks", "Monday", "failed"], ["O", "O", "O"], 1, True),
    (["Tuesday", "Weld", "starred"], ["B-PERSON", "I-PERSON", "O"], 0, False),
    (["on", "Black", "Friday"], ["O", "B-EVENT", "I-EVENT"], 2, False),
    (["the", "Friday", "Mosque"], ["O", "B-FAC", "I-FAC"], 1, False),
])
def test_a_weekday_is_left_out_only_outside_names_or_at_a_name_s_end(words, ents, index, expected):
    import spacy
    from spacy.tokens import Doc
    doc = Doc(spacy.blank("en").vocab, words=words, ents=ents)
    assert date_extents.left_out(doc[index]) is expected


def test_a_weekday_inside_an_event_gives_no_row(rows):
    assert rows("Sales surged on Black Friday.") == []


@pytest.mark.parametrize("sentence, text, value", [
    ("The court postponed the hearing until Tuesday.", "Tuesday", "2024-05-21"),
    ("Until Tuesday, the police had not named a suspect.", "Tuesday", "2024-05-14"),
    ("The police questioned him on Tuesday.", "Tuesday", "2024-05-14"),
])
def test_a_weekday_after_until_a_past_act_set_lies_ahead_unless_the_verb_is_perfect(rows, sentence, text, value):
    assert (text, value) in {(r["text"], r["value"]) for r in rows(sentence)}


@pytest.mark.parametrize("sentence, text, value", [
    # an incident's noun the date hangs from is past, whatever the tense of the verb above it
    ("It follows an attack on an army base on Saturday in which nine soldiers died.", "Saturday", "2024-05-11"),
    ("The blast comes days after a bombing on Saturday near the port.", "Saturday", "2024-05-11"),
    # ... but a present verb alone looks at the nearest day ahead
    ("The court sits on Saturday to hear the appeal.", "Saturday", "2024-05-18"),
])
def test_a_weekday_of_an_incidents_noun_is_behind(rows, sentence, text, value):
    assert (text, value) in {(r["text"], r["value"]) for r in rows(sentence)}


@pytest.mark.parametrize("sentence, expected", [
    ("The cell struck in January and December of 2010.", {("January", "2010-01"), ("December of 2010", "2010-12")}),
    ("Bombs went off between March 2 and March 22, 2018, in Austin.",
     {("between March 2 and March 22, 2018", "2018-03-02/2018-03-22")}),
    ("The gunman attacked a club during 2016 2017 celebrations.", {("2016", "2016"), ("2017", "2017")}),
    ("Talks were held on May 5 and 6, 2019, in Doha.", {("May 5 and 6, 2019", "2019-05-05/2019-05-06")}),
    ("Raids rose in the 1980s and 1990s.", {("the 1980s", "1980/1989"), ("1990s", "1990/1999")}),
])
def test_two_dates_joined_by_and_are_two_rows_and_between_makes_a_range(rows, sentence, expected):
    assert expected <= {(r["text"], r["value"]) for r in rows(sentence)}


@pytest.mark.parametrize("sentence, texts", [
    ("The curfew ran from dusk to dawn on 5 May.", {"5 May"}),
    ("The day and night shifts were doubled.", set()),
])
def test_what_is_no_pair_of_dates_is_not_split(rows, sentence, texts):
    found = {r["text"] for r in rows(sentence) if r["value"]}
    assert found == texts


def test_a_holiday_without_a_year_takes_the_year_of_the_story_when_no_publication_date(nlp, config):
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    text = "The siege began in December 2016. Gunmen struck again on Christmas Eve."
    values = {r["text"]: r["value"] for r in normalize.date_rows("d", nlp(text), None, matcher)}
    assert values.get("Christmas Eve") == "2016-12-24"


@pytest.mark.parametrize("text, expected", [
    ("the day", True), ("his year", True), ("all week", True), ("a weekend", True),
    ("the following day", False), ("that day", False), ("the preceding months", False), ("the 3 days", False),
    ("May", False),
])
def test_a_calendar_unit_with_nothing_that_dates_it_is_a_bare_unit(nlp, text, expected):
    doc = nlp(text)
    assert normalize.bare_unit(doc[:]) is expected


@pytest.mark.parametrize("sentence", ["It was the day the valley fell.", "That was his year, the coach said.",
                                      "Families spent a weekend in the camp."])
def test_a_bare_unit_gives_no_row(rows, sentence):
    assert rows(sentence) == []


def test_a_stretch_named_by_what_it_belongs_to_keeps_its_row(rows):
    assert [r["text"] for r in rows("He recalled the last days of the siege.")] == ["the last days"]


def test_today_the_model_leaves_out_is_the_day_of_publication(rows):
    found = {(r["text"], r["value"]) for r in rows("``Today, I am here to tell you we have a suspect,'' he said.")}
    assert ("Today", "2024-05-16") in found


@pytest.mark.parametrize("sentence, expected", [
    ("The Christmas market was bombed.", set()),
    ("Militants launched an Easter offensive.", set()),
    ("The Christmas Day bombing killed 12.", {("Christmas Day", "2023-12-25")}),
    ("The Easter Sunday bombings killed 269 people.", {("Easter Sunday", "2024-03-31")}),
    ("Churches were attacked at Easter.", {("Easter", "2024-03-31")}),
])
def test_a_holiday_names_a_day_but_not_when_it_names_a_thing(rows, sentence, expected):
    assert {(r["text"], r["value"]) for r in rows(sentence)} == expected


@pytest.mark.parametrize("sentence, text, value", [
    # the day-first form the model splits, leaving the day's number out ("Friday" + "August 2024")
    ("The bomb went off on Friday, 2 August 2024, near the beach.", "Friday, 2 August 2024", "2024-08-02"),
    ("Police said the attack came late on Monday, 5 February, 2024.", "Monday, 5 February, 2024", "2024-02-05"),
    ("The attack came on the night of Friday, 2 August, 2024.", "Friday, 2 August, 2024", "2024-08-02"),
    ("The raid took place on Sunday, March 3, 2024.", "Sunday, March 3, 2024", "2024-03-03"),
])
def test_a_weekday_and_the_date_after_it_are_one_date(rows, sentence, text, value):
    found = [(r["text"], r["value"]) for r in rows(sentence)]
    assert (text, value) in found and not any(v != value for _, v in found), found


@pytest.mark.parametrize("sentence, kept", [
    ("The blast went off late on Sunday (1730 GMT) near the gate.", set()),
    ("The curfew begins at 2100 hrs every night.", set()),
    ("Troops moved in at 0500 local time, a spokesman said.", set()),
    ("The market reopened in 1998 after the floods.", {"1998"}),
])
def test_four_digits_of_a_clock_time_are_no_year(rows, sentence, kept):
    assert {r["text"] for r in rows(sentence) if r["text"][:1].isdigit()} == kept

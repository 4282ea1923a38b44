"""configs/dates.yml: the date modules' cue words, read once and validated like every config file (a bad
file stops the run with exit 2 and a message naming the file, the line and the key)."""

import pytest

from pipeline import date_periods, date_values, date_words, durations, normalize, tense
from pipeline.cli import main
from pipeline.config import SHIPPED, ConfigError, load_config
from tests.conftest import ROOT


def test_the_run_s_config_holds_the_cues_the_date_modules_read(config):
    assert config.dates == date_words.CUES


def test_the_package_ships_the_cue_file():
    assert (SHIPPED / "dates.yml").read_bytes() == (ROOT / "configs" / "dates.yml").read_bytes()


@pytest.mark.parametrize("table, expected", [
    (date_values.SEASONS, {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}),
    (date_words.MONTHS["sept"], 9),
    (date_words.NUMBER_WORDS["twelve"], 12),
    (date_words.ORDINALS["twenty-first"], 21),
    (date_words.DECADE_WORDS["nineties"], 90),
    (date_periods.PERIOD_NUMBERS["final"], 4),
    (date_periods.COUNTS["fifteen"], 15),
    (date_periods.REFERENCES["a later date"], "future"),
    (date_periods.VAGUE_COUNTS, ("several", "a few", "a couple of")),
    (tense.FUTURE_AUX, frozenset({"will", "'ll", "shall", "wo"})),
    (tense.DEADLINE_WORDS, frozenset({"until", "till", "through", "by", "to"})),
    ((tense.UNTIL_REACH, tense.MAX_CLIMB), (4, 6)),
    (normalize.REFERENCE_WORDS, ["now", "currently", "recently", "nowadays"]),
    (normalize.ORDINAL_WORDS, ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"]),
])
def test_the_shipped_cues_give_the_tables_the_modules_had(table, expected):
    assert table == expected


@pytest.mark.parametrize("name, year, value", [
    ("christmas eve", 2023, "2023-12-24"), ("new year's day", 2025, "2025-01-01"),
    ("thanksgiving", 2023, "2023-11-23"), ("thanksgiving day", 1999, "1999-11-25"),
    ("election day", 2024, "2024-11-05"), ("election day", 2022, "2022-11-08"),
    ("easter", 2024, "2024-03-31"), ("good friday", 2019, "2019-04-19"), ("easter week", 2024, "2024-W13"),
])
def test_holidays_are_dated_by_the_rules_of_the_file(name, year, value):
    found = date_periods.HOLIDAYS[name](year)
    if found.granularity == "week":
        iso = found.start.isocalendar()
        assert f"{iso.year}-W{iso.week:02d}" == value
    else:
        assert found.value == value


@pytest.mark.parametrize("text, stripped", [
    ("at least 30 days", "30 days"), ("on Tuesday", "Tuesday"), ("c. 1990", "1990"), ("some time in May", "in May"),
    ("the last year", "the last year"), ("a May morning", "May morning"), ("a year", "a year"),
])
def test_lead_words_from_the_file_are_stripped_in_their_order(text, stripped):
    assert date_words.unlead(text) == stripped


@pytest.mark.parametrize("text, expected", [("annually", True), ("semiannual", True), ("annualised", False)])
def test_recurrence_words_from_the_file_are_whole_words(text, expected):
    assert bool(durations.RE_SET.match(text)) is expected


@pytest.mark.parametrize("old, new, message", [
    ("max_climb: 6", "max_climb: 6\nmax_climbs: 7", "max_climbs: Extra inputs are not permitted"),
    ("max_climb: 6", "max_climb: lots", "max_climb: Input should be a valid integer"),
    ("seasons: {spring: 3,", "seasons: {spring: 13,", "seasons.spring: Input should be less than or equal to 12"),
    ("vague_counts: [several,", "vague_counts: [Several,", "vague_counts.0: a cue word must be lower case"),
    ('in, "on", from', "in, on, from", "lead_words.5: Input should be a valid string"),
    ("references: {now: present,", "references: {now: presently,", "references.now: Input should be 'present'"),
    ("until_reach: 4\n", "", "until_reach: Field required"),
    ("good friday: {easter: -2}", "good friday: {easter: -2, day: 3}", "holidays.good friday: a holiday is 'month'"),
    ("thanksgiving: {month: 11, weekday: thursday, nth: 4}", "thanksgiving: {month: 11, weekday: thurs, nth: 4}",
     "holidays.thanksgiving.weekday: Input should be 'monday'"),
])
def test_a_bad_cue_file_is_named_by_file_line_and_key(configs, old, new, message):
    path = configs / "dates.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    with pytest.raises(ConfigError) as err:
        load_config(configs)
    assert str(err.value).startswith(f"{path}:")
    assert message in str(err.value)


def test_cli_exits_2_on_a_bad_cue_file_before_writing(configs, tmp_path, capsys):
    path = configs / "dates.yml"
    path.write_text(path.read_text().replace("max_climb: 6", "max_climb: -1"))
    out = tmp_path / "out"
    status = main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(configs)])
    assert status == 2
    assert "dates.yml:" in capsys.readouterr().err
    assert not out.exists()

"""Figure expressions -> value, low, high, unit, qualifier; inputs that are no figure give nothing."""
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from pipeline.figures import FigureSettings, lexicon, normalize_figure
from tests.conftest import ROOT

SETTINGS = FigureSettings(**yaml.safe_load((ROOT / "configs" / "figures.yml").read_text()))


@pytest.mark.parametrize("text, value, low, high, unit, qualifier", [
    ("$33 billion", 3.3e10, 3.3e10, 3.3e10, "USD", None),
    ("more than $33 billion", 3.3e10, 3.3e10, 3.3e10, "USD", "more than"),
    ("4,000-6,000", 5000, 4000, 6000, None, None),
    ("between 4,000 and 6,000", 5000, 4000, 6000, None, None),
    ("4-6 million", 5e6, 4e6, 6e6, None, None),
    ("about 170", 170, 170, 170, None, "approximately"),
    ("more than 100", 100, 100, 100, None, "more than"),
    ("at least 84", 84, 84, 84, None, "at least"),
    ("45%", 45, 45, 45, "percent", None),
    ("45 per cent", 45, 45, 45, "percent", None),
    ("two", 2, 2, 2, None, None),
    ("thirteen", 13, 13, 13, None, None),
    ("twenty-five", 25, 25, 25, None, None),
    ("a dozen", 12, 12, 12, None, None),
    ("dozens", 12, 12, 12, None, "vague"),
    ("hundreds", 100, 100, 100, None, "vague"),
    ("Rs 5 crore", 5e7, 5e7, 5e7, "PKR", None),
    ("3 lakh", 3e5, 3e5, 3e5, None, None),
    ("$10m", 1e7, 1e7, 1e7, "USD", None),
    ("1,081", 1081, 1081, 1081, None, None),
    ("nearly one million", 1e6, 1e6, 1e6, None, "nearly"),
    ("about 10 kilograms", 10, 10, 10, "kilograms", "approximately"),
    ("between 10 and 12 kilograms", 11, 10, 12, "kilograms", None),
])
def test_normalize_figure(text, value, low, high, unit, qualifier):
    found = normalize_figure(text, SETTINGS)
    assert (found.value, found.low, found.high, found.unit, found.qualifier) == (value, low, high, unit, qualifier)


@pytest.mark.parametrize("text, value, low, high, unit", [
    # a unit glued, spaced or hyphenated; several words; a scale word before it
    ("350kg", 350, 350, 350, "kilograms"),
    ("80mph", 80, 80, 80, "miles per hour"),
    ("20-km", 20, 20, 20, "kilometers"),
    ("25 kilometres", 25, 25, 25, "kilometers"),
    ("420 square miles", 420, 420, 420, "square miles"),
    ("2.4m tonnes", 2.4e6, 2.4e6, 2.4e6, "tonnes"),
    ("3,500 MW", 3500, 3500, 3500, "megawatts"),
    ("-12 degrees Celsius", -12, -12, -12, "degrees Celsius"),
    ("40 °C", 40, 40, 40, "degrees Celsius"),
    # currencies glued, before or after, codes and words
    ("Rs. 1.5m", 1.5e6, 1.5e6, 1.5e6, "PKR"),
    ("Rs5,000", 5000, 5000, 5000, "PKR"),
    ("$US25m", 2.5e7, 2.5e7, 2.5e7, "USD"),
    ("US$3bn", 3e9, 3e9, 3e9, "USD"),
    ("EUR15m", 1.5e7, 1.5e7, 1.5e7, "EUR"),
    ("12 million Australian dollars", 1.2e7, 1.2e7, 1.2e7, "AUD"),
    ("30m euros", 3e7, 3e7, 3e7, "EUR"),
    ("3 lakh rupees", 3e5, 3e5, 3e5, "PKR"),
    # ranges: a currency or unit on both ends or on the last; falling ones stored low to high
    ("between $1,200 and $2,500", 1850, 1200, 2500, "USD"),
    ("$1.2-1.5bn", 1.35e9, 1.2e9, 1.5e9, "USD"),
    ("2 to 2.5 degrees Celsius", 2.25, 2, 2.5, "degrees Celsius"),
    ("between 20 kg and 30 kg", 25, 20, 30, "kilograms"),
    ("from 6.2 to 5.9 percent", 6.05, 5.9, 6.2, "percent"),
    ("from 900 to 700", 800, 700, 900, None),
    # signs
    ("+0.6%", 0.6, 0.6, 0.6, "percent"),
    ("-0.4%", -0.4, -0.4, -0.4, "percent"),
    # numbers and fractions in words
    ("one hundred and fifty", 150, 150, 150, None),
    ("hundred", 100, 100, 100, None),       # "over hundred injured": South Asian English drops the "a"
    ("thousand", 1000, 1000, 1000, None),
    ("two and a half million", 2.5e6, 2.5e6, 2.5e6, None),
    ("half a million", 5e5, 5e5, 5e5, None),
    ("half", 0.5, 0.5, 0.5, "fraction"),
    ("a quarter", 0.25, 0.25, 0.25, "fraction"),
    ("two-thirds", 2 / 3, 2 / 3, 2 / 3, "fraction"),
    ("three quarters", 0.75, 0.75, 0.75, "fraction"),
])
def test_units_currencies_ranges_signs_and_fractions(text, value, low, high, unit):
    found = normalize_figure(text, SETTINGS)
    assert (found.value, found.low, found.high, found.unit) == (pytest.approx(value), pytest.approx(low),
                                                                pytest.approx(high), unit)


@pytest.mark.parametrize("text", [
    "24/7", "7/7",    # a numerator not under its denominator: no fraction ("9/11" is left to the sentence)
    "the", "many", "", "sixty-sixth",
    "52-48",          # a falling pair joined by a dash is a score or a vote, not a range
    "44 ml to 50 mg",  # two units: no range
    "a third attack", "two third", "G20", "Covid-19", "3rd", "2pm",
])
def test_no_number_gives_nothing(text):
    assert normalize_figure(text, SETTINGS) is None


@pytest.mark.parametrize("settings", [SETTINGS, FigureSettings(currencies={"Rs": "PKR"})])
def test_kilometers_are_not_rupees(settings):
    """"Rs" was found at the end of "kilometers": a currency word is only read as a word of its own."""
    found = normalize_figure("13 kilometers", settings)
    assert found is None or found.unit != "PKR"


@pytest.mark.parametrize("text, unit", [("5 g", "grams"), ("5 G", None), ("5 MW", "megawatts"), ("5 mw", None),
                                        ("5 KPH", "kilometers per hour"), ("5 kph", "kilometers per hour")])
def test_short_unit_forms_match_only_as_written(text, unit):
    found = normalize_figure(text, SETTINGS)
    assert (found.unit if found else None) == unit


def test_measures_currencies_percent_and_fractions_count_no_people():
    not_counted = lexicon(SETTINGS).not_counted
    assert {"USD", "PKR", "AUD", "percent", "fraction", "kilograms", "square miles"} <= not_counted
    assert not {"people", "fighters", "service members"} & not_counted


def test_a_form_of_two_units_is_refused():
    with pytest.raises(ValueError, match="'km' is a form of both 'kilometers' and 'kms'"):
        FigureSettings(units={"kilometers": ["km"], "kms": ["km"]})


@settings(max_examples=300, deadline=1000)
@given(st.text(max_size=40))
def test_normalize_figure_never_raises(text):
    found = normalize_figure(text, SETTINGS)
    assert found is None or found.low <= found.high


@pytest.mark.parametrize("text, value", [("2 dozen", 24), ("two dozen", 24), ("three dozen", 36)])
def test_a_number_of_dozens_is_twelve_each(config, text, value):
    assert normalize_figure(text, config.figures).value == value

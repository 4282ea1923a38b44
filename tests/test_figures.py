"""Figure expressions -> value, low, high, unit, qualifier; inputs that are no figure give nothing."""
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from pipeline.figures import FigureSettings, normalize_figure
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


@pytest.mark.parametrize("text", ["9/11", "the", "many", "", "sixty-sixth"])
def test_no_number_gives_nothing(text):
    assert normalize_figure(text, SETTINGS) is None


@settings(max_examples=300, deadline=1000)
@given(st.text(max_size=40))
def test_normalize_figure_never_raises(text):
    found = normalize_figure(text, SETTINGS)
    assert found is None or found.low <= found.high


@pytest.mark.parametrize("text, value", [("2 dozen", 24), ("two dozen", 24), ("three dozen", 36)])
def test_a_number_of_dozens_is_twelve_each(config, text, value):
    assert normalize_figure(text, config.figures).value == value

"""Figures in parsed news sentences, one table per form read as CQE reads it: lengths of time, ranges
with a hanging hyphen, fractions in digits, two figures the model joined, a change and the level it
reached, pence, cents and points, glued units the model calls ordinals; and inputs that give nothing."""
import pytest

from pipeline import normalize


@pytest.fixture(scope="module")
def figures_of(nlp, config):
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    return lambda sentence: list(normalize.figure_rows("d", nlp(sentence), config.figures, matcher))


def found(rows, text):
    hits = [r for r in rows if r["text"] == text]
    assert hits, f"{text!r} not in {[r['text'] for r in rows]}"
    return hits[0]


@pytest.mark.parametrize("sentence, text, value, unit", [
    # lengths of time: figures with a unit, never dates
    ("The court handed him seven years' imprisonment for the bombing.", "seven years", 7, "year"),
    ("A six-week curfew was imposed on the district.", "six-week", 6, "week"),
    ("The highway stayed closed for 36 hours after the blast.", "36 hours", 36, "hour"),
    ("Talks lasted more than three days in Doha.", "more than three days", 3, "day"),
    ("The siege of the compound lasted two and a half months.", "two and a half months", 2.5, "month"),
    # a currency's code glued to its amount, after another figure (the model calls it a name)
    ("Donors pledged US$25m and EUR12m for the camps.", "EUR12m", 12_000_000, "EUR"),
    ("Aid of US$40m and EUR30m was pledged.", "EUR30m", 30_000_000, "EUR"),
    # fractions in digits, and as one character
    ("Turnout was up 3 1/2 percent on the last vote.", "3 1/2 percent", 3.5, "percent"),
    ("The shell left a 3/4 inch hole in the armour.", "a 3/4 inch", 0.75, "inches"),
    ("The fuel tank held only ½ gallon when it was found.", "only ½ gallon", 0.5, "gallons"),
    # a measure glued to its number that the model calls an ordinal, and "minus"
    ("Engineers dug an 8km-long trench along the border.", "8km", 8, "kilometers"),
    ("Night temperatures fell to minus 7 degrees Celsius.", "minus 7 degrees Celsius", -7, "degrees Celsius"),
    # pence, cents, market points
    ("Shares in the lender lost 9p in early trading.", "9p", 9, "GBX"),
    ("Petrol went up 30 cents overnight.", "30 cents", 30, "cent"),
    ("The index shed 412 points on Monday.", "412 points", 412, "point"),
    ("The bank raised its rate by 50 basis points.", "50 basis points", 50, "basis point"),
    # money the model takes for a name, and the rupee sign
    ("Donors pledged PKR 8bn for the rebuilding.", "PKR 8bn", 8e9, "PKR"),
    ("Delhi approved ₹300 crore for border roads.", "₹300 crore", 3e9, "INR"),
])
def test_units_of_time_fractions_and_market_units(figures_of, sentence, text, value, unit):
    row = found(figures_of(sentence), text)
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)
    assert sentence[row["start_char"]:row["end_char"]] == text


@pytest.mark.parametrize("sentence, text, low, high, unit", [
    ("Investigators found a 5- to 10-km trail of debris.", "5- to 10-km", 5, 10, "kilometers"),
    ("Prices climbed 4 to 6 percent in a month.", "4 to 6 percent", 4, 6, "percent"),
    ("The number of dead climbed from 61 to 74 overnight.", "from 61 to 74", 61, 74, None),
    ("Between 20 and 25 per cent of the wounded were children.", "Between 20 and 25 per cent", 20, 25, "percent"),
    ("The raiders, numbering between 12 and 18, came on foot.", "between 12 and 18", 12, 18, None),
])
def test_ranges_the_model_cuts_or_calls_dates(figures_of, sentence, text, low, high, unit):
    row = found(figures_of(sentence), text)
    assert (row["low"], row["high"]) == (low, high)
    assert unit is None or row["unit"] == unit


@pytest.mark.parametrize("sentence, texts", [
    # two figures the model read as one, or that a verb of change separates
    ("Oil rose 80 cents to $64.10 a barrel.", ["80 cents", "$64.10"]),
    ("The stock fell 15p to 302 pence after the results.", ["15p", "302 pence"]),
    ("Joblessness rose 0.4 percentage points to 6.2% in the quarter.", ["0.4 percentage points", "6.2%"]),
    ("The fund received Rs. 4.5 billion and Rs 2 crore for repairs.", ["Rs. 4.5 billion", "Rs 2 crore"]),
])
def test_two_figures_stay_two(figures_of, sentence, texts):
    assert [r["text"] for r in figures_of(sentence)] == texts


@pytest.mark.parametrize("sentence", [
    "A 19-year-old was detained at the checkpoint.",   # an age
    "The militant, 27 years old, was from Tank.",      # an age written out
    "A 31 year old cleric was among the suspects.",    # an age without hyphens
    "Recruits as young as 14 were seen at the camp.",  # an age bound
    "The school takes boys aged 8 and girls of ages 9 to 12.",
    "Security was tight on the anniversary of 9/11.",  # a date, not nine elevenths
    "The hotline is staffed 24/7 by volunteers.",      # a phrase
    "He finished 5th in the by-election.",             # an ordinal
    "The talks will resume on March 5.",               # a date with no unit
    "It was the worst attack of the 1990s.",           # a decade
    "The summit runs on June 11-12 in Astana.",        # days of a month
    "Voting is due from 10 to 14 October.",            # days before their month
])
def test_no_figure(figures_of, sentence):
    assert figures_of(sentence) == []


def test_a_length_of_time_counts_no_one(figures_of, config):
    """"killed 12 people over three days": the days are a figure whose unit keeps it out of tolls."""
    from pipeline.figures import lexicon
    rows = figures_of("Gunmen killed 12 people over three days in the valley.")
    assert [(r["text"], r["unit"]) for r in rows] == [("12", "people"), ("three days", "day")]
    assert "day" in lexicon(config.figures).not_counted

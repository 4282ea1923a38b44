"""Small numbers as news text writes them in counts of incidents and spans of days ("two attacks",
"a week after", "3 days before"): the few word forms the event rules read beside the figures table,
which :mod:`pipeline.normalize` fills for every number of the text."""
from __future__ import annotations

from spacy.tokens import Token

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50}


def word_count(token: Token) -> int | None:
    """A small number written as a digit or a word ("two", "3", "a"), else None."""
    text = token.lower_.replace(",", "")
    return int(text) if text.isdigit() else NUMBERS.get(text)

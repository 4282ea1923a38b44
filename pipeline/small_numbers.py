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


#: Words before a number that make it an age: "aged 25", "age 40", "ages 8 to 15".
AGE_WORDS = frozenset({"aged", "age", "ages"})
#: "as young as 12", "as old as 90": an age bound.
AGE_ADJECTIVES = frozenset({"young", "old"})


def after_age_words(doc, start: int) -> bool:
    """Is the number at token ``start`` an age by the words before it ("aged 25", "as young as 12")?"""
    if start > 0 and doc[start - 1].lower_ in AGE_WORDS:
        return True
    return start > 2 and doc[start - 1].lower_ == "as" and doc[start - 2].lower_ in AGE_ADJECTIVES \
        and doc[start - 3].lower_ == "as"

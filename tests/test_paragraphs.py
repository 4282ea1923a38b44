"""Sentence starts set before the parser: paragraph breaks, and none right after a bracket."""
import pytest


@pytest.mark.parametrize("text, sentences", [
    # a short form in brackets does not end the sentence that goes on after it
    ("Meanwhile, Tehreek-e-Taliban Pakistan (TTP) Muhammad Khurasani shared a statement and claimed the attacks.", 1),
    ("The Pakistan Army (PA) said troops raided a compound in Tank on Monday.", 1),
    # a sentence that ended before the bracket, or inside it, still ends
    ("He was badly hurt (he later died.) Then the police came.", 2),
    ("Police sealed the area. (Reuters) Gunmen had stormed the post.", 2),
    # a blank line always ends one
    ("Blast in Quetta\n\nA bomb went off near a market in Quetta on Friday.", 2),
])
def test_sentences_around_brackets_and_paragraphs(nlp, text, sentences):
    assert len(list(nlp(text).sents)) == sentences

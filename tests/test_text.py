"""Each pure text function as a table of input -> expected, including inputs left unchanged."""
import pytest

from pipeline import text
from pipeline.clean import clean_text

WORDS = text.word_checker({"terrorist", "organization", "organ", "mine", "resistant", "operation",
                           "cooperation", "attack", "reject"})


@pytest.mark.parametrize("raw, expected", [
    ('<span style="color:#808080; font-size:6.2pt;">August 21st 2025</span>', "August 21st 2025"),
    ("![](../images/p0112_img01.jpeg)", ""),
    ("see [the report](https://example.org/a_(b)) now", "see the report now"),
    ("# Heading", "Heading"),
    ("**bold** and *italic* words", "bold and italic words"),
    ("---", ""),
    ("5 * 3 = 15 and a*b", "5 * 3 = 15 and a*b"),
    ("co-operation and mine-resistant", "co-operation and mine-resistant"),
    ("Khyber Pakhtunkhwa (29) and Balochistan (28)", "Khyber Pakhtunkhwa (29) and Balochistan (28)"),
    ("National Intelligence Fusion & Threat Assessment Centre", "National Intelligence Fusion & Threat Assessment Centre"),
])
def test_strip_markup(raw, expected):
    assert text.strip_markup(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("a\r\nb\rc", "a\nb\nc"),
    ("nul\x00byte", "nulbyte"),
    ("form\x0cfeed", "formfeed"),
    ("tab\tkept", "tab\tkept"),
])
def test_normalize_newlines(raw, expected):
    assert text.normalize_newlines(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Pakistan\u00e2\u20ac\u2122s army", "Pakistan\u2019s army"),   # UTF-8 read as cp1252
    ("\u201ccurly\u201d quotes stay", "\u201ccurly\u201d quotes stay"),
    ("plain ascii", "plain ascii"),
])
def test_fix_encoding(raw, expected):
    assert text.fix_encoding(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("  two   spaces\u00a0and nbsp \t", "two spaces and nbsp"),
    ("unchanged text", "unchanged text"),
])
def test_collapse_spaces(raw, expected):
    assert text.collapse_spaces(raw) == expected


def test_remove_marks_drops_end_of_article_square():
    assert text.remove_marks("mutual distrust. \u25a0", marks=["\u25a0"]).strip() == "mutual distrust."


def test_split_blocks_treats_whitespace_lines_as_blank():
    assert text.split_blocks("a\nb\n  \n\nc\n") == [["a", "b"], ["c"]]


@pytest.mark.parametrize("lines, wrapped", [
    (["one line only"], False),
    (["a line that a converter wrapped  ", "and its continuation"], True),
    (["x" * 300 + ".", "y" * 200 + "."], False),              # one paragraph per line
    (["short hard-wrapped line of text", "and another one of similar length"], True),
])
def test_is_hard_wrapped(lines, wrapped):
    assert text.is_hard_wrapped(lines) is wrapped


@pytest.mark.parametrize("head, tail, keep", [
    ("co", "operation", True),        # known prefix
    ("mine", "resistant", True),      # two words: a compound
    ("ter", "rorist", False),         # a word broken at the margin
    ("organ", "ization", False),      # joined is a word, "ization" is not
    ("Paki", "stan", True),           # unknown either way: keep every letter
    ("2017", "2021", True),
])
def test_hyphen_rule_without_document_evidence(head, tail, keep):
    assert text.hyphen_rule("", is_word=WORDS)(head, tail) is keep


def test_hyphen_rule_follows_the_documents_own_spelling():
    keep = text.hyphen_rule("Pakistan is big. Counter-terrorism too.", is_word=WORDS)
    assert keep("Paki", "stan") is False
    assert keep("counter", "terrorism") is True


def test_unwrap_joins_wrapped_lines_and_keeps_paragraph_ends():
    lines = ["For most of the past 25 years, the word was not used by  ",
             "Americans to describe Pakistan's co-  ",
             "operation on counter-terrorism against a ter-  ",
             "rorist group and its mine-  ",
             "resistant vehicles across the border.",
             "soil.",
             "What explains the change of tune? The answer lies in the  ",
             "borderlands."]
    keep = text.hyphen_rule(" ".join(lines), is_word=WORDS)
    paragraphs = text.unwrap(lines, keep_hyphen=keep)
    assert "co-operation" in paragraphs[0]
    assert "terrorist group" in paragraphs[0]
    assert "mine-resistant" in paragraphs[0]
    assert paragraphs[-1].startswith("What explains")


def test_unwrap_keeps_long_lines_as_paragraphs():
    lines = ["A" * 200 + ".", "B" * 180 + "."]
    assert text.unwrap(lines, keep_hyphen=lambda h, t: True) == lines


def test_unwrap_starts_a_paragraph_at_a_bullet():
    lines = ["Attacks in the month:", "- Quetta, 12 killed", "- Peshawar, 3 killed"]
    assert text.unwrap(lines, keep_hyphen=lambda h, t: True) == lines


def test_word_checker_knows_inflections():
    assert WORDS("attacks") and WORDS("attacked") and WORDS("attacking") and not WORDS("rorist")


@pytest.mark.parametrize("paragraph, expected", [
    ('Police said the toll could rise."It happened during prayers," he said.',
     'Police said the toll could rise." It happened during prayers," he said.'),
    ("Many are in critical condition.\u201dAl Jazeera reported that the bomber was inside.",
     "Many are in critical condition.\u201d Al Jazeera reported that the bomber was inside."),
    # a quotation that goes on, an abbreviation in quotes, a quote before a lower-case word: left alone
    ('He said "No." Then he left.', 'He said "No." Then he left.'),
    ('The "U.S." label stuck.', 'The "U.S." label stuck.'),
    ('"Stop."he shouted.', '"Stop."he shouted.'),
])
def test_a_closing_quote_glued_to_the_next_sentence_gets_its_space_back(paragraph, expected):
    assert text.tidy_paragraph(paragraph) == expected


@pytest.mark.parametrize("paragraphs, expected", [
    # a sentence broken over a blank line: the second part opens in lower case
    (["At least eighteen people were killed and", "over hundred injured in twin blasts."],
     ["At least eighteen people were killed and over hundred injured in twin blasts."]),
    # a sentence's end, a heading's colon or a capital: paragraphs stay apart
    (["Two were killed.", "officials said more may have died."], ["Two were killed.", "officials said more may have died."]),
    (["Background:", "the group was founded in 2007."], ["Background:", "the group was founded in 2007."]),
    (["Militants kill six in northwest Pakistan", "by The Associated Press"],
     ["Militants kill six in northwest Pakistan", "by The Associated Press"]),
    (["Political Administration said the blast was in Tori", "Market and shops were hit."],
     ["Political Administration said the blast was in Tori", "Market and shops were hit."]),
])
def test_a_paragraph_broken_inside_a_sentence_is_joined(paragraphs, expected):
    assert text.join_broken_paragraphs(paragraphs) == expected


def test_a_first_line_that_breaks_off_is_the_bodys_sentence_not_a_headline(boilerplate, is_word):
    raw = "QUETTA: At least six people were killed and\n\nten injured in a blast in Quetta on Friday, police said.\n"
    cleaned = clean_text(raw, boilerplate=boilerplate, is_word=is_word)
    assert cleaned.title is None
    assert cleaned.text == "QUETTA: At least six people were killed and ten injured in a blast in Quetta on Friday, police said."



@pytest.mark.parametrize("raw, expected", [
    ("the blast in Sindh province.The separatist group said", "the blast in Sindh province. The separatist group said"),
    ("killed in 2024.In a statement the group said", "killed in 2024. In a statement the group said"),
    ("casualties.A later statement", "casualties. A later statement"),
    # not initials, a title, a site's address or a decimal
    ("the U.S.Army said", "the U.S.Army said"),
    ("Mr.Khan said", "Mr.Khan said"),
    ("see www.dawn.com for more", "see www.dawn.com for more"),
    ("rose by 3.5 percent", "rose by 3.5 percent"),
])
def test_a_sentence_glued_to_the_last_gets_its_space(raw, expected):
    assert text.space_after_quotes(raw) == expected

"""Small pure functions over text: markup, line breaks, hyphens, whitespace.

Each takes a string (or a list of lines) and returns the cleaned value; options are keyword-only.
They are composed by :mod:`pipeline.clean`, which decides what a document's header and tail are.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable

import ftfy

RE_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
RE_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*\)")
RE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
RE_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
RE_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")
RE_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RE_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
RE_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25cf]|\d{1,3}[.)])\s+")
RE_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
RE_HYPHEN_BREAK = re.compile(r"([A-Za-z]+)-$")
RE_WORD_START = re.compile(r"^([A-Za-z]+)")

#: Prefixes that keep their hyphen when a line break falls after them ("co-operation",
#: "non-state", "self-styled"). From the common hyphenated prefixes of English style guides.
HYPHEN_PREFIXES = frozenset(
    "co non self anti ex post pre semi multi counter cross well mid pro quasi all ultra extra "
    "inter intra neo pan sub vice half".split()
)


def fix_encoding(text: str) -> str:
    """Repair mojibake and odd code points with ftfy, keeping curly quotes as they are."""
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def normalize_newlines(text: str) -> str:
    """CRLF and CR become LF; form feeds, NULs and other control characters go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return RE_CONTROL.sub("", text)


def strip_markup(text: str) -> str:
    """Remove inline HTML tags, images and markdown decoration, keeping the words they wrap."""
    text = RE_IMAGE.sub("", text)
    text = RE_LINK.sub(r"\1", text)
    text = RE_TAG.sub("", text)
    text = RE_MD_RULE.sub("", text)
    text = RE_MD_HEADING.sub("", text)
    return RE_MD_EMPHASIS.sub(r"\2", text)


def collapse_spaces(text: str) -> str:
    """Runs of spaces, tabs and Unicode spaces become one space; ends are stripped."""
    return RE_SPACES.sub(" ", text).strip()


def remove_marks(text: str, *, marks: Iterable[str]) -> str:
    """Delete end-of-article marks such as the print edition's black square."""
    for mark in marks:
        text = text.replace(mark, "")
    return text


def split_blocks(text: str) -> list[list[str]]:
    """Lines grouped into blocks separated by blank (or whitespace-only) lines."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def is_hard_wrapped(lines: list[str]) -> bool:
    """Do these lines continue each other (a wrapped paragraph) rather than stand alone?

    Markdown converters end wrapped lines with two spaces; plain hard-wrapped text has short lines
    of similar length. A block whose lines run past 120 characters holds one paragraph per line.
    """
    if len(lines) < 2:
        return False
    trailing = sum(line.endswith("  ") for line in lines[:-1])
    if trailing * 2 >= len(lines) - 1:
        return True
    return max(len(line.rstrip()) for line in lines) <= 120


def join_hyphenated(head_line: str, tail_line: str, *, keep_hyphen: Callable[[str, str], bool]) -> str:
    """Join a line ending in ``word-`` with the next line, keeping the hyphen only if it is real."""
    head_word = RE_HYPHEN_BREAK.search(head_line).group(1)
    tail_word = RE_WORD_START.match(tail_line).group(1)
    joint = "-" if keep_hyphen(head_word, tail_word) else ""
    return head_line[:-1] + joint + tail_line


def unwrap(lines: list[str], *, keep_hyphen: Callable[[str, str], bool]) -> list[str]:
    """Turn one block of lines into paragraphs.

    Wrapped lines are joined (with :func:`join_hyphenated` at a line-end hyphen). A new paragraph
    starts at a list bullet, or after a line that ends a sentence well short of the wrap width
    (the last line of a paragraph in a hard-wrapped dump).
    """
    lines = [line.rstrip() for line in lines]
    if not is_hard_wrapped(lines):
        return [line.strip() for line in lines]
    width = statistics.quantiles([len(line) for line in lines], n=10)[-1] if len(lines) > 2 else max(map(len, lines))
    paragraphs = [lines[0].strip()]
    for prev, line in zip(lines, lines[1:]):
        line = line.strip()
        ends_short = RE_SENTENCE_END.search(prev) and len(prev) < 0.75 * width
        if ends_short or RE_BULLET.match(line):
            paragraphs.append(line)
        elif RE_HYPHEN_BREAK.search(paragraphs[-1]) and RE_WORD_START.match(line):
            paragraphs[-1] = join_hyphenated(paragraphs[-1], line, keep_hyphen=keep_hyphen)
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
    return paragraphs


def hyphen_rule(document: str, *, is_word: Callable[[str], bool]) -> Callable[[str, str], bool]:
    """Build the decision ``keep_hyphen(head, tail)`` for line-end hyphens of one document.

    In order: the document's own spelling elsewhere decides; a known prefix ("co", "non") or a
    number keeps the hyphen; a joined form that is a dictionary word while the two halves are not
    both words loses it ("ter-rorist"); anything else keeps it, so no letter is ever lost.
    """
    folded = document.lower()

    def keep_hyphen(head: str, tail: str) -> bool:
        hyphenated, joined = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
        if re.search(rf"\b{re.escape(hyphenated)}", folded):
            return True
        if re.search(rf"\b{re.escape(joined)}", folded):
            return False
        if head.lower() in HYPHEN_PREFIXES or head.isdigit():
            return True
        if is_word(joined) and not (is_word(head) and is_word(tail)):
            return False
        return True

    return keep_hyphen


def word_checker(words: set[str]) -> Callable[[str], bool]:
    """``is_word`` over a set of base forms, trying the common inflections of English."""

    def is_word(token: str) -> bool:
        t = token.lower()
        candidates = {t, t[:-1] if t.endswith("s") else t, t[:-2] if t.endswith(("es", "ed")) else t,
                      t[:-3] if t.endswith("ing") else t, t[:-1] if t.endswith("d") else t}
        return any(len(c) > 1 and c in words for c in candidates)

    return is_word


def strip_accents_for_key(text: str) -> str:
    """Lower-case, accent-free, single-spaced form used to compare short strings (titles, lines)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return collapse_spaces("".join(c for c in decomposed if not unicodedata.combining(c))).lower()

"""Small pure functions over text: markup, line breaks, hyphens, whitespace.

Each takes a string (or a list of lines) and returns the cleaned value; options are keyword-only.
They are composed by :mod:`pipeline.clean`, which decides what a document's header and tail are.
"""
from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Sequence

import ftfy

# Every pattern here runs in time linear in its input (hostile dumps hold megabytes of "*a " or
# "[[[["): brackets and parentheses cannot nest inside a link's text or URL, so a failed match
# stops at the next bracket instead of scanning to the end of the text from every "[".
RE_IMAGE = re.compile(r"!\[[^\[\]]*\]\((?:[^()]|\([^()]*\))*\)")
RE_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
RE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
RE_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
#: Emphasis marks, tried in this order at each opening mark (see :func:`strip_emphasis`).
EMPHASIS_MARKS = ("**", "__", "*")
RE_EMPHASIS_OPEN = re.compile(r"\*|__")
RE_EMPHASIS_CLOSE = {mark: re.compile(rf"(?<=\S)(?={re.escape(mark)})") for mark in EMPHASIS_MARKS}
RE_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RE_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
RE_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25cf]|\d{1,3}[.)])\s+")
RE_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
# The look-behind and the possessive "++" keep the search linear on a line of 100,000 letters.
RE_HYPHEN_BREAK = re.compile(r"(?<![A-Za-z])([A-Za-z]++)-$")
RE_WORD_START = re.compile(r"^([A-Za-z]+)")
RE_WORD = re.compile(r"\w+")
RE_HYPHENATED = re.compile(r"\b(\w++)-(?=(\w+))")
RE_URL_START = re.compile(r"https?://|www\.", re.I)
#: Longest run of marks (characters neither letters, digits nor spaces) kept in a clean text.
RUN_LIMIT = 20
RE_LONG_RUN = re.compile(rf"(?:[^\w\s]|_){{{RUN_LIMIT + 1},}}+")
#: Longest stretch of text without a space kept whole in a clean text (a long URL is ~500).
WORD_LIMIT = 1000
RE_LONG_WORD = re.compile(rf"(?<!\S)\S{{{WORD_LIMIT + 1},}}+")

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
    return strip_emphasis(text)


def strip_emphasis(text: str) -> str:
    """``**bold**``, ``__bold__`` and ``*italic*`` lose their marks; a span never crosses a line.

    A span opens at a mark followed by a non-space and closes at the first same mark after a
    non-space, as the lazy regex ``(\\*\\*|__|\\*)(?=\\S)(.+?)(?<=\\S)\\1`` would match it. That regex
    scans to the line's end from every unclosed mark (quadratic on "*a " repeated); here each
    closing mark is looked up in the line's sorted list of them, so the time is linear.
    """
    return "\n".join(map(strip_emphasis_line, text.split("\n")))


def strip_emphasis_line(line: str) -> str:
    """:func:`strip_emphasis` on one line."""
    if "*" not in line and "__" not in line:
        return line
    closers = {mark: [m.start() for m in RE_EMPHASIS_CLOSE[mark].finditer(line)] for mark in EMPHASIS_MARKS}
    if not any(closers.values()):
        return line
    parts: list[str] = []
    done = at = 0
    while opening := RE_EMPHASIS_OPEN.search(line, at):
        at = opening.start()
        span = emphasis_at(line, at, closers)
        if span is None:
            at += 1
            continue
        start, end, width = span
        parts += [line[done:at], line[start:end]]
        done = at = end + width
    return "".join(parts) + line[done:]


def emphasis_at(line: str, at: int, closers: dict[str, list[int]]) -> tuple[int, int, int] | None:
    """``(start, end, mark width)`` of the emphasised words whose mark opens at ``at``, if any."""
    for mark in EMPHASIS_MARKS:
        start = at + len(mark)
        if not line.startswith(mark, at) or start >= len(line) or line[start].isspace():
            continue
        ends = closers[mark]
        i = bisect.bisect_left(ends, start + 1)
        if i < len(ends):
            return start, ends[i], len(mark)
    return None


def cut_runs(text: str) -> str:
    """Cut every run of more than :data:`RUN_LIMIT` marks in a row to its first RUN_LIMIT.

    spaCy's English tokenizer peels a word's leading and trailing marks one at a time, in time
    quadratic in their number: 8,000 "&" (or "(", or "'—" repeated) take 5 s, 200,000 do not
    finish. Prose never needs more than a few marks in a row ('..."', "?!)"), and a rule of
    dashes or a table's "|---|---|" loses nothing by being shorter.
    """
    return RE_LONG_RUN.sub(lambda m: m.group()[:RUN_LIMIT], text)


def break_long_words(text: str) -> str:
    """Put a space after every :data:`WORD_LIMIT` characters of a longer stretch without one.

    spaCy's tokenizer strips a word's affixes one at a time, each time searching the rest of the
    word: a 100,000-character URL-like word takes seconds, and twice that four times as long.
    No character is lost.
    """
    def pieces(m: re.Match) -> str:
        word = m.group()
        return " ".join(word[i:i + WORD_LIMIT] for i in range(0, len(word), WORD_LIMIT))

    return RE_LONG_WORD.sub(pieces, text)


def collapse_spaces(text: str) -> str:
    """Runs of spaces, tabs and Unicode spaces become one space; ends are stripped."""
    return RE_SPACES.sub(" ", text).strip()


def ends_in_url(line: str) -> bool:
    """Does the line's last word hold a URL ("... downloaded from https://x.org/a-")?

    Looked for in the last word alone: a regex anchored at the line's end would rescan the rest
    of the line from every "www." in it.
    """
    words = line.rsplit(maxsplit=1)
    return bool(words and RE_URL_START.search(words[-1]))


def tidy_paragraph(paragraph: str) -> str:
    """A paragraph as the clean text holds it: :func:`cut_runs`, :func:`break_long_words` and
    :func:`collapse_spaces`, so that spaCy's tokenizer takes time linear in its length, and
    :func:`space_after_quotes`."""
    return space_after_quotes(collapse_spaces(break_long_words(cut_runs(paragraph))))


#: A closing quotation mark after a sentence's end, glued to the next sentence's first word.
RE_GLUED_QUOTE = re.compile(r"(?<=[.!?,][\u201d\u2019\"])(?=[A-Z\u201c])")


#: A sentence's end glued to the next sentence's first word, as pages that lose their paragraph breaks
#: print them ('in Sindh province.The separatist group'): three lower-case letters or digits before the
#: stop (not "U.S.", "Mr."), a capitalised word and a space after it (not a site's name, "News.Az").
RE_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9]{3}[.!?])(?=[A-Z][a-z]*\s)")


def space_after_quotes(paragraph: str) -> str:
    """Put back the space a web page lost between a closing quotation mark and the next sentence
    ('police."It happened', 'critical condition.\u201dAl Jazeera reported'), or between a full stop and
    the next sentence ('the attack.In a statement'): glued, the two are one word to the tokenizer, and
    the next sentence's first name is cut in half."""
    return RE_GLUED_SENTENCE.sub(" ", RE_GLUED_QUOTE.sub(" ", paragraph))


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


def settle_hyphen(head_line: str, tail_line: str, *, keep_hyphen: Callable[[str, str], bool]) -> str:
    """The line ending in ``word-`` that ``tail_line`` continues, its hyphen kept only if it is real."""
    head_word = RE_HYPHEN_BREAK.search(head_line).group(1)
    tail_word = RE_WORD_START.match(tail_line).group(1)
    return head_line[:-1] + ("-" if keep_hyphen(head_word, tail_word) else "")


def unwrap(lines: list[str], *, keep_hyphen: Callable[[str, str], bool]) -> list[str]:
    """Turn one block of lines into paragraphs.

    Wrapped lines are joined (with :func:`settle_hyphen` at a line-end hyphen). A new paragraph
    starts at a list bullet, or after a line that ends a sentence well short of the wrap width
    (the last line of a paragraph in a hard-wrapped dump). Each paragraph is collected as a list of
    its lines and joined once, and only a paragraph's last line is searched for a hyphen, so a
    paragraph of thousands of lines takes time linear in its length.
    """
    lines = [line.rstrip() for line in lines]
    if not is_hard_wrapped(lines):
        return [line.strip() for line in lines]
    width = statistics.quantiles([len(line) for line in lines], n=10)[-1] if len(lines) > 2 else max(map(len, lines))
    paragraphs = [[lines[0].strip()]]
    for prev, line in zip(lines, lines[1:]):
        line = line.strip()
        parts = paragraphs[-1]
        if (len(prev) < 0.75 * width and RE_SENTENCE_END.search(prev)) or RE_BULLET.match(line):
            paragraphs.append([line])
        elif RE_HYPHEN_BREAK.search(parts[-1]) and RE_WORD_START.match(line):
            parts[-1] = settle_hyphen(parts[-1], line, keep_hyphen=keep_hyphen)
            parts.append(line)
        else:
            parts += [" ", line]
    return ["".join(parts) for parts in paragraphs]


#: A paragraph's end that closes a sentence, a quotation, a heading's colon or a bracket.
RE_CLOSED = re.compile(r"[.!?:;\u2026\"\u201d\u2019')\]]\s*$")


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraphs a dump broke inside a sentence put back together: one that ends without a sentence's
    end, followed by one that opens in lower case ("At least eighteen people were killed and" /
    "over hundred injured in twin bomb blasts ..."), as a hard-wrapped dump with blank lines between
    its lines gives them; not a byline ("by The Associated Press") under a headline."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and breaks_off(out[-1], paragraph):
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
    return out


def breaks_off(before: str, after: str) -> bool:
    """Does ``after`` go on with the sentence ``before`` leaves open (:func:`join_broken_paragraphs`)?"""
    return after[:1].islower() and not RE_CLOSED.search(before) and not after.startswith("by ")


def hyphen_rule(document: str, *, is_word: Callable[[str], bool]) -> Callable[[str, str], bool]:
    """Build the decision ``keep_hyphen(head, tail)`` for line-end hyphens of one document.

    In order: the document's own spelling elsewhere decides (a word starting "head-tail", else
    one starting "headtail"); a known prefix ("co", "non") or a number keeps the hyphen; a joined
    form that is a dictionary word while the two halves are not both words loses it
    ("ter-rorist"); anything else keeps it, so no letter is ever lost. The document's words are
    indexed once, so each decision is a lookup rather than a search of the whole document.
    """
    folded = document.lower()
    words = sorted({m.group() for m in RE_WORD.finditer(folded)})
    followers: dict[str, set[str]] = {}
    for m in RE_HYPHENATED.finditer(folded):
        followers.setdefault(m.group(1), set()).add(m.group(2))
    after = {head: sorted(tails) for head, tails in followers.items()}

    def keep_hyphen(head: str, tail: str) -> bool:
        if has_prefix(after.get(head.lower(), ()), tail.lower()):
            return True
        if has_prefix(words, f"{head}{tail}".lower()):
            return False
        if head.lower() in HYPHEN_PREFIXES or head.isdigit():
            return True
        if is_word(f"{head}{tail}".lower()) and not (is_word(head) and is_word(tail)):
            return False
        return True

    return keep_hyphen


def has_prefix(ordered: Sequence[str], prefix: str) -> bool:
    """Does any string of the sorted sequence ``ordered`` start with ``prefix``?"""
    i = bisect.bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


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

"""Find an article's header in a raw dump: title, section kicker, dateline.

Two layouts are recognised. PDF-to-markdown converters write the header as ``<span>`` lines with
font sizes: the largest is the headline (its wrapped remainder follows on plain lines), a smaller
one before it is the kicker ("Asia | Terror trade"), a small one after it holding a date is the
dateline. Plain text and saved web pages start with a headline line, sometimes repeated, and may
carry a dateline line under it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import dateparser

from pipeline.date_words import WEEKDAYS
from pipeline.furniture import RE_TITLE_START, wiki_heading
from pipeline.text import RE_SENTENCE_END, strip_accents_for_key, strip_markup

# The span's attributes and its font size are matched apart, and a title's closing "#"s are
# stripped by str.rstrip: one regex for both backtracks quadratically on a long hostile line.
RE_SPAN_LINE = re.compile(r"^\s*<span\b([^>]*)>(.*?)</span>\s*$", re.I)
RE_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d*)?|\.\d+)\s*pt", re.I)
RE_MD_TITLE = re.compile(r"^\s{0,3}#\s+(\S.*)$")
RE_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
RE_DATELINE_PREFIX = re.compile(r"^\s*(published|updated|posted|last updated|date)\b\s*(on|at)?\s*:?\s*", re.I)
#: What ends a source's name before a date on one line: a comma or a dash between spaces.
RE_SOURCE_BEFORE_DATE = re.compile(r",\s+|\s[-\u2013\u2014\u00b7]\s")
RE_TITLE_END = re.compile(r"[.,;:]$")
#: The most words of a source's name before a date ("The Daily Star, 2023-03-07"): more are a sentence.
SOURCE_WORDS = 6
#: A place's name before a date that opens with its day, a space between: "Islamabad 23-Jun-2017".
RE_PLACE_BEFORE_DATE = re.compile(r"^(?:[A-Z][A-Za-z.'\u2019-]+\s+){1,3}(?=\d{1,2}\b)")
#: An ISO date, with the time of a timestamp if any: "2022-08-20", "2022-08-20T13:43:33+05:00".
ISO_STAMP = r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
#: An ISO date or timestamp opening a line, a byline after it: "2022-08-20T13:43:33+05:00 News Desk".
RE_ISO_LEAD = re.compile(r"^" + ISO_STAMP + r"(?=\s|$)")
#: A date stamp glued to the front of the body's first line, as text saved from a page's metadata
#: may start: "date 2023-07-21 PESHAWAR - Six policemen ...", "Published: 2024-03-02T10:00Z Two ...".
RE_LEAD_STAMP = re.compile(r"^\s*(?:(?:published|updated|posted|date)\b\s*(?:on|at)?\s*:?\s*)?" + ISO_STAMP
                           + r"\s+(?=\S)", re.I)
#: How many words must follow such a stamp on its line for it to be a body's (fewer: a dateline line).
STAMPED_BODY_WORDS = 9
#: A stamp after a byline on one line: "BR Web Desk Published January 28, 2025 Updated January 28, 2025 05:52pm".
RE_STAMP = re.compile(r"\b(?:published|posted)\b\s*(?:on)?\s*:?\s*(.+?)(?=\s+(?:updated|last updated|modified)\b|$)", re.I)
#: A wire dateline: a place in capitals or title case (and its country), a full date, an optional
#: agency in parentheses, then a dash or colon: "QUETTA, February 4, 2025 —", "Kabul, 4 Feb 2025 (AFP):".
WIRE_PLACE = (r"^\s*[A-Z][A-Za-z.'\u2019-]{1,25}(?:[ -][A-Z][A-Za-z.'\u2019-]{1,25}){0,3}(?:,\s*[A-Z][A-Za-z]{1,20}"
              r"(?:\s[A-Z][A-Za-z]{1,20})?)?,\s*")
#: A dateline's full date ("Feb. 4, 2025", "4 Feb 2025"), then an optional agency in parentheses.
DATELINE_DATE = (r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
                 r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})\s*(?:\([^()]{1,40}\)\s*)?")
RE_WIRE_DATELINE = re.compile(WIRE_PLACE + DATELINE_DATE + r"(?:[:\u2014\u2013|/]|--?\s)")
#: A dateline of a full date alone opening the body, before a dash: "June 11, 2021 – Three labourers ...",
#: "4 Feb 2025 (AFP) — ...".
RE_DATE_DATELINE = re.compile(r"^\s*" + DATELINE_DATE + r"[\u2014\u2013-]{1,2}\s+(?=[A-Z\"\u201c])")
#: A wire dateline with a day but no year, and the agency: "Islamabad, Sep 29 (EFE).-", "PESHAWAR, Jan 21 (Reuters) -".
RE_WIRE_DAY = re.compile(
    WIRE_PLACE + r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)\s*\([^()]{1,40}\)\s*\.?"
    r"\s*(?:[:\u2014\u2013|/]|--?)")
#: A full date anywhere in the text: "28 September 2023", "Sept. 28, 2023".
RE_FULL_DATE = re.compile(r"\b(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})\b")
#: The credit that closes a photo's caption: "PHOTO: REUTERS", "Photo: AFP", "(AFP Photo)", "EPA/NAME",
#: "— AFP/File".
RE_CAPTION_CREDIT = re.compile(r"(?:\b(?:PHOTO|Photo|Image|Picture)\s*:\s*\S[^.]{0,60}|\((?:AFP|AP|Reuters|EPA|Xinhua)"
                               r"[^()]{0,30}\)|[A-Z]{2,}\s?/\s?[A-Z][\w .-]{1,40})\s*\.?\s*$")
#: A weekday name before a numeric date ("Thu, 08-09-2022"), and the date, day and month in either order.
RE_WEEKDAY = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b\.?,?", re.I)
RE_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b")
#: A date written with dots, day first: "12.03.2024".
RE_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
#: What marks a line of a page's bar rather than a sentence: a separator ("|", "/", "•", "·"), a clock
#: time, or a byline's "By" or "Written by" before the date.
RE_BAR_MARKS = re.compile(r"\||\s[/\u2022\u00b7]\s|\b\d{1,2}[:.]\d{2}\b|^\s*(?:written |posted |story )?by\s", re.I)
#: How many days before a yearless dateline's day a full date of the text may lie to give it its year.
YEAR_FROM_DAYS = 31

#: How many lines from the top a header can reach.
HEADER_LINES = 15
#: How many non-blank lines after the headline a dateline or a repeated headline may stand.
AFTER_TITLE = 5
DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
                       "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass
class Header:
    """What the top of a dump says about the article, and which lines it took."""

    title: str | None = None
    section: str | None = None
    published: dt.date | None = None
    consumed: set[int] = field(default_factory=set)
    #: Where ``published`` was read: "dateline" (a date line or a wire dateline), or "caption" (the
    #: full date of a photo caption at the top, when nothing else dates the article).
    date_from: str = "dateline"
    #: Lines whose leading date stamp the header took, by index: what is left of each.
    rewritten: dict[int, str] = field(default_factory=dict)

    def body(self, lines: list[str]) -> list[str]:
        """The lines that are not the header's, as the header left them."""
        return [self.rewritten.get(i, line) for i, line in enumerate(lines) if i not in self.consumed]


def read_span(line: str) -> tuple[float, str] | None:
    """``(font size, inner text)`` of a line that is one ``<span>`` with a font size, else None."""
    m = RE_SPAN_LINE.match(line)
    size = m and RE_FONT_SIZE.search(m.group(1))
    return (float(size.group(1)), m.group(2)) if size else None


def is_table_row(line: str) -> bool:
    """A Markdown table row ("| Date | Place |") or its separator ("|---|:--:|")."""
    line = line.strip()
    if len(line) >= 2 and line[0] == line[-1] == "|":
        return True
    return "|" in line and "-" in line and not line.strip("|-: \t")


@lru_cache(maxsize=4096)
def parse_dateline(line: str) -> dt.date | None:
    """A full calendar date if the short line is nothing but one ("August 21st 2025").

    A table row is never a dateline, even when a cell holds a date.
    """
    if is_table_row(line):
        return None
    line = strip_markup(line).strip(" |-\u2013\u2014\u00b7")
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()  # "(Last Updated On: January 3, 2018)"
    if not line or len(line) > 120 or not RE_YEAR.search(line):
        return None
    # "January 24, 2024 03:26 pm | Updated 03:26 pm IST - Peshawar"; a byline before the stamp: "BR Web
    # Desk Published January 28, 2025 Updated ..."; a source before the date: "The Daily Star,
    # 2023-03-07", "Reuters - 7 March 2023"
    unstamped = RE_DATELINE_PREFIX.sub("", line)  # "date 2023-03-09 (Last Updated On: March 9, 2023)"
    if (iso := RE_ISO_LEAD.match(unstamped)) and len(unstamped.split()) <= 8:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            pass
    if (day := weekday_numeric_date(line)) is not None:
        return day
    if (dotted := RE_DOTTED_DATE.search(line)) and len(line.split()) <= 4:
        day, month, year = (int(g) for g in dotted.groups())  # "Date: 12.03.2024": day first, as Europe
        try:  # and South Asia write it
            return dt.date(year, month, day)
        except ValueError:
            return None
    if RE_BAR_MARKS.search(line) and len(dates := RE_FULL_DATE.findall(line)) == 1 and len(line.split()) <= 16 \
            and not captioned(line):
        return full_date(dates[0])  # a byline's bar: "Daily Wire | @dailywire | 4 Mar 2021, 09:15 am Print",
        # "By Sana Malik March 12, 2024 10:15 am", "Tuesday 12 March 2024 10:15, UK"
    stamps = [m.group(1) for m in RE_STAMP.finditer(line)]
    placed = RE_PLACE_BEFORE_DATE.sub("", line)  # "Islamabad 23-Jun-2017"
    source = RE_SOURCE_BEFORE_DATE.split(line, maxsplit=1)
    after_source = source[1:] if len(source[0].split()) <= SOURCE_WORDS else []  # not "... on Monday, Dec. 6, 2021."
    for part in [line, *line.split("|"), *stamps, *after_source, placed]:
        part = RE_DATELINE_PREFIX.sub("", part.strip())
        if not part or len(part) > 60 or len(part.split()) > 8 or not RE_YEAR.search(part):
            continue
        parsed = dateparser.parse(part, languages=["en"], settings=DATEPARSER_SETTINGS)
        if parsed is not None:
            return parsed.date()
    return None


#: A stamp line's opening word: "First Published:", "Updated:", "Posted on".
RE_STAMP_WORD = re.compile(r"^\s*(?:first |last )?(?:published|updated|posted|modified)\b", re.I)
#: The most words of a stamp line.
STAMP_WORDS = 12


def stamp_line(line: str) -> bool:
    """A line that is a page's publication or update stamp and nothing else ("First Published: Mar 12,
    2024 10:15 IST", "Updated: 12 March 2024"), wherever it stands: furniture in the body."""
    return bool(RE_STAMP_WORD.match(line)) and len(line.split()) <= STAMP_WORDS and parse_dateline(line) is not None


def captioned(line: str) -> bool:
    """Is the line a photo's caption: a sentence, then its credit ("... 27 October 2022. EFE-EPA/A. Khan")?"""
    credit = RE_CAPTION_CREDIT.search(line)
    return credit is not None and line[:credit.start()].rstrip().endswith(".")


def weekday_numeric_date(line: str) -> dt.date | None:
    """The date of a numeric stamp whose order of day and month the weekday before it settles: "Thu,
    08-09-2022 10:15 AM" is 8 September (a Thursday), not 9 August (a Tuesday), which dateparser's
    month-first reading gives; None when the line has no weekday, no such stamp, or no order fits."""
    weekday, stamp = RE_WEEKDAY.search(line), RE_NUMERIC_DATE.search(line)
    if weekday is None or stamp is None or weekday.end() > stamp.start():
        return None
    first, second, year = (int(g) for g in stamp.groups())
    wanted = next(number for name, number in WEEKDAYS.items() if name.startswith(weekday.group(1).lower()))
    fits = set()
    for day, month in ((first, second), (second, first)):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date.weekday() == wanted:
            fits.add(date)
    return fits.pop() if len(fits) == 1 else None


def read_header(lines: list[str], *, title: str | None = None) -> Header:
    """Find the header of a dump given as lines; ``title`` is a title already known (JSONL, HTML)."""
    spans = [(i, span[0], strip_markup(span[1]).strip())
             for i, span in ((i, read_span(line)) for i, line in enumerate(lines[:HEADER_LINES])) if span]
    if spans and title is None:
        return span_header(lines, spans)
    return plain_header(lines, title=title)


def span_header(lines: list[str], spans: list[tuple[int, float, str]]) -> Header:
    """Header of a PDF-to-markdown dump, read from the font sizes of its ``<span>`` lines."""
    head = Header()
    title_at, _, title = max(spans, key=lambda s: s[1])
    head.consumed.add(title_at)
    parts = [title]
    for i in range(title_at + 1, len(lines)):  # the headline's wrapped remainder
        if not lines[i].strip() or read_span(lines[i]):
            break
        parts.append(strip_markup(lines[i]).strip())
        head.consumed.add(i)
    head.title = " ".join(parts)
    kickers = [text for i, _, text in spans if i < title_at and text]
    head.section = " / ".join(kickers) or None
    head.consumed.update(i for i, _, _ in spans if i < title_at)
    for i, _, text in spans:
        if i > title_at and (date := parse_dateline(text)):
            head.published = date
            head.consumed.add(i)
            break
    return head


def plain_header(lines: list[str], *, title: str | None = None) -> Header:
    """Header of a plain dump: a headline line (dropped where repeated) and maybe a dateline."""
    head = Header(title=title)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return head
    first = filled[0]
    if stamped := lead_stamp(lines[first]):
        head.published, rest = stamped
        head.rewritten[first] = rest
        lines = [*lines[:first], rest, *lines[first + 1:]]
    if title is None:
        at = first if first in head.rewritten else title_line(lines, filled)
        above = [i for i in filled if i < at and not parse_dateline(lines[i])]
        if above:  # "Crime" above the headline (a site's name above it): the last is its section
            label = strip_markup(lines[above[-1]]).strip()
            head.section = label if any(ch.isalpha() for ch in label) else None
            head.consumed.update(above)
        if (candidate := headline(lines[at])) and len(filled) > 1 and not parse_dateline(lines[at]):
            head.title = crumbs_off(candidate, [headline(lines[i]) for i in filled if i > at][:1])
            if head.title != candidate:
                head.consumed.add(at)  # the breadcrumb's line goes with it
        elif at == first and (stamped := stamped_headline(lines[first])):
            head.published, head.title = stamped  # " date 2021-09-06 Taliban say new cabinet is near"
            head.consumed.add(first)
    window = filled[: AFTER_TITLE + 2]
    if head.title is not None:
        key = strip_accents_for_key(head.title)
        head.consumed.update(i for i in window if strip_accents_for_key(headline(lines[i]) or "") == key)
    printed = print_note(lines)  # "Published in Dawn, March 12th, 2024" under the article
    if printed is not None:
        head.consumed.add(printed[0])
        head.published = head.published or printed[1]
    if head.published is not None:
        return head
    dated = {i: date for i in window if i not in head.consumed and (date := parse_dateline(lines[i]))}
    if dated:  # a site's bar of the day it was read ("Tuesday August 16, 2022") above the article's own
        head.published = min(dated.values())  # date: the article's is the earlier
        head.consumed.update(dated)
        return head
    for i in window:  # a wire dateline opening the body: "QUETTA, February 4, 2025 (AP) —"; the text stays
        if i not in head.consumed and (date := wire_date(lines[i])):
            head.published = date
            return head
    for i in window:  # "Islamabad, Sep 29 (EFE).-": the year of a full date the text gives just before
        if i not in head.consumed and (date := yearless_wire_date(lines[i], lines)):
            head.published = date
            return head
    return head


#: The most words of a breadcrumb glued before the headline it repeats ("Home Latest News <headline>").
CRUMB_WORDS = 4


def crumbs_off(title: str, following: list[str | None]) -> str:
    """The headline without the breadcrumb a saved page glued before it, when the next line repeats
    the headline alone ("Home Latest News Militants Attack ..." over "Militants Attack ...")."""
    title = without_site(title)
    below = following[0] if following else None
    if below and dashless(below) == dashless(title):
        return below  # the page's own headline, its dashes as printed ("Residents \u2013 Governor")
    if below and len(below) < len(title) and title.endswith(below) and 0 < len(title[:-len(below)].split()) <= CRUMB_WORDS:
        return below
    return title


def dashless(text: str) -> str:
    """The line for comparison, any dash read as a hyphen (its case as printed)."""
    return " ".join(re.sub(r"[\u2010-\u2015]", "-", text).split())


#: The most words of a site's name after the headline in a page's title ("... | Independent Newspapers Nigeria").
SITE_WORDS = 5


def without_site(title: str) -> str:
    """The headline without the site's name a page's title ends with after a bar ("Gunmen storm a post |
    The Daily Courier"), as trafilatura trims it; a dash is left alone ("Residents - Governor" is the
    headline's own)."""
    head, bar, tail = title.rpartition(" | ")
    if bar and len(head.split()) >= CRUMB_WORDS and 0 < len(tail.split()) <= SITE_WORDS and tail[:1].isupper():
        return head.strip()
    return title


#: The most words of a section's label above a headline ("Crime", "World News").
LABEL_WORDS = 2
#: The fewest words of a headline under such a label.
HEADLINE_MIN_WORDS = 4


def title_line(lines: list[str], filled: list[int]) -> int:
    """The line that holds the headline: the first filled one, unless it is a date line (" date
    2021-03-04 Open Menu") or a label of a word or two (a section's, "Crime"; or the site's name and then
    its section, "Frontier Post" / "World") with a longer headline next; then that one."""
    first = filled[0]
    k = 0
    while k < LABEL_LINES and k + 2 < len(filled) and (parse_dateline(lines[filled[k]]) or is_label(lines[filled[k]])):
        k += 1
    if k and full_headline(lines[filled[k]]) and not parse_dateline(lines[filled[k]]):
        return filled[k]
    return first


def full_headline(line: str) -> str | None:
    """The line as a headline that opens like one and has :data:`HEADLINE_MIN_WORDS` words or more, else None."""
    found = headline(line)
    return found if found and RE_TITLE_START.match(found) and len(found.split()) >= HEADLINE_MIN_WORDS else None


#: The most label lines (a site's name, a section) above a headline.
LABEL_LINES = 2


def is_label(line: str) -> bool:
    """A word or two with no digit (a section's label or a site's name), or a short trail of them
    ("News18 » World")."""
    parts = [p.split() for p in RE_TRAIL.split(line.strip())]
    if len(parts) > 1:
        return all(0 < len(p) <= LABEL_WORDS for p in parts)
    return 0 < len(line.split()) <= LABEL_WORDS and not any(ch.isdigit() for ch in line)


#: The marks between the parts of a site's trail of sections ("Home » World").
RE_TRAIL = re.compile(r"[»›]")


def stamped_headline(line: str) -> tuple[dt.date, str] | None:
    """The day and the headline of a date stamp and a headline on a line of their own (" date 2021-09-06
    Taliban say new cabinet is near"): a headline of at least :data:`HEADLINE_MIN_WORDS` words, else
    None (" date 2021-03-04 Open Menu")."""
    stamped = split_stamp(line)
    found = full_headline(stamped[1].strip()) if stamped else None
    if found and RE_FULL_DATE.match(found) and len(RE_FULL_DATE.sub("", found, count=1).split()) <= 1:
        return None  # " date 2021-03-03 March 3, 2021 14": the day again and a count of comments
    return (stamped[0], found) if found else None


#: A newspaper's note of the print edition an article ran in, under it: "Published in Dawn, March 12th, 2024".
RE_PRINT_NOTE = re.compile(r"^\s*[Pp]ublished in (?:[Tt]he )?[A-Z][\w .&'-]{1,40},\s*(?P<date>[^,]{3,20},?\s*\d{4})\.?\s*$")
#: How many filled lines from the bottom such a note may stand.
PRINT_NOTE_LINES = 6


def print_note(lines: list[str]) -> tuple[int, dt.date] | None:
    """The line of a print edition's note near the bottom and its day, or None."""
    filled = [i for i, line in enumerate(lines) if line.strip()][-PRINT_NOTE_LINES:]
    for i in reversed(filled):
        m = RE_PRINT_NOTE.match(strip_markup(lines[i]))
        if m and (day := full_date(re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", m.group("date")))) is not None:
            return i, day
    return None


def caption_date(lines: list[str]) -> dt.date | None:
    """The full date of a photo's caption near the top ("Policemen at the site of the blasts in Kabul on
    June 3, 2017. PHOTO: REUTERS"), read before the boilerplate patterns drop such a line: the day of the
    article where nothing else dates it."""
    for line in [line for line in lines if line.strip()][: AFTER_TITLE + 2]:
        found = RE_FULL_DATE.findall(line) if RE_CAPTION_CREDIT.search(line) else []
        if found and (date := full_date(found[0])):
            return date
    return None


def lead_stamp(line: str) -> tuple[dt.date, str] | None:
    """The date of an ISO stamp that opens a line of body text, and the line without it; None when the
    line is no more than a stamp and a byline (:func:`parse_dateline` reads those) or the day is none."""
    stamped = split_stamp(line)
    return stamped if stamped and len(stamped[1].split()) >= STAMPED_BODY_WORDS else None


def split_stamp(line: str) -> tuple[dt.date, str] | None:
    """The day of an ISO stamp that opens the line, and the rest of the line; None without one, or when
    the day is none ("2024-02-31")."""
    m = RE_LEAD_STAMP.match(line)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1)), line[m.end():]
    except ValueError:
        return None


def wire_date(line: str) -> dt.date | None:
    """The date of a wire-service dateline that opens a paragraph ("QUETTA, Pakistan, Feb. 4, 2025
    (Reuters) — ...", or the date alone: "June 11, 2021 – ..."), when it gives a full date; the place
    and the text are left as they are."""
    m = RE_WIRE_DATELINE.match(line) or RE_DATE_DATELINE.match(line)
    if not m:
        return None
    parsed = dateparser.parse(m.group("date").replace(".", ""), languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def yearless_wire_date(line: str, lines: list[str]) -> dt.date | None:
    """The day of a wire dateline that gives no year ("Islamabad, Sep 29 (EFE).-"), in the year of the
    latest full date of the text that lies up to ``YEAR_FROM_DAYS`` days before it (a photo caption's
    "28 September 2023"); None when the text gives no such date."""
    m = RE_WIRE_DAY.match(line)
    if not m:
        return None
    known = [d for d in (full_date(f) for text in lines for f in RE_FULL_DATE.findall(text)) if d is not None]
    days = []
    for seen, year in ((seen, year) for seen in known for year in (seen.year, seen.year + 1)):
        day = full_date(f"{m.group('date').replace('.', '')} {year}")  # "Jan 2" after "December 30, 2024"
        if day is not None and 0 <= (day - seen).days <= YEAR_FROM_DAYS:
            days.append(day)
    return max(days, default=None)


@lru_cache(maxsize=1024)
def full_date(text: str) -> dt.date | None:
    parsed = dateparser.parse(text.replace(".", ""), languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def headline(line: str) -> str | None:
    """The line as a headline, or None if it reads like body text or is a table row."""
    if is_table_row(line):
        return None
    m = RE_MD_TITLE.match(line)
    wiki = wiki_heading(line)
    text = strip_markup(m.group(1).rstrip().rstrip("#") if m else wiki[1] if wiki is not None else line).strip()
    m = m or wiki is not None
    if not 3 <= len(text) <= 200 or RE_TITLE_END.search(text) or text[0].islower():
        return None
    if not m and RE_SENTENCE_END.search(text) and len(text.split()) > 12:
        return None
    return text

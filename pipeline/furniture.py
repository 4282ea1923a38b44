"""Site furniture in text dumps: what a web page saved as text keeps besides its article.

A page saved with a browser's "save as text" (or copied from one) keeps the site's furniture as
lines of their own: "Skip to content", font-size widgets ("A A A"), relative timestamps ("2 hours
ago"), bylines and agency lines, share prompts, photo captions repeated under the picture, a sidebar
of other headlines in the middle of the article, scripts that leaked into the text. MediaWiki-style
text keeps "= Title =" and "== Section ==" lines. Each function here decides on one line (or a run
of lines) from its own form, as jusText and trafilatura do for HTML blocks (length, sentence
punctuation, link-like capitalised phrases, code marks); the site-specific phrases are patterns
of ``configs/clean.yml``. Measured against jusText 3.0 (in the lock, with trafilatura) on a short
wire story saved as text, each line wrapped as an HTML paragraph: with its default settings it classed
every line "bad", the article's too (its paragraphs of 100-200 characters are under its "good"
length), so it is not used for text dumps; trafilatura already reads the ``.html`` inputs.
"""
from __future__ import annotations

import re

from pipeline.text import RE_SENTENCE_END

#: A MediaWiki heading line: "= Title =", "== Background ==", "=== Aftermath ===".
RE_WIKI_HEADING = re.compile(r"^\s*(={1,6})\s*([^=].*?)\s*\1\s*$")
#: A relative or stamped time standing alone: "2 hours ago", "Updated 5 mins ago", "10:32 AM PKT".
RE_TIME_STAMP = re.compile(
    r"^(?:(?:updated|posted|published|last updated)\s*:?\s*)?(?:(?:an?|\d{1,3})\s+"
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?)\s+ago"
    r"|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)\s*$", re.I)
#: Font-size and text-size widgets: "A A A", "A- A+", "Font Size", "Text size: Small Medium Large".
RE_SIZE_WIDGET = re.compile(r"^(?:(?:a[+-]?\s*){2,4}|(?:font|text)\s+size\b.{0,40})$", re.I)
#: Marks of program code that leaked into a page's text.
RE_CODE_MARK = re.compile(r"[{};]|=>|\bfunction\s*\(|\bvar\s+\w+\s*=|\bdocument\.\w+|\bwindow\.\w+")
#: A byline: "By RIAZ KHAN", "By Staff Reporter | Dawn", "By Jane Doe and John Roe".
RE_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|and|&|,|\|))*\s*$")
#: How a title opens: a capital, a digit or a quotation mark.
RE_TITLE_START = re.compile(r"^[A-Z0-9\u201c\u2018\"']")
#: A list item: "- ", "* ", "• ", "1. ", "2) ".
RE_LIST_ITEM = re.compile(r"^(?:[-*\u2022\u25aa\u2013]\s|\d{1,2}[.)]\s)")
#: A teaser cut short: "Pakistan may not be relevant for the Trump administration, which has..."
RE_TEASER_CUT = re.compile(r"(?:\.\.\.|\u2026)\s*$")

#: A link to the story before or after on the site; the headline under it is that story's.
RE_NEIGHBOUR_LINK = re.compile(r"^\s*(?:previous|prev|next|older|newer)\s+(?:article|post|story|news|item)\s*[:»›>]*\s*$", re.I)

#: A photo's caption: a sentence, then its credit, a name or an agency, a slash and a name or agency
#: ("... inside the mosque.\u2014Jane Roe / Daily Star", "... on Friday. (AP Photo/John Doe)",
#: "... in Kabul. EFE-EPA/A. KHAN", "... on Friday. (Jane Roe/ABC-EFE/REX/Photos)").
RE_CREDITED_CAPTION = re.compile(r"[.!?\"\u201d]\s*(?:[\u2014\u2013-]\s*)?\(?[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}\s?/\s?"
                                 r"[A-Z][^!?/]{1,40}(?:/[A-Z][^!?/]{1,30}){0,3}$")
#: A caption of one sentence closed by an agency's credit after a dash, in brackets or after "PHOTO:"
#: ("... after the attack. -AFP", "... the shrine. —APP", "... announced the death of X [File: AP]",
#: "... near the capital. PHOTO: AFP", "... in Kabul. Photograph: Jane Roe/Reuters", "... on Tuesday.—Courtesy
#: Rescue 1122"); an article's own sign-off comes after a paragraph that says who said it.
RE_AGENCY_CAPTION = re.compile(r"^[A-Z\"\u201c][^.!?]{10,300}[.!?]?\s*(?:[\u2014\u2013-]\s?(?:AFP|APP|AP|Reuters|REUTERS|PTI|IANS|"
                               r"EPA|Xinhua|ANI|INP|NNI|(?:[Pp]hoto )?[Cc]ourtesy [A-Z][\w .&-]{1,40})|"
                               r"\[(?:File:?\s*)?(?:AFP|AP|Reuters|Getty Images|EPA)\]|"
                               r"(?:PHOTO|Photo|Photograph|Picture|Image):\s*[A-Z][\w./ -]{1,40})\s*$")
#: Words of telling: a line with one ends an article's paragraph, however credited ("..., he said. -AFP").
RE_TELLING = re.compile(r"\b(?:said|says|told|added|stated|according)\b")
#: A caption's credit after a bar: "... after the blast in Sopore | Photo from AP", "| Image: Reuters".
RE_BAR_CREDIT = re.compile(r"\|\s*(?:photo|image|picture|file photo)s?\s*(?:from|by|:|courtesy(?: of)?)\s*[A-Z][\w .&/-]{1,40}$",
                           re.I)
#: The most words of a caption.
CAPTION_WORDS = 90


#: A caption's credit after its last sentence, an agency or a photographer alone: "... on Sunday. (ABC)",
#: "... in the capital. / AP", "... on April 18. Jane Roe, REUTERS". An article's paragraph may end with
#: its agency's mark too ("... he said. (PTI)"): :func:`drop_captions` looks only near the top.
RE_TRAILING_CREDIT = re.compile(r"[.!?\"\u201d]\s+(?:\([A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,3}\)"
                                r"|/\s?[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2}"
                                r"|[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){1,2},\s[A-Z]{2,12})\s*$")
#: A wire photo's caption closed by the day the picture was taken after a comma, the agencies' style
#: ("Police guard the gate of a prison in the city of X, Aug. 3, 2020."); prose puts "on" before a day, or a
#: weekday ("... on Monday, Dec. 6, 2021.").
RE_DATED_CAPTION = re.compile(r"(?<!day),\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s\d{1,2},\s(?:19|20)\d\d\.\s*$")
#: Where one sentence ends and the next begins, inside a paragraph.
RE_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z\"\u201c(/])")
#: How many paragraphs from the top a caption credited only by a name may stand.
CAPTION_TOP = 5


def is_caption(line: str) -> bool:
    """Is the line a photo's caption with its credit at the end? It tells what a picture shows (often
    the story again, or another day's scene): not the article's text. Its date may still date the
    article (:func:`pipeline.header.caption_date` reads it before the line goes)."""
    return len(line.split()) <= CAPTION_WORDS and (RE_CREDITED_CAPTION.search(line) is not None
                                                   or RE_BAR_CREDIT.search(line) is not None
                                                   or (RE_AGENCY_CAPTION.search(line) is not None
                                                       and RE_TELLING.search(line) is None))


#: An aggregator's mark of the feed an item came from, opening its first line (after a date stamp):
#: "(FEEDNAME- Some Wire Service) QUETTA, Jan 9 ...". Its hyphen is glued to the feed's name.
RE_SYNDICATION = re.compile(r"^(\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?)\([A-Z][A-Za-z]{2,15}-\s[^()]{2,40}\)\s*")


#: The link to a picture that a post embedded in a page leaves in its text ("... pic.twitter.com/AbC12 \u2014
#: Name (@name) May 4, 2023"): the post's words and its date stay, as a quotation and its day.
RE_POST_PICTURE = re.compile(r"\s*\bpic\.twitter\.com/\w+")


def without_feed_mark(line: str) -> str:
    """The line less an aggregator's feed mark at its start (:data:`RE_SYNDICATION`) and the picture
    links of embedded posts (:data:`RE_POST_PICTURE`)."""
    return RE_POST_PICTURE.sub("", RE_SYNDICATION.sub(r"\1", line, count=1))


#: An agency's mark closing the article's last sentence ("... the police said. (AP)"): its sign-off, no text.
RE_SIGN_OFF = re.compile(r"\s*\((?:[A-Z]{2,6}|Reuters|Xinhua|Agencies|agencies|Anadolu)\)\s*$")
#: A byline glued to its date by a page's layout ("Jane Roe3 March 2014"): the name, then the date.
RE_GLUED_BYLINE = re.compile(r"^(\s*[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){1,3})(\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\s*$")


def without_sign_off(paragraphs: list[str]) -> list[str]:
    """The paragraphs less an agency's sign-off at the end of the last one (:data:`RE_SIGN_OFF`)."""
    if paragraphs and (bare := RE_SIGN_OFF.sub("", paragraphs[-1])) != paragraphs[-1] and bare.strip():
        return [*paragraphs[:-1], bare]
    return paragraphs


def unglued(lines: list[str]) -> list[str]:
    """The lines with a byline glued to its date (:data:`RE_GLUED_BYLINE`) cut in two: the date then
    dates the article, and the name is left as a line of its own."""
    out = []
    for line in lines:
        m = RE_GLUED_BYLINE.match(line)
        out.extend([m.group(1), m.group(2)] if m else [line])
    return out


#: Lines a headline run (a sidebar of other articles' headlines) holds at least.
HEADLINE_RUN = 3
#: The most words a line of a headline run or a byline may have.
HEADLINE_WORDS = 16


def wiki_heading(line: str) -> tuple[int, str] | None:
    """The level and text of a MediaWiki heading line ("== Background ==": 2), else None."""
    m = RE_WIKI_HEADING.match(line)
    return (len(m.group(1)), m.group(2).strip()) if m else None


#: The fewest language names that make a run of them a menu of a site's editions.
MENU_NAMES = 4
#: A word written in Latin letters, inside a token ("മലയാളംMalayalam": "Malayalam").
RE_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def language_menu_start(line: str, names: frozenset[str]) -> int | None:
    """Where a menu of a site's editions in other languages begins, when one runs to the end of the
    line ("English हिन्दी Hindi বাংলা Bengali ... اردو Urdu"): a run of tokens each either language
    names in Latin letters (``names``, lower case) or a word in another script, holding at least
    :data:`MENU_NAMES` names; None when there is none."""
    tokens = list(re.finditer(r"\S+", line))
    start, count = None, 0
    for token in reversed(tokens):
        latin = RE_LATIN_WORD.findall(token.group())
        if latin and not all(word.lower() in names for word in latin):
            break
        if not latin and not any(ch.isalpha() for ch in token.group()):
            break
        count += len(latin)
        start = token.start()
    return start if start is not None and count >= MENU_NAMES else None


def is_furniture(line: str) -> bool:
    """A line that is page furniture by its form alone: a time stamp, a size widget, a byline, a
    line of code, a bare count (a comment counter "0")."""
    plain = line.strip()
    if not plain:
        return False
    if plain.isdigit() and len(plain) <= 3:  # a counter ("0" comments); a year may head a section
        return True
    if RE_TIME_STAMP.match(plain) or RE_SIZE_WIDGET.match(plain):
        return True
    if len(plain.split()) <= 8 and RE_BYLINE.match(plain):
        return True
    return is_code(plain)


def is_code(line: str) -> bool:
    """A line of script or style: three or more code marks, more of them than one in 40 characters,
    and a brace, an arrow or a keyword among them (semicolons alone are punctuation)."""
    marks = RE_CODE_MARK.findall(line)
    return len(marks) >= 3 and len(marks) * 40 > len(line) and any(m != ";" for m in marks)


def is_headline_like(line: str) -> bool:
    """A short line that opens like a title and closes with no sentence mark: a heading, a headline
    in a list of other articles, a menu entry. Table rows and list items are data, never headlines."""
    plain = line.strip()
    words = plain.split()
    if not 2 <= len(words) <= HEADLINE_WORDS or RE_SENTENCE_END.search(plain) or "|" in plain:
        return False
    return bool(RE_TITLE_START.match(plain)) and not RE_LIST_ITEM.match(plain)


def is_teaser(line: str) -> bool:
    """A line cut short with an ellipsis: the opening words of another article in a list."""
    return bool(RE_TEASER_CUT.search(line.strip())) and len(line.split()) >= 3


def drop_headline_runs(paragraphs: list[str]) -> list[str]:
    """Remove runs of :data:`HEADLINE_RUN` or more headline-like or teaser paragraphs in a row: the
    other articles a page lists beside or inside the article. A single heading stays (an article's
    own section heading); so do two in a row (a heading and a subheading)."""
    kept: list[str] = []
    run: list[str] = []
    for paragraph in [*paragraphs, ""]:
        if paragraph and (is_headline_like(paragraph) or is_teaser(paragraph)):
            run.append(paragraph)
            continue
        if len(run) < HEADLINE_RUN:
            kept.extend(run)
        run = []
        if paragraph:
            kept.append(paragraph)
    return kept


def drop_closing_list(paragraphs: list[str]) -> list[str]:
    """Remove a list of :data:`HEADLINE_RUN` or more headline-like items that closes the page after
    the article ("- Gunmen kill two in ...", "- Court bails ..."): the site's other stories. A list
    with prose after it, or whose items end like sentences, is the article's own."""
    start = len(paragraphs)
    while start > 0 and RE_LIST_ITEM.match(paragraphs[start - 1].strip()) \
            and is_headline_like(RE_LIST_ITEM.sub("", paragraphs[start - 1].strip())):
        start -= 1
    if len(paragraphs) - start >= HEADLINE_RUN and start > 0:
        return paragraphs[:start]
    return paragraphs


#: The fewest words of another article's headline set between two paragraphs of the article.
INSET_HEADLINE_WORDS = 8
#: Words a title leaves in lower case ("Minister Vows to Rebuild the Bridge in a Month").
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for",
                               "with", "from", "as", "into", "over", "after", "amid", "vs", "via"})


def title_cased(line: str) -> bool:
    """Is every word but the small ones capitalised ("Cabinet Approves New Tax Package Ahead Of Talks")?"""
    words = [w.strip("\"'\u2018\u2019\u201c\u201d()") for w in line.split()]
    words = [w for w in words if w and w[0].isalpha()]
    return bool(words) and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


def drop_inset_headlines(paragraphs: list[str]) -> list[str]:
    """Remove another article's headline that a page sets between two paragraphs of the article (a
    "see also" link): a title-cased line of :data:`INSET_HEADLINE_WORDS` words or more, with no sentence
    mark and a comma at most, after running text and with more running text in the two paragraphs
    after it. An article's own section headings are shorter, or written as sentences; a list of names
    under a photo has its commas."""
    kept = []
    for i, paragraph in enumerate(paragraphs):
        inset = (0 < i and is_prose(paragraphs[i - 1]) and any(map(is_prose, paragraphs[i + 1:i + 3]))
                 and is_headline_like(paragraph) and len(paragraph.split()) >= INSET_HEADLINE_WORDS
                 and paragraph.count(",") <= 1 and title_cased(paragraph))  # not a caption's list of names
        if not inset:
            kept.append(paragraph)
    return kept


def drop_repeats(paragraphs: list[str], *, window: int = 3) -> list[str]:
    """Remove a paragraph that repeats one of the ``window`` before it: a photo caption shown twice,
    a pull quote, a headline the page prints again above the body."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if paragraph in kept[-window:]:
            continue
        kept.append(paragraph)
    return kept


def portrait_pattern(titles: list[str]) -> re.Pattern[str] | None:
    """A line that is only a person's title and name ("Provincial Governor Jane Roe"): the caption of
    a portrait. ``titles`` are those of ``configs/clean.yml``'s ``portrait_titles``, any case."""
    if not titles:
        return None
    alternatives = "|".join(sorted((re.escape(t) for t in titles), key=len, reverse=True))
    return re.compile(r"^(?:[A-Z][\w'-]+\s){0,2}(?i:" + alternatives + r")(?:\s[A-Z][\w.'\u2019-]*){1,4}$")


def drop_captions(paragraphs: list[str], portrait: re.Pattern[str] | None = None) -> list[str]:
    """Remove photo captions that the line rules leave: near the top (:data:`CAPTION_TOP`), a paragraph
    of one or two sentences closed by a bare credit (:data:`RE_TRAILING_CREDIT`) with running text
    after it, and the same caption printed just before without its credit (the picture's text, then
    its caption); anywhere between two paragraphs of running text, a portrait's caption, a title and a
    name alone (``portrait``); anywhere, a sentence alone closed by ", <month> <day>, <year>." (a wire
    photo's caption, :data:`RE_DATED_CAPTION`)."""
    dropped: set[int] = set()
    for i, paragraph in enumerate(paragraphs):
        after = paragraphs[i + 1:i + 3]
        if (i < CAPTION_TOP and len(paragraph.split()) <= CAPTION_WORDS and RE_TRAILING_CREDIT.search(paragraph)
                and len(RE_SENTENCE_BREAK.findall(paragraph)) <= 2 and any(map(is_prose, after))):
            dropped.add(i)
        elif (portrait is not None and 0 < i and portrait.match(paragraph.strip())
              and is_prose(paragraphs[i - 1]) and any(map(is_prose, after))):
            dropped.add(i)
    for i in sorted(dropped):
        if i > 0 and i - 1 not in dropped and paragraphs[i].startswith(paragraphs[i - 1].rstrip()):
            dropped.add(i - 1)
    return [kept for i, p in enumerate(paragraphs) if i not in dropped and (kept := without_dated_captions(p))]


def without_dated_captions(paragraph: str) -> str:
    """The paragraph without its lines that are a wire photo's caption, a sentence alone closed by a day
    after a comma ("Troops stand guard outside the court in X, March 4, 2021.": :data:`RE_DATED_CAPTION`),
    nor the cut-off copy of one that a saved page may print under it."""
    lines = paragraph.split("\n")
    captions = [line.strip() for line in lines if RE_DATED_CAPTION.search(line) and not RE_SENTENCE_BREAK.search(line)
                and len(line.split()) <= CAPTION_WORDS]
    if not captions:
        return paragraph
    return "\n".join(line for line in lines if not any(
        c.startswith(line.strip()) and len(line.strip()) >= CUT_COPY_CHARS for c in captions)).strip()


#: The fewest characters of a line that is a caption's cut-off copy.
CUT_COPY_CHARS = 40


#: How many paragraphs from the top a page's lead or teaser, printed again in the body, may stand.
TEASER_TOP = 4


def drop_teasers(paragraphs: list[str], *, top: int = TEASER_TOP) -> list[str]:
    """Remove a paragraph of running text near the top that the body prints again further down, among
    more running text (a page's lead or teaser shown above the headline and the byline): the body's
    copy stays, in its place among the sentences it belongs to. A lead printed again at the very end
    (a summary box) stays at the top."""
    inside = {p for i, p in enumerate(paragraphs) if p in paragraphs[:i] and any(map(is_prose, paragraphs[i + 1:]))}
    return [p for i, p in enumerate(paragraphs) if not (i < top and p in inside and is_prose(p) and paragraphs.index(p) == i)]


def is_prose(line: str) -> bool:
    """A line of running text: twelve words or more, or eight and a closing sentence mark."""
    words = len(line.split())
    return words >= 12 or words >= 8 and bool(RE_SENTENCE_END.search(line.strip()))


def inset_end(lines: list[str], start: int) -> int | None:
    """Where the article resumes after a list of two or more headlines that starts at ``start`` (blank
    lines, headlines, teasers and furniture skipped), or None when no running text follows right after
    the headlines: the list ends the article."""
    i, headlines = start, 0
    while i < len(lines) and (not lines[i].strip() or is_headline_like(lines[i]) or is_teaser(lines[i])
                              or is_furniture(lines[i])):
        headlines += is_headline_like(lines[i]) or is_teaser(lines[i])
        i += 1
    # a list with summaries under its headlines ("Recent", then a paragraph per article) ends the page
    return i if headlines >= 2 and i < len(lines) and is_prose(lines[i]) else None

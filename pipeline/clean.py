"""Stage ``clean``: raw dumps in RAW become the ``documents`` and ``rejects`` tables.

:func:`clean_text` composes the pure functions of :mod:`pipeline.text` and the header reader of
:mod:`pipeline.header`; :func:`run` drives it over every input the readers find, so that each
input ends in exactly one of the two tables.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from pipeline import furniture, lexicon, readers, repeats, stamps, tables, text
from pipeline.config import CleanSettings, Config, PipelineSettings
from pipeline.header import caption_date, parse_dateline, read_header, split_stamp, stamp_line

log = logging.getLogger(__name__)

#: Documents per row group of ``documents.parquet`` (texts are large; the annotate stage reads it a
#: group at a time).
DOCUMENT_GROUP = 1000

RE_URL_FRAGMENT = re.compile(r"^[\w./%?=&#~:+-]+$")


@dataclass
class Cleaned:
    """One article after cleaning."""

    text: str
    title: str | None
    published: dt.date | None
    section: str | None
    #: Whether ``published`` was read from the text's dateline (none was given).
    found_date: bool = False
    #: Where in the text: "dateline" or "caption" (:attr:`pipeline.header.Header.date_from`).
    date_from: str = "dateline"


class Boilerplate:
    """The compiled patterns of ``configs/clean.yml``."""

    def __init__(self, settings: CleanSettings):
        self.drop = [re.compile(p, re.I) for p in settings.drop_lines]
        self.tail = [re.compile(p, re.I) for p in settings.tail_markers]
        self.end_marks = tuple(settings.end_marks)
        self.tail_min_fraction = settings.tail_min_fraction
        self.languages = frozenset(name.lower() for name in settings.language_names)
        self.portrait = furniture.portrait_pattern(settings.portrait_titles)

    def drop_lines(self, lines: list[str], repeated: frozenset[int] = frozenset()) -> list[str]:
        """Remove boilerplate lines (``repeated``: the lines the document's source repeats, see
        :mod:`pipeline.repeats`), and the URL fragment a broken footer link leaves behind."""
        kept: list[str] = []
        skip_fragment = linked = False
        for line in lines:
            if repeats.is_repeated(line, repeated):
                continue
            line = furniture.without_feed_mark(line)
            plain = text.strip_markup(line).strip()
            if (menu := furniture.language_menu_start(plain, self.languages)) is not None:
                line = plain = plain[:menu].rstrip()  # a menu of the site's editions; a date stamp before it stays
            if skip_fragment and RE_URL_FRAGMENT.match(line.strip()):
                skip_fragment = False
                continue
            skip_fragment = False
            if plain and any(p.search(plain) for p in self.drop):
                skip_fragment = text.ends_in_url(line) or text.ends_in_url(plain)
                without_uncredited_copy(kept, plain)
                continue
            if furniture.RE_NEIGHBOUR_LINK.match(plain):
                linked = True  # "Next Article": the headline after it is another story's
                continue
            if linked and plain:
                linked = False
                if furniture.is_headline_like(plain):
                    continue
            if (heading := furniture.wiki_heading(line)) is not None and heading[0] > 1:
                kept.append("")  # "== Background ==": a section break, not text
                continue
            if furniture.is_caption(plain):
                without_uncredited_copy(kept, plain)
                if (stamped := split_stamp(line)) is not None:  # " date 2019-02-14 <caption>": the stamp stays
                    kept.append(line[:len(line) - len(stamped[1])].rstrip())
                continue
            if furniture.is_furniture(plain):
                continue
            kept.append(line)
        return kept

    def cut_tail(self, lines: list[str]) -> tuple[list[str], bool]:
        """Lines before the first tail marker past ``tail_min_fraction`` of the text; was one found?

        A marker whose list of headlines is followed by more of the article ("Latest Stories", three
        headlines, then the story goes on) is an inset: the marker and its list go, the text stays."""
        total = sum(len(line) for line in lines) or 1
        seen, kept, i = 0, [], 0
        while i < len(lines):
            line = lines[i]
            plain = text.strip_markup(line).strip()
            if seen / total >= self.tail_min_fraction and plain and any(p.search(plain) for p in self.tail):
                resumes = furniture.inset_end(lines, i + 1)
                if resumes is None:
                    return kept, True
                i = resumes
                continue
            seen += len(line)
            kept.append(line)
            i += 1
        return kept, False


def drop_about_box(paragraphs: list[str]) -> list[str]:
    """Drop a site or column blurb that closes a web page before its related-article list.

    Such a box is a short heading followed by one paragraph that starts with the heading's first
    word ("SAT Commentary" / "SAT Commentaries, a collection of ..."); an article's own last
    section starts with a heading but not with a paragraph that repeats it.
    """
    if len(paragraphs) < 3:
        return paragraphs
    heading, blurb = paragraphs[-2], paragraphs[-1]
    first = heading.split()[0] if heading.split() else ""
    is_heading = len(heading.split()) <= 6 and not text.RE_SENTENCE_END.search(heading)
    if is_heading and len(first) >= 2 and blurb.split()[0].startswith(first):
        return paragraphs[:-2]
    return paragraphs


def clean_text(raw: str, *, boilerplate: Boilerplate, is_word: Callable[[str], bool],
               title: str | None = None, published: dt.date | None = None,
               unwrap: bool = True, repeated: frozenset[int] = frozenset()) -> Cleaned:
    """Clean one raw article.

    Args:
        raw: the dump's text as decoded.
        boilerplate: the patterns of ``configs/clean.yml``.
        is_word: dictionary check used to tell real line-end hyphens from broken words.
        title: a title the input already gives (JSONL field, HTML metadata); otherwise found here.
        published: a date the input already gives; otherwise a dateline is looked for.
        unwrap: join hard-wrapped lines; off for text whose lines are already paragraphs.
        repeated: the lines the document's source repeats across its documents (:mod:`pipeline.repeats`).

    Returns:
        The clean text, paragraphs separated by a blank line, the headline (if any) first and
        only once; with the title, date and kicker found on the way.
    """
    lines = furniture.unglued(text.normalize_newlines(text.fix_encoding(raw)).split("\n"))
    captioned = caption_date(lines) if published is None else None
    lines = boilerplate.drop_lines(lines, repeated)  # first, so that "Skip to content" is never the headline
    head = read_header(lines, title=title)
    body = head.body(lines)
    stamps = [line for line in body if stamp_line(line)]  # "Published: 12 March 2024" further down: the
    if stamps and head.published is None:  # article's date where the top gave none, and no text of it
        head.published = parse_dateline(stamps[0])
    if head.published is None and captioned is not None:
        head.published, head.date_from = captioned, "caption"
    body = [line for line in body if line not in stamps]
    body, had_tail = boilerplate.cut_tail(body)
    plain = text.remove_marks(text.strip_markup("\n".join(body)), marks=boilerplate.end_marks)
    keep_hyphen = text.hyphen_rule(plain, is_word=is_word)
    paragraphs = []
    for block in text.split_blocks(plain):
        found = text.unwrap(block, keep_hyphen=keep_hyphen) if unwrap else block
        paragraphs.extend(p for p in map(text.tidy_paragraph, found) if p)
    paragraphs = text.join_broken_paragraphs(paragraphs)
    if had_tail:
        paragraphs = drop_about_box(paragraphs)
    paragraphs = furniture.drop_captions(furniture.drop_repeats(furniture.without_sign_off(paragraphs)), boilerplate.portrait)
    paragraphs = furniture.drop_headline_runs(furniture.drop_teasers(paragraphs))
    paragraphs = furniture.drop_inset_headlines(furniture.drop_closing_list(paragraphs))
    if head.title and paragraphs and text.breaks_off(head.title, paragraphs[0]):
        paragraphs[0] = f"{text.tidy_paragraph(head.title)} {paragraphs[0]}"  # no headline: the body's first
        head.title = None  # sentence, broken ("... were killed and" / "over hundred injured in ...")
    if head.title and paragraphs:  # the headline is the article's first paragraph, once
        paragraphs.insert(0, text.tidy_paragraph(head.title))
    return Cleaned(text="\n\n".join(paragraphs), title=head.title,
                   published=published or head.published, section=head.section,
                   found_date=published is None and head.published is not None, date_from=head.date_from)


def doc_id_for(clean: str) -> str:
    """Stable id of a document: the first 16 hex digits of the SHA-256 of its clean text."""
    return hashlib.sha256(clean.encode("utf-8")).hexdigest()[:16]


def clean_items(items: Iterable[readers.RawDoc | readers.Reject], config: Config,
                is_word: Callable[[str], bool],
                repeated: dict[str, frozenset[int]] | None = None) -> Iterator[tuple[str, dict]]:
    """Clean every read item into ``("documents", row)``, or ``("rejects", row)`` saying why not.

    A generator: one article is in memory at a time, plus the ids seen so far (for duplicates).
    An item whose cleaning raises is a reject (``clean failed: …``); the others go on.
    """
    boilerplate = Boilerplate(config.clean)
    first_of: dict[str, str] = {}
    for item in items:
        if isinstance(item, readers.Reject):
            yield "rejects", {"source_id": item.source_id, "reason": item.reason}
            continue
        try:
            source = repeats.source_of(item.source_id, item.source, item.url)
            table, row = clean_item(item, boilerplate=boilerplate, is_word=is_word, settings=config.pipeline,
                                    first_of=first_of, repeated=(repeated or {}).get(source, frozenset()))
        except Exception as err:  # one bad document never takes the run down
            table, row = "rejects", {"source_id": item.source_id,
                                     "reason": f"clean failed: {readers.error_text(err)}"}
        if table == "rejects":
            log.warning("%s: rejected: %s", item.source_id, row["reason"])
        else:
            first_of[row["doc_id"]] = item.source_id
        yield table, row


def clean_item(item: readers.RawDoc, *, boilerplate: Boilerplate, is_word: Callable[[str], bool],
               settings: PipelineSettings, first_of: dict[str, str],
               repeated: frozenset[int] = frozenset()) -> tuple[str, dict]:
    """One article's ``("documents", row)``, or ``("rejects", row)`` saying why it is none.

    Args:
        item: the article as read.
        boilerplate: the patterns of ``configs/clean.yml``.
        is_word: dictionary check (see :func:`clean_text`).
        settings: ``configs/pipeline.yml``, for ``min_chars`` and ``max_chars``.
        first_of: the source of each document kept so far, by doc_id (read, not changed).
        repeated: the lines the item's source repeats (:mod:`pipeline.repeats`).
    """
    cleaned = clean_text(item.text, boilerplate=boilerplate, is_word=is_word, title=item.title,
                         published=item.published, unwrap=item.kind != "html", repeated=repeated)
    doc_id = doc_id_for(cleaned.text)
    reason = None
    if not cleaned.text:
        reason = "no article text left after cleaning"
    elif len(cleaned.text) < settings.min_chars:
        reason = f"only {len(cleaned.text)} characters of text, under min_chars {settings.min_chars}"
    elif len(cleaned.text) > settings.max_chars:
        reason = f"text has {len(cleaned.text)} characters, over max_chars {settings.max_chars}"
    elif doc_id in first_of:
        reason = f"duplicate of {first_of[doc_id]}"
    if reason:
        return "rejects", {"source_id": item.source_id, "reason": reason}
    return "documents", {"doc_id": doc_id, "source_id": item.source_id, "title": cleaned.title,
                         "published": cleaned.published, "text": cleaned.text, "kind": item.kind,
                         "section": cleaned.section, "url": item.url, "source": item.source,
                         "published_source": cleaned.date_from if cleaned.found_date else item.published_source}


def repeated_lines(raw_dir: Path, limits: readers.Limits, leave_out: frozenset[str]) -> dict[str, frozenset[int]]:
    """The lines each source repeats across its text dumps (:mod:`pipeline.repeats`), from a first
    read of the text, markdown and JSONL inputs (web pages are read by trafilatura, which has its own
    boilerplate detection, so they are not read twice)."""
    items = readers.read_all(raw_dir, limits, leave_out, kinds=frozenset({"text", "markdown", "jsonl"}))
    with quiet(readers.log):  # the second read reports what this one finds
        return repeats.repeated(repeats.count((repeats.source_of(item.source_id, item.source, item.url), item.text)
                                          for item in items if isinstance(item, readers.RawDoc)))


@contextlib.contextmanager
def quiet(logger: logging.Logger) -> Iterator[None]:
    """Hold back a logger's warnings while the block runs."""
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def build_documents(items: Iterable[readers.RawDoc | readers.Reject], config: Config,
                    is_word: Callable[[str], bool]) -> tuple[list[dict], list[dict]]:
    """:func:`clean_items` collected into the documents and rejects rows (for small inputs)."""
    found: dict[str, list[dict]] = {"documents": [], "rejects": []}
    for table, row in clean_items(items, config, is_word):
        found[table].append(row)
    return found["documents"], found["rejects"]


def run(config: Config, raw_dir: Path, out_dir: Path, *, meta: dict[str, str]) -> tuple[int, int]:
    """Read and clean RAW into ``documents`` and ``rejects`` under OUT, streaming both tables;
    return their row counts.

    The two tables are committed together (:func:`tables.committed_together`): after a failure
    neither replaces the old one. An OUT inside RAW (or RAW itself) is never read back as input.
    """
    is_word = text.word_checker(lexicon.load_words(config.pipeline.model))
    limits = readers.Limits(max_bytes=config.pipeline.max_bytes, max_chars=config.pipeline.max_chars)
    writers = {"documents": tables.Writer(out_dir, "documents", meta, group_rows=DOCUMENT_GROUP)}
    writers["rejects"] = tables.Writer(out_dir, "rejects", meta)
    with tables.committed_together(writers.values()):
        leave_out = tables.outputs_within(raw_dir, out_dir)
        repeated = repeated_lines(raw_dir, limits, leave_out)
        inputs = readers.read_all(raw_dir, limits, leave_out)
        progress = tqdm(desc="clean", unit="doc", total=stamps.estimate_documents(raw_dir), disable=None)
        with progress:  # the total is a guess (a JSONL file by its size); shown only on a terminal
            for table, row in clean_items(inputs, config, is_word, repeated):
                writers[table].add([row])
                progress.update()
    return writers["documents"].rows, writers["rejects"].rows


#: The most characters a caption's credit adds to the picture's text printed just before it.
CREDIT_CHARS = 40


def without_uncredited_copy(kept: list[str], caption: str) -> None:
    """Drop the last kept line where the caption just dropped is that line and its credit ("Relatives
    carry a coffin on Sunday." above "Relatives carry a coffin on Sunday. PHOTO: AFP"): the picture's
    text, printed twice by the saved page."""
    if not kept:
        return
    before = text.strip_markup(kept[-1]).strip()
    if len(before.split()) >= 5 and caption.startswith(before) and len(caption) - len(before) <= CREDIT_CHARS:
        kept.pop()

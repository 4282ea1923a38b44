"""A deterministic generator of N distinct articles from the sample corpus, for timing runs.

Each article is one of the sample articles (read and cleaned as ``extract`` would) with its places
swapped, its numbers changed and its body paragraphs reordered, all drawn from a seeded random
generator: the same N and seed give the same files, byte for byte. With ``words=(low, high)`` each
article is cut, at the end of a sentence, to between ``low`` and ``high`` words: a corpus of short
items like wire briefs or incident reports, where the cost per document weighs most.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from pipeline import clean, lexicon, readers, text
from pipeline.config import Config

PLACES = ["Quetta", "Peshawar", "Karachi", "Bannu", "Dera Ismail Khan", "Lakki Marwat", "Turbat", "Gwadar",
          "Khuzdar", "Mastung", "Bajaur", "Kurram", "Tank", "Kohat", "Swat", "Jalalabad", "Kunduz", "Khost"]
RE_NUMBER = re.compile(r"\b\d{1,3}\b(?![,.]\d)")
RE_PLACE = re.compile(r"\b(" + "|".join(map(re.escape, PLACES)) + r")\b")
#: The end of a sentence: where a short article may be cut.
RE_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s)")
#: Words of a short article (``make bench``'s short corpus): a wire brief to a short report.
SHORT_WORDS = (40, 150)


def sample_texts(raw: Path, config: Config) -> list[str]:
    """The clean texts of the sample corpus."""
    is_word = text.word_checker(lexicon.load_words(config.pipeline.model))
    documents, _ = clean.build_documents(readers.read_all(raw), config, is_word)
    return [d["text"] for d in documents]


def vary(article: str, rng: random.Random, number: int) -> str:
    """One variation of an article: other places, other small numbers, body paragraphs shuffled."""
    article = RE_PLACE.sub(lambda m: rng.choice(PLACES), article)
    article = RE_NUMBER.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-5, 5))), article)
    head, *body = article.split("\n\n")
    rng.shuffle(body)
    return "\n\n".join([f"{head} ({number})", *body])


def shorten(article: str, rng: random.Random, low: int, high: int) -> str:
    """The article cut after the first sentence end that gives it a drawn number of words between
    ``low`` and ``high``; cut at ``high`` words when no sentence ends in time."""
    target = rng.randint(low, high)
    for end in (m.end() for m in RE_SENTENCE_END.finditer(article)):
        if len(article[:end].split()) >= target:
            if len(article[:end].split()) <= high:
                return article[:end]
            break
    return " ".join(article.split()[:high])


def generate(raw: Path, dest: Path, config: Config, *, n: int, seed: int = 0,
             words: tuple[int, int] | None = None) -> list[Path]:
    """Write ``n`` distinct ``.txt`` articles under ``dest``; return their paths. ``words``: cut
    each to between that many words (:func:`shorten`)."""
    rng = random.Random(seed)
    texts = sample_texts(raw, config)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = dest / f"{i // 1000:03d}" / f"article-{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        article = vary(texts[i % len(texts)], rng, i)
        if words:
            article = shorten(article, rng, *words)
        path.write_text(article + "\n", encoding="utf-8")
        paths.append(path)
    return paths

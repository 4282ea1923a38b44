"""A deterministic generator of N distinct articles from the sample corpus, for timing runs.

Each article is one of the sample articles (read and cleaned as ``extract`` would) with its places
swapped, its numbers changed and its body paragraphs reordered, all drawn from a seeded random
generator: the same N and seed give the same files, byte for byte.
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


def generate(raw: Path, dest: Path, config: Config, *, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` distinct ``.txt`` articles under ``dest``; return their paths."""
    rng = random.Random(seed)
    texts = sample_texts(raw, config)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = dest / f"{i // 1000:03d}" / f"article-{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(vary(texts[i % len(texts)], rng, i) + "\n", encoding="utf-8")
        paths.append(path)
    return paths

"""English base forms from the installed spaCy model, for telling words from word fragments.

The rule lemmatizer of the en_core_web_* models ships WordNet's base forms (``lemma_index``); they
are read straight from the model's files, without loading its pipeline.
"""
from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.lookups import Lookups
from spacy.strings import get_string_id

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def load_words(model: str, parts: tuple[str, ...] | None = None) -> frozenset[str]:
    """Lower-cased base forms known to ``model``'s lemmatizer; empty (with a warning) if it has none.

    ``parts``: only these parts of speech of WordNet's index (``noun``, ``verb``, ``adj``, ``adv``);
    its nouns hold proper names too ("izmir", "paris"), so a test for ordinary words leaves them out.
    """
    try:
        package = spacy.util.get_package_path(model)
    except Exception:  # spaCy raises several kinds for a package that is not installed
        log.warning("model %r is not installed; line-end hyphens are kept as written", model)
        return frozenset()
    for folder in sorted(package.glob("**/lemmatizer/lookups")):
        lookups = Lookups().from_disk(folder)
        if lookups.has_table("lemma_index"):
            words: set[str] = set()
            wanted = None if parts is None else {get_string_id(part) for part in parts}
            for part, forms in lookups.get_table("lemma_index").items():  # keys are hashed part names
                if wanted is None or part in wanted:
                    words.update(w.lower() for w in forms)
            return frozenset(words)
    log.warning("model %r has no lemma index; line-end hyphens are kept as written", model)
    return frozenset()

"""Verb lemmas the model's rule lemmatizer gets wrong, put right from ``verb_lemmas`` in pipeline.yml.

en_core_web_sm's lemmatizer strips "-ed" and keeps the stem when its word list knows it as a word:
"staged" becomes "stag" and "sniped" "snip", so "gunmen staged the attack on Friday" no longer reads
as an attack carried out on Friday. The fix is spaCy's own mechanism, a lemma set on the token after
the lemmatizer; it runs before the model's cache point, so the cache is keyed by this module and its
settings (:func:`pipeline.cache_store.model_digest`) and a new form re-lemmatises every document.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERB_LEMMAS = "ct_verb_lemmas"
VERB_TAGS = frozenset({"VBD", "VBN"})


class VerbLemmas:
    """Set the lemma of a past-tense verb form (tag VBD or VBN) listed in ``forms``."""

    def __init__(self, forms: dict[str, str]):
        self.forms = {form.lower(): lemma for form, lemma in forms.items()}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.tag_ in VERB_TAGS and (lemma := self.forms.get(token.lower_)) is not None:
                token.lemma_ = lemma
        return doc


@Language.factory(VERB_LEMMAS, default_config={"forms": {}})
def make_verb_lemmas(nlp: Language, name: str, forms: dict[str, str]) -> VerbLemmas:
    return VerbLemmas(forms)


def add_verb_lemmas(nlp: Language, forms: dict[str, str]) -> None:
    """Add the component after the lemmatizer (last where the model has none)."""
    if not forms:
        return
    where = {"after": "lemmatizer"} if "lemmatizer" in nlp.pipe_names else {"last": True}
    nlp.add_pipe(VERB_LEMMAS, config={"forms": dict(forms)}, **where)

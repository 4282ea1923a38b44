"""Paragraph breaks as sentence starts: the one component of ours that runs before the parser.

It is in a module of its own because the model's cache (:func:`pipeline.cache_store.model_digest`) is
keyed by the code of every component that runs before the cache point: an edit here re-parses every
document, an edit to the rule components after the cache point does not.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS = "ct_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or dateline never runs into the first paragraph.
    Runs before the parser, which keeps sentence starts already set. Space tokens are found in the
    Doc's IS_SPACE column: building a Token for every word took most of this component's time."""
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return bracket_runs_on(doc)


#: How far back the opening bracket of a short form or aside may stand ("(TTP)", "(Reuters)").
BRACKET_REACH = 8


def bracket_runs_on(doc: Doc) -> Doc:
    """A sentence goes on after a closing bracket, unless the words before the opening one ended it:
    "Tehreek-e-Taliban Pakistan (TTP) spokesman Muhammad Khurasani claimed ..." is one sentence (the
    model split it after "(TTP)", leaving the group's name without a verb)."""
    close = doc.vocab.strings[")"]
    for i in np.flatnonzero(doc.to_array(ORTH)[:-1] == close).tolist():
        opening = next((j for j in range(i - 1, max(-1, i - BRACKET_REACH - 1), -1) if doc[j].text == "("), None)
        after = doc[i + 1]
        if opening is None or opening == 0 or after.is_space or after.is_punct or doc[i - 1].text in (".", "!", "?"):
            continue
        before = doc[opening - 1]
        if before.text not in (".", "!", "?") and not before.is_space and after.is_sent_start is not True:
            after.is_sent_start = False
    return doc

"""Paragraph breaks as sentence starts: the one component of ours that runs before the parser.

It is in a module of its own because the model's cache (:func:`pipeline.cache_store.model_digest`) is
keyed by the code of every component that runs before the cache point: an edit here re-parses every
document, an edit to the rule components after the cache point does not.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE
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
    return doc

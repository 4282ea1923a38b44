"""A cache per annotate step (``pipeline/step_cache.py``): after a config edit a warm run's tables
equal a cold run's with the edited configs, and only the steps (and documents) the edit can change
run again.
"""
import contextlib
import datetime as dt
import shutil
import sqlite3

import pandas as pd
import pyarrow as pa
import pytest

from pipeline import annotate, cache_store, tables
from pipeline.annotate import Annotator, load_model
from pipeline.catalog import load_catalog
from pipeline.clean import doc_id_for
from pipeline.config import load_config
from pipeline.step_cache import DATES_FIGURES, MENTIONS, PLACES_EVENTS, STEP_TABLES, step_deps
from tests.conftest import ROOT

DAY = dt.date(2025, 3, 14)
TEXTS = [
    "Gunmen opened fire on a polling station in Bannu on Sunday, killing four voters and a guard.",
    "A bomb hidden in a cart went off near a convoy outside Kandahar, and the Taliban said they set it.",
    "Police in Quetta said a grenade thrown at a tea shop wounded 7 men late on Saturday.",
    "Nine people died when a suicide bomber struck a wedding hall in Peshawar, officials said on 2 March.",
    "The Tehreek-i-Taliban Pakistan said its fighters stormed a checkpoint in Lakki Marwat, killing twelve soldiers.",
]
DOCS = [{"doc_id": doc_id_for(t), "text": t, "published": DAY} for t in TEXTS]
#: A pattern no text above matches, and one that matches only the second text ("convoy").
MATCHES_NOTHING = '{"label": "MILITANT_GROUP", "id": "test-none", "pattern": [{"LOWER": "zzqxwords"}]}\n'
MATCHES_ONE = '{"label": "MILITANT_GROUP", "id": "test-convoy", "pattern": [{"LOWER": "convoy"}]}\n'


def append(path, line):
    with path.open("a") as handle:
        handle.write(line)


def replace(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


EDITS = {
    "a pattern that matches nothing": lambda root: append(root / "patterns" / "groups.jsonl", MATCHES_NOTHING),
    "a pattern that adds a mention": lambda root: append(root / "patterns" / "groups.jsonl", MATCHES_ONE),
    "events.yml": lambda root: replace(root / "events.yml", "detonate, storm, ", "detonate, "),
    "figures.yml": lambda root: replace(root / "figures.yml", "name_after: [Corps,", "name_after: [men, Corps,"),
}
#: Documents each step runs on again after each edit (the rules run on every document after any edit).
RERUN = {
    "a pattern that matches nothing": {MENTIONS: 5, DATES_FIGURES: 0, PLACES_EVENTS: 0},
    "a pattern that adds a mention": {MENTIONS: 5, DATES_FIGURES: 1, PLACES_EVENTS: 1},
    "events.yml": {MENTIONS: 5, DATES_FIGURES: 0, PLACES_EVENTS: 5},
    "figures.yml": {MENTIONS: 5, DATES_FIGURES: 5, PLACES_EVENTS: 5},
}


def frames(found):
    """Every table of a partition as a DataFrame of its schema, rows sorted."""
    result = {}
    for name in annotate.TABLES:
        frame = pa.Table.from_pylist(found[name], schema=tables.SCHEMAS[name]).to_pandas()
        order = sorted(range(len(frame)), key=lambda i: repr(tuple(frame.iloc[i])))
        result[name] = frame.iloc[order].reset_index(drop=True)
    return result


@pytest.fixture
def annotator_with(nlp, monkeypatch):
    """An annotator of a config folder (over the session's model when the catalog is the shipped one)."""
    def make(root, out):
        config, catalog = load_config(root), load_catalog(root)
        same = (root / "patterns" / "groups.jsonl").read_bytes() == (ROOT / "configs/patterns/groups.jsonl").read_bytes()
        model = nlp if same else load_model(config, catalog)
        monkeypatch.setattr(annotate, "load_model", lambda *_: model)
        return Annotator(config, catalog, out)
    return make


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_warm_run_after_a_config_edit_equals_a_cold_one_and_reruns_only_what_it_changes(
        edit, annotator_with, tmp_path):
    root, out = tmp_path / "configs", tmp_path / "out"
    shutil.copytree(ROOT / "configs", root)
    annotator_with(root, out).rows(DOCS)
    EDITS[edit](root)
    warm = annotator_with(root, out).rows(DOCS)
    cold = annotator_with(root, None).rows(DOCS)
    for name, frame in frames(cold.tables).items():
        pd.testing.assert_frame_equal(frames(warm.tables)[name], frame, obj=name)
    assert warm.ran == RERUN[edit]
    again = annotator_with(root, out).rows(DOCS)  # unchanged: every step's rows from the cache, no Doc read
    assert again.ran == dict.fromkeys(RERUN[edit], 0) and again.annotated == 0
    assert again.tables == warm.tables


def test_the_edits_change_what_they_should(annotator_with, tmp_path):
    """The edits above are not idle: each changes the tables of the step it is for."""
    before = annotator_with(ROOT / "configs", None).rows(DOCS).tables
    for edit, table in (("a pattern that adds a mention", "mentions"), ("events.yml", "events"),
                        ("figures.yml", "figures")):
        root = tmp_path / edit
        shutil.copytree(ROOT / "configs", root)
        EDITS[edit](root)
        assert annotator_with(root, None).rows(DOCS).tables[table] != before[table], edit


def test_prune_keeps_the_rows_of_the_documents_still_in_out_only(annotator_with, tmp_path):
    out = tmp_path / "out"
    annotator_with(ROOT / "configs", out).rows(DOCS)
    cache_store.Store(out).prune([DOCS[0]["doc_id"], DOCS[3]["doc_id"]], None)
    with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn:
        kept = conn.execute("SELECT doc_id, count(*) FROM rows GROUP BY doc_id ORDER BY doc_id").fetchall()
    assert kept == sorted((DOCS[i]["doc_id"], len(STEP_TABLES)) for i in (0, 3))


def test_a_config_folder_that_is_not_what_was_loaded_keys_every_step_by_the_loaded_configs(tmp_path):
    """A Dask worker without the folder, or a file edited since loading: no finer key than the whole."""
    root = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", root)
    config = load_config(root)
    fine = step_deps(config, "model")
    assert len(set(fine.values())) == len(STEP_TABLES)
    append(root / "events.yml", "# edited after loading\n")
    assert len(set(step_deps(config, "model").values())) == 1
    shutil.rmtree(root)
    assert len(set(step_deps(config, "model").values())) == 1

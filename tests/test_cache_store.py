"""The one cache store of an OUT (``pipeline/cache_store.py``): warm runs equal cold ones, damaged
records and a damaged or unwritable store are re-done or done without, two writers at once and a
writer killed with SIGKILL leave it usable, and a run leaves one file where there was one per document.
"""
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

from pipeline import annotate, cache_store, step_cache
from pipeline.annotate import Annotator, load_model
from pipeline.cli import main
from pipeline.clean import doc_id_for
from tests.conftest import ROOT

DAY = dt.date(2024, 11, 5)
TEXTS = [
    "Two rockets hit a market in Khost on Friday, killing five traders and injuring eleven others.",
    "Security forces said fighters of the Islamic State ambushed a convoy near Jalalabad, leaving three guards dead.",
    "A roadside device exploded beside a police van in Turbat, wounding six officers. No group has said it did it.",
    "Officials in Kohat reported that an explosion at a bus stand killed two commuters on Monday evening.",
    "The Tehreek-i-Taliban Pakistan said its men raided a border post in Kurram overnight; four soldiers died.",
    "A car bomb outside a hotel in Mogadishu killed nine people, and al-Shabaab said its fighters planted it.",
]
DOCS = [{"doc_id": doc_id_for(t), "text": t, "published": DAY} for t in TEXTS]


@pytest.fixture
def cold(make_annotator):
    return make_annotator().rows(DOCS).tables


def query(out, sql, *args):
    """Run one statement on OUT's store, committed; its rows."""
    with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn, conn:
        return conn.execute(sql, args).fetchall()


def counting_parses(annotator, monkeypatch):
    """The documents the annotator's model parses from now on."""
    parsed = []
    parse = annotator.parse
    monkeypatch.setattr(annotator, "parse", lambda docs: (parsed.extend(d["doc_id"] for d in docs), parse(docs))[1])
    return parsed


def test_a_partition_is_read_back_from_the_store_without_parsing(make_annotator, cold, tmp_path, monkeypatch):
    assert make_annotator(tmp_path).rows(DOCS).tables == cold
    query(tmp_path, "DELETE FROM rows")  # as after a pattern edit: the rows are stale, the Docs are not
    warm = make_annotator(tmp_path)
    parsed = counting_parses(warm, monkeypatch)
    assert warm.rows(DOCS).tables == cold
    assert parsed == []
    assert query(tmp_path, "SELECT count(*) FROM rows") == [(len(DOCS) * len(step_cache.STEP_TABLES),)]


def test_a_damaged_docbin_is_parsed_again_and_rewritten(make_annotator, cold, tmp_path, caplog, monkeypatch):
    first = make_annotator(tmp_path)
    first.rows(DOCS[:3])
    first.rows(DOCS[3:])  # two partitions, two DocBins
    query(tmp_path, "DELETE FROM rows")
    query(tmp_path, "UPDATE docbins SET value = ? WHERE id = (SELECT docbin FROM docs WHERE doc_id = ?)",
          b"\x00not a docbin", DOCS[4]["doc_id"])
    warm = make_annotator(tmp_path)
    parsed = counting_parses(warm, monkeypatch)
    assert warm.rows(DOCS).tables == cold
    assert parsed == [d["doc_id"] for d in DOCS[3:]]
    assert "unreadable (" in caplog.text
    assert warm.cache.get([DOCS[4]])[DOCS[4]["doc_id"]].text == TEXTS[4]


def test_a_store_that_is_no_database_is_made_again(make_annotator, cold, tmp_path, caplog):
    (tmp_path / cache_store.FILE).parent.mkdir()
    (tmp_path / cache_store.FILE).write_bytes(b"this file was overwritten by something else" * 100)
    assert make_annotator(tmp_path).rows(DOCS).tables == cold
    assert "damaged cache store" in caplog.text
    assert query(tmp_path, "SELECT count(*) FROM docs") == [(len(DOCS),)]


def test_an_unwritable_cache_folder_is_logged_and_the_run_goes_on(make_annotator, cold, tmp_path, caplog):
    (tmp_path / ".cache").write_text("a file where the folder should be")
    assert make_annotator(tmp_path).rows(DOCS).tables == cold
    assert "cannot open the cache store" in caplog.text


def test_a_change_before_the_cache_point_gives_a_cold_parse(make_annotator, config, catalog, tmp_path, monkeypatch):
    make_annotator(tmp_path).rows(DOCS)
    query(tmp_path, "DELETE FROM rows")
    other = spacy_without_paragraphs(config, catalog)
    monkeypatch.setattr(annotate, "load_model", lambda *_: other)
    warm = Annotator(config, catalog, tmp_path)
    parsed = counting_parses(warm, monkeypatch)
    assert warm.rows(DOCS).tables == Annotator(config, catalog, None).rows(DOCS).tables
    assert sorted(parsed) == sorted(d["doc_id"] for d in DOCS)


def spacy_without_paragraphs(config, catalog):
    """The model and rules less the paragraph component, which runs before the cache point (a model
    of its own: the session's is shared)."""
    from pipeline.paragraphs import PARAGRAPHS

    nlp = load_model(config, catalog)
    nlp.remove_pipe(PARAGRAPHS)
    return nlp


WRITER = """
import datetime, json, sys, time
from pathlib import Path
from pipeline.annotate import Annotator, load_model
from pipeline.catalog import load_catalog
from pipeline.config import load_config
out, ready = Path(sys.argv[1]), Path(sys.argv[2])
docs = [{**d, "published": datetime.date.fromisoformat(d["published"])} for d in json.loads(sys.argv[3])]
config = load_config(Path("configs"))
annotator = Annotator(config, load_catalog(config.root), out)
ready.touch()
while len(list(ready.parent.glob("ready-*"))) < 2:  # both loaded: their writes overlap
    time.sleep(0.05)
found = {}
for doc in docs:  # partitions of one document: a transaction each, interleaved with the other's
    for name, rows in annotator.rows([doc]).tables.items():
        found.setdefault(name, []).extend(rows)
print(json.dumps(found, default=str, sort_keys=True))
"""


def test_two_annotators_writing_one_store_at_once_both_finish_with_the_right_rows(make_annotator, cold, tmp_path,
                                                                                  monkeypatch):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "out"), str(tmp_path / f"ready-{i}"),
                               json.dumps(DOCS, default=str)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for i in range(2)]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0]
    expected = json.loads(json.dumps(cold, default=str, sort_keys=True))
    assert [json.loads(o) for o in outputs] == [expected, expected]
    warm = make_annotator(tmp_path / "out")
    parsed = counting_parses(warm, monkeypatch)
    assert warm.rows(DOCS).tables == cold and parsed == []
    assert query(tmp_path / "out", "PRAGMA integrity_check") == [("ok",)]


KILLED = """
import os, sys
from pathlib import Path
from pipeline.cache_store import Store
store = Store(Path(sys.argv[1]))
for i in range(100_000):
    store.write("INSERT INTO docbins (model, value) VALUES (?, ?)", [("other", os.urandom(50_000)) for j in range(40)])
    if i == 0:
        print("writing", flush=True)
"""


def test_a_writer_killed_mid_transaction_leaves_a_usable_store(make_annotator, cold, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"  # the first transaction is in; the next ones are under way
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert query(tmp_path, "PRAGMA integrity_check") == [("ok",)]
    assert make_annotator(tmp_path).rows(DOCS).tables == cold
    assert make_annotator(tmp_path).rows(DOCS).tables == cold  # and read back


def run_extract(raw, out, configs, *more):
    return main(["extract", "--raw", str(raw), "--out", str(out), "--config", str(configs), *more])


def test_a_warm_run_after_a_pattern_edit_equals_a_cold_one_and_leaves_one_cache_file(tmp_path):
    configs = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", configs)
    settings = configs / "pipeline.yml"
    settings.write_text(settings.read_text().replace("partition_size: 64", "partition_size: 4"))
    out, cold = tmp_path / "out", tmp_path / "cold"
    assert run_extract(ROOT / "raw", out, configs, "--processes", "2") == 0  # three partitions on two workers
    old = out / ".cache" / "spacy" / "en_core_web_sm-0" / "ab" / "ab12.spacy"  # a cache of an earlier version
    old.parent.mkdir(parents=True)
    old.write_bytes(b"")
    with (configs / "patterns" / "groups.jsonl").open("a") as f:
        f.write('{"label": "MILITANT_GROUP", "id": "convoy-raiders", "pattern": [{"LOWER": "convoy"}]}\n')
    assert run_extract(ROOT / "raw", out, configs, "--processes", "2") == 0
    assert run_extract(ROOT / "raw", cold, configs, "--processes", "1") == 0
    for name in ("mentions", "dates", "figures", "places", "events", "event_mentions", "entities"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(cold / f"{name}.parquet"))
    assert sorted(p.name for p in (out / ".cache").rglob("*")) == ["cache.sqlite", "stamps.json"]
    documents = len(pd.read_parquet(out / "documents.parquet"))
    steps = len(step_cache.STEP_TABLES)  # one record per step and document
    assert query(out, "SELECT count(*), count(DISTINCT doc_id) FROM rows") == [(documents * steps, documents)]


def test_a_store_of_an_older_form_is_emptied_and_used(make_annotator, cold, tmp_path, monkeypatch):
    (tmp_path / ".cache").mkdir()
    with contextlib.closing(sqlite3.connect(tmp_path / cache_store.FILE)) as conn, conn:
        conn.execute("CREATE TABLE docs (model TEXT, doc_id TEXT, value BLOB)")  # a Doc per record, as first drafted
    assert make_annotator(tmp_path).rows(DOCS).tables == cold
    query(tmp_path, "DELETE FROM rows")
    warm = make_annotator(tmp_path)
    parsed = counting_parses(warm, monkeypatch)
    assert warm.rows(DOCS).tables == cold and parsed == []


def test_a_store_of_the_form_before_the_step_cache_keeps_its_docs(make_annotator, cold, tmp_path, monkeypatch):
    make_annotator(tmp_path).rows(DOCS)
    query(tmp_path, "DROP TABLE rows")  # the rows of every table under one key, as before the cache per step
    query(tmp_path, "CREATE TABLE rows (key TEXT NOT NULL, doc_id TEXT NOT NULL, published TEXT NOT NULL, "
                    "value TEXT NOT NULL, PRIMARY KEY (key, doc_id, published))")
    query(tmp_path, "INSERT INTO rows VALUES ('k', ?, '2024-11-05', '{}')", DOCS[0]["doc_id"])
    query(tmp_path, "PRAGMA user_version = 1")
    warm = make_annotator(tmp_path)
    parsed = counting_parses(warm, monkeypatch)
    assert warm.rows(DOCS).tables == cold and parsed == []  # the Docs read back, the rows made anew
    assert query(tmp_path, "SELECT count(DISTINCT step) FROM rows") == [(len(step_cache.STEP_TABLES),)]

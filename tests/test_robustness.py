"""Crashes, damaged caches, determinism and the network: a run loses nothing and says why."""
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from pipeline import cache_store
from pipeline.cli import main
from tests.conftest import ROOT

TABLES = ("documents", "rejects", "mentions", "entities", "dates", "figures", "places", "events", "event_mentions",
          "incidents", "warnings")


def extract(raw, out, *extra):
    return main(["extract", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs"), *extra])


def contents(out):
    """Each table's rows, in order (the metadata carries nothing run-specific)."""
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in TABLES}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    assert extract(ROOT / "raw", out) == 0
    return out


def test_two_runs_give_identical_tables_row_order_included(reference, tmp_path):
    assert extract(ROOT / "raw", tmp_path) == 0
    for name in TABLES:
        assert hashlib.sha256((tmp_path / f"{name}.parquet").read_bytes()).hexdigest() == \
            hashlib.sha256((reference / f"{name}.parquet").read_bytes()).hexdigest(), name


def test_a_damaged_cached_doc_is_parsed_again(reference, tmp_path):
    out = tmp_path / "out"
    assert extract(ROOT / "raw", out) == 0
    # not --force, which is a cold run without caches: drop the stamps and the row cache, so that the
    # annotate stage runs again and reads every Doc from the model's cache, the damaged one included
    with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn, conn:
        conn.execute("UPDATE docbins SET value = substr(value, 1, 40) WHERE id = (SELECT min(id) FROM docbins)")
        conn.execute("DELETE FROM rows")
    (out / ".cache" / "stamps.json").unlink()
    assert extract(ROOT / "raw", out) == 0
    assert contents(out) == contents(reference)


@pytest.mark.parametrize("delay", [0.8, 2.0, 3.5])
def test_killed_at_any_moment_the_next_run_gives_the_same_tables(reference, tmp_path, delay):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(ROOT / "raw"), "--out", str(out),
           "--config", str(ROOT / "configs")]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert extract(ROOT / "raw", out) == 0
    assert contents(out) == contents(reference)
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


def test_extract_opens_no_network_connection(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert extract(ROOT / "raw", tmp_path) == 0


def test_adversarial_folder_every_input_in_documents_or_rejects(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "tests" / "fixtures" / "adversarial", raw)
    outside = tmp_path / "outside.txt"
    outside.write_text("A file outside RAW, reached by a link.")
    os.symlink(outside, raw / "link outside.txt")
    out = tmp_path / "out"
    assert extract(raw, out) == 0
    documents = {r["source_id"] for r in pq.read_table(out / "documents.parquet").to_pylist()}
    rejects = {r["source_id"]: r["reason"] for r in pq.read_table(out / "rejects.parquet").to_pylist()}
    assert not documents & set(rejects)
    files = {p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file() or p.is_symlink()}
    plain = {f for f in files if not f.endswith(".jsonl")}
    assert plain <= documents | set(rejects)
    assert rejects["empty.txt"] == "empty file"
    assert rejects["scan.txt"].startswith("binary file (PDF")
    assert rejects["link outside.txt"] == "symbolic link to outside RAW, not followed"
    assert rejects["quetta.txt"] == "duplicate of copy of quetta.txt"  # inputs are read in sorted order
    assert rejects["dump.jsonl:2"].startswith("invalid JSON on line 2")
    assert rejects["r3"] == "record on line 3 has no 'text'"
    assert {"cp1252 caf\u00e9.txt", "deep/er/still/bom.txt", "r1", "nul.txt"} <= documents

"""The tables keep the contract's columns and types, carry metadata, and are written atomically."""
import datetime as dt
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import tables

S, I, F, D = pa.string(), pa.int64(), pa.float64(), pa.date32()
L = pa.list_(pa.string())
SPAN = {"doc_id": S, "start_char": I, "end_char": I, "text": S}
#: The floor set by ../shared/contract.md, written out here so that a drift in SCHEMAS fails.
CONTRACT = {
    "documents": {"doc_id": S, "source_id": S, "title": S, "published": D, "text": S},
    "mentions": {**SPAN, "label": S, "entity_id": S},
    "entities": {"entity_id": S, "name": S, "type": S, "aliases": L},
    "dates": {**SPAN, "value": S, "start": D, "end": D, "granularity": S},
    "figures": {**SPAN, "value": F, "low": F, "high": F, "unit": S},
    "events": {"event_id": S, "doc_id": S, "start_char": I, "end_char": I, "event_type": S, "date_start": D,
               "date_end": D, "location": S, "actor_ids": L, "target": S, "killed": I, "wounded": I,
               "cluster_id": S, "country": S},
    "event_mentions": {"doc_id": S, "start_char": I, "end_char": I, "trigger": S, "event_type": S, "factuality": S,
                       "event_id": S},
    "incidents": {"cluster_id": S, "event_type": S, "date_start": D, "date_end": D, "location": S, "country": S,
                  "actor_ids": L, "killed_min": I, "killed_max": I, "wounded_min": I, "wounded_max": I,
                  "n_documents": I, "doc_ids": L},
    "rejects": {"source_id": S, "reason": S},
}
META = {"schema_version": "1", "pipeline_version": "0", "model": "m", "model_version": "1", "config_digest": "x"}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_schema_holds_the_contract(name):
    schema = tables.SCHEMAS[name]
    for column, kind in CONTRACT[name].items():
        assert schema.field(column).type == kind, f"{name}.{column}"


def test_write_read_roundtrip_with_metadata(tmp_path):
    rows = [{"doc_id": "a", "source_id": "x.txt", "title": None, "published": dt.date(2025, 8, 21),
             "text": "t", "kind": "text", "unknown": "ignored"}]
    assert tables.write(tmp_path, "documents", rows, META) == 1
    table = pq.read_table(tmp_path / "documents.parquet")
    assert table.schema.field("published").type == D
    assert table.to_pylist()[0]["published"] == dt.date(2025, 8, 21)
    assert tables.metadata(tmp_path, "documents") == {**META, "table": "documents"}


def test_empty_table_says_why(tmp_path):
    tables.write(tmp_path, "events", [], META, status="not built yet")
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 0
    assert tables.metadata(tmp_path, "events")["status"] == "not built yet"


def test_failed_write_leaves_the_good_table_and_no_temp_file(tmp_path):
    tables.write(tmp_path, "rejects", [{"source_id": "a", "reason": "r"}], META)

    def rows():
        yield {"source_id": "b", "reason": "r"}
        raise RuntimeError("killed half way")

    with pytest.raises(RuntimeError):
        tables.write(tmp_path, "rejects", rows(), META)
    assert pq.read_table(tmp_path / "rejects.parquet").to_pylist() == [{"source_id": "a", "reason": "r"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rejects.parquet"]


def test_reading_a_table_that_was_never_written_says_which_stage(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the stage that writes 'mentions' first"):
        tables.read(tmp_path, "mentions")


def test_a_killed_runs_temporary_file_is_removed_and_a_live_ones_kept(tmp_path):
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".rejects.{gone.stdout.strip()}.abc.parquet.tmp"
    live = tmp_path / f".rejects.{os.getpid()}.xyz.parquet.tmp"
    stale.write_bytes(b"half a table")
    live.write_bytes(b"being written")
    tables.write(tmp_path, "rejects", [{"source_id": "a", "reason": "r"}], META)
    assert not stale.exists() and live.exists()
    assert tables.count(tmp_path, "rejects") == 1

"""The Parquet tables of the output contract: their schemas, and atomic writing with metadata.

Column names and types follow ../shared/contract.md (the floor) plus the documented extra columns.
Every file carries key-value metadata: ``schema_version``, ``pipeline_version``, ``model``,
``model_version``, ``config_digest`` and, for a table whose stage is not built yet, ``status``.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

STR, INT, FLOAT, DATE = pa.string(), pa.int64(), pa.float64(), pa.date32()
SPAN = [("doc_id", STR), ("start_char", INT), ("end_char", INT), ("text", STR)]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([("doc_id", STR), ("source_id", STR), ("title", STR), ("published", DATE),
                            ("text", STR), ("kind", STR), ("section", STR), ("url", STR), ("source", STR)]),
    "mentions": pa.schema(SPAN + [("label", STR), ("entity_id", STR), ("rule", STR)]),
    "entities": pa.schema([("entity_id", STR), ("name", STR), ("type", STR), ("aliases", pa.list_(STR)),
                           ("parent", STR)]),
    "dates": pa.schema(SPAN + [("value", STR), ("start", DATE), ("end", DATE), ("granularity", STR),
                               ("qualifier", STR)]),
    "figures": pa.schema(SPAN + [("value", FLOAT), ("low", FLOAT), ("high", FLOAT), ("unit", STR),
                                 ("qualifier", STR)]),
    "events": pa.schema([("event_id", STR), ("doc_id", STR), ("start_char", INT), ("end_char", INT),
                         ("event_type", STR), ("date_start", DATE), ("date_end", DATE), ("location", STR),
                         ("actor_ids", pa.list_(STR)), ("target", STR), ("killed", INT), ("wounded", INT),
                         ("cluster_id", STR), ("date_source", STR), ("perpetrators_killed", INT),
                         ("rule", STR), ("trigger", STR), ("confidence", FLOAT)]),
    "rejects": pa.schema([("source_id", STR), ("reason", STR)]),
}


def write(out: Path, name: str, rows: Iterable[dict], meta: dict[str, str], *, status: str | None = None) -> int:
    """Write ``rows`` as ``OUT/name.parquet`` atomically; return the row count.

    The file is written under a temporary name in the same folder, flushed to disk and renamed
    over the old one, so a reader (or a crash) never sees a half-written table.
    """
    table = pa.Table.from_pylist(list(rows), schema=SCHEMAS[name])
    metadata = {**meta, "table": name, **({"status": status} if status else {})}
    table = table.replace_schema_metadata({k: str(v) for k, v in metadata.items()})
    out.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=out)
    try:
        with os.fdopen(fd, "wb") as handle:
            pq.write_table(table, handle, compression="zstd")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out / f"{name}.parquet")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return table.num_rows


def read(out: Path, name: str) -> pa.Table:
    """Read ``OUT/name.parquet``; a clear error if the stage that writes it has not run."""
    path = out / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run the stage that writes {name!r} first")
    return pq.read_table(path)


def count(out: Path, name: str) -> int:
    """Rows of one table file, from its footer alone."""
    return pq.read_metadata(out / f"{name}.parquet").num_rows


def metadata(out: Path, name: str) -> dict[str, str]:
    """The key-value metadata of one table file."""
    raw = pq.read_schema(out / f"{name}.parquet").metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items()}

"""The Parquet tables of the output contract: their schemas, and atomic writing with metadata.

Column names and types follow ../shared/contract.md (the floor) plus the documented extra columns.
Every file carries key-value metadata: ``schema_version``, ``pipeline_version``, ``model``,
``model_version``, ``config_digest`` and, for a table whose stage is not built yet, ``status``.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

STR, INT, FLOAT, DATE = pa.string(), pa.int64(), pa.float64(), pa.date32()
SPAN = [("doc_id", STR), ("start_char", INT), ("end_char", INT), ("text", STR)]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([("doc_id", STR), ("source_id", STR), ("title", STR), ("published", DATE),
                            ("text", STR), ("kind", STR), ("section", STR), ("url", STR), ("source", STR),
                            ("published_source", STR)]),
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
                         ("rule", STR), ("trigger", STR), ("confidence", FLOAT), ("province", STR),
                         ("country", STR), ("district", STR), ("place", STR), ("latitude", FLOAT),
                         ("longitude", FLOAT), ("geo_precision", INT), ("geonames_id", INT),
                         ("evidence", STR), ("title", STR), ("source_id", STR), ("url", STR), ("published", DATE),
                         ("plover", STR), ("acled", STR), ("gtd", STR)]),
    "places": pa.schema(SPAN + [("place", STR), ("kind", STR), ("district", STR), ("province", STR),
                                ("country", STR), ("latitude", FLOAT), ("longitude", FLOAT),
                                ("geonames_id", INT), ("geo_precision", INT)]),
    "incidents": pa.schema([("cluster_id", STR), ("event_type", STR), ("date_start", DATE), ("date_end", DATE),
                            ("location", STR), ("country", STR), ("actor_ids", pa.list_(STR)), ("killed_min", INT),
                            ("killed_max", INT), ("wounded_min", INT), ("wounded_max", INT), ("n_documents", INT),
                            ("doc_ids", pa.list_(STR)), ("province", STR), ("n_events", INT), ("district", STR),
                            ("place", STR), ("latitude", FLOAT), ("longitude", FLOAT), ("geo_precision", INT),
                            ("geonames_id", INT), ("evidence", STR), ("title", STR), ("url", STR), ("source_id", STR),
                            ("published", DATE), ("urls", pa.list_(STR)), ("plover", STR), ("acled", STR),
                            ("gtd", STR)]),
    "event_mentions": pa.schema([("doc_id", STR), ("start_char", INT), ("end_char", INT), ("trigger", STR),
                                 ("event_type", STR), ("factuality", STR), ("event_id", STR)]),
    "rejects": pa.schema([("source_id", STR), ("reason", STR)]),
    "warnings": pa.schema([("doc_id", STR), ("stage", STR), ("reason", STR)]),
}


class Writer:
    """Write one table in row groups as rows arrive, so that no stage holds a whole table.

    Rows are buffered up to ``group_rows`` and written as a row group to a temporary file in
    OUT; :meth:`close` flushes it to disk and renames it over ``OUT/name.parquet``, so a reader
    (or a crash) never sees a half-written table. Used as a context manager, an exception
    discards the temporary file and leaves the old table in place.
    """

    def __init__(self, out: Path, name: str, meta: dict[str, str], *, status: str | None = None,
                 group_rows: int = 10_000):
        metadata = {**meta, "table": name, **({"status": status} if status else {})}
        self.schema = SCHEMAS[name].with_metadata({k: str(v) for k, v in metadata.items()})
        self.path = out / f"{name}.parquet"
        self.group_rows = group_rows
        self.rows = 0
        self._buffer: list[dict] = []
        out.mkdir(parents=True, exist_ok=True)
        remove_stale(out, name)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=".parquet.tmp", dir=out)
        os.fchmod(fd, readable_mode())  # mkstemp's 0600 would keep the tables from colleagues and services
        self._tmp = Path(tmp)
        self._handle = os.fdopen(fd, "wb")
        self._writer = pq.ParquetWriter(self._handle, self.schema, compression="zstd")

    def add(self, rows: Iterable[dict]) -> None:
        self._buffer.extend(rows)
        if len(self._buffer) >= self.group_rows:
            self._flush()

    def add_table(self, table: pa.Table) -> None:
        """Append rows already in Arrow form (this table's columns, any order) as they are."""
        self._flush()
        self._writer.write_table(table.select(self.schema.names).cast(self.schema))
        self.rows += table.num_rows

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema))
            self.rows += len(self._buffer)
            self._buffer = []

    def finish(self) -> None:
        """Write what is buffered and make the temporary file durable (flushed, fsynced)."""
        self._flush()
        self._writer.close()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()

    def commit(self) -> int:
        """Put the finished file in place of ``OUT/name.parquet``; return its row count."""
        os.replace(self._tmp, self.path)
        return self.rows

    def close(self) -> int:
        """Finish the file and put it in place; return its row count."""
        self.finish()
        return self.commit()

    def discard(self) -> None:
        """Drop the temporary file, finished or not; the old table stays."""
        for close in (self._writer.close, self._handle.close):
            with suppress(Exception):  # half closed by a failed finish: the file goes all the same
                close()
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()


def readable_mode() -> int:
    """The mode a new file gets under the process's umask (0644 under the usual 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def committed_together(writers: Iterable[Writer]) -> Iterator[None]:
    """Commit several tables as one: all are finished (fsynced) before any is renamed into place.

    Tables that only make sense together (``documents`` and ``rejects``) then never mix two
    runs: an exception in the block, or while finishing any of them, discards them all and
    leaves every old table as it was.
    """
    writers = list(writers)
    try:
        yield
        for writer in writers:
            writer.finish()
    except BaseException:
        for writer in writers:
            writer.discard()
        raise
    for writer in writers:
        writer.commit()


def remove_stale(out: Path, name: str) -> None:
    """Delete the temporary files of ``name`` that a killed run left behind (their process is gone)."""
    for path in out.glob(f".{name}.*.parquet.tmp"):
        pid = path.name.split(".")[2]
        if pid.isdigit() and not alive(int(pid)):
            path.unlink(missing_ok=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def write(out: Path, name: str, rows: Iterable[dict], meta: dict[str, str], *, status: str | None = None) -> int:
    """Write ``rows`` as ``OUT/name.parquet`` atomically (see :class:`Writer`); return the row count."""
    with Writer(out, name, meta, status=status) as writer:
        writer.add(rows)
    return writer.rows


def outputs_within(raw: Path, out: Path) -> frozenset[str]:
    """What OUT holds of this pipeline's output inside RAW, as paths relative to RAW, so that a RAW
    holding its OUT never reads its tables, caches or review pages back as articles: OUT itself when it
    lies inside RAW, or, when OUT is RAW, the tables, ``.cache``, ``.lock``, ``review``, ``report`` and ``export``."""
    raw, out = raw.resolve(), out.resolve()
    if out != raw:
        return frozenset({out.relative_to(raw).as_posix()}) if out.is_relative_to(raw) else frozenset()
    return frozenset({f"{name}.parquet" for name in SCHEMAS} | {".cache", ".lock", "review", "report", "export"})


def require(out: Path, names: Iterable[str]) -> None:
    """Stop, naming the first missing table, before a reader of OUT writes anything."""
    for name in names:
        if not (out / f"{name}.parquet").exists():
            raise FileNotFoundError(f"{out / (name + '.parquet')} not found: run `make extract OUT={out}` first")


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

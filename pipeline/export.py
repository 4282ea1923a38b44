"""``make export``: the tables in forms that spreadsheets and GIS read, under ``OUT/export/``.

* ``csv``: one ``<table>.csv`` per table, UTF-8 with a byte-order mark (so that Excel reads accents
  right), dates as YYYY-MM-DD, lists joined with ``"; "``, nulls empty, integers as integers.
* ``xlsx``: one ``<table>.xlsx`` per table, the same cells with real Excel dates, the header bold
  and frozen; text longer than an Excel cell holds is cut, with a marker saying so.
* ``geojson``: ``events.geojson`` and ``incidents.geojson``, RFC 7946 FeatureCollections of Points
  ([longitude, latitude]) with every column as a property, and ``actors``, the groups' canonical
  names. Rows without coordinates are left out and counted.

Every file is written under a temporary name and renamed into place, with mode 0666 less the umask.
"""
from __future__ import annotations

import csv
import datetime
import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from pipeline import tables

FORMATS = ("csv", "xlsx", "geojson")
SELECTIONS = ("all", "incidents")
#: Excel's limits (Microsoft, "Excel specifications and limits"): 1,048,576 rows a sheet, the
#: header one of them, and 32,767 characters a cell.
XLSX_ROWS = 1_048_575
XLSX_CELL = 32_767
CUT = " [… cut: an Excel cell holds 32,767 characters; the csv export has the whole text]"
LIST_SEPARATOR = "; "
COORDINATES = ("latitude", "longitude")
#: What incidents take from an event of their cluster when their table has no coordinates.
PLACE = ("latitude", "longitude", "geo_precision")


class ExportError(Exception):
    """A request the export cannot meet (a table too long for Excel, a DEST it cannot write): one line."""


def build(out: Path, to: str, *, selection: str = "all", dest: Path | None = None) -> str:
    """Write the tables of ``selection`` in format ``to`` under ``dest`` (default ``OUT/export/``);
    return the closing line. Every table needed is checked before anything is written."""
    dest = dest or out / "export"
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: OUT folder not found: run `make extract OUT={out}` first")
    names = chosen(to, selection)
    check(out, to, names)
    try:
        dest.mkdir(parents=True, exist_ok=True)
        if to == "geojson":
            return write_maps(out, names, dest)
        return write_sheets(out, to, names, dest)
    except OSError as err:
        raise ExportError(f"export stopped at {err.filename or dest}: {err.strerror or err}") from None


def chosen(to: str, selection: str) -> list[str]:
    """The tables to write: every table, or incidents alone; for a map only those with places."""
    if selection == "incidents":
        return ["incidents"]
    return ["events", "incidents"] if to == "geojson" else list(tables.SCHEMAS)


def check(out: Path, to: str, names: list[str]) -> None:
    """Stop before writing on a missing table, or a table longer than an Excel sheet."""
    tables.require(out, names)
    if to == "geojson":
        tables.require(out, ["entities", *([] if placed(out, "incidents") else ["events"])])
    if to == "xlsx":
        for name in names:
            if (rows := tables.count(out, name)) > XLSX_ROWS:
                raise ExportError(f"{name}: {rows:,} rows, more than the {XLSX_ROWS:,} an Excel sheet holds: "
                                  "export it with --to csv")


def placed(out: Path, name: str) -> bool:
    """Whether a table has coordinate columns of its own."""
    return set(COORDINATES) <= set(pq.read_schema(out / f"{name}.parquet").names)


# Spreadsheets: csv and xlsx

def write_sheets(out: Path, to: str, names: list[str], dest: Path) -> str:
    """A csv or xlsx file per table; return the closing line (with the cells cut, for xlsx)."""
    cut = 0
    for name in tqdm(names, desc="export", unit="table", disable=None):
        source = pq.ParquetFile(out / f"{name}.parquet")
        with replacing(dest / f"{name}.{to}", text=to == "csv") as handle:
            if to == "csv":
                write_csv(source, handle)
            else:
                cut += write_xlsx(source, name, handle)
    line = f"{len(names)} {to} files in {dest}"
    return line + (f", {cut} cells cut at Excel's {XLSX_CELL:,} characters" if to == "xlsx" else "")


def rows(source: pq.ParquetFile) -> Iterator[tuple]:
    """The rows of a table as tuples of Python values, a row group at a time (texts are large)."""
    for batch in source.iter_batches():
        yield from zip(*(column.to_pylist() for column in batch.columns))


def cell(value: object) -> object:
    """A value as a spreadsheet shows it: a list joined with "; ", NaN as empty, the rest as it is."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(each) for each in value if each is not None)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_csv(source: pq.ParquetFile, handle: IO[str]) -> None:
    """The header, then every row; the csv module writes None as empty and a date as YYYY-MM-DD."""
    writer = csv.writer(handle)
    writer.writerow(source.schema_arrow.names)
    writer.writerows([cell(value) for value in row] for row in rows(source))


def write_xlsx(source: pq.ParquetFile, name: str, handle: IO[bytes]) -> int:
    """One sheet named after the table, header bold and frozen; return how many cells were cut."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)  # rows go to disk as they come
    sheet = book.create_sheet(name)
    sheet.freeze_panes = "A2"
    header = []
    for column in source.schema_arrow.names:
        header.append(WriteOnlyCell(sheet, column))
        header[-1].font = Font(bold=True)
    sheet.append(header)
    cut = 0
    for row in rows(source):
        values = []
        for value in map(cell, row):
            if isinstance(value, str):
                value, shortened = excel_text(value)
                cut += shortened
                if value.startswith("="):  # text, not a formula
                    value = WriteOnlyCell(sheet, value)
                    value.data_type = "s"
            values.append(value)
        sheet.append(values)
    book.save(handle)
    return cut


def excel_text(text: str) -> tuple[str, bool]:
    """Text an Excel cell takes: without the control characters XML forbids, and cut to
    :data:`XLSX_CELL` characters with :data:`CUT` at the end when longer. Excel counts UTF-16
    units, so a character outside the BMP counts two. Return the text and whether it was cut."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    units = text.encode("utf-16-le")
    if len(units) <= 2 * XLSX_CELL:
        return text, False
    keep = units[: 2 * (XLSX_CELL - len(CUT))].decode("utf-16-le", errors="ignore")  # no half pair
    return keep + CUT, True


# Maps: GeoJSON

def write_maps(out: Path, names: list[str], dest: Path) -> str:
    """A GeoJSON file per table; return the closing line, with the rows left out for want of coordinates."""
    entities = tables.read(out, "entities")
    actors = dict(zip(entities.column("entity_id").to_pylist(), entities.column("name").to_pylist()))
    written, left_out = [], 0
    for name in tqdm(names, desc="export", unit="table", disable=None):
        table = tables.read(out, name)
        if name == "incidents" and not placed(out, name):
            table = with_places(table, tables.read(out, "events"))
        found, missing = features(table, actors)
        with replacing(dest / f"{name}.geojson", text=True, encoding="utf-8") as handle:
            json.dump({"type": "FeatureCollection", "features": found}, handle, ensure_ascii=False, allow_nan=False)
        written.append(f"{name}.geojson ({len(found)} points)")
        left_out += missing
    return f"{', '.join(written)} in {dest}; {left_out} rows without coordinates left out"


def position(latitude: object, longitude: object) -> list[float] | None:
    """A GeoJSON position, [longitude, latitude]; None when either is missing or out of range."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):  # False for NaN too
        return None
    return [longitude, latitude]


def with_places(incidents: pa.Table, events: pa.Table) -> pa.Table:
    """Incidents with the latitude, longitude and geo_precision of their cluster's most precisely
    placed event: lowest geo_precision, then smallest event_id (the one the cluster is named after);
    null where no event of the cluster has coordinates."""
    order = sorted(events.select(["cluster_id", "event_id", *PLACE]).to_pylist(),
                   key=lambda e: (e["geo_precision"] is None, e["geo_precision"] or 0, e["event_id"]))
    best: dict[str, dict] = {}
    for event in order:
        if position(event["latitude"], event["longitude"]) is not None:
            best.setdefault(event["cluster_id"], event)
    clusters = incidents.column("cluster_id").to_pylist()
    for column in PLACE:
        values = [best[c][column] if c in best else None for c in clusters]
        incidents = incidents.append_column(column, pa.array(values, type=events.schema.field(column).type))
    return incidents


def features(table: pa.Table, actors: dict[str, str]) -> tuple[list[dict], int]:
    """One Point feature per row with coordinates, and how many rows had none."""
    found = []
    for row in table.to_pylist():
        point = position(row["latitude"], row["longitude"])
        if point is not None:
            found.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
                          "properties": properties(row, actors)})
    return found, table.num_rows - len(found)


def properties(row: dict, actors: dict[str, str]) -> dict:
    """Every column as JSON (dates ISO, lists arrays, nulls null), and ``actors`` beside ``actor_ids``."""
    found = {}
    for column, value in row.items():
        found[column] = jsonable(value)
        if column == "actor_ids":
            found["actors"] = [actors.get(each, each) for each in value or []]
    return found


def jsonable(value: object) -> object:
    """A value as JSON takes it: a date as YYYY-MM-DD, NaN as null (JSON has no NaN), lists item by item."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list):
        return [jsonable(each) for each in value]
    return value


# Writing

@contextmanager
def replacing(path: Path, *, text: bool, encoding: str = "utf-8-sig") -> Iterator[IO]:
    """Open a temporary file beside ``path`` (text in ``encoding``, or binary); when the block ends
    without an error, make it durable, give it mode 0666 less the umask and rename it over ``path``,
    so that a reader never sees half a file. An error drops the temporary file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(fd, "w", encoding=encoding, newline="") if text else open(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, tables.readable_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

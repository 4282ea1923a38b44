"""``python -m pipeline export``: what spreadsheets and GIS read back of the tables.

Most tests build small tables by hand in tmp_path (the schemas of pipeline/tables.py); the two
marked slow run the pipeline over the sample corpus.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys

import jsonschema
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import export, tables
from pipeline.cli import main
from tests.conftest import ROOT

D = datetime.date
#: RFC 7946: a FeatureCollection of Features whose geometry is a Point [longitude, latitude].
POINTS = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "geometry": {
                    "type": "object",
                    "required": ["type", "coordinates"],
                    "properties": {
                        "type": {"const": "Point"},
                        "coordinates": {"type": "array", "minItems": 2, "maxItems": 2, "prefixItems": [
                            {"type": "number", "minimum": -180, "maximum": 180},
                            {"type": "number", "minimum": -90, "maximum": 90}]},
                    },
                },
                "properties": {"type": "object"},
            },
        }},
    },
}

JAKARTA, PESHAWAR, QUETTA, KABUL = (-6.2146, 106.8451), (34.008, 71.578), (30.1798, 66.975), (34.5281, 69.1723)


def event(event_id, cluster_id, place, precision, **fields):
    latitude, longitude = place or (None, None)
    return {"event_id": event_id, "doc_id": "d1", "start_char": 0, "end_char": 10, "event_type": "ATTACK",
            "date_start": D(2024, 3, 5), "date_end": D(2024, 3, 6), "location": "Peshāwar", "actor_ids": ["ttp"],
            "killed": 12, "wounded": None, "cluster_id": cluster_id, "confidence": 0.75, "latitude": latitude,
            "longitude": longitude, "geo_precision": precision, "geonames_id": 1168197, **fields}


EVENTS = [
    event("e1", "c1", QUETTA, 3),
    event("e2", "c1", PESHAWAR, 1, actor_ids=["ttp", "iskp"], killed=None),
    event("e3", "c1", KABUL, 1),  # as precise as e2, but e2 comes first
    event("e0", "c1", None, 0),  # the most precise, without coordinates: not the incident's place
    event("e4", "c2", None, None, actor_ids=[]),
    event("e5", "c3", JAKARTA, 2, location="Jakarta, Indonésie"),
]
INCIDENTS = [
    {"cluster_id": "c1", "event_type": "ATTACK", "date_start": D(2024, 3, 5), "date_end": D(2024, 3, 6),
     "location": "Peshāwar", "country": "Pakistan", "actor_ids": ["ttp", "iskp"], "killed_min": 12,
     "killed_max": 12, "wounded_min": None, "wounded_max": None, "n_documents": 2, "doc_ids": ["d1", "d2"],
     "n_events": 4},
    {"cluster_id": "c2", "event_type": "BOMBING", "date_start": None, "date_end": None, "location": None,
     "country": "Pakistan", "actor_ids": [], "killed_min": None, "killed_max": None, "n_documents": 1,
     "doc_ids": ["d1"], "n_events": 1},
    {"cluster_id": "c3", "event_type": "ATTACK", "date_start": D(2023, 12, 31), "location": "Jakarta, Indonésie",
     "country": "Indonesia", "actor_ids": ["jad"], "killed_min": 0, "killed_max": 3, "n_documents": 1,
     "doc_ids": ["d3"], "n_events": 1},
]
ROWS = {
    "documents": [{"doc_id": "d1", "source_id": "a.md", "title": "Café attack in Peshāwar", "published": D(2024, 3, 6),
                   "text": "Militants attacked a café in Peshāwar on Tuesday.\nTwelve were killed.", "kind": "md"},
                  {"doc_id": "d2", "source_id": "b.txt", "title": "=SUM(A1:A2)", "published": None,
                   "text": "Ṭālibān « claimed » it.", "kind": "txt"}],
    "entities": [{"entity_id": "ttp", "name": "Tehrik-i-Taliban Pakistan", "type": "MILITANT_GROUP",
                  "aliases": ["TTP", "Pakistani Ṭālibān"]},
                 {"entity_id": "iskp", "name": "Islamic State Khorasan Province", "type": "MILITANT_GROUP",
                  "aliases": [], "parent": "is"},
                 {"entity_id": "jad", "name": "Jamaah Ansharut Daulah", "type": "MILITANT_GROUP", "aliases": None}],
    "events": EVENTS,
    "incidents": INCIDENTS,
    "figures": [{"doc_id": "d1", "start_char": 50, "end_char": 56, "text": "Twelve", "value": 12.0, "unit": "people"}],
    "rejects": [{"source_id": "c.pdf", "reason": "unsupported file type '.pdf'"}],
}


def write(out, name, rows, schema=None):
    pq.write_table(pa.Table.from_pylist(rows, schema=schema or tables.SCHEMAS[name]), out / f"{name}.parquet")


@pytest.fixture
def out(tmp_path):
    """Every table of the contract, small, with accents, nulls, lists and dates."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name in tables.SCHEMAS:
        write(folder, name, ROWS.get(name, []))
    return folder


def run(out, *args):
    return main(["export", "--out", str(out), *args])


def expected(out, name, date):
    """A table's rows as a spreadsheet should give them back: lists joined with "; " (empty: a null
    cell), dates through ``date``, the rest as they are."""
    def shown(value):
        if isinstance(value, list):
            return "; ".join(value) or None
        return date(value) if isinstance(value, D) else value
    return [[shown(value) for value in row.values()] for row in pq.read_table(out / f"{name}.parquet").to_pylist()]


def cells(frame):
    return [[None if pd.isna(value) else value for value in row] for row in frame.astype(object).itertuples(index=False)]


def int_columns(name):
    return [field.name for field in tables.SCHEMAS[name] if field.type == pa.int64()]


@pytest.mark.parametrize("name", ["documents", "entities", "events", "incidents", "figures", "warnings"])
def test_csv_reads_back_as_the_table(out, name, capsys):
    assert run(out, "--to", "csv") == 0
    path = out / "export" / f"{name}.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # so that Excel reads the accents as UTF-8
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype_backend="numpy_nullable")
    assert list(frame.columns) == tables.SCHEMAS[name].names
    assert cells(frame) == expected(out, name, D.isoformat)
    for column in int_columns(name):
        if frame[column].notna().any():
            assert frame[column].dtype == "Int64", column  # 12, never 12.0
    assert capsys.readouterr().out.strip() == f"export: 11 csv files in {out / 'export'}"


def test_csv_cells_are_plain_text_a_spreadsheet_takes(out):
    assert run(out, "--to", "csv") == 0
    text = (out / "export" / "events.csv").read_text(encoding="utf-8-sig")
    assert "e2,d1,0,10,ATTACK,2024-03-05,2024-03-06,Peshāwar,ttp; iskp,,,," in text
    assert "12.0" not in text and "None" not in text and "[" not in text


@pytest.mark.parametrize("name", ["documents", "entities", "events", "incidents"])
def test_xlsx_reads_back_as_the_table(out, name, capsys):
    assert run(out, "--to", "xlsx") == 0
    path = out / "export" / f"{name}.xlsx"
    frame = pd.read_excel(path, engine="openpyxl", dtype_backend="numpy_nullable")
    assert list(frame.columns) == tables.SCHEMAS[name].names
    assert cells(frame) == expected(out, name, pd.Timestamp)
    for column in int_columns(name):
        if frame[column].notna().any():
            assert frame[column].dtype == "Int64", column
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == name and sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    dates = [c for c in sheet[2] if isinstance(c.value, datetime.datetime)]
    assert all(c.is_date for c in dates) and (dates or name == "entities")
    assert capsys.readouterr().out.strip().endswith(", 0 cells cut at Excel's 32,767 characters")


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(out):
    assert run(out, "--to", "xlsx") == 0
    cell = openpyxl.load_workbook(out / "export" / "documents.xlsx").active["C3"]
    assert (cell.value, cell.data_type) == ("=SUM(A1:A2)", "s")


def test_xlsx_cuts_text_over_excels_cell_limit_with_a_marker(out, capsys):
    long = "é" * 40_000
    exact = "x" * export.XLSX_CELL
    # a character outside the BMP counts two UTF-16 units in Excel: this one is cut too
    wide = "🙂" * (export.XLSX_CELL // 2 + 1)
    write(out, "documents", [{"doc_id": f"d{i}", "source_id": f"{i}.txt", "text": text}
                             for i, text in enumerate([long, exact, wide])])
    assert run(out, "--to", "xlsx", "--tables", "all") == 0
    assert capsys.readouterr().out.strip().endswith(", 2 cells cut at Excel's 32,767 characters")
    texts = [row[4].value for row in openpyxl.load_workbook(out / "export" / "documents.xlsx").active.iter_rows(min_row=2)]
    assert texts[0].endswith(export.CUT) and texts[0].startswith("é" * 30_000)
    assert len(texts[0]) <= export.XLSX_CELL
    assert texts[1] == exact
    assert texts[2].endswith(export.CUT) and len(texts[2].encode("utf-16-le")) // 2 <= export.XLSX_CELL
    assert run(out, "--to", "csv") == 0
    assert pd.read_csv(out / "export" / "documents.csv", encoding="utf-8-sig").text[0] == long


def test_xlsx_of_a_table_longer_than_a_sheet_is_a_one_line_error(out, capsys):
    write(out, "rejects", [{"source_id": "x", "reason": "y"}] * (export.XLSX_ROWS + 1))
    assert run(out, "--to", "xlsx") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rejects: 1,048,576 rows" in err and "--to csv" in err
    assert not (out / "export").exists()


def features(path):
    """The features of a GeoJSON file, checked against the schema of a FeatureCollection of Points."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # RFC 8259: no byte-order mark
    collection = json.loads(raw.decode("utf-8"))
    jsonschema.validate(collection, POINTS, cls=jsonschema.Draft202012Validator)
    return collection["features"]


def test_schema_rejects_latitude_first():
    swapped = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(JAKARTA)}, "properties": {}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(swapped, POINTS, cls=jsonschema.Draft202012Validator)


def test_geojson_events_are_points_longitude_first_with_every_column(out, capsys):
    assert run(out, "--to", "geojson") == 0
    found = features(out / "export" / "events.geojson")
    placed = [e for e in EVENTS if e["latitude"] is not None]
    assert [f["properties"]["event_id"] for f in found] == [e["event_id"] for e in placed]
    for feature, row in zip(found, placed):
        assert feature["geometry"]["coordinates"] == [row["longitude"], row["latitude"]]
        assert set(tables.SCHEMAS["events"].names) | {"actors"} == set(feature["properties"])
    e2 = found[1]["properties"]
    assert e2["actor_ids"] == ["ttp", "iskp"]
    assert e2["actors"] == ["Tehrik-i-Taliban Pakistan", "Islamic State Khorasan Province"]
    assert list(e2).index("actors") == list(e2).index("actor_ids") + 1
    assert (e2["date_start"], e2["killed"], e2["wounded"], e2["location"]) == ("2024-03-05", None, None, "Peshāwar")
    assert found[2]["properties"]["killed"] == 12 and isinstance(found[2]["properties"]["killed"], int)
    line = capsys.readouterr().out.strip()
    assert line == (f"export: events.geojson (4 points), incidents.geojson (2 points) in {out / 'export'}; "
                    "3 rows without coordinates left out")


def test_geojson_incidents_without_coordinates_take_their_most_precise_event(out):
    assert not export.placed(out, "incidents")
    assert run(out, "--to", "geojson") == 0
    found = {f["properties"]["cluster_id"]: f for f in features(out / "export" / "incidents.geojson")}
    assert set(found) == {"c1", "c3"}  # no event of c2 has coordinates
    c1 = found["c1"]  # e0 is more precise but has no coordinates; e2 and e3 tie, e2 first
    assert c1["geometry"]["coordinates"] == [PESHAWAR[1], PESHAWAR[0]]
    assert (c1["properties"]["latitude"], c1["properties"]["longitude"], c1["properties"]["geo_precision"]) == (
        PESHAWAR[0], PESHAWAR[1], 1)
    assert c1["properties"]["doc_ids"] == ["d1", "d2"] and c1["properties"]["wounded_min"] is None
    assert found["c3"]["geometry"]["coordinates"] == [JAKARTA[1], JAKARTA[0]]
    assert found["c3"]["properties"]["actors"] == ["Jamaah Ansharut Daulah"]


def test_geojson_incidents_with_coordinates_of_their_own_use_them(out, capsys):
    schema = tables.SCHEMAS["incidents"]
    for field in (pa.field("latitude", pa.float64()), pa.field("longitude", pa.float64()),
                  pa.field("geo_precision", pa.int64())):
        schema = schema.append(field)
    own = [{**INCIDENTS[0], "latitude": 33.6, "longitude": 73.05, "geo_precision": 2},
           {**INCIDENTS[1], "latitude": None, "longitude": None},
           {**INCIDENTS[2], "latitude": -7.25, "longitude": 112.75, "geo_precision": 1}]
    write(out, "incidents", own, schema)
    (out / "events.parquet").unlink()  # not needed when the incidents are placed
    assert run(out, "--to", "geojson", "--tables", "incidents") == 0
    found = features(out / "export" / "incidents.geojson")
    assert [f["geometry"]["coordinates"] for f in found] == [[73.05, 33.6], [112.75, -7.25]]
    assert [f["properties"]["geo_precision"] for f in found] == [2, 1]
    assert list(found[0]["properties"]) == [*schema.names[:7], "actors", *schema.names[7:]]
    assert sorted(p.name for p in (out / "export").iterdir()) == ["incidents.geojson"]
    assert capsys.readouterr().out.strip().endswith("; 1 rows without coordinates left out")


def test_tables_incidents_writes_only_incidents(out):
    for to in ("csv", "xlsx", "geojson"):
        dest = out / f"only-{to}"
        assert run(out, "--to", to, "--tables", "incidents", "--dest", str(dest)) == 0
        assert sorted(p.name for p in dest.iterdir()) == [f"incidents.{to}"]
    rows = pd.read_csv(out / "only-csv" / "incidents.csv", encoding="utf-8-sig")
    assert list(rows.cluster_id) == ["c1", "c2", "c3"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_files_get_0666_less_the_umask(out, mask, mode):
    previous = os.umask(mask)
    try:
        for to in ("csv", "xlsx", "geojson"):
            assert run(out, "--to", to) == 0
    finally:
        os.umask(previous)
    written = list((out / "export").iterdir())
    assert len(written) == 24
    assert {p.stat().st_mode & 0o777 for p in written} == {mode}  # mkstemp alone gives 0600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(out, monkeypatch):
    assert run(out, "--to", "csv") == 0
    before = {p.name: p.read_bytes() for p in (out / "export").iterdir()}
    write(out, "documents", ROWS["documents"][:1])
    monkeypatch.setattr(export, "cell", lambda value: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run(out, "--to", "csv")
    assert {p.name: p.read_bytes() for p in (out / "export").iterdir()} == before  # and no temporary file


def cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", "export", *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_a_missing_table_is_one_line_and_exit_2_before_any_file(out):
    (out / "entities.parquet").unlink()
    done = cli("--out", str(out), "--to", "geojson")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [f"error: {out / 'entities.parquet'} not found: run `make extract OUT={out}` first"]
    assert not (out / "export").exists()


def test_a_missing_out_is_one_line_and_exit_2(tmp_path, capsys):
    nowhere = tmp_path / "nowhere"
    assert run(nowhere, "--to", "csv") == 2
    assert capsys.readouterr().err == f"error: {nowhere}: OUT folder not found: run `make extract OUT={nowhere}` first\n"


def test_incidents_without_coordinates_need_the_events_table(out, capsys):
    (out / "events.parquet").unlink()
    assert run(out, "--to", "geojson", "--tables", "incidents") == 2
    assert capsys.readouterr().err == f"error: {out / 'events.parquet'} not found: run `make extract OUT={out}` first\n"


def test_a_dest_that_is_a_file_is_one_line_and_exit_2(out, tmp_path, capsys):
    (tmp_path / "afile").write_text("")
    assert run(out, "--to", "csv", "--dest", str(tmp_path / "afile")) == 2
    assert capsys.readouterr().err == f"error: export stopped at {tmp_path / 'afile'}: File exists\n"


def test_an_unknown_format_is_argparses_error(out, capsys):
    with pytest.raises(SystemExit) as stop:
        run(out, "--to", "pdf")
    assert stop.value.code == 2 and "invalid choice: 'pdf'" in capsys.readouterr().err


# The sample corpus, extracted

@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    return out


@pytest.mark.slow
def test_the_sample_corpus_exports_every_table_and_places_its_incidents(extracted):
    for to in ("csv", "xlsx", "geojson"):
        assert main(["export", "--out", str(extracted), "--to", to]) == 0
    folder = extracted / "export"
    for name in tables.SCHEMAS:
        rows = tables.count(extracted, name)
        assert len(pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig")) == rows
        assert len(pd.read_excel(folder / f"{name}.xlsx", engine="openpyxl")) == rows
    events = pd.read_parquet(extracted / "events.parquet")
    placed = events.dropna(subset=["latitude", "longitude"])
    assert len(features(folder / "events.geojson")) == len(placed) > 0
    incidents = features(folder / "incidents.geojson")
    assert {f["properties"]["cluster_id"] for f in incidents} == set(placed.cluster_id)
    for feature in incidents:
        cluster = placed[placed.cluster_id == feature["properties"]["cluster_id"]]
        best = cluster.sort_values(["geo_precision", "event_id"]).iloc[0]
        assert feature["geometry"]["coordinates"] == [best.longitude, best.latitude]


@pytest.mark.slow
def test_an_export_inside_raw_is_never_read_back_as_articles(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)

    def sources():
        assert main(["extract", "--raw", str(raw), "--out", str(raw), "--config", str(ROOT / "configs")]) == 0
        return sorted(tables.read(raw, "documents").column("source_id").to_pylist()
                      + tables.read(raw, "rejects").column("source_id").to_pylist())

    before = sources()
    for to in ("csv", "geojson"):
        assert main(["export", "--out", str(raw), "--to", to]) == 0
    assert sources() == before

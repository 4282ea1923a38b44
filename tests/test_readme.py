"""The README's queries run as printed, and its DuckDB, pandas and Polars answers to the analysts'
five questions agree with each other on the sample corpus."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import re

import duckdb
import pandas as pd
import pytest

from pipeline.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

QUESTIONS = ("q1", "q2", "q3", "q4", "q5")


def queries_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("### Queries\n"):text.index("\n## Configuration")]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", queries_section(), re.S)


@pytest.fixture(scope="module")
def in_project(tmp_path_factory):
    """A folder holding ``processed/``: the sample corpus extracted, as the README's paths expect."""
    folder = tmp_path_factory.mktemp("readme")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(folder / "processed"),
                 "--config", str(ROOT / "configs")]) == 0
    return folder


def value(cell: object) -> object:
    """One cell in a form the three libraries share: dates as ISO days, missing as None."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, (dt.date, pd.Timestamp)):
        return cell.isoformat()[:10]
    if hasattr(cell, "item"):  # numpy scalars
        return cell.item()
    return cell


def rows(frame) -> tuple[list[str], list[tuple]]:
    """A result's column names and its rows in a fixed order (the libraries order ties and nulls apart)."""
    if not isinstance(frame, pd.DataFrame):
        frame = frame.to_pandas()
    found = [tuple(value(c) for c in row) for row in frame.itertuples(index=False)]
    return list(frame.columns), sorted(found, key=repr)


def run_python(code: str, folder, monkeypatch) -> dict[str, object]:
    monkeypatch.chdir(folder)
    scope: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - the README's own snippet
    return scope


def test_the_readme_has_the_five_questions_in_three_languages():
    sql, python = blocks("sql"), blocks("python")
    assert len(sql) == 2 and len(re.findall(r"^-- \d\. ", sql[0], re.M)) == 5
    assert [b.split("\n", 1)[0] for b in python] == ["import pandas as pd", "import polars as pl"]
    assert all(re.search(rf"^{q} = ", b, re.M) for b in python for q in QUESTIONS)


def test_duckdb_pandas_and_polars_give_the_same_answers(in_project, monkeypatch):
    monkeypatch.chdir(in_project)
    statements = [s for s in blocks("sql")[0].split(";") if s.strip()]
    answers = {"duckdb": dict(zip(QUESTIONS, (rows(duckdb.sql(s).df()) for s in statements)))}
    for name, code in zip(("pandas", "polars"), blocks("python")):
        scope = run_python(code, in_project, monkeypatch)
        answers[name] = {q: rows(scope[q]) for q in QUESTIONS}
    for q in QUESTIONS:
        columns, expected = answers["duckdb"][q]
        assert expected, f"{q}: no rows on the sample corpus"
        for name in ("pandas", "polars"):
            assert answers[name][q][0] == columns, (q, name)
            assert answers[name][q][1] == expected, (q, name)


def test_each_incident_counts_once_in_the_first_answer(in_project, monkeypatch):
    monkeypatch.chdir(in_project)
    first = duckdb.sql(blocks("sql")[0].split(";")[0]).df()
    incidents = pd.read_parquet(in_project / "processed" / "incidents.parquet")
    dated = incidents[(incidents.event_type == "ATTACK") & incidents.date_start.notna()]
    assert first.attacks.sum() == len(dated) == dated.cluster_id.nunique()


def test_the_other_duckdb_queries_run(in_project, monkeypatch):
    monkeypatch.chdir(in_project)
    for statement in (s for s in blocks("sql")[1].split(";") if s.strip()):
        assert duckdb.sql(statement).fetchall() is not None

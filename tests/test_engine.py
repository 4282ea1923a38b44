"""The engines of the annotate stage write the same tables: in this process, on a pool of local
processes, and on Dask (a local cluster the run starts, or a scheduler given by address)."""
import shutil

import pyarrow.parquet as pq
import pytest
import yaml

from pipeline import tables
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.engine import in_order, processes_for
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

ANNOTATED = ("mentions", "entities", "dates", "figures", "events")


@pytest.fixture(scope="module")
def small_partitions(tmp_path_factory):
    """The project's configs with partitions of 3 documents, so that the sample corpus makes four."""
    configs = tmp_path_factory.mktemp("configs")
    shutil.copytree(ROOT / "configs", configs, dirs_exist_ok=True)
    settings = yaml.safe_load((configs / "pipeline.yml").read_text())
    (configs / "pipeline.yml").write_text(yaml.safe_dump({**settings, "partition_size": 3}))
    return configs


@pytest.fixture(scope="module")
def local_out(tmp_path_factory, small_partitions):
    out = tmp_path_factory.mktemp("local")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(small_partitions),
                 "--processes", "1"]) == 0
    return out


def assert_same_tables(a, b):
    for name in ANNOTATED + ("documents", "rejects"):
        left, right = pq.read_table(a / f"{name}.parquet"), pq.read_table(b / f"{name}.parquet")
        assert left.num_rows == right.num_rows, name
        assert left.equals(right), f"{name} differs between engines"
    assert tables.count(a, "mentions") > 100 and tables.count(a, "events") > 10


def test_the_sample_corpus_makes_several_partitions(local_out, small_partitions):
    assert tables.count(local_out, "documents") > 2 * load_config(small_partitions).pipeline.partition_size


def test_a_pool_of_two_processes_writes_the_same_tables(tmp_path, local_out, small_partitions, caplog):
    caplog.set_level("INFO", logger="pipeline")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path), "--config", str(small_partitions),
                 "--processes", "2"]) == 0
    assert "starting 2 worker processes while cleaning" in caplog.text and "on 2 processes" in caplog.text
    assert_same_tables(local_out, tmp_path)


def test_dask_engine_on_a_local_cluster_writes_the_same_tables(tmp_path, local_out, small_partitions, caplog):
    caplog.set_level("INFO", logger="pipeline")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path), "--config", str(small_partitions),
                 "--engine", "dask", "--processes", "2"]) == 0
    assert "on Dask (local cluster of 2)" in caplog.text
    assert_same_tables(local_out, tmp_path)


def test_dask_engine_on_a_scheduler_given_by_address(tmp_path, local_out, small_partitions):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path), "--config",
                     str(small_partitions), "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
    assert_same_tables(local_out, tmp_path)


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path, capsys):
    assert main(["extract", "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_processes_default_to_the_cores_and_obey_the_override(small_partitions):
    config = load_config(small_partitions)
    assert processes_for(config, None) >= 1  # n_process: 0 in the project's configs
    assert processes_for(config, 3) == 3


class Done:
    def __init__(self, value, log):
        self.value, self.log = value, log

    def result(self):
        self.log.append(("result", self.value))
        return self.value


def test_in_order_keeps_submission_order_and_a_bounded_window():
    log = []

    def submit(part):
        log.append(("submit", part))
        return Done(part, log)

    assert list(in_order(submit, iter(range(6)), window=2)) == list(range(6))
    in_flight = max_flight = 0
    for kind, _ in log:
        in_flight += 1 if kind == "submit" else -1
        max_flight = max(max_flight, in_flight)
    assert max_flight == 2


def test_a_corpus_of_one_partition_starts_no_workers(tmp_path, caplog):
    caplog.set_level("INFO", logger="pipeline")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path), "--config", str(ROOT / "configs"),
                 "--processes", "2"]) == 0
    assert "worker processes" not in caplog.text and "1 partitions in this process" in caplog.text


def test_a_worker_is_handed_a_few_bytes_however_large_the_catalog(monkeypatch, tmp_path):
    # the spawn start writes a worker's initializer arguments to a pipe the child reads only after
    # importing the pipeline; over the pipe's 64 kB the parent waits there, in the window that ignores
    # Ctrl-C, and an interrupt is lost (the pickled configs and catalog are over 100 kB)
    import concurrent.futures
    import pickle

    from pipeline import engine
    from pipeline.catalog import load_catalog

    seen = {}

    class Recorder:
        def __init__(self, *args, initargs=(), **kwargs):
            seen["initargs"] = initargs

        def submit(self, *args):
            return None

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recorder)
    config = load_config(ROOT / "configs")
    engine.start_pool(config, load_catalog(config.root), tmp_path, 2)
    assert len(pickle.dumps(seen["initargs"])) < 4096

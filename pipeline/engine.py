"""Engines of the annotate stage: this process, a pool of local processes, or a Dask cluster.

Every engine cuts ``OUT/documents.parquet`` into partitions of ``partition_size`` documents
(``configs/pipeline.yml``), runs :meth:`annotate.Annotator.rows` on each where the model is loaded once per
process (or Dask worker), and appends the partitions' rows to the tables in partition order as
they come back. At most a few partitions per worker are in flight, so memory does not grow with
the corpus, and every engine writes the same tables.
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
from tqdm import tqdm

from pipeline import tables
from pipeline.annotate import STEPS, TABLES, Annotator, Partition, RowCache, check_model, rows_key
from pipeline.catalog import Catalog
from pipeline.config import Config

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")

#: The Annotator of this worker process (pool or Dask worker), keyed by what it was built from.
_WORKER: dict[tuple, Annotator] = {}


def cores() -> int:
    """Cores this process may use (the affinity mask, which containers and ``taskset`` narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes_for(config: Config, override: int | None) -> int:
    """Processes to use: ``--processes``, else ``n_process`` of pipeline.yml; 0 means one per core."""
    wanted = config.pipeline.n_process if override is None else override
    return wanted if wanted > 0 else cores()


def partitions(out: Path, size: int) -> tuple[int, Iterator[list[dict]]]:
    """The number of partitions of ``size`` documents in ``OUT/documents.parquet``, and the
    partitions, read lazily."""
    source = pq.ParquetFile(out / "documents.parquet")
    count = math.ceil(source.metadata.num_rows / size)
    batches = source.iter_batches(batch_size=size, columns=["doc_id", "text", "published"])
    return count, (batch.to_pylist() for batch in batches)


def in_order(submit: Callable[[list[dict]], object], parts: Iterable[list[dict]], window: int) -> Iterator[Partition]:
    """Submit partitions, at most ``window`` in flight, and yield their results in submission order.

    ``submit`` returns a future (``concurrent.futures`` or Dask); both have ``result()``.
    """
    pending: deque = deque()
    for part in parts:
        pending.append(submit(part))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def worker_rows(config: Config, catalog: Catalog, out: str | None, documents: list[dict]) -> Partition:
    """One partition's rows, in a worker: the Annotator is built on the first call and kept."""
    key = (config.digest, out)
    if key not in _WORKER:
        _WORKER.clear()
        _WORKER[key] = Annotator(config, catalog, Path(out) if out else None)
    return _WORKER[key].rows(documents)


def start_pool(config: Config, catalog: Catalog, out: Path, workers: int):
    """Start ``workers`` local processes now, each building its Annotator (model and rules) as it
    starts; the cli starts them before the clean stage, so that loading the model overlaps it."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=worker_rows, initargs=(config, catalog, str(out), []))
    for _ in range(workers):  # processes start on demand: one per task submitted while none is idle
        pool.submit(int)
    return pool


def pool_results(pool, config: Config, catalog: Catalog, out: Path, parts: Iterable[list[dict]],
                 workers: int) -> Iterator[Partition]:
    """Partitions annotated by a pool of ``workers`` local processes; the pool is shut down after."""
    try:
        yield from in_order(lambda docs: pool.submit(worker_rows, config, catalog, str(out), docs),
                            parts, window=2 * workers)
    finally:
        pool.shutdown(cancel_futures=True)


def dask_results(config: Config, catalog: Catalog, out: Path, parts: Iterable[list[dict]], workers: int,
                 scheduler: str | None) -> Iterator[Partition]:
    """Partitions annotated on Dask: the cluster at ``scheduler``, or a local one of ``workers``
    single-threaded worker processes started for this run."""
    from distributed import Client, LocalCluster

    # Dask logs every worker's start and stop at INFO through its own handler; keep its warnings only.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        total = sum(client.ncores().values()) or workers
        shared = client.scatter([config, catalog], broadcast=True)
        yield from in_order(lambda docs: client.submit(worker_rows, *shared, str(out), docs, pure=False),
                            parts, window=2 * total)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(config: Config, catalog: Catalog, out: Path, *, meta: dict[str, str], processes: int | None = None,
        engine: str = "local", scheduler: str | None = None, pool=None) -> tuple[int, int]:
    """Annotate ``OUT/documents.parquet`` into ``mentions``, ``dates``, ``figures``, ``events`` and
    ``entities``; return the mention and event counts. ``pool``: local workers already started
    (:func:`start_pool`), used when there is more than one partition and shut down in any case."""
    check_model(config)
    count, parts = partitions(out, config.pipeline.partition_size)
    workers = processes_for(config, processes)
    if pool is not None and (engine != "local" or min(workers, count) <= 1):
        pool.shutdown(cancel_futures=True)
        pool = None
    if engine == "dask":
        results = dask_results(config, catalog, out, parts, workers, scheduler)
        log.info("annotate: %d partitions on Dask (%s)", count, scheduler or f"local cluster of {workers}")
    elif min(workers, count) > 1:
        pool = pool or start_pool(config, catalog, out, min(workers, count))
        results = pool_results(pool, config, catalog, out, parts, min(workers, count))
        log.info("annotate: %d partitions on %d processes", count, min(workers, count))
    else:
        annotator = Annotator(config, catalog, out)
        results = (annotator.rows(docs) for docs in parts)
        log.info("annotate: %d partitions in this process", count)
    spent = dict.fromkeys(STEPS, 0.0)
    annotated = 0
    linked: set[str] = set()
    writers = [tables.Writer(out, name, meta) for name in TABLES]
    try:
        for part in tqdm(results, total=count, desc="annotate", unit="part", disable=None):
            for writer in writers:
                writer.add(part.tables[writer.path.stem])
            linked.update(r["entity_id"] for r in part.tables["mentions"] if r["entity_id"])
            for step, seconds in part.spent.items():
                spent[step] += seconds
            annotated += part.annotated
    except BaseException:
        for writer in writers:
            writer.discard()
        raise
    counts = {writer.path.stem: writer.close() for writer in writers}
    RowCache(out, rows_key(config)).prune()
    total = tables.count(out, "documents")
    log.info("annotate: %d documents annotated, %d unchanged ones read from the row cache", annotated, total - annotated)
    tables.write(out, "entities", catalog.rows(linked), meta)
    log.info("annotate (seconds summed over processes): %s", ", ".join(f"{k} {v:.2f} s" for k, v in spent.items()))
    return counts["mentions"], counts["events"]

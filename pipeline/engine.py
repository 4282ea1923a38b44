"""Engines of the annotate stage: this process, a pool of local processes, or a Dask cluster.

Every engine cuts ``OUT/documents.parquet`` into partitions of ``partition_size`` documents
(``configs/pipeline.yml``), runs :meth:`annotate.Annotator.rows` on each where the model is loaded once per
process (or Dask worker), and appends the partitions' rows to the tables in partition order as
they come back. At most a few partitions per worker are in flight, so memory does not grow with
the corpus, and every engine writes the same tables.

A local pool's workers end with their parent, even when it is killed with ``kill -9``, and leave
SIGINT to it; on an error or an interrupt they are ended at once, and a worker that cannot start
stops the run with one line (:class:`EngineError`).
"""
from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pyarrow.parquet as pq
from tqdm import tqdm

from pipeline import incidents, tables
from pipeline.annotate import STEPS, TABLES, Annotator, Partition, check_model
from pipeline.cache_store import Store
from pipeline.catalog import Catalog, load_catalog
from pipeline.config import Config, load_config

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")

#: The Annotator of this worker process (pool or Dask worker), keyed by what it was built from.
_WORKER: dict[tuple, Annotator] = {}
#: ``prctl`` option of Linux: the signal a process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
#: Seconds between a pool worker's checks that its parent is alive, where ``prctl`` is missing.
PARENT_POLL = 1.0
#: Seconds to wait for a Dask scheduler given by address before giving up.
CONNECT_TIMEOUT = 8


class EngineError(RuntimeError):
    """The engine cannot run: a pool worker could not start or died, or no Dask scheduler answers."""


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
    starts; the cli starts them before the clean stage, so that loading the model overlaps it.

    SIGINT and SIGTERM wait until the workers are started (:func:`deferred_signals`), then find
    them ended first.
    """
    from concurrent.futures import ProcessPoolExecutor

    with deferred_signals() as caught:
        # a worker reads the configs again from their folder: the pickled settings (over 100 kB) would not
        # fit the pipe, and the parent would be held writing them, in the window that ignores Ctrl-C, until
        # the child has imported the whole pipeline (spawn imports the main module first)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=start_worker, initargs=(os.getpid(), str(config.root), str(out)))
        for _ in range(workers):  # processes start on demand: one per task submitted while none is idle
            pool.submit(int)
    if caught:
        stop_pool(pool, now=True)
        signal.raise_signal(caught[0])
    return pool


@contextlib.contextmanager
def deferred_signals() -> Iterator[list[int]]:
    """Hold SIGTERM back while workers are spawned, and ignore SIGINT; the caller gets the list of
    the signals that came, to deliver them after (``signal.raise_signal``).

    A signal handled mid-spawn would cut the data a worker reads as it starts (a traceback in the
    worker). Ctrl-C reaches the whole process group, and a worker still importing would die of it
    with a KeyboardInterrupt traceback: an ignored SIGINT is inherited across ``exec`` (a handler or
    a blocked mask is not), so the workers start ignoring it. The price is a Ctrl-C lost if it
    comes in the fraction of a second the spawning takes.
    """
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield caught
        return
    previous = {signal.SIGINT: signal.signal(signal.SIGINT, signal.SIG_IGN),
                signal.SIGTERM: signal.signal(signal.SIGTERM, lambda number, _: caught.append(number))}
    try:
        yield caught
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


def start_worker(parent: int, root: str, out: str) -> None:
    """Initializer of a pool worker: end with the parent, leave Ctrl-C to it, read the configs under
    ``root`` (checked by the parent already) and build the Annotator.

    A failure to build it is one line on stderr and the end of the process (the pool then reports
    it broken, and the run stops with one line too), not the executor's logged traceback.
    """
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group; the parent alone decides what an interrupt does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        config = load_config(root)
        worker_rows(config, load_catalog(config.root), out, [])
    except Exception as err:
        print(f"error: worker process {os.getpid()}: {err}", file=sys.stderr, flush=True)
        os._exit(3)


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` dies, even by ``kill -9``, so that no worker (and its
    model, some 440 MB) outlives the run: Linux's ``PR_SET_PDEATHSIG``, plus a thread watching
    the parent's pid where ``prctl`` is missing or the parent died before it was set."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux
        pass
    threading.Thread(target=watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def stop_pool(pool, *, now: bool) -> None:
    """Shut a pool down: after its running tasks, or ``now``, ending its workers (an error or an
    interrupt: what they are doing would be thrown away)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=not now, cancel_futures=True)
    if now:
        # ProcessPoolExecutor has no public way to end busy workers before Python 3.14.
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)


def pool_results(pool, config: Config, catalog: Catalog, out: Path, parts: Iterable[list[dict]],
                 workers: int) -> Iterator[Partition]:
    """Partitions annotated by a pool of ``workers`` local processes; the pool is shut down after.

    Raises:
        EngineError: a worker could not start or died.
    """
    try:
        yield from in_order(lambda docs: pool.submit(worker_rows, config, catalog, str(out), docs),
                            parts, window=2 * workers)
    except BrokenProcessPool:
        stop_pool(pool, now=True)
        raise EngineError("a worker process could not start or died (run with --processes 1 to see why); "
                          "the annotate tables are left as they were") from None
    except BaseException:
        stop_pool(pool, now=True)
        raise
    stop_pool(pool, now=False)


def dask_results(config: Config, catalog: Catalog, out: Path, parts: Iterable[list[dict]], workers: int,
                 scheduler: str | None) -> Iterator[Partition]:
    """Partitions annotated on Dask: the cluster at ``scheduler``, or a local one of ``workers``
    single-threaded worker processes started for this run."""
    from distributed import Client, LocalCluster

    # Dask logs every worker's start and stop at INFO through its own handler; keep its warnings only.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
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
    """Annotate ``OUT/documents.parquet`` into ``mentions``, ``dates``, ``figures``, ``events``,
    ``incidents`` and ``entities``; return the mention and event counts. ``pool``: local workers already started
    (:func:`start_pool`), used when there is more than one partition and shut down in any case.

    Raises:
        EngineError: a pool worker could not start or died; the tables are left as they were.
    """
    check_model(config)
    count, parts = partitions(out, config.pipeline.partition_size)
    results, pool = engine_results(config, catalog, out, parts, count, processes=processes, engine=engine,
                                   scheduler=scheduler, pool=pool)
    try:
        counts, linked, spent, annotated, models = write_partitions(out, meta, results, count)
    except BaseException:  # an error or an interrupt: busy workers would only be waited for
        if pool is not None:
            stop_pool(pool, now=True)
        raise
    doc_ids = pq.read_table(out / "documents.parquet", columns=["doc_id"]).column("doc_id").to_pylist()
    Store(out).prune(doc_ids, models or None)  # no partition: no model known, keep the Docs
    # events.cluster_id across documents, and incidents
    incidents.run(out, meta, config.events, catalog.parents(), catalog.bare_names())
    total = tables.count(out, "documents")
    log.info("annotate: %d documents annotated, %d unchanged ones read from the row cache", annotated, total - annotated)
    tables.write(out, "entities", catalog.rows(linked), meta)
    log.info("annotate (seconds summed over processes): %s", ", ".join(f"{k} {v:.2f} s" for k, v in spent.items()))
    return counts["mentions"], counts["events"]


def engine_results(config: Config, catalog: Catalog, out: Path, parts: Iterator[list[dict]], count: int, *,
                   processes: int | None, engine: str, scheduler: str | None, pool) -> tuple[Iterator[Partition], object]:
    """The partitions' results from the chosen engine, and the local pool running them (or None).
    A pool started early is stopped when it is not needed: Dask, or a single partition."""
    workers = processes_for(config, processes)
    if pool is not None and (engine != "local" or min(workers, count) <= 1):
        stop_pool(pool, now=True)
        pool = None
    if engine == "dask":
        log.info("annotate: %d partitions on Dask (%s)", count, scheduler or f"local cluster of {workers}")
        return dask_results(config, catalog, out, parts, workers, scheduler), None
    if min(workers, count) > 1:
        pool = pool or start_pool(config, catalog, out, min(workers, count))
        log.info("annotate: %d partitions on %d processes", count, min(workers, count))
        return pool_results(pool, config, catalog, out, parts, min(workers, count)), pool
    annotator = Annotator(config, catalog, out)
    log.info("annotate: %d partitions in this process", count)
    return (annotator.rows(docs) for docs in parts), None


def write_partitions(out: Path, meta: dict[str, str], results: Iterable[Partition],
                     count: int) -> tuple[dict[str, int], set[str], dict[str, float], int, set[str]]:
    """Append each partition's rows to the tables, in order; return the row counts per table, the
    linked catalog ids, the seconds per step, the documents annotated (not from the row cache) and
    the model digests of the cached Docs used. On any error or interrupt the tables are left as they were."""
    spent = dict.fromkeys(STEPS, 0.0)
    annotated = 0
    linked: set[str] = set()
    models: set[str] = set()
    writers = [tables.Writer(out, name, meta) for name in TABLES]
    try:
        for part in tqdm(results, total=count, desc="annotate", unit="part", disable=None):
            for writer in writers:
                writer.add(part.tables[writer.path.stem])
            linked.update(r["entity_id"] for r in part.tables["mentions"] if r["entity_id"])
            for step, seconds in part.spent.items():
                spent[step] += seconds
            annotated += part.annotated
            models.add(part.model_key)
    except BaseException:
        for writer in writers:
            writer.discard()
        raise
    return {writer.path.stem: writer.close() for writer in writers}, linked, spent, annotated, models


def check_scheduler(address: str) -> None:
    """Connect to the Dask scheduler at ``address`` and leave, before any stage writes.

    Raises:
        EngineError: it does not answer within :data:`CONNECT_TIMEOUT` seconds.
    """
    from distributed import Client

    logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        Client(address, timeout=CONNECT_TIMEOUT).close()
    except (OSError, ValueError, TimeoutError) as err:
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        raise EngineError(f"--scheduler {address}: no Dask scheduler answers there ({reason}); "
                          "nothing was written") from None

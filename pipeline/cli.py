"""Command line: ``python -m pipeline extract --raw DIR --out DIR [--config DIR]``, and one
subcommand per stage (``clean``, ``annotate``) plus ``eval``.

Exit status: 0 when every readable input was processed (the unreadable ones are in ``rejects``),
2 for bad usage or an invalid config, with a message naming the file and the place in it, and for
what stops a run before or instead of its work (an OUT that is a file, cannot be written or is
locked by another run; a worker that cannot start; a Dask scheduler that does not answer); 128 plus the signal's number (130, 143) when SIGINT or SIGTERM stops it. Every
failure is one line on stderr.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import spacy
import yaml

from pipeline import SCHEMA_VERSION, __version__, annotate, clean, engine, stamps, tables
from pipeline.annotate import one_line
from pipeline.cache_store import Store
from pipeline.catalog import load_catalog
from pipeline.config import Config, ConfigError, config_root, load_config

log = logging.getLogger("pipeline")


CONFIG_HELP = "config folder (default: ./configs when there is one, else the defaults shipped in the package)"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n\n")[0])
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def stage(name: str, help_: str, *, raw: bool) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if raw:
            p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of raw dumps (default: raw)")
        p.add_argument("--out", type=Path, default=Path("processed"), help="folder of tables (default: processed)")
        p.add_argument("--config", type=Path, help=CONFIG_HELP)
        p.add_argument("-v", "--verbose", action="store_true", help="log every warning and step")
        p.add_argument("--force", action="store_true", help="re-run stages even when their inputs are unchanged")
        if name != "clean":
            p.add_argument("--processes", type=int, metavar="N",
                           help="processes for the spaCy stage (default: n_process of pipeline.yml; 0: one per core)")
            p.add_argument("--engine", choices=engine.ENGINES, default="local",
                           help="local: this machine's processes (default); dask: a dask.distributed cluster")
            p.add_argument("--scheduler", metavar="ADDRESS",
                           help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                                "(default: start a local cluster)")
        return p

    stage("extract", "run every stage: raw dumps to all tables", raw=True)
    stage("clean", "read and clean raw dumps into documents and rejects", raw=True)
    stage("annotate", "run the spaCy model over documents into mentions and entities", raw=False)
    pat = sub.add_parser("patterns", help="tune patterns: test a sentence, check examples, lint the catalog")
    pat.add_argument("action", choices=["test", "check", "lint"])
    pat.add_argument("sentence", nargs="?", help="with test: the sentence to run")
    pat.add_argument("--config", type=Path, help=CONFIG_HELP)
    pat.add_argument("--published", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help="with test: the publication date relative dates are resolved against")
    gen = sub.add_parser("corpus", help="write N distinct articles varied from the sample corpus (for timing)")
    gen.add_argument("--raw", type=Path, default=Path("raw"), help="sample corpus to vary (default: raw)")
    gen.add_argument("--dest", type=Path, required=True, help="folder to write the articles to")
    gen.add_argument("-n", type=int, default=1000, help="number of articles (default: 1000)")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--short", action="store_true", help="cut each article to 40-150 words, at a sentence end")
    gen.add_argument("--config", type=Path, help=CONFIG_HELP)
    for name, help_ in (("review", "write HTML review pages (highlighted entities, events) under OUT/review/"),
                        ("report", "write an overview report with plots from the tables under OUT/report/")):
        look = sub.add_parser(name, help=help_, description=help_)
        look.add_argument("--out", type=Path, default=Path("processed"), help="folder of tables (default: processed)")
    exp = sub.add_parser("export", help="write the tables as csv, xlsx or geojson under OUT/export/")
    exp.add_argument("--out", type=Path, default=Path("processed"), help="folder of tables (default: processed)")
    exp.add_argument("--to", required=True, choices=("csv", "xlsx", "geojson"),
                     help="csv or xlsx: a file per table; geojson: events and incidents as points")
    exp.add_argument("--tables", choices=("all", "incidents"), default="all",
                     help="all tables (default), or only incidents")
    exp.add_argument("--dest", type=Path, help="folder to write to (default: OUT/export)")
    ev = sub.add_parser("eval", help="score the tables against hand-made gold")
    ev.add_argument("--out", type=Path, default=Path("processed"))
    ev.add_argument("--gold", type=Path, default=Path("tests/gold/sample.yaml"))
    return top


def table_meta(config: Config) -> dict[str, str]:
    """Metadata stamped on every table: versions of schema, code, model and configs."""
    model = config.pipeline.model
    try:
        version = spacy.util.get_package_version(model) or "unknown"
    except Exception:  # a model given as a path has no package version
        version = "unknown"
    return {"schema_version": SCHEMA_VERSION, "pipeline_version": __version__, "model": model,
            "model_version": version, "config_digest": config.digest}


#: The tables of each stage (``entities`` is written from the linked ids after the others).
CLEAN_TABLES = ["documents", "rejects"]
ANNOTATE_TABLES = [*annotate.TABLES, "entities", "incidents"]


def run_stages(args: argparse.Namespace, config: Config) -> str:
    """Check everything that can be checked (configs, model, paths, scheduler) before any stage
    writes, take OUT's lock, and run the stages the command asks for, skipping those whose inputs
    are unchanged; return the closing line."""
    meta = table_meta(config)
    catalog = load_catalog(config.root)  # a bad catalog stops the run before any output changes
    check_run(args, config)
    with hold(args.out):
        return stages(args, config, catalog, meta)


def check_run(args: argparse.Namespace, config: Config) -> None:
    """Stop with a config error, before OUT is touched, on what would fail only after a stage
    has rewritten tables: a missing model, a bad RAW or OUT, an unreachable Dask scheduler."""
    out = args.out
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: OUT is a file, not a folder")
    if args.command in ("extract", "clean"):
        check_raw(args.raw, out)
    if args.command == "annotate" and not (out / "documents.parquet").is_file():
        raise ConfigError(f"{out / 'documents.parquet'} not found: run `extract` (or `clean`) with this OUT first")
    if args.command in ("extract", "annotate"):
        annotate.check_model(config)
        if args.engine == "dask" and args.scheduler:
            engine.check_scheduler(args.scheduler)


def check_raw(raw: Path, out: Path) -> None:
    """RAW must be a folder with something in it to read: an empty one is almost always a wrong path,
    so it stops the run (exit 2) before the tables of an earlier run are replaced by empty ones."""
    from pipeline import readers

    if raw.is_file():
        raise ConfigError(f"{raw}: RAW is a file; give the folder that holds it (RAW is read recursively)")
    if not raw.is_dir():
        raise ConfigError(f"{raw}: RAW folder not found")
    if next(readers.discover(raw, tables.outputs_within(raw, out)), None) is None:
        raise ConfigError(f"{raw}: RAW folder holds no files to read (hidden files are skipped); "
                          "the tables in OUT were left as they were")


@contextlib.contextmanager
def hold(out: Path) -> Iterator[None]:
    """Create OUT and hold its lock (:func:`stamps.lock`) while the block runs; an OUT that cannot
    be written is a one-line config error."""
    with contextlib.ExitStack() as stack:
        try:
            out.mkdir(parents=True, exist_ok=True)
            stack.enter_context(stamps.lock(out))
        except OSError as err:
            raise ConfigError(f"{out}: cannot write to OUT ({err.strerror or err})") from None
        yield


def stages(args: argparse.Namespace, config: Config, catalog, meta: dict[str, str]) -> str:
    """The stages of the command, in order, under OUT's lock."""
    code = stamps.code_digest()
    out, counts = args.out, {}
    pool = None
    try:
        if args.command in ("extract", "clean"):
            settings = [(config.root / f).read_bytes() for f in ("pipeline.yml", "clean.yml")]
            stamp = stamps.digest("clean", stamps.tree_digest(args.raw, tables.outputs_within(args.raw, out)),
                                  *settings, code)
            if args.force or not stamps.is_current(out, "clean", stamp, CLEAN_TABLES):
                stamps.forget(out, "clean", "annotate")
                pool = early_pool(args, config, catalog)
                clock = time.perf_counter()
                clean.run(config, args.raw, out, meta=meta)
                stamps.record(out, "clean", stamp, CLEAN_TABLES)
                log.info("stage clean: %.2f s", time.perf_counter() - clock)
            else:
                log.info("clean: inputs unchanged, skipped")
            counts["documents"], counts["rejected"] = tables.count(out, "documents"), tables.count(out, "rejects")
        if args.command in ("extract", "annotate"):
            taken, pool = pool, None
            annotate_stage(args, config, catalog, meta, code, taken)
            counts["mentions"], counts["events"] = tables.count(out, "mentions"), tables.count(out, "events")
    finally:
        if pool is not None:  # started for a stage that did not come: an error or an interrupt
            engine.stop_pool(pool, now=True)
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def annotate_stage(args: argparse.Namespace, config: Config, catalog, meta: dict[str, str], code: str, pool) -> None:
    """Run ``annotate`` unless its documents, configs and code are unchanged and its tables sound;
    ``--force`` makes it a cold run, without the row and model caches."""
    out = args.out
    inputs = stamps.files_digest([out / "documents.parquet"], out)
    stamp = stamps.digest("annotate", inputs, config.digest, code)
    if not args.force and stamps.is_current(out, "annotate", stamp, ANNOTATE_TABLES, config.digest):
        if pool is not None:
            engine.stop_pool(pool, now=True)
        log.info("annotate: documents and configs unchanged, skipped")
        return
    stamps.forget(out, "annotate")
    if args.force:
        Store(out).clear()
    clock = time.perf_counter()
    engine.run(config, catalog, out, meta=meta, processes=args.processes, engine=args.engine,
               scheduler=args.scheduler, pool=pool)
    stamps.record(out, "annotate", stamp, ANNOTATE_TABLES)
    log.info("stage annotate: %.2f s", time.perf_counter() - clock)


def early_pool(args: argparse.Namespace, config: Config, catalog):
    """For ``extract`` on the local engine with several processes and a RAW of more than one
    partition (by a cheap estimate), start the workers before cleaning, so that their model loading
    overlaps the clean stage; never more workers than partitions. None otherwise."""
    if args.command != "extract" or args.engine != "local":
        return None
    parts = math.ceil(stamps.estimate_documents(args.raw) / config.pipeline.partition_size)
    workers = min(engine.processes_for(config, args.processes), parts)
    if workers < 2:
        return None
    log.info("starting %d worker processes while cleaning", workers)
    return engine.start_pool(config, catalog, args.out, workers)


def patterns(args: argparse.Namespace, config: Config) -> int:
    """``patterns test|check|lint``: exit 1 when examples fail or the lint finds problems."""
    from pipeline import lexicon, text, tuning
    from pipeline.catalog import lint

    if args.action == "lint":
        problems = lint(load_catalog(config.root), text.word_checker(lexicon.load_words(config.pipeline.model)))
        print("\n".join(problems) or "catalog lint: no problems")
        return 1 if problems else 0
    catalog = load_catalog(config.root)
    if args.action == "test":
        if not args.sentence:
            raise ConfigError("patterns test needs a sentence")
        annotator = annotate.Annotator(config, catalog, None)
        print(tuning.format_all(tuning.explain_all(annotator, args.sentence, args.published)))
        return 0
    nlp = annotate.load_model(config, catalog)
    failures = tuning.check_examples(nlp, catalog)
    print("\n".join(failures) or f"all {len(catalog.examples)} pattern examples hold")
    return 1 if failures else 0


class Interrupted(BaseException):
    """SIGTERM or SIGINT reached the run (a BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` takes it for a bad document)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into :class:`Interrupted` while the block runs; a second signal
    during the clean-up ends the process at once."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    received: list[int] = []

    def stop(signum: int, _frame) -> None:
        received.append(signum)
        for each in (signal.SIGINT, signal.SIGTERM):
            signal.signal(each, lambda number, _: os._exit(128 + number))
        raise Interrupted(signum)

    def unraisable(info, default=sys.unraisablehook) -> None:
        if not isinstance(info.exc_value, Interrupted):  # the stop is reported once, below
            default(info)

    previous = {each: signal.signal(each, stop) for each in (signal.SIGINT, signal.SIGTERM)}
    hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        yield
        if received:  # raised inside a destructor, where Python only prints it: the run still stops here
            raise Interrupted(received[0])
    finally:
        sys.unraisablehook = hook
        for each, handler in previous.items():
            signal.signal(each, handler)


def main(argv: list[str] | None = None) -> int:
    """The command line; return the exit status (128 + the signal's number when interrupted)."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        with interruptible():
            return command(args)
    except Interrupted as err:
        print(f"interrupted: stopped by {signal.Signals(err.signum).name}; the stage under way left its "
              "tables as they were, and the next run redoes it", file=sys.stderr)
        return 128 + err.signum


def command(args: argparse.Namespace) -> int:
    """Run one parsed command; return its exit status."""
    if args.command == "eval":
        from pipeline import evaluate

        if not args.gold.is_file():
            print(f"error: {args.gold}: gold file not found (give one with --gold; the sample corpus's is "
                  "tests/gold/sample.yaml in the repository)", file=sys.stderr)
            return 2
        try:
            return evaluate.main(args.out, args.gold)
        except FileNotFoundError as err:  # a table of OUT
            print(f"error: {err}", file=sys.stderr)
            return 2
        except (yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError) as err:  # a gold file of another form
            print(f"error: {args.gold}: cannot score against it ({one_line(err)})", file=sys.stderr)
            return 2
    if args.command in ("review", "report"):
        import importlib

        try:
            index = importlib.import_module(f"pipeline.{args.command}").build(args.out)
        except FileNotFoundError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"{args.command}: {index}")
        return 0
    if args.command == "export":
        from pipeline import export

        try:
            print(f"export: {export.build(args.out, args.to, selection=args.tables, dest=args.dest)}")
        except (FileNotFoundError, export.ExportError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        return 0
    started = time.perf_counter()
    if getattr(args, "scheduler", None) and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    if getattr(args, "processes", None) is not None and args.processes < 0:
        print("error: --processes must be 0 (one per core) or more", file=sys.stderr)
        return 2
    try:
        config = load_config(config_root(args.config))
        if args.command == "patterns":
            return patterns(args, config)
        if args.command == "corpus":
            from pipeline import corpus

            made = corpus.generate(args.raw, args.dest, config, n=args.n, seed=args.seed,
                                   words=corpus.SHORT_WORDS if args.short else None)
            print(f"{len(made)} articles in {args.dest}")
            return 0
        summary = run_stages(args, config)
    except (ConfigError, FileNotFoundError, stamps.Locked, engine.EngineError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{summary}, seconds {time.perf_counter() - started:.1f}")
    return 0

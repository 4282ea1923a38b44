"""The annotate stage's caches: one SQLite database per OUT, ``OUT/.cache/cache.sqlite``.

It holds two kinds of record, read and written a partition at a time (one query per chunk of
:data:`CHUNK` documents, one transaction per partition), never a file per document:

- ``docbins`` and ``docs``: the model's Docs, one DocBin per partition parsed (serialising and reading
  a partition at once costs a fifth of a DocBin per document), and for each document, keyed by
  :func:`model_digest` (what runs before the cache point) and the doc_id, its DocBin and place in
  it, with the SHA-256 of the text it was parsed from, so that a Doc of another text is never used;
- ``rows``: each document's rows of each cached step of the annotate stage (mentions; dates and
  figures; places and events), one record per step and doc_id under the key of what that step read
  for that document (:mod:`pipeline.step_cache`), as a JSON record holding the rows' SHA-256 and the
  digest of the Doc's entities they were made from (:func:`checked`). A record under another key is
  stale: the step runs again and the record is replaced.

A store of another form is emptied when opened, but one of the form before the cache per step only
loses its ``rows``: its Docs are of this form.

The database runs in WAL mode with a busy timeout, so that the worker processes of a pool or of
Dask, and two runs, read and write it at once; ``synchronous=NORMAL`` is safe in WAL mode, where a
crash or ``kill -9`` loses at most the last transactions and never leaves a half-written record.
A record that cannot be read or fails its checks is logged and re-done; a store that cannot be
opened or written (a read-only OUT on a cluster worker) is logged and the run goes on without it:
the caches save time, they are never needed for the result.

At the end of a run :meth:`Store.prune` deletes the Docs of other models and the rows of documents
no longer in OUT. The per-file caches of
earlier versions (``OUT/.cache/spacy/`` and ``OUT/.cache/rows/``) are never read: the first run
deletes them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline import tables

log = logging.getLogger(__name__)

#: The store, under OUT.
FILE = Path(".cache") / "cache.sqlite"
#: The per-file caches of earlier versions, under ``OUT/.cache``: deleted, never read.
OLD_FOLDERS = ("spacy", "rows")
#: Changes whenever the form of the cached Docs or rows changes.
CACHE_VERSION = "4"
#: Documents per ``IN (...)`` query: under SQLite's oldest limit of 999 bound values.
CHUNK = 900
#: Seconds a connection waits for another's write lock before giving up (and logging).
BUSY_SECONDS = 60.0
#: The form of the store's tables (SQLite's ``user_version``): a store of another form is emptied.
STORE_VERSION = 2
#: Earlier forms whose Docs are of this form (1: the rows of all tables under one key of every config):
#: only their ``rows`` are dropped, so that the first run after an upgrade parses nothing again.
SAME_DOCS = frozenset({1})
TABLE_NAMES = ("docbins", "docs", "rows")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS docbins (id INTEGER PRIMARY KEY, model TEXT NOT NULL, value BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS docs (model TEXT NOT NULL, doc_id TEXT NOT NULL, sha256 TEXT NOT NULL, "
    "docbin INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (model, doc_id))",
    "CREATE TABLE IF NOT EXISTS rows (step TEXT NOT NULL, doc_id TEXT NOT NULL, key TEXT NOT NULL, "
    "value TEXT NOT NULL, PRIMARY KEY (step, doc_id))",
)


def model_digest(nlp: Language, names: list[str]) -> str:
    """What the cached Docs depend on besides their text: spaCy's and the model's versions, and the
    name, factory, settings and (for this project's own) source code of each component in ``names``,
    the ones that run before the cache point. An edit to any of them gives another cache."""
    parts = [spacy.about.__version__, nlp.meta["lang"], nlp.meta["name"], nlp.meta["version"], CACHE_VERSION]
    for name in names:
        proc = nlp.get_pipe(name)
        settings = nlp.config["components"].get(name, {})
        parts += [name, json.dumps(settings, sort_keys=True, default=str)]
        module = inspect.getmodule(proc if inspect.isfunction(proc) else type(proc))
        if module is not None and module.__name__.startswith("pipeline."):
            parts.append(hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def model_version(model: str) -> str:
    """The installed version of the model package ``model``; ``path`` for a model given as a folder."""
    try:
        return spacy.util.get_package_version(model) or "path"
    except Exception:  # a model given as a path
        return "path"


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the store at ``path``, created with its tables if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)  # transactions are explicit
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN IMMEDIATE")  # one process at a time sees an old or missing form and makes it anew
        if (version := conn.execute("PRAGMA user_version").fetchone()[0]) != STORE_VERSION:
            for table in ("rows",) if version in SAME_DOCS else TABLE_NAMES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {STORE_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start: start + size]


class Store:
    """The SQLite store of one OUT, opened on first use in each process (a forked or spawned
    worker opens its own connection)."""

    def __init__(self, out: Path):
        self.path = out / FILE
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self.usable = True

    def connection(self) -> sqlite3.Connection | None:
        """The open connection, or None once the store proved unusable in this process."""
        if self._pid != os.getpid():
            self._conn, self._pid = None, os.getpid()
        if self._conn is None and self.usable:
            try:
                self._conn = self.open()
            except (OSError, sqlite3.Error) as err:
                log.warning("%s: cannot open the cache store (%s); going on without it", self.path, err)
                self.usable = False
        return self._conn

    def open(self) -> sqlite3.Connection:
        """Connect; a file that is no SQLite database (damaged) is deleted and made again."""
        try:
            return connect(self.path)
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError):  # locked, unwritable: not damage
                raise
            log.warning("%s: damaged cache store (%s); starting a new one", self.path, err)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return connect(self.path)

    def select(self, sql: str, key: str | None, ids: list[str]) -> list[tuple]:
        """The rows of ``sql`` (whose ``{}`` takes the placeholders of ``ids``) for ``key`` (None: no
        key bound) and ``ids``, a chunk at a time; none when the store cannot be read."""
        if not ids or (conn := self.connection()) is None:
            return []
        found = []
        try:
            for part in chunks(ids):
                found += conn.execute(sql.format(",".join("?" * len(part))), [key, *part][key is None:]).fetchall()
        except sqlite3.Error as err:
            log.warning("%s: cannot read the cache store (%s); doing the work again", self.path, err)
            return []
        return found

    def write(self, sql: str, records: list[tuple]) -> None:
        """``sql`` for each record, in one transaction."""
        if records:
            self.transaction(lambda conn: conn.executemany(sql, records))

    def transaction(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """``work`` on the connection in one transaction; a failure is logged and changes nothing."""
        if (conn := self.connection()) is None:
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                work(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            log.warning("%s: cannot write the cache store (%s)", self.path, err)

    def prune(self, doc_ids: Iterable[str], models: Iterable[str] | None) -> None:
        """Delete the rows of documents other than ``doc_ids``, the Docs of models other than ``models``
        (None: keep every model's), DocBins no Doc points to any more, and the per-file caches of
        earlier versions; close."""
        for name in OLD_FOLDERS:
            shutil.rmtree(self.path.parent / name, ignore_errors=True)
        if not self.path.exists():
            return
        kept_ids = [(doc_id,) for doc_id in set(doc_ids)]

        def forget_others(conn: sqlite3.Connection) -> None:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS kept (doc_id TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM kept")
            conn.executemany("INSERT INTO kept (doc_id) VALUES (?)", kept_ids)
            conn.execute("DELETE FROM rows WHERE doc_id NOT IN (SELECT doc_id FROM kept)")
        self.transaction(forget_others)
        if models is not None:
            kept = sorted(models)
            self.write(f"DELETE FROM docs WHERE model NOT IN ({','.join('?' * len(kept))})", [tuple(kept)])
        self.write("DELETE FROM docbins WHERE id NOT IN (SELECT docbin FROM docs)", [()])
        self.close()

    def clear(self) -> None:
        """Delete every record and the per-file caches of earlier versions (``--force``); close.
        Records, not the file: a worker of a Dask cluster may hold it open."""
        for name in OLD_FOLDERS:
            shutil.rmtree(self.path.parent / name, ignore_errors=True)
        if self.path.exists():
            self.transaction(lambda conn: [conn.execute(f"DELETE FROM {table}") for table in TABLE_NAMES])
            self.close()

    def close(self) -> None:
        """Close this process's connection; the last one to close folds the WAL file back in."""
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None


class DocCache:
    """The model's Docs of one pre-cache pipeline (:func:`model_digest`) in a :class:`Store`: one
    DocBin per partition written (one serialisation, one string table), and for each document
    where in which DocBin its Doc is, with the SHA-256 of its text."""

    def __init__(self, store: Store, model: str, vocab):
        self.store = store
        self.model = model
        self.vocab = vocab

    def get(self, documents: list[dict]) -> dict[str, Doc]:
        """The cached Docs of ``documents`` (rows with doc_id and text) by doc_id: those found, of
        the document's text and readable; the others are logged when damaged and left to parse."""
        texts = {row["doc_id"]: row["text"] for row in documents}
        places = self.store.select("SELECT doc_id, sha256, docbin, position FROM docs WHERE model = ? "
                                   "AND doc_id IN ({})", self.model, list(texts))
        fresh = [(doc_id, docbin, position) for doc_id, sha256, docbin, position in places
                 if self.of_text(doc_id, sha256, texts[doc_id])]
        bins = self.docbins(sorted({docbin for _, docbin, _ in fresh}))
        docs = {}
        for doc_id, docbin, position in fresh:
            if docbin not in bins:
                continue  # unreadable: logged
            if position >= len(bins[docbin]) or bins[docbin][position].text != texts[doc_id]:
                log.warning("%s: cached Doc of another text; parsing the document again", doc_id)
                continue
            docs[doc_id] = bins[docbin][position]
        return docs

    def of_text(self, doc_id: str, sha256: str, text: str) -> bool:
        if sha256 != text_digest(text):
            log.warning("%s: cached Doc of another text; parsing the document again", doc_id)
            return False
        return True

    def docbins(self, ids: list[int]) -> dict[int, list[Doc]]:
        """The Docs of each readable DocBin of ``ids``; an unreadable one is logged and left out."""
        found = {}
        for docbin, value in self.store.select("SELECT id, value FROM docbins WHERE model = ? AND id IN ({})",
                                               self.model, ids):
            try:
                found[docbin] = list(DocBin().from_bytes(value).get_docs(self.vocab))
            except Exception as err:  # a damaged record must never stop a run
                log.warning("cached DocBin %d: unreadable (%s); parsing its documents again", docbin, one_line(err))
        return found

    def put(self, docs: dict[str, Doc]) -> None:
        """Cache Docs by doc_id: one DocBin and its index, in one transaction."""
        if not docs:
            return
        value = DocBin(docs=list(docs.values())).to_bytes()

        def insert(conn: sqlite3.Connection) -> None:
            docbin = conn.execute("INSERT INTO docbins (model, value) VALUES (?, ?)", (self.model, value)).lastrowid
            conn.executemany("INSERT OR REPLACE INTO docs (model, doc_id, sha256, docbin, position) "
                             "VALUES (?, ?, ?, ?, ?)", [(self.model, doc_id, text_digest(doc.text), docbin, position)
                                                        for position, (doc_id, doc) in enumerate(docs.items())])
        self.store.transaction(insert)


class RowCache:
    """Each document's rows of each step (:data:`pipeline.step_cache.STEP_TABLES`) in a
    :class:`Store`, one record per step and doc_id under the step's key for the document, so that
    a step runs again only where what it read changed."""

    def __init__(self, store: Store, steps: dict[str, tuple[str, ...]]):
        """``steps``: the tables each step's records hold rows of."""
        self.store = store
        self.steps = steps

    def records(self, doc_ids: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
        """``(key, value)`` of every step's record of ``doc_ids``, by (step, doc_id), in one query
        per chunk; unread until a step's key matches (:meth:`read`)."""
        found = self.store.select("SELECT step, doc_id, key, value FROM rows WHERE doc_id IN ({})", None, doc_ids)
        return {(step, doc_id): (key, value) for step, doc_id, key, value in found}

    def read(self, step: str, values: dict[str, str], documents: dict[str, dict]) -> dict[str, tuple[dict, str]]:
        """The rows and entity digest of ``step``'s records ``values`` (by doc_id) found sound; a
        record that fails :func:`checked` is logged and left to run again."""
        names, rows, ents = self.steps[step], {}, {}
        for doc_id, value in values.items():
            try:
                record = json.loads(value)
                rows[doc_id] = checked(record, doc_id, documents[doc_id]["published"], names, stored_digest(value))
                ents[doc_id] = record["ents"]
            except Exception as err:  # a damaged record must never stop a run
                log.warning("%s: unusable row cache (%s); annotating the document again", doc_id, one_line(err))
        if not typed(rows.values(), names):  # a forged type somewhere: find whose, one record at a time
            for doc_id in [d for d, found_rows in rows.items() if not typed([found_rows], names)]:
                log.warning("%s: unusable row cache (rows of the wrong types); annotating the document again", doc_id)
                del rows[doc_id]
        return {doc_id: (found_rows, ents[doc_id]) for doc_id, found_rows in rows.items()}

    def put(self, found: list[tuple[str, str, str, object, dict[str, list[dict]], str]]) -> None:
        """Keep (step, doc_id, key, published, rows, entity digest) records, in one transaction."""
        self.store.write("INSERT OR REPLACE INTO rows (step, doc_id, key, value) VALUES (?, ?, ?, ?)",
                         [(step, doc_id, key, record_json(doc_id, published, rows, ents))
                          for step, doc_id, key, published, rows, ents in found])


def one_line(err: BaseException) -> str:
    """An exception as one short line for a log or a ``warnings`` row."""
    return " ".join(f"{type(err).__name__}: {err}".split())[:300]


def iso(published: object) -> str | None:
    return published.isoformat() if isinstance(published, dt.date) else None


def rows_json(rows: object) -> str:
    """Rows as JSON (dates as ISO strings, keys sorted): the same text before writing and after reading."""
    return json.dumps(rows, default=str, sort_keys=True)


def rows_digest(rows: object) -> str:
    """SHA-256 of :func:`rows_json`."""
    return hashlib.sha256(rows_json(rows).encode()).hexdigest()


def record_json(doc_id: str, published: object, rows: dict[str, list[dict]], ents: str) -> str:
    """A row-cache record as JSON: the rows serialised once, for both their checksum and the record;
    ``ents``: the :func:`~pipeline.step_cache.entities_digest` of the Doc they were made from."""
    text = rows_json(rows)
    head = json.dumps({"doc_id": doc_id, "published": iso(published), "ents": ents,
                       "sha256": hashlib.sha256(text.encode()).hexdigest()})
    return f'{head[:-1]}, "rows": {text}}}'


#: What comes before the rows in a record's JSON (:func:`record_json`); their text runs from there to
#: the closing brace. Inside the strings before it a quote is escaped, so its first match is this one.
ROWS_MARK = ', "rows": '


def stored_digest(value: str) -> str:
    """SHA-256 of the rows' text in a record as stored: checked against the record's ``sha256``
    without serialising the rows again (a record of another shape gives the digest of nothing)."""
    at = value.find(ROWS_MARK)
    text = value[at + len(ROWS_MARK):-1] if at >= 0 and value.endswith("}") else ""
    return hashlib.sha256(text.encode()).hexdigest()


def typed(records: Iterable[dict[str, list[dict]]], names: tuple[str, ...]) -> bool:
    """Whether the rows of ``records`` are of their tables' types: one Arrow table per table for a
    whole partition, not one per document (which cost some 0.5 ms a document)."""
    records = list(records)
    try:
        for name in names:
            pa.Table.from_pylist([row for record in records for row in record[name]], schema=tables.SCHEMAS[name])
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return False
    return True


def checked(record: object, doc_id: str, published: object, names: tuple[str, ...],
            digest: str) -> dict[str, list[dict]]:
    """The rows of a row-cache record whose rows' text has SHA-256 ``digest`` (:func:`stored_digest`),
    once they are known to be this document's, whole, and of the
    tables ``names``' columns (dates made dates again; their types are :func:`typed`'s to check);
    else ValueError saying what is wrong."""
    if not isinstance(record, dict) or record.keys() != {"doc_id", "published", "ents", "sha256", "rows"} \
            or not isinstance(record["ents"], str):
        raise ValueError("not a row-cache record")
    if (record["doc_id"], record["published"]) != (doc_id, iso(published)):
        raise ValueError(f"the rows of {record['doc_id']!r} published {record['published']!r}")
    rows = record["rows"]
    if record["sha256"] != digest:
        raise ValueError("the rows do not match their SHA-256")
    if not isinstance(rows, dict) or rows.keys() != set(names):
        raise ValueError(f"not the tables {', '.join(names)}")
    for name in names:
        schema = tables.SCHEMAS[name]
        if not isinstance(rows[name], list) or not all(isinstance(r, dict) and r.keys() == set(schema.names)
                                                       for r in rows[name]):
            raise ValueError(f"{name}: not a list of rows of its columns")
        dates = [f.name for f in schema if f.type == tables.DATE]
        for row in rows[name]:
            for column in dates:
                row[column] = dt.date.fromisoformat(row[column]) if row[column] is not None else None
    return rows

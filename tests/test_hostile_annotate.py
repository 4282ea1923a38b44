"""Hostile input to the annotate stage: one bad document never takes the run down.

Dates outside the calendar, a text over spaCy's ``max_length``, a count too big for int64, a step
or the model raising on one document, and damaged or forged cache records each leave the other
documents' rows as a clean run gives them, and say what happened in ``warnings``.
"""
import contextlib
import datetime as dt
import json
import sqlite3
import time

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings, strategies as st

from pipeline import annotate, cache_store, engine, normalize, tables
from pipeline.annotate import parse_long, pieces
from pipeline.clean import doc_id_for
from pipeline.dates import OUT_OF_CALENDAR, normalize_date
from pipeline.figures import MAX_TOLL, toll

PUBLISHED = dt.date(2025, 8, 21)
META = {"schema_version": "1", "pipeline_version": "0", "model": "m", "model_version": "1", "config_digest": "x"}
TEXTS = [
    "A bomb tore through a bus carrying pilgrims near Quetta on Tuesday, killing 12 people and wounding 30. "
    "The Balochistan Liberation Army claimed responsibility for the bombing.",
    "Gunmen attacked a checkpoint in Bannu on Sunday, killing four policemen. The TTP denied any involvement.",
    "A suicide bomber struck a mosque in Peshawar in March 2023, killing 9 worshippers and wounding 21.",
]
OUTSIDE = "unresolved: outside the calendar (years 1 to 9999)"


def document(text, published=PUBLISHED):
    return {"doc_id": doc_id_for(text), "text": text, "published": published}


DOCS = [document(t) for t in TEXTS]
VICTIM = DOCS[1]["doc_id"]


@pytest.fixture
def cold(make_annotator):
    """The rows of :data:`DOCS` from a run without caches."""
    return make_annotator().rows(DOCS).tables


def rows_of(found, doc_id):
    return {name: [r for r in rows if r["doc_id"] == doc_id] for name, rows in found.items()}


# -- 1. dates outside the calendar -----------------------------------------------------------------
@pytest.mark.parametrize("text, published, expected", [
    ("in the past year", dt.date(2024, 2, 29), ("2023-02-28/2024-02-29", "approximate")),
    ("the last year or so", dt.date(2024, 2, 29), ("2023-02-28/2024-02-29", "approximate")),
    ("the past year", dt.date(2023, 2, 28), ("2022-02-28/2023-02-28", "approximate")),
    ("3000 years ago", dt.date(2024, 1, 1), (None, OUTSIDE)),
    ("built 3000 years ago", dt.date(2024, 1, 1), None),
    ("In February 0000", dt.date(2024, 1, 1), (None, OUTSIDE)),
    ("February 0000", None, (None, OUTSIDE)),
    ("last year", dt.date(1, 1, 1), (None, OUTSIDE)),
    ("yesterday", dt.date(1, 1, 1), (None, OUTSIDE)),
    ("in December", dt.date(1, 1, 1), (None, OUTSIDE)),
    ("August next year", dt.date(9999, 5, 5), (None, OUTSIDE)),
    ("99999999999 days ago", dt.date(2024, 1, 1), (None, OUTSIDE)),
    ("1" * 5000 + " years ago", dt.date(2024, 1, 1), (None, OUTSIDE)),  # past int()'s 4,300 digits
    ("the 0000s", None, (None, OUTSIDE)),
    ("last year", dt.date(2, 6, 1), ("0001", None)),
])
def test_dates_outside_the_calendar_stay_unresolved_instead_of_raising(text, published, expected):
    found = normalize_date(text, published)
    assert (found and (found.value, found.qualifier)) == expected
    assert found is None or found == OUT_OF_CALENDAR or found.start <= found.end


EXPRESSIONS = ["{n} years ago", "{n} months ago", "{n} weeks ago", "{n} days ago", "in February {n}",
               "February {n}", "{d} February {n}", "February {d}, {n}", "{n}-{d:02d}-{d:02d}", "{n}", "the {n}s",
               "{n}-{m}", "between {n} and {m}", "from {n} to {m}", "March to June {n}", "early {n}", "since {n}",
               "the first {d} months of {n}", "last year", "the past year", "in the past year",
               "the last year or so", "yesterday", "last week", "next month", "this year", "August next year",
               "on Monday", "last Friday", "June 10th", "in September", "the past month or so"]


@settings(max_examples=400, deadline=2000)
@given(st.sampled_from(EXPRESSIONS), st.integers(0, 10**30), st.integers(0, 10**6), st.integers(0, 40),
       st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))))
def test_normalize_date_never_raises_for_any_publication_date_and_number(pattern, n, m, d, published):
    found = normalize_date(pattern.format(n=n, m=m, d=d), published)
    assert found is None or found.value is None or found.start <= found.end


# -- 2. a text over spaCy's max_length ---------------------------------------------------------------
@pytest.mark.parametrize("text, limit, expected", [
    ("aaaa bbbb.\n\ncccc dddd. eeee", 14, ["aaaa bbbb.\n\n", "cccc dddd. ", "eeee"]),  # paragraph, then sentence
    ("aaaa bbbb cccc", 10, ["aaaa bbbb ", "cccc"]),                                   # a space
    ("a" * 25, 10, ["a" * 10, "a" * 10, "a" * 5]),                                    # a hard cut
    ("short", 10, ["short"]),
])
def test_a_long_text_is_cut_at_the_best_break_that_fits(text, limit, expected):
    assert pieces(text, limit) == expected


def best_times(make, texts, limit, tries=5):
    """The fastest of ``tries`` timings of each text, taken in turn, so that a spell of load on a
    shared machine slows both sizes alike instead of one."""
    best = [float("inf")] * len(texts)
    for _ in range(tries):
        for k, text in enumerate(texts):
            clock = time.perf_counter()
            make(text, limit)
            best[k] = min(best[k], time.perf_counter() - clock)
    return best


@pytest.mark.parametrize("unit", ["word ", "x", "A sentence. ", "line\n\n"])
def test_cutting_a_text_near_max_chars_is_linear_and_fast(unit):
    text = unit * (1_000_000 // len(unit))
    one = two = float("inf")
    for _ in range(3):  # a ratio spoilt by a burst of load is measured again (a quadratic cut is 4x every round)
        times = best_times(pieces, [text, text * 2], 100_000)
        one, two = min(one, times[0]), min(two, times[1])
        if two <= 2.5 * one + 0.01:
            break
    assert "".join(pieces(text * 2, 100_000)) == text * 2
    assert two <= 2.5 * one + 0.01 and two < 1.0


def long_text():
    """About 6,500 characters in paragraphs, one of them a single 2,400-character line of sentences,
    and one run of 2,500 characters with no break at all."""
    paragraphs = [TEXTS[i % 3] for i in range(12)]
    paragraphs.insert(4, " ".join([TEXTS[1]] * 23))
    paragraphs.insert(9, "x" * 2500)
    return "\n\n".join(paragraphs)


def test_a_text_over_max_length_is_parsed_in_pieces_with_offsets_into_the_whole_text(make_annotator, monkeypatch,
                                                                                      tmp_path):
    annotator = make_annotator(tmp_path)
    monkeypatch.setattr(annotator.nlp, "max_length", 2000)
    monkeypatch.setattr(annotator, "piece_chars", 2000)  # PIECE_CHARS, the model's memory bound, is smaller
    text = long_text()
    assert 3 * annotator.nlp.max_length < len(text) < 10 * annotator.nlp.max_length
    found = annotator.rows([document(text)]).tables
    forget_rows(tmp_path)
    assert annotator.rows([document(text)]).tables == found  # the joined Doc, read back from the cache
    assert found["warnings"] == []
    for name in ("mentions", "dates", "figures", "events"):
        assert found[name], name
        for row in found[name]:
            assert row["text" if name != "events" else "trigger"] in text[row["start_char"]: row["end_char"]], name
    assert all(r["text"] == text[r["start_char"]: r["end_char"]] for r in found["mentions"] + found["dates"])
    assert {r["text"] for r in found["mentions"]} >= {"Quetta", "Bannu", "Peshawar", "TTP"}
    assert sum(r["text"] == "Peshawar" for r in found["mentions"]) == 4  # in the last pieces too
    with annotator.nlp.select_pipes(enable=annotator.statistical):
        assert parse_long(annotator.nlp, text, 2000).text == text


def test_a_long_text_reaches_the_model_one_bounded_piece_at_a_time(make_annotator, monkeypatch, tmp_path):
    """A 600,000-character paragraph parsed whole (or in one batch of pieces) took 11 GB: the model
    takes about 1 GB per 100,000 characters, so it must see one piece of at most PIECE_CHARS at a time."""
    annotator = make_annotator(tmp_path)
    monkeypatch.setattr(annotator, "piece_chars", 3000)
    calls = []
    pipe = annotator.nlp.pipe

    def watched(texts, **options):
        texts = list(texts)
        calls.append((options.get("batch_size"), [len(t) for t in texts]))
        return pipe(texts, **options)
    monkeypatch.setattr(annotator.nlp, "pipe", watched)
    text = " ".join(["militants attacked a checkpoint in Bannu killing two soldiers"] * 200)  # no paragraph, no stop
    annotator.rows([document(text)])
    long_calls = [c for c in calls if c[1] and max(c[1]) <= 3000 and len(c[1]) > 1]
    assert long_calls and all(batch == 1 for batch, _ in long_calls)
    assert annotate.PIECE_CHARS <= 100_000


# -- 3. a count too big for int64 --------------------------------------------------------------------
@pytest.mark.parametrize("sentence, column", [
    ("Militants attacked a police station in Bannu on Sunday, killing {} people.", "killed"),
    ("A bomb exploded outside a school in Quetta on Monday, wounding {} children.", "wounded"),
])
def test_a_count_over_int64_is_null_in_events_and_kept_in_figures(make_annotator, tmp_path, sentence, column):
    huge = "99999999999999999999999"
    found = make_annotator().rows([document(sentence.format(huge))]).tables
    (event,) = found["events"]
    assert event[column] is None
    assert [r["value"] for r in found["figures"] if r["text"] == huge] == [1e23]
    for name in annotate.TABLES:
        tables.write(tmp_path, name, found[name], META)
    assert pq.read_table(tmp_path / "figures.parquet").column("value").to_pylist() == [1e23]


@pytest.mark.parametrize("value, expected", [(12.0, 12), (0.0, 0), (MAX_TOLL, MAX_TOLL), (MAX_TOLL + 1.0, None),
                                             (1e23, None), (float("inf"), None), (float("nan"), None),
                                             (-3.0, None)])
def test_a_figure_is_a_toll_only_within_bounds(value, expected):
    assert toll(value) == expected


# -- 4. a step or the model raising on one document ---------------------------------------------------
def raise_on_victim(original):
    def step(doc_id, *args, **kwargs):
        if doc_id == VICTIM:
            raise RuntimeError("hostile\ndocument")
        return original(doc_id, *args, **kwargs)
    return step


@pytest.mark.parametrize("stage, target, lost", [
    ("dates", "date_rows", {"dates", "events"}),
    ("figures", "figure_rows", {"figures", "events"}),
    ("events", "extract_all", {"events"}),
])
def test_a_step_that_raises_on_one_document_gives_a_warning_row_and_loses_only_its_rows(
        make_annotator, cold, monkeypatch, stage, target, lost):
    annotator = make_annotator()
    owner = annotator.extractor if target == "extract_all" else normalize
    monkeypatch.setattr(owner, target, raise_on_victim(getattr(owner, target)))
    found = annotator.rows(DOCS).tables
    assert found["warnings"] == [{"doc_id": VICTIM, "stage": stage, "reason": "RuntimeError: hostile document"}]
    for row in DOCS:
        mine, reference = rows_of(found, row["doc_id"]), rows_of(cold, row["doc_id"])
        for name in ("mentions", "dates", "figures", "events"):
            if row["doc_id"] == VICTIM and name in lost:
                assert mine[name] == [], name
            else:
                assert mine[name] == reference[name] and (reference[name] or name == "events"), name


def test_the_rule_stage_raising_on_one_document_is_a_warning_row(make_annotator, cold, monkeypatch):
    original = annotate.mention_rows
    monkeypatch.setattr(annotate, "mention_rows", raise_on_victim(original))
    found = make_annotator().rows(DOCS).tables
    assert [(w["doc_id"], w["stage"]) for w in found["warnings"]] == [(VICTIM, "rules")]
    assert rows_of(found, VICTIM)["mentions"] == [] and rows_of(found, VICTIM)["figures"]
    assert rows_of(found, DOCS[2]["doc_id"]) == rows_of(cold, DOCS[2]["doc_id"])


def test_the_model_failing_on_one_document_falls_back_to_one_at_a_time(make_annotator, cold, monkeypatch):
    annotator = make_annotator()
    nlp = annotator.nlp
    batch, single = nlp.pipe, type(nlp).__call__

    def pipe(texts, *args, **kwargs):
        texts = list(texts)
        if any("Bannu" in (t[0] if isinstance(t, tuple) else t) for t in texts):
            raise MemoryError("E000 hostile batch")
        return batch(texts, *args, **kwargs)

    def call(self, text, *args, **kwargs):
        if "Bannu" in text:
            raise MemoryError("E000 hostile document")
        return single(self, text, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    found = annotator.rows(DOCS).tables
    assert found["warnings"] == [{"doc_id": VICTIM, "stage": "model", "reason": "MemoryError: E000 hostile document"}]
    assert all(rows == [] for name, rows in rows_of(found, VICTIM).items() if name != "warnings")
    for row in (DOCS[0], DOCS[2]):
        assert rows_of(found, row["doc_id"]) == rows_of(cold, row["doc_id"])


def test_the_engine_writes_the_warnings_table_and_every_other_row(make_annotator, config, catalog, cold,
                                                                  monkeypatch, tmp_path):
    monkeypatch.setattr(normalize, "date_rows", raise_on_victim(normalize.date_rows))
    tables.write(tmp_path, "documents", DOCS, META)
    engine.run(config, catalog, tmp_path, meta=META, processes=1)
    assert pq.read_table(tmp_path / "warnings.parquet").to_pylist() == [
        {"doc_id": VICTIM, "stage": "dates", "reason": "RuntimeError: hostile document"}]
    assert pq.read_table(tmp_path / "mentions.parquet").to_pylist() == cold["mentions"]
    figures = pq.read_table(tmp_path / "figures.parquet").to_pylist()
    assert figures == cold["figures"]
    # a document with a failed step is not kept in the row cache: the next run tries it again
    with contextlib.closing(sqlite3.connect(tmp_path / cache_store.FILE)) as conn:
        kept = {doc_id for (doc_id,) in conn.execute("SELECT DISTINCT doc_id FROM rows")}
    assert kept == {DOCS[0]["doc_id"], DOCS[2]["doc_id"]}


# -- 5. caches that lie --------------------------------------------------------------------------------
@pytest.fixture
def warm(make_annotator, tmp_path):
    """An OUT whose row and Doc caches hold :data:`DOCS`, and a fresh annotator over it."""
    make_annotator(tmp_path).rows(DOCS)
    return make_annotator(tmp_path)


def forget_rows(out):
    """Empty the row cache of the store under ``out``, so that the Docs are read from the model cache."""
    with sqlite3.connect(out / cache_store.FILE) as conn:
        conn.execute("DELETE FROM rows")
    conn.close()


def stored(out, sql, *args):
    conn = sqlite3.connect(out / cache_store.FILE)
    try:
        return conn.execute(sql, args).fetchone()
    finally:
        conn.close()


def restore(out, sql, *args):
    with sqlite3.connect(out / cache_store.FILE) as conn:
        conn.execute(sql, args)
    conn.close()


@pytest.mark.parametrize("damage", ["empty lists", "wrong shape", "a list", "another document's",
                                    "rows edited", "forged types", "not JSON"])
def test_a_lying_row_cache_record_is_annotated_again(warm, cold, caplog, damage, tmp_path):
    pick = "SELECT value FROM rows WHERE step = 'mentions' AND doc_id = ?"
    record = json.loads(stored(tmp_path, pick, VICTIM)[0])
    other = json.loads(stored(tmp_path, pick, DOCS[0]["doc_id"])[0])
    rows = record["rows"]
    typed = {**rows, "mentions": [{**rows["mentions"][0], "start_char": "x"}]}
    bad = {
        "empty lists": {name: [] for name in annotate.TABLES},
        "wrong shape": {"mentions": {"doc_id": VICTIM}, "dates": 3},
        "a list": [[], [], []],
        "another document's": other,
        "rows edited": {**record, "rows": {**rows, "mentions": rows["mentions"][1:]}},
        "forged types": {**record, "rows": typed, "sha256": cache_store.rows_digest(typed)},  # right checksum
    }
    restore(tmp_path, "UPDATE rows SET value = ? WHERE step = 'mentions' AND doc_id = ?",
            "{not json" if damage == "not JSON" else json.dumps(bad[damage]), VICTIM)
    assert warm.rows(DOCS).tables == cold
    assert "unusable row cache" in caplog.text
    assert json.loads(stored(tmp_path, pick, VICTIM)[0]) == record  # rewritten


def test_another_documents_cached_doc_is_parsed_again(warm, cold, tmp_path, caplog):
    forget_rows(tmp_path)
    position = stored(tmp_path, "SELECT position FROM docs WHERE doc_id = ?", DOCS[0]["doc_id"])[0]
    restore(tmp_path, "UPDATE docs SET position = ? WHERE doc_id = ?", position, VICTIM)  # its text's checksum kept
    assert warm.rows(DOCS).tables == cold
    assert "cached Doc of another text" in caplog.text
    assert warm.cache.get([DOCS[1]])[VICTIM].text == DOCS[1]["text"]  # rewritten

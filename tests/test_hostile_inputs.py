"""Hostile inputs in RAW (issue 17): each ends in documents or rejects with a reason, and the run goes on.

Inputs that git cannot hold (FIFOs, link loops, names that are not UTF-8) are made here in
``tmp_path``; the others are in ``tests/fixtures/hostile/inputs/``.
"""
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time

import pyarrow.parquet as pq
import pytest

from pipeline import clean, readers, tables
from pipeline.config import load_config
from pipeline.readers import RawDoc, Reject, read_all
from tests.conftest import FIXTURES, ROOT

INPUTS = FIXTURES / "hostile" / "inputs"
META = {"schema_version": "1", "pipeline_version": "0", "model": "m", "model_version": "1", "config_digest": "x"}
BODY = "Police said a bomb exploded near a checkpoint in Quetta on Monday, wounding four people.\n"
SECRET = "root:x:0:0:secret outside RAW"


def read(raw, limits=readers.Limits()):
    return list(read_all(raw, limits))


def reasons(items):
    return {i.source_id: i.reason for i in items if isinstance(i, Reject)}


def read_within(raw, seconds):
    """read_all in a thread: its items, or a failure if it has not finished after ``seconds``."""
    found = []
    worker = threading.Thread(target=lambda: found.extend(read_all(raw)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"reading {raw} did not finish within {seconds} s"
    return found


def table(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


@pytest.fixture()
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "own.txt").write_text(SECRET)
    return folder


@pytest.fixture()
def small_config(tmp_path):
    """The project's configs with max_chars 1000 and max_bytes 5000, so the big inputs stay small."""
    root = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", root)
    settings = root / "pipeline.yml"
    text = re.sub(r"(?m)^max_chars:.*$", "max_chars: 1000", settings.read_text())
    settings.write_text(text + "\nmax_bytes: 5000\n")
    return load_config(root)


# 1. FIFOs and other non-regular files; a link swapped in between the check and the read

def test_a_fifo_in_raw_is_rejected_without_blocking_the_run(raw):
    os.mkfifo(raw / "pipe.txt")
    (raw / "story.txt").write_text(BODY)
    items = read_within(raw, 5)
    assert reasons(items) == {"pipe.txt": "not a regular file (FIFO)"}
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["story.txt"]


def swap_file_for_link(raw):
    (raw / "own.txt").unlink()
    os.symlink(raw.parent / "outside" / "own.txt", raw / "own.txt")


def swap_folder_for_link(raw):
    (raw / "sub").rename(raw / "sub.old")
    os.symlink(raw.parent / "outside", raw / "sub")


def move_folder_out(raw):
    (raw / "sub").rename(raw.parent / "moved")
    os.symlink(raw.parent / "moved", raw / "sub")


def swap_file_for_fifo(raw):
    (raw / "own.txt").unlink()
    os.mkfifo(raw / "own.txt")


@pytest.mark.parametrize("where, swap, reason", [
    ("own.txt", swap_file_for_link, "file replaced by a symbolic link between check and read, not followed"),
    ("sub/own.txt", swap_folder_for_link, "file replaced or moved between check and read, not read"),
    ("sub/own.txt", move_folder_out, "file replaced or moved between check and read, not read"),
    ("own.txt", swap_file_for_fifo, "file replaced or moved between check and read, not read"),
])
def test_a_link_swapped_in_after_the_check_never_lets_an_outside_file_in(raw, monkeypatch, where, swap, reason):
    (raw / "sub").mkdir()
    (raw / where).write_text(BODY)
    check = readers.check_file

    def check_then_swap(path, root):
        checked = check(path, root)
        swap(raw)  # the race, made deterministic: the attacker acts between check and open
        return checked

    monkeypatch.setattr(readers, "check_file", check_then_swap)
    items = read_within(raw, 5)
    assert items == [Reject(where, reason)]


def test_a_link_inside_raw_swapped_to_outside_after_the_check_reads_the_checked_file(raw, monkeypatch):
    (raw / "inside.txt").write_text(BODY)
    os.symlink(raw / "inside.txt", raw / "link.txt")
    check = readers.check_file

    def check_then_swap(path, root):
        checked = check(path, root)
        if path.name == "link.txt":
            (raw / "link.txt").unlink()
            os.symlink(raw.parent / "outside" / "own.txt", raw / "link.txt")
        return checked

    monkeypatch.setattr(readers, "check_file", check_then_swap)
    items = read(raw)
    assert all(SECRET not in getattr(i, "text", "") for i in items)
    assert [(i.source_id, i.text) for i in items] == [("inside.txt", BODY), ("link.txt", BODY)]


# 2. Link loops, links to folders, folders that cannot be listed

def test_a_symbolic_link_loop_is_rejected_not_fatal(raw):
    os.symlink("b.txt", raw / "a.txt")
    os.symlink("a.txt", raw / "b.txt")
    os.symlink("missing.txt", raw / "broken.txt")
    (raw / "story.txt").write_text(BODY)
    items = read(raw)
    assert reasons(items) == {"a.txt": "symbolic link loop", "b.txt": "symbolic link loop",
                              "broken.txt": "broken symbolic link"}
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["story.txt"]


def test_a_link_to_a_folder_is_rejected_not_silently_skipped(raw):
    (raw / "real").mkdir()
    (raw / "real" / "story.txt").write_text(BODY)
    os.symlink(raw / "real", raw / "alias")
    os.symlink(raw, raw / "real" / "cycle")
    os.symlink(raw.parent / "outside", raw / "away")
    items = read(raw)
    assert reasons(items) == {"alias": "symbolic link to a folder, not followed",
                              "real/cycle": "symbolic link to a folder, not followed",
                              "away": "symbolic link to outside RAW, not followed"}
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["real/story.txt"]


def test_a_folder_that_cannot_be_listed_is_a_reject_naming_it(raw, monkeypatch):
    # tests run as root, for whom chmod 000 changes nothing: the listing fails as it would
    (raw / "locked").mkdir()
    (raw / "locked" / "hidden.txt").write_text(BODY)
    (raw / "story.txt").write_text(BODY)
    scandir = os.scandir

    def refuse(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    items = read(raw)
    assert reasons(items) == {"locked": "cannot list folder: Permission denied"}
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["story.txt"]


# 3. File names that are not UTF-8

def test_a_file_name_of_invalid_utf8_is_read_with_its_bytes_escaped(raw, tmp_path, caplog, config, monkeypatch):
    fd = os.open(os.fsencode(raw) + b"/bad\xff name.txt", os.O_CREAT | os.O_WRONLY)
    os.write(fd, b"Blast in Quetta\n\n" + BODY.encode())
    os.close(fd)
    caplog.set_level(logging.WARNING)
    (item,) = read(raw)
    assert item.source_id == "bad\\xff name.txt" and item.text.startswith("Blast in Quetta")
    assert "bad\\xff name.txt: file name is not valid UTF-8" in caplog.text
    clean.run(config, raw, tmp_path / "out", meta=META)  # crashed at the table write
    assert [r["source_id"] for r in table(tmp_path / "out", "documents")] == ["bad\\xff name.txt"]


# 4. JSONL: lone surrogates, deep nesting, files holding nothing

def test_lone_surrogates_in_jsonl_fields_become_replacement_characters(tmp_path, config):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(INPUTS / "lone-surrogates.jsonl", raw)
    shutil.copy(INPUTS / "utf16-lone-surrogate.txt", raw)
    first, second, utf16 = read(raw)
    assert (first.source_id, first.title, first.url, first.source) == \
        ("lone\ufffdid", "Blast \ufffd in Quetta", "https://example.org/\ufffd", "wire\ufffd")
    assert first.text.endswith("A lone \ufffd surrogate.") and second.text.endswith("\U0001F600")
    assert "\ufffd" in utf16.text and utf16.text.startswith("Blast in Quetta")
    clean.run(config, raw, tmp_path / "out", meta=META)  # raised UnicodeEncodeError at the table write
    assert len(table(tmp_path / "out", "documents")) == 3


def test_a_jsonl_line_nested_100000_deep_is_rejected_and_the_others_kept(raw):
    lines = [json.dumps({"id": "before", "text": BODY}), "[" * 100_000 + "]" * 100_000,
             '{"a":' * 100_000 + "1" + "}" * 100_000, json.dumps({"id": "after", "text": BODY})]
    (raw / "dump.jsonl").write_text("\n".join(lines))
    started = time.perf_counter()
    items = read(raw)
    assert time.perf_counter() - started < 2
    assert reasons(items) == {"dump.jsonl:2": "JSON nested too deep on line 2",
                              "dump.jsonl:3": "JSON nested too deep on line 3"}
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["before", "after"]


@pytest.mark.parametrize("name", ["bom-only.jsonl", "nbsp-only.jsonl"])
def test_a_jsonl_of_only_a_bom_or_white_space_is_rejected_as_empty(tmp_path, name):
    shutil.copy(INPUTS / name, tmp_path)
    assert read(tmp_path) == [Reject(name, "empty file")]


# 5. Web pages nested deeper than the HTML parser goes

def test_a_web_page_nested_300_deep_is_rejected_with_the_true_reason(tmp_path):
    shutil.copy(INPUTS / "nested-300.html", tmp_path)
    assert read(tmp_path) == [Reject("nested-300.html", "web page nested deeper than 255 levels, "
                                                        "where the HTML parser stops; not read")]


def test_a_web_page_nested_200_deep_is_still_read(tmp_path):
    page = ("<html><body>" + "<div>" * 200 + f"<p>{BODY}</p>" * 3 + "</div>" * 200 + "</body></html>")
    (tmp_path / "deep.html").write_text(page)
    (item,) = read(tmp_path)
    assert isinstance(item, RawDoc) and "checkpoint in Quetta" in item.text


# 6. Sizes checked before the work they cost

def rejected_unread(raw, config, monkeypatch):
    """The rejects of a clean run over ``raw``, failing if a rejected file was decoded or cleaned."""
    decoded = []
    decode = readers.decode
    monkeypatch.setattr(readers, "decode", lambda data, source_id: decoded.append(source_id) or decode(data, source_id))
    out = raw.parent / "out"
    clean.run(config, raw, out, meta=META)
    found = {r["source_id"]: r["reason"] for r in table(out, "rejects")}
    return found, decoded


def test_a_huge_file_is_rejected_by_its_size_before_it_is_read(raw, small_config, monkeypatch):
    def reject_time(size):
        with open(raw / "huge.html", "wb") as handle:
            handle.truncate(size)  # sparse: no disk, but reading it would cost the full size
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            found, decoded = rejected_unread(raw, small_config, monkeypatch)
            best = min(best, time.perf_counter() - started)
        assert found == {"huge.html": f"file has {size} bytes, over max_bytes 5000; not read"}
        assert decoded == []
        return best

    once, twice = reject_time(200_000_000), reject_time(400_000_000)
    assert once < 1 and twice < 1
    assert twice <= 2.5 * max(once, 0.05)  # a floor: both are a few milliseconds of start-up


def test_a_jsonl_dump_over_max_bytes_is_read_record_by_record(raw, small_config):
    """max_bytes bounds a file, but a JSONL dump holds many articles: its records are bounded one by one."""
    records = [{"id": f"r{i}", "text": f"Article {i}. " + "Militants attacked a post near Quetta. " * 8}
               for i in range(40)]
    (raw / "dump.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    assert (raw / "dump.jsonl").stat().st_size > 5000
    out = raw.parent / "out"
    clean.run(small_config, raw, out, meta=META)
    assert sorted(r["source_id"] for r in table(out, "documents")) == sorted(r["id"] for r in records)
    assert table(out, "rejects") == []


def test_a_text_file_over_4_bytes_per_max_chars_is_rejected_unread(raw, small_config, monkeypatch):
    (raw / "long.txt").write_text("x" * 4001)
    (raw / "long.md").write_text("y" * 4000)  # 4000 bytes may hold 1000 characters: read
    found, decoded = rejected_unread(raw, small_config, monkeypatch)
    assert found["long.txt"] == ("file has 4001 bytes, over 4 x max_chars (4000), more text than "
                                 "max_chars 1000 allows; not read")
    assert set(decoded) == {"long.md"}  # read twice (once to count the lines a source repeats); long.txt never


def test_a_text_over_2_x_max_chars_is_rejected_before_cleaning(raw, small_config, monkeypatch):
    (raw / "long.txt").write_text("Word " * 600)
    (raw / "dump.jsonl").write_text(json.dumps({"id": "r1", "text": "Word " * 600}))
    cleaned = []
    clean_text = clean.clean_text
    monkeypatch.setattr(clean, "clean_text", lambda raw, **kw: cleaned.append(raw) or clean_text(raw, **kw))
    found, _ = rejected_unread(raw, small_config, monkeypatch)
    reason = "text has 3000 characters, over 2 x max_chars (2000); not cleaned"
    assert found == {"long.txt": reason, "r1": reason}
    assert cleaned == []


# 7. One item that raises is a reject; the run goes on

def test_an_exception_cleaning_one_document_is_a_reject_and_the_run_goes_on(config, is_word, monkeypatch):
    clean_text = clean.clean_text

    def explode(raw, **kwargs):
        if "BOOM" in raw:
            raise ValueError("cannot clean " + "z" * 500)
        return clean_text(raw, **kwargs)

    monkeypatch.setattr(clean, "clean_text", explode)
    items = [RawDoc("a.txt", "text", "Blast in Quetta\n\n" + BODY), RawDoc("b.txt", "text", "BOOM " + BODY),
             RawDoc("c.txt", "text", "Raid in Kabul\n\nOfficials said a raid near Kabul ended with two arrests.")]
    docs, rejects = clean.build_documents(items, config, is_word)
    assert [d["source_id"] for d in docs] == ["a.txt", "c.txt"]
    (row,) = rejects
    assert row["source_id"] == "b.txt"
    assert row["reason"] == "clean failed: ValueError: cannot clean " + "z" * 187 + "…"


def test_an_exception_reading_one_file_is_a_reject_and_the_run_goes_on(raw, monkeypatch):
    def explode(html, source_id, limits=None):
        raise MemoryError("out of memory in the HTML parser")

    monkeypatch.setattr(readers, "read_html", explode)
    (raw / "page.html").write_text("<html><body><p>x</p></body></html>")
    (raw / "story.txt").write_text(BODY)
    items = read(raw)
    assert reasons(items) == {"page.html": "read failed: MemoryError: out of memory in the HTML parser"}
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["story.txt"]


# 8. documents and rejects are committed together

@pytest.mark.parametrize("failing", ["documents", "rejects"])
def test_a_crash_closing_one_table_replaces_neither(tmp_path, config, monkeypatch, failing):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "story.txt").write_text("Blast in Quetta\n\n" + BODY)
    (raw / "empty.txt").write_text("")
    clean.run(config, raw, out, meta=META)
    before = {name: (out / f"{name}.parquet").read_bytes() for name in ("documents", "rejects")}
    (raw / "more.txt").write_text("Raid in Kabul\n\nOfficials said a raid near Kabul ended with two arrests.")
    (raw / "scan.txt").write_bytes(b"%PDF-1.7")
    finish = tables.Writer.finish

    def fail(writer):
        if writer.path.stem == failing:
            raise OSError(28, "No space left on device")
        finish(writer)

    monkeypatch.setattr(tables.Writer, "finish", fail)
    with pytest.raises(OSError, match="No space left"):
        clean.run(config, raw, out, meta=META)
    assert {name: (out / f"{name}.parquet").read_bytes() for name in before} == before
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


# All at once, as a run: a process that must end, with every input in one table

def test_a_folder_of_hostile_inputs_is_cleaned_by_a_run_that_ends(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(INPUTS, raw)
    os.mkfifo(raw / "pipe.txt")
    os.symlink("loop-b", raw / "loop-a")
    os.symlink("loop-a", raw / "loop-b")
    os.symlink(raw, raw / "self")
    fd = os.open(os.fsencode(raw) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY)
    os.write(fd, b"Blast in Quetta\n\n" + BODY.encode())
    os.close(fd)
    (raw / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "kept", "text": BODY}))
    script = ("import sys; from pathlib import Path; from pipeline import clean; "
              "from pipeline.config import load_config; "
              "clean.run(load_config(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), meta={})")
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "configs"), str(raw), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    documents = {r["source_id"] for r in table(out, "documents")}
    rejects = {r["source_id"]: r["reason"] for r in table(out, "rejects")}
    assert documents == {"caf\\xe9.txt", "kept", "lone\ufffdid", "pair", "utf16-lone-surrogate.txt"}
    assert rejects == {
        "bom-only.jsonl": "empty file", "nbsp-only.jsonl": "empty file",
        "deep.jsonl:1": "JSON nested too deep on line 1",
        "loop-a": "symbolic link loop", "loop-b": "symbolic link loop",
        "nested-300.html": "web page nested deeper than 255 levels, where the HTML parser stops; not read",
        "pipe.txt": "not a regular file (FIFO)", "self": "symbolic link to a folder, not followed"}

"""Every input kind of the contract, and the inputs that must end in rejects."""
import datetime as dt
import json
import os

import pytest

from pipeline.readers import RawDoc, Reject, read_all, read_html
from tests.conftest import ROOT


def read(tmp_path):
    return list(read_all(tmp_path))


def test_txt_and_md_are_read_as_text(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Headline\n\nBody.", encoding="utf-8")
    items = read(tmp_path)
    assert [(i.source_id, i.kind) for i in items] == [("a.txt", "text"), ("b.md", "markdown")]


def test_html_page_gives_article_text_and_metadata(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>T</title><meta property='article:published_time' content='2025-03-06'></head>"
        "<body><nav><a href='/'>Home</a><a href='/x'>World</a></nav><article><h1>Blast in Quetta</h1>"
        "<p>A bomb exploded near a police station in Quetta on Monday, killing twelve people, officials said.</p>"
        "<p>The Balochistan Liberation Army claimed responsibility for the bombing in a statement.</p></article>"
        "<footer>Copyright 2025 Site. All rights reserved.</footer></body></html>", encoding="utf-8")
    (item,) = read(tmp_path)
    assert item.kind == "html" and item.title == "Blast in Quetta" and item.published == dt.date(2025, 3, 6)
    assert "killing twelve people" in item.text and "Copyright" not in item.text and "Home" not in item.text


def test_html_without_any_text_is_rejected(tmp_path):
    (tmp_path / "empty.htm").write_text("<html><head><title>x</title></head><body><script>var a;</script></body></html>")
    assert read(tmp_path) == [Reject("empty.htm", "no article text found in the web page")]


def test_text_with_a_stray_nul_byte_is_kept(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Headline\n\nBody with a stray\x00 NUL byte in it.")
    (item,) = read(tmp_path)
    assert isinstance(item, RawDoc)


def test_jsonl_fields_and_broken_lines(tmp_path):
    lines = [json.dumps({"id": "r1", "text": "Body one.", "title": "T1", "published": "2025-08-21T10:00:00Z",
                         "url": "https://example.org/1", "source": "wire", "extra": 1}),
             "{not json",
             json.dumps({"title": "no id", "text": "Body two."}),
             json.dumps({"id": "r4", "title": "no text"}),
             json.dumps(["a", "list"]),
             "",
             json.dumps({"text": "Body three.", "published": "yesterday"})]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read(tmp_path)
    assert items[0] == RawDoc("r1", "jsonl", "Body one.", "T1", dt.date(2025, 8, 21), "https://example.org/1", "wire")
    assert items[1].source_id == "dump.jsonl:2" and items[1].reason.startswith("invalid JSON on line 2")
    assert items[2].source_id == "dump.jsonl:3" and isinstance(items[2], RawDoc)
    assert items[3] == Reject("r4", "record on line 4 has no 'text'")
    assert items[4] == Reject("dump.jsonl:5", "line 5 is a JSON list, expected an object")
    assert items[5].source_id == "dump.jsonl:7" and items[5].published is None


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("scan.txt", b"%PDF-1.7\n...", "binary file (PDF document), not text"),
    ("photo.md", b"\x89PNG\r\n\x1a\n....", "binary file (PNG image), not text"),
    ("noise.txt", bytes(range(256)) * 4, "binary file (control bytes), not text"),
    ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf': expected one of .htm, .html, .jsonl, .markdown, .md, .text, .txt"),
])
def test_unreadable_inputs_are_rejected_with_reasons(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    assert read(tmp_path) == [Reject(name, reason)]


@pytest.mark.parametrize("data, expected", [
    ("Peshawar caf\u00e9 \u2013 attack".encode("cp1252"), "Peshawar caf\u00e9 \u2013 attack"),
    (b"\xef\xbb\xbfWith a BOM", "With a BOM"),
    ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
])
def test_encodings_are_decoded_not_rejected(tmp_path, data, expected):
    (tmp_path / "a.txt").write_bytes(data)
    (item,) = read(tmp_path)
    assert item.text == expected


def test_deep_folders_odd_names_sorted_and_hidden_files_skipped(tmp_path):
    deep = tmp_path / "a" / "b c" / "d\u00e9"
    deep.mkdir(parents=True)
    (deep / "r\u00e9port one.txt").write_text("Body.")
    (tmp_path / "z.txt").write_text("Body z.")
    (tmp_path / ".gitkeep").write_text("")
    assert [i.source_id for i in read(tmp_path)] == ["a/b c/d\u00e9/r\u00e9port one.txt", "z.txt"]


def test_links_leaving_raw_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for us")
    raw = tmp_path / "raw"
    raw.mkdir()
    os.symlink(outside / "secret.txt", raw / "link.txt")
    os.symlink(outside, raw / "linkdir")
    (raw / "own.txt").write_text("Body.")
    items = read(raw)
    assert Reject("link.txt", "symbolic link to outside RAW, not followed") in items
    assert [i.source_id for i in items if isinstance(i, RawDoc)] == ["own.txt"]


def test_seed_dumps_are_read(seeds_dir):
    items = list(read_all(seeds_dir))
    assert len(items) == 3 and all(isinstance(i, RawDoc) and i.kind == "text" for i in items)


def test_the_same_page_read_twice_in_one_process_gives_the_same_text(tmp_path):
    # regression: trafilatura's deduplication cache changed the second extraction of a page
    page = (ROOT / "raw" / "html" / "us-security-assistance.htm").read_text(encoding="utf-8")
    first, second = read_html(page, "a.htm"), read_html(page, "b.htm")
    assert first.text == second.text


def test_non_utf8_text_is_kept_with_a_warning(tmp_path, caplog):
    (tmp_path / "old.txt").write_bytes("Blast in Peshawar \u2013 caf\u00e9 damaged".encode("cp1252"))
    (item,) = read(tmp_path)
    assert item.text == "Blast in Peshawar \u2013 caf\u00e9 damaged"
    assert "old.txt: not UTF-8, decoded as cp1252" in caplog.text

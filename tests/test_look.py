"""The review pages and the report: what they hold, and what a real browser shows of them."""
import re
import shutil
import subprocess

import pandas as pd
import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SHARED, need_shared  # looked_at: the sample corpus, reviewed (conftest)

pytestmark = pytest.mark.slow


def group_page(out):
    """A review page of a document with a linked group, the group's canonical name, and the page."""
    mentions = pd.read_parquet(out / "mentions.parquet")
    names = pd.read_parquet(out / "entities.parquet").set_index("entity_id").name
    hit = mentions[mentions.label == "MILITANT_GROUP"].dropna(subset=["entity_id"]).iloc[0]
    return out / "review" / "docs" / f"{hit.doc_id}.html", names[hit.entity_id], hit.text


def test_review_has_a_page_per_document_linked_from_the_index(looked_at):
    docs = pd.read_parquet(looked_at / "documents.parquet")
    index = (looked_at / "review" / "index.html").read_text()
    for doc_id in docs.doc_id:
        assert (looked_at / "review" / "docs" / f"{doc_id}.html").exists()
        assert f'href="docs/{doc_id}.html"' in index
    assert f"documents {len(docs)}" in index


def test_review_page_highlights_groups_with_their_canonical_name_and_lists_events(looked_at):
    page, name, text = group_page(looked_at)
    markup = page.read_text()
    assert re.search(rf'<mark class="entity" data-label="MILITANT_GROUP" title="{re.escape(name)}"[^>]*>\s*'
                     rf"{re.escape(text)}", markup)
    assert 'data-label="DATE"' in markup and 'data-label="FIGURE"' in markup
    events = pd.read_parquet(looked_at / "events.parquet")
    doc_id = page.stem
    assert f"<h2>Events ({(events.doc_id == doc_id).sum()})</h2>" in markup
    assert markup.count("<tr><td>") == (events.doc_id == doc_id).sum()


def test_review_spans_never_overlap_and_keep_the_text(looked_at):
    from pipeline.review import spans

    docs = pd.read_parquet(looked_at / "documents.parquet")
    tables = {n: pd.read_parquet(looked_at / f"{n}.parquet") for n in ("mentions", "dates", "figures", "entities")}
    names = dict(zip(tables["entities"].entity_id, tables["entities"].name))
    for doc_id in docs.doc_id:
        found = spans(*(tables[n][tables[n].doc_id == doc_id] for n in ("mentions", "dates", "figures")), names)
        assert all(a["end"] <= b["start"] for a, b in zip(found, found[1:]))
    # a catalog entity wins over a model span it overlaps
    mentions = tables["mentions"]
    groups = mentions[mentions.label == "MILITANT_GROUP"]
    doc_id = groups.doc_id.iloc[0]
    found = spans(mentions[mentions.doc_id == doc_id], tables["dates"][:0], tables["figures"][:0], names)
    assert len([s for s in found if s["label"] == "MILITANT_GROUP"]) == len(groups[groups.doc_id == doc_id])


def test_report_has_every_plot_and_counts_an_incident_once(looked_at):
    page = (looked_at / "report" / "index.html").read_text()
    for name in ("incidents_by_group", "militant_group", "operation", "casualties_by_month", "casualties_by_province",
                 "incidents_map"):
        assert f'src="{name}.png"' in page
        assert (looked_at / "report" / f"{name}.png").stat().st_size > 5000
    from pipeline.report import incidents

    events = pd.read_parquet(looked_at / "events.parquet")
    one = incidents(events)
    assert len(one) == events.cluster_id.nunique()
    assert one.killed.sum() <= events.killed.sum()
    assert f"in {len(one)} incidents" in page


def test_review_and_report_need_the_tables(tmp_path, capsys):
    assert main(["review", "--out", str(tmp_path)]) == 2
    assert main(["report", "--out", str(tmp_path)]) == 2
    assert "run `make extract" in capsys.readouterr().err


def test_review_and_report_on_the_seeds(tmp_path):
    seeds = need_shared(SHARED / "seeds")
    assert main(["extract", "--raw", str(seeds), "--out", str(tmp_path), "--config", str(ROOT / "configs")]) == 0
    assert main(["review", "--out", str(tmp_path)]) == 0
    assert main(["report", "--out", str(tmp_path)]) == 0
    page, name, _ = group_page(tmp_path)
    assert f'title="{name}"' in page.read_text()


# -- in a real browser --------------------------------------------------------------------------------

def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
    return found


def browse(page, tmp_path, *action, size="1280,1600", query=""):
    """Open a file (with a ``?query`` or ``#anchor`` when given) in headless Chromium, with no network and
    a fresh profile; return stdout."""
    done = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                           "--no-first-run", "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
                           f"--window-size={size}", *action, page.as_uri() + query],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def colours(png):
    from PIL import Image

    with Image.open(png) as image:
        return image.convert("RGB").getcolors(maxcolors=1 << 20)


def test_browser_renders_the_index_and_a_document_with_its_highlighted_group(looked_at, tmp_path):
    dom = browse(looked_at / "review" / "index.html", tmp_path, "--dump-dom")
    assert "<table>" in dom and 'href="docs/' in dom
    page, name, text = group_page(looked_at)
    dom = browse(page, tmp_path, "--dump-dom")
    assert re.search(rf'data-label="MILITANT_GROUP" title="{re.escape(name)}"', dom)
    shot = tmp_path / "page.png"
    browse(page, tmp_path, f"--screenshot={shot}")
    found = colours(shot)
    assert len(found) > 50, "the screenshot is blank"
    assert any(rgb == (0xF4, 0xA2, 0x61) and count > 100 for count, rgb in found), "no group highlight on screen"


def test_browser_shows_the_report_plots(looked_at, tmp_path):
    shot = tmp_path / "report.png"
    browse(looked_at / "report" / "index.html", tmp_path, f"--screenshot={shot}")
    assert len(colours(shot)) > 50, "the report's screenshot is blank"

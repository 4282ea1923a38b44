"""The incidents page, the evidence anchors of the document pages, the map outlines and the report's
incident counts: what the pages hold, and what a real browser shows of them with a filter in the URL."""
import datetime as dt
import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pytest
from lxml import html as lxml_html

from pipeline import boundaries_build, incidents_page, report, review, tables
from tests.test_look import browse, colours

BOUNDARY_SOURCES = Path(os.environ.get("CT_BOUNDARY_SOURCES", "/nonexistent"))


def shown_incidents(dom: str) -> list:
    """The incident groups (tbody) the page shows: those without the ``hidden`` attribute."""
    tree = lxml_html.fromstring(dom)
    return [body for body in tree.xpath('//tbody[@class="incident"]') if body.get("hidden") is None]


def count_line(dom: str) -> str:
    return lxml_html.fromstring(dom).xpath('//*[@id="count"]')[0].text_content()


def ready(dom: str) -> bool:
    """The page's script ran to its end, and reported no error."""
    return 'data-ready="1"' in dom and 'id="js-error"' not in dom


def words(node) -> str:
    """The text of a node without the labels displaCy's template puts in each mark, one space between words."""
    for label in node.xpath(".//mark/span"):
        label.getparent().remove(label)
    return " ".join(node.text_content().split())


def with_script(page: Path, dest: Path, markup: str) -> Path:
    """A copy of ``page`` with ``markup`` added at the end of its body (to measure it in the browser)."""
    dest.write_text(page.read_text(encoding="utf-8").replace("</body>", markup + "</body>"), encoding="utf-8")
    return dest


# -- without a browser --------------------------------------------------------------------------------

def test_embedded_json_cannot_close_its_script_element():
    text = incidents_page.script_json({"evidence": "a </script><script>alert(1)</script> & <!-- \u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text)["evidence"].startswith("a </script>")


def test_evidence_is_wrapped_once_per_piece_and_keeps_entities_whole():
    text = "Alpha struck Kabul. Beta fled.\n\nGamma."
    spans = [{"start": 0, "end": 5, "label": "PERSON", "params": {"hover": "Alpha"}},
             {"start": 13, "end": 24, "label": "ORG", "params": {"hover": "x"}}]  # across the first sentence's end
    evidence = {"e1": [(0, 19)], "e2": [(0, 19), (20, 30)]}
    markup = review.highlighted(text, spans, evidence)
    assert markup.count('id="event-e1"') == 1 and markup.count('id="event-e2"') == 1
    assert 'data-events="e1 e2"' in markup and 'data-events="e2"' in markup
    assert markup.count("<mark") == 2  # no mark cut in two by a piece boundary
    assert words(lxml_html.fromstring(markup)).replace(" ", "") == "".join(text.split())


def test_incident_records_from_events_when_the_tables_have_no_incidents():
    events = pd.DataFrame({
        "event_id": ["e1", "e2"], "doc_id": ["d1", "d2"], "start_char": [0, 0], "end_char": [5, 5],
        "event_type": ["ATTACK", "ATTACK"], "date_start": [dt.date(2024, 1, 3)] * 2, "date_end": [dt.date(2024, 1, 3)] * 2,
        "location": ["Quetta, Balochistan, Pakistan", "Balochistan, Pakistan"], "province": ["Balochistan"] * 2,
        "country": ["Pakistan"] * 2, "actor_ids": [["jua"], []], "killed": [10, 12], "wounded": [None, None],
        "cluster_id": ["c1", "c1"], "latitude": [30.18, None], "longitude": [67.0, None], "geo_precision": [1, 3]})
    entities = pd.DataFrame({"entity_id": ["jua", "ttp"], "name": ["Jamaat-ul-Ahrar", "Tehrik-i-Taliban Pakistan"],
                             "type": ["MILITANT_GROUP"] * 2, "parent": ["ttp", None]})
    (one,) = incidents_page.records(None, events, entities, {}, {"e1": "It struck.", "e2": "It struck."})
    assert one["killed"] == 12 and one["killed_text"] == "10\u201312" and one["documents"] == 2
    assert one["groups"] == ["Jamaat-ul-Ahrar", "Tehrik-i-Taliban Pakistan"]  # the parent matches its child
    assert (one["lat"], one["lon"]) == (30.18, 67.0) and len(one["events"]) == 2
    assert one["events"][0]["href"] == "docs/d1.html#event-e1"


def test_boundaries_are_small_and_hold_afghan_and_pakistani_provinces():
    path = incidents_page.BOUNDARIES
    assert path.stat().st_size < 500_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {p["country"] for p in data["provinces"]} == {"Afghanistan", "Pakistan"}
    names = {p["name"] for p in data["provinces"]}
    assert {"Helmand", "Khyber Pakhtunkhwa", "Balochistan", "Kabul"} <= names
    assert {"Afghanistan", "Pakistan", "Iran", "India"} <= {c["name"] for c in data["countries"]}
    assert (path.parent / "README.md").read_text().count("public domain") >= 1


def test_simplify_keeps_the_ends_and_drops_points_within_tolerance():
    line = [[0, 0], [1, 0.001], [2, -0.001], [3, 0], [3, 5]]
    assert boundaries_build.simplify(line, 0.01) == [[0, 0], [3, 0], [3, 5]]


def test_boundaries_rebuild_gives_the_committed_file(tmp_path):
    sources = [BOUNDARY_SOURCES / name for name in boundaries_build.CHECKSUMS]
    if not all(p.exists() for p in sources):
        pytest.skip(f"the Natural Earth inputs are not in {BOUNDARY_SOURCES} (set CT_BOUNDARY_SOURCES; "
                    "pipeline/data/boundaries/README.md says where they come from)")
    boundaries_build.main(["--provinces", *map(str, sources[:2]), "--countries", str(sources[2]),
                           "--out", str(tmp_path / "b.json")])
    assert (tmp_path / "b.json").read_bytes() == incidents_page.BOUNDARIES.read_bytes()


# -- the report counts incidents, on dates that are real ----------------------------------------------

def report_tables() -> dict[str, pd.DataFrame]:
    """One incident in two documents (10 killed), the same toll read again as a second type, an incident
    dated 1804 (a headline number read as a year) and an undated one."""
    day = dt.date(2024, 3, 1)
    incidents = pd.DataFrame({
        "cluster_id": ["a", "b", "c", "d"], "event_type": ["ATTACK", "TARGETED_KILLING", "ATTACK", "ATTACK"],
        "date_start": [day, day, dt.date(1804, 1, 1), None], "date_end": [day, day, dt.date(1804, 12, 31), None],
        "location": ["Quetta, Balochistan, Pakistan"] * 4, "country": ["Pakistan"] * 4, "province": ["Balochistan"] * 4,
        "actor_ids": [["bla"], [], [], []], "killed_min": [8, 10, 1804, 3], "killed_max": [10, 10, 1804, 3],
        "wounded_min": [None] * 4, "wounded_max": [None] * 4, "n_documents": [2, 1, 1, 1],
        "doc_ids": [["d1", "d2"], ["d1"], ["d2"], ["d2"]], "n_events": [2, 1, 1, 1],
        "latitude": [30.18, 30.18, None, None], "longitude": [67.0, 67.0, None, None]})
    events = pd.DataFrame({"event_id": ["e1", "e2"], "doc_id": ["d1", "d2"], "cluster_id": ["a", "a"],
                           "event_type": ["ATTACK"] * 2, "date_start": [day] * 2, "killed": [8, 10],
                           "actor_ids": [["bla"], ["bla"]]})
    documents = pd.DataFrame({"doc_id": ["d1", "d2"], "published": [dt.date(2024, 3, 2), dt.date(2024, 3, 3)]})
    return {"incidents": incidents, "events": events, "documents": documents}


def test_report_counts_an_incident_of_two_documents_once_and_leaves_1804_off_the_axis():
    monthly, left, unit = report.casualty_series(report_tables())
    assert unit == "month" and list(monthly.index.astype(str)) == ["2024-03"]
    assert monthly.killed.sum() == 10  # not 18 (two reports) nor 20 (the toll read twice)
    assert left == {"undated": 1, "out of range": 1}
    by_group, _, _ = report.incidents_by_group(report_tables(), {"bla": "Balochistan Liberation Army"})
    assert by_group.loc[pd.Period("2024-03", "M"), "Balochistan Liberation Army"] == 1


def test_report_page_says_what_it_left_off(tmp_path):
    t = report_tables()
    meta = {"schema_version": "2"}
    tables.write(tmp_path, "documents", [{"doc_id": d, "source_id": d, "title": d, "published": p, "text": "x"}
                                         for d, p in zip(t["documents"].doc_id, t["documents"].published)], meta)
    incident_rows = t["incidents"].drop(columns=["latitude", "longitude"]).to_dict("records")
    tables.write(tmp_path, "incidents", [{**r, "latitude": None, "longitude": None} for r in incident_rows], meta)
    for name in ("mentions", "entities", "events", "rejects"):
        tables.write(tmp_path, name, [], meta)
    page = report.build(tmp_path).read_text()
    assert "1 undated incidents and 1 dated before 1970-01-01" in page
    assert "1804" not in page.split("the figures")[1]  # not in the figures under the casualty plot either
    assert 'href="../review/incidents.html"' in page


# -- in a real browser ---------------------------------------------------------------------------------

slow = pytest.mark.slow


@slow
def test_browser_filters_incidents_by_type_from_the_url(looked_at, tmp_path):
    incidents = pd.read_parquet(looked_at / "incidents.parquet")
    dom = browse(looked_at / "review" / "incidents.html", tmp_path, "--dump-dom", query="?type=ATTACK")
    assert ready(dom)
    shown = shown_incidents(dom)
    attacks = (incidents.event_type == "ATTACK").sum()
    assert 0 < len(shown) == attacks < len(incidents)
    assert all(body.get("data-type") == "ATTACK" for body in shown)
    assert count_line(dom) == f"{attacks} of {len(incidents)} incidents"
    # (c) a report's link leads to its document page, whose anchor and evidence are there and highlighted
    href = shown[0].xpath('.//tr[@class="event"]//a/@href')[0]
    page, anchor = href.split("#")
    target = looked_at / "review" / page
    assert target.exists() and anchor.startswith("event-")
    doc = browse(target, tmp_path, "--dump-dom", query="#" + anchor)
    event_id = anchor.removeprefix("event-")
    tree = lxml_html.fromstring(doc)
    assert tree.xpath(f'//*[@id="{anchor}"]')
    current = tree.xpath('//span[contains(@class, "evidence") and contains(@class, "current")]')
    assert current and all(event_id in span.get("data-events").split() for span in current)
    events = pd.read_parquet(looked_at / "events.parquet").set_index("event_id")
    assert " ".join(events.loc[event_id, "evidence"].split()) in [words(span) for span in current]


@slow
def test_browser_filters_by_group_with_its_children_and_a_date_range(looked_at, tmp_path):
    incidents = pd.read_parquet(looked_at / "incidents.parquet")
    entities = pd.read_parquet(looked_at / "entities.parquet")
    parent = dict(zip(entities.entity_id, entities.parent))
    ttp = {"ttp"} | {child for child, p in parent.items() if p == "ttp"}
    start, end = dt.date(2014, 6, 1), dt.date(2023, 12, 31)
    expected = {row.cluster_id for row in incidents.itertuples()
                if set(row.actor_ids) & ttp and row.date_start is not None
                and (row.date_end or row.date_start) >= start and row.date_start <= end}
    assert any(set(r.actor_ids) == {"jua"} for r in incidents.itertuples() if r.cluster_id in expected)
    query = "?" + urlencode({"group": "Tehrik-i-Taliban Pakistan", "from": str(start), "to": str(end)})
    dom = browse(looked_at / "review" / "incidents.html", tmp_path, "--dump-dom", query=query)
    assert ready(dom)
    assert {body.get("id").removeprefix("incident-") for body in shown_incidents(dom)} == expected
    assert count_line(dom) == f"{len(expected)} of {len(incidents)} incidents"


@slow
def test_browser_map_draws_the_filtered_incidents_as_circles(looked_at, tmp_path):
    """Only the map left on screen (the table's and legend's swatches hidden): red attack circles, and no
    green operation circle once the URL filters on attacks."""
    page = with_script(looked_at / "review" / "incidents.html", looked_at / "review" / "map-only.html",
                       "<style>.legend, .scroll, .swatch { display: none }</style>")
    found = {}
    for query in ("", "?type=ATTACK"):
        shot = tmp_path / f"map{len(query)}.png"
        browse(page, tmp_path, f"--screenshot={shot}", query=query)
        found[query] = {rgb: count for count, rgb in colours(shot)}
    red, green = (0xD6, 0x27, 0x28), (0x2C, 0xA0, 0x2C)
    assert found[""].get(red, 0) > 200 and found[""].get(green, 0) > 20
    assert found["?type=ATTACK"].get(red, 0) > 200 and found["?type=ATTACK"].get(green, 0) == 0


@slow
def test_browser_pages_fit_a_1400_pixel_screen(looked_at, tmp_path):
    events = pd.read_parquet(looked_at / "events.parquet")
    widest = events.doc_id.value_counts().index[0]
    measure = '<script>document.body.dataset.scrollWidth = document.documentElement.scrollWidth;</script>'
    for page in (looked_at / "review" / "incidents.html", looked_at / "review" / "docs" / f"{widest}.html"):
        copy = with_script(page, page.with_name("measured-" + page.name), measure)
        dom = browse(copy, tmp_path, "--dump-dom", size="1400,900")
        width = int(re.search(r'data-scroll-width="(\d+)"', dom).group(1))
        assert width <= 1400, f"{page.name} is {width} pixels wide"


@slow
def test_browser_index_is_sorted_and_filters_from_the_url(looked_at, tmp_path):
    docs = pd.read_parquet(looked_at / "documents.parquet")
    index = (looked_at / "review" / "index.html").read_text()
    published = re.findall(r'\.html">[^<]*</a></td><td>(\d{4}-\d\d-\d\d)?</td>', index)
    assert published == sorted(published) and len(published) == len(docs)
    word = "Peshawar"
    dom = browse(looked_at / "review" / "index.html", tmp_path, "--dump-dom", query="?q=" + word.lower())
    rows = lxml_html.fromstring(dom).xpath('//div[@id="documents"]//tbody/tr')
    shown = [r for r in rows if r.get("hidden") is None]
    assert ready(dom) and 0 < len(shown) < len(rows)
    assert all(word.lower() in r.text_content().lower() for r in shown)
    assert count_line(dom) == f"{len(shown)} of {len(docs)} documents"


@slow
def test_browser_incidents_page_of_empty_tables_says_so(tmp_path):
    out = tmp_path / "out"
    for name in tables.SCHEMAS:
        tables.write(out, name, [], {"schema_version": "2"})
    review.build(out)
    page = out / "review" / "incidents.html"
    assert "No incidents in these tables." in page.read_text()
    dom = browse(page, tmp_path, "--dump-dom", query="?type=ATTACK&from=2024-01-01")
    assert ready(dom) and count_line(dom) == "0 of 0 incidents"
    assert "<svg" in dom and "<path" in dom  # the outlines of the default view

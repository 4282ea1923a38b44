"""Events rows of several documents grouped into real-world incidents (``cluster_id``, ``incidents``).

Tables of small events rows and the grouping they must get; the rows carry only the columns that
:mod:`pipeline.incidents` reads. The end-to-end test runs ``extract`` on four short articles.
"""
import datetime as dt
import gc
import hashlib
import json
import random
import shutil
import time

import pyarrow.parquet as pq
import pytest

from pipeline import incident_keys, incidents, tables
from pipeline.config import ConfigError, load_config
from pipeline.eventtypes import ClusteringSettings
from pipeline.incidents import cluster_ids, incident_rows
from tests.conftest import ROOT

SETTINGS = ClusteringSettings()
KP = "Khyber Pakhtunkhwa"
META = {"schema_version": "1", "pipeline_version": "0", "model": "m", "model_version": "1", "config_digest": "x"}


#: The geo-precision of a place the gazetteer lacks: none (NaN in the table).
UNPLACED = float("nan")
#: A quarter of a city the gazetteer lacks.
QUARTER = "Qissa Khwani, Peshawar, Khyber Pakhtunkhwa, Pakistan"


def row(event_id: str, doc_id: str, date: str | None, where: str, *, kind: str = "ATTACK", actors=(),
        killed=None, wounded=None, source: str = "sentence", date_end: str | None = None,
        precision=None, geonames_id=None, target=None) -> dict:
    """An events row; ``where`` is its location chain, most specific first, ending with the country."""
    chain = [p.strip() for p in where.split(",")] if where else []
    below = chain[:-1]
    start = dt.date.fromisoformat(date) if date else None
    return {"event_id": event_id, "doc_id": doc_id, "event_type": kind, "date_start": start,
            "date_end": dt.date.fromisoformat(date_end) if date_end else start, "date_source": source,
            "location": where or None, "country": chain[-1] if chain else None,
            "province": below[-1] if below else None, "district": below[-2] if len(below) > 1 else None,
            "place": below[0] if below else None, "geonames_id": geonames_id,
            "geo_precision": precision or (4 - len(below) if below else 3 if chain else None),
            "actor_ids": list(actors), "killed": killed, "wounded": wounded, "target": target}


def groups(rows: list[dict], settings: ClusteringSettings = SETTINGS) -> set[frozenset[str]]:
    """The clusters as sets of event ids."""
    by_id: dict[str, set[str]] = {}
    for r, cid in zip(rows, cluster_ids(rows, settings)):
        by_id.setdefault(cid, set()).add(r["event_id"])
    return {frozenset(ids) for ids in by_id.values()}


def bajaur_bombing() -> list[dict]:
    """One bombing in three reports: a day apart, one naming the group, one at district level."""
    return [row("e1", "d1", "2024-03-05", f"Khar, Bajaur, {KP}, Pakistan", actors=["ttp"], killed=12, wounded=30),
            row("e2", "d2", "2024-03-06", f"Bajaur, {KP}, Pakistan", killed=14),
            row("e3", "d3", "2024-03-06", f"KHAR, bajaur, {KP}, Pakistan", killed=15, wounded=31,
                source="published")]


def test_one_bombing_in_three_reports_is_one_incident():
    assert groups(bajaur_bombing()) == {frozenset({"e1", "e2", "e3"})}


@pytest.mark.parametrize("name, rows, expected", [
    ("two towns the same day",
     [row("a", "d1", "2024-03-05", f"Khar, Bajaur, {KP}, Pakistan"),
      row("b", "d2", "2024-03-05", f"Nawagai, Bajaur, {KP}, Pakistan")], [{"a"}, {"b"}]),
    ("different groups",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", actors=["bla"]),
      row("b", "d2", "2024-03-05", "Quetta, Balochistan, Pakistan", actors=["iskp"])], [{"a"}, {"b"}]),
    ("a group named in one report only",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", actors=["bla"]),
      row("b", "d2", "2024-03-05", "Quetta, Balochistan, Pakistan")], [{"a", "b"}]),
    ("ten days apart",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan"),
      row("b", "d2", "2024-03-15", "Quetta, Balochistan, Pakistan")], [{"a"}, {"b"}]),
    ("three days apart",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan"),
      row("b", "d2", "2024-03-08", "Quetta, Balochistan, Pakistan")], [{"a", "b"}]),
    ("a published date counts as the day before too",
     [row("a", "d1", "2024-03-02", "Quetta, Balochistan, Pakistan"),
      row("b", "d2", "2024-03-06", "Quetta, Balochistan, Pakistan", source="published")], [{"a", "b"}]),
    ("but not two days before",
     [row("a", "d1", "2024-03-01", "Quetta, Balochistan, Pakistan"),
      row("b", "d2", "2024-03-06", "Quetta, Balochistan, Pakistan", source="published")], [{"a"}, {"b"}]),
    ("different types",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan"),
      row("b", "d2", "2024-03-05", "Quetta, Balochistan, Pakistan", kind="ARREST")], [{"a"}, {"b"}]),
    ("tolls far apart",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=5),
      row("b", "d2", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=60)], [{"a"}, {"b"}]),
    ("an early toll below the floor",
     [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=2),
      row("b", "d2", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=60)], [{"a", "b"}]),
    ("the same town in two countries",
     [row("a", "d1", "2024-03-05", "Hyderabad, Sindh, Pakistan"),
      row("b", "d2", "2024-03-05", "Hyderabad, Telangana, India")], [{"a"}, {"b"}]),
    ("accents and case",
     [row("a", "d1", "2024-03-05", "Kermān, Kerman, Iran"),
      row("b", "d2", "2024-03-05", "kerman, KERMAN, Iran")], [{"a", "b"}]),
    ("the same GeoNames place under two spellings",
     [row("a", "d1", "2024-03-05", "Lashkargah, Helmand, Afghanistan", geonames_id=1147290),
      row("b", "d2", "2024-03-05", "Lashkar Gah, Helmand, Afghanistan", geonames_id=1147290)], [{"a", "b"}]),
    ("two spellings of a name the gazetteer lacks",
     [row("a", "d1", "2024-08-26", "Rarasham, Musakhail, Balochistan, Pakistan", killed=23),
      row("b", "d2", "2024-08-26", "Rarah Sham, Musa Khel, Balochistan, Pakistan", killed=23),
      row("c", "d3", "2024-08-26", "Musakhel, Balochistan, Pakistan", killed=22)], [{"a", "b", "c"}]),
    ("a town named with and without its bazaar",
     [row("a", "d1", "2023-07-20", f"Bara Bazar, {KP}, Pakistan", killed=1),
      row("b", "d2", "2023-07-20", f"Bara, Khyber Agency, {KP}, Pakistan", killed=3)], [{"a", "b"}]),
    ("a town another report of another day writes otherwise",  # "DI Khan" is no name above Dera Ismail Khan
     [row("a", "d1", "2023-12-12", f"Daraban, Dera Ismail Khan, {KP}, Pakistan", killed=23),
      row("b", "d2", "2023-12-12", f"Dera Ismail Khan, {KP}, Pakistan", killed=23, geonames_id=1180281),
      row("c", "d2", "2023-11-03", f"DI Khan, Dera Ismail Khan, {KP}, Pakistan", killed=5, geonames_id=1180281)],
     [{"a", "b"}, {"c"}]),
    ("two towns whose names differ in more than their vowels",
     [row("a", "d1", "2024-03-05", f"Kot, Bannu, {KP}, Pakistan"),
      row("b", "d2", "2024-03-05", f"Kohat, {KP}, Pakistan")], [{"a"}, {"b"}]),
    ("no date",
     [row("a", "d1", None, "Quetta, Balochistan, Pakistan"),
      row("b", "d2", None, "Quetta, Balochistan, Pakistan")], [{"a"}, {"b"}]),
    ("by country only, the same day and group",
     [row("a", "d1", "2024-03-05", "Pakistan", actors=["ttp"]),
      row("b", "d2", "2024-03-05", "Chitral, Khyber Pakhtunkhwa, Pakistan", actors=["ttp"])], [{"a", "b"}]),
    ("by country only, no group",
     [row("a", "d1", "2024-03-05", "Pakistan"),
      row("b", "d2", "2024-03-05", "Chitral, Khyber Pakhtunkhwa, Pakistan")], [{"a"}, {"b"}]),
    ("by country only, a day apart",
     [row("a", "d1", "2024-03-05", "Pakistan", actors=["ttp"]),
      row("b", "d2", "2024-03-06", "Chitral, Khyber Pakhtunkhwa, Pakistan", actors=["ttp"])], [{"a"}, {"b"}]),
    ("no place at all, a date from the published day",
     [row("a", "d1", "2024-03-05", "", actors=["ttp"], source="published"),
      row("b", "d2", "2024-03-05", "", actors=["ttp"])], [{"a"}, {"b"}]),
])
def test_grouping(name, rows, expected):
    assert groups(rows) == {frozenset(g) for g in expected}, name


def test_a_district_level_report_joins_one_town_never_two():
    rows = [row("a", "d1", "2024-03-05", f"Khar, Bajaur, {KP}, Pakistan"),
            row("b", "d2", "2024-03-05", f"Nawagai, Bajaur, {KP}, Pakistan"),
            row("c", "d3", "2024-03-05", f"Bajaur, {KP}, Pakistan")]
    found = groups(rows)
    assert len(found) == 2 and not any({"a", "b"} <= g for g in found)


def test_two_rows_of_one_document_stay_apart():
    rows = [row("a", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=10),
            row("b", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=11),
            row("c", "d2", "2024-03-05", "Quetta, Balochistan, Pakistan", killed=10)]
    found = groups(rows)
    assert len(found) == 2 and not any({"a", "b"} <= g for g in found)


def test_a_month_joins_the_one_incident_it_fits_and_none_of_two():
    one = [row("a", "d1", "2021-10-08", "Kunduz, Kunduz, Afghanistan", actors=["iskp"], killed=46),
           row("m", "d2", "2021-10-01", "Kunduz, Kunduz, Afghanistan", actors=["iskp"], killed=50,
               date_end="2021-10-31")]
    assert groups(one) == {frozenset({"a", "m"})}
    two = [*one, row("b", "d3", "2021-10-20", "Kunduz, Kunduz, Afghanistan", actors=["iskp"], killed=20)]
    assert frozenset({"m"}) in groups(two)


def test_a_month_needs_a_group_or_a_toll_in_common():
    """"The deadliest attack in Kabul since January 2018" could be any attack of that month."""
    rows = [row("a", "d1", "2018-01-20", "Kabul, Kabul, Afghanistan", killed=40),
            row("m", "d2", "2018-01-01", "Kabul, Kabul, Afghanistan", date_end="2018-01-31")]
    assert groups(rows) == {frozenset({"a"}), frozenset({"m"})}
    rows[1]["killed"] = 43
    assert groups(rows) == {frozenset({"a", "m"})}


def year(event_id: str, doc_id: str, when: str, where: str, **fields) -> dict:
    """A row dated only to a year ("the 2019 Quetta market bombing") or a month ("in May 2019")."""
    if len(when) == 4:
        return row(event_id, doc_id, f"{when}-01-01", where, date_end=f"{when}-12-31", **fields)
    first = dt.date.fromisoformat(f"{when}-01")
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return row(event_id, doc_id, first.isoformat(), where, date_end=last.isoformat(), **fields)


QUETTA = "Quetta, Balochistan, Pakistan"


@pytest.mark.parametrize("name, rows, expected", [
    ("a year and a group in common: the one incident of that year",
     [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"], killed=9), year("y", "d2", "2019", QUETTA, actors=["bla"])],
     [{"a", "y"}]),
    ("a year and a close toll",
     [row("a", "d1", "2019-05-14", QUETTA, killed=40), year("y", "d2", "2019", QUETTA, killed=42)], [{"a", "y"}]),
    ("a year with nothing in common but the town joins nothing",
     [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"], killed=9), year("y", "d2", "2019", QUETTA)],
     [{"a"}, {"y"}]),
    ("a year that two incidents fit joins neither",
     [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"], killed=9),
      row("b", "d3", "2019-09-02", QUETTA, actors=["bla"], killed=4), year("y", "d2", "2019", QUETTA, actors=["bla"])],
     [{"a"}, {"b"}, {"y"}]),
    ("the year before joins nothing",
     [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"]), year("y", "d2", "2018", QUETTA, actors=["bla"])],
     [{"a"}, {"y"}]),
    ("a year and a month of one incident that no report dates to the day",
     [year("m", "d1", "2019-05", QUETTA, actors=["bla"], killed=30), year("y", "d2", "2019", QUETTA, actors=["bla"])],
     [{"m", "y"}]),
    ("a year that fits a dated incident stays out of a month it fits too",
     [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"]), year("m", "d3", "2019-09", QUETTA, actors=["bla"]),
      year("y", "d2", "2019", QUETTA, actors=["bla"])],
     [{"a", "y"}, {"m"}]),
])
def test_a_year_joins_the_one_incident_of_the_corpus_it_fits(name, rows, expected):
    """The lead's cause (b): "the 2019 Quetta bombing" in a later article, with its group or toll."""
    assert groups(rows) == {frozenset(g) for g in expected}, name


def reported(record: dict, published: str) -> dict:
    return {**record, "published": dt.date.fromisoformat(published)}


@pytest.mark.parametrize("name, rows, expected", [
    ("a toll that rose by the next day's report",
     [reported(row("a", "d1", "2023-01-30", QUETTA, killed=12), "2023-01-30"),
      reported(row("b", "d2", "2023-01-30", QUETTA, killed=71), "2023-01-31")], [{"a", "b"}]),
    ("a larger toll published first is no rise",
     [reported(row("a", "d1", "2023-01-30", QUETTA, killed=71), "2023-01-30"),
      reported(row("b", "d2", "2023-01-30", QUETTA, killed=12), "2023-01-31")], [{"a"}, {"b"}]),
    ("the same day's reports: a first hour's toll and the evening's",
     [reported(row("a", "d1", "2023-01-30", QUETTA, killed=10), "2023-01-30"),
      reported(row("b", "d2", "2023-01-30", QUETTA, killed=35), "2023-01-30")], [{"a", "b"}]),
    ("the same day's reports beyond the rise ratio",
     [reported(row("a", "d1", "2023-01-30", QUETTA, killed=4), "2023-01-30"),
      reported(row("b", "d2", "2023-01-30", QUETTA, killed=71), "2023-01-30")], [{"a"}, {"b"}]),
    ("a rise beyond the rise ratio",
     [reported(row("a", "d1", "2023-01-30", QUETTA, killed=4), "2023-01-30"),
      reported(row("b", "d2", "2023-01-30", QUETTA, killed=90), "2023-02-01")], [{"a"}, {"b"}]),
])
def test_a_toll_may_rise_in_later_reports(name, rows, expected):
    assert groups(rows) == {frozenset(g) for g in expected}, name


KINDS = ClusteringSettings(target_kinds=["school", "mosque"])


@pytest.mark.parametrize("name, rows, expected", [
    ("the same kind of target: the one school attack of that town and year",
     [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"], target="the Girls' High School"),
      year("y", "d2", "2019", QUETTA, target="school")], [{"a", "y"}]),
    ("another kind of target",
     [row("a", "d1", "2019-05-14", QUETTA, target="the Girls' High School"),
      year("y", "d2", "2019", QUETTA, target="mosque")],
     [{"a"}, {"y"}]),
    ("a target that is no kind listed",
     [row("a", "d1", "2019-05-14", QUETTA, target="a parked van"), year("y", "d2", "2019", QUETTA, target="a van")],
     [{"a"}, {"y"}]),
    ("two school attacks that year",
     [row("a", "d1", "2019-05-14", QUETTA, target="the Girls' High School"),
      row("b", "d3", "2019-10-02", QUETTA, target="a primary school"),
      year("y", "d2", "2019", QUETTA, target="school")],
     [{"a"}, {"b"}, {"y"}]),
    ("no date: the kind of target is not enough",
     [row("a", "d1", "2019-05-14", QUETTA, target="the Girls' High School"),
      row("y", "d2", None, QUETTA, target="school")],
     [{"a"}, {"y"}]),
])
def test_a_year_joins_the_one_incident_with_its_kind_of_target(name, rows, expected):
    """"A school massacre in 2014" in a later article is the one school attack of that town and year."""
    assert groups(rows, KINDS) == {frozenset(g) for g in expected}, name


def test_an_undated_row_joins_no_year_by_group_and_toll_alone():
    """Three attacks told without a day, with one group and tolls within the close ratio, are three."""
    rows = [row("u", "d1", None, QUETTA, actors=["bla"], killed=38),
            year("y", "d2", "2019", QUETTA, actors=["bla"], killed=28),
            row("v", "d3", None, QUETTA, actors=["bla"], killed=20)]
    assert groups(rows) == {frozenset({"u"}), frozenset({"y"}), frozenset({"v"})}


def test_a_cluster_is_dated_by_its_most_precise_reports():
    rows = [row("a", "d1", "2019-05-14", QUETTA, actors=["bla"]), year("y", "d2", "2019", QUETTA, actors=["bla"])]
    (one,) = incident_rows(rows, cluster_ids(rows, SETTINGS))
    assert one["n_documents"] == 2 and one["date_start"] == one["date_end"] == dt.date(2019, 5, 14)
    rows = [year("m", "d1", "2019-05", QUETTA, actors=["bla"]), year("y", "d2", "2019", QUETTA, actors=["bla"])]
    (one,) = incident_rows(rows, cluster_ids(rows, SETTINGS))
    assert one["n_documents"] == 2
    assert (one["date_start"], one["date_end"]) == (dt.date(2019, 5, 1), dt.date(2019, 5, 31))


NAMED = ClusteringSettings(country_names={"America": "United States", "U.S.": "United States"})


@pytest.mark.parametrize("name, rows, expected", [
    ("one person's extradition: a month, and a report without a date",
     [year("x", "d1", "2025-03", "America", kind="EXTRADITION", target="Rahimullah Zaman"),
      row("y", "d2", None, "United States", kind="EXTRADITION", target="Zaman")], [{"x", "y"}]),
    ("his arrest told in a town and in a country, two days apart",
     [row("x", "d1", "2025-02-10", "Chaman, Balochistan, Pakistan", kind="ARREST", target="Rahimullah Zaman"),
      row("y", "d2", "2025-02-12", "Pakistan", kind="ARREST", target="Rahimullah Zaman")], [{"x", "y"}]),
    ("two people's arrests the same day in two towns",
     [row("x", "d1", "2025-02-10", "Chaman, Balochistan, Pakistan", kind="ARREST", target="Rahimullah Zaman"),
      row("y", "d2", "2025-02-10", QUETTA, kind="ARREST", target="Gul Bahram")], [{"x"}, {"y"}]),
    ("the same person's arrests a month apart",
     [row("x", "d1", "2025-02-10", "Pakistan", kind="ARREST", target="Rahimullah Zaman"),
      row("y", "d2", "2025-03-20", "Pakistan", kind="ARREST", target="Rahimullah Zaman")], [{"x"}, {"y"}]),
    ("a lone surname twice says too little",
     [row("x", "d1", None, "Pakistan", kind="ARREST", target="Zaman"),
      year("y", "d2", "2025", "Pakistan", kind="ARREST", target="Zaman")], [{"x"}, {"y"}]),
    ("no name: five suspects",
     [row("x", "d1", None, "Pakistan", kind="ARREST", target="Five suspects"),
      year("y", "d2", "2025", "Pakistan", kind="ARREST", target="Five suspects")], [{"x"}, {"y"}]),
    ("attacks have no person key",
     [row("x", "d1", None, QUETTA, target="Rahimullah Zaman"),
      year("y", "d2", "2025", QUETTA, target="Rahimullah Zaman")],
     [{"x"}, {"y"}]),
    ("America and the United States the same day with one group",
     [row("x", "d1", "2025-02-10", "America", actors=["iskp"]),
      row("y", "d2", "2025-02-10", "United States", actors=["iskp"])],
     [{"x", "y"}]),
    ("U.S. and the United States",
     [row("x", "d1", "2025-02-10", "U.S.", actors=["iskp"]),
      row("y", "d2", "2025-02-10", "United States", actors=["iskp"])],
     [{"x", "y"}]),
])
def test_a_named_person_and_a_country_by_another_name(name, rows, expected):
    """The lead's causes (c) and (d): the extradition of one man reported twice."""
    assert groups(rows, NAMED) == {frozenset(g) for g in expected}, name


def test_america_is_no_country_without_the_config():
    rows = [row("x", "d1", "2025-02-10", "America", actors=["iskp"]), row("y", "d2", "2025-02-10", "United States",
                                                                         actors=["iskp"])]
    assert groups(rows) == {frozenset({"x"}), frozenset({"y"})}


@pytest.mark.parametrize("target, words", [
    ("Rahimullah Zaman", ("rahimullah", "zaman")),
    ("Abdul Wali bin Yusuf", ("abdul", "wali", "bin", "yusuf")),
    ("Zaman", ("zaman",)),
    ("Gul Bahram’s", ("gul", "bahrams")),
    ("the front's commander Tor Gul", ()),
    ("TTP commander Gul Zaman", ("gul", "zaman")),
    ("the rebels' emir", ()),
    ("Qari Zain ul-Haq", ("qari", "zain", "ul haq")),
    ("ISKP commanders", ()),
    ("ISKP", ()),
    ("Five suspects", ()),
    ("12 men", ()),
    ("The Taliban", ()),
    ("who", ()),
    ("", ()),
    (None, ()),
])
def test_name_words(target, words):
    assert incident_keys.name_words(target, frozenset({"bin", "al", "ul"})) == words


def test_one_person_spelt_two_ways_after_a_title():
    """Two reports of one man's killing, each with his title first and his name transliterated apart."""
    rows = [row("x", "d1", "2022-08-01", "Kabul, Afghanistan", kind="TARGETED_KILLING",
                target="al-Qaeda chief Abdul Rahman al-Masri", killed=1),
            row("y", "d2", None, "Kabul, Afghanistan", kind="TARGETED_KILLING",
                target="Al-Qaeda chief Abdul Rehman al-Misri", killed=1),
            row("z", "d3", None, "Kabul, Afghanistan", kind="TARGETED_KILLING", target="Abdul Karim Khan", killed=1)]
    assert groups(rows) == {frozenset({"x", "y"}), frozenset({"z"})}


@pytest.mark.parametrize("name, rows, expected", [
    ("two undated pages of one group's bombing in a city: both tolls large and close",
     [row("a", "d1", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=88, wounded=150),
      row("b", "d2", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=112, wounded=140)],
     {frozenset({"a", "b"})}),
    ("... not when the wounded are far apart",
     [row("a", "d1", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=88, wounded=150),
      row("b", "d2", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=112, wounded=40)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("... nor when one names no group",
     [row("a", "d1", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=88, wounded=150),
      row("b", "d2", None, "Mosul, Nineveh, Iraq", killed=112, wounded=140)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("... nor when the tolls are small",
     [row("a", "d1", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=6, wounded=9),
      row("b", "d2", None, "Mosul, Nineveh, Iraq", actors=["islamic-state"], killed=8, wounded=11)],
     {frozenset({"a"}), frozenset({"b"})}),
])
def test_undated_reports_of_one_group_join_by_close_large_tolls(name, rows, expected):
    assert groups(rows) == expected, name


@pytest.mark.parametrize("name, rows, expected", [
    ("two pages without a date: the same toll at the same town, one group",
     [row("a", "d1", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9, wounded=3),
      row("b", "d2", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9)],
     {frozenset({"a", "b"})}),
    ("... but another toll",
     [row("a", "d1", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9, wounded=3),
      row("b", "d2", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=8)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("... or another town",
     [row("a", "d1", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9),
      row("b", "d2", None, "Turbat, Balochistan, Pakistan", actors=["bla"], killed=9)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("... or two others of the same toll there, which corroborate each other too: one incident, as two are",
     [row("a", "d1", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9),
      row("b", "d2", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9, wounded=2),
      row("c", "d3", None, "Kalat, Balochistan, Pakistan", actors=["bla"], killed=9, wounded=5)],
     {frozenset({"a", "b", "c"})}),
    ("a small toll in a district, no group: not enough",
     [row("a", "d1", None, "Kech, Balochistan, Pakistan", killed=2),
      row("b", "d2", None, "Kech, Balochistan, Pakistan", killed=2)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("a spot the gazetteer lacks: tolls that rose from report to report, each page saved without its date",
     [row("a", "d1", None, QUARTER, precision=UNPLACED, killed=61, wounded=100),
      row("b", "d2", None, QUARTER, precision=UNPLACED, actors=["ttp"], killed=75, wounded=120),
      row("c", "d3", None, QUARTER, precision=UNPLACED, actors=["bla"], killed=80, wounded=130),   # another group
      row("d", "d4", None, QUARTER, precision=UNPLACED, killed=84, wounded=150)],
     {frozenset({"a", "b", "d"}), frozenset({"c"})}),
    ("... but not a town the gazetteer knows, nor a figure far off",
     [row("a", "d1", None, f"Peshawar, {KP}, Pakistan", killed=61, geonames_id=1168197, precision=1),
      row("b", "d2", None, f"Peshawar, {KP}, Pakistan", killed=75, geonames_id=1168197, precision=1),
      row("c", "d3", None, QUARTER, precision=UNPLACED, killed=20),
      row("d", "d4", None, QUARTER, precision=UNPLACED, killed=84)],
     {frozenset({"a"}), frozenset({"b"}), frozenset({"c"}), frozenset({"d"})}),
])
def test_two_undated_reports_join_by_place_toll_and_a_corroboration(name, rows, expected):
    assert groups(rows) == expected, name


def test_one_gazetteer_place_placed_at_two_levels():
    """The gazetteer put Khar in its district in one report and straight in its province in another."""
    rows = [row("a", "d1", "2024-03-05", f"Khar, {KP}, Pakistan", geonames_id=1174089),
            row("b", "d2", "2024-03-05", f"Khar, Bajaur Agency, {KP}, Pakistan", geonames_id=1174089),
            row("c", "d3", "2024-03-05", f"Bajaur Agency, {KP}, Pakistan", geonames_id=1183781)]
    assert groups(rows) == {frozenset({"a", "b", "c"})}


FATA = "Federally Administered Tribal Areas"


@pytest.mark.parametrize("name, rows, expected", [
    ("a town placed under the old province by one report and the new one by another, a spot in it by a third",
     [row("a", "d1", "2019-04-12", f"Wana, South Waziristan, {FATA}, Pakistan", geonames_id=1162862, killed=9),
      row("b", "d2", "2019-04-12", f"Wana, South Waziristan, {KP}, Pakistan", geonames_id=1162862, killed=11),
      row("c", "d3", "2019-04-12", f"Rustam Bazaar, Wana, South Waziristan, {FATA}, Pakistan", killed=12)],
     {frozenset({"a", "b", "c"})}),
    ("the same district under two province names",
     [row("a", "d1", "2019-04-12", f"South Waziristan, {FATA}, Pakistan", killed=9),
      row("b", "d2", "2019-04-12", f"South Waziristan, {KP}, Pakistan", killed=9)],
     {frozenset({"a", "b"})}),
    ("two gazetteer towns of one name in two provinces stay two",
     [row("a", "d1", "2019-04-12", f"Kalam, {KP}, Pakistan", geonames_id=1, killed=9),
      row("b", "d2", "2019-04-12", "Kalam, Punjab, Pakistan", geonames_id=2, killed=9)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("a province alone still needs its own name",
     [row("a", "d1", "2019-04-12", f"{FATA}, Pakistan", killed=9),
      row("b", "d2", "2019-04-12", f"Wana, South Waziristan, {KP}, Pakistan", killed=9)],
     {frozenset({"a"}), frozenset({"b"})}),
])
def test_a_province_by_another_name_does_not_part_two_reports(name, rows, expected):
    assert groups(rows) == expected, name


def mixed_rows() -> list[dict]:
    """Incidents of several kinds, each in one to three reports, and some rows of one document."""
    return [*bajaur_bombing(),
            row("f1", "d4", "2024-03-05", f"Nawagai, Bajaur, {KP}, Pakistan", actors=["ttp"]),
            row("f2", "d5", "2024-03-05", f"Bajaur, {KP}, Pakistan", actors=["ttp"], killed=13),
            row("q1", "d1", "2024-03-05", "Quetta, Balochistan, Pakistan", actors=["bla"], killed=4),
            row("q2", "d6", "2024-03-06", "Quetta, Balochistan, Pakistan", killed=5, source="published"),
            row("q3", "d7", "2024-03-07", "Balochistan, Pakistan", actors=["bla"]),
            row("q4", "d6", "2024-03-06", "Quetta, Balochistan, Pakistan", kind="ARREST"),
            row("k1", "d8", "2024-03-04", "Pakistan", actors=["ttp"]),
            row("k2", "d9", "2024-03-04", f"Peshawar, Peshawar, {KP}, Pakistan", actors=["ttp"]),
            row("m1", "d9", "2024-03-01", "Quetta, Balochistan, Pakistan", actors=["bla"], date_end="2024-03-31")]


def test_order_does_not_change_the_clusters():
    rows = mixed_rows()
    expected = dict(zip((r["event_id"] for r in rows), cluster_ids(rows, SETTINGS)))
    shuffler = random.Random(17)
    for _ in range(20):
        shuffled = rows[:]
        shuffler.shuffle(shuffled)
        assert dict(zip((r["event_id"] for r in shuffled), cluster_ids(shuffled, SETTINGS))) == expected


def test_order_does_not_change_which_incident_a_month_or_a_year_joins():
    rows = [*mixed_rows(),
            row("s1", "d10", "2019-05-14", QUETTA, actors=["bla"], killed=9, target="the Girls' High School"),
            year("s2", "d11", "2019", QUETTA, target="school"), year("s3", "d12", "2019-05", QUETTA, actors=["bla"]),
            year("s4", "d13", "2019", QUETTA, actors=["bla"]), row("s5", "d14", None, QUETTA, actors=["bla"], killed=9),
            year("p1", "d15", "2025-03", "America", kind="EXTRADITION", target="Rahimullah Zaman"),
            row("p2", "d16", None, "United States", kind="EXTRADITION", target="Zaman"),
            year("p3", "d17", "2025", "United States", kind="EXTRADITION", target="Rahimullah Zaman")]
    settings = ClusteringSettings(target_kinds=["school"], country_names={"America": "United States"})
    expected = dict(zip((r["event_id"] for r in rows), cluster_ids(rows, settings)))
    assert len({expected[e] for e in ("p1", "p2", "p3")}) == 1
    shuffler = random.Random(5)
    for _ in range(30):
        shuffled = rows[:]
        shuffler.shuffle(shuffled)
        assert dict(zip((r["event_id"] for r in shuffled), cluster_ids(shuffled, settings))) == expected


def test_cluster_id_is_the_hash_of_its_smallest_event_id_and_unmoved_by_other_rows():
    rows = bajaur_bombing()
    ids = cluster_ids(rows, SETTINGS)
    assert set(ids) == {hashlib.sha256(b"e1").hexdigest()[:16]}
    more = [*rows, row("a0", "d9", "2024-03-05", "Quetta, Balochistan, Pakistan")]
    assert cluster_ids(more, SETTINGS)[:3] == ids


def test_incident_row_gathers_its_reports():
    rows = bajaur_bombing()
    (one,) = incident_rows(rows, cluster_ids(rows, SETTINGS))
    assert one["killed_min"] == 12 and one["killed_max"] == 15
    assert one["wounded_min"] == 30 and one["wounded_max"] == 31
    assert one["n_documents"] == 3 and one["doc_ids"] == ["d1", "d2", "d3"]
    assert one["location"].lower() == f"khar, bajaur, {KP.lower()}, pakistan" and one["country"] == "Pakistan"
    assert one["actor_ids"] == ["ttp"] and one["event_type"] == "ATTACK"
    # dates from the rows dated by their sentence; the published day of e3 is only an upper bound
    assert (one["date_start"], one["date_end"]) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))


def test_the_most_specific_location_wins_then_the_most_reported():
    rows = [row("a", "d1", "2024-03-05", f"Bajaur, {KP}, Pakistan"),
            row("b", "d2", "2024-03-05", f"Khar, Bajaur, {KP}, Pakistan"),
            row("c", "d3", "2024-03-05", f"Khar, Bajaur, {KP}, Pakistan"),
            row("d", "d4", "2024-03-05", f"Khar Bazaar, Bajaur, {KP}, Pakistan"),
            row("e", "d5", "2024-03-05", f"A Place Unknown, Bajaur, {KP}, Pakistan")]
    rows[-1]["geo_precision"] = None
    (one,) = incident_rows(rows, ["x"] * len(rows))
    assert one["location"] == f"Khar, Bajaur, {KP}, Pakistan"


def synthetic(n: int, seed: int = 7) -> list[dict]:
    """``n`` events rows over two years: incidents at random towns of five countries, each reported
    one to four times, at town, district, province or country level, a day apart at most."""
    rnd = random.Random(seed)
    rows: list[dict] = []
    while len(rows) < n:
        country, town = rnd.randrange(5), rnd.randrange(4000)
        chain = [f"Town {country}.{town}", f"District {country}.{town // 20}", f"Province {country}.{town // 200}",
                 f"Country {country}"]
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(730))
        kind = rnd.choice(["ATTACK", "ARREST", "MILITARY_OPERATION", "TARGETED_KILLING"])
        actors, killed = [f"group-{rnd.randrange(20)}"], rnd.randrange(1, 60)
        for _ in range(rnd.randint(1, 4)):
            date = day + dt.timedelta(days=rnd.randint(0, 1))
            rows.append(row(f"{len(rows):08x}", f"doc{len(rows)}", date.isoformat(),
                            ", ".join(chain[rnd.choice([0, 0, 0, 1, 1, 2, 3]):]), kind=kind,
                            actors=actors if rnd.random() < 0.6 else [], killed=killed if rnd.random() < 0.5 else None,
                            source=rnd.choice(["sentence"] * 4 + ["published"])))
    return rows[:n]


def loosened(rows: list[dict], seed: int = 3) -> list[dict]:
    """The rows of :func:`synthetic` with one in twelve dated only to its year, one in sixteen to its
    month, one in twenty-five undated, and half the arrests naming one of a few thousand people."""
    rnd, out = random.Random(seed), []
    for record in rows:
        record, draw, day = dict(record), rnd.random(), record["date_start"]
        if draw < 0.08:
            record["date_start"], record["date_end"] = day.replace(month=1, day=1), day.replace(month=12, day=31)
        elif draw < 0.14:
            end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            record["date_start"], record["date_end"] = day.replace(day=1), end
        elif draw < 0.18:
            record["date_start"] = record["date_end"] = None
        if record["event_type"] == "ARREST" and rnd.random() < 0.5:
            record["target"] = f"Person{rnd.randrange(3000)} Name{rnd.randrange(300)}"
        out.append(record)
    return out


def best_seconds(tables_of_rows: list[list[dict]], repeat: int = 3) -> list[float]:
    """The best CPU time of ``cluster_ids`` on each table (the test machine's other processes do not
    count), measured in turns (a load that comes and goes weighs on all alike)."""
    times: list[list[float]] = [[] for _ in tables_of_rows]
    for _ in range(repeat):
        for rows, spent in zip(tables_of_rows, times):
            gc.collect()
            clock = time.process_time()
            cluster_ids(rows, SETTINGS)
            spent.append(time.process_time() - clock)
    return [min(spent) for spent in times]


def test_clustering_is_near_linear():
    small, large, loose_small, loose_large = best_seconds(
        [synthetic(20_000), synthetic(40_000), loosened(synthetic(20_000)), loosened(synthetic(40_000))])
    assert small < 2.0, f"20,000 rows took {small:.2f} s"
    # twice the rows: about 2.1 times the time for n log n, 4 for quadratic; 3 leaves room for a busy machine
    # (a run under load gave 2.62 on the loosely dated tables, with no change to clustering)
    assert large < 3.0 * small, f"20,000 rows {small:.2f} s, 40,000 rows {large:.2f} s"
    # rows dated to a month or a year, undated rows and named people look further, not quadratically
    assert loose_large < 3.0 * loose_small, f"loosely dated: {loose_small:.2f} s, then {loose_large:.2f} s"


def test_run_rewrites_events_and_writes_incidents(tmp_path):
    rows = [{**r, "start_char": 0, "end_char": 1, "cluster_id": "provisional"} for r in mixed_rows()]
    tables.write(tmp_path, "events", rows, META)
    docs = sorted({r["doc_id"] for r in rows})
    tables.write(tmp_path, "documents", [{"doc_id": d, "title": f"title of {d}", "text": "x"} for d in docs], META)
    settings = load_config(ROOT / "configs").events.model_copy(update={"clustering": SETTINGS})
    assert incidents.run(tmp_path, META, settings) == len(set(cluster_ids(mixed_rows(), SETTINGS)))
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.remove_metadata() == tables.SCHEMAS["events"]
    assert tables.metadata(tmp_path, "events")["config_digest"] == "x"
    assert events.column("cluster_id").to_pylist() == cluster_ids(mixed_rows(), SETTINGS)
    assert events.column("event_id").to_pylist() == [r["event_id"] for r in rows]
    table = pq.read_table(tmp_path / "incidents.parquet")
    assert table.schema.remove_metadata() == tables.SCHEMAS["incidents"]
    # Bajaur: three reports and one at district level naming the group; Quetta: three and a month
    assert sorted(table.column("n_documents").to_pylist(), reverse=True) == [4, 4, 2, 1, 1]
    assert events.column("title").to_pylist() == [f"title of {r['doc_id']}" for r in rows]
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("old, new, message", [
    ("  days: 3 ", "  days: -1 ", r"events.yml:\d+: clustering.days: .*greater than or equal to 0"),
    # mapping keys are the category columns of events and incidents: a typo is refused
    ("mapping: {plover: ARREST,", "mapping: {plovr: ARREST,", r"events.yml:\d+: types.ARREST.mapping.plovr"),
    ("person_types: [ARREST,", "person_types: [ARRESTS,",
     r"events.yml:\d+: clustering.person_types.0: .*names no type \(they are: ATTACK"),
    ("  America: United States", "  America: ''", r"events.yml:\d+: clustering.country_names.America: .*empty"),
    ("  rise_ratio: 8 ", "  rise_ratio: 2 ", r"events.yml:\d+: clustering.rise_ratio: .*at least toll_ratio \(3"),
])
def test_bad_events_settings_name_the_key(tmp_path, old, new, message):
    config = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", config)
    events = config / "events.yml"
    assert old in events.read_text()
    events.write_text(events.read_text().replace(old, new))
    with pytest.raises(ConfigError, match=message):
        load_config(config)


#: Our own sentences: one bombing told three ways (group named or not, town or district, tolls
#: revised), and an unrelated attack; a JSONL dump, as the sites' feeds come.
ARTICLES = [
    {"id": "a", "published": "2024-03-05", "title": "Bomb blast kills 12 at Khar market", "url": "https://a.example/1",
     "text": "A bomb exploded at a crowded market in Khar, the main town of Bajaur district in Khyber "
             "Pakhtunkhwa, on Tuesday, killing 12 people and wounding 30, police said. The Tehreek-e-Taliban "
             "Pakistan claimed responsibility for the bombing."},
    {"id": "b", "published": "2024-03-06", "title": "Toll rises in Bajaur", "url": "https://b.example/2",
     "text": "The death toll from Tuesday's bombing of a market in Khar, Bajaur, rose to 14 on Wednesday, "
             "hospital officials said. No group has said it carried out the attack."},
    {"id": "c", "published": "2024-03-06", "title": "Market attack condemned",
     "text": "Fifteen people were killed when a bomb went off in a busy market in Bajaur district on Tuesday, "
             "officials said."},
    {"id": "d", "published": "2024-03-20", "title": "Gunmen attack checkpoint in Turbat",
     "text": "Gunmen attacked a police checkpoint in Turbat in Balochistan on Wednesday, killing three "
             "policemen, officials said."},
]


@pytest.mark.slow
def test_extract_groups_the_same_attack_in_three_articles(tmp_path):
    from pipeline.cli import main

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "feed.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert main(["extract", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    found = pq.read_table(out / "incidents.parquet").to_pylist()
    attacks = [r for r in found if r["event_type"] == "ATTACK"]
    assert len(attacks) == 2, attacks
    bajaur = max(attacks, key=lambda r: r["n_documents"])
    assert bajaur["n_documents"] == 3 and bajaur["location"].startswith("Khar, ")  # the town, not the district
    assert bajaur["killed_min"] == 12 and bajaur["killed_max"] == 15 and bajaur["actor_ids"] == ["ttp"]
    events = pq.read_table(out / "events.parquet").to_pylist()
    market = [e for e in events if e["event_type"] == "ATTACK" and "Turbat" not in (e["location"] or "")]
    assert len(market) == 3 and {e["cluster_id"] for e in market} == {bajaur["cluster_id"]}
    # self-contained rows: the evidence sentence, the document's fields, the type's categories
    texts = dict(zip(*pq.read_table(out / "documents.parquet", columns=["doc_id", "text"]).to_pydict().values()))
    for event in events:
        assert event["evidence"] == texts[event["doc_id"]][event["start_char"]:event["end_char"]]
    first = {e["source_id"]: e for e in market}
    assert first["a"]["title"] == ARTICLES[0]["title"] and first["a"]["url"] == "https://a.example/1"
    assert first["a"]["published"] == dt.date(2024, 3, 5) and first["c"]["url"] is None
    assert {(e["plover"], e["gtd"].split(";")[0]) for e in market} == {("ASSAULT", "Bombing/Explosion")}
    # the incident: the first report's evidence and title, every report's URL, the town's coordinates
    assert bajaur["title"] == ARTICLES[0]["title"] and bajaur["published"] == dt.date(2024, 3, 5)
    assert bajaur["source_id"] == "a"
    assert bajaur["evidence"] == first["a"]["evidence"]
    assert bajaur["urls"] == ["https://a.example/1", "https://b.example/2"]
    assert bajaur["place"] == "Khar" and bajaur["geo_precision"] == 1
    assert 34 < bajaur["latitude"] < 35.5 and 71 < bajaur["longitude"] < 72


@pytest.mark.parametrize("name, rows, expected", [
    ("an undated report of the same toll at the same town joins the dated one",
     [row("a", "d1", "2024-02-05", f"Chaudhwan, Dera Ismail Khan, {KP}, Pakistan", killed=10, precision=1),
      {**row("b", "d2", None, f"Chaudhwan, {KP}, Pakistan", killed=10, precision=1), "district": None}],
     {frozenset({"a", "b"})}),
    ("a close toll at a town where operations recur is not enough",
     [row("a", "d1", "2025-12-03", f"Mir Ali, North Waziristan, {KP}, Pakistan", kind="MILITARY_OPERATION", killed=6),
      row("b", "d2", None, f"Mir Ali, North Waziristan, {KP}, Pakistan", kind="MILITARY_OPERATION", killed=5)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("a district is no spot",
     [row("a", "d1", "2024-02-05", f"Bajaur, {KP}, Pakistan", killed=10),
      row("b", "d2", None, f"Bajaur, {KP}, Pakistan", killed=10)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("a massacre's close toll at its town is enough",
     [row("a", "d1", "2017-02-16", "Sehwan, Dadu, Sindh, Pakistan", killed=72, precision=1, geonames_id=1165789),
      row("b", "d2", "2017-02-16", "Sehwan, Dadu, Sindh, Pakistan", killed=70, precision=1, geonames_id=1165789),
      row("c", "d3", None, "Sehwan Sharif, Dadu, Sindh, Pakistan", killed=76, precision=1, geonames_id=1165789)],
     {frozenset({"a", "b", "c"})}),
    ("... but not a toll far from it",
     [row("a", "d1", "2017-02-16", "Sehwan, Dadu, Sindh, Pakistan", killed=72, precision=1),
      row("c", "d3", None, "Sehwan, Dadu, Sindh, Pakistan", killed=12, precision=1)],
     {frozenset({"a"}), frozenset({"c"})}),
    ("a district's seat: two undated reports of its toll join the dated one",
     [row("a", "d1", "2024-07-15", f"Tank, Tank, {KP}, Pakistan", killed=7, precision=1),
      row("b", "d2", None, f"Tank, Tank, {KP}, Pakistan", killed=7, precision=1),
      row("c", "d3", None, f"Tank, Tank, {KP}, Pakistan", killed=7, precision=1)],
     {frozenset({"a", "b", "c"})}),
    ("... not with another killed figure, nor wounded that disagree",
     [row("a", "d1", "2024-07-15", f"Tank, Tank, {KP}, Pakistan", killed=7, wounded=20, precision=1),
      row("b", "d2", None, f"Tank, Tank, {KP}, Pakistan", killed=6, precision=1),
      row("c", "d3", None, f"Tank, Tank, {KP}, Pakistan", killed=7, wounded=3, precision=1)],
     {frozenset({"a"}), frozenset({"b"}), frozenset({"c"})}),
    ("... and two undated reports alone stay apart",
     [row("b", "d2", None, f"Tank, Tank, {KP}, Pakistan", killed=7, precision=1),
      row("c", "d3", None, f"Tank, Tank, {KP}, Pakistan", killed=7, precision=1)],
     {frozenset({"b"}), frozenset({"c"})}),
    ("a district's seat: both figures large and close join the dated report",
     [row("a", "d1", "2025-03-05", f"Tank, Tank, {KP}, Pakistan", killed=12, wounded=24, precision=1),
      row("b", "d2", None, f"Tank, Tank, {KP}, Pakistan", killed=11, wounded=22, precision=1)],
     {frozenset({"a", "b"})}),
    ("... not when the wounded are far apart, nor when the toll is small",
     [row("a", "d1", "2025-03-05", f"Tank, Tank, {KP}, Pakistan", killed=12, wounded=24, precision=1),
      row("b", "d2", None, f"Tank, Tank, {KP}, Pakistan", killed=11, wounded=60, precision=1),
      row("c", "d3", "2025-04-05", f"Tank, Tank, {KP}, Pakistan", killed=6, wounded=9, precision=1),
      row("d", "d4", None, f"Tank, Tank, {KP}, Pakistan", killed=5, wounded=8, precision=1)],
     {frozenset({"a"}), frozenset({"b"}), frozenset({"c"}), frozenset({"d"})}),
])
def test_an_undated_report_joins_by_its_town_and_its_toll(name, rows, expected):
    assert groups(rows) == expected


@pytest.mark.parametrize("name, rows, expected", [
    ("the same killed and wounded in the same city",
     [row("a", "d1", "2024-09-02", "Kabul, Afghanistan", killed=6, wounded=13),
      row("b", "d2", None, "Kabul, Afghanistan", killed=6, wounded=13)],
     {frozenset({"a", "b"})}),
    ("the same killed but another wounded",
     [row("a", "d1", "2024-09-02", "Kabul, Afghanistan", killed=6, wounded=13),
      row("b", "d2", None, "Kabul, Afghanistan", killed=6, wounded=4)],
     {frozenset({"a"}), frozenset({"b"})}),
    ("the same figures in another city",
     [row("a", "d1", "2024-09-02", "Kabul, Afghanistan", killed=6, wounded=13),
      row("b", "d2", None, "Herat, Afghanistan", killed=6, wounded=13)],
     {frozenset({"a"}), frozenset({"b"})}),
])
def test_an_undated_report_joins_by_its_place_and_both_its_figures(name, rows, expected):
    assert groups(rows) == expected


def test_a_branch_and_its_parent_are_one_set_of_doers():
    """One report credits the Islamic State, another its Khorasan branch: one incident, where the
    entities table gives the branch's parent; two branches of one parent stay two sets of doers."""
    rows = [row("a", "d1", "2023-07-30", f"Khar, Bajaur, {KP}, Pakistan", actors=["islamic-state"], killed=45),
            row("b", "d2", "2023-07-30", f"Khar, Bajaur, {KP}, Pakistan", actors=["iskp"], killed=54)]
    parents = {"iskp": "islamic-state", "iswap": "islamic-state"}
    ids = cluster_ids(rows, SETTINGS, parents)
    assert ids[0] == ids[1]
    assert len(set(cluster_ids(rows, SETTINGS))) == 2  # without the parents: two sets of doers
    rows[0]["actor_ids"] = ["iswap"]
    assert len(set(cluster_ids(rows, SETTINGS, parents))) == 2


@pytest.mark.parametrize("name, rows, expected", [
    ("the group, its target and the town of a dated report",
     [row("a", "d1", "2025-03-11", "Mach, Kachhi, Balochistan, Pakistan", actors=["bla"], target="the Quetta express train",
          precision=1),
      row("b", "d2", None, "Mach, Kachhi, Balochistan, Pakistan", actors=["bla"], target="the train", precision=1)],
     {frozenset({"a", "b"})}),
    ("... not without the target",
     [row("a", "d1", "2025-03-11", "Mach, Kachhi, Balochistan, Pakistan", actors=["bla"], target="a train", precision=1),
      row("b", "d2", None, "Mach, Kachhi, Balochistan, Pakistan", actors=["bla"], precision=1)],
     {frozenset({"a"}), frozenset({"b"})}),
])
def test_an_undated_report_joins_by_its_group_target_and_town(name, rows, expected):
    assert groups(rows, ClusteringSettings(target_kinds=["train", "school"])) == expected


def test_a_bare_name_may_mean_the_group_the_catalog_says_it_means_in_that_country():
    rows = [row("a", "d1", "2017-02-13", "Lahore, Punjab, Pakistan", actors=["taliban"], killed=14, wounded=80,
                precision=1, geonames_id=1172451),
            row("b", "d2", "2017-02-13", "Lahore, Punjab, Pakistan", actors=["jua"], killed=13, wounded=71,
                precision=1, geonames_id=1172451)]
    parents, bare = {"jua": "ttp"}, {("taliban", "pakistan"): "ttp"}

    def grouped(records, **kw):
        ids = cluster_ids(records, SETTINGS, parents, **kw)
        return {frozenset(r["event_id"] for r, i in zip(records, ids) if i == c) for c in set(ids)}

    assert grouped(rows) == {frozenset({"a"}), frozenset({"b"})}   # the Afghan Taliban's name alone
    assert grouped(rows, bare=bare) == {frozenset({"a", "b"})}    # in Pakistan, may be the TTP's
    elsewhere = [{**r, "location": "Kabul, Afghanistan", "country": "Afghanistan", "province": None} for r in rows]
    assert len(grouped(elsewhere, bare=bare)) == 2


def town(event_id: str, doc_id: str, where: str, **fields) -> dict:
    """An undated row placed at a town with no district between it and its province."""
    record = row(event_id, doc_id, None, where, precision=1, **fields)
    record["district"] = None
    return record


@pytest.mark.parametrize("name, rows, expected", [
    ("a town spelled with and without its article, the same large toll: one incident",
     [town("a", "d1", "Bir al-Hamam, Marib, Yemen", killed=31, wounded=40),
      town("b", "d2", "Bir Hamam, Marib, Yemen", killed=31, wounded=44, geonames_id=123)],
     {frozenset({"a", "b"})}),
    ("a hotel's quarter and its town, the same large toll: one incident",
     [row("a", "d1", None, "Port Sidi, Sousse, Sousse Governorate, Tunisia", killed=27, geonames_id=11, precision=1),
      town("b", "d2", "Sousse, Sousse Governorate, Tunisia", killed=27, wounded=6, geonames_id=12)],
     {frozenset({"a", "b"})}),
    ("... but not a small toll, nor another figure",
     [row("a", "d1", None, "Port Sidi, Sousse, Sousse Governorate, Tunisia", killed=4, geonames_id=11, precision=1),
      town("b", "d2", "Sousse, Sousse Governorate, Tunisia", killed=4, geonames_id=12),
      row("c", "d3", None, "Port Sidi, Sousse, Sousse Governorate, Tunisia", killed=30, geonames_id=11, precision=1),
      town("d", "d4", "Sousse, Sousse Governorate, Tunisia", killed=45, geonames_id=12)],
     {frozenset({"a"}), frozenset({"b"}), frozenset({"c"}), frozenset({"d"})}),
])
def test_undated_reports_of_one_large_toll_at_places_one_within_the_other_join(name, rows, expected):
    assert groups(rows) == expected, name


def test_undated_reports_of_one_kind_of_target_struck_at_one_town_join_as_its_toll_rises():
    rows = [row("a", "d1", None, f"Kohat, {KP}, Pakistan", killed=6, wounded=20, geonames_id=1167622, precision=1,
                target="a Shia mosque"),
            row("b", "d2", None, f"Kohat, {KP}, Pakistan", killed=15, wounded=14, geonames_id=1167622, precision=1,
                target="the main Shiite mosque"),
            row("c", "d3", None, f"Kohat, {KP}, Pakistan", killed=9, wounded=30, geonames_id=1167622, precision=1,
                target="a crowded school"),  # another target
            row("d", "d4", None, f"Kohat, {KP}, Pakistan", killed=60, geonames_id=1167622, precision=1,
                target="a mosque")]  # a toll too far apart
    assert groups(rows, KINDS) == {frozenset({"a", "b"}), frozenset({"c"}), frozenset({"d"})}

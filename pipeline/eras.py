"""Divisions as they were on an event's day: a district of a division merged away (Pakistan's FATA,
into Khyber Pakhtunkhwa in 2018) is placed in the old division for an event before the merger, as GTD
and ACLED code it; the gazetteer knows only today's divisions. ``former_divisions`` of places.yml."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.eventtypes import FormerDivision
from pipeline.gazetteer import fold

#: What a district's name may end with in the gazetteer ("Bajaur Agency", "Kurram District").
RE_DISTRICT_WORD = re.compile(r"\s+(district|agency)$")


def district_key(name: str) -> str:
    return RE_DISTRICT_WORD.sub("", fold(name))


def keyed(divisions: list[FormerDivision]) -> list[tuple[FormerDivision, frozenset[str]]]:
    """Each former division with its districts' keys, worked out once per run."""
    return [(division, frozenset(map(district_key, division.districts))) for division in divisions]


def as_of(divisions: list[tuple[FormerDivision, frozenset[str]]], chain: list[str], district: str | None,
          province: str | None, day: dt.date | None) -> tuple[list[str], str | None]:
    """The place chain (town, district, province, country) and province of an event on ``day``: the
    former division's name for one of its districts up to its merger, else as given. ``divisions``:
    :func:`keyed`."""
    if day is None or district is None or province is None:
        return chain, province
    key = district_key(district)
    for division, districts in divisions:
        if day <= division.until and fold(province) == fold(division.now) and key in districts:
            return [division.name if part == province else part for part in chain], division.name
    return chain, province

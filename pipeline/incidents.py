"""Incidents: the events rows of every document grouped into real-world incidents.

The same bombing reported by ten sites is ten ``events`` rows that disagree by a day on the date,
name the place at different levels ("Khar, Bajaur" and "Bajaur") and name the group or not.
:func:`cluster_ids` groups them, :func:`incident_rows` makes one ``incidents`` row per group, and
:func:`run` rewrites ``events.cluster_id`` and writes ``incidents.parquet`` after the annotate stage.

Two rows are one incident when all hold (ACLED and GTD code one event per type, day and place;
the thresholds are ``clustering:`` of ``configs/events.yml``):

- the same ``event_type``, and different documents: a cluster holds at most one row per document
  (joining a document's own rows is the events stage's work);
- dates at most ``days`` apart; a date from the published day only spans the day before and that day;
- for the types a person identifies (``person_types``: arrests, extraditions, targeted killings),
  the same named person ("Sharifullah" and "Mohammad Sharifullah") is enough, wherever each report
  places it (the town he was caught in, the country he was sent to);
- places: the same GeoNames id, or one inside the other: all the names of one's chain (place,
  district, province; accents, case, closing ``locality_words`` and the vowels transliterations
  disagree on aside: "Musakhail" and "Musa Khel Bazar") are among the other's, in the same country (countries
  under one name: "America" is the United States, ``country_names``); a GeoNames place has every
  name any row gives its chain; below a province, a province's other name does not part two rows (the
  Tribal Areas and Khyber Pakhtunkhwa) unless both are GeoNames places. A row placed by its country at most joins only on the same day,
  given by both sentences, with a group in common;
- groups: two non-empty lists with none in common are two incidents;
- killed: two figures of at least ``toll_floor`` more than ``toll_ratio`` apart are two incidents;
  a larger figure published on the same or a later day than the smaller may be up to ``rise_ratio``
  times it (a toll that rose).

Clustering is complete-linkage: a row joins a cluster only when it fits every row in it, so
"Bajaur" cannot join the Khar and the Nawagai attacks into one. Pairs merge best first (closest
dates, same place, most groups shared), ties by event id, so the input order does not matter. Rows
are compared only within blocks (type and a place name, type, day and group, or type and a person's
surname) and a date window. A row dated to a span up to ``coarse_days`` (a month, a year: "the 2021
Kabul airport bombing") joins the only incident in the corpus it fits that shares a group, a close
killed figure (``close_ratio``), the person or the kind of target (``target_kinds``: "a school
massacre in 2014", "the Army Public School") with it, none when two do; first among the incidents
dated to a few days, then, when it fits none of them, among the other loosely dated rows. A row
without a date joins the only incident it fits with a group and a close figure in common, the same town
or spot and the same figure (a close one, both at least ``undated_toll``), or the person;
two rows without a date join when they give the same killed figure at one place and corroborate each other.
The rows that are dated to a week at most date the incident, when any is.

``cluster_id`` is the first 16 hex of SHA-256 of the cluster's smallest ``event_id``: rows added to
or dropped from other clusters leave it as it is; it changes when its own smallest member changes.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import math
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import enrich, tables
from pipeline.eventtypes import ClusteringSettings, EventsSettings
from pipeline.incident_keys import Row, RowReader, completed, same_person, shared_doers, tolls_fit

log = logging.getLogger(__name__)

#: The events columns the clustering and the incidents table read.
COLUMNS = ["event_id", "doc_id", "event_type", "date_start", "date_end", "date_source", "location", "country",
           "province", "district", "place", "geonames_id", "geo_precision", "actor_ids", "killed", "wounded",
           "start_char", "latitude", "longitude", "evidence", "target"]
#: The fields an incident takes from its most specific location's row.
PLACE_FIELDS = ("province", "district", "place", "latitude", "longitude", "geo_precision", "geonames_id")
#: Rows dated to a longer span (a month, a year) date an incident only when no report is more precise.
WEEK_DAYS = 7
#: A location whose precision is unknown (a place the gazetteer lacks) ranks after every known one.
NO_PRECISION = 4


def gap(a: Row, b: Row) -> int:
    """Days between two rows' spans (0 when they overlap)."""
    return max(0, b.lo - a.hi, a.lo - b.hi)


def reported_tolls_fit(a: Row, b: Row, settings: ClusteringSettings) -> bool:
    """The killed figures of two reports fit (:func:`tolls_fit`); a larger one published on a later day
    may have risen up to ``rise_ratio`` times the smaller ("17 killed" on the day, "63" the next), and
    so may one published the same day ("10 killed" in the first hour, "35" by the evening)."""
    if a.killed is None or b.killed is None:
        return True
    small, large = (a, b) if a.killed <= b.killed else (b, a)
    rose = small.published is not None and large.published is not None and large.published >= small.published
    return tolls_fit(a.killed, b.killed, settings, ratio=settings.rise_ratio if rose else None)


def places_fit(a: Row, b: Row) -> bool:
    """Same GeoNames place, or one inside the other in the same country (a row without a country
    fits any country). Below a province, the province's name may differ: a town and its district
    placed in the Tribal Areas by one report and in Khyber Pakhtunkhwa by another (or by the
    gazetteer, after the 2018 merger) are one place, unless both are GeoNames places and not the same."""
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.names <= b.names or b.names <= a.names:
        return True
    low_a, low_b = a.names - a.regions, b.names - b.regions
    if not low_a or not low_b or None not in (a.geonames_id, b.geonames_id):
        return False
    return low_a <= low_b or low_b <= low_a


def compatible(a: Row, b: Row, settings: ClusteringSettings) -> bool:
    """Can two rows be one incident (module docstring)? A row without a date fits any date: only
    :func:`attach_loose` joins it, to an incident that it corroborates."""
    if a.kind != b.kind or a.doc_id == b.doc_id or not reported_tolls_fit(a, b, settings):
        return False
    if a.lo is not None and b.lo is not None and gap(a, b) > settings.days:
        return False
    if a.actors and b.actors and not shared_doers(a, b):
        return False
    if same_person(a, b):  # the person is the key: an extradition is placed where he was sent or caught
        return True
    if not a.names or not b.names:  # placed by country at most: the same day and a group in common
        same_country = not (a.country and b.country and a.country != b.country)
        return a.exact and b.exact and a.lo == b.lo and bool(shared_doers(a, b)) and same_country
    return places_fit(a, b)


def strength(rows: list[Row], i: int, j: int) -> tuple:
    """Sort key of a candidate pair: closest dates, then the same place, then most groups shared."""
    a, b = rows[i], rows[j]
    same = (a.geonames_id is not None and a.geonames_id == b.geonames_id) or a.names == b.names
    return gap(a, b), not same, -len(shared_doers(a, b)), i, j


class Clusters:
    """Union-find over rows whose merges keep every cluster compatible row by row (complete linkage)
    and holding at most one row per document."""

    def __init__(self, rows: list[Row], settings: ClusteringSettings):
        self.rows, self.settings = rows, settings
        self.parent = list(range(len(rows)))
        #: The rows and documents of each root of more than one row (a lone row is not stored: most are).
        self._members: dict[int, list[int]] = {}
        self._docs: dict[int, set[str]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, root: int) -> list[int]:
        return self._members.get(root) or [root]

    def docs(self, root: int) -> set[str]:
        return self._docs.get(root) or {self.rows[root].doc_id}

    def fits(self, a: int, b: int) -> bool:
        """Can the clusters of roots ``a`` and ``b`` be one?"""
        if a == b or not self.docs(a).isdisjoint(self.docs(b)):
            return False
        rows, settings = self.rows, self.settings
        return all(compatible(rows[x], rows[y], settings) for x in self.members(a) for y in self.members(b))

    def join(self, a: int, b: int) -> None:
        """Make roots ``a`` and ``b`` one cluster (the larger keeps its root)."""
        if len(self.members(a)) < len(self.members(b)):
            a, b = b, a
        self.parent[b] = a
        self._members[a] = self.members(a) + self._members.pop(b, [b])
        self._docs[a] = self.docs(a) | self._docs.pop(b, {self.rows[b].doc_id})


class Blocks:
    """Rows posted under the keys a partner must share with them (type and a place name or GeoNames
    id; type, exact day and a group; type and a person's surname), each key's rows sorted by date,
    for windowed look-ups; ``span``: the most days a posted row spans."""

    def __init__(self, rows: list[Row], posted: Iterable[int], span: int):
        self.span = span
        lists: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
        for i in posted:
            for key in self.keys(rows[i]):
                lists[key].append((rows[i].lo, i))
        self.los: dict[tuple, list[int]] = {}
        self.ids: dict[tuple, list[int]] = {}
        for key, pairs in lists.items():
            pairs.sort()
            self.los[key], self.ids[key] = [lo for lo, _ in pairs], [i for _, i in pairs]

    @staticmethod
    def keys(row: Row) -> list[tuple]:
        keys = [(row.kind, "name", name) for name in row.names]
        if row.geonames_id is not None:
            keys.append((row.kind, "geonames", row.geonames_id))
        if row.exact:
            keys += [(row.kind, "day", row.lo, actor) for actor in row.family or row.actors]
        if row.surname:
            keys.append((row.kind, "person", row.surname))
        return keys

    def queries(self, row: Row) -> list[tuple]:
        """The keys a row looks its partners up under: the smallest of its names' (a place inside or
        around it has every name of the smaller chain), its GeoNames id; by day and group when it has
        no place below a country; its person's surname."""
        keys = [(row.kind, "person", row.surname)] if row.surname else []
        if not row.names:
            return keys + ([(row.kind, "day", row.lo, actor) for actor in row.family or row.actors] if row.exact else [])
        names = [(row.kind, "name", name) for name in row.names - row.regions or row.names]  # a province's name
        keys.append(min(names, key=lambda k: (len(self.ids.get(k, ())), k)))  # may not be the other's
        return keys + ([(row.kind, "geonames", row.geonames_id)] if row.geonames_id is not None else [])

    def near(self, row: Row, days: int) -> Iterable[int]:
        """Rows sharing a key with ``row`` whose dates may lie within ``days`` of it."""
        for key in self.queries(row):
            los = self.los.get(key)
            if los and row.lo is None:  # any date
                yield from self.ids[key]
            elif los:
                start, end = bisect_left(los, row.lo - self.span - days), bisect_right(los, row.hi + days)
                yield from self.ids[key][start:end]


def candidate_pairs(rows: list[Row], fine: list[int], blocks: Blocks, settings: ClusteringSettings) -> list[tuple]:
    """The compatible pairs ``(i, j)``, ``i < j``, of rows dated to a day or a few, best first."""
    pairs = set()
    for i in fine:
        for j in blocks.near(rows[i], settings.days):
            pair = (i, j) if i < j else (j, i)
            if i != j and pair not in pairs and compatible(rows[i], rows[j], settings):
                pairs.add(pair)
    return sorted(pairs, key=lambda p: strength(rows, *p))


def corroborates(a: Row, b: Row, settings: ClusteringSettings) -> bool:
    """More than type, place and time agree: one person named, a group in common, killed figures both
    given and close, or the same kind of target ("a school massacre", "the Army Public School"); for a
    row without a date, the person, a group and a close figure, the same town or spot and the same
    figure (operations recur at one town with close tolls: "5 killed in Mir Ali" is no "6 killed" there),
    or the same killed and the same wounded at a place they share ("6 killed, 13 wounded in Kabul"), or the
    same killed at a district's seat that a dated report gives too ("8 killed in Bannu"), or the group, the
    kind of target and the town of a dated report ("the BLA's attack on a train in Bolan"), or both figures
    large and close at the town of a dated report ("11 killed, 22 hurt" and "12 killed, 24 hurt" in Bannu)."""
    if same_person(a, b):
        return True
    group = bool(shared_doers(a, b))
    toll = a.killed is not None and b.killed is not None and min(a.killed, b.killed) >= settings.toll_floor \
        and tolls_fit(a.killed, b.killed, settings, ratio=settings.close_ratio)
    if a.lo is None or b.lo is None:  # undated: a group and a close figure, or the same spot and figure
        both = a.killed is not None and a.wounded is not None and (a.killed, a.wounded) == (b.killed, b.wounded)
        spot = a.spot is not None and b.spot is not None and (  # "Sehwan" and "Sehwan Sharif": one GeoNames town
            a.spot == b.spot or (a.geonames_id is not None and a.geonames_id == b.geonames_id))
        large = toll and min(a.killed, b.killed) >= settings.undated_toll  # "76 killed" and "72 killed" at Sehwan
        one_dated = a.lo is not None or b.lo is not None  # the other report is dated
        same_seat = a.seat is not None and a.seat == b.seat
        # the wounded figures close (True), apart (False) or not both given (None)
        hurt = None if a.wounded is None or b.wounded is None else \
            tolls_fit(a.wounded, b.wounded, settings, ratio=settings.close_ratio)
        # a district's seat ("Bannu"): the same killed, wounded that do not disagree, and the other report dated
        seat = same_seat and a.killed == b.killed and one_dated and hurt is not False
        # a group, its target and the town: "the BLA's attack on a train in Bolan", a report saved without its date
        struck = group and a.target_kind is not None and a.target_kind == b.target_kind and one_dated and (spot or same_seat)
        # both figures large and close at the town of a dated report: "11 killed, 22 hurt" and "12 killed, 24 hurt"
        close = large and hurt is True and one_dated and (spot or same_seat)
        # the same large killed figure at places one within the other, the wounded not apart: "27 killed" at a
        # resort's hotel and in its town
        nested = large and a.killed == b.killed and hurt is not False and a.spot is not None and b.spot is not None \
            and (a.names <= b.names or b.names <= a.names)  # (towns or spots: a district is too wide)
        # the same kind of target struck at one town, the tolls not apart ("a Shiite mosque" in Pul-i-Khumri, 7 and
        # then 17 killed): reports of one bombing whose toll rose, when the town has no other such incident
        kind_at_spot = (spot or same_seat) and a.target_kind is not None and a.target_kind == b.target_kind \
            and a.killed is not None and b.killed is not None
        return (group and toll) or (toll and spot and (a.killed == b.killed or large)) or both or (toll and seat) \
            or struck or close or nested or kind_at_spot
    return group or toll or (a.target_kind is not None and a.target_kind == b.target_kind)


def fitting_clusters(i: int, rows: list[Row], clusters: Clusters, blocks: Blocks,
                     settings: ClusteringSettings) -> list[int]:
    """The roots of the clusters row ``i`` could join, corroborated by one of their rows; two at most."""
    row, own, seen, found = rows[i], clusters.find(i), set(), []
    for j in blocks.near(row, settings.days):
        root = clusters.find(j)
        if root in seen or root == own or not (compatible(row, rows[j], settings) and
                                               corroborates(row, rows[j], settings)):
            continue
        seen.add(root)
        if clusters.fits(own, root):
            found.append(root)
            if len(found) > 1:
                break
    return found


def loose(row: Row, settings: ClusteringSettings) -> bool:
    """Dated only to a span longer than the window, up to ``coarse_days`` (a month, a year), or not at all."""
    return row.lo is None or settings.days < row.hi - row.lo <= settings.coarse_days


def attach_loose(rows: list[Row], clusters: Clusters, blocks: tuple[Blocks, Blocks],
                 settings: ClusteringSettings) -> None:
    """Join each loosely dated row to the one cluster it fits and that one of its rows corroborates
    (:func:`corroborates`); to none when two do. "The deadliest attack in Kabul since January 2018"
    names no incident that can be told apart; "the suicide bombing at Kabul airport that killed 183
    people", with its group, may. First among the incidents dated to a few days (``blocks[0]``), then,
    for the rows that fit none of them, among the other loosely dated rows (``blocks[1]``): "the 2021
    Kabul airport bombing" and "an ISKP suicide attack in Kabul in August 2021"; an undated row only
    by its person or both its figures. A row that fits two incidents of the first kind joins nothing, not even a loose
    row of the second."""
    waiting = []
    for i, row in enumerate(rows):
        if (row.names or row.person) and loose(row, settings):
            fitting = fitting_clusters(i, rows, clusters, blocks[0], settings)
            if len(fitting) == 1:
                clusters.join(clusters.find(i), fitting[0])
            elif not fitting and (row.lo is not None or row.person or row.wounded is not None):  # undated: its person or toll
                waiting.append(i)
    for i in waiting:
        fitting = fitting_clusters(i, rows, clusters, blocks[1], settings)
        if len(fitting) == 1:
            clusters.join(clusters.find(i), fitting[0])


def join_undated(rows: list[Row], clusters: Clusters, settings: ClusteringSettings) -> None:
    """Join two reports without a date that give the same killed figure at one place and corroborate
    each other (:func:`corroborates`: a group, the same town, or both figures), when the row fits one
    such cluster only: two pages saved without their dates that tell "11 miners killed in Mach" by the
    Islamic State. Rows are looked up by type, figure and place name, so a town's many undated reports
    are never compared pair by pair. At a spot the gazetteer lacks (a quarter, a village, a camp: "Kohati
    Gate"), the figures need only be close and large (:func:`corroborates`), their wounded not apart: a
    toll rises from report to report, and such a spot sees few incidents of that size; there a row that
    fits several clusters joins them all when they fit one another too. Anywhere, large killed and wounded
    figures both close join reports that credit one group (:func:`close_reports`): two attacks of one group
    in one city with both tolls that close are rare. Elsewhere it joins them all when
    they also corroborate one another with a group in common (three pages of "3 killed in Karachi" by the
    BLA are one incident, as two are), and none when they do not."""
    posted: dict[tuple, list[int]] = defaultdict(list)
    undated = [i for i, row in enumerate(rows) if row.lo is None and row.names and row.killed is not None]
    for i in undated:
        for name in rows[i].names:
            posted[(rows[i].kind, rows[i].killed, name)].append(i)
            if rows[i].killed >= settings.undated_toll:  # by the scale of its toll: close ones are a step apart
                posted[(rows[i].kind, name, toll_step(rows[i].killed, settings))].append(i)
        if unlisted_spot(rows[i], settings):
            posted[(rows[i].kind, rows[i].spot)].append(i)
        if (key := kind_at_town(rows[i])) is not None:
            posted[key].append(i)
    for i in undated:
        row, own, found = rows[i], clusters.find(i), set()
        near = posted[(row.kind, row.spot)] if unlisted_spot(row, settings) else []
        near = [j for j in near if rows[j].wounded is None or row.wounded is None
                or tolls_fit(rows[j].wounded, row.wounded, settings)]
        close = [j for j in close_reports(row, posted, settings) if j != i and shared_doers(row, rows[j])
                 and row.wounded is not None
                 and rows[j].wounded is not None and tolls_fit(rows[j].wounded, row.wounded, settings,
                                                               ratio=settings.close_ratio)]
        same_kind = posted[key] if (key := kind_at_town(row)) is not None else []  # a mosque at one town
        for j in {j for name in row.names for j in posted[(row.kind, row.killed, name)]} | set(near) | set(close) | set(same_kind):
            root = clusters.find(j)
            if root != own and root not in found and compatible(row, rows[j], settings) \
                    and corroborates(row, rows[j], settings) and clusters.fits(own, root):
                found.add(root)
        roots = sorted(found)
        pairs = [(a, b) for k, a in enumerate(roots) for b in roots[k + 1:]]
        if len(roots) == 1 or (near and all(clusters.fits(a, b) for a, b in pairs)) or all(
                clusters.fits(a, b) and backed(rows, clusters, a, b, settings) for a, b in pairs):
            for root in roots:  # the reports it fits, which may all be one with it: one incident
                clusters.join(clusters.find(own), clusters.find(root))


def kind_at_town(row: Row) -> tuple | None:
    """The key an undated row is looked up by with the kind of target it struck at its town or spot
    ("mosque" at Pul-i-Khumri); None when it gives no such kind or is placed wider than a town."""
    town = row.spot or row.seat
    return (row.kind, row.target_kind, town) if row.target_kind is not None and town is not None else None


def backed(rows: list[Row], clusters: Clusters, a: int, b: int, settings: ClusteringSettings) -> bool:
    """Does a row of cluster ``a`` corroborate one of cluster ``b`` (:func:`corroborates`) with a group in
    common? Two reports of "7 killed in Mogadishu" by no one named may be two bombings."""
    return any(shared_doers(rows[i], rows[j]) and corroborates(rows[i], rows[j], settings)
               for i in clusters.members(a) for j in clusters.members(b))


def toll_step(killed: int, settings: ClusteringSettings) -> int:
    """The step of a killed figure on a scale of ``close_ratio``: two close figures are at most one apart."""
    return int(math.log(killed) / math.log(settings.close_ratio))


def close_reports(row: Row, posted: dict[tuple, list[int]], settings: ClusteringSettings) -> list[int]:
    """Undated reports of a large killed figure near the row's on the scale of :func:`toll_step`, at a place
    it names, when it credits a group: "115 killed, 200 hurt" and "149 killed, 192 hurt" in Baghdad by the
    Islamic State, pages saved without their dates (:func:`join_undated` keeps those whose wounded are close
    too; :func:`corroborates` then asks for the group and the close killed figure)."""
    if row.killed < settings.undated_toll or not row.actors:
        return []
    step = toll_step(row.killed, settings)
    return sorted({j for name in row.names for s in (step - 1, step, step + 1) for j in posted.get((row.kind, name, s), [])})


def unlisted_spot(row: Row, settings: ClusteringSettings) -> bool:
    """Is the row placed at a spot the gazetteer lacks, with a large killed figure (``undated_toll``)?"""
    return row.spot is not None and row.geonames_id is None and row.killed is not None \
        and row.killed >= settings.undated_toll


def cluster_id(event_id: str) -> str:
    return hashlib.sha256(event_id.encode()).hexdigest()[:16]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: the clustering makes many small objects and no
    cycles, and a full collection in a process holding a spaCy model walks millions of objects
    (clustering 40,000 rows took three times as long as 20,000 then, instead of twice)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cluster_ids(records: list[dict], settings: ClusteringSettings, parents: dict[str, str] | None = None,
                bare: dict[tuple[str, str], str] | None = None) -> list[str]:
    """The ``cluster_id`` of each events row (dicts with :data:`COLUMNS`, and their document's
    ``published`` day where known), in the records' order.

    The rows are put in event-id order first, so that the result does not depend on theirs. ``bare``:
    the group a bare name means in a country (:meth:`pipeline.catalog.Catalog.bare_names`).
    """
    with collector_paused():
        return clustered(records, settings, parents, bare)


def clustered(records: list[dict], settings: ClusteringSettings, parents: dict[str, str] | None = None,
              bare: dict[tuple[str, str], str] | None = None) -> list[str]:
    order = sorted(range(len(records)), key=lambda k: (records[k]["event_id"], records[k]["doc_id"]))
    reader = RowReader(settings, parents, bare)
    rows = completed(reader.row(records[k]) for k in order)
    fine = [i for i, row in enumerate(rows) if row.lo is not None and row.hi - row.lo <= settings.days]
    coarse = [i for i, row in enumerate(rows) if row.lo is not None and loose(row, settings)]
    blocks = Blocks(rows, fine, settings.days)
    clusters = Clusters(rows, settings)
    for i, j in candidate_pairs(rows, fine, blocks, settings):
        if clusters.fits(a := clusters.find(i), b := clusters.find(j)):
            clusters.join(a, b)
    attach_loose(rows, clusters, (blocks, Blocks(rows, coarse, settings.coarse_days)), settings)
    join_undated(rows, clusters, settings)
    ids: list[str] = [""] * len(records)
    first: dict[int, str] = {}
    for i, k in enumerate(order):  # rows are in event-id order: a cluster's first row has its smallest
        root = clusters.find(i)
        ids[k] = first.setdefault(root, cluster_id(rows[i].event_id))
    return ids


def best_location(records: list[dict]) -> dict | None:
    """The row with the most specific location: lowest ``geo_precision``, then the longest chain,
    then the location most rows give, then the name."""
    placed = [r for r in records if r.get("location")]
    if not placed:
        return None
    reports = Counter(r["location"] for r in placed)
    return min(placed, key=lambda r: (NO_PRECISION if r.get("geo_precision") is None else r["geo_precision"],
                                      -r["location"].count(","), -reports[r["location"]], r["location"]))


def dating_rows(records: list[dict]) -> list[dict]:
    """The rows that date an incident: those dated by their sentence when any is, else by the
    published days; of them, the ones dated to a week at most, else the most precisely dated ("the
    2021 bombing" joins the incident of 26 August, or of August 2021, and leaves its dates as they are)."""
    dated = [r for r in records if r.get("date_start") and r.get("date_source") != "published"]
    dated = dated or [r for r in records if r.get("date_start")]
    spans = [((r.get("date_end") or r["date_start"]) - r["date_start"]).days for r in dated]
    return [r for r, span in zip(dated, spans) if span <= max(WEEK_DAYS, min(spans))]


def incident(cid: str, records: list[dict]) -> dict:
    """One ``incidents`` row from the events rows of one cluster (:func:`dating_rows` date it)."""
    dated = dating_rows(records)
    where = best_location(records)
    countries = Counter(r["country"] for r in records if r.get("country"))
    killed = [r["killed"] for r in records if r.get("killed") is not None]
    wounded = [r["wounded"] for r in records if r.get("wounded") is not None]
    docs = sorted({r["doc_id"] for r in records})
    return {"cluster_id": cid, "event_type": records[0]["event_type"],
            "date_start": min((r["date_start"] for r in dated), default=None),
            "date_end": max((r.get("date_end") or r["date_start"] for r in dated), default=None),
            "location": where["location"] if where else None,
            "country": (where or {}).get("country") or min(countries, key=lambda c: (-countries[c], c), default=None),
            "actor_ids": sorted({a for r in records for a in r.get("actor_ids") or ()}),
            "killed_min": min(killed, default=None), "killed_max": max(killed, default=None),
            "wounded_min": min(wounded, default=None), "wounded_max": max(wounded, default=None),
            "n_documents": len(docs), "doc_ids": docs, "n_events": len(records),
            **{key: (where or {}).get(key) for key in PLACE_FIELDS}}


def incident_rows(records: list[dict], ids: list[str], docs: dict[str, dict] | None = None,
                  cats: dict[str, dict] | None = None) -> list[dict]:
    """One ``incidents`` row per cluster id, by date (undated last), then cluster id; with ``docs``
    (:func:`enrich.document_fields`) and ``cats`` (:func:`enrich.categories`), the first report's
    evidence, title, url and date, every report's URL and the type's categories too."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for record, cid in zip(records, ids):
        groups[cid].append(record)
    rows = [{**incident(cid, members), **enrich.incident_fields(members, docs or {}, cats or {})}
            for cid, members in groups.items()]
    return sorted(rows, key=lambda r: (r["date_start"] is None, r["date_start"] or dt.date.min, r["cluster_id"]))


def run(out: Path, meta: dict[str, str], settings: EventsSettings, parents: dict[str, str] | None = None,
        bare: dict[tuple[str, str], str] | None = None) -> int:
    """Cluster ``OUT/events.parquet``: rewrite its ``cluster_id``, fill in its document and category
    columns (:mod:`pipeline.enrich`), and write ``OUT/incidents.parquet``, both committed together
    (neither changes when either fails); return the number of incidents. ``parents``: each group's
    parent group (:meth:`pipeline.catalog.Catalog.parents`): a branch and its parent credit one set of doers."""
    clock = time.perf_counter()
    docs, cats = enrich.document_fields(out), enrich.categories(settings.types)
    with pq.ParquetFile(out / "events.parquet") as source:
        records = source.read(columns=COLUMNS).to_pylist()
        for record in records:  # a later report's larger toll may be one that rose
            record["published"] = docs.get(record["doc_id"], {}).get("published")
        ids = cluster_ids(records, settings.clustering, parents, bare)
        writers = [tables.Writer(out, "events", meta), tables.Writer(out, "incidents", meta)]
        with tables.committed_together(writers):
            offset = 0
            for batch in source.iter_batches(batch_size=writers[0].group_rows):
                table = pa.Table.from_batches([batch])
                column = pa.array(ids[offset:offset + table.num_rows], pa.string())
                table = enrich.set_column(table, "cluster_id", column)
                writers[0].add_table(enrich.events_table(table, docs, cats))
                offset += table.num_rows
            writers[1].add(incident_rows(records, ids, docs, cats))
    count = writers[1].rows
    log.info("incidents: %d events in %d incidents (%.2f s)", len(records), count, time.perf_counter() - clock)
    return count

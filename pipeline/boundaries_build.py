"""Build the packaged map outlines (``pipeline/data/boundaries/boundaries.json``) from Natural Earth.

    python -m pipeline.boundaries_build --provinces afg.json pak.json \\
        --countries ne_110m_admin_0_countries.json [--out pipeline/data/boundaries/boundaries.json]

Inputs (Natural Earth, public domain; where each comes from, with its commit and sha256, in
``pipeline/data/boundaries/README.md`` and :data:`CHECKSUMS`): the Afghan and Pakistani rows of
Natural Earth's 1:10m admin-1 states and provinces, and Natural Earth's 1:110m admin-0 countries.
The review's incidents page draws these outlines under its circles, offline, so they are cut down to
what a map of a few hundred pixels needs: every ring simplified (Douglas-Peucker, :data:`TOLERANCE`
degrees), coordinates rounded to :data:`DIGITS` decimals, rings that vanish dropped, only names kept.
Same inputs give a byte-identical output.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

OUT = Path(__file__).parent / "data" / "boundaries" / "boundaries.json"
CHECKSUMS = {
    "afg.json":
        "bebfcf730db3928260532986c5490b27117d03d506d6a07777c964b9917905e4",
    "pak.json":
        "ebbf57cc14c46dc492aa2915c96f917b69d48a7cd26f03d2dafdb8ced9d0a845",
    "ne_110m_admin_0_countries.json":
        "a2faba6d84aeb04246240ee301c5e94a1a32b0e294a2c97094262fd0a6ae3c16",
}
#: Douglas-Peucker tolerance in degrees: about 2 km for provinces, 5 km for country outlines.
TOLERANCE = {"provinces": 0.02, "countries": 0.05}
DIGITS = 2  # 0.01 degree is about 1 km, below a pixel of any map the page draws
#: Natural Earth's older admin-1 names of these rows, by its ``gn_name`` (GeoNames), as the
#: gazetteer (and so ``events.province``) names them today; FATA was merged into Khyber Pakhtunkhwa in 2018.
MODERN = {
    "Federally Administered Tribal Areas": "Khyber Pakhtunkhwa (former FATA)",
    "North-West Frontier Province": "Khyber Pakhtunkhwa",
    "Northern Areas": "Gilgit-Baltistan",
    "Islamabad Capital Territory": "Islamabad",
    "Sar-e Pul": "Sar-e Pol",
}
RE_ADMIN_WORD = re.compile(r"^(?:Wilayat|Velayat)-e |\s+Province$")


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker on one ring or line, iteratively (rings of thousands of points); the ends stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first][:2], points[last][:2]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        far, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i][:2]
            distance = (abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm
                        else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5)
            if distance > far:
                far, index = distance, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(points, keep) if k]


def rings(geometry: dict) -> list[list[list[float]]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def outline(geometry: dict, tolerance: float) -> list[list[list[float]]]:
    """The geometry's rings simplified and rounded; rings left with fewer than four points dropped."""
    kept = []
    for ring in rings(geometry):
        points = [[round(x, DIGITS), round(y, DIGITS)] for x, y, *_ in simplify(ring, tolerance)]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(points) >= 4:
            kept.append(points)
    return kept


def province_name(properties: dict) -> str:
    """A province's name as it reads today (see :data:`MODERN`), else GeoNames' name, else Natural Earth's."""
    name = properties.get("gn_name") or properties.get("name") or ""
    return MODERN.get(name) or RE_ADMIN_WORD.sub("", name) or str(properties.get("name"))


def provinces(paths: list[Path]) -> list[dict]:
    """Province outlines from Natural Earth admin-1 GeoJSON files, sorted by country and name."""
    found = []
    for path in paths:
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props = feature["properties"]
            shape = outline(feature["geometry"], TOLERANCE["provinces"])
            if shape:
                found.append({"name": province_name(props), "country": props.get("admin"), "rings": shape})
    return sorted(found, key=lambda p: (p["country"] or "", p["name"], p["rings"]))


def countries(path: Path) -> list[dict]:
    """Country outlines from Natural Earth admin-0 GeoJSON, sorted by name."""
    found = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = {k.lower(): v for k, v in feature["properties"].items()}
        shape = outline(feature["geometry"], TOLERANCE["countries"])
        if shape:
            found.append({"name": props.get("admin") or props.get("name"), "rings": shape})
    return sorted(found, key=lambda c: (c["name"] or "", c["rings"]))


def build(province_files: list[Path], country_file: Path, out: Path = OUT) -> dict[str, int]:
    """Write the outlines file; return how many provinces and countries it holds and its size in bytes."""
    data = {"source": "Natural Earth (public domain): 1:10m admin-1 (Afghanistan, Pakistan), 1:110m admin-0; "
                      "see README.md beside this file",
            "countries": countries(country_file), "provinces": provinces(province_files)}
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, sort_keys=True) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return {"countries": len(data["countries"]), "provinces": len(data["provinces"]), "bytes": len(text.encode())}


def check(paths: list[Path]) -> None:
    """Stop when an input is not the file README.md names (its sha256 differs)."""
    for path in paths:
        expected = CHECKSUMS.get(path.name)
        if expected and sha256(path) != expected:
            raise SystemExit(f"{path}: sha256 {sha256(path)} is not the pinned {expected}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=Path, nargs="+", required=True, help="admin-1 GeoJSON files")
    parser.add_argument("--countries", type=Path, required=True, help="admin-0 GeoJSON file")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    check([*args.provinces, args.countries])
    print(build(args.provinces, args.countries, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

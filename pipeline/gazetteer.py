"""World gazetteer built from GeoNames (CC BY 4.0, "GeoNames, https://www.geonames.org").

Countries, first-level divisions (provinces) worldwide, districts of Afghanistan and Pakistan and
towns (GeoNames cities1000 worldwide, cities500 for AF, PK and IR), built by
``python -m pipeline.gazetteer_build`` into two packaged Parquet files:

* ``data/gazetteer.parquet``: one row per place (the fields of :class:`Place`), rows sorted.
* ``data/gazetteer_names.parquet``: every name of every place folded by :func:`fold`, sorted; the
  first 16 bytes of a key in a fixed-width column (read straight into a numpy array and searched with
  ``searchsorted``), the rest in ``tail``, the place in ``row``. A second sorted block (after
  ``exact_names`` rows) holds :func:`skeleton` keys of Afghan and Pakistani names, the fallback for
  transliteration variants.

Loading reads both files without building any Python dict or list over all names: about 0.05 s, and
about 0.2 s of CPU in a fresh process with the imports of numpy and pyarrow; a lookup is a binary
search (about 15 microseconds).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

DATA = Path(__file__).parent / "data"
PLACES_FILE = "gazetteer.parquet"
NAMES_FILE = "gazetteer_names.parquet"
# Columns of few distinct values, kept dictionary-encoded in memory (faster to read).
DICTIONARY_COLUMNS = ["kind", "country_code", "country", "province", "district", "iso_code"]
KINDS = ("country", "province", "district", "town")  # the order lookup results come in
PREFIX_BYTES = 16  # width of the fixed-size key column; longer keys keep the rest in ``tail``
LOOSE_COUNTRIES = ("AF", "PK")  # skeleton keys exist only for these countries' names
MIN_LOOSE_KEY = 5  # shorter folded keys never fall back to skeletons ("khar" must not find "kohar")
#: Words that join two names: a text holding one names two places, never one by its skeleton.
RE_JOINED = re.compile(r"\s(?:and|or|&)\s", re.I)

# Letters NFKD does not decompose into a base letter plus marks.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
                          "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t"})
# Apostrophes, turned commas and the ayn/hamza half rings of romanised Arabic and Persian.
RE_APOSTROPHE = re.compile(r"['‘’‛ʼʻʽʿʾ`´′]")
RE_SEPARATOR = re.compile(r"[\W_]+")
# Persian/Pashto ezafe and connectors between two words: Pul-e Khumri, Mazar-i-Sharif, Nawah-ye Barakzai.
RE_CONNECTOR = re.compile(r"(?<=\S) (?:e|i|ye)(?= \S)")
RE_ABAD = re.compile(r" (?=abad\b)")  # Jalal Abad -> jalalabad, as GeoNames mostly writes it
# Skeleton: after the first letter, vowels and the weak letters h, y, w carry the variation of
# romanisations (Nawa/Nawah, Barakzai/Barakzayi, Khumri/Khomri, Naw/Now).
RE_WEAK = re.compile(r"[aeiouhyw]")
RE_DOUBLE = re.compile(r"(.)\1+")
_SKELETON_LETTERS = str.maketrans({"q": "k", "v": "w"})  # Qala/Kala, Vardak/Wardak


@functools.lru_cache(maxsize=1 << 16)  # a document asks for the same few names many times
def fold(name: str) -> str:
    """Fold a place name to its lookup key.

    NFKD without combining marks, lower case, apostrophes removed, other punctuation to spaces;
    the Persian/Pashto connectors ``e``, ``i``, ``ye`` between words dropped and ``abad`` joined to the
    word before, so "Nawa-e Barakzai" == "Nawa-i-Barakzai" and "Jalal Abad" == "Jalalabad".

    Args:
        name: A place name as written.

    Returns:
        The key: words of letters and digits separated by single spaces.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().translate(_LETTERS)
    text = RE_SEPARATOR.sub(" ", RE_APOSTROPHE.sub("", text)).strip()
    text = RE_CONNECTOR.sub("", text)
    return RE_ABAD.sub("", text)


def skeleton(key: str) -> str:
    """A looser key for transliteration variants of a folded name; a fallback only.

    Spaces go, q becomes k and v becomes w, every vowel and h, y, w after the first letter goes and
    doubled letters collapse. These pairs meet: Nawa-e Barakzayi / Nawah-ye Barakzai ("nbrkz"),
    Qala-i-Naw / Qal'ah-ye Now ("kln"), Pul-e Khumri / Puli Khumri ("plkmr"), Lashkargah /
    Lashkar Gah ("lskrg"), Mazar-i-Sharif / Mazar-e Sharif ("mzrsrf"); Khar ("kr") and Kharan ("krn")
    do not.

    Args:
        key: A key made by :func:`fold`.

    Returns:
        The skeleton, empty for an empty key.
    """
    text = key.replace(" ", "").translate(_SKELETON_LETTERS)
    return RE_DOUBLE.sub(r"\1", text[:1] + RE_WEAK.sub("", text[1:]))


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; ``province``/``district`` name the divisions it lies in (its own name for
    a province or district row). Coordinates are None where the inputs give none (provinces; districts
    whose seat is not a GeoNames town)."""

    geonames_id: int | None
    name: str
    kind: str
    country_code: str
    country: str
    province: str | None
    district: str | None
    latitude: float | None
    longitude: float | None
    population: int | None
    iso_code: str | None = None  # ISO 3166-2 code of a province where pycountry gives one


PLACE_FIELDS = tuple(f.name for f in fields(Place))


def sort_key(place: Place) -> tuple[int, int, int]:
    """Order of lookup results: kind (country first, town last), then population, then id."""
    return KINDS.index(place.kind), -(place.population or 0), place.geonames_id or 0


class NameIndex:
    """A sorted block of keys: fixed-width heads searched in numpy, tails checked one by one."""

    def __init__(self, heads: np.ndarray, tails: pa.Array, rows: np.ndarray):
        self.heads, self.tails, self.rows = heads, tails, rows

    def find(self, key: str) -> list[int]:
        """Rows of the places with exactly this key (keys are ASCII by construction)."""
        if not key or not key.isascii():
            return []
        head = key[:PREFIX_BYTES].encode("ascii")
        tail = key[PREFIX_BYTES:]
        lo = int(np.searchsorted(self.heads, head, "left"))
        hi = int(np.searchsorted(self.heads, head, "right"))
        return [int(self.rows[i]) for i in range(lo, hi) if self.tails[i].as_py() == tail]


def read_parquet(path: Path, **options) -> pa.Table:
    """Read a Parquet file whole; ``ParquetFile`` skips ``pyarrow.dataset``, whose first use in a
    process costs about 0.2 s."""
    return pq.ParquetFile(path, memory_map=True, **options).read(use_threads=False)


def buffer_view(array: pa.Array, dtype: np.dtype) -> np.ndarray:
    """A numpy view of the values of a fixed-width Arrow array without nulls (``to_numpy`` would
    import pandas, a quarter of a second)."""
    return np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array),
                         offset=array.offset * dtype.itemsize)


def equals(column: pa.DictionaryArray, value: str) -> np.ndarray:
    """Boolean mask of the entries of a dictionary-encoded column equal to ``value``."""
    dictionary = column.dictionary.to_pylist()
    if value not in dictionary:
        return np.zeros(len(column), dtype=bool)
    indices = buffer_view(column.indices, np.dtype(f"int{column.indices.type.bit_width}"))
    return indices == dictionary.index(value)


def read_names(path: Path) -> tuple[NameIndex, NameIndex]:
    """The exact and the skeleton index of a names file written by the build."""
    table = read_parquet(path)
    split = int(table.schema.metadata[b"exact_names"])
    heads = buffer_view(table.column("head").combine_chunks(), np.dtype(f"S{PREFIX_BYTES}"))
    tails = table.column("tail").combine_chunks()
    rows = buffer_view(table.column("row").combine_chunks(), np.dtype(np.int32))
    return (NameIndex(heads[:split], tails[:split], rows[:split]),
            NameIndex(heads[split:], tails[split:], rows[split:]))


class Gazetteer:
    """Places and their names, read from the packaged Parquet files (see the module docstring)."""

    def __init__(self, places: pa.Table, exact: NameIndex, loose: NameIndex):
        self._columns = {name: places.column(name).combine_chunks() for name in PLACE_FIELDS}
        self._exact, self._loose = exact, loose
        self._cache: dict[int, Place] = {}
        self.max_words = int(places.schema.metadata[b"max_words"])

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Read the gazetteer from ``path`` (a folder holding both files; default: the packaged data),
        once per process and folder: the start-up check of places.yml and the place resolver share it
        (it is read-only but for a memo of the places asked for)."""
        return loaded(Path(path) if path is not None else DATA)

    def __len__(self) -> int:
        return len(self._columns["name"])

    def place(self, row: int) -> Place:
        """The place in ``row`` of the places table."""
        if row not in self._cache:
            self._cache[row] = Place(**{name: col[row].as_py() for name, col in self._columns.items()})
        return self._cache[row]

    def _places(self, rows) -> list[Place]:
        return sorted({self.place(int(row)) for row in rows}, key=sort_key)

    def lookup(self, text: str, *, loose: bool = True) -> list[Place]:
        """Places named ``text``: exact folded matches, else (with ``loose``) skeleton matches among
        Afghan and Pakistani places for keys of at least ``MIN_LOOSE_KEY`` characters.

        Args:
            text: A place name as written.
            loose: Whether to fall back to :func:`skeleton` keys.

        Returns:
            Places sorted by kind (country, province, district, town), population (largest first)
            and GeoNames id; empty when nothing matches.
        """
        key = fold(text)
        rows = self._exact.find(key)
        if not rows and loose and len(key) >= MIN_LOOSE_KEY and not RE_JOINED.search(text):  # "SWA and NWA" is two
            # names, whose skeleton may fit a third place's
            rows = self._loose.find(skeleton(key))
        return self._places(rows)

    def _rows_where(self, kind: str, country_code: str | None = None) -> np.ndarray:
        mask = equals(self._columns["kind"], kind)
        if country_code is not None:
            mask &= equals(self._columns["country_code"], country_code.upper())
        return np.flatnonzero(mask)

    @cached_property
    def _countries(self) -> tuple[Place, ...]:
        return tuple(sorted(self._places(self._rows_where("country")), key=lambda p: p.name))

    def countries(self) -> list[Place]:
        """Every country, sorted by name."""
        return list(self._countries)

    def country(self, name: str) -> Place | None:
        """The country with this name, alias or ISO 3166-1 alpha-2 code; None if there is none."""
        code = name.strip().upper()
        for place in self._countries:
            if place.country_code == code:
                return place
        return next((p for p in self.lookup(name, loose=False) if p.kind == "country"), None)

    def provinces_of(self, country_code: str) -> list[Place]:
        """The first-level divisions of a country (ISO 3166-1 alpha-2 code), sorted by name."""
        return sorted(self._places(self._rows_where("province", country_code)), key=lambda p: p.name)

    def province_of(self, place: Place) -> Place | None:
        """The province row ``place`` lies in (itself for a province); None where it is unknown."""
        if place.province is None:
            return None
        return next((p for p in self.provinces_of(place.country_code) if p.name == place.province), None)

    def in_province(self, place: Place, province: str) -> bool:
        """Whether ``place`` lies in the province named ``province`` (any of its names)."""
        own = self.province_of(place)
        if own is None:
            return False
        return any(p == own for p in self.lookup(province, loose=False))


@functools.lru_cache(maxsize=4)
def loaded(folder: Path) -> Gazetteer:
    """The gazetteer of ``folder``, read from its two files."""
    places = read_parquet(folder / PLACES_FILE, read_dictionary=DICTIONARY_COLUMNS)
    exact, loose = read_names(folder / NAMES_FILE)
    return Gazetteer(places, exact, loose)

"""Towns that ``places.yml`` adds to the gazetteer (``towns:``), as gazetteer places.

GeoNames leaves out many towns where militant violence is reported: the tribal districts' towns
have no population figure there, so they are not among its cities500 (Mir Ali and Razmak in North
Waziristan, Salarzai in Bajaur), and no gazetteer knows every village or neighbourhood an analyst
meets. A town listed here is found by its name and aliases before the gazetteer's namesakes, and
lies in the province and district it is given; its country and province must be places the
gazetteer knows, so a typo stops the run before any work (exit status 2).
"""
from __future__ import annotations

from pathlib import Path

from pipeline.catalog import load_catalog
from pipeline.config import Config, ConfigError
from pipeline.eventtypes import LocalTown
from pipeline.gazetteer import Gazetteer, Place, fold


def town_places(towns: list[LocalTown], gazetteer: Gazetteer, where: Path) -> dict[str, list[Place]]:
    """The listed towns by the folded key of each name and alias.

    Raises:
        ConfigError: naming ``where`` and the town when its country or province is unknown.
    """
    found: dict[str, list[Place]] = {}
    for i, town in enumerate(towns):
        try:
            place = town_place(town, gazetteer)
        except ValueError as err:  # the file is read for the line only when a town is wrong
            raise ConfigError(f"{where}{line_of(where, town.name)}: towns.{i} ({town.name}): {err}") from None
        for name in (town.name, *town.aliases):
            found.setdefault(fold(name), []).append(place)
    return found


def line_of(path: Path, name: str, section: str = "towns:") -> str:
    """":N", the line of ``path`` below ``section`` that names ``name`` first; "" when unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    start = next((i for i, line in enumerate(lines) if line.startswith(section)), 0)
    return next((f":{i + 1}" for i in range(start, len(lines)) if name in lines[i]), "")


def town_place(town: LocalTown, gazetteer: Gazetteer) -> Place:
    """One listed town as a gazetteer place, with the gazetteer's own names of its country and province.

    Raises:
        ValueError: saying which of its country and province the gazetteer does not know.
    """
    country = gazetteer.country(town.country)
    if country is None:
        raise ValueError(f"country {town.country!r} is not a country of the gazetteer")
    province = next((p for p in gazetteer.lookup(town.province, loose=False)
                     if p.kind == "province" and p.country_code == country.country_code), None)
    if province is None:
        raise ValueError(f"province {town.province!r} is not a province of {country.name}")
    return Place(geonames_id=None, name=town.name, kind="town", country_code=country.country_code,
                 country=country.name, province=province.name, district=town.district,
                 latitude=town.latitude, longitude=town.longitude, population=None)


def check_places(config: Config, gazetteer: Gazetteer | None = None) -> None:
    """Stop before any work when a town of ``places.yml`` names an unknown country or province, a
    key of ``division_names`` is no province or district of the gazetteer, or a group of ``groups.yml``
    fights in a country the gazetteer does not know (``fights_in``)."""
    gazetteer = gazetteer or Gazetteer.load()
    groups = config.root / "groups.yml"
    for group, countries in load_catalog(config.root).fights_in().items():
        for name in countries:
            if gazetteer.country(name) is None:
                raise ConfigError(f"{groups}{line_of(groups, f'id: {group}', 'groups:')}: {group}: fights_in names "
                                  f"{name!r}, which is no country of the gazetteer (as GeoNames names it: 'Syria')")
    where = config.root / "places.yml"
    town_places(config.places.towns, gazetteer, where)
    for name in config.places.division_names:
        if not any(p.kind in ("province", "district") and p.name == name for p in gazetteer.lookup(name, loose=False)):
            raise ConfigError(f"{where}{line_of(where, name, 'division_names:')}: division_names.{name}: "
                              f"{name!r} is no province or district of the gazetteer")

"""Divisions as they were on an event's day (pipeline/eras.py, places.yml's former_divisions)."""
import datetime as dt

import pytest

from pipeline import eras
from pipeline.eventtypes import FormerDivision

FATA = FormerDivision(name="Federally Administered Tribal Areas", now="Khyber Pakhtunkhwa",
                      until=dt.date(2018, 5, 31), districts=["Bajaur", "North Waziristan", "Kurram"])
CHAIN = ["Nawagai", "Bajaur Agency", "Khyber Pakhtunkhwa", "Pakistan"]


@pytest.mark.parametrize("chain, district, day, province", [
    (CHAIN, "Bajaur Agency", dt.date(2017, 8, 11), "Federally Administered Tribal Areas"),
    (["Miranshah", "North Waziristan District", "Khyber Pakhtunkhwa", "Pakistan"], "North Waziristan District",
     dt.date(2014, 6, 15), "Federally Administered Tribal Areas"),
    (CHAIN, "Bajaur Agency", dt.date(2018, 6, 1), "Khyber Pakhtunkhwa"),      # after the merger
    (CHAIN, "Bajaur Agency", None, "Khyber Pakhtunkhwa"),                      # no date: today's division
    (["Mingora", "Swat District", "Khyber Pakhtunkhwa", "Pakistan"], "Swat District", dt.date(2009, 5, 1),
     "Khyber Pakhtunkhwa"),                                                    # never part of it
])
def test_a_district_of_a_merged_division_takes_its_old_name_before_the_merger(chain, district, day, province):
    new_chain, new_province = eras.as_of(eras.keyed([FATA]), chain, district, "Khyber Pakhtunkhwa", day)
    assert new_province == province
    assert new_chain == [province if part == "Khyber Pakhtunkhwa" else part for part in chain]


def test_the_shipped_places_config_knows_the_tribal_areas(config):
    (fata,) = config.places.former_divisions
    assert (fata.until, fata.now) == (dt.date(2018, 5, 31), "Khyber Pakhtunkhwa")
    assert "North Waziristan" in fata.districts

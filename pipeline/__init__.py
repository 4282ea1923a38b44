"""ct-extract: counter-terrorism news extraction pipeline.

Stages, one module each, in data-flow order: ``readers`` and ``clean`` (raw dumps to
``documents``/``rejects``), ``annotate`` (spaCy to ``mentions``/``entities``), and ``tables``
(the Parquet contract). ``cli`` wires them together; ``api`` gives :func:`extract` and :func:`load`
(``from pipeline import extract, load``), imported on first use so that ``import pipeline`` stays light.
"""

__version__ = "0.1.0"

#: Version of the table layout in ../shared/contract.md that this code writes (2: ``event_mentions``
#: and ``incidents``, ``country`` on ``events``).
SCHEMA_VERSION = "2"

__all__ = ["extract", "load", "__version__", "SCHEMA_VERSION"]


def __getattr__(name: str):
    if name in ("extract", "load"):
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

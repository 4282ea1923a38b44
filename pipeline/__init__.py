"""ct-extract: counter-terrorism news extraction pipeline.

Stages, one module each, in data-flow order: ``readers`` and ``clean`` (raw dumps to
``documents``/``rejects``), ``annotate`` (spaCy to ``mentions``/``entities``), and ``tables``
(the Parquet contract). ``cli`` wires them together.
"""

__version__ = "0.1.0"

#: Version of the table layout in ../shared/contract.md that this code writes (2: ``event_mentions``
#: and ``incidents``, ``country`` on ``events``).
SCHEMA_VERSION = "2"

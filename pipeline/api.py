"""The Python API: run the pipeline and load its tables from a script or a notebook.

```python
from pipeline import extract, load
paths = extract("dumps/2025-q3", "tables/2025-q3")      # {"documents": Path(...), "events": ..., ...}
t = load("tables/2025-q3")                              # {"events": DataFrame, ...}
t["events"].groupby(t["events"].date_start.dt.to_period("M")).size()
```

:func:`extract` is ``python -m pipeline extract`` without the printing: errors are raised, not
turned into exit statuses. :func:`load` gives each table with the dtypes an analyst expects from
pandas: nullable integers (``Int64``: a count that is not stated stays ``<NA>``, never 12.0),
``datetime64`` dates (so ``.dt`` and ``to_period`` work), strings, and list columns as Arrow lists
(``explode`` works on them).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import tables


def extract(raw: Path | str, out: Path | str, config: Path | str | None = None, *, processes: int | None = None,
            force: bool = False) -> dict[str, Path]:
    """Run every stage from the dumps in ``raw`` to the tables in ``out``; return each table's path.

    ``config``: a config folder; by default ``./configs`` when there is one, else the defaults shipped
    in the package. ``processes``: for the spaCy stage (default: ``n_process`` of ``pipeline.yml``; 0:
    one per core). Stages whose inputs are unchanged are skipped, as on the command line.

    Raises:
        pipeline.config.ConfigError: a bad config, a missing model, a RAW that is not a folder or is
            empty, an OUT that cannot be written.
        pipeline.stamps.Locked: another run holds OUT.
    """
    from pipeline import cli
    from pipeline.config import config_root, load_config

    argv = ["extract", "--raw", str(raw), "--out", str(out)]
    argv += ["--processes", str(processes)] if processes is not None else []
    argv += ["--force"] if force else []
    args = cli.parser().parse_args(argv)
    cli.run_stages(args, load_config(config_root(config)))
    return {name: path for name in tables.SCHEMAS if (path := Path(out) / f"{name}.parquet").exists()}


def dtype_for(kind: pa.DataType) -> object:
    """The pandas dtype of an Arrow column (None: pyarrow's own choice, with dates as datetime64)."""
    if pa.types.is_integer(kind):
        return pd.Int64Dtype()
    if pa.types.is_list(kind):
        return pd.ArrowDtype(kind)
    return None


def load(out: Path | str, names: list[str] | tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """The tables under ``out`` (all that exist, or ``names``) as DataFrames with analysis dtypes.

    Raises:
        FileNotFoundError: ``out`` has none of the tables, or lacks one named in ``names``.
    """
    out = Path(out)
    wanted = list(names) if names is not None else [n for n in tables.SCHEMAS if (out / f"{n}.parquet").exists()]
    if not wanted:
        raise FileNotFoundError(f"{out}: no tables found: run `ct-extract extract --raw RAW --out {out}` first")
    tables.require(out, wanted)
    return {name: pq.read_table(out / f"{name}.parquet").to_pandas(types_mapper=dtype_for, date_as_object=False)
            for name in wanted}

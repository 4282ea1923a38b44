"""``make report``: an overview of OUT in one HTML page with plots, from the Parquet tables alone.

Plots (PNG, matplotlib) of incidents over time by group, the most mentioned groups and operations,
casualties by month and by province, a map of the incidents, and the rejected inputs by reason;
tables of the same figures under each plot, so that a reader can check them. Every count is of
real-world incidents (``incidents``, one row per ``cluster_id``, with the highest figure any report
gives), never of events rows, and an incident that only repeats another's toll (same document, day
and figures: a second type read off one sentence) adds no casualties. The time axes hold dated
incidents between :data:`FLOOR` and a month after the latest ``documents.published``: a headline
number read as a year ("1804") never stretches them; the page says how many were left off.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from tqdm import tqdm  # noqa: E402

from pipeline import tables  # noqa: E402
from pipeline.incidents_page import BOUNDARIES, COLOURS  # noqa: E402
from pipeline.review import page  # noqa: E402

#: Groups drawn separately in "incidents over time by group"; the rest are summed as "other groups".
TOP_GROUPS = 6
TOP_ENTITIES = 15
NEEDED = ("documents", "mentions", "entities", "events", "rejects")
#: The earliest date a time axis shows: the Global Terrorism Database's coverage starts in 1970.
FLOOR = dt.date(1970, 1, 1)
#: Past the latest published document: an incident dated a little after the news is a late report.
MARGIN = dt.timedelta(days=31)
MAX_MONTHS = 120  # a longer span is binned by year


def load(out: Path) -> dict[str, pd.DataFrame]:
    tables.require(out, NEEDED)
    frames = {name: tables.read(out, name).to_pandas() for name in NEEDED if name != "documents"}
    for column in tables.SCHEMAS["events"].names:  # tables of an older version lack newer extra columns
        if column not in frames["events"]:
            frames["events"][column] = None
    frames["documents"] = tables.read(out, "documents").select(["doc_id", "published"]).to_pandas()
    if (out / "incidents.parquet").exists():  # tables of an older version have none
        frames["incidents"] = tables.read(out, "incidents").to_pandas()
    return frames


def incidents(events: pd.DataFrame) -> pd.DataFrame:
    """One row per incident (``cluster_id``) from events rows: the first date, the highest figures."""
    if events.empty:
        return pd.DataFrame(columns=["event_type", "date_start", "province", "killed", "wounded", "actor_ids",
                                     "doc_ids", "latitude", "longitude"])
    dated = events.assign(date_start=pd.to_datetime(events.date_start))
    first = dated.sort_values(["date_start", "geo_precision"]).groupby("cluster_id", sort=True)
    return first.agg(event_type=("event_type", "first"), date_start=("date_start", "first"),
                     province=("province", "first"), killed=("killed", "max"), wounded=("wounded", "max"),
                     actor_ids=("actor_ids", lambda ids: sorted({a for i in ids if i is not None for a in i})),
                     doc_ids=("doc_id", lambda docs: sorted(set(docs))),
                     latitude=("latitude", "first"), longitude=("longitude", "first"))


def counted(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per incident: the ``incidents`` table (its highest figures), else the events grouped by
    ``cluster_id``; ``repeat`` marks an incident whose toll only repeats another's (:func:`repeated_tolls`)."""
    if "incidents" not in t:
        one = incidents(t["events"])
    else:
        one = t["incidents"].rename(columns={"killed_max": "killed", "wounded_max": "wounded"})
        one = one.assign(date_start=pd.to_datetime(one.date_start))
        for column in ("latitude", "longitude"):
            if column not in one:
                one[column] = None
    return one.assign(repeat=repeated_tolls(one))


def figure_key(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def repeated_tolls(one: pd.DataFrame) -> pd.Series:
    """True for an incident whose killed and wounded are those of another incident reported in the same
    document on the same day: one sentence read as two types ("the attack killed 95" also as a targeted
    killing). The first by type (:data:`COLOURS`' order: an attack before what followed it) keeps the toll."""
    order = {kind: i for i, kind in enumerate(COLOURS)}
    ranked = one.assign(rank=one.event_type.map(order).fillna(len(order))).sort_values(["rank", "date_start"], kind="stable")
    seen: set[tuple] = set()
    repeat = pd.Series(False, index=one.index)
    for index, row in ranked.iterrows():
        figures = (figure_key(row.killed), figure_key(row.wounded))
        if figures == (None, None) or pd.isna(row.date_start):
            continue
        keys = {(doc, row.date_start, figures) for doc in (row.doc_ids if row.doc_ids is not None else [])}
        repeat[index] = bool(keys & seen)
        seen |= keys
    return repeat


def time_window(documents: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The dates a time axis may show: :data:`FLOOR` to a month after the latest published document
    (after today, when no document has a date)."""
    published = pd.to_datetime(documents.published.dropna())
    latest = published.max().date() if len(published) else dt.date.today()
    return FLOOR, latest + MARGIN


def plotted(one: pd.DataFrame, window: tuple[dt.date, dt.date]) -> tuple[pd.DataFrame, dict[str, int]]:
    """The incidents dated inside ``window``, and how many were left off: undated, out of range."""
    dates = pd.to_datetime(one.date_start)
    inside = dates.notna() & (dates >= pd.Timestamp(window[0])) & (dates <= pd.Timestamp(window[1]))
    left = {"undated": int(dates.isna().sum()), "out of range": int((dates.notna() & ~inside).sum())}
    return one[inside].assign(date_start=dates[inside]), left


def periods(dated: pd.DataFrame) -> tuple[pd.Series, str]:
    """Each incident's month, or year when the dates span more than :data:`MAX_MONTHS` months."""
    if dated.empty:
        return pd.Series(dtype="period[M]"), "month"
    span = (dated.date_start.max().to_period("M") - dated.date_start.min().to_period("M")).n
    freq = "M" if span <= MAX_MONTHS else "Y"
    return dated.date_start.dt.to_period(freq), "month" if freq == "M" else "year"


def full_range(frame: pd.DataFrame, fill: object = None) -> pd.DataFrame:
    """A frame indexed by periods, with the periods between its first and last that it lacks added."""
    return frame.reindex(pd.period_range(frame.index.min(), frame.index.max(), freq=frame.index.freq), fill_value=fill)


def casualty_series(t: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, dict[str, int], str]:
    """The data "Casualties by month" is drawn from: killed and wounded per period, each incident once
    (repeated tolls left out), dated incidents inside :func:`time_window` only; with the counts left off."""
    dated, left = plotted(counted(t), time_window(t["documents"]))
    dated = dated[~dated.repeat.astype(bool)]
    when, unit = periods(dated)
    frame = dated.assign(period=when).groupby("period")[["killed", "wounded"]].sum(min_count=1).dropna(how="all")
    if frame.empty:
        return frame, left, unit
    frame.index = pd.PeriodIndex(frame.index)
    return full_range(frame.astype("Float64")), left, unit


def incidents_by_group(t: dict[str, pd.DataFrame], names: dict[str, str]) -> tuple[pd.DataFrame, dict[str, int], str]:
    """Incidents per period (rows) and group (columns): the top groups, other groups, and no group named."""
    dated, left = plotted(counted(t), time_window(t["documents"]))
    if dated.empty:
        return pd.DataFrame(), left, "month"
    when, unit = periods(dated)
    rows = dated.assign(period=when, group=dated.actor_ids.map(
        lambda ids: list(ids) if ids is not None and len(ids) else [None])).explode("group")
    top = rows.group.dropna().value_counts().head(TOP_GROUPS).index
    label = rows.group.map(lambda g: "no group named" if pd.isna(g) else names.get(g, g) if g in top else "other groups")
    table = rows.assign(group=label).groupby(["period", "group"]).size().unstack(fill_value=0)
    table.index = pd.PeriodIndex(table.index)
    return full_range(table, 0), left, unit


def figure_file(folder: Path, name: str, draw, size=(10, 4.2)) -> str:
    fig, ax = plt.subplots(figsize=size, dpi=100)
    draw(ax)
    fig.tight_layout()
    fig.savefig(folder / f"{name}.png")
    plt.close(fig)
    return f'<img src="{name}.png" alt="{html.escape(name)}" width="{int(size[0] * 100)}">'


def empty_note(what: str) -> str:
    return f"<p><em>No {html.escape(what)} in these tables.</em></p>"


def frame_html(frame: pd.DataFrame) -> str:
    """The figures behind a plot, folded under it."""
    table = frame.to_html(border=0, na_rep="", float_format=lambda v: f"{v:g}")
    return f"<details><summary>the figures ({len(frame)} rows)</summary>{table}</details>"


def left_note(left: dict[str, int], window: tuple[dt.date, dt.date]) -> str:
    """What the time axis leaves out, in words."""
    return (f'<p class="meta">Left off the time axis: {left["undated"]} undated incidents and '
            f'{left["out of range"]} dated before {window[0]} or after {window[1]} (a month past the latest '
            "published document): such dates are mostly numbers read as years.</p>")


def bars(frame: pd.DataFrame, unit: str, ylabel: str, **style):
    """A drawing function: ``frame`` as bars by period, at most 24 tick labels."""
    def draw(ax):
        shown = frame.fillna(0).astype(float)
        shown.index = shown.index.astype(str)
        shown.plot.bar(ax=ax, width=0.85, **style)
        ax.set_xlabel(f"{unit} (incident date)")
        ax.set_ylabel(ylabel)
        step = max(1, len(shown) // 24)
        ax.set_xticks(range(0, len(shown), step), shown.index[::step], rotation=60, fontsize=7)
    return draw


def section_groups(t, names, folder, window) -> tuple[str, str]:
    by_group, left, unit = incidents_by_group(t, names)
    title = "Incidents over time by group"
    if by_group.empty:
        return title, empty_note("dated incidents") + left_note(left, window)
    img = figure_file(folder, "incidents_by_group", bars(by_group, unit, "incidents", stacked=True, colormap="tab10"))
    return title, (f"<p>Incidents of every type by the {unit} of their date, each real-world incident once "
                   f"however many documents report it; an incident naming two groups counts for each.</p>{img}"
                   f"{left_note(left, window)}{frame_html(by_group.loc[by_group.sum(axis=1) > 0])}")


def section_entities(t, names, folder, kind: str, title: str) -> tuple[str, str]:
    mentions = t["mentions"].dropna(subset=["entity_id"])
    mentions = mentions.assign(type=mentions.entity_id.map(dict(zip(t["entities"].entity_id, t["entities"].type))))
    counts = (mentions[mentions.type == kind].groupby("entity_id")
              .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
              .sort_values(["mentions", "documents"], ascending=False).head(TOP_ENTITIES))
    counts.index = [names.get(i, i) for i in counts.index]
    if counts.empty:
        return title, empty_note(title.lower().replace("most mentioned ", ""))
    img = figure_file(folder, kind.lower(), lambda ax: (
        counts.mentions[::-1].plot.barh(ax=ax, color="#f4a261" if kind == "MILITANT_GROUP" else "#8ecae6"),
        ax.set_xlabel("mentions")))
    return title, img + frame_html(counts)


def section_casualties(t, names, folder, window) -> tuple[str, str]:
    monthly, left, unit = casualty_series(t)
    title = f"Casualties by {unit}"
    if monthly.empty:
        return title, empty_note("dated incidents with casualty figures") + left_note(left, window)
    img = figure_file(folder, "casualties_by_month", bars(monthly, unit, "people", color=["#c0392b", "#f39c12"]))
    return title, (f"<p>Killed and wounded per incident (each real-world incident once, with the highest figure any "
                   f"report gives; a toll repeated by a second incident of the same sentence once), by the {unit} "
                   f"of its date.</p>{img}{left_note(left, window)}{frame_html(monthly.dropna(how='all').astype('Int64'))}")


def section_provinces(t, names, folder, window) -> tuple[str, str]:
    one = counted(t)
    one = one[~one.repeat.astype(bool)]
    by_province = (one.dropna(subset=["province"]).groupby("province")[["killed", "wounded"]].sum(min_count=1)
                   .dropna(how="all").sort_values("killed", ascending=False))
    title = "Casualties by province"
    if by_province.empty:
        return title, empty_note("incidents with a province and casualty figures")
    img = figure_file(folder, "casualties_by_province", lambda ax: (
        by_province.fillna(0)[::-1].plot.barh(ax=ax, color=["#c0392b", "#f39c12"]), ax.set_xlabel("people")))
    return title, img + frame_html(by_province.astype("Int64"))


def map_extent(placed: pd.DataFrame, aspect: float) -> tuple[float, float, float, float]:
    """Longitudes and latitudes around the incidents, with a margin, widened to the figure's ``aspect``
    (width over height) at the cosine of the middle latitude, so that the map fills the figure."""
    x0, x1 = placed.longitude.min(), placed.longitude.max()
    y0, y1 = placed.latitude.min(), placed.latitude.max()
    x0, x1 = x0 - max(1.0, 0.15 * (x1 - x0)), x1 + max(1.0, 0.15 * (x1 - x0))
    y0, y1 = y0 - max(1.0, 0.15 * (y1 - y0)), y1 + max(1.0, 0.15 * (y1 - y0))
    k = max(0.2, math.cos(math.radians((y0 + y1) / 2)))
    width, height = (x1 - x0) * k, y1 - y0
    if width / height < aspect:
        grow = (height * aspect / k - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / aspect - height) / 2
        y0, y1 = max(-85.0, y0 - grow), min(85.0, y1 + grow)
    return x0, x1, y0, y1


def draw_map(ax, placed: pd.DataFrame, aspect: float) -> None:
    """Natural Earth outlines around the incidents, circles by type with area by killed."""
    outlines = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    x0, x1, y0, y1 = map_extent(placed, aspect)
    for layer, colour in (("countries", "#999"), ("provinces", "#ccc")):
        for ring in (ring for shape in outlines[layer] for ring in shape["rings"]):
            ax.plot(*zip(*ring), color=colour, linewidth=0.6)
    for kind, part in placed.groupby("event_type"):
        ax.scatter(part.longitude, part.latitude, s=20 + 6 * part.killed.fillna(0).astype(float),
                   color=COLOURS.get(kind, COLOURS[""]), edgecolors="white", linewidths=0.8, label=kind, zorder=3)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((y0 + y1) / 2))))  # degrees of longitude shrink with latitude
    legend = ax.legend(fontsize=7, loc="best")
    for handle in legend.legend_handles:  # one marker size in the legend, whatever the circles'
        handle.set_sizes([30])


def section_map(t, names, folder, window) -> tuple[str, str]:
    one = counted(t)
    placed = one.dropna(subset=["latitude", "longitude"])
    link = ('<p>Every incident, filtered by type, group, province, country and dates, on a map that follows the '
            'filter: <a href="../review/incidents.html">the incidents page</a> (written by <code>make review</code>).</p>')
    if placed.empty:
        return "Map of the incidents", link + empty_note("incidents with coordinates")
    img = figure_file(folder, "incidents_map", lambda ax: draw_map(ax, placed, 10 / 6), size=(10, 6))
    return "Map of the incidents", (f"{link}{img}<p class=\"meta\">{len(placed)} of {len(one)} incidents have "
                                    "coordinates; circle area by killed. Outlines: Natural Earth (public domain).</p>")


def section_rejects(t, names, folder, window) -> tuple[str, str]:
    rejects = t["rejects"]
    if rejects.empty:
        return "Rejected inputs", "<p>None: every input became a document.</p>"
    reasons = rejects.reason.str.replace(r"\d+", "N", regex=True).str.replace(
        r"duplicate of .*", "duplicate of an earlier input", regex=True).value_counts()
    img = figure_file(folder, "rejects", lambda ax: (reasons[::-1].plot.barh(ax=ax, color="#999"), ax.set_xlabel("inputs")))
    return "Rejected inputs", img + frame_html(rejects)


def summary(t: dict[str, pd.DataFrame]) -> str:
    docs = t["documents"]
    published = pd.to_datetime(docs.published.dropna())
    span = f"{published.min():%Y-%m-%d} to {published.max():%Y-%m-%d}" if len(published) else "no publication dates"
    return (f"{len(docs)} documents ({span}), {len(t['rejects'])} rejected inputs, {len(t['mentions'])} mentions, "
            f"{len(t['events'])} events in {counted(t).shape[0]} incidents.")


def build(out: Path) -> Path:
    """Write ``OUT/report/index.html`` and its PNG plots; return the page's path."""
    t = load(out)
    names = dict(zip(t["entities"].entity_id, t["entities"].name))
    window = time_window(t["documents"])
    folder = out / "report"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    steps = [lambda: section_groups(t, names, folder, window),
             lambda: section_entities(t, names, folder, "MILITANT_GROUP", "Most mentioned groups"),
             lambda: section_entities(t, names, folder, "OPERATION", "Most mentioned operations"),
             lambda: section_casualties(t, names, folder, window),
             lambda: section_provinces(t, names, folder, window),
             lambda: section_map(t, names, folder, window),
             lambda: section_rejects(t, names, folder, window)]
    sections = [step() for step in tqdm(steps, desc="report", unit="plot", disable=None)]
    body = (f"<h1>Report on {html.escape(str(out))}</h1><p>{summary(t)} "
            f'<a href="../review/incidents.html">Incidents page</a> · <a href="../review/index.html">review</a></p>'
            + "".join(f"<h2>{html.escape(title)}</h2>{content}" for title, content in sections))
    (folder / "index.html").write_text(page("Report", body), encoding="utf-8")
    return folder / "index.html"

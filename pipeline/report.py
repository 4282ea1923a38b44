"""``make report``: an overview of OUT in one HTML page with plots, from the Parquet tables alone.

Plots (PNG, matplotlib) of events over time by group, the most mentioned groups and operations,
casualties by month and by province, and the rejected inputs by reason; tables of the same
figures under each plot, so that a reader can check them. Casualties count each incident once:
events of several articles that share a ``cluster_id`` are one incident, with the highest figure
any of them gives.
"""
from __future__ import annotations

import html
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from pipeline import tables  # noqa: E402
from pipeline.review import page  # noqa: E402

#: Groups drawn separately in "events over time"; the rest are summed as "other groups".
TOP_GROUPS = 6
TOP_ENTITIES = 15
NEEDED = ("documents", "mentions", "entities", "events", "rejects")


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


def counted(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per incident: the ``incidents`` table (its highest figures), else the events grouped
    by ``cluster_id`` (tables of an older version)."""
    if "incidents" not in t:
        return incidents(t["events"])
    one = t["incidents"].rename(columns={"killed_max": "killed", "wounded_max": "wounded"})
    one = one.assign(date_start=pd.to_datetime(one.date_start))
    return one.assign(month=one.date_start.dt.to_period("M"))


def incidents(events: pd.DataFrame) -> pd.DataFrame:
    """One row per incident (``cluster_id``): the first date, the highest killed and wounded."""
    if events.empty:
        return events.assign(month=pd.Series(dtype="object"))
    dated = events.assign(date_start=pd.to_datetime(events.date_start))
    first = dated.sort_values("date_start").groupby("cluster_id", sort=False)
    one = first.agg(event_type=("event_type", "first"), date_start=("date_start", "first"),
                    province=("province", "first"), killed=("killed", "max"), wounded=("wounded", "max"))
    return one.assign(month=one.date_start.dt.to_period("M"))


def events_by_group(events: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Events per month (rows) and group (columns): the top groups, other groups, and no group named."""
    if events.empty or events.date_start.isna().all():
        return pd.DataFrame()
    dated = events.dropna(subset=["date_start"]).assign(month=lambda e: pd.to_datetime(e.date_start).dt.to_period("M"))
    rows = dated.assign(group=dated.actor_ids.map(lambda ids: list(ids) if ids is not None and len(ids) else [None]))
    rows = rows.explode("group")
    top = rows.group.dropna().value_counts().head(TOP_GROUPS).index
    label = rows.group.map(lambda g: "no group named" if pd.isna(g) else names.get(g, g) if g in top else "other groups")
    table = rows.assign(group=label).groupby(["month", "group"]).size().unstack(fill_value=0)
    return table.reindex(pd.period_range(table.index.min(), table.index.max(), freq="M"), fill_value=0)


def figure_file(folder: Path, name: str, draw) -> str:
    fig, ax = plt.subplots(figsize=(10, 4.2), dpi=100)
    draw(ax)
    fig.tight_layout()
    fig.savefig(folder / f"{name}.png")
    plt.close(fig)
    return f'<img src="{name}.png" alt="{html.escape(name)}" width="1000">'


def empty_note(what: str) -> str:
    return f"<p><em>No {html.escape(what)} in these tables.</em></p>"


def frame_html(frame: pd.DataFrame) -> str:
    """The figures behind a plot, folded under it."""
    table = frame.to_html(border=0, na_rep="", float_format=lambda v: f"{v:g}")
    return f"<details><summary>the figures ({len(frame)} rows)</summary>{table}</details>"


def build(out: Path) -> Path:
    """Write ``OUT/report/index.html`` and its PNG plots; return the page's path."""
    t = load(out)
    names = dict(zip(t["entities"].entity_id, t["entities"].name))
    folder = out / "report"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sections = []

    by_group = events_by_group(t["events"], names)
    if by_group.empty:
        sections.append(("Events over time by group", empty_note("dated events")))
    else:
        def draw_groups(ax):
            by_group.index = by_group.index.astype(str)
            by_group.plot.bar(stacked=True, ax=ax, width=0.85, colormap="tab10")
            ax.set_xlabel("month (event date)")
            ax.set_ylabel("events")
            ax.legend(fontsize=8, ncol=2)
            step = max(1, len(by_group) // 24)
            ax.set_xticks(range(0, len(by_group), step), by_group.index[::step], rotation=60, fontsize=7)
        img = figure_file(folder, "events_by_group", draw_groups)
        sections.append(("Events over time by group",
                         f"<p>Events of every type by the month of their date; an event naming two groups counts for "
                         f"each.</p>{img}{frame_html(by_group.loc[by_group.sum(axis=1) > 0])}"))

    mentions = t["mentions"].dropna(subset=["entity_id"])
    mentions = mentions.assign(type=mentions.entity_id.map(dict(zip(t["entities"].entity_id, t["entities"].type))))
    for kind, title in (("MILITANT_GROUP", "Most mentioned groups"), ("OPERATION", "Most mentioned operations")):
        counts = (mentions[mentions.type == kind].groupby("entity_id")
                  .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
                  .sort_values(["mentions", "documents"], ascending=False).head(TOP_ENTITIES))
        counts.index = [names.get(i, i) for i in counts.index]
        if counts.empty:
            sections.append((title, empty_note(title.lower().replace("most mentioned ", ""))))
            continue
        img = figure_file(folder, kind.lower(), lambda ax, c=counts: (
            c.mentions[::-1].plot.barh(ax=ax, color="#f4a261" if kind == "MILITANT_GROUP" else "#8ecae6"),
            ax.set_xlabel("mentions")))
        sections.append((title, img + frame_html(counts)))

    one = counted(t)
    dated = one.dropna(subset=["date_start"])
    monthly = dated.groupby("month")[["killed", "wounded"]].sum(min_count=1).dropna(how="all")
    if monthly.empty:
        sections.append(("Casualties by month", empty_note("dated events with casualty figures")))
    else:
        monthly = monthly.reindex(pd.period_range(monthly.index.min(), monthly.index.max(), freq="M"))
        def draw_monthly(ax):
            shown = monthly.fillna(0)
            shown.index = shown.index.astype(str)
            shown.plot.bar(ax=ax, color=["#c0392b", "#f39c12"], width=0.85)
            ax.set_xlabel("month (event date)")
            ax.set_ylabel("people")
            step = max(1, len(shown) // 24)
            ax.set_xticks(range(0, len(shown), step), shown.index[::step], rotation=60, fontsize=7)
        img = figure_file(folder, "casualties_by_month", draw_monthly)
        sections.append(("Casualties by month", "<p>Killed and wounded per incident (events sharing a cluster_id "
                         "counted once, with their highest figure), by the month of the event's date.</p>"
                         + img + frame_html(monthly.dropna(how="all").astype("Int64"))))
    by_province = (one.dropna(subset=["province"]).groupby("province")[["killed", "wounded"]].sum(min_count=1)
                   .dropna(how="all").sort_values("killed", ascending=False))
    if by_province.empty:
        sections.append(("Casualties by province", empty_note("events with a province and casualty figures")))
    else:
        img = figure_file(folder, "casualties_by_province", lambda ax: (
            by_province.fillna(0)[::-1].plot.barh(ax=ax, color=["#c0392b", "#f39c12"]), ax.set_xlabel("people")))
        sections.append(("Casualties by province", img + frame_html(by_province.astype("Int64"))))

    rejects = t["rejects"]
    if rejects.empty:
        sections.append(("Rejected inputs", "<p>None: every input became a document.</p>"))
    else:
        reasons = rejects.reason.str.replace(r"\d+", "N", regex=True).str.replace(r"duplicate of .*", "duplicate of an earlier input",
                                                                                  regex=True).value_counts()
        img = figure_file(folder, "rejects", lambda ax: (reasons[::-1].plot.barh(ax=ax, color="#999"),
                                                          ax.set_xlabel("inputs")))
        sections.append(("Rejected inputs", img + frame_html(rejects)))

    docs = t["documents"]
    published = pd.to_datetime(docs.published.dropna())
    span = f"{published.min():%Y-%m-%d} to {published.max():%Y-%m-%d}" if len(published) else "no publication dates"
    summary = (f"{len(docs)} documents ({span}), {len(rejects)} rejected inputs, {len(t['mentions'])} mentions, "
               f"{len(t['events'])} events in {one.shape[0]} incidents.")
    body = f"<h1>Report on {html.escape(str(out))}</h1><p>{summary}</p>" + "".join(
        f"<h2>{html.escape(title)}</h2>{content}" for title, content in sections)
    (folder / "index.html").write_text(page("Report", body), encoding="utf-8")
    return folder / "index.html"

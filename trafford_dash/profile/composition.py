"""Who lives in an area and how: a Census 2021 table's categories as shares of the area, Trafford and GM.

Each share is ``count / denominator * 100``, the denominator being the area's total over the table's
categories (its universe: usual residents, residents aged 16 and over, households …). Areas on the
May-2023 wards are sums of the 2021 LSOAs that best fit them and are marked as approximations.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import chart_parts, config, formatting, plain_text
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.provenance import OGL_LICENCE
from trafford_dash.core.trend_style import BENCHMARKS, OTHER_COLOURS

PERIOD = "2021 (Census Day, 21 March 2021)"
GROUP_ORDER = ("Who lives here", "How they live", "What they do", "Care and health")
DEFAULT_TOPIC = "population_ethnic_group"
PATTERNS = ("", "/", ".")
LABEL_WIDTH = 32


def topic_choices(categories: pd.DataFrame, level: str, vintage: str) -> dict[str, str]:
    """Topic → "Group: title (table)" for every table published for areas of ``level`` and ward
    ``vintage``, in group order."""
    same = (categories["level"] == level) & (categories["vintage"] == vintage)
    here = categories[same].drop_duplicates("topic")
    rank = {group: index for index, group in enumerate(GROUP_ORDER)}
    here = here.assign(rank=here["group"].map(rank).fillna(len(rank))).sort_values(["rank", "title"])
    return {str(row.topic): f"{row.group}: {row.title} ({row.table})" for row in here.itertuples(index=False)}


def unavailable_titles(categories: pd.DataFrame, level: str, vintage: str) -> list[str]:
    """Titles of tables published for Trafford but not for areas of ``level`` and ward ``vintage``."""
    everywhere = set(categories.loc[categories["level"] == "borough", "title"])
    same = (categories["level"] == level) & (categories["vintage"] == vintage)
    here = set(categories.loc[same, "title"])
    return sorted(everywhere - here)


def composition_frame(categories: pd.DataFrame, area: ProfileArea, topic: str) -> pd.DataFrame:
    """One row per category: the area's, Trafford's and Greater Manchester's counts, totals and shares.

    Columns ``category, area_count, area_total, area_pct, trafford_count, trafford_total,
    trafford_pct, gm_count, gm_total, gm_pct`` plus the table's ``title, table, universe,
    approximate``; empty when the table is not published for the area.
    """
    rows = categories[categories["topic"] == topic]
    places = {
        "area": (rows["area_code"] == area.code)
        & (rows["level"] == area.level)
        & (rows["vintage"] == area.vintage),
        "trafford": rows["level"] == "borough",
        "gm": rows["level"] == "region",
    }
    if not places["area"].any():
        return pd.DataFrame()
    frame = rows[places["area"]][["category", "category_order", "title", "table", "universe", "approximate"]]
    for name, chosen in places.items():
        part = rows[chosen].set_index("category")
        frame[f"{name}_count"] = frame["category"].map(part["count"])
        frame[f"{name}_total"] = frame["category"].map(part["denominator"])
        frame[f"{name}_pct"] = frame[f"{name}_count"] / frame[f"{name}_total"] * 100
    return frame.sort_values("category_order").drop(columns="category_order").reset_index(drop=True)


def _wrapped(label: str) -> str:
    return "<br>".join(plain_text.plotly_text(line) for line in textwrap.wrap(label, LABEL_WIDTH)) or label


def composition_figure(frame: pd.DataFrame, area: ProfileArea) -> go.Figure:
    """Horizontal bars per category for the area, Trafford and GM, told apart by colour and hatching."""
    approximate = bool(frame["approximate"].any())
    series = [
        ("area", area.name + (" (≈ best fit)" if approximate else ""), OTHER_COLOURS[0]),
        ("trafford", config.TRAFFORD_NAME, BENCHMARKS[config.TRAFFORD_CODE].colour),
        ("gm", config.GM_NAME, BENCHMARKS[config.GM_CODE].colour),
    ]
    labels = [_wrapped(str(c)) for c in frame["category"]]
    figure = go.Figure()
    for (key, name, colour), pattern in zip(series, PATTERNS, strict=True):
        figure.add_trace(
            go.Bar(
                x=frame[f"{key}_pct"],
                y=labels,
                name=name,
                orientation="h",
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"{name}<br>%{{y}}: %{{x:.1f}}%<extra></extra>",
            )
        )
    lines = sum(label.count("<br>") + 1 for label in labels)
    figure.update_layout(
        barmode="group",
        height=max(320, 90 + 16 * lines + 30 * len(labels)),
        margin=chart_parts.margin(40),
        xaxis=chart_parts.axis(f"% of {frame['universe'].iloc[0]}", rangemode="tozero"),
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )
    return figure


def composition_sentence(frame: pd.DataFrame, area: ProfileArea) -> str:
    """The largest category in the area, and the category furthest from Trafford's share."""
    title = str(frame["title"].iloc[0]).lower()
    universe = str(frame["universe"].iloc[0])
    top = frame.iloc[int(frame["area_pct"].to_numpy().argmax())]
    gap = (frame["area_pct"] - frame["trafford_pct"]).abs()
    far = frame.iloc[int(gap.to_numpy().argmax())]
    approx = " (approximately, from best-fit LSOAs)" if bool(frame["approximate"].any()) else ""
    return (
        f"{title.capitalize()}, Census 2021: the largest group in {area.name}{approx} is "
        f"“{top['category']}”, {formatting.format_number(top['area_pct'], 1)}% of {universe} "
        f"(Trafford {formatting.format_number(top['trafford_pct'], 1)}%, Greater Manchester "
        f"{formatting.format_number(top['gm_pct'], 1)}%). The largest difference from Trafford is "
        f"“{far['category']}”: {formatting.format_number(far['area_pct'], 1)}% against "
        f"{formatting.format_number(far['trafford_pct'], 1)}%."
    )


def source(frame: pd.DataFrame) -> str:
    return f"ONS Census 2021 ({frame['table'].iloc[0]} {frame['title'].iloc[0]}) via Trafford Data Lab"


def display_table(frame: pd.DataFrame, area: ProfileArea) -> pd.DataFrame:
    """The chart's table for the screen: each category's share and count for the three places."""
    shown = pd.DataFrame({"Category": frame["category"]})
    for key, name in (("area", area.name), ("trafford", config.TRAFFORD_NAME), ("gm", config.GM_NAME)):
        shown[f"{name} %"] = frame[f"{key}_pct"].round(1)
        shown[f"{name} count"] = frame[f"{key}_count"].astype("Int64")
    return shown


def download_table(frame: pd.DataFrame, area: ProfileArea) -> pd.DataFrame:
    """The chart's numbers with the area, period, source and licence on every row."""
    out = frame.drop(columns=["title", "table"]).assign(
        area=area.name, area_code=area.code, period=PERIOD, source=source(frame), licence=OGL_LICENCE
    )
    first = ["area", "area_code", "category"]
    return out[first + [c for c in out.columns if c not in first]]

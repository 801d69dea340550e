"""The spine chart of a profile: every indicator on one scale, Trafford at the centre, better to the right.

As in OHID Fingertips' spine charts, each indicator is a row. Positions are the distance from
Trafford's value divided by the largest distance of any Trafford ward (or England) from it, so every
row runs from -1 to 1; rows whose polarity says lower is better are mirrored, so that better is always
to the right (for indicators with no judgement, right is simply higher). The bars show the range across
all Trafford wards (light) and across the wards of the area's neighbourhood (dark); the marker is the
area, shaped and coloured by its significance against Trafford; a black tick marks England and a
reddish-purple open diamond Greater Manchester.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import formatting, palettes
from trafford_dash.core.summaries import records

RANGE_ALL = "#e3e3e3"
RANGE_NBH = "#a6a6a6"
LABEL_CHARS = 40  # per line of a row label; longer titles wrap rather than being cut short
LINE_PX = 15
LEGEND_PX = 200
GM_MARKER = {"symbol": "diamond-open", "size": 13, "color": "#CC79A7", "line": {"width": 2.5}}
"""Greater Manchester's marker: a shape no significance marker uses, in Okabe–Ito reddish purple."""


def _wrapped(title: str) -> str:
    return "<br>".join(textwrap.wrap(title, LABEL_CHARS)) or title


def _hover(row: dict[str, Any]) -> str:
    """One indicator's hover text: the area's value with its interval, the comparators, the marks."""
    value = formatting.format_value(row["value"], row)
    ci = formatting.format_ci(row["lower_ci_95"], row["upper_ci_95"], row)
    approx = " (approximation)" if row["approximate"] else ""
    return "<br>".join(
        [
            f"<b>{row['indicator']}</b>",
            f"{row['area_name']}: {value} {ci}{approx}".strip(),
            f"Trafford: {formatting.format_value(row['trafford_value'], row)}",
            f"Greater Manchester: {formatting.format_value(row.get('gm_value'), row)}",
            f"England: {formatting.format_value(row['england_value'], row)}",
            f"vs Trafford: {palettes.significance_badge(row['sig_trafford'])}",
            f"vs Greater Manchester: {palettes.significance_badge(row.get('sig_gm'))}",
            f"Period: {row['period']}",
        ]
    )


def spine_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Scaled positions for each row of a profile table (see the module docstring).

    Returns the table's ``indicator_id``, ``indicator``, ``label`` and ``sig_trafford`` with
    ``area_pos``, ``england_pos``, ``gm_pos``, ``all_low``, ``all_high``, ``nbh_low``, ``nbh_high`` in [-1, 1]
    and ``hover`` text. Rows without an area value are dropped.
    """
    rows = []
    for row in records(table[table["value"].notna()]):
        centre = row["trafford_value"]
        if pd.isna(centre):
            centre = np.nanmean([row["trafford_ward_min"], row["trafford_ward_max"]])
        if pd.isna(centre):
            centre = row["value"]
        points = [
            row["value"],
            row["england_value"],
            row.get("gm_value"),
            row["trafford_ward_min"],
            row["trafford_ward_max"],
        ]
        half = max((abs(p - centre) for p in points if not pd.isna(p)), default=0.0) or 1.0
        sign = -1.0 if row["polarity"] == "lower_is_better" else 1.0

        def pos(x: float, centre: float = centre, half: float = half, sign: float = sign) -> float:
            return float("nan") if pd.isna(x) else sign * (x - centre) / half

        all_ends = sorted([pos(row["trafford_ward_min"]), pos(row["trafford_ward_max"])])
        nbh_ends = sorted([pos(row["nbh_ward_min"]), pos(row["nbh_ward_max"])])
        hover = _hover(row)
        rows.append(
            {
                "indicator_id": row["indicator_id"],
                "indicator": row["indicator"],
                "label": _wrapped(str(row["indicator"])),
                "sig_trafford": row["sig_trafford"],
                "polarity": row["polarity"],
                "area_pos": pos(row["value"]),
                "england_pos": pos(row["england_value"]),
                "gm_pos": pos(row.get("gm_value", float("nan"))),
                "all_low": all_ends[0],
                "all_high": all_ends[1],
                "nbh_low": nbh_ends[0],
                "nbh_high": nbh_ends[1],
                "hover": hover,
            }
        )
    return pd.DataFrame(rows)


def spine_figure(frame: pd.DataFrame, area_name: str, neighbourhood: str) -> go.Figure:
    """The spine chart for :func:`spine_frame` rows (top row first)."""
    labels = list(frame["label"])
    fig = go.Figure()
    _add_ranges(fig, frame, neighbourhood)
    _add_england(fig, frame)
    _add_gm(fig, frame)
    _add_area_markers(fig, frame, area_name)
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    # Beyond the rows: the title, the axis and a legend that wraps onto several lines in a narrow window.
    height = max(260, max(34, LINE_PX * lines + 6) * len(labels) + LEGEND_PX)
    fig.add_vline(x=0, line={"color": "#333333", "width": 1.5, "dash": "dot"})
    fig.update_layout(
        barmode="overlay",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis={
            "range": [-1.15, 1.15],
            "tickvals": [-1, 0, 1],
            "ticktext": ["◀ worse / lower", "Trafford", "better / higher ▶"],
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": labels,
            "fixedrange": True,
        },
        legend={"orientation": "h", "y": -0.08 if height > 400 else -0.2},
        plot_bgcolor="#ffffff",
    )
    return fig


def _add_ranges(fig: go.Figure, frame: pd.DataFrame, neighbourhood: str) -> None:
    """Bars for the range across all Trafford's wards (light) and the neighbourhood's wards (dark)."""
    for low, high, colour, name in (
        ("all_low", "all_high", RANGE_ALL, "Range across Trafford's wards"),
        ("nbh_low", "nbh_high", RANGE_NBH, f"Range across wards in {neighbourhood}"),
    ):
        fig.add_trace(
            go.Bar(
                y=list(frame["label"]),
                x=(frame[high] - frame[low]).tolist(),
                base=frame[low].tolist(),
                orientation="h",
                marker={"color": colour},
                name=name,
                hoverinfo="skip",
                width=0.55 if low == "all_low" else 0.3,
            )
        )


def _add_england(fig: go.Figure, frame: pd.DataFrame) -> None:
    """A black tick at England's position on each row that has one."""
    england = frame[frame["england_pos"].notna()]
    if not england.empty:
        fig.add_trace(
            go.Scatter(
                y=list(england["label"]),
                x=england["england_pos"].tolist(),
                mode="markers",
                marker={"symbol": "line-ns-open", "size": 18, "color": "#000000", "line": {"width": 3}},
                name="England",
                hovertemplate="England<extra></extra>",
            )
        )


def _add_gm(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Greater Manchester's marker on each row that has a figure for it."""
    gm = frame[frame["gm_pos"].notna()] if "gm_pos" in frame else frame.iloc[0:0]
    if not gm.empty:
        fig.add_trace(
            go.Scatter(
                y=list(gm["label"]),
                x=gm["gm_pos"].tolist(),
                mode="markers",
                marker=GM_MARKER,
                name="Greater Manchester",
                hovertemplate="Greater Manchester<extra></extra>",
            )
        )


def _add_area_markers(fig: go.Figure, frame: pd.DataFrame, area_name: str) -> None:
    """The area's marker on each row, one trace per significance against Trafford."""
    for label, style in palettes.SIGNIFICANCE_STYLE.items():
        part = frame[frame["sig_trafford"] == label]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                y=list(part["label"]),
                x=part["area_pos"].tolist(),
                mode="markers",
                marker={
                    "symbol": style["marker"],
                    "size": 14,
                    "color": style["colour"] if label != "Not compared" else "#ffffff",
                    "line": {"width": 1.5, "color": "#222222"},
                },
                name=f"{area_name}: {style['symbol']} {style['text']} vs Trafford",
                text=list(part["hover"]),
                hovertemplate="%{text}<extra></extra>",
            )
        )


def spine_note() -> str:
    """The caption that explains how to read the spine chart."""
    return (
        "Each row is scaled so that Trafford is at the centre and the Trafford ward furthest from it "
        "(or England or Greater Manchester) reaches the edge; rows where lower is better are mirrored, "
        "so better is always to the right. For indicators with no better or worse, right means higher. "
        "Marker shape, colour and legend word give the area's significance against Trafford (the two "
        "95% confidence intervals do not overlap); a hollow circle means no test was possible. The "
        "black tick is England and the open diamond Greater Manchester, where they have a figure for "
        "the same period."
    )

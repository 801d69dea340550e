"""The inequality chart: deprivation-group values across residents, each area, and the SII line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.compare.common import records
from trafford_dash.compare.inequality import SII, InequalityResult, group_count
from trafford_dash.core import chart_parts, formatting

BAR_COLOUR = "#56B4E9"
MIN_TICK_GAP = 0.04  # of the x axis: room for a one- or two-digit group number on a narrow chart


def tick_positions(centres: list[float], apart: float = MIN_TICK_GAP) -> list[int]:
    """Which groups get a tick label: the first, then each at least ``apart`` from the last labelled.

    Groups are as wide as their share of residents, so a small group's label would sit on its
    neighbour's; it is left unlabelled (its value is in the hover and the table).
    """
    chosen: list[int] = []
    for i, centre in enumerate(centres):
        if not chosen or centre - centres[chosen[-1]] >= apart:
            chosen.append(i)
    return chosen


def figure(result: InequalityResult, meta: Mapping[str, Any]) -> go.Figure:
    """Group values across each group's share of residents, each area as a point, and the SII line.

    A group is drawn as a thick horizontal segment spanning its share of the population, with a
    marker and 95% interval (where exact) at its middle; the y axis fits the data rather than
    starting at zero, so the gradient stays visible for measures such as life expectancy.
    """
    word = result.grouping.split()[-1].rstrip("s")
    fig = go.Figure()
    fig.add_trace(_segment_trace(result.groups, word))
    fig.add_trace(_group_trace(result, meta, word))
    fig.add_trace(_area_trace(result.areas, meta))
    if result.sii is not None:
        fig.add_trace(_sii_trace(result.sii))
    _layout(fig, result, meta, word)
    return fig


def _segment_trace(groups: pd.DataFrame, word: str) -> go.Scatter:
    """Each group as a thick horizontal segment spanning its share of residents."""
    seg_x: list[float | None] = []
    seg_y: list[float | None] = []
    for row in records(groups):
        seg_x += [row["start"], row["end"], None]
        seg_y += [row["value"], row["value"], None]
    return go.Scatter(
        x=seg_x,
        y=seg_y,
        mode="lines",
        line={"color": BAR_COLOUR, "width": 7},
        name=f"Value by {word}",
        hoverinfo="skip",
    )


def _group_trace(result: InequalityResult, meta: Mapping[str, Any], word: str) -> go.Scatter:
    """A marker at each group's middle, with its 95% interval where the value is exact."""
    groups = result.groups
    has_ci = groups["lower_ci_95"].notna()
    return go.Scatter(
        x=groups["x"],
        y=groups["value"],
        mode="markers",
        marker={
            "color": "#0072B2",
            "symbol": "square",
            "size": 10,
            "line": {"color": "#111111", "width": 1},
        },
        error_y=chart_parts.ci_error(groups, has_ci),
        name=f"{word.capitalize()} value (95% CI where exact)",
        hovertext=[
            f"<b>{row['label']}</b><br>{meta['title']}: {formatting.format_value(row['value'], meta)}"
            f"{' ≈' if row['approximate'] else ''} "
            f"{formatting.format_ci(row['lower_ci_95'], row['upper_ci_95'], meta)}<br>"
            f"{row['areas']} areas, {formatting.format_number(row['population'], 0)} residents<br>"
            f"Period: {result.period}"
            for row in records(groups)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _area_trace(areas: pd.DataFrame, meta: Mapping[str, Any]) -> go.Scatter:
    """Each area as an open circle at its position on the deprivation gradient."""
    return go.Scatter(
        x=areas["x"],
        y=areas["value"],
        mode="markers",
        name="Each area",
        marker={"color": "#444444", "size": 6, "symbol": "circle-open"},
        hovertext=[
            f"<b>{row['area_name']}</b><br>{formatting.format_value(row['value'], meta)}"
            f"{' ≈' if row['approximate'] else ''} ({row['period']})<br>IMD score "
            f"{row['imd_score']:.1f}, rank {row['order']} of {len(areas)} (1 = most deprived)"
            for row in records(areas)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _sii_trace(sii: SII) -> go.Scatter:
    """The fitted slope-index line from the most to the least deprived end."""
    return go.Scatter(
        x=[0, 1],
        y=[sii.intercept, sii.intercept + sii.sii],
        mode="lines",
        name=f"Slope index of inequality = {formatting.format_number(sii.sii, 2)}",
        line={"color": "#D55E00", "dash": "dash", "width": 2},
        hoverinfo="skip",
    )


def _layout(fig: go.Figure, result: InequalityResult, meta: Mapping[str, Any], word: str) -> None:
    """Axis titles, group-number ticks that do not overlap, and the legend."""
    groups = result.groups
    ticks = tick_positions(groups["x"].tolist())
    last = group_count(result.grouping)
    fig.update_layout(
        height=480,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={
            "title": {
                "text": f"Deprivation {word}: 1 most deprived (left) to {last} least deprived (right)"
                f"<br>each as wide as its share of residents"
            },
            "range": [-0.02, 1.02],
            "tickvals": [groups["x"].iloc[i] for i in ticks],
            "ticktext": [str(groups["group"].iloc[i]) for i in ticks],
        },
        yaxis={"title": {"text": formatting.with_unit(str(meta["title"]), str(meta.get("unit", "")))}},
        legend={"orientation": "h", "y": 1.1},
        plot_bgcolor="white",
    )
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")

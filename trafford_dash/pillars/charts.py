"""Figures, tables and generated sentences behind an opened pillar tile.

Three views of one indicator: its trend for Trafford, Greater Manchester, England and the peer
averages (with 95% intervals where the source has them); the distribution of every English authority
with a value for Trafford's latest period, Trafford marked; and the four neighbourhoods. Every figure
comes with the table it is drawn from and a sentence written from the data. Colours are Okabe–Ito and
every series also differs by line dash and marker shape; approximations are drawn with hollow markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import config, formatting, palettes, significance, trend_style, trends
from trafford_dash.core.plain_text import plotly_text
from trafford_dash.pillars import neighbourhoods
from trafford_dash.pillars.tile_text import shown_value, wards_phrase

# The benchmark series a tile's trend draws, in legend order; their look is shared with Compare.
SERIES = tuple(trend_style.BENCHMARKS)
TREND_COLUMNS = ["area_name", "period", "value", "lower_ci_95", "upper_ci_95", "approximate", "value_note"]
VIEWS = ("Trend", "All English authorities", "Neighbourhoods")
HEIGHT = 380


def _ci(row: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    return formatting.format_ci(row.get("lower_ci_95"), row.get("upper_ci_95"), meta)


def hover_text(row: Mapping[str, Any], meta: Mapping[str, Any], name: str) -> str:
    parts = [
        f"<b>{plotly_text(name)}</b>",
        f"Period: {plotly_text(row['period'])}",
        plotly_text(f"{shown_value(row, meta)} {_ci(row, meta)}".strip()),
    ]
    if row.get("approximate"):
        parts.append("Approximation: " + plotly_text(str(row.get("value_note") or "see method note")[:120]))
    return "<br>".join(parts)


def trend_series(rows: pd.DataFrame, sex: str, age: str) -> dict[str, list[trends.Record]]:
    """Each benchmark area's ordered series (Trafford, GM, England, peer averages) that has values."""
    every = trends.records(rows)
    found = {}
    for code in SERIES:
        series = trends.series_records(every, code, sex, age)
        if series:
            found[code] = series
    return found


def views_for(rows: pd.DataFrame, sex: str, age: str) -> tuple[str, ...]:
    """The opened tile's views: "Neighbourhoods" only where the indicator has neighbourhood figures."""
    if neighbourhoods.neighbourhood_rows(rows, sex, age).empty:
        return tuple(view for view in VIEWS if view != "Neighbourhoods")
    return VIEWS


def left_out_sentence(rows: pd.DataFrame, sex: str, age: str) -> str:
    """Which points each benchmark line leaves out so that it joins periods of one length only."""
    every = trends.records(rows)
    split = [
        (trend_style.style_for(code).label, *trends.series_split(every, code, sex, age)) for code in SERIES
    ]
    return trends.left_out_sentence(split)


def trend_table(series: Mapping[str, Sequence[trends.Record]]) -> pd.DataFrame:
    """The trend chart's data: one row per area and period."""
    rows = [
        {column: row.get(column) for column in TREND_COLUMNS}
        | {"area_name": trend_style.style_for(code).label}
        for code, found in series.items()
        for row in found
    ]
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


def trend_figure(series: Mapping[str, Sequence[trends.Record]], meta: Mapping[str, Any]) -> go.Figure:
    """Lines over time for each benchmark area, Trafford with 95% error bars where published."""
    periods: dict[str, tuple[int, str]] = {}
    for found in series.values():
        for row in found:
            periods.setdefault(plotly_text(row["period"]), trends.sort_key(row))
    order = sorted(periods, key=lambda p: periods[p])
    fig = go.Figure()
    for code, found in series.items():
        style = trend_style.style_for(code)
        values = [None if trends.missing(r["value"]) else float(r["value"]) for r in found]
        error = None
        if code == config.TRAFFORD_CODE and any(not trends.missing(r.get("lower_ci_95")) for r in found):
            error = {
                "type": "data",
                "symmetric": False,
                "array": [_gap(r.get("upper_ci_95"), r["value"]) for r in found],
                "arrayminus": [_gap(r["value"], r.get("lower_ci_95")) for r in found],
                "color": style.colour,
                "thickness": 1.2,
            }
        fig.add_trace(
            go.Scatter(
                x=[plotly_text(r["period"]) for r in found],
                y=values,
                name=style.label,
                mode="lines+markers",
                line={"color": style.colour, "dash": style.dash, "width": style.width},
                marker={
                    "symbol": trend_style.symbols(style, [r["approximate"] for r in found]),
                    "size": style.size,
                    "color": style.colour,
                },
                error_y=error,
                text=[hover_text(r, meta, style.label) for r in found],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.update_layout(
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": order, "title": "Period"},
        yaxis={"title": plotly_text(meta.get("unit", ""))},
        legend={"orientation": "h", "y": -0.25},
        hovermode="closest",
    )
    return fig


def _gap(a: object, b: object) -> float | None:
    if trends.missing(a) or trends.missing(b):
        return None
    return max(float(a) - float(b), 0.0)  # type: ignore[arg-type]


def plain_title(title: str) -> str:
    """A title without its trailing unit, for a sentence ("Adults who smoke, %" → "Adults who smoke")."""
    return re.sub(r",\s*(%|per [\d,]+.*)$", "", title).strip()


def trend_sentence(series: Mapping[str, Sequence[trends.Record]], meta: Mapping[str, Any]) -> str:
    """A sentence on Trafford's trend and where England stood at the same period."""
    own = series.get(config.TRAFFORD_CODE)
    title = plain_title(str(meta.get("title", "")))
    if not own:
        return f"There is no Trafford series for {title}."
    first, last = own[0], own[-1]
    text = f"Trafford's figure for {title} was {shown_value(last, meta)} in {last['period']}"
    if len(own) > 1:
        change = trends.latest_change([first, last], str(meta.get("polarity", "")))
        if change.direction == "same":
            text += f", the same as in {first['period']}"
        else:
            word = "up" if change.direction == "up" else "down"
            judged = (
                f", {change.judgement}" if change.judgement in (trends.IMPROVING, trends.WORSENING) else ""
            )
            text += (
                f", {word} from {shown_value(first, meta)} in {first['period']} ({len(own)} periods{judged})"
            )
    england = trends.row_for_period(
        series.get(config.ENGLAND_CODE, []),
        config.ENGLAND_CODE,
        str(last["period"]),
        str(last["sex"]),
        str(last["age"]),
    )
    if england:
        text += f"; England's was {shown_value(england, meta)}"
    return text + "."


def reference_line(
    add: Callable[..., go.Figure],
    reference: Mapping[str, Any] | None,
    meta: Mapping[str, Any],
    name: str,
    position: str,
) -> None:
    """A dashed line at a reference area's value (``add`` is the figure's add_hline or add_vline)."""
    if reference is None or trends.missing(reference.get("value")):
        return
    add(
        float(reference["value"]),
        line={"color": "#000000", "dash": "dash", "width": 1.5},
        annotation_text=plotly_text(f"{name} {shown_value(reference, meta)}"),
        annotation_position=position,
    )


def neighbourhood_figure(
    nbh: pd.DataFrame, meta: Mapping[str, Any], trafford: Mapping[str, Any] | None
) -> go.Figure:
    """Horizontal bars for the four neighbourhoods with 95% error bars, Trafford as a dashed line."""
    records = trends.records(nbh)
    fig = go.Figure(
        go.Bar(
            y=[plotly_text(r["area_name"]) for r in records],
            x=[float(r["value"]) for r in records],
            orientation="h",
            marker={
                "color": [
                    palettes.NEIGHBOURHOOD_COLOURS.get(str(r["area_name"]), "#999999") for r in records
                ],
                "pattern": {"shape": ["/" if r["approximate"] else "" for r in records]},
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [_gap(r.get("upper_ci_95"), r["value"]) for r in records],
                "arrayminus": [_gap(r["value"], r.get("lower_ci_95")) for r in records],
                "color": "#000000",
            },
            text=[plotly_text(shown_value(r, meta)) for r in records],
            textposition="inside",
            insidetextanchor="start",
            hovertext=[hover_text(r, meta, str(r["area_name"])) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            name="Neighbourhoods",
        )
    )
    reference_line(fig.add_vline, trafford, meta, "Trafford", "top")
    fig.update_layout(
        height=260,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"title": plotly_text(meta.get("unit", ""))},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )
    return fig


def neighbourhood_table(
    nbh: pd.DataFrame, trafford: Mapping[str, Any] | None, meta: Mapping[str, Any]
) -> pd.DataFrame:
    """The neighbourhoods' figures with their significance against Trafford where they have intervals."""
    compared = significance.significance_against(nbh, trafford, str(meta.get("polarity", "")))
    out = compared[
        ["area_name", "period", "vintage", "value", "lower_ci_95", "upper_ci_95", "approximate", "value_note"]
    ].copy()
    out["against_trafford"] = compared["badge"]
    out["ward_boundaries"] = out["vintage"].map(wards_phrase)
    return out.drop(columns="vintage")


def neighbourhood_sentence(
    nbh: pd.DataFrame, meta: Mapping[str, Any], trafford: Mapping[str, Any] | None
) -> str:
    """Which neighbourhood is highest and lowest, beside Trafford's figure."""
    if nbh.empty:
        return ""
    ordered = trends.records(nbh.sort_values("value", kind="stable"))
    low, high = ordered[0], ordered[-1]
    text = (
        f"In {high['period']}, {high['area_name']} had the highest value "
        f"({shown_value(high, meta)}) and {low['area_name']} the lowest ({shown_value(low, meta)})"
    )
    if trafford is not None and trafford.get("period") == high["period"]:
        text += f", against {shown_value(trafford, meta)} for Trafford"
    return text + "."

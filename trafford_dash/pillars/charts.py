"""Figures, tables and generated sentences behind an opened pillar tile.

Three views of one indicator: its trend for Trafford, Greater Manchester, England and the peer
averages (with 95% intervals where the source has them); the distribution of every English authority
with a value for Trafford's latest period, Trafford marked; and the four neighbourhoods. Every figure
comes with the table it is drawn from and a sentence written from the data. Colours are Okabe–Ito and
every series also differs by line dash and marker shape; approximations are drawn with hollow markers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import config, formatting, palettes, significance, trend_style, trends
from trafford_dash.core.plain_text import plotly_text
from trafford_dash.pillars import tiles
from trafford_dash.pillars.tile_text import shown_value, wards_phrase

# The benchmark series a tile's trend draws, in legend order; their look is shared with Compare.
SERIES = tuple(trend_style.BENCHMARKS)
TREND_COLUMNS = [
    "area_name",
    "period",
    "value",
    "lower_ci_95",
    "upper_ci_95",
    "approximate",
    "value_note",
]
VIEWS = ("Trend", "All English authorities", "Neighbourhoods")
UPPER_TIER = ("E06", "E08", "E09", "E10")
LOWER_TIER = ("E06", "E07", "E08", "E09")
HEIGHT = 380


def _ci(row: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    return formatting.format_ci(row.get("lower_ci_95"), row.get("upper_ci_95"), meta)


def _hover(row: Mapping[str, Any], meta: Mapping[str, Any], name: str) -> str:
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
    if tiles.neighbourhood_rows(rows, sex, age).empty:
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
                text=[_hover(r, meta, style.label) for r in found],
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


def authorities(la_rows: pd.DataFrame, trafford: Mapping[str, Any] | None) -> pd.DataFrame:
    """Every English authority with a value for Trafford's latest period, one tier only, Trafford included.

    Where the source has both county (E10) and district (E07) figures, counties and unitary
    authorities are kept (Trafford, a metropolitan district, is in both tiers).
    """
    if trafford is None:
        return la_rows.iloc[0:0]
    rows = la_rows[
        (la_rows["period"] == trafford["period"])
        & (la_rows["sex"] == trafford["sex"])
        & (la_rows["age"] == trafford["age"])
        & la_rows["value"].notna()
    ]
    rows = rows[rows["area_code"] != config.TRAFFORD_CODE]
    prefixes = UPPER_TIER if rows["area_code"].str.startswith("E10").any() else LOWER_TIER
    rows = rows[rows["area_code"].str[:3].isin(prefixes)]
    own = pd.DataFrame([{column: trafford.get(column) for column in rows.columns}])
    both = pd.concat([rows, own], ignore_index=True) if not rows.empty else own
    both["value"] = both["value"].astype(float)
    return both.sort_values("value", kind="stable").reset_index(drop=True)


def distribution_figure(
    areas: pd.DataFrame, meta: Mapping[str, Any], england: Mapping[str, Any] | None = None
) -> go.Figure:
    """Authorities ranked by value (grey dots), Trafford as a large labelled diamond, England as a line."""
    fig = go.Figure()
    ranks = list(range(1, len(areas) + 1))
    is_trafford = (areas["area_code"] == config.TRAFFORD_CODE).to_numpy()
    text = [_hover(row, meta, str(row["area_name"])) for row in trends.records(areas)]
    fig.add_trace(
        go.Scatter(
            x=[r for r, t in zip(ranks, is_trafford, strict=True) if not t],
            y=areas.loc[~is_trafford, "value"],
            mode="markers",
            marker={"color": "#999999", "size": 6, "symbol": "circle"},
            name="Other authorities",
            text=[h for h, t in zip(text, is_trafford, strict=True) if not t],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[r for r, t in zip(ranks, is_trafford, strict=True) if t],
            y=areas.loc[is_trafford, "value"],
            mode="markers+text",
            marker={
                "color": "#0072B2",
                "size": 15,
                "symbol": "diamond",
                "line": {"color": "#000000", "width": 1},
            },
            text=["Trafford"],
            textposition="top center",
            name="Trafford",
            customdata=[h for h, t in zip(text, is_trafford, strict=True) if t],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    if england is not None and not trends.missing(england.get("value")):
        fig.add_hline(
            y=float(england["value"]),
            line={"color": "#000000", "dash": "dash", "width": 1.5},
            annotation_text=plotly_text(f"England {shown_value(england, meta)}"),
            annotation_position="top left",
        )
    fig.update_layout(
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"title": "Authorities ranked from lowest to highest value"},
        yaxis={"title": plotly_text(meta.get("unit", ""))},
        legend={"orientation": "h", "y": -0.25},
        hovermode="closest",
    )
    return fig


def distribution_table(areas: pd.DataFrame) -> pd.DataFrame:
    """The distribution chart's data: each authority's rank (1 = lowest value), name, code and value."""
    out = areas[["area_code", "area_name", "period", "value", "lower_ci_95", "upper_ci_95"]].copy()
    out.insert(0, "rank_lowest_first", range(1, len(out) + 1))
    return out


def distribution_sentence(areas: pd.DataFrame, meta: Mapping[str, Any]) -> str:
    """Where Trafford sits among the authorities, in words, polarity-aware."""
    if areas.empty or not (areas["area_code"] == config.TRAFFORD_CODE).any():
        return "There is no Trafford figure to place among other authorities."
    n = len(areas)
    value = float(areas.loc[areas["area_code"] == config.TRAFFORD_CODE, "value"].iloc[0])
    lower = int((areas["value"] < value).sum())
    higher = int((areas["value"] > value).sum())
    period = areas["period"].iloc[0]
    text = (
        f"In {period}, {lower} of the other {n - 1} authorities with a figure had a lower value than "
        f"Trafford and {higher} a higher one"
    )
    polarity = str(meta.get("polarity", ""))
    if polarity in ("higher_is_better", "lower_is_better") and n > 1:
        better = higher if polarity == "higher_is_better" else lower
        share = round(100 * better / (n - 1))
        text += f", so {share}% of them did better than Trafford"
    return text + "."


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
            hovertext=[_hover(r, meta, str(r["area_name"])) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            name="Neighbourhoods",
        )
    )
    if trafford is not None and not trends.missing(trafford.get("value")):
        fig.add_vline(
            x=float(trafford["value"]),
            line={"color": "#000000", "dash": "dash", "width": 1.5},
            annotation_text=plotly_text(f"Trafford {shown_value(trafford, meta)}"),
            annotation_position="top",
        )
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


def peer_names() -> dict[str, str]:
    """Peer-group codes and names, for captions."""
    return dict(config.PEER_GROUPS)

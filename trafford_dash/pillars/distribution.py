"""Where Trafford sits among English authorities: the ranked distribution behind an opened tile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import config, trends
from trafford_dash.core.plain_text import plotly_text
from trafford_dash.pillars import charts

UPPER_TIER = ("E06", "E08", "E09", "E10")
LOWER_TIER = ("E06", "E07", "E08", "E09")


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
    text = [charts.hover_text(row, meta, str(row["area_name"])) for row in trends.records(areas)]
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
    charts.reference_line(fig.add_hline, england, meta, "England", "top left")
    fig.update_layout(
        height=charts.HEIGHT,
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

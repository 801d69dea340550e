"""Wards ranked on one indicator, so differences inside a neighbourhood are not hidden by its average.

Each ward's value is shown with its 95% interval where published, its significance against Trafford
(Fingertips' rule: Trafford's value outside the ward's interval), Trafford's value as a reference line
and the neighbourhood's own figure as a second line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import config, formatting, palettes, significance, summaries
from trafford_dash.core.summaries import records
from trafford_dash.profile.indicators import latest_period, single_breakdown

HIGHLIGHT = "#000000"


def ranking_frame(
    rows: pd.DataFrame, ward_codes: Iterable[str], vintage: str, polarity: str
) -> tuple[pd.DataFrame, dict[str, Any] | None, pd.DataFrame]:
    """Wards' latest values with significance against Trafford, ordered from highest to lowest.

    Parameters
    ----------
    rows
        One indicator's rows at ward, neighbourhood and borough level (any vintage).
    ward_codes
        The wards to rank.
    vintage
        The ward vintage.
    polarity
        The indicator's polarity.

    Returns
    -------
    frame, trafford, neighbourhoods
        The wards (with ``significance`` and ``badge``), Trafford's row for the same period (or
        ``None``) and the neighbourhoods' rows for that period.
    """
    chosen = single_breakdown(rows[rows["vintage"].isin([vintage, ""])])
    wards = chosen[(chosen["level"] == "ward") & (chosen["vintage"] == vintage)]
    period = latest_period(wards)
    if period is None:
        return pd.DataFrame(), None, pd.DataFrame()
    wards = wards[(wards["period"] == period) & wards["area_code"].isin(list(ward_codes))]
    sex = str(wards["sex"].iloc[0]) if not wards.empty else "Persons"
    age = str(wards["age"].iloc[0]) if not wards.empty else "All ages"
    borough = chosen[chosen["level"] == "borough"]
    trafford = significance.comparator_row(borough, config.TRAFFORD_CODE, period, sex, age)
    ranked = significance.significance_against(wards, trafford, polarity)
    ranked = ranked.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)
    nbh = chosen[
        (chosen["level"] == "neighbourhood") & (chosen["vintage"] == vintage) & (chosen["period"] == period)
    ]
    return ranked, dict(trafford) if trafford else None, nbh.reset_index(drop=True)


def ranking_figure(
    frame: pd.DataFrame,
    meta: Mapping[str, Any],
    trafford: Mapping[str, Any] | None,
    neighbourhood: Mapping[str, Any] | None,
    highlight: str | None = None,
) -> go.Figure:
    """Horizontal bars of the wards, highest at the top, with 95% intervals and significance symbols."""
    fig = go.Figure(_ward_bars(frame, meta, highlight))
    _add_reference_lines(fig, meta, trafford, neighbourhood)
    fig.update_layout(
        height=max(240, 34 * len(frame) + 110),
        margin={"l": 10, "r": 20, "t": 40, "b": 40},
        xaxis={
            "title": {
                "text": f"{meta.get('unit', '')} ({frame['period'].iloc[0] if not frame.empty else ''})"
            }
        },
        yaxis={"autorange": "reversed", "fixedrange": True},
        plot_bgcolor="#ffffff",
    )
    return fig


def _ward_bars(frame: pd.DataFrame, meta: Mapping[str, Any], highlight: str | None) -> go.Bar:
    """The wards' bars, coloured by significance, with their 95% intervals and hover text."""
    styles = [
        palettes.SIGNIFICANCE_STYLE.get(sig, palettes.SIGNIFICANCE_STYLE["Not compared"])
        for sig in frame["significance"]
    ]
    labels = [f"{name} {style['symbol']}" for name, style in zip(frame["area_name"], styles, strict=True)]
    colours = [
        palettes.SIGNIFICANCE_STYLE.get(sig, palettes.SIGNIFICANCE_STYLE["Not compared"])["colour"]
        if sig != "Not compared"
        else "#bdbdbd"
        for sig in frame["significance"]
    ]
    outlines = [3 if code == highlight else 0.5 for code in frame["area_code"]]
    has_ci = frame["lower_ci_95"].notna() & frame["upper_ci_95"].notna()
    error = None
    if has_ci.any():
        error = {
            "type": "data",
            "symmetric": False,
            "array": (frame["upper_ci_95"] - frame["value"]).fillna(0).tolist(),
            "arrayminus": (frame["value"] - frame["lower_ci_95"]).fillna(0).tolist(),
            "color": "#333333",
            "thickness": 1.2,
        }
    hover = [
        formatting.hover_line(row, meta) + f"<br>{row['badge']} ({row['significance_method']})"
        for row in records(frame)
    ]
    return go.Bar(
        y=labels,
        x=frame["value"].tolist(),
        orientation="h",
        marker={"color": colours, "line": {"color": HIGHLIGHT, "width": outlines}},
        error_x=error,
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        textposition="none",
        name=str(meta.get("title", "")),
        showlegend=False,
    )


def _add_reference_lines(
    fig: go.Figure,
    meta: Mapping[str, Any],
    trafford: Mapping[str, Any] | None,
    neighbourhood: Mapping[str, Any] | None,
) -> None:
    """Trafford's value (dashed) and the neighbourhood's own figure (dotted) as vertical lines."""
    if trafford is not None and pd.notna(trafford.get("value")):
        fig.add_vline(
            x=float(trafford["value"]),
            line={"color": "#000000", "width": 2, "dash": "dash"},
            annotation_text=f"Trafford {formatting.format_value(trafford['value'], meta)}",
            annotation_position="top",
        )
    if neighbourhood is not None and pd.notna(neighbourhood.get("value")):
        fig.add_vline(
            x=float(neighbourhood["value"]),
            line={"color": "#0072B2", "width": 2, "dash": "dot"},
            annotation_text=(
                f"{neighbourhood['area_name']} {formatting.format_value(neighbourhood['value'], meta)}"
            ),
            annotation_position="bottom",
        )


def ranking_summary(frame: pd.DataFrame, meta: Mapping[str, Any], place: str) -> str:
    """Highest and lowest ward and the significance counts against Trafford."""
    if frame.empty:
        return f"No ward in {place} has a value for {str(meta.get('title', '')).lower()}."
    period = str(frame["period"].iloc[0])
    sentence = summaries.extremes_sentence(frame, meta, f"wards in {place}", period)
    counts = summaries.count_sentence(frame["significance"], "Trafford", "wards")
    return f"{sentence} {counts}".strip()


def ranking_table(frame: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """The ranked wards for the screen and for download."""
    return pd.DataFrame(
        {
            "rank": range(1, len(frame) + 1),
            "ward": frame["area_name"],
            "area_code": frame["area_code"],
            "value": frame["value"],
            "lower_ci_95": frame["lower_ci_95"],
            "upper_ci_95": frame["upper_ci_95"],
            "unit": meta.get("unit", ""),
            "period": frame["period"],
            "approximate": frame["approximate"],
            "vs_trafford": frame["badge"],
            "method": frame["significance_method"],
            "source": meta.get("source", ""),
            "licence": meta.get("licence", ""),
        }
    )

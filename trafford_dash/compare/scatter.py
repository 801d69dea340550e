"""Compare two indicators: a scatter of one against the other across the areas of a level.

The fitted line is ordinary least squares (``numpy.polyfit`` of degree 1, unweighted: each area
counts once). Association is given as Pearson's r (linear) and Spearman's rank correlation ρ
(monotonic), each with its two-sided p-value and the number of areas. Correlation across areas
describes places, not people (the ecological fallacy), and says nothing about cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trafford_dash.compare.common import Selection, narrow, records, unit_words, with_meta
from trafford_dash.core import config, formatting, palettes

MIN_POINTS = 4
GROUP_SYMBOLS = {
    "North": "circle",
    "Central": "square",
    "West": "diamond",
    "South": "triangle-up",
    "Trafford": "star",
    "Greater Manchester": "square",
    "Other English authorities": "circle",
}
GROUP_COLOURS = palettes.NEIGHBOURHOOD_COLOURS | {
    "Trafford": "#D55E00",
    "Greater Manchester": "#0072B2",
    "Other English authorities": "#BBBBBB",
}


@dataclass
class Fit:
    """OLS line and correlations for ``n`` points."""

    n: int
    slope: float
    intercept: float
    pearson_r: float
    pearson_p: float
    spearman_rho: float
    spearman_p: float


@dataclass
class ScatterResult:
    """The paired areas, the fit, and warnings (or a refusal sentence)."""

    points: pd.DataFrame
    fit: Fit | None
    x_period: str | None = None
    y_period: str | None = None
    warnings: list[str] = field(default_factory=list)
    refusal: str | None = None


def fit_line(x: np.ndarray, y: np.ndarray) -> Fit:
    """Least-squares line and Pearson / Spearman correlation of paired values (NaN pairs dropped)."""
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    n = int(keep.sum())
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return Fit(n, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan)
    from scipy import stats as sp_stats  # imported here: scipy is slow to import

    slope, intercept = np.polyfit(x, y, 1)
    pearson = sp_stats.pearsonr(x, y)
    spearman = sp_stats.spearmanr(x, y)
    return Fit(
        n,
        float(slope),
        float(intercept),
        float(pearson.statistic),
        float(pearson.pvalue),
        float(spearman.statistic),
        float(spearman.pvalue),
    )


def pair(
    x_rows: pd.DataFrame,
    y_rows: pd.DataFrame,
    x_meta: Mapping[str, Any],
    y_meta: Mapping[str, Any],
    groups: Mapping[str, str],
    noun: str = "areas",
) -> ScatterResult:
    """Join the latest figures of two indicators by area code and fit a line.

    Parameters
    ----------
    x_rows, y_rows
        Each indicator's rows at the chosen level (any periods; vintages may differ, see warnings).
    groups
        Area code -> group shown by colour and marker (neighbourhood, or Trafford / GM / other).
    noun
        What the areas are called in sentences.
    """
    x_sel, y_sel = narrow(x_rows), narrow(y_rows)
    refusal = _no_pair(x_sel, y_sel, x_meta, y_meta, noun)
    if refusal:
        return ScatterResult(pd.DataFrame(), None, refusal=refusal)
    points = _points(x_sel.rows, y_sel.rows, groups)
    warnings = _join_warnings(x_sel, y_sel, x_meta, y_meta, len(points))
    fit = (
        fit_line(points["value_x"].to_numpy(float), points["value_y"].to_numpy(float))
        if len(points) >= MIN_POINTS
        else None
    )
    refusal = _no_fit(len(points), fit, noun)
    if fit is None or refusal:
        return ScatterResult(points, None, x_sel.period, y_sel.period, warnings, refusal=refusal)
    if points["approximate_x"].any() or points["approximate_y"].any():
        warnings.append(
            "Some figures are approximations (population-weighted means of wards); see the table."
        )
    return ScatterResult(points, fit, x_sel.period, y_sel.period, warnings)


def _no_pair(
    x_sel: Selection, y_sel: Selection, x_meta: Mapping[str, Any], y_meta: Mapping[str, Any], noun: str
) -> str | None:
    """Why there is nothing to plot: an indicator without figures, or the same indicator twice."""
    for sel, meta in ((x_sel, x_meta), (y_sel, y_meta)):
        if sel.rows["value"].notna().sum() == 0:
            return f"“{meta['title']}” has no figures for these {noun}; choose another level."
    if x_meta["indicator_id"] == y_meta["indicator_id"]:
        return "Choose two different indicators to compare one with the other."
    return None


def _no_fit(count: int, fit: Fit | None, noun: str) -> str | None:
    """Why no line can be fitted: too few areas, or an indicator with one value everywhere."""
    if fit is None:
        return (
            f"Only {count} {noun} have figures for both indicators; at least {MIN_POINTS} are "
            "needed for a line and a correlation. Choose another pair or level."
        )
    if np.isnan(fit.pearson_r):
        return "One of the indicators has the same value in every area, so no correlation can be measured."
    return None


def _points(x_rows: pd.DataFrame, y_rows: pd.DataFrame, groups: Mapping[str, str]) -> pd.DataFrame:
    """The areas with a figure for both indicators, joined by area code, with their group."""
    left = x_rows[["area_code", "area_name", "vintage", "value", "approximate", "period"]]
    right = y_rows[["area_code", "vintage", "value", "approximate", "period"]]
    points = left.merge(right, on="area_code", suffixes=("_x", "_y"))
    points = points[points["value_x"].notna() & points["value_y"].notna()].reset_index(drop=True)
    points["group"] = points["area_code"].map(groups).fillna("Other English authorities")
    return points


def _join_warnings(
    x_sel: Selection, y_sel: Selection, x_meta: Mapping[str, Any], y_meta: Mapping[str, Any], matched: int
) -> list[str]:
    """Warnings when the two indicators' periods or boundaries differ."""
    warnings: list[str] = []
    if x_sel.period != y_sel.period:
        warnings.append(
            f"The periods differ: “{x_meta['title']}” is for {x_sel.period} and “{y_meta['title']}” "
            f"for {y_sel.period}. The association may partly reflect change over time."
        )
    x_vintages, y_vintages = set(x_sel.rows["vintage"]), set(y_sel.rows["vintage"])
    if x_vintages != y_vintages and (x_vintages - {""}) and (y_vintages - {""}):
        dropped = max(len(x_sel.rows), len(y_sel.rows)) - matched
        warnings.append(
            f"The boundaries differ: “{x_meta['title']}” is on {_vintage_words(x_vintages)} and "
            f"“{y_meta['title']}” on {_vintage_words(y_vintages)}. Areas are matched by code"
            + (f"; {dropped} could not be matched and are left out." if dropped > 0 else ".")
        )
    return warnings


def _vintage_words(vintages: set[str]) -> str:
    words = {
        "2011": "2011 LSOAs",
        "2021": "2021 LSOAs",
        "2022": "pre-May-2023 wards",
        "2023": "May-2023 wards",
    }
    return " and ".join(words.get(v, v) for v in sorted(vintages - {""}))


def strength(r: float) -> str:
    """Conventional words for the size of a correlation coefficient."""
    size = abs(r)
    if size >= 0.7:
        word = "strong"
    elif size >= 0.4:
        word = "moderate"
    elif size >= 0.2:
        word = "weak"
    else:
        return "little or no"
    return f"a {word} {'positive' if r > 0 else 'negative'}"


def summary(result: ScatterResult, x_meta: Mapping[str, Any], y_meta: Mapping[str, Any], noun: str) -> str:
    """A generated sentence on the direction, strength and size of the association."""
    fit = result.fit
    if fit is None:
        return result.refusal or ""
    per = formatting.format_number(abs(fit.slope), 2)
    return (
        f"Across {fit.n} {noun}, there is {strength(fit.pearson_r)} association between "
        f"{x_meta['title']} ({result.x_period}) and {y_meta['title']} ({result.y_period}): "
        f"Pearson r = {fit.pearson_r:.2f} (p = {fit.pearson_p:.2g}), Spearman ρ = {fit.spearman_rho:.2f} "
        f"(p = {fit.spearman_p:.2g}). On the fitted line, each 1 {unit_words(x_meta)} higher goes with "
        f"{per} {unit_words(y_meta, plural=True)} {'more' if fit.slope >= 0 else 'less'}."
    )


def figure(result: ScatterResult, x_meta: Mapping[str, Any], y_meta: Mapping[str, Any]) -> go.Figure:
    """Points by group (colour and marker shape), labelled on hover, with the fitted line."""
    points = result.points
    fig = go.Figure()
    order = [g for g in GROUP_SYMBOLS if g in set(points["group"])]
    order += sorted(set(points["group"]) - set(order))
    for group in order:
        part = points[points["group"] == group]
        hover = [
            f"<b>{row['area_name']}</b> ({group})<br>"
            f"{x_meta['title']}: {formatting.format_value(row['value_x'], x_meta)}"
            f"{' ≈' if row['approximate_x'] else ''} ({row['period_x']})<br>"
            f"{y_meta['title']}: {formatting.format_value(row['value_y'], y_meta)}"
            f"{' ≈' if row['approximate_y'] else ''} ({row['period_y']})"
            for row in records(part)
        ]
        big = group == "Trafford"
        fig.add_trace(
            go.Scatter(
                x=part["value_x"],
                y=part["value_y"],
                mode="markers",
                name=group,
                marker={
                    "color": GROUP_COLOURS.get(group, "#999999"),
                    "symbol": GROUP_SYMBOLS.get(group, "circle"),
                    "size": 16 if big else 10,
                    "line": {"color": "#222222", "width": 0.8},
                },
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fit = result.fit
    if fit is not None:
        xs = np.linspace(points["value_x"].min(), points["value_x"].max(), 50)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=fit.intercept + fit.slope * xs,
                mode="lines",
                name=f"Fitted line (r = {fit.pearson_r:.2f}, n = {fit.n})",
                line={"color": "#222222", "dash": "dash", "width": 1.5},
                hoverinfo="skip",
            )
        )
    fig.update_layout(
        height=520,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"title": {"text": f"{_titled(x_meta)} · {result.x_period}"}},
        yaxis={"title": {"text": f"{_titled(y_meta)} · {result.y_period}"}},
        legend={"title": {"text": "Group"}},
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return fig


def _titled(meta: Mapping[str, Any]) -> str:
    return formatting.with_unit(str(meta["title"]), str(meta.get("unit", "")))


def display_table(
    result: ScatterResult, x_meta: Mapping[str, Any], y_meta: Mapping[str, Any]
) -> pd.DataFrame:
    """Area, group and both values with their periods; approximations marked."""
    points = result.points
    return pd.DataFrame(
        {
            "Area": points["area_name"],
            "Group": points["group"],
            _titled(x_meta): points["value_x"],
            "x approximate": points["approximate_x"],
            "x period": points["period_x"],
            _titled(y_meta): points["value_y"],
            "y approximate": points["approximate_y"],
            "y period": points["period_y"],
        }
    )


def export_frame(result: ScatterResult, x_meta: Mapping[str, Any], y_meta: Mapping[str, Any]) -> pd.DataFrame:
    """One row per area and indicator (tidy), with provenance of each, plus the fit statistics."""
    parts = []
    for axis, meta in (("x", x_meta), ("y", y_meta)):
        part = result.points[["area_code", "area_name", "group"]].copy()
        part["axis"] = axis
        part["indicator_id"] = meta["indicator_id"]
        part["value"] = result.points[f"value_{axis}"]
        part["period"] = result.points[f"period_{axis}"]
        part["vintage"] = result.points[f"vintage_{axis}"]
        part["approximate"] = result.points[f"approximate_{axis}"]
        parts.append(with_meta(part, meta))
    out = pd.concat(parts, ignore_index=True)
    if result.fit is not None:
        out["fit_n"] = result.fit.n
        out["fit_slope"] = result.fit.slope
        out["fit_intercept"] = result.fit.intercept
        out["pearson_r"] = result.fit.pearson_r
        out["spearman_rho"] = result.fit.spearman_rho
    return out


def groups_for(
    areas: pd.DataFrame, lsoa_lookup: pd.DataFrame, level: str, ward_vintage: str = "2022"
) -> dict[str, str]:
    """Area code -> neighbourhood (wards, neighbourhoods, LSOAs) or Trafford / GM (authorities)."""
    if level in ("ward", "neighbourhood"):
        known = areas[areas["level"] == level]
        return dict(zip(known["area_code"], known["neighbourhood"].fillna("Trafford"), strict=True))
    if level == "lsoa":
        lookup = lsoa_lookup[lsoa_lookup["ward_vintage"] == ward_vintage]
        return dict(zip(lookup["lsoa_code"], lookup["neighbourhood"], strict=True))
    mapping = {code: "Greater Manchester" for code in config.GM_BOROUGH_CODES}
    mapping[config.TRAFFORD_CODE] = "Trafford"
    return mapping

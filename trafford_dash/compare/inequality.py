"""Inequality by deprivation: an indicator's values by deprivation group and its slope index of inequality.

Method
------
Areas (wards or LSOAs) are ranked from most to least deprived by their Index of Multiple
Deprivation (IMD) score. Each area is placed at the midpoint of its share of the cumulative
population (mid-year estimate), so the x axis runs from 0 (most deprived) to 1 (least deprived).
The **slope index of inequality (SII)** is the slope of a weighted least-squares line of the
indicator's value on that position, weighted by population: the fitted gap between the least and the
most deprived ends of the gradient, in the indicator's own units. Its 95% confidence interval comes
from the regression's standard error (t distribution, n − 2 degrees of freedom) and reflects how the
areas scatter about the line, not the sampling error of each area's figure. The **relative index
(RII)** is the SII divided by the population-weighted mean.

Groups are local quintiles or deciles (areas assigned by the midpoint of their cumulative
population share, so each group holds about a fifth or tenth of residents), or for LSOAs the
national IoD deciles (1 = the most deprived 10% of LSOAs in England) and quintiles built from them.
A group's value is computed exactly from summed counts and denominators where the indicator has
them (with Wilson or Byar intervals); otherwise it is the population-weighted mean of its areas,
an approximation without an interval.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from trafford_dash.compare.common import narrow, unit_words, with_meta
from trafford_dash.core import formatting, stats

GROUPINGS = ("Local quintiles", "Local deciles", "National IoD quintiles", "National IoD deciles")
DEPRIVATION_MEASURES = {"imd_score", "imd_rank", "imd_decile", "imd_average_score", "imd_rank_average_score"}
MIN_AREAS = 5
RELATIVE_TYPES = ("proportion", "rate", "ratio", "years")


@dataclass
class SII:
    """Slope and relative index of inequality with a 95% interval."""

    sii: float
    lower: float
    upper: float
    rii: float
    intercept: float
    mean: float
    n: int


@dataclass
class InequalityResult:
    """Per-area frame, per-group frame and the SII, or a refusal sentence."""

    areas: pd.DataFrame
    groups: pd.DataFrame
    sii: SII | None
    period: str | None = None
    deprivation_period: str | None = None
    grouping: str = "Local quintiles"
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None


def applies(meta: Mapping[str, Any]) -> str | None:
    """A sentence saying why an indicator cannot be split by deprivation, or ``None`` when it can."""
    title = meta["title"]
    if meta["indicator_id"] in DEPRIVATION_MEASURES:
        return f"“{title}” is the deprivation measure itself, so it cannot be split by deprivation."
    if meta["value_type"] == "count":
        return (
            f"“{title}” is a count, which mostly reflects how big each area is; choose a rate or a "
            "percentage instead."
        )
    if meta["value_type"] in ("rank", "decile"):
        return f"“{title}” is a rank or decile, a position rather than an amount, so it cannot be averaged."
    return None


def cumulative_rank(score: pd.Series, population: pd.Series) -> pd.DataFrame:
    """Order areas from most to least deprived and give each its population-midpoint position.

    Returns a frame (same index) with ``order`` (1 = most deprived), ``start``, ``end`` and ``x``
    (the midpoint of the area's cumulative population share, between 0 and 1).
    """
    frame = pd.DataFrame({"score": score, "population": population})
    ordered = frame.sort_values("score", ascending=False, kind="mergesort")
    total = ordered["population"].sum()
    end = ordered["population"].cumsum() / total
    start = end - ordered["population"] / total
    out = pd.DataFrame(
        {"order": np.arange(1, len(ordered) + 1), "start": start, "end": end, "x": (start + end) / 2},
        index=ordered.index,
    )
    return out.reindex(frame.index)


def slope_index(value: np.ndarray, x: np.ndarray, weight: np.ndarray) -> SII:
    """Weighted least squares of ``value`` on ``x`` (0 most, 1 least deprived), weights ``weight``.

    Returns the SII (the slope: fitted value at x = 1 minus x = 0), its 95% interval from the
    regression standard error with n − 2 degrees of freedom, and the RII (SII / weighted mean).
    """
    keep = ~(np.isnan(value) | np.isnan(x) | np.isnan(weight)) & (weight > 0)
    y, x, w = value[keep], x[keep], weight[keep]
    n = int(keep.sum())
    design = np.column_stack([np.ones(n), x])
    xtwx = design.T @ (design * w[:, None])
    beta = np.linalg.solve(xtwx, design.T @ (w * y))
    residual = y - design @ beta
    dof = max(n - 2, 1)
    sigma2 = float((w * residual**2).sum() / dof)
    se = float(np.sqrt(sigma2 * np.linalg.inv(xtwx)[1, 1]))
    from scipy.special import stdtrit  # imported here: scipy is slow to import

    t = float(stdtrit(dof, 0.975))
    mean = float(np.average(y, weights=w))
    slope = float(beta[1])
    return SII(
        slope, slope - t * se, slope + t * se, slope / mean if mean else np.nan, float(beta[0]), mean, n
    )


def group_count(grouping: str) -> int:
    """How many groups a grouping has: 10 for deciles, 5 for quintiles."""
    return 10 if "deciles" in grouping else 5


def assign_groups(areas: pd.DataFrame, grouping: str) -> pd.Series:
    """Group number per area (1 = most deprived): local population fifths/tenths or national IoD groups."""
    k = group_count(grouping)
    if grouping.startswith("National"):
        decile = areas["national_decile"]
        return (decile if k == 10 else np.ceil(decile / 2)).astype("Int64")
    return pd.Series(np.minimum(np.floor(areas["x"] * k) + 1, k), index=areas.index).astype("Int64")


def group_values(areas: pd.DataFrame, meta: Mapping[str, Any], grouping: str) -> pd.DataFrame:
    """One row per deprivation group: value, interval where exact, population and position."""
    method = str(meta.get("ci_method", "none"))
    multiplier = float(meta.get("multiplier", 100.0))
    rows = []
    k = group_count(grouping)
    word = "decile" if k == 10 else "quintile"
    for key, part in areas.groupby("group", sort=True):
        number = int(str(key))
        exact = (
            method in ("wilson", "byar")
            and part["count"].notna().all()
            and part["denominator"].notna().all()
            and part["denominator"].sum() > 0
        )
        record: dict[str, Any] = {
            "group": number,
            "label": _group_label(number, k, word),
            "areas": len(part),
            "population": float(part["population"].sum()),
            "start": float(part["start"].min()),
            "end": float(part["end"].max()),
        }
        if exact:
            ci = stats.ci_columns(part["count"].sum(), part["denominator"].sum(), method, multiplier).iloc[0]
            record |= {
                "value": float(ci["value"]),
                "lower_ci_95": float(ci["lower_ci_95"]),
                "upper_ci_95": float(ci["upper_ci_95"]),
                "count": float(part["count"].sum()),
                "denominator": float(part["denominator"].sum()),
                "approximate": False,
                "method": "Computed from summed counts and denominators.",
            }
        else:
            record |= {
                "value": float(np.average(part["value"], weights=part["population"])),
                "lower_ci_95": np.nan,
                "upper_ci_95": np.nan,
                "count": np.nan,
                "denominator": np.nan,
                "approximate": True,
                "method": "Approximation: population-weighted mean of the group's areas.",
            }
        rows.append(record)
    out = pd.DataFrame(rows)
    out["x"] = (out["start"] + out["end"]) / 2
    return out


def _group_label(number: int, k: int, word: str) -> str:
    if number == 1:
        return f"{word.capitalize()} 1 (most deprived)"
    if number == k:
        return f"{word.capitalize()} {k} (least deprived)"
    return f"{word.capitalize()} {number}"


def analyse(
    value_rows: pd.DataFrame,
    deprivation_rows: pd.DataFrame,
    population_rows: pd.DataFrame,
    meta: Mapping[str, Any],
    grouping: str = "Local quintiles",
    decile_rows: pd.DataFrame | None = None,
    noun: str = "areas",
) -> InequalityResult:
    """Join the indicator with deprivation and population by area code; group it and fit the SII."""
    empty = pd.DataFrame()
    reason = applies(meta)
    if reason:
        return InequalityResult(empty, empty, None, grouping=grouping, refusal=reason)
    values = narrow(value_rows)
    if values.rows["value"].notna().sum() == 0:
        return InequalityResult(
            empty,
            empty,
            None,
            grouping=grouping,
            refusal=f"There are no figures for “{meta['title']}” for these {noun}.",
        )
    deprivation = narrow(deprivation_rows)
    population = narrow(population_rows)
    areas = _join_areas(values.rows, deprivation.rows, population.rows)
    before = int(values.rows["value"].notna().sum())
    notes: list[str] = []
    if grouping.startswith("National"):
        areas, grouping = _national_deciles(areas, grouping, decile_rows, notes)
    left_out = before - len(areas)
    if left_out:
        notes.append(
            f"{left_out} of {before} {noun} could not be matched to a deprivation score or population "
            "(boundaries changed between the datasets) and are left out."
        )
    if len(areas) < MIN_AREAS:
        return InequalityResult(
            areas,
            empty,
            None,
            values.period,
            deprivation.period,
            grouping,
            notes,
            refusal=(
                f"Only {len(areas)} {noun} could be matched to deprivation scores; "
                f"at least {MIN_AREAS} are needed."
            ),
        )
    areas = areas.join(cumulative_rank(areas["imd_score"], areas["population"]))
    areas["group"] = assign_groups(areas, grouping)
    areas = areas.sort_values("order").reset_index(drop=True)
    result_sii = slope_index(
        areas["value"].to_numpy(float), areas["x"].to_numpy(float), areas["population"].to_numpy(float)
    )
    groups = group_values(areas, meta, grouping)
    return InequalityResult(areas, groups, result_sii, values.period, deprivation.period, grouping, notes)


def _join_areas(values: pd.DataFrame, deprivation: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """The areas with a value, joined by area code to their IMD score and population."""
    keep = ["area_code", "area_name", "vintage", "period", "value", "lower_ci_95", "upper_ci_95"]
    keep += ["count", "denominator", "approximate", "value_note"]
    areas = values[values["value"].notna()][keep].copy()
    areas = areas.merge(
        deprivation[["area_code", "value"]].rename(columns={"value": "imd_score"}), on="area_code"
    )
    return areas.merge(
        population[["area_code", "value"]].rename(columns={"value": "population"}), on="area_code"
    )


def _national_deciles(
    areas: pd.DataFrame, grouping: str, decile_rows: pd.DataFrame | None, notes: list[str]
) -> tuple[pd.DataFrame, str]:
    """Join national IoD deciles, or fall back to local groups (with a note) when there are none."""
    if decile_rows is None or decile_rows.empty:
        notes.append(
            "National IoD deciles exist for LSOAs only, so local groups of equal population are used."
        )
        return areas, grouping.replace("National IoD", "Local")
    deciles = narrow(decile_rows).rows[["area_code", "value"]].rename(columns={"value": "national_decile"})
    return areas.merge(deciles, on="area_code"), grouping


def summary(result: InequalityResult, meta: Mapping[str, Any], noun: str) -> str:
    """A generated sentence giving the most- and least-deprived groups and the SII in words."""
    if result.sii is None:
        return result.refusal or ""
    first, last = result.groups.iloc[0], result.groups.iloc[-1]
    sii = result.sii
    direction = "higher" if sii.sii > 0 else "lower"
    value = formatting.format_value
    unit = unit_words(meta, plural=True)
    relative = f" (relative index {sii.rii:.2f})" if meta.get("value_type") in RELATIVE_TYPES else ""
    return (
        f"{meta['title']} ({result.period}) is {value(first['value'], meta)} in {first['label'].lower()} "
        f"and {value(last['value'], meta)} in {last['label'].lower()}. Across {sii.n} {noun}, the slope "
        f"index of inequality is {formatting.format_number(sii.sii, 2)} {unit} (95% CI "
        f"{formatting.format_number(sii.lower, 2)} to {formatting.format_number(sii.upper, 2)}): the fitted "
        f"value is {formatting.format_number(abs(sii.sii), 2)} {unit} {direction} at the least "
        f"deprived end than at the most deprived end{relative}."
    )


def display_table(result: InequalityResult, meta: Mapping[str, Any]) -> pd.DataFrame:
    """The group table shown under the chart."""
    groups = result.groups
    return pd.DataFrame(
        {
            "Group": groups["label"],
            "Value": [
                formatting.format_value(v, meta) + (" ≈ *" if a else "")
                for v, a in zip(groups["value"], groups["approximate"], strict=True)
            ],
            "Value (number)": groups["value"],
            "Lower 95% CI": groups["lower_ci_95"],
            "Upper 95% CI": groups["upper_ci_95"],
            "Areas": groups["areas"],
            "Residents": groups["population"],
            "Method": groups["method"],
        }
    )


def export_frame(result: InequalityResult, meta: Mapping[str, Any]) -> pd.DataFrame:
    """Per-area rows (rank, position, group) and per-group rows, with the SII and provenance."""
    areas = result.areas.assign(row_type="area", indicator_id=meta["indicator_id"])
    groups = result.groups.assign(
        row_type="group",
        indicator_id=meta["indicator_id"],
        period=result.period,
        area_name=result.groups["label"],
    )
    out = pd.concat([areas, groups], ignore_index=True)
    out["grouping"] = result.grouping
    out["deprivation_measure"] = f"IMD score, IoD {result.deprivation_period}"
    if result.sii is not None:
        out["sii"] = result.sii.sii
        out["sii_lower_95"] = result.sii.lower
        out["sii_upper_95"] = result.sii.upper
        out["rii"] = result.sii.rii
    return with_meta(out, meta)

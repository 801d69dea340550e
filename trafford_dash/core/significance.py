"""Significance of areas against a comparator, as Fingertips does it, for any rows of the values store.

An area's value is compared with a comparator row (Trafford, England, Greater Manchester, a peer
average or another area) using the intervals at the chosen confidence level: against a point
benchmark, the area differs when the benchmark lies outside its interval; against an area with an
interval, they differ when the intervals do not overlap. Where the source publishes OHID's own label
against England and no interval is available, that label is used and said to be published.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from trafford_dash.core import config, palettes, stats

CONFIDENCE_LEVELS = {"95": 0.95, "99.8": 0.998}


def ci_columns(confidence: str = "95") -> tuple[str, str]:
    """The lower/upper column names for a confidence level ("95" or "99.8")."""
    if confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"Confidence must be one of {sorted(CONFIDENCE_LEVELS)}, not {confidence!r}.")
    suffix = "95" if confidence == "95" else "998"
    return f"lower_ci_{suffix}", f"upper_ci_{suffix}"


def comparator_row(
    rows: pd.DataFrame,
    area_code: str,
    period: str,
    sex: str = "Persons",
    age: str = "All ages",
) -> Mapping[str, Any] | None:
    """The comparator's row for the same period, sex and age, or ``None`` when it has none."""
    match = rows[
        (rows["area_code"] == area_code)
        & (rows["period"] == period)
        & (rows["sex"] == sex)
        & (rows["age"] == age)
        & rows["value"].notna()
    ]
    if match.empty:
        return None
    exact = match[~match["approximate"]]
    chosen = (exact if not exact.empty else match).iloc[0]
    return {str(key): value for key, value in chosen.to_dict().items()}


def significance_against(
    rows: pd.DataFrame,
    comparator: Mapping[str, Any] | None,
    polarity: str,
    confidence: str = "95",
    treat_comparator_as_point: bool = True,
) -> pd.DataFrame:
    """Add ``significance``, ``significance_method`` and ``badge`` columns to ``rows``.

    Parameters
    ----------
    rows
        Values-store rows for the areas being compared.
    comparator
        The comparator's row (see :func:`comparator_row`), or ``None``.
    polarity
        The indicator's polarity (higher_is_better, lower_is_better, no_judgement).
    confidence
        "95" or "99.8".
    treat_comparator_as_point
        Compare against the comparator's value only (as Fingertips does for benchmarks such as
        England); when False and the comparator has an interval, intervals must not overlap.
    """
    lower, upper = ci_columns(confidence)
    out = rows.copy()
    if comparator is None or pd.isna(comparator.get("value")):
        out["significance"] = "Not compared"
        out["significance_method"] = "No comparator value for this period."
    else:
        comp_lower = None if treat_comparator_as_point else comparator.get(lower)
        comp_upper = None if treat_comparator_as_point else comparator.get(upper)
        use_interval = comp_lower is not None and not pd.isna(comp_lower) and not pd.isna(comp_upper)
        labels = stats.significance(
            out["value"].to_numpy(float),
            out[lower].to_numpy(float),
            out[upper].to_numpy(float),
            float(comparator["value"]),
            np.full(len(out), comp_lower, dtype=float) if use_interval else None,
            np.full(len(out), comp_upper, dtype=float) if use_interval else None,
            polarity=polarity,
        )
        out["significance"] = labels
        method = "intervals do not overlap" if use_interval else "comparator outside the area's interval"
        no_interval = out[lower].isna() | out[upper].isna()
        out["significance_method"] = np.where(
            no_interval, "Not tested: no confidence interval for this value", f"{confidence}% CI: {method}"
        )
        published = _published_fallback(out, comparator)
        out.loc[published, "significance"] = out.loc[published, "significance_england"]
        out.loc[published, "significance_method"] = "Published by OHID (compared with England)"
    out["badge"] = out["significance"].map(palettes.significance_badge)
    return out


def _published_fallback(rows: pd.DataFrame, comparator: Mapping[str, Any]) -> pd.Series:
    """Rows that have no interval but carry OHID's own label, when the comparator is England."""
    if comparator.get("area_code") != config.ENGLAND_CODE:
        return pd.Series(False, index=rows.index)
    return (rows["significance"] == "Not compared") & rows["significance_england"].notna()


def summarise(rows: pd.DataFrame, comparator_name: str, title: str) -> str:
    """One plain-English sentence counting how many areas are better, similar or worse."""
    counts = rows["significance"].value_counts()
    labels = [label for label in palettes.SIGNIFICANCE_STYLE if label in counts]
    parts = [f"{int(counts[label])} {label.lower()}" for label in labels]
    if not parts:
        return f"No areas could be compared with {comparator_name} on {title.lower()}."
    return f"{title}: compared with {comparator_name}, " + ", ".join(parts) + "."

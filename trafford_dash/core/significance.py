"""Significance of areas against a comparator, as Fingertips does it: one engine for every page.

:func:`compare` labels any rows of the values store against per-row (or single) comparator values,
optionally with the comparator's own intervals, with per-row or single polarity, at 95% or 99.8%.
Against a point benchmark, an area differs when the benchmark lies outside its interval; against an
area with an interval, they differ when the intervals do not overlap
(:func:`trafford_dash.core.stats.significance`).

When a published label wins, decided once for every page:

1. Suppressed rows are never compared.
2. A label computed from the row's interval always wins, even where OHID publishes its own label.
3. OHID's published label against England is used only when the row has no interval and the
   comparator is England (whether or not England's own figure is to hand), and is said to be published.
4. Otherwise a row without an interval, or without a comparator value, is "Not compared" (and
   says which).

The method sentences below are the only wording the dashboard uses for how a label was reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from trafford_dash.core import config, palettes, stats

CONFIDENCE_LEVELS = {"95": 0.95, "99.8": 0.998}

NOT_COMPARED = stats.NOT_COMPARED
POINT_DIFFERS = "{confidence}% CI: comparator outside the area's interval"
POINT_SIMILAR = "{confidence}% CI: comparator inside the area's interval"
OVERLAP_DIFFERS = "{confidence}% CI: intervals do not overlap"
OVERLAP_SIMILAR = "{confidence}% CI: intervals overlap"
NO_INTERVAL = "No confidence interval for this figure, so not tested."
NO_COMPARATOR = "No comparator value for this period."
PUBLISHED = "Published by OHID (compared with England)"
SUPPRESSED = "Suppressed (small numbers), so not compared."
DIFFERENT_PERIOD = "Different period: not compared."
REFERENCE = "Reference area"


def ci_columns(confidence: str = "95") -> tuple[str, str]:
    """The lower/upper column names for a confidence level ("95" or "99.8")."""
    if confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"Confidence must be one of {sorted(CONFIDENCE_LEVELS)}, not {confidence!r}.")
    suffix = "95" if confidence == "95" else "998"
    return f"lower_ci_{suffix}", f"upper_ci_{suffix}"


def _per_row(values: Any, index: pd.Index) -> pd.Series:
    """A scalar, array or Series as float values aligned to ``index``."""
    if isinstance(values, pd.Series):
        return pd.to_numeric(values, errors="coerce").reindex(index).astype(float)
    return pd.Series(np.broadcast_to(np.asarray(values, dtype=float), len(index)), index=index)


def compare(
    rows: pd.DataFrame,
    comparator_value: Any,
    polarity: str | pd.Series,
    confidence: str = "95",
    comparator_lower: Any = None,
    comparator_upper: Any = None,
    comparator_code: str | None = None,
    use_published: bool = True,
) -> pd.DataFrame:
    """``significance`` and ``significance_method`` for each row of ``rows`` (same index).

    Parameters
    ----------
    rows
        Rows with ``value`` and the interval columns of ``confidence``; ``suppressed`` and
        ``significance_england`` (OHID's published label) are used where present.
    comparator_value, comparator_lower, comparator_upper
        The comparator per row (Series aligned to ``rows``) or one for all (scalar). Give both limits
        to compare intervals (rows whose comparator limits are missing fall back to the point rule);
        omit them to treat the comparator as a point benchmark.
    polarity
        One polarity for all rows, or a Series of polarities aligned to ``rows``.
    comparator_code
        The comparator's area code: OHID's published label is considered only when it is England's
        (and ``use_published`` is true).
    """
    lower, upper = ci_columns(confidence)
    index = rows.index
    area = pd.DataFrame({"value": rows["value"], "lower": rows[lower], "upper": rows[upper]}, index=index)
    area = area.apply(lambda column: _per_row(column, index))
    given = comparator_lower is not None and comparator_upper is not None
    comp = pd.DataFrame(
        {
            "value": _per_row(comparator_value, index),
            "lower": _per_row(comparator_lower if given else np.nan, index),
            "upper": _per_row(comparator_upper if given else np.nan, index),
        }
    )
    polarities = polarity if isinstance(polarity, pd.Series) else pd.Series(polarity, index=index)
    labels, method = _computed(area, comp, polarities, confidence)
    untested = area.isna().any(axis=1)
    method[untested] = NO_INTERVAL
    method[comp["value"].isna()] = NO_COMPARATOR
    if use_published and comparator_code == config.ENGLAND_CODE and "significance_england" in rows:
        label = rows["significance_england"]
        published = untested & label.notna() & ~label.isin(["", NOT_COMPARED])
        labels[published] = label[published]
        method[published] = PUBLISHED
    if "suppressed" in rows:
        suppressed = rows["suppressed"].fillna(False).astype(bool)
        labels[suppressed] = NOT_COMPARED
        method[suppressed] = SUPPRESSED
    return pd.DataFrame({"significance": labels, "significance_method": method}, index=index)


def _computed(
    area: pd.DataFrame, comp: pd.DataFrame, polarities: pd.Series, confidence: str
) -> tuple[pd.Series, pd.Series]:
    """Labels by :func:`trafford_dash.core.stats.significance`, polarity by polarity, and the sentence
    saying which rule gave each (interval overlap where the comparator has both limits, else point)."""
    overlap = comp["lower"].notna() & comp["upper"].notna()
    labels = pd.Series(NOT_COMPARED, index=area.index, dtype=object)
    for kind in polarities.dropna().unique():
        chosen = (polarities == kind).to_numpy()
        labels[chosen] = stats.significance(
            area["value"][chosen],
            area["lower"][chosen],
            area["upper"][chosen],
            comp["value"][chosen],
            comp["lower"][chosen].where(overlap[chosen]),
            comp["upper"][chosen].where(overlap[chosen]),
            polarity=str(kind),
        )
    similar = labels == stats.SIMILAR
    method = np.select(
        [overlap & ~similar, overlap, ~similar],
        [OVERLAP_DIFFERS, OVERLAP_SIMILAR, POINT_DIFFERS],
        POINT_SIMILAR,
    )
    sentences = pd.Series(method, index=area.index, dtype=object)
    return labels, sentences.str.replace("{confidence}", confidence, regex=False)


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
    """Add ``significance``, ``significance_method`` and ``badge`` columns to ``rows`` (see :func:`compare`).

    ``comparator`` is the comparator's row (see :func:`comparator_row`) or ``None``. With
    ``treat_comparator_as_point`` (as Fingertips does for benchmarks such as England) only its value
    is used; otherwise, when it has an interval, intervals must not overlap.
    """
    lower, upper = ci_columns(confidence)
    comparator = comparator or {}
    point = treat_comparator_as_point
    labelled = compare(
        rows,
        comparator.get("value", np.nan),
        polarity,
        confidence,
        None if point else comparator.get(lower, np.nan),
        None if point else comparator.get(upper, np.nan),
        comparator_code=comparator.get("area_code"),
    )
    out = rows.copy()
    out["significance"] = labelled["significance"]
    out["significance_method"] = labelled["significance_method"]
    out["badge"] = out["significance"].map(palettes.significance_badge)
    return out


def summarise(rows: pd.DataFrame, comparator_name: str, title: str) -> str:
    """One plain-English sentence counting how many areas are better, similar or worse."""
    counts = rows["significance"].value_counts()
    labels = [label for label in palettes.SIGNIFICANCE_STYLE if label in counts]
    parts = [f"{int(counts[label])} {label.lower()}" for label in labels]
    if not parts:
        return f"No areas could be compared with {comparator_name} on {title.lower()}."
    return f"{title}: compared with {comparator_name}, " + ", ".join(parts) + "."

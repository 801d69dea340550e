"""Rows of the values store for tests that build their own small frames."""

from __future__ import annotations

from typing import Any

import pandas as pd

from trafford_dash.store.schema import VALUE_COLUMNS

# What almost every test row shares: the whole population, no note, shown as published.
COMMON: dict[str, Any] = {
    "sex": "Persons",
    "age": "All ages",
    "value_note": "",
    "approximate": False,
    "suppressed": False,
}


# What a row without a count, a 99.8% interval or a significance call against England leaves empty.
NO_COUNTS: dict[str, Any] = {
    "lower_ci_998": float("nan"),
    "upper_ci_998": float("nan"),
    "count": float("nan"),
    "denominator": float("nan"),
    "significance_england": None,
}


def value_row(fill: Any = None, **fields: Any) -> dict[str, Any]:
    """A row with every column of the store in order: ``fields``, then :data:`COMMON`, ``fill`` elsewhere."""
    return dict.fromkeys(VALUE_COLUMNS, fill) | COMMON | fields


def ward_frame(
    indicator: str,
    values: list[float],
    *,
    code: str = "A",
    name: str = "Area",
    period: str = "2021",
    vintage: str = "2022",
    **columns: list[float],
) -> pd.DataFrame:
    """One indicator at numbered wards (``A0``, ``A1`` … unless ``code`` says) with ``values``, 2021 figures.

    Other columns are as given in ``columns``.
    """
    out = pd.DataFrame({column: [None] * len(values) for column in VALUE_COLUMNS})
    out["area_code"] = [f"{code}{i}" for i in range(len(values))]
    out["area_name"] = [f"{name} {i}" for i in range(len(values))]
    out["level"] = "ward"
    out["vintage"] = vintage
    out["indicator_id"] = indicator
    out["period"] = period
    out["year"] = 2021
    out["sex"] = "Persons"
    out["age"] = "All ages"
    out["value"] = values
    out["approximate"] = False
    out["suppressed"] = False
    out["value_note"] = ""
    for column_name, column in columns.items():
        out[column_name] = column
    return out


def census_meta(indicator_id: str, title: str, **extra: Any) -> dict[str, Any]:
    """A catalogue row for a Census proportion where lower is better, with ``extra`` fields."""
    return {
        "indicator_id": indicator_id,
        "title": title,
        "polarity": "lower_is_better",
        "unit": "%",
        "value_type": "proportion",
        "source": "Census",
        "licence": "OGL-UK-3.0",
        "attribution": "OGL",
    } | extra


def inequality_frames(
    indicator: str, values: list[float], deprivation: list[float], population: float
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Ward frames for an inequality analysis: ``values``, IMD scores and an even ``population`` per ward."""
    return (
        ward_frame(indicator, values),
        ward_frame("imd_score", deprivation),
        ward_frame("population", [population] * len(values)),
    )

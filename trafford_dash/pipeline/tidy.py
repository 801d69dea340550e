"""Helpers that put loader output into the tidy values shape."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from trafford_dash.core.periods import period_end_year
from trafford_dash.store import columns
from trafford_dash.store.schema import VALUE_COLUMNS

NUMERIC_COLUMNS = columns.MEASURES
TEXT_COLUMNS = (*columns.AREA, "indicator_id", "period", *columns.BREAKDOWN, "value_note", "source_key")

_DEFAULTS: dict[str, Any] = {
    "vintage": "",
    "year": pd.NA,
    "sex": "Persons",
    "age": "All ages",
    "value": np.nan,
    "lower_ci_95": np.nan,
    "upper_ci_95": np.nan,
    "lower_ci_998": np.nan,
    "upper_ci_998": np.nan,
    "count": np.nan,
    "denominator": np.nan,
    "significance_england": None,
    "value_note": "",
    "approximate": False,
    "suppressed": False,
}


def to_values(frame: pd.DataFrame, **fixed: Any) -> pd.DataFrame:
    """Return ``frame`` with every values-store column, in order, filling defaults.

    Columns given in ``fixed`` are set to that value for every row. ``year`` is derived from
    ``period`` when the loader does not give it.
    """
    out = frame.copy()
    for column, value in fixed.items():
        out[column] = value
    for column, default in _DEFAULTS.items():
        if column not in out:
            out[column] = default
    missing = [c for c in VALUE_COLUMNS if c not in out and c != "year"]
    if missing:
        raise ValueError(f"Loader output lacks columns {missing}.")
    if out["year"].isna().all():
        out["year"] = out["period"].map(period_end_year)
    out["year"] = out["year"].astype("Int64")
    for column in NUMERIC_COLUMNS:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype(str)
    out["approximate"] = out["approximate"].astype(bool)
    out["suppressed"] = out["suppressed"].astype(bool)
    out["significance_england"] = (
        out["significance_england"].astype(object).where(out["significance_england"].notna(), None)
    )
    return out[VALUE_COLUMNS].reset_index(drop=True)

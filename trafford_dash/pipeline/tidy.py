"""Helpers that put loader output into the tidy values shape."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

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

_YEAR_WITH_SUFFIX = re.compile(r"(\d{4})(?:\s*([/-])\s*(\d{2})(?!\d))?")
_TRAILING_SUFFIX = re.compile(r"[/-]\s*(\d{2})\s*$")


def _suffix_year(base: int, suffix: int) -> int:
    candidate = (base // 100) * 100 + suffix
    return candidate + 100 if candidate < base else candidate


def period_end_year(label: object) -> int | None:
    """The last calendar or financial year a period label covers, for ordering trends.

    ``"2015 - 17"`` → 2017, ``"2017/18 to 2019/20"`` → 2020, ``"2020-06-30"`` → 2020,
    ``"2022/23 - 24/25"`` → 2025, ``"2009-11"`` → 2011, ``"2022-02"`` (a month) → 2022.
    Financial years count by the calendar year they end in.
    """
    if label is None or (isinstance(label, float) and np.isnan(label)):
        return None
    text = re.sub(r"(\d{4})-\d{2}-\d{2}", r"\1", str(label).strip())
    end: int | None = None
    for match in _YEAR_WITH_SUFFIX.finditer(text):
        year = int(match[1])
        if match[3] is not None:
            suffix = int(match[3])
            is_month = match[2] == "-" and suffix <= year % 100 and suffix <= 12
            if not is_month:
                year = _suffix_year(year, suffix)
        end = year if end is None else max(end, year)
    if end is None:
        return None
    trailing = _TRAILING_SUFFIX.search(text)
    if trailing and not re.search(r"\d{4}\s*[/-]\s*\d{2}\s*$", text):
        end = max(end, _suffix_year(end, int(trailing[1])))
    return end


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

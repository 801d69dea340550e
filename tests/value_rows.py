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


def value_row(fill: Any = None, **fields: Any) -> dict[str, Any]:
    """A row with every column of the store in order: ``fields``, then :data:`COMMON`, ``fill`` elsewhere."""
    return dict.fromkeys(VALUE_COLUMNS, fill) | COMMON | fields


def ward_frame(indicator: str, values: list[float], **columns: list[float]) -> pd.DataFrame:
    """One indicator at numbered wards (``A0``, ``A1`` …) with ``values``; other columns as given."""
    out = pd.DataFrame({column: [None] * len(values) for column in VALUE_COLUMNS})
    out["area_code"] = [f"A{i}" for i in range(len(values))]
    out["area_name"] = [f"Area {i}" for i in range(len(values))]
    out["level"] = "ward"
    out["vintage"] = "2022"
    out["indicator_id"] = indicator
    out["period"] = "2021"
    out["year"] = 2021
    out["sex"] = "Persons"
    out["age"] = "All ages"
    out["value"] = values
    out["approximate"] = False
    out["suppressed"] = False
    out["value_note"] = ""
    for name, column in columns.items():
        out[name] = column
    return out

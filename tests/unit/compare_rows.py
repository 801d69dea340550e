"""Values-store rows for the compare tests: one area, indicator and period with the usual defaults."""

from __future__ import annotations

from typing import Any

import pandas as pd

from trafford_dash.compare.side import AreaKey
from trafford_dash.store.schema import VALUE_COLUMNS


def value_row(area: AreaKey, indicator: str, period: str, **fields: Any) -> dict[str, Any]:
    """Every store column (``None`` unless given), for Persons, All ages, with no note and no flags."""
    out: dict[str, Any] = dict.fromkeys(VALUE_COLUMNS)
    out |= {
        "area_code": area.code,
        "area_name": area.label,
        "level": area.level,
        "vintage": area.vintage,
        "indicator_id": indicator,
        "period": period,
        "year": int(period[:4]),
        "sex": "Persons",
        "age": "All ages",
        "value_note": "",
        "approximate": False,
        "suppressed": False,
    }
    return out | fields


def ward_frame(
    indicator: str,
    values: list[float],
    code: str = "A",
    name: str = "Area",
    period: str = "2021",
    vintage: str = "2022",
) -> pd.DataFrame:
    """One ward row per value (codes ``A0``, ``A1``, … unless ``code`` says otherwise), 2021 figures."""
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

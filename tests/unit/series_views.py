"""Series helpers the tests read: one area's series as a frame, and the periods of a frame in order."""

from __future__ import annotations

import pandas as pd

from trafford_dash.core.summaries import records
from trafford_dash.core.trends import series_records, sort_key


def area_series(rows: pd.DataFrame, area_code: str, sex: str, age: str) -> pd.DataFrame:
    """:func:`series_records` for a frame, returning a frame."""
    found = series_records(records(rows), area_code, sex, age)
    return pd.DataFrame(found, columns=rows.columns) if found else rows.iloc[0:0]


def period_order(rows: pd.DataFrame) -> list[str]:
    """Every period in ``rows`` once, in time order."""
    seen: dict[str, tuple[int, str]] = {}
    for row in records(rows[["period", "year"]]):
        seen.setdefault(str(row["period"]), sort_key(row))
    return sorted(seen, key=lambda p: seen[p])

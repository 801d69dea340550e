"""The profile's "Places that serve this area": each places indicator for the area beside Trafford.

The indicators are the catalogue's ``places`` theme, in catalogue order, so a new places indicator
appears here without a change to the page. Each row carries its period (the source data's date)
and source; figures are counts of places (or places per 1,000 residents), not samples, so they have
no confidence interval.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import config, formatting

THEME = "places"
NOTE = (
    "Counts of places located in the area (each place is counted in the ward whose boundary contains "
    "it), not samples, so there are no confidence intervals. Rates are per 1,000 mid-2024 residents. "
    "Each figure's period is the date of its source data, which differs between sources."
)


def place_indicators(catalogue: pd.DataFrame) -> list[str]:
    """The indicator ids of the places theme, in catalogue order."""
    return [str(i) for i in catalogue.loc[catalogue["theme"] == THEME, "indicator_id"]]


def _value(rows: pd.DataFrame, indicator: str, code: str, meta: dict[str, object]) -> str:
    found = rows[(rows["indicator_id"] == indicator) & (rows["area_code"] == code)]
    if found.empty:
        return "no data"
    row = found.iloc[0]
    approx = "≈ " if bool(row["approximate"]) else ""
    return approx + formatting.format_value(row["value"], meta)


def places_table(
    catalogue: pd.DataFrame, rows: pd.DataFrame, area_code: str, area_label: str
) -> pd.DataFrame:
    """One row per places indicator: what, the area's figure, Trafford's, the period and the source.

    ``rows`` are the values rows of the places indicators for the area (its level and vintage) and
    for Trafford (level borough).
    """
    metas = catalogue.set_index("indicator_id")
    records = []
    for indicator in place_indicators(catalogue):
        meta = {str(k): v for k, v in metas.loc[indicator].to_dict().items()}
        periods = rows.loc[rows["indicator_id"] == indicator, "period"]
        records.append(
            {
                "Place": str(meta["title"]),
                area_label: _value(rows, indicator, area_code, meta),
                "Trafford": _value(rows, indicator, config.TRAFFORD_CODE, meta),
                "Period": str(periods.iloc[0]) if not periods.empty else str(meta.get("period") or ""),
                "Source": str(meta["source"]),
            }
        )
    return pd.DataFrame(records)

"""Values-store rows for the compare tests: one area, indicator and period with the usual defaults."""

from __future__ import annotations

from typing import Any

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

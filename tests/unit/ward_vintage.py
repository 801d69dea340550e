"""The ward vintage of a ward code, for tests of the areas table."""

from __future__ import annotations

import pandas as pd


def ward_vintage_of(areas: pd.DataFrame, code: str) -> str | None:
    """The ward vintage a ward code belongs to (``None`` for other codes)."""
    match = areas[(areas["area_code"] == code) & (areas["level"] == "ward")]
    vintages = sorted(set(match["vintage"]))
    return vintages[0] if len(vintages) == 1 else None

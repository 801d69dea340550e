"""Tiny values-store frames for the pillar tests: a handful of rows for Trafford and its benchmarks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tests.value_rows import value_row
from trafford_dash.core import config
from trafford_dash.store.schema import VALUE_COLUMNS

LEVELS = {
    config.TRAFFORD_CODE: ("Trafford", "borough"),
    config.ENGLAND_CODE: ("England", "country"),
    config.GM_CODE: ("Greater Manchester", "region"),
    "cipfa": ("CIPFA nearest neighbours (mean)", "peer_group"),
    "nhs_near_neighbours": ("NHS England near neighbours (mean)", "peer_group"),
    "childrens_services": ("Children's services statistical neighbours (mean)", "peer_group"),
    "nbh_north": ("North", "neighbourhood"),
    "nbh_south": ("South", "neighbourhood"),
    "E08000001": ("Bolton", "local_authority"),
    "E08000002": ("Bury", "local_authority"),
    "E07000001": ("A district", "local_authority"),
    "E10000001": ("A county", "local_authority"),
}


def row(area: str, period: str, value: float | None, **extra: Any) -> dict[str, Any]:
    """One values-store row with defaults (Persons, All ages, no interval)."""
    name, level = LEVELS.get(area, (area, "ward"))
    base = value_row(
        np.nan,
        area_code=area,
        area_name=name,
        level=level,
        vintage="2022" if level in ("neighbourhood", "ward") else "",
        indicator_id="ind_a",
        period=period,
        year=int(period[:4]),
        value=np.nan if value is None else float(value),
        significance_england=None,
        source_key="test",
    )
    return base | extra


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    """Rows as a frame with the store's columns in order."""
    return pd.DataFrame(list(rows), columns=VALUE_COLUMNS)


def meta(indicator_id: str = "ind_a", polarity: str = "lower_is_better", **extra: Any) -> dict[str, Any]:
    """A catalogue row."""
    return {
        "indicator_id": indicator_id,
        "title": "Test indicator, %",
        "definition": "A test indicator used in the unit tests.",
        "pillars": "Prevention;Urgent Care",
        "priority": "",
        "theme": "health",
        "polarity": polarity,
        "value_type": "proportion",
        "unit": "%",
        "multiplier": 100.0,
        "ci_method": "wilson",
        "aggregation": "none",
        "levels": "borough",
        "ward_vintages": "",
        "period": "2023",
        "source": "Test source",
        "licence": "OGL-UK-3.0",
        "attribution": "Test attribution.",
        "published": "",
        "fingertips_id": "",
    } | extra

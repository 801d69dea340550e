"""The four neighbourhoods' figures for a tile: the latest period of the best ward vintage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from trafford_dash.core import config, trends


def neighbourhood_records(rows: Sequence[trends.Record], sex: str, age: str) -> list[trends.Record]:
    """The four neighbourhoods' latest rows, from the ward vintage with the most recent figures.

    Ties go to the vintage with fewer approximations, then to the plan's own wards (2022).
    """
    nbh = [r for r in rows if r["level"] == "neighbourhood" and not trends.missing(r["value"])]
    if not nbh:
        return []
    if not any(r["sex"] == sex and r["age"] == age for r in nbh):
        sex, age = trends.choose_slice(nbh)
    nbh = [r for r in nbh if r["sex"] == sex and r["age"] == age]
    best: tuple[Any, ...] | None = None
    chosen: list[trends.Record] = []
    for vintage in sorted({str(r["vintage"]) for r in nbh}):
        group = [r for r in nbh if r["vintage"] == vintage]
        latest = max(group, key=trends.sort_key)
        candidate = [r for r in group if r["period"] == latest["period"]]
        share_exact = sum(not r["approximate"] for r in candidate) / len(candidate)
        key = (trends.sort_key(latest)[0], share_exact, vintage == "2022")
        if best is None or key > best:
            best, chosen = key, candidate
    order = [config.neighbourhood_code(n) for n in config.NEIGHBOURHOODS]
    return sorted(chosen, key=lambda r: order.index(r["area_code"]) if r["area_code"] in order else 99)


def neighbourhood_rows(rows: pd.DataFrame, sex: str, age: str) -> pd.DataFrame:
    """:func:`neighbourhood_records` for a frame, returning a frame."""
    found = neighbourhood_records(trends.records(rows), sex, age)
    return pd.DataFrame(found, columns=rows.columns) if found else rows.iloc[0:0]

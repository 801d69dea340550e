"""How old a tile's figure is, and whether it is *dated*: more than three years older than the newest
figure any indicator from the same source has in the store.

A discontinued or rarely updated series (a survey last run in 2017/18, say) then says so in words
beside its value, rather than sitting unmarked among this year's figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from trafford_dash.core import trends

DATED_AFTER_YEARS = 3

Newest = dict[str, tuple[int, str]]


def newest_by_source(tiles: pd.DataFrame) -> Newest:
    """Each source's newest period among the tiles: ``{source: (end year, period label)}``."""
    out: Newest = {}
    if tiles.empty or "year" not in tiles:
        return out
    for row in trends.records(tiles[["source", "year", "period"]]):
        if trends.missing(row["year"]) or row["year"] is None:
            continue
        found = (int(row["year"]), str(row["period"]))
        current = out.get(str(row["source"]))
        if current is None or found > current:
            out[str(row["source"])] = found
    return out


def years_old(year: object, this_year: int) -> int | None:
    """Whole years between the end of a figure's period and ``this_year`` (never negative)."""
    if year is None or trends.missing(year):
        return None
    return max(this_year - int(year), 0)  # type: ignore[call-overload]


def age_text(year: object, this_year: int) -> str:
    """``"from this year"``, ``"1 year old"``, ``"9 years old"``, or "" without a year."""
    age = years_old(year, this_year)
    if age is None:
        return ""
    if age == 0:
        return "from this year"
    return f"{age} year{'s' if age != 1 else ''} old"


def dated_by(tile: Mapping[str, Any], newest: Newest) -> int | None:
    """How many years older than its source's newest figure a tile's figure is, when that is more than
    :data:`DATED_AFTER_YEARS` (so it is dated); otherwise None."""
    year, found = tile.get("year"), newest.get(str(tile.get("source")))
    if found is None or year is None or trends.missing(year):
        return None
    gap = found[0] - int(year)
    return gap if gap > DATED_AFTER_YEARS else None


def dated_text(tile: Mapping[str, Any], newest: Newest) -> str:
    """``"8 years older than this source's newest figures (2025/26)"`` for a dated figure, else ""."""
    gap = dated_by(tile, newest)
    if gap is None:
        return ""
    return f"{gap} years older than this source's newest figures ({newest[str(tile['source'])][1]})"


def merged(*found: Newest) -> Newest:
    """The newest period per source across several :func:`newest_by_source` results."""
    out: Newest = {}
    for newest in found:
        for source, period in newest.items():
            out[source] = max(out.get(source, period), period)
    return out


def describe(tile: Mapping[str, Any], this_year: int) -> str:
    """``"2017/18, 9 years old"``: a tile's (or an exceptions row's) period and its age."""
    period = str(tile.get("period") or "")
    age = age_text(tile.get("year"), this_year)
    return f"{period}, {age}" if period and age else period

"""The precision each indicator is published with, and rounding figures back to it for export.

The build reads it from the figures themselves: an indicator's decimal places are the fewest (up to
:data:`MAX_DECIMALS`) that every published value needs, so 23.4 and 19.0 give 1 and 0.123 gives 3.
Published means as the source gave them: rows the dashboard derived (neighbourhood and Trafford
aggregates, peer-group means) are left out. Where the source gives only counts and the dashboard
works out the rate (Census percentages), there is no published precision and
:data:`COMPUTED_DECIMALS` is used. The result is the ``decimals`` column of the store's catalogue.

Exports (the app's CSV files and ``python -m trafford_dash export``) round every figure of an
indicator to its decimals: the value, its confidence limits and the comparator values beside it,
so no download claims more precision than the source published.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

MAX_DECIMALS = 3
COMPUTED_DECIMALS = 1
"""For rates the dashboard computes from counts: one decimal place, as ONS publishes Census percentages."""
DERIVED_PREFIX = "derived:"
_TOLERANCE = 1e-9
FIGURE_COLUMN = re.compile(r"^(value|(lower|upper)_ci_\d+|\w+_value|reference(_\w+)?|\w+_ward_(min|max))$")
"""Columns holding an indicator's figures, in any export: its value, limits and comparators."""


def published_decimals(values: pd.DataFrame) -> pd.Series:
    """Decimal places per indicator (a Series indexed by ``indicator_id``) from the values table."""
    published = values[~values["source_key"].str.startswith(DERIVED_PREFIX) & ~values["approximate"]]
    published = published[published["value"].notna()]
    figures = published["value"].astype(float).to_numpy()
    scale = np.maximum(1.0, np.abs(figures))
    decimals = pd.Series(
        COMPUTED_DECIMALS, index=pd.Index(values["indicator_id"].unique(), name="indicator_id")
    )
    settled: set[str] = set()
    for places in range(MAX_DECIMALS + 1):
        exact = np.abs(np.round(figures, places) - figures) <= _TOLERANCE * scale
        whole = pd.Series(exact, index=published.index).groupby(published["indicator_id"]).all()
        found = [key for key in whole.index[whole.to_numpy()] if key not in settled]
        decimals[found] = places
        settled.update(found)
    return decimals.astype(int)


def with_decimals(catalogue: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with a ``decimals`` column: each indicator's published decimal places."""
    decimals = catalogue["indicator_id"].map(published_decimals(values))
    return catalogue.assign(decimals=decimals.fillna(COMPUTED_DECIMALS).astype(int))


def figure_columns(frame: pd.DataFrame) -> list[str]:
    """The numeric columns of an export that hold an indicator's figures."""
    return [
        column
        for column in frame.columns
        if FIGURE_COLUMN.match(str(column)) and pd.api.types.is_numeric_dtype(frame[column])
    ]


def round_figures(frame: pd.DataFrame, decimals: object) -> pd.DataFrame:
    """A copy with each indicator's figures rounded to its published decimal places.

    ``decimals`` is one indicator's places (a number), or places by ``indicator_id`` (a mapping or
    Series) for a frame with that column. Indicators without a known precision, such as locally
    supplied ones, and a ``decimals`` of ``None`` or NaN leave the figures as they are.
    """
    out = frame.copy()
    columns = figure_columns(out)
    if not columns:
        return out
    if isinstance(decimals, Mapping | pd.Series):
        if "indicator_id" not in out:
            return out
        places = out["indicator_id"].map(pd.Series(decimals, dtype="Int64"))
    else:
        places = pd.Series(_places(decimals), index=out.index, dtype="Int64")
    for value in places.dropna().unique():
        rows = places.eq(value).fillna(False).to_numpy(dtype=bool)
        out.loc[rows, columns] = out.loc[rows, columns].round(int(value))
    return out


def _places(decimals: object) -> int | None:
    if isinstance(decimals, bool) or not isinstance(decimals, int | float | np.integer | np.floating):
        return None
    return None if np.isnan(decimals) else int(decimals)

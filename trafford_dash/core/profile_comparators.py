"""A profile's comparators: Trafford, Greater Manchester and England beside each of the area's figures.

Each comparator's row is the one for the same indicator, period, sex and age (exact figures before
approximations). Significance uses the one engine, :func:`trafford_dash.core.significance.compare`, at
95%:

- against Trafford and Greater Manchester the intervals are compared (they differ when the two 95%
  intervals do not overlap); a comparator without an interval is a point benchmark;
- against England, a point benchmark as OHID does, with OHID's published label for wards that carry
  one when no test is possible.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trafford_dash.core import config, significance


@dataclass(frozen=True)
class Comparator:
    """Where a comparator's rows are in the store, its column prefix and how it is tested."""

    prefix: str
    name: str
    level: str
    code: str
    overlap: bool


COMPARATORS = (
    Comparator("trafford", config.TRAFFORD_NAME, "borough", config.TRAFFORD_CODE, overlap=True),
    Comparator("gm", config.GM_NAME, "region", config.GM_CODE, overlap=True),
    Comparator("england", config.ENGLAND_NAME, "country", config.ENGLAND_CODE, overlap=False),
)
KEY = ["indicator_id", "period", "sex", "age"]


def comparator_rows(data: pd.DataFrame, comparator: Comparator) -> pd.DataFrame:
    """One row per indicator, period, sex and age with the comparator's value, interval and whether
    it is an approximation (columns ``{prefix}_value``, ``_lower``, ``_upper``, ``_approximate``)."""
    found = data[
        (data["level"] == comparator.level) & (data["area_code"] == comparator.code) & data["value"].notna()
    ]
    found = found.sort_values("approximate", kind="stable").drop_duplicates(KEY)
    prefix = comparator.prefix
    return found[[*KEY, "value", "lower_ci_95", "upper_ci_95", "approximate"]].rename(
        columns={
            "value": f"{prefix}_value",
            "lower_ci_95": f"{prefix}_lower",
            "upper_ci_95": f"{prefix}_upper",
            "approximate": f"{prefix}_approximate",
        }
    )


def with_comparators(table: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """``table`` (the area's rows) with every comparator's columns merged beside each row."""
    for comparator in COMPARATORS:
        table = table.merge(comparator_rows(data, comparator), on=KEY, how="left")
        flag = f"{comparator.prefix}_approximate"
        table[flag] = table[flag].astype("boolean").fillna(False).astype(bool)
    return table


def add_significance(table: pd.DataFrame, use_published: bool) -> pd.DataFrame:
    """``sig_{prefix}`` and ``sig_method_{prefix}`` for every comparator (see the module docstring).

    ``use_published`` lets OHID's published label against England stand where no test is possible.
    """
    out = table.copy()
    for comparator in COMPARATORS:
        prefix = comparator.prefix
        labelled = significance.compare(
            out,
            out[f"{prefix}_value"],
            out["polarity"],
            comparator_lower=out[f"{prefix}_lower"] if comparator.overlap else None,
            comparator_upper=out[f"{prefix}_upper"] if comparator.overlap else None,
            comparator_code=comparator.code,
            use_published=use_published and comparator.prefix == "england",
        )
        out[f"sig_{prefix}"] = labelled["significance"]
        out[f"sig_method_{prefix}"] = labelled["significance_method"]
    return out


def tested(table: pd.DataFrame, prefix: str) -> pd.Series:
    """Whether each row of a profile table was tested against the comparator ``prefix``."""
    return table[f"sig_{prefix}"].notna() & (table[f"sig_{prefix}"] != significance.NOT_COMPARED)


def tested_against_trafford_and_gm(table: pd.DataFrame) -> int:
    """How many indicators of a profile table were tested against both Trafford and Greater Manchester."""
    if table.empty:
        return 0
    both = tested(table, "trafford") & tested(table, "gm")
    return int(table.loc[both, "indicator_id"].nunique())


def missing_note(table: pd.DataFrame, prefix: str, name: str) -> str:
    """One sentence for a whole table on the indicators a comparator has no figure for ("" if none)."""
    shown = table[table["value"].notna()] if "value" in table else table
    missing = int(shown[f"{prefix}_value"].isna().sum())
    if not missing:
        return ""
    counted = "the indicator" if len(shown) == 1 else f"the {len(shown)} indicators"
    return f"{name}: no figure for {missing} of {counted}; those cells are blank."

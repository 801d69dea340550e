"""The plan's money figures: spend splits, totals, trajectories and the spend-to-pillar mapping.

All figures restate the Trafford Together Locality Plan (LP2019 §7.7–§9) and its 2021 refresh
(LP2021); the CSVs live in ``data/plan/``. Shares are percentages *of each body's own spend*
(NHS Trafford CCG or Trafford Council) as drawn in the plan's two pie charts. The documents give
the combined resource (£459m in 2019/20) but not how it divides between the CCG and the Council,
so the split tables carry no pounds unless a caller supplies a body's total.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from trafford_dash.store.plan import PLAN_DIR, Cited, display_path, no_repeats, pillars_ok, read_table

BODIES = ["CCG", "Council"]
SERIES = ["ccg_deficit", "ccg_efficiency_savings", "ccg_efficiency_rate", "council_budget_gap"]
SHARE_TOLERANCE_PCT = 1.0
"""How far a body's published shares may stray from 100% (the CCG's whole-number shares sum to 101)."""


class FinanceSplits(Cited):
    """``finance_splits.csv``: each body's spend by category, in % of that body's spend."""

    year: Series[str] = pa.Field(str_matches=r"^\d{4}/\d{2}$")
    body: Series[str] = pa.Field(isin=BODIES)
    category: Series[str] = pa.Field(str_length={"min_value": 1})
    share_pct: Series[float] = pa.Field(ge=0, le=100)
    amount_gbp_m: Series[float] = pa.Field(nullable=True, ge=0)
    label_status: Series[str] = pa.Field(isin=["published", "unlabelled"])
    note: Series[str]

    @pa.dataframe_check(error="repeats the year, body and category of an earlier row")
    def unique_category(cls, frame: pd.DataFrame) -> pd.Series:
        return no_repeats(frame, ["year", "body", "category"])

    @pa.dataframe_check(error="is unlabelled but has no note explaining why")
    def unlabelled_explained(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["label_status"] != "unlabelled") | (frame["note"].str.len() > 0)


class FinanceTotals(Cited):
    """``finance_totals.csv``: published totals in £ million."""

    year: Series[str] = pa.Field(str_matches=r"^\d{4}/\d{2}$")
    measure: Series[str] = pa.Field(isin=["combined_resource", "estimated_expenditure"])
    amount_gbp_m: Series[float] = pa.Field(gt=0)
    note: Series[str]

    @pa.dataframe_check(error="repeats the year and measure of an earlier row")
    def unique_total(cls, frame: pd.DataFrame) -> pd.Series:
        return no_repeats(frame, ["year", "measure"])


class FinanceTrajectories(Cited):
    """``finance_trajectories.csv``: points on the plan's financial trajectories.

    ``year`` is a financial year or period label where the plan gives one, else a description
    (``"first year"``, ``"final year"``, ``"over three years"``). The file holds only ``stated``
    points; a page that draws a line between them must mark the added points ``interpolated``.
    """

    series: Series[str] = pa.Field(isin=SERIES)
    year: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[float]
    unit: Series[str] = pa.Field(isin=["£m", "%"])
    point_type: Series[str] = pa.Field(isin=["stated", "interpolated"])
    note: Series[str]

    @pa.dataframe_check(error="repeats the series and year of an earlier row")
    def unique_point(cls, frame: pd.DataFrame) -> pd.Series:
        return no_repeats(frame, ["series", "year"])


class SpendPillars(Cited):
    """``spend_pillars.csv``: our editable mapping of spend categories to the pillars they fund."""

    body: Series[str] = pa.Field(isin=BODIES)
    category: Series[str] = pa.Field(str_length={"min_value": 1})
    pillars: Series[str]
    rationale: Series[str] = pa.Field(str_length={"min_value": 10})

    @pa.check("pillars", error="names something other than the plan's six pillars")
    def pillars_known(cls, column: Series[str]) -> pd.Series:
        return column.map(pillars_ok).astype(bool)

    @pa.dataframe_check(error="repeats the body and category of an earlier row")
    def unique_category(cls, frame: pd.DataFrame) -> pd.Series:
        return no_repeats(frame, ["body", "category"])


def load_finance_splits(path: Path | None = None) -> pd.DataFrame:
    """Load ``finance_splits.csv``: share of each body's spend by category, in %.

    ``amount_gbp_m`` is empty because the documents do not publish the bodies' totals; use
    :func:`finance_with_amounts` to add pounds from a known total.

    Raises
    ------
    ValueError
        One sentence naming the file, row and problem; also when a body's shares for a year do
        not sum to 100% within :data:`SHARE_TOLERANCE_PCT`.
    """
    path = path or PLAN_DIR / "finance_splits.csv"
    splits = read_table(path, FinanceSplits)
    for (year, body), group in splits.groupby(["year", "body"], sort=True):
        total = float(group["share_pct"].sum())
        if abs(total - 100.0) > SHARE_TOLERANCE_PCT:
            raise ValueError(
                f"{display_path(path)}: the {body} shares for {year} sum to {total:g}%, "
                f"not 100% (±{SHARE_TOLERANCE_PCT:g} for rounding)."
            )
    return splits


def load_finance_totals(path: Path | None = None) -> pd.DataFrame:
    """Load ``finance_totals.csv``: published totals in £ million (459 for 2019/20, 512 for 2021/22)."""
    return read_table(path or PLAN_DIR / "finance_totals.csv", FinanceTotals)


def load_finance_trajectories(path: Path | None = None) -> pd.DataFrame:
    """Load ``finance_trajectories.csv``: stated points of the CCG and Council trajectories."""
    return read_table(path or PLAN_DIR / "finance_trajectories.csv", FinanceTrajectories)


def load_spend_pillars(path: Path | None = None) -> pd.DataFrame:
    """Load ``spend_pillars.csv``: which pillar(s) each spend category mainly funds (our judgement)."""
    return read_table(path or PLAN_DIR / "spend_pillars.csv", SpendPillars)


def finance_with_amounts(
    splits: pd.DataFrame, total_gbp_m: float | None, *, normalise: bool = False
) -> pd.DataFrame:
    """Add £ million amounts to one body's spend shares, only when that body's total is given.

    The plan publishes the partners' combined resource (£459m, 2019/20) but not how it divides
    between the CCG and the Council, so by default no pounds are shown: with ``total_gbp_m=None``
    the splits come back unchanged (``amount_gbp_m`` empty). A total is a single body's spend, so
    ``splits`` must then hold one body and one year.

    Parameters
    ----------
    splits
        Rows of :func:`load_finance_splits`, filtered to one body and year.
    total_gbp_m
        That body's total spend in £ million, or ``None``.
    normalise
        If True, scale shares to sum to 100% first. The CCG's published whole-number shares sum
        to 101%, so without normalising its amounts add up to 1.01 × the total.

    Returns
    -------
    DataFrame
        A copy with ``amount_gbp_m = share_pct / 100 × total_gbp_m`` (in £ million).
    """
    out = splits.copy()
    if total_gbp_m is None:
        return out
    if not total_gbp_m > 0:
        raise ValueError(f"A total of £{total_gbp_m}m cannot be split; give a positive amount in £ million.")
    groups = out[["year", "body"]].drop_duplicates()
    if len(groups) != 1:
        raise ValueError(
            "A total applies to one body in one year; filter the splits to a single body and year first."
        )
    shares = out["share_pct"].astype(float)
    if normalise:
        shares = shares * 100.0 / shares.sum()
    out["amount_gbp_m"] = shares / 100.0 * float(total_gbp_m)
    return out

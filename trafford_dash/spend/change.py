"""Change in each spend area's share since the plan's published 2019/20 split."""

from __future__ import annotations

import pandas as pd

from trafford_dash.spend import finance
from trafford_dash.spend.breakdown import PLAN_SOURCE, PLAN_YEAR


def change_vs_plan(table: pd.DataFrame, plan_table: pd.DataFrame) -> pd.DataFrame:
    """Each category's share now against the plan's 2019/20 share, in percentage points.

    Categories are matched within a body ignoring case. Rows only in one of the two are kept and
    labelled, so nothing silently drops out.
    """
    now = table[["body", "category", "share_pct", "amount_gbp_m"]].assign(
        key=table["category"].str.casefold()
    )
    then = plan_table[["body", "category", "share_pct"]].assign(key=plan_table["category"].str.casefold())
    then = then.rename(columns={"category": "plan_category", "share_pct": "plan_share_pct"})
    merged = now.merge(then, on=["body", "key"], how="outer", sort=False)
    merged["category"] = merged["category"].fillna(merged["plan_category"])
    merged["change_pp"] = merged["share_pct"] - merged["plan_share_pct"]
    merged["status"] = ""
    merged.loc[merged["plan_share_pct"].isna(), "status"] = "new: not in the plan's 2019/20 split"
    merged.loc[merged["share_pct"].isna(), "status"] = "not in this budget"
    merged["year"] = str(table["year"].iloc[0]) if not table.empty else ""
    merged["compared_with"] = f"{PLAN_SOURCE}, {PLAN_YEAR} split (LP2019 §7.7)"
    merged = merged.assign(_b=merged["body"].map({b: i for i, b in enumerate(finance.BODIES)}))
    merged = merged.sort_values(["_b", "plan_share_pct"], ascending=[True, False], na_position="last")
    columns = [
        "year",
        "body",
        "category",
        "share_pct",
        "plan_share_pct",
        "change_pp",
        "status",
        "compared_with",
    ]
    return merged[columns].reset_index(drop=True)


def change_sentence(change: pd.DataFrame) -> str:
    """The biggest rise and fall in share since the plan's 2019/20 split."""
    moved = change.dropna(subset=["change_pp"])
    if moved.empty:
        return "No category can be compared with the plan's 2019/20 split."
    year = str(change["year"].iloc[0])
    rise = moved.sort_values("change_pp", ascending=False).iloc[0]
    fall = moved.sort_values("change_pp").iloc[0]
    parts = [f"Compared with the plan's {PLAN_YEAR} split, in {year}"]
    if rise["change_pp"] > 0:
        parts.append(
            f" the biggest rise is {rise['body']} {rise['category']} "
            f"(+{rise['change_pp']:.1f} percentage points)"
        )
    if fall["change_pp"] < 0:
        joiner = " and" if rise["change_pp"] > 0 else ""
        parts.append(
            f"{joiner} the biggest fall is {fall['body']} {fall['category']} "
            f"(−{abs(fall['change_pp']):.1f} points)"
        )
    if rise["change_pp"] <= 0 and fall["change_pp"] >= 0:
        parts.append(" every matched category has the same share")
    new = int((change["status"].str.startswith("new")).sum())
    gone = int((change["status"] == "not in this budget").sum())
    text = "".join(parts)
    if new or gone:
        text += (
            f"; {new} {'category is' if new == 1 else 'categories are'} new and {gone} of the plan's "
            f"{'is' if gone == 1 else 'are'} not in this budget"
        )
    return text + "."

"""The Council's actual spend from its published payments: months, shares, change, and "then and now".

Inputs are tables of net spend grouped by the payments store (``amount`` in pounds, net of refunds, and
``payments``, a count). A part year is compared like for like: the same months a year earlier. The plan's
2019/20 Council split is set beside today's shares of the spend mapped to its categories; the match is by
the reviewed mapping of service units and procurement categories, not by the Council's own budget lines.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core.provenance import OGL_LICENCE
from trafford_dash.store.payment_mapping import NOT_MAPPED

# The two supplier lines the build writes in place of names (its privacy rule).
OTHER_SUPPLIERS = "Other suppliers"
REDACTED = "Redacted"
SUPPLIER_NOTES = {
    OTHER_SUPPLIERS: "Suppliers not recognisably organisations (for example sole traders), combined so no "
    "individual is named",
    REDACTED: "Redacted by the Council before publication; kept in every total",
}
SOURCE = "Trafford Council, payments to suppliers (transparency code), published via Trafford Data Lab"
MAPPING_NOTE = (
    "Plan categories and pillars are matched to the payments by the dashboard's reviewed mapping of service "
    "units and procurement categories (data/payment_mapping.csv), not by the Council's budget lines."
)

PAYROLL_NOTE = (
    "Payments to suppliers leave out the Council's own payroll, so the plan's staffing categories have "
    "little or no matched spend and the other categories' shares are larger than in the whole budget."
)


def month_label(month: str) -> str:
    """``"2025-03"`` → ``"March 2025"``."""
    return pd.Period(month, "M").strftime("%B %Y")


def monthly(by_month: pd.DataFrame, years: pd.DataFrame) -> pd.DataFrame:
    """Net spend per month with its financial year and whether the month is complete.

    ``years`` is the store's table of payment years (``financial_year``, ``last_full_month``,
    ``part_year``); months after a year's last full month are marked incomplete.
    """
    out = by_month[["month", "amount", "payments"]].copy()
    month_start = pd.PeriodIndex(out["month"], freq="M")
    start_year = month_start.year - (month_start.month < 4)
    out.insert(0, "financial_year", [f"{y}/{(y + 1) % 100:02d}" for y in start_year])
    last_full = out["financial_year"].map(years.set_index("financial_year")["last_full_month"])
    out["complete"] = last_full.isna() | (out["month"] <= last_full.fillna(""))
    return out.reset_index(drop=True)


def latest_full_month(table: pd.DataFrame) -> str | None:
    full = table.loc[table["complete"], "month"]
    return str(full.max()) if not full.empty else None


def ordered(table: pd.DataFrame, column: str, by: str = "amount") -> pd.DataFrame:
    """Largest ``by`` first, with "Not mapped" always last."""
    last = table[column] == NOT_MAPPED
    return pd.concat([table[~last].sort_values(by, ascending=False), table[last]], ignore_index=True)


def shares(grouped: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each group's net spend and share of the total, largest first and "Not mapped" last."""
    out = grouped[[column, "amount", "payments"]].copy()
    total = float(out["amount"].sum())
    out["share_pct"] = 100 * out["amount"] / total if total else 0.0
    return ordered(out, column)


def money(amount: float) -> str:
    """Pounds in the unit that reads best: £622.1m, £48.3k, £950."""
    sign = "−" if amount < 0 else ""
    value = abs(amount)
    if value >= 1e6:
        return f"{sign}£{value / 1e6:,.1f}m"
    if value >= 1e4:
        return f"{sign}£{value / 1e3:,.1f}k"
    return f"{sign}£{value:,.0f}"


def year_sentence(table: pd.DataFrame, year: str, part_note: str) -> str:
    """The year's net spend and payments, the latest full month, and the part-year note when there is one."""
    rows = table[table["financial_year"] == year]
    latest = latest_full_month(rows)
    sentence = (
        f"In {year} the Council's published payments came to {money(float(rows['amount'].sum()))} net of "
        f"refunds, across {int(rows['payments'].sum()):,} payments."
    )
    if latest is not None:
        amount = float(rows.loc[rows["month"] == latest, "amount"].sum())
        sentence += f" The latest full month, {month_label(latest)}, came to {money(amount)}."
    return f"{sentence} {part_note}".strip()


def mapped_sentence(table: pd.DataFrame, column: str, what: str) -> str:
    """How much of the year's spend the mapping places, and the "Not mapped" total."""
    total = float(table["amount"].sum())
    unmapped = float(table.loc[table[column] == NOT_MAPPED, "amount"].sum())
    share = 100 * (total - unmapped) / total if total else 0.0
    return (
        f'{share:.1f}% of the spend is matched to {what}; {money(unmapped)} is "{NOT_MAPPED}" (spend the '
        "reviewed mapping does not place, shown rather than hidden)."
    )


def largest_sentence(table: pd.DataFrame, column: str, what: str) -> str:
    mapped = table[table[column] != NOT_MAPPED]
    if mapped.empty:
        return f"No spend is matched to a {what}."
    top = mapped.iloc[0]
    share = f"{top['share_pct']:.1f}% of all spend"
    return f"The largest {what} is {top[column]}: {money(float(top['amount']))} ({share})."


def previous_months(months: list[str]) -> list[str]:
    """The same calendar months a year earlier, for a like-for-like comparison."""
    return [str(pd.Period(month, "M") - 12) for month in months]


def previous_year(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def year_on_year(now: pd.DataFrame, before: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each group's net spend now and a year earlier (same months), the change in pounds and in %."""
    merged = now[[column, "amount"]].merge(
        before[[column, "amount"]], on=column, how="outer", suffixes=("", "_before")
    )
    merged = merged.fillna({"amount": 0.0, "amount_before": 0.0})
    merged["change"] = merged["amount"] - merged["amount_before"]
    base = merged["amount_before"].where(merged["amount_before"] > 0)
    merged["change_pct"] = 100 * merged["change"] / base
    return ordered(merged, column)


def change_sentence(change: pd.DataFrame, column: str, year: str, compared: str) -> str:
    total_now, total_before = float(change["amount"].sum()), float(change["amount_before"].sum())
    if total_before <= 0:
        return f"There are no payments in {compared} to compare {year} with."
    pct = 100 * (total_now - total_before) / total_before
    mapped = change[change[column] != NOT_MAPPED]
    rise = mapped.sort_values("change", ascending=False).iloc[0] if not mapped.empty else None
    text = (
        f"Net spend in {year} was {money(total_now)}, {abs(pct):.1f}% {'more' if pct >= 0 else 'less'} than "
        f"{money(total_before)} in {compared}."
    )
    if rise is not None and rise["change"] > 0:
        text += f" The biggest rise was {rise[column]} ({'+' + money(float(rise['change']))})."
    return text


def then_and_now(plan_splits: pd.DataFrame, by_plan_category: pd.DataFrame) -> pd.DataFrame:
    """The plan's 2019/20 Council shares beside today's shares of the spend matched to its categories.

    Today's share is of the spend the mapping places in one of the plan's categories ("Not mapped"
    is left out of both sides); the plan's unlabelled segments have no counterpart today.
    """
    plan = plan_splits[plan_splits["body"] == "Council"][["category", "share_pct"]]
    plan = plan.rename(columns={"category": "plan_category", "share_pct": "plan_share_pct"})
    now = by_plan_category[by_plan_category["plan_category"] != NOT_MAPPED][["plan_category", "amount"]]
    total = float(now["amount"].sum())
    now = now.assign(share_pct=100 * now["amount"] / total if total else 0.0)
    merged = plan.merge(now, on="plan_category", how="outer", sort=False)
    merged["change_pp"] = merged["share_pct"] - merged["plan_share_pct"]
    merged["note"] = ""
    merged.loc[merged["share_pct"].isna(), "note"] = "no payments matched to this category"
    return merged.sort_values("plan_share_pct", ascending=False, na_position="last").reset_index(drop=True)


def then_and_now_sentence(table: pd.DataFrame, year: str) -> str:
    moved = table.dropna(subset=["change_pp"])
    if moved.empty:
        return "No plan category can be compared with today's payments."
    rise = moved.sort_values("change_pp", ascending=False).iloc[0]
    fall = moved.sort_values("change_pp").iloc[0]

    def moved_by(row: pd.Series) -> str:
        return (
            f"{row['plan_category']}, {row['share_pct']:.1f}% of the matched spend in {year} against "
            f"{row['plan_share_pct']:.1f}% in the plan ({row['change_pp']:+.1f} points)"
        )

    return (
        f"Against the plan's 2019/20 Council split, the biggest rise is {moved_by(rise)} and the biggest "
        f"fall is {moved_by(fall)}. Categories are matched by the dashboard's mapping and payments leave "
        "out staff pay, so this is an approximate comparison."
    )


def suppliers(grouped: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The largest suppliers, then "Other suppliers" and "Redacted" as their own lines, then the rest.

    Names come from the store, where anyone not recognisably an organisation is already
    "Other suppliers"; each of those two lines carries a note saying what it holds.
    """
    special = grouped["supplier"].isin([OTHER_SUPPLIERS, REDACTED])
    named = grouped[~special].sort_values("amount", ascending=False)
    shown = named.head(top)
    rest = named.iloc[top:]
    rows = [shown, grouped[special]]
    if not rest.empty:
        rows.append(
            pd.DataFrame(
                {
                    "supplier": [f"All other named suppliers ({len(rest):,})"],
                    "amount": [float(rest["amount"].sum())],
                    "payments": [int(rest["payments"].sum())],
                }
            )
        )
    out = pd.concat([frame[["supplier", "amount", "payments"]] for frame in rows], ignore_index=True)
    out["note"] = out["supplier"].map(SUPPLIER_NOTES).fillna("")
    total = float(grouped["amount"].sum())
    out["share_pct"] = 100 * out["amount"] / total if total else 0.0
    return out


def with_provenance(table: pd.DataFrame, period: str) -> pd.DataFrame:
    """A view's table for download, with its period, source, licence and the mapping's caveat."""
    return table.assign(period=period, source=SOURCE, licence=OGL_LICENCE, method=MAPPING_NOTE)

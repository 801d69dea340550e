"""Spend breakdowns for board members: the plan's splits or an uploaded budget, with pillars and pounds.

A *budget* is one row per year, body and spend category with the share of that body's spend (%)
and, where known, the amount (£ million). The plan's own budget is its 2019/20 split
(:func:`trafford_dash.spend.finance.load_finance_splits`), which carries no pounds: the documents give the
partners' combined resource (£459m) but not how it divides between the CCG and the Council. Pounds
therefore appear only where an uploaded budget has amounts or the user states a body's total.

Each category is linked to the pillar(s) it mainly funds by ``data/plan/spend_pillars.csv`` (our
judgement, editable there) unless an uploaded row names its own pillars.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from trafford_dash.spend import finance

PLAN_YEAR = "2019/20"
BOTH = "Both"
BODY_CHOICES = [BOTH, *finance.BODIES]
BODY_NAMES = {"CCG": "NHS Trafford CCG", "Council": "Trafford Council"}
ICB_NAME = "NHS Greater Manchester (Trafford)"
ICB_FIRST_YEAR = 2022
"""NHS Greater Manchester, the integrated care board, replaced the CCG on 1 July 2022."""
AREA_SEPARATOR = ": "

PLAN_SOURCE = "Trafford Together Locality Plan 2019–2024"
UPLOAD_SOURCE = "Your uploaded budget (kept for this browser session only)"
PLAN_LICENCE = "Figures restated, with citations, from the partners' public plan documents"
UPLOAD_LICENCE = "Your own figures"

BUDGET_COLUMNS = [
    "year",
    "body",
    "category",
    "share_pct",
    "amount_gbp_m",
    "label_status",
    "pillars",
    "note",
    "origin",
    "source",
    "source_key",
]


def plan_budget(splits: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan's published split (2019/20) as a budget: shares only, no pounds."""
    splits = finance.load_finance_splits() if splits is None else splits
    out = splits.copy()
    out["pillars"] = ""
    out["origin"] = "plan"
    out["source"] = PLAN_SOURCE + " (" + out["source_key"] + ")"
    return out[BUDGET_COLUMNS].reset_index(drop=True)


def uploaded_budget(accepted: pd.DataFrame, label: str = UPLOAD_SOURCE) -> pd.DataFrame:
    """An accepted upload (see :mod:`trafford_dash.spend.budget`) as a budget."""
    out = accepted.copy()
    out["label_status"] = "uploaded"
    out["origin"] = "upload"
    out["source"] = label
    out["source_key"] = ""
    out["note"] = out["note"].fillna("")
    out["pillars"] = out["pillars"].fillna("")
    return out[BUDGET_COLUMNS].reset_index(drop=True)


def combine(plan: pd.DataFrame, uploaded: pd.DataFrame | None) -> pd.DataFrame:
    """The plan's budget with uploaded years laid over it (an upload replaces the same body and year)."""
    if uploaded is None or uploaded.empty:
        return plan.copy()
    replaced = plan.set_index(["year", "body"]).index.isin(
        pd.MultiIndex.from_frame(uploaded[["year", "body"]].drop_duplicates())
    )
    return pd.concat([plan[~replaced], uploaded], ignore_index=True)


def years(budget: pd.DataFrame) -> list[str]:
    """Financial years in a budget, oldest first."""
    return sorted(budget["year"].unique().tolist())


def bodies_for(choice: str | None) -> list[str]:
    """The bodies a body choice covers (``"Both"`` or ``None`` → both)."""
    return [choice] if choice in finance.BODIES else list(finance.BODIES)


def area_label(body: str, category: str) -> str:
    """A spend area's label, unique across bodies: ``"CCG: Acute"``."""
    return f"{body}{AREA_SEPARATOR}{category}"


def parse_area(label: str | None) -> tuple[str, str] | None:
    """``"CCG: Acute"`` → ``("CCG", "Acute")``; ``None`` for anything else."""
    if not label or AREA_SEPARATOR not in label:
        return None
    body, category = label.split(AREA_SEPARATOR, 1)
    return (body, category) if body in finance.BODIES and category else None


def area_options(budget: pd.DataFrame, year: str, bodies: Sequence[str]) -> list[str]:
    """The spend areas to choose from for a year and bodies, largest share first within each body."""
    rows = budget[(budget["year"] == year) & budget["body"].isin(list(bodies))]
    rows = rows.assign(_order=rows["body"].map({b: i for i, b in enumerate(finance.BODIES)}))
    rows = rows.sort_values(["_order", "share_pct"], ascending=[True, False], kind="stable")
    return [area_label(b, c) for b, c in zip(rows["body"], rows["category"], strict=True)]


def area_from_selection(selection: Mapping[str, Any] | None) -> str | None:
    """The spend area clicked in a treemap or bar chart (plotly selection state), if any.

    Treemap blocks carry the area label as their ``id``; bars carry it in ``customdata``. A click on
    a body's own block (the treemap's parent) selects nothing.
    """
    if not selection:
        return None
    points = selection.get("points") or []
    for point in points:
        candidates: list[Any] = [point.get("id"), point.get("customdata")]
        for candidate in candidates:
            if isinstance(candidate, list | tuple):
                candidate = candidate[0] if candidate else None
            if isinstance(candidate, str) and parse_area(candidate):
                return candidate
    return None


def _amounts(group: pd.DataFrame, total: float | None) -> tuple[pd.Series, str]:
    """Pounds for one body and year: the uploaded amounts, else shares of the user's total, else none."""
    if group["amount_gbp_m"].notna().all() and (group["origin"] == "upload").all():
        return group["amount_gbp_m"].astype(float), "uploaded amount"
    if total is not None and total > 0:
        scaled = finance.finance_with_amounts(group, float(total), normalise=True)
        share_sum = float(group["share_pct"].sum())
        basis = f"share of your £{total:,.1f}m total"
        if abs(share_sum - 100.0) > 1e-9:
            basis += f" (published shares add to {share_sum:g}%, scaled to 100%)"
        return scaled["amount_gbp_m"].astype(float), basis
    return pd.Series(float("nan"), index=group.index), ""


def breakdown(
    budget: pd.DataFrame,
    year: str,
    bodies: Sequence[str],
    totals: Mapping[str, float | None] | None = None,
) -> pd.DataFrame:
    """One year's spend areas for the chosen bodies, with pounds where they are known.

    Parameters
    ----------
    budget
        A budget with pillars attached (:func:`attach_pillars`).
    year
        Financial year, e.g. ``"2019/20"``.
    bodies
        ``["CCG"]``, ``["Council"]`` or both.
    totals
        A body's total spend in £ million where the user states it. Pounds are that total times the
        share, with shares scaled to add to 100% (the CCG's rounded shares add to 101%), so the
        amounts add up to the total exactly. An uploaded budget's own amounts take precedence.

    Returns
    -------
    DataFrame
        The budget's columns plus ``amount_basis`` (how any pound figure was obtained), ordered by
        body and then by share, largest first.
    """
    totals = totals or {}
    rows = budget[(budget["year"] == year) & budget["body"].isin(list(bodies))].copy()
    rows["amount_basis"] = ""
    for body, group in rows.groupby("body", sort=False):
        amounts, basis = _amounts(group, totals.get(str(body)))
        rows.loc[group.index, "amount_gbp_m"] = amounts
        rows.loc[group.index, "amount_basis"] = basis if amounts.notna().any() else ""
    order = {b: i for i, b in enumerate(finance.BODIES)}
    rows = rows.assign(_order=rows["body"].map(order))
    rows = rows.sort_values(["_order", "share_pct"], ascending=[True, False], kind="stable")
    return rows.drop(columns="_order").reset_index(drop=True)


def body_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per body: how many categories, the shares' total (%) and the pounds' total where known."""
    grouped = table.groupby("body", sort=False)
    out = pd.DataFrame(
        {
            "categories": grouped["category"].count(),
            "share_total_pct": grouped["share_pct"].sum().round(6),
            "amount_total_gbp_m": grouped["amount_gbp_m"].sum(min_count=1).round(6),
        }
    )
    incomplete = grouped["amount_gbp_m"].apply(lambda s: s.isna().any())
    out.loc[incomplete, "amount_total_gbp_m"] = float("nan")
    return out.reset_index()


def body_name(body: object, year: object = None) -> str:
    """A body's name in text and charts.

    The NHS body keeps the plan's code ``CCG`` in every year (the body picker, links and uploads use
    it), but from 2022/23 it is named for the integrated care board that took over in July 2022.
    """
    code = str(body)
    start = str(year or "")[:4]
    if code == "CCG" and start.isdigit() and int(start) >= ICB_FIRST_YEAR:
        return ICB_NAME
    return BODY_NAMES.get(code, code)


def format_pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def _money(value: float) -> str:
    return f"£{value:,.1f}m"


def breakdown_sentence(table: pd.DataFrame) -> str:
    """A plain-English summary of a breakdown built from its rows (largest areas, totals, caveats)."""
    if table.empty:
        return "There is no spend breakdown for this choice."
    year = str(table["year"].iloc[0])
    parts = []
    for body, group in table.groupby("body", sort=False):
        top = group.sort_values("share_pct", ascending=False).iloc[0]
        total = float(group["share_pct"].sum())
        text = (
            f"the largest share of {body_name(body, year)}'s spend went on "
            f"{top['category']} ({format_pct(float(top['share_pct']))}"
        )
        if pd.notna(top["amount_gbp_m"]):
            text += f", {_money(float(top['amount_gbp_m']))}"
        text += f"), across {len(group)} areas whose shares add up to {format_pct(total)}"
        if abs(total - 100.0) > 1e-9:
            text += " because each share was rounded"
        unlabelled = group[group["label_status"] == "unlabelled"]
        if not unlabelled.empty:
            text += (
                f"; {format_pct(float(unlabelled['share_pct'].sum()))} sits in {len(unlabelled)} "
                "segments whose labels were not published"
            )
        parts.append(text)
    return f"In {year}, " + "; ".join(parts) + "."


def combined_check(totals: Mapping[str, float | None], year: str, finance_totals: pd.DataFrame) -> str | None:
    """Compare the user's two body totals with the plan's published total for that year, if any."""
    given = [v for v in totals.values() if v]
    if len(given) < 2:
        return None
    published = finance_totals[finance_totals["year"] == year]
    if published.empty:
        return None
    row = published.iloc[0]
    what = "combined resource" if row["measure"] == "combined_resource" else "estimated expenditure"
    return (
        f"Your totals add up to {_money(sum(given))}; the plan's {what} for {year} is "
        f"{_money(float(row['amount_gbp_m']))} ({row['source_key']})."
    )


def export_table(table: pd.DataFrame) -> pd.DataFrame:
    """A breakdown in the CSV's columns, with period, source and licence on every row."""
    out = table.copy()
    out["period"] = out["year"]
    out["licence"] = out["origin"].map({"plan": PLAN_LICENCE, "upload": UPLOAD_LICENCE})
    columns = [
        "period",
        "body",
        "category",
        "share_pct",
        "amount_gbp_m",
        "amount_basis",
        "label_status",
        "pillars",
        "pillar_basis",
        "note",
        "source",
        "licence",
    ]
    return out[[c for c in columns if c in out.columns]]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'^])")


def escape_markdown(text: object) -> str:
    """Text safe to place in Streamlit markdown: every ASCII punctuation mark backslash-escaped.

    Uploaded category names may contain markdown (links, images, ``:red[...]`` directives) or HTML;
    escaped, they are shown literally.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def unique_sources(table: pd.DataFrame) -> list[str]:
    """The distinct sources of a breakdown's rows, in order of appearance."""
    return list(dict.fromkeys(str(s) for s in table["source"]))


def amount_bases(table: pd.DataFrame) -> dict[str, str]:
    """How each body's pound figures were found (bodies without pounds are left out)."""
    known = table[table["amount_basis"] != ""]
    return {str(b): str(g["amount_basis"].iloc[0]) for b, g in known.groupby("body", sort=False)}


def breakdown_notes(table: pd.DataFrame) -> list[str]:
    """The caveats that go with a breakdown: bodies not to scale, rounding, unlabelled segments, pounds."""
    if table.empty:
        return []
    notes = [
        "Shares are percentages of each body's own spend; the plan does not publish how the combined "
        "resource divides between the two bodies, so the bodies' charts are not to scale with each other."
    ]
    summary = body_summary(table)
    for body, total in zip(summary["body"], summary["share_total_pct"], strict=True):
        if abs(float(total) - 100) > 1e-9:
            notes.append(
                f"{body} shares add up to {float(total):g}%: each published share was rounded, so they "
                "do not add to exactly 100."
            )
    if (table["label_status"] == "unlabelled").any():
        notes.append(
            "Hatched blocks are Council segments whose labels are not legible in the published plan "
            "(“label not published”); their values follow the legend order, our best reading of the chart."
        )
    bases = amount_bases(table)
    if not bases:
        notes.append("No pounds are shown: enter a body's total above, or upload a budget with amounts.")
    else:
        notes.append("Pounds: " + "; ".join(f"{b}: {basis}" for b, basis in bases.items()) + ".")
    notes.append(f"Period {table['year'].iloc[0]}. Source: " + "; ".join(unique_sources(table)) + ".")
    return notes

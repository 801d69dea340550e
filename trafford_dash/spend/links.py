"""How spend areas link to the plan's six pillars, and each body's spend summed by pillar.

The links are our judgement, one row per category with a reason, in ``data/plan/spend_pillars.csv``
(see :func:`trafford_dash.spend.finance.load_spend_pillars`); an uploaded budget may name its own pillars.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core.config import PILLARS
from trafford_dash.spend import finance
from trafford_dash.spend.breakdown import body_name, format_pct, parse_area

UNASSIGNED = "Not assigned to a pillar"


def attach_pillars(budget: pd.DataFrame, spend_pillars: pd.DataFrame) -> pd.DataFrame:
    """Add ``pillars`` (``;``-separated) and ``pillar_basis`` to each row of a budget.

    An uploaded row's own ``pillars`` wins; otherwise the mapping is looked up by body and category
    (ignoring case); a category the mapping does not know is left unassigned and says so.
    """
    lookup = {
        (str(b), str(c).casefold()): (str(p), str(r))
        for b, c, p, r in zip(
            spend_pillars["body"],
            spend_pillars["category"],
            spend_pillars["pillars"],
            spend_pillars["rationale"],
            strict=True,
        )
    }
    pillars, basis = [], []
    for row in budget.itertuples():
        own = str(row.pillars or "")
        mapped = lookup.get((str(row.body), str(row.category).casefold()))
        if own:
            pillars.append(own)
            basis.append("Pillars given in the uploaded budget.")
        elif mapped is not None:
            pillars.append(mapped[0])
            basis.append(mapped[1])
        else:
            pillars.append("")
            basis.append("This category is not in the spend-to-pillar mapping (data/plan/spend_pillars.csv).")
    return budget.assign(pillars=pillars, pillar_basis=basis)


def spend_by_pillar(table: pd.DataFrame) -> pd.DataFrame:
    """Each body's spend by pillar, in % of that body's spend (and £m where every amount is known).

    A category that funds several pillars is split equally between them (an assumption: the plan
    does not say how such spend divides). Categories with no pillar are grouped as
    :data:`UNASSIGNED`.
    """
    records = []
    for row in table.to_dict("records"):
        pillars = [p.strip() for p in str(row["pillars"]).split(";") if p.strip()] or [UNASSIGNED]
        for pillar in pillars:
            records.append(
                {
                    "year": row["year"],
                    "body": row["body"],
                    "pillar": pillar,
                    "category": row["category"],
                    "share_pct": float(row["share_pct"]) / len(pillars),
                    "amount_gbp_m": float(row["amount_gbp_m"]) / len(pillars),
                    "split": len(pillars) > 1,
                }
            )
    columns = ["year", "body", "pillar", "share_pct", "amount_gbp_m", "categories", "includes_split"]
    if not records:
        return pd.DataFrame(columns=columns)
    long = pd.DataFrame.from_records(records)
    grouped = long.groupby(["year", "body", "pillar"], sort=False)
    out = grouped.agg(
        share_pct=("share_pct", "sum"),
        amount_gbp_m=("amount_gbp_m", lambda s: s.sum() if s.notna().all() else float("nan")),
        categories=("category", lambda s: "; ".join(s)),
        includes_split=("split", "any"),
    ).reset_index()
    order = {p: i for i, p in enumerate([*PILLARS, UNASSIGNED])}
    out = out.assign(_b=out["body"].map({b: i for i, b in enumerate(finance.BODIES)}))
    out = out.assign(_p=out["pillar"].map(order).fillna(len(order)))
    return out.sort_values(["_b", "_p"]).drop(columns=["_b", "_p"]).reset_index(drop=True)[columns]


def pillar_sentence(by_pillar: pd.DataFrame) -> str:
    """Which pillar takes the most of each body's spend, from :func:`spend_by_pillar`."""
    if by_pillar.empty:
        return "There is no spend to link to pillars for this choice."
    parts = []
    for body, group in by_pillar.groupby("body", sort=False):
        name = body_name(body, group["year"].iloc[0])
        assigned = group[group["pillar"] != UNASSIGNED]
        unassigned = float(group.loc[group["pillar"] == UNASSIGNED, "share_pct"].sum())
        if assigned.empty:
            parts.append(f"none of {name}'s spend is linked to a pillar")
            continue
        best = float(assigned["share_pct"].max())
        leaders = assigned.loc[(assigned["share_pct"] - best).abs() < 1e-9, "pillar"].tolist()
        each = " each" if len(leaders) > 1 else ""
        parts.append(
            f"{format_pct(best)} of {name}'s spend{each} mainly funds "
            f"{' and '.join(leaders)}, the largest pillar share{'s' if each else ''}, and "
            f"{format_pct(unassigned)} is not linked to any pillar"
        )
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


def pillars_for_area(table: pd.DataFrame, label: str | None) -> tuple[list[str], str]:
    """The pillars a selected spend area funds and the reason given for that link."""
    parsed = parse_area(label)
    if parsed is None:
        return [], ""
    body, category = parsed
    row = table[(table["body"] == body) & (table["category"] == category)]
    if row.empty:
        return [], ""
    first = row.iloc[0]
    return [p.strip() for p in str(first["pillars"]).split(";") if p.strip()], str(first["pillar_basis"])

"""Headline figures for the four neighbourhoods and Trafford, with period, method and source."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from trafford_dash.core import config, formatting

# (indicator, ward vintage the neighbourhood figure is built from)
HEADLINE_INDICATORS: tuple[tuple[str, str], ...] = (
    ("population", "2023"),
    ("bad_health", "2022"),
    ("disability", "2022"),
    ("unpaid_care", "2022"),
    ("life_expectancy_male", "2022"),
    ("life_expectancy_female", "2022"),
    ("imd_score", "2022"),
)


def latest(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the latest period (by end year, then label), Persons/All ages where present."""
    if rows.empty:
        return rows
    if (rows["sex"] == "Persons").any():
        rows = rows[rows["sex"] == "Persons"]
    rows = rows[rows["age"] == "All ages"]
    if rows.empty:
        return rows
    ordered = rows.sort_values(["year", "period"], na_position="first")
    return rows[rows["period"] == ordered["period"].iloc[-1]]


def headline_table(
    frames: Mapping[str, pd.DataFrame],
    catalogue: pd.DataFrame,
    vintages: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per area and indicator: neighbourhoods of the chosen vintage, then Trafford.

    Parameters
    ----------
    frames
        Each indicator's store rows (any levels); only neighbourhood and borough rows are used.
    catalogue
        Indicator metadata (title, unit, value_type, source, licence).
    vintages
        Which ward vintage's neighbourhoods to use per indicator (default from HEADLINE_INDICATORS).
    """
    wanted = dict(HEADLINE_INDICATORS) | dict(vintages or {})
    meta = catalogue.set_index("indicator_id")
    out = []
    for indicator_id, rows in frames.items():
        if indicator_id not in meta.index or rows.empty:
            continue
        info = {str(k): v for k, v in meta.loc[indicator_id].to_dict().items()} | {
            "indicator_id": indicator_id
        }
        nbh = rows[(rows["level"] == "neighbourhood") & (rows["vintage"] == wanted.get(indicator_id, "2022"))]
        chosen = latest(nbh)
        period = chosen["period"].iloc[0] if not chosen.empty else None
        borough = rows[rows["level"] == "borough"]
        borough = latest(borough[borough["period"] == period]) if period is not None else latest(borough)
        for row in pd.concat([chosen, borough]).to_dict("records"):
            out.append(
                {
                    "area": row["area_name"],
                    "indicator": info["title"],
                    "indicator_id": indicator_id,
                    "value": row["value"],
                    "shown": formatting.format_value(row["value"], info),
                    "ci_95": formatting.format_ci(row["lower_ci_95"], row["upper_ci_95"], info),
                    "period": row["period"],
                    "ward_vintage": row["vintage"] or "",
                    "approximate": bool(row["approximate"]),
                    "method": row["value_note"],
                    "source": info["source"],
                    "licence": info["licence"],
                }
            )
    table = pd.DataFrame(out)
    if table.empty:
        return table
    order = {name: i for i, name in enumerate([*config.NEIGHBOURHOODS, config.TRAFFORD_NAME])}
    table["_order"] = table["area"].map(order)
    return table.sort_values(["indicator_id", "_order"]).drop(columns="_order").reset_index(drop=True)


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator headed with its period ("*" marks approximations), one column per area.

    Indicators run down the table rather than across it, so its few columns fit a narrow screen.
    """
    if table.empty:
        return table
    labelled = table.assign(
        indicator=table["indicator"] + " (" + table["period"].astype(str) + ")",
        cell=table["shown"] + table["approximate"].map({True: " *", False: ""}),
    )
    pivot = labelled.pivot_table(
        index="indicator", columns="area", values="cell", aggfunc="first", sort=False
    )
    order = [a for a in [*config.NEIGHBOURHOODS, config.TRAFFORD_NAME] if a in pivot.columns]
    return pivot[order].reset_index().rename(columns={"indicator": "Indicator"}).rename_axis(columns=None)

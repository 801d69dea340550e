"""What a pillar's money buys: the pillar's outcome indicators for Trafford against England.

Indicators are linked to pillars by the catalogue's ``pillars`` column. For each one the latest
Trafford value is compared with England's value for the same period, sex and age using
Fingertips' rule at 95% confidence (England as a benchmark: Trafford differs when England lies
outside Trafford's interval); where Trafford has no interval, OHID's published label against England
is used and said to be published.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from trafford_dash.core import config, formatting, palettes
from trafford_dash.core import significance as comparison
from trafford_dash.store.catalogue import split_list

SKIPPED_VALUE_TYPES = ("rank", "decile")
"""Ranks and deciles have no England value to compare with, so they are left out of the outcomes."""
SIGNIFICANCE_ORDER = ["Worse", "Lower", "Similar", "Higher", "Better", "Not compared"]
METHOD_NOTE = (
    "Compared with England at 95% confidence, as OHID Fingertips does: Trafford is better or worse "
    "when England's value lies outside Trafford's 95% confidence interval. Where no interval is "
    "available, OHID's published comparison with England is shown and labelled as published."
)


def pillar_indicator_ids(catalogue: pd.DataFrame, pillar: str) -> list[str]:
    """Indicators the catalogue links to ``pillar`` that have a Trafford (borough) figure."""
    has_pillar = catalogue["pillars"].map(lambda cell: pillar in split_list(cell))
    has_borough = catalogue["levels"].map(lambda cell: "borough" in split_list(cell))
    comparable = ~catalogue["value_type"].isin(SKIPPED_VALUE_TYPES)
    chosen = catalogue[has_pillar & has_borough & comparable]
    return chosen["indicator_id"].tolist()


def latest_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its latest period, Persons and All ages where it has them, exact first."""
    rows = rows[rows["value"].notna() | rows["suppressed"].astype(bool)]
    if rows.empty:
        return rows
    by_indicator = rows.groupby("indicator_id")
    has_persons = by_indicator["sex"].transform(lambda s: (s == "Persons").any())
    rows = rows[~has_persons | (rows["sex"] == "Persons")]
    has_all_ages = rows.groupby("indicator_id")["age"].transform(lambda s: (s == "All ages").any())
    rows = rows[~has_all_ages | (rows["age"] == "All ages")]
    ordered = rows.assign(_exact=~rows["approximate"].astype(bool)).sort_values(
        ["indicator_id", "year", "period", "_exact"], na_position="first", kind="stable"
    )
    return ordered.drop_duplicates("indicator_id", keep="last").drop(columns="_exact").reset_index(drop=True)


def shown_value(row: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """A value as shown on screen: ``"suppressed"``, or the value with ``"≈"`` when approximate."""
    if row.get("suppressed"):
        return "suppressed"
    text = formatting.format_value(row.get("value"), meta)
    return f"≈ {text}" if row.get("approximate") else text


def _england(rows: pd.DataFrame) -> pd.DataFrame:
    """England's rows with a value, one per indicator, period, sex and age (exact before approximate)."""
    england = rows[(rows["area_code"] == config.ENGLAND_CODE) & rows["value"].notna()]
    england = england.sort_values("approximate", kind="stable")
    keys = ["indicator_id", "period", "sex", "age"]
    return england.drop_duplicates(keys, keep="first")[[*keys, "value", "approximate", "suppressed"]]


def _significance(merged: pd.DataFrame, polarity: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Fingertips' rule against England as a benchmark, per row, by
    :func:`trafford_dash.core.significance.compare`."""
    out = comparison.compare(
        merged,
        merged["england_value"],
        polarity.set_axis(merged.index),
        config.CONFIDENCE,
        comparator_code=config.ENGLAND_CODE,
    )
    return out["significance"], out["significance_method"]


def outcome_table(values: pd.DataFrame, catalogue: pd.DataFrame, pillar: str) -> pd.DataFrame:
    """One row per indicator of a pillar: Trafford's latest value, England's, and the comparison.

    Parameters
    ----------
    values
        Values-store rows for the pillar's indicators at the ``borough`` and ``country`` levels.
    catalogue
        The indicator catalogue.
    pillar
        One of the plan's six pillars.

    Returns
    -------
    DataFrame
        Columns ``indicator_id, indicator, theme, trafford, england, period, significance, badge,
        method, approximate, value_note, suppressed, unit, value, england_value, source, licence``,
        worst first.
    """
    ids = pillar_indicator_ids(catalogue, pillar)
    rows = values[values["indicator_id"].isin(ids)]
    trafford = latest_rows(rows[rows["area_code"] == config.TRAFFORD_CODE])
    if trafford.empty:
        return pd.DataFrame()
    england = _england(rows).rename(
        columns={
            "value": "england_value",
            "approximate": "england_approximate",
            "suppressed": "england_suppressed",
        }
    )
    merged = trafford.merge(england, on=["indicator_id", "period", "sex", "age"], how="left")
    meta = catalogue.set_index("indicator_id").loc[merged["indicator_id"]].reset_index()
    significance, method = _significance(merged, meta["polarity"])
    records = [
        _outcome_row(
            {str(k): v for k, v in record.items()},
            {str(k): v for k, v in meta.iloc[i].to_dict().items()},
            str(significance.iloc[i]),
            str(method.iloc[i]),
        )
        for i, record in enumerate(merged.to_dict("records"))
    ]
    table = pd.DataFrame.from_records(records)
    order = {label: i for i, label in enumerate(SIGNIFICANCE_ORDER)}
    table = table.assign(_order=table["significance"].map(order))
    return table.sort_values(["_order", "indicator"]).drop(columns="_order").reset_index(drop=True)


def _outcome_row(row: dict[str, Any], info: dict[str, Any], significance: str, method: str) -> dict[str, Any]:
    """One indicator's row of :func:`outcome_table`, from its merged store row and catalogue row."""
    title = str(info["title"])
    sex = str(row["sex"]) if row["sex"] != "Persons" and str(row["sex"]).lower() not in title.lower() else ""
    age = str(row["age"]) if row["age"] != "All ages" else ""
    sex_age = " ".join(part for part in (sex, age) if part)
    england_row = {"value": row["england_value"], "approximate": row["england_approximate"]}
    return {
        "indicator_id": row["indicator_id"],
        "indicator": title + (f" ({sex_age})" if sex_age else ""),
        "theme": str(info["theme"]).replace("_", " "),
        "trafford": shown_value(row, info),
        "england": shown_value(england_row, info) if pd.notna(row["england_value"]) else "no data",
        "period": str(row["period"]),
        "significance": significance,
        "badge": palettes.significance_badge(significance),
        "method": method,
        "approximate": bool(row["approximate"]),
        "value_note": str(row["value_note"] or ""),
        "suppressed": bool(row["suppressed"]),
        "unit": str(info["unit"]),
        "value": row["value"],
        "england_value": row["england_value"],
        "source": str(info["source"]),
        "licence": str(info["licence"]),
    }


def outcome_sentence(table: pd.DataFrame, pillar: str) -> str:
    """How many of a pillar's indicators are better, similar or worse than England, and over what periods."""
    if table.empty:
        return f"No indicator linked to {pillar} has a Trafford figure in the data store."
    counts = table["significance"].value_counts()
    parts = [
        f"{int(counts[label])} {label.lower()}" for label in palettes.SIGNIFICANCE_STYLE if label in counts
    ]
    years = table["period"].str.extract(r"(\d{4})")[0].dropna().astype(int)
    span = f" (latest periods {years.min()} to {years.max()})" if not years.empty else ""
    worse = table[table["significance"] == "Worse"]["indicator"].tolist()
    text = (
        f"Of {len(table)} indicators linked to {pillar} with a Trafford figure{span}, compared with England: "
        + ", ".join(parts)
        + "."
    )
    if worse:
        more = f" and {len(worse) - 3} more" if len(worse) > 3 else ""
        text += f" Significantly worse: {'; '.join(worse[:3])}{more}."
    return text


def export_outcomes(table: pd.DataFrame, pillar: str) -> pd.DataFrame:
    """The outcomes table for CSV: values, comparison, period, method, source and licence."""
    columns = [
        "indicator_id",
        "indicator",
        "value",
        "unit",
        "trafford",
        "england_value",
        "england",
        "period",
        "significance",
        "method",
        "approximate",
        "suppressed",
        "value_note",
        "source",
        "licence",
    ]
    out = table[[c for c in columns if c in table.columns]].copy()
    out.insert(0, "pillar", pillar)
    return out

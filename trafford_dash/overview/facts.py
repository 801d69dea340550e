"""The locality plan on one screen: key facts worded for display, and one card of figures per pillar.

The facts themselves live in ``data/plan/key_facts.csv`` (each citing its document); this module only
chooses which to show on the landing page and formats them with their qualifier, period and source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from trafford_dash.core import formatting
from trafford_dash.pillars import exceptions
from trafford_dash.store.catalogue import split_list

HEADLINE_FACTS = (
    "combined_resource",
    "estimated_expenditure",
    "neighbourhoods",
    "pcns",
    "tlco_services",
    "vcse_organisations",
    "vcse_volunteers",
    "wards",
)
DOCUMENT_NAMES = {
    "LP2019": "Locality Plan 2019–2024",
    "LP2021": "Executive report on the plan's refresh, September 2021",
    "TP2016": "Trafford Partnership presentation, 2016–17",
    "PSR2016": "Public service reform update, October 2016",
    "COVID2020": "Letter to the Minister, May–June 2020",
    "TPPRIORITIES": "Trafford Partnership system priorities",
}


def format_fact_value(value: object, unit: str, qualifier: str = "") -> str:
    """A key fact's value as shown: ``"£459m"``, ``"at least 1,300"``, ``"1 October 2019"``, ``"100%"``."""
    text = str(value)
    if unit == "date":
        shown = _format_date(text)
    else:
        number = float(text)
        decimals = len(text.split(".")[1]) if "." in text else 0
        figure = formatting.format_number(number, decimals)
        if unit == "£m":
            shown = f"£{figure}m"
        elif unit == "£":
            shown = f"£{figure}"
        elif unit == "%":
            shown = f"{figure}%"
        else:
            shown = figure
    return f"{qualifier} {shown}".strip() if qualifier else shown


def _format_date(text: str) -> str:
    parts = text.split("-")
    if len(parts) == 3:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{day.day} {day:%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    return text


def cite(source_key: str) -> str:
    """``"LP2019 §7.7"`` → ``"Locality Plan 2019–2024 (LP2019 §7.7)"``, for each citation joined by "; "."""
    parts = []
    for citation in str(source_key).split("; "):
        key = citation.split(" ")[0]
        name = DOCUMENT_NAMES.get(key)
        parts.append(f"{name} ({citation})" if name else citation)
    return "; ".join(parts)


def headline_facts(facts: pd.DataFrame, wanted: tuple[str, ...] = HEADLINE_FACTS) -> list[dict[str, str]]:
    """The landing page's key facts in order: label, shown value, unit words, period, note and source."""
    by_id = {str(row["fact_id"]): row for row in facts.to_dict("records")}
    out = []
    for fact_id in wanted:
        if fact_id not in by_id:
            continue
        row = by_id[fact_id]
        unit = str(row["unit"])
        words = "" if unit in ("£m", "£", "%", "date") else unit
        out.append(
            {
                "fact_id": fact_id,
                "label": str(row["label"]),
                "shown": format_fact_value(row["value"], unit, str(row.get("qualifier") or "")),
                "unit": words,
                "period": str(row.get("period") or ""),
                "note": str(row.get("note") or ""),
                "source_key": str(row["source_key"]),
                "source": cite(str(row["source_key"])),
            }
        )
    return out


def fact_caption(fact: Mapping[str, str]) -> str:
    """``"2019/20. Held jointly by … Source: Locality Plan 2019–2024 (LP2019 §7.7)."``"""
    parts = [p for p in (fact.get("period", ""), fact.get("note", "")) if p]
    lead = ". ".join(p.rstrip(".") for p in parts)
    return (f"{lead}. " if lead else "") + f"Source: {fact['source']}."


def pillar_cards(
    pillars: pd.DataFrame,
    catalogue: pd.DataFrame,
    gaps: pd.DataFrame,
    found: pd.DataFrame,
) -> pd.DataFrame:
    """One row per pillar in the plan's order with counts for its card.

    ``n_indicators`` open indicators mapped to it, ``n_gaps`` plan measures with no open data,
    ``n_worse`` and ``n_better`` exceptions linked to it (see :mod:`trafford_dash.pillars.exceptions`).
    """
    rows: list[dict[str, Any]] = []
    for pillar in pillars.sort_values("order").to_dict("records"):
        name = str(pillar["pillar"])
        mapped = catalogue["pillars"].map(lambda cell, n=name: n in split_list(cell))
        linked = found[found["pillar"] == name] if not found.empty else found
        rows.append(
            {
                "pillar": name,
                "summary": str(pillar["summary"]),
                "work_programme": split_list(pillar["work_programme"]),
                "source_key": str(pillar["source_key"]),
                "n_indicators": int(mapped.sum()),
                "n_gaps": int((gaps["pillar"] == name).sum()),
                "n_worse": int((linked["kind"] == exceptions.WORSE_AND_WORSENING).sum())
                if not linked.empty
                else 0,
                "n_better": int((linked["kind"] == exceptions.BETTER_AND_IMPROVING).sum())
                if not linked.empty
                else 0,
            }
        )
    return pd.DataFrame(rows)


def population_sentence(frame: pd.DataFrame, period: str) -> str:
    """Which neighbourhood has most and fewest residents, from the map's data."""
    shown = frame.dropna(subset=["value"]).sort_values("value")
    if shown.empty:
        return "There are no neighbourhood population figures to describe."
    low, high = shown.iloc[0], shown.iloc[-1]
    total = formatting.format_number(shown["value"].sum(), 0)
    return (
        f"In mid-{str(period)[:4]}, {high['area_name']} had the most residents "
        f"({formatting.format_number(high['value'], 0)}) and {low['area_name']} the fewest "
        f"({formatting.format_number(low['value'], 0)}), of {total} across the four neighbourhoods."
    )

"""Shared pieces of the compare views: the geographic levels on offer, row selection and cell text.

A *level choice* pairs a level of the values store with a ward or LSOA vintage (for example the
wards in force before May 2023, on which the locality plan drew its neighbourhoods). Whether an
indicator exists at a level choice is read from the catalogue's ``levels`` and ``ward_vintages``
columns, which the build checks against the values it produced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from trafford_dash.core import config, formatting
from trafford_dash.store import export
from trafford_dash.store.catalogue import split_list


@dataclass(frozen=True)
class LevelChoice:
    """A geographic level as offered on screen: store level, vintage and a short label."""

    key: str
    level: str
    vintage: str | None
    label: str
    noun: str


LEVEL_CHOICES: dict[str, LevelChoice] = {
    choice.key: choice
    for choice in (
        LevelChoice(
            "neighbourhood_2022", "neighbourhood", "2022", "Neighbourhoods (plan's wards)", "neighbourhoods"
        ),
        LevelChoice(
            "neighbourhood_2023", "neighbourhood", "2023", "Neighbourhoods (May-2023 wards)", "neighbourhoods"
        ),
        LevelChoice("ward_2022", "ward", "2022", "Wards (before May 2023)", "wards"),
        LevelChoice("ward_2023", "ward", "2023", "Wards (from May 2023)", "wards"),
        LevelChoice("lsoa", "lsoa", None, "LSOAs", "LSOAs"),
        LevelChoice("peers", "local_authority", None, "Trafford and peers", "authorities"),
        LevelChoice("england", "local_authority", None, "English authorities", "authorities"),
    )
}

PEER_GROUPS = {**config.PEER_GROUPS, "gm": "Greater Manchester boroughs"}


def level_available(meta: Mapping[str, Any], key: str) -> bool:
    """Whether the catalogue says the indicator has values at a level choice."""
    levels = set(split_list(meta.get("levels")))
    vintages = set(split_list(meta.get("ward_vintages")))
    choice = LEVEL_CHOICES[key]
    if choice.level in ("neighbourhood", "ward"):
        return choice.level in levels and choice.vintage in vintages
    return choice.level in levels


def available_levels(meta: Mapping[str, Any], keys: Iterable[str]) -> list[str]:
    """The level choices among ``keys`` at which the indicator exists, in the given order."""
    return [key for key in keys if level_available(meta, key)]


def where_it_exists(meta: Mapping[str, Any], keys: Iterable[str]) -> str:
    """A phrase naming the level choices (among ``keys``) where an indicator exists."""
    found = [LEVEL_CHOICES[key].label for key in available_levels(meta, keys)]
    if not found:
        return "none of the levels this view offers"
    return ", ".join(f"“{label}”" for label in found)


def level_refusal(meta: Mapping[str, Any], key: str, keys: Iterable[str]) -> str | None:
    """A sentence saying why an indicator cannot be shown at a level, or ``None`` when it can."""
    if level_available(meta, key):
        return None
    label = LEVEL_CHOICES[key].label
    return (
        f"“{meta['title']}” has no figures for {label[0].lower()}{label[1:]}. "
        f"It is available for {where_it_exists(meta, keys)}: pick one of those."
    )


def ordered_periods(rows: pd.DataFrame) -> list[str]:
    """Distinct periods, oldest first (by end year, then label)."""
    if rows.empty:
        return []
    ordered = rows[["year", "period"]].drop_duplicates("period").sort_values(["year", "period"])
    return [str(p) for p in ordered["period"]]


def choose_sex(rows: pd.DataFrame) -> str:
    """Persons where present, otherwise the single sex the indicator is published for."""
    sexes = set(rows["sex"])
    if "Persons" in sexes or not sexes:
        return "Persons"
    return sorted(sexes)[0]


def choose_age(rows: pd.DataFrame) -> str:
    """All ages where present, otherwise the indicator's own age band."""
    ages = set(rows["age"])
    if "All ages" in ages or not ages:
        return "All ages"
    return sorted(ages)[0]


@dataclass(frozen=True)
class Selection:
    """Rows narrowed to one period, sex and age, with what was chosen."""

    rows: pd.DataFrame
    period: str | None
    sex: str
    age: str


def narrow(rows: pd.DataFrame, period: str | None = None) -> Selection:
    """Keep one sex and age (see :func:`choose_sex`, :func:`choose_age`) and one period.

    Without ``period`` (or when it is not present) the latest period with a value is used.
    """
    if rows.empty:
        return Selection(rows, None, "Persons", "All ages")
    sex = choose_sex(rows)
    rows = rows[rows["sex"] == sex]
    age = choose_age(rows)
    rows = rows[rows["age"] == age]
    with_value = rows[rows["value"].notna() | rows["suppressed"]]
    periods = ordered_periods(with_value)
    if not periods:
        return Selection(rows.iloc[0:0], None, sex, age)
    chosen = period if period in periods else periods[-1]
    return Selection(rows[rows["period"] == chosen].reset_index(drop=True), chosen, sex, age)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as dicts with string keys (typed for the formatting helpers)."""
    return [{str(key): value for key, value in row.items()} for row in frame.to_dict("records")]


def cell_text(row: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """A value as shown in a table cell: unit, "≈ … *" for approximations, "suppressed" when withheld."""
    if row.get("suppressed"):
        return "suppressed"
    text = formatting.format_value(row.get("value"), meta)
    if row.get("approximate") and text != "no data":
        return f"≈ {text} *"
    return text


def area_label(name: str, level: str, vintage: str | None) -> str:
    """How an area is named on screen, with its kind and ward vintage where that matters."""
    if level == "neighbourhood":
        return f"{name} neighbourhood ({'plan' if vintage == '2022' else 'May-2023'} wards)"
    if level == "ward":
        return f"{name} ward ({'before' if vintage == '2022' else 'from'} May 2023)"
    return name


def comparator_codes() -> dict[str, tuple[str, str]]:
    """Benchmarks by display name: (level in the store, area code)."""
    return {
        config.TRAFFORD_NAME: ("borough", config.TRAFFORD_CODE),
        config.ENGLAND_NAME: ("country", config.ENGLAND_CODE),
        config.GM_NAME: ("region", config.GM_CODE),
    }


def comparator_choices(
    meta: Mapping[str, Any], gm_boroughs: Iterable[str], fixed: Sequence[str]
) -> list[str]:
    """The comparators worth offering for an indicator: ``fixed`` (Trafford, England, …) less Greater
    Manchester where the catalogue has no region figure, plus each other Greater Manchester borough by
    name where it has local-authority figures."""
    levels = set(split_list(meta.get("levels")))
    chosen = [name for name in fixed if name != config.GM_NAME or "region" in levels]
    if "local_authority" in levels:
        chosen += [name for name in gm_boroughs if name != config.TRAFFORD_NAME]
    return chosen


def with_meta(rows: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """Add the provenance columns an export needs and round figures to the published precision."""
    return export.with_meta(rows, meta)


def unit_words(meta: Mapping[str, Any], plural: bool = False) -> str:
    """A unit as words in a sentence: "%" becomes "percentage point(s)", "score" "point(s)"."""
    unit = str(meta.get("unit", ""))
    ending = "s" if plural else ""
    if unit.startswith("%"):
        return f"percentage point{ending}{unit[1:]}"
    if unit.startswith("score"):
        return f"point{ending}{unit[5:]}"
    return unit or f"unit{ending}"

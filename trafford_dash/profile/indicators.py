"""Neighbourhood and ward profiles: which indicators, and the profile table behind the spine chart.

A profile is drawn on one ward vintage: ``"2022"`` (the pre-May-2023 wards the locality plan used) or
``"2023"`` (the May-2023 wards). Every figure in a profile comes from that vintage, so a profile never
mixes the two; indicators published only on the other vintage appear on that vintage's profiles.

The profile table holds, for each indicator, the area's latest value with its 95% interval, Trafford's,
Greater Manchester's and England's figures for the same period, the range across the wards of the
area's neighbourhood and across all of Trafford's wards, and the significance of the area against each
comparator (see :mod:`trafford_dash.core.profile_comparators`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from trafford_dash.core import formatting, iod_edition, palettes
from trafford_dash.core import profile_table as area_tables
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.summaries import records
from trafford_dash.profile.table_columns import KEY_INDICATORS, TABLE_COLUMNS
from trafford_dash.store import catalogue as catalogue_module

PROFILE_LEVELS = area_tables.PROFILE_LEVELS


def indicators_for(catalogue: pd.DataFrame, vintage: str, show_all: bool = False) -> list[str]:
    """Indicators a profile on ``vintage`` shows: the key set, or every one with ward data there.

    Key indicators keep their curated order; "all" adds the rest by theme and title.
    """
    has_wards = catalogue[
        catalogue["ward_vintages"].map(lambda cell: vintage in catalogue_module.split_list(cell))
        & catalogue["levels"].map(lambda cell: "neighbourhood" in catalogue_module.split_list(cell))
    ]
    available = set(has_wards["indicator_id"])
    chosen = [i for i in KEY_INDICATORS if i in available]
    if show_all:
        rest = has_wards[~has_wards["indicator_id"].isin(chosen)].sort_values(["theme", "title"])
        chosen += [i for i in rest["indicator_id"] if i != "population"]
    return chosen


def single_breakdown(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep one sex and one age: Persons and All ages where present, otherwise the only one given."""
    if rows.empty:
        return rows
    if (rows["sex"] == "Persons").any():
        rows = rows[rows["sex"] == "Persons"]
    else:
        rows = rows[rows["sex"] == sorted(rows["sex"].unique())[0]]
    if (rows["age"] == "All ages").any():
        rows = rows[rows["age"] == "All ages"]
    else:
        rows = rows[rows["age"] == sorted(rows["age"].unique())[0]]
    return rows


def latest_period(rows: pd.DataFrame) -> str | None:
    """The latest period, ordered by end year then label as :func:`export.select_rows` does."""
    if rows.empty:
        return None
    return str(rows.sort_values(["year", "period"])["period"].iloc[-1])


def profile_table(
    area: ProfileArea,
    rows: pd.DataFrame,
    catalogue: pd.DataFrame,
    areas: pd.DataFrame,
    indicator_ids: Iterable[str],
) -> pd.DataFrame:
    """One row per indicator with the area's value, its comparators, ward ranges and significance.

    Parameters
    ----------
    area
        The neighbourhood or ward profiled.
    rows
        Values-store rows for the indicators at ward, neighbourhood (any vintage), borough, region
        and country level; rows of other vintages are ignored.
    catalogue
        Indicator metadata (title, theme, unit, value type, polarity, source, licence).
    areas
        The areas table (ward → neighbourhood membership).
    indicator_ids
        The indicators to include, in order; those without a value for the area are left out.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS`. For each indicator the period is the latest at the area's level
        and vintage (as :func:`trafford_dash.store.export.select_rows` picks it), with Persons and All ages
        where the indicator has them. Significance is at 95% against Trafford, Greater Manchester and
        England as :mod:`trafford_dash.core.profile_comparators` says.
    """
    wanted = [i for i in indicator_ids if i in set(catalogue["indicator_id"])]
    data = area_tables.profile_data(rows, area.vintage, wanted)
    table = area_tables.level_table(data, area.level, area.vintage, areas, catalogue)
    return in_order(table[table["area_code"] == area.code], wanted)


def stored_table(stored: pd.DataFrame, area: ProfileArea, indicator_ids: Iterable[str]) -> pd.DataFrame:
    """The area's rows of the store's profile table (written by the build with
    :func:`trafford_dash.core.profile_table.all_profiles`) for ``indicator_ids``, in their order."""
    wanted = list(indicator_ids)
    mine = stored[(stored["area_code"] == area.code) & (stored["ward_vintage"] == area.vintage)]
    return in_order(mine[mine["indicator_id"].isin(wanted)], wanted)


def in_order(table: pd.DataFrame, indicator_ids: list[str]) -> pd.DataFrame:
    """The profile table's rows in the order of ``indicator_ids``."""
    order = {indicator_id: i for i, indicator_id in enumerate(indicator_ids)}
    ordered = table.sort_values("indicator_id", key=lambda ids: ids.map(order))
    return ordered[TABLE_COLUMNS].reset_index(drop=True)


def iod_editions(table: pd.DataFrame) -> list[str]:
    """The IoD editions of the profile table's deprivation rows ("IoD 2019", "IoD 2025"), oldest first."""
    found = {iod_edition.edition(row, row["period"]) for row in records(table)}
    return sorted(edition for edition in found if edition)


DEPRIVATION_TAB_EDITION = "IoD 2019"
"""The edition of the Deprivation tab's LSOA deciles and domains (the only LSOA edition in the store)."""


def edition_notes(table: pd.DataFrame) -> tuple[str, str]:
    """Sentences for the Indicators tab and the Deprivation tab naming their IoD editions, and saying so
    when the two differ ("" for the Indicators tab when it has no deprivation rows)."""
    shown = iod_editions(table)
    indicators = " ".join(
        iod_edition.editions_note(
            e, {"the Deprivation tab (LSOA deciles and domains)": DEPRIVATION_TAB_EDITION}
        )
        for e in shown
    )
    deprivation = iod_edition.editions_note(
        DEPRIVATION_TAB_EDITION, {"the deprivation scores in the Indicators tab": shown[-1]} if shown else {}
    )
    return indicators, deprivation


def _number(value: object, row: Mapping[str, Any]) -> str:
    return formatting.format_number(value, formatting.decimals_for(str(row.get("value_type", ""))))


def comparator_cell(row: Mapping[str, Any], prefix: str) -> str:
    """A comparator's figure in the row's unit ("≈" on approximations); "" where it has none, which
    :func:`trafford_dash.core.profile_comparators.missing_note` says once for the whole table."""
    value = row.get(f"{prefix}_value")
    if value is None or pd.isna(value):
        return ""
    text = _number(value, row)
    return f"≈ {text}" if row.get(f"{prefix}_approximate") else text


def area_cell(row: Mapping[str, Any]) -> str:
    """The area's value with its unit and 95% interval, "≈" on approximations, or "suppressed"."""
    if row["suppressed"]:
        return "suppressed"
    value = formatting.format_value(row["value"], row)
    ci = formatting.format_ci(row["lower_ci_95"], row["upper_ci_95"], row)
    return f"{'≈ ' if row['approximate'] else ''}{value} {ci}".strip()


def period_cell(row: Mapping[str, Any]) -> str:
    """The row's period, with its IoD edition for deprivation figures."""
    edition = iod_edition.edition(row, row["period"])
    return f"{row['period']} ({edition})" if edition else str(row["period"])


def display_table(table: pd.DataFrame, neighbourhood: str) -> pd.DataFrame:
    """The profile table as text for the screen: badges with symbols, "≈" on approximations.

    The area's value carries its unit; Trafford, Greater Manchester, England and the ward range are in
    the same unit. Each row gives its period and source; a comparator without a figure is left blank.
    """
    out = []
    for row in records(table):
        ward_range = ""
        if pd.notna(row["nbh_ward_min"]):
            ward_range = (
                f"{_number(row['nbh_ward_min'], row)} ({row['nbh_ward_min_name']}) to "
                f"{_number(row['nbh_ward_max'], row)} ({row['nbh_ward_max_name']})"
            )
        out.append(
            {
                "Indicator": row["indicator"],
                "Period": period_cell(row),
                "Value (95% CI)": area_cell(row),
                "vs Trafford": palettes.significance_badge(row["sig_trafford"]),
                "Trafford": comparator_cell(row, "trafford"),
                "vs GM": palettes.significance_badge(row["sig_gm"]),
                "GM": comparator_cell(row, "gm"),
                "vs England": palettes.significance_badge(row["sig_england"]),
                "England": comparator_cell(row, "england"),
                f"Ward range in {neighbourhood}": ward_range,
                "Source": row["source"],
            }
        )
    return pd.DataFrame(out)

"""The profile table of every neighbourhood and ward: each figure beside Trafford, Greater Manchester and
England, with ward ranges and significance, worked out for all areas of a level at once.

The build writes it to the store (:func:`all_profiles`), so a profile page reads its rows instead of
working them out; :func:`level_table` is also what a single profile is cut from, so both agree.

For each indicator the period is the latest at the level and ward vintage (ordered by end year, then
label, as :func:`trafford_dash.store.export.select_rows` does), with Persons and All ages where the
indicator has them; an area without a figure for that period has no row for the indicator.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from trafford_dash.core import config
from trafford_dash.core import profile_comparators as comparators

PROFILE_LEVELS = ("ward", "neighbourhood", "borough", "region", "country")
"""The levels a profile reads: the areas profiled and their comparators."""
KEY = comparators.KEY

VALUE_COLUMNS = ["period", "sex", "age", "value", "lower_ci_95", "upper_ci_95"]
"""Which figure a row gives, and its 95% confidence interval."""

TABLE_COLUMNS = [
    "area_code",
    "area_name",
    "ward_vintage",
    "indicator_id",
    "indicator",
    "theme",
    "unit",
    "value_type",
    "polarity",
    *VALUE_COLUMNS,
    "count",
    "denominator",
    "approximate",
    "suppressed",
    "value_note",
    "trafford_value",
    "trafford_lower",
    "trafford_upper",
    "trafford_approximate",
    "gm_value",
    "gm_lower",
    "gm_upper",
    "gm_approximate",
    "england_value",
    "england_lower",
    "england_upper",
    "england_approximate",
    "nbh_ward_min",
    "nbh_ward_min_name",
    "nbh_ward_max",
    "nbh_ward_max_name",
    "trafford_ward_min",
    "trafford_ward_max",
    "sig_trafford",
    "sig_gm",
    "sig_england",
    "sig_method_trafford",
    "sig_method_gm",
    "sig_method_england",
    "source",
    "licence",
]
"""The columns of a profile table."""

META_COLUMNS = ("title", "theme", "unit", "value_type", "polarity", "source", "licence")


def _listed(cell: object) -> set[str]:
    """The parts of a semicolon-separated catalogue cell."""
    return {part.strip() for part in str(cell).split(";") if part.strip()} if isinstance(cell, str) else set()


def ward_indicators(catalogue: pd.DataFrame, vintage: str) -> list[str]:
    """Every indicator with ward and neighbourhood figures on ``vintage`` but the head count itself."""
    has = catalogue["ward_vintages"].map(lambda cell: vintage in _listed(cell)) & catalogue["levels"].map(
        lambda cell: "neighbourhood" in _listed(cell)
    )
    return [i for i in catalogue.loc[has, "indicator_id"] if i != "population"]


def plain(rows: pd.DataFrame) -> pd.DataFrame:
    """A copy with text columns as Python objects: much faster to filter many times in small pieces."""
    text = [c for c in rows.columns if pd.api.types.is_string_dtype(rows[c])]
    return rows.astype(dict.fromkeys(text, object)).reset_index(drop=True)


def breakdown_each(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep one sex and one age per indicator: Persons and All ages where present, otherwise the first."""
    if rows.empty:
        return rows

    def pick(values: pd.Series, preferred: str) -> str:
        found = set(values)
        return preferred if preferred in found else sorted(found)[0]

    groups = rows.groupby("indicator_id")
    sexes = groups["sex"].agg(lambda s: pick(s, "Persons"))
    rows = rows[rows["sex"] == rows["indicator_id"].map(sexes)]
    ages = rows.groupby("indicator_id")["age"].agg(lambda a: pick(a, "All ages"))
    return rows[rows["age"] == rows["indicator_id"].map(ages)]


def profile_data(values: pd.DataFrame, vintage: str, indicator_ids: Sequence[str]) -> pd.DataFrame:
    """The rows a profile on ``vintage`` works from: the indicators' rows at :data:`PROFILE_LEVELS` on
    that vintage (or none), one breakdown per indicator."""
    chosen = values[
        values["indicator_id"].isin(list(indicator_ids))
        & values["level"].isin(PROFILE_LEVELS)
        & values["vintage"].isin([vintage, ""])
    ]
    return breakdown_each(plain(chosen))


def _ranges(wards: pd.DataFrame, prefix: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """Lowest and highest ward value (with names) per indicator and ``by`` group."""
    groups = ["indicator_id", *by]
    shown = wards[wards["value"].notna()]
    if shown.empty:
        return pd.DataFrame(columns=groups)
    picked = []
    for end, pick in (("min", "idxmin"), ("max", "idxmax")):
        rows = shown.loc[getattr(shown.groupby(groups)["value"], pick)(), [*groups, "value", "area_name"]]
        picked.append(rows.set_axis([*groups, f"{prefix}_{end}", f"{prefix}_{end}_name"], axis=1))
    return picked[0].merge(picked[1], on=groups)


def level_table(
    data: pd.DataFrame, level: str, vintage: str, areas: pd.DataFrame, catalogue: pd.DataFrame
) -> pd.DataFrame:
    """The profile table (:data:`TABLE_COLUMNS`) of every area at ``level`` ("ward" or "neighbourhood")
    on ``vintage``, from :func:`profile_data` rows; unordered."""
    at_level = data[(data["level"] == level) & (data["vintage"] == vintage)]
    if at_level.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    latest = at_level.sort_values(["year", "period"]).groupby("indicator_id")["period"].last()
    this = at_level[at_level["period"] == at_level["indicator_id"].map(latest)]
    this = this.drop_duplicates(["area_code", "indicator_id"])
    table = comparators.with_comparators(this, data)
    on_vintage = areas[areas["vintage"] == vintage]
    neighbourhood_of = on_vintage.set_index("area_code")["neighbourhood"]
    table["neighbourhood"] = table["area_code"].map(neighbourhood_of)
    wards = data[(data["level"] == "ward") & (data["vintage"] == vintage)]
    wards = wards.merge(this[KEY].drop_duplicates(), on=KEY)
    wards = wards.assign(neighbourhood=wards["area_code"].map(neighbourhood_of))
    by_neighbourhood = _ranges(wards, "nbh_ward", ["neighbourhood"])
    table = table.merge(by_neighbourhood, on=["indicator_id", "neighbourhood"], how="left")
    table = table.merge(_ranges(wards, "trafford_ward"), on="indicator_id", how="left")
    meta = catalogue.set_index("indicator_id")
    for column in META_COLUMNS:
        table[column] = table["indicator_id"].map(meta[column])
    table = comparators.add_significance(table, use_published=level == "ward")
    table = table.rename(columns={"title": "indicator"}).assign(ward_vintage=vintage)
    for column in TABLE_COLUMNS:
        if column not in table:
            table[column] = float("nan")
    return table[TABLE_COLUMNS].reset_index(drop=True)


def all_profiles(values: pd.DataFrame, catalogue: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The profile table of every neighbourhood and ward on both ward vintages, with every indicator that
    has ward figures there: what the build writes to the store, sorted by vintage, area and indicator."""
    frames = []
    for vintage in config.WARD_VINTAGES:
        data = profile_data(values, vintage, ward_indicators(catalogue, vintage))
        frames += [level_table(data, level, vintage, areas, catalogue) for level in ("neighbourhood", "ward")]
    table = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    return table.sort_values(["ward_vintage", "area_code", "indicator_id"]).reset_index(drop=True)

"""Rows the sources lack, derived from those they have: ward age shares, May-2023 wards by best fit,
neighbourhoods and Trafford, then confidence intervals for every row with a count and a denominator."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from trafford_dash.pipeline import age_shares, aggregate, tidy

if TYPE_CHECKING:
    from trafford_dash.pipeline.geography import areas as geography

BEST_FIT_NOTE = "Best fit: each 2021 LSOA assigned whole to the May-2023 ward holding most of its postcodes."


def derived(values: pd.DataFrame, geo: geography.Geography, indicators: pd.DataFrame) -> pd.DataFrame:
    """Add ward age shares, best-fit May-2023 wards, neighbourhoods and Trafford where the sources lack
    them, then CIs."""
    values = add_missing(values, age_shares.derive(values))
    ward_names = geo.areas[geo.areas["level"] == "ward"].drop_duplicates("area_code")
    names = ward_names.set_index("area_code")["area_name"]
    weights = aggregate.population_weights(values)

    best_fit = aggregate.aggregate(
        values,
        aggregate.lsoa_best_fit_membership(geo.lsoa_to_ward, "2023", names),
        indicators,
        extra_note=BEST_FIT_NOTE,
        approximate=True,
    )
    values = add_missing(values, best_fit)

    membership = aggregate.ward_membership(geo.ward_to_neighbourhood)
    neighbourhoods = aggregate.aggregate(values, membership, indicators, weights=weights)
    values = add_missing(values, neighbourhoods)

    borough = aggregate.aggregate(
        values,
        aggregate.borough_membership(geo.ward_to_neighbourhood),
        indicators,
        weights=weights,
        extra_note="Derived from the 21 wards; no published Trafford figure for this period.",
    )
    borough["vintage"] = ""
    values = add_missing(values, borough, ignore_vintage=True)
    return aggregate.add_confidence_intervals(values, indicators)


def add_missing(values: pd.DataFrame, derived: pd.DataFrame, ignore_vintage: bool = False) -> pd.DataFrame:
    """Append derived rows only where the store has no published row for the same key."""
    if derived.empty:
        return values
    key = ["area_code", "level", "indicator_id", "period", "sex", "age"]
    if not ignore_vintage:
        key.append("vintage")
    existing = values[key].drop_duplicates()
    merged = derived.merge(existing, on=key, how="left", indicator=True)
    fresh = derived[(merged["_merge"] == "left_only").to_numpy()]
    # A borough figure derived from each ward vintage for the same period: keep the newer vintage's.
    fresh = fresh.drop_duplicates(key, keep="last")
    return pd.concat([values, tidy.to_values(fresh)], ignore_index=True)

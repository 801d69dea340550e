"""Age shares of ward residents (aged 0 to 15, 16 to 64, 20 to 44, 65 and over, 80 and over, as a % of
all residents) from the ONS mid-year estimates by single year of age.

The ward profiles publish these shares on the May-2023 wards for mid-2022 only, while the store holds
the mid-2024 estimates for those wards, which a profile's headline and its population pyramid use.
Deriving the shares from the same estimates keeps all three on one year. Published shares are never
replaced: the build adds a derived row only where no published row exists for the same ward and period.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.pipeline import tidy
from trafford_dash.pipeline.loaders.population import SINGLE_YEARS

SHARES: dict[str, tuple[str, int, int]] = {
    "population_0_15": ("0-15", 0, 15),
    "population_16_64": ("16-64", 16, 64),
    "population_20_44": ("20-44", 20, 44),
    "population_65_plus": ("65+", 65, 90),
    "population_80_plus": ("80+", 80, 90),
}
"""Indicator → (age label, first and last single year; 90 stands for "90+")."""

SOURCE_KEY = "derived:population_estimates"
NOTE = (
    "Computed from the ONS mid-year population estimates by single year of age: residents aged {words} "
    "as a share of all residents."
)
KEY = ["area_code", "area_name", "level", "vintage", "period"]


def derive(values: pd.DataFrame) -> pd.DataFrame:
    """Share rows for every ward and period with single-year estimates (Persons), in store columns."""
    people = values[
        (values["indicator_id"] == "population") & (values["level"] == "ward") & (values["sex"] == "Persons")
    ]
    if people.empty:
        return tidy.to_values(pd.DataFrame(columns=[*KEY, "indicator_id", "sex", "age", "value"]))
    totals = people[people["age"] == "All ages"].set_index(KEY)["value"]
    singles = people[people["age"].isin(SINGLE_YEARS)]
    singles = singles.assign(single=singles["age"].map(SINGLE_YEARS.index))
    frames = []
    for indicator_id, (label, first, last) in SHARES.items():
        inside = singles[(singles["single"] >= first) & (singles["single"] <= last)]
        count = inside.groupby(KEY)["value"].sum()
        denominator = totals.reindex(count.index)
        words = label.replace("-", " to ").replace("+", " and over")
        frames.append(
            pd.DataFrame(
                {
                    "count": count,
                    "denominator": denominator,
                    "value": count / denominator * 100,
                }
            )
            .reset_index()
            .assign(
                indicator_id=indicator_id,
                sex="Persons",
                age=label,
                value_note=NOTE.format(words=words),
                source_key=SOURCE_KEY,
            )
        )
    return tidy.to_values(pd.concat(frames, ignore_index=True))

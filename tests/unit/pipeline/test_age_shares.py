"""Ward age shares from the single-year estimates, on the same year as a profile's headline."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.unit.pillar_rows import frame, row
from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config
from trafford_dash.pipeline import age_shares
from trafford_dash.pipeline.loaders.population import SINGLE_YEARS
from trafford_dash.profile import indicators, population_change
from trafford_dash.store import reader


def test_shares_are_summed_single_years_over_all_residents() -> None:
    people = [
        row("E05000001", "2024-06-30", 10.0, indicator_id="population", age=age) for age in SINGLE_YEARS
    ]
    people.append(row("E05000001", "2024-06-30", 10.0 * len(SINGLE_YEARS), indicator_id="population"))
    people.append(
        row("E05000001", "2024-06-30", 650.0, indicator_id="population", age="65+")
    )  # a band: ignored
    shares = age_shares.derive(frame(*people)).set_index("indicator_id")
    assert shares.loc["population_0_15", "count"] == 160.0 and shares.loc["population_0_15", "age"] == "0-15"
    assert shares.loc["population_80_plus", "count"] == 110.0  # 80 to 89 and 90+
    assert shares.loc["population_65_plus", "value"] == pytest.approx(260 / 910 * 100)
    assert (shares["denominator"] == 910.0).all() and (shares["source_key"] == age_shares.SOURCE_KEY).all()


@pytest.mark.parametrize("vintage", ["2022", "2023"])
def test_profile_age_shares_are_for_the_headline_year(built_store: None, vintage: str) -> None:
    catalogue = reader.load_table("catalogue")
    areas = reader.load_table("areas")
    rows = reader.load_values(indicator_id=list(age_shares.SHARES), level=list(indicators.PROFILE_LEVELS))
    for name in config.NEIGHBOURHOODS:
        for ward in ["", *profile_areas.wards_of(areas, name, vintage)["area_code"]]:
            area = profile_areas.resolve(areas, name, ward, vintage)
            table = indicators.profile_table(area, rows, catalogue, areas, list(age_shares.SHARES))
            assert len(table) == len(age_shares.SHARES), area
            assert set(table["period"]) == {population_change.profile_period(vintage)}, area
            assert pd.notna(table["trafford_value"]).all(), area


def test_the_catalogue_names_the_latest_period_of_each_share(built_store: None) -> None:
    catalogue = reader.load_table("catalogue").set_index("indicator_id")
    rows = reader.load_values(indicator_id=list(age_shares.SHARES))
    latest = rows.sort_values("year").groupby("indicator_id")["period"].last()
    for indicator_id in age_shares.SHARES:
        assert catalogue.loc[indicator_id, "period"] == latest[indicator_id], indicator_id

"""Contract tests on the built store: schemas, required indicators, exact sums and intervals."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.core import config, stats
from trafford_dash.store import catalogue, reader, schema

pytestmark = pytest.mark.store

REQUIRED = [
    "population",
    "bad_health",
    "disability",
    "unpaid_care",
    "imd_score",
    "life_expectancy_male",
    "life_expectancy_female",
    "obese_year6",
    "smoking_adults",
]


@pytest.fixture(scope="module")
def values(built_store: None) -> pd.DataFrame:
    return reader.load_values()


def test_every_table_meets_its_schema(values: pd.DataFrame) -> None:
    schema.IndicatorValues.validate(values)
    schema.Areas.validate(reader.load_table("areas"))
    schema.Services.validate(reader.load_table("services"))
    schema.PeerGroups.validate(reader.load_table("peer_groups"))
    schema.StoreCatalogue.validate(reader.load_table("catalogue"))


def test_required_indicators_are_present_and_catalogued(values: pd.DataFrame) -> None:
    ids = set(values["indicator_id"])
    catalogued = set(catalogue.load_catalogue()["indicator_id"])
    for indicator in REQUIRED:
        assert indicator in ids and indicator in catalogued, indicator


def test_catalogue_coverage_matches_the_store(values: pd.DataFrame) -> None:
    assert catalogue.coverage_mismatches(catalogue.load_catalogue(), values) == []


@pytest.mark.parametrize(("vintage", "period"), [("2022", "2020-06-30"), ("2023", "2024-06-30")])
def test_neighbourhood_populations_add_up_to_trafford(
    values: pd.DataFrame, vintage: str, period: str
) -> None:
    population = values[
        (values["indicator_id"] == "population")
        & (values["period"] == period)
        & (values["sex"] == "Persons")
        & (values["age"] == "All ages")
    ]
    neighbourhoods = population[(population["level"] == "neighbourhood") & (population["vintage"] == vintage)]
    trafford = population[population["level"] == "borough"]["value"]
    assert len(neighbourhoods) == 4
    assert neighbourhoods["value"].sum() == pytest.approx(float(trafford.iloc[0]))


def test_census_neighbourhoods_use_wilson_intervals_from_summed_counts(values: pd.DataFrame) -> None:
    rows = values[
        (values["indicator_id"] == "bad_health")
        & (values["level"] == "neighbourhood")
        & (values["vintage"] == "2022")
        & (values["period"] == "2021")
    ]
    wards = values[
        (values["indicator_id"] == "bad_health")
        & (values["level"] == "ward")
        & (values["vintage"] == "2022")
        & (values["period"] == "2021")
    ]
    assert len(rows) == 4 and not rows["approximate"].any()
    assert rows["count"].sum() == wards["count"].sum()
    lower, upper = stats.wilson_ci(rows["count"], rows["denominator"], 0.95, 100.0)
    assert rows["lower_ci_95"].to_numpy() == pytest.approx(lower)
    assert rows["upper_ci_95"].to_numpy() == pytest.approx(upper)


def test_value_only_neighbourhood_figures_are_flagged(values: pd.DataFrame) -> None:
    rows = values[(values["indicator_id"] == "life_expectancy_male") & (values["level"] == "neighbourhood")]
    assert not rows.empty and rows["approximate"].all()
    assert rows["value_note"].str.contains("Approximation").all()


def test_every_ward_maps_to_a_neighbourhood_in_both_vintages() -> None:
    areas = reader.load_table("areas")
    wards = areas[areas["level"] == "ward"]
    for vintage in config.WARD_VINTAGES:
        in_vintage = wards[wards["vintage"] == vintage]
        assert len(in_vintage) == 21
        assert set(in_vintage["neighbourhood"]) == set(config.NEIGHBOURHOODS)


def test_ward_map_is_compact() -> None:
    for layer in ("ward_2022", "ward_2023"):
        size = (config.PROCESSED_DIR / "maps" / f"{layer}.geojson").stat().st_size
        assert size < 100_000, f"{layer} map is {size} bytes"

"""Places per area in the values store: counts and per-1,000 rates, recomputed from the raw files."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import place_counts, sources
from trafford_dash.pipeline.loaders import places, services
from trafford_dash.store import reader


def test_counts_and_rates_on_a_small_example() -> None:
    located = pd.DataFrame(
        {
            "service_type": ["fast_food", "fast_food", "fast_food", "gp_practice"],
            "ward_code": ["W1", "W1", "W2", "W2"],
            "neighbourhood": ["North", "North", "North", "North"],
            "ward_code_2022": ["V1", "V1", "V1", "V1"],
            "neighbourhood_2022": ["North", "North", "North", "North"],
            "list_size": [None, None, None, 5000.0],
            "source_key": [places.FAST_FOOD_KEY] * 3 + ["gp"],
        }
    )
    people = pd.DataFrame(
        {
            "level": ["ward", "ward", "ward", "neighbourhood", "borough"],
            "vintage": ["2023", "2023", "2022", "2023", ""],
            "area_code": ["W1", "W2", "V1", "nbh_north", config.TRAFFORD_CODE],
            "residents": [2000.0, 1000.0, 3000.0, 3000.0, 3000.0],
            "approximate": [False, False, True, False, False],
        }
    )
    names = people[["level", "vintage", "area_code"]].assign(
        area_name=["One", "Two", "Old", "North", "Trafford"]
    )
    rows = place_counts.place_values(located, people, names).set_index(["indicator_id", "area_code"])
    rate = rows.loc["places_fast_food_per_1000"]
    assert rate.loc["W1", "value"] == pytest.approx(1.0)
    assert rate.loc["W2", "value"] == pytest.approx(1.0)
    assert rate.loc["V1", "value"] == pytest.approx(1.0) and bool(rate.loc["V1", "approximate"])
    assert rate.loc["V1", "value_note"].startswith("Residents: mid-2024 estimates")
    assert rate.loc[config.TRAFFORD_CODE, "count"] == 3
    assert rate.loc["W1", "period"] == "2023-08-07"
    gps = rows.loc["places_gp_practices"]
    assert gps.loc["W1", "value"] == 0 and gps.loc["W2", "value"] == 1
    assert rows.loc[("places_gp_patients_per_1000", "W2"), "value"] == pytest.approx(5000.0)
    assert rows["lower_ci_95"].isna().all() and not rows["suppressed"].any()


@pytest.fixture(scope="module")
def store(built_store: None) -> pd.DataFrame:
    values = pd.read_parquet(reader.processed_dir(None) / reader.VALUES_FILE)
    return values[values["indicator_id"].str.startswith("places_") | (values["indicator_id"] == "population")]


@pytest.fixture(scope="module")
def raw(mirror: Path) -> dict[str, Path]:
    return {key: sources.fetch(sources.get(key), mirror=mirror) for key in services.SERVICES_SOURCE_KEYS}


def _residents(store: pd.DataFrame, level: str, vintage: str) -> pd.Series:
    people = store[
        (store["indicator_id"] == "population")
        & (store["level"] == level)
        & (store["vintage"] == vintage)
        & (store["period"] == "2024-06-30")
        & (store["sex"] == "Persons")
        & (store["age"] == "All ages")
    ]
    return people.set_index("area_code")["value"]


def _measure(store: pd.DataFrame, indicator: str, level: str, vintage: str) -> pd.Series:
    rows = store[
        (store["indicator_id"] == indicator) & (store["level"] == level) & (store["vintage"] == vintage)
    ]
    return rows.set_index("area_code")["value"]


def test_gambling_per_1000_by_ward_from_the_wards_the_file_prints(
    store: pd.DataFrame, raw: dict[str, Path]
) -> None:
    printed = pd.read_csv(raw[places.GAMBLING_KEY], dtype=str)["ward_code"].value_counts()
    residents = _residents(store, "ward", "2023")
    expected = printed.reindex(residents.index, fill_value=0) / residents * 1000
    pd.testing.assert_series_equal(
        _measure(store, "places_gambling_per_1000", "ward", "2023").sort_index(),
        expected.sort_index(),
        check_names=False,
    )


def test_trafford_rates_from_the_raw_files(store: pd.DataFrame, raw: dict[str, Path]) -> None:
    residents = float(_residents(store, "borough", "").iloc[0])
    fast_food = len(pd.read_csv(raw[places.FAST_FOOD_KEY]))
    patients = pd.read_csv(raw[services.GP_REGISTRATIONS_KEY])["registered_patients"].sum()
    assert _measure(store, "places_fast_food_per_1000", "borough", "").iloc[0] == pytest.approx(
        fast_food / residents * 1000
    )
    assert _measure(store, "places_gp_patients_per_1000", "borough", "").iloc[0] == pytest.approx(
        patients / residents * 1000
    )


def test_schools_per_pre_2023_ward_by_an_independent_spatial_join(
    store: pd.DataFrame, raw: dict[str, Path]
) -> None:
    schools = pd.read_csv(raw[places.SCHOOLS_KEY])
    points = gpd.GeoDataFrame(schools, geometry=gpd.points_from_xy(schools["lon"], schools["lat"]), crs=4326)
    wards = gpd.read_file(raw[services.WARDS_2022_KEY])[["area_code", "geometry"]].to_crs(4326)
    joined = gpd.sjoin(points, wards, predicate="within")["area_code"].value_counts()
    stored = _measure(store, "places_schools", "ward", "2022")
    assert stored.sum() == len(schools) == joined.sum()
    assert (joined.reindex(stored.index, fill_value=0) == stored).all()


def test_neighbourhoods_and_trafford_add_up_from_wards(store: pd.DataFrame) -> None:
    for vintage in ("2022", "2023"):
        wards = _measure(store, "places_council_sites", "ward", vintage).sum()
        hoods = _measure(store, "places_council_sites", "neighbourhood", vintage).sum()
        assert wards == hoods == _measure(store, "places_council_sites", "borough", "").iloc[0]


def test_counts_of_places_are_exempt_from_small_number_suppression() -> None:
    from trafford_dash.pipeline import suppression
    from trafford_dash.store import catalogue

    indicators = catalogue.load_catalogue()
    exempt = suppression.exempt_indicators(indicators)
    assert set(place_counts.MEASURES) <= exempt
    assert "children_in_care" not in exempt  # counts of people stay under the policy

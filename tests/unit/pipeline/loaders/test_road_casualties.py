"""Road casualties: severity, placing casualties in wards, counting by area, and choosing denominators."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from trafford_dash.core import config
from trafford_dash.pipeline import sources
from trafford_dash.pipeline.geography.files import read_layer
from trafford_dash.pipeline.loaders import road_casualties as roads
from trafford_dash.pipeline.loaders import road_casualty_rates as rates


def test_fatal_and_serious_are_killed_or_seriously_injured_and_slight_is_not() -> None:
    flags = roads.killed_or_seriously_injured(pd.Series(["Fatal", "Serious", "Slight", "Slight"]))
    assert flags.tolist() == [True, True, False, False]


def test_an_unknown_severity_fails_loudly() -> None:
    with pytest.raises(ValueError, match="unknown casualty_severity"):
        roads.killed_or_seriously_injured(pd.Series(["Serious", "Damage only"]))


def _casualties(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_name", "lon", "lat"])


# Two square "wards" side by side, each 0.01 degrees wide (about 660 m east to west at 53.4° N).
SQUARES = gpd.GeoDataFrame(
    {"area_code": ["W_WEST", "W_EAST"], "area_name": ["West", "East"]},
    geometry=[box(-2.32, 53.40, -2.31, 53.41), box(-2.31, 53.40, -2.30, 53.41)],
    crs="EPSG:4326",
)


def test_a_trafford_casualty_takes_the_ward_its_point_lies_in() -> None:
    placed = roads.place_in_wards(
        _casualties([("Trafford", -2.315, 53.405), ("Trafford", -2.305, 53.405)]), SQUARES
    )
    assert placed.tolist() == ["W_WEST", "W_EAST"]


def test_a_casualty_recorded_in_another_borough_is_never_placed_in_a_trafford_ward() -> None:
    placed = roads.place_in_wards(_casualties([("Manchester", -2.305, 53.405)]), SQUARES)
    assert placed.tolist() == [None]


def test_a_trafford_casualty_just_outside_takes_the_nearest_ward_and_a_far_one_fails() -> None:
    # 0.0005 degrees of latitude is about 56 m north of the squares' edge.
    near = roads.place_in_wards(_casualties([("Trafford", -2.305, 53.4105)]), SQUARES)
    assert near.tolist() == ["W_EAST"]
    with pytest.raises(ValueError, match="outside every ward"):
        roads.place_in_wards(_casualties([("Trafford", -2.305, 53.42)]), SQUARES)


@pytest.mark.parametrize(
    ("vintage", "lon", "lat", "ward"),
    [
        ("2022", -2.2913, 53.4631, "E05000829"),  # Old Trafford stadium: Gorse Hill
        ("2023", -2.2913, 53.4631, "E05015247"),  # Gorse Hill & Cornbrook
        ("2022", -2.4310, 53.4190, "E05000824"),  # Partington: Bucklow-St Martins
        ("2023", -2.4310, 53.4190, "E05015244"),
    ],
)
def test_a_known_place_falls_in_its_real_ward(
    mirror: Path, vintage: str, lon: float, lat: float, ward: str
) -> None:
    key = roads.WARD_BOUNDARY_KEYS[vintage]
    wards = read_layer(sources.fetch(sources.get(key), mirror=mirror))
    assert roads.place_in_wards(_casualties([("Trafford", lon, lat)]), wards).tolist() == [ward]


def test_an_unknown_borough_name_fails_loudly() -> None:
    boroughs = pd.DataFrame({"area_code": ["E08000009"], "area_name": ["Trafford"]})
    assert roads.borough_codes(pd.Series(["Trafford"]), boroughs).tolist() == ["E08000009"]
    with pytest.raises(ValueError, match="not a Greater Manchester borough"):
        roads.borough_codes(pd.Series(["Cheshire East"]), boroughs)


def test_counts_fill_zeros_for_every_area_and_year_and_add_the_five_year_total() -> None:
    areas = pd.DataFrame([("W1", "One", "ward", "2022"), ("W2", "Two", "ward", "2022")], columns=roads.AREA)
    memberships = pd.DataFrame(
        {
            "area_code": ["W1", "W1", "W1"],
            "level": "ward",
            "vintage": "2022",
            "year": [2019, 2019, 2023],
            "ksi": [True, False, True],
        }
    )
    counts = roads.count_by_area(memberships, areas).set_index(["area_code", "period"])
    assert counts.loc[("W1", "2019"), [roads.KSI_COUNT, roads.ALL_COUNT]].tolist() == [1, 2]
    assert counts.loc[("W1", "2019-23"), [roads.KSI_COUNT, roads.ALL_COUNT]].tolist() == [2, 3]
    assert counts.loc[("W2", "2021"), roads.ALL_COUNT] == 0
    assert counts.loc[("W2", "2019-23"), roads.ALL_COUNT] == 0
    assert len(counts) == 2 * (len(roads.YEARS) + 1)


def test_a_casualty_in_an_area_the_store_lacks_fails_loudly() -> None:
    areas = pd.DataFrame([("W1", "One", "ward", "2022")], columns=roads.AREA)
    stray = pd.DataFrame(
        {"area_code": ["W9"], "level": "ward", "vintage": "2022", "year": [2020], "ksi": [True]}
    )
    with pytest.raises(ValueError, match="not in the store"):
        roads.count_by_area(stray, areas)


def test_the_nearest_population_year_is_chosen_and_a_tie_goes_to_the_later_year() -> None:
    assert rates.nearest_year([2020], 2023) == 2020
    assert rates.nearest_year([2022, 2024], 2019) == 2022
    assert rates.nearest_year([2022, 2024], 2023) == 2024
    assert rates.nearest_year([2020, 2022, 2024], 2021) == 2022
    assert rates.nearest_year([2020, 2022, 2024], 2022) == 2022


def _population(code: str, level: str, vintage: str, periods: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": code,
            "level": level,
            "vintage": vintage,
            "period": list(periods),
            "population": list(periods.values()),
        }
    ).assign(year=lambda f: f["period"].str[:4].astype(int))


def _count_rows(code: str, level: str, vintage: str, yearly: list[float]) -> pd.DataFrame:
    periods = [*(str(year) for year in roads.YEARS), roads.TOTAL_PERIOD]
    counts = [*yearly, sum(yearly)]
    return pd.DataFrame(
        {
            "area_code": code,
            "area_name": code,
            "level": level,
            "vintage": vintage,
            "period": periods,
            "indicator_id": roads.KSI_COUNT,
            "count": counts,
            "value": counts,
            "denominator": np.nan,
            "approximate": False,
            "value_note": "",
            "source_key": roads.CASUALTIES_KEY,
        }
    )


def test_rates_use_the_years_own_population_where_held_and_person_years_for_the_total() -> None:
    pops = _population(config.TRAFFORD_CODE, "borough", "", {"2020-06-30": 1000.0, "2022-06-30": 2000.0})
    counts = _count_rows(config.TRAFFORD_CODE, "borough", "", [1, 2, 3, 4, 5])
    out = rates.rate_rows(counts, pops)
    out = out[out["indicator_id"] == "road_ksi_casualty_rate"].set_index("period")
    assert out.loc["2020", "denominator"] == 1000.0 and not out.loc["2020", "approximate"]
    assert out.loc["2020", "value"] == pytest.approx(2 / 1000 * 100_000)
    assert out.loc["2022", "denominator"] == 2000.0 and not out.loc["2022", "approximate"]
    # 2019 takes mid-2020; 2021 ties between mid-2020 and mid-2022 and takes the later; 2023 takes mid-2022.
    assert out.loc[["2019", "2021", "2023"], "denominator"].tolist() == [1000.0, 2000.0, 2000.0]
    assert out.loc[["2019", "2021", "2023"], "approximate"].all()
    assert "Approximation" in out.loc["2019", "value_note"] and "mid-2020" in out.loc["2019", "value_note"]
    total = out.loc[roads.TOTAL_PERIOD]
    assert total["denominator"] == 1000.0 * 2 + 2000.0 * 3 and total["count"] == 15
    assert total["value"] == pytest.approx(15 / 8000 * 100_000) and total["approximate"]
    assert "person-years" in total["value_note"] and "mid-2020 ×2" in total["value_note"]


def test_other_boroughs_and_greater_manchester_are_rated_on_the_census_population() -> None:
    boroughs = pd.DataFrame(
        {
            "area_code": ["E08000001", config.TRAFFORD_CODE],
            "area_name": ["Bolton", "Trafford"],
            "population": [300.0, 200.0],
        }
    )
    empty = pd.DataFrame(
        columns=["indicator_id", "sex", "age", "level", "value", "area_code", "vintage", "period"]
    )
    pops = rates.populations(empty, boroughs).set_index("area_code")
    assert (
        pops.loc["E08000001", "population"] == 300.0 and pops.loc["E08000001", "level"] == "local_authority"
    )
    assert pops.loc[config.GM_CODE, "population"] == 500.0  # all ten boroughs, Trafford included
    assert config.TRAFFORD_CODE not in pops.index  # Trafford's own rates use its mid-year estimates
    counts = _count_rows("E08000001", "local_authority", "", [10, 10, 10, 10, 10])
    out = rates.rate_rows(counts, pops.reset_index()).set_index("period")
    assert not out.loc["2021", "approximate"] and out.loc["2022", "approximate"]
    assert "Census 2021" in out.loc["2022", "value_note"]

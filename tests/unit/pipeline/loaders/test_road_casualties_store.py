"""The built store's road casualty figures, recomputed from the raw STATS19 file with independent code.

Plain pandas and a geopandas spatial join stand in for the loader (which is not imported): casualties
of whole years 2019-2023, KSI meaning casualty_severity Fatal or Serious, Trafford's casualties placed
in each vintage's full-resolution wards (the nearest ward within 100 m for the few just outside), and
boroughs from the recorded local authority. Every figure the store shows must match.
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import sources
from trafford_dash.store import reader

pytestmark = pytest.mark.store

RAW = "open_data:road_casualties/STATS19_road_casualties_2019-Jun2024.csv"
WARDS = {v: f"spatial_data:ward/{v}/trafford_ward_full_resolution.geojson" for v in ("2022", "2023")}
TRAFFORD_MID_2020 = "open_data:population/mid-year_population_estimates_local_authority.csv"
GM_CENSUS = "open_data:census2021/population/2021_population_by_5_year_age_bands_la_gm.csv"


def _path(key: str, mirror: Path) -> Path:
    return sources.fetch(sources.get(key), mirror=mirror)


@pytest.fixture(scope="module")
def raw(mirror: Path) -> pd.DataFrame:
    frame = pd.read_csv(_path(RAW, mirror))
    frame = frame[frame["year"].between(2019, 2023)].copy()
    frame["ksi"] = frame["casualty_severity"].isin(["Fatal", "Serious"])
    return frame


def _wards_of_trafford_casualties(raw: pd.DataFrame, vintage: str, mirror: Path) -> pd.Series:
    wards = gpd.read_file(_path(WARDS[vintage], mirror))[["area_code", "geometry"]].to_crs(27700)
    trafford = raw[raw["area_name"] == "Trafford"]
    points = gpd.GeoDataFrame(
        index=trafford.index, geometry=gpd.points_from_xy(trafford["lon"], trafford["lat"]), crs=4326
    ).to_crs(27700)
    inside = gpd.sjoin(points, wards, predicate="intersects").sort_values("area_code")
    inside = inside[~inside.index.duplicated()]["area_code"]
    rest = points.drop(inside.index)
    near = gpd.sjoin_nearest(rest, wards, max_distance=100)["area_code"]
    placed = pd.concat([inside, near[~near.index.duplicated()]])
    assert len(placed) == len(trafford)
    return placed


def _store(indicator: str, period: str) -> pd.DataFrame:
    values = reader.load_values()
    rows = values[(values["indicator_id"] == indicator) & (values["period"] == period)]
    return rows.set_index(["level", "vintage", "area_code"])


@pytest.mark.parametrize("period", ["2022", "2019-23"])
@pytest.mark.parametrize(
    ("indicator", "ksi_only"), [("road_ksi_casualties", True), ("road_casualties", False)]
)
def test_every_shown_count_matches_the_raw_file(
    built_store: None, raw: pd.DataFrame, mirror: Path, period: str, indicator: str, ksi_only: bool
) -> None:
    years = range(2019, 2024) if period == "2019-23" else [int(period)]
    chosen = raw[raw["year"].isin(years) & (raw["ksi"] | (not ksi_only))]
    expected: dict[tuple[str, str, str], int] = {
        ("region", "", config.GM_CODE): len(chosen),
        ("borough", "", config.TRAFFORD_CODE): int((chosen["area_name"] == "Trafford").sum()),
        ("local_authority", "", "E08000003"): int((chosen["area_name"] == "Manchester").sum()),
        ("local_authority", "", "E08000001"): int((chosen["area_name"] == "Bolton").sum()),
    }
    table = pd.read_csv(config.DATA_DIR / "ward_neighbourhoods.csv", dtype=str)
    for vintage in WARDS:
        ward = _wards_of_trafford_casualties(raw, vintage, mirror).reindex(chosen.index).dropna()
        by_ward = ward.value_counts()
        members = table[table["vintage"] == vintage].set_index("ward_code")["neighbourhood"]
        for code in members.index:
            expected[("ward", vintage, code)] = int(by_ward.get(code, 0))
        for name, total in by_ward.groupby(members.reindex(by_ward.index).to_numpy()).sum().items():
            expected[("neighbourhood", vintage, config.neighbourhood_code(str(name)))] = int(total)
        assert by_ward.sum() == expected[("borough", "", config.TRAFFORD_CODE)]
    store = _store(indicator, period)
    if ksi_only and period != "2019-23":  # ward KSI figures are published for the five years only
        assert "ward" not in store.index.get_level_values("level")
        expected = {key: count for key, count in expected.items() if key[0] != "ward"}
    shown = 0
    for key, count in expected.items():
        row = store.loc[key]
        if row["suppressed"]:
            assert count != 0 and math.isnan(row["value"])  # zero is always published
            continue
        shown += 1
        assert row["value"] == count, key
    assert shown >= 10


def test_trafford_and_greater_manchester_rates_and_intervals_match(
    built_store: None, raw: pd.DataFrame, mirror: Path
) -> None:
    mid_2020 = pd.read_csv(_path(TRAFFORD_MID_2020, mirror))
    population = float(mid_2020.loc[mid_2020["gender"] == "Persons", "all_ages"].iloc[0])
    count = int((raw["ksi"] & (raw["year"] == 2020) & (raw["area_name"] == "Trafford")).sum())
    row = _store("road_ksi_casualty_rate", "2020").loc[("borough", "", config.TRAFFORD_CODE)]
    assert row["count"] == count and row["denominator"] == population and not row["approximate"]
    assert row["value"] == pytest.approx(count / population * 100_000)
    # Byar's approximation (count of 10 or more), 95%.
    z = 1.959963984540054
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    assert row["lower_ci_95"] == pytest.approx(lower / population * 100_000, rel=1e-9)
    assert row["upper_ci_95"] == pytest.approx(upper / population * 100_000, rel=1e-9)

    census = pd.read_csv(_path(GM_CENSUS, mirror))["value"].sum()
    gm = _store("road_casualty_rate", "2019-23").loc[("region", "", config.GM_CODE)]
    assert gm["count"] == len(raw) and gm["denominator"] == 5 * census and gm["approximate"]
    assert gm["value"] == pytest.approx(len(raw) / (5 * census) * 100_000)
    assert "person-years" in gm["value_note"]

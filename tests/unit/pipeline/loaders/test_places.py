"""The places beyond health services: the real files read, placed in wards and dated as their READMEs say."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import council_land, places, services


@pytest.fixture(scope="module")
def real(mirror: Path) -> tuple[pd.DataFrame, dict[str, Path]]:
    paths = {key: sources.fetch(sources.get(key), mirror=mirror) for key in services.SERVICES_SOURCE_KEYS}
    return services.load_services(paths), paths


def _readme(mirror: Path, key: str) -> Path:
    source = sources.get(key)
    return mirror / Path(source.relative_path).parent / "README.md"


def _spellings(date: str) -> set[str]:
    """``"2018-01"`` → {"2018-01", "January 2018"}; ``"2023-11-21"`` → {…, "21 November 2023"}."""
    found = {date}
    if re.fullmatch(r"\d{4}-\d{2}", date):
        found.add(datetime.strptime(date, "%Y-%m").strftime("%B %Y"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        found.add(datetime.strptime(date, "%Y-%m-%d").strftime("%-d %B %Y"))
    return found


@pytest.mark.parametrize("key", [k for k, d in places.SOURCE_DATES.items() if d != places.PINNED_COPY])
def test_every_data_date_is_the_one_its_readme_states(mirror: Path, key: str) -> None:
    readme = _readme(mirror, key)
    if not readme.is_file():
        pytest.skip(f"The mirror has no README beside {key}.")
    text = readme.read_text(encoding="utf-8")
    assert any(spelling in text for spelling in _spellings(places.SOURCE_DATES[key])), key


def test_each_layer_keeps_every_row_of_its_file(real: tuple[pd.DataFrame, dict[str, Path]]) -> None:
    table, paths = real
    counts = table["service_type"].value_counts()
    for kind, key in [
        ("dentist", places.DENTISTS_KEY),
        ("school", places.SCHOOLS_KEY),
        ("fast_food", places.FAST_FOOD_KEY),
        ("gambling", places.GAMBLING_KEY),
        ("food_bank", places.FOOD_BANKS_KEY),
        ("leisure_centre", places.LEISURE_KEY),
        ("community_hub", places.COMMUNITY_HUBS_KEY),
    ]:
        assert counts[kind] == len(pd.read_csv(paths[key])), kind
    assert counts["greenspace_access"] == len(gpd.read_file(paths[places.GREENSPACE_KEY]))
    assert counts["library"] == len(gpd.read_file(paths[places.LIBRARIES_KEY]))
    assert table["source_date"].notna().all()
    assert (table.loc[table["service_type"] == "school", "source_date"] == "2024-09-26").all()


def test_food_banks_sit_at_their_postcode_centre(real: tuple[pd.DataFrame, dict[str, Path]]) -> None:
    table, paths = real
    banks = table[table["service_type"] == "food_bank"]
    assert banks["detail"].str.startswith("Placed at its postcode's centre").all()
    centres = places.postcode_centres(paths)
    first = banks.iloc[0]
    assert first["lon"] == pytest.approx(centres.loc[first["postcode"].replace(" ", ""), "lon"])


def test_point_in_polygon_wards_match_the_wards_the_gambling_file_prints(
    real: tuple[pd.DataFrame, dict[str, Path]],
) -> None:
    table, paths = real
    raw = pd.read_csv(paths[places.GAMBLING_KEY], dtype=str)
    ours = table[table["service_type"] == "gambling"].sort_values(["name", "address"])
    printed = raw.sort_values(["name", "address"])
    assert list(ours["ward_code"]) == list(printed["ward_code"])


def test_every_place_has_a_ward_on_both_vintages_and_its_neighbourhood(
    real: tuple[pd.DataFrame, dict[str, Path]],
) -> None:
    table, _ = real
    others = table[~table["service_type"].isin(services.HEALTH_KINDS)]
    assert others["ward_code"].str.startswith("E05").all()
    assert others["ward_code_2022"].str.startswith("E05").all()
    assert others["neighbourhood"].notna().all() and others["neighbourhood_2022"].notna().all()
    lon, lat = others["lon"], others["lat"]
    assert lon.between(-2.6, -2.1).all() and lat.between(53.3, 53.6).all()


def test_council_sites_keep_tenure_and_use_and_only_placeable_sites(
    real: tuple[pd.DataFrame, dict[str, Path]],
) -> None:
    table, paths = real
    raw = pd.read_csv(paths[places.LAND_KEY], dtype=str)
    centres = places.postcode_centres(paths)
    with_point = raw["GeoX"].notna()
    by_postcode = ~with_point & raw["PostCode"].fillna("").str.replace(" ", "").str.upper().isin(
        centres.index
    )
    sites = table[table["service_type"] == "council_land"]
    outside_trafford = 2  # two listed sites lie beyond the borough and are left out
    assert len(sites) == int(with_point.sum() + by_postcode.sum()) - outside_trafford
    assert set(sites["category"]) <= set(council_land.USE_CLASSES.values()) | {
        "Land (use not given)",
        "Buildings (use not given)",
    }
    assert sites["tenure"].notna().all()
    youth = sites[sites["name"] == "Davyhulme Youth Centre"].iloc[0]
    assert youth["lon"] < 0 < youth["lat"], "a site published with its coordinates swapped is put right"


def test_use_classes_and_tenures() -> None:
    assert council_land.use_class("Managed allotments", "Land") == "Parks, allotments and memorials"
    assert council_land.use_class("Academy", "Buildings") == "Schools"
    assert council_land.use_class(None, "Buildings") == "Buildings (use not given)"
    assert council_land.use_class("Undocumented Tenancy", "Land/Buildings") == "Land (use not given)"
    assert council_land.tenure("Leasehold out") == "Leased out"
    assert council_land.tenure("Owner Occupied") == "Owner occupied"
    assert council_land.tenure(None) == "Other"


def test_place_at_postcodes_fills_only_missing_points() -> None:
    centres = pd.DataFrame({"lon": [-2.3], "lat": [53.4]}, index=["M331AA"])
    rows = pd.DataFrame(
        {
            "postcode": ["m33 1aa", "M33 1AA", "M31"],
            "lon": [None, -2.4, None],
            "lat": [None, 53.45, None],
            "detail": [None, None, "kept"],
        }
    )
    out = places.place_at_postcodes(rows, centres)
    assert list(out["lon"].fillna(0)) == [-2.3, -2.4, 0]
    assert out.loc[0, "detail"].startswith("Placed at its postcode's centre")
    assert pd.isna(out.loc[1, "detail"]) and out.loc[2, "detail"] == "kept"


def test_the_air_quality_area_touches_wards_of_both_vintages(
    real: tuple[pd.DataFrame, dict[str, Path]],
) -> None:
    _, paths = real
    areas = services.place_areas(paths)
    assert len(areas) == 1
    assert areas.loc[0, "source_date"] == "2018"
    assert all(code.startswith("E05") for code in areas.loc[0, "wards_2023"].split(";"))
    assert areas.loc[0, "wards_2022"]

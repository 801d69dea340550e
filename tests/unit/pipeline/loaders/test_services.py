"""Service locations: practice matching, hospital sites, and the real files placed in wards."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from trafford_dash.pipeline import sources
from trafford_dash.pipeline.geography.checks import read_ward_table
from trafford_dash.pipeline.loaders import services
from trafford_dash.store import schema


def test_normalisers() -> None:
    assert services.normalise_name("  St. John's  Medical-Centre ") == "st john s medical centre"
    assert services.normalise_name("Health & Wellbeing") == services.normalise_name("health and wellbeing")
    assert services.normalise_postcode(" wa15  7xr") == "WA157XR"


def test_match_practices_uses_name_and_postcode_then_falls_back() -> None:
    practices = pd.DataFrame(
        {
            "name": [
                "Shay Lane (Kelman)",
                "Shay Lane (Patel)",
                "Limelight Health & Wellbeing Hub",
                "Renamed Surgery",
            ],
            "postcode": ["WA15 8NZ", "WA15 8NZ", "m16 9nw", "M41 5BG"],
        }
    )
    registrations = pd.DataFrame(
        {
            "practice_code": ["P1", "P2", "P3", "P4"],
            "practice_name": [
                "Shay Lane (Patel)",
                "SHAY LANE (KELMAN)",
                "Limelight Health And Wellbeing Hub",
                "Old Name",
            ],
            "practice_postcode": ["WA15 8NZ", "WA158NZ", "M16 9NW", "M41 5BG"],
            "registered_patients": ["5386", "6233", "9229", "11851"],
        }
    )
    matched = services.match_practices(practices, registrations)
    assert matched["practice_code"].tolist() == ["P2", "P1", "P3", "P4"]
    assert matched["registered_patients"].tolist() == [6233.0, 5386.0, 9229.0, 11851.0]


def test_match_practices_leaves_an_ambiguous_practice_unmatched() -> None:
    practices = pd.DataFrame({"name": ["New A", "New B"], "postcode": ["M1 1AA", "M1 1AA"]})
    registrations = pd.DataFrame(
        {
            "practice_code": ["P1", "P2"],
            "practice_name": ["Old A", "Old B"],
            "practice_postcode": ["M1 1AA", "M1 1AA"],
            "registered_patients": ["10", "20"],
        }
    )
    matched = services.match_practices(practices, registrations)
    assert matched["practice_code"].isna().all() and matched["registered_patients"].isna().all()


def test_hospital_sites_give_one_point_inside_each_named_site() -> None:
    x, y = 378_000.0, 393_000.0
    buildings = gpd.GeoDataFrame(
        {"DISTNAME": ["General", "General", "Cottage"]},
        geometry=[
            box(x, y, x + 50, y + 50),
            box(x + 200, y, x + 260, y + 40),
            box(x + 900, y, x + 930, y + 30),
        ],
        crs="EPSG:27700",
    )
    sites = services.hospital_sites(buildings)
    assert sites["name"].tolist() == ["Cottage", "General"]
    assert sites["buildings"].tolist() == [1, 2]
    assert sites.crs.to_epsg() == 4326
    footprints = buildings.to_crs(4326)
    for site in sites.itertuples():
        own = footprints[footprints["DISTNAME"] == site.name]
        assert own.geometry.contains(site.geometry).any()


@pytest.fixture(scope="module")
def real_services(mirror: Path) -> tuple[pd.DataFrame, dict[str, Path]]:
    paths = {key: sources.fetch(sources.get(key), mirror=mirror) for key in services.SERVICES_SOURCE_KEYS}
    return services.load_services(paths), paths


def test_real_services_are_valid_and_counted(real_services: tuple[pd.DataFrame, dict[str, Path]]) -> None:
    table, _ = real_services
    schema.Services.validate(table)
    counts = table["service_type"].value_counts().to_dict()
    health = {kind: counts[kind] for kind in services.HEALTH_KINDS}
    assert health == {"pharmacy": 57, "care_home": 54, "gp_practice": 26, "hospital": 3}
    hospitals = set(table.loc[table["service_type"] == "hospital", "name"])
    assert hospitals == {"Trafford General Hospital", "Altrincham Hospital", "Priory Hospital Altrincham"}
    assert set(table["source_key"]) <= set(services.SERVICES_SOURCE_KEYS)


def test_real_gp_practices_all_have_list_sizes(real_services: tuple[pd.DataFrame, dict[str, Path]]) -> None:
    table, paths = real_services
    gps = table[table["service_type"] == "gp_practice"]
    assert len(gps) == 26
    assert gps["list_size"].notna().all() and (gps["list_size"] > 0).all()
    registrations = pd.read_csv(paths[services.GP_REGISTRATIONS_KEY])
    assert gps["list_size"].sum() == registrations["registered_patients"].sum()
    assert gps["detail"].str.fullmatch(r"Practice code P91\d{3}").all()
    assert gps["detail"].nunique() == 26


def test_real_services_all_lie_in_a_ward(real_services: tuple[pd.DataFrame, dict[str, Path]]) -> None:
    table, paths = real_services
    ward_table = read_ward_table()
    new_wards = ward_table[ward_table["vintage"] == "2023"].set_index("ward_code")["neighbourhood"]
    assert table["ward_code"].isin(new_wards.index).all()
    assert (table["neighbourhood"] == table["ward_code"].map(new_wards)).all()
    # Our point-in-polygon wards agree with the wards printed in the pharmacy file.
    pharmacies = gpd.read_file(paths[services.PHARMACIES_KEY])
    printed = dict(zip(pharmacies["organisation_data_service_code"], pharmacies["ward_code"], strict=True))
    ours = table[table["service_type"] == "pharmacy"]
    codes = ours["detail"].str.extract(r"ODS code (\w+)")[0]
    assert (codes.map(printed) == ours["ward_code"]).all()


def test_real_care_homes_are_one_per_site_with_details(
    real_services: tuple[pd.DataFrame, dict[str, Path]],
) -> None:
    table, _ = real_services
    homes = table[table["service_type"] == "care_home"]
    assert not homes.duplicated(["name", "postcode"]).any()
    assert homes["detail"].str.contains(r"(?:Nursing|Residential) homes").all()
    assert homes["detail"].str.contains("last CQC inspection").all()
    halecroft = homes.loc[homes["name"] == "Halecroft Grange", "detail"].item()
    assert "2 CQC registrations at this site" in halecroft

"""Geography: neighbourhood checks, gap-free simplification, best fits, map files, and the real build."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from trafford_dash.core import config
from trafford_dash.pipeline import sources
from trafford_dash.pipeline.geography import areas as geography
from trafford_dash.pipeline.geography.checks import (
    check_containment,
    check_ward_table,
    check_wards_match_boundaries,
    read_ward_table,
)
from trafford_dash.pipeline.geography.compact import simplify_coverage, to_compact_geojson, zoom_for_bounds
from trafford_dash.pipeline.geography.files import read_layer
from trafford_dash.pipeline.geography.lookups import (
    BY_POSTCODE,
    locate_points,
    msoa_neighbourhoods,
    postcode_best_fit,
)
from trafford_dash.store import schema

X0, Y0 = 380_000.0, 395_000.0  # somewhere in Trafford, British National Grid metres
BNG = "EPSG:27700"


# --- the neighbourhood containment check, on hand-made squares --------------------------------


def _strips() -> gpd.GeoDataFrame:
    """Four 1 km locality strips side by side, one per neighbourhood."""
    names = list(config.NEIGHBOURHOODS)
    polygons = [box(X0 + 1000 * i, Y0, X0 + 1000 * (i + 1), Y0 + 1000) for i in range(len(names))]
    return gpd.GeoDataFrame({"area_code": names, "area_name": names}, geometry=polygons, crs=BNG)


def _wards(shift: float = 0.0) -> gpd.GeoDataFrame:
    """One ward per strip; ``shift`` metres moves the first ward sideways into the second strip."""
    polygons = [box(X0 + 1000 * i + 100, Y0 + 100, X0 + 1000 * i + 900, Y0 + 900) for i in range(4)]
    polygons[0] = shapely.affinity.translate(polygons[0], xoff=shift)
    codes = [f"W{i}" for i in range(4)]
    return gpd.GeoDataFrame(
        {"area_code": codes, "area_name": [f"Ward {i}" for i in range(4)]}, geometry=polygons, crs=BNG
    )


def _table(neighbourhoods: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "vintage": "2023",
            "ward_code": [f"W{i}" for i in range(4)],
            "ward_name": [f"Ward {i}" for i in range(4)],
            "neighbourhood": neighbourhoods,
        }
    )


def test_containment_accepts_wards_inside_their_localities() -> None:
    evidence = check_containment(_wards(), _strips(), _table(list(config.NEIGHBOURHOODS)), "2023")
    assert evidence["share_inside"].min() == pytest.approx(1.0)


def test_containment_names_ward_authored_and_actual_neighbourhood() -> None:
    wrong = list(config.NEIGHBOURHOODS)
    wrong[3] = wrong[0]  # the last ward authored in the first neighbourhood
    with pytest.raises(geography.GeographyError) as raised:
        check_containment(_wards(), _strips(), _table(wrong), "2023")
    message = str(raised.value)
    assert "Ward 3" in message
    assert f"authored as {config.NEIGHBOURHOODS[0]}" in message
    assert f"lies in the {config.NEIGHBOURHOODS[3]} locality polygon" in message


def test_containment_threshold_is_95_percent_of_area() -> None:
    table = _table(list(config.NEIGHBOURHOODS))
    check_containment(_wards(shift=130.0), _strips(), table, "2023")  # 30 m of 800 m outside: 96%
    with pytest.raises(geography.GeographyError, match="Ward 0"):
        check_containment(_wards(shift=160.0), _strips(), table, "2023")  # 60 m outside: 92.5%


def test_real_lookup_with_a_ward_moved_fails_against_real_polygons(mirror: Path) -> None:
    wards = read_layer(sources.fetch(sources.get(geography.WARD_KEYS["2023"]["generalised"]), mirror=mirror))
    localities = read_layer(
        sources.fetch(sources.get(geography.LOCALITY_KEYS["2023"]), mirror=mirror), code_column=None
    )
    table = read_ward_table()
    check_containment(wards, localities, table, "2023")
    moved = table.copy()
    moved.loc[moved["ward_name"].eq("Bowdon") & moved["vintage"].eq("2023"), "neighbourhood"] = "North"
    with pytest.raises(geography.GeographyError, match=r"Bowdon .* authored as North .* South locality"):
        check_containment(wards, localities, moved, "2023")


# --- the authored table's shape -----------------------------------------------------------------


def test_ward_table_needs_21_wards_and_all_four_neighbourhoods() -> None:
    table = read_ward_table()
    assert table.groupby("vintage").size().to_dict() == {"2022": 21, "2023": 21}
    with pytest.raises(geography.GeographyError, match="20 distinct wards for vintage 2022"):
        check_ward_table(table.drop(index=0))
    no_west = table.copy()
    no_west.loc[no_west["vintage"].eq("2023") & no_west["neighbourhood"].eq("West"), "neighbourhood"] = (
        "North"
    )
    with pytest.raises(geography.GeographyError, match=r"no 2023 ward to neighbourhood\(s\) \['West'\]"):
        check_ward_table(no_west)
    with pytest.raises(geography.GeographyError, match="unknown neighbourhoods"):
        check_ward_table(table.replace({"neighbourhood": {"South": "Southern"}}))


def _padded(table: pd.DataFrame, wards: gpd.GeoDataFrame) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """Pad the four hand-made wards to Trafford's 21 on both sides with tiny squares."""
    codes = [f"X{i}" for i in range(17)]
    extra = gpd.GeoDataFrame(
        {"area_code": codes, "area_name": codes},
        geometry=[box(X0 + i, Y0 - 10, X0 + i + 1, Y0 - 9) for i in range(17)],
        crs=BNG,
    )
    rows = pd.DataFrame({"vintage": "2023", "ward_code": codes, "ward_name": codes, "neighbourhood": "North"})
    return pd.concat([table, rows], ignore_index=True), pd.concat([wards, extra], ignore_index=True)


def test_ward_codes_and_names_must_match_the_boundary_file() -> None:
    table, wards = _padded(_table(list(config.NEIGHBOURHOODS)), _wards())
    check_wards_match_boundaries(table, wards, "2023")
    renamed = wards.copy()
    renamed.loc[0, "area_name"] = "Renamed"
    with pytest.raises(geography.GeographyError, match=r"W0 \('Ward 0' vs 'Renamed'\)"):
        check_wards_match_boundaries(table, renamed, "2023")
    recoded = wards.copy()
    recoded.loc[0, "area_code"] = "W9"
    with pytest.raises(geography.GeographyError, match=r"only \['W0'\], in the boundary file only \['W9'\]"):
        check_wards_match_boundaries(table, recoded, "2023")
    with pytest.raises(geography.GeographyError, match="hold 20 wards"):
        check_wards_match_boundaries(table, wards.iloc[1:], "2023")


# --- coverage simplification --------------------------------------------------------------------


def _zigzag_pair() -> gpd.GeoDataFrame:
    """Two 1 km squares sharing a 200-vertex zigzag edge (±3 m)."""
    ys = np.linspace(0, 1000, 200)
    edge = [(X0 + 500 + (3 if i % 2 else -3), Y0 + y) for i, y in enumerate(ys)]
    left = Polygon([(X0, Y0), *edge, (X0, Y0 + 1000)])
    right = Polygon([(X0 + 1000, Y0), (X0 + 1000, Y0 + 1000), *edge[::-1]])
    return gpd.GeoDataFrame(
        {"area_code": ["L", "R"], "area_name": ["Left", "Right"]}, geometry=[left, right], crs=BNG
    )


def test_simplify_coverage_keeps_shared_edges_gap_free() -> None:
    pair = _zigzag_pair()
    assert shapely.coverage_is_valid(pair.geometry.to_numpy())
    simplified = simplify_coverage(pair, tolerance_m=20.0)
    assert simplified.crs.to_epsg() == 4326
    assert shapely.get_num_coordinates(simplified.geometry.to_numpy()).sum() < 40
    assert shapely.coverage_is_valid(simplified.geometry.to_numpy())
    projected = simplified.to_crs(BNG)
    union = shapely.union_all(projected.geometry.to_numpy())
    assert union.geom_type == "Polygon" and len(union.interiors) == 0  # no gap between the two
    assert union.area == pytest.approx(projected.area.sum(), rel=1e-9)  # and no overlap


def test_simplifying_each_polygon_alone_would_open_gaps() -> None:
    """The failure the coverage method avoids: independent simplification breaks the coverage."""
    pair = _zigzag_pair()
    alone = [shapely.coverage_simplify(geometry, 20.0) for geometry in pair.geometry]
    assert not shapely.coverage_is_valid(alone)


# --- compact GeoJSON and the map view ---------------------------------------------------------


def test_compact_geojson_has_ids_selected_properties_and_five_decimals() -> None:
    frame = gpd.GeoDataFrame(
        {"area_code": ["E1"], "area_name": ["One"], "neighbourhood": ["North"], "extra": [1]},
        geometry=[box(-2.3123456789, 53.4123456789, -2.3, 53.42)],
        crs="EPSG:4326",
    )
    payload = to_compact_geojson(frame, ("area_code", "area_name", "neighbourhood"))
    feature = payload["features"][0]
    assert feature["id"] == "E1"
    assert feature["properties"] == {"area_code": "E1", "area_name": "One", "neighbourhood": "North"}
    coordinates = [c for ring in feature["geometry"]["coordinates"] for point in ring for c in point]
    assert all(round(c, 5) == c for c in coordinates)
    assert -2.31235 in coordinates


def test_zoom_for_bounds() -> None:
    world = [-180.0, -85.05112878, 180.0, 85.05112878]
    assert zoom_for_bounds(world, 512, 512, padding=0) == pytest.approx(0.0, abs=0.01)
    trafford = [-2.47844, 53.35743, -2.25302, 53.48036]
    zoom = zoom_for_bounds(trafford)
    assert 10.0 < zoom < 11.5
    half = [-2.47844, 53.35743, -2.36573, 53.41894]
    assert zoom_for_bounds(half) == pytest.approx(zoom + 1, abs=0.05)
    assert zoom_for_bounds(trafford, 1400, 1000) == pytest.approx(zoom + 1, abs=0.01)


# --- best fits and points in polygons ---------------------------------------------------------


def test_postcode_best_fit_takes_the_ward_with_most_postcodes() -> None:
    table = read_ward_table()
    longford, old_trafford = "E05015250", "E05015253"
    postcodes = pd.DataFrame(
        {
            "lsoa_code": ["A", "A", "A", "B", "B"],
            "ward_code": [longford, old_trafford, old_trafford, longford, old_trafford],
        }
    )
    fit = postcode_best_fit(postcodes, "2021", table).set_index("lsoa_code")
    assert fit.loc["A", "ward_code"] == old_trafford
    assert fit.loc["B", "ward_code"] == longford  # a tie goes to the lower code
    assert set(fit["method"]) == {BY_POSTCODE} and set(fit["neighbourhood"]) == {"North"}
    assert set(fit["ward_vintage"]) == {"2023"}


def test_msoa_neighbourhood_is_the_postcode_majority() -> None:
    table = read_ward_table()
    north, south = "E05000825", "E05000819"  # Clifford, Altrincham (2022 wards)
    msoas = pd.Series(["M1", "M1", "M1", "M2"])
    wards = pd.Series([north, south, south, north])
    result = msoa_neighbourhoods(msoas, wards, table)
    assert result.to_dict() == {"M1": "South", "M2": "North"}


def test_locate_points_inside_near_and_far() -> None:
    polygons = gpd.GeoDataFrame(
        {"area_code": ["A", "B"]}, geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)], crs=BNG
    )
    points = gpd.GeoDataFrame(
        geometry=[Point(500, 500), Point(1500, 1040), Point(5000, 5000), Point(1000, 500)], crs=BNG
    )
    assert locate_points(points, polygons).tolist() == ["A", "B", None, "A"]


# --- the real build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[geography.Geography, Path]:
    paths = {key: sources.fetch(sources.get(key), mirror=mirror) for key in geography.GEOGRAPHY_SOURCE_KEYS}
    out_dir = tmp_path_factory.mktemp("geography")
    return geography.build_geography(paths, out_dir), out_dir


def test_real_areas_cover_every_level(built: tuple[geography.Geography, Path]) -> None:
    geo, _ = built
    areas = schema.Areas.validate(geo.areas)
    counts = areas.groupby(["level", "vintage"]).size().to_dict()
    assert counts[("ward", "2022")] == 21 and counts[("ward", "2023")] == 21
    assert counts[("neighbourhood", "2022")] == 4 and counts[("neighbourhood", "2023")] == 4
    assert counts[("lsoa", "2011")] == 138 and counts[("lsoa", "2021")] == 139
    assert counts[("msoa", "2011")] == 28 and counts[("msoa", "2021")] == 28
    assert counts[("local_authority", "")] == 9
    singles = areas[areas["level"].isin(["borough", "region", "country"])].set_index("level")["area_code"]
    assert singles.to_dict() == {
        "borough": config.TRAFFORD_CODE,
        "region": config.GM_CODE,
        "country": config.ENGLAND_CODE,
    }
    lsoas = areas[areas["level"] == "lsoa"]
    assert lsoas["ward_code"].notna().all() and lsoas["neighbourhood"].notna().all()
    old_wards = set(areas.loc[(areas["level"] == "ward") & (areas["vintage"] == "2022"), "area_code"])
    assert set(lsoas["ward_code"]) <= old_wards
    msoas = areas[areas["level"] == "msoa"]
    assert msoas["neighbourhood"].notna().all()
    assert set(msoas["neighbourhood"]) == set(config.NEIGHBOURHOODS)


def test_real_authored_lookup_passes_and_is_returned(built: tuple[geography.Geography, Path]) -> None:
    geo, _ = built
    pd.testing.assert_frame_equal(geo.ward_to_neighbourhood, read_ward_table())


def test_real_lsoa_to_ward_covers_each_pair_of_vintages(built: tuple[geography.Geography, Path]) -> None:
    geo, _ = built
    lookup = geo.lsoa_to_ward
    sizes = lookup.groupby(["lsoa_vintage", "ward_vintage"])["lsoa_code"].nunique().to_dict()
    assert sizes == {
        ("2011", "2022"): 138,
        ("2011", "2023"): 138,
        ("2021", "2022"): 139,
        ("2021", "2023"): 139,
    }
    assert not lookup.duplicated(["lsoa_code", "lsoa_vintage", "ward_vintage"]).any()
    new = lookup[lookup["ward_vintage"] == "2023"]
    assert set(new["method"]) == {BY_POSTCODE}
    assert set(lookup.loc[lookup["ward_vintage"] == "2022", "method"]) == {"published best-fit lookup"}
    assert set(new["ward_code"]) == {f"E050152{n}" for n in range(39, 60)}


def test_real_map_files_are_small_and_gap_free(built: tuple[geography.Geography, Path]) -> None:
    _, out_dir = built
    for layer in ("ward_2022", "ward_2023"):
        assert (out_dir / "maps" / f"{layer}.geojson").stat().st_size < 100_000
    for layer in ("lsoa_2011", "lsoa_2021"):
        assert (out_dir / "maps" / f"{layer}.geojson").stat().st_size < 250_000
    for layer in geography.LAYERS:
        payload = geography.load_map_geojson(out_dir, layer)
        frame = gpd.GeoDataFrame.from_features(payload["features"], crs="EPSG:4326")
        assert [f["id"] for f in payload["features"]] == frame["area_code"].tolist()
        assert shapely.coverage_is_valid(frame.geometry.to_numpy()), layer
    wards = geography.load_map_geojson(out_dir, "ward_2023")
    assert set(wards["features"][0]["properties"]) == {"area_code", "area_name", "neighbourhood"}


def test_real_neighbourhoods_nest_exactly_in_wards(built: tuple[geography.Geography, Path]) -> None:
    _, out_dir = built
    for vintage in config.WARD_VINTAGES:
        for kind in ("maps", "boundaries"):
            if kind == "maps":
                wards = gpd.GeoDataFrame.from_features(
                    geography.load_map_geojson(out_dir, f"ward_{vintage}")["features"], crs="EPSG:4326"
                )
                hoods = gpd.GeoDataFrame.from_features(
                    geography.load_map_geojson(out_dir, f"neighbourhood_{vintage}")["features"],
                    crs="EPSG:4326",
                )
            else:
                wards = geography.load_boundaries(out_dir, f"ward_{vintage}")
                hoods = geography.load_boundaries(out_dir, f"neighbourhood_{vintage}")
            assert hoods.crs.to_epsg() == 4326 and len(hoods) == 4
            for hood in hoods.to_crs(BNG).itertuples():
                members = wards[wards["neighbourhood"] == hood.area_name].to_crs(BNG)
                union = shapely.union_all(members.geometry.to_numpy())
                assert union.symmetric_difference(hood.geometry).area < 1.0, (vintage, kind, hood.area_name)


def test_real_bounds_and_readers(built: tuple[geography.Geography, Path]) -> None:
    _, out_dir = built
    bounds = json.loads((out_dir / "bounds.json").read_text())
    assert set(bounds) == {*geography.LAYERS, "centre", "zoom"}
    assert geography.load_bounds(out_dir) == bounds
    min_lon, min_lat, max_lon, max_lat = bounds["borough"]
    assert min_lon < bounds["centre"]["lon"] < max_lon and min_lat < bounds["centre"]["lat"] < max_lat
    assert bounds["zoom"] == zoom_for_bounds(bounds["borough"], 700, 500)
    gm_lon = bounds["gm"]
    assert gm_lon[0] < min_lon and gm_lon[2] > max_lon
    gm = geography.load_boundaries(out_dir, "gm_boroughs")
    assert len(gm) == 10 and config.TRAFFORD_CODE in set(gm["area_code"])
    with pytest.raises(geography.GeographyError, match="no map layer 'wards'"):
        geography.load_map_geojson(out_dir, "wards")

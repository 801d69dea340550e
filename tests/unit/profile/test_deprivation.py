"""Tests for trafford_dash.profile.deprivation: decile shares, split LSOAs, the LSOA map."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config
from trafford_dash.core.areas import ProfileArea
from trafford_dash.profile import deprivation
from trafford_dash.store import reader


def square(code: str, x0: float, y0: float, size: float = 1.0, name: str = "") -> dict:
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"area_name": name or code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def test_parent_lsoas_follow_codes_then_geometry() -> None:
    old = collection(square("L11A", 0, 0), square("L11B", 1, 0))
    new = collection(square("L11A", 0, 0), square("L21X", 1, 0, 0.5), square("L21Y", 1.5, 0.5, 0.5))
    assert deprivation.parent_lsoas(new, old) == {"L11A": "L11A", "L21X": "L11B", "L21Y": "L11B"}


def test_decile_shares_2023_sum_to_one_per_area() -> None:
    population = pd.DataFrame(
        {"area_code": ["L11A", "L21X", "L21Y"], "value": [100.0, 60.0, 40.0], "period": "2024-06-30"}
    )
    deciles = pd.DataFrame({"area_code": ["L11A", "L11B"], "value": [1.0, 10.0]})
    lookup = pd.DataFrame(
        {
            "lsoa_code": ["L11A", "L21X", "L21Y"],
            "lsoa_vintage": "2021",
            "ward_code": ["V1", "V1", "V2"],
            "ward_vintage": "2023",
            "neighbourhood": ["North", "North", "West"],
        }
    )
    areas = pd.DataFrame(
        {"area_code": ["V1", "V2"], "area_name": ["Alpha", "Beta"], "level": "ward", "vintage": "2023"}
    )
    parents = {"L11A": "L11A", "L21X": "L11B", "L21Y": "L11B"}
    shares = deprivation.decile_shares_2023(population, deciles, lookup, parents, areas)
    assert list(shares.columns) == deprivation.SHARE_COLUMNS
    assert shares.groupby("area_code")["share"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0, 1.0])
    alpha = shares[shares["area_code"] == "V1"].set_index("decile")
    assert alpha.loc[1, "population"] == 100.0 and alpha.loc[10, "population"] == 60.0
    assert alpha.loc[1, "share"] == pytest.approx(0.625) and alpha.loc[1, "area_name"] == "Alpha"
    assert set(shares["area_code"]) == {"V1", "V2", "nbh_north", "nbh_west"}


def test_decile_frame_summary_and_figure() -> None:
    shares = pd.DataFrame(
        {
            "area_code": ["nbh_north"] * 10 + [config.TRAFFORD_CODE] * 10,
            "area_name": ["North"] * 10 + ["Trafford"] * 10,
            "level": ["neighbourhood"] * 10 + ["borough"] * 10,
            "vintage": ["2022"] * 10 + [""] * 10,
            "decile": list(range(1, 11)) * 2,
            "population": [50.0, 50.0] + [0.0] * 8 + [10.0] * 10,
            "share": [0.5, 0.5] + [0.0] * 8 + [0.1] * 10,
            "period": "IoD 2019; population mid-2024",
            "note": "note",
        }
    )
    north = ProfileArea("nbh_north", "North", "neighbourhood", "2022", "North")
    frame = deprivation.decile_frame(shares, north)
    assert frame["area_share"].sum() == pytest.approx(100.0) and frame["trafford_share"].iloc[0] == 10.0
    text = deprivation.decile_summary(frame, "North")
    assert text.startswith("100.0% of North's residents live in small areas (LSOAs) among the 20% most")
    assert "against 20.0% of Trafford's" in text
    spec = json.loads(deprivation.decile_figure(frame, "North").to_json())
    assert [t["type"] for t in spec["data"]] == ["bar", "scatter"] and len(spec["data"][0]["x"]) == 10
    other = ProfileArea("nbh_west", "West", "neighbourhood", "2022", "West")
    assert deprivation.decile_frame(shares, other).empty


def test_lsoa_frame_summary_and_map() -> None:
    values = pd.DataFrame(
        {
            "area_code": ["A", "A", "A", "B", "B", "B"],
            "indicator_id": ["imd_decile", "imd_score", "imd_rank"] * 2,
            "period": "2019",
            "value": [1.0, 55.0, 500.0, 9.0, 5.0, 30000.0],
        }
    )
    frame = deprivation.lsoa_frame(values, ["A", "B"], {"A": "Trafford 001A"}, "imd")
    assert frame.to_dict("records")[0] == {
        "area_code": "A",
        "area_name": "Trafford 001A",
        "decile": 1.0,
        "score": 55.0,
        "rank": 500.0,
    }
    assert frame["area_name"].iloc[1] == "B"
    text = deprivation.lsoa_summary(frame, "North", "imd")
    assert text.startswith("1 of the 2 LSOAs assigned to North") and "Trafford 001A (rank 500" in text
    geo = collection(square("A", 0, 0), square("B", 1, 0), square("C", 2, 0))
    fig = deprivation.lsoa_figure(geo, frame, collection(square("X", 0, 0, 2)), "imd")
    spec = json.loads(fig.to_json())
    assert spec["data"][0]["type"] == "choroplethmap"
    assert spec["data"][0]["locations"] == ["A", "B"] and spec["data"][0]["z"] == [1.0, 9.0]
    assert len(spec["data"][0]["geojson"]["features"]) == 2
    assert deprivation.feature_bounds(geo) == [0.0, 0.0, 3.0, 1.0]
    # The view fits the outline (0..2 × 0..2) as well as the mapped LSOAs (0..2 × 0..1).
    assert spec["layout"]["map"]["center"] == {"lon": 1.0, "lat": 1.0}


def test_every_area_has_deciles_and_lsoas_on_the_built_store(built_store: None) -> None:
    areas = reader.load_table("areas")
    table = reader.load_table("imd_decile_population")
    lookup = reader.load_table("lsoa_to_ward")
    maps = config.PROCESSED_DIR / "maps"
    parents = deprivation.parent_lsoas(
        json.loads((maps / "lsoa_2021.geojson").read_text()),
        json.loads((maps / "lsoa_2011.geojson").read_text()),
    )
    assert len(parents) == 139
    population = reader.load_values(
        indicator_id="population", level="lsoa", vintage="2021", sex="Persons", age="All ages"
    )
    population = population[population["period"] == population["period"].max()]
    shares_2023 = deprivation.decile_shares_2023(
        population, reader.load_values(indicator_id="imd_decile", level="lsoa"), lookup, parents, areas
    )
    trafford = table[table["level"] == "borough"]
    shares = {"2022": table, "2023": pd.concat([shares_2023, trafford])}
    total_2023 = shares_2023[shares_2023["level"] == "neighbourhood"]["population"].sum()
    assert total_2023 == pytest.approx(trafford["population"].sum())
    for vintage in config.WARD_VINTAGES:
        for name in config.NEIGHBOURHOODS:
            codes = ["", *profile_areas.ward_names(areas, name, vintage)]
            for code in codes:
                area = profile_areas.resolve(areas, name, code, vintage)
                frame = deprivation.decile_frame(shares[vintage], area)
                assert len(frame) == 10 and frame["area_share"].sum() == pytest.approx(100.0), area
                assert deprivation.area_lsoas(lookup, area), area

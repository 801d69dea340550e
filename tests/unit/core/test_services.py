"""Tests for trafford_dash.core.services: placing services in areas, marker sizes, sentences, PCNs."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.core import services as area_services
from trafford_dash.store import plan


def services() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service_type": ["gp_practice", "gp_practice", "pharmacy", "care_home", "hospital"],
            "name": ["Big GP", "Small GP", "Chemist", "Home", "Hospital"],
            "address": ["1 Road", None, "2 Road", "3 Road", None],
            "postcode": ["M1", "M2", "M3", "M4", None],
            "lon": [0.5, 0.2, 1.5, 0.7, 5.0],
            "lat": [0.5, 0.2, 0.5, 0.7, 5.0],
            "ward_code": None,
            "neighbourhood": None,
            "list_size": [10000.0, 2500.0, None, None, None],
            "detail": ["Practice code X", None, None, "Nursing homes", "Hospital site"],
            "source_key": "test",
        }
    )


def geo() -> dict:
    def square(code: str, x0: float) -> dict:
        ring = [[x0, 0], [x0 + 1, 0], [x0 + 1, 1], [x0, 1], [x0, 0]]
        return {
            "type": "Feature",
            "id": code,
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    return {"type": "FeatureCollection", "features": [square("A", 0), square("B", 1)]}


def test_assign_areas_by_point_in_polygon() -> None:
    located = area_services.assign_areas(services(), geo())
    assert list(located) == ["A", "A", "B", "A", None]
    inside = area_services.services_in(services(), located, ["A"])
    assert list(inside["name"]) == ["Big GP", "Small GP", "Home"]  # by type, then name
    table = area_services.services_table(inside, {"A": "Alpha"})
    assert list(table["type"]) == ["GP practice", "GP practice", "Care home"]
    assert set(table["area"]) == {"Alpha"} and table["licence"].iloc[0] == "Open Government Licence v3.0"


def test_gp_markers_have_area_proportional_to_list_size() -> None:
    sizes = area_services.gp_marker_sizes(pd.Series([10000.0, 2500.0, None]))
    assert sizes[0] == pytest.approx(area_services.GP_SIZE_RANGE[1])
    assert sizes[1] == pytest.approx(sizes[0] / 2)  # a quarter of the list, half the diameter
    assert sizes[2] == area_services.GP_SIZE_RANGE[0]


def test_counts_sentence_and_traces() -> None:
    located = area_services.assign_areas(services(), geo())
    inside = area_services.services_in(services(), located, ["A", "B"])
    text = area_services.counts_sentence(inside, "North", residents=20000)
    assert text == (
        "North has 2 GP practices (12,500 registered patients), 1 pharmacy, 0 hospitals and 1 care home. "
        "That is 0.5 pharmacies per 10,000 residents."
    )
    traces = area_services.service_traces(inside, ["gp_practice", "pharmacy", "hospital"])
    names = [t.name for t in traces]
    assert names == [
        "GP practices outline",
        "GP practices (size = list size)",
        "Pharmacies outline",
        "Pharmacies",
    ]
    gp = traces[1]
    assert list(gp.customdata) == ["service:gp_practice"] * 2
    assert "List size: 10,000 registered patients" in gp.text[0]
    assert traces[0].hoverinfo == "skip"


def test_pcns_for_the_south_are_two() -> None:
    pcns = area_services.pcns_for(plan.load_table("pcns"), "South")
    assert len(pcns) == 2
    assert all(key.startswith("LP2019") for key in pcns["source_key"])

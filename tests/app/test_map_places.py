"""The map's place layers under AppTest: toggling layers, marker shapes, the AQMA outline, the table."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import array, run_app
from trafford_dash.core import places
from trafford_dash.store import reader


@pytest.fixture(scope="module")
def app(built_store: None) -> AppTest:
    return run_app("app_pages/map.py")


def point_traces(app: AppTest) -> dict[str, dict[str, Any]]:
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    return {t["name"]: t for t in spec["data"] if t["type"] == "scattergeo" and t.get("mode") == "markers"}


def test_a_layer_toggled_on_is_drawn_with_its_own_shape_and_listed_with_its_source(app: AppTest) -> None:
    app.session_state["map_places_table"] = True
    app.multiselect(key="map_pts").set_value(["dentist", "school"]).run()
    assert not app.exception, [e.value for e in app.exception]
    services = reader.load_table("services")
    traces = point_traces(app)
    for kind in ("dentist", "school"):
        trace = traces[places.KINDS[kind].label]
        assert len(array(trace["lon"])) == int((services["service_type"] == kind).sum())
        assert trace["marker"]["symbol"] == places.KINDS[kind].symbol
        assert "Data: " in array(trace["text"])[0]
    captions = " ".join(c.value for c in app.caption)
    assert "Dentists (53): data 2019-07-17" in captions
    assert "open_data:dentists/trafford_dentists.csv" in captions
    table = app.dataframe[-1].value
    assert set(table["layer"]) == {"Dentists", "Schools and colleges"}
    assert table["licence"].eq("OGL-UK-3.0").all()
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Download the places (CSV)" in labels


def test_council_sites_filter_by_use_and_tenure(app: AppTest) -> None:
    app.multiselect(key="map_pts").set_value(["council_land"]).run()
    app.multiselect(key="map_use").set_value(["Schools"]).run()
    app.multiselect(key="map_ten").set_value(["Owner occupied"]).run()
    assert not app.exception, [e.value for e in app.exception]
    services = reader.load_table("services")
    expected = services[
        (services["service_type"] == "council_land")
        & (services["category"] == "Schools")
        & (services["tenure"] == "Owner occupied")
    ]
    trace = point_traces(app)[places.KINDS["council_land"].label]
    assert 0 < len(array(trace["lon"])) == len(expected)
    app.multiselect(key="map_use").set_value([]).run()
    app.multiselect(key="map_ten").set_value([]).run()


def test_the_air_quality_area_is_an_outline_and_the_map_stays_offline(app: AppTest) -> None:
    app.multiselect(key="map_pts").set_value(["aqma"]).run()
    assert not app.exception, [e.value for e in app.exception]
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    outline = [t for t in spec["data"] if t.get("name") == places.AQMA_LABEL]
    assert len(outline) == 1 and outline[0]["mode"] == "lines"
    assert outline[0]["type"] == "scattergeo"
    assert "mapbox" not in json.dumps(spec["layout"]) and "map" not in spec["layout"]
    app.multiselect(key="map_pts").set_value([]).run()


def test_a_link_reproduces_the_layers_and_the_council_site_filters(built_store: None) -> None:
    view = run_app(
        "app_pages/map.py",
        {"map_pts": ["Council land and buildings", "Dentists"], "map_use": "Schools", "map_ten": "Vacant"},
    )
    assert sorted(view.multiselect(key="map_pts").value) == ["council_land", "dentist"]
    assert view.multiselect(key="map_use").value == ["Schools"]
    assert view.multiselect(key="map_ten").value == ["Vacant"]

"""The map page under AppTest: figure contents per value type, significance, services, URL state."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import array, run_app
from tests.link_params import names
from tests.map_choices import first_choice
from trafford_dash.core import config, palettes
from trafford_dash.map import layers
from trafford_dash.map import significance as map_significance
from trafford_dash.store import reader


def open_map(query: dict[str, str] | None = None) -> AppTest:
    return run_app("app_pages/map.py", query)


@pytest.fixture(scope="module")
def app(built_store: None) -> AppTest:
    return open_map()


def figure(app: AppTest) -> dict[str, Any]:
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    spec: dict[str, Any] = json.loads(charts[0].proto.spec)
    return spec


def area_traces(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in spec["data"] if t["type"] == "choropleth"]


def choose(app: AppTest, indicator: str, level: str | None = None) -> None:
    app.selectbox(key="map_ind").set_value(indicator).run()
    if level is not None:
        app.radio(key="map_lvl").set_value(level).run()
    assert not app.exception, [e.value for e in app.exception]


def expected(indicator: str, level: str) -> dict[str, float]:
    first = first_choice(indicator, level)
    rows = first.rows[(first.rows["period"] == first.period) & first.rows["value"].notna()]
    return dict(zip(rows["area_code"], rows["value"], strict=True))


# (indicator, level, value type) — one indicator per value type that can be mapped.
CASES = [
    ("bad_health", "ward", "proportion"),
    ("cancer_mortality_smr", "ward", "ratio"),
    ("life_expectancy_female", "neighbourhood", "years"),
    ("imd_score", "ward", "score"),
    ("population", "neighbourhood", "count"),
    ("antisocial_behaviour_rate", "ward", "rate"),
    ("imd_decile", "lsoa", "decile"),
    ("imd_rank", "lsoa", "rank"),
    ("median_age", "ward", "years"),
    ("old_age_dependency_ratio", "ward", "other"),
]


@pytest.mark.parametrize(("indicator", "level", "value_type"), CASES)
def test_values_on_the_map_match_the_store(app: AppTest, indicator: str, level: str, value_type: str) -> None:
    meta = reader.load_table("catalogue").set_index("indicator_id").loc[indicator]
    assert meta["value_type"] == value_type
    choose(app, indicator, level)
    spec = figure(app)
    traces = area_traces(spec)
    shown = next(t for t in traces if t["name"] == "areas:values")
    values = dict(zip(array(shown["locations"]), array(shown["z"]), strict=True))
    assert values == pytest.approx(expected(indicator, level))
    assert array(shown["customdata"]) == array(shown["locations"])
    if value_type == "ratio":
        assert shown["zmid"] == 100
        assert shown["colorscale"][0][1] != shown["colorscale"][-1][1]
    outline = spec["data"][0]
    assert outline["type"] == "scattergeo" and outline["mode"] == "lines" and outline["hoverinfo"] == "skip"
    labels = [t for t in spec["data"] if t["type"] == "scattergeo" and t.get("mode") == "text"]
    assert sorted(labels[0]["text"]) == sorted(config.NEIGHBOURHOODS)


def test_significance_colouring_uses_symbols_and_words(app: AppTest) -> None:
    choose(app, "bad_health", "ward")
    app.radio(key="map_col").set_value("sig_trafford").run()
    spec = figure(app)
    names = {t["name"] for t in area_traces(spec)}
    assert names <= {"▲ Better", "▼ Worse", "● Similar", "○ Not compared", "No data"}
    assert {"▲ Better", "▼ Worse"} <= names
    codes = [code for t in area_traces(spec) for code in array(t["locations"])]
    assert len(codes) == 21 == len(set(codes))
    body = " ".join(c.value for c in app.caption)
    assert "at 95% confidence" in body and "▲ better" in body
    summary = " ".join(m.value for m in app.markdown)
    assert "Compared with Trafford, the wards are:" in summary
    app.radio(key="map_col").set_value("value").run()


def test_wards_can_be_coloured_against_greater_manchester(app: AppTest) -> None:
    choose(app, "bad_health", "ward")
    assert "Significance vs Greater Manchester" in app.radio(key="map_col").options
    app.radio(key="map_col").set_value("sig_gm").run()
    assert not app.exception, [e.value for e in app.exception]
    traces = area_traces(figure(app))
    names = {t["name"] for t in traces}
    assert names <= {"▲ Better", "▼ Worse", "● Similar", "○ Not compared", "No data"}
    codes = [code for t in traces for code in array(t["locations"])]
    assert len(codes) == 21 == len(set(codes))
    # The same labels as the engine gives each ward against GM's row for the mapped period.
    first = first_choice("bad_health", "ward")
    rows = first.rows[(first.rows["period"] == first.period) & (first.rows["sex"] == first.sex)]
    rows = rows[rows["age"] == first.age]
    region = reader.load_values(indicator_id="bad_health", level="region")
    labelled, name = map_significance.with_significance(rows, region, "sig_gm", "lower_is_better")
    assert name == "Greater Manchester"
    expected_names = {palettes.significance_badge(label) for label in labelled["significance"]}
    assert names - {"No data"} == expected_names
    body = " ".join(c.value for c in app.caption)
    assert "compared with Greater Manchester" in body and "not overlapping" in body
    summary = " ".join(m.value for m in app.markdown)
    assert "Compared with Greater Manchester, the wards are:" in summary
    app.radio(key="map_col").set_value("value").run()


def test_service_layers_size_gps_by_list_size(app: AppTest) -> None:
    app.multiselect(key="map_pts").set_value(["gp_practice", "hospital"]).run()
    spec = figure(app)
    points = {t["name"]: t for t in spec["data"] if t["type"] == "scattergeo" and t.get("mode") == "markers"}
    gps = points["GP practices (size = list size)"]
    services = reader.load_table("services")
    assert len(array(gps["lon"])) == int((services["service_type"] == "gp_practice").sum())
    assert len(set(array(gps["marker"]["size"]))) > 5
    assert len(array(points["Hospitals"]["lon"])) == 3
    app.multiselect(key="map_pts").set_value([]).run()


def bound_controls(app: AppTest) -> dict[str, str]:
    """Every control on the page: its key and the query parameter it is bound to ("" when unbound)."""
    widgets = [*app.selectbox, *app.radio, *app.multiselect, *app.toggle, *app.checkbox]
    return {str(w.key): w.proto.query_param_key for w in widgets}


def test_every_control_is_bound_to_the_url(app: AppTest) -> None:
    app.radio(key="map_col").set_value("sig_trafford").run()
    controls = bound_controls(app)
    assert {"map_theme", "map_ind", "map_lvl", "map_vin", "map_col", "map_ci", "map_pts", "map_base"} <= set(
        controls
    )
    assert all(key == param for key, param in controls.items()), controls
    app.radio(key="map_col").set_value("value").run()


def test_every_table_has_a_download_and_the_map_an_html_copy(app: AppTest) -> None:
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Download the data (CSV)", "Download the map (HTML, works offline)"]
    assert app.get("expandable") or app.expander


def test_a_link_reproduces_the_view(built_store: None) -> None:
    view = open_map({"map_ind": "Deaths from cancer (SMR)", "map_lvl": "Neighbourhoods"})
    shown = next(t for t in area_traces(figure(view)) if t["name"] == "areas:values")
    assert sorted(array(shown["locations"])) == sorted(
        config.neighbourhood_code(n) for n in config.NEIGHBOURHOODS
    )
    assert view.selectbox(key="map_ind").value == "cancer_mortality_smr"


def test_an_unknown_link_value_gets_a_notice_not_an_error(built_store: None) -> None:
    view = open_map({"map_ind": "Not an indicator"})
    assert any(names(info.value, "map_ind", "Not an indicator") for info in view.info)
    assert view.selectbox(key="map_ind").value == layers.DEFAULT_INDICATOR


def test_only_colourings_with_something_to_compare_are_offered(built_store: None) -> None:
    census = open_map({"map_ind": "Bad or very bad general health", "map_lvl": "Wards"})
    # no England figure for Census 2021 in the store: "vs England" would colour every ward grey
    assert census.radio(key="map_col").options == [
        "Values",
        "Significance vs Trafford",
        "Significance vs Greater Manchester",
    ]
    assert any("Significance against England is not offered" in c.value for c in census.caption)
    smr = open_map(
        {"map_ind": "Deaths from cancer (SMR)", "map_lvl": "Wards", "map_col": "Significance vs England"}
    )
    assert smr.radio(key="map_col").options == ["Values"] and smr.radio(key="map_col").value == "value"
    not_offered = "Significance against Trafford, Greater Manchester or England is not offered"
    assert any(not_offered in c.value for c in smr.caption)


def test_a_deprivation_map_names_its_edition_and_where_it_changes(built_store: None) -> None:
    view = open_map({"map_ind": "Index of Multiple Deprivation score", "map_lvl": "Wards"})
    assert any(m.value.endswith("· 2025 · English Indices of Deprivation 2025") for m in view.markdown)
    assert any("The IoD 2019 is used instead for the pre-May-2023 wards" in c.value for c in view.caption)

"""The road casualty indicators reach the map, the profile and Compare through the catalogue alone."""

from __future__ import annotations

import json

import pytest

from tests.app_runs import array, figures, run_app, run_page
from tests.map_choices import first_choice
from trafford_dash.compare.common import LEVEL_CHOICES
from trafford_dash.core import config
from trafford_dash.store import reader

RATE = "road_ksi_casualty_rate"


@pytest.fixture(scope="module")
def titles(built_store: None) -> dict[str, str]:
    catalogue = reader.load_table("catalogue")
    return dict(zip(catalogue["indicator_id"], catalogue["title"], strict=True))


@pytest.mark.parametrize(("level", "period"), [("ward", "2019-23"), ("neighbourhood", "2023")])
def test_the_map_shows_every_published_figure(titles: dict[str, str], level: str, period: str) -> None:
    app = run_app("app_pages/map.py")
    app.selectbox(key="map_ind").set_value(RATE).run()
    app.radio(key="map_lvl").set_value(level).run()
    assert not app.exception, [e.value for e in app.exception]
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    shown: dict[str, float] = {}
    for trace in (t for t in spec["data"] if t["type"] == "choropleth"):
        shown.update(zip(array(trace["locations"]), array(trace["z"]), strict=True))
    first = first_choice(RATE, level)
    rows = first.rows[(first.rows["period"] == first.period) & first.rows["value"].notna()]
    assert first.period == period and len(rows) >= 0.8 * first.rows["area_code"].nunique()
    for code, value in zip(rows["area_code"], rows["value"], strict=True):
        assert shown[code] == pytest.approx(value), code


def test_the_profile_lists_every_road_casualty_indicator_with_its_period(titles: dict[str, str]) -> None:
    app = run_app("app_pages/profile.py", {"prof_all": "true"}, {"prof_table_numbers": True})
    frames = [f.value for f in app.dataframe if "indicator_id" in f.value.columns]
    table = frames[0].set_index("indicator_id")
    for indicator in (RATE, "road_casualty_rate", "road_ksi_casualties", "road_casualties"):
        assert table.loc[indicator, "period"] == "2023", indicator


@pytest.mark.parametrize("level_key", ["ward_2022", "ward_2023", "peers"])
def test_compare_ranks_the_areas(titles: dict[str, str], level_key: str) -> None:
    page = str(config.ROOT / "app_pages" / "compare.py")
    app = run_page(
        page, {"cmp_view": "Areas", "cmp_ind": titles[RATE], "cmp_level": LEVEL_CHOICES[level_key].label}
    )
    (spec,) = figures(app)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert sum(len(array(t["y"])) for t in bars) == app.dataframe[0].value["Value (number)"].notna().sum() > 0


def test_compare_trends_join_the_single_years_and_leave_out_the_five_year_total(
    titles: dict[str, str],
) -> None:
    page = str(config.ROOT / "app_pages" / "compare.py")
    app = run_page(page, {"cmp_view": "Trends", "cmp_trend": titles[RATE]})
    (spec,) = figures(app)
    lines = [t for t in spec["data"] if t.get("mode") == "lines+markers+text"]
    assert [t["name"] for t in lines][:2] == ["Trafford", "Greater Manchester"]
    assert [str(x) for x in array(lines[0]["x"])] == ["2019", "2020", "2021", "2022", "2023"]
    assert any(
        "Left out so that no line mixes period lengths" in c.value and "2019-23" in c.value
        for c in app.caption
    )

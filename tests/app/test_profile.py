"""The profile page under AppTest: numbers against the export, every tab, areas, vintages and URL state."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.app_runs import run_app
from tests.unit.profile.test_jsna import grid_columns
from trafford_dash.core import config
from trafford_dash.core import profile_comparators as comparators
from trafford_dash.profile import coverage, table_columns
from trafford_dash.profile.ui import page
from trafford_dash.store import export, reader

TABLE_KEYS = (
    "prof_table_numbers",
    "prof_table_pyramid",
    "prof_table_deciles",
    "prof_table_lsoas",
    "prof_table_wards",
)


def open_profile(query: dict[str, str] | None = None, open_tables: bool = True) -> AppTest:
    """The profile page, with every table expander open unless asked (tables are drawn when opened)."""
    return run_app("app_pages/profile.py", query, dict.fromkeys(TABLE_KEYS if open_tables else (), True))


@pytest.fixture(scope="module")
def app(built_store: None) -> AppTest:
    return open_profile()


def charts(app: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def numbers(app: AppTest) -> pd.DataFrame:
    frames = [frame.value for frame in app.dataframe if "indicator_id" in frame.value.columns]
    assert len(frames) == 1
    return frames[0]


def test_neighbourhood_numbers_match_the_export(app: AppTest) -> None:
    assert app.title[0].value == "North neighbourhood: profile"
    table = numbers(app)
    assert len(table) >= 20
    for row in table.to_dict("records"):
        exported = export.select_rows(row["indicator_id"], "neighbourhood", vintage="2022", age=row["age"])
        exported = exported[exported["area_code"] == "nbh_north"]
        assert exported["period"].tolist() == [row["period"]], row["indicator_id"]
        assert exported["value"].iloc[0] == pytest.approx(row["value"], nan_ok=True), row["indicator_id"]
        assert bool(exported["approximate"].iloc[0]) == bool(row["approximate"]), row["indicator_id"]


def test_headline_summary_and_spine(app: AppTest) -> None:
    metrics = {m.label: m.value for m in app.metric}
    population = reader.load_values(
        indicator_id="population",
        level="neighbourhood",
        vintage="2022",
        area_code="nbh_north",
        sex="Persons",
        age="All ages",
    )
    assert metrics["Residents (mid-2020)"] == f"{population['value'].iloc[0]:,.0f}"
    body = " ".join(m.value for m in app.markdown)
    assert "Compared with Trafford, North is significantly worse on" in body
    assert "Compared with England" in body or "tested against England" in body
    assert "Compared with Greater Manchester, North is significantly" in body
    assert "Greater Manchester" in [t["name"] for t in charts(app)[0]["data"]]
    shown_table = next(f.value for f in app.table if "Value (95% CI)" in f.value.columns)
    assert {"vs GM", "GM"} <= set(shown_table.columns)
    spine = charts(app)[0]
    names = [t["name"] for t in spine["data"]]
    assert names[:2] == ["Range across Trafford's wards", "Range across wards in North"]
    assert any(name.startswith("North: ▼ Worse") for name in names)
    markers = [t for t in spine["data"] if t["type"] == "scatter" and t["name"].startswith("North:")]
    assert sum(len(t["x"]) for t in markers) == len(numbers(app))
    shown = next(f.value for f in app.table if "Value (95% CI)" in f.value.columns)
    assert shown["vs Trafford"].str.contains("▼ Worse").any()
    assert shown["Value (95% CI)"].str.startswith("≈").any()


def bound_controls(app: AppTest) -> dict[str, str]:
    widgets = [*app.selectbox, *app.radio, *app.multiselect, *app.toggle, *app.checkbox]
    return {str(w.key): w.proto.query_param_key for w in widgets}


def test_every_control_is_bound_to_the_url(app: AppTest) -> None:
    controls = bound_controls(app)
    assert {"prof_vin", "prof_nbh", "prof_ward", "prof_all"} <= set(controls)
    assert all(key == param for key, param in controls.items()), controls


# One link per tab, each for a different kind of area and boundary set.
TAB_LINKS = [
    (
        "Population",
        {"prof_vin": "May-2023 wards", "prof_nbh": "West", "prof_ward": "Urmston"},
        "Urmston ward (West)",
    ),
    (
        "Deprivation",
        {"prof_nbh": "West", "prof_ward": "Bucklow-St Martins"},
        "Bucklow-St Martins ward (West)",
    ),
    ("Wards", {"prof_nbh": "South"}, "South neighbourhood"),
    ("Services", {"prof_vin": "May-2023 wards", "prof_nbh": "Central"}, "Central neighbourhood"),
]
TAB_CHECKS = {
    "Population": ({"prof_band"}, "bar"),
    "Deprivation": ({"prof_dom"}, "choroplethmap"),
    "Wards": ({"prof_rank"}, "bar"),
    "Services": (set(), "scattermap"),
}


@pytest.mark.parametrize(("tab", "link", "title"), TAB_LINKS)
def test_each_tab_draws_from_its_link(built_store: None, tab: str, link: dict[str, str], title: str) -> None:
    view = open_profile(link | {"prof_tab": tab})
    assert view.title[0].value == f"{title}: profile"
    expected_keys, trace_type = TAB_CHECKS[tab]
    figures = charts(view)
    assert figures and all(spec["data"] for spec in figures)
    assert any(t["type"] == trace_type for spec in figures for t in spec["data"])
    controls = bound_controls(view)
    assert {"prof_vin", "prof_nbh", "prof_ward", *expected_keys} <= set(controls)
    assert all(key == param for key, param in controls.items()), controls
    labels = [b.proto.label for b in view.get("download_button")]
    assert labels and all(label == "Download CSV" for label in labels)
    assert [*view.dataframe, *view.table], "every chart has a table"
    if tab != "Services":  # its table is always shown
        closed = open_profile(link | {"prof_tab": tab}, open_tables=False)
        assert len(closed.dataframe) < len(view.dataframe), "table alternatives are drawn only when opened"
    if tab == "Wards":
        bar = charts(view)[0]["data"][0]
        assert len(bar["y"]) == 7 and bar["x"] == sorted(bar["x"], reverse=True)


def test_a_may_2023_ward_in_the_link_switches_the_boundaries_and_bad_values_get_a_notice(
    built_store: None,
) -> None:
    view = open_profile({"prof_ward": "Old Trafford", "prof_tab": "Gossip"})
    assert view.title[0].value == "Old Trafford ward (North): profile"
    assert view.radio(key="prof_vin").value == "2023"
    assert any("Gossip" in info.value for info in view.info)
    unknown = open_profile({"prof_nbh": "Nowhere"})
    assert any("Nowhere" in info.value for info in unknown.info)
    assert unknown.title[0].value == "North neighbourhood: profile"


def test_every_neighbourhood_on_both_boundaries_and_every_ward_of_one_renders(app: AppTest) -> None:
    seen = 0
    for vintage in config.WARD_VINTAGES:
        app.radio(key="prof_vin").set_value(vintage).run()
        for name in config.NEIGHBOURHOODS:
            app.selectbox(key="prof_nbh").set_value(name).run()
            wards = app.selectbox(key="prof_ward").options if (vintage, name) == ("2022", "West") else [""]
            for ward in wards:
                app.selectbox(key="prof_ward").set_value(ward).run()
                assert not app.exception, (vintage, name, ward, [e.value for e in app.exception])
                spine = charts(app)[0]
                assert sum(len(t.get("x", [])) for t in spine["data"] if t["type"] == "scatter") > 5
                seen += 1
    assert seen == 8 + 5
    assert page.TABS[0] == "Indicators"


def test_jsna_summary_grid_with_printable_page_and_csv(built_store: None) -> None:
    view = open_profile({"prof_vin": "May-2023 wards", "prof_nbh": "North", "prof_tab": "JSNA summary"})
    grid = next(t.value for t in view.table if "vs GM" in t.value.columns)
    assert list(grid.columns) == grid_columns("North")
    table = coverage.neighbourhood_table("North", "2023")
    key = table[table["indicator_id"].isin(table_columns.KEY_INDICATORS)]
    assert len(grid) == len(key)
    tested = key[comparators.tested(key, "gm")]
    assert not tested.empty, "some key indicator is tested against Greater Manchester"
    marks = grid["vs GM"].tolist()
    assert marks.count("○ Not compared") == len(key) - len(tested)
    assert all(mark.split(" ", 1)[0] in "▲▼●△▽○" for mark in marks)
    captions = " ".join(c.value for c in view.caption)
    assert "England: no figure for" in captions and "Sources:" in captions
    buttons = {b.proto.label: b.proto for b in view.get("download_button")}
    for label in ("Printable summary (HTML, one page)", "All four neighbourhoods (HTML, one page each)"):
        assert buttons[label].deferred_file_id and buttons[label].ignore_rerun, label
    assert "Download the summary (CSV)" in buttons


TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}


def test_the_printable_downloads_are_escaped_html_one_page_per_area(
    built_store: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: dict[str, Callable[[], object]] = {}
    original = MediaFileManager.add_deferred

    def keep(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        made[str(kwargs.get("file_name") or args[2])] = data
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    open_profile({"prof_vin": "Pre-2023 wards", "prof_nbh": "South", "prof_tab": "JSNA summary"})
    one = str(made["trafford_jsna_summary_nbh_south_2022.html"]())
    every = str(made["trafford_jsna_summaries_2022.html"]())
    assert one.count('<section class="page">') == 1 and "<h1>South neighbourhood: JSNA summary" in one
    assert every.count('<section class="page">') == len(config.NEIGHBOURHOODS)
    for document in (one, every):
        tags = set(re.findall(r"<([a-z0-9]+)", document))
        assert tags <= {"html", "head", "meta", "title", "style", "body", "section", "h1", "p"} | TABLE_TAGS
        assert "(95% CI" in document and "Sources: " in document
    assert "▼ Worse" in every or "▲ Better" in every

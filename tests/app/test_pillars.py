"""The Pillars page under AppTest: tiles from the store, URL parameters, opened tiles, exceptions, uploads."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import array, figures, run_page
from tests.link_params import names
from trafford_dash.core import config
from trafford_dash.pillars import exceptions, local_indicators
from trafford_dash.pillars import tiles as pillars
from trafford_dash.pillars.ui.page import TILES_FIRST_SHOWN
from trafford_dash.store import reader

PAGE = str(config.ROOT / "app_pages" / "pillars.py")
META = "ae_4h,A&E within 4 hours,Urgent Care,%,higher_is_better"
GOOD = "\n".join(
    [
        "indicator_id,title,pillar,unit,polarity,area_code,period,value,lower_ci_95,upper_ci_95,source",
        f"{META},E08000009,2023/24,74.0,73.5,74.5,Trust returns",
        f"{META},E08000009,2024/25,70.0,69.5,70.5,Trust returns",
        f"{META},E92000001,2024/25,75.0,,,Trust returns",
        "",
    ]
).encode("utf-8")


def run(**params: str) -> AppTest:
    return run_page(PAGE, params)


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    uploader = next(u for u in app.file_uploader if u.key and u.key.startswith("pil_upload_"))
    uploader.set_value((name, data, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture(scope="module")
def catalogue(built_store: None) -> Any:
    return reader.load_table("catalogue")


def test_default_pillar_shows_its_first_theme_and_the_exceptions(catalogue: Any) -> None:
    app = run()
    assert app.title[0].value.startswith("Pillars")
    assert app.segmented_control(key="pillar").value == "Prevention"
    tiles = pillars.pillar_catalogue(catalogue, "Prevention")
    first_theme = tiles[tiles["theme"] == tiles["theme"].iloc[0]]
    assert len(first_theme) > TILES_FIRST_SHOWN
    assert [m.label for m in app.metric] == first_theme["title"].iloc[:TILES_FIRST_SHOWN].tolist()
    assert all(m.value and m.value != "no data" for m in app.metric)
    theme = first_theme["theme"].iloc[0]
    app.button(key=f"pil_more_{theme}").click().run()
    assert len(app.metric) == len(first_theme)
    app.button(key="pil_open_smoking_adults").click().run()
    assert len(app.metric) == len(first_theme), "the whole group stays shown after another click"
    labels = [e.label for e in app.expander]
    assert any(label.startswith("Exceptions across all pillars: ") for label in labels)
    assert any(label.startswith("Deprivation (") for label in labels)
    assert any("95% confidence interval" in c.value for c in app.caption)
    assert any("Data store built" in c.value for c in app.caption)


def test_a_chosen_tile_further_down_a_long_group_is_shown(catalogue: Any) -> None:
    tiles = pillars.pillar_catalogue(catalogue, "Prevention")
    first_theme = tiles[tiles["theme"] == tiles["theme"].iloc[0]]
    last = str(first_theme["indicator_id"].iloc[-1])
    app = run(pillar="Prevention", ind=last)
    assert len(app.metric) == len(first_theme)
    assert figures(app)


@pytest.mark.parametrize("pillar", ["Urgent Care", "Planned Care", "Mental Health"])
def test_pillar_from_the_url_shows_every_mapped_indicator(catalogue: Any, pillar: str) -> None:
    app = run(pillar=pillar)
    assert app.segmented_control(key="pillar").value == pillar
    assert len(app.metric) == len(pillars.pillar_catalogue(catalogue, pillar))
    assert any(pillar in w.value and "not yet available as open data" in w.value for w in app.warning)


def test_unknown_url_values_get_a_notice_not_an_error() -> None:
    app = run(pillar="Dentistry", ind="nonsense", pil_view="Sideways")
    notices = " ".join(i.value for i in app.info)
    assert names(notices, "pillar", "Dentistry") and names(notices, "ind", "nonsense")
    assert names(notices, "pil_view", "Sideways") and "Choices: `Trend`" in notices
    assert app.segmented_control(key="pillar").value == "Prevention"


def test_opening_a_tile_draws_trend_distribution_and_neighbourhoods(built_store: None) -> None:
    app = run(pillar="Prevention", ind="obese_year6")
    assert app.selectbox(key="ind").value == "obese_year6"
    (trend,) = figures(app)  # only the chosen view is drawn
    spread = figures(run(pillar="Prevention", ind="obese_year6", pil_view="All English authorities"))[0]
    nbh_app = run(pillar="Prevention", ind="obese_year6", pil_view="Neighbourhoods")
    (nbh,) = figures(nbh_app)
    names = [trace["name"] for trace in trend["data"]]
    assert names[:3] == ["Trafford", "Greater Manchester", "England"]
    rows = reader.load_values(indicator_id="obese_year6", level="borough")
    published = rows[~rows["approximate"]].sort_values(["year", "period"])
    assert array(trend["data"][0]["y"])[-1] == pytest.approx(published["value"].iloc[-1])
    assert array(trend["data"][0]["x"])[-1] == published["period"].iloc[-1]
    assert [t["name"] for t in spread["data"]] == ["Other authorities", "Trafford"]
    assert len(array(spread["data"][0]["y"])) > 100
    assert nbh["data"][0]["type"] == "bar" and array(nbh["data"][0]["y"]) == list(config.NEIGHBOURHOODS)
    assert any(m.value.startswith("Trafford's figure for") for m in app.markdown)
    assert any(m.value.startswith("In ") and "highest value" in m.value for m in nbh_app.markdown)
    assert any(d.proto.label == "Download CSV" for d in nbh_app.get("download_button"))


def test_tile_button_opens_and_closes(built_store: None) -> None:
    app = run()
    app.button(key="pil_open_smoking_adults").click().run()
    assert app.selectbox(key="ind").value == "smoking_adults"
    assert app.query_params["ind"] == ["smoking_adults"] or app.query_params["ind"] == "smoking_adults"
    assert len(figures(app)) == 1
    app.button(key="pil_open_smoking_adults").click().run()
    assert app.selectbox(key="ind").value is None and not figures(app)


def test_exception_button_opens_its_pillar_and_tile(built_store: None) -> None:
    app = run()
    found = exceptions.exceptions(
        pillars.build_tiles(
            reader.load_table("catalogue"),
            reader.load_values(level=list(pillars.TILE_LEVELS), indicator_id=["falls_admissions_65_plus"]),
        )
    )
    assert not found.empty
    first = found.iloc[0]
    app.session_state["pil_exceptions"] = True  # the list is drawn when its expander is opened
    app.run()
    app.button(key=f"pil_exc_{first['indicator_id']}").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.segmented_control(key="pillar").value == first["pillar"]
    assert app.selectbox(key="ind").value == first["indicator_id"]
    # the details open right under the exception's row, where the button was pressed: no scrolling
    listing = next(e for e in app.expander if e.label.startswith("Exceptions across all pillars"))
    assert len(listing.get("plotly_chart")) == 1 and len(figures(app)) == 1
    assert any("open above, under its row in the exceptions list" in c.value for c in app.caption)
    assert app.button(key=f"pil_exc_{first['indicator_id']}").label == "Close"
    app.button(key=f"pil_exc_{first['indicator_id']}").click().run()
    assert app.selectbox(key="ind").value is None and not figures(app)


def test_neighbourhoods_view_only_where_the_indicator_has_neighbourhood_figures(built_store: None) -> None:
    with_nbh = run(pillar="Prevention", ind="obese_year6")
    assert [t.label for t in with_nbh.tabs] == ["Trend", "All English authorities", "Neighbourhoods"]
    without = run(pillar="Prevention", ind="smoking_adults", pil_view="Neighbourhoods")
    assert [t.label for t in without.tabs] == ["Trend", "All English authorities"]
    assert any("no neighbourhood figures" in i.value for i in without.info)


def test_valid_upload_appears_on_its_pillar_marked_locally_supplied() -> None:
    app = upload(run(pillar="Urgent Care"), "local.csv", GOOD)
    assert any("3 rows for 1 locally supplied indicator" in s.value for s in app.success)
    assert any(t.value.startswith("A&E within 4 hours\n%") for t in app.text)  # the file's words: plain text
    assert any("Locally supplied" in m.value for m in app.markdown)
    assert any("▼ Worse" in m.value and "vs England" in m.value for m in app.markdown)
    assert any("England: 75" in t.value for t in app.text), "the local tile's England figure is shown"
    assert "ae_4h" in app.selectbox(key="ind").options
    app.selectbox(key="ind").set_value("ae_4h").run()
    trend = figures(app)[0]
    assert [t["name"] for t in trend["data"]] == ["Trafford", "England"]
    # worse than England and getting worse: it joins the exceptions list
    assert any("Exceptions across all pillars" in e.label for e in app.expander)
    app.session_state["pil_exceptions"] = True
    app.run()
    assert app.button(key="pil_exc_ae_4h")
    app.button(key="pil_local_reset").click().run()
    assert not any("A&E within 4 hours" in t.value for t in app.text)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("wrong.csv", b"area,value\nE08000009,1\n", "lacks the columns"),
        ("text.csv", GOOD.replace(b",70.0,", b",seventy,"), "which is not a number"),
        ("dupes.csv", GOOD + GOOD.splitlines(keepends=True)[1], "are duplicates"),
        ("area.csv", GOOD.replace(b"E92000001", b"E99999999"), "area code 'E99999999'"),
        ("report.pdf", b"%PDF-1.4 binary", "is not a CSV file"),
        ("latin.csv", GOOD.decode().replace("hours", "heures é").encode("latin-1"), "is not UTF-8"),
    ],
)
def test_bad_upload_is_refused_and_previous_data_stays(name: str, data: bytes, expected: str) -> None:
    app = upload(run(pillar="Urgent Care"), "good.csv", GOOD)
    before = [m.value for m in app.metric]
    app = upload(app, name, data)
    assert app.error and "unchanged" in app.error[0].value
    assert any(expected in t.value for t in app.text)  # the reason quotes the file: plain text
    assert [m.value for m in app.metric] == before
    assert isinstance(app.session_state["pil_local"], local_indicators.LocalIndicators)


def test_template_is_downloadable_and_gaps_are_listed() -> None:
    app = run(pillar="Planned Care")
    assert any(d.proto.label == "Download the CSV template" for d in app.get("download_button"))
    assert any("52 weeks" in str(df.value.to_dict()) for df in app.dataframe)


def test_tiles_and_exceptions_say_how_old_a_figure_is_and_mark_dated_ones(built_store: None) -> None:
    app = run(pillar="Living Well at Home")
    ages = [m.value for m in app.markdown if "years old" in m.value or "year old" in m.value]
    assert len(ages) >= len(app.metric) - 1  # every tile with a period gives its age
    app.session_state["pil_exceptions"] = True
    app.run()
    falls = next(
        m.value for m in app.markdown if m.value.startswith("**Emergency hospital admissions for falls")
    )
    assert "2017/18, " in falls and "years old; **dated**: " in falls
    assert any("**dated** marks one more than 3 years older" in c.value for c in app.caption)
    dated_tiles = [
        m.value for m in app.markdown if "**dated**: " in m.value and "this source's newest" in m.value
    ]
    assert dated_tiles, "a dated tile says so in words"

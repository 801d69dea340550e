"""The profile's Census 2021 composition section under AppTest: chart, sentence, table and CSV agree with
the store, and May-2023 areas and tables not published for wards are labelled."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import array, figures, run_app
from trafford_dash.store import reader


def open_census(query: dict[str, str]) -> AppTest:
    state = {"prof_table_census": True}
    return run_app("app_pages/profile.py", {"prof_tab": "Population", **query}, state)


def census_chart(app: AppTest) -> dict[str, Any]:
    for spec in figures(app):
        if spec["data"] and spec["data"][0].get("orientation") == "h" and len(spec["data"]) == 3:
            return spec
    raise AssertionError("no composition chart on the page")


def test_tenure_for_a_neighbourhood_matches_the_store(built_store: None) -> None:
    app = open_census({"prof_nbh": "North", "prof_census": "How they live: Tenure (TS054)"})
    spec = census_chart(app)
    names = [trace["name"] for trace in spec["data"]]
    assert names == ["North", "Trafford", "Greater Manchester"]
    categories = reader.load_census_categories()
    north = categories[
        (categories["topic"] == "household_tenure")
        & (categories["area_code"] == "nbh_north")
        & (categories["vintage"] == "2022")
    ].sort_values("category_order")
    expected = (north["count"] / north["denominator"] * 100).to_numpy()
    assert array(spec["data"][0]["x"]) == pytest.approx(expected.tolist())
    table = next(frame.value for frame in app.dataframe if "Category" in frame.value.columns)
    assert table["North count"].tolist() == north["count"].astype(int).tolist()
    sentences = " ".join(block.value for block in app.markdown)
    assert "Tenure, Census 2021: the largest group in North is" in sentences
    captions = " ".join(caption.value for caption in app.caption)
    assert "ONS Census 2021 (TS054 Tenure) via Trafford Data Lab" in captions
    assert "21 March 2021" in captions


def test_a_may_2023_ward_is_marked_approximate_and_msoa_tables_are_named(built_store: None) -> None:
    areas = reader.load_table("areas")
    ward = areas[(areas["level"] == "ward") & (areas["vintage"] == "2023")].iloc[0]
    app = open_census(
        {
            "prof_vin": "May-2023 wards",
            "prof_nbh": str(ward["neighbourhood"]),
            "prof_ward": str(ward["area_name"]),
            "prof_census": "What they do: Highest level of qualification (TS067)",
        }
    )
    spec = census_chart(app)
    assert "≈ best fit" in spec["data"][0]["name"]
    assert "Highest level of qualification" in " ".join(block.value for block in app.markdown)
    options = app.selectbox(key="prof_census").options
    assert not any("Sexual orientation" in option for option in options)
    assert not any("armed forces" in option for option in options)
    captions = " ".join(caption.value for caption in app.caption)
    assert "best fit" in captions and "Sexual orientation" in captions


def test_an_unknown_census_table_in_the_link_is_named_and_the_default_shown(built_store: None) -> None:
    app = open_census({"prof_nbh": "North", "prof_census": "Not a table"})
    notices = " ".join(str(info.value) for info in app.info)
    assert "prof_census" in notices
    assert "Ethnic group" in " ".join(block.value for block in app.markdown)

"""The profile's "Places that serve this area" section under AppTest, against the values store."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app_runs import run_app
from trafford_dash.store import reader


def places_table(query: dict[str, str]) -> pd.DataFrame:
    view = run_app("app_pages/profile.py", query | {"prof_tab": "Services"})
    assert any(m.value == "**Places that serve this area**" for m in view.markdown)
    tables = [t.value for t in view.table if "Place" in t.value.columns]
    assert len(tables) == 1
    return tables[0]


def stored(indicator: str, level: str, vintage: str, code: str) -> float:
    rows = reader.load_values(indicator_id=indicator, level=level, vintage=vintage, area_code=code)
    return float(rows["value"].iloc[0])


@pytest.mark.parametrize(
    ("query", "level", "vintage", "code", "column"),
    [
        ({"prof_vin": "May-2023 wards", "prof_nbh": "North"}, "neighbourhood", "2023", "nbh_north", "North"),
        ({"prof_nbh": "West", "prof_ward": "Urmston"}, "ward", "2022", "E05000838", "Urmston"),
    ],
)
def test_the_area_beside_trafford_with_period_and_source(
    built_store: None, query: dict[str, str], level: str, vintage: str, code: str, column: str
) -> None:
    table = places_table(query).set_index("Place")
    gps = table.loc["GP practices"]
    assert gps[column] == f"{stored('places_gp_practices', level, vintage, code):,.0f} GP practices"
    assert gps["Trafford"] == f"{stored('places_gp_practices', 'borough', '', 'E08000009'):,.0f} GP practices"
    assert gps["Period"] == "2026-01-23"
    assert "Trafford Data Lab" in gps["Source"]
    fast_food = table.loc["Fast-food outlets per 1,000 residents", column]
    assert fast_food.endswith("per 1,000 residents")
    if vintage == "2022":
        assert fast_food.startswith("≈ "), "pre-May-2023 ward residents are a best-fit approximation"
    assert len(table) == 13

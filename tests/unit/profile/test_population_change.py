"""Population change (trafford_dash.profile.population_change): same boundaries only, flagged otherwise."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config
from trafford_dash.core.areas import ProfileArea
from trafford_dash.profile import population_change
from trafford_dash.profile.population_change import MID_2020, MID_2022, MID_2024
from trafford_dash.store import reader


def totals() -> pd.DataFrame:
    rows = []

    def add(level: str, vintage: str, code: str, period: str, value: float) -> None:
        rows.append(
            {
                "indicator_id": "population",
                "level": level,
                "vintage": vintage,
                "area_code": code,
                "period": period,
                "sex": "Persons",
                "age": "All ages",
                "value": value,
            }
        )

    add("neighbourhood", "2022", "nbh_north", MID_2020, 100.0)
    add("neighbourhood", "2023", "nbh_north", MID_2022, 120.0)
    add("neighbourhood", "2023", "nbh_north", MID_2024, 126.0)
    add("ward", "2023", "V1", MID_2022, 50.0)
    add("ward", "2023", "V1", MID_2024, 55.0)
    add("ward", "2022", "W1", MID_2020, 40.0)
    for period, value in ((MID_2020, 1000.0), (MID_2022, 1010.0), (MID_2024, 1020.0)):
        add("borough", "", config.TRAFFORD_CODE, period, value)
    frame = pd.DataFrame(rows)
    published = {
        "indicator_id": "population_change",
        "level": "ward",
        "vintage": "2022",
        "area_code": "W1",
        "period": "2010 to 2020",
        "sex": "Persons",
        "age": "All ages",
        "value": 25.0,
    }
    return pd.concat([frame, pd.DataFrame([published])], ignore_index=True)


def test_change_on_may_2023_boundaries_compares_like_with_like() -> None:
    ward = ProfileArea("V1", "Alpha", "ward", "2023", "North")
    change = population_change.population_change(totals(), ward)
    first = change.iloc[0]
    assert (first["from_value"], first["to_value"], first["change_pct"]) == (50.0, 55.0, pytest.approx(10.0))
    assert bool(first["comparable"]) and population_change.same_boundaries_as_profile(change, ward)
    assert change.iloc[-1]["description"] == "Trafford"
    assert change.iloc[-1]["from_period"] == MID_2022


def test_change_for_a_plan_neighbourhood_flags_the_boundary_change() -> None:
    north = ProfileArea("nbh_north", "North", "neighbourhood", "2022", "North")
    change = population_change.population_change(totals(), north)
    assert list(change["comparable"]) == [True, False, True]
    assert change.iloc[0]["change_pct"] == pytest.approx(5.0)  # 120 → 126 on the new wards
    assert change.iloc[1]["change_pct"] == pytest.approx(26.0)  # 100 → 126 across boundaries
    assert "Not comparable" in change.iloc[1]["note"]
    assert not population_change.same_boundaries_as_profile(change, north)
    sentence = population_change.change_sentence(change, "North")
    assert sentence.startswith("North on the May-2023 wards grew by 5.0% between mid-2022 and mid-2024")
    # like with like: Trafford over the same years (mid-2022 to mid-2024), not from mid-2020
    assert sentence.endswith("against +1.0% for Trafford between mid-2022 and mid-2024.")
    assert (change.iloc[-1]["from_period"], change.iloc[-1]["to_period"]) == (MID_2022, MID_2024)


def test_change_for_a_plan_ward_uses_the_published_ten_year_change() -> None:
    ward = ProfileArea("W1", "Beta", "ward", "2022", "North")
    change = population_change.population_change(totals(), ward)
    assert change.iloc[0]["to_value"] == 40.0
    assert change.iloc[0]["change_pct"] == pytest.approx(25.0)
    assert "Published ward change 2010 to 2020" in change.iloc[0]["note"]
    trafford = change.iloc[-1]
    assert (trafford["from_period"], trafford["to_period"]) == ("2010-06-30", MID_2020)
    assert trafford["to_value"] == 1000.0 and trafford["change_pct"] == pytest.approx(25.0)
    sentence = population_change.change_sentence(change, "Beta")
    assert (
        "between mid-2010 and mid-2020, against +25.0% for Trafford between mid-2010 and mid-2020" in sentence
    )


def areas_and_population_rows() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The store's areas, and its all-ages population and population change at wards and above."""
    rows = reader.load_values(
        indicator_id=["population", "population_change"],
        level=["ward", "neighbourhood", "borough"],
        sex="Persons",
    )
    return reader.load_table("areas"), rows[rows["age"] == "All ages"]


def test_trafford_change_always_spans_the_same_years_as_the_area(built_store: None) -> None:
    areas, rows = areas_and_population_rows()
    for vintage in ("2022", "2023"):
        for name in config.NEIGHBOURHOODS:
            wards = profile_areas.wards_of(areas, name, vintage)["area_code"].tolist()
            for ward in ["", *wards[:2]]:
                area = profile_areas.resolve(areas, name, ward, vintage)
                change = population_change.population_change(rows, area)
                first = change[change["comparable"]].iloc[0]
                trafford = change.iloc[-1]
                assert (first["from_period"], first["to_period"]) == (
                    trafford["from_period"],
                    trafford["to_period"],
                ), area
                assert pd.notna(trafford["change_pct"]), area


def test_every_plan_neighbourhood_has_both_change_rows_on_the_built_store(built_store: None) -> None:
    areas, rows = areas_and_population_rows()
    for name in config.NEIGHBOURHOODS:
        area = profile_areas.resolve(areas, name, "", "2022")
        change = population_change.population_change(rows, area)
        assert change["to_value"].notna().all() and len(change) == 3, name
        assert list(change["comparable"]) == [True, False, True]

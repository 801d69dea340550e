"""Every area's profile table at once, as the build stores it (trafford_dash.core.profile_table)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.unit.profile.test_indicators import areas_table, catalogue, values
from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config, profile_table
from trafford_dash.profile import indicators
from trafford_dash.store import reader


def same(stored: pd.DataFrame, computed: pd.DataFrame) -> None:
    """Equal figures, labels and text, whatever the text columns' dtype after a parquet round trip."""

    def normal(frame: pd.DataFrame) -> pd.DataFrame:
        text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
        out = frame.reset_index(drop=True).astype(dict.fromkeys(text, object))
        return out.where(out.notna(), None)

    pd.testing.assert_frame_equal(normal(stored), normal(computed), check_dtype=False)


def test_all_profiles_hold_every_area_and_match_a_single_profile() -> None:
    areas = areas_table()
    cat = catalogue()
    everything = profile_table.all_profiles(values(), cat, areas)
    assert list(everything.columns) == profile_table.TABLE_COLUMNS
    assert set(zip(everything["ward_vintage"], everything["area_code"], strict=True)) == {
        ("2022", code) for code in ("W1", "W2", "W3", "nbh_north")
    }
    for code, ward in (("nbh_north", ""), ("W2", "W2")):
        area = profile_areas.resolve(areas, "North", ward, "2022")
        ids = ["bad_health", "life_expectancy_male"]
        same(
            indicators.stored_table(everything, area, ids),
            indicators.profile_table(area, values(), cat, areas, ids),
        )
        assert code == area.code


def test_ward_ranges_are_those_of_each_areas_own_neighbourhood() -> None:
    everything = profile_table.all_profiles(values(), catalogue(), areas_table())
    bad = everything[everything["indicator_id"] == "bad_health"].set_index("area_code")
    # W3 (Gamma) is the only ward of West; North has Alpha (8.0) and Beta (4.0).
    assert (bad.loc["W3", "nbh_ward_min_name"], bad.loc["W3", "nbh_ward_max"]) == ("Gamma", 5.0)
    assert (bad.loc["W1", "nbh_ward_min"], bad.loc["W1", "nbh_ward_max"]) == (4.0, 8.0)
    assert (bad.loc["W3", "trafford_ward_min"], bad.loc["W3", "trafford_ward_max"]) == (4.0, 8.0)


def test_the_ward_indicators_leave_out_the_head_count() -> None:
    cat = catalogue()
    cat.loc[len(cat)] = cat.iloc[0].to_dict() | {"indicator_id": "population", "title": "Residents"}
    assert profile_table.ward_indicators(cat, "2022") == ["bad_health", "life_expectancy_male"]
    assert profile_table.ward_indicators(cat, "2023") == ["bad_health"]


@pytest.mark.parametrize("vintage", config.WARD_VINTAGES)
def test_the_stored_profiles_are_what_each_profile_works_out(built_store: None, vintage: str) -> None:
    """Every neighbourhood and the wards of one: the build's table equals the one computed from the
    values (the stored table holds every ward of the vintage)."""
    stored = reader.load_table("profiles")
    assert list(stored.columns) == profile_table.TABLE_COLUMNS
    cat = reader.load_table("catalogue")
    areas = reader.load_table("areas")
    ids = indicators.indicators_for(cat, vintage, show_all=True)
    rows = reader.load_values(indicator_id=ids, level=list(profile_table.PROFILE_LEVELS))
    checked = 0
    for name in config.NEIGHBOURHOODS:
        wards = profile_areas.ward_names(areas, name, vintage) if name == "West" else {}
        for ward in ["", *wards]:
            area = profile_areas.resolve(areas, name, ward, vintage)
            computed = indicators.profile_table(area, rows, cat, areas, ids)
            assert len(computed) >= 10, area
            same(indicators.stored_table(stored, area, ids), computed)
            checked += 1
    assert checked == 4 + len(profile_areas.ward_names(areas, "West", vintage))
    assert stored[stored["ward_vintage"] == vintage]["area_code"].nunique() == 4 + 21

"""Shared pieces of the compare views: level availability, row narrowing and cell text."""

from __future__ import annotations

import pandas as pd

from trafford_dash.compare import common
from trafford_dash.store.schema import VALUE_COLUMNS

META = {
    "title": "Thing",
    "levels": "ward;neighbourhood;lsoa",
    "ward_vintages": "2022",
    "unit": "%",
    "value_type": "proportion",
}


def test_level_availability_and_refusal() -> None:
    assert common.level_available(META, "ward_2022")
    assert not common.level_available(META, "ward_2023")
    assert common.level_available(META, "lsoa")
    assert not common.level_available(META, "peers")
    keys = ("ward_2022", "ward_2023", "lsoa", "peers")
    refusal = common.level_refusal(META, "ward_2023", keys)
    assert refusal and "“Thing”" in refusal and "Wards (before May 2023)" in refusal and "LSOAs" in refusal
    assert common.level_refusal(META, "lsoa", keys) is None


def rows() -> pd.DataFrame:
    frame = pd.DataFrame({column: [None] * 5 for column in VALUE_COLUMNS})
    frame["sex"] = ["Male", "Male", "Female", "Male", "Male"]
    frame["age"] = "16+"
    frame["period"] = ["2011", "2021", "2021", "2015 - 17", "2023"]
    frame["year"] = [2011, 2021, 2021, 2017, 2023]
    frame["value"] = [1.0, 2.0, 3.0, 4.0, None]
    frame["suppressed"] = False
    return frame


def test_narrow_picks_single_sex_age_and_latest_period_with_a_value() -> None:
    chosen = common.narrow(rows())
    assert (chosen.sex, chosen.age, chosen.period) == ("Female", "16+", "2021")
    males = rows()[rows()["sex"] == "Male"]
    picked = common.narrow(males, period="2011")
    assert picked.period == "2011" and picked.rows["value"].tolist() == [1.0]
    assert common.narrow(males, period="1999").period == "2021"
    assert common.ordered_periods(males) == ["2011", "2015 - 17", "2021", "2023"]


def test_cell_text_marks_approximations_and_suppression() -> None:
    assert common.cell_text({"value": 12.345, "approximate": False}, META) == "12.3%"
    assert common.cell_text({"value": 12.345, "approximate": True}, META) == "≈ 12.3% *"
    assert common.cell_text({"value": None, "suppressed": True}, META) == "suppressed"
    assert common.area_label("North", "neighbourhood", "2022") == "North neighbourhood (plan wards)"


def test_comparators_offered_follow_the_levels_the_indicator_has() -> None:
    fixed = ("Trafford", "England", "Greater Manchester", "Peer-group average")
    boroughs = ["Bolton", "Salford", "Trafford"]
    everywhere = {"levels": "ward;borough;local_authority;region;country"}
    assert common.comparator_choices(everywhere, boroughs, fixed) == [*fixed, "Bolton", "Salford"]
    local = {"levels": "ward;borough"}
    assert common.comparator_choices(local, boroughs, fixed) == ["Trafford", "England", "Peer-group average"]
    no_region = {"levels": "ward;borough;local_authority"}
    assert "Greater Manchester" not in common.comparator_choices(no_region, boroughs, fixed)

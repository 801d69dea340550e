"""Profile areas, indicator choice and the profile table (trafford_dash.profile.indicators, core.areas)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from tests.unit.ward_vintage import ward_vintage_of
from tests.value_rows import value_row
from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config, profile_table
from trafford_dash.profile import indicators
from trafford_dash.store import export, reader

WARDS = {"W1": "Alpha", "W2": "Beta", "W3": "Gamma"}


def areas_table() -> pd.DataFrame:
    rows = [
        {"area_code": code, "area_name": name, "level": "ward", "vintage": "2022", "ward_code": code}
        | {"neighbourhood": "North" if code != "W3" else "West"}
        for code, name in WARDS.items()
    ]
    rows.append(
        {
            "area_code": "V1",
            "area_name": "Alpha",
            "level": "ward",
            "vintage": "2023",
            "ward_code": "V1",
            "neighbourhood": "North",
        }
    )
    for vintage in ("2022", "2023"):
        for name in config.NEIGHBOURHOODS:
            rows.append(
                {
                    "area_code": config.neighbourhood_code(name),
                    "area_name": name,
                    "level": "neighbourhood",
                    "vintage": vintage,
                    "ward_code": None,
                    "neighbourhood": name,
                }
            )
    return pd.DataFrame(rows)


def row(**values: Any) -> dict[str, Any]:
    base = value_row(vintage="2022", indicator_id="bad_health", period="2021", year=2021, source_key="test")
    base.update(values)
    for column in ("value", "lower_ci_95", "upper_ci_95", "count", "denominator"):
        base[column] = float("nan") if base[column] is None else base[column]
    return base


def male_life_expectancy(code: str, name: str, level: str, value: float, **extra: Any) -> dict[str, Any]:
    """Male life expectancy for 2015 - 19 at one area."""
    return row(
        indicator_id="life_expectancy_male",
        area_code=code,
        area_name=name,
        level=level,
        sex="Male",
        value=value,
        period="2015 - 19",
        year=2019,
        **extra,
    )


def catalogue() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator_id": "bad_health",
                "title": "Bad health",
                "theme": "health",
                "unit": "%",
                "value_type": "proportion",
                "polarity": "lower_is_better",
                "source": "Census",
                "licence": "OGL",
                "levels": "ward;neighbourhood;borough",
                "ward_vintages": "2022;2023",
            },
            {
                "indicator_id": "life_expectancy_male",
                "title": "Life expectancy",
                "theme": "health",
                "unit": "years",
                "value_type": "years",
                "polarity": "higher_is_better",
                "source": "PHE",
                "licence": "OGL",
                "levels": "ward;neighbourhood",
                "ward_vintages": "2022",
            },
            {
                "indicator_id": "gp_only",
                "title": "Borough only",
                "theme": "health",
                "unit": "%",
                "value_type": "proportion",
                "polarity": "higher_is_better",
                "source": "OHID",
                "licence": "OGL",
                "levels": "borough",
                "ward_vintages": "",
            },
        ]
    )


def values() -> pd.DataFrame:
    rows = [
        # bad health: wards with intervals, the neighbourhood exact, Trafford and England.
        row(area_code="W1", area_name="Alpha", level="ward", value=8.0, lower_ci_95=7.0, upper_ci_95=9.0),
        row(area_code="W2", area_name="Beta", level="ward", value=4.0, lower_ci_95=3.5, upper_ci_95=4.5),
        row(area_code="W3", area_name="Gamma", level="ward", value=5.0, lower_ci_95=4.0, upper_ci_95=6.0),
        row(
            area_code="nbh_north",
            area_name="North",
            level="neighbourhood",
            value=6.0,
            lower_ci_95=5.5,
            upper_ci_95=6.5,
        ),
        row(
            area_code="nbh_north",
            area_name="North",
            level="neighbourhood",
            period="2011",
            year=2011,
            value=9.0,
        ),
        row(area_code=config.TRAFFORD_CODE, area_name="Trafford", level="borough", vintage="", value=5.0),
        row(area_code=config.ENGLAND_CODE, area_name="England", level="country", vintage="", value=6.2),
        # life expectancy: males only, approximate neighbourhood, no intervals.
        *(
            male_life_expectancy(code, name, "ward", v)
            for (code, name), v in zip(WARDS.items(), (76.0, 80.0, 81.0), strict=True)
        ),
        male_life_expectancy("nbh_north", "North", "neighbourhood", 78.0, approximate=True),
        male_life_expectancy(config.TRAFFORD_CODE, "Trafford", "borough", 79.5, vintage="", approximate=True),
    ]
    return pd.DataFrame(rows)


def test_area_resolution_and_links() -> None:
    areas = areas_table()
    north = profile_areas.resolve(areas, "North", profile_areas.WHOLE_NEIGHBOURHOOD, "2022")
    assert (north.code, north.level, north.description) == (
        "nbh_north",
        "neighbourhood",
        "North neighbourhood",
    )
    ward = profile_areas.resolve(areas, "North", "W2", "2022")
    assert (ward.name, ward.level, ward.description) == ("Beta", "ward", "Beta ward (North)")
    with pytest.raises(KeyError):
        profile_areas.resolve(areas, "North", "W3", "2022")  # W3 is in West
    with pytest.raises(KeyError):
        profile_areas.resolve(areas, "Nowhere", "", "2022")
    assert profile_areas.ward_names(areas, "North", "2022") == {"W1": "Alpha", "W2": "Beta"}
    assert profile_areas.profile_link(areas, "W3", "2022") == {
        "prof_vin": "Pre-2023 wards",
        "prof_nbh": "West",
        "prof_ward": "Gamma",
    }
    assert profile_areas.profile_link(areas, "nbh_south", "2023") == {
        "prof_vin": "May-2023 wards",
        "prof_nbh": "South",
    }
    assert set(profile_areas.find_ward(areas, "Alpha")["vintage"]) == {"2022", "2023"}
    assert ward_vintage_of(areas, "V1") == "2023"


def test_indicators_for_keeps_key_order_and_adds_the_rest() -> None:
    cat = catalogue()
    assert indicators.indicators_for(cat, "2022") == ["life_expectancy_male", "bad_health"]
    cat.loc[len(cat)] = cat.iloc[0].to_dict() | {"indicator_id": "zz_extra", "title": "Zz extra"}
    assert indicators.indicators_for(cat, "2022", show_all=True) == [
        "life_expectancy_male",
        "bad_health",
        "zz_extra",
    ]
    assert indicators.indicators_for(cat, "2023", show_all=True) == ["bad_health", "zz_extra"]


def test_breakdown_prefers_persons_and_all_ages_else_the_only_one() -> None:
    frame = pd.DataFrame(
        [
            row(indicator_id="bad_health", sex="Persons", age="All ages"),
            row(indicator_id="bad_health", sex="Male", age="All ages"),
            row(indicator_id="life_expectancy_male", sex="Male", age="<75"),
        ]
    )
    chosen = profile_table.breakdown_each(frame)
    assert sorted(zip(chosen["indicator_id"], chosen["sex"], chosen["age"], strict=True)) == [
        ("bad_health", "Persons", "All ages"),
        ("life_expectancy_male", "Male", "<75"),
    ]


def test_profile_table_values_comparators_ranges_and_significance() -> None:
    areas = areas_table()
    north = profile_areas.resolve(areas, "North", "", "2022")
    table = indicators.profile_table(
        north, values(), catalogue(), areas, ["bad_health", "life_expectancy_male", "gp_only"]
    )
    assert list(table["indicator_id"]) == ["bad_health", "life_expectancy_male"]  # gp_only: no area value
    bad = table.iloc[0]
    assert bad["period"] == "2021"  # the latest period, not 2011
    assert (bad["value"], bad["trafford_value"], bad["england_value"]) == (6.0, 5.0, 6.2)
    # Trafford 5.0 lies below the interval 5.5–6.5 and lower is better: worse; England 6.2 inside.
    assert (bad["sig_trafford"], bad["sig_england"]) == ("Worse", "Similar")
    assert (bad["nbh_ward_min"], bad["nbh_ward_min_name"], bad["nbh_ward_max_name"]) == (4.0, "Beta", "Alpha")
    assert (bad["trafford_ward_min"], bad["trafford_ward_max"]) == (4.0, 8.0)
    le = table.iloc[1]
    assert le["sex"] == "Male" and bool(le["approximate"]) and bool(le["trafford_approximate"])
    assert le["sig_trafford"] == "Not compared"
    assert "No confidence interval" in le["sig_method_trafford"]
    assert math.isnan(le["england_value"])


def test_ward_profile_uses_published_england_label_when_no_test_is_possible() -> None:
    areas = areas_table()
    frame = values()
    frame.loc[
        (frame["area_code"] == "W1") & (frame["indicator_id"] == "life_expectancy_male"),
        "significance_england",
    ] = "Worse"
    alpha = profile_areas.resolve(areas, "North", "W1", "2022")
    table = indicators.profile_table(alpha, frame, catalogue(), areas, ["life_expectancy_male"])
    assert table.iloc[0]["sig_england"] == "Worse"
    assert "Published by OHID" in table.iloc[0]["sig_method_england"]
    # The same label is never borrowed for a neighbourhood (its figure is derived, not OHID's).
    north = profile_areas.resolve(areas, "North", "", "2022")
    assert indicators.profile_table(north, frame, catalogue(), areas, ["life_expectancy_male"]).iloc[0][
        "sig_england"
    ] == ("Not compared")


def test_display_table_marks_approximations_suppression_and_significance_by_symbol() -> None:
    areas = areas_table()
    north = profile_areas.resolve(areas, "North", "", "2022")
    table = indicators.profile_table(
        north, values(), catalogue(), areas, ["bad_health", "life_expectancy_male"]
    )
    table.loc[0, "suppressed"] = True
    shown = indicators.display_table(table, "North")
    assert shown.loc[0, "Value (95% CI)"] == "suppressed"
    assert shown.loc[0, "vs Trafford"] == "▼ Worse"
    assert shown.loc[1, "Value (95% CI)"].startswith("≈ 78.0 years")
    assert shown.loc[1, "Trafford"] == "≈ 79.5"
    assert shown.loc[1, "Ward range in North"] == "76.0 (Alpha) to 80.0 (Beta)"


# --- the built store ---------------------------------------------------------------------------


def _areas_to_check(areas: pd.DataFrame) -> list[profile_areas.ProfileArea]:
    out = []
    for vintage in config.WARD_VINTAGES:
        for name in config.NEIGHBOURHOODS:
            out.append(profile_areas.resolve(areas, name, "", vintage))
            out.extend(
                profile_areas.resolve(areas, name, code, vintage)
                for code in profile_areas.ward_names(areas, name, vintage)
            )
    return out


def test_every_profile_has_indicators_on_the_built_store(built_store: None) -> None:
    areas = reader.load_table("areas")
    cat = reader.load_table("catalogue")
    checked = _areas_to_check(areas)
    assert len(checked) == 2 * (4 + 21)
    rows = {
        vintage: reader.load_values(
            indicator_id=indicators.indicators_for(cat, vintage, True), level=list(indicators.PROFILE_LEVELS)
        )
        for vintage in config.WARD_VINTAGES
    }
    for area in checked:
        table = indicators.profile_table(
            area, rows[area.vintage], cat, areas, indicators.indicators_for(cat, area.vintage)
        )
        assert len(table) >= 10, area
        # A source may publish no value for an area (shown as "no data"), but never for most rows.
        assert table["value"].notna().sum() >= len(table) - 2, area
        assert table["trafford_value"].notna().sum() >= len(table) - 2, area


@pytest.mark.parametrize("vintage", config.WARD_VINTAGES)
def test_neighbourhood_numbers_match_the_export_selection(built_store: None, vintage: str) -> None:
    areas = reader.load_table("areas")
    cat = reader.load_table("catalogue")
    ids = indicators.indicators_for(cat, vintage, show_all=True)
    rows = reader.load_values(indicator_id=ids, level=list(indicators.PROFILE_LEVELS))
    south = profile_areas.resolve(areas, "South", "", vintage)
    table = indicators.profile_table(south, rows, cat, areas, ids)
    for item in table.to_dict("records"):
        age = "All ages" if item["age"] == "All ages" else item["age"]
        exported = export.select_rows(item["indicator_id"], "neighbourhood", vintage=vintage, age=age)
        exported = exported[exported["area_code"] == "nbh_south"]
        assert len(exported) == 1, item["indicator_id"]
        assert exported["period"].iloc[0] == item["period"], item["indicator_id"]
        assert exported["value"].iloc[0] == pytest.approx(item["value"]), item["indicator_id"]

"""Trafford, Greater Manchester and England beside a profile's figures (core.profile_comparators)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.unit.profile.test_indicators import areas_table, catalogue, row, values
from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config
from trafford_dash.core import profile_comparators as comparators
from trafford_dash.profile import coverage, indicators
from trafford_dash.store import reader


def gm_row(value: float, lower: float | None = None, upper: float | None = None) -> dict[str, object]:
    return row(
        area_code=config.GM_CODE,
        area_name=config.GM_NAME,
        level="region",
        vintage="",
        value=value,
        lower_ci_95=lower,
        upper_ci_95=upper,
    )


def north_table(extra: list[dict[str, object]]) -> pd.DataFrame:
    areas = areas_table()
    north = profile_areas.resolve(areas, "North", "", "2022")
    frame = pd.concat([values(), pd.DataFrame(extra)], ignore_index=True)
    return indicators.profile_table(north, frame, catalogue(), areas, ["bad_health", "life_expectancy_male"])


@pytest.mark.parametrize(
    ("gm", "label", "method"),
    [
        # North is 6.0 (5.5–6.5); lower is better.
        ((7.0, 6.8, 7.2), "Better", comparators.significance.OVERLAP_DIFFERS),
        ((6.9, 6.4, 7.4), "Similar", comparators.significance.OVERLAP_SIMILAR),  # 6.4–6.5 overlaps
        ((5.0, 4.8, 5.2), "Worse", comparators.significance.OVERLAP_DIFFERS),
        ((6.9, None, None), "Better", comparators.significance.POINT_DIFFERS),  # no GM interval: a point
    ],
)
def test_significance_against_gm_by_interval_overlap(
    gm: tuple[float, float | None, float | None], label: str, method: str
) -> None:
    bad = north_table([gm_row(*gm)]).iloc[0]
    assert bad["gm_value"] == gm[0]
    assert bad["sig_gm"] == label
    assert bad["sig_method_gm"] == method.replace("{confidence}", "95")


def test_gm_is_matched_on_the_same_period_and_missing_gm_is_not_compared() -> None:
    other_period = gm_row(9.0, 8.9, 9.1) | {"period": "2011", "year": 2011}
    table = north_table([other_period])
    bad = table.iloc[0]
    assert pd.isna(bad["gm_value"])
    assert bad["sig_gm"] == "Not compared"
    assert bad["sig_method_gm"] == comparators.significance.NO_COMPARATOR


def test_trafford_is_tested_by_overlap_when_it_has_an_interval() -> None:
    frame = values()
    trafford = (frame["area_code"] == config.TRAFFORD_CODE) & (frame["indicator_id"] == "bad_health")
    # Trafford 5.0 is below North's 5.5–6.5, but its interval 4.9–5.6 overlaps: similar, not worse.
    frame.loc[trafford, ["lower_ci_95", "upper_ci_95"]] = [4.9, 5.6]
    areas = areas_table()
    north = profile_areas.resolve(areas, "North", "", "2022")
    bad = indicators.profile_table(north, frame, catalogue(), areas, ["bad_health"]).iloc[0]
    assert (bad["trafford_lower"], bad["trafford_upper"]) == (4.9, 5.6)
    assert bad["sig_trafford"] == "Similar"
    assert bad["sig_method_trafford"] == "95% CI: intervals overlap"


def test_count_of_indicators_tested_against_trafford_and_gm() -> None:
    table = north_table([gm_row(7.0, 6.8, 7.2)])
    # bad health has intervals for North, Trafford (a point) and GM; life expectancy has none.
    assert comparators.tested_against_trafford_and_gm(table) == 1
    table.loc[0, "suppressed"] = True
    assert comparators.tested_against_trafford_and_gm(comparators.add_significance(table, False)) == 0
    assert comparators.tested_against_trafford_and_gm(table.iloc[0:0]) == 0


def test_missing_comparators_are_said_once_for_the_table_and_cells_left_blank() -> None:
    table = north_table([gm_row(7.0, 6.8, 7.2)])
    assert comparators.missing_note(table, "england", "England") == (
        "England: no figure for 1 of the 2 indicators; those cells are blank."
    )
    assert comparators.missing_note(table, "trafford", "Trafford") == ""
    shown = indicators.display_table(table, "North")
    assert list(shown["England"]) == ["6.2", ""]
    assert list(shown["GM"]) == ["7.0", ""]
    assert list(shown["vs GM"]) == ["▲ Better", "○ Not compared"]


def test_neighbourhoods_are_tested_against_trafford_and_gm_on_the_built_store(built_store: None) -> None:
    for vintage in config.WARD_VINTAGES:
        table = coverage.neighbourhood_table("North", vintage)
        counted = comparators.tested_against_trafford_and_gm(table)
        assert counted >= 1, vintage
        both = table[comparators.tested(table, "trafford") & comparators.tested(table, "gm")]
        assert both["gm_lower"].notna().all() and both["lower_ci_95"].notna().all()
    assert reader.status().ready
    assert coverage.tested_against_trafford_and_gm("North", "2023") == counted

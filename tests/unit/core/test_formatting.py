"""Units in axis titles, labels and table headers: appended once, never "% (%)" or "(years) (years)"."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.value_rows import COMMON, NO_COUNTS, inequality_frames
from trafford_dash.compare import inequality, inequality_chart, scatter
from trafford_dash.compare import trends as compare_trends
from trafford_dash.compare.side import AreaKey
from trafford_dash.core import config, formatting
from trafford_dash.store import catalogue

CATALOGUE = catalogue.load_catalogue()


def standalone(unit: str, text: str) -> int:
    return len(re.findall(r"(?<![\w%£])" + re.escape(unit) + r"(?![\w%])", text, flags=re.IGNORECASE))


@pytest.mark.parametrize(
    ("label", "unit", "expected"),
    [
        ("Adults who smoke, %", "%", "Adults who smoke, %"),
        ("Life expectancy at birth, females (years)", "years", "Life expectancy at birth, females (years)"),
        ("Median age", "years", "Median age (years)"),
        ("LSOAs in the most deprived 10% nationally", "%", "LSOAs in the most deprived 10% nationally (%)"),
        (
            "Children in care, per 10,000",
            "per 10,000 aged under 18",
            "Children in care (per 10,000 aged under 18)",
        ),
        ("Hospital stays (SAR)", "SAR (England = 100)", "Hospital stays, SAR (England = 100)"),
        ("Bad health (age-standardised)", "% (age-standardised)", "Bad health, % (age-standardised)"),
        ("Crime rank", "rank of 32,844 LSOAs", "Crime rank of 32,844 LSOAs"),
        ("Number of employees", "employees", "Number of employees"),
        ("Anything", "", "Anything"),
    ],
)
def test_with_unit_appends_a_unit_only_when_missing(label: str, unit: str, expected: str) -> None:
    assert formatting.with_unit(label, unit) == expected


@pytest.mark.parametrize("row", CATALOGUE.to_dict("records"), ids=list(CATALOGUE["indicator_id"]))
def test_every_catalogue_title_carries_its_unit_exactly_once(row: dict[str, str]) -> None:
    shown = formatting.with_unit(row["title"], row["unit"])
    assert shown.startswith(formatting.with_unit(row["title"], "")[:12])
    if row["unit"]:
        assert standalone(row["unit"], shown) == 1, shown
    for bracket in re.findall(r"\(([^()]+)\)", shown):
        assert shown.count(f"({bracket})") == 1, shown
    assert "% (%)" not in shown and "(years) (years)" not in shown


def meta(indicator_id: str) -> dict[str, object]:
    found = CATALOGUE.set_index("indicator_id").loc[indicator_id].to_dict()
    return {str(k): v for k, v in found.items()} | {"indicator_id": indicator_id}


def trend_rows() -> pd.DataFrame:
    base = {
        "level": "borough",
        "vintage": "",
        "indicator_id": "life_expectancy_female",
        **COMMON,
        **NO_COUNTS,
        "lower_ci_95": float("nan"),
        "upper_ci_95": float("nan"),
        "area_name": "Trafford",
        "area_code": config.TRAFFORD_CODE,
    }
    return pd.DataFrame(
        [
            base | {"period": p, "year": y, "value": v}
            for p, y, v in [("2019", 2019, 83.0), ("2020", 2020, 84.0)]
        ]
    )


@pytest.mark.parametrize("indicator_id", ["life_expectancy_female", "smoking_adults", "low_birth_weight"])
def test_chart_axis_titles_never_repeat_the_unit(indicator_id: str) -> None:
    info = meta(indicator_id)
    area = AreaKey(config.TRAFFORD_CODE, "borough", "", config.TRAFFORD_CODE, "Trafford")
    rows = trend_rows().assign(indicator_id=indicator_id)
    result = compare_trends.trends(rows, [area], rows.iloc[0:0], info)
    title = compare_trends.figure(result, [area], info).layout.yaxis.title.text
    assert title == formatting.with_unit(str(info["title"]), str(info["unit"]))
    assert "% (%)" not in title and "(years) (years)" not in title


def test_scatter_axes_and_table_headers_name_the_unit_once() -> None:
    x, y = meta("low_birth_weight"), meta("life_expectancy_female")
    points = pd.DataFrame(
        {
            "area_code": ["a", "b", "c"],
            "area_name": ["A", "B", "C"],
            "group": ["Wards"] * 3,
            "value_x": [1.0, 2.0, 3.0],
            "value_y": [80.0, 81.0, 83.0],
            "approximate_x": [False] * 3,
            "approximate_y": [False] * 3,
            "period_x": ["2021"] * 3,
            "period_y": ["2021"] * 3,
        }
    )
    result = scatter.ScatterResult(points=points, fit=None, x_period="2021", y_period="2021")
    table = scatter.display_table(result, x, y)
    assert "Low birth weight of term babies (%)" in table.columns
    assert "Life expectancy at birth, females (years)" in table.columns


def test_inequality_axis_names_the_unit_once() -> None:
    info = meta("low_birth_weight") | {"ci_method": "none"}
    values = [8.0, 7.0, 6.0, 5.0, 4.0, 3.0]
    deprivation = [60.0, 50.0, 30.0, 20.0, 10.0, 5.0]
    frames = inequality_frames("low_birth_weight", values, deprivation, 1000.0)
    result = inequality.analyse(*frames, info, "Local quintiles")
    title = inequality_chart.figure(result, info).layout.yaxis.title.text
    assert title == "Low birth weight of term babies (%)"

"""Period labels order correctly and loader output is put into the store's shape."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.core import periods
from trafford_dash.pipeline import tidy
from trafford_dash.store import schema


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("2015 - 17", 2017),
        ("2017/18 to 2019/20", 2020),
        ("2020-06-30", 2020),
        ("2022/23 - 24/25", 2025),
        ("2009-11", 2011),
        ("2022-02", 2022),
        ("2017-10 to 2018-11", 2018),
        ("2019/20", 2020),
        ("Mar 2026", 2026),
        ("2024", 2024),
    ],
)
def test_period_end_year(label: str, year: int) -> None:
    assert periods.period_end_year(label) == year


def test_period_without_year_is_none() -> None:
    assert periods.period_end_year("not a period") is None
    assert periods.period_end_year(None) is None


def test_to_values_fills_defaults_and_validates() -> None:
    frame = pd.DataFrame(
        {
            "area_code": ["E05000819"],
            "area_name": ["Altrincham"],
            "level": ["ward"],
            "indicator_id": ["x"],
            "period": ["2015 - 17"],
            "value": [1.5],
            "source_key": ["k"],
        }
    )
    out = schema.IndicatorValues.validate(tidy.to_values(frame, vintage="2022"))
    assert list(out.columns) == schema.VALUE_COLUMNS
    assert out.loc[0, "year"] == 2017 and out.loc[0, "sex"] == "Persons" and out.loc[0, "age"] == "All ages"

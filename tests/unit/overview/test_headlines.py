"""The overview's headline table: indicators down the side, the four neighbourhoods and Trafford across."""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import config
from trafford_dash.overview import headlines


def rows() -> pd.DataFrame:
    areas = [*config.NEIGHBOURHOODS, config.TRAFFORD_NAME]
    return pd.DataFrame(
        [
            {
                "area": area,
                "indicator": indicator,
                "period": period,
                "shown": f"{i + 1}%",
                "approximate": approximate,
            }
            for indicator, period, approximate in (
                ("Bad or very bad general health", "2021", False),
                ("Life expectancy at birth, females (years)", "2015 - 19", True),
            )
            for i, area in enumerate(reversed(areas))
        ]
    )


def test_wide_has_one_row_per_indicator_and_a_column_per_area() -> None:
    wide = headlines.wide(rows())
    assert list(wide.columns) == ["Indicator", *config.NEIGHBOURHOODS, config.TRAFFORD_NAME]
    assert list(wide["Indicator"]) == [
        "Bad or very bad general health (2021)",
        "Life expectancy at birth, females (years) (2015 - 19)",
    ]
    assert wide.loc[1, config.TRAFFORD_NAME] == "1% *"  # approximations are marked


def test_wide_of_nothing_is_empty() -> None:
    assert headlines.wide(pd.DataFrame()).empty

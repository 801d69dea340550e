"""Each indicator's published precision is found at build, and every export rounds to it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from trafford_dash.store import export, precision


def values(rows: list[tuple[str, float, str, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "value", "source_key", "approximate"])


def test_decimals_come_from_the_published_figures_only() -> None:
    found = precision.published_decimals(
        values(
            [
                ("rate", 23.4, "src:a", False),
                ("rate", 19.0, "src:a", False),
                ("rate", 21.123456, "derived:aggregate", False),  # a neighbourhood mean
                ("rate", 20.987654, "src:a", True),  # a peer-group mean
                ("score", 0.123, "src:b", False),
                ("score", 12.5, "src:c", False),  # the most precise source sets the places
                ("count", 1200.0, "src:d", False),
                ("census", 100 * 312 / 977, "src:e", False),  # worked out from counts
                ("missing", np.nan, "src:f", False),
            ]
        )
    )
    assert found.to_dict() == {"rate": 1, "score": 3, "count": 0, "census": 1, "missing": 1}


def test_a_tiny_float_error_does_not_add_places() -> None:
    found = precision.published_decimals(
        values([("p", 0.1 + 0.2, "src", False), ("p", 100 * 0.0734, "src", False)])
    )
    assert found["p"] == 2


def test_figures_value_limits_and_comparators_are_rounded_and_nothing_else() -> None:
    frame = pd.DataFrame(
        {
            "indicator_id": ["a", "b", "local"],
            "value": [12.3456, 7.891, 1.23456],
            "lower_ci_95": [11.04, 7.1, 1.0],
            "upper_ci_998": [14.96, 8.66, 1.5],
            "england_value": [13.06, 6.95, np.nan],
            "reference_england": [13.049, 6.951, np.nan],
            "nbh_ward_max": [20.06, 9.9, np.nan],
            "count": [10.5, 3.25, 1.0],
            "denominator": [99.75, 40.0, 2.0],
            "rank": [1, 2, 3],
            "value_note": ["x", "y", "z"],
        }
    )
    rounded = export.published_figures(frame, pd.DataFrame({"indicator_id": ["a", "b"], "decimals": [1, 0]}))
    assert rounded["value"].tolist()[:2] == [12.3, 8.0] and rounded["value"].iloc[2] == 1.23456
    assert rounded["lower_ci_95"].tolist()[:2] == [11.0, 7.0]
    assert rounded["upper_ci_998"].tolist()[:2] == [15.0, 9.0]
    assert rounded["england_value"].iloc[0] == 13.1 and rounded["reference_england"].iloc[0] == 13.0
    assert rounded["nbh_ward_max"].iloc[0] == 20.1
    pd.testing.assert_series_equal(rounded["count"], frame["count"])
    pd.testing.assert_series_equal(rounded["denominator"], frame["denominator"])
    pd.testing.assert_series_equal(rounded["rank"], frame["rank"])


@pytest.mark.parametrize("decimals", [None, float("nan"), "2"])
def test_an_unknown_precision_leaves_the_figures(decimals: object) -> None:
    frame = pd.DataFrame({"value": [1.23456]})
    assert precision.round_figures(frame, decimals)["value"].iloc[0] == 1.23456


def test_one_indicators_export_gets_its_provenance_and_precision() -> None:
    meta = {"title": "T", "unit": "%", "source": "S", "licence": "L", "attribution": "A", "decimals": 2}
    out = export.with_meta(pd.DataFrame({"value": [1.23456], "lower_ci_95": [1.0049]}), meta)
    assert out.to_dict("records") == [
        {
            "value": 1.23,
            "lower_ci_95": 1.0,
            "title": "T",
            "unit": "%",
            "source": "S",
            "licence": "L",
            "attribution": "A",
        }
    ]

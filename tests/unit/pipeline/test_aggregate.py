"""Aggregation to larger areas: exact sums and ratios, labelled population-weighted means, refusals."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.pipeline import aggregate, tidy

CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["people", "share", "life", "median"],
        "aggregation": ["sum", "ratio_of_sums", "population_weighted_mean", "none"],
        "multiplier": [1.0, 100.0, 1.0, 1.0],
        "ci_method": ["none", "wilson", "none", "none"],
    }
)
MEMBERSHIP = pd.DataFrame(
    {
        "child_code": ["W1", "W2", "W3"],
        "child_level": "ward",
        "child_vintage": "2022",
        "parent_code": ["N1", "N1", "N2"],
        "parent_name": ["One", "One", "Two"],
        "parent_level": "neighbourhood",
        "parent_vintage": "2022",
    }
)


def ward_rows(indicator: str, values: list[float], **extra: list[float]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "area_code": ["W1", "W2", "W3"],
            "area_name": ["a", "b", "c"],
            "level": "ward",
            "vintage": "2022",
            "indicator_id": indicator,
            "period": "2021",
            "value": values,
            "source_key": "test",
            **extra,
        }
    )
    return tidy.to_values(frame)


def ward_weights(weights: list[float]) -> pd.DataFrame:
    """Population weights of the three wards (persons, mid-2020)."""
    return pd.DataFrame(
        {
            "child_code": ["W1", "W2", "W3"],
            "child_level": "ward",
            "child_vintage": "2022",
            "sex": "Persons",
            "weight": weights,
            "weight_period": "2020-06-30",
        }
    )


def test_sum_adds_counts_exactly() -> None:
    out = aggregate.aggregate(ward_rows("people", [10.0, 20.0, 5.0]), MEMBERSHIP, CATALOGUE)
    by_area = out.set_index("area_code")["value"]
    assert by_area["N1"] == 30.0 and by_area["N2"] == 5.0
    assert not out["approximate"].any()


def test_ratio_of_sums_recomputes_from_counts_not_from_percentages() -> None:
    rows = ward_rows("share", [10.0, 50.0, 20.0], count=[1.0, 50.0, 2.0], denominator=[10.0, 100.0, 10.0])
    out = aggregate.aggregate(rows, MEMBERSHIP, CATALOGUE).set_index("area_code")
    assert out.loc["N1", "value"] == pytest.approx(51 / 110 * 100)  # not the mean of 10% and 50%
    assert out.loc["N1", "count"] == 51 and out.loc["N1", "denominator"] == 110


def test_weighted_mean_is_flagged_approximate_and_names_the_method() -> None:
    rows = ward_rows("life", [80.0, 70.0, 75.0])
    weights = ward_weights([100.0, 300.0, 50.0])
    out = aggregate.aggregate(rows, MEMBERSHIP, CATALOGUE, weights=weights).set_index("area_code")
    assert out.loc["N1", "value"] == pytest.approx((80 * 100 + 70 * 300) / 400)
    assert out["approximate"].all()
    assert "weighted by resident population" in out.loc["N1", "value_note"]


def test_uncombinable_indicators_produce_nothing() -> None:
    out = aggregate.aggregate(ward_rows("median", [30.0, 40.0, 35.0]), MEMBERSHIP, CATALOGUE)
    assert out.empty


def test_incomplete_parents_are_left_out() -> None:
    rows = ward_rows("people", [10.0, float("nan"), 5.0])
    out = aggregate.aggregate(rows, MEMBERSHIP, CATALOGUE)
    assert list(out["area_code"]) == ["N2"]


def test_ratio_without_counts_falls_back_to_a_labelled_approximation() -> None:
    rows = ward_rows("share", [10.0, 50.0, 20.0])
    weights = ward_weights([1.0, 1.0, 1.0])
    out = aggregate.aggregate(rows, MEMBERSHIP, CATALOGUE, weights=weights).set_index("area_code")
    assert out.loc["N1", "value"] == pytest.approx(30.0)
    assert out.loc["N1", "approximate"]


def test_confidence_intervals_are_added_from_counts() -> None:
    rows = ward_rows("share", [10.0, 50.0, 20.0], count=[1.0, 50.0, 2.0], denominator=[10.0, 100.0, 10.0])
    out = aggregate.add_confidence_intervals(rows, CATALOGUE)
    assert out["lower_ci_95"].notna().all()
    assert (out["lower_ci_998"] <= out["lower_ci_95"]).all()
    assert (out["lower_ci_95"] <= out["value"]).all() and (out["value"] <= out["upper_ci_95"]).all()

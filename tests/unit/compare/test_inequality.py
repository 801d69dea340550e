"""Inequality by deprivation: cumulative rank, slope index of inequality, groups, refusals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.value_rows import census_meta, inequality_frames
from tests.value_rows import ward_frame as frame
from trafford_dash.compare import common, inequality, inequality_chart
from trafford_dash.core import stats
from trafford_dash.store import reader

META = census_meta("bad_health", "Bad health", ci_method="wilson", multiplier=100.0)


def test_cumulative_rank_puts_most_deprived_first() -> None:
    ranks = inequality.cumulative_rank(pd.Series([10.0, 40.0, 20.0]), pd.Series([100.0, 100.0, 200.0]))
    assert ranks["order"].tolist() == [3, 1, 2]
    assert ranks["x"].tolist() == pytest.approx([0.875, 0.125, 0.5])
    assert ranks["end"].max() == pytest.approx(1.0)


def test_slope_index_recovers_a_straight_line_and_matches_weighted_polyfit() -> None:
    x = np.array([0.1, 0.3, 0.5, 0.7, 0.9])
    exact = inequality.slope_index(80 + 6 * x, x, np.array([1.0, 2.0, 3.0, 2.0, 1.0]))
    assert exact.sii == pytest.approx(6.0) and exact.intercept == pytest.approx(80.0)
    assert exact.lower == pytest.approx(6.0) and exact.upper == pytest.approx(6.0)
    noisy = np.array([81.0, 81.5, 83.6, 84.0, 86.1])
    weights = np.array([100.0, 300.0, 200.0, 250.0, 150.0])
    found = inequality.slope_index(noisy, x, weights)
    slope, _ = np.polyfit(x, noisy, 1, w=np.sqrt(weights))
    assert found.sii == pytest.approx(slope)
    assert found.lower < found.sii < found.upper
    assert found.rii == pytest.approx(found.sii / np.average(noisy, weights=weights))


def test_analyse_groups_exactly_from_counts_and_flags_approximations() -> None:
    counts = [30.0, 20.0, 10.0, 8.0, 5.0, 4.0]
    denominators = [300.0, 300.0, 300.0, 300.0, 300.0, 300.0]
    values = [c / d * 100 for c, d in zip(counts, denominators, strict=True)]
    indicator = frame("bad_health", values, count=counts, denominator=denominators)
    deprivation = frame("imd_score", [60.0, 50.0, 30.0, 20.0, 10.0, 5.0])
    population = frame("population", [1000.0] * 6)
    result = inequality.analyse(indicator, deprivation, population, META, "Local quintiles", noun="wards")
    assert result.refusal is None and result.sii is not None
    assert result.sii.sii < 0  # less bad health at the least deprived end
    first = result.groups.iloc[0]
    assert first["label"] == "Quintile 1 (most deprived)" and not first["approximate"]
    # midpoints 1/12, 3/12, 5/12, 7/12, 9/12, 11/12 of the population: groups 1, 2, 3, 3, 4, 5
    assert result.groups["areas"].tolist() == [1, 1, 2, 1, 1]
    expected = stats.ci_columns(18.0, 600.0, "wilson", 100.0).iloc[0]
    third = result.groups.iloc[2]
    assert third["value"] == pytest.approx(expected["value"])
    assert third["lower_ci_95"] == pytest.approx(expected["lower_ci_95"])
    expected = stats.ci_columns(30.0, 300.0, "wilson", 100.0).iloc[0]
    assert first["value"] == pytest.approx(expected["value"])
    assert first["lower_ci_95"] == pytest.approx(expected["lower_ci_95"])
    approx = inequality.analyse(
        frame("x", values), deprivation, population, META | {"ci_method": "none"}, "Local deciles"
    )
    assert approx.groups["approximate"].all() and approx.groups["lower_ci_95"].isna().all()
    sentence = inequality.summary(result, META, "wards")
    assert "slope index of inequality is" in sentence and "percentage points" in sentence
    assert "lower at the least deprived end" in sentence
    figure = inequality_chart.figure(result, META)
    assert [t.type for t in figure.data] == ["scatter"] * 4
    assert figure.data[-1].y == pytest.approx((result.sii.intercept, result.sii.intercept + result.sii.sii))
    exported = inequality.export_frame(result, META)
    assert {"area", "group"} == set(exported["row_type"]) and {"sii", "source", "licence"} <= set(
        exported.columns
    )


def test_national_groups_fall_back_to_local_for_wards() -> None:
    indicator = frame("bad_health", [5.0, 4.0, 3.0, 2.0, 1.0])
    deprivation = frame("imd_score", [50.0, 40.0, 30.0, 20.0, 10.0])
    population = frame("population", [10.0] * 5)
    result = inequality.analyse(indicator, deprivation, population, META, "National IoD deciles")
    assert result.grouping == "Local deciles" and any("LSOAs only" in note for note in result.notes)


def test_refusals() -> None:
    assert "deprivation measure itself" in (
        inequality.applies({"indicator_id": "imd_score", "title": "IMD"}) or ""
    )
    assert "count" in (inequality.applies({"indicator_id": "p", "title": "P", "value_type": "count"}) or "")
    assert "rank" in (inequality.applies({"indicator_id": "r", "title": "R", "value_type": "rank"}) or "")
    small = frame("bad_health", [1.0, 2.0, 3.0])
    result = inequality.analyse(
        small, frame("imd_score", [3.0, 2.0, 1.0]), frame("population", [1.0] * 3), META
    )
    assert result.refusal and "at least 5" in result.refusal


LEVELS = ("ward_2022", "ward_2023", "lsoa")


@pytest.mark.store
def test_every_indicator_is_split_by_deprivation_or_refused(built_store: None) -> None:
    catalogue = reader.load_table("catalogue")
    split = 0
    deciles = reader.load_values("imd_decile", "lsoa")
    for level_key in LEVELS:
        choice = common.LEVEL_CHOICES[level_key]
        values = reader.load_values(level=choice.level, vintage=choice.vintage)
        parts = dict(tuple(values.groupby("indicator_id")))
        for info in common.records(catalogue):
            reason = inequality.applies(info) or common.level_refusal(info, level_key, LEVELS)
            if reason:
                assert info["title"] in reason
                continue
            result = inequality.analyse(
                parts[info["indicator_id"]],
                parts["imd_score"],
                parts["population"],
                info,
                "National IoD quintiles" if choice.level == "lsoa" else "Local quintiles",
                deciles if choice.level == "lsoa" else None,
            )
            assert result.refusal is None, (info["indicator_id"], level_key, result.refusal)
            assert len(result.groups) == 5 and result.sii is not None and np.isfinite(result.sii.sii)
            split += 1
    assert split > 100


def test_group_ticks_are_numbers_spaced_apart() -> None:
    """Small groups sit close together; their tick labels must not overlap (one number each, spaced)."""
    assert inequality_chart.tick_positions([0.01, 0.03, 0.06, 0.2, 0.22, 0.5]) == [0, 2, 3, 5]
    values = [3.0, 5.0, 7.0, 9.0, 11.0, 13.0]
    frames = inequality_frames("x", values, [60.0, 50.0, 40.0, 30.0, 20.0, 10.0], 100.0)
    result = inequality.analyse(*frames, META, "Local quintiles")
    axis = inequality_chart.figure(result, META).layout.xaxis
    assert all(text.isdigit() for text in axis.ticktext)
    gaps = [b - a for a, b in zip(axis.tickvals, axis.tickvals[1:], strict=False)]
    assert min(gaps) >= inequality_chart.MIN_TICK_GAP
    assert "most deprived" in axis.title.text and "least deprived" in axis.title.text

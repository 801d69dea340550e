"""The money challenge: only the plan's stated points, unless interpolation is asked for and labelled."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from trafford_dash.spend import finance, trajectory


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    return finance.load_finance_trajectories()


def test_stated_points_are_exactly_the_plans(points: pd.DataFrame) -> None:
    laid = trajectory.with_interpolation(points, interpolate=False)
    assert (laid["point_type"] == "stated").all()
    got = {(r.series, r.x): (r.value, r.unit) for r in laid.itertuples()}
    assert got == {
        ("ccg_deficit", "Year 1"): (7.0, "£m"),
        ("ccg_deficit", "Year 5"): (1.5, "£m"),
        ("ccg_efficiency_savings", "4-year total"): (35.0, "£m"),
        ("ccg_efficiency_rate", "Year 1"): (3.25, "%"),
        ("ccg_efficiency_rate", "Year 5"): (1.1, "%"),
        ("council_budget_gap", "3-year total"): (32.0, "£m"),
    }


def test_interpolated_points_are_marked_and_explained(points: pd.DataFrame) -> None:
    laid = trajectory.with_interpolation(points, interpolate=True)
    filled = laid[laid["point_type"] == "interpolated"]
    deficit = filled[filled["series"] == "ccg_deficit"].set_index("x")["value"]
    assert deficit.to_dict() == pytest.approx({"Year 2": 5.625, "Year 3": 4.25, "Year 4": 2.875})
    savings = filled[filled["series"] == "ccg_efficiency_savings"]["value"]
    assert savings.tolist() == pytest.approx([8.75] * 4)
    gap = filled[filled["series"] == "council_budget_gap"]["value"]
    assert gap.sum() == pytest.approx(32.0)
    assert (filled["source_key"] == "assumption").all()
    assert filled["note"].str.startswith("Assumption: ").all()
    assert len(laid[laid["point_type"] == "stated"]) == 6


def series_traces(fig: go.Figure, series: str) -> list[Any]:
    return [trace for trace in fig.data if trace.meta == series]


def test_charts_draw_stated_and_assumed_points_differently(points: pd.DataFrame) -> None:
    plain = trajectory.figure(trajectory.with_interpolation(points, False))
    deficit = series_traces(plain, "ccg_deficit")
    assert [t.name for t in deficit] == ["Stated in the plan"]
    assert list(deficit[0].y) == [7.0, 1.5]
    filled = trajectory.figure(trajectory.with_interpolation(points, True))
    assumed = next(t for t in series_traces(filled, "ccg_deficit") if t.name == "Interpolated (assumption)")
    assert assumed.line.dash == "dash"
    assert assumed.marker.symbol == "circle-open"
    bars = series_traces(filled, "council_budget_gap")
    assert [t.type for t in bars] == ["bar", "bar"]
    assert bars[1].marker.pattern.shape == "/"


def test_small_multiples_give_each_series_its_own_panel_and_one_legend_entry(points: pd.DataFrame) -> None:
    fig = trajectory.figure(trajectory.with_interpolation(points, True))
    axes = {series: {t.xaxis for t in series_traces(fig, series)} for series in trajectory.LAYOUTS}
    assert all(len(a) == 1 for a in axes.values())
    assert len(set.union(*axes.values())) == 4
    titles = [
        a.text for a in fig.layout.annotations if a.text in {x.title for x in trajectory.LAYOUTS.values()}
    ]
    assert len(titles) == 4
    legend = [t.name for t in fig.data if t.showlegend]
    assert sorted(legend) == sorted(set(legend))


def test_efficiency_chart_shows_the_national_minimum(points: pd.DataFrame) -> None:
    fig = trajectory.figure(trajectory.with_interpolation(points, False))
    (axis,) = {t.yaxis for t in series_traces(fig, "ccg_efficiency_rate")}
    levels = sorted(shape.y0 for shape in fig.layout.shapes if shape.yref == axis)
    assert levels == pytest.approx([1.1, 1.6])


def test_sentences_are_built_from_the_points(points: pd.DataFrame) -> None:
    assert trajectory.sentence(points, "ccg_deficit") == (
        "The CCG planned an in-year deficit of £7m in the first year of its five-year trajectory, falling "
        "to £1.5m in the final year: £5.5m (79%) less."
    )
    assert "£35m of efficiency savings over 2020/21–2023/24" in trajectory.sentence(
        points, "ccg_efficiency_savings"
    )
    assert "up to 3.25% a year, falling to 1.1%" in trajectory.sentence(points, "ccg_efficiency_rate")
    assert "£32m budget gap over three years" in trajectory.sentence(points, "council_budget_gap")


def test_export_has_period_source_and_licence(points: pd.DataFrame) -> None:
    out = trajectory.export_points(trajectory.with_interpolation(points, True))
    assert {"period", "source", "licence", "point_type"} <= set(out.columns)
    assert out.loc[out["point_type"] == "interpolated", "source"].eq("Assumption (not published)").all()
    assert out.loc[out["point_type"] == "stated", "source"].str.contains("LP2019 §7.8").all()

"""One trend style: Trafford, GM, England and peer means look the same on Pillars and Compare."""

from __future__ import annotations

import pandas as pd

from tests.unit.pillar_rows import frame, meta, row
from trafford_dash.compare import trends as compare_trends
from trafford_dash.compare.side import AreaKey
from trafford_dash.core import config, trend_style
from trafford_dash.pillars import charts

T, E, GM = config.TRAFFORD_CODE, config.ENGLAND_CODE, config.GM_CODE
BENCHMARK_CODES = [T, GM, E, "cipfa", "nhs_near_neighbours", "childrens_services"]


def rows() -> pd.DataFrame:
    return frame(
        *[
            row(code, period, value)
            for code in BENCHMARK_CODES
            for period, value in (("2021", 10.0), ("2022", 11.0))
        ]
    )


def look(trace: object) -> tuple[str, str, str, float]:
    marker = [str(s).removesuffix("-open") for s in trace.marker.symbol]  # type: ignore[attr-defined]
    assert len(set(marker)) == 1
    return trace.line.color, trace.line.dash, marker[0], trace.line.width  # type: ignore[attr-defined]


def test_pillars_and_compare_draw_each_benchmark_series_alike() -> None:
    data = rows()
    series = charts.trend_series(data, "Persons", "All ages")
    pillar_traces = {t.name: look(t) for t in charts.trend_figure(series, meta()).data}
    chosen = [
        AreaKey(
            code,
            str(data.loc[data["area_code"] == code, "level"].iloc[0]),
            "",
            code,
            trend_style.BENCHMARKS[code].label,
        )
        for code in BENCHMARK_CODES
    ]
    england = data[data["area_code"] == E]
    result = compare_trends.trends(data, chosen, england, meta() | {"polarity": "lower_is_better"})
    compare_traces = {
        t.name: look(t)
        for t in compare_trends.figure(result, chosen, meta()).data
        if t.mode and "lines" in t.mode
    }
    assert len(pillar_traces) == len(BENCHMARK_CODES)
    assert not any("triangle" in marker for _, _, marker, _ in pillar_traces.values())
    assert pillar_traces == compare_traces


def test_no_series_marker_is_a_triangle_which_means_better_or_worse() -> None:
    styles = list(trend_style.BENCHMARKS.values()) + [
        trend_style.style_for(f"E0500{i}", other_index=i) for i in range(12)
    ]
    assert all("triangle" not in s.marker for s in styles)
    assert trend_style.BENCHMARKS[GM].marker not in ("triangle-down", "triangle-down-open")


def test_other_areas_cycle_without_taking_a_benchmark_style() -> None:
    styles = trend_style.styles_for([(T, "Trafford"), ("nbh_north", "North"), ("E05000001", "A ward")])
    assert styles[0] == trend_style.BENCHMARKS[T]
    assert styles[1].label == "North" and styles[1] != styles[2]
    assert trend_style.symbols(styles[0], [False, True]) == ["circle", "circle-open"]

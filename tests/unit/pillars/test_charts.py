"""Figures behind an opened tile: trend lines, authorities ranked, neighbourhoods, and their sentences."""

from __future__ import annotations

import pandas as pd

from tests.unit.pillar_rows import frame, meta, row
from trafford_dash.core import config, trends
from trafford_dash.pillars import charts, distribution, neighbourhoods

T, E, GM = config.TRAFFORD_CODE, config.ENGLAND_CODE, config.GM_CODE


def trend_rows() -> pd.DataFrame:
    return frame(
        row(T, "2021", 12.0, lower_ci_95=11.0, upper_ci_95=13.0),
        row(T, "2023", 10.0, lower_ci_95=9.0, upper_ci_95=11.5),
        row(E, "2021", 14.0),
        row(E, "2023", 13.0),
        row(GM, "2023", 15.0, approximate=True),
        row("cipfa", "2023", 11.0, approximate=True),
    )


def test_trend_figure_has_a_line_per_benchmark_with_trafford_intervals() -> None:
    series = charts.trend_series(trend_rows(), "Persons", "All ages")
    figure = charts.trend_figure(series, meta())
    names = [trace.name for trace in figure.data]
    assert names == ["Trafford", "Greater Manchester", "England", "CIPFA nearest neighbours (mean)"]
    trafford = figure.data[0]
    assert list(trafford.x) == ["2021", "2023"] and list(trafford.y) == [12.0, 10.0]
    assert list(trafford.error_y.array) == [1.0, 1.5] and list(trafford.error_y.arrayminus) == [1.0, 1.0]
    assert list(figure.data[1].marker.symbol) == ["square-open"]  # approximation drawn hollow
    assert "Period: 2023" in figure.data[0].text[1] and "10.0%" in figure.data[0].text[1]
    assert list(figure.layout.xaxis.categoryarray) == ["2021", "2023"]
    table = charts.trend_table(series)
    assert len(table) == 6 and set(table["area_name"]) >= {"Trafford", "England"}


def test_trend_sentence_is_written_from_the_data() -> None:
    series = charts.trend_series(trend_rows(), "Persons", "All ages")
    assert charts.trend_sentence(series, meta()) == (
        "Trafford's figure for Test indicator was 10.0% in 2023, down from 12.0% in 2021 (2 periods, "
        "improving); England's was 13.0%."
    )
    assert "no Trafford series" in charts.trend_sentence({}, meta())


def test_plain_title_drops_the_unit() -> None:
    assert charts.plain_title("Adults who smoke, %") == "Adults who smoke"
    assert charts.plain_title("Children in care, per 10,000") == "Children in care"
    assert charts.plain_title("Life expectancy at birth, females (years)") == (
        "Life expectancy at birth, females (years)"
    )


def la_rows() -> pd.DataFrame:
    return frame(
        row("E08000001", "2023", 8.0),
        row("E08000002", "2023", 12.0),
        row("E07000001", "2023", 30.0),
        row("E10000001", "2023", 11.0),
        row("E08000001", "2022", 99.0),
    )


def test_authorities_keep_one_tier_and_include_trafford() -> None:
    trafford = trends.records(frame(row(T, "2023", 10.0)))[0]
    areas = distribution.authorities(la_rows(), trafford)
    assert areas["area_code"].tolist() == [
        "E08000001",
        T,
        "E10000001",
        "E08000002",
    ]  # no E07 with E10 present
    figure = distribution.distribution_figure(areas, meta(), {"value": 13.0, "period": "2023"})
    assert [t.name for t in figure.data] == ["Other authorities", "Trafford"]
    assert list(figure.data[1].x) == [2] and list(figure.data[1].y) == [10.0]
    assert distribution.distribution_sentence(areas, meta()) == (
        "In 2023, 1 of the other 3 authorities with a figure had a lower value than Trafford and 2 a higher "
        "one, so 33% of them did better than Trafford."
    )
    assert distribution.distribution_table(areas)["rank_lowest_first"].tolist() == [1, 2, 3, 4]
    assert distribution.authorities(la_rows(), None).empty


def test_neighbourhood_figure_table_and_sentence() -> None:
    rows = frame(
        row("nbh_north", "2021", 6.0, lower_ci_95=5.5, upper_ci_95=6.5),
        row("nbh_south", "2021", 3.0, lower_ci_95=2.8, upper_ci_95=3.2),
        row(T, "2021", 4.6, lower_ci_95=4.5, upper_ci_95=4.7),
    )
    nbh = neighbourhoods.neighbourhood_rows(rows, "Persons", "All ages")
    trafford = trends.row_for_period(trends.records(rows), T, "2021", "Persons", "All ages")
    figure = charts.neighbourhood_figure(nbh, meta(), trafford)
    assert figure.data[0].type == "bar" and list(figure.data[0].y) == ["North", "South"]
    assert list(figure.data[0].marker.color) == ["#0072B2", "#CC79A7"]
    table = charts.neighbourhood_table(nbh, trafford, meta())
    assert table["against_trafford"].tolist() == ["▼ Worse", "▲ Better"]
    assert charts.neighbourhood_sentence(nbh, meta(), trafford) == (
        "In 2021, North had the highest value (6.0%) and South the lowest (3.0%), against 4.6% for Trafford."
    )


def test_neighbourhood_vintage_prefers_recent_then_exact_then_plan_wards() -> None:
    rows = frame(
        row("nbh_north", "2021", 6.0, vintage="2023", approximate=True),
        row("nbh_north", "2021", 5.0, vintage="2022"),
        row("nbh_south", "2021", 3.0, vintage="2022"),
    )
    chosen = neighbourhoods.neighbourhood_rows(rows, "Persons", "All ages")
    assert chosen["vintage"].unique().tolist() == ["2022"]
    newer = frame(
        row("nbh_north", "2019", 1.0, vintage="2022"), row("nbh_north", "2025", 2.0, vintage="2023")
    )
    assert neighbourhoods.neighbourhood_rows(newer, "Persons", "All ages")["period"].tolist() == ["2025"]


def test_trend_lines_join_one_period_length_and_say_what_was_left_out() -> None:
    rows = frame(
        row(T, "2014 - 16", 80.0, year=2016),
        row(T, "2013 - 17", 80.5, year=2017, approximate=True),
        row(T, "2016 - 18", 81.0, year=2018),
        row(E, "2014 - 16", 79.0, year=2016),
        row(E, "2016 - 18", 79.5, year=2018),
    )
    series = charts.trend_series(rows, "Persons", "All ages")
    assert [r["period"] for r in series[T]] == ["2014 - 16", "2016 - 18"]
    assert charts.left_out_sentence(rows, "Persons", "All ages") == (
        "Left out so that no line mixes period lengths: Trafford: 2013 - 17 (5 years), as the line joins "
        "only 3-year periods."
    )
    assert charts.left_out_sentence(trend_rows(), "Persons", "All ages") == ""

"""Series over time: slice choice, ordering, approximations dropped where published, latest change."""

from __future__ import annotations

import pytest

from tests.unit.pillar_rows import frame, row
from tests.unit.series_views import area_series, period_order
from trafford_dash.core import config, trends

T = config.TRAFFORD_CODE


def test_slice_prefers_persons_and_all_ages_else_the_commonest() -> None:
    assert trends.choose_slice(frame(row(T, "2020", 1), row(T, "2020", 2, sex="Male"))) == (
        "Persons",
        "All ages",
    )
    adults = frame(row(T, "2011", 1, age="16+"), row(T, "2021", 2, age="16+"), row(T, "2021", 3, age="16-64"))
    assert trends.choose_slice(adults) == ("Persons", "16+")
    assert trends.choose_slice(frame(row(T, "2020", 1, sex="Female"))) == ("Female", "All ages")


def test_series_is_in_time_order_and_drops_a_duplicating_approximation() -> None:
    rows = frame(
        row(T, "2019/20", 3.0, year=2020),
        row(T, "2017/18 to 2019/20", 9.0, year=2020, approximate=True),
        row(T, "2018/19", 2.0, year=2019),
        row(T, "2011", 1.0, approximate=True),
        row(config.ENGLAND_CODE, "2019/20", 5.0, year=2020),
    )
    series = area_series(rows, T, "Persons", "All ages")
    assert series["period"].tolist() == ["2011", "2018/19", "2019/20"]
    assert series["approximate"].tolist() == [True, False, False]


def test_monthly_periods_sort_by_label_within_a_year() -> None:
    rows = frame(
        row(T, "2025-12-01", 2, year=2025), row(T, "2026-01-01", 3, year=2026), row(T, "2025-02-01", 1)
    )
    assert period_order(rows) == ["2025-02-01", "2025-12-01", "2026-01-01"]


def test_latest_change_is_polarity_aware() -> None:
    rows = trends.records(frame(row(T, "2022", 10.0), row(T, "2023", 8.5)))
    down = trends.latest_change(rows, "lower_is_better")
    assert (down.direction, down.judgement, down.previous_period) == ("down", "improving", "2022")
    assert round(down.delta or 0, 6) == -1.5
    assert trends.latest_change(rows, "higher_is_better").judgement == "worsening"
    assert trends.latest_change(rows, "no_judgement").judgement == "not judged"


def test_no_change_and_single_period() -> None:
    same = trends.latest_change(
        trends.records(frame(row(T, "2022", 4.0), row(T, "2023", 4.0))), "lower_is_better"
    )
    assert (same.direction, same.judgement) == ("same", "no change")
    single = trends.latest_change(trends.records(frame(row(T, "2023", 4.0))), "lower_is_better")
    assert single.direction is None and single.period == "2023"


def test_change_involving_an_approximation_is_flagged() -> None:
    rows = trends.records(frame(row(T, "2011", 4.0, approximate=True), row(T, "2021", 5.0)))
    assert trends.latest_change(rows, "lower_is_better").approximate


def test_row_for_period_prefers_exact_figures() -> None:
    rows = trends.records(frame(row(T, "2023", 9.0, approximate=True, vintage="x"), row(T, "2023", 8.0)))
    found = trends.row_for_period(rows, T, "2023", "Persons", "All ages")
    assert found is not None and found["value"] == 8.0
    assert trends.row_for_period(rows, T, "2024", "Persons", "All ages") is None


@pytest.mark.parametrize(
    ("period", "length"),
    [
        ("2019", "1 year"),
        ("2017/18", "1 year"),
        ("2015 - 17", "3 years"),
        ("2015 - 19", "5 years"),
        ("2015 to 2019", "5 years"),
        ("2022/23 - 24/25", "3 years"),
        ("2017/18 to 2019/20", "3 years"),
        ("2021/22 Q1", "quarter"),
        ("2021/22 Q1 - 2022/23 Q4", "cumulative from 2021/22 Q1"),
        ("2024-06-30", "date"),
        ("2025-03", "month"),
        ("2010 to 2020", "11 years"),
    ],
)
def test_period_length_reads_the_label(period: str, length: str) -> None:
    assert trends.period_length(period) == length


def test_a_series_never_mixes_period_lengths() -> None:
    rows = [
        {"period": p, "year": int(p[:4]) + 2, "value": 1.0, "approximate": a}
        for p, a in [("2014 - 16", False), ("2015 - 19", True), ("2016 - 18", False), ("2017 - 19", False)]
    ]
    kept, left = trends.one_length(rows)
    assert [r["period"] for r in kept] == ["2014 - 16", "2016 - 18", "2017 - 19"]
    assert [r["period"] for r in left] == ["2015 - 19"]
    sentence = trends.left_out_sentence([("Trafford", kept, left)])
    assert sentence == (
        "Left out so that no line mixes period lengths: Trafford: 2015 - 19 (5 years), as the line joins "
        "only 3-year periods."
    )
    # a tie goes to the length of the most recent point; a cumulative series is one length
    tie, dropped = trends.one_length([{"period": "2019 - 21"}, {"period": "2022"}])
    assert [r["period"] for r in tie] == ["2022"] and [r["period"] for r in dropped] == ["2019 - 21"]
    cumulative = [{"period": p} for p in ("2021/22 Q1", "2021/22 Q1 - 2021/22 Q2", "2021/22 Q1 - 2021/22 Q3")]
    assert trends.one_length(cumulative) == (cumulative, [])
